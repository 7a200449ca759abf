//! Sending the steps left, one at a time: the transaction is recorded as pending before its
//! receipt, and the step's result is checked on chain and recorded after it, so a run killed
//! anywhere is finished by the next.

use alloy_primitives::{B256, U256};
use alloy_provider::Provider;
use alloy_sol_types::SolEvent;
use anyhow::{Context, bail};

use super::{
    RECEIPT_TIMEOUT, Step, TestHooks, data_fee, init_data, periphery_record,
    plan::Plan,
    preflight::Run,
    role_record, short, step_tx,
    verify::{role_in_effect, verify_program},
};
use crate::{
    chain::{self, IStylusDeployer},
    manifest::{ContractRecord, Pending},
    periphery,
};

/// What the execution did.
pub(super) struct Execution {
    /// Transactions sent.
    pub(super) sent: Vec<B256>,
    /// Whether a test hook stopped it before the end.
    pub(super) interrupted: bool,
}

impl Run {
    /// Sends and records each step of `plan` left to do.
    pub(super) async fn execute(
        &mut self,
        plan: &Plan,
        hooks: TestHooks,
    ) -> anyhow::Result<Execution> {
        let Run {
            provider,
            sender,
            artifacts,
            manifest,
            manifest_path,
            params,
            steps,
            addresses,
            ..
        } = self;
        let sender = *sender;
        let total = steps.len();
        let todo = &plan.todo;
        let mut sent = Vec::new();
        for (done_in_run, index) in todo.iter().copied().enumerate() {
            if hooks.stop_after_steps == Some(done_in_run) {
                println!("stopping after {done_in_run} steps (test hook)");
                return Ok(Execution {
                    sent,
                    interrupted: true,
                });
            }
            let step = &steps[index];
            let label = format!("[{}/{total}] {}", index + 1, step.describe());
            let id = step.id();
            // Re-derive the value: the data fee right now (a deployment before it may have
            // activated the same code).
            let value = match step {
                Step::Deploy(program) => data_fee(provider, artifacts.get(program)?).await?.1,
                Step::DeployPeriphery(_) | Step::Role { .. } => U256::ZERO,
            };
            let tx = step_tx(step, params, artifacts, addresses, value)?;
            let outcome = chain::send(provider, sender, tx)
                .await
                .with_context(|| format!("{label}: failed"))?;
            sent.push(outcome.hash);
            manifest.pending = Some(Pending {
                step: id.clone(),
                tx_hash: outcome.hash,
            });
            manifest.save(manifest_path)?;
            println!(
                "{label}: sent {} (gas limit {})",
                short(outcome.hash),
                outcome.gas_limit
            );
            if hooks.crash_after_sending == Some(done_in_run) {
                println!("stopping before the receipt (test hook)");
                return Ok(Execution {
                    sent,
                    interrupted: true,
                });
            }
            let receipt = chain::wait_receipt(provider, outcome.hash, RECEIPT_TIMEOUT).await?;
            if !receipt.status() {
                manifest.pending = None;
                manifest.save(manifest_path)?;
                // Replay it as a call at its block for the reason.
                let reason = match provider
                    .call(step_tx(step, params, artifacts, addresses, value)?)
                    .await
                {
                    Err(error) => chain::describe_rpc_error(&error),
                    Ok(_) => "no reason (it succeeds now: out of gas at the time?)".to_string(),
                };
                bail!(
                    "{label}: transaction {} reverted (gas used {}): {reason}",
                    outcome.hash,
                    receipt.gas_used
                );
            }
            match step {
                Step::Deploy(program) => {
                    let artifact = artifacts.get(program)?;
                    let deployed = receipt
                        .inner
                        .logs()
                        .iter()
                        .filter(|log| log.address() == params.stylus_deployer)
                        .find_map(|log| {
                            IStylusDeployer::ContractDeployed::decode_log_data(log.data()).ok()
                        })
                        .map(|event| event.deployedContract)
                        .with_context(|| {
                            format!("{label}: no ContractDeployed event in the receipt")
                        })?;
                    let predicted = addresses.get(*program).copied();
                    if predicted != Some(deployed) {
                        bail!("{label}: deployed at {deployed}, expected {predicted:?}");
                    }
                    let version = verify_program(
                        provider,
                        program,
                        deployed,
                        artifact.code_hash,
                        params,
                        addresses,
                    )
                    .await
                    .with_context(|| format!("{label}: deployed but the check failed"))?;
                    manifest.contracts.insert(
                        (*program).to_string(),
                        ContractRecord {
                            address: deployed,
                            tx_hash: Some(receipt.transaction_hash),
                            block_number: receipt.block_number,
                            gas_used: Some(receipt.gas_used),
                            code_hash: artifact.code_hash,
                            activation_version: version,
                            data_fee_sent: value,
                            init_data: init_data(program, params, addresses)?,
                        },
                    );
                    println!(
                        "{label}: {deployed}, block {}, gas used {}, activated (Stylus version {version})",
                        receipt.block_number.unwrap_or_default(),
                        receipt.gas_used
                    );
                }
                Step::DeployPeriphery(name) => {
                    let deployed = receipt
                        .contract_address
                        .with_context(|| format!("{label}: no contract address in the receipt"))?;
                    addresses.insert((*name).to_string(), deployed);
                    let code_hash = periphery::verify(provider, name, deployed, params, addresses)
                        .await
                        .with_context(|| format!("{label}: deployed but the check failed"))?;
                    manifest.contracts.insert(
                        (*name).to_string(),
                        periphery_record(
                            deployed,
                            code_hash,
                            Some(receipt.transaction_hash),
                            receipt.block_number,
                            Some(receipt.gas_used),
                        ),
                    );
                    println!(
                        "{label}: {deployed}, block {}, gas used {}",
                        receipt.block_number.unwrap_or_default(),
                        receipt.gas_used
                    );
                }
                Step::Role { .. } => {
                    if role_in_effect(provider, step, addresses, &manifest.contracts).await?
                        != Some(true)
                    {
                        bail!("{label}: mined, but the role is not in effect");
                    }
                    manifest.roles.insert(
                        id.clone(),
                        role_record(
                            step,
                            addresses,
                            Some(receipt.transaction_hash),
                            receipt.block_number,
                            Some(receipt.gas_used),
                        )?,
                    );
                    println!(
                        "{label}: done, block {}, gas used {}",
                        receipt.block_number.unwrap_or_default(),
                        receipt.gas_used
                    );
                }
            }
            manifest.pending = None;
            manifest.save(manifest_path)?;
        }
        Ok(Execution {
            sent,
            interrupted: false,
        })
    }
}
