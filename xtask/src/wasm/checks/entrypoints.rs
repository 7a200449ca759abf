//! How Nitro enters a Stylus program: it calls the exported function `user_entrypoint`, of
//! type `(i32) -> i32` (the calldata length in, the status out), with the exported
//! `memory`; a start function is not allowed (Nitro's `binary.rs`: `check_func`,
//! "missing memory with export name", "wasm start functions not allowed").

use wasmparser::{ExternalKind, FuncType, Parser, Payload, TypeRef, ValType};

use super::{Check, Problem, malformed};

/// The function Nitro calls.
pub const ENTRYPOINT: &str = "user_entrypoint";

/// The memory Nitro reads and writes.
pub const MEMORY: &str = "memory";

/// A missing or mistyped `user_entrypoint` or `memory` export, or a start function.
pub fn check(wasm: &[u8]) -> Vec<Problem> {
    find(wasm).unwrap_or_else(|error| vec![malformed(Check::Entrypoints, &error)])
}

fn find(wasm: &[u8]) -> wasmparser::Result<Vec<Problem>> {
    let mut types: Vec<FuncType> = Vec::new();
    // The type index of every function, imported ones first.
    let mut func_types: Vec<u32> = Vec::new();
    let mut entrypoint = None;
    let mut memory = None;
    let mut problems = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload? {
            Payload::TypeSection(reader) => {
                for ty in reader.into_iter_err_on_gc_types() {
                    types.push(ty?);
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if let TypeRef::Func(ty) | TypeRef::FuncExact(ty) = import?.ty {
                        func_types.push(ty);
                    }
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    func_types.push(ty?);
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export?;
                    match export.name {
                        ENTRYPOINT => entrypoint = Some((export.kind, export.index)),
                        MEMORY => memory = Some(export.kind),
                        _ => {}
                    }
                }
            }
            Payload::StartSection { func, .. } => problems.push(Problem::new(
                Check::Entrypoints,
                format!("function {func} is a start function; Stylus programs may not have one"),
            )),
            _ => {}
        }
    }

    match entrypoint {
        None => problems.push(Problem::new(
            Check::Entrypoints,
            format!("no `{ENTRYPOINT}` export (is the crate's `#[entrypoint]` missing?)"),
        )),
        Some((ExternalKind::Func, index)) => {
            let ty = usize::try_from(index)
                .ok()
                .and_then(|i| func_types.get(i))
                .and_then(|&ty| types.get(usize::try_from(ty).ok()?));
            let expected = FuncType::new([ValType::I32], [ValType::I32]);
            match ty {
                Some(ty) if *ty == expected => {}
                Some(ty) => problems.push(Problem::new(
                    Check::Entrypoints,
                    format!("`{ENTRYPOINT}` is `{ty}`, expected `{expected}`"),
                )),
                None => problems.push(Problem::new(
                    Check::Entrypoints,
                    format!("`{ENTRYPOINT}` refers to function {index}, which has no type"),
                )),
            }
        }
        Some((kind, _)) => problems.push(Problem::new(
            Check::Entrypoints,
            format!("`{ENTRYPOINT}` is exported as a {kind:?}, not a function"),
        )),
    }
    match memory {
        Some(ExternalKind::Memory) => {}
        Some(kind) => problems.push(Problem::new(
            Check::Entrypoints,
            format!("`{MEMORY}` is exported as a {kind:?}, not a memory"),
        )),
        None => problems.push(Problem::new(
            Check::Entrypoints,
            format!("no `{MEMORY}` export"),
        )),
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::fixtures;

    fn messages(wasm: &[u8]) -> Vec<String> {
        check(wasm).into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn the_valid_fixture_has_both_exports() {
        assert_eq!(check(&fixtures::wasm(fixtures::VALID)), []);
    }

    #[test]
    fn a_missing_user_entrypoint_is_rejected() {
        let wasm = fixtures::valid_with(r#"(export "user_entrypoint")"#, r#"(export "main")"#);
        let messages = messages(&wasm);
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].starts_with("no `user_entrypoint` export"),
            "{messages:?}"
        );
    }

    #[test]
    fn a_missing_memory_export_is_rejected() {
        let wasm = fixtures::valid_with(r#"(memory (export "memory") 1)"#, "(memory 1)");
        assert_eq!(messages(&wasm), ["no `memory` export"]);
    }

    #[test]
    fn a_mistyped_entrypoint_is_rejected() {
        let wasm = fixtures::wasm(
            r#"(module (memory (export "memory") 1)
                 (func (export "user_entrypoint") (param i64) (result i32) (i32.const 0)))"#,
        );
        assert_eq!(
            messages(&wasm),
            [
                "`user_entrypoint` is `(func (param i64) (result i32))`, expected \
             `(func (param i32) (result i32))`"
            ]
        );
    }

    #[test]
    fn an_entrypoint_after_imports_is_typed_by_its_own_index() {
        // Function 1 (after one import of another type) is the entry point.
        let wasm = fixtures::wasm(
            r#"(module (import "vm_hooks" "f" (func (param i64)))
                 (memory (export "memory") 1)
                 (func (export "user_entrypoint") (param i32) (result i32) (i32.const 0)))"#,
        );
        assert_eq!(check(&wasm), []);
    }

    #[test]
    fn a_start_function_is_rejected() {
        let wasm = fixtures::valid_with("(table 2 funcref)", "(table 2 funcref) (start 0)");
        let messages = messages(&wasm);
        assert!(
            messages.iter().any(|m| m.contains("start function")),
            "{messages:?}"
        );
    }
}
