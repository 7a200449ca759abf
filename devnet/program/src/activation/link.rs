//! The checks Nitro makes when it turns the instrumented module into a WAVM module
//! (`crates/prover/src/machine.rs`, `Module::from_binary` via `from_user_binary`, and
//! `crates/prover/src/wavm.rs`, `wasm_to_wavm`): host imports and their signatures, operators
//! without a user-program implementation (floating point), and segment bounds.

use wasmparser::{
    DataKind, ElementItems, ElementKind, FuncType, Operator, OperatorsReader, ValType,
};

use super::{ActivationError, module::UserModule};
use crate::hostio;

/// WASM page size in bytes.
const PAGE_SIZE: u64 = 65_536;

/// Renders a signature as `(i32, i32) -> (i32)`.
pub(crate) fn render_signature(params: &[ValType], results: &[ValType]) -> String {
    let list = |types: &[ValType]| {
        types
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("({}) -> ({})", list(params), list(results))
}

/// Checks every import against Nitro's host functions (`vm_hooks`, and `console` on debug
/// chains).
pub(crate) fn check_imports(module: &UserModule<'_>, debug: bool) -> Result<(), ActivationError> {
    for import in &module.imports {
        let Some(host) = hostio::lookup(import.module, import.name) else {
            return Err(ActivationError::NoSuchImport {
                module: import.module.to_owned(),
                name: import.name.to_owned(),
            });
        };
        if host.debug && !debug {
            return Err(ActivationError::DebugImport {
                module: import.module.to_owned(),
                name: import.name.to_owned(),
            });
        }
        let have = usize::try_from(import.ty)
            .ok()
            .and_then(|index| module.types.get(index));
        let matches =
            have.is_some_and(|ty| ty.params() == host.params && ty.results() == host.results);
        if !matches {
            let have = have.map_or_else(
                || "?".to_owned(),
                |ty| render_signature(ty.params(), ty.results()),
            );
            return Err(ActivationError::ImportSignature {
                module: import.module.to_owned(),
                name: import.name.to_owned(),
                expected: render_signature(host.params, host.results),
                have,
            });
        }
    }
    Ok(())
}

/// Whether Nitro translates `op` into a call to a soft-float implementation, which user
/// programs do not have (`wavm.rs`, the `float!` cases).
pub fn is_float_arithmetic(op: &Operator<'_>) -> bool {
    use Operator::*;
    matches!(
        op,
        F32Eq
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
            | F32Abs
            | F32Neg
            | F32Ceil
            | F32Floor
            | F32Trunc
            | F32Nearest
            | F32Sqrt
            | F32Add
            | F32Sub
            | F32Mul
            | F32Div
            | F32Min
            | F32Max
            | F32Copysign
            | F64Abs
            | F64Neg
            | F64Ceil
            | F64Floor
            | F64Trunc
            | F64Nearest
            | F64Sqrt
            | F64Add
            | F64Sub
            | F64Mul
            | F64Div
            | F64Min
            | F64Max
            | F64Copysign
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
            | I32TruncSatF32S
            | I32TruncSatF32U
            | I32TruncSatF64S
            | I32TruncSatF64U
            | I64TruncSatF32S
            | I64TruncSatF32U
            | I64TruncSatF64S
            | I64TruncSatF64U
    )
}

/// Rejects the operators `wasm_to_wavm` cannot translate for a user program.
pub(crate) fn check_operators(module: &UserModule<'_>) -> Result<(), ActivationError> {
    for code in &module.codes {
        for op in &code.ops {
            if is_float_arithmetic(op) {
                return Err(ActivationError::FloatingPoint(format!("{op:?}")));
            }
            if matches!(
                op,
                Operator::RefNull { .. } | Operator::RefIsNull | Operator::RefFunc { .. }
            ) {
                return Err(ActivationError::UnsupportedOpcode(format!(
                    "reference-types extension not supported {op:?}"
                )));
            }
        }
    }
    Ok(())
}

/// The value of a constant `i32.const` offset expression, as Nitro reads it (`value as usize`:
/// a negative offset becomes huge and fails the bounds check).
fn const_offset(mut reader: OperatorsReader<'_>) -> Result<u64, ActivationError> {
    let first = reader
        .read()
        .map_err(|_| ActivationError::NonConstantOffset)?;
    let second = reader
        .read()
        .map_err(|_| ActivationError::NonConstantOffset)?;
    match (first, second, reader.eof()) {
        (Operator::I32Const { value }, Operator::End, true) => {
            Ok(u64::from_ne_bytes(i64::from(value).to_ne_bytes()))
        }
        _ => Err(ActivationError::NonConstantOffset),
    }
}

/// Checks that active data segments fit the initial memory and active element segments fit
/// their tables.
pub(crate) fn check_segments(module: &UserModule<'_>) -> Result<(), ActivationError> {
    let memory_size = module
        .memories
        .first()
        .map_or(0, |memory| memory.initial.saturating_mul(PAGE_SIZE));
    for data in &module.datas {
        let DataKind::Active { offset_expr, .. } = &data.kind else {
            continue;
        };
        let offset = const_offset(offset_expr.get_operators_reader())?;
        let len = u64::try_from(data.data.len()).unwrap_or(u64::MAX);
        if offset.checked_add(len).is_none_or(|end| end > memory_size) {
            return Err(ActivationError::DataOutOfBounds {
                offset,
                len: data.data.len(),
            });
        }
    }
    for element in &module.elements {
        let ElementKind::Active {
            table_index,
            offset_expr,
        } = &element.kind
        else {
            continue;
        };
        let offset = const_offset(offset_expr.get_operators_reader())?;
        let ElementItems::Functions(items) = &element.items else {
            return Err(ActivationError::ElementExpressions);
        };
        let len = u64::from(items.count());
        let table = usize::try_from(table_index.unwrap_or_default())
            .ok()
            .and_then(|index| module.tables.get(index))
            .map_or(0, |table| table.initial);
        if offset.saturating_add(len) > table {
            return Err(ActivationError::ElementsOutOfBounds { offset, len, table });
        }
    }
    Ok(())
}

/// The type `(i32) -> (i32)` `user_entrypoint` must have.
pub(crate) fn is_entrypoint_type(ty: &FuncType) -> bool {
    ty.params() == [ValType::I32] && ty.results() == [ValType::I32]
}
