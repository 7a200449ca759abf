//! `keepalive` and the activation part of `status` against an in-process devnet: a fresh
//! deployment is not due; with a margin beyond its whole lifetime it is due but too recent for
//! ArbWasm (reported as such, nothing sent); 340 days later `status` says it expires in 25 days,
//! a dry run names each fee and sends nothing, and the keepalive renews every program for its
//! data fee, after which the programs still answer and a rerun has nothing to do.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_primitives::U256;
use alloy_provider::Provider;
use common::*;
use restaking_deploy::{
    chain::{IRestakingVault, connect_readonly, view},
    deploy::deploy,
    keepalive::{DEFAULT_MARGIN_DAYS, KeepaliveOptions, KeepaliveOutcome, keepalive},
    status::status,
};

const DAY: u64 = 86_400;
const LIFETIME: u64 = 365 * DAY;

#[tokio::test]
async fn keepalive_renews_what_expires_within_the_margin_and_reports_what_is_too_recent() {
    let devnet = start().await;
    let url = devnet.url();
    let dir = tempfile::tempdir().unwrap();
    let report = deploy(options(&devnet, dev(0), dir.path())).await.unwrap();
    let manifest_path = report.manifest_path.clone();
    let run = |margin_days, dry_run| KeepaliveOptions {
        rpc_url: url.clone(),
        manifest_path: manifest_path.clone(),
        signer: dev(0),
        margin_days,
        dry_run,
    };

    let fresh = keepalive(run(DEFAULT_MARGIN_DAYS, false)).await.unwrap();
    assert_eq!(fresh.len(), 4);
    for program in &fresh {
        assert!(
            matches!(program.outcome, KeepaliveOutcome::NotDue { time_left } if time_left > LIFETIME - DAY),
            "{program:?}"
        );
    }

    let before = block_number(&url).await;
    let too_soon = keepalive(run(400, false)).await.unwrap();
    for program in &too_soon {
        assert!(
            matches!(program.outcome, KeepaliveOutcome::TooSoon { age, .. } if age < DAY),
            "{program:?}"
        );
    }
    assert_eq!(block_number(&url).await, before, "nothing sent");

    let provider = connect_readonly(&url).unwrap();
    provider
        .raw_request::<_, serde_json::Value>("evm_increaseTime".into(), (340 * DAY,))
        .await
        .unwrap();
    provider
        .raw_request::<_, serde_json::Value>("evm_mine".into(), ())
        .await
        .unwrap();
    let checked = status(&url, &manifest_path, None).await.unwrap();
    assert!(checked.is_ok(), "{:?}", checked.problems);
    assert_eq!(checked.programs.len(), 4);
    for program in &checked.programs {
        assert!(
            program.time_left <= 25 * DAY && program.time_left > 24 * DAY,
            "{program:?}"
        );
        assert!(!program.cached);
        assert_eq!(program.version, 2);
    }
    assert_eq!(
        checked
            .notes
            .iter()
            .filter(|note| note.contains("run `restaking-deploy keepalive`"))
            .count(),
        4
    );

    let before = block_number(&url).await;
    let dry = keepalive(run(DEFAULT_MARGIN_DAYS, true)).await.unwrap();
    let mut fees = Vec::new();
    for program in &dry {
        match program.outcome {
            KeepaliveOutcome::WouldRenew { data_fee, .. } => fees.push(data_fee),
            ref other => panic!("{}: {other:?}", program.name),
        }
    }
    assert!(fees.iter().all(|fee| *fee > U256::ZERO));
    assert_eq!(block_number(&url).await, before, "a dry run sends nothing");

    let renewed = keepalive(run(DEFAULT_MARGIN_DAYS, false)).await.unwrap();
    for program in &renewed {
        assert!(
            matches!(program.outcome, KeepaliveOutcome::Renewed { time_left, data_fee, .. }
                if time_left > LIFETIME - DAY && data_fee > U256::ZERO),
            "{program:?}"
        );
    }
    let checked = status(&url, &manifest_path, None).await.unwrap();
    assert!(checked.is_ok(), "{:?}", checked.problems);
    assert!(
        checked
            .programs
            .iter()
            .all(|p| p.time_left > LIFETIME - DAY)
    );
    assert!(checked.notes.is_empty(), "{:?}", checked.notes);
    // The programs still answer, and are not due any more.
    let vault = report.manifest.contracts["restaking-vault"].address;
    let rate = view(&provider, vault, IRestakingVault::getRateCall {})
        .await
        .unwrap();
    assert_eq!(rate, U256::from(10u64).pow(U256::from(18u64)));
    let again = keepalive(run(DEFAULT_MARGIN_DAYS, false)).await.unwrap();
    assert!(
        again
            .iter()
            .all(|p| matches!(p.outcome, KeepaliveOutcome::NotDue { .. }))
    );
    devnet.stop().await.unwrap();
}
