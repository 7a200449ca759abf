//! The anvil/hardhat test methods and their aliases: balances, code and storage set directly,
//! impersonation, mining several blocks, automine.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_network::TransactionBuilder;
use alloy_primitives::{B256, U256, address};
use alloy_provider::{Provider, ProviderBuilder};
use alloy_rpc_types_eth::TransactionRequest;
use alloy_sol_types::{SolCall, sol};
use common::*;
use serde_json::{Value, json};

sol! {
    function count() external view returns (uint256);
    function increment() external returns (uint256);
}

const ETH: u128 = 1_000_000_000_000_000_000;

#[tokio::test]
async fn balance_code_and_storage_set_directly() {
    let devnet = start().await;
    let url = devnet.url();
    let provider = provider(&url, dev(1));
    let account = address!("00000000000000000000000000000000000ba1a0");
    assert_eq!(
        ok(
            &url,
            "anvil_setBalance",
            json!([account, format!("{:#x}", 5 * ETH)])
        )
        .await,
        Value::Null
    );
    assert_eq!(
        provider.get_balance(account).await.unwrap(),
        U256::from(5 * ETH)
    );
    assert_eq!(
        ok(&url, "hardhat_setBalance", json!([account, "0x7"])).await,
        true
    );
    assert_eq!(provider.get_balance(account).await.unwrap(), U256::from(7));

    // Code: the Counter's runtime code at an arbitrary address runs; then its storage is set.
    let counter = address!("00000000000000000000000000000000000c0de2");
    let code = stylus_runtime::deploy::solidity_artifact("Counter")
        .unwrap()
        .deployed_bytecode;
    assert_eq!(
        ok(&url, "anvil_setCode", json!([counter, code])).await,
        Value::Null
    );
    assert_eq!(provider.get_code_at(counter).await.unwrap(), code);
    let read = || async {
        let output = provider
            .call(
                TransactionRequest::default()
                    .with_to(counter)
                    .with_input(countCall {}.abi_encode()),
            )
            .await
            .unwrap();
        countCall::abi_decode_returns(&output).unwrap()
    };
    assert_eq!(read().await, U256::ZERO);
    let slot0 = B256::ZERO;
    assert_eq!(
        ok(
            &url,
            "anvil_setStorageAt",
            json!([counter, "0x0", B256::from(U256::from(41))])
        )
        .await,
        true
    );
    assert_eq!(read().await, U256::from(41));
    assert_eq!(
        provider
            .get_storage_at(counter, U256::from_be_bytes(slot0.0))
            .await
            .unwrap(),
        U256::from(41)
    );
    // It runs in transactions too, on the set storage.
    let receipt = provider
        .send_transaction(
            TransactionRequest::default()
                .with_to(counter)
                .with_input(incrementCall {}.abi_encode()),
        )
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert!(receipt.status());
    assert_eq!(read().await, U256::from(42));
    assert_eq!(
        ok(&url, "hardhat_setCode", json!([counter, "0x"])).await,
        true
    );
    assert!(provider.get_code_at(counter).await.unwrap().is_empty());
    assert_eq!(
        ok(
            &url,
            "hardhat_setStorageAt",
            json!([counter, "0x1", B256::from(U256::from(9))])
        )
        .await,
        true
    );
    assert_eq!(
        provider
            .get_storage_at(counter, U256::from(1))
            .await
            .unwrap(),
        U256::from(9)
    );

    // Bad parameters.
    for (method, params) in [
        ("anvil_setBalance", json!(["0x12", "0x1"])),
        ("anvil_setBalance", json!([account])),
        ("anvil_setCode", json!([account, "zz"])),
        ("anvil_setStorageAt", json!([account, "0x0"])),
        ("hardhat_impersonateAccount", json!([])),
        ("anvil_mine", json!(["many"])),
        ("evm_setAutomine", json!(["yes"])),
    ] {
        let error = err(&url, method, params.clone()).await;
        assert_eq!(error["code"], -32602, "{method} {params}");
    }
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn an_impersonated_account_sends_without_its_key() {
    let devnet = start().await;
    let url = devnet.url();
    let whale = address!("00000000000000000000000000000000000a11ce");
    let to = address!("00000000000000000000000000000000000b0b00");
    ok(
        &url,
        "anvil_setBalance",
        json!([whale, format!("{:#x}", 10 * ETH)]),
    )
    .await;
    // Without impersonation: refused.
    let error = err(
        &url,
        "eth_sendTransaction",
        json!([{ "from": whale, "to": to, "value": "0x1" }]),
    )
    .await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("unknown account")
    );
    assert_eq!(
        ok(&url, "anvil_impersonateAccount", json!([whale])).await,
        Value::Null
    );
    // A client without a wallet sends eth_sendTransaction, as cast send --unlocked does.
    let provider = ProviderBuilder::new().connect_http(url.parse().unwrap());
    let receipt = provider
        .send_transaction(
            TransactionRequest::default()
                .with_from(whale)
                .with_to(to)
                .with_value(U256::from(ETH)),
        )
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert!(receipt.status());
    assert_eq!(receipt.from, whale);
    assert_eq!(provider.get_balance(to).await.unwrap(), U256::from(ETH));
    let tx = provider
        .get_transaction_by_hash(receipt.transaction_hash)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(tx.inner.signer(), whale);
    assert_eq!(provider.get_transaction_count(whale).await.unwrap(), 1);
    // Two impersonated senders sending the same thing get different hashes.
    let twin = address!("00000000000000000000000000000000000a11cf");
    ok(&url, "hardhat_impersonateAccount", json!([twin])).await;
    ok(
        &url,
        "hardhat_setBalance",
        json!([twin, format!("{:#x}", ETH)]),
    )
    .await;
    let send = |from| {
        json!([{ "from": from, "to": to, "value": "0x1", "nonce": "0x1", "gas": "0x5208",
                 "maxFeePerGas": "0x3b9aca00", "maxPriorityFeePerGas": "0x0" }])
    };
    ok(&url, "anvil_setNonce", json!([twin, "0x1"])).await;
    let first = ok(&url, "eth_sendTransaction", send(whale)).await;
    let second = ok(&url, "eth_sendTransaction", send(twin)).await;
    assert_ne!(first, second);
    assert_eq!(
        ok(&url, "eth_getTransactionReceipt", json!([second])).await["from"],
        json!(twin)
    );

    // Stopped: refused again.
    assert_eq!(
        ok(&url, "anvil_stopImpersonatingAccount", json!([whale])).await,
        Value::Null
    );
    let error = err(
        &url,
        "eth_sendTransaction",
        json!([{ "from": whale, "to": to, "value": "0x1" }]),
    )
    .await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("unknown account")
    );
    assert_eq!(
        ok(&url, "hardhat_stopImpersonatingAccount", json!([twin])).await,
        true
    );
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn mine_several_blocks_and_switch_automine() {
    let devnet = start().await;
    let url = devnet.url();
    let block = |number: u64| {
        let url = url.clone();
        async move {
            ok(
                &url,
                "eth_getBlockByNumber",
                json!([format!("{number:#x}"), false]),
            )
            .await
        }
    };
    // Three blocks, 60 s apart.
    assert_eq!(
        ok(&url, "anvil_mine", json!(["0x3", "0x3c"])).await,
        Value::Null
    );
    assert_eq!(ok(&url, "eth_blockNumber", json!([])).await, "0x3");
    let times: Vec<u64> = {
        let mut times = Vec::new();
        for number in 1..=3 {
            times.push(q(&block(number).await["timestamp"]));
        }
        times
    };
    assert_eq!(times[1], times[0] + 60);
    assert_eq!(times[2], times[1] + 60);
    // hardhat_mine with a count; anvil_mine without: one block.
    assert_eq!(ok(&url, "hardhat_mine", json!(["0x2"])).await, true);
    assert_eq!(ok(&url, "eth_blockNumber", json!([])).await, "0x5");
    ok(&url, "anvil_mine", json!([])).await;
    assert_eq!(ok(&url, "eth_blockNumber", json!([])).await, "0x6");
    let error = err(&url, "anvil_mine", json!(["0xffffffff"])).await;
    assert_eq!(error["code"], -32602);

    // Automine off: transactions wait for a mine; on again: what waits is mined at once.
    assert_eq!(ok(&url, "evm_setAutomine", json!([false])).await, true);
    assert_eq!(ok(&url, "anvil_getAutomine", json!([])).await, false);
    let from = dev(1).address();
    let to = address!("00000000000000000000000000000000000b0b01");
    let first = ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": to, "value": "0x1" }]),
    )
    .await;
    assert_eq!(ok(&url, "eth_blockNumber", json!([])).await, "0x6");
    assert_eq!(
        ok(&url, "eth_getTransactionReceipt", json!([first])).await,
        Value::Null
    );
    ok(&url, "anvil_mine", json!(["0x1"])).await;
    assert_eq!(
        ok(&url, "eth_getTransactionReceipt", json!([first])).await["blockNumber"],
        "0x7"
    );
    let second = ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": to, "value": "0x1" }]),
    )
    .await;
    assert_eq!(
        ok(&url, "eth_getTransactionReceipt", json!([second])).await,
        Value::Null
    );
    assert_eq!(
        ok(&url, "anvil_setAutomine", json!([true])).await,
        Value::Null
    );
    assert_eq!(
        ok(&url, "eth_getTransactionReceipt", json!([second])).await["blockNumber"],
        "0x8"
    );
    assert_eq!(ok(&url, "hardhat_getAutomine", json!([])).await, true);
    devnet.stop().await.unwrap();
}
