//! A call tracer: the tree of frames a transaction or call opens, EVM and Stylus alike, with
//! what geth's `callTracer` reports for each (eth/tracers/native/call.go: type, from, to,
//! value, gas, gasUsed, input, output, error, revertReason, calls).
//!
//! [`crate::evm::DevEvm`] reports every frame to the tracer when one is installed
//! ([`crate::Chain::traced`]): it enters a frame before revm initialises it and leaves it when
//! its result is known, either at once (a precompile, a Stylus program, which runs its own
//! nested calls while it is entered, an account without code, a call refused before it runs)
//! or when revm pops the frame.

use alloy_sol_types::{Revert, SolError};
use revm::{
    handler::FrameResult,
    interpreter::{CallScheme, CallValue, FrameInput, InstructionResult},
    primitives::{Address, Bytes, U256},
};

use crate::context::DevContext;

/// What opened a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    /// CALL (and a transaction's call).
    Call,
    /// STATICCALL.
    StaticCall,
    /// DELEGATECALL.
    DelegateCall,
    /// CALLCODE.
    CallCode,
    /// CREATE (and a transaction's creation).
    Create,
    /// CREATE2.
    Create2,
}

impl CallKind {
    /// The name geth's tracers give it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Call => "CALL",
            Self::StaticCall => "STATICCALL",
            Self::DelegateCall => "DELEGATECALL",
            Self::CallCode => "CALLCODE",
            Self::Create => "CREATE",
            Self::Create2 => "CREATE2",
        }
    }
}

/// One frame and the frames it opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallFrame {
    /// What opened it.
    pub kind: CallKind,
    /// The caller.
    pub from: Address,
    /// The callee, or the created contract (known once the creation succeeded).
    pub to: Option<Address>,
    /// The value sent; `None` for STATICCALL and DELEGATECALL, as geth.
    pub value: Option<U256>,
    /// Gas given to the frame.
    pub gas: u64,
    /// Gas the frame used.
    pub gas_used: u64,
    /// Calldata, or the init code of a creation.
    pub input: Bytes,
    /// Returned or revert data (a creation's: the deployed code).
    pub output: Bytes,
    /// Why it failed, in geth's words ("execution reverted", "out of gas", ...).
    pub error: Option<String>,
    /// The `Error(string)` message of a revert, when it carries one.
    pub revert_reason: Option<String>,
    /// The frames it opened, in order.
    pub calls: Vec<CallFrame>,
}

/// Builds the tree as frames are entered and left.
#[derive(Debug, Default)]
pub(crate) struct CallTracer {
    open: Vec<CallFrame>,
    done: Option<CallFrame>,
}

impl CallTracer {
    /// A frame is about to be initialised.
    pub(crate) fn enter(&mut self, input: &FrameInput, ctx: &DevContext) {
        let frame = match input {
            FrameInput::Call(call) => {
                let kind = match call.scheme {
                    CallScheme::Call => CallKind::Call,
                    CallScheme::StaticCall => CallKind::StaticCall,
                    CallScheme::DelegateCall => CallKind::DelegateCall,
                    CallScheme::CallCode => CallKind::CallCode,
                };
                let value = match (kind, &call.value) {
                    (CallKind::StaticCall | CallKind::DelegateCall, _) => None,
                    (_, CallValue::Transfer(value) | CallValue::Apparent(value)) => Some(*value),
                };
                CallFrame {
                    kind,
                    from: call.caller,
                    to: Some(call.target_address),
                    value,
                    gas: call.gas_limit,
                    gas_used: 0,
                    input: call.input.bytes(ctx),
                    output: Bytes::new(),
                    error: None,
                    revert_reason: None,
                    calls: Vec::new(),
                }
            }
            FrameInput::Create(create) => CallFrame {
                kind: match create.scheme() {
                    revm::context_interface::CreateScheme::Create2 { .. } => CallKind::Create2,
                    _ => CallKind::Create,
                },
                from: create.caller(),
                to: None,
                value: Some(create.value()),
                gas: create.gas_limit(),
                gas_used: 0,
                input: create.init_code().clone(),
                output: Bytes::new(),
                error: None,
                revert_reason: None,
                calls: Vec::new(),
            },
            FrameInput::Empty => return,
        };
        self.open.push(frame);
    }

    /// The innermost open frame ended with `result`.
    pub(crate) fn exit(&mut self, result: &FrameResult) {
        let Some(mut frame) = self.open.pop() else {
            return;
        };
        let interpreter = match result {
            FrameResult::Call(outcome) => &outcome.result,
            FrameResult::Create(outcome) => {
                if outcome.result.result.is_ok() {
                    frame.to = outcome.address;
                }
                &outcome.result
            }
        };
        frame.gas_used = frame.gas.saturating_sub(interpreter.gas.remaining());
        frame.output = interpreter.output.clone();
        let status = interpreter.result;
        if status.is_revert() {
            frame.error = Some("execution reverted".to_owned());
            frame.revert_reason = Revert::abi_decode(&frame.output)
                .ok()
                .map(|revert| revert.reason);
        } else if !status.is_ok() {
            frame.error = Some(halt_message(status));
            frame.output = Bytes::new();
        }
        match self.open.last_mut() {
            Some(parent) => parent.calls.push(frame),
            None => self.done = Some(frame),
        }
    }

    /// The finished tree: the last outermost frame that ended.
    pub(crate) fn finish(self) -> Option<CallFrame> {
        self.done
    }
}

/// geth's words for a frame that halted (core/vm/errors.go), revm's name otherwise.
fn halt_message(status: InstructionResult) -> String {
    use InstructionResult as R;
    match status {
        R::OutOfGas
        | R::MemoryOOG
        | R::MemoryLimitOOG
        | R::PrecompileOOG
        | R::InvalidOperandOOG => "out of gas".to_owned(),
        R::OpcodeNotFound | R::InvalidFEOpcode => "invalid opcode".to_owned(),
        R::StackUnderflow => "stack underflow".to_owned(),
        R::StackOverflow => "stack limit reached 1024".to_owned(),
        R::InvalidJump => "invalid jump destination".to_owned(),
        R::StateChangeDuringStaticCall => "write protection".to_owned(),
        R::CallTooDeep => "max call depth exceeded".to_owned(),
        R::OutOfFunds => "insufficient balance for transfer".to_owned(),
        R::CreateCollision => "contract address collision".to_owned(),
        R::CreateContractSizeLimit => "max code size exceeded".to_owned(),
        R::CreateContractStartingWithEF => "invalid code: must not begin with 0xef".to_owned(),
        R::CreateInitCodeSizeLimit => "max initcode size exceeded".to_owned(),
        R::NonceOverflow => "nonce uint64 overflow".to_owned(),
        other => format!("{other:?}"),
    }
}
