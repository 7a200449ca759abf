//! The devnet driven over HTTP: by an alloy provider (as scripts use it) and by raw JSON-RPC
//! (error codes, batches, CORS).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_consensus::{SignableTransaction, TxEip2930, TxEnvelope, TxLegacy};
use alloy_eips::{BlockNumberOrTag, eip2718::Encodable2718};
use alloy_network::TransactionBuilder;
use alloy_primitives::{Address, B256, Bytes, TxKind, U256, address, b256, keccak256};
use alloy_provider::Provider;
use alloy_rpc_types_eth::{Filter, TransactionRequest};
use alloy_signer::SignerSync;
use alloy_sol_types::{SolCall, SolEvent, sol};
use common::*;
use serde_json::json;
use stylus_devnet::accounts;

sol! {
    event Emitted(address indexed sender, bytes32 indexed tag, uint256 value, bytes data);
    function emitTyped(bytes32 tag, uint256 value, bytes data) external;
    function emitThenRevert(bytes32 tag) external;
    function count() external view returns (uint256);
    function increment() external returns (uint256);
}

const BASE_FEE: u128 = 100_000_000;

#[test]
fn the_nitro_dev_key_derives_to_its_published_address() {
    assert_eq!(
        accounts::dev_addresses()[0],
        address!("3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E")
    );
    assert_eq!(
        accounts::dev_addresses()[1],
        address!("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
    );
}

#[tokio::test]
async fn chain_basics_through_an_alloy_provider() {
    let devnet = start().await;
    let url = devnet.url();
    let provider = provider(&url, dev(1));
    assert_eq!(provider.get_chain_id().await.unwrap(), 412_346);
    assert_eq!(provider.get_block_number().await.unwrap(), 0);
    assert_eq!(provider.get_gas_price().await.unwrap(), BASE_FEE);
    assert_eq!(
        provider
            .get_balance(accounts::dev_addresses()[0])
            .await
            .unwrap(),
        accounts::dev_balance()
    );
    let listed = provider.get_accounts().await.unwrap();
    assert_eq!(listed, accounts::dev_addresses());
    assert_eq!(ok(&url, "net_version", json!([])).await, "412346");
    assert!(
        ok(&url, "web3_clientVersion", json!([]))
            .await
            .as_str()
            .unwrap()
            .starts_with("stylus-devnet/")
    );
    assert_eq!(ok(&url, "eth_maxPriorityFeePerGas", json!([])).await, "0x0");
    let history = ok(&url, "eth_feeHistory", json!(["0x4", "latest", [25, 75]])).await;
    assert_eq!(history["oldestBlock"], "0x0");
    assert_eq!(history["baseFeePerGas"], json!(["0x5f5e100", "0x5f5e100"]));
    assert_eq!(history["reward"], json!([["0x0", "0x0"]]));
    // The StylusDeployer is there from genesis.
    let code = provider
        .get_code_at(stylus_runtime::genesis::STYLUS_DEPLOYER)
        .await
        .unwrap();
    assert!(!code.is_empty());
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn a_signed_eip1559_transfer_is_mined_charged_and_receipted() {
    let devnet = start().await;
    let url = devnet.url();
    let sender = dev(2);
    let provider = provider(&url, sender.clone());
    let recipient = address!("00000000000000000000000000000000000beef1");
    let value = U256::from(123_456_789u64);
    let before = provider.get_balance(sender.address()).await.unwrap();

    let tx = TransactionRequest::default()
        .with_to(recipient)
        .with_value(value);
    let receipt = provider
        .send_transaction(tx)
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert!(receipt.status());
    assert_eq!(receipt.gas_used, 21_000);
    assert_eq!(receipt.effective_gas_price, BASE_FEE);
    assert_eq!(receipt.block_number, Some(1));
    assert_eq!(receipt.transaction_index, Some(0));
    assert_eq!(receipt.from, sender.address());
    assert_eq!(receipt.to, Some(recipient));
    assert_eq!(receipt.inner.cumulative_gas_used(), 21_000);
    assert_eq!(receipt.inner.tx_type() as u8, 2);

    assert_eq!(provider.get_balance(recipient).await.unwrap(), value);
    let fee = U256::from(21_000u64) * U256::from(BASE_FEE);
    assert_eq!(
        provider.get_balance(sender.address()).await.unwrap(),
        before - value - fee
    );
    assert_eq!(
        provider
            .get_transaction_count(sender.address())
            .await
            .unwrap(),
        1
    );

    let tx = provider
        .get_transaction_by_hash(receipt.transaction_hash)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(tx.inner.signer(), sender.address());
    assert_eq!(tx.block_number, Some(1));

    let block = provider
        .get_block_by_number(BlockNumberOrTag::Number(1))
        .full()
        .await
        .unwrap()
        .unwrap();
    assert_eq!(Some(block.header.hash), receipt.block_hash);
    assert_eq!(block.header.gas_used, 21_000);
    assert_eq!(block.header.base_fee_per_gas, Some(BASE_FEE as u64));
    assert_eq!(block.transactions.len(), 1);
    let genesis = provider
        .get_block_by_number(BlockNumberOrTag::Earliest)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(block.header.parent_hash, genesis.header.hash);
    let by_hash = provider
        .get_block_by_hash(block.header.hash)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        by_hash.transactions.hashes().collect::<Vec<_>>(),
        vec![receipt.transaction_hash]
    );
    // The header hash is the Keccak hash of the RLP header alloy rebuilds from the JSON.
    assert_eq!(block.header.inner.hash_slow(), block.header.hash);
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn logs_of_a_deployed_contract_with_filters() {
    let devnet = start().await;
    let url = devnet.url();
    let alice = dev(1);
    let bob = dev(2);
    let provider_a = provider(&url, alice.clone());
    let provider_b = provider(&url, bob.clone());

    let deployed = provider_a
        .send_transaction(TransactionRequest::default().with_deploy_code(solidity("Emitter")))
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    let emitter = deployed.contract_address.unwrap();
    assert!(!provider_a.get_code_at(emitter).await.unwrap().is_empty());

    let tag_a = b256!("00000000000000000000000000000000000000000000000000000000000000aa");
    let tag_b = b256!("00000000000000000000000000000000000000000000000000000000000000bb");
    let emit = |tag: B256, value: u64| {
        TransactionRequest::default().with_to(emitter).with_input(
            emitTypedCall {
                tag,
                value: U256::from(value),
                data: Bytes::from_static(b"hi"),
            }
            .abi_encode(),
        )
    };
    let first = provider_a
        .send_transaction(emit(tag_a, 1))
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    provider_b
        .send_transaction(emit(tag_b, 2))
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    provider_a
        .send_transaction(emit(tag_b, 3))
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();

    // The receipt's log.
    let logs = first.inner.logs();
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].address(), emitter);
    assert_eq!(logs[0].topics()[0], Emitted::SIGNATURE_HASH);
    assert_eq!(logs[0].block_number, first.block_number);
    assert_eq!(logs[0].transaction_hash, Some(first.transaction_hash));
    let event = Emitted::decode_log(&logs[0].inner).unwrap();
    assert_eq!(event.sender, alice.address());
    assert_eq!(event.value, U256::from(1));
    assert!(
        first
            .inner
            .logs_bloom()
            .contains_input(alloy_primitives::BloomInput::Raw(emitter.as_slice()))
    );

    // Filters: address, topics with a null position and an OR, block ranges, block hash.
    let all = provider_a
        .get_logs(&Filter::new().address(emitter).from_block(0))
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let by_alice = provider_a
        .get_logs(
            &Filter::new()
                .from_block(0)
                .event_signature(Emitted::SIGNATURE_HASH)
                .topic1(alice.address().into_word()),
        )
        .await
        .unwrap();
    assert_eq!(by_alice.len(), 2);
    let answer = ok(
        &url,
        "eth_getLogs",
        json!([{ "fromBlock": "0x0", "toBlock": "latest",
                 "topics": [null, null, [tag_a, tag_b]] }]),
    )
    .await;
    assert_eq!(answer.as_array().unwrap().len(), 3);
    let answer = ok(
        &url,
        "eth_getLogs",
        json!([{ "fromBlock": "0x0", "address": [emitter, Address::ZERO],
                 "topics": [null, bob.address().into_word(), tag_b] }]),
    )
    .await;
    assert_eq!(answer.as_array().unwrap().len(), 1);
    assert_eq!(answer[0]["blockNumber"], "0x3");
    let range = provider_a
        .get_logs(&Filter::new().address(emitter).from_block(3).to_block(4))
        .await
        .unwrap();
    assert_eq!(range.len(), 2);
    let at_hash = provider_a
        .get_logs(&Filter::new().at_block_hash(first.block_hash.unwrap()))
        .await
        .unwrap();
    assert_eq!(at_hash.len(), 1);
    assert_eq!(at_hash[0].transaction_hash, Some(first.transaction_hash));
    let none = provider_a
        .get_logs(&Filter::new().address(Address::ZERO).from_block(0))
        .await
        .unwrap();
    assert!(none.is_empty());

    // A reverted transaction: status 0, no logs. eth_call and eth_estimateGas report the
    // revert as geth does: code 3, the revert data in `data`.
    let revert = TransactionRequest::default()
        .with_to(emitter)
        .with_gas_limit(200_000)
        .with_input(emitThenRevertCall { tag: tag_a }.abi_encode());
    let failed = provider_a
        .send_transaction(revert.clone())
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert!(!failed.status());
    assert!(failed.inner.logs().is_empty());
    let data = Bytes::from(emitThenRevertCall { tag: tag_a }.abi_encode());
    for method in ["eth_call", "eth_estimateGas"] {
        let error = err(
            &url,
            method,
            json!([{ "from": alice.address(), "to": emitter, "data": data }]),
        )
        .await;
        assert_eq!(error["code"], 3, "{method}");
        assert_eq!(
            error["message"],
            "execution reverted: Emitter: reverted after emitting"
        );
        assert!(error["data"].as_str().unwrap().starts_with("0x08c379a0"));
    }
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn eth_call_with_state_overrides_and_gas_estimates() {
    let devnet = start().await;
    let url = devnet.url();
    let from = accounts::dev_addresses()[0];
    let counter_code = stylus_runtime::deploy::solidity_artifact("Counter")
        .unwrap()
        .deployed_bytecode;
    let nowhere = address!("00000000000000000000000000000000000c0de1");
    let count_call = Bytes::from(countCall {}.abi_encode());
    let word = |n: u64| B256::from(U256::from(n));

    // No code there: an empty answer.
    let plain = ok(
        &url,
        "eth_call",
        json!([{ "to": nowhere, "data": count_call }, "latest"]),
    )
    .await;
    assert_eq!(plain, "0x");
    // Code and a full storage override.
    let overridden = ok(
        &url,
        "eth_call",
        json!([{ "to": nowhere, "data": count_call }, "latest",
               { nowhere.to_string(): { "code": counter_code, "state": { word(0).to_string(): word(42) } } }]),
    )
    .await;
    assert_eq!(overridden, json!(word(42)));
    // stateDiff on a deployed contract keeps the other slots and changes only those given.
    let counter = deploy(&url, from, &solidity("Counter")).await;
    let increment = Bytes::from(incrementCall {}.abi_encode());
    ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": counter, "data": increment }]),
    )
    .await;
    let call = json!({ "to": counter, "data": count_call });
    assert_eq!(
        ok(&url, "eth_call", json!([call, "latest"])).await,
        json!(word(1))
    );
    let diff = ok(
        &url,
        "eth_call",
        json!([call, "latest", { counter.to_string(): { "stateDiff": { word(0).to_string(): word(7) } } }]),
    )
    .await;
    assert_eq!(diff, json!(word(7)));
    // Nothing was kept.
    assert_eq!(
        ok(&url, "eth_call", json!([call, "latest"])).await,
        json!(word(1))
    );
    // Balance and nonce overrides: a poor account can send value only with an override.
    let poor = address!("0000000000000000000000000000000000000bad");
    let send = json!({ "from": poor, "to": nowhere, "value": "0xde0b6b3a7640000" });
    let error = err(&url, "eth_call", json!([send, "latest"])).await;
    assert_eq!(error["code"], -32000);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("insufficient funds"),
        "{error}"
    );
    ok(
        &url,
        "eth_call",
        json!([send, "latest", { poor.to_string(): { "balance": "0x56bc75e2d63100000", "nonce": "0x5" } }]),
    )
    .await;
    // Both 'state' and 'stateDiff': invalid params.
    let error = err(
        &url,
        "eth_call",
        json!([call, "latest", { counter.to_string(): { "state": {}, "stateDiff": {} } }]),
    )
    .await;
    assert_eq!(error["code"], -32602);

    // Estimates: a transfer is 21000; a storage write estimates enough to succeed.
    let estimate = ok(
        &url,
        "eth_estimateGas",
        json!([{ "from": from, "to": nowhere, "value": "0x1" }]),
    )
    .await;
    assert_eq!(q(&estimate), 21_000);
    let estimate = q(&ok(
        &url,
        "eth_estimateGas",
        json!([{ "from": from, "to": counter, "data": increment }]),
    )
    .await);
    assert!((26_000..40_000).contains(&estimate), "{estimate}");
    let error = err(
        &url,
        "eth_call",
        json!([{ "from": from, "to": counter, "data": increment, "gas": "0x5dc0" }]),
    )
    .await;
    assert_eq!(error["message"], "out of gas");
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn raw_legacy_and_eip2930_transactions_with_chain_id_and_nonce_checks() {
    let devnet = start().await;
    let url = devnet.url();
    let signer = dev(3);
    let to = address!("00000000000000000000000000000000000beef2");
    let sign = |tx: alloy_consensus::TypedTransaction| -> Bytes {
        let signature = signer.sign_hash_sync(&tx.signature_hash()).unwrap();
        let envelope: TxEnvelope = tx.into_envelope(signature);
        envelope.encoded_2718().into()
    };
    let legacy = |nonce: u64, chain_id: Option<u64>| {
        sign(
            TxLegacy {
                chain_id,
                nonce,
                gas_price: BASE_FEE,
                gas_limit: 21_000,
                to: TxKind::Call(to),
                value: U256::from(5),
                input: Bytes::new(),
            }
            .into(),
        )
    };

    let error = err(&url, "eth_sendRawTransaction", json!([legacy(0, Some(1))])).await;
    assert!(
        error["message"].as_str().unwrap().contains("chain id"),
        "{error}"
    );
    // A nonce ahead of the next one waits in the pool (tests/pool.rs): nothing is mined.
    let ahead = ok(
        &url,
        "eth_sendRawTransaction",
        json!([legacy(5, Some(412_346))]),
    )
    .await;
    assert_eq!(
        ok(&url, "eth_getTransactionByHash", json!([ahead])).await["blockNumber"],
        json!(null)
    );
    assert_eq!(ok(&url, "eth_blockNumber", json!([])).await, "0x0");
    let raw = legacy(0, Some(412_346));
    let hash = ok(&url, "eth_sendRawTransaction", json!([raw])).await;
    assert_eq!(hash, json!(keccak256(&raw)));
    let receipt = ok(&url, "eth_getTransactionReceipt", json!([hash])).await;
    assert_eq!(receipt["status"], "0x1");
    assert_eq!(receipt["type"], "0x0");
    let error = err(&url, "eth_sendRawTransaction", json!([raw])).await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with("nonce too low"),
        "{error}"
    );

    let access_list = sign(
        TxEip2930 {
            chain_id: 412_346,
            nonce: 1,
            gas_price: BASE_FEE,
            gas_limit: 30_000,
            to: TxKind::Call(to),
            value: U256::from(7),
            input: Bytes::new(),
            access_list: vec![alloy_eips::eip2930::AccessListItem {
                address: to,
                storage_keys: vec![B256::ZERO],
            }]
            .into(),
        }
        .into(),
    );
    let hash = ok(&url, "eth_sendRawTransaction", json!([access_list])).await;
    let receipt = ok(&url, "eth_getTransactionReceipt", json!([hash])).await;
    assert_eq!(receipt["status"], "0x1");
    assert_eq!(receipt["type"], "0x1");
    assert_eq!(q(&receipt["gasUsed"]), 21_000 + 2_400 + 1_900);
    let tx = ok(&url, "eth_getTransactionByHash", json!([hash])).await;
    assert_eq!(tx["accessList"][0]["address"], json!(to));
    assert_eq!(
        ok(&url, "eth_getBalance", json!([to, "latest"])).await,
        "0xc"
    );

    // A fee below the base fee, garbage bytes: refused, nothing mined.
    let cheap = sign(
        TxLegacy {
            chain_id: Some(412_346),
            nonce: 2,
            gas_price: 1,
            gas_limit: 21_000,
            to: TxKind::Call(to),
            value: U256::ZERO,
            input: Bytes::new(),
        }
        .into(),
    );
    let error = err(&url, "eth_sendRawTransaction", json!([cheap])).await;
    assert!(
        error["message"].as_str().unwrap().contains("base fee"),
        "{error}"
    );
    let error = err(&url, "eth_sendRawTransaction", json!(["0x02c0ffee"])).await;
    assert_eq!(error["code"], -32602);
    assert_eq!(ok(&url, "eth_blockNumber", json!([])).await, "0x2");
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn eth_send_transaction_signs_for_dev_accounts_only() {
    let devnet = start().await;
    let url = devnet.url();
    let nitro = accounts::dev_addresses()[0];
    let hash = ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": nitro, "to": Address::ZERO, "value": "0x1" }]),
    )
    .await;
    let receipt = ok(&url, "eth_getTransactionReceipt", json!([hash])).await;
    assert_eq!(receipt["from"], json!(nitro));
    assert_eq!(receipt["status"], "0x1");
    assert_eq!(receipt["type"], "0x2");
    let error = err(
        &url,
        "eth_sendTransaction",
        json!([{ "from": "0x0000000000000000000000000000000000000001", "to": Address::ZERO }]),
    )
    .await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("unknown account")
    );
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn snapshots_and_time_controls() {
    let devnet = start().await;
    let url = devnet.url();
    let from = accounts::dev_addresses()[0];
    let to = address!("00000000000000000000000000000000000beef3");
    let snapshot = ok(&url, "evm_snapshot", json!([])).await;
    let hash = ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": to, "value": "0x9" }]),
    )
    .await;
    assert_eq!(ok(&url, "eth_blockNumber", json!([])).await, "0x1");
    assert_eq!(
        ok(&url, "eth_getBalance", json!([to, "latest"])).await,
        "0x9"
    );
    assert_eq!(ok(&url, "evm_revert", json!([snapshot])).await, true);
    assert_eq!(ok(&url, "eth_blockNumber", json!([])).await, "0x0");
    assert_eq!(
        ok(&url, "eth_getBalance", json!([to, "latest"])).await,
        "0x0"
    );
    assert_eq!(
        ok(&url, "eth_getTransactionReceipt", json!([hash])).await,
        json!(null)
    );
    assert_eq!(
        ok(&url, "eth_getTransactionCount", json!([from, "latest"])).await,
        "0x0"
    );
    // A snapshot is used once.
    assert_eq!(ok(&url, "evm_revert", json!([snapshot])).await, false);

    let genesis = q(&ok(&url, "eth_getBlockByNumber", json!(["latest", false])).await["timestamp"]);
    ok(&url, "evm_increaseTime", json!([3600])).await;
    assert_eq!(ok(&url, "evm_mine", json!([])).await, "0x0");
    let mined = ok(&url, "eth_getBlockByNumber", json!(["latest", false])).await;
    assert_eq!(mined["number"], "0x1");
    assert!(q(&mined["timestamp"]) >= genesis + 3600);
    let next = genesis + 86_400;
    ok(&url, "evm_setNextBlockTimestamp", json!([next])).await;
    ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": to, "value": "0x1" }]),
    )
    .await;
    let block = ok(&url, "eth_getBlockByNumber", json!(["latest", false])).await;
    assert_eq!(q(&block["timestamp"]), next);
    // The chain sees the same time as the block (TIMESTAMP in an eth_call is the next block's).
    let error = err(&url, "evm_setNextBlockTimestamp", json!([genesis])).await;
    assert_eq!(error["code"], -32000);
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn interval_mining_puts_transactions_in_the_next_block() {
    let devnet = start_with(stylus_devnet::DevnetConfig {
        block_time: Some(std::time::Duration::from_secs(2)),
        ..Default::default()
    })
    .await;
    let url = devnet.url();
    let from = accounts::dev_addresses()[0];
    let to = address!("00000000000000000000000000000000000beef4");
    // Start right after a tick (every tick mines a block, empty or not), so that both
    // transactions are sent well within one interval even on a loaded machine; every wait
    // polls with a generous deadline instead of assuming how long a tick takes.
    let start = ok(&url, "eth_blockNumber", json!([])).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while ok(&url, "eth_blockNumber", json!([])).await == start {
        assert!(
            std::time::Instant::now() < deadline,
            "no block mined in 60 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let first = ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": to, "value": "0x1" }]),
    )
    .await;
    let second = ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": to, "value": "0x2" }]),
    )
    .await;
    assert_eq!(
        ok(&url, "eth_getTransactionCount", json!([from, "pending"])).await,
        "0x2"
    );
    let pending = ok(&url, "eth_getTransactionByHash", json!([first])).await;
    assert_eq!(pending["blockNumber"], json!(null));
    let mut receipts = (json!(null), json!(null));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        receipts = (
            ok(&url, "eth_getTransactionReceipt", json!([first])).await,
            ok(&url, "eth_getTransactionReceipt", json!([second])).await,
        );
        // Both: a tick between the two reads would otherwise leave the first one stale.
        if !receipts.0.is_null() && !receipts.1.is_null() {
            break;
        }
    }
    assert_eq!(receipts.0["blockNumber"], receipts.1["blockNumber"]);
    assert_eq!(receipts.1["transactionIndex"], "0x1");
    assert_eq!(q(&receipts.1["cumulativeGasUsed"]), 42_000);
    assert_eq!(
        ok(&url, "eth_getBalance", json!([to, "latest"])).await,
        "0x3"
    );
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn errors_batches_and_cors() {
    let devnet = start().await;
    let url = devnet.url();

    // Unknown method, bad params, invalid request, malformed JSON.
    let error = err(&url, "eth_nope", json!([])).await;
    assert_eq!(error["code"], -32601);
    let error = err(&url, "eth_getBalance", json!(["0x1234"])).await;
    assert_eq!(error["code"], -32602);
    let error = err(&url, "eth_getBalance", json!([])).await;
    assert_eq!(error["code"], -32602);
    let (status, answer) = post(&url, r#"{"jsonrpc":"2.0","id":7}"#).await;
    assert_eq!(status, 200);
    assert_eq!(answer["error"]["code"], -32600);
    assert_eq!(answer["id"], 7);
    let (status, answer) = post(&url, r#"{"jsonrpc":"2.0","id":1,"method":"#).await;
    assert_eq!(status, 200);
    assert_eq!(answer["error"]["code"], -32700);
    assert_eq!(answer["id"], json!(null));
    let (_, answer) = post(&url, "[]").await;
    assert_eq!(answer["error"]["code"], -32600);
    // An oversized body is refused; the server keeps serving.
    let (status, answer) = post(&url, vec![b' '; stylus_devnet::server::MAX_BODY + 1]).await;
    assert_eq!(status, 413);
    assert_eq!(answer["error"]["code"], -32600);

    // A batch answers each request in order, errors included.
    let batch = json!([
        { "jsonrpc": "2.0", "id": 1, "method": "eth_chainId" },
        { "jsonrpc": "2.0", "id": 2, "method": "nope" },
        { "jsonrpc": "2.0", "id": 3, "method": "eth_blockNumber", "params": [] },
    ]);
    let (status, answer) = post(&url, batch.to_string()).await;
    assert_eq!(status, 200);
    assert_eq!(answer[0]["result"], "0x64aba");
    assert_eq!(answer[1]["error"]["code"], -32601);
    assert_eq!(answer[2]["result"], "0x0");

    // CORS: the preflight, and the header on answers.
    let client = reqwest::Client::new();
    let preflight = client
        .request(reqwest::Method::OPTIONS, &url)
        .header("Origin", "http://example.com")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    let headers = preflight.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    assert!(
        headers["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("POST")
    );
    assert_eq!(headers["access-control-allow-headers"], "content-type");
    let answer = client
        .post(&url)
        .header("Origin", "http://example.com")
        .header("content-type", "application/json")
        .body(r#"{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.headers()["access-control-allow-origin"], "*");
    assert_eq!(ok(&url, "eth_chainId", json!([])).await, "0x64aba");
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn a_stylus_program_deployed_and_activated_over_rpc() {
    // The pipeline's artifact; missing means `cargo xtask build` has not run: fail, never skip.
    let code = stylus_runtime::deploy::stylus_artifact("lrt-token")
        .unwrap_or_else(|error| panic!("{error}"));
    sol! {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
        function programVersion(address program) external view returns (uint16 version);
    }
    let devnet = start().await;
    let url = devnet.url();
    let from = accounts::dev_addresses()[0];
    let arb_wasm = address!("0000000000000000000000000000000000000071");
    let program = deploy(&url, from, &stylus_program::code::init_code(&code).into()).await;

    // The data fee, estimated as cargo-stylus does: activate the code at some address in an
    // eth_call with a code override, sending plenty of value.
    let elsewhere = address!("00000000000000000000000000000000000057a1");
    let fee = ok(
        &url,
        "eth_call",
        json!([{ "from": from, "to": arb_wasm, "value": "0xde0b6b3a7640000",
                 "data": Bytes::from(activateProgramCall { program: elsewhere }.abi_encode()) },
               "latest", { elsewhere.to_string(): { "code": Bytes::from(code.clone()) } }]),
    )
    .await;
    let fee: Bytes = serde_json::from_value(fee).unwrap();
    let decoded = activateProgramCall::abi_decode_returns(&fee).unwrap();
    assert!(decoded.version >= 1);
    assert!(decoded.dataFee > U256::ZERO);

    // Activate for real with exactly that fee.
    let hash = ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": arb_wasm, "value": decoded.dataFee,
                 "data": Bytes::from(activateProgramCall { program }.abi_encode()) }]),
    )
    .await;
    let receipt = ok(&url, "eth_getTransactionReceipt", json!([hash])).await;
    assert_eq!(receipt["status"], "0x1", "{receipt}");
    assert!(!receipt["logs"].as_array().unwrap().is_empty());
    let version = ok(
        &url,
        "eth_call",
        json!([{ "to": arb_wasm, "data": Bytes::from(programVersionCall { program }.abi_encode()) }]),
    )
    .await;
    let version: Bytes = serde_json::from_value(version).unwrap();
    assert_eq!(
        programVersionCall::abi_decode_returns(&version).unwrap(),
        decoded.version
    );
    devnet.stop().await.unwrap();
}
