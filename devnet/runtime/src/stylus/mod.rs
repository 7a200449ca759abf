//! Running Stylus programs: the host functions (`vm_hooks`) and the frame driver.
//!
//! Below the EVM: nested frames go through the [`nested::NestedFrames`] trait, which the EVM
//! implements ([`crate::evm`]).

pub(crate) mod exec;
pub mod host;
pub mod nested;
pub(crate) mod recent;
pub(crate) mod shared;
pub(crate) mod wasm_source;

pub use shared::OpenPages;
