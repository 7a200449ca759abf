//! The transaction pool over JSON-RPC: nonce gaps held until they fill, replacements priced as
//! geth's, concurrent senders, in instant and interval mining.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use std::time::{Duration, Instant};

use alloy_consensus::{SignableTransaction, TxEip1559, TxEnvelope, TxLegacy, TypedTransaction};
use alloy_eips::eip2718::Encodable2718;
use alloy_network::{EthereumWallet, TransactionBuilder};
use alloy_primitives::{Address, Bytes, TxKind, U256, address};
use alloy_provider::{Provider, ProviderBuilder};
use alloy_rpc_types_eth::TransactionRequest;
use alloy_signer::SignerSync;
use alloy_signer_local::PrivateKeySigner;
use common::*;
use serde_json::{Value, json};
use stylus_devnet::DevnetConfig;

const BASE_FEE: u128 = 100_000_000;
const CHAIN_ID: u64 = 412_346;

/// Signs `tx` with `signer`; the raw bytes for eth_sendRawTransaction.
fn sign(signer: &PrivateKeySigner, tx: TypedTransaction) -> Bytes {
    let signature = signer.sign_hash_sync(&tx.signature_hash()).unwrap();
    let envelope: TxEnvelope = tx.into_envelope(signature);
    envelope.encoded_2718().into()
}

/// A signed EIP-1559 transfer of `value` wei to `to`.
fn transfer(
    signer: &PrivateKeySigner,
    nonce: u64,
    to: Address,
    value: u64,
    fees: (u128, u128),
) -> Bytes {
    sign(
        signer,
        TxEip1559 {
            chain_id: CHAIN_ID,
            nonce,
            gas_limit: 21_000,
            max_fee_per_gas: fees.0,
            max_priority_fee_per_gas: fees.1,
            to: TxKind::Call(to),
            value: U256::from(value),
            access_list: Default::default(),
            input: Bytes::new(),
        }
        .into(),
    )
}

/// A signed legacy transfer at `gas_price`.
fn legacy(signer: &PrivateKeySigner, nonce: u64, to: Address, gas_price: u128) -> Bytes {
    sign(
        signer,
        TxLegacy {
            chain_id: Some(CHAIN_ID),
            nonce,
            gas_price,
            gas_limit: 21_000,
            to: TxKind::Call(to),
            value: U256::from(1),
            input: Bytes::new(),
        }
        .into(),
    )
}

/// Polls until `hash` has a receipt (60 s at most); the receipt.
async fn wait_receipt(url: &str, hash: &Value) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let receipt = ok(url, "eth_getTransactionReceipt", json!([hash])).await;
        if !receipt.is_null() {
            return receipt;
        }
        assert!(Instant::now() < deadline, "{hash} not mined in 60 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn transactions_ahead_of_the_nonce_wait_and_mine_in_order_once_the_gap_fills() {
    let devnet = start().await;
    let url = devnet.url();
    let signer = dev(1);
    let to = address!("00000000000000000000000000000000000a0001");
    let fees = (BASE_FEE * 2, 0);
    let mut hashes = vec![Value::Null; 6];
    // Nonces 5, 2, 4, 1, 3 first: all held, nothing mined, the pending nonce stays 0.
    for nonce in [5u64, 2, 4, 1, 3] {
        let raw = transfer(&signer, nonce, to, nonce + 1, fees);
        hashes[nonce as usize] = ok(&url, "eth_sendRawTransaction", json!([raw])).await;
        assert_eq!(ok(&url, "eth_blockNumber", json!([])).await, "0x0");
    }
    assert_eq!(
        ok(
            &url,
            "eth_getTransactionCount",
            json!([signer.address(), "pending"])
        )
        .await,
        "0x0"
    );
    let held = ok(&url, "eth_getTransactionByHash", json!([hashes[3]])).await;
    assert_eq!(held["nonce"], "0x3");
    assert_eq!(held["blockNumber"], Value::Null);
    assert_eq!(
        ok(&url, "eth_getTransactionReceipt", json!([hashes[3]])).await,
        Value::Null
    );

    // Nonce 0 fills the gap: it and the five held ones are mined, one block each, in order.
    hashes[0] = ok(
        &url,
        "eth_sendRawTransaction",
        json!([transfer(&signer, 0, to, 1, fees)]),
    )
    .await;
    assert_eq!(ok(&url, "eth_blockNumber", json!([])).await, "0x6");
    for (nonce, hash) in hashes.iter().enumerate() {
        let receipt = ok(&url, "eth_getTransactionReceipt", json!([hash])).await;
        assert_eq!(receipt["status"], "0x1", "nonce {nonce}");
        assert_eq!(
            q(&receipt["blockNumber"]),
            nonce as u64 + 1,
            "nonce {nonce}"
        );
    }
    let balance = ok(&url, "eth_getBalance", json!([to, "latest"])).await;
    assert_eq!(q(&balance), 1 + 2 + 3 + 4 + 5 + 6);
    assert_eq!(
        ok(
            &url,
            "eth_getTransactionCount",
            json!([signer.address(), "latest"])
        )
        .await,
        "0x6"
    );
    // A used nonce is still refused.
    let error = err(
        &url,
        "eth_sendRawTransaction",
        json!([transfer(&signer, 2, to, 9, fees)]),
    )
    .await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with("nonce too low"),
        "{error}"
    );
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn a_replacement_must_raise_both_fees_by_ten_percent() {
    let devnet = start().await;
    let url = devnet.url();
    let signer = dev(2);
    let to = address!("00000000000000000000000000000000000a0002");
    let (cap, tip) = (1_000_000_000u128, 100_000_000u128);
    // Nonce 1 waits behind nonce 0.
    let original = ok(
        &url,
        "eth_sendRawTransaction",
        json!([transfer(&signer, 1, to, 1, (cap, tip))]),
    )
    .await;
    let underpriced = [
        (cap * 109 / 100, tip * 110 / 100),
        (cap * 110 / 100, tip * 109 / 100),
        (cap * 2, tip),
        (cap, tip * 2),
    ];
    for fees in underpriced {
        let error = err(
            &url,
            "eth_sendRawTransaction",
            json!([transfer(&signer, 1, to, 2, fees)]),
        )
        .await;
        assert_eq!(error["code"], -32000, "{fees:?}");
        assert_eq!(
            error["message"], "replacement transaction underpriced",
            "{fees:?}"
        );
    }
    // Exactly +10% on both: accepted, the original is gone.
    let replacement = ok(
        &url,
        "eth_sendRawTransaction",
        json!([transfer(
            &signer,
            1,
            to,
            2,
            (cap * 110 / 100, tip * 110 / 100)
        )]),
    )
    .await;
    assert_ne!(replacement, original);
    assert_eq!(
        ok(&url, "eth_getTransactionByHash", json!([original])).await,
        Value::Null
    );
    assert_eq!(
        ok(&url, "eth_getTransactionByHash", json!([replacement])).await["maxFeePerGas"],
        json!(format!("{:#x}", cap * 110 / 100))
    );
    // Legacy: the gas price is both fee fields.
    let legacy_original = ok(
        &url,
        "eth_sendRawTransaction",
        json!([legacy(&signer, 2, to, cap)]),
    )
    .await;
    let error = err(
        &url,
        "eth_sendRawTransaction",
        json!([legacy(&signer, 2, to, cap * 109 / 100)]),
    )
    .await;
    assert_eq!(error["message"], "replacement transaction underpriced");
    let legacy_replacement = ok(
        &url,
        "eth_sendRawTransaction",
        json!([legacy(&signer, 2, to, cap * 110 / 100)]),
    )
    .await;

    // Nonce 0 fills the gap: the replacements are mined, the originals never.
    ok(
        &url,
        "eth_sendRawTransaction",
        json!([transfer(&signer, 0, to, 4, (cap, tip))]),
    )
    .await;
    assert_eq!(ok(&url, "eth_blockNumber", json!([])).await, "0x3");
    for hash in [&replacement, &legacy_replacement] {
        assert_eq!(
            ok(&url, "eth_getTransactionReceipt", json!([hash])).await["status"],
            "0x1"
        );
    }
    for hash in [&original, &legacy_original] {
        assert_eq!(
            ok(&url, "eth_getTransactionReceipt", json!([hash])).await,
            Value::Null
        );
    }
    assert_eq!(
        q(&ok(&url, "eth_getBalance", json!([to, "latest"])).await),
        4 + 2 + 1
    );
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn interval_mining_mines_gaps_in_order_and_takes_a_speed_up() {
    // A block time far longer than the test: blocks come from evm_mine, which is what every
    // tick runs.
    let devnet = start_with(DevnetConfig {
        block_time: Some(Duration::from_secs(3600)),
        ..Default::default()
    })
    .await;
    let url = devnet.url();
    let (alice, bob) = (dev(1), dev(2));
    let to = address!("00000000000000000000000000000000000a0003");
    let fees = (1_000_000_000u128, 1_000u128);
    let a2 = ok(
        &url,
        "eth_sendRawTransaction",
        json!([transfer(&alice, 2, to, 1, fees)]),
    )
    .await;
    let b0 = ok(
        &url,
        "eth_sendRawTransaction",
        json!([transfer(&bob, 0, to, 1, fees)]),
    )
    .await;
    let a0 = ok(
        &url,
        "eth_sendRawTransaction",
        json!([transfer(&alice, 0, to, 1, fees)]),
    )
    .await;
    // A speed-up of a pending (not yet mined) transaction, as a wallet sends it.
    let sped_up = ok(
        &url,
        "eth_sendRawTransaction",
        json!([transfer(&alice, 0, to, 1, (fees.0 * 2, fees.1 * 2))]),
    )
    .await;
    assert_eq!(
        ok(&url, "eth_getTransactionByHash", json!([a0])).await,
        Value::Null
    );
    // Alice's pending nonce: 0 waits, 1 is missing, so 1.
    assert_eq!(
        ok(
            &url,
            "eth_getTransactionCount",
            json!([alice.address(), "pending"])
        )
        .await,
        "0x1"
    );
    ok(&url, "evm_mine", json!([])).await;
    let block = ok(&url, "eth_getBlockByNumber", json!(["0x1", false])).await;
    assert_eq!(block["transactions"], json!([b0, sped_up]));
    // Nonce 2 still waits for 1; with it, the next block has both, in nonce order.
    assert_eq!(
        ok(&url, "eth_getTransactionByHash", json!([a2])).await["blockNumber"],
        Value::Null
    );
    let a1 = ok(
        &url,
        "eth_sendRawTransaction",
        json!([transfer(&alice, 1, to, 1, fees)]),
    )
    .await;
    assert_eq!(
        ok(
            &url,
            "eth_getTransactionCount",
            json!([alice.address(), "pending"])
        )
        .await,
        "0x3"
    );
    ok(&url, "evm_mine", json!([])).await;
    let block = ok(&url, "eth_getBlockByNumber", json!(["0x2", false])).await;
    assert_eq!(block["transactions"], json!([a1, a2]));
    devnet.stop().await.unwrap();
}

/// Sends `count` transfers at once from `count` tasks sharing one provider whose nonces come
/// from alloy's cached nonce manager (as ethers' NonceManager: nonces handed out locally, in
/// order). Each task then waits a different time before its transaction leaves, so they reach
/// the devnet out of nonce order, as concurrent HTTP requests may. Returns the receipts' block
/// numbers in nonce order.
async fn concurrent_sends(url: &str, count: u64) -> Vec<u64> {
    let signer = dev(3);
    let from = signer.address();
    let provider = ProviderBuilder::<_, _, alloy_network::Ethereum>::default()
        .with_gas_estimation()
        .with_cached_nonce_management()
        .fetch_chain_id()
        .wallet(EthereumWallet::from(signer))
        .connect_http(url.parse().unwrap());
    let to = address!("00000000000000000000000000000000000a0004");
    let mut tasks = Vec::new();
    for _ in 0..count {
        let provider = provider.clone();
        tasks.push(tokio::spawn(async move {
            let tx = TransactionRequest::default()
                .with_from(from)
                .with_to(to)
                .with_value(U256::from(1))
                .with_max_fee_per_gas(BASE_FEE * 2)
                .with_max_priority_fee_per_gas(0);
            let envelope = provider
                .fill(tx)
                .await
                .unwrap()
                .try_into_envelope()
                .unwrap();
            // A scrambled delivery order: nonce n leaves after (7n mod count) * 10 ms.
            let nonce = alloy_consensus::Transaction::nonce(&envelope);
            tokio::time::sleep(Duration::from_millis((nonce * 7 % count) * 10)).await;
            provider
                .send_tx_envelope(envelope)
                .await
                .unwrap()
                .with_timeout(Some(Duration::from_secs(60)))
                .get_receipt()
                .await
                .unwrap()
        }));
    }
    let mut receipts: Vec<alloy_rpc_types_eth::TransactionReceipt> = Vec::new();
    for task in tasks {
        receipts.push(task.await.unwrap());
    }
    assert!(receipts.iter().all(|receipt| receipt.status()));
    assert_eq!(provider.get_transaction_count(from).await.unwrap(), count);
    assert_eq!(provider.get_balance(to).await.unwrap(), U256::from(count));
    let mut by_nonce = Vec::new();
    for receipt in &receipts {
        let tx = provider
            .get_transaction_by_hash(receipt.transaction_hash)
            .await
            .unwrap()
            .unwrap();
        by_nonce.push((
            alloy_consensus::Transaction::nonce(&tx),
            receipt.block_number.unwrap(),
            receipt.transaction_index.unwrap(),
        ));
    }
    by_nonce.sort();
    assert_eq!(
        by_nonce
            .iter()
            .map(|(nonce, _, _)| *nonce)
            .collect::<Vec<_>>(),
        (0..count).collect::<Vec<_>>()
    );
    // Mined in nonce order: (block, index) grows with the nonce.
    for pair in by_nonce.windows(2) {
        assert!(
            (pair[0].1, pair[0].2) < (pair[1].1, pair[1].2),
            "{by_nonce:?}"
        );
    }
    by_nonce.iter().map(|(_, block, _)| *block).collect()
}

#[tokio::test]
async fn concurrent_sends_from_many_tasks_are_all_mined_instant() {
    let devnet = start().await;
    let blocks = concurrent_sends(&devnet.url(), 40).await;
    // Instant mining: one block per transaction.
    assert_eq!(blocks, (1..=40).collect::<Vec<u64>>());
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn concurrent_sends_from_many_tasks_are_all_mined_by_interval() {
    let devnet = start_with(DevnetConfig {
        block_time: Some(Duration::from_secs(1)),
        ..Default::default()
    })
    .await;
    let blocks = concurrent_sends(&devnet.url(), 40).await;
    assert_eq!(blocks.len(), 40);
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn a_held_transaction_survives_a_restart_with_a_state_file() {
    let dir = std::env::temp_dir().join(format!("devnet-pool-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.json");
    let _ = std::fs::remove_file(&state);
    let config = DevnetConfig {
        state: Some(state.clone()),
        ..Default::default()
    };
    let signer = dev(4);
    let to = address!("00000000000000000000000000000000000a0005");
    let fees = (BASE_FEE * 2, 0);
    let devnet = start_with(config.clone()).await;
    let held = ok(
        &devnet.url(),
        "eth_sendRawTransaction",
        json!([transfer(&signer, 1, to, 5, fees)]),
    )
    .await;
    devnet.stop().await.unwrap();

    let devnet = start_with(config).await;
    let url = devnet.url();
    assert_eq!(
        ok(&url, "eth_getTransactionByHash", json!([held])).await["nonce"],
        "0x1"
    );
    ok(
        &url,
        "eth_sendRawTransaction",
        json!([transfer(&signer, 0, to, 1, fees)]),
    )
    .await;
    assert_eq!(wait_receipt(&url, &held).await["blockNumber"], "0x2");
    devnet.stop().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
