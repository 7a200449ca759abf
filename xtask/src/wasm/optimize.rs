//! binaryen's `wasm-opt` on the module rustc wrote, before the rewrite of [`super::process`].
//!
//! A call that enters a program which is not cached pays about 8.25 gas per function, 1.06
//! per parameter and result and 0.13 per byte of wasm (`stylus_program::activation::info`).
//! rustc's output at `opt-level = "z"` keeps many small functions that have a single caller;
//! `wasm-opt -Oz` inlines them, merges identical ones and shortens the rest, and splits the
//! zero runs out of the data segment. Measured on the four programs (issue 12): 226-277
//! functions became 95-117 and the wasm 12-15% shorter.
//!
//! `wasm-opt` comes from the npm package `binaryen` (a WebAssembly build of binaryen that runs
//! under node), pinned in `package-lock.json`: the same version everywhere, so the same
//! bytes. Only the WebAssembly features Nitro validates with are enabled
//! ([`super::checks::features`]), so that no pass introduces another (multi-value, reference
//! types); the checks still run on what comes out.

use std::{fs, path::Path, process::Command};

use anyhow::{Context, Result};

use crate::{command, npm};

/// The npm package with `wasm-opt`.
pub const PACKAGE: &str = "binaryen";

/// `wasm-opt`'s script inside `node_modules`.
const WASM_OPT: &str = "node_modules/binaryen/bin/wasm-opt";

/// The features (those of Nitro's validator) and the optimization level.
pub const FLAGS: [&str; 6] = [
    "--mvp-features",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-bulk-memory",
    "-Oz",
];

/// Whether `binaryen` is installed in the workspace's `node_modules`.
pub fn installed(root: &Path) -> bool {
    npm::installed(root, &[PACKAGE])
}

/// Installs the npm packages of `package-lock.json` (`npm ci`) when `binaryen` is missing.
///
/// # Errors
/// When npm cannot run or fails.
pub fn ensure_installed(root: &Path) -> Result<()> {
    npm::ensure_installed(root, &[PACKAGE])
}

/// Runs `wasm-opt` with [`FLAGS`] on `wasm`, through files named after `name` in `scratch`.
///
/// # Errors
/// When the files cannot be written or read, or `wasm-opt` fails.
pub fn optimize(root: &Path, scratch: &Path, name: &str, wasm: &[u8]) -> Result<Vec<u8>> {
    fs::create_dir_all(scratch).with_context(|| format!("cannot create {}", scratch.display()))?;
    let input = scratch.join(format!("{name}.rustc.wasm"));
    let output = scratch.join(format!("{name}.wasm-opt.wasm"));
    fs::write(&input, wasm).with_context(|| format!("cannot write {}", input.display()))?;
    let mut cmd = Command::new("node");
    cmd.current_dir(root)
        .arg(WASM_OPT)
        .args(FLAGS)
        .arg(&input)
        .arg("-o")
        .arg(&output);
    command::run(&mut cmd).context("wasm-opt failed (run `npm ci` if binaryen is missing)")?;
    fs::read(&output).with_context(|| format!("wasm-opt did not write {}", output.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::{checks, fixtures};

    /// Needs `npm ci` (binaryen in node_modules), which the test command runs first.
    #[test]
    fn a_single_caller_function_is_inlined_and_the_module_stays_valid_for_nitro() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        assert!(installed(root), "binaryen is not installed: run `npm ci`");
        let wasm = fixtures::wasm(
            r#"(module
                 (import "vm_hooks" "read_args" (func $read_args (param i32)))
                 (memory (export "memory") 1)
                 (func $helper (param i32) (result i32) (i32.add (local.get 0) (i32.const 7)))
                 (func (export "user_entrypoint") (param i32) (result i32)
                   (call $read_args (i32.const 0))
                   (call $helper (local.get 0))))"#,
        );
        let scratch = std::env::temp_dir().join(format!("xtask-wasm-opt-{}", std::process::id()));
        let optimized = optimize(root, &scratch, "fixture", &wasm).unwrap();
        fs::remove_dir_all(&scratch).ok();
        let functions = |wasm: &[u8]| {
            wasmparser::Parser::new(0)
                .parse_all(wasm)
                .find_map(|payload| match payload.unwrap() {
                    wasmparser::Payload::FunctionSection(reader) => Some(reader.count()),
                    _ => None,
                })
                .unwrap_or(0)
        };
        assert_eq!(functions(&wasm), 2);
        assert_eq!(functions(&optimized), 1);
        assert_eq!(checks::features::check(&optimized), []);
    }
}
