//! The `restaking-deploy` command line: `deploy`, `status`, `keepalive`.

use std::{path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};
use restaking_deploy::{
    Config, DeployOptions, Preset, TestHooks, artifacts, keepalive, keys, status,
};

#[derive(Parser)]
#[command(
    name = "restaking-deploy",
    version,
    about = "Deploy, check and keep alive the restaking protocol's Stylus programs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the sending key comes from: DEPLOYER_PRIVATE_KEY, or an encrypted keystore.
#[derive(clap::Args)]
struct KeyArgs {
    /// Encrypted keystore (password from DEPLOYER_KEYSTORE_PASSWORD, --password-file, or the
    /// terminal).
    #[arg(long)]
    keystore: Option<PathBuf>,
    /// File holding the keystore's password.
    #[arg(long, requires = "keystore")]
    password_file: Option<PathBuf>,
}

impl KeyArgs {
    fn load(&self) -> anyhow::Result<alloy_signer_local::PrivateKeySigner> {
        keys::load(self.keystore.as_deref(), self.password_file.as_deref())
    }
}

#[derive(Subcommand)]
enum Command {
    /// Deploy (or finish deploying) the protocol and wire its roles. The key comes from
    /// DEPLOYER_PRIVATE_KEY or --keystore.
    Deploy {
        /// JSON-RPC endpoint (default: the preset's).
        #[arg(long)]
        rpc_url: Option<String>,
        /// The deployment config (.toml or .json; see deploy/README.md).
        #[arg(long)]
        config: PathBuf,
        /// Network preset: expected chain id, StylusDeployer, default RPC URL.
        #[arg(long, value_enum)]
        preset: Option<Preset>,
        #[command(flatten)]
        key: KeyArgs,
        /// The manifest (default deployments/<chain-id>.json).
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// The artifacts directory (default: the workspace's artifacts/).
        #[arg(long)]
        artifacts: Option<PathBuf>,
        /// Print the plan with estimated gas and data fees; send nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Check a manifest against the chain; exit status 1 on any mismatch.
    Status {
        /// JSON-RPC endpoint (default: the preset's).
        #[arg(long)]
        rpc_url: Option<String>,
        /// Network preset (for the default RPC URL).
        #[arg(long, value_enum)]
        preset: Option<Preset>,
        /// The manifest (default deployments/<chain-id>.json).
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// The artifacts directory (to report whether they still match).
        #[arg(long)]
        artifacts: Option<PathBuf>,
    },
    /// Renew the activation of every program that expires within the margin
    /// (ArbWasm.codehashKeepalive, paying its data fee). The key comes from
    /// DEPLOYER_PRIVATE_KEY or --keystore.
    Keepalive {
        /// JSON-RPC endpoint (default: the preset's).
        #[arg(long)]
        rpc_url: Option<String>,
        /// Network preset (for the default RPC URL).
        #[arg(long, value_enum)]
        preset: Option<Preset>,
        /// The manifest (default deployments/<chain-id>.json).
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// Renew what expires within this many days.
        #[arg(long, default_value_t = keepalive::DEFAULT_MARGIN_DAYS)]
        margin_days: u64,
        #[command(flatten)]
        key: KeyArgs,
        /// Say what would be renewed and at what fee; send nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

fn rpc_url(rpc_url: Option<String>, preset: Option<Preset>) -> anyhow::Result<String> {
    rpc_url
        .or_else(|| preset.map(|p| p.rpc_url().to_string()))
        .ok_or_else(|| anyhow::anyhow!("give --rpc-url or --preset"))
}

/// `deployments/<chain-id>.json` for the chain at `url`.
async fn default_manifest(url: &str) -> anyhow::Result<PathBuf> {
    let provider = restaking_deploy::chain::connect_readonly(url)?;
    let id = alloy_provider::Provider::get_chain_id(&provider).await?;
    Ok(restaking_deploy::manifest::default_path(id))
}

async fn run(cli: Cli) -> anyhow::Result<bool> {
    match cli.command {
        Command::Deploy {
            rpc_url: url,
            config,
            preset,
            key,
            manifest,
            artifacts: dir,
            dry_run,
        } => {
            let options = DeployOptions {
                rpc_url: rpc_url(url, preset)?,
                config: Config::load(&config)?,
                preset,
                signer: key.load()?,
                artifacts_dir: dir.unwrap_or_else(artifacts::default_dir),
                manifest_path: manifest,
                dry_run,
                hooks: TestHooks::default(),
            };
            restaking_deploy::deploy::deploy(options).await?;
            Ok(true)
        }
        Command::Status {
            rpc_url: url,
            preset,
            manifest,
            artifacts: dir,
        } => {
            let url = rpc_url(url, preset)?;
            let manifest = match manifest {
                Some(path) => path,
                None => default_manifest(&url).await?,
            };
            let dir = dir.unwrap_or_else(artifacts::default_dir);
            let report = status::status(&url, &manifest, Some(&dir)).await?;
            println!("status of {} against {url}", manifest.display());
            for line in &report.ok {
                println!("  ok       {line}");
            }
            for line in &report.notes {
                println!("  note     {line}");
            }
            for line in &report.problems {
                println!("  MISMATCH {line}");
            }
            println!(
                "{}",
                if report.is_ok() {
                    "all checks passed"
                } else {
                    "status: mismatches found"
                }
            );
            Ok(report.is_ok())
        }
        Command::Keepalive {
            rpc_url: url,
            preset,
            manifest,
            margin_days,
            key,
            dry_run,
        } => {
            let url = rpc_url(url, preset)?;
            let manifest_path = match manifest {
                Some(path) => path,
                None => default_manifest(&url).await?,
            };
            println!(
                "keepalive of {} against {url} (margin {margin_days} days{})",
                manifest_path.display(),
                if dry_run { ", dry run" } else { "" }
            );
            keepalive::keepalive(keepalive::KeepaliveOptions {
                rpc_url: url,
                manifest_path,
                signer: key.load()?,
                margin_days,
                dry_run,
            })
            .await?;
            Ok(true)
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
