//! The wasm rewrite that `cargo stylus` applies before compressing (`stylus-tools`,
//! `core/code/wasm.rs::process_wasm`): a round trip through the text format, then all custom
//! sections stripped.
//!
//! Unlike `cargo stylus`, no `project_hash` custom section is added afterwards: that section
//! holds a hash of the source tree, so every unrelated edit would change the deployed bytes
//! and their codehash. Here the output depends on the wasm alone; reproducible builds matter
//! more than the verification hook that section serves.

use anyhow::{Context, Result, bail};
use wasm_encoder::{Module, RawSection};
use wasmparser::{Encoding, Parser, Payload};

/// The whole rewrite: [`round_trip`], then [`strip_custom_sections`].
pub fn process(wasm: &[u8]) -> Result<Vec<u8>> {
    let reencoded = round_trip(wasm)?;
    strip_custom_sections(&reencoded)
}

/// Prints the module as text and parses it back.
///
/// Since Rust 1.82 the wasm32 target enables reference types, and LLVM then encodes the
/// table index of `call_indirect` as a multi-byte LEB128 (`0x80 0x00`), even with
/// `-C target-feature=-reference-types` for the linked std. Nitro validates without
/// reference types and rejects that encoding; re-encoding from text writes the MVP form
/// (a single `0x00`). `stylus-tools` calls this "removing dangling references".
pub fn round_trip(wasm: &[u8]) -> Result<Vec<u8>> {
    let text = wasmprinter::print_bytes(wasm).context("cannot print the wasm as text")?;
    wat::parse_str(&text).context("cannot parse back the wasm printed as text")
}

/// Drops every custom section (`name`, `producers`, `target_features`, debug info, ...) and
/// any unknown section, keeping the others byte for byte.
pub fn strip_custom_sections(wasm: &[u8]) -> Result<Vec<u8>> {
    let mut module = Module::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.context("malformed wasm")?;
        match &payload {
            Payload::Version { encoding, .. } if *encoding != Encoding::Module => {
                bail!("expected a core wasm module, found a component")
            }
            Payload::CustomSection(_) | Payload::UnknownSection { .. } => continue,
            _ => {}
        }
        if let Some((id, range)) = payload.as_section() {
            let start = usize::try_from(range.start)?;
            let end = usize::try_from(range.end)?;
            let data = wasm
                .get(start..end)
                .context("section range outside the module")?;
            module.section(&RawSection { id, data });
        }
    }
    Ok(module.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::{checks::features::check_features, fixtures};

    fn custom_section_names(wasm: &[u8]) -> Vec<String> {
        Parser::new(0)
            .parse_all(wasm)
            .filter_map(|p| match p.unwrap() {
                Payload::CustomSection(reader) => Some(reader.name().to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn custom_sections_are_stripped() {
        let wasm = fixtures::wasm(fixtures::VALID);
        let names = custom_section_names(&wasm);
        assert!(names.contains(&"producers".to_owned()), "{names:?}");
        assert!(names.contains(&"name".to_owned()), "{names:?}");
        let processed = process(&wasm).unwrap();
        assert_eq!(custom_section_names(&processed), Vec::<String>::new());
        assert!(processed.len() < wasm.len());
    }

    #[test]
    fn stripping_keeps_the_code() {
        let wasm = fixtures::wasm(fixtures::VALID);
        let stripped = strip_custom_sections(&wasm).unwrap();
        let text = wasmprinter::print_bytes(&stripped).unwrap();
        assert!(text.contains("call_indirect"), "{text}");
        assert!(text.contains(r#"(export "user_entrypoint""#), "{text}");
    }

    #[test]
    fn processing_is_deterministic_and_idempotent() {
        let wasm = fixtures::wasm(fixtures::VALID);
        let once = process(&wasm).unwrap();
        assert_eq!(process(&wasm).unwrap(), once);
        assert_eq!(process(&once).unwrap(), once);
    }

    /// A `call_indirect` whose table index is the two-byte LEB128 `0x80 0x00` (as LLVM writes
    /// it with reference types) fails Nitro's validation, and passes once processed.
    #[test]
    fn round_trip_rewrites_the_overlong_call_indirect_table_index() {
        let overlong = overlong_call_indirect_module();
        let err = check_features(&overlong).unwrap_err();
        assert!(err.to_string().contains("zero byte expected"), "{err}");
        let fixed = process(&overlong).unwrap();
        check_features(&fixed).unwrap();
        let text = wasmprinter::print_bytes(&fixed).unwrap();
        assert!(text.contains("call_indirect"), "{text}");
    }

    /// `(func (param i32) (result i32) (call_indirect (type 0) (local.get 0) (i32.const 0)))`
    /// with a table, encoded by hand with the overlong table index.
    fn overlong_call_indirect_module() -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        // type section: 1 type, (i32) -> i32
        wasm.extend([0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f]);
        // function section: 1 function of type 0
        wasm.extend([0x03, 0x02, 0x01, 0x00]);
        // table section: 1 funcref table, min 1
        wasm.extend([0x04, 0x04, 0x01, 0x70, 0x00, 0x01]);
        // code section: one body
        let body = [
            0x00, // no locals
            0x20, 0x00, // local.get 0
            0x41, 0x00, // i32.const 0
            0x11, 0x00, 0x80, 0x00, // call_indirect type 0, table 0 as two-byte LEB128
            0x0b, // end
        ];
        let body_len = u8::try_from(body.len()).unwrap();
        wasm.extend([0x0a, body_len + 2, 0x01, body_len]);
        wasm.extend(body);
        wasm
    }
}
