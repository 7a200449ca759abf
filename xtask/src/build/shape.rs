//! The shape of a program that decides what entering it costs: its data segments, its
//! functions, and the init gas Nitro charges on every call, from the runtime's own formula
//! (`stylus_program`: activation as Nitro does it, `pricing::init`).
//!
//! Cached, a call pays `cached_init_gas` (352 gas at least); uncached, a version-2 program
//! pays `init_gas` on top (9,184 gas at least, both parts together).

use anyhow::{Result, anyhow};
use stylus_program::{
    StylusParams, activate,
    pricing::{cached_init_gas, entry_gas_floors, init_gas},
};
use wasmparser::{Parser, Payload};

use crate::wasm::checks::{Check, Problem};

/// Entry gas of the smallest possible program, `(cached, uncached)`, under the default
/// parameters (`stylus_program::pricing::entry_gas_floors`: 352 and 9,184).
pub fn floors() -> (u64, u64) {
    entry_gas_floors(&StylusParams::default())
}

/// What a program's shape costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Bytes of data in its data segments.
    pub data_bytes: u64,
    /// Functions defined in the module (imports not counted).
    pub functions: u64,
    /// Gas a call pays to enter it when it is cached.
    pub cached_entry_gas: u64,
    /// Gas a call pays to enter it when it is not cached (init + cached).
    pub uncached_entry_gas: u64,
    /// Wasm pages of its initial memory (its footprint): the stack, the data and the heap's
    /// start. Beyond the free pages every call pays for each one (see [`memory_problem`]).
    pub memory_pages: u16,
}

/// A problem when `shape`'s footprint exceeds the pages a call gets for free.
///
/// Nitro charges a program's footprint on entry, each page beyond `free_pages` (2) at
/// `page_gas` (1,000) plus a growing term (`stylus_program::pricing::memory`), on every call,
/// cached or not. A Stylus program needs one page: rustc's default 1 MiB stack alone is 16,
/// which is what a build that loses `.cargo/config.toml`'s `-zstack-size` gets.
pub fn memory_problem(shape: &Shape) -> Option<Problem> {
    let free = StylusParams::default().free_pages;
    (shape.memory_pages > free).then(|| {
        Problem::new(
            Check::Memory,
            format!(
                "the initial memory is {} pages, more than the {free} a call gets for free: every \
                 call pays for the rest (is the stack size of .cargo/config.toml in force?)",
                shape.memory_pages
            ),
        )
    })
}

/// Measures `wasm` (the processed module) and activates it under the default parameters.
///
/// # Errors
/// When the module cannot be parsed or Nitro's activation would refuse it.
pub fn measure(wasm: &[u8]) -> Result<Shape> {
    let mut data_bytes: u64 = 0;
    let mut functions: u64 = 0;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload? {
            Payload::FunctionSection(reader) => functions = u64::from(reader.count()),
            Payload::DataSection(reader) => {
                for segment in reader {
                    let len = u64::try_from(segment?.data.len())?;
                    data_bytes = data_bytes.saturating_add(len);
                }
            }
            _ => {}
        }
    }
    let params = StylusParams::default();
    let activated = activate(wasm, &params).map_err(|e| anyhow!("activation refused: {e}"))?;
    let cached = cached_init_gas(&activated.info, &params);
    let uncached = init_gas(&activated.info, &params).saturating_add(cached);
    Ok(Shape {
        data_bytes,
        functions,
        cached_entry_gas: cached,
        uncached_entry_gas: uncached,
        memory_pages: activated.info.footprint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::fixtures;

    #[test]
    fn a_minimal_program_costs_the_floor_plus_its_shape() {
        let wasm = fixtures::wasm(fixtures::VALID);
        let shape = measure(&wasm).unwrap();
        assert_eq!(shape.functions, 3);
        assert_eq!(shape.data_bytes, 0);
        let (cached_floor, uncached_floor) = floors();
        assert!(shape.cached_entry_gas >= cached_floor, "{shape:?}");
        assert!(shape.uncached_entry_gas >= uncached_floor, "{shape:?}");
        assert!(shape.uncached_entry_gas < uncached_floor + 200, "{shape:?}");
        assert_eq!(memory_problem(&shape), None, "{shape:?}");
    }

    #[test]
    fn a_footprint_beyond_the_free_pages_is_a_problem() {
        let wasm = fixtures::wasm(fixtures::VALID);
        let mut shape = measure(&wasm).unwrap();
        shape.memory_pages = 17;
        let problem = memory_problem(&shape).expect("17 pages are not free");
        assert_eq!(problem.check, Check::Memory);
        assert!(problem.message.contains("17 pages"), "{problem}");
        shape.memory_pages = 2;
        assert_eq!(memory_problem(&shape), None);
    }

    #[test]
    fn data_segments_are_counted_and_priced() {
        let small = fixtures::valid_with(
            "(memory (export \"memory\") 1)",
            "(memory (export \"memory\") 1) (data (i32.const 8) \"ab\")",
        );
        let big_data = format!("(data (i32.const 8) \"{}\")", "x".repeat(4_000));
        let big = fixtures::valid_with(
            "(memory (export \"memory\") 1)",
            &format!("(memory (export \"memory\") 1) {big_data}"),
        );
        let small = measure(&small).unwrap();
        let big = measure(&big).unwrap();
        assert_eq!(small.data_bytes, 2);
        assert_eq!(big.data_bytes, 4_000);
        // About 0.75 gas per byte of data segments, cached.
        let more = big.cached_entry_gas - small.cached_entry_gas;
        assert!((2_900..=3_100).contains(&more), "{small:?} {big:?}");
    }
}
