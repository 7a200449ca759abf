//! The token's routing table: each selector to its function of [`LrtToken`], arguments read
//! with [`Args`] and results written with [`returndata`] (see [`restaking_common::router`]
//! for why the SDK's generated router is not used, and what stays the same).

use alloy_primitives::B256;
use restaking_common::{
    calldata::Args,
    returndata::{self, Encoder, Returned},
    router::Routed,
};
use stylus_sdk::prelude::*;

use crate::{LrtToken, MINTER_ROLE, permit::EIP712_VERSION};

restaking_common::selectors! {
    NAME = "name()";
    SYMBOL = "symbol()";
    DECIMALS = "decimals()";
    TOTAL_SUPPLY = "totalSupply()";
    BALANCE_OF = "balanceOf(address)";
    TRANSFER = "transfer(address,uint256)";
    ALLOWANCE = "allowance(address,address)";
    APPROVE = "approve(address,uint256)";
    TRANSFER_FROM = "transferFrom(address,address,uint256)";
    MINT = "mint(address,uint256)";
    BURN = "burn(address,uint256)";
    BURN_FROM = "burnFrom(address,address,uint256)";
    PERMIT = "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)";
    NONCES = "nonces(address)";
    DOMAIN_SEPARATOR = "DOMAIN_SEPARATOR()";
    EIP712_DOMAIN = "eip712Domain()";
    SUPPORTS_INTERFACE = "supportsInterface(bytes4)";
    DEFAULT_ADMIN_ROLE = "DEFAULT_ADMIN_ROLE()";
    MINTER_ROLE_ = "MINTER_ROLE()";
    HAS_ROLE = "hasRole(bytes32,address)";
    GET_ROLE_ADMIN = "getRoleAdmin(bytes32)";
    GRANT_ROLE = "grantRole(bytes32,address)";
    REVOKE_ROLE = "revokeRole(bytes32,address)";
    RENOUNCE_ROLE = "renounceRole(bytes32,address)";
}

/// The ERC-5267 `fields` byte: name, version, chain id and verifying contract (`0x0f`), as
/// the left-aligned word of a `bytes1`.
const DOMAIN_FIELDS_WORD: B256 = {
    let mut word = [0u8; 32];
    word[0] = 0x0f;
    B256::new(word)
};

impl Routed for LrtToken {
    fn call(&mut self, selector: u32, a: Args<'_>) -> Option<Returned> {
        Some(match selector {
            NAME => returndata::string(&self.name()),
            SYMBOL => returndata::string(&self.symbol()),
            DECIMALS => returndata::word(self.decimals()),
            TOTAL_SUPPLY => returndata::word(self.total_supply()),
            BALANCE_OF => (|| returndata::word(self.balance_of(a.address(0)?)))(),
            TRANSFER => (|| {
                let (to, value) = (a.address(0)?, a.uint256(1)?);
                returndata::word(self.transfer(to, value)?)
            })(),
            ALLOWANCE => (|| returndata::word(self.allowance(a.address(0)?, a.address(1)?)))(),
            APPROVE => (|| {
                let (spender, value) = (a.address(0)?, a.uint256(1)?);
                returndata::word(self.approve(spender, value)?)
            })(),
            TRANSFER_FROM => (|| {
                let (from, to, value) = (a.address(0)?, a.address(1)?, a.uint256(2)?);
                returndata::word(self.transfer_from(from, to, value)?)
            })(),
            MINT => (|| {
                let (to, amount) = (a.address(0)?, a.uint256(1)?);
                self.mint(to, amount)?;
                returndata::nothing()
            })(),
            BURN => (|| {
                let (from, amount) = (a.address(0)?, a.uint256(1)?);
                self.burn(from, amount)?;
                returndata::nothing()
            })(),
            BURN_FROM => (|| {
                let (from, spender, amount) = (a.address(0)?, a.address(1)?, a.uint256(2)?);
                self.burn_from(from, spender, amount)?;
                returndata::nothing()
            })(),
            PERMIT => (|| {
                let (owner, spender, value) = (a.address(0)?, a.address(1)?, a.uint256(2)?);
                let (deadline, v) = (a.uint256(3)?, a.uint8(4)?);
                let (r, s) = (a.bytes32(5)?, a.bytes32(6)?);
                self.permit(owner, spender, value, deadline, v, r, s)?;
                returndata::nothing()
            })(),
            NONCES => (|| returndata::word(self.nonces(a.address(0)?)))(),
            DOMAIN_SEPARATOR => returndata::word(self.domain_separator()),
            EIP712_DOMAIN => {
                let name = self.name();
                Encoder::new(7)
                    .push(DOMAIN_FIELDS_WORD)
                    .push_bytes(name.as_bytes())
                    .push_bytes(EIP712_VERSION.as_bytes())
                    .push(self.vm().chain_id())
                    .push(self.vm().contract_address())
                    .push(B256::ZERO)
                    .push_uint_array(&[])
                    .finish()
            }
            SUPPORTS_INTERFACE => (|| returndata::word(self.supports_interface(a.bytes4(0)?)))(),
            DEFAULT_ADMIN_ROLE => returndata::word(B256::ZERO),
            MINTER_ROLE_ => returndata::word(MINTER_ROLE),
            HAS_ROLE => (|| returndata::word(self.has_role(a.bytes32(0)?, a.address(1)?)))(),
            GET_ROLE_ADMIN => (|| returndata::word(self.get_role_admin(a.bytes32(0)?)))(),
            GRANT_ROLE => (|| {
                self.grant_role(a.bytes32(0)?, a.address(1)?)?;
                returndata::nothing()
            })(),
            REVOKE_ROLE => (|| {
                self.revoke_role(a.bytes32(0)?, a.address(1)?)?;
                returndata::nothing()
            })(),
            RENOUNCE_ROLE => (|| {
                self.renounce_role(a.bytes32(0)?, a.address(1)?)?;
                returndata::nothing()
            })(),
            _ => return None,
        })
    }

    fn is_payable(_selector: u32) -> bool {
        false
    }

    fn construct(&mut self, a: Args<'_>) -> Returned {
        let (name, symbol) = (a.string(0)?, a.string(1)?);
        let (decimals, admin) = (a.uint8(2)?, a.address(3)?);
        self.constructor(name, symbol, decimals, admin)?;
        returndata::nothing()
    }
}

/// The token's entry point on chain: its storage at slot 0, routed by [`Routed`].
#[cfg(target_arch = "wasm32")]
mod entry {
    use stylus_sdk::{alloy_primitives::U256, prelude::*, storage::StorageType};

    use crate::LrtToken;

    #[entrypoint]
    fn enter(input: alloc::vec::Vec<u8>, vm: stylus_sdk::host::VM) -> stylus_sdk::ArbResult {
        // SAFETY: the contract's root storage struct at slot 0, offset 0, created once per
        // call, exactly as the SDK's `router_entrypoint` creates it.
        #[allow(unsafe_code)]
        let mut token = unsafe { LrtToken::new(U256::ZERO, 0, vm) };
        restaking_common::router::route(&mut token, &input)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn routes_exactly_the_functions_of_the_committed_abi() {
        let json = include_str!("../../../abi/LrtToken.json");
        let abi: BTreeSet<String> = restaking_common::router::abi_signatures(json)
            .into_iter()
            .collect();
        let routed: BTreeSet<String> = SIGNATURES.iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(routed, abi);
        assert_eq!(abi.len(), 24);
    }
}
