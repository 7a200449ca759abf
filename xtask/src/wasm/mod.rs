//! From the wasm that rustc links to the code that is deployed, and the checks on the way.
//!
//! [`optimize`] first runs binaryen's `wasm-opt -Oz` on it (the build does, through node).
//! The steps of [`prepare`] then follow what `cargo stylus` (the `stylus-tools` crate) does
//! before it deploys:
//! 1. [`process`]: a text round trip, then every custom section stripped;
//! 2. [`compress`]: brotli, quality 11, window 2^22;
//! 3. [`code`]: the Stylus prefix `EF F0 00` and the dictionary byte `00` before the
//!    compressed bytes.
//!
//! [`checks`] then looks at the processed wasm and the code for what Nitro would reject.

pub mod checks;
pub mod code;
pub mod compress;
pub mod optimize;
pub mod process;

use anyhow::Result;

use self::checks::Problem;

/// A contract's wasm taken through the whole pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The processed wasm (uncompressed): what Nitro decompresses and activates.
    pub wasm: Vec<u8>,
    /// Length of the brotli stream inside [`Prepared::code`].
    pub compressed_len: usize,
    /// The deployable contract code: prefix, dictionary byte, brotli stream.
    pub code: Vec<u8>,
    /// Everything Nitro would reject; empty when the contract may be deployed.
    pub problems: Vec<Problem>,
}

impl Prepared {
    /// Whether every check passed.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Runs the pipeline on the wasm that rustc wrote.
///
/// Fails only when a step cannot run (malformed wasm, I/O); what Nitro would reject is
/// reported in [`Prepared::problems`] so that every contract can be shown at once.
pub fn prepare(built: &[u8]) -> Result<Prepared> {
    let wasm = process::process(built)?;
    let compressed = compress::brotli(&wasm)?;
    let code = code::deployable_code(&compressed);
    let mut problems = checks::check_module(&wasm);
    problems.extend(checks::size::check_code_size(code.len()));
    Ok(Prepared {
        compressed_len: compressed.len(),
        wasm,
        code,
        problems,
    })
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Small modules for the tests, written in the text format.

    /// A module that passes every check: it imports from `vm_hooks`, exports
    /// `user_entrypoint: (i32) -> i32` and `memory`, and calls through a table.
    pub(crate) const VALID: &str = r#"
        (module
          (type $entry (func (param i32) (result i32)))
          (import "vm_hooks" "pay_for_memory_grow" (func $grow (param i32)))
          (import "vm_hooks" "read_args" (func $read_args (param i32)))
          (memory (export "memory") 1)
          (table 2 funcref)
          (elem (i32.const 0) $double $triple)
          (func $double (type $entry) (i32.mul (local.get 0) (i32.const 2)))
          (func $triple (type $entry) (i32.mul (local.get 0) (i32.const 3)))
          (func (export "user_entrypoint") (type $entry)
            (call $read_args (i32.const 0))
            (call_indirect (type $entry) (local.get 0) (i32.const 1)))
          (@custom "producers" "rustc")
          (@custom "target_features" "+bulk-memory"))
    "#;

    /// Parses `text` into a binary module.
    pub(crate) fn wasm(text: &str) -> Vec<u8> {
        wat::parse_str(text).unwrap()
    }

    /// [`VALID`] with `old` replaced by `new`.
    pub(crate) fn valid_with(old: &str, new: &str) -> Vec<u8> {
        assert!(VALID.contains(old), "fixture has no `{old}`");
        wasm(&VALID.replace(old, new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_module_goes_through_without_problems() {
        let prepared = prepare(&fixtures::wasm(fixtures::VALID)).unwrap();
        assert!(prepared.is_ok(), "{:?}", prepared.problems);
        assert_eq!(prepared.code.len(), prepared.compressed_len + 4);
        assert_eq!(prepared.code[..4], [0xEF, 0xF0, 0x00, 0x00]);
        let mut decompressed = Vec::new();
        brotli::BrotliDecompress(&mut &prepared.code[4..], &mut decompressed).unwrap();
        assert_eq!(decompressed, prepared.wasm);
    }

    #[test]
    fn problems_are_collected_not_raised() {
        let wasm = fixtures::valid_with(r#""vm_hooks" "read_args""#, r#""env" "read_args""#);
        let prepared = prepare(&wasm).unwrap();
        assert_eq!(prepared.problems.len(), 1, "{:?}", prepared.problems);
    }
}
