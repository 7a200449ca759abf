//! Imports: a Stylus program may only import functions, and only from `vm_hooks`, the
//! module through which Nitro provides its host functions. Anything else cannot be linked
//! at activation (Nitro's `binary.rs` also rejects every import that is not a function).

use wasmparser::{Parser, Payload, TypeRef};

use super::{Check, Problem, malformed};

/// The only module a Stylus program may import from.
pub const HOST_MODULE: &str = "vm_hooks";

/// Every import from another module than [`HOST_MODULE`], or not a function.
pub fn check(wasm: &[u8]) -> Vec<Problem> {
    find(wasm).unwrap_or_else(|error| vec![malformed(Check::Imports, &error)])
}

fn find(wasm: &[u8]) -> wasmparser::Result<Vec<Problem>> {
    let mut problems = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let Payload::ImportSection(reader) = payload? else {
            continue;
        };
        for import in reader.into_imports() {
            let import = import?;
            let what = format!("`{}::{}`", import.module, import.name);
            if import.module != HOST_MODULE {
                problems.push(Problem::new(
                    Check::Imports,
                    format!(
                        "{what} is imported from module `{}`; only `{HOST_MODULE}` is \
                         available to Stylus programs",
                        import.module
                    ),
                ));
            }
            if !matches!(import.ty, TypeRef::Func(_)) {
                problems.push(Problem::new(
                    Check::Imports,
                    format!("{what} is not a function; only functions can be imported"),
                ));
            }
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::fixtures;

    #[test]
    fn imports_from_vm_hooks_pass() {
        assert_eq!(check(&fixtures::wasm(fixtures::VALID)), []);
    }

    #[test]
    fn an_import_from_env_is_rejected() {
        let wasm = fixtures::valid_with(r#""vm_hooks" "read_args""#, r#""env" "read_args""#);
        let problems = check(&wasm);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].check, Check::Imports);
        assert!(
            problems[0].message.contains("`env::read_args`"),
            "{}",
            problems[0]
        );
        assert!(
            problems[0].message.contains("module `env`"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn an_imported_memory_is_rejected() {
        let wasm = fixtures::wasm(r#"(module (import "vm_hooks" "mem" (memory 1)))"#);
        let problems = check(&wasm);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.contains("not a function"),
            "{}",
            problems[0]
        );
    }
}
