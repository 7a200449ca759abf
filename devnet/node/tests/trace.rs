//! debug_traceTransaction, debug_traceCall and debug_traceBlockBy* with geth's callTracer: a
//! mined transaction is traced as it ran (after the ones before it in its block), the
//! outermost frame carries the receipt's gas, and what is not served says so.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_primitives::{B256, Bytes, U256};
use alloy_sol_types::{SolCall, sol};
use common::*;
use serde_json::{Value, json};

sol! {
    function count() external view returns (uint256);
    function increment() external returns (uint256);
    function forward(address target, bytes data) external payable returns (bytes);
}

fn call_tracer() -> Value {
    json!({ "tracer": "callTracer" })
}

#[tokio::test]
async fn a_mined_transaction_is_traced_after_the_ones_before_it_in_its_block() {
    let devnet = start().await;
    let url = devnet.url();
    let from = dev(1).address();
    let counter = deploy(&url, from, &solidity("Counter")).await;
    let caller = deploy(&url, from, &solidity("Caller")).await;
    let increment = Bytes::from(incrementCall {}.abi_encode());
    let through_caller = Bytes::from(
        forwardCall {
            target: counter,
            data: increment.clone(),
        }
        .abi_encode(),
    );

    // Two transactions in one block: a direct increment, then one through the Caller.
    ok(&url, "evm_setAutomine", json!([false])).await;
    let first = ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": counter, "data": increment }]),
    )
    .await;
    let second = ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": caller, "data": through_caller }]),
    )
    .await;
    ok(&url, "evm_mine", json!([])).await;
    // A later block changes the counter again: the trace must not see it.
    ok(&url, "evm_setAutomine", json!([true])).await;
    ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": counter, "data": increment }]),
    )
    .await;

    let receipt = ok(&url, "eth_getTransactionReceipt", json!([second])).await;
    let tx = ok(&url, "eth_getTransactionByHash", json!([second])).await;
    let trace = ok(
        &url,
        "debug_traceTransaction",
        json!([second, call_tracer()]),
    )
    .await;
    assert_eq!(trace["type"], "CALL");
    assert_eq!(trace["from"], json!(from));
    assert_eq!(trace["to"], json!(caller));
    assert_eq!(
        trace["gas"], tx["gas"],
        "the outermost frame has the transaction's gas"
    );
    assert_eq!(trace["gasUsed"], receipt["gasUsed"]);
    assert_eq!(trace["input"], json!(through_caller));
    let inner = &trace["calls"][0];
    assert_eq!(inner["type"], "CALL");
    assert_eq!(inner["from"], json!(caller));
    assert_eq!(inner["to"], json!(counter));
    // The first transaction of the block ran before it: the count went from 1 to 2.
    assert_eq!(inner["output"], json!(B256::from(U256::from(2))), "{trace}");
    assert!(trace.get("error").is_none(), "{trace}");

    // onlyTopCall leaves the inner frames out.
    let top = ok(
        &url,
        "debug_traceTransaction",
        json!([second, { "tracer": "callTracer", "tracerConfig": { "onlyTopCall": true } }]),
    )
    .await;
    assert!(top.get("calls").is_none(), "{top}");
    assert_eq!(top["gasUsed"], trace["gasUsed"]);

    // The whole block: both, in order, with their hashes.
    let block = q(&receipt["blockNumber"]);
    let traces = ok(
        &url,
        "debug_traceBlockByNumber",
        json!([format!("{block:#x}"), call_tracer()]),
    )
    .await;
    let traces = traces.as_array().unwrap();
    assert_eq!(traces.len(), 2);
    assert_eq!(traces[0]["txHash"], first);
    assert_eq!(traces[1]["txHash"], second);
    assert_eq!(traces[1]["result"], trace);
    let by_hash = ok(
        &url,
        "debug_traceBlockByHash",
        json!([receipt["blockHash"], call_tracer()]),
    )
    .await;
    assert_eq!(by_hash.as_array().unwrap().len(), 2);
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn a_call_is_traced_at_the_block_it_names() {
    let devnet = start().await;
    let url = devnet.url();
    let from = dev(1).address();
    let counter = deploy(&url, from, &solidity("Counter")).await;
    let deployed_in = q(&ok(&url, "eth_blockNumber", json!([])).await);
    let increment = Bytes::from(incrementCall {}.abi_encode());
    ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": counter, "data": increment }]),
    )
    .await;
    let call = json!({ "from": from, "to": counter, "data": increment });
    let now = ok(
        &url,
        "debug_traceCall",
        json!([call, "latest", call_tracer()]),
    )
    .await;
    assert_eq!(now["output"], json!(B256::from(U256::from(2))));
    let then = ok(
        &url,
        "debug_traceCall",
        json!([call, format!("{deployed_in:#x}"), call_tracer()]),
    )
    .await;
    assert_eq!(then["output"], json!(B256::from(U256::from(1))));
    // A reverting call: geth's error and no output beyond the revert data.
    let bad = json!({ "from": from, "to": counter, "data": "0xdeadbeef" });
    let failed = ok(
        &url,
        "debug_traceCall",
        json!([bad, "latest", call_tracer()]),
    )
    .await;
    assert_eq!(failed["error"], "execution reverted", "{failed}");
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn what_is_not_served_is_refused_by_name() {
    let devnet = start().await;
    let url = devnet.url();
    let from = dev(1).address();
    let hash = ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": from, "value": "0x1" }]),
    )
    .await;
    let error = err(&url, "debug_traceTransaction", json!([hash])).await;
    assert!(
        error["message"].as_str().unwrap().contains("callTracer"),
        "{error}"
    );
    let error = err(
        &url,
        "debug_traceTransaction",
        json!([hash, { "tracer": "prestateTracer" }]),
    )
    .await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("prestateTracer"),
        "{error}"
    );
    let error = err(
        &url,
        "debug_traceTransaction",
        json!([B256::repeat_byte(7), call_tracer()]),
    )
    .await;
    assert!(
        error["message"].as_str().unwrap().contains("not found"),
        "{error}"
    );
    // A plain transfer is one frame with its value.
    let trace = ok(&url, "debug_traceTransaction", json!([hash, call_tracer()])).await;
    assert_eq!(trace["value"], "0x1");
    assert_eq!(trace["gasUsed"], "0x5208");
    assert!(trace.get("calls").is_none());
    devnet.stop().await.unwrap();
}
