//! A Stylus host for the contracts' unit tests (issue 11, "tests that cannot fail today").
//!
//! stylus-sdk 0.10's `TestVM` mocks calls by exact calldata, but it answers every call with the
//! return data of the *last registered* mock, and an unmocked call with empty success: a
//! contract that sent the wrong calldata, or no call at all, passes unnoticed. Here the contract
//! runs on [`DecodingHost`]: `TestVM` keeps the contract's own environment (sender, value, time,
//! storage), and every call the contract makes goes to a [`Responder`] the test supplies, which
//! decodes it against the callee's interface and answers it, or fails the test.
//!
//! The host also keeps the logs and the responder's state so that [`DecodingHost::transact`]
//! can put everything back when a call fails, as the EVM reverts a failed transaction.
#![allow(unsafe_code)] // implements the SDK's host traits, which are `unsafe trait`s by design

use std::{cell::RefCell, collections::HashMap, rc::Rc, slice};

use alloy_primitives::{Address, B256, U256};
use stylus_sdk::{
    prelude::*,
    stylus_core::{
        AccountAccess, BlockAccess, CalldataAccess, ChainAccess, CryptographyAccess, MemoryAccess,
        MessageAccess, MeteringAccess, RawLogAccess, StorageAccess, UnsafeCallAccess,
        UnsafeDeploymentAccess,
    },
    testing::TestVM,
};

/// How the contract called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    /// `call`, which may change state and send value.
    Mutating,
    /// `staticcall`.
    Static,
    /// `delegatecall`: the callee's code on the caller's storage. The responder answers it
    /// like any call; it cannot run code on the contract's storage.
    Delegate,
}

/// A call the contract under test makes.
#[derive(Clone, Debug)]
pub struct OutgoingCall {
    /// The callee.
    pub to: Address,
    /// The calldata.
    pub data: Vec<u8>,
    /// Wei sent with it (always zero for a static call).
    pub value: U256,
    /// Call or static call.
    pub kind: CallKind,
    /// The block timestamp.
    pub now: u64,
}

impl OutgoingCall {
    /// The first four bytes of the calldata (zeros when shorter).
    pub fn selector(&self) -> [u8; 4] {
        self.data
            .get(..4)
            .and_then(|s| s.try_into().ok())
            .unwrap_or_default()
    }
}

/// Answers the contract's calls: `Ok(return data)` or `Err(revert data)`. A call it does not
/// expect should fail the test (panic, or record it for the test to check).
pub trait Responder {
    /// The answer to `call`.
    fn answer(&mut self, call: &OutgoingCall) -> Result<Vec<u8>, Vec<u8>>;
}

/// Logs as `(topics, data)`.
pub type Logs = Vec<(Vec<B256>, Vec<u8>)>;

#[derive(Clone, Default)]
struct State<R> {
    responder: R,
    logs: Logs,
    return_data: Vec<u8>,
}

/// The host a contract runs on in its unit tests: `Contract::from(&host)`. Clones share the
/// chain.
pub struct DecodingHost<R> {
    /// Sender, value, time, balances and the contract's storage.
    pub vm: TestVM,
    state: Rc<RefCell<State<R>>>,
}

impl<R> Clone for DecodingHost<R> {
    fn clone(&self) -> Self {
        Self {
            vm: self.vm.clone(),
            state: Rc::clone(&self.state),
        }
    }
}

impl<R: Default> Default for DecodingHost<R> {
    fn default() -> Self {
        Self::new(R::default())
    }
}

/// Storage, logs and responder at one moment, to go back to.
pub struct Snapshot<R> {
    storage: HashMap<U256, B256>,
    logs: Logs,
    responder: R,
}

impl<R> DecodingHost<R> {
    /// A host whose calls `responder` answers.
    pub fn new(responder: R) -> Self {
        Self {
            vm: TestVM::default(),
            state: Rc::new(RefCell::new(State {
                responder,
                logs: Vec::new(),
                return_data: Vec::new(),
            })),
        }
    }

    /// Reads or changes the responder.
    pub fn with_responder<T>(&self, f: impl FnOnce(&mut R) -> T) -> T {
        f(&mut self.state.borrow_mut().responder)
    }

    /// The logs emitted so far.
    pub fn logs(&self) -> Logs {
        self.state.borrow().logs.clone()
    }

    /// The contract's storage, with zero words dropped (an unset and a zeroed slot are the
    /// same).
    pub fn storage(&self) -> HashMap<U256, B256> {
        let mut storage = self.vm.snapshot().storage;
        storage.retain(|_, value| !value.is_zero());
        storage
    }

    fn call_raw(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        value: U256,
        kind: CallKind,
        outs_len: &mut usize,
    ) -> u8
    where
        R: Responder,
    {
        // SAFETY: the SDK passes a 20-byte address and `data_len` bytes of calldata.
        let (to, data) = unsafe {
            (
                Address::from_slice(slice::from_raw_parts(to, 20)),
                slice::from_raw_parts(data, data_len).to_vec(),
            )
        };
        let call = OutgoingCall {
            to,
            data,
            value,
            kind,
            now: self.vm.block_timestamp(),
        };
        let answer = self.state.borrow_mut().responder.answer(&call);
        let (status, output) = match answer {
            Ok(output) => (0, output),
            Err(output) => (1, output),
        };
        *outs_len = output.len();
        self.state.borrow_mut().return_data = output;
        status
    }
}

impl<R: Clone> DecodingHost<R> {
    /// Storage, logs and responder now.
    pub fn snapshot(&self) -> Snapshot<R> {
        let state = self.state.borrow();
        Snapshot {
            storage: self.vm.snapshot().storage,
            logs: state.logs.clone(),
            responder: state.responder.clone(),
        }
    }

    /// Goes back to `snapshot`.
    pub fn revert_to(&self, snapshot: Snapshot<R>) {
        self.vm.clear_storage();
        for (key, value) in snapshot.storage {
            self.vm.set_storage(key, value);
        }
        let mut state = self.state.borrow_mut();
        state.logs = snapshot.logs;
        state.responder = snapshot.responder;
    }

    /// Runs `f` as a transaction: when it fails, storage, logs and responder are put back as
    /// they were.
    pub fn transact<T, E>(&self, f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        let snapshot = self.snapshot();
        let result = f();
        if result.is_err() {
            self.revert_to(snapshot);
        }
        result
    }
}

impl<R: Responder> Host for DecodingHost<R> {}

impl<R> CryptographyAccess for DecodingHost<R> {
    fn native_keccak256(&self, input: &[u8]) -> B256 {
        self.vm.native_keccak256(input)
    }
}

impl<R> CalldataAccess for DecodingHost<R> {
    fn read_args(&self, len: usize) -> Vec<u8> {
        self.vm.read_args(len)
    }

    fn read_return_data(&self, offset: usize, size: Option<usize>) -> Vec<u8> {
        let state = self.state.borrow();
        let data = &state.return_data;
        let start = offset.min(data.len());
        let end = size.map_or(data.len(), |size| {
            start.saturating_add(size).min(data.len())
        });
        data.get(start..end).unwrap_or_default().to_vec()
    }

    fn return_data_size(&self) -> usize {
        self.state.borrow().return_data.len()
    }

    fn write_result(&self, data: &[u8]) {
        self.vm.write_result(data)
    }
}

unsafe impl<R> UnsafeDeploymentAccess for DecodingHost<R> {
    unsafe fn create1(
        &self,
        _code: *const u8,
        _code_len: usize,
        _endowment: *const u8,
        _contract: *mut u8,
        _revert_data_len: *mut usize,
    ) {
        panic!("the contracts under test never deploy")
    }

    unsafe fn create2(
        &self,
        _code: *const u8,
        _code_len: usize,
        _endowment: *const u8,
        _salt: *const u8,
        _contract: *mut u8,
        _revert_data_len: *mut usize,
    ) {
        panic!("the contracts under test never deploy")
    }
}

impl<R> StorageAccess for DecodingHost<R> {
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

unsafe impl<R: Responder> UnsafeCallAccess for DecodingHost<R> {
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
        self.call_raw(to, data, data_len, value, CallKind::Mutating, outs_len)
    }

    unsafe fn static_call_contract(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        _gas: u64,
        outs_len: &mut usize,
    ) -> u8 {
        self.call_raw(to, data, data_len, U256::ZERO, CallKind::Static, outs_len)
    }

    unsafe fn delegate_call_contract(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        _gas: u64,
        outs_len: &mut usize,
    ) -> u8 {
        self.call_raw(to, data, data_len, U256::ZERO, CallKind::Delegate, outs_len)
    }
}

impl<R> BlockAccess for DecodingHost<R> {
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

impl<R> ChainAccess for DecodingHost<R> {
    fn chain_id(&self) -> u64 {
        self.vm.chain_id()
    }
}

impl<R> AccountAccess for DecodingHost<R> {
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

impl<R> MemoryAccess for DecodingHost<R> {
    fn pay_for_memory_grow(&self, pages: u16) {
        self.vm.pay_for_memory_grow(pages)
    }
}

impl<R> MessageAccess for DecodingHost<R> {
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

impl<R> MeteringAccess for DecodingHost<R> {
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

impl<R> RawLogAccess for DecodingHost<R> {
    fn emit_log(&self, input: &[u8], num_topics: usize) {
        let (topics, data) = input.split_at(num_topics.saturating_mul(32).min(input.len()));
        let topics = topics.chunks(32).map(B256::from_slice).collect();
        self.state.borrow_mut().logs.push((topics, data.to_vec()));
    }

    fn raw_log(&self, topics: &[B256], data: &[u8]) -> Result<(), &'static str> {
        self.state
            .borrow_mut()
            .logs
            .push((topics.to_vec(), data.to_vec()));
        Ok(())
    }
}
