//! The devnet under load next to anvil, a command and not a test (docs/devnet-load.md):
//!
//! ```sh
//! cargo run --release -p stylus-devnet --example load                  # 100,000 transfers each
//! cargo run --release -p stylus-devnet --example load -- 100000 10000  # 10,000 on anvil
//! ```
//!
//! It builds and starts the devnet binary (release) and anvil (npm `@foundry-rs/anvil`,
//! pinned in package-lock.json, its native binary), each as a process of its own on this
//! machine, and gives both the same load from one Rust client: `CONCURRENCY` senders, each
//! funded with anvil_setBalance and sending transactions it signed before the clock started,
//! one after another (instant mining: each is mined when it is answered), all senders at once.
//! Measured: EVM transfers per second, `eth_call`s per second (a Solidity counter's view),
//! the resident memory of each node process before and after the transfers; on the devnet
//! only, Stylus LRT transfers per second (the artifact of `cargo xtask build`, deployed with
//! its constructor through the StylusDeployer).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    clippy::print_stdout,
    clippy::cast_precision_loss
)]

use std::{
    path::{Path, PathBuf},
    process::Stdio,
    sync::Arc,
    time::{Duration, Instant},
};

use alloy_consensus::{SignableTransaction, TxLegacy};
use alloy_eips::eip2718::Encodable2718;
use alloy_primitives::{Address, B256, Bytes, TxKind, U256, address, keccak256};
use alloy_signer::SignerSync;
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{SolCall, sol};
use serde_json::{Value, json};

sol! {
    function count() external view returns (uint256);
    function deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt) external payable returns (address);
    function stylus_constructor() external;
    function lrtConstructor(string name, string symbol, uint8 decimals, address admin) external;
    function MINTER_ROLE() external view returns (bytes32);
    function grantRole(bytes32 role, address account) external;
    function mint(address to, uint256 amount) external;
    function transfer(address to, uint256 value) external returns (bool);
}

/// Senders sending at once.
const CONCURRENCY: usize = 32;
/// Views per sender in the eth_call phase.
const CALLS_PER_SENDER: usize = 500;
/// Stylus LRT transfers in all (devnet only).
const LRT_TRANSFERS: usize = 10_000;
/// Gas price of every transaction: above both nodes' base fees (anvil starts at 1 gwei).
const GAS_PRICE: u128 = 10_000_000_000;
/// Where transfers go.
const SINK: Address = address!("00000000000000000000000000000000000a5eed");
/// The StylusDeployer the devnet has at genesis, as Arbitrum chains do.
const STYLUS_DEPLOYER: Address = address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990");

/// A node under test: its process, URL and chain id.
struct Node {
    name: &'static str,
    child: tokio::process::Child,
    url: String,
    chain_id: u64,
}

/// The JSON-RPC client: pre-built bodies over one HTTP connection pool.
#[derive(Clone)]
struct Client {
    http: reqwest::Client,
    url: Arc<String>,
}

impl Client {
    async fn rpc(&self, method: &str, params: Value) -> Value {
        let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
        self.raw(body.to_string()).await
    }

    async fn raw(&self, body: String) -> Value {
        let response = self
            .http
            .post(self.url.as_str())
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("node answers");
        let answer: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
        if let Some(error) = answer.get("error") {
            panic!("{error}");
        }
        answer["result"].clone()
    }
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// A free local port.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The devnet binary, built in release next to this example.
fn devnet_binary() -> PathBuf {
    let status = std::process::Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "-p",
            "stylus-devnet",
            "--bin",
            "devnet",
        ])
        .current_dir(workspace_root())
        .status()
        .unwrap();
    assert!(status.success(), "building the devnet failed");
    let examples = std::env::current_exe().unwrap();
    examples.parent().unwrap().parent().unwrap().join("devnet")
}

async fn start(name: &'static str, program: &Path, args: &[String]) -> Node {
    let port = free_port();
    let mut command = tokio::process::Command::new(program);
    command
        .args(args)
        .args(["--port".to_owned(), port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    let child = command
        .spawn()
        .unwrap_or_else(|error| panic!("{name}: {error}"));
    let url = format!("http://127.0.0.1:{port}");
    let client = client(&url);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let body = json!({ "jsonrpc": "2.0", "id": 1, "method": "eth_chainId", "params": [] });
        if let Ok(response) = client
            .http
            .post(url.as_str())
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            && let Ok(answer) = response.json::<Value>().await
        {
            let chain_id = u64::from_str_radix(
                answer["result"].as_str().unwrap().trim_start_matches("0x"),
                16,
            )
            .unwrap();
            return Node {
                name,
                child,
                url,
                chain_id,
            };
        }
        assert!(Instant::now() < deadline, "{name} did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn client(url: &str) -> Client {
    Client {
        http: reqwest::Client::builder()
            .pool_max_idle_per_host(CONCURRENCY * 2)
            .build()
            .unwrap(),
        url: Arc::new(url.to_owned()),
    }
}

/// Resident memory of a process, in MiB.
fn rss_mib(child: &tokio::process::Child) -> f64 {
    let pid = child.id().unwrap();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kib: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
        .unwrap();
    kib / 1024.0
}

/// The `index`th sender key (not a dev account: funded with anvil_setBalance on both).
fn sender(index: usize) -> PrivateKeySigner {
    PrivateKeySigner::from_bytes(&keccak256(format!("load sender {index}"))).unwrap()
}

/// A signed legacy transaction, as eth_sendRawTransaction's body.
fn signed(
    signer: &PrivateKeySigner,
    chain_id: u64,
    nonce: u64,
    to: TxKind,
    gas: u64,
    value: U256,
    input: Bytes,
) -> String {
    let tx = TxLegacy {
        chain_id: Some(chain_id),
        nonce,
        gas_price: GAS_PRICE,
        gas_limit: gas,
        to,
        value,
        input,
    };
    let signature = signer.sign_hash_sync(&tx.signature_hash()).unwrap();
    let raw = tx.into_signed(signature).encoded_2718();
    json!({ "jsonrpc": "2.0", "id": 1, "method": "eth_sendRawTransaction", "params": [Bytes::from(raw)] }).to_string()
}

/// `per_sender` transactions of each sender, from its next nonce on, each calling `to` with
/// `gas`, `value` and `input`: the bodies [`send_all`] sends.
async fn signed_calls(
    client: &Client,
    chain_id: u64,
    senders: &[PrivateKeySigner],
    per_sender: usize,
    (to, gas, value, input): (Address, u64, U256, Bytes),
) -> Vec<Vec<String>> {
    let mut bodies = Vec::new();
    for signer in senders {
        let start = nonce(client, signer.address()).await;
        bodies.push(
            (0..per_sender as u64)
                .map(|i| {
                    let (to, input) = (TxKind::Call(to), input.clone());
                    signed(signer, chain_id, start + i, to, gas, value, input)
                })
                .collect(),
        );
    }
    bodies
}

/// Sends every sender's bodies in order, all senders at once; the time it took. With
/// `wait`, each sender waits for a transaction's receipt before it sends the next (what a
/// script does): anvil answers eth_sendRawTransaction before it mines, and under a stream
/// of unconfirmed transactions from 32 senders it was measured to stop mining (1.7.1: 8,477
/// of 9,984 transfers left pending, some senders stuck behind a nonce it no longer had).
async fn send_all(client: &Client, bodies: Vec<Vec<String>>, wait: bool) -> Duration {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for bodies in bodies {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            for body in bodies {
                let hash = client.raw(body).await;
                while wait
                    && client
                        .rpc("eth_getTransactionReceipt", json!([hash]))
                        .await
                        .is_null()
                {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    start.elapsed()
}

async fn fund(client: &Client, senders: &[PrivateKeySigner]) {
    for signer in senders {
        client
            .rpc(
                "anvil_setBalance",
                json!([signer.address(), "0x3635c9adc5dea00000"]),
            )
            .await;
    }
}

/// Waits until every sender's nonce reached `target`. When nothing was mined for a second
/// while transactions wait (anvil under this load stops mining its pool until something
/// else arrives), it mines a block with `evm_mine` and counts it: the number of such nudges.
async fn wait_for_nonces(client: &Client, senders: &[PrivateKeySigner], target: u64) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(600);
    let mut nudges = 0;
    for signer in senders {
        let mut last = (0, Instant::now());
        loop {
            let now = nonce(client, signer.address()).await;
            if now >= target {
                break;
            }
            if now != last.0 {
                last = (now, Instant::now());
            } else if last.1.elapsed() > Duration::from_secs(1) {
                client.rpc("evm_mine", json!([])).await;
                nudges += 1;
                last.1 = Instant::now();
            }
            assert!(
                Instant::now() < deadline,
                "{}: nonce {now}, expected {target}: transactions were not mined",
                signer.address()
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    nudges
}

async fn nonce(client: &Client, address: Address) -> u64 {
    let value = client
        .rpc("eth_getTransactionCount", json!([address, "latest"]))
        .await;
    u64::from_str_radix(value.as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
}

/// Sends one transaction and waits for its receipt; the receipt.
async fn send_and_wait(client: &Client, body: String) -> Value {
    let hash = client.raw(body).await;
    for _ in 0..200 {
        let receipt = client.rpc("eth_getTransactionReceipt", json!([hash])).await;
        if !receipt.is_null() {
            assert_eq!(receipt["status"], "0x1", "{receipt}");
            return receipt;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("{hash} was not mined");
}

struct Figures {
    transfers: usize,
    transfer_rate: f64,
    call_rate: f64,
    rss_before: f64,
    rss_after: f64,
    nudges: u32,
}

/// EVM transfers and eth_calls on one node.
async fn evm_load(node: &Node, transfers: usize) -> Figures {
    let client = client(&node.url);
    let senders: Vec<PrivateKeySigner> = (0..CONCURRENCY).map(sender).collect();
    fund(&client, &senders).await;
    let per_sender = transfers / CONCURRENCY;
    let bodies = signed_calls(
        &client,
        node.chain_id,
        &senders,
        per_sender,
        (SINK, 21_000, U256::from(1), Bytes::new()),
    )
    .await;
    let rss_before = rss_mib(&node.child);
    let start = Instant::now();
    send_all(&client, bodies, true).await;
    // anvil answers before it mines: the clock stops when every transfer is mined.
    let nudges = wait_for_nonces(&client, &senders, per_sender as u64).await;
    let elapsed = start.elapsed();
    let rss_after = rss_mib(&node.child);
    eprintln!(
        "{}: {} transfers in {elapsed:?}",
        node.name,
        per_sender * CONCURRENCY
    );

    // A counter to call: deployed by the first sender.
    let artifact: Value = serde_json::from_str(
        &std::fs::read_to_string(workspace_root().join("devnet/solidity/out/Counter.json"))
            .unwrap(),
    )
    .unwrap();
    let code: Bytes = artifact["bytecode"].as_str().unwrap().parse().unwrap();
    let deployer = &senders[0];
    let next = nonce(&client, deployer.address()).await;
    let receipt = send_and_wait(
        &client,
        signed(
            deployer,
            node.chain_id,
            next,
            TxKind::Create,
            1_000_000,
            U256::ZERO,
            code,
        ),
    )
    .await;
    let counter: Address = serde_json::from_value(receipt["contractAddress"].clone()).unwrap();
    let call = json!({ "jsonrpc": "2.0", "id": 1, "method": "eth_call", "params": [{ "to": counter, "data": Bytes::from(countCall {}.abi_encode()) }, "latest"] }).to_string();
    let calls: Vec<Vec<String>> = (0..CONCURRENCY)
        .map(|_| vec![call.clone(); CALLS_PER_SENDER])
        .collect();
    let call_time = send_all(&client, calls, false).await;
    eprintln!(
        "{}: {} calls in {call_time:?}",
        node.name,
        CALLS_PER_SENDER * CONCURRENCY
    );

    Figures {
        transfers: per_sender * CONCURRENCY,
        transfer_rate: (per_sender * CONCURRENCY) as f64 / elapsed.as_secs_f64(),
        call_rate: (CALLS_PER_SENDER * CONCURRENCY) as f64 / call_time.as_secs_f64(),
        rss_before,
        rss_after,
        nudges,
    }
}

/// Stylus LRT transfers per second on the devnet.
async fn lrt_load(node: &Node) -> f64 {
    let client = client(&node.url);
    let code = stylus_runtime::deploy::stylus_artifact("lrt-token").expect("cargo xtask build");
    let init = stylus_program::code::init_code(&code);
    let admin = sender(1_000);
    fund(&client, std::slice::from_ref(&admin)).await;
    let args = lrtConstructorCall {
        name: "Load LRT".to_owned(),
        symbol: "LLRT".to_owned(),
        decimals: 18,
        admin: admin.address(),
    }
    .abi_encode();
    // The constructor's arguments after the selector of this stand-in.
    let args = &args[4..];
    let mut init_data = stylus_constructorCall::SELECTOR.to_vec();
    init_data.extend_from_slice(args);
    let deploy = deployCall {
        bytecode: init.into(),
        initData: init_data.into(),
        initValue: U256::ZERO,
        salt: B256::ZERO,
    }
    .abi_encode();
    let mut next = nonce(&client, admin.address()).await;
    let mut send = |to: Address, data: Vec<u8>, value: U256| {
        let body = signed(
            &admin,
            node.chain_id,
            next,
            TxKind::Call(to),
            30_000_000,
            value,
            data.into(),
        );
        next += 1;
        body
    };
    let receipt = send_and_wait(
        &client,
        send(STYLUS_DEPLOYER, deploy, U256::from(10u128.pow(18))),
    )
    .await;
    // ContractDeployed(address deployedContract): the program's address is the event's data.
    let logs = receipt["logs"].as_array().unwrap();
    let data = logs.last().unwrap()["data"].as_str().unwrap();
    let lrt: Address = Address::from_slice(&alloy_primitives::hex::decode(data).unwrap()[12..32]);
    let role = client
        .rpc(
            "eth_call",
            json!([{ "to": lrt, "data": Bytes::from(MINTER_ROLECall {}.abi_encode()) }, "latest"]),
        )
        .await;
    let role: B256 = serde_json::from_value(role).unwrap();
    send_and_wait(
        &client,
        send(
            lrt,
            grantRoleCall {
                role,
                account: admin.address(),
            }
            .abi_encode(),
            U256::ZERO,
        ),
    )
    .await;
    let senders: Vec<PrivateKeySigner> = (0..CONCURRENCY).map(|i| sender(2_000 + i)).collect();
    fund(&client, &senders).await;
    let per_sender = LRT_TRANSFERS / CONCURRENCY;
    for signer in &senders {
        let amount = U256::from(per_sender);
        send_and_wait(
            &client,
            send(
                lrt,
                mintCall {
                    to: signer.address(),
                    amount,
                }
                .abi_encode(),
                U256::ZERO,
            ),
        )
        .await;
    }
    let transfer = Bytes::from(
        transferCall {
            to: SINK,
            value: U256::from(1),
        }
        .abi_encode(),
    );
    let bodies = signed_calls(
        &client,
        node.chain_id,
        &senders,
        per_sender,
        (lrt, 200_000, U256::ZERO, transfer),
    )
    .await;
    let start = Instant::now();
    send_all(&client, bodies, true).await;
    wait_for_nonces(&client, &senders, per_sender as u64).await;
    let elapsed = start.elapsed();
    eprintln!(
        "devnet: {} LRT transfers in {elapsed:?}",
        per_sender * CONCURRENCY
    );
    // Every transfer succeeded: the sink holds one token per transfer.
    let balance = client.rpc("eth_call", json!([{ "to": lrt, "data": Bytes::from(alloy_sol_types::SolCall::abi_encode(&balanceOfCall { account: SINK })) }, "latest"])).await;
    let balance =
        U256::from_str_radix(balance.as_str().unwrap().trim_start_matches("0x"), 16).unwrap();
    assert_eq!(
        balance,
        U256::from(per_sender * CONCURRENCY),
        "every LRT transfer succeeded"
    );
    (per_sender * CONCURRENCY) as f64 / elapsed.as_secs_f64()
}

sol! {
    function balanceOf(address account) external view returns (uint256);
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let transfers: usize = std::env::args()
        .nth(1)
        .map_or(100_000, |n| n.parse().expect("a number of transfers"));
    // anvil slows down as its chain grows (measured: 110 transfers/s over the first 10,000,
    // about 30/s past 65,000), so 100,000 take it most of an hour: it can be given fewer.
    let anvil_transfers: usize = std::env::args().nth(2).map_or(transfers, |n| {
        n.parse().expect("a number of transfers for anvil")
    });
    let devnet_binary = devnet_binary();
    let anvil = workspace_root().join("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
    assert!(
        anvil.exists(),
        "{} is missing: run `npm ci`",
        anvil.display()
    );

    println!(
        "Load: {transfers} EVM transfers on the devnet and {anvil_transfers} on anvil, then {} eth_calls, from {CONCURRENCY} senders at once, each sender waiting for its transaction's receipt before the next; one Rust client, instant mining; the node is a process of its own.",
        CALLS_PER_SENDER * CONCURRENCY
    );
    let mut rows = Vec::new();
    for (name, program, args, transfers) in [
        ("devnet", devnet_binary.clone(), vec![], transfers),
        (
            "anvil 1.7.1",
            anvil.clone(),
            vec!["--silent".to_owned()],
            anvil_transfers,
        ),
    ] {
        let node = start(name, &program, &args).await;
        let figures = evm_load(&node, transfers).await;
        let lrt = if name == "devnet" {
            Some(lrt_load(&node).await)
        } else {
            None
        };
        rows.push((name, figures, lrt));
        drop(node);
    }
    println!();
    println!(
        "| node | EVM transfers mined | EVM transfers/s | evm_mine nudges | eth_call/s | Stylus LRT transfers/s | memory before (MiB) | memory after the transfers (MiB) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (name, figures, lrt) in &rows {
        let lrt = lrt.map_or("-".to_owned(), |rate| format!("{rate:.0}"));
        println!(
            "| {name} | {} | {:.0} | {} | {:.0} | {lrt} | {:.0} | {:.0} |",
            figures.transfers,
            figures.transfer_rate,
            figures.nudges,
            figures.call_rate,
            figures.rss_before,
            figures.rss_after
        );
    }
    let (devnet, anvil) = (&rows[0].1, &rows[1].1);
    println!();
    println!(
        "devnet / anvil: transfers {:.2}x, eth_call {:.2}x",
        devnet.transfer_rate / anvil.transfer_rate,
        devnet.call_rate / anvil.call_rate
    );
}
