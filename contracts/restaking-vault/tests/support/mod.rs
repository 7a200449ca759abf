//! Fixtures shared by the vault's test files: a vault on the shared decoding host
//! (`restaking-test-host`, issue 11), where every call the vault makes (to the LRT, to the
//! ERC-20 asset, ETH transfers) is checked against what the test expects:
//!
//! - unit tests say which calls an operation must make, in order, with their exact calldata
//!   and value ([`Fixture::expect_mint`], [`Fixture::expect_payment`], ...); a call that is not
//!   the next expected one fails the test at once, and an expected call never made fails it
//!   when the fixture is dropped;
//! - the invariant tests run the vault against a [`Ledger`] instead: a model LRT and a model
//!   ERC-20 that decode each call and keep balances, so the handler can compare them with its
//!   own books after every step.
#![allow(dead_code, unreachable_pub, missing_docs)]

use std::collections::{HashMap, VecDeque};

use alloy_primitives::{Address, U256, address};
use alloy_sol_types::{SolCall, SolError, SolEvent, sol};
use restaking_test_host::{CallKind, DecodingHost, OutgoingCall, Responder};
use restaking_vault::{
    CURATOR_ROLE, PAUSER_ROLE, RestakingVault, SLASHER_ROLE, asset::NATIVE_ASSET,
};
use stylus_sdk::testing::TestVM;

/// The host the vault runs on in these tests.
pub type Host = DecodingHost<Peers>;

/// A call the vault must make next, and its answer.
#[derive(Clone, Debug)]
pub struct Expected {
    pub kind: CallKind,
    pub to: Address,
    pub data: Vec<u8>,
    pub value: U256,
    pub answer: Result<Vec<u8>, Vec<u8>>,
}

/// How the model ERC-20 answers a transfer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenAnswer {
    /// Moves the amount and returns `true`.
    True,
    /// Moves nothing and returns `false`.
    False,
}

/// A model LRT and a model ERC-20 that keep balances from the calls they decode, and the ETH
/// the vault sent out.
#[derive(Clone, Debug)]
pub struct Ledger {
    /// The vault's address (the ERC-20's `transferFrom` must pay it).
    pub vault: Address,
    pub shares: HashMap<Address, U256>,
    pub tokens: HashMap<Address, U256>,
    /// ETH the vault sent to each account.
    pub ether_out: HashMap<Address, U256>,
    pub token_answer: TokenAnswer,
}

impl Ledger {
    pub fn shares_of(&self, account: Address) -> U256 {
        self.shares.get(&account).copied().unwrap_or_default()
    }

    pub fn tokens_of(&self, account: Address) -> U256 {
        self.tokens.get(&account).copied().unwrap_or_default()
    }

    pub fn ether_to(&self, account: Address) -> U256 {
        self.ether_out.get(&account).copied().unwrap_or_default()
    }

    fn answer(&mut self, call: &OutgoingCall) -> Result<Vec<u8>, Vec<u8>> {
        let data = call.data.as_slice();
        if call.data.is_empty() {
            // An ETH payout.
            *self.ether_out.entry(call.to).or_default() += call.value;
            return Ok(Vec::new());
        }
        assert!(
            call.value.is_zero(),
            "value sent with a token call: {call:?}"
        );
        match (call.to, call.selector()) {
            (LRT, mintCall::SELECTOR) => {
                let mint = mintCall::abi_decode(data).expect("mint calldata");
                *self.shares.entry(mint.to).or_default() += mint.amount;
                Ok(Vec::new())
            }
            (LRT, burnFromCall::SELECTOR) => {
                let burn = burnFromCall::abi_decode(data).expect("burnFrom calldata");
                assert_eq!(
                    burn.from, burn.spender,
                    "the handlers only request for themselves"
                );
                let balance = self.shares_of(burn.from);
                if balance < burn.amount {
                    return Err(ERC20InsufficientBalance {
                        sender: burn.from,
                        balance,
                        needed: burn.amount,
                    }
                    .abi_encode());
                }
                self.shares.insert(burn.from, balance - burn.amount);
                Ok(Vec::new())
            }
            (TOKEN, transferFromCall::SELECTOR) => {
                let pay = transferFromCall::abi_decode(data).expect("transferFrom calldata");
                assert_eq!(pay.to, self.vault, "the vault only pulls into itself");
                if self.token_answer == TokenAnswer::False {
                    return Ok(word(U256::ZERO));
                }
                *self.tokens.entry(pay.to).or_default() += pay.value;
                Ok(true_word())
            }
            (TOKEN, transferCall::SELECTOR) => {
                let pay = transferCall::abi_decode(data).expect("transfer calldata");
                let held = self.tokens_of(self.vault);
                assert!(
                    held >= pay.value,
                    "the vault paid {} of the asset holding {held}",
                    pay.value
                );
                self.tokens.insert(self.vault, held - pay.value);
                *self.tokens.entry(pay.to).or_default() += pay.value;
                Ok(true_word())
            }
            _ => panic!("the vault made an unexpected call: {call:?}"),
        }
    }
}

/// The vault's peers as the test sees them: the calls it expects next, then the ledger (when
/// there is one). Anything else fails the test.
#[derive(Clone, Debug, Default)]
pub struct Peers {
    pub expected: VecDeque<Expected>,
    pub ledger: Option<Ledger>,
}

impl Responder for Peers {
    fn answer(&mut self, call: &OutgoingCall) -> Result<Vec<u8>, Vec<u8>> {
        if let Some(next) = self.expected.pop_front() {
            assert_eq!(
                (call.kind, call.to, &call.data, call.value),
                (next.kind, next.to, &next.data, next.value),
                "the vault's call is not the one expected next"
            );
            return next.answer;
        }
        assert_eq!(
            call.kind,
            CallKind::Mutating,
            "the vault only reads its peers' answers to its own calls"
        );
        match self.ledger.as_mut() {
            Some(ledger) => ledger.answer(call),
            None => panic!("the vault made a call the test did not expect: {call:?}"),
        }
    }
}

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
    /// The host's `TestVM`: sender, value, time, storage.
    pub vm: TestVM,
    pub host: Host,
    pub vault: RestakingVault,
    pub native: bool,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let left = self.host.with_responder(|peers| peers.expected.clone());
        assert!(
            left.is_empty(),
            "expected calls the vault never made: {left:?}"
        );
    }
}

pub fn n(x: u64) -> U256 {
    U256::from(x)
}

/// A host at `START` with code at the LRT, the token and the redemption program.
pub fn host() -> Host {
    let host = Host::default();
    host.vm.set_block_timestamp(START);
    for account in [LRT, TOKEN, REDEMPTIONS] {
        host.vm.set_code(account, vec![0xfe]);
    }
    host
}

/// A vault constructed by [`DEPLOYER`] at `START`, epoch 0 starting then, with every role
/// granted; `native` picks native ETH or the ERC-20 [`TOKEN`].
pub fn deploy(native: bool) -> Fixture {
    let host = host();
    let vm = host.vm.clone();
    let mut vault = RestakingVault::from(&host);
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
    Fixture {
        vm,
        host,
        vault,
        native,
    }
}

impl Fixture {
    pub fn at(&self, timestamp: u64) {
        self.vm.set_block_timestamp(timestamp);
    }

    /// The vault's next call must be `data` to `to` with `value`; it gets `answer`.
    pub fn expect_call(
        &self,
        to: Address,
        data: Vec<u8>,
        value: U256,
        answer: Result<Vec<u8>, Vec<u8>>,
    ) {
        self.expect(CallKind::Mutating, to, data, value, answer);
    }

    /// The vault's next call must be a delegate call of `data` to `to`; it gets `answer`.
    pub fn expect_delegate_call(
        &self,
        to: Address,
        data: Vec<u8>,
        answer: Result<Vec<u8>, Vec<u8>>,
    ) {
        self.expect(CallKind::Delegate, to, data, U256::ZERO, answer);
    }

    fn expect(
        &self,
        kind: CallKind,
        to: Address,
        data: Vec<u8>,
        value: U256,
        answer: Result<Vec<u8>, Vec<u8>>,
    ) {
        self.host.with_responder(|peers| {
            peers.expected.push_back(Expected {
                kind,
                to,
                data,
                value,
                answer,
            })
        });
    }

    /// Forgets the expected calls not made (after an operation the test expects to fail
    /// before them).
    pub fn forget_expected(&self) {
        self.host.with_responder(|peers| peers.expected.clear());
    }

    /// Runs the vault against a fresh [`Ledger`] for every call no test expectation covers.
    pub fn use_ledger(&self) {
        let vault = self.vm_contract();
        self.host.with_responder(|peers| {
            peers.ledger = Some(Ledger {
                vault,
                shares: HashMap::new(),
                tokens: HashMap::new(),
                ether_out: HashMap::new(),
                token_answer: TokenAnswer::True,
            })
        });
    }

    /// Reads or changes the ledger (see [`Fixture::use_ledger`]).
    pub fn ledger<T>(&self, f: impl FnOnce(&mut Ledger) -> T) -> T {
        self.host
            .with_responder(|peers| f(peers.ledger.as_mut().expect("use_ledger first")))
    }

    /// The LRT's `mint(to, shares)` comes next.
    pub fn expect_mint(&self, to: Address, shares: U256) {
        self.expect_call(
            LRT,
            mintCall { to, amount: shares }.abi_encode(),
            U256::ZERO,
            Ok(vec![]),
        );
    }

    /// The payment of `assets` by `from` into the vault comes next (ERC-20 `transferFrom`,
    /// answered `true`), or, for a native vault, sets `msg.value`.
    pub fn expect_payment(&self, from: Address, assets: U256) {
        if self.native {
            self.vm.set_value(assets);
        } else {
            self.vm.set_value(U256::ZERO);
            self.expect_call(
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

    /// A payout of `assets` from the vault to `to` comes next.
    pub fn expect_payout(&self, to: Address, assets: U256) {
        if self.native {
            self.expect_call(to, vec![], assets, Ok(vec![]));
        } else {
            self.expect_call(
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

    /// The LRT's `burnFrom(owner, spender, shares)` comes next and refuses with EIP-6093's
    /// `ERC20InsufficientBalance(owner, balance, shares)`, as the token does for a short
    /// balance. The vault asks the token nothing else before it burns.
    pub fn lrt_refuses_burn(&self, owner: Address, spender: Address, shares: U256, balance: U256) {
        self.expect_call(
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

    /// The LRT's `burnFrom(owner, spender, shares)` comes next.
    pub fn expect_burn(&self, owner: Address, spender: Address, shares: U256) {
        self.expect_call(
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
pub fn events<E: SolEvent>(host: &Host) -> Vec<E> {
    host.logs()
        .into_iter()
        .filter(|(topics, _)| topics.first() == Some(&E::SIGNATURE_HASH))
        .map(|(topics, data)| E::decode_raw_log(topics, &data).expect("decodable log"))
        .collect()
}

pub fn log_count(host: &Host) -> usize {
    host.logs().len()
}

/// The vault's whole state: every non-zero storage slot and every log emitted so far. Two
/// equal snapshots around a rejected call prove it changed nothing (a slot written with the
/// value it had, or zero where it was unset, counts as unchanged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub storage: std::collections::BTreeMap<U256, alloy_primitives::B256>,
    pub logs: Vec<(Vec<alloy_primitives::B256>, Vec<u8>)>,
}

pub fn snapshot(host: &Host) -> Snapshot {
    Snapshot {
        storage: host.storage().into_iter().collect(),
        logs: host.logs(),
    }
}

/// A 32-byte ABI word holding `x`.
pub fn word(x: U256) -> Vec<u8> {
    x.to_be_bytes::<32>().to_vec()
}
