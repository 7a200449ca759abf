//! Deterministic stack-overflow checks, as Nitro's `DepthChecker`
//! (`crates/prover/src/programs/depth.rs`).
//!
//! Each function's worst-case frame is estimated statically: the highest operand-stack height
//! (simulated over the already metered body), plus its declared locals, plus 4. On entry the
//! frame is deducted from the `stylus_stack_left` global (trapping, with the global zeroed, if
//! no more than the frame is left); before every `return` (and before the final `end`, where a
//! `return` is added) it is credited back. The host sets the global to `max_stack_depth` before
//! calling the program.

use wasmparser::{BlockType, FuncType, Operator};

use crate::activation::ActivationError;

/// Largest frame, in words (`config.rs`, `max_frame_size` for Stylus versions 1 and 2).
pub const MAX_FRAME_SIZE: u32 = 10 * 1024;

/// Most values live on the operand stack at once (`config.rs`, `max_frame_contention`).
pub const MAX_FRAME_CONTENTION: u32 = 4096;

/// What the depth checker needs to know about the module.
pub(crate) struct DepthContext<'m> {
    /// The type section.
    pub(crate) types: &'m [FuncType],
    /// The type of each function index (imports first).
    pub(crate) func_types: &'m [&'m FuncType],
    /// The index of the `stylus_stack_left` global.
    pub(crate) global: u32,
}

fn unsupported(what: &str, op: &Operator<'_>) -> ActivationError {
    ActivationError::UnsupportedOpcode(format!(
        "depth checker failure: {what} extension not supported {op:?}"
    ))
}

fn len_u32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// The worst-case operand-stack height of `ops` (Nitro's `worst_case_depth` before locals).
fn worst_case_stack(ops: &[Operator<'_>], ctx: &DepthContext<'_>) -> Result<u32, ActivationError> {
    use Operator::*;

    let mut worst: u32 = 0;
    let mut stack: u32 = 0;
    let mut scopes: Vec<u32> = vec![0];

    let push = |stack: &mut u32, worst: &mut u32, count: u32| {
        *stack = stack.saturating_add(count);
        *worst = (*worst).max(*stack);
    };
    let ins_and_outs = |stack: &mut u32, worst: &mut u32, ty: &FuncType| {
        push(stack, worst, len_u32(ty.results().len()));
        *stack = stack.saturating_sub(len_u32(ty.params().len()));
    };
    let block_type = |stack: &mut u32, worst: &mut u32, ty: &BlockType| match ty {
        BlockType::Empty => Ok(()),
        BlockType::Type(_) => {
            push(stack, worst, 1);
            Ok(())
        }
        BlockType::FuncType(index) => {
            let ty = usize::try_from(*index)
                .ok()
                .and_then(|index| ctx.types.get(index))
                .ok_or_else(|| {
                    ActivationError::UnsupportedOpcode(format!("missing type for func {index}"))
                })?;
            ins_and_outs(stack, worst, ty);
            Ok(())
        }
    };

    for op in ops {
        match op {
            Block { blockty } | Loop { blockty } => {
                block_type(&mut stack, &mut worst, blockty)?;
                scopes.push(stack);
            }
            If { blockty } => {
                stack = stack.saturating_sub(1);
                block_type(&mut stack, &mut worst, blockty)?;
                scopes.push(stack);
            }
            Else => {
                stack = scopes.last().copied().ok_or_else(|| {
                    ActivationError::UnsupportedOpcode("malformed if-else scope".to_owned())
                })?;
            }
            End => {
                stack = scopes.pop().ok_or_else(|| {
                    ActivationError::UnsupportedOpcode(
                        "malformed scoping detected at end of block".to_owned(),
                    )
                })?;
            }
            Call { function_index } => {
                let ty = usize::try_from(*function_index)
                    .ok()
                    .and_then(|index| ctx.func_types.get(index))
                    .ok_or_else(|| {
                        ActivationError::UnsupportedOpcode(format!(
                            "missing type for func {function_index}"
                        ))
                    })?;
                ins_and_outs(&mut stack, &mut worst, ty);
            }
            CallIndirect { type_index, .. } => {
                let ty = usize::try_from(*type_index)
                    .ok()
                    .and_then(|index| ctx.types.get(index))
                    .ok_or_else(|| {
                        ActivationError::UnsupportedOpcode(format!(
                            "missing type for signature {type_index}"
                        ))
                    })?;
                ins_and_outs(&mut stack, &mut worst, ty);
                stack = stack.saturating_sub(1);
            }
            // Nitro's internal functions for these take three i32 and return nothing.
            MemoryFill { .. } | MemoryCopy { .. } => stack = stack.saturating_sub(3),

            Nop
            | Unreachable
            | I32Eqz
            | I64Eqz
            | I32Clz
            | I32Ctz
            | I32Popcnt
            | I64Clz
            | I64Ctz
            | I64Popcnt
            | Br { .. }
            | Return
            | LocalTee { .. }
            | MemoryGrow { .. }
            | I32Load { .. }
            | I64Load { .. }
            | F32Load { .. }
            | F64Load { .. }
            | I32Load8S { .. }
            | I32Load8U { .. }
            | I32Load16S { .. }
            | I32Load16U { .. }
            | I64Load8S { .. }
            | I64Load8U { .. }
            | I64Load16S { .. }
            | I64Load16U { .. }
            | I64Load32S { .. }
            | I64Load32U { .. }
            | I32WrapI64
            | I64ExtendI32S
            | I64ExtendI32U
            | I32Extend8S
            | I32Extend16S
            | I64Extend8S
            | I64Extend16S
            | I64Extend32S
            | F32Abs
            | F32Neg
            | F32Ceil
            | F32Floor
            | F32Trunc
            | F32Nearest
            | F32Sqrt
            | F64Abs
            | F64Neg
            | F64Ceil
            | F64Floor
            | F64Trunc
            | F64Nearest
            | F64Sqrt
            | I32TruncF32S
            | I32TruncF32U
            | I32TruncF64S
            | I32TruncF64U
            | I64TruncF32S
            | I64TruncF32U
            | I64TruncF64S
            | I64TruncF64U
            | F32ConvertI32S
            | F32ConvertI32U
            | F32ConvertI64S
            | F32ConvertI64U
            | F32DemoteF64
            | F64ConvertI32S
            | F64ConvertI32U
            | F64ConvertI64S
            | F64ConvertI64U
            | F64PromoteF32
            | I32ReinterpretF32
            | I64ReinterpretF64
            | F32ReinterpretI32
            | F64ReinterpretI64
            | I32TruncSatF32S
            | I32TruncSatF32U
            | I32TruncSatF64S
            | I32TruncSatF64U
            | I64TruncSatF32S
            | I64TruncSatF32U
            | I64TruncSatF64S
            | I64TruncSatF64U => {}

            LocalGet { .. }
            | GlobalGet { .. }
            | MemorySize { .. }
            | I32Const { .. }
            | I64Const { .. }
            | F32Const { .. }
            | F64Const { .. } => {
                push(&mut stack, &mut worst, 1);
            }

            Drop
            | I32Eq
            | I32Ne
            | I32LtS
            | I32LtU
            | I32GtS
            | I32GtU
            | I32LeS
            | I32LeU
            | I32GeS
            | I32GeU
            | I64Eq
            | I64Ne
            | I64LtS
            | I64LtU
            | I64GtS
            | I64GtU
            | I64LeS
            | I64LeU
            | I64GeS
            | I64GeU
            | F32Eq
            | F32Ne
            | F32Lt
            | F32Gt
            | F32Le
            | F32Ge
            | F64Eq
            | F64Ne
            | F64Lt
            | F64Gt
            | F64Le
            | F64Ge
            | I32Add
            | I32Sub
            | I32Mul
            | I32DivS
            | I32DivU
            | I32RemS
            | I32RemU
            | I64Add
            | I64Sub
            | I64Mul
            | I64DivS
            | I64DivU
            | I64RemS
            | I64RemU
            | I32And
            | I32Or
            | I32Xor
            | I32Shl
            | I32ShrS
            | I32ShrU
            | I32Rotl
            | I32Rotr
            | I64And
            | I64Or
            | I64Xor
            | I64Shl
            | I64ShrS
            | I64ShrU
            | I64Rotl
            | I64Rotr
            | F32Add
            | F32Sub
            | F32Mul
            | F32Div
            | F32Min
            | F32Max
            | F32Copysign
            | F64Add
            | F64Sub
            | F64Mul
            | F64Div
            | F64Min
            | F64Max
            | F64Copysign
            | BrIf { .. }
            | BrTable { .. }
            | LocalSet { .. }
            | GlobalSet { .. } => {
                stack = stack.saturating_sub(1);
            }

            Select
            | I32Store { .. }
            | I64Store { .. }
            | F32Store { .. }
            | F64Store { .. }
            | I32Store8 { .. }
            | I32Store16 { .. }
            | I64Store8 { .. }
            | I64Store16 { .. }
            | I64Store32 { .. } => stack = stack.saturating_sub(2),

            TypedSelect { .. } | RefNull { .. } | RefIsNull | RefFunc { .. } => {
                return Err(unsupported("reference-types", op));
            }
            MemoryInit { .. }
            | DataDrop { .. }
            | TableInit { .. }
            | ElemDrop { .. }
            | TableCopy { .. }
            | TableFill { .. }
            | TableGet { .. }
            | TableSet { .. }
            | TableGrow { .. }
            | TableSize { .. } => {
                return Err(unsupported("bulk-memory-operations", op));
            }
            _ => return Err(unsupported("this", op)),
        }
    }
    Ok(worst)
}

/// Wraps a metered body with the stack-depth prologue and the credit before each `return`.
///
/// # Errors
/// [`ActivationError::StackContention`] when more than [`MAX_FRAME_CONTENTION`] values may be on
/// the operand stack, [`ActivationError::FrameTooLarge`] when the frame exceeds
/// [`MAX_FRAME_SIZE`] words, [`ActivationError::UnsupportedOpcode`] for operators Nitro's depth
/// checker does not know.
pub(crate) fn apply<'a>(
    mut ops: Vec<Operator<'a>>,
    locals: u64,
    func: u32,
    ctx: &DepthContext<'_>,
) -> Result<Vec<Operator<'a>>, ActivationError> {
    let worst = worst_case_stack(&ops, ctx)?;
    if worst > MAX_FRAME_CONTENTION {
        return Err(ActivationError::StackContention {
            func,
            count: worst,
            limit: MAX_FRAME_CONTENTION,
        });
    }
    let locals = u32::try_from(locals).unwrap_or(u32::MAX);
    let size = worst.saturating_add(locals).saturating_add(4);
    if size > MAX_FRAME_SIZE {
        return Err(ActivationError::FrameTooLarge {
            size,
            limit: MAX_FRAME_SIZE,
        });
    }

    let global_index = ctx.global;
    // size ≤ MAX_FRAME_SIZE, so it fits an i32 immediate.
    let value = i32::try_from(size).unwrap_or(i32::MAX);
    let mut out = Vec::with_capacity(ops.len().saturating_add(16));
    out.extend([
        Operator::GlobalGet { global_index },
        Operator::I32Const { value },
        Operator::I32LeU,
        Operator::If {
            blockty: BlockType::Empty,
        },
        Operator::I32Const { value: 0 },
        Operator::GlobalSet { global_index },
        Operator::Unreachable,
        Operator::End,
        Operator::GlobalGet { global_index },
        Operator::I32Const { value },
        Operator::I32Sub,
        Operator::GlobalSet { global_index },
    ]);

    // Like Nitro, put an extra `return` before the final `end`.
    let last = ops.pop();
    ops.push(Operator::Return);
    ops.extend(last);
    for op in ops {
        if matches!(op, Operator::Return) {
            out.extend([
                Operator::GlobalGet { global_index },
                Operator::I32Const { value },
                Operator::I32Add,
                Operator::GlobalSet { global_index },
            ]);
        }
        out.push(op);
    }
    Ok(out)
}
