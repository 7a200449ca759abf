//! The main job's scenario against an in-process devnet: deployed by the tool, then deposit,
//! transfer, allocate, slash, request and claim over JSON-RPC; then the second vault, over an
//! ERC-20 with permits.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

use alloy_primitives::U256;
use restaking_demo as demo;
use restaking_deploy::{
    artifacts,
    chain::{IRestakingVault, view},
    status::status,
};
use stylus_devnet::{Devnet, DevnetConfig};

/// A devnet on a free port. The artifacts must exist: a missing one fails the test (run
/// `cargo xtask build`), never skips it.
async fn start() -> Devnet {
    artifacts::Artifacts::load(&artifacts::default_dir())
        .unwrap_or_else(|error| panic!("{error:#}\n(run `cargo xtask build` first)"));
    Devnet::start(DevnetConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        ..DevnetConfig::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn the_demo_slashes_the_rate_below_one_and_pays_the_claim() {
    let devnet = start().await;
    let url = devnet.url();
    let dir = tempfile::tempdir().unwrap();
    let outcome = demo::run(&url, &artifacts::default_dir(), dir.path())
        .await
        .unwrap_or_else(|error| panic!("{error:#}"));
    let one = U256::from(10u64).pow(U256::from(18u64));
    assert_eq!(outcome.rate_before_slash, one);
    // 3 of 15 ETH slashed: 0.8 per share.
    assert_eq!(outcome.slashed, U256::from(3u64) * one);
    assert!(outcome.rate_after_slash < one);
    assert_eq!(
        outcome.rate_after_slash,
        one * U256::from(8u64) / U256::from(10u64)
    );
    // Bob redeemed his 7 rstETH (5 deposited, 2 from Alice). Computed from the scenario, not
    // read from the chain: 15 ETH deposited for 15 shares, 3 slashed, so 7 shares are worth
    // 7 × (12 ETH + 1) / (15 ETH + 1) with the vault's virtual share and asset, rounded down.
    let (deposited, slashed, bobs) = (
        U256::from(15u64) * one,
        U256::from(3u64) * one,
        U256::from(7u64) * one,
    );
    let expected = bobs * (deposited - slashed + U256::from(1u64)) / (deposited + U256::from(1u64));
    assert_eq!(outcome.claimed, expected);
    assert_eq!(
        outcome.claim_balance_change + outcome.claim_gas_cost,
        outcome.claimed
    );
    let checked = status(&url, &outcome.manifest_path, None).await.unwrap();
    assert!(checked.is_ok(), "{:?}", checked.problems);
    devnet.stop().await.unwrap();
}

/// The demo's second deployment: a staking token with permits, an ERC-20 vault over it with the
/// permit depositor, and Bob's deposit with one signature and one transaction.
#[tokio::test]
async fn the_demo_token_vault_takes_a_permit_deposit_in_one_transaction() {
    let devnet = start().await;
    let url = devnet.url();
    let dir = tempfile::tempdir().unwrap();
    let outcome = demo::run_token_vault(&url, &artifacts::default_dir(), dir.path())
        .await
        .unwrap_or_else(|error| panic!("{error:#}"));
    // A new vault mints 1 share per asset unit: 10 tstETH, 10 shares.
    let ten = U256::from(10u64).pow(U256::from(19u64));
    assert_eq!(outcome.permit_shares, ten);
    let provider = restaking_deploy::chain::connect_readonly(&url).unwrap();
    let vault_assets = view(
        &provider,
        outcome.vault,
        IRestakingVault::totalAssetsCall {},
    )
    .await
    .unwrap();
    assert_eq!(vault_assets, ten);
    let manifest = restaking_deploy::deploy::read_manifest(&outcome.manifest_path).unwrap();
    assert_eq!(manifest.params.asset, outcome.token);
    assert_eq!(
        manifest.contracts["permit-depositor"].address,
        outcome.depositor
    );
    let checked = status(&url, &outcome.manifest_path, None).await.unwrap();
    assert!(checked.is_ok(), "{:?}", checked.problems);
    devnet.stop().await.unwrap();
}
