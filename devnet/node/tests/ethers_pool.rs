//! ethers.js v6 against the transaction pool (`devnet/node/js/ethers-pool.mjs`): ethers'
//! NonceManager sends 50 transfers at once and every one is mined; under interval mining, a
//! speed-up and a cancellation made as MetaMask makes them replace their originals, and
//! ethers reports each original as replaced ("repriced", "cancelled").

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use std::time::Duration;

use common::*;
use serde_json::{Value, json};
use stylus_devnet::{DevnetConfig, accounts};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_sends_through_a_nonce_manager_are_all_mined() {
    let devnet = start().await;
    let url = devnet.url();
    let key = accounts::DEV_KEYS[2].to_string();
    let summary = node_script(
        "ethers-pool.mjs",
        &[url.as_ref(), "concurrent".as_ref()],
        &key,
    )
    .await;
    assert_eq!(summary["sent"], 50, "{summary}");
    assert_eq!(summary["mined"], 50, "{summary}");
    assert_eq!(
        (summary["firstNonce"].clone(), summary["lastNonce"].clone()),
        (json!(0), json!(49))
    );
    assert_eq!(summary["nonceAfter"], 50, "{summary}");
    // 1 + 2 + ... + 50 wei reached the sink.
    assert_eq!(summary["sinkBalance"], "1275", "{summary}");
    let sender = accounts::dev_addresses()[2];
    assert_eq!(
        q(&ok(&url, "eth_getTransactionCount", json!([sender, "latest"])).await),
        50
    );
    devnet.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_metamask_speed_up_and_cancel_replace_their_originals_under_interval_mining() {
    // Blocks every hour unless the script mines (evm_mine is what each tick runs).
    let devnet = start_with(DevnetConfig {
        block_time: Some(Duration::from_secs(3600)),
        ..Default::default()
    })
    .await;
    let url = devnet.url();
    let key = accounts::DEV_KEYS[2].to_string();
    let summary = node_script(
        "ethers-pool.mjs",
        &[url.as_ref(), "speed-up".as_ref()],
        &key,
    )
    .await;
    assert_eq!(summary["speedUp"]["replaced"], true, "{summary}");
    assert_eq!(summary["speedUp"]["reason"], "repriced", "{summary}");
    assert_eq!(summary["speedUp"]["replacementStatus"], 1, "{summary}");
    assert_eq!(summary["cancel"]["reason"], "cancelled", "{summary}");
    assert_eq!(summary["cancel"]["replacementStatus"], 1, "{summary}");
    assert_eq!(summary["sameBlock"], true, "{summary}");
    assert_eq!(
        summary["originalReceipt"],
        Value::Null,
        "the original was never mined"
    );
    assert_eq!(summary["nonceAfter"], 2, "{summary}");
    devnet.stop().await.unwrap();
}
