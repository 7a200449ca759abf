//! Nested frames: what a Stylus program's `call_contract`, `create1`, ... ask of the EVM.
//!
//! The Stylus side only sees this trait; the EVM implements it ([`crate::evm`]), so running a
//! program does not depend on the EVM that runs it, as revm keeps its precompiles independent
//! of the handler.

use revm::{handler::FrameResult, interpreter::FrameInput};

use crate::context::DevContext;

/// Runs one call or create frame, and everything it calls, on `ctx`'s journal.
pub trait NestedFrames: Send + Sync {
    /// Runs `input` as a frame at `depth` and returns its result; a frame that cannot run at
    /// all comes back as a halted frame.
    fn run_frame(&self, ctx: &mut DevContext, depth: usize, input: FrameInput) -> FrameResult;
}
