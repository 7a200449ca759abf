//! viem against the devnet's event APIs (`devnet/node/js/viem-events.mjs`): event and block
//! filters over HTTP (eth_newFilter, eth_newBlockFilter, eth_getFilterChanges,
//! eth_getFilterLogs, eth_uninstallFilter) and subscriptions over WebSocket on the same port
//! (eth_subscribe "logs" and "newHeads"), each checked against what the devnet reports.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use common::*;
use serde_json::json;
use stylus_devnet::accounts;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn viem_filters_and_websocket_subscriptions_see_every_event() {
    assert!(
        workspace_root()
            .join("node_modules/viem/package.json")
            .is_file(),
        "node_modules/viem is missing: run `npm ci` (`cargo xtask test` does when a package is \
         missing)"
    );
    let emitter = workspace_root().join("devnet/solidity/out/Emitter.json");
    let devnet = start().await;
    let url = devnet.url();
    let key = accounts::DEV_KEYS[2].to_string();
    let summary = node_script(
        "viem-events.mjs",
        &[url.as_ref(), emitter.as_os_str()],
        &key,
    )
    .await;
    assert_eq!(summary["filterLogs"], 2, "{summary}");
    assert_eq!(summary["filterBlocks"], 2, "{summary}");
    assert_eq!(summary["secondPoll"], 0, "{summary}");
    assert_eq!(summary["filterAllLogs"], 2, "{summary}");
    assert_eq!(summary["uninstalled"], true, "{summary}");
    assert_eq!(summary["wsLogValue"], "3", "{summary}");
    assert_eq!(summary["wsLogTx"], summary["thirdTx"], "{summary}");
    assert_eq!(summary["wsBlockNumber"], summary["thirdBlock"], "{summary}");
    // The third transaction is the devnet's latest block, with the contract's log in it.
    let receipt = ok(
        &url,
        "eth_getTransactionReceipt",
        json!([summary["thirdTx"]]),
    )
    .await;
    assert_eq!(receipt["status"], "0x1");
    assert_eq!(
        receipt["logs"][0]["address"]
            .as_str()
            .unwrap()
            .to_lowercase(),
        summary["contract"].as_str().unwrap().to_lowercase()
    );
    assert_eq!(
        q(&ok(&url, "eth_blockNumber", json!([])).await),
        q(&receipt["blockNumber"])
    );
    devnet.stop().await.unwrap();
}
