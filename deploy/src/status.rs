//! `status`: a manifest checked against the chain.

use std::{collections::BTreeMap, path::Path};

use alloy_primitives::Address;
use alloy_provider::Provider;
use anyhow::Context;

use crate::{
    artifacts::Artifacts,
    chain::{self, IArbWasm, IArbWasmCache},
    deploy::{self, Step},
    keepalive,
    manifest::Manifest,
    periphery,
};

/// What `status` found.
#[derive(Clone, Debug, Default)]
pub struct StatusReport {
    /// One line per check that passed.
    pub ok: Vec<String>,
    /// One line per mismatch (empty: all good).
    pub problems: Vec<String>,
    /// Remarks that are not mismatches (e.g. artifacts rebuilt since, a program due for
    /// keepalive).
    pub notes: Vec<String>,
    /// Each program's activation as ArbWasm reports it, in deployment order.
    pub programs: Vec<ProgramActivation>,
}

/// A program's activation: its version, how long before it expires, whether it is cached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramActivation {
    /// Its name in the manifest.
    pub name: String,
    /// Its address.
    pub address: Address,
    /// `ArbWasm.programVersion`.
    pub version: u16,
    /// `ArbWasm.programTimeLeft`: seconds before it expires (365 days after activation or the
    /// last keepalive).
    pub time_left: u64,
    /// `ArbWasmCache.codehashIsCached`: whether its init is priced as cached.
    pub cached: bool,
}

impl StatusReport {
    /// Whether everything matched.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks `manifest_path` against the chain at `rpc_url`: same chain (id and genesis), every
/// program present with its recorded code hash, activated at the current Stylus version, its
/// constructor state as recorded, and every role step in effect; the deployment complete.
/// Each program's expiry and cache state is reported ([`StatusReport::programs`]), with a note
/// when it is due for keepalive.
/// With `artifacts_dir`, also says whether the artifacts still match what is deployed.
pub async fn status(
    rpc_url: &str,
    manifest_path: &Path,
    artifacts_dir: Option<&Path>,
) -> anyhow::Result<StatusReport> {
    let manifest = Manifest::load(manifest_path)?
        .with_context(|| format!("{}: no such manifest", manifest_path.display()))?;
    let url = rpc_url
        .parse()
        .with_context(|| format!("invalid RPC URL {rpc_url:?}"))?;
    let provider = alloy_provider::ProviderBuilder::new()
        .connect_http(url)
        .erased();
    let mut report = StatusReport::default();
    let chain_id = provider
        .get_chain_id()
        .await
        .with_context(|| format!("cannot reach {rpc_url}"))?;
    if chain_id != manifest.chain_id {
        report.problems.push(format!(
            "chain id {chain_id}, the manifest is for {}",
            manifest.chain_id
        ));
        return Ok(report);
    }
    let genesis = chain::genesis_hash(&provider).await?;
    if genesis != manifest.genesis_hash {
        report.problems.push(format!(
            "genesis {genesis}, the manifest's is {}: another instance of chain {chain_id}",
            manifest.genesis_hash
        ));
        return Ok(report);
    }
    report
        .ok
        .push(format!("chain {chain_id}, genesis {genesis}"));
    let artifacts = artifacts_dir.and_then(|dir| Artifacts::load(dir).ok());
    let addresses: BTreeMap<String, Address> = manifest
        .contracts
        .iter()
        .map(|(name, record)| (name.clone(), record.address))
        .collect();
    let params = &manifest.params;
    for program in crate::artifacts::PROGRAMS {
        let Some(record) = manifest.contracts.get(program) else {
            report.problems.push(format!("{program}: not deployed"));
            continue;
        };
        match deploy::verify_program(
            &provider,
            program,
            record.address,
            record.code_hash,
            params,
            &addresses,
        )
        .await
        {
            Ok(version) => {
                report.ok.push(format!(
                    "{program} at {}: code hash {}, activated (version {version}), constructor state as configured",
                    record.address, record.code_hash
                ));
                let time_left = chain::view(
                    &provider,
                    chain::ARB_WASM,
                    IArbWasm::programTimeLeftCall {
                        program: record.address,
                    },
                )
                .await?;
                let cached = chain::view(
                    &provider,
                    chain::ARB_WASM_CACHE,
                    IArbWasmCache::codehashIsCachedCall {
                        codehash: record.code_hash,
                    },
                )
                .await?;
                let days = time_left as f64 / 86_400.0;
                report.ok.push(format!(
                    "{program}: expires in {days:.1} days, {}",
                    if cached {
                        "cached"
                    } else {
                        "not cached (each call pays the uncached init gas)"
                    }
                ));
                if time_left <= keepalive::DEFAULT_MARGIN_DAYS * 86_400 {
                    report.notes.push(format!(
                        "{program} expires in {days:.1} days: run `restaking-deploy keepalive`"
                    ));
                }
                report.programs.push(ProgramActivation {
                    name: program.to_string(),
                    address: record.address,
                    version,
                    time_left,
                    cached,
                });
            }
            Err(error) => report.problems.push(format!("{error:#}")),
        }
        if let Some(artifact) = artifacts.as_ref().and_then(|a| a.get(program).ok())
            && artifact.code_hash != record.code_hash
        {
            report.notes.push(format!(
                "{program}: artifacts/{program}.code (hash {}) differs from the deployed code",
                artifact.code_hash
            ));
        }
    }
    for step in deploy::steps(params) {
        match step {
            Step::Deploy(_) => continue,
            Step::DeployPeriphery(name) => {
                match manifest.contracts.get(name) {
                    None => report.problems.push(format!("{name}: not deployed")),
                    Some(record) => {
                        match periphery::verify(&provider, name, record.address, params, &addresses)
                            .await
                        {
                            Ok(hash) if hash == record.code_hash => report.ok.push(format!(
                                "{name} at {}: code hash {hash}, bound to the vault and its asset",
                                record.address
                            )),
                            Ok(hash) => report.problems.push(format!(
                                "{name} at {}: code hash {hash}, the manifest records {}",
                                record.address, record.code_hash
                            )),
                            Err(error) => report.problems.push(format!("{error:#}")),
                        }
                    }
                }
                continue;
            }
            Step::Role { .. } => {}
        }
        match deploy::role_in_effect(&provider, &step, &addresses, &manifest.contracts).await {
            Ok(Some(true)) => report.ok.push(format!("{}: in effect", step.describe())),
            Ok(Some(false)) => report
                .problems
                .push(format!("{}: NOT in effect", step.describe())),
            Ok(None) => report
                .problems
                .push(format!("{}: its contract is not deployed", step.describe())),
            Err(error) => report
                .problems
                .push(format!("{}: {error:#}", step.describe())),
        }
    }
    if !manifest.complete {
        report
            .problems
            .push("the manifest is not marked complete: rerun `deploy` to finish".to_string());
    }
    if let Some(pending) = &manifest.pending {
        report.problems.push(format!(
            "transaction {} for {} was sent but not recorded: rerun `deploy`",
            pending.tx_hash, pending.step
        ));
    }
    Ok(report)
}
