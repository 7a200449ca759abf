//! A devnet speaking Ethereum JSON-RPC over HTTP, on the Stylus runtime: what nitro-devnode
//! gives (chain id 412346, port 8547, its dev key funded), in one process.
//!
//! Layers, bottom up:
//! - [`pool`]: transactions waiting for a block or for a nonce gap to fill, and replacements;
//! - [`node`]: blocks, mining, receipts, logs, snapshots and state files, over
//!   `stylus_runtime::Chain`;
//! - [`rpc`]: JSON-RPC requests and batches, method dispatch, parameters and JSON shapes;
//!   beside it, [`filters`] (polled filters), [`signing`] (eth_sign and typed data),
//!   [`access_list`] (eth_createAccessList) and [`test_methods`] (anvil/hardhat);
//! - [`server`]: HTTP with CORS, WebSocket on the same port ([`ws`]: every method plus
//!   `eth_subscribe`), and [`Devnet`], a running server with its miner and its
//!   state-file writer.

// Arithmetic here is on gas, block numbers, indexes and byte counts, bounded far below their
// types' ranges (gas limits, the number of blocks and logs a devnet holds); balances go through
// the runtime. The workspace's arithmetic lint is aimed at the contracts' money maths.
#![allow(clippy::arithmetic_side_effects)]

pub mod access_list;
pub mod accounts;
pub mod error;
pub mod filters;
pub mod node;
pub mod node_interface;
pub mod pool;
pub mod rpc;
pub mod server;
pub mod signing;
pub mod site;
pub mod test_methods;
pub mod trace;
pub mod ws;

pub use error::RpcError;
pub use node::{DEFAULT_BASE_FEE, DEFAULT_STATE_HISTORY, Node, NodeConfig, StateAt};
pub use server::{Devnet, DevnetConfig, DevnetError};
