//! `restaking-demo`: the main job. Starts the embedded devnet, deploys the protocol with the
//! deploy tool, and uses it as its users would, printing what happens; with `--keep-running`
//! it then serves the restaking page and stays up until Ctrl-C.

use std::{path::PathBuf, process::ExitCode};

use clap::Parser;
use restaking_demo::{DemoOptions, default_page_dir};
use restaking_deploy::artifacts;

/// The main job: start a devnet, deploy everything, and use the protocol as its users would.
#[derive(Parser)]
#[command(name = "restaking-demo", version, about)]
struct Cli {
    /// Port of the devnet (0: any free port).
    #[arg(long, default_value_t = 8547)]
    port: u16,
    /// Keep the devnet running afterwards (Ctrl-C stops it), serve the restaking page and print
    /// how to connect MetaMask.
    #[arg(long)]
    keep_running: bool,
    /// The artifacts directory (default: the workspace's artifacts/).
    #[arg(long)]
    artifacts: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = DemoOptions {
        port: cli.port,
        keep_running: cli.keep_running,
        artifacts_dir: cli.artifacts.unwrap_or_else(artifacts::default_dir),
        page_dir: default_page_dir(),
    };
    match restaking_demo::main(options).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
