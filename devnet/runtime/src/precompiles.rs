//! The precompile provider: Ethereum's precompiles, Arbitrum's, and Stylus programs.
//!
//! revm consults the provider on every call before it runs bytecode. Ours answers, in order:
//! Ethereum's precompiles; ArbSys (`0x…64`), ArbWasm (`0x…71`) and ArbWasmCache (`0x…72`);
//! then any account whose code carries the Stylus prefix, by running the program. Everything
//! else is EVM bytecode and goes back to revm.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex, MutexGuard, PoisonError,
        atomic::{AtomicU64, Ordering},
    },
};

use revm::{
    context::Cfg,
    context_interface::ContextTr,
    handler::{EthPrecompiles, PrecompileProvider},
    interpreter::{CallInputs, InterpreterResult},
    primitives::{Address, AddressSet, address},
};
use stylus_program::params::StylusParams;

use crate::{
    arb_gas_info, arb_sys, arb_wasm,
    context::{DevContext, SPEC},
    programs::ModuleCache,
    stylus::{self, host::HostState},
    trace::CallTracer,
};

/// ArbSys, the system precompile.
pub const ARB_SYS: Address = address!("0000000000000000000000000000000000000064");
/// ArbGasInfo, the chain's gas prices.
pub const ARB_GAS_INFO: Address = address!("000000000000000000000000000000000000006c");
/// ArbWasm, which activates Stylus programs and reports their parameters.
pub const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");
/// ArbWasmCache, which keeps programs in the init cache.
pub const ARB_WASM_CACHE: Address = address!("0000000000000000000000000000000000000072");

/// Pages of WASM memory open in the current transaction, for Nitro's memory pricing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OpenPages {
    /// Pages held by the Stylus frames now on the call stack.
    pub open: u16,
    /// The most ever open at once in this transaction.
    pub ever: u16,
}

/// State shared by every frame of one chain.
pub(crate) struct Shared {
    pub(crate) modules: ModuleCache,
    pub(crate) linker: wasmi::Linker<HostState>,
    pub(crate) params: StylusParams,
    /// Non-delegate Stylus frames per address on the current call stack (reentrancy).
    pub(crate) frames: Mutex<HashMap<Address, u32>>,
    pub(crate) pages: Mutex<OpenPages>,
    /// Why the last Stylus frame that failed without revert data failed.
    pub(crate) last_failure: Mutex<Option<String>>,
    /// The chain's configured base fee, its minimum (ArbGasInfo).
    pub(crate) min_base_fee: AtomicU64,
    /// The call tracer, while one is installed ([`crate::Chain::traced`]).
    pub(crate) tracer: Mutex<Option<CallTracer>>,
}

/// Locks `mutex`, whose data stays consistent even if a holder panicked (every critical
/// section is a single read or write).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The runtime's precompile provider (cheap to clone: the shared part is reference counted).
#[derive(Clone)]
pub struct ArbPrecompiles {
    eth: EthPrecompiles,
    warm: AddressSet,
    pub(crate) shared: Arc<Shared>,
}

impl std::fmt::Debug for ArbPrecompiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArbPrecompiles").finish_non_exhaustive()
    }
}

impl ArbPrecompiles {
    /// A provider with its own module cache and the given Stylus parameters.
    pub fn new(params: StylusParams) -> Self {
        let eth = EthPrecompiles::new(SPEC);
        let mut warm = eth.warm_addresses().clone();
        warm.extend([ARB_SYS, ARB_GAS_INFO, ARB_WASM, ARB_WASM_CACHE]);
        let modules = ModuleCache::new();
        let linker = stylus::host::linker(modules.engine());
        Self {
            eth,
            warm,
            shared: Arc::new(Shared {
                modules,
                linker,
                params,
                frames: Mutex::new(HashMap::new()),
                pages: Mutex::new(OpenPages::default()),
                last_failure: Mutex::new(None),
                min_base_fee: AtomicU64::new(0),
                tracer: Mutex::new(None),
            }),
        }
    }

    /// The Stylus parameters in force.
    pub fn params(&self) -> &StylusParams {
        &self.shared.params
    }

    /// Forgets per-transaction bookkeeping (open pages, reentrancy counters).
    pub fn begin_transaction(&self) {
        *lock(&self.shared.pages) = OpenPages::default();
        lock(&self.shared.frames).clear();
        *lock(&self.shared.last_failure) = None;
    }

    /// Sets the base fee ArbGasInfo reports as the chain's minimum.
    pub fn set_min_base_fee(&self, wei: u64) {
        self.shared.min_base_fee.store(wei, Ordering::Relaxed);
    }

    /// Why the last Stylus frame that failed without revert data failed, if one did.
    pub fn last_failure(&self) -> Option<String> {
        lock(&self.shared.last_failure).clone()
    }
}

impl PrecompileProvider<DevContext> for ArbPrecompiles {
    type Output = InterpreterResult;

    fn set_spec(&mut self, spec: <<DevContext as ContextTr>::Cfg as Cfg>::Spec) -> bool {
        <EthPrecompiles as PrecompileProvider<DevContext>>::set_spec(&mut self.eth, spec)
    }

    fn run(
        &mut self,
        ctx: &mut DevContext,
        inputs: &CallInputs,
    ) -> Result<Option<InterpreterResult>, String> {
        if let Some(result) =
            <EthPrecompiles as PrecompileProvider<DevContext>>::run(&mut self.eth, ctx, inputs)?
        {
            return Ok(Some(result));
        }
        let result = match inputs.bytecode_address {
            ARB_WASM => arb_wasm::run(self, ctx, inputs),
            ARB_WASM_CACHE => arb_wasm::run_cache(self, ctx, inputs),
            ARB_SYS => arb_sys::run(ctx, inputs),
            ARB_GAS_INFO => {
                let min_base_fee = self.shared.min_base_fee.load(Ordering::Relaxed);
                arb_gas_info::run(ctx, inputs, min_base_fee)
            }
            _ if stylus_program::code::is_stylus_code(
                inputs.known_bytecode.1.original_byte_slice(),
            ) =>
            {
                stylus::exec::call_program(self, ctx, inputs)
            }
            _ => return Ok(None),
        };
        Ok(Some(result))
    }

    fn warm_addresses(&self) -> &AddressSet {
        &self.warm
    }
}
