//! Stylus programs, host-free: what Arbitrum Nitro does to a Stylus program before and while
//! it runs, reproduced from Nitro's sources so that a devnet runtime can run programs the way
//! Arbitrum does.
//!
//! - [`code`]: the deployed code format (`EF F0 00`, dictionary byte, brotli), which code is a
//!   program at an ArbOS version, and the init code that deploys it;
//! - [`fragments`]: ArbOS 60's fragmented programs (a root `EF F0 02` naming fragments
//!   `EF F0 01`);
//! - [`params`]: Nitro's Stylus parameters and their defaults;
//! - [`hostio`]: the host functions a program may import, with their signatures;
//! - [`activation`]: Nitro's activation checks, the instrumented module and the recorded costs;
//! - [`meter`]: ink metering, stack-depth and memory-growth instrumentation;
//! - [`pricing`]: gas and ink, host function costs, memory pages, init gas, the data fee.
//!
//! # Where this differs from Nitro
//!
//! - Only programs compressed without a brotli dictionary decode; the `stylus-program`
//!   dictionary (byte 1) is refused with an error.
//! - Nitro compiles the instrumented module to native code (wasmer); here it is returned as
//!   WASM for an interpreter. The module hash Nitro derives from the WAVM module is not computed.
//! - Error messages follow Nitro's wording without its colours and wrapping; when a program
//!   breaks several rules the one reported first may differ, and imports from Nitro's internal
//!   host modules (`env`, `hostio`) are reported as unknown rather than "not enabled".
//! - Everything else (features, limits, instrumentation, costs) follows the Nitro sources named
//!   in each module, for the ArbOS version in [`params::StylusParams::arbos_version`].

pub mod activation;
pub mod code;
pub mod fragments;
pub mod hostio;
pub mod meter;
pub mod params;
pub mod pricing;

pub use activation::{Activated, ActivationError, ProgramInfo, activate};
pub use code::{ProgramError, STYLUS_PREFIX, decode_program, init_code, is_stylus_code};
pub use hostio::hostio_signature;
pub use params::StylusParams;
