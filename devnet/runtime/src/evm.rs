//! [`DevEvm`]: revm's mainnet EVM with the two Arbitrum rules that live at frame level.
//!
//! 1. Code that starts with `0xEF` may be deployed only if it is a Stylus program
//!    (`EF F0 00 ...`). revm's EIP-3541 switch is all-or-nothing, so the runtime turns it off
//!    and refuses other `0xEF` code here, when a create frame returns, before revm commits it.
//! 2. Reentrancy as Nitro counts it: every non-delegate frame of an address, EVM or Stylus,
//!    on the call stack. Stylus frames are counted where they run (`stylus::exec`); EVM frames
//!    here, when revm pushes and pops them.
//!
//! Everything else is delegated to the inner [`revm::context::Evm`] unchanged.

use revm::context::FrameStack;
use revm::context_interface::LocalContextTr;
use revm::handler::FrameData;
use revm::interpreter::SharedMemory;
use revm::{
    DatabaseCommit, ExecuteCommitEvm, ExecuteEvm,
    context::{ContextSetters, Evm},
    context_interface::{ContextTr, JournalTr, result::ExecutionResult, result::HaltReason},
    handler::{
        EthFrame, EvmTr, FrameInitOrResult, FrameResult, FrameTr, Handler, ItemOrResult,
        MainnetHandler,
        evm::{ContextDbError, FrameInitResult},
        instructions::EthInstructions,
    },
    interpreter::{
        CallScheme, FrameInput, InstructionResult, InterpreterAction, interpreter::EthInterpreter,
        interpreter_action::FrameInit,
    },
    primitives::Address,
    state::EvmState,
};

use crate::{
    context::{DevContext, DevError, SPEC, placeholder},
    precompiles::ArbPrecompiles,
    stylus::nested::NestedFrames,
    sync::lock,
};

/// The inner revm EVM.
type InnerEvm = Evm<
    DevContext,
    (),
    EthInstructions<EthInterpreter, DevContext>,
    ArbPrecompiles,
    EthFrame<EthInterpreter>,
>;

/// The runtime's EVM (see the module documentation).
#[derive(Debug)]
pub struct DevEvm {
    /// The wrapped revm EVM.
    pub inner: InnerEvm,
}

/// The handler driving transactions and frames.
pub(crate) type DevHandler = MainnetHandler<DevEvm, DevError, EthFrame<EthInterpreter>>;

impl DevEvm {
    /// An EVM around `ctx` with the runtime's precompile provider.
    pub fn new(ctx: DevContext, precompiles: ArbPrecompiles) -> Self {
        Self {
            inner: Evm::new(
                ctx,
                EthInstructions::new_mainnet_with_spec(SPEC),
                precompiles,
            ),
        }
    }

    /// The execution context.
    pub fn into_context(self) -> DevContext {
        self.inner.ctx
    }

    /// The address a frame counts for in Nitro's reentrancy rule, if it counts: the target of
    /// a call that is not a delegate call.
    fn counted_address(input: &FrameInput) -> Option<Address> {
        match input {
            FrameInput::Call(inputs)
                if !matches!(
                    inputs.scheme,
                    CallScheme::DelegateCall | CallScheme::CallCode
                ) =>
            {
                Some(inputs.target_address)
            }
            _ => None,
        }
    }
}

/// Whether a create frame may deploy `output` at `arbos_version`: anything not starting with
/// `0xEF`, or a Stylus component (Nitro's geth, `evm.go` `initNewContract`: EIP-3541 refuses
/// `EF` code unless `IsStylusComponentPrefix`, which takes roots and fragments from ArbOS 60).
fn deployable(output: &[u8], arbos_version: u64) -> bool {
    output.first() != Some(&0xEF)
        || stylus_program::code::is_deployable_component(output, arbos_version)
}

impl EvmTr for DevEvm {
    type Context = DevContext;
    type Instructions = EthInstructions<EthInterpreter, DevContext>;
    type Precompiles = ArbPrecompiles;
    type Frame = EthFrame<EthInterpreter>;

    fn all(
        &self,
    ) -> (
        &Self::Context,
        &Self::Instructions,
        &Self::Precompiles,
        &FrameStack<Self::Frame>,
    ) {
        self.inner.all()
    }

    fn all_mut(
        &mut self,
    ) -> (
        &mut Self::Context,
        &mut Self::Instructions,
        &mut Self::Precompiles,
        &mut FrameStack<Self::Frame>,
    ) {
        self.inner.all_mut()
    }

    fn frame_init(
        &mut self,
        frame_input: <Self::Frame as FrameTr>::FrameInit,
    ) -> Result<FrameInitResult<'_, Self::Frame>, ContextDbError<DevContext>> {
        let counted = Self::counted_address(&frame_input.frame_input);
        let shared = self.inner.precompiles.shared.clone();
        if let Some(tracer) = lock(&shared.tracer).as_mut() {
            tracer.enter(&frame_input.frame_input, &self.inner.ctx);
        }
        let result = self.inner.frame_init(frame_input)?;
        // A frame whose result is known at once (a precompile, a Stylus program, an account
        // without code, a call refused before it runs) ends here; pushed frames end in
        // `frame_return_result`.
        if let (ItemOrResult::Result(result), Some(tracer)) =
            (&result, lock(&shared.tracer).as_mut())
        {
            tracer.exit(result);
        }
        // Only frames revm pushes (EVM bytecode) are counted here; precompiles and Stylus
        // programs return a result at once.
        if let (ItemOrResult::Item(_), Some(address)) = (&result, counted) {
            let mut frames = lock(&shared.stylus.shared.frames);
            let count = frames.entry(address).or_insert(0);
            *count = count.saturating_add(1);
        }
        Ok(result)
    }

    fn frame_run(&mut self) -> Result<FrameInitOrResult<Self::Frame>, ContextDbError<DevContext>> {
        let (ctx, instructions, precompiles, frame_stack) = self.inner.all_mut();
        let arbos_version = precompiles.params().arbos_version;
        let frame = frame_stack.get();
        let mut action = frame.interpreter.run_plain(
            instructions.instruction_table(),
            instructions.gas_table(),
            ctx,
        );
        if let (InterpreterAction::Return(result), FrameData::Create(_)) =
            (&mut action, &frame.data)
            && result.result.is_ok()
            && !deployable(&result.output, arbos_version)
        {
            result.result = InstructionResult::CreateContractStartingWithEF;
        }
        frame.process_next_action(ctx, action).inspect(|next| {
            if next.is_result() {
                frame.set_finished(true);
            }
        })
    }

    fn frame_return_result(
        &mut self,
        result: <Self::Frame as FrameTr>::FrameResult,
    ) -> Result<Option<<Self::Frame as FrameTr>::FrameResult>, ContextDbError<DevContext>> {
        let top = self.inner.frame_stack.get();
        if top.is_finished() {
            if let Some(address) = Self::counted_address(&top.input) {
                let mut frames = lock(&self.inner.precompiles.shared.stylus.shared.frames);
                if let Some(count) = frames.get_mut(&address) {
                    *count = count.saturating_sub(1);
                }
            }
            if let Some(tracer) = lock(&self.inner.precompiles.shared.tracer).as_mut() {
                tracer.exit(&result);
            }
        }
        self.inner.frame_return_result(result)
    }
}

impl ExecuteEvm for DevEvm {
    type ExecutionResult = ExecutionResult<HaltReason>;
    type State = EvmState;
    type Error = DevError;
    type Tx = revm::context::TxEnv;
    type Block = revm::context::BlockEnv;

    fn set_block(&mut self, block: Self::Block) {
        self.inner.ctx.set_block(block);
    }

    fn transact_one(&mut self, tx: Self::Tx) -> Result<Self::ExecutionResult, Self::Error> {
        self.inner.ctx.set_tx(tx);
        DevHandler::default().run(self)
    }

    fn finalize(&mut self) -> Self::State {
        self.inner.ctx.journal_mut().finalize()
    }

    fn replay(
        &mut self,
    ) -> Result<revm::context_interface::result::ResultAndState<HaltReason>, Self::Error> {
        let result = DevHandler::default().run(self);
        let state = self.finalize();
        result.map(|result| revm::context_interface::result::ResultAndState::new(result, state))
    }
}

impl ExecuteCommitEvm for DevEvm {
    fn commit(&mut self, state: Self::State) {
        self.inner.ctx.db_mut().commit(state);
    }
}

/// Runs the frame loop from `init` (used by nested Stylus calls).
pub(crate) fn run_exec_loop(evm: &mut DevEvm, init: FrameInit) -> Result<FrameResult, DevError> {
    DevHandler::default().run_exec_loop(evm, init)
}

/// Builds an EVM around `ctx`.
pub fn build_evm(ctx: DevContext, precompiles: ArbPrecompiles) -> DevEvm {
    DevEvm::new(ctx, precompiles)
}

/// The nested execution a Stylus program's `call_contract`/`create1`/... asks for: the frame,
/// and everything it calls, on the caller's journal.
///
/// The context is moved into a nested [`DevEvm`] for the duration and moved back afterwards.
/// The nested frames share the caller's memory buffer, above what the outer frames use.
impl NestedFrames for ArbPrecompiles {
    fn run_frame(
        &self,
        ctx: &mut DevContext,
        depth: usize,
        frame_input: FrameInput,
    ) -> FrameResult {
        let owned = std::mem::replace(ctx, placeholder());
        let buffer = owned.local().shared_memory_buffer().clone();
        let mut evm = build_evm(owned, self.clone());

        let mut base = SharedMemory::new_with_buffer(buffer);
        let memory = base.new_child_context();
        let init = FrameInit {
            depth,
            memory,
            frame_input: frame_input.clone(),
        };
        let outcome = run_exec_loop(&mut evm, init);
        base.free_child_context();
        *ctx = evm.into_context();

        match outcome {
            Ok(result) => result,
            // The in-memory database has no errors; anything else is a custom error of a frame,
            // which a chain turns into a failed call.
            Err(_) => failed_frame(&frame_input),
        }
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
