//! Stylus programs, host-free: what Arbitrum Nitro does to a Stylus program before and while
//! it runs, reproduced from Nitro's sources so that a devnet runtime can run programs the way
//! Arbitrum does.
//!
//! - [`code`]: the deployed code format (`EF F0 00`, dictionary byte, brotli) and the init code
//!   that deploys it;
//! - [`params`]: Nitro's Stylus parameters and their defaults;
//! - [`hostio`]: the host functions a program may import, with their signatures;
//! - [`activation`]: Nitro's activation checks, the instrumented module and the recorded costs;
//! - [`meter`]: ink metering, stack-depth and memory-growth instrumentation;
//! - [`pricing`]: gas and ink, host function costs, memory pages, init gas, the data fee.

pub mod activation;
pub mod code;
pub mod hostio;
pub mod meter;
pub mod params;
pub mod pricing;

pub use activation::{Activated, ActivationError, ProgramInfo, activate};
pub use code::{ProgramError, STYLUS_PREFIX, decode_program, init_code, is_stylus_code};
pub use hostio::hostio_signature;
pub use params::StylusParams;
