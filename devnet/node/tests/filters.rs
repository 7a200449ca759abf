//! Polled filters through an alloy provider (its filter API and its pollers, which viem's
//! event filters resemble): changes since the last poll, filter logs, uninstall, errors.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use std::time::Duration;

use alloy_network::TransactionBuilder;
use alloy_primitives::{Address, B256, Bytes, U256};
use alloy_provider::Provider;
use alloy_rpc_types_eth::{Filter, Log, TransactionRequest};
use alloy_sol_types::{SolCall, SolEvent, sol};
use common::*;
use futures_util::StreamExt;
use serde_json::json;

sol! {
    event Emitted(address indexed sender, bytes32 indexed tag, uint256 value, bytes data);
    function emitTyped(bytes32 tag, uint256 value, bytes data) external;
}

fn emit(emitter: Address, tag: u8) -> TransactionRequest {
    TransactionRequest::default().with_to(emitter).with_input(
        emitTypedCall {
            tag: B256::repeat_byte(tag),
            value: U256::from(tag),
            data: Bytes::new(),
        }
        .abi_encode(),
    )
}

#[tokio::test]
async fn block_and_log_filters_report_what_is_new_since_the_last_poll() {
    let devnet = start().await;
    let url = devnet.url();
    let (alice, bob) = (dev(1), dev(2));
    let provider_a = provider(&url, alice.clone());
    let provider_b = provider(&url, bob.clone());
    let emitter = deploy_signed(&provider_a, solidity("Emitter")).await;

    let blocks = provider_a.new_block_filter().await.unwrap();
    let all = provider_a
        .new_filter(&Filter::new().address(emitter).from_block(0))
        .await
        .unwrap();
    let alices = provider_a
        .new_filter(
            &Filter::new()
                .address(emitter)
                .event_signature(Emitted::SIGNATURE_HASH)
                .topic1(alice.address().into_word()),
        )
        .await
        .unwrap();
    assert_ne!(blocks, all);
    // Nothing new yet.
    assert!(
        provider_a
            .get_filter_changes::<B256>(blocks)
            .await
            .unwrap()
            .is_empty()
    );

    let first = provider_a
        .send_transaction(emit(emitter, 1))
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    provider_b
        .send_transaction(emit(emitter, 2))
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    let hashes = provider_a.get_filter_changes::<B256>(blocks).await.unwrap();
    assert_eq!(hashes.len(), 2);
    assert_eq!(Some(hashes[0]), first.block_hash);
    let logs = provider_a.get_filter_changes::<Log>(all).await.unwrap();
    assert_eq!(logs.len(), 2);
    assert_eq!(logs[0].transaction_hash, Some(first.transaction_hash));
    let by_alice = provider_a.get_filter_changes::<Log>(alices).await.unwrap();
    assert_eq!(by_alice.len(), 1);
    assert_eq!(
        Emitted::decode_log(&by_alice[0].inner).unwrap().sender,
        alice.address()
    );
    // Polled again: nothing new.
    assert!(
        provider_a
            .get_filter_changes::<Log>(all)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        provider_a
            .get_filter_changes::<B256>(blocks)
            .await
            .unwrap()
            .is_empty()
    );

    // One more event: only it is new; the filter's logs are all of them (from block 0).
    provider_a
        .send_transaction(emit(emitter, 3))
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert_eq!(
        provider_a
            .get_filter_changes::<Log>(all)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(provider_a.get_filter_logs(all).await.unwrap().len(), 3);
    assert_eq!(
        provider_a
            .get_filter_changes::<B256>(blocks)
            .await
            .unwrap()
            .len(),
        1
    );

    // Uninstalled: true once, then false, and the id is unknown.
    assert!(provider_a.uninstall_filter(all).await.unwrap());
    assert!(!provider_a.uninstall_filter(all).await.unwrap());
    let error = err(&url, "eth_getFilterChanges", json!([all])).await;
    assert_eq!(error["code"], -32000);
    assert_eq!(error["message"], "filter not found");
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn alloy_pollers_stream_new_blocks_and_logs() {
    let devnet = start().await;
    let url = devnet.url();
    let provider = provider(&url, dev(1));
    let emitter = deploy_signed(&provider, solidity("Emitter")).await;
    let mut blocks = provider
        .watch_blocks()
        .await
        .unwrap()
        .with_poll_interval(Duration::from_millis(50))
        .into_stream()
        .flat_map(futures_util::stream::iter);
    let mut logs = provider
        .watch_logs(&Filter::new().address(emitter))
        .await
        .unwrap()
        .with_poll_interval(Duration::from_millis(50))
        .into_stream()
        .flat_map(futures_util::stream::iter);
    let receipt = provider
        .send_transaction(emit(emitter, 7))
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    let timeout = Duration::from_secs(30);
    let block = tokio::time::timeout(timeout, blocks.next())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(Some(block), receipt.block_hash);
    let log = tokio::time::timeout(timeout, logs.next())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(log.transaction_hash, Some(receipt.transaction_hash));
    assert_eq!(log.address(), emitter);
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn filter_errors_and_the_pending_transaction_filter() {
    let devnet = start().await;
    let url = devnet.url();
    // Unknown and malformed ids.
    for method in [
        "eth_getFilterChanges",
        "eth_getFilterLogs",
        "eth_uninstallFilter",
    ] {
        let answer = rpc(&url, method, json!(["0xdead"])).await;
        if method == "eth_uninstallFilter" {
            assert_eq!(answer["result"], false);
        } else {
            assert_eq!(answer["error"]["message"], "filter not found", "{method}");
        }
        let error = err(&url, method, json!(["not a filter id"])).await;
        assert_eq!(error["code"], -32602, "{method}");
        let error = err(&url, method, json!([])).await;
        assert_eq!(error["code"], -32602, "{method}");
    }
    // A block filter has no logs (geth: filter not found).
    let blocks = ok(&url, "eth_newBlockFilter", json!([])).await;
    let error = err(&url, "eth_getFilterLogs", json!([blocks])).await;
    assert_eq!(error["message"], "filter not found");
    // Bad criteria.
    let error = err(
        &url,
        "eth_newFilter",
        json!([{ "fromBlock": "0x5", "toBlock": "0x1" }]),
    )
    .await;
    assert_eq!(error["code"], -32602);
    let error = err(&url, "eth_newFilter", json!([{ "address": "0x12" }])).await;
    assert_eq!(error["code"], -32602);

    // Pending transactions: a transaction held behind a nonce gap enters the pool.
    let pending = ok(&url, "eth_newPendingTransactionFilter", json!([])).await;
    let from = dev(1).address();
    let held = ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": Address::ZERO, "nonce": "0x3" }]),
    )
    .await;
    assert_eq!(
        ok(&url, "eth_getFilterChanges", json!([pending])).await,
        json!([held])
    );
    assert_eq!(
        ok(&url, "eth_getFilterChanges", json!([pending])).await,
        json!([])
    );
    devnet.stop().await.unwrap();
}
