//! A fragmented program over JSON-RPC at `--arbos-version 60`, in the steps cargo-stylus 0.10
//! takes for a program over 24 KiB: ask ArbOwnerPublic how many fragments are allowed, check
//! the activation with `eth_call` and state overrides putting the fragments and the root at
//! made-up addresses, deploy the fragments and then the root, activate the root, call it. The
//! program is the LRT artifact split in two.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_primitives::{Address, Bytes, U256, hex};
use alloy_sol_types::SolCall;
use common::*;
use serde_json::json;
use stylus_program::fragments::SplitProgram;
use stylus_runtime::{
    arb_owner_public::IArbOwnerPublic,
    arb_wasm::IArbWasm,
    precompiles::{ARB_OWNER_PUBLIC, ARB_WASM},
};

/// `totalSupply()`.
const TOTAL_SUPPLY: &str = "0x18160ddd";

fn lrt_split() -> SplitProgram {
    let code = stylus_runtime::deploy::stylus_artifact("lrt-token").expect("cargo xtask build");
    let wasm = stylus_program::decode_program(&code, 128 * 1024).unwrap();
    // Two fragments, as cargo-stylus makes of a program just over 24 KiB.
    SplitProgram::new(&wasm, (code.len() - 4) / 2 + 10)
}

async fn call(url: &str, to: Address, data: Vec<u8>) -> Vec<u8> {
    let output = ok(
        url,
        "eth_call",
        json!([{ "to": to, "data": Bytes::from(data) }, "latest"]),
    )
    .await;
    hex::decode(output.as_str().unwrap()).unwrap()
}

#[tokio::test]
async fn at_arbos_60_a_split_program_is_checked_deployed_activated_and_called() {
    let devnet = start_at_arbos(60).await;
    let url = devnet.url();
    let from = dev(0).address();
    let split = lrt_split();
    assert_eq!(split.fragments.len(), 2);

    let max = call(
        &url,
        ARB_OWNER_PUBLIC,
        IArbOwnerPublic::getMaxStylusContractFragmentsCall {}.abi_encode(),
    )
    .await;
    let max = IArbOwnerPublic::getMaxStylusContractFragmentsCall::abi_decode_returns(&max).unwrap();
    assert_eq!(usize::from(max), split.fragments.len());

    // `cargo stylus check`: activation of code that exists only in the call's state overrides.
    let made_up = [Address::repeat_byte(0xA1), Address::repeat_byte(0xA2)];
    let root_at = Address::repeat_byte(0xB0);
    let mut overrides = serde_json::Map::new();
    for (address, code) in made_up.iter().zip(&split.fragments) {
        overrides.insert(
            address.to_string(),
            json!({ "code": Bytes::from(code.clone()) }),
        );
    }
    let root = split.root(made_up.iter().map(|a| a.0.0)).encode();
    overrides.insert(root_at.to_string(), json!({ "code": Bytes::from(root) }));
    let check = IArbWasm::activateProgramCall { program: root_at }.abi_encode();
    let output = ok(
        &url,
        "eth_call",
        json!([{ "from": from, "to": ARB_WASM, "data": Bytes::from(check), "value": "0xde0b6b3a7640000" }, "latest", overrides]),
    )
    .await;
    let checked = IArbWasm::activateProgramCall::abi_decode_returns(
        &hex::decode(output.as_str().unwrap()).unwrap(),
    )
    .unwrap();
    assert_eq!(checked.version, 2);
    assert!(checked.dataFee > U256::ZERO);

    // `cargo stylus deploy`: the fragments, then the root naming them, then the activation.
    let mut fragments = Vec::new();
    for code in &split.fragments {
        let init: Bytes = stylus_program::code::init_code(code).into();
        fragments.push(deploy(&url, from, &init).await);
    }
    let root = split.root(fragments.iter().map(|a| a.0.0)).encode();
    let program = deploy(&url, from, &stylus_program::code::init_code(&root).into()).await;
    let activate = IArbWasm::activateProgramCall { program }.abi_encode();
    let hash = ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": ARB_WASM, "data": Bytes::from(activate), "value": "0xde0b6b3a7640000" }]),
    )
    .await;
    let receipt = ok(&url, "eth_getTransactionReceipt", json!([hash])).await;
    assert_eq!(receipt["status"], "0x1", "{receipt}");

    // The LRT runs from its root: no supply yet.
    let supply = ok(
        &url,
        "eth_call",
        json!([{ "to": program, "data": TOTAL_SUPPLY }, "latest"]),
    )
    .await;
    assert_eq!(
        U256::from_str_radix(supply.as_str().unwrap().trim_start_matches("0x"), 16).unwrap(),
        U256::ZERO
    );
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn at_the_default_arbos_version_the_fragment_limit_is_unknown() {
    let devnet = start().await;
    let url = devnet.url();
    let data = IArbOwnerPublic::getMaxStylusContractFragmentsCall {}.abi_encode();
    let error = err(
        &url,
        "eth_call",
        json!([{ "to": ARB_OWNER_PUBLIC, "data": Bytes::from(data) }, "latest"]),
    )
    .await;
    assert!(
        error["message"].as_str().unwrap().contains("revert"),
        "{error}"
    );
    devnet.stop().await.unwrap();
}
