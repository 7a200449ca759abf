//! The revm types this runtime is made of, and the nested execution loop Stylus calls use.

use std::convert::Infallible;

use revm::{
    Context, Journal,
    context::{BlockEnv, CfgEnv, TxEnv},
    context_interface::{ContextTr, LocalContextTr, result::EVMError},
    database::{CacheDB, EmptyDB},
    handler::FrameResult,
    interpreter::{FrameInput, SharedMemory, interpreter_action::FrameInit},
    primitives::hardfork::SpecId,
};

use crate::precompiles::ArbPrecompiles;

/// The state database: everything in memory.
pub type Db = CacheDB<EmptyDB>;

/// The execution context: block, transaction, configuration, journaled state.
pub type DevContext = Context<BlockEnv, TxEnv, CfgEnv, Db, Journal<Db>, ()>;

pub use crate::evm::DevEvm;

/// Errors of the execution loop (the in-memory database cannot fail).
pub type DevError = EVMError<Infallible>;

/// The hard fork the EVM follows.
pub const SPEC: SpecId = SpecId::CANCUN;

/// A context with nothing in it, left in place while the real one is lent to a nested loop.
pub(crate) fn placeholder() -> DevContext {
    Context::new(CacheDB::new(EmptyDB::new()), SPEC)
}

/// Builds an EVM around `ctx`.
pub fn build_evm(ctx: DevContext, precompiles: ArbPrecompiles) -> DevEvm {
    DevEvm::new(ctx, precompiles)
}

/// Runs one call or create frame, and everything it calls, on `ctx`'s journal: the nested
/// execution a Stylus program's `call_contract`/`create1`/... asks for.
///
/// The context is moved into a nested [`DevEvm`] for the duration and moved back afterwards.
/// The nested frames share the caller's memory buffer, above what the outer frames use.
pub(crate) fn run_nested_frame(
    ctx: &mut DevContext,
    precompiles: &ArbPrecompiles,
    depth: usize,
    frame_input: FrameInput,
) -> FrameResult {
    let owned = std::mem::replace(ctx, placeholder());
    let buffer = owned.local().shared_memory_buffer().clone();
    let mut evm = build_evm(owned, precompiles.clone());

    let mut base = SharedMemory::new_with_buffer(buffer);
    let memory = base.new_child_context();
    let init = FrameInit {
        depth,
        memory,
        frame_input: frame_input.clone(),
    };
    let outcome = crate::evm::run_exec_loop(&mut evm, init);
    base.free_child_context();
    *ctx = evm.into_context();

    match outcome {
        Ok(result) => result,
        // The in-memory database has no errors; anything else is a custom error of a frame,
        // which a chain turns into a failed call.
        Err(_) => failed_frame(&frame_input),
    }
}

/// The result of a frame that could not run at all: out of gas, as a halted frame.
fn failed_frame(frame_input: &FrameInput) -> FrameResult {
    use revm::interpreter::{CallOutcome, CreateOutcome};
    match frame_input {
        FrameInput::Call(inputs) => FrameResult::Call(CallOutcome::new_oog(
            inputs.gas_limit,
            inputs.return_memory_offset.clone(),
            0,
        )),
        FrameInput::Create(inputs) => {
            FrameResult::Create(CreateOutcome::new_oog(inputs.gas_limit(), 0))
        }
        FrameInput::Empty => FrameResult::Call(CallOutcome::new_oog(0, 0..0, 0)),
    }
}
