//! The `vm_hooks` host functions a Stylus program imports, as Nitro implements them
//! (crates/wasm-libraries/user-host-trait in Nitro): what each reads and writes, and the ink
//! and gas each charges.
//!
//! A program's frame owns the execution context while it runs (it is moved into the wasmi
//! store), so host functions reach the journal directly; nested calls lend it to a nested
//! revm loop ([`crate::context::run_nested_frame`]).

use std::collections::BTreeMap;

use revm::{
    context_interface::CreateScheme,
    context_interface::{Block, Cfg, ContextTr, JournalTr, Transaction},
    handler::FrameResult,
    interpreter::{CallInput, CallInputs, CallScheme, CallValue, CreateInputs, FrameInput},
    primitives::{Address, B256, Bytes, Log, LogData, U256, keccak256},
};
use stylus_program::pricing::{
    self,
    hostio::{self, keccak_price, pow_price, read_price, write_price},
};
use wasmi::{Caller, Engine, Linker};

use crate::{
    context::{DevContext, run_nested_frame},
    precompiles::ArbPrecompiles,
};

/// Why a program stopped before returning from `user_entrypoint`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Escape {
    /// `exit_early(status)`: 0 returns, anything else reverts, with the result written so far.
    Exit(u32),
    /// Ran out of ink (or of gas for a host call).
    OutOfInk,
    /// A host call failed (write in a static context, bad arguments, ...).
    Failure(String),
}

/// One storage slot in the frame's cache (Nitro's StorageCache).
#[derive(Clone, Copy, Debug)]
struct StorageWord {
    value: B256,
    /// The value in the state, if known.
    known: Option<B256>,
}

/// Facts about the frame, fixed for its lifetime.
#[derive(Clone, Debug)]
pub struct FrameEnv {
    /// The address whose storage the program uses (the caller's for a delegate call).
    pub address: Address,
    /// msg.sender.
    pub caller: Address,
    /// msg.value.
    pub value: U256,
    /// The calldata.
    pub calldata: Bytes,
    /// Whether writes are forbidden (static call).
    pub is_static: bool,
    /// Whether this program's address is already executing deeper in the call stack.
    pub reentrant: bool,
}

/// The data a wasmi store of a Stylus frame holds.
pub struct HostState {
    /// The execution context, owned by the frame while it runs.
    pub ctx: DevContext,
    /// The precompile provider, for nested calls.
    pub(crate) precompiles: ArbPrecompiles,
    /// The frame's facts.
    pub env: FrameEnv,
    /// The program's exported memory, set after instantiation.
    pub(crate) memory: Option<wasmi::Memory>,
    /// The instrumented ink counter, set after instantiation.
    pub(crate) ink_left: Option<wasmi::Global>,
    /// The instrumented out-of-ink flag, set after instantiation.
    pub(crate) ink_status: Option<wasmi::Global>,
    storage: BTreeMap<B256, StorageWord>,
    storage_reads: u32,
    storage_writes: u32,
    /// Data returned by the last call or create.
    pub(crate) return_data: Bytes,
    /// What `write_result` set.
    pub output: Vec<u8>,
    /// Why the program stopped early, if it did.
    pub escape: Option<Escape>,
    /// Gas refund accumulated by storage writes.
    pub refund: i64,
}

impl HostState {
    /// The state of a frame about to run.
    pub(crate) fn new(ctx: DevContext, precompiles: ArbPrecompiles, env: FrameEnv) -> Self {
        Self {
            ctx,
            precompiles,
            env,
            memory: None,
            ink_left: None,
            ink_status: None,
            storage: BTreeMap::new(),
            storage_reads: 0,
            storage_writes: 0,
            return_data: Bytes::new(),
            output: Vec::new(),
            escape: None,
            refund: 0,
        }
    }
}

type HostResult<T> = Result<T, wasmi::Error>;

/// A host call in progress: the wasmi caller and helpers for memory, ink and gas.
struct Host<'a> {
    caller: Caller<'a, HostState>,
}

impl Host<'_> {
    fn state(&mut self) -> &mut HostState {
        self.caller.data_mut()
    }

    fn ink_price(&mut self) -> u64 {
        u64::from(self.state().precompiles.params().ink_price)
    }

    /// Stops the program with `escape`.
    fn escape<T>(&mut self, escape: Escape) -> HostResult<T> {
        let message = format!("{escape:?}");
        self.state().escape = Some(escape);
        Err(wasmi::Error::new(message))
    }

    fn fail<T>(&mut self, why: impl Into<String>) -> HostResult<T> {
        self.escape(Escape::Failure(why.into()))
    }

    fn ink_left(&mut self) -> u64 {
        let Some(global) = self.state().ink_left else {
            return 0;
        };
        match global.get(&self.caller) {
            wasmi::Val::I64(ink) => ink as u64,
            _ => 0,
        }
    }

    fn set_ink_left(&mut self, ink: u64) {
        if let Some(global) = self.state().ink_left {
            // The global is a mutable i64 created by the instrumentation; setting it cannot
            // fail on type or mutability.
            let _ = global.set(&mut self.caller, wasmi::Val::I64(ink as i64));
        }
    }

    fn out_of_ink<T>(&mut self) -> HostResult<T> {
        self.set_ink_left(0);
        if let Some(global) = self.state().ink_status {
            let _ = global.set(&mut self.caller, wasmi::Val::I32(1));
        }
        self.escape(Escape::OutOfInk)
    }

    /// Charges `ink`, or stops the program out of ink.
    fn buy_ink(&mut self, ink: u64) -> HostResult<()> {
        let left = self.ink_left();
        match left.checked_sub(ink) {
            Some(rest) => {
                self.set_ink_left(rest);
                Ok(())
            }
            None => self.out_of_ink(),
        }
    }

    fn gas_left(&mut self) -> u64 {
        let price = self.ink_price().max(1);
        self.ink_left() / price
    }

    /// Charges `gas` (converted to ink).
    fn buy_gas(&mut self, gas: u64) -> HostResult<()> {
        let ink = gas.saturating_mul(self.ink_price());
        self.buy_ink(ink)
    }

    /// Stops the program unless at least `gas` is left (charges nothing).
    fn require_gas(&mut self, gas: u64) -> HostResult<()> {
        if self.gas_left() < gas {
            return self.out_of_ink();
        }
        Ok(())
    }

    fn memory(&mut self) -> HostResult<wasmi::Memory> {
        match self.state().memory {
            Some(memory) => Ok(memory),
            None => self.fail("program has no memory"),
        }
    }

    fn read_slice(&mut self, ptr: u32, len: u32) -> HostResult<Vec<u8>> {
        let memory = self.memory()?;
        let data = memory.data(&self.caller);
        let start = ptr as usize;
        let Some(end) = start.checked_add(len as usize) else {
            return self.fail("memory access out of bounds");
        };
        match data.get(start..end) {
            Some(bytes) => Ok(bytes.to_vec()),
            None => self.fail("memory access out of bounds"),
        }
    }

    fn write_slice(&mut self, ptr: u32, bytes: &[u8]) -> HostResult<()> {
        let memory = self.memory()?;
        let data = memory.data_mut(&mut self.caller);
        let start = ptr as usize;
        let Some(end) = start.checked_add(bytes.len()) else {
            return self.fail("memory access out of bounds");
        };
        match data.get_mut(start..end) {
            Some(target) => {
                target.copy_from_slice(bytes);
                Ok(())
            }
            None => self.fail("memory access out of bounds"),
        }
    }

    fn read_bytes32(&mut self, ptr: u32) -> HostResult<B256> {
        Ok(B256::from_slice(&self.read_slice(ptr, 32)?))
    }

    fn read_u256(&mut self, ptr: u32) -> HostResult<U256> {
        Ok(U256::from_be_bytes(self.read_bytes32(ptr)?.0))
    }

    fn read_address(&mut self, ptr: u32) -> HostResult<Address> {
        Ok(Address::from_slice(&self.read_slice(ptr, 20)?))
    }

    fn write_u32(&mut self, ptr: u32, value: u32) -> HostResult<()> {
        self.write_slice(ptr, &value.to_le_bytes())
    }

    fn write_u256(&mut self, ptr: u32, value: U256) -> HostResult<()> {
        self.write_slice(ptr, &value.to_be_bytes::<32>())
    }

    /// The math host functions: charges `ink`, reads the 32-byte words at `value` and each of
    /// `operands`, and writes `op` of them over `value`.
    fn math<const N: usize>(
        &mut self,
        ink: u64,
        value: u32,
        operands: [u32; N],
        op: impl FnOnce(U256, [U256; N]) -> U256,
    ) -> HostResult<()> {
        self.buy_ink(ink)?;
        let first = self.read_u256(value)?;
        let mut words = [U256::ZERO; N];
        for (word, ptr) in words.iter_mut().zip(operands) {
            *word = self.read_u256(ptr)?;
        }
        self.write_u256(value, op(first, words))
    }

    fn ctx(&mut self) -> &mut DevContext {
        &mut self.state().ctx
    }

    /// Loads `address` into the journal; returns whether the access was cold.
    fn access_account(&mut self, address: Address) -> bool {
        match self.ctx().journal_mut().load_account(address) {
            Ok(load) => load.is_cold,
            Err(never) => match never {},
        }
    }

    /// The prologue of the `account_*` host functions: charges `ink`, requires the gas of a
    /// cold access, reads the address at `ptr` and charges its EIP-2929 access.
    fn account_access(&mut self, ink: u64, ptr: u32) -> HostResult<Address> {
        self.buy_ink(ink)?;
        self.require_gas(access_gas(true))?;
        let address = self.read_address(ptr)?;
        let cold = self.access_account(address);
        self.buy_gas(access_gas(cold))?;
        Ok(address)
    }

    fn write_protection<T>(&mut self) -> HostResult<T> {
        self.fail("write protection: state change in a static call")
    }
}

/// EIP-2929 account access cost.
fn access_gas(cold: bool) -> u64 {
    if cold { 2_600 } else { 100 }
}

/// Gas a storage read with a cold miss costs at most (Nitro: COLD_SLOAD_GAS).
const COLD_SLOAD_GAS: u64 = 2_100;
/// Gas that must be left for any storage write (EIP-2200's sentry).
const SSTORE_SENTRY_GAS: u64 = 2_300;
/// Nitro's StorageCache::REQUIRED_ACCESS_GAS.
const CACHE_ACCESS_GAS: u64 = 10;
/// TLOAD / TSTORE gas (EIP-1153).
const TRANSIENT_GAS: u64 = 100;

fn cache_read_gas(reads: u32) -> u64 {
    match reads {
        0..=32 => 0,
        33..=128 => 2,
        _ => 10,
    }
}

fn cache_write_gas(writes: u32) -> u64 {
    match writes {
        0..=8 => 0,
        9..=64 => 7,
        _ => 10,
    }
}

/// The kind of call a program makes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CallKind {
    Call,
    Delegate,
    Static,
}

/// Registers every host function on a linker for `engine`.
pub(crate) fn linker(engine: &Engine) -> Linker<HostState> {
    let mut linker = Linker::new(engine);
    if let Err(error) = define(&mut linker) {
        // Each name is defined once; a duplicate is a programming error caught by tests.
        unreachable!("host function table is inconsistent: {error}");
    }
    linker
}

/// The ink price in force, as Nitro reports it to programs.
fn ink_price_of(state: &HostState) -> u32 {
    state.precompiles.params().ink_price
}

#[allow(clippy::too_many_lines)]
fn define(linker: &mut Linker<HostState>) -> Result<(), wasmi::errors::LinkerError> {
    const M: &str = "vm_hooks";

    linker.func_wrap(M, "read_args", |caller: Caller<'_, HostState>, ptr: u32| {
        let mut host = Host { caller };
        let args = host.state().env.calldata.clone();
        host.buy_ink(hostio::READ_ARGS_BASE_INK)?;
        host.buy_ink(write_price(args.len() as u32))?;
        host.write_slice(ptr, &args)
    })?;

    linker.func_wrap(
        M,
        "write_result",
        |caller: Caller<'_, HostState>, ptr: u32, len: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::WRITE_RESULT_BASE_INK)?;
            host.buy_ink(read_price(len))?;
            host.buy_ink(read_price(len))?;
            let data = host.read_slice(ptr, len)?;
            host.state().output = data;
            Ok(())
        },
    )?;

    linker.func_wrap(
        M,
        "exit_early",
        |caller: Caller<'_, HostState>, status: u32| {
            let mut host = Host { caller };
            host.escape::<()>(Escape::Exit(status))
        },
    )?;

    linker.func_wrap(
        M,
        "storage_load_bytes32",
        |caller: Caller<'_, HostState>, key: u32, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::STORAGE_LOAD_BASE_INK)?;
            let api_gas =
                pricing::ink_to_gas(hostio::EVM_API_INK, host.state().precompiles.params());
            host.require_gas(COLD_SLOAD_GAS + CACHE_ACCESS_GAS + api_gas)?;
            let key = host.read_bytes32(key)?;
            let state = host.state();
            state.storage_reads = state.storage_reads.saturating_add(1);
            let mut cost = cache_read_gas(state.storage_reads);
            let value = match state.storage.get(&key) {
                Some(word) => word.value,
                None => {
                    let address = state.env.address;
                    crate::programs::load_account(&mut state.ctx, address);
                    let load = match state.ctx.journal_mut().sload(address, key.into()) {
                        Ok(load) => load,
                        Err(never) => match never {},
                    };
                    let value = B256::from(load.data.to_be_bytes::<32>());
                    let access = if load.is_cold { COLD_SLOAD_GAS } else { 100 };
                    cost = cost.saturating_add(access).saturating_add(api_gas);
                    state.storage.insert(
                        key,
                        StorageWord {
                            value,
                            known: Some(value),
                        },
                    );
                    value
                }
            };
            host.buy_gas(cost)?;
            host.write_slice(dest, value.as_slice())
        },
    )?;

    linker.func_wrap(
        M,
        "storage_cache_bytes32",
        |caller: Caller<'_, HostState>, key: u32, value: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::STORAGE_CACHE_BASE_INK)?;
            host.require_gas(SSTORE_SENTRY_GAS + CACHE_ACCESS_GAS)?;
            let key = host.read_bytes32(key)?;
            let value = host.read_bytes32(value)?;
            let state = host.state();
            state.storage_writes = state.storage_writes.saturating_add(1);
            let cost = cache_write_gas(state.storage_writes);
            state
                .storage
                .entry(key)
                .and_modify(|word| word.value = value)
                .or_insert(StorageWord { value, known: None });
            host.buy_gas(cost)
        },
    )?;

    linker.func_wrap(
        M,
        "storage_flush_cache",
        |caller: Caller<'_, HostState>, clear: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::STORAGE_FLUSH_BASE_INK)?;
            host.require_gas(SSTORE_SENTRY_GAS)?;
            flush_storage(&mut host, clear != 0)
        },
    )?;

    linker.func_wrap(
        M,
        "transient_load_bytes32",
        |caller: Caller<'_, HostState>, key: u32, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::TRANSIENT_LOAD_BASE_INK)?;
            host.buy_gas(TRANSIENT_GAS)?;
            let key = host.read_bytes32(key)?;
            let address = host.state().env.address;
            let value = host.ctx().journal_mut().tload(address, key.into());
            host.write_u256(dest, value)
        },
    )?;

    linker.func_wrap(
        M,
        "transient_store_bytes32",
        |caller: Caller<'_, HostState>, key: u32, value: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::TRANSIENT_STORE_BASE_INK)?;
            host.buy_gas(TRANSIENT_GAS)?;
            let key = host.read_bytes32(key)?;
            let value = host.read_u256(value)?;
            if host.state().env.is_static {
                return host.write_protection();
            }
            let address = host.state().env.address;
            host.ctx().journal_mut().tstore(address, key.into(), value);
            Ok(())
        },
    )?;

    linker.func_wrap(
        M,
        "call_contract",
        |caller: Caller<'_, HostState>,
         contract: u32,
         data: u32,
         data_len: u32,
         value: u32,
         gas: u64,
         ret_len: u32| {
            let mut host = Host { caller };
            let value = Some(value);
            call(
                &mut host,
                CallKind::Call,
                contract,
                data,
                data_len,
                value,
                gas,
                ret_len,
            )
        },
    )?;

    linker.func_wrap(
        M,
        "delegate_call_contract",
        |caller: Caller<'_, HostState>,
         contract: u32,
         data: u32,
         data_len: u32,
         gas: u64,
         ret_len: u32| {
            let mut host = Host { caller };
            call(
                &mut host,
                CallKind::Delegate,
                contract,
                data,
                data_len,
                None,
                gas,
                ret_len,
            )
        },
    )?;

    linker.func_wrap(
        M,
        "static_call_contract",
        |caller: Caller<'_, HostState>,
         contract: u32,
         data: u32,
         data_len: u32,
         gas: u64,
         ret_len: u32| {
            let mut host = Host { caller };
            call(
                &mut host,
                CallKind::Static,
                contract,
                data,
                data_len,
                None,
                gas,
                ret_len,
            )
        },
    )?;

    linker.func_wrap(
        M,
        "create1",
        |caller: Caller<'_, HostState>,
         code: u32,
         code_len: u32,
         endowment: u32,
         contract: u32,
         revert_len: u32| {
            let mut host = Host { caller };
            create(
                &mut host, code, code_len, endowment, None, contract, revert_len,
            )
        },
    )?;

    linker.func_wrap(
        M,
        "create2",
        |caller: Caller<'_, HostState>,
         code: u32,
         code_len: u32,
         endowment: u32,
         salt: u32,
         contract: u32,
         revert_len: u32| {
            let mut host = Host { caller };
            create(
                &mut host,
                code,
                code_len,
                endowment,
                Some(salt),
                contract,
                revert_len,
            )
        },
    )?;

    linker.func_wrap(
        M,
        "read_return_data",
        |caller: Caller<'_, HostState>, dest: u32, offset: u32, size: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::READ_RETURN_DATA_BASE_INK)?;
            host.buy_ink(write_price(size))?;
            let data = host.state().return_data.clone();
            let start = (offset as usize).min(data.len());
            let end = start.saturating_add(size as usize).min(data.len());
            let slice = data.get(start..end).unwrap_or_default().to_vec();
            host.write_slice(dest, &slice)?;
            Ok(slice.len() as u32)
        },
    )?;

    linker.func_wrap(M, "return_data_size", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::RETURN_DATA_SIZE_BASE_INK)?;
        Ok(host.state().return_data.len() as u32)
    })?;

    linker.func_wrap(
        M,
        "emit_log",
        |caller: Caller<'_, HostState>, data: u32, len: u32, topics: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::EMIT_LOG_BASE_INK)?;
            if topics > 4 || u64::from(len) < u64::from(topics) * 32 {
                return host.fail("bad topic data");
            }
            host.buy_ink(read_price(len))?;
            host.buy_ink(read_price(len))?;
            if host.state().env.is_static {
                return host.write_protection();
            }
            let bytes = host.read_slice(data, len)?;
            let topic_bytes = topics as usize * 32;
            let gas = 375u64
                .saturating_add(375 * u64::from(topics))
                .saturating_add(8 * (bytes.len() - topic_bytes) as u64);
            host.buy_gas(gas)?;
            let topic_list = bytes[..topic_bytes]
                .chunks_exact(32)
                .map(B256::from_slice)
                .collect();
            let address = host.state().env.address;
            let log = Log {
                address,
                data: LogData::new_unchecked(
                    topic_list,
                    Bytes::copy_from_slice(&bytes[topic_bytes..]),
                ),
            };
            host.ctx().journal_mut().log(log);
            Ok(())
        },
    )?;

    linker.func_wrap(
        M,
        "account_balance",
        |caller: Caller<'_, HostState>, address: u32, dest: u32| {
            let mut host = Host { caller };
            let address = host.account_access(hostio::ACCOUNT_BALANCE_BASE_INK, address)?;
            let balance = match host.ctx().journal_mut().load_account(address) {
                Ok(account) => account.data.info.balance,
                Err(never) => match never {},
            };
            host.write_u256(dest, balance)
        },
    )?;

    linker.func_wrap(
        M,
        "account_code",
        |caller: Caller<'_, HostState>, address: u32, offset: u32, size: u32, dest: u32| {
            let mut host = Host { caller };
            let address = host.account_access(hostio::ACCOUNT_CODE_BASE_INK, address)?;
            let code = account_code(host.ctx(), address);
            let start = (offset as usize).min(code.len());
            let end = start.saturating_add(size as usize).min(code.len());
            let slice = code[start..end].to_vec();
            host.buy_ink(write_price(slice.len() as u32))?;
            host.write_slice(dest, &slice)?;
            Ok(slice.len() as u32)
        },
    )?;

    linker.func_wrap(
        M,
        "account_code_size",
        |caller: Caller<'_, HostState>, address: u32| {
            let mut host = Host { caller };
            let address = host.account_access(hostio::ACCOUNT_CODE_SIZE_BASE_INK, address)?;
            Ok(account_code(host.ctx(), address).len() as u32)
        },
    )?;

    linker.func_wrap(
        M,
        "account_codehash",
        |caller: Caller<'_, HostState>, address: u32, dest: u32| {
            let mut host = Host { caller };
            let address = host.account_access(hostio::ACCOUNT_CODE_HASH_BASE_INK, address)?;
            let hash = match host.ctx().journal_mut().code_hash(address) {
                Ok(load) => load.data,
                Err(never) => match never {},
            };
            host.write_slice(dest, hash.as_slice())
        },
    )?;

    linker.func_wrap(
        M,
        "block_basefee",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::BLOCK_BASEFEE_BASE_INK)?;
            let basefee = U256::from(host.ctx().block().basefee());
            host.write_u256(dest, basefee)
        },
    )?;

    linker.func_wrap(
        M,
        "block_coinbase",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::BLOCK_COINBASE_BASE_INK)?;
            let coinbase = host.ctx().block().beneficiary();
            host.write_slice(dest, coinbase.as_slice())
        },
    )?;

    linker.func_wrap(M, "block_gas_limit", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::BLOCK_GAS_LIMIT_BASE_INK)?;
        Ok(host.ctx().block().gas_limit())
    })?;

    linker.func_wrap(M, "block_number", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::BLOCK_NUMBER_BASE_INK)?;
        Ok(host.ctx().block().number().saturating_to::<u64>())
    })?;

    linker.func_wrap(M, "block_timestamp", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::BLOCK_TIMESTAMP_BASE_INK)?;
        Ok(host.ctx().block().timestamp().saturating_to::<u64>())
    })?;

    linker.func_wrap(M, "chainid", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::CHAIN_ID_BASE_INK)?;
        Ok(host.ctx().cfg().chain_id())
    })?;

    linker.func_wrap(
        M,
        "contract_address",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::ADDRESS_BASE_INK)?;
            let address = host.state().env.address;
            host.write_slice(dest, address.as_slice())
        },
    )?;

    linker.func_wrap(M, "evm_gas_left", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::EVM_GAS_LEFT_BASE_INK)?;
        Ok(host.gas_left())
    })?;

    linker.func_wrap(M, "evm_ink_left", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::EVM_INK_LEFT_BASE_INK)?;
        Ok(host.ink_left())
    })?;

    linker.func_wrap(
        M,
        "math_div",
        |caller: Caller<'_, HostState>, value: u32, divisor: u32| {
            // EVM semantics: division by zero gives zero.
            Host { caller }.math(hostio::MATH_DIV_BASE_INK, value, [divisor], |a, [b]| {
                a.checked_div(b).unwrap_or_default()
            })
        },
    )?;

    linker.func_wrap(
        M,
        "math_mod",
        |caller: Caller<'_, HostState>, value: u32, modulus: u32| {
            Host { caller }.math(hostio::MATH_MOD_BASE_INK, value, [modulus], |a, [b]| {
                a.checked_rem(b).unwrap_or_default()
            })
        },
    )?;

    linker.func_wrap(
        M,
        "math_pow",
        |caller: Caller<'_, HostState>, value: u32, exponent: u32| {
            let mut host = Host { caller };
            let exp = host.read_bytes32(exponent)?;
            host.buy_ink(pow_price(&exp.0))?;
            host.math(
                hostio::MATH_POW_BASE_INK,
                value,
                [exponent],
                |base, [exp]| base.wrapping_pow(exp),
            )
        },
    )?;

    linker.func_wrap(
        M,
        "math_add_mod",
        |caller: Caller<'_, HostState>, value: u32, addend: u32, modulus: u32| {
            Host { caller }.math(
                hostio::MATH_ADD_MOD_BASE_INK,
                value,
                [addend, modulus],
                |a, [b, m]| a.add_mod(b, m),
            )
        },
    )?;

    linker.func_wrap(
        M,
        "math_mul_mod",
        |caller: Caller<'_, HostState>, value: u32, multiplier: u32, modulus: u32| {
            Host { caller }.math(
                hostio::MATH_MUL_MOD_BASE_INK,
                value,
                [multiplier, modulus],
                |a, [b, m]| a.mul_mod(b, m),
            )
        },
    )?;

    linker.func_wrap(M, "msg_reentrant", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::MSG_REENTRANT_BASE_INK)?;
        Ok(u32::from(host.state().env.reentrant))
    })?;

    linker.func_wrap(
        M,
        "msg_sender",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::MSG_SENDER_BASE_INK)?;
            let sender = host.state().env.caller;
            host.write_slice(dest, sender.as_slice())
        },
    )?;

    linker.func_wrap(
        M,
        "msg_value",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::MSG_VALUE_BASE_INK)?;
            let value = host.state().env.value;
            host.write_u256(dest, value)
        },
    )?;

    linker.func_wrap(
        M,
        "native_keccak256",
        |caller: Caller<'_, HostState>, bytes: u32, len: u32, output: u32| {
            let mut host = Host { caller };
            host.buy_ink(keccak_price(len))?;
            let data = host.read_slice(bytes, len)?;
            host.write_slice(output, keccak256(data).as_slice())
        },
    )?;

    linker.func_wrap(
        M,
        "tx_gas_price",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::TX_GAS_PRICE_BASE_INK)?;
            let basefee = host.ctx().block().basefee();
            let price = host.ctx().tx().effective_gas_price(u128::from(basefee));
            host.write_u256(dest, U256::from(price))
        },
    )?;

    linker.func_wrap(M, "tx_ink_price", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::TX_INK_PRICE_BASE_INK)?;
        Ok(ink_price_of(host.state()))
    })?;

    linker.func_wrap(
        M,
        "tx_origin",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::TX_ORIGIN_BASE_INK)?;
            let origin = host.ctx().tx().caller();
            host.write_slice(dest, origin.as_slice())
        },
    )?;

    linker.func_wrap(
        M,
        "pay_for_memory_grow",
        |caller: Caller<'_, HostState>, pages: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::PAY_FOR_MEMORY_GROW_BASE_INK)?;
            let pages = u16::try_from(pages).unwrap_or(u16::MAX);
            if pages == 0 {
                return Ok(());
            }
            let precompiles = host.state().precompiles.clone();
            let cost = {
                let mut open = crate::precompiles::lock(&precompiles.shared.pages);
                let cost = pricing::memory_cost(pages, open.open, open.ever, precompiles.params());
                open.open = open.open.saturating_add(pages);
                open.ever = open.ever.max(open.open);
                cost
            };
            host.buy_gas(cost)
        },
    )?;

    Ok(())
}

/// The code of `address` (empty for accounts without code).
fn account_code(ctx: &mut DevContext, address: Address) -> Bytes {
    match ctx.journal_mut().code(address) {
        Ok(load) => load.data,
        Err(never) => match never {},
    }
}

/// Writes the dirty slots of the cache to the state, as Nitro's `SetTrieSlots` does.
fn flush_storage(host: &mut Host<'_>, clear: bool) -> HostResult<()> {
    let dirty: Vec<(B256, B256)> = host
        .state()
        .storage
        .iter()
        .filter(|(_, word)| word.known != Some(word.value))
        .map(|(key, word)| (*key, word.value))
        .collect();
    if clear {
        host.state().storage.clear();
    }
    if dirty.is_empty() {
        return Ok(());
    }
    if host.state().env.is_static {
        return host.write_protection();
    }
    let address = host.state().env.address;
    crate::programs::load_account(host.ctx(), address);
    let mut total: u64 = 0;
    for (key, value) in dirty {
        let gas_left = host.gas_left().saturating_sub(total);
        if gas_left <= SSTORE_SENTRY_GAS {
            return host.out_of_ink();
        }
        let state = host.state();
        let result =
            match state
                .ctx
                .journal_mut()
                .sstore(address, key.into(), U256::from_be_bytes(value.0))
            {
                Ok(result) => result,
                Err(never) => match never {},
            };
        let params = state.ctx.cfg().gas_params();
        let cost = params
            .sstore_static_gas()
            .saturating_add(params.sstore_dynamic_gas(true, &result.data, result.is_cold));
        let refund = params.sstore_refund(true, &result.data);
        state.refund = state.refund.saturating_add(refund);
        if let Some(word) = state.storage.get_mut(&key) {
            word.known = Some(value);
        }
        total = total.saturating_add(cost);
        if total > host.gas_left() {
            return host.out_of_ink();
        }
    }
    host.buy_gas(total)
}

/// `call_contract`, `delegate_call_contract` and `static_call_contract` (Nitro's doCall).
#[allow(clippy::too_many_arguments)]
fn call(
    host: &mut Host<'_>,
    kind: CallKind,
    contract: u32,
    data: u32,
    data_len: u32,
    value: Option<u32>,
    gas: u64,
    ret_len: u32,
) -> HostResult<u32> {
    host.buy_ink(hostio::CALL_CONTRACT_BASE_INK)?;
    host.buy_ink(read_price(data_len))?;
    host.buy_ink(read_price(data_len))?;
    let contract = host.read_address(contract)?;
    let input = Bytes::from(host.read_slice(data, data_len)?);
    let value = match value {
        Some(ptr) => host.read_u256(ptr)?,
        None => U256::ZERO,
    };
    let gas_left = host.gas_left();
    let gas_req = gas.min(gas_left);
    let env = host.state().env.clone();
    if env.is_static && !value.is_zero() {
        return host.write_protection();
    }

    // makeCallVariantGasCallEIP2929 + gasCall: access, value transfer, new account.
    let cold = host.access_account(contract);
    let mut base_cost = access_gas(cold);
    if !value.is_zero() {
        base_cost = base_cost.saturating_add(9_000);
        let empty = match host.ctx().journal_mut().load_account(contract) {
            Ok(account) => account.data.is_empty(),
            Err(never) => match never {},
        };
        if empty {
            base_cost = base_cost.saturating_add(25_000);
        }
    }
    if base_cost > gas_left {
        return host.out_of_ink();
    }
    // The 63/64ths rule, then the stipend for calls that pay.
    let start_gas = (gas_left - base_cost) - (gas_left - base_cost) / 64;
    let mut call_gas = start_gas.min(gas_req);
    if !value.is_zero() {
        call_gas = call_gas.saturating_add(2_300);
    }

    let (code_hash, bytecode) = match host.ctx().journal_mut().load_account_with_code(contract) {
        Ok(account) => (
            account.data.info.code_hash,
            account.data.info.code.clone().unwrap_or_default(),
        ),
        Err(never) => match never {},
    };
    let (target, caller, call_value, scheme, is_static) = match kind {
        CallKind::Call => (
            contract,
            env.address,
            CallValue::Transfer(value),
            CallScheme::Call,
            env.is_static,
        ),
        CallKind::Delegate => (
            env.address,
            env.caller,
            CallValue::Apparent(env.value),
            CallScheme::DelegateCall,
            env.is_static,
        ),
        CallKind::Static => (
            contract,
            env.address,
            CallValue::Transfer(U256::ZERO),
            CallScheme::StaticCall,
            true,
        ),
    };
    let inputs = CallInputs {
        input: CallInput::Bytes(input),
        return_memory_offset: 0..0,
        gas_limit: call_gas,
        reservoir: 0,
        bytecode_address: contract,
        known_bytecode: (code_hash, bytecode),
        target_address: target,
        caller,
        value: call_value,
        scheme,
        is_static,
        charged_new_account_state_gas: false,
    };
    let depth = host.ctx().journal().depth();
    let precompiles = host.state().precompiles.clone();
    let result = run_nested_frame(
        host.ctx(),
        &precompiles,
        depth,
        FrameInput::Call(Box::new(inputs)),
    );
    let FrameResult::Call(outcome) = result else {
        return host.fail("call returned a create result");
    };
    let returned_gas = outcome.result.gas.remaining();
    let cost = base_cost.saturating_add(call_gas.saturating_sub(returned_gas));
    let success = outcome.result.result.is_ok();
    let output = outcome.result.output;
    let len = output.len() as u32;
    host.state().return_data = output;
    host.buy_gas(cost)?;
    host.write_u32(ret_len, len)?;
    Ok(u32::from(!success))
}

/// `create1` and `create2` (Nitro's create in arbos/programs/api.go).
fn create(
    host: &mut Host<'_>,
    code: u32,
    code_len: u32,
    endowment: u32,
    salt: Option<u32>,
    contract: u32,
    revert_len: u32,
) -> HostResult<()> {
    let base_ink = if salt.is_some() {
        hostio::CREATE2_BASE_INK
    } else {
        hostio::CREATE1_BASE_INK
    };
    host.buy_ink(base_ink)?;
    host.buy_ink(read_price(code_len))?;
    host.buy_ink(read_price(code_len))?;
    let init_code = Bytes::from(host.read_slice(code, code_len)?);
    let value = host.read_u256(endowment)?;
    let salt = match salt {
        Some(ptr) => Some(host.read_u256(ptr)?),
        None => None,
    };
    if host.state().env.is_static {
        return host.write_protection();
    }
    let gas_left = host.gas_left();
    // CREATE costs 32000; CREATE2 also pays for hashing the init code.
    let mut base_cost: u64 = 32_000;
    if salt.is_some() {
        let words = (init_code.len() as u64).div_ceil(32);
        base_cost = base_cost.saturating_add(words.saturating_mul(6));
    }
    if base_cost > gas_left {
        return host.out_of_ink();
    }
    let rest = gas_left - base_cost;
    let create_gas = rest - rest / 64;
    let scheme = match salt {
        Some(salt) => CreateScheme::Create2 { salt },
        None => CreateScheme::Create,
    };
    let address = host.state().env.address;
    let inputs = CreateInputs::new(address, scheme, value, init_code, create_gas, 0);
    let depth = host.ctx().journal().depth();
    let precompiles = host.state().precompiles.clone();
    let result = run_nested_frame(
        host.ctx(),
        &precompiles,
        depth,
        FrameInput::Create(Box::new(inputs)),
    );
    let FrameResult::Create(outcome) = result else {
        return host.fail("create returned a call result");
    };
    let returned_gas = outcome.result.gas.remaining();
    let cost = base_cost.saturating_add(create_gas.saturating_sub(returned_gas));
    let success = outcome.result.result.is_ok();
    let created = if success {
        outcome.address.unwrap_or_default()
    } else {
        Address::ZERO
    };
    let revert_data = if outcome.result.result.is_revert() {
        outcome.result.output
    } else {
        Bytes::new()
    };
    let len = revert_data.len() as u32;
    host.state().return_data = revert_data;
    host.buy_gas(cost)?;
    host.write_u32(revert_len, len)?;
    host.write_slice(contract, created.as_slice())
}
