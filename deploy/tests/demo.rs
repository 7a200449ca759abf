//! The main job's scenario against an in-process devnet: deployed by the tool, then deposit,
//! transfer, allocate, slash, request and claim over JSON-RPC.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_primitives::U256;
use restaking_deploy::{artifacts, demo, status::status};

#[tokio::test]
async fn the_demo_slashes_the_rate_below_one_and_pays_the_claim() {
    let devnet = common::start().await;
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
    // Bob redeemed his 7 rstETH at 0.8 (rounded down, in the vault's favour).
    let seven_at_rate = U256::from(7u64) * outcome.rate_after_slash;
    assert!(outcome.claimed > U256::ZERO);
    assert!(
        outcome.claimed <= seven_at_rate && seven_at_rate - outcome.claimed < U256::from(10u64)
    );
    assert_eq!(
        outcome.claim_balance_change + outcome.claim_gas_cost,
        outcome.claimed
    );
    let checked = status(&url, &outcome.manifest_path, None).await.unwrap();
    assert!(checked.is_ok(), "{:?}", checked.problems);
    devnet.stop().await.unwrap();
}
