//! A test chain: `TestVM` for the manager's own environment (sender, time, storage), plus model
//! restaking vaults that answer the manager's calls by decoding their calldata, and EVM-style
//! transactions that revert storage, logs and vaults on error.
//!
//! `TestVM` alone mocks calls by exact calldata, but it returns the *last mocked* return data
//! for every call, and answers an unmocked call with success: a manager that sent the wrong
//! calldata would pass unnoticed. Here every call is decoded against the agreed vault
//! interface, an unexpected call fails the test, and each answer is computed by a model vault.
#![allow(unsafe_code)] // implements the SDK's host traits, which are `unsafe trait`s by design

use std::{cell::RefCell, collections::HashMap, rc::Rc, slice};

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::{SolCall, sol};
use slashing_manager::vault::CURATOR_ROLE;
use stylus_sdk::{
    prelude::*,
    stylus_core::{
        AccountAccess, BlockAccess, CalldataAccess, ChainAccess, CryptographyAccess, MemoryAccess,
        MessageAccess, MeteringAccess, RawLogAccess, StorageAccess, UnsafeCallAccess,
        UnsafeDeploymentAccess,
    },
    testing::TestVM,
};

sol! {
    /// The vault functions the manager calls (the agreed interface).
    interface IRestakingVault {
        function hasRole(bytes32 role, address account) external view returns (bool);
        function epochDuration() external view returns (uint64);
        function slashableStake(uint64 captureTimestamp) external view returns (uint256);
        function onSlash(uint256 amount, uint64 captureTimestamp, address recipient)
            external returns (uint256 slashed);
        function holdSlash(uint256 amount, uint64 until) external;
        function releaseSlash(uint256 amount) external;
    }
}

/// How a model vault answers `onSlash`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlashBehaviour {
    /// Slashes `min(amount, slashable)`, as the real vault.
    Honest,
    /// Reverts.
    Revert,
    /// Claims to have slashed `amount + 1`.
    OverReport,
    /// Returns no data.
    Empty,
}

/// A vault reduced to what the manager sees: curators, epochs, one slashable stake figure.
#[derive(Clone, Debug)]
pub struct ModelVault {
    /// Accounts holding `CURATOR_ROLE`.
    pub curators: Vec<Address>,
    /// Seconds per epoch; epochs start at timestamp 0.
    pub epoch_duration: u64,
    /// What is slashable for any capture inside the window.
    pub stake: U256,
    /// Total sent to recipients by `onSlash`.
    pub slashed_total: U256,
    /// Every `onSlash`: (amount, capture, recipient, slashed).
    pub slashes: Vec<(U256, u64, Address, U256)>,
    /// The answer to `onSlash`.
    pub on_slash: SlashBehaviour,
    /// When set, the views (`hasRole`, `epochDuration`, `slashableStake`) revert.
    pub views_revert: bool,
    /// What the manager holds pending (`holdSlash` adds, `releaseSlash` and `onSlash` remove).
    pub pending: U256,
    /// Every `holdSlash`: (amount, until).
    pub holds: Vec<(U256, u64)>,
    /// When set, `holdSlash` and `releaseSlash` revert (the manager lost `SLASHER_ROLE`).
    pub holds_revert: bool,
}

impl ModelVault {
    /// A vault with `stake` and epochs of `epoch_duration` seconds.
    pub fn new(stake: u64, epoch_duration: u64) -> Self {
        Self {
            curators: Vec::new(),
            epoch_duration,
            stake: U256::from(stake),
            slashed_total: U256::ZERO,
            slashes: Vec::new(),
            on_slash: SlashBehaviour::Honest,
            views_revert: false,
            pending: U256::ZERO,
            holds: Vec::new(),
            holds_revert: false,
        }
    }

    /// The vault's rule: the stake for captures in the current or the previous epoch, zero for
    /// captures in the future or older.
    pub fn slashable_stake(&self, capture: u64, now: u64) -> U256 {
        if capture > now {
            return U256::ZERO;
        }
        let epoch = |t: u64| t / self.epoch_duration.max(1);
        if epoch(now) > epoch(capture) + 1 {
            return U256::ZERO;
        }
        self.stake
    }
}

#[derive(Clone, Default)]
struct World {
    vaults: HashMap<Address, ModelVault>,
    logs: Vec<(Vec<B256>, Vec<u8>)>,
    return_data: Vec<u8>,
    /// Calls that reached no model vault or an unknown selector: (to, calldata).
    unexpected: Vec<(Address, Vec<u8>)>,
}

/// The test chain: the manager runs on it as `SlashingManager::from(&chain)`.
#[derive(Clone)]
pub struct Chain {
    /// Sender, time and the manager's storage.
    pub vm: TestVM,
    world: Rc<RefCell<World>>,
}

/// Storage, logs and vaults at one moment, to revert to.
pub struct Snapshot {
    storage: HashMap<U256, B256>,
    world: World,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

impl Chain {
    /// An empty chain.
    pub fn new() -> Self {
        Self {
            vm: TestVM::default(),
            world: Rc::new(RefCell::new(World::default())),
        }
    }

    /// Deploys a model vault at `address`.
    pub fn add_vault(&self, address: Address, vault: ModelVault) {
        self.world.borrow_mut().vaults.insert(address, vault);
    }

    /// The model vault at `address`.
    pub fn vault(&self, address: Address) -> ModelVault {
        self.world.borrow().vaults[&address].clone()
    }

    /// Changes the model vault at `address`.
    pub fn with_vault<R>(&self, address: Address, f: impl FnOnce(&mut ModelVault) -> R) -> R {
        f(self
            .world
            .borrow_mut()
            .vaults
            .get_mut(&address)
            .expect("known vault"))
    }

    /// The logs emitted so far.
    pub fn logs(&self) -> Vec<(Vec<B256>, Vec<u8>)> {
        self.world.borrow().logs.clone()
    }

    /// Calls the manager made that no model vault understands.
    pub fn unexpected_calls(&self) -> Vec<(Address, Vec<u8>)> {
        self.world.borrow().unexpected.clone()
    }

    /// Storage, logs and vaults now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            storage: self.vm.snapshot().storage,
            world: self.world.borrow().clone(),
        }
    }

    /// Goes back to `snapshot`.
    pub fn revert_to(&self, snapshot: Snapshot) {
        self.vm.clear_storage();
        for (key, value) in snapshot.storage {
            self.vm.set_storage(key, value);
        }
        *self.world.borrow_mut() = snapshot.world;
    }

    /// The manager's storage, with zero words dropped (an unset and a zeroed slot are the same).
    pub fn storage(&self) -> HashMap<U256, B256> {
        let mut storage = self.vm.snapshot().storage;
        storage.retain(|_, value| !value.is_zero());
        storage
    }

    /// Runs `f` as a transaction: when it fails, storage, logs and vaults are put back as they
    /// were, as the EVM reverts a failed transaction.
    pub fn transact<T, E>(&self, f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        let snapshot = self.snapshot();
        let result = f();
        if result.is_err() {
            self.revert_to(snapshot);
        }
        result
    }

    fn answer(
        &self,
        to: Address,
        data: &[u8],
        value: U256,
        mutating: bool,
    ) -> Result<Vec<u8>, Vec<u8>> {
        let now = self.vm.block_timestamp();
        let mut world = self.world.borrow_mut();
        let Some(vault) = world.vaults.get_mut(&to) else {
            world.unexpected.push((to, data.to_vec()));
            return Ok(Vec::new());
        };
        assert!(value.is_zero(), "the manager never sends value");
        let selector: [u8; 4] = data
            .get(..4)
            .and_then(|s| s.try_into().ok())
            .unwrap_or_default();
        let view_reverts = vault.views_revert;
        match selector {
            IRestakingVault::hasRoleCall::SELECTOR => {
                let call = IRestakingVault::hasRoleCall::abi_decode(data).expect("hasRole");
                if view_reverts {
                    return Err(b"view reverted".to_vec());
                }
                let held = call.role == CURATOR_ROLE && vault.curators.contains(&call.account);
                Ok(IRestakingVault::hasRoleCall::abi_encode_returns(&held))
            }
            IRestakingVault::epochDurationCall::SELECTOR => {
                IRestakingVault::epochDurationCall::abi_decode(data).expect("epochDuration");
                if view_reverts {
                    return Err(b"view reverted".to_vec());
                }
                Ok(IRestakingVault::epochDurationCall::abi_encode_returns(
                    &vault.epoch_duration,
                ))
            }
            IRestakingVault::slashableStakeCall::SELECTOR => {
                let call =
                    IRestakingVault::slashableStakeCall::abi_decode(data).expect("slashableStake");
                if view_reverts {
                    return Err(b"view reverted".to_vec());
                }
                let stake = vault.slashable_stake(call.captureTimestamp, now);
                Ok(IRestakingVault::slashableStakeCall::abi_encode_returns(
                    &stake,
                ))
            }
            IRestakingVault::onSlashCall::SELECTOR => {
                let call = IRestakingVault::onSlashCall::abi_decode(data).expect("onSlash");
                assert!(mutating, "onSlash must not be a static call");
                match vault.on_slash {
                    SlashBehaviour::Revert => return Err(b"slash refused".to_vec()),
                    SlashBehaviour::Empty => return Ok(Vec::new()),
                    SlashBehaviour::OverReport => {
                        return Ok(IRestakingVault::onSlashCall::abi_encode_returns(
                            &(call.amount + U256::from(1)),
                        ));
                    }
                    SlashBehaviour::Honest => {}
                }
                assert!(!call.amount.is_zero(), "the vault rejects zero slashes");
                let slashable = vault.slashable_stake(call.captureTimestamp, now);
                let slashed = call.amount.min(slashable);
                vault.stake -= slashed;
                vault.slashed_total += slashed;
                vault
                    .slashes
                    .push((call.amount, call.captureTimestamp, call.recipient, slashed));
                vault.pending = vault.pending.saturating_sub(call.amount);
                Ok(IRestakingVault::onSlashCall::abi_encode_returns(&slashed))
            }
            IRestakingVault::holdSlashCall::SELECTOR => {
                let call = IRestakingVault::holdSlashCall::abi_decode(data).expect("holdSlash");
                assert!(mutating, "holdSlash must not be a static call");
                if vault.holds_revert {
                    return Err(b"hold refused".to_vec());
                }
                assert!(!call.amount.is_zero(), "the vault rejects zero holds");
                vault.pending += call.amount;
                vault.holds.push((call.amount, call.until));
                Ok(Vec::new())
            }
            IRestakingVault::releaseSlashCall::SELECTOR => {
                let call =
                    IRestakingVault::releaseSlashCall::abi_decode(data).expect("releaseSlash");
                assert!(mutating, "releaseSlash must not be a static call");
                if vault.holds_revert {
                    return Err(b"release refused".to_vec());
                }
                assert!(!call.amount.is_zero(), "the vault rejects zero releases");
                vault.pending = vault.pending.saturating_sub(call.amount);
                Ok(Vec::new())
            }
            _ => {
                world.unexpected.push((to, data.to_vec()));
                Ok(Vec::new())
            }
        }
    }

    fn call_raw(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        value: U256,
        mutating: bool,
        outs_len: &mut usize,
    ) -> u8 {
        // SAFETY: the SDK passes a 20-byte address and `data_len` bytes of calldata.
        let (to, data) = unsafe {
            (
                Address::from_slice(slice::from_raw_parts(to, 20)),
                slice::from_raw_parts(data, data_len).to_vec(),
            )
        };
        let (status, output) = match self.answer(to, &data, value, mutating) {
            Ok(output) => (0, output),
            Err(output) => (1, output),
        };
        *outs_len = output.len();
        self.world.borrow_mut().return_data = output;
        status
    }
}

impl Host for Chain {}

impl CryptographyAccess for Chain {
    fn native_keccak256(&self, input: &[u8]) -> B256 {
        self.vm.native_keccak256(input)
    }
}

impl CalldataAccess for Chain {
    fn read_args(&self, len: usize) -> Vec<u8> {
        self.vm.read_args(len)
    }

    fn read_return_data(&self, offset: usize, size: Option<usize>) -> Vec<u8> {
        let world = self.world.borrow();
        let data = &world.return_data;
        let start = offset.min(data.len());
        let end = size.map_or(data.len(), |size| (start + size).min(data.len()));
        data[start..end].to_vec()
    }

    fn return_data_size(&self) -> usize {
        self.world.borrow().return_data.len()
    }

    fn write_result(&self, data: &[u8]) {
        self.vm.write_result(data)
    }
}

unsafe impl UnsafeDeploymentAccess for Chain {
    unsafe fn create1(
        &self,
        code: *const u8,
        code_len: usize,
        endowment: *const u8,
        contract: *mut u8,
        revert_data_len: *mut usize,
    ) {
        // SAFETY: forwarded unchanged to `TestVM`, which has the same contract.
        unsafe {
            self.vm
                .create1(code, code_len, endowment, contract, revert_data_len)
        }
    }

    unsafe fn create2(
        &self,
        code: *const u8,
        code_len: usize,
        endowment: *const u8,
        salt: *const u8,
        contract: *mut u8,
        revert_data_len: *mut usize,
    ) {
        // SAFETY: forwarded unchanged to `TestVM`, which has the same contract.
        unsafe {
            self.vm
                .create2(code, code_len, endowment, salt, contract, revert_data_len)
        }
    }
}

impl StorageAccess for Chain {
    fn storage_load_bytes32(&self, key: U256) -> B256 {
        self.vm.storage_load_bytes32(key)
    }

    unsafe fn storage_cache_bytes32(&self, key: U256, value: B256) {
        // SAFETY: forwarded unchanged to `TestVM`, which has the same contract.
        unsafe { self.vm.storage_cache_bytes32(key, value) }
    }

    fn flush_cache(&self, clear: bool) {
        self.vm.flush_cache(clear)
    }
}

unsafe impl UnsafeCallAccess for Chain {
    unsafe fn call_contract(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        value: *const u8,
        _gas: u64,
        outs_len: &mut usize,
    ) -> u8 {
        // SAFETY: the SDK passes a 32-byte big-endian value.
        let value = unsafe { U256::from_be_slice(slice::from_raw_parts(value, 32)) };
        self.call_raw(to, data, data_len, value, true, outs_len)
    }

    unsafe fn static_call_contract(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        _gas: u64,
        outs_len: &mut usize,
    ) -> u8 {
        self.call_raw(to, data, data_len, U256::ZERO, false, outs_len)
    }

    unsafe fn delegate_call_contract(
        &self,
        _to: *const u8,
        _data: *const u8,
        _data_len: usize,
        _gas: u64,
        _outs_len: &mut usize,
    ) -> u8 {
        panic!("the manager never delegate-calls")
    }
}

impl BlockAccess for Chain {
    fn block_basefee(&self) -> U256 {
        self.vm.block_basefee()
    }

    fn block_coinbase(&self) -> Address {
        self.vm.block_coinbase()
    }

    fn block_number(&self) -> u64 {
        self.vm.block_number()
    }

    fn block_timestamp(&self) -> u64 {
        self.vm.block_timestamp()
    }

    fn block_gas_limit(&self) -> u64 {
        self.vm.block_gas_limit()
    }
}

impl ChainAccess for Chain {
    fn chain_id(&self) -> u64 {
        self.vm.chain_id()
    }
}

impl AccountAccess for Chain {
    fn balance(&self, account: Address) -> U256 {
        self.vm.balance(account)
    }

    fn contract_address(&self) -> Address {
        self.vm.contract_address()
    }

    fn code(&self, account: Address) -> Vec<u8> {
        self.vm.code(account)
    }

    fn code_size(&self, account: Address) -> usize {
        self.vm.code_size(account)
    }

    fn code_hash(&self, account: Address) -> B256 {
        self.vm.code_hash(account)
    }
}

impl MemoryAccess for Chain {
    fn pay_for_memory_grow(&self, pages: u16) {
        self.vm.pay_for_memory_grow(pages)
    }
}

impl MessageAccess for Chain {
    fn msg_sender(&self) -> Address {
        self.vm.msg_sender()
    }

    fn msg_reentrant(&self) -> bool {
        self.vm.msg_reentrant()
    }

    fn msg_value(&self) -> U256 {
        self.vm.msg_value()
    }

    fn tx_origin(&self) -> Address {
        self.vm.tx_origin()
    }
}

impl MeteringAccess for Chain {
    fn evm_gas_left(&self) -> u64 {
        self.vm.evm_gas_left()
    }

    fn evm_ink_left(&self) -> u64 {
        self.vm.evm_ink_left()
    }

    fn tx_gas_price(&self) -> U256 {
        self.vm.tx_gas_price()
    }

    fn tx_ink_price(&self) -> u32 {
        self.vm.tx_ink_price()
    }
}

impl RawLogAccess for Chain {
    fn emit_log(&self, input: &[u8], num_topics: usize) {
        let (topics, data) = input.split_at(num_topics * 32);
        let topics = topics.chunks(32).map(B256::from_slice).collect();
        self.world.borrow_mut().logs.push((topics, data.to_vec()));
    }

    fn raw_log(&self, topics: &[B256], data: &[u8]) -> Result<(), &'static str> {
        self.world
            .borrow_mut()
            .logs
            .push((topics.to_vec(), data.to_vec()));
        Ok(())
    }
}
