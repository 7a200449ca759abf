//! Validation with the WebAssembly features Nitro enables.
//!
//! Nitro validates every Stylus program with `wasmparser` before activation
//! (`crates/prover/src/binary.rs`, `parse_with_version`, in OffchainLabs/nitro; formerly
//! `arbitrator/prover/src/binary.rs`). It starts from no feature and enables:
//! mutable globals, saturating float-to-int, sign extension, bulk memory, floats, and the
//! core "GC types" (funcref tables; not the GC proposal). Multi-value is enabled only for
//! ArbOS versions below 60 (`ARBOS_VERSION_STYLUS_NO_MULTI_VALUE`); it is left off here, so
//! that what passes activates on every current chain. Reference types, SIMD, threads, tail
//! calls, exceptions, memory64, multi-memory, extended constants, function references, GC
//! and the component model stay off, and so does the overlong `call_indirect` encoding that
//! comes with reference types.
//!
//! Floats pass validation, as in Nitro; [`super::instructions`] rejects them, since Stylus
//! does not meter them.

use wasmparser::{BinaryReaderError, Validator, WasmFeatures};

use super::{Check, Problem};

/// The feature set of Nitro's validator, for ArbOS 60 and later.
pub fn nitro_features() -> WasmFeatures {
    WasmFeatures::MUTABLE_GLOBAL
        | WasmFeatures::SATURATING_FLOAT_TO_INT
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::BULK_MEMORY
        | WasmFeatures::FLOATS
        | WasmFeatures::GC_TYPES
}

/// Validates `wasm` with [`nitro_features`].
pub fn check_features(wasm: &[u8]) -> Result<(), BinaryReaderError> {
    Validator::new_with_features(nitro_features())
        .validate_all(wasm)
        .map(drop)
}

/// [`check_features`] as a list of problems.
pub fn check(wasm: &[u8]) -> Vec<Problem> {
    match check_features(wasm) {
        Ok(()) => Vec::new(),
        Err(error) => vec![Problem::new(
            Check::Features,
            format!("invalid under Nitro's wasm features: {error}"),
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::fixtures;

    #[test]
    fn call_indirect_through_a_funcref_table_is_valid() {
        assert_eq!(check(&fixtures::wasm(fixtures::VALID)), []);
    }

    #[test]
    fn multi_value_results_are_rejected() {
        let wasm = fixtures::wasm(
            r#"(module (func (export "two") (result i32 i32) (i32.const 1) (i32.const 2)))"#,
        );
        let problems = check(&wasm);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.contains("multi-value"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn reference_types_and_simd_are_rejected() {
        let two_tables = fixtures::wasm("(module (table 1 funcref) (table 1 funcref))");
        assert_eq!(check(&two_tables).len(), 1);
        let simd = fixtures::wasm("(module (func (drop (v128.const i64x2 0 0))))");
        assert_eq!(check(&simd).len(), 1);
    }
}
