//! Paying for `memory.grow`, as Nitro's `HeapBound` (`crates/prover/src/programs/heap.rs`).
//!
//! When the memory can grow, every `memory.grow` is preceded by a call to the program's import
//! `vm_hooks.pay_for_memory_grow` with the same page count (kept in the scratch global), so the
//! host charges for the pages before the growth happens.

use wasmparser::Operator;

/// Inserts the `pay_for_memory_grow` call before every `memory.grow` in `ops`; `pay_func` is
/// the function index of the import, `None` when the memory cannot grow (then nothing changes).
pub(crate) fn apply<'a>(
    ops: Vec<Operator<'a>>,
    pay_func: Option<u32>,
    scratch: u32,
) -> Vec<Operator<'a>> {
    let Some(function_index) = pay_func else {
        return ops;
    };
    let mut out = Vec::with_capacity(ops.len());
    for op in ops {
        if let Operator::MemoryGrow { .. } = op {
            out.extend([
                Operator::GlobalSet {
                    global_index: scratch,
                },
                Operator::GlobalGet {
                    global_index: scratch,
                },
                Operator::GlobalGet {
                    global_index: scratch,
                },
                Operator::Call { function_index },
            ]);
        }
        out.push(op);
    }
    out
}
