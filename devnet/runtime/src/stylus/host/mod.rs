//! The `vm_hooks` host functions a Stylus program imports, as Nitro implements them
//! (crates/wasm-libraries/user-host-trait in Nitro): what each reads and writes, and the ink
//! and gas each charges.
//!
//! A program's frame owns the execution context while it runs (it is moved into the wasmi
//! store), so host functions reach the journal directly; nested calls lend it to the EVM
//! through [`NestedFrames`].
//!
//! One file per group of host functions, each registering its own on the linker: arguments
//! and result, storage, calls, logs, other accounts, block/transaction/frame context, math,
//! memory. This file holds the frame's state and the helpers they share.

mod account;
mod args;
mod calls;
mod context;
mod log;
mod math;
mod memory;
mod storage;

use std::{collections::BTreeMap, sync::Arc};

use revm::{
    context_interface::{ContextTr, JournalTr},
    primitives::{Address, B256, Bytes, U256},
};
use wasmi::{Caller, Engine, Linker, errors::LinkerError};

use super::{nested::NestedFrames, shared::StylusShared};
use crate::context::DevContext;

/// The import module of every host function.
const M: &str = "vm_hooks";

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
    /// The parameters and the transaction's bookkeeping.
    pub(crate) shared: Arc<StylusShared>,
    /// The EVM, for nested calls and creates.
    pub(crate) nested: Arc<dyn NestedFrames>,
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
    pub(crate) fn new(
        ctx: DevContext,
        shared: Arc<StylusShared>,
        nested: Arc<dyn NestedFrames>,
        env: FrameEnv,
    ) -> Self {
        Self {
            ctx,
            shared,
            nested,
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
        u64::from(self.state().shared.params.ink_price)
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

/// A group's registration: defines its host functions on the linker.
type Register = fn(&mut Linker<HostState>) -> Result<(), LinkerError>;

/// Registers every host function on a linker for `engine`.
pub(crate) fn linker(engine: &Engine) -> Linker<HostState> {
    let mut linker = Linker::new(engine);
    let groups: [Register; 8] = [
        args::register,
        storage::register,
        calls::register,
        log::register,
        account::register,
        context::register,
        math::register,
        memory::register,
    ];
    for register in groups {
        if let Err(error) = register(&mut linker) {
            // Each name is defined once; a duplicate is a programming error caught by tests.
            unreachable!("host function table is inconsistent: {error}");
        }
    }
    linker
}
