//! Instructions and types Stylus cannot run.
//!
//! - Floating point: Nitro's validator accepts floats, but Stylus prices every float
//!   instruction at `u64::MAX` ink (`crates/prover/src/programs/meter.rs`), and the VM is
//!   meant to be deterministic without them. Any `f32`/`f64` value type (in a function type,
//!   a local, a global) or instruction is rejected.
//! - Bulk-memory instructions other than `memory.copy` and `memory.fill`: `memory.init`,
//!   `data.drop`, `table.init`, `elem.drop` and `table.copy` validate, but are also priced at
//!   `u64::MAX`, so any call reaching one fails.

use std::fmt::Write as _;

use wasmparser::{FuncType, Operator, Parser, Payload, TypeRef, ValType};

use super::{Check, Problem, malformed};

/// Findings beyond this many per kind are counted, not listed.
const LISTED: usize = 5;

/// Every float type or instruction, and every unmetered bulk-memory instruction.
pub fn check(wasm: &[u8]) -> Vec<Problem> {
    find(wasm).unwrap_or_else(|error| vec![malformed(Check::Instructions, &error)])
}

/// Findings of one kind, listed up to [`LISTED`].
#[derive(Default)]
struct Findings {
    count: usize,
    listed: Vec<String>,
}

impl Findings {
    fn add(&mut self, finding: impl FnOnce() -> String) {
        self.count += 1;
        if self.listed.len() < LISTED {
            self.listed.push(finding());
        }
    }

    fn into_problem(self, what: &str) -> Option<Problem> {
        if self.count == 0 {
            return None;
        }
        let mut message = format!("{what} ({} found): {}", self.count, self.listed.join("; "));
        if self.count > self.listed.len() {
            let _ = write!(message, "; and {} more", self.count - self.listed.len());
        }
        Some(Problem::new(Check::Instructions, message))
    }
}

fn is_float(ty: ValType) -> bool {
    matches!(ty, ValType::F32 | ValType::F64)
}

fn float_in_signature(ty: &FuncType) -> bool {
    ty.params()
        .iter()
        .chain(ty.results())
        .copied()
        .any(is_float)
}

/// The instruction's name as `wasmparser` spells its variant, e.g. `F64Add`.
fn op_name(debug: &str) -> &str {
    debug
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or(debug)
}

/// Whether an instruction touches floats: its own name (`F32Add`, `I32TruncF64S`,
/// `F64Const`) or an immediate (a block or `select` typed `f32`/`f64`) mentions them.
fn op_uses_floats(debug: &str) -> bool {
    debug.contains("F32") || debug.contains("F64")
}

fn op_is_unmetered(op: &Operator<'_>) -> bool {
    matches!(
        op,
        Operator::MemoryInit { .. }
            | Operator::DataDrop { .. }
            | Operator::TableInit { .. }
            | Operator::ElemDrop { .. }
            | Operator::TableCopy { .. }
    )
}

fn find(wasm: &[u8]) -> wasmparser::Result<Vec<Problem>> {
    let mut floats = Findings::default();
    let mut unmetered = Findings::default();
    let mut imported_funcs = 0usize;
    let mut defined_funcs = 0usize;
    let mut globals = 0usize;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload? {
            Payload::TypeSection(reader) => {
                for (index, ty) in reader.into_iter_err_on_gc_types().enumerate() {
                    let ty = ty?;
                    if float_in_signature(&ty) {
                        floats.add(|| format!("type {index} is `{ty}`"));
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import?;
                    match import.ty {
                        TypeRef::Func(_) | TypeRef::FuncExact(_) => imported_funcs += 1,
                        TypeRef::Global(global) => {
                            globals += 1;
                            if is_float(global.content_type) {
                                floats.add(|| {
                                    format!(
                                        "imported global `{}::{}` is {}",
                                        import.module, import.name, global.content_type
                                    )
                                });
                            }
                        }
                        _ => {}
                    }
                }
            }
            Payload::GlobalSection(reader) => {
                for global in reader {
                    let ty = global?.ty.content_type;
                    if is_float(ty) {
                        floats.add(|| format!("global {globals} is {ty}"));
                    }
                    globals += 1;
                }
            }
            Payload::CodeSectionEntry(body) => {
                let function = imported_funcs + defined_funcs;
                defined_funcs += 1;
                let mut locals = body.get_locals_reader()?;
                for _ in 0..locals.get_count() {
                    let (_, ty) = locals.read()?;
                    if is_float(ty) {
                        floats.add(|| format!("function {function} has an {ty} local"));
                    }
                }
                let mut ops = body.get_operators_reader()?;
                while !ops.eof() {
                    let op = ops.read()?;
                    let debug = format!("{op:?}");
                    if op_uses_floats(&debug) {
                        floats.add(|| format!("function {function} uses `{}`", op_name(&debug)));
                    }
                    if op_is_unmetered(&op) {
                        unmetered.add(|| format!("function {function} uses `{}`", op_name(&debug)));
                    }
                }
            }
            _ => {}
        }
    }
    Ok([
        floats.into_problem("floating point is not supported by Stylus"),
        unmetered.into_problem(
            "instructions Stylus does not meter (priced at u64::MAX ink, they always fail)",
        ),
    ]
    .into_iter()
    .flatten()
    .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::fixtures;

    fn single_problem(text: &str) -> String {
        let problems = check(&fixtures::wasm(text));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].check, Check::Instructions);
        problems[0].message.clone()
    }

    #[test]
    fn integer_code_passes() {
        assert_eq!(check(&fixtures::wasm(fixtures::VALID)), []);
    }

    #[test]
    fn a_float_instruction_is_rejected() {
        let message = single_problem(
            "(module (func (result i32) (i32.trunc_sat_f32_s (f32.add (f32.const 1) (f32.const 2)))))",
        );
        assert!(message.contains("floating point"), "{message}");
        assert!(message.contains("(4 found)"), "{message}");
        assert!(message.contains("`F32Const`"), "{message}");
        assert!(message.contains("`F32Add`"), "{message}");
        assert!(message.contains("`I32TruncSatF32S`"), "{message}");
    }

    #[test]
    fn reinterpreting_an_integer_as_a_float_is_rejected() {
        let message = single_problem(
            "(module (func (param i64) (result i64) (i64.reinterpret_f64 (f64.reinterpret_i64 (local.get 0)))))",
        );
        assert!(message.contains("`F64ReinterpretI64`"), "{message}");
    }

    #[test]
    fn an_f64_param_is_rejected() {
        let message = single_problem("(module (func (param f64)))");
        assert!(
            message.contains("type 0 is `(func (param f64))`"),
            "{message}"
        );
    }

    #[test]
    fn float_locals_globals_and_block_types_are_rejected() {
        assert!(single_problem("(module (func (local f32)))").contains("f32 local"));
        assert!(single_problem("(module (global f64 (f64.const 0)))").contains("global 0"));
        let block = single_problem(
            "(module (func (result i32) (block (result f32) (unreachable)) (drop) (i32.const 0)))",
        );
        assert!(block.contains("`Block`"), "{block}");
    }

    #[test]
    fn long_lists_are_cut() {
        let body = "(drop (f32.const 0))".repeat(8);
        let message = single_problem(&format!("(module (func {body}))"));
        assert!(message.contains("(8 found)"), "{message}");
        assert!(message.ends_with("and 3 more"), "{message}");
    }

    #[test]
    fn unmetered_bulk_memory_instructions_are_rejected() {
        let message = single_problem(
            r#"(module (memory 1) (data "x")
                 (func (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop 0)))"#,
        );
        assert!(message.contains("does not meter (priced"), "{message}");
        assert!(message.contains("`MemoryInit`"), "{message}");
        assert!(message.contains("`DataDrop`"), "{message}");
    }

    #[test]
    fn memory_copy_and_fill_are_metered() {
        let wasm = fixtures::wasm(
            "(module (memory 1) (func
               (memory.copy (i32.const 0) (i32.const 8) (i32.const 8))
               (memory.fill (i32.const 0) (i32.const 0) (i32.const 8))))",
        );
        assert_eq!(check(&wasm), []);
    }
}
