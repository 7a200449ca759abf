//! Ink metering of one function body, as Nitro's `Meter` middleware
//! (`crates/prover/src/programs/meter.rs`, `FuncMeter::feed`).
//!
//! Operators are gathered into basic blocks (see [`ends_basic_block`]). Before each block runs,
//! a header checks the ink left against the block's cost (the sum of [`op_ink`] over the block
//! plus [`INK_HEADER_COST`], saturating) and traps with status 1 if it is short, else deducts it:
//!
//! ```text
//! global.get $ink; i64.const cost; i64.lt_u
//! if; i32.const 1; global.set $status; unreachable; end
//! global.get $ink; i64.const cost; i64.sub; global.set $ink
//! ```

use wasmparser::{BlockType, FuncType, Operator};

use super::costs::{INK_HEADER_COST, ends_basic_block, op_ink};

/// Inserts the metering headers into `ops`, given the indices of the ink and status globals.
pub(crate) fn meter<'a>(
    ops: &[Operator<'a>],
    types: &[FuncType],
    ink: u32,
    status: u32,
) -> Vec<Operator<'a>> {
    let mut out = Vec::with_capacity(ops.len().saturating_mul(2));
    let mut block: Vec<Operator<'a>> = Vec::new();
    let mut block_cost: u64 = 0;
    for op in ops {
        block_cost = block_cost.saturating_add(op_ink(op, types));
        block.push(op.clone());
        if ends_basic_block(op) {
            let cost = block_cost.saturating_add(INK_HEADER_COST);
            out.extend(header(cost, ink, status));
            out.append(&mut block);
            block_cost = 0;
        }
    }
    // A valid body ends with `end`, which ends a block; nothing is left over.
    out.append(&mut block);
    out
}

/// The check-and-deduct header for a block costing `cost` ink.
pub(crate) fn header<'a>(cost: u64, ink: u32, status: u32) -> [Operator<'a>; 12] {
    // Nitro writes the cost as an i64 immediate bit for bit (`cost as i64`); the comparison is
    // unsigned, so a saturated cost (u64::MAX) can never be paid.
    let value = i64::from_ne_bytes(cost.to_ne_bytes());
    [
        Operator::GlobalGet { global_index: ink },
        Operator::I64Const { value },
        Operator::I64LtU,
        Operator::If {
            blockty: BlockType::Empty,
        },
        Operator::I32Const { value: 1 },
        Operator::GlobalSet {
            global_index: status,
        },
        Operator::Unreachable,
        Operator::End,
        Operator::GlobalGet { global_index: ink },
        Operator::I64Const { value },
        Operator::I64Sub,
        Operator::GlobalSet { global_index: ink },
    ]
}
