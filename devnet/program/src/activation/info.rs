//! What activation records about a program, and the costs Nitro predicts from the module
//! (`crates/prover/src/binary.rs`, end of `WasmBinary::instrument`; `programs/mod.rs`,
//! `Module::activate`).

/// What ArbOS stores for an activated program (`arbos/programs/programs.go`, `Program`), as
/// computed at activation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgramInfo {
    /// The Stylus version the program was activated under.
    pub version: u16,
    /// Init cost in the units `init_gas` scales (see [`crate::pricing::init_gas`]).
    pub init_cost: u16,
    /// Cached init cost in the units `cached_init_gas` scales.
    pub cached_init_cost: u16,
    /// The initial memory, in 64 KiB pages.
    pub footprint: u16,
    /// The estimated native code size in KiB, rounded up (`DivCeil(asmEstimate, 1024)`).
    pub asm_estimate_kb: u32,
    /// The estimated native code size in bytes (what the activation data fee is charged on).
    pub asm_estimate: u32,
}

/// The quantities of the instrumented module the cost predictions read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CostInputs {
    /// Local functions.
    pub(crate) funcs: u64,
    /// Globals, including the four the instrumentation adds.
    pub(crate) globals: u64,
    /// Length of the original WASM.
    pub(crate) wasm_len: u64,
    /// Bytes spanned by the data and element segments in the binary (whole segment encodings).
    pub(crate) segments_len: u64,
    /// Sum over local functions of parameters + results.
    pub(crate) type_len: u64,
    /// Initial pages.
    pub(crate) footprint: u16,
}

/// `(init_cost, cached_init_cost, asm_estimate)` before the range checks, as Nitro computes
/// them (saturating, each term rounded down on its own).
#[allow(
    clippy::arithmetic_side_effects,
    reason = "division by non-zero constants only; every product and sum saturates"
)]
pub(crate) fn predict(inputs: &CostInputs, version: u16) -> (u64, u64, u64) {
    let CostInputs {
        funcs,
        globals,
        wasm_len,
        segments_len,
        type_len,
        footprint,
    } = *inputs;

    let mut asm_estimate: u64 = 512_000;
    asm_estimate = asm_estimate.saturating_add(funcs.saturating_mul(996_829) / 1000);
    asm_estimate = asm_estimate.saturating_add(type_len.saturating_mul(11_416) / 1000);
    asm_estimate = asm_estimate.saturating_add(wasm_len.saturating_mul(62_628) / 10_000);

    let mut cached_init: u64 = 0;
    cached_init = cached_init.saturating_add(funcs.saturating_mul(13_420) / 100_000);
    cached_init = cached_init.saturating_add(type_len.saturating_mul(89) / 100_000);
    cached_init = cached_init.saturating_add(wasm_len.saturating_mul(122) / 100_000);
    cached_init = cached_init.saturating_add(globals.saturating_mul(1628) / 1000);
    cached_init = cached_init.saturating_add(segments_len.saturating_mul(75_244) / 100_000);
    cached_init = cached_init.saturating_add(u64::from(footprint).saturating_mul(5));

    // In version 1 the cached cost is part of the init cost.
    let mut init: u64 = if version == 1 { cached_init } else { 0 };
    init = init.saturating_add(funcs.saturating_mul(8252) / 1000);
    init = init.saturating_add(type_len.saturating_mul(1059) / 1000);
    init = init.saturating_add(wasm_len.saturating_mul(1286) / 10_000);

    (init, cached_init, asm_estimate)
}

/// The quantities `Module::activate` charges activation gas on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ActivationGasInputs {
    /// Length of the WASM (charged from ArbOS 32).
    pub(crate) wasm_len: Option<u64>,
    /// Local functions.
    pub(crate) funcs: u64,
    /// Bytes of data in the data segments.
    pub(crate) data: u64,
    /// Bytes spanned by the element segments in the binary.
    pub(crate) elems: u64,
    /// Initial pages.
    pub(crate) pages: u64,
    /// Operators in the instrumented bodies.
    pub(crate) code: u64,
}

/// Gas `Module::activate` burns (`programs/mod.rs`): microseconds of compile time estimated
/// per item, converted with `us × 2 × 7 000 000 / 500 000`; each term is rounded down on its own.
#[allow(
    clippy::arithmetic_side_effects,
    reason = "division by non-zero constants only; every product and sum saturates"
)]
pub(crate) fn activation_gas(inputs: &ActivationGasInputs) -> u64 {
    let us_to_gas = |us: u64| us.saturating_mul(2 * 7_000_000) / (1_000_000 / 2);
    let mut gas: u64 = 0;
    if let Some(wasm_len) = inputs.wasm_len {
        gas = gas.saturating_add(us_to_gas(wasm_len.saturating_mul(31_733) / 100_000));
    }
    gas = gas.saturating_add(us_to_gas(inputs.funcs.saturating_mul(17_263) / 100_000));
    gas = gas.saturating_add(us_to_gas(inputs.data.saturating_mul(17_376) / 100_000));
    gas = gas.saturating_add(us_to_gas(inputs.elems.saturating_mul(17_376) / 100_000));
    gas = gas.saturating_add(us_to_gas(inputs.pages.saturating_mul(2217)));
    gas = gas.saturating_add(us_to_gas(inputs.code.saturating_mul(535) / 1_000));
    gas
}
