//! The project's build pipeline, run as `cargo xtask <command>`.
//!
//! - [`build`]: compiles every contract to wasm, post-processes it the way `cargo stylus`
//!   does before deployment ([`wasm`]), checks it against what Nitro accepts, and writes the
//!   deployable artifacts;
//! - [`abi`]: exports each contract's Solidity interface and its JSON ABI (through solcjs);
//! - [`solidity`]: compiles the Solidity contracts under `devnet/solidity/` (the Stylus
//!   deployer placed at the devnet's genesis, and the runtime's test contracts), under
//!   `deploy/solidity/` (the periphery the deploy tool deploys, the demo's token) and under
//!   `tests/solidity/` (the flow tests' assets) through solcjs;
//! - [`suite`]: the project's whole test suite (`cargo xtask test`).
//!
//! [`workspace`] finds the contract crates; [`command`] runs cargo and other tools.

// A development tool, not money maths: byte counts and percentages cannot overflow in any
// way that matters here, and checked arithmetic would only add noise.
#![allow(clippy::arithmetic_side_effects)]

pub mod abi;
pub mod app;
pub mod build;
pub mod command;
pub mod generated;
pub mod layout;
pub mod npm;
pub mod solidity;
pub mod suite;
pub mod wasm;
pub mod workspace;
