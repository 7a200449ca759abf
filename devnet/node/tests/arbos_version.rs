//! The ArbOS version flag (`--arbos-version`): ArbSys reports it, and at 60 a Stylus program
//! called by two transactions of one block is priced as cached the second time (ArbOS 60's
//! recent-programs cache), by exactly the init gas ArbWasm reports; at the default (50) both
//! pay the same.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_primitives::{Address, Bytes, U256, hex, keccak256};
use alloy_sol_types::SolCall;
use common::*;
use serde_json::json;
use stylus_runtime::{arb_wasm::IArbWasm, precompiles::ARB_WASM};

/// `totalSupply()`.
const TOTAL_SUPPLY: &str = "0x18160ddd";

/// Deploys and activates the LRT program; its address.
async fn lrt_program(url: &str, from: Address) -> Address {
    let code = stylus_runtime::deploy::stylus_artifact("lrt-token").expect("cargo xtask build");
    let init: Bytes = stylus_program::code::init_code(&code).into();
    let program = deploy(url, from, &init).await;
    let activate = IArbWasm::activateProgramCall { program }.abi_encode();
    let hash = ok(
        url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": ARB_WASM, "data": Bytes::from(activate), "value": "0xde0b6b3a7640000" }]),
    )
    .await;
    let receipt = ok(url, "eth_getTransactionReceipt", json!([hash])).await;
    assert_eq!(receipt["status"], "0x1", "{receipt}");
    program
}

/// Gas used by two `totalSupply()` transactions to `program` mined in one block.
async fn two_calls_in_one_block(url: &str, from: Address, program: Address) -> (u64, u64) {
    ok(url, "evm_setAutomine", json!([false])).await;
    let mut hashes = Vec::new();
    for _ in 0..2 {
        let tx = json!([{ "from": from, "to": program, "data": TOTAL_SUPPLY, "gas": "0x100000" }]);
        hashes.push(ok(url, "eth_sendTransaction", tx).await);
    }
    ok(url, "evm_mine", json!([])).await;
    let mut gas = Vec::new();
    let mut blocks = Vec::new();
    for hash in hashes {
        let receipt = ok(url, "eth_getTransactionReceipt", json!([hash])).await;
        assert_eq!(receipt["status"], "0x1", "{receipt}");
        gas.push(q(&receipt["gasUsed"]));
        blocks.push(receipt["blockNumber"].clone());
    }
    assert_eq!(blocks[0], blocks[1], "one block");
    ok(url, "evm_setAutomine", json!([true])).await;
    (gas[0], gas[1])
}

async fn reported_arbos_version(url: &str) -> u64 {
    // ArbSys (0x64) `arbOSVersion()`.
    let selector = Bytes::copy_from_slice(&keccak256("arbOSVersion()")[..4]);
    let call =
        json!([{ "to": "0x0000000000000000000000000000000000000064", "data": selector }, "latest"]);
    let output = ok(url, "eth_call", call).await;
    let bytes = hex::decode(output.as_str().unwrap()).unwrap();
    U256::from_be_slice(&bytes).to::<u64>()
}

#[tokio::test]
async fn at_arbos_60_the_second_call_in_a_block_is_priced_as_cached() {
    let devnet = start_at_arbos(60).await;
    let url = devnet.url();
    let from = dev(0).address();
    assert_eq!(reported_arbos_version(&url).await, 55 + 60);
    let program = lrt_program(&url, from).await;

    let init = IArbWasm::programInitGasCall { program }.abi_encode();
    let init = ok(
        &url,
        "eth_call",
        json!([{ "to": ARB_WASM, "data": Bytes::from(init) }, "latest"]),
    )
    .await;
    let init = IArbWasm::programInitGasCall::abi_decode_returns(
        &hex::decode(init.as_str().unwrap()).unwrap(),
    )
    .unwrap();
    let saving = init.gas - init.gasWhenCached;
    assert!(saving > 10_000, "{saving}");

    let (first, second) = two_calls_in_one_block(&url, from, program).await;
    assert_eq!(first - second, saving, "first {first}, second {second}");
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn by_default_both_calls_pay_the_same() {
    let devnet = start().await;
    let url = devnet.url();
    let from = dev(0).address();
    assert_eq!(reported_arbos_version(&url).await, 55 + 50);
    let program = lrt_program(&url, from).await;
    let (first, second) = two_calls_in_one_block(&url, from, program).await;
    assert_eq!(first, second);
    devnet.stop().await.unwrap();
}
