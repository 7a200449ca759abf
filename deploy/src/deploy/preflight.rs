//! Before anything is sent: the chain is the one the config and preset name, the
//! StylusDeployer is there, the artifacts load, and the manifest is new or records this very
//! deployment (same chain instance, same parameters); a transaction a killed run sent without
//! recording it is waited for.

use std::{collections::BTreeMap, path::PathBuf};

use alloy_primitives::{Address, U256};
use alloy_provider::{DynProvider, Provider};
use alloy_rpc_types_eth::TransactionReceipt;
use anyhow::{Context, bail};

use super::{DeployOptions, RECEIPT_TIMEOUT, Step, steps};
use crate::{
    DeployError,
    artifacts::Artifacts,
    chain::{self, eth},
    config::{Params, Preset, STYLUS_DEPLOYER},
    manifest::{self, Manifest},
};

/// One run of `deploy`, from the preflight on: what every phase reads and updates.
pub(super) struct Run {
    pub(super) provider: DynProvider,
    /// The deployer.
    pub(super) sender: Address,
    /// Its balance at the preflight.
    pub(super) balance: U256,
    pub(super) artifacts: Artifacts,
    pub(super) manifest: Manifest,
    pub(super) manifest_path: PathBuf,
    /// The manifest's parameters (resolved from the config, or recorded).
    pub(super) params: Params,
    /// Every step of the deployment, done or not.
    pub(super) steps: Vec<Step>,
    /// The address of each contract, recorded or (once planned) predicted.
    pub(super) addresses: BTreeMap<String, Address>,
    /// The receipt of the transaction a killed run sent without recording it, with its
    /// step's id, when it succeeded.
    pub(super) pending_receipt: Option<(String, TransactionReceipt)>,
    /// Print the plan and send nothing.
    pub(super) dry_run: bool,
}

impl Run {
    /// Connects and checks the chain, the artifacts and the manifest.
    pub(super) async fn preflight(options: DeployOptions) -> anyhow::Result<Self> {
        let DeployOptions {
            rpc_url,
            config,
            preset,
            signer,
            artifacts_dir,
            manifest_path,
            dry_run,
            hooks: _,
        } = options;
        config.validate()?;
        let sender = signer.address();
        let provider = chain::connect(&rpc_url, &[signer])?;

        // ----- the chain -----
        let chain_id = provider
            .get_chain_id()
            .await
            .with_context(|| format!("cannot reach {rpc_url}"))?;
        let expected = match (preset, config.chain_id) {
            (Some(preset), Some(id)) if preset.chain_id() != id => bail!(
                "the config says chain_id {id} but preset {} is chain {}",
                preset.name(),
                preset.chain_id()
            ),
            (Some(preset), _) => Some((preset.chain_id(), format!("preset {}", preset.name()))),
            (None, Some(id)) => Some((id, "the config's chain_id".to_string())),
            (None, None) => None,
        };
        if let Some((expected, source_name)) = expected
            && expected != chain_id
        {
            return Err(DeployError::WrongChainId {
                expected,
                actual: chain_id,
                source_name,
            }
            .into());
        }
        let stylus_deployer = config
            .stylus_deployer
            .or(preset.map(Preset::stylus_deployer))
            .unwrap_or(STYLUS_DEPLOYER);
        if provider.get_code_at(stylus_deployer).await?.is_empty() {
            bail!("no StylusDeployer at {stylus_deployer} on chain {chain_id}");
        }
        let balance = provider.get_balance(sender).await?;
        println!(
            "{} → {rpc_url} (chain {chain_id}{})",
            manifest::TOOL,
            preset
                .map(|p| format!(", preset {}", p.name()))
                .unwrap_or_default()
        );
        println!("deployer account {sender}, balance {}", eth(balance));

        // ----- the artifacts -----
        let artifacts = Artifacts::load(&artifacts_dir)?;
        println!(
            "artifacts {}: {}",
            artifacts.dir.display(),
            artifacts
                .programs
                .iter()
                .map(|a| format!("{} {} B", a.name, a.code.len()))
                .collect::<Vec<_>>()
                .join(", ")
        );

        // ----- the manifest -----
        let manifest_path = manifest_path.unwrap_or_else(|| manifest::default_path(chain_id));
        let genesis = chain::genesis_hash(&provider).await?;
        let now = chain::latest_timestamp(&provider).await?;
        let existing = Manifest::load(&manifest_path)?;
        let mut manifest = match existing {
            Some(found) => {
                if found.chain_id != chain_id {
                    bail!(
                        "{} is for chain {}, the RPC endpoint is chain {chain_id}",
                        manifest_path.display(),
                        found.chain_id
                    );
                }
                if found.genesis_hash != genesis {
                    bail!(
                        "{} was written for another instance of chain {chain_id} (genesis {} vs {genesis}): a devnet restarted without its state? Move the manifest away to deploy afresh",
                        manifest_path.display(),
                        found.genesis_hash
                    );
                }
                let mut params = Params::resolve(&config, sender, stylus_deployer, now)?;
                if config.vault.epoch_start.is_none() {
                    params.epoch_start = found.params.epoch_start;
                }
                if params != found.params {
                    let ours = serde_json::to_value(&params)?;
                    let theirs = serde_json::to_value(&found.params)?;
                    let differ: Vec<String> = ours
                        .as_object()
                        .into_iter()
                        .flatten()
                        .filter(|(key, value)| theirs.get(key.as_str()) != Some(value))
                        .map(|(key, value)| {
                            format!("{key}: manifest {} vs now {value}", theirs[key.as_str()])
                        })
                        .collect();
                    bail!(
                        "{} records a deployment with other parameters ({}); use the same config and key, or another --manifest",
                        manifest_path.display(),
                        differ.join(", ")
                    );
                }
                println!(
                    "manifest {}: resuming ({} programs, {} role steps recorded)",
                    manifest_path.display(),
                    found.contracts.len(),
                    found.roles.len()
                );
                found
            }
            None => {
                println!("manifest {}: new", manifest_path.display());
                Manifest {
                    tool: manifest::TOOL.to_string(),
                    chain_id,
                    genesis_hash: genesis,
                    params: Params::resolve(&config, sender, stylus_deployer, now)?,
                    contracts: BTreeMap::new(),
                    roles: BTreeMap::new(),
                    pending: None,
                    complete: false,
                    updated_at: 0,
                }
            }
        };
        let params = manifest.params.clone();

        // A transaction sent by a run that was killed before recording it.
        let mut pending_receipt: Option<(String, TransactionReceipt)> = None;
        if let Some(pending) = manifest.pending.clone() {
            println!(
                "a previous run sent {} for {} without recording it: waiting for it",
                pending.tx_hash, pending.step
            );
            let receipt = chain::wait_receipt(&provider, pending.tx_hash, RECEIPT_TIMEOUT).await?;
            println!(
                "        {} in block {}",
                if receipt.status() {
                    "mined"
                } else {
                    "REVERTED"
                },
                receipt.block_number.unwrap_or_default()
            );
            if receipt.status() {
                pending_receipt = Some((pending.step, receipt));
            }
            if !dry_run {
                manifest.pending = None;
                manifest.save(&manifest_path)?;
            }
        }

        let addresses = manifest
            .contracts
            .iter()
            .map(|(name, record)| (name.clone(), record.address))
            .collect();
        Ok(Self {
            provider,
            sender,
            balance,
            artifacts,
            manifest,
            manifest_path,
            steps: steps(&params),
            params,
            addresses,
            pending_receipt,
            dry_run,
        })
    }
}
