//! Block ranges past the head: eth_getLogs and eth_feeHistory answer geth's errors instead of
//! the head block's data (a poller asking for `last + 1` used to see the head's logs again).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_network::TransactionBuilder;
use alloy_primitives::{B256, Bytes, U256};
use alloy_provider::Provider;
use alloy_rpc_types_eth::{Filter, TransactionRequest};
use alloy_sol_types::{SolCall, sol};
use common::*;
use serde_json::json;

sol! {
    function emitTyped(bytes32 tag, uint256 value, bytes data) external;
}

#[tokio::test]
async fn get_logs_past_the_head_is_an_error_not_the_head_block_logs() {
    let devnet = start().await;
    let url = devnet.url();
    let provider = provider(&url, dev(1));
    let emitter = deploy_signed(&provider, solidity("Emitter")).await;
    let emit = emitTypedCall {
        tag: B256::repeat_byte(0xaa),
        value: U256::from(1),
        data: Bytes::new(),
    };
    provider
        .send_transaction(
            TransactionRequest::default()
                .with_to(emitter)
                .with_input(emit.abi_encode()),
        )
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    // Head: block 2, which holds the one log.
    assert_eq!(provider.get_block_number().await.unwrap(), 2);
    let logs = |range: serde_json::Value| json!([range]);

    // The poller's next query: from head + 1. geth: from after to (latest).
    for range in [
        json!({ "fromBlock": "0x3" }),
        json!({ "fromBlock": "0x3", "toBlock": "latest" }),
        json!({ "fromBlock": "0x2", "toBlock": "0x1" }),
    ] {
        let error = err(&url, "eth_getLogs", logs(range.clone())).await;
        assert_eq!(error["code"], -32602, "{range}");
        assert_eq!(error["message"], "invalid block range params", "{range}");
    }
    // A bound past the head.
    for range in [
        json!({ "fromBlock": "0x3", "toBlock": "0x5" }),
        json!({ "fromBlock": "0x0", "toBlock": "0x3" }),
        json!({ "toBlock": "0x9" }),
    ] {
        let error = err(&url, "eth_getLogs", logs(range.clone())).await;
        assert_eq!(error["code"], -32602, "{range}");
        assert_eq!(
            error["message"], "block range extends beyond current head block",
            "{range}"
        );
    }
    // Through a client too.
    assert!(
        provider
            .get_logs(&Filter::new().address(emitter).from_block(3))
            .await
            .is_err()
    );
    // In range: the head block's log once, and nothing from an empty block.
    let found = ok(&url, "eth_getLogs", logs(json!({ "fromBlock": "0x2" }))).await;
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["blockNumber"], "0x2");
    let found = ok(
        &url,
        "eth_getLogs",
        logs(json!({ "fromBlock": "0x1", "toBlock": "0x1" })),
    )
    .await;
    assert_eq!(found, json!([]));
    // The next block comes: from 3 is now valid and sees only what is new.
    ok(&url, "evm_mine", json!([])).await;
    let found = ok(&url, "eth_getLogs", logs(json!({ "fromBlock": "0x3" }))).await;
    assert_eq!(found, json!([]));
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn fee_history_past_the_head_is_an_error() {
    let devnet = start().await;
    let url = devnet.url();
    ok(&url, "evm_mine", json!([])).await;
    ok(&url, "evm_mine", json!([])).await;
    let error = err(&url, "eth_feeHistory", json!(["0x2", "0x9", []])).await;
    assert_eq!(error["code"], -32000);
    assert_eq!(
        error["message"],
        "request beyond head block: requested 9, head 2"
    );
    // Up to the head: fine.
    let history = ok(&url, "eth_feeHistory", json!(["0x2", "0x2", []])).await;
    assert_eq!(history["oldestBlock"], "0x1");
    assert_eq!(history["gasUsedRatio"].as_array().unwrap().len(), 2);
    let history = ok(&url, "eth_feeHistory", json!(["0x5", "latest", []])).await;
    assert_eq!(history["oldestBlock"], "0x0");
    assert_eq!(history["gasUsedRatio"].as_array().unwrap().len(), 3);
    devnet.stop().await.unwrap();
}
