//! Fixtures shared by the vault's test files: a vault on a `TestVM` whose external calls (the
//! LRT, the ERC-20 asset, ETH transfers) are mocked with their exact calldata, so a test fails
//! when the vault calls anything else.
//!
//! stylus-sdk 0.10's `TestVM` keeps one return-data buffer, set by the most recently
//! *registered* mock rather than by the call being answered; fixtures therefore register the
//! mock whose return data the vault reads last. Paths that read two different return values in
//! one call (an owner's share balance and a spender's allowance) are only asserted where both
//! values agree here, and are exercised with distinct values by the flow tests on the deployed
//! WASM (issue 6).
#![allow(dead_code, unreachable_pub, missing_docs)]

use alloy_primitives::{Address, U256, address};
use alloy_sol_types::{SolCall, SolEvent, sol};
use restaking_vault::{
    CURATOR_ROLE, PAUSER_ROLE, RestakingVault, SLASHER_ROLE, asset::NATIVE_ASSET,
};
use stylus_sdk::testing::TestVM;

pub const ADMIN: Address = address!("0x00000000000000000000000000000000000000ad");
pub const PAUSER: Address = address!("0x00000000000000000000000000000000000000a5");
pub const CURATOR: Address = address!("0x00000000000000000000000000000000000000c0");
pub const SLASHER: Address = address!("0x00000000000000000000000000000000000005a5");
pub const TREASURY: Address = address!("0x0000000000000000000000000000000000007e55");
pub const ALICE: Address = address!("0x00000000000000000000000000000000000a11ce");
pub const BOB: Address = address!("0x0000000000000000000000000000000000000b0b");
pub const RECIPIENT: Address = address!("0x000000000000000000000000000000000000dead");
pub const LRT: Address = address!("0x0000000000000000000000000000000000001e77");
pub const TOKEN: Address = address!("0x000000000000000000000000000000000000a55e");
pub const REDEMPTIONS: Address = address!("0x000000000000000000000000000000000000fa5e");
pub const DEPLOYER: Address = address!("0xcEcba2F1DC234f70Dd89F2041029807F8D03A990");

pub const START: u64 = 1_700_000_000;
pub const EPOCH: u64 = 7 * 86_400;
pub const VESTING: u64 = 86_400;
pub const FEE_BPS: u16 = 1_000;

sol! {
    function mint(address to, uint256 amount) external;
    function burnFrom(address from, address spender, uint256 amount) external;
    function balanceOf(address account) external view returns (uint256);
    error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed);
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// The calldata of the LRT's `burnFrom(owner, spender, shares)`.
fn burn_call(owner: Address, spender: Address, shares: U256) -> Vec<u8> {
    burnFromCall {
        from: owner,
        spender,
        amount: shares,
    }
    .abi_encode()
}

pub struct Fixture {
    pub vm: TestVM,
    pub vault: RestakingVault,
    pub native: bool,
}

pub fn n(x: u64) -> U256 {
    U256::from(x)
}

/// A vault constructed by [`DEPLOYER`] at `START`, epoch 0 starting then, with every role
/// granted; `native` picks native ETH or the ERC-20 [`TOKEN`].
pub fn deploy(native: bool) -> Fixture {
    let vm = TestVM::default();
    vm.set_block_timestamp(START);
    for account in [LRT, TOKEN, REDEMPTIONS] {
        vm.set_code(account, vec![0xfe]);
    }
    let mut vault = RestakingVault::from(&vm);
    vm.set_sender(DEPLOYER);
    let asset = if native { NATIVE_ASSET } else { TOKEN };
    vault
        .constructor(
            asset,
            LRT,
            ADMIN,
            START,
            EPOCH,
            VESTING,
            TREASURY,
            FEE_BPS,
            REDEMPTIONS,
        )
        .expect("constructor");
    vm.set_sender(ADMIN);
    vault.grant_role(PAUSER_ROLE, PAUSER).unwrap();
    vault.grant_role(CURATOR_ROLE, CURATOR).unwrap();
    vault.grant_role(SLASHER_ROLE, SLASHER).unwrap();
    Fixture { vm, vault, native }
}

impl Fixture {
    pub fn at(&self, timestamp: u64) {
        self.vm.set_block_timestamp(timestamp);
    }

    /// Mocks the LRT's `mint(to, shares)`.
    pub fn expect_mint(&self, to: Address, shares: U256) {
        self.vm.mock_call(
            LRT,
            mintCall { to, amount: shares }.abi_encode(),
            U256::ZERO,
            Ok(vec![]),
        );
    }

    /// Mocks the payment of `assets` by `from` into the vault (ERC-20 `transferFrom`), or sets
    /// `msg.value` for a native vault.
    pub fn expect_payment(&self, from: Address, assets: U256) {
        if self.native {
            self.vm.set_value(assets);
        } else {
            self.vm.set_value(U256::ZERO);
            self.vm.mock_call(
                TOKEN,
                transferFromCall {
                    from,
                    to: self.vm_contract(),
                    value: assets,
                }
                .abi_encode(),
                U256::ZERO,
                Ok(true_word()),
            );
        }
    }

    /// Mocks a payout of `assets` from the vault to `to`.
    pub fn expect_payout(&self, to: Address, assets: U256) {
        if self.native {
            self.vm.mock_call(to, vec![], assets, Ok(vec![]));
        } else {
            self.vm.mock_call(
                TOKEN,
                transferCall { to, value: assets }.abi_encode(),
                U256::ZERO,
                Ok(true_word()),
            );
        }
    }

    pub fn vm_contract(&self) -> Address {
        stylus_sdk::testing::constants::DEFAULT_CONTRACT_ADDRESS
    }

    /// `caller` deposits `assets` for `receiver`; returns the shares.
    pub fn deposit(&mut self, caller: Address, assets: u64, receiver: Address) -> U256 {
        let assets = n(assets);
        let shares = self.vault.preview_deposit(assets).unwrap();
        self.expect_payment(caller, assets);
        self.expect_mint(receiver, shares);
        self.vm.set_sender(caller);
        let minted = self.vault.deposit(assets, receiver).expect("deposit");
        self.vm.set_value(U256::ZERO);
        assert_eq!(minted, shares);
        minted
    }

    /// Mocks the LRT's `burnFrom(owner, spender, shares)` refusing with EIP-6093's
    /// `ERC20InsufficientBalance(owner, balance, shares)`, as the token does for a short
    /// balance. The vault asks the token nothing else before it burns.
    pub fn lrt_refuses_burn(&self, owner: Address, spender: Address, shares: U256, balance: U256) {
        use alloy_sol_types::SolError;
        self.vm.mock_call(
            LRT,
            burn_call(owner, spender, shares),
            U256::ZERO,
            Err(ERC20InsufficientBalance {
                sender: owner,
                balance,
                needed: shares,
            }
            .abi_encode()),
        );
    }

    /// Mocks the LRT's `burnFrom(owner, spender, shares)`.
    pub fn expect_burn(&self, owner: Address, spender: Address, shares: U256) {
        self.vm.mock_call(
            LRT,
            burn_call(owner, spender, shares),
            U256::ZERO,
            Ok(vec![]),
        );
    }

    /// `owner` (holding at least `shares`) requests to redeem them for itself.
    pub fn request(&mut self, owner: Address, shares: U256) -> U256 {
        use restaking_vault::redemptions::IVaultRedemptions;
        self.expect_burn(owner, owner, shares);
        self.vm.set_sender(owner);
        self.vault
            .request_redeem(shares, owner, owner)
            .expect("request")
    }
}

pub fn true_word() -> Vec<u8> {
    U256::from(1).to_be_bytes::<32>().to_vec()
}

/// The logs emitted so far, decoded as `E` where the first topic matches.
pub fn events<E: SolEvent>(vm: &TestVM) -> Vec<E> {
    vm.get_emitted_logs()
        .into_iter()
        .filter(|(topics, _)| topics.first() == Some(&E::SIGNATURE_HASH))
        .map(|(topics, data)| E::decode_raw_log(topics, &data).expect("decodable log"))
        .collect()
}

pub fn log_count(vm: &TestVM) -> usize {
    vm.get_emitted_logs().len()
}

/// The vault's whole state as the `TestVM` holds it: every non-zero storage slot and every
/// log emitted so far. Two equal snapshots around a rejected call prove it changed nothing
/// (a slot written with the value it had, or zero where it was unset, counts as unchanged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub storage: std::collections::BTreeMap<U256, alloy_primitives::B256>,
    pub logs: Vec<(Vec<alloy_primitives::B256>, Vec<u8>)>,
}

pub fn snapshot(vm: &TestVM) -> Snapshot {
    let state = vm.snapshot();
    Snapshot {
        storage: state
            .storage
            .into_iter()
            .filter(|(_, value)| !value.is_zero())
            .collect(),
        logs: state.emitted_logs,
    }
}

/// Makes every call the vault makes from now on read `word` as its return data (see the
/// module note: the `TestVM` answers every call from the buffer of the last registered mock).
/// Registers a mock for a call the vault never makes.
pub fn answer_all(vm: &TestVM, word: Vec<u8>) {
    vm.mock_static_call(Address::repeat_byte(0x99), vec![0x99], Ok(word));
}

/// A 32-byte ABI word holding `x`.
pub fn word(x: U256) -> Vec<u8> {
    x.to_be_bytes::<32>().to_vec()
}
