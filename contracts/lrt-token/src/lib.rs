//! The liquid restaking token (LRT).
//!
//! An ERC-20 with metadata, EIP-2612 `permit`, the EIP-712 domain readable through ERC-5267
//! `eip712Domain()`, and ERC-165. Only holders of [`MINTER_ROLE`] (the restaking vaults) mint
//! and burn. Roles follow OpenZeppelin's `AccessControl`; the first admin is a constructor
//! argument, never `msg.sender` (under `StylusDeployer` that is the deployer contract).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
// The SDK's macros generate undocumented public items (`user_entrypoint` in the WASM build,
// `print_from_args` under export-abi); the native test build still checks every item of ours.
#![cfg_attr(
    any(target_arch = "wasm32", feature = "export-abi"),
    allow(missing_docs)
)]
// Tests compute expected values with plain operators on small numbers.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

pub mod erc20;
pub mod errors;
pub mod events;
pub mod interface_ids;
pub mod permit;
pub mod router;

use alloc::{string::String, vec, vec::Vec};

use alloy_primitives::{Address, B256, FixedBytes, U256, keccak256};
use restaking_common::{
    access_control::{AccessControl, DEFAULT_ADMIN_ROLE},
    ecdsa, eip712,
};
use stylus_sdk::{
    keccak_const::Keccak256,
    prelude::*,
    storage::{StorageMap, StorageU256},
};

use crate::{
    erc20::Erc20,
    errors::{
        ERC20InsufficientBalance, ERC2612ExpiredSignature, ERC2612InvalidSigner, Error,
        LrtTokenMinterAlreadyGranted, LrtTokenZeroAmount,
    },
    permit::{EIP712_VERSION, EIP712_VERSION_HASH, permit_struct_hash},
};

/// `keccak256("MINTER_ROLE")`: may mint and burn.
pub const MINTER_ROLE: B256 = B256::new(Keccak256::new().update(b"MINTER_ROLE").finalize());

/// The LRT token contract.
#[storage]
pub struct LrtToken {
    erc20: Erc20,
    /// EIP-2612 nonce of each owner.
    nonces: StorageMap<Address, StorageU256>,
    roles: AccessControl,
}

#[public]
impl LrtToken {
    /// Sets the metadata and grants [`DEFAULT_ADMIN_ROLE`] to `admin`.
    ///
    /// # Arguments
    /// * `name`, `symbol`, `decimals` - ERC-20 metadata; `name` is also the EIP-712 domain name.
    /// * `admin` - receives the admin role, which grants [`MINTER_ROLE`] to the vaults.
    ///
    /// # Errors
    /// `LrtTokenMetadataTooLong` when `name` or `symbol` is over 31 bytes;
    /// `AccessControlZeroAddress` when `admin` is zero.
    ///
    /// # Events
    /// `RoleGranted(DEFAULT_ADMIN_ROLE, admin, msg.sender)`.
    #[constructor]
    pub fn constructor(
        &mut self,
        name: String,
        symbol: String,
        decimals: u8,
        admin: Address,
    ) -> Result<(), Error> {
        self.erc20.init_metadata(&name, &symbol, decimals)?;
        self.roles.grant_role_unchecked(DEFAULT_ADMIN_ROLE, admin)?;
        Ok(())
    }

    // ----- ERC-20 -----

    /// The token's name.
    pub fn name(&self) -> String {
        self.erc20.name()
    }

    /// The token's symbol.
    pub fn symbol(&self) -> String {
        self.erc20.symbol()
    }

    /// The token's decimals.
    pub fn decimals(&self) -> u8 {
        self.erc20.decimals()
    }

    /// Tokens in existence.
    pub fn total_supply(&self) -> U256 {
        self.erc20.total_supply()
    }

    /// Tokens held by `account`.
    pub fn balance_of(&self, account: Address) -> U256 {
        self.erc20.balance_of(account)
    }

    /// Moves `value` of the caller's tokens to `to`. Zero-value transfers are normal transfers.
    ///
    /// # Errors
    /// `ERC20InvalidReceiver` when `to` is zero; `ERC20InsufficientBalance` when the caller
    /// holds less than `value`.
    ///
    /// # Events
    /// `Transfer`.
    pub fn transfer(&mut self, to: Address, value: U256) -> Result<bool, Error> {
        let from = self.vm().msg_sender();
        self.erc20.transfer(from, to, value)?;
        Ok(true)
    }

    /// Tokens `spender` may still move on behalf of `owner`.
    pub fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.erc20.allowance(owner, spender)
    }

    /// Lets `spender` move up to `value` of the caller's tokens; `type(uint256).max` is an
    /// infinite allowance that is never decremented.
    ///
    /// # Errors
    /// `ERC20InvalidSpender` when `spender` is zero.
    ///
    /// # Events
    /// `Approval`.
    pub fn approve(&mut self, spender: Address, value: U256) -> Result<bool, Error> {
        let owner = self.vm().msg_sender();
        self.erc20.approve(owner, spender, value, true)?;
        Ok(true)
    }

    /// Moves `value` of `from`'s tokens to `to` using the caller's allowance.
    ///
    /// # Errors
    /// `ERC20InsufficientAllowance` when the allowance is below `value`;
    /// `ERC20InvalidSender` / `ERC20InvalidReceiver` for zero addresses;
    /// `ERC20InsufficientBalance` when `from` holds less than `value`.
    ///
    /// # Events
    /// `Transfer` (no `Approval`, as in OpenZeppelin v5).
    pub fn transfer_from(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
    ) -> Result<bool, Error> {
        let spender = self.vm().msg_sender();
        let remaining = self.erc20.allowance_after_spending(from, spender, value)?;
        self.erc20.transfer(from, to, value)?;
        if let Some(remaining) = remaining {
            self.erc20.approve(from, spender, remaining, false)?;
        }
        Ok(true)
    }

    // ----- Mint and burn -----

    /// Creates `amount` tokens for `to`. Only [`MINTER_ROLE`].
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount` when the caller is not a minter;
    /// `LrtTokenZeroAmount` when `amount` is zero; `ERC20InvalidReceiver` when `to` is zero;
    /// `LrtTokenSupplyOverflow` when the supply would overflow.
    ///
    /// # Events
    /// `Transfer` from the zero address.
    pub fn mint(&mut self, to: Address, amount: U256) -> Result<(), Error> {
        self.roles.only_role(MINTER_ROLE)?;
        if amount.is_zero() {
            return Err(Error::ZeroAmount(LrtTokenZeroAmount {}));
        }
        self.erc20.mint(to, amount)
    }

    /// Destroys `amount` of `from`'s tokens. Only [`MINTER_ROLE`]; needs no allowance (the
    /// vault burns shares it holds in escrow or redeems).
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount` when the caller is not a minter;
    /// `LrtTokenZeroAmount` when `amount` is zero; `ERC20InvalidSender` when `from` is zero;
    /// `ERC20InsufficientBalance` when `from` holds less than `amount`.
    ///
    /// # Events
    /// `Transfer` to the zero address.
    pub fn burn(&mut self, from: Address, amount: U256) -> Result<(), Error> {
        self.roles.only_role(MINTER_ROLE)?;
        if amount.is_zero() {
            return Err(Error::ZeroAmount(LrtTokenZeroAmount {}));
        }
        self.erc20.burn(from, amount)
    }

    /// Destroys `amount` of `from`'s tokens on behalf of `spender`, spending `spender`'s
    /// allowance over them unless `spender` is `from` (an infinite allowance is not
    /// decremented). Only [`MINTER_ROLE`]: a vault burns the shares a third party asks to
    /// redeem for their owner.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount` when the caller is not a minter;
    /// `LrtTokenZeroAmount` when `amount` is zero; `ERC20InsufficientBalance` when `from`
    /// holds less than `amount` (checked first); `ERC20InsufficientAllowance` when
    /// `spender`'s allowance is below `amount`; `ERC20InvalidSender` when `from` is zero.
    ///
    /// # Events
    /// `Transfer` to the zero address.
    pub fn burn_from(
        &mut self,
        from: Address,
        spender: Address,
        amount: U256,
    ) -> Result<(), Error> {
        self.roles.only_role(MINTER_ROLE)?;
        if amount.is_zero() {
            return Err(Error::ZeroAmount(LrtTokenZeroAmount {}));
        }
        // The balance is checked before the allowance: the vault's request relies on this
        // order for its own errors (a short balance is reported before a short allowance).
        // Nothing is written before both pass.
        let balance = self.erc20.balance_of(from);
        if !from.is_zero() && balance < amount {
            return Err(Error::InsufficientBalance(ERC20InsufficientBalance {
                sender: from,
                balance,
                needed: amount,
            }));
        }
        let remaining = if spender == from {
            None
        } else {
            self.erc20.allowance_after_spending(from, spender, amount)?
        };
        self.erc20.burn(from, amount)?;
        if let Some(remaining) = remaining {
            self.erc20.approve(from, spender, remaining, false)?;
        }
        Ok(())
    }

    // ----- EIP-2612 permit, EIP-712, ERC-5267 -----

    /// Sets `spender`'s allowance over `owner`'s tokens to `value`, authorised by `owner`'s
    /// EIP-712 signature `(v, r, s)` instead of a transaction from `owner`.
    ///
    /// # Errors
    /// `ERC2612ExpiredSignature` when `block.timestamp > deadline`;
    /// `ECDSAInvalidSignatureS` for a high-`s` (malleable) signature;
    /// `ECDSAInvalidSignature` when the signature recovers no address;
    /// `ERC2612InvalidSigner` when it recovers another address than `owner` (also a replay,
    /// whose nonce has been used); `ERC20InvalidSpender` when `spender` is zero.
    ///
    /// # Events
    /// `Approval`.
    #[allow(clippy::too_many_arguments)]
    pub fn permit(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
        deadline: U256,
        v: u8,
        r: B256,
        s: B256,
    ) -> Result<(), Error> {
        if U256::from(self.vm().block_timestamp()) > deadline {
            return Err(Error::ExpiredSignature(ERC2612ExpiredSignature {
                deadline,
            }));
        }
        let nonce = self.nonces.get(owner);
        let struct_hash = permit_struct_hash(owner, spender, value, nonce, deadline);
        let digest = eip712::typed_data_hash(self.domain_separator(), struct_hash);
        let signer = ecdsa::recover(self.vm(), digest, v, r, s)?;
        if signer != owner {
            return Err(Error::InvalidSigner(ERC2612InvalidSigner { signer, owner }));
        }
        self.erc20.approve(owner, spender, value, true)?;
        // Cannot overflow: a nonce grows by one per signed permit, far below 2^256.
        self.nonces.insert(owner, nonce.wrapping_add(U256::from(1)));
        Ok(())
    }

    /// The next permit nonce of `owner`.
    pub fn nonces(&self, owner: Address) -> U256 {
        self.nonces.get(owner)
    }

    /// The EIP-712 domain separator, computed for the current chain id and this contract, so
    /// it stays right if the chain id changes.
    #[selector(name = "DOMAIN_SEPARATOR")]
    pub fn domain_separator(&self) -> B256 {
        eip712::domain_separator(
            keccak256(self.erc20.name()),
            EIP712_VERSION_HASH,
            self.vm().chain_id(),
            self.vm().contract_address(),
        )
    }

    /// ERC-5267: the fields and values of the EIP-712 domain.
    #[allow(clippy::type_complexity)]
    pub fn eip712_domain(
        &self,
    ) -> (
        FixedBytes<1>,
        String,
        String,
        U256,
        Address,
        B256,
        Vec<U256>,
    ) {
        (
            eip712::DOMAIN_FIELDS,
            self.erc20.name(),
            String::from(EIP712_VERSION),
            U256::from(self.vm().chain_id()),
            self.vm().contract_address(),
            B256::ZERO,
            Vec::new(),
        )
    }

    // ----- ERC-165 -----

    /// Whether the token implements the interface `interface_id`: ERC-165, ERC-20,
    /// ERC-20 metadata, EIP-2612, ERC-5267 and `IAccessControl`.
    pub fn supports_interface(&self, interface_id: FixedBytes<4>) -> bool {
        interface_ids::SUPPORTED.contains(&interface_id)
    }

    // ----- Roles (OpenZeppelin AccessControl) -----

    /// The admin role, `bytes32(0)`.
    #[selector(name = "DEFAULT_ADMIN_ROLE")]
    pub fn default_admin_role(&self) -> B256 {
        DEFAULT_ADMIN_ROLE
    }

    /// The minter role, `keccak256("MINTER_ROLE")`.
    #[selector(name = "MINTER_ROLE")]
    pub fn minter_role(&self) -> B256 {
        MINTER_ROLE
    }

    /// Whether `account` holds `role`.
    pub fn has_role(&self, role: B256, account: Address) -> bool {
        self.roles.has_role(role, account)
    }

    /// The admin role of `role`.
    pub fn get_role_admin(&self, role: B256) -> B256 {
        self.roles.get_role_admin(role)
    }

    /// Grants `role` to `account`. Only an admin of `role`. `MINTER_ROLE` has at most one
    /// holder: while an account holds it, granting it to another fails (revoke it first).
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; `AccessControlZeroAddress` when `account` is zero;
    /// `LrtTokenMinterAlreadyGranted` when `role` is `MINTER_ROLE` and another account holds it.
    ///
    /// # Events
    /// `RoleGranted` when the account did not hold the role.
    pub fn grant_role(&mut self, role: B256, account: Address) -> Result<(), Error> {
        self.roles.only_role(self.roles.get_role_admin(role))?;
        if role == MINTER_ROLE
            && !account.is_zero()
            && self.roles.members(MINTER_ROLE) > 0
            && !self.roles.has_role(MINTER_ROLE, account)
        {
            return Err(Error::MinterAlreadyGranted(LrtTokenMinterAlreadyGranted {}));
        }
        self.roles.grant_role_unchecked(role, account)?;
        Ok(())
    }

    /// Revokes `role` from `account`. Only an admin of `role`.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`.
    ///
    /// # Events
    /// `RoleRevoked` when the account held the role.
    pub fn revoke_role(&mut self, role: B256, account: Address) -> Result<(), Error> {
        Ok(self.roles.revoke_role(role, account)?)
    }

    /// The caller gives up `role`; `caller_confirmation` must be the caller.
    ///
    /// # Errors
    /// `AccessControlBadConfirmation`.
    ///
    /// # Events
    /// `RoleRevoked` when the caller held the role.
    pub fn renounce_role(&mut self, role: B256, caller_confirmation: Address) -> Result<(), Error> {
        Ok(self.roles.renounce_role(role, caller_confirmation)?)
    }
}

/// The complete Solidity interface of the token, for `abi/LrtToken.sol`.
///
/// # Errors
/// When the SDK's export lists an error no event/error group declares.
#[cfg(feature = "export-abi")]
pub fn solidity_interface() -> Result<String, String> {
    use restaking_common::{access_control::AccessControlItems, ecdsa::EcdsaItems};
    use stylus_sdk::abi::GenerateAbi;
    restaking_common::export_abi::render_interface(
        "contracts/lrt-token",
        <LrtToken as GenerateAbi>::fmt_constructor_signature,
        &[<LrtToken as GenerateAbi>::fmt_abi],
        &[
            events::LrtTokenEvents::abi::contract(),
            errors::LrtTokenErrors::abi::contract(),
            AccessControlItems::abi::contract(),
            restaking_common::initializable::InitializableItems::abi::contract(),
            EcdsaItems::abi::contract(),
        ],
    )
}
