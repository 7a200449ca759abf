//! Helpers shared by the devnet's tests: start a devnet in process, raw JSON-RPC, providers.

#![allow(dead_code, unreachable_pub, missing_docs)]

use alloy_network::EthereumWallet;
use alloy_primitives::{Address, Bytes};
use alloy_provider::{DynProvider, Provider, ProviderBuilder};
use alloy_signer_local::PrivateKeySigner;
use serde_json::{Value, json};
use stylus_devnet::{Devnet, DevnetConfig, accounts};

/// A devnet on a free port.
pub async fn start() -> Devnet {
    start_with(DevnetConfig::default()).await
}

/// A devnet on a free port following ArbOS `arbos_version`'s Stylus rules.
pub async fn start_at_arbos(arbos_version: u64) -> Devnet {
    start_with(DevnetConfig {
        node: stylus_devnet::NodeConfig {
            arbos_version,
            ..stylus_devnet::NodeConfig::default()
        },
        ..DevnetConfig::default()
    })
    .await
}

/// A devnet on a free port with the given configuration.
pub async fn start_with(mut config: DevnetConfig) -> Devnet {
    config.addr = "127.0.0.1:0".parse().unwrap();
    Devnet::start(config).await.unwrap()
}

/// The dev signer at `index` (0 is the nitro-devnode key).
pub fn dev(index: usize) -> PrivateKeySigner {
    accounts::dev_signers()[index].clone()
}

/// An alloy provider signing with `signer`, with alloy's recommended fillers (nonce, gas,
/// fees, chain id).
pub fn provider(url: &str, signer: PrivateKeySigner) -> DynProvider {
    ProviderBuilder::new()
        .wallet(EthereumWallet::from(signer))
        .connect_http(url.parse().unwrap())
        .erased()
}

/// Posts `body` and returns the HTTP status and the JSON answer.
pub async fn post(url: &str, body: impl Into<reqwest::Body>) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap())
}

/// One JSON-RPC call; the whole response object (`result` or `error`).
pub async fn rpc(url: &str, method: &str, params: Value) -> Value {
    let request = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
    let (status, answer) = post(url, request.to_string()).await;
    assert_eq!(status, 200);
    assert_eq!(answer["id"], 1);
    answer
}

/// One JSON-RPC call that must succeed; its result.
pub async fn ok(url: &str, method: &str, params: Value) -> Value {
    let answer = rpc(url, method, params).await;
    assert!(answer.get("error").is_none(), "{method}: {answer}");
    answer["result"].clone()
}

/// One JSON-RPC call that must fail; its error object.
pub async fn err(url: &str, method: &str, params: Value) -> Value {
    let answer = rpc(url, method, params).await;
    assert!(
        answer.get("result").is_none(),
        "{method} should fail: {answer}"
    );
    answer["error"].clone()
}

/// A hex quantity as u64.
pub fn q(value: &Value) -> u64 {
    u64::from_str_radix(value.as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
}

/// The creation code of a test contract from devnet/solidity/out.
pub fn solidity(name: &str) -> Bytes {
    stylus_runtime::deploy::solidity_artifact(name)
        .unwrap()
        .bytecode
}

/// Deploys creation code with a dev account through eth_sendTransaction; its address.
pub async fn deploy(url: &str, from: Address, code: &Bytes) -> Address {
    let hash = ok(
        url,
        "eth_sendTransaction",
        json!([{ "from": from, "data": code }]),
    )
    .await;
    let receipt = ok(url, "eth_getTransactionReceipt", json!([hash])).await;
    assert_eq!(receipt["status"], "0x1", "{receipt}");
    serde_json::from_value(receipt["contractAddress"].clone()).unwrap()
}

/// Deploys creation code with a transaction `provider` signs; its address.
pub async fn deploy_signed(provider: &DynProvider, code: Bytes) -> Address {
    use alloy_network::TransactionBuilder;
    provider
        .send_transaction(alloy_rpc_types_eth::TransactionRequest::default().with_deploy_code(code))
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap()
        .contract_address
        .unwrap()
}

/// The workspace root (this crate is `devnet/node`).
pub fn workspace_root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Runs a script of `devnet/node/js` under node with `args`, signing with `key`
/// (`DEVNET_PRIVATE_KEY`), and returns the JSON summary it prints; fails the test with the
/// script's output when it fails, times out, or node or `node_modules/ethers` is missing.
pub async fn node_script(script: &str, args: &[&std::ffi::OsStr], key: &str) -> Value {
    const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);
    let root = workspace_root();
    let script = root.join("devnet/node/js").join(script);
    assert!(script.is_file(), "{} is missing", script.display());
    assert!(
        root.join("node_modules/ethers/package.json").is_file(),
        "node_modules/ethers is missing: run `npm ci` in {} (`cargo xtask test` does when a \
         package is missing); this test needs ethers v6 as pinned in package.json",
        root.display()
    );
    let run = tokio::process::Command::new("node")
        .arg(&script)
        .args(args)
        .env("DEVNET_PRIVATE_KEY", key)
        .current_dir(&root)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(TIMEOUT, run)
        .await
        .unwrap_or_else(|_| {
            panic!(
                "node {} did not finish within {TIMEOUT:?}",
                script.display()
            )
        })
        .unwrap_or_else(|error| {
            panic!("cannot run `node` ({error}): this test needs Node.js (with npm) on the PATH")
        });
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{} failed ({}):\nstderr:\n{stderr}\nstdout:\n{stdout}",
        script.display(),
        output.status
    );
    serde_json::from_str(&stdout)
        .unwrap_or_else(|error| panic!("the script's output is not JSON ({error}):\n{stdout}"))
}
