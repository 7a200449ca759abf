//! Checks on chain: each program (code hash, activation, constructor state), each role, and
//! at the end of a run the whole deployment, before the manifest says it is complete.

use std::collections::BTreeMap;

use alloy_primitives::{Address, B256, keccak256};
use alloy_provider::DynProvider;
use alloy_provider::Provider;
use anyhow::{anyhow, bail};

use super::{Action, Step, preflight::Run, resolve, role_id};
use crate::{
    chain::{ARB_WASM, IArbWasm, ILrtToken, IRestakingVault, ISlashingManager, view},
    config::Params,
    manifest::ContractRecord,
    periphery,
};

/// Checks a deployed program: code present, its hash the artifact's, activated at the
/// current Stylus version, and its constructor's state as `params` say. Its activation
/// version.
pub async fn verify_program(
    provider: &DynProvider,
    program: &str,
    address: Address,
    expected_code_hash: B256,
    params: &Params,
    addresses: &BTreeMap<String, Address>,
) -> anyhow::Result<u16> {
    let code = provider.get_code_at(address).await?;
    if code.is_empty() {
        bail!("{program}: no code at {address}");
    }
    let hash = keccak256(&code);
    if hash != expected_code_hash {
        bail!("{program} at {address}: code hash {hash}, expected {expected_code_hash}");
    }
    let version = view(
        provider,
        ARB_WASM,
        IArbWasm::programVersionCall { program: address },
    )
    .await
    .map_err(|error| anyhow!("{program} at {address} is not activated: {error}"))?;
    let current = view(provider, ARB_WASM, IArbWasm::stylusVersionCall {}).await?;
    if version != current {
        bail!(
            "{program} at {address}: activated at Stylus version {version}, the chain is at {current}"
        );
    }
    let mut mismatches = Vec::new();
    let mut check = |what: &str, ok: bool, got: String| {
        if !ok {
            mismatches.push(format!("{what} = {got}"));
        }
    };
    match program {
        "lrt-token" => {
            let name = view(provider, address, ILrtToken::nameCall {}).await?;
            check("name()", name == params.name, name.clone());
            let symbol = view(provider, address, ILrtToken::symbolCall {}).await?;
            check("symbol()", symbol == params.symbol, symbol.clone());
            let decimals = view(provider, address, ILrtToken::decimalsCall {}).await?;
            check(
                "decimals()",
                decimals == params.decimals,
                decimals.to_string(),
            );
        }
        "restaking-vault" => {
            let asset = view(provider, address, IRestakingVault::assetCall {}).await?;
            check("asset()", asset == params.asset, asset.to_string());
            let share = view(provider, address, IRestakingVault::shareCall {}).await?;
            check(
                "share()",
                addresses.get("lrt-token") == Some(&share),
                share.to_string(),
            );
            let redemptions = view(
                provider,
                address,
                IRestakingVault::redemptionsProgramCall {},
            )
            .await?;
            check(
                "redemptionsProgram()",
                addresses.get("restaking-vault-redemptions") == Some(&redemptions),
                redemptions.to_string(),
            );
            let duration = view(provider, address, IRestakingVault::epochDurationCall {}).await?;
            check(
                "epochDuration()",
                duration == params.epoch_duration,
                duration.to_string(),
            );
            let start = view(
                provider,
                address,
                IRestakingVault::epochStartCall { epoch: 0 },
            )
            .await?;
            check(
                "epochStart(0)",
                start == params.epoch_start,
                start.to_string(),
            );
        }
        "slashing-manager" => {
            let s = &params.slashing;
            let got = (
                view(provider, address, ISlashingManager::maxVetoDurationCall {}).await?,
                view(provider, address, ISlashingManager::executionWindowCall {}).await?,
                view(
                    provider,
                    address,
                    ISlashingManager::serviceUpdateDelayCall {},
                )
                .await?,
                view(provider, address, ISlashingManager::optOutDelayCall {}).await?,
                view(provider, address, ISlashingManager::allocationDelayCall {}).await?,
            );
            let want = (
                s.max_veto_duration,
                s.execution_window,
                s.service_update_delay,
                s.opt_out_delay,
                s.allocation_delay,
            );
            check("delays", got == want, format!("{got:?}, expected {want:?}"));
        }
        _ => {}
    }
    if !mismatches.is_empty() {
        bail!(
            "{program} at {address}: constructor state differs: {}",
            mismatches.join("; ")
        );
    }
    Ok(version)
}

/// Whether a role step is in effect on chain (`None`: its contract is not deployed yet).
pub async fn role_in_effect(
    provider: &DynProvider,
    step: &Step,
    addresses: &BTreeMap<String, Address>,
    deployed: &BTreeMap<String, ContractRecord>,
) -> anyhow::Result<Option<bool>> {
    let Step::Role {
        contract,
        action,
        role_name,
        target,
    } = step
    else {
        return Ok(None);
    };
    let Some(record) = deployed.get(*contract) else {
        return Ok(None);
    };
    let account = resolve(*target, addresses)?;
    let has = view(
        provider,
        record.address,
        ILrtToken::hasRoleCall {
            role: role_id(role_name),
            account,
        },
    )
    .await?;
    Ok(Some(match action {
        Action::Grant => has,
        Action::Renounce => !has,
    }))
}

impl Run {
    /// Checks every step of the deployment on chain, as `status` would: each program and
    /// periphery contract at its recorded address with the expected code and state, each role
    /// in effect. A deployment is marked complete only after this.
    pub(super) async fn verify(&self) -> anyhow::Result<()> {
        let mut problems = Vec::new();
        for step in &self.steps {
            let checked = match step {
                Step::Deploy(program) => match self.manifest.contracts.get(*program) {
                    Some(record) => {
                        let artifact = self.artifacts.get(program)?;
                        verify_program(
                            &self.provider,
                            program,
                            record.address,
                            artifact.code_hash,
                            &self.params,
                            &self.addresses,
                        )
                        .await
                        .map(|_| ())
                    }
                    None => Err(anyhow::anyhow!("not recorded")),
                },
                Step::DeployPeriphery(name) => match self.manifest.contracts.get(*name) {
                    Some(record) => periphery::verify(
                        &self.provider,
                        name,
                        record.address,
                        &self.params,
                        &self.addresses,
                    )
                    .await
                    .map(|_| ()),
                    None => Err(anyhow::anyhow!("not recorded")),
                },
                Step::Role { .. } => {
                    match role_in_effect(
                        &self.provider,
                        step,
                        &self.addresses,
                        &self.manifest.contracts,
                    )
                    .await
                    {
                        Ok(Some(true)) => Ok(()),
                        Ok(_) => Err(anyhow::anyhow!("not in effect")),
                        Err(error) => Err(error),
                    }
                }
            };
            if let Err(error) = checked {
                problems.push(format!("{}: {error:#}", step.describe()));
            }
        }
        if !problems.is_empty() {
            bail!(
                "the deployment does not check out on chain after the run:\n  - {}",
                problems.join("\n  - ")
            );
        }
        println!("verified on chain: {} steps", self.steps.len());
        Ok(())
    }
}
