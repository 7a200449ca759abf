//! `devnet`: the Stylus devnet over JSON-RPC (see the crate documentation).

use std::{net::IpAddr, path::PathBuf, time::Duration};

use clap::Parser;
use stylus_devnet::{
    DEFAULT_BASE_FEE, DEFAULT_STATE_HISTORY, Devnet, DevnetConfig, NodeConfig, accounts,
};

/// An Arbitrum-like devnet (Stylus + EVM) over Ethereum JSON-RPC.
#[derive(Debug, Parser)]
#[command(name = "devnet", version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8547)]
    port: u16,
    /// Chain id of a fresh chain.
    #[arg(long, default_value_t = stylus_runtime::DEFAULT_CHAIN_ID)]
    chain_id: u64,
    /// Base fee of every block, in wei (nitro-devnode: 0.1 gwei).
    #[arg(long, default_value_t = DEFAULT_BASE_FEE)]
    base_fee: u64,
    /// Mine a block every SECS seconds instead of one per transaction.
    #[arg(long, value_name = "SECS")]
    block_time: Option<u64>,
    /// State file: loaded at start when it exists, written on shutdown and periodically.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// How many of the latest blocks' states are kept for reads and calls at a past block
    /// (eth_call, eth_getBalance, eth_getStorageAt, ... with a block number); 0 keeps none.
    #[arg(long, value_name = "BLOCKS", default_value_t = DEFAULT_STATE_HISTORY)]
    state_history: u64,
    /// The ArbOS version whose Stylus rules the chain follows: 50 (the default, the rules
    /// Arbitrum One is known to run) or 60, which adds the recent-programs cache (a program
    /// called earlier in the same block is priced as cached), fragmented programs (a root
    /// naming up to 2 fragments, as cargo-stylus deploys a program over 24 KiB) and refuses
    /// multi-value WASM at activation.
    #[arg(long, value_name = "VERSION", default_value_t = stylus_program::params::ARBOS_VERSION,
          value_parser = clap::value_parser!(u64).range(stylus_program::params::MODELLED_ARBOS_VERSIONS))]
    arbos_version: u64,
    /// How often the state file is written when something changed, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 1)]
    state_interval: u64,
    /// A folder whose files GET requests are answered with (`/` is its index.html), so that a
    /// web page shares the devnet's origin; repeat it to look in several folders in order.
    #[arg(long = "site", value_name = "DIR")]
    site: Vec<PathBuf>,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let config = DevnetConfig {
        addr: (args.host, args.port).into(),
        node: NodeConfig {
            chain_id: args.chain_id,
            base_fee: args.base_fee,
            instant: args.block_time.is_none(),
            state_history: args.state_history,
            arbos_version: args.arbos_version,
        },
        block_time: args.block_time.map(|secs| Duration::from_secs(secs.max(1))),
        state: args.state,
        state_interval: Duration::from_secs(args.state_interval.max(1)),
        site: args.site,
    };
    let devnet = match Devnet::start(config).await {
        Ok(devnet) => devnet,
        Err(error) => {
            eprintln!("devnet: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let chain_id = stylus_devnet::rpc::lock(devnet.node()).config().chain_id;
    println!("Dev accounts (1,000,000 ETH each on a fresh chain):");
    for (address, key) in accounts::dev_addresses().iter().zip(accounts::DEV_KEYS) {
        println!("  {address}  key {key}");
    }
    println!("Chain id {chain_id}");
    println!("Listening on {}", devnet.url());
    wait_for_shutdown().await;
    match devnet.stop().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("devnet: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Waits for SIGINT or SIGTERM.
async fn wait_for_shutdown() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
