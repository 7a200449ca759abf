//! Nitro's per-opcode ink prices (`crates/prover/src/programs/meter.rs`, `pricing_v1`, used by
//! Stylus versions 1 and 2 through `config.rs`) and its notion of where a basic block ends
//! (`crates/arbutil/src/operator.rs`, `ends_basic_block`).

use wasmparser::{FuncType, Operator};

/// Ink charged on top of every basic block for the metering header itself
/// (`config.rs`, `ink_header_cost`).
pub const INK_HEADER_COST: u64 = 2450;

/// Ink per byte of `memory.fill` (`config.rs`, `memory_fill_ink` = 800 / 8).
pub const MEMORY_FILL_INK: u64 = 100;

/// Ink per byte of `memory.copy` (`config.rs`, `memory_copy_ink` = 800 / 8).
pub const MEMORY_COPY_INK: u64 = 100;

/// Whether `op` ends a basic block: the meter charges for the block up to and including it.
pub fn ends_basic_block(op: &Operator<'_>) -> bool {
    use Operator::*;
    matches!(
        op,
        End | Else
            | Return
            | Loop { .. }
            | Br { .. }
            | BrTable { .. }
            | BrIf { .. }
            | If { .. }
            | Call { .. }
            | CallIndirect { .. }
    )
}

/// The ink price of `op`; `types` is the module's type section (for `call_indirect`).
/// Unsupported operators (floats, reference types, SIMD, atomics, ...) cost `u64::MAX`, so a
/// block containing one can never be paid for.
pub fn op_ink(op: &Operator<'_>, types: &[FuncType]) -> u64 {
    use Operator::*;
    match op {
        Unreachable | Return | Nop | I32Const { .. } | I64Const { .. } => 1,
        Drop => 9,
        Block { .. } | Loop { .. } | Else | End => 1,
        Br { .. } | BrIf { .. } | If { .. } => 765,
        Select => 1250,
        Call { .. } => 3800,
        LocalGet { .. } | LocalTee { .. } => 75,
        LocalSet { .. } => 210,
        GlobalGet { .. } => 225,
        GlobalSet { .. } => 575,
        I32Load { .. }
        | I32Load8S { .. }
        | I32Load8U { .. }
        | I32Load16S { .. }
        | I32Load16U { .. } => 670,
        I64Load { .. }
        | I64Load8S { .. }
        | I64Load8U { .. }
        | I64Load16S { .. }
        | I64Load16U { .. }
        | I64Load32S { .. }
        | I64Load32U { .. } => 680,
        I32Store { .. } | I32Store8 { .. } | I32Store16 { .. } => 825,
        I64Store { .. } | I64Store8 { .. } | I64Store16 { .. } | I64Store32 { .. } => 950,
        MemorySize { .. } => 3000,
        MemoryGrow { .. } => 8050,

        I32Eqz | I32Eq | I32Ne | I32LtS | I32LtU | I32GtS | I32GtU | I32LeS | I32LeU | I32GeS
        | I32GeU => 170,
        I64Eqz | I64Eq | I64Ne | I64LtS | I64LtU | I64GtS | I64GtU | I64LeS | I64LeU | I64GeS
        | I64GeU => 225,

        I32Clz | I32Ctz => 210,
        I32Add | I32Sub => 70,
        I32Mul => 160,
        I32DivS | I32DivU | I32RemS | I32RemU => 1120,
        I32And | I32Or | I32Xor | I32Shl | I32ShrS | I32ShrU | I32Rotl | I32Rotr => 70,

        I64Clz | I64Ctz => 210,
        I64Add | I64Sub => 100,
        I64Mul => 160,
        I64DivS | I64DivU | I64RemS | I64RemU => 1270,
        I64And | I64Or | I64Xor | I64Shl | I64ShrS | I64ShrU | I64Rotl | I64Rotr => 100,

        I32Popcnt => 2650,
        I64Popcnt => 6000,

        I32WrapI64 | I64ExtendI32S | I64ExtendI32U => 100,
        I32Extend8S | I32Extend16S | I64Extend8S | I64Extend16S | I64Extend32S => 100,
        MemoryCopy { .. } | MemoryFill { .. } => 950,

        BrTable { targets } => {
            let targets = u64::from(targets.len());
            325u64.saturating_mul(targets).saturating_add(2400)
        }
        CallIndirect { type_index, .. } => {
            let inputs = usize::try_from(*type_index)
                .ok()
                .and_then(|index| types.get(index))
                .map_or(0, |ty| ty.params().len());
            let inputs = u64::try_from(inputs).unwrap_or(u64::MAX);
            650u64.saturating_mul(inputs).saturating_add(13610)
        }
        _ => u64::MAX,
    }
}
