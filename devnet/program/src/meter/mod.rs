//! Ink metering by instrumentation, as Nitro's middlewares (`crates/prover/src/programs/`),
//! applied in Nitro's order to every function body: ink metering (`meter.rs`), per-byte ink
//! for `memory.fill`/`memory.copy` (`dynamic.rs`), stack depth (`depth.rs`) and payment for
//! `memory.grow` (`heap.rs`).
//!
//! The instrumented module gets four mutable globals, appended after the program's own and
//! exported under Nitro's names:
//!
//! | global | type | meaning |
//! |---|---|---|
//! | [`INK_LEFT_GLOBAL`] | i64 | ink left; the host sets it before the call and reads it after |
//! | [`INK_STATUS_GLOBAL`] | i32 | 0 while ink is left, 1 once the program ran out |
//! | [`SCRATCH_GLOBAL`] | i32 | scratch space for the dynamic meter and the heap bound |
//! | [`STACK_LEFT_GLOBAL`] | i32 | stack space left; the host sets it to `max_stack_depth` |
//!
//! A program that runs out of ink traps (`unreachable`) with [`INK_STATUS_GLOBAL`] set to 1; one
//! that runs out of stack traps with [`STACK_LEFT_GLOBAL`] set to 0.

pub mod costs;
pub(crate) mod depth;
pub(crate) mod dynamic;
pub(crate) mod heap;
pub(crate) mod ink;

pub use costs::{INK_HEADER_COST, MEMORY_COPY_INK, MEMORY_FILL_INK, ends_basic_block, op_ink};
pub use depth::{MAX_FRAME_CONTENTION, MAX_FRAME_SIZE};

use wasmparser::{FuncType, Operator};

use crate::activation::ActivationError;

/// Export name of the ink-left global (`meter.rs`, `STYLUS_INK_LEFT`).
pub const INK_LEFT_GLOBAL: &str = "stylus_ink_left";

/// Export name of the ink-status global (`meter.rs`, `STYLUS_INK_STATUS`).
pub const INK_STATUS_GLOBAL: &str = "stylus_ink_status";

/// Export name of the scratch global (`dynamic.rs`, `SCRATCH_GLOBAL`).
pub const SCRATCH_GLOBAL: &str = "stylus_scratch_global";

/// Export name of the stack-left global (`depth.rs`, `STYLUS_STACK_LEFT`).
pub const STACK_LEFT_GLOBAL: &str = "stylus_stack_left";

/// The indices of the globals the instrumentation adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MeterGlobals {
    /// Ink left (i64).
    pub(crate) ink: u32,
    /// Ink status (i32).
    pub(crate) status: u32,
    /// Scratch (i32).
    pub(crate) scratch: u32,
    /// Stack left (i32).
    pub(crate) stack: u32,
}

/// Everything the instrumentation of one body needs about the module.
pub(crate) struct Instrumenter<'m> {
    /// The type section.
    pub(crate) types: &'m [FuncType],
    /// The type of every function index (imports first).
    pub(crate) func_types: &'m [&'m FuncType],
    /// The added globals.
    pub(crate) globals: MeterGlobals,
    /// Function index of `vm_hooks.pay_for_memory_grow` when the memory can grow.
    pub(crate) pay_func: Option<u32>,
}

impl Instrumenter<'_> {
    /// Instruments the body of local function `func` (`ops` ends with the final `end`;
    /// `locals` is the number of declared locals).
    ///
    /// # Errors
    /// The [`ActivationError`]s of the dynamic meter and the depth checker.
    pub(crate) fn instrument<'a>(
        &self,
        ops: &[Operator<'a>],
        locals: u64,
        func: u32,
    ) -> Result<Vec<Operator<'a>>, ActivationError> {
        let g = self.globals;
        let metered = ink::meter(ops, self.types, g.ink, g.status);
        let dynamic = dynamic::apply(metered, g.ink, g.status, g.scratch)?;
        let ctx = depth::DepthContext {
            types: self.types,
            func_types: self.func_types,
            global: g.stack,
        };
        let checked = depth::apply(dynamic, locals, func, &ctx)?;
        Ok(heap::apply(checked, self.pay_func, g.scratch))
    }
}
