//! Foundry's cast and forge (npm `@foundry-rs/cast` and `@foundry-rs/forge`, pinned in
//! package.json) drive the devnet unchanged: `forge script --broadcast` sends its nine
//! transactions at once (sequential nonces arriving in any order) twenty times in a row, with
//! a salted deployment through the deterministic CREATE2 deployer; `cast call`, `cast storage`
//! and `cast balance` read at a past block; `cast run` replays a mined transaction.
//!
//! forge compiles with the pinned solcjs through `devnet/node/js/solc-for-forge.mjs` and never
//! downloads a compiler. Needs `npm ci` (`cargo xtask test` runs it when a package is missing):
//! without the packages the tests fail, saying so.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use std::{path::PathBuf, process::Stdio, time::Duration};

use alloy_primitives::{Address, Bytes};
use alloy_sol_types::{SolCall, sol};
use common::*;
use serde_json::{Value, json};
use stylus_devnet::accounts;

sol! {
    function increment() external returns (uint256);
}

/// How long one cast or forge command may take.
const TIMEOUT: Duration = Duration::from_secs(180);

/// A Foundry tool installed by `npm ci`.
fn tool(name: &str) -> PathBuf {
    let path = workspace_root().join("node_modules/.bin").join(name);
    assert!(
        path.exists(),
        "{} is missing: run `npm ci` in the workspace root (`cargo xtask test` does when a \
         package is missing); this test needs @foundry-rs/{name} as pinned in package.json",
        path.display()
    );
    path
}

/// Runs a tool to the end; its stdout, after asserting that it succeeded.
async fn run(mut command: tokio::process::Command) -> String {
    let shown = format!("{:?}", command.as_std());
    let output = tokio::time::timeout(
        TIMEOUT,
        command.stdin(Stdio::null()).kill_on_drop(true).output(),
    )
    .await
    .unwrap_or_else(|_| panic!("{shown} did not finish within {TIMEOUT:?}"))
    .unwrap_or_else(|error| panic!("cannot run {shown}: {error}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{shown} failed ({}):\nstderr:\n{}\nstdout:\n{stdout}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn cast(args: &[&str]) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(tool("cast"));
    command.args(args);
    command
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forge_script_broadcasts_twenty_times_in_a_row() {
    let root = workspace_root();
    let devnet = start().await;
    let url = devnet.url();
    let key = accounts::DEV_KEYS[4].to_string();
    let sender = accounts::dev_addresses()[4];

    // The project in a directory of its own (forge writes out/, cache/ and broadcast/).
    let project = std::env::temp_dir().join(format!("devnet-forge-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&project);
    std::fs::create_dir_all(project.join("src")).unwrap();
    std::fs::create_dir_all(project.join("script")).unwrap();
    let copy = |from: &str, to: &str| {
        std::fs::copy(root.join(from), project.join(to))
            .unwrap_or_else(|error| panic!("{from}: {error}"));
    };
    copy("devnet/node/forge/foundry.toml", "foundry.toml");
    copy(
        "devnet/node/forge/script/Deploy.s.sol",
        "script/Deploy.s.sol",
    );
    copy("devnet/solidity/test/Counter.sol", "src/Counter.sol");

    for round in 1..=20u64 {
        let mut forge = tokio::process::Command::new(tool("forge"));
        forge
            .args(["script", "script/Deploy.s.sol:Deploy", "--broadcast"])
            .args(["--rpc-url", &url, "--private-key", &key])
            .env("SALT", round.to_string())
            .env(
                "FOUNDRY_SOLC",
                root.join("devnet/node/js/solc-for-forge.mjs"),
            )
            .env("FOUNDRY_OFFLINE", "true")
            .env("NO_COLOR", "1")
            .current_dir(&project);
        let stdout = run(forge).await;
        assert!(
            stdout.contains("ONCHAIN EXECUTION COMPLETE & SUCCESSFUL"),
            "round {round}:\n{stdout}"
        );
        let record: Value = serde_json::from_slice(
            &std::fs::read(project.join("broadcast/Deploy.s.sol/412346/run-latest.json")).unwrap(),
        )
        .unwrap();
        let receipts = record["receipts"].as_array().unwrap();
        assert_eq!(receipts.len(), 9, "round {round}: {record}");
        for receipt in receipts {
            assert_eq!(receipt["status"], "0x1", "round {round}: {receipt}");
        }
        // The salted deployment went through the CREATE2 deployer and left code where forge
        // computed it would.
        let salted = &record["transactions"][8];
        assert_eq!(
            salted["transaction"]["to"].as_str().unwrap().to_lowercase(),
            "0x4e59b44847b379578588920ca78fbf26c0b4956c"
        );
        let address: Address = serde_json::from_value(salted["contractAddress"].clone()).unwrap();
        let code = ok(&url, "eth_getCode", json!([address, "latest"])).await;
        assert_ne!(code, "0x", "round {round}: no code at {address}");
    }
    let nonce = ok(&url, "eth_getTransactionCount", json!([sender, "latest"])).await;
    assert_eq!(
        q(&nonce),
        20 * 9,
        "every transaction of every round was mined"
    );
    let _ = std::fs::remove_dir_all(&project);
    devnet.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cast_reads_at_a_past_block_and_replays_a_transaction() {
    let devnet = start().await;
    let url = devnet.url();
    let from = dev(3).address();
    let counter = deploy(&url, from, &solidity("Counter")).await;
    let increment = Bytes::from(incrementCall {}.abi_encode());
    let mut hashes = Vec::new();
    for _ in 0..2 {
        hashes.push(
            ok(
                &url,
                "eth_sendTransaction",
                json!([{ "from": from, "to": counter, "data": increment }]),
            )
            .await,
        );
    }
    let receipt = ok(&url, "eth_getTransactionReceipt", json!([hashes[0]])).await;
    let first = q(&receipt["blockNumber"]).to_string();
    let before = (q(&receipt["blockNumber"]) - 1).to_string();
    let counter = counter.to_string();
    let from = from.to_string();

    let at = |block: &str, args: &[&str]| {
        let mut command = cast(args);
        command.args(["--rpc-url", &url, "--block", block]);
        command
    };
    assert_eq!(
        run(at(&first, &["call", &counter, "count()(uint256)"]))
            .await
            .trim(),
        "1"
    );
    assert_eq!(
        run(at("latest", &["call", &counter, "count()(uint256)"]))
            .await
            .trim(),
        "2"
    );
    assert_eq!(
        run(at(&before, &["storage", &counter, "0"])).await.trim(),
        "0x0000000000000000000000000000000000000000000000000000000000000000"
    );
    let balance_before: u128 = run(at(&before, &["balance", &from]))
        .await
        .trim()
        .parse()
        .unwrap();
    let balance_now: u128 = run(at("latest", &["balance", &from]))
        .await
        .trim()
        .parse()
        .unwrap();
    assert!(
        balance_now < balance_before,
        "fees were paid after block {before}"
    );

    // cast run fetches the block and the state before it, and runs the transaction again in
    // its own EVM: the same gas as the receipt.
    let hash = hashes[1].as_str().unwrap();
    let mut replay = cast(&["run", hash, "--rpc-url", &url]);
    replay.env("NO_COLOR", "1");
    let stdout = run(replay).await;
    assert!(
        stdout.contains("Transaction successfully executed."),
        "{stdout}"
    );
    let receipt = ok(&url, "eth_getTransactionReceipt", json!([hash])).await;
    assert!(
        stdout.contains(&format!("Gas used: {}", q(&receipt["gasUsed"]))),
        "{stdout}\nreceipt: {receipt}"
    );
    devnet.stop().await.unwrap();
}
