//! The plan: each step checked on chain (done, adopted from a killed run, or to do), with
//! the gas and value of what is left, before anything is sent.

use alloy_primitives::{Address, B256, U256};
use alloy_provider::Provider;
use alloy_rpc_types_eth::{
    TransactionReceipt,
    state::{AccountOverride, StateOverride},
};
use anyhow::{Context, anyhow};

use super::{
    DATA_FEE_BUMP_PERCENT, PERIPHERY_GAS_GUESS, PlannedStep, ROLE_GAS_GUESS, Step, data_fee,
    estimate_step, init_data, periphery_record, predict_address,
    preflight::Run,
    rich, role_record, step_tx,
    verify::{role_in_effect, verify_program},
};
use crate::{
    chain::{self, eth},
    manifest::ContractRecord,
    periphery,
};

/// What is left to do, and what it costs.
pub(super) struct Plan {
    /// One line per step.
    pub(super) steps: Vec<PlannedStep>,
    /// The indexes of the steps to do, in order.
    pub(super) todo: Vec<usize>,
    /// The most the steps to do can cost: gas with `send`'s margin at the current max fee,
    /// plus the data fees.
    pub(super) needed: U256,
}

impl Run {
    /// Checks every step on chain and prices what is left; records what a killed run did.
    pub(super) async fn plan(&mut self) -> anyhow::Result<Plan> {
        // The steps are cloned (names and roles) so that each step's planning can update the
        // run: the manifest, the addresses.
        let steps = self.steps.clone();
        let total = steps.len();
        let (max_fee, _) = chain::fees(&self.provider).await?;
        let mut plan = Vec::new();
        let mut missing_code: Vec<(Address, Vec<u8>)> = Vec::new();
        println!("plan:");
        for (index, step) in steps.iter().enumerate() {
            let mut planned = PlannedStep {
                step: step.clone(),
                done: false,
                gas: 0,
                gas_is_guess: false,
                value: U256::ZERO,
                address: None,
            };
            let note = match step {
                Step::Deploy(program) => {
                    self.plan_program(step, program, &mut planned, &mut missing_code)
                        .await?
                }
                Step::DeployPeriphery(name) => {
                    self.plan_periphery(step, name, &mut planned).await?
                }
                Step::Role { .. } => self.plan_role(step, &mut planned).await?,
            };
            println!("  [{}/{total}] {:<58} {note}", index + 1, step.describe());
            plan.push(planned);
        }

        let todo: Vec<usize> = (0..plan.len()).filter(|i| !plan[*i].done).collect();
        let needed: U256 = todo
            .iter()
            .map(|i| {
                // The 20% gas margin `send` adds, at the current max fee.
                let gas = plan[*i].gas + plan[*i].gas / 5;
                U256::from(gas) * U256::from(max_fee) + plan[*i].value
            })
            .fold(U256::ZERO, |sum, cost| sum + cost);
        println!(
            "{} of {total} steps to do; cost at most ≈ {} (max fee {} gwei, data fees included)",
            todo.len(),
            eth(needed),
            max_fee as f64 / 1e9
        );

        Ok(Plan {
            steps: plan,
            todo,
            needed,
        })
    }

    /// Plans a program's deployment: checked and skipped when recorded, adopted when found at
    /// its address, else estimated (gas and data fee) with the programs before it in place.
    async fn plan_program(
        &mut self,
        step: &Step,
        program: &'static str,
        planned: &mut PlannedStep,
        missing_code: &mut Vec<(Address, Vec<u8>)>,
    ) -> anyhow::Result<String> {
        let program = &program;
        let id = step.id();
        let tx_info =
            |pending: &Option<(String, TransactionReceipt)>| pending_tx_info(pending, &id);
        let Run {
            provider,
            sender,
            artifacts,
            manifest,
            manifest_path,
            params,
            addresses,
            pending_receipt,
            dry_run,
            ..
        } = self;
        let (sender, dry_run) = (*sender, *dry_run);
        let note;
        let artifact = artifacts.get(program)?;
        if let Some(record) = manifest.contracts.get(*program) {
            verify_program(
                provider,
                program,
                record.address,
                artifact.code_hash,
                params,
                addresses,
            )
            .await
            .with_context(|| {
                format!(
                    "{} records {program} at {}, but the chain disagrees; nothing was sent",
                    manifest_path.display(),
                    record.address
                )
            })?;
            planned.done = true;
            planned.address = Some(record.address);
            note = format!("done, checked at {}", record.address);
        } else {
            let data = init_data(program, params, addresses)?;
            let init_code = stylus_program::code::init_code(&artifact.code);
            let predicted = predict_address(params.stylus_deployer, params.salt, &init_code, &data);
            addresses.insert((*program).to_string(), predicted);
            planned.address = Some(predicted);
            if !provider.get_code_at(predicted).await?.is_empty() {
                // Deployed by an interrupted run (or anyone, with these exact
                // arguments): check it and adopt it.
                let version = verify_program(
                    provider,
                    program,
                    predicted,
                    artifact.code_hash,
                    params,
                    addresses,
                )
                .await
                .with_context(|| format!("found {program} at its expected address {predicted}"))?;
                let (tx_hash, block_number, gas_used) = tx_info(pending_receipt);
                manifest.contracts.insert(
                    (*program).to_string(),
                    ContractRecord {
                        address: predicted,
                        tx_hash,
                        block_number,
                        gas_used,
                        code_hash: artifact.code_hash,
                        activation_version: version,
                        data_fee_sent: U256::ZERO,
                        init_data: data,
                    },
                );
                if !dry_run {
                    manifest.save(manifest_path)?;
                }
                planned.done = true;
                note = format!("found deployed at {predicted}, checked, recorded");
            } else {
                let (fee, bumped) = data_fee(provider, artifact).await?;
                let tx = step_tx(step, params, artifacts, addresses, bumped)?;
                // Estimated as if the sender could pay (the balance is checked
                // against the whole plan below), with the programs this one needs
                // placed at their addresses when they are not deployed yet.
                let overrides = StateOverride::from_iter(
                    missing_code
                        .iter()
                        .map(|(a, code)| (*a, AccountOverride::default().with_code(code.clone())))
                        .chain([rich(sender)]),
                );
                planned.gas = chain::estimate(provider, &tx, Some(overrides))
                    .await
                    .map_err(|error| anyhow!("{program}: the deployment would fail: {error}"))?;
                planned.value = bumped;
                missing_code.push((predicted, artifact.code.clone()));
                note = format!(
                    "to do → {predicted}, gas ≈ {}, data fee {} (+{DATA_FEE_BUMP_PERCENT}% → {})",
                    planned.gas,
                    eth(fee),
                    eth(bumped)
                );
            }
        }
        Ok(note)
    }

    /// Plans a periphery contract's deployment (CREATE): checked when recorded or left by a
    /// killed run's pending transaction, else estimated.
    async fn plan_periphery(
        &mut self,
        step: &Step,
        name: &'static str,
        planned: &mut PlannedStep,
    ) -> anyhow::Result<String> {
        let name = &name;
        let id = step.id();
        let tx_info =
            |pending: &Option<(String, TransactionReceipt)>| pending_tx_info(pending, &id);
        let Run {
            provider,
            sender,
            artifacts,
            manifest,
            manifest_path,
            params,
            addresses,
            pending_receipt,
            dry_run,
            ..
        } = self;
        let (sender, dry_run) = (*sender, *dry_run);
        let note;
        // CREATE: the address is the deployer's nonce at sending, so a run killed
        // after sending is resumed through the pending transaction's receipt.
        let found = match manifest.contracts.get(*name) {
            Some(record) => Some((record.address, None)),
            None => pending_receipt
                .as_ref()
                .filter(|(pending, _)| *pending == id)
                .and_then(|(_, receipt)| receipt.contract_address)
                .map(|address| (address, Some(tx_info(pending_receipt)))),
        };
        if let Some((address, sent)) = found {
            addresses.insert((*name).to_string(), address);
            let code_hash = periphery::verify(provider, name, address, params, addresses)
                .await
                .with_context(|| {
                    format!(
                        "{} records {name} at {address}, but the chain disagrees; nothing was sent",
                        manifest_path.display()
                    )
                })?;
            if let Some((tx_hash, block_number, gas_used)) = sent {
                manifest.contracts.insert(
                    (*name).to_string(),
                    periphery_record(address, code_hash, tx_hash, block_number, gas_used),
                );
                if !dry_run {
                    manifest.save(manifest_path)?;
                }
            }
            planned.done = true;
            planned.address = Some(address);
            note = format!("done, checked at {address}");
        } else if manifest.contracts.contains_key("restaking-vault") {
            let tx = step_tx(step, params, artifacts, addresses, U256::ZERO)?;
            planned.gas = estimate_step(provider, step, &tx, sender).await?;
            note = format!("to do, gas ≈ {}", planned.gas);
        } else {
            // Its constructor reads the vault, which is not deployed yet.
            planned.gas = PERIPHERY_GAS_GUESS;
            planned.gas_is_guess = true;
            note =
                format!("to do, gas ~{PERIPHERY_GAS_GUESS} (guess: the vault is not deployed yet)");
        }
        Ok(note)
    }

    /// Plans a role step: done when in effect on chain, else estimated (or guessed while its
    /// contract is not deployed).
    async fn plan_role(
        &mut self,
        step: &Step,
        planned: &mut PlannedStep,
    ) -> anyhow::Result<String> {
        let id = step.id();
        let tx_info =
            |pending: &Option<(String, TransactionReceipt)>| pending_tx_info(pending, &id);
        let Run {
            provider,
            sender,
            artifacts,
            manifest,
            manifest_path,
            params,
            addresses,
            pending_receipt,
            dry_run,
            ..
        } = self;
        let (sender, dry_run) = (*sender, *dry_run);
        let note;
        match role_in_effect(provider, step, addresses, &manifest.contracts).await? {
            Some(true) => {
                planned.done = true;
                if !manifest.roles.contains_key(&id) {
                    let (tx_hash, block_number, gas_used) = tx_info(pending_receipt);
                    manifest.roles.insert(
                        id.clone(),
                        role_record(step, addresses, tx_hash, block_number, gas_used)?,
                    );
                    if !dry_run {
                        manifest.save(manifest_path)?;
                    }
                }
                note = "done, checked on chain".to_string();
            }
            Some(false) => {
                let tx = step_tx(step, params, artifacts, addresses, U256::ZERO)?;
                planned.gas = estimate_step(provider, step, &tx, sender).await?;
                note = format!("to do, gas ≈ {}", planned.gas);
            }
            None => {
                planned.gas = ROLE_GAS_GUESS;
                planned.gas_is_guess = true;
                note = format!("to do, gas ~{ROLE_GAS_GUESS} (guess: contract not deployed yet)");
            }
        }
        Ok(note)
    }
}

/// The hash, block and gas of the transaction a killed run left pending, when it was for the
/// step `id`.
fn pending_tx_info(
    pending: &Option<(String, TransactionReceipt)>,
    id: &str,
) -> (Option<B256>, Option<u64>, Option<u64>) {
    pending
        .as_ref()
        .filter(|(step, _)| *step == id)
        .map(|(_, receipt)| {
            (
                Some(receipt.transaction_hash),
                receipt.block_number,
                Some(receipt.gas_used),
            )
        })
        .unwrap_or((None, None, None))
}
