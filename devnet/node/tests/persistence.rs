//! `--state FILE`: what was mined survives a stop and a restart, in process and for the
//! binary stopped with SIGTERM.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use std::{
    io::{BufRead, BufReader},
    path::PathBuf,
    process::{Child, Command, Stdio},
};

use alloy_primitives::{Address, Bytes, address};
use alloy_sol_types::{SolCall, sol};
use common::*;
use serde_json::{Value, json};
use stylus_devnet::{DevnetConfig, accounts};

sol! {
    function emitTyped(bytes32 tag, uint256 value, bytes data) external;
}

fn state_file(name: &str) -> PathBuf {
    let path =
        std::env::temp_dir().join(format!("stylus-devnet-{}-{name}.json", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path
}

/// Mines a transfer, a deployment and a log; returns what to check after a restart.
async fn mine_some(url: &str) -> (Address, Value, Value) {
    let from = accounts::dev_addresses()[0];
    let to = address!("00000000000000000000000000000000000beef5");
    ok(
        url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": to, "value": "0x2a" }]),
    )
    .await;
    let emitter = deploy(url, from, &solidity("Emitter")).await;
    let data = Bytes::from(
        emitTypedCall {
            tag: Default::default(),
            value: Default::default(),
            data: Bytes::new(),
        }
        .abi_encode(),
    );
    let hash = ok(
        url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": emitter, "data": data }]),
    )
    .await;
    let receipt = ok(url, "eth_getTransactionReceipt", json!([hash])).await;
    let block = ok(url, "eth_getBlockByNumber", json!(["latest", true])).await;
    (emitter, receipt, block)
}

async fn check_restored(url: &str, emitter: Address, receipt: &Value, block: &Value) {
    let from = accounts::dev_addresses()[0];
    let to = address!("00000000000000000000000000000000000beef5");
    assert_eq!(ok(url, "eth_blockNumber", json!([])).await, "0x3");
    assert_eq!(
        ok(url, "eth_getBalance", json!([to, "latest"])).await,
        "0x2a"
    );
    assert_eq!(
        ok(url, "eth_getTransactionCount", json!([from, "latest"])).await,
        "0x3"
    );
    let code = ok(url, "eth_getCode", json!([emitter, "latest"])).await;
    assert_eq!(
        code,
        json!(
            stylus_runtime::deploy::solidity_artifact("Emitter")
                .unwrap()
                .deployed_bytecode
        )
    );
    let hash = receipt["transactionHash"].clone();
    assert_eq!(
        &ok(url, "eth_getTransactionReceipt", json!([hash])).await,
        receipt
    );
    assert_eq!(
        &ok(url, "eth_getBlockByNumber", json!(["latest", true])).await,
        block
    );
    let logs = ok(
        url,
        "eth_getLogs",
        json!([{ "fromBlock": "0x0", "address": emitter }]),
    )
    .await;
    assert_eq!(logs, receipt["logs"]);
    // The chain goes on from there.
    ok(
        url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": to, "value": "0x1" }]),
    )
    .await;
    let latest = ok(url, "eth_getBlockByNumber", json!(["latest", false])).await;
    assert_eq!(latest["number"], "0x4");
    assert_eq!(latest["parentHash"], block["hash"]);
}

#[tokio::test]
async fn state_survives_a_stop_and_a_restart_in_process() {
    let path = state_file("in-process");
    let config = DevnetConfig {
        state: Some(path.clone()),
        ..Default::default()
    };
    let devnet = start_with(config.clone()).await;
    let (emitter, receipt, block) = mine_some(&devnet.url()).await;
    devnet.stop().await.unwrap();
    assert!(path.exists());

    let devnet = start_with(config).await;
    check_restored(&devnet.url(), emitter, &receipt, &block).await;
    devnet.stop().await.unwrap();
    std::fs::remove_file(&path).unwrap();
}

/// Starts the `devnet` binary on a free port; returns it and its URL.
fn spawn_binary(state: &PathBuf) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_devnet"))
        .args(["--port", "0", "--state"])
        .arg(state)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let url = loop {
        let line = lines.next().expect("devnet exited").unwrap();
        if let Some(url) = line.strip_prefix("Listening on ") {
            break url.to_owned();
        }
    };
    (child, url)
}

fn terminate(mut child: Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "devnet exited with {exit}");
}

#[tokio::test]
async fn the_binary_stopped_with_sigterm_restarts_from_its_state_file() {
    let path = state_file("binary");
    let (child, url) = spawn_binary(&path);
    let (emitter, receipt, block) = mine_some(&url).await;
    terminate(child);
    assert!(path.exists());

    let (child, url) = spawn_binary(&path);
    check_restored(&url, emitter, &receipt, &block).await;
    terminate(child);
    std::fs::remove_file(&path).unwrap();
}

sol! {
    function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
    function programVersion(address program) external view returns (uint16 version);
    function totalSupply() external view returns (uint256);
}

#[tokio::test]
async fn an_activated_stylus_program_survives_sigterm_and_restart() {
    let arb_wasm = address!("0000000000000000000000000000000000000071");
    let path = state_file("stylus");
    let (child, url) = spawn_binary(&path);
    let from = accounts::dev_addresses()[0];
    // The pipeline's artifact; missing means `cargo xtask build` has not run: fail, never skip.
    let code = stylus_runtime::deploy::stylus_artifact("lrt-token")
        .unwrap_or_else(|error| panic!("{error}"));
    let program = deploy(&url, from, &stylus_program::code::init_code(&code).into()).await;
    let activate = Bytes::from(activateProgramCall { program }.abi_encode());
    let hash = ok(
        &url,
        "eth_sendTransaction",
        json!([{ "from": from, "to": arb_wasm, "data": activate, "value": "0xde0b6b3a7640000" }]),
    )
    .await;
    let receipt = ok(&url, "eth_getTransactionReceipt", json!([hash])).await;
    assert_eq!(receipt["status"], "0x1", "{receipt}");
    terminate(child);

    let (child, url) = spawn_binary(&path);
    // The activation record, the program's code and the activation event are all back.
    let version = ok(
        &url,
        "eth_call",
        json!([{ "to": arb_wasm, "data": Bytes::from(programVersionCall { program }.abi_encode()) }, "latest"]),
    )
    .await;
    let version: Bytes = serde_json::from_value(version).unwrap();
    assert_eq!(programVersionCall::abi_decode_returns(&version).unwrap(), 2);
    let code_after: Bytes =
        serde_json::from_value(ok(&url, "eth_getCode", json!([program, "latest"])).await).unwrap();
    assert_eq!(code_after.as_ref(), code.as_slice());
    let logs = ok(
        &url,
        "eth_getLogs",
        json!([{ "fromBlock": "0x0", "address": arb_wasm }]),
    )
    .await;
    assert_eq!(logs, receipt["logs"]);
    // And it runs: an unactivated program would halt here.
    let supply = ok(
        &url,
        "eth_call",
        json!([{ "to": program, "data": Bytes::from(totalSupplyCall {}.abi_encode()) }, "latest"]),
    )
    .await;
    let supply: Bytes = serde_json::from_value(supply).unwrap();
    assert_eq!(supply.len(), 32);
    terminate(child);
    std::fs::remove_file(&path).unwrap();
}
