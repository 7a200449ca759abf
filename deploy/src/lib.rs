//! `restaking-deploy`: deploys the restaking protocol's Stylus programs the Arbitrum way
//! (through the StylusDeployer, with constructor arguments and the data fee estimated as
//! stylus-tools does) and its Solidity periphery ([`periphery`]), wires the roles, records everything in `deployments/<chain-id>.json`
//! after every step, resumes an interrupted deployment without redeploying anything, checks a
//! deployment against the chain (`status`), and keeps its programs activated (`keepalive`).
//! It speaks JSON-RPC to any chain and does not link the embedded devnet: the main job, which
//! starts one, is its own package (`demo/`, `restaking-demo`).
//!
//! The binary (`src/main.rs`) is a thin command line over [`deploy::deploy`],
//! [`status::status`] and [`keepalive::keepalive`].

// Arithmetic here is on gas, fees in wei bounded by balances, counts and timestamps, far
// below their types' ranges; the workspace's arithmetic lint targets the contracts' money
// maths.
#![allow(clippy::arithmetic_side_effects)]

pub mod artifacts;
pub mod chain;
pub mod config;
pub mod deploy;
pub mod keepalive;
pub mod keys;
pub mod manifest;
pub mod periphery;
pub mod status;

use alloy_primitives::{Address, U256};

pub use config::{Config, Params, Preset};
pub use deploy::{DeployOptions, DeployReport, TestHooks};
pub use manifest::Manifest;

/// The failures a caller may want to tell apart (the rest are `anyhow` errors with context).
#[derive(Debug, thiserror::Error)]
pub enum DeployError {
    /// The RPC endpoint is on another chain than the preset or config says.
    #[error(
        "wrong chain: the RPC endpoint reports chain id {actual}, but {source_name} expects {expected}; check --rpc-url and --preset/chain_id"
    )]
    WrongChainId {
        /// What the preset or config expects.
        expected: u64,
        /// What the endpoint reports.
        actual: u64,
        /// Which setting expected it (e.g. `preset arbitrum-sepolia`).
        source_name: String,
    },
    /// The sending account cannot pay for what is left to do.
    #[error(
        "insufficient funds: {account} holds {}, but {} is needed (gas at the current fee plus data fees); fund it and rerun",
        chain::eth(*balance),
        chain::eth(*needed)
    )]
    InsufficientFunds {
        /// The sender.
        account: Address,
        /// What it holds.
        balance: U256,
        /// What the remaining steps need.
        needed: U256,
    },
}
