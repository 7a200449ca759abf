//! A Stylus + EVM runtime: the deployed WASM next to Solidity, in one state, as an Arbitrum
//! chain runs them.
//!
//! - EVM bytecode runs on [revm](https://docs.rs/revm) under Cancun rules, except that code
//!   starting with the Stylus prefix `0xEFF000` may be deployed (and from ArbOS 60 the roots
//!   `0xEFF002` and fragments `0xEFF001` of fragmented programs).
//! - Stylus programs are deployed as on Arbitrum (`CREATE`/`CREATE2` returning
//!   `0xEFF000 ++ dictionary ++ brotli(wasm)`), activated through the ArbWasm precompile at
//!   `0x…71`, and run on the [wasmi](https://docs.rs/wasmi) interpreter with every `vm_hooks`
//!   host function stylus-sdk 0.10 imports. Calls go both ways, nested, with reverts.
//! - [`Chain`] is the entry point for tests and tools: transactions, views, time, snapshots.
//!
//! How a Stylus frame is run: revm asks its precompile provider for every call; ours
//! ([`precompiles::ArbPrecompiles`]) answers for Ethereum's precompiles, Arbitrum's (ArbWasm,
//! ArbWasmCache, ArbSys, ArbOwnerPublic, ArbGasInfo) and for any account whose code is a Stylus program. A program's
//! nested calls run a nested revm execution loop on the same journal, so a revert anywhere
//! unwinds exactly what it should.

// Arithmetic here is on gas, ink, byte offsets and page counts, each bounded far below its
// type's range by the limits it comes from (gas limits, WASM memory, calldata); the workspace's
// arithmetic lint is aimed at the contracts' money maths, which this crate has none of.
#![allow(clippy::arithmetic_side_effects)]

pub mod addresses;
pub mod arb_gas_info;
pub mod arb_owner_public;
pub mod arb_sys;
pub mod arb_wasm;
mod chain;
pub mod context;
pub mod deploy;
pub mod evm;
pub mod genesis;
pub mod history;
pub mod precompiles;
pub mod programs;
pub mod stylus;
mod sync;
pub mod trace;

pub use chain::{
    CallResult, Chain, ChainError, DEFAULT_CHAIN_ID, DEFAULT_TX_GAS, GENESIS_TIMESTAMP, Receipt,
    SnapshotId, Status, Touched, Tx,
};
pub use context::DevContext;
pub use evm::DevEvm;
