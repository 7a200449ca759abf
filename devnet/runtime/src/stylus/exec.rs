//! One Stylus call frame: checks the program is active, charges the call's fixed costs,
//! instantiates the module with the host functions and runs `user_entrypoint`.

use revm::{
    context_interface::{Block, ContextTr},
    interpreter::{CallInputs, CallScheme, Gas, InstructionResult, InterpreterResult},
    primitives::{B256, Bytes},
};
use stylus_program::{activation, meter, pricing};

use std::sync::Arc;

use stylus_program::params::StylusParams;

use super::{
    host::{self, Escape, FrameEnv, HostState},
    nested::NestedFrames,
    shared::StylusShared,
    wasm_source,
};
use crate::{
    context::{DevContext, placeholder},
    programs::{self, ModuleCache, ProgramRecord},
    sync::lock,
};

/// What runs the Stylus programs of one chain: the compiled modules, the host functions
/// linked into them, the parameters and the transaction's bookkeeping.
pub(crate) struct StylusVm {
    pub(crate) modules: ModuleCache,
    linker: wasmi::Linker<HostState>,
    pub(crate) shared: Arc<StylusShared>,
}

impl StylusVm {
    pub(crate) fn new(params: StylusParams) -> Self {
        let modules = ModuleCache::new();
        let linker = host::linker(modules.engine());
        Self {
            modules,
            linker,
            shared: Arc::new(StylusShared::new(params)),
        }
    }

    /// The Stylus parameters in force.
    pub(crate) fn params(&self) -> &StylusParams {
        &self.shared.params
    }
}

/// Why a program could not be called.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum CallError {
    /// The code hash has no activation record.
    #[error("program not activated")]
    NotActivated,
    /// The program was activated under an older Stylus version.
    #[error("program needs upgrade: activated under version {have}, current is {want}")]
    NeedsUpgrade {
        /// Version of the record.
        have: u16,
        /// Current version.
        want: u16,
    },
    /// The activation is older than the expiry period.
    #[error("program expired")]
    Expired,
    /// The code could not be recompiled (should not happen for activated code).
    #[error("program does not compile: {0}")]
    Compile(String),
}

/// A halted frame that consumed all its gas, remembering why for the chain's error report.
fn halt(
    vm: &StylusVm,
    gas_limit: u64,
    result: InstructionResult,
    why: String,
) -> InterpreterResult {
    vm.shared.record_failure(why);
    let mut gas = Gas::new(gas_limit);
    gas.spend_all();
    InterpreterResult::new(result, Bytes::new(), gas)
}

/// The compiled module of an active program, compiling it if the cache lacks it.
/// The module is the one activation recorded for the code hash (Nitro's `moduleHashes`); when
/// the cache lacks it, it is compiled again from the code (a root's from its fragments) and
/// must hash as recorded (Nitro's `getCompiledProgram` checks the same).
fn module_for(
    vm: &StylusVm,
    ctx: &mut DevContext,
    codehash: B256,
    bytecode: &[u8],
) -> Result<wasmi::Module, CallError> {
    let recorded = programs::load_module_hash(ctx, codehash);
    if let Some(module) = vm.modules.get(recorded) {
        return Ok(module);
    }
    let params = vm.params();
    let wasm = wasm_source::wasm_to_recompile(ctx, bytecode, params)
        .map_err(|error| CallError::Compile(error.to_string()))?;
    let activated = activation::activate(&wasm, params)
        .map_err(|error| CallError::Compile(error.to_string()))?;
    // A state from before module hashes were recorded has none: the code decides.
    if !recorded.is_zero() && programs::module_hash(&activated) != recorded {
        return Err(CallError::Compile(
            "module hash mismatch: the code no longer compiles to the activated module".into(),
        ));
    }
    vm.modules
        .insert(&activated)
        .map(|(_, module)| module)
        .map_err(CallError::Compile)
}

/// Checks that `codehash` may be called now and returns its record.
pub(crate) fn active_record(
    vm: &StylusVm,
    ctx: &mut DevContext,
    codehash: B256,
) -> Result<ProgramRecord, CallError> {
    let record = programs::load_record(ctx, codehash).ok_or(CallError::NotActivated)?;
    let params = vm.params();
    if record.version != params.version {
        return Err(CallError::NeedsUpgrade {
            have: record.version,
            want: params.version,
        });
    }
    let now = ctx.block().timestamp().saturating_to::<u64>();
    if record.time_left(params, now).is_none() {
        return Err(CallError::Expired);
    }
    Ok(record)
}

/// Runs the Stylus program the call targets; its nested calls and creates run on `nested`.
pub(crate) fn call_program(
    vm: &StylusVm,
    nested: Arc<dyn NestedFrames>,
    ctx: &mut DevContext,
    inputs: &CallInputs,
) -> InterpreterResult {
    let (codehash, bytecode) = (&inputs.known_bytecode.0, &inputs.known_bytecode.1);
    let codehash = *codehash;
    let record = match active_record(vm, ctx, codehash) {
        Ok(record) => record,
        Err(error) => {
            return halt(
                vm,
                inputs.gas_limit,
                InstructionResult::OutOfGas,
                error.to_string(),
            );
        }
    };
    let module = match module_for(vm, ctx, codehash, bytecode.original_byte_slice()) {
        Ok(module) => module,
        Err(error) => {
            return halt(
                vm,
                inputs.gas_limit,
                InstructionResult::OutOfGas,
                error.to_string(),
            );
        }
    };

    // Fixed costs of the call: memory pages, then program init: cached when ArbWasmCache holds
    // the program or, from ArbOS 60, when it was called earlier in the block (Nitro's
    // CallProgram: `cached := program.cached || recentWasmsCacheHit`).
    let params = *vm.params();
    let block = ctx.block().number().saturating_to::<u64>();
    let cached = record.cached || vm.shared.recently_called(block, codehash);
    let mut gas = Gas::new(inputs.gas_limit);
    let pages_before = *lock(&vm.shared.pages);
    let call_cost = pricing::call_init_gas(
        &record.info(),
        &params,
        pages_before.open,
        pages_before.ever,
        cached,
    );
    if !gas.record_regular_cost(call_cost) {
        return halt(
            vm,
            inputs.gas_limit,
            InstructionResult::OutOfGas,
            "out of gas to start the program".into(),
        );
    }
    {
        let mut pages = lock(&vm.shared.pages);
        pages.open = pages.open.saturating_add(record.footprint);
        pages.ever = pages.ever.max(pages.open);
    }

    // Reentrancy as Nitro counts it: non-delegate frames of the same address.
    let counts = !matches!(
        inputs.scheme,
        CallScheme::DelegateCall | CallScheme::CallCode
    );
    let reentrant = if counts {
        let mut frames = lock(&vm.shared.frames);
        let count = frames.entry(inputs.target_address).or_insert(0);
        *count = count.saturating_add(1);
        *count > 1
    } else {
        // A delegate frame adds no count but acts as the delegator: re-entrant when the
        // delegator has more than one frame open (Nitro: `Programs[acting] > 1`).
        lock(&vm.shared.frames)
            .get(&inputs.target_address)
            .is_some_and(|count| *count > 1)
    };

    let calldata = Bytes::copy_from_slice(&inputs.input.as_bytes(ctx));
    let env = FrameEnv {
        address: inputs.target_address,
        caller: inputs.caller,
        value: inputs.value.get(),
        calldata: calldata.clone(),
        is_static: inputs.is_static,
        reentrant,
    };
    let ink_limit = pricing::gas_to_ink(gas.remaining(), &params);
    let owned = std::mem::replace(ctx, placeholder());
    let mut store = wasmi::Store::new(
        vm.modules.engine(),
        HostState::new(owned, vm.shared.clone(), nested, env),
    );
    let run = run_entrypoint(vm, &mut store, &module, calldata.len(), ink_limit);
    let ink_left = read_ink_left(&store);
    let metered_out = ink_status_set(&store);
    let mut state = store.into_data();
    // The metering header traps (`unreachable`) after setting the status global when a
    // block cannot be paid for: that is running out of ink, not a failure (Nitro's OutOfInk).
    if metered_out && state.escape.is_none() {
        state.escape = Some(Escape::OutOfInk);
    }
    *ctx = state.ctx;

    if counts {
        let mut frames = lock(&vm.shared.frames);
        if let Some(count) = frames.get_mut(&inputs.target_address) {
            *count = count.saturating_sub(1);
        }
    }
    lock(&vm.shared.pages).open = pages_before.open;

    let ink_used = ink_limit.saturating_sub(ink_left);
    let gas_used = ink_used.div_ceil(u64::from(params.ink_price.max(1)));
    let outcome = match (run, state.escape) {
        (_, Some(Escape::Exit(0))) | (Ok(0), None) => Ok(state.output),
        (_, Some(Escape::Exit(_))) | (Ok(_), None) => {
            Err((InstructionResult::Revert, state.output, None))
        }
        (_, Some(Escape::OutOfInk)) => Err((
            InstructionResult::OutOfGas,
            Vec::new(),
            Some("out of ink".to_owned()),
        )),
        (_, Some(Escape::Failure(why))) => Err((InstructionResult::Revert, Vec::new(), Some(why))),
        (Err(trap), None) => Err((InstructionResult::Revert, Vec::new(), Some(trap))),
    };
    // Returned data costs at least what the EVM would charge for its memory (ArbOS ≥ 31,
    // Nitro's CallProgram: `if len(ret) > 0 && ArbosVersion >= ArbosVersion_StylusFixes`).
    let returned = match &outcome {
        Ok(output) | Err((InstructionResult::Revert, output, _)) => output.len(),
        Err(_) => 0,
    };
    let min_gas_used = if returned > 0 && params.prices_return_data() {
        match pricing::return_data::min_gas_used_for_return(inputs.gas_limit, returned) {
            Some(min) => min,
            None => {
                return halt(
                    vm,
                    inputs.gas_limit,
                    InstructionResult::OutOfGas,
                    "out of gas to return data".into(),
                );
            }
        }
    } else {
        0
    };
    // Gas the frame must burn on top of what it used, to reach that least.
    let parity =
        |gas: &Gas| min_gas_used.saturating_sub(gas.limit().saturating_sub(gas.remaining()));
    match outcome {
        Ok(output) => {
            if !gas.record_regular_cost(gas_used) {
                return halt(
                    vm,
                    inputs.gas_limit,
                    InstructionResult::OutOfGas,
                    "out of ink".into(),
                );
            }
            let _ = gas.record_regular_cost(parity(&gas));
            gas.record_refund(state.refund);
            InterpreterResult::new(InstructionResult::Return, output.into(), gas)
        }
        Err((result, output, why)) => {
            if result == InstructionResult::OutOfGas {
                return halt(vm, inputs.gas_limit, result, why.unwrap_or_default());
            }
            if let Some(why) = why {
                vm.shared.record_failure(why);
            }
            if !gas.record_regular_cost(gas_used) {
                gas.spend_all();
            }
            let _ = gas.record_regular_cost(parity(&gas));
            InterpreterResult::new(result, output.into(), gas)
        }
    }
}

/// Instantiates the module and calls `user_entrypoint(len)`; `Err` carries a trap message.
fn run_entrypoint(
    vm: &StylusVm,
    store: &mut wasmi::Store<HostState>,
    module: &wasmi::Module,
    args_len: usize,
    ink_limit: u64,
) -> Result<i32, String> {
    let instance = vm
        .linker
        .instantiate_and_start(&mut *store, module)
        .map_err(|error| format!("instantiation failed: {error}"))?;
    let memory = instance.get_memory(&*store, "memory");
    let ink_left = instance.get_global(&*store, meter::INK_LEFT_GLOBAL);
    let ink_status = instance.get_global(&*store, meter::INK_STATUS_GLOBAL);
    if let Some(global) = ink_left {
        global
            .set(&mut *store, wasmi::Val::I64(ink_limit as i64))
            .map_err(|error| format!("ink global: {error}"))?;
    }
    if let Some(global) = instance.get_global(&*store, meter::STACK_LEFT_GLOBAL) {
        let depth = vm.params().max_stack_depth;
        global
            .set(&mut *store, wasmi::Val::I32(depth as i32))
            .map_err(|error| format!("stack global: {error}"))?;
    }
    {
        let data = store.data_mut();
        data.memory = memory;
        data.ink_left = ink_left;
        data.ink_status = ink_status;
    }
    let entry = instance
        .get_typed_func::<i32, i32>(&*store, "user_entrypoint")
        .map_err(|error| format!("user_entrypoint: {error}"))?;
    let args_len = i32::try_from(args_len).map_err(|_| "calldata too long".to_owned())?;
    entry
        .call(&mut *store, args_len)
        .map_err(|trap| trap.to_string())
}

/// Whether the instrumentation's out-of-ink status is set.
fn ink_status_set(store: &wasmi::Store<HostState>) -> bool {
    let data = store.data();
    let status = data.ink_status.map(|global| global.get(store));
    matches!(status, Some(wasmi::Val::I32(status)) if status != 0)
}

/// The ink the instrumentation says is left (zero if out of ink).
fn read_ink_left(store: &wasmi::Store<HostState>) -> u64 {
    if ink_status_set(store) {
        return 0;
    }
    let data = store.data();
    match data.ink_left.map(|global| global.get(store)) {
        Some(wasmi::Val::I64(ink)) => ink as u64,
        _ => 0,
    }
}
