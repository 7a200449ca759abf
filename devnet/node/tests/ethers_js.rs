//! ethers.js v6 under node drives the devnet: `devnet/node/js/ethers-eip1559.mjs` deploys
//! Emitter and calls it with EIP-1559 transactions it signs itself, decodes the receipts' logs
//! and queries them with `queryFilter`; this test checks the script's summary against what the
//! devnet reports over JSON-RPC.
//!
//! Needs Node.js and `node_modules/ethers` (`npm ci` in the workspace root; `cargo xtask test`
//! runs it when a package is missing): without them the test fails, saying so.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_primitives::{Address, B256, Bytes, U256};
use alloy_sol_types::{SolEvent, sol};
use common::*;
use serde_json::{Value, json};
use stylus_devnet::accounts;

sol! {
    event Emitted(address indexed sender, bytes32 indexed tag, uint256 value, bytes data);
}

/// The devnet's base fee (0.1 gwei) and its answer to eth_maxPriorityFeePerGas (0).
const BASE_FEE: u128 = 100_000_000;

fn string(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
}

fn address(value: &Value) -> Address {
    string(value).parse().unwrap()
}

fn b256(value: &Value) -> B256 {
    string(value).parse().unwrap()
}

/// A decimal string of the summary as U256.
fn dec(value: &Value) -> U256 {
    U256::from_str_radix(string(value), 10).unwrap()
}

/// A hex quantity of the devnet as U256.
fn hex(value: &Value) -> U256 {
    U256::from_str_radix(string(value).trim_start_matches("0x"), 16).unwrap()
}

/// A JSON number of the summary.
fn num(value: &Value) -> u64 {
    value
        .as_u64()
        .unwrap_or_else(|| panic!("not a number: {value}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ethers_v6_sends_a_signed_eip1559_transaction_and_reads_the_logs() {
    let root = workspace_root();
    let emitter = root.join("devnet/solidity/out/Emitter.json");
    assert!(
        emitter.is_file(),
        "{} is missing: run `cargo xtask solc`",
        emitter.display()
    );

    let devnet = start().await;
    let url = devnet.url();
    let key = accounts::DEV_KEYS[3];
    let account = accounts::dev_addresses()[3];
    let summary = node_script(
        "ethers-eip1559.mjs",
        &[url.as_ref(), emitter.as_os_str()],
        &key.to_string(),
    )
    .await;

    // The chain and the account, as ethers saw them.
    assert_eq!(summary["chainId"], "412346");
    assert_eq!(ok(&url, "eth_chainId", json!([])).await, "0x64aba");
    assert_eq!(address(&summary["account"]), account);
    let fees = &summary["feeData"];
    assert_eq!(dec(&fees["baseFeePerGas"]), U256::from(BASE_FEE));
    assert_eq!(dec(&fees["gasPrice"]), U256::from(BASE_FEE));
    assert_eq!(dec(&fees["maxPriorityFeePerGas"]), U256::ZERO);
    assert_eq!(dec(&fees["maxFeePerGas"]), U256::from(2 * BASE_FEE));

    // Three transactions, one block each, all type 2 as the devnet stored and receipted them.
    let contract = address(&summary["contract"]);
    let calls = summary["calls"].as_array().unwrap();
    assert_eq!(calls.len(), 2);
    let mut spent = U256::ZERO;
    for (index, sent) in std::iter::once(&summary["deployment"])
        .chain(calls)
        .enumerate()
    {
        let hash = b256(&sent["hash"]);
        assert_eq!(num(&sent["type"]), 2);
        assert_eq!(num(&sent["nonce"]), index as u64);
        assert_eq!(num(&sent["blockNumber"]), index as u64 + 1);
        let tx = ok(&url, "eth_getTransactionByHash", json!([hash])).await;
        assert_eq!(tx["type"], "0x2", "{tx}");
        assert_eq!(address(&tx["from"]), account);
        assert_eq!(hex(&tx["chainId"]), U256::from(412_346u64));
        assert_eq!(hex(&tx["nonce"]), U256::from(index));
        assert_eq!(hex(&tx["maxFeePerGas"]), dec(&sent["maxFeePerGas"]));
        assert_eq!(hex(&tx["maxFeePerGas"]), U256::from(2 * BASE_FEE));
        assert_eq!(
            hex(&tx["maxPriorityFeePerGas"]),
            dec(&sent["maxPriorityFeePerGas"])
        );
        let receipt = ok(&url, "eth_getTransactionReceipt", json!([hash])).await;
        assert_eq!(receipt["status"], "0x1", "{receipt}");
        assert_eq!(receipt["type"], "0x2");
        assert_eq!(hex(&receipt["blockNumber"]), U256::from(index + 1));
        assert_eq!(hex(&receipt["gasUsed"]), dec(&sent["gasUsed"]));
        assert_eq!(
            hex(&receipt["effectiveGasPrice"]),
            dec(&sent["effectiveGasPrice"])
        );
        assert_eq!(hex(&receipt["effectiveGasPrice"]), U256::from(BASE_FEE));
        if index == 0 {
            assert_eq!(address(&receipt["contractAddress"]), contract);
            assert!(tx["to"].is_null());
        } else {
            assert_eq!(address(&receipt["to"]), contract);
        }
        spent += hex(&receipt["gasUsed"]) * U256::from(BASE_FEE);
    }
    assert_eq!(q(&ok(&url, "eth_blockNumber", json!([])).await), 3);
    assert_eq!(
        q(&ok(&url, "eth_getTransactionCount", json!([account, "latest"])).await),
        3
    );
    // Charged for the gas at the base fee, nothing else.
    assert_eq!(
        hex(&ok(&url, "eth_getBalance", json!([account, "latest"])).await),
        accounts::dev_balance() - spent
    );
    let artifact: Value =
        serde_json::from_str(&std::fs::read_to_string(&emitter).unwrap()).unwrap();
    assert_eq!(
        ok(&url, "eth_getCode", json!([contract, "latest"])).await,
        artifact["deployedBytecode"]
    );

    // The logs ethers decoded are the devnet's, field by field.
    let logs = summary["logs"].as_array().unwrap();
    assert_eq!(logs.len(), 2);
    let found = ok(
        &url,
        "eth_getLogs",
        json!([{ "address": contract, "fromBlock": "0x0", "toBlock": "latest" }]),
    )
    .await;
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), logs.len(), "{found:?}");
    for ((decoded, log), call) in logs.iter().zip(found).zip(calls) {
        assert_eq!(address(&log["address"]), contract);
        assert_eq!(address(&decoded["address"]), contract);
        assert_eq!(log["transactionHash"], decoded["transactionHash"]);
        assert_eq!(log["transactionHash"], call["hash"]);
        assert_eq!(log["blockHash"], decoded["blockHash"]);
        assert_eq!(q(&log["blockNumber"]), num(&decoded["blockNumber"]));
        assert_eq!(
            q(&log["transactionIndex"]),
            num(&decoded["transactionIndex"])
        );
        assert_eq!(q(&log["logIndex"]), num(&decoded["logIndex"]));
        assert_eq!(log["topics"], decoded["topics"]);
        assert_eq!(log["data"], decoded["data"]);
        assert_eq!(log["removed"], false);

        // And what ethers decoded is what alloy decodes from the devnet's log.
        let topics: Vec<B256> = log["topics"].as_array().unwrap().iter().map(b256).collect();
        let data: Bytes = string(&log["data"]).parse().unwrap();
        let event = Emitted::decode_raw_log(topics.iter().copied(), &data).unwrap();
        assert_eq!(topics[0], Emitted::SIGNATURE_HASH);
        assert_eq!(decoded["event"], "Emitted");
        assert_eq!(event.sender, account);
        assert_eq!(address(&decoded["sender"]), account);
        assert_eq!(event.tag, b256(&decoded["tag"]));
        assert_eq!(event.value, dec(&decoded["value"]));
        assert_eq!(
            event.data,
            string(&decoded["payload"]).parse::<Bytes>().unwrap()
        );
    }
    assert_eq!(dec(&logs[0]["value"]), U256::from(12_345u64));
    assert_eq!(
        dec(&logs[1]["value"]),
        (U256::from(1u64) << 200) + U256::from(7u64)
    );
    assert_eq!(
        summary["queried"],
        json!({ "all": 2, "byTag": 1, "otherSender": 0 })
    );

    // The devnet answers the same tag filter queryFilter sent.
    let by_tag = ok(
        &url,
        "eth_getLogs",
        json!([{
            "address": contract,
            "fromBlock": "0x1",
            "topics": [Emitted::SIGNATURE_HASH, null, logs[1]["tag"]],
        }]),
    )
    .await;
    assert_eq!(by_tag.as_array().unwrap().len(), 1);
    assert_eq!(by_tag[0]["transactionHash"], calls[1]["hash"]);

    devnet.stop().await.unwrap();
}
