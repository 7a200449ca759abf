//! The precompile provider: Ethereum's precompiles, Arbitrum's, and Stylus programs.
//!
//! revm consults the provider on every call before it runs bytecode. Ours answers, in order:
//! Ethereum's precompiles; ArbSys (`0x…64`), ArbOwnerPublic (`0x…6b`), ArbGasInfo (`0x…6c`),
//! ArbWasm (`0x…71`) and ArbWasmCache (`0x…72`); then any account whose code is a Stylus
//! program at the chain's ArbOS version (a classic program, or from ArbOS 60 a root), by running
//! it. Everything
//! else is EVM bytecode and goes back to revm.

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicU64, Ordering},
};

use revm::{
    context::Cfg,
    context_interface::ContextTr,
    handler::{EthPrecompiles, PrecompileProvider},
    interpreter::{CallInputs, InterpreterResult},
    primitives::AddressSet,
};
use stylus_program::params::StylusParams;

pub use crate::addresses::{ARB_GAS_INFO, ARB_OWNER_PUBLIC, ARB_SYS, ARB_WASM, ARB_WASM_CACHE};
use crate::{
    arb_gas_info, arb_owner_public, arb_sys, arb_wasm,
    context::{DevContext, SPEC},
    stylus::{self, exec::StylusVm, nested::NestedFrames},
    sync::lock,
    trace::CallTracer,
};

/// State shared by every frame of one chain.
pub(crate) struct Shared {
    pub(crate) stylus: StylusVm,
    /// The chain's configured base fee, its minimum (ArbGasInfo).
    pub(crate) min_base_fee: AtomicU64,
    /// The call tracer, while one is installed ([`crate::Chain::traced`]).
    pub(crate) tracer: Mutex<Option<CallTracer>>,
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
        warm.extend([
            ARB_SYS,
            ARB_GAS_INFO,
            ARB_OWNER_PUBLIC,
            ARB_WASM,
            ARB_WASM_CACHE,
        ]);
        Self {
            eth,
            warm,
            shared: Arc::new(Shared {
                stylus: StylusVm::new(params),
                min_base_fee: AtomicU64::new(0),
                tracer: Mutex::new(None),
            }),
        }
    }

    /// The Stylus parameters in force.
    pub fn params(&self) -> &StylusParams {
        self.shared.stylus.params()
    }

    /// Forgets per-transaction bookkeeping (open pages, reentrancy counters).
    pub fn begin_transaction(&self) {
        self.shared.stylus.shared.begin_transaction();
    }

    /// Sets the base fee ArbGasInfo reports as the chain's minimum.
    pub fn set_min_base_fee(&self, wei: u64) {
        self.shared.min_base_fee.store(wei, Ordering::Relaxed);
    }

    /// Why the last Stylus frame that failed without revert data failed, if one did.
    pub fn last_failure(&self) -> Option<String> {
        lock(&self.shared.stylus.shared.last_failure).clone()
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
            ARB_WASM => arb_wasm::run(&self.shared.stylus, ctx, inputs),
            ARB_WASM_CACHE => arb_wasm::run_cache(&self.shared.stylus, ctx, inputs),
            ARB_SYS => arb_sys::run(ctx, inputs, self.params().arbos_version),
            ARB_GAS_INFO => {
                let min_base_fee = self.shared.min_base_fee.load(Ordering::Relaxed);
                arb_gas_info::run(ctx, inputs, min_base_fee)
            }
            ARB_OWNER_PUBLIC => arb_owner_public::run(ctx, inputs, self.params()),
            _ if stylus_program::code::is_program(
                inputs.known_bytecode.1.original_byte_slice(),
                self.params().arbos_version,
            ) =>
            {
                let nested: Arc<dyn NestedFrames> = Arc::new(self.clone());
                stylus::exec::call_program(&self.shared.stylus, nested, ctx, inputs)
            }
            _ => return Ok(None),
        };
        Ok(Some(result))
    }

    fn warm_addresses(&self) -> &AddressSet {
        &self.warm
    }
}
