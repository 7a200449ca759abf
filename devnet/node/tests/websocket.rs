//! JSON-RPC over WebSocket on the HTTP port, driven by a real WebSocket client
//! (tokio-tungstenite): methods, batches, eth_subscribe newHeads and logs, eth_unsubscribe.

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
use alloy_rpc_types_eth::TransactionRequest;
use alloy_sol_types::{SolCall, sol};
use common::*;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async, tungstenite::Message};

sol! {
    function emitTyped(bytes32 tag, uint256 value, bytes data) external;
}

type Socket = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

/// The next JSON message (30 s at most).
async fn next(socket: &mut Socket) -> Value {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(30), socket.next())
            .await
            .expect("no message in 30 s")
            .unwrap()
            .unwrap();
        if let Message::Text(text) = message {
            return serde_json::from_str(&text).unwrap();
        }
    }
}

async fn request(socket: &mut Socket, id: u64, method: &str, params: Value) -> Value {
    let body = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
    socket.send(Message::text(body.to_string())).await.unwrap();
    // Notifications may come first; the answer carries the id.
    loop {
        let message = next(socket).await;
        if message["id"] == id {
            return message;
        }
    }
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
async fn subscriptions_over_websocket_on_the_http_port() {
    let devnet = start().await;
    let url = devnet.url();
    let provider = provider(&url, dev(1));
    let emitter = deploy_signed(&provider, solidity("Emitter")).await;
    let (mut socket, _) = connect_async(format!("ws://{}", devnet.addr()))
        .await
        .unwrap();

    // Any method, and batches.
    assert_eq!(
        request(&mut socket, 1, "eth_chainId", json!([])).await["result"],
        "0x64aba"
    );
    let batch = json!([
        { "jsonrpc": "2.0", "id": 2, "method": "eth_blockNumber", "params": [] },
        { "jsonrpc": "2.0", "id": 3, "method": "nope", "params": [] },
    ]);
    socket.send(Message::text(batch.to_string())).await.unwrap();
    let answer = next(&mut socket).await;
    assert_eq!(answer[0]["result"], "0x1");
    assert_eq!(answer[1]["error"]["code"], -32601);

    // Subscriptions.
    let heads =
        request(&mut socket, 4, "eth_subscribe", json!(["newHeads"])).await["result"].clone();
    let logs = request(
        &mut socket,
        5,
        "eth_subscribe",
        json!(["logs", { "address": emitter }]),
    )
    .await["result"]
        .clone();
    assert!(heads.is_string() && logs.is_string() && heads != logs);
    let error = request(&mut socket, 6, "eth_subscribe", json!(["bogus"])).await;
    assert_eq!(error["error"]["code"], -32601);
    assert_eq!(
        error["error"]["message"],
        "no \"bogus\" subscription in eth namespace"
    );

    let receipt = provider
        .send_transaction(emit(emitter, 1))
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    let head = next(&mut socket).await;
    assert_eq!(head["method"], "eth_subscription");
    assert_eq!(head["params"]["subscription"], heads);
    assert_eq!(head["params"]["result"]["number"], "0x2");
    assert_eq!(
        head["params"]["result"]["hash"],
        json!(receipt.block_hash.unwrap())
    );
    let log = next(&mut socket).await;
    assert_eq!(log["params"]["subscription"], logs);
    assert_eq!(
        log["params"]["result"]["transactionHash"],
        json!(receipt.transaction_hash)
    );
    assert_eq!(log["params"]["result"]["address"], json!(emitter));

    // Unsubscribed from heads: the next blocks bring only the log.
    assert_eq!(
        request(&mut socket, 7, "eth_unsubscribe", json!([heads])).await["result"],
        true
    );
    assert_eq!(
        request(&mut socket, 8, "eth_unsubscribe", json!([heads])).await["result"],
        false
    );
    ok(&url, "evm_mine", json!([])).await;
    let second = provider
        .send_transaction(emit(emitter, 2))
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    // Notifications come in block order: the log of block 4 comes after anything of block 3.
    let log = next(&mut socket).await;
    assert_eq!(log["params"]["subscription"], logs, "{log}");
    assert_eq!(
        log["params"]["result"]["transactionHash"],
        json!(second.transaction_hash)
    );

    // Over HTTP, subscriptions are geth's "notifications not supported".
    let error = err(&url, "eth_subscribe", json!(["newHeads"])).await;
    assert_eq!(error["code"], -32001);
    socket.close(None).await.unwrap();
    devnet.stop().await.unwrap();
}
