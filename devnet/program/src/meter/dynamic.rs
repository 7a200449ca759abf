//! Per-byte ink for `memory.fill` and `memory.copy`, as Nitro's `DynamicMeter`
//! (`crates/prover/src/programs/dynamic.rs`).
//!
//! Before each such operator the byte count on top of the stack is parked in the scratch global
//! and `count × 100` ink is deducted; if the subtraction wraps, the status is set and the program
//! traps.

use wasmparser::{BlockType, Operator};

use super::costs::{MEMORY_COPY_INK, MEMORY_FILL_INK};
use crate::activation::ActivationError;

/// Inserts the per-byte charge before every `memory.fill` and `memory.copy` in `ops`.
///
/// # Errors
/// [`ActivationError::UnsupportedOpcode`] for the bulk-memory and table operators Nitro refuses
/// here (`memory.init`, `data.drop`, `elem.drop`, `table.*`).
pub(crate) fn apply<'a>(
    ops: Vec<Operator<'a>>,
    ink: u32,
    status: u32,
    scratch: u32,
) -> Result<Vec<Operator<'a>>, ActivationError> {
    use Operator::*;
    let mut out = Vec::with_capacity(ops.len());
    for op in ops {
        match op {
            MemoryFill { .. } => out.extend(linear(MEMORY_FILL_INK, ink, status, scratch)),
            MemoryCopy { .. } => out.extend(linear(MEMORY_COPY_INK, ink, status, scratch)),
            MemoryInit { .. }
            | DataDrop { .. }
            | ElemDrop { .. }
            | TableInit { .. }
            | TableCopy { .. }
            | TableFill { .. }
            | TableGet { .. }
            | TableSet { .. }
            | TableGrow { .. }
            | TableSize { .. } => {
                return Err(ActivationError::UnsupportedOpcode(
                    "dynamic ink meter failure: opcode not supported".to_owned(),
                ));
            }
            _ => {}
        }
        out.push(op);
    }
    Ok(out)
}

fn linear<'a>(coefficient: u64, ink: u32, status: u32, scratch: u32) -> [Operator<'a>; 17] {
    use Operator::*;
    // 100 fits an i64 immediate.
    let value = i64::try_from(coefficient).unwrap_or(i64::MAX);
    [
        GlobalSet {
            global_index: scratch,
        },
        GlobalGet { global_index: ink },
        GlobalGet { global_index: ink },
        GlobalGet {
            global_index: scratch,
        },
        I64ExtendI32U,
        I64Const { value },
        I64Mul,
        I64Sub,
        GlobalSet { global_index: ink },
        GlobalGet { global_index: ink },
        I64LtU,
        If {
            blockty: BlockType::Empty,
        },
        I32Const { value: 1 },
        GlobalSet {
            global_index: status,
        },
        Unreachable,
        End,
        GlobalGet {
            global_index: scratch,
        },
    ]
}
