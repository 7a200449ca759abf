//! State at past blocks: eth_call, eth_estimateGas, eth_createAccessList, eth_getBalance,
//! eth_getCode, eth_getStorageAt and eth_getTransactionCount answer for any kept block as the
//! chain was at the end of it (what `cast call/balance/storage --block N` ask), by number or
//! hash; a block that is no longer kept, or not yet mined, is an error, never today's state.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_primitives::{Address, B256, Bytes, U256, address};
use alloy_sol_types::{SolCall, sol};
use common::*;
use serde_json::{Value, json};
use stylus_devnet::{DevnetConfig, NodeConfig};

sol! {
    function count() external view returns (uint256);
    function increment() external returns (uint256);
    function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
    function totalSupply() external view returns (uint256);
}

const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");

fn hex(number: u64) -> String {
    format!("{number:#x}")
}

/// Sends a transaction from a dev account; the block it was mined in.
async fn send(url: &str, tx: Value) -> u64 {
    let hash = ok(url, "eth_sendTransaction", json!([tx])).await;
    let receipt = ok(url, "eth_getTransactionReceipt", json!([hash])).await;
    assert_eq!(receipt["status"], "0x1", "{receipt}");
    q(&receipt["blockNumber"])
}

/// `count()` of the counter at `block`.
async fn count_at(url: &str, counter: Address, block: Value) -> U256 {
    let data = Bytes::from(countCall {}.abi_encode());
    let output = ok(
        url,
        "eth_call",
        json!([{ "to": counter, "data": data }, block]),
    )
    .await;
    U256::from_str_radix(output.as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
}

#[tokio::test]
async fn reads_and_calls_at_a_past_block_see_that_block_s_state() {
    let devnet = start().await;
    let url = devnet.url();
    let from = dev(1).address();
    let counter = deploy(&url, from, &solidity("Counter")).await;
    let deployed_in = q(&ok(&url, "eth_blockNumber", json!([])).await);
    let increment = Bytes::from(incrementCall {}.abi_encode());
    let mut blocks = vec![deployed_in];
    for _ in 0..3 {
        blocks.push(
            send(
                &url,
                json!({ "from": from, "to": counter, "data": increment }),
            )
            .await,
        );
    }
    assert_eq!(blocks, (deployed_in..deployed_in + 4).collect::<Vec<_>>());

    for (expected, block) in blocks.iter().enumerate() {
        let tag = json!(hex(*block));
        assert_eq!(
            count_at(&url, counter, tag.clone()).await,
            U256::from(expected),
            "count() at block {block}"
        );
        let slot = ok(&url, "eth_getStorageAt", json!([counter, "0x0", tag])).await;
        assert_eq!(slot, json!(B256::from(U256::from(expected))));
        // The sender's nonce: one for the deployment, one per increment, plus what came
        // before (none: dev account 1 is fresh).
        let nonce = ok(&url, "eth_getTransactionCount", json!([from, tag])).await;
        assert_eq!(q(&nonce), expected as u64 + 1, "nonce at block {block}");
    }
    assert_eq!(
        count_at(&url, counter, json!("latest")).await,
        U256::from(3)
    );

    // By hash too (EIP-1898), and the same answer as by number.
    let block = ok(&url, "eth_getBlockByNumber", json!([hex(blocks[1]), false])).await;
    let by_hash = json!({ "blockHash": block["hash"] });
    assert_eq!(count_at(&url, counter, by_hash).await, U256::from(1));

    // Balances fall with every transaction's fee; the code was not there before the deploy.
    let mut balances = Vec::new();
    for block in &blocks {
        balances.push(ok(&url, "eth_getBalance", json!([from, hex(*block)])).await);
    }
    let wei = |value: &Value| {
        U256::from_str_radix(value.as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
    };
    assert!(
        balances
            .windows(2)
            .all(|pair| wei(&pair[1]) < wei(&pair[0])),
        "{balances:?}"
    );
    let before = ok(&url, "eth_getCode", json!([counter, hex(deployed_in - 1)])).await;
    assert_eq!(before, "0x");
    let after = ok(&url, "eth_getCode", json!([counter, hex(deployed_in)])).await;
    assert_ne!(after, "0x");

    // A call at a past block runs in that block: NUMBER and TIMESTAMP are its own (code
    // that returns them, put in place by a state override).
    let probe = address!("00000000000000000000000000000000000c0de0");
    for (opcode, field) in [("43", "number"), ("42", "timestamp")] {
        let code = format!("0x{opcode}5f5260205ff3");
        let output = ok(
            &url,
            "eth_call",
            json!([{ "to": probe }, hex(blocks[1]), { probe.to_string(): { "code": code } }]),
        )
        .await;
        let header = ok(&url, "eth_getBlockByNumber", json!([hex(blocks[1]), false])).await;
        assert_eq!(
            U256::from_str_radix(output.as_str().unwrap().trim_start_matches("0x"), 16).unwrap(),
            U256::from(q(&header[field])),
            "{field}"
        );
    }

    // An estimate and an access list at a past block run on its state too.
    let estimate = ok(
        &url,
        "eth_estimateGas",
        json!([{ "from": from, "to": counter, "data": increment }, hex(blocks[0])]),
    )
    .await;
    // From 0 to 1 sets a zero slot (22,100 for the SSTORE); from 3 to 4 changes a set one.
    let estimate_now = ok(
        &url,
        "eth_estimateGas",
        json!([{ "from": from, "to": counter, "data": increment }, "latest"]),
    )
    .await;
    assert!(
        q(&estimate) > q(&estimate_now) + 15_000,
        "{estimate} vs {estimate_now}"
    );
    let list = ok(
        &url,
        "eth_createAccessList",
        json!([{ "from": from, "to": counter, "data": increment }, hex(blocks[0])]),
    )
    .await;
    assert_eq!(list["accessList"][0]["address"], json!(counter), "{list}");

    // A block not mined yet is an error, as before.
    let error = err(&url, "eth_getBalance", json!([from, hex(blocks[3] + 1)])).await;
    assert!(
        error["message"].as_str().unwrap().contains("not found"),
        "{error}"
    );
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn direct_changes_after_a_block_are_not_in_its_state() {
    let devnet = start().await;
    let url = devnet.url();
    let from = dev(1).address();
    let counter = deploy(&url, from, &solidity("Counter")).await;
    let block = q(&ok(&url, "eth_blockNumber", json!([])).await);
    let account = address!("00000000000000000000000000000000000ba1a0");
    ok(&url, "anvil_setBalance", json!([account, "0x64"])).await;
    ok(
        &url,
        "anvil_setStorageAt",
        json!([counter, "0x0", B256::from(U256::from(9))]),
    )
    .await;
    // The latest block's state is the current one, changes included (as anvil).
    assert_eq!(
        ok(&url, "eth_getBalance", json!([account, hex(block)])).await,
        "0x64"
    );
    assert_eq!(
        count_at(&url, counter, json!("latest")).await,
        U256::from(9)
    );

    // Once another block is mined, the earlier block's state no longer has them.
    ok(&url, "evm_mine", json!([])).await;
    assert_eq!(
        ok(&url, "eth_getBalance", json!([account, hex(block)])).await,
        "0x0"
    );
    assert_eq!(count_at(&url, counter, json!(hex(block))).await, U256::ZERO);
    assert_eq!(
        ok(&url, "eth_getBalance", json!([account, hex(block + 1)])).await,
        "0x64"
    );
    assert_eq!(
        count_at(&url, counter, json!(hex(block + 1))).await,
        U256::from(9)
    );
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn only_the_configured_number_of_blocks_is_kept() {
    let devnet = start_with(DevnetConfig {
        node: NodeConfig {
            state_history: 2,
            ..NodeConfig::default()
        },
        ..DevnetConfig::default()
    })
    .await;
    let url = devnet.url();
    let from = dev(1).address();
    let to = address!("00000000000000000000000000000000000b10c0");
    let mut blocks = Vec::new();
    for value in 1..=4u64 {
        blocks.push(send(&url, json!({ "from": from, "to": to, "value": hex(value) })).await);
    }
    // Kept: the latest block and the two before it (each kept block's changes undone).
    for (index, block) in blocks.iter().enumerate().skip(1) {
        let balance = ok(&url, "eth_getBalance", json!([to, hex(*block)])).await;
        let sum: u64 = (1..=index as u64 + 1).sum();
        assert_eq!(q(&balance), sum, "balance at block {block}");
    }
    let error = err(&url, "eth_getBalance", json!([to, hex(blocks[0])])).await;
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("no longer kept"), "{error}");
    assert!(message.contains("--state-history"), "{error}");
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn past_states_follow_a_revert() {
    let devnet = start().await;
    let url = devnet.url();
    let from = dev(1).address();
    let counter = deploy(&url, from, &solidity("Counter")).await;
    let increment = Bytes::from(incrementCall {}.abi_encode());
    let first = send(
        &url,
        json!({ "from": from, "to": counter, "data": increment }),
    )
    .await;
    let snapshot = ok(&url, "evm_snapshot", json!([])).await;
    for _ in 0..2 {
        send(
            &url,
            json!({ "from": from, "to": counter, "data": increment }),
        )
        .await;
    }
    assert_eq!(ok(&url, "evm_revert", json!([snapshot])).await, json!(true));
    // The blocks after the snapshot are gone, and block numbers are reused by new blocks.
    ok(
        &url,
        "anvil_setStorageAt",
        json!([counter, "0x0", B256::from(U256::from(7))]),
    )
    .await;
    let again = send(
        &url,
        json!({ "from": from, "to": counter, "data": increment }),
    )
    .await;
    assert_eq!(again, first + 1);
    assert_eq!(
        count_at(&url, counter, json!(hex(first))).await,
        U256::from(1)
    );
    assert_eq!(
        count_at(&url, counter, json!(hex(again))).await,
        U256::from(8)
    );
    assert_eq!(
        count_at(&url, counter, json!(hex(first - 1))).await,
        U256::ZERO
    );
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn a_stylus_program_is_not_activated_in_the_state_before_its_activation() {
    // The pipeline's artifact; missing means `cargo xtask build` has not run: fail, never skip.
    let code = stylus_runtime::deploy::stylus_artifact("lrt-token")
        .unwrap_or_else(|error| panic!("{error}"));
    let devnet = start().await;
    let url = devnet.url();
    let from = dev(0).address();
    let program = deploy(&url, from, &stylus_program::code::init_code(&code).into()).await;
    let deployed_in = q(&ok(&url, "eth_blockNumber", json!([])).await);
    let activate = Bytes::from(activateProgramCall { program }.abi_encode());
    let activated_in = send(
        &url,
        json!({ "from": from, "to": ARB_WASM, "data": activate, "value": "0xde0b6b3a7640000" }),
    )
    .await;
    let supply = Bytes::from(totalSupplyCall {}.abi_encode());
    let call = |block: u64| json!([{ "from": from, "to": program, "data": supply }, hex(block)]);

    // The program's activation record lives in ArbOS's state: undone with the block.
    let error = err(&url, "eth_call", call(deployed_in)).await;
    assert_eq!(error["message"], "program not activated", "{error}");
    let output = ok(&url, "eth_call", call(activated_in)).await;
    assert_eq!(output, json!(B256::ZERO), "no constructor ran: no supply");
    devnet.stop().await.unwrap();
}
