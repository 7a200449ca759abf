//! Shared by the deploy tool's tests: an in-process devnet on a free port, the example
//! config, options for a run.

#![allow(
    dead_code,
    unreachable_pub,
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used
)]

use std::path::{Path, PathBuf};

use alloy_primitives::Address;
use alloy_provider::Provider;
use alloy_rpc_types_eth::Filter;
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::SolEvent;
use restaking_deploy::{
    Config, DeployOptions, TestHooks, artifacts, chain::IStylusDeployer, config::STYLUS_DEPLOYER,
};
use stylus_devnet::{Devnet, DevnetConfig, accounts};

/// A devnet on a free port. The artifacts must exist: a missing one fails the test (run
/// `cargo xtask build`), never skips it.
pub async fn start() -> Devnet {
    artifacts::Artifacts::load(&artifacts::default_dir())
        .unwrap_or_else(|error| panic!("{error:#}\n(run `cargo xtask build` first)"));
    let config = DevnetConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        ..DevnetConfig::default()
    };
    Devnet::start(config).await.unwrap()
}

/// The dev signer at `index` (0 is the nitro-devnode key).
pub fn dev(index: usize) -> PrivateKeySigner {
    accounts::dev_signers()[index].clone()
}

/// deploy/config/devnet.json.
pub fn devnet_config() -> Config {
    Config::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config/devnet.json")).unwrap()
}

/// Options for a run against `devnet` by `signer`, writing the manifest into `dir`.
pub fn options(devnet: &Devnet, signer: PrivateKeySigner, dir: &Path) -> DeployOptions {
    DeployOptions {
        rpc_url: devnet.url(),
        config: devnet_config(),
        preset: Some(restaking_deploy::Preset::Devnet),
        signer,
        artifacts_dir: artifacts::default_dir(),
        manifest_path: Some(dir.join("412346.json")),
        dry_run: false,
        hooks: TestHooks::default(),
    }
}

/// Every program the StylusDeployer has deployed on this chain, in order.
pub async fn deployed_by_stylus_deployer(url: &str) -> Vec<Address> {
    let provider = restaking_deploy::chain::connect_readonly(url).unwrap();
    let filter = Filter::new()
        .address(STYLUS_DEPLOYER)
        .event_signature(IStylusDeployer::ContractDeployed::SIGNATURE_HASH)
        .from_block(0);
    provider
        .get_logs(&filter)
        .await
        .unwrap()
        .iter()
        .map(|log| {
            IStylusDeployer::ContractDeployed::decode_log_data(log.data())
                .unwrap()
                .deployedContract
        })
        .collect()
}

/// The latest block number.
pub async fn block_number(url: &str) -> u64 {
    restaking_deploy::chain::connect_readonly(url)
        .unwrap()
        .get_block_number()
        .await
        .unwrap()
}

/// A fresh random key.
pub fn random_signer() -> PrivateKeySigner {
    PrivateKeySigner::random()
}
