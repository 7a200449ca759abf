//! Fixtures shared by the manager's test files: a deployed manager on a [`Chain`] with model
//! vaults, named accounts, time travel, log decoding and "nothing changed" checks.
#![allow(dead_code, unreachable_pub, missing_docs)]

pub mod chain;

use std::collections::HashMap;

use alloy_primitives::{Address, B256, U256, address};
use alloy_sol_types::SolEvent;
pub use chain::*;
use slashing_manager::{PAUSER_ROLE, SlashingManager, errors::Error};

pub const ADMIN: Address = address!("0x00000000000000000000000000000000000000ad");
pub const PAUSER: Address = address!("0x00000000000000000000000000000000000000a5");
pub const SERVICE: Address = address!("0x0000000000000000000000000000000000005e71");
pub const OTHER_SERVICE: Address = address!("0x0000000000000000000000000000000000005e72");
pub const RESOLVER: Address = address!("0x000000000000000000000000000000000000e501");
pub const OTHER_RESOLVER: Address = address!("0x000000000000000000000000000000000000e502");
pub const RECIPIENT: Address = address!("0x000000000000000000000000000000000000ec01");
pub const OTHER_RECIPIENT: Address = address!("0x000000000000000000000000000000000000ec02");
pub const OPERATOR: Address = address!("0x0000000000000000000000000000000000000f01");
pub const OTHER_OPERATOR: Address = address!("0x0000000000000000000000000000000000000f02");
pub const CURATOR: Address = address!("0x000000000000000000000000000000000000c001");
pub const VAULT: Address = address!("0x000000000000000000000000000000000000a001");
pub const OTHER_VAULT: Address = address!("0x000000000000000000000000000000000000a002");
pub const STRANGER: Address = address!("0x0000000000000000000000000000000000000bad");
/// The account that sends the constructor transaction (the StylusDeployer contract on a chain).
pub const DEPLOYER: Address = address!("0xcEcba2F1DC234f70Dd89F2041029807F8D03A990");

pub const DAY: u64 = 86_400;
pub const MAX_VETO: u64 = 3 * DAY;
pub const EXECUTION_WINDOW: u64 = 2 * DAY;
pub const SERVICE_UPDATE_DELAY: u64 = 7 * DAY;
pub const OPT_OUT_DELAY: u64 = 7 * DAY;
pub const ALLOCATION_DELAY: u64 = 7 * DAY;
/// The service's veto duration in [`setup`].
pub const VETO: u64 = DAY;
/// The vaults' epoch.
pub const EPOCH: u64 = 7 * DAY;
/// Deployment time: one day into epoch 2000.
pub const T0: u64 = 2_000 * EPOCH + DAY;
/// The vaults' stake in [`deploy`].
pub const STAKE: u64 = 10_000;
/// The allocation of [`VAULT`] to ([`SERVICE`], [`OPERATOR`]) in [`setup`].
pub const ALLOCATION: u64 = 1_000;

/// A deployed manager and its chain.
pub struct Env {
    pub chain: Chain,
    pub manager: Manager,
}

/// The manager as the chain runs it: a `request_slash` that fails reverts all it did, the
/// hold it made on the vault included (the manager calls the vault before its last checks,
/// and relies on the revert). Every other function is the contract's own, through `Deref`.
pub struct Manager {
    contract: SlashingManager,
    chain: Chain,
}

impl Manager {
    /// `requestSlash` as a transaction: on failure the chain is put back as it was.
    pub fn request_slash(
        &mut self,
        operator: Address,
        vault: Address,
        amount: U256,
        capture_timestamp: u64,
    ) -> Result<U256, Error> {
        let chain = self.chain.clone();
        chain.transact(|| {
            self.contract
                .request_slash(operator, vault, amount, capture_timestamp)
        })
    }
}

impl std::ops::Deref for Manager {
    type Target = SlashingManager;

    fn deref(&self) -> &SlashingManager {
        &self.contract
    }
}

impl std::ops::DerefMut for Manager {
    fn deref_mut(&mut self) -> &mut SlashingManager {
        &mut self.contract
    }
}

impl Env {
    /// Makes `account` the sender of the next calls.
    pub fn sender(&self, account: Address) {
        self.chain.vm.set_sender(account);
    }

    pub fn now(&self) -> u64 {
        self.chain.vm.snapshot().block_timestamp
    }

    pub fn warp(&self, timestamp: u64) {
        self.chain.vm.set_block_timestamp(timestamp);
    }

    pub fn advance(&self, seconds: u64) {
        self.warp(self.now() + seconds);
    }

    /// Storage, logs and vaults, to compare after a call that must change nothing.
    pub fn frozen(&self) -> Frozen {
        Frozen {
            storage: self.chain.storage(),
            logs: self.chain.logs().len(),
            vaults: [VAULT, OTHER_VAULT].map(|v| format!("{:?}", self.chain.vault(v))),
        }
    }

    /// Asserts that `result` is `Err(expected)` and that nothing changed since `before`.
    #[track_caller]
    pub fn assert_rejected<T: std::fmt::Debug>(
        &self,
        before: &Frozen,
        result: Result<T, Error>,
        expected: Error,
    ) {
        assert_eq!(result.unwrap_err(), expected);
        assert_eq!(
            &self.frozen(),
            before,
            "a rejected call changed state or logged"
        );
    }

    /// The `SlashRequest` fields of `id`.
    pub fn request(&self, id: u64) -> Request {
        let r = self.manager.slash_request(U256::from(id)).expect("request");
        Request {
            service: r.0,
            operator: r.1,
            vault: r.2,
            resolver: r.3,
            amount: r.4,
            slashed: r.5,
            capture: r.6,
            veto_deadline: r.7,
            execution_expiry: r.8,
            status: r.9,
        }
    }

    /// `(slashed, pending)` of ([`VAULT`], [`SERVICE`], [`OPERATOR`]).
    pub fn totals(&self) -> (U256, U256) {
        self.manager.slash_totals(VAULT, SERVICE, OPERATOR)
    }
}

/// See [`Env::frozen`].
#[derive(Debug, PartialEq)]
pub struct Frozen {
    storage: HashMap<U256, B256>,
    logs: usize,
    vaults: [String; 2],
}

/// The fields of a request, as `slashRequest` returns them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request {
    pub service: Address,
    pub operator: Address,
    pub vault: Address,
    pub resolver: Address,
    pub amount: U256,
    pub slashed: U256,
    pub capture: u64,
    pub veto_deadline: u64,
    pub execution_expiry: u64,
    pub status: u8,
}

/// A manager deployed at [`T0`] by [`DEPLOYER`] for [`ADMIN`] with the default delays,
/// [`PAUSER`] holding the pauser role, and two model vaults with [`STAKE`] each and
/// [`CURATOR`] as curator.
pub fn deploy() -> Env {
    let chain = Chain::default();
    chain.vm.set_block_timestamp(T0);
    for vault in [VAULT, OTHER_VAULT] {
        let mut model = ModelVault::new(STAKE, EPOCH);
        model.curators.push(CURATOR);
        chain.add_vault(vault, model);
    }
    let mut manager = SlashingManager::from(&chain);
    chain.vm.set_sender(DEPLOYER);
    manager
        .constructor(
            ADMIN,
            MAX_VETO,
            EXECUTION_WINDOW,
            SERVICE_UPDATE_DELAY,
            OPT_OUT_DELAY,
            ALLOCATION_DELAY,
        )
        .expect("constructor");
    chain.vm.set_sender(ADMIN);
    manager.grant_role(PAUSER_ROLE, PAUSER).expect("pauser");
    let manager = Manager {
        contract: manager,
        chain: chain.clone(),
    };
    Env { chain, manager }
}

/// [`deploy`], then: [`SERVICE`] registered with [`RESOLVER`], [`VETO`] and [`RECIPIENT`];
/// [`OPERATOR`] registered and opted in to [`SERVICE`] and [`VAULT`]; [`CURATOR`] allocated
/// [`ALLOCATION`] of [`VAULT`] to ([`SERVICE`], [`OPERATOR`]); then one hour passes.
pub fn setup() -> Env {
    let mut env = deploy();
    env.sender(SERVICE);
    env.manager
        .register_service(RESOLVER, VETO, RECIPIENT)
        .expect("service");
    env.sender(OPERATOR);
    env.manager.register_operator().expect("operator");
    env.manager.opt_in_service(SERVICE).expect("opt in service");
    env.manager.opt_in_vault(VAULT).expect("opt in vault");
    env.sender(CURATOR);
    env.manager
        .set_allocation(VAULT, SERVICE, OPERATOR, U256::from(ALLOCATION))
        .expect("allocation");
    env.advance(3_600);
    env
}

/// [`setup`], then [`SERVICE`] requests `amount` for a capture one minute ago; returns the id.
pub fn setup_with_request(amount: u64) -> (Env, U256) {
    let mut env = setup();
    let capture = env.now() - 60;
    env.sender(SERVICE);
    let id = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(amount), capture)
        .expect("request");
    (env, id)
}

/// The logs of type `E` emitted so far, decoded (which checks their layout).
pub fn events<E: SolEvent>(chain: &Chain) -> Vec<E> {
    chain
        .logs()
        .into_iter()
        .filter(|(topics, _)| topics.first() == Some(&E::SIGNATURE_HASH))
        .map(|(topics, data)| E::decode_raw_log(topics, &data).expect("decodable log"))
        .collect()
}

/// The last log, decoded as `E`.
pub fn last_event<E: SolEvent>(chain: &Chain) -> E {
    let (topics, data) = chain.logs().pop().expect("a log");
    assert_eq!(
        topics[0],
        E::SIGNATURE_HASH,
        "last log is not {}",
        E::SIGNATURE
    );
    E::decode_raw_log(topics, &data).expect("decodable log")
}
