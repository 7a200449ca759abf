//! `deploy`: preflight, plan, execute, verify; resumable at every step.
//!
//! - [`preflight`]: the chain, the StylusDeployer, the artifacts, the manifest (new, or this
//!   very deployment to resume), a transaction a killed run left pending;
//! - [`plan`]: each step checked on chain (done, adopted, or to do) and priced;
//! - [`execute`]: each step left sent, checked and recorded, one at a time;
//! - [`verify`]: the whole deployment checked on chain before it is marked complete.
//!
//! Addresses are deterministic: every program goes through the StylusDeployer with CREATE2
//! and a fixed salt, so its address commits to its code and its constructor arguments. A run
//! killed at any point (even between sending a transaction and recording it) is finished by
//! the next run: what is on chain at the expected address is checked (code hash, activation,
//! constructor state) and recorded, never deployed again.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    time::Duration,
};

use alloy_network::TransactionBuilder;
use alloy_primitives::{Address, B256, Bytes, U256, keccak256};
use alloy_provider::DynProvider;
use alloy_rpc_types_eth::{
    TransactionRequest,
    state::{AccountOverride, StateOverride},
};
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{SolCall, SolType, SolValue, sol_data};
use anyhow::{Context, anyhow, bail};

use crate::{
    DeployError,
    artifacts::{Artifact, Artifacts},
    chain::{
        self, ARB_WASM, IArbWasm, ILrtToken, IStylusDeployer, describe_revert,
        stylus_constructorCall, view,
    },
    config::{Config, Params, Preset},
    manifest::{ContractRecord, Manifest, RoleRecord},
    periphery,
};

mod execute;
mod plan;
mod preflight;
mod verify;

pub use verify::{role_in_effect, verify_program};

/// stylus-tools' data fee margin (`ActivationConfig::data_fee_bump_percent`): the estimate
/// plus 20%; the StylusDeployer refunds what activation does not take.
pub const DATA_FEE_BUMP_PERCENT: u64 = 20;

/// Gas assumed for a role step whose contract does not exist yet (a dry run): above what
/// `grantRole` costs on these programs.
const ROLE_GAS_GUESS: u64 = 150_000;

/// Gas assumed for a periphery deployment whose vault does not exist yet (a dry run): above
/// what the permit depositor's costs.
const PERIPHERY_GAS_GUESS: u64 = 1_000_000;

/// How long to wait for one transaction.
const RECEIPT_TIMEOUT: Duration = Duration::from_secs(600);

/// What a role step does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// `grantRole(role, account)`.
    Grant,
    /// `renounceRole(role, deployer)`.
    Renounce,
}

/// Who a role step is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// One of the programs deployed.
    Program(&'static str),
    /// An account.
    Account(Address),
}

/// One step of a deployment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Deploy (and activate and construct) a program through the StylusDeployer.
    Deploy(&'static str),
    /// Deploy a Solidity periphery contract ([`crate::periphery`]) with CREATE from the
    /// deployer account.
    DeployPeriphery(&'static str),
    /// Grant or renounce a role on a program.
    Role {
        /// The program.
        contract: &'static str,
        /// Grant or renounce.
        action: Action,
        /// The role's name.
        role_name: &'static str,
        /// Who.
        target: Target,
    },
}

/// A role's id: `keccak256(name)`, and zero for `DEFAULT_ADMIN_ROLE` (OpenZeppelin's ids,
/// which the programs use).
pub fn role_id(name: &str) -> B256 {
    if name == "DEFAULT_ADMIN_ROLE" {
        B256::ZERO
    } else {
        keccak256(name.as_bytes())
    }
}

impl Step {
    /// A stable id (the manifest's key).
    pub fn id(&self) -> String {
        match self {
            Self::Deploy(program) | Self::DeployPeriphery(program) => format!("deploy:{program}"),
            Self::Role {
                contract,
                action,
                role_name,
                target,
            } => {
                let action = match action {
                    Action::Grant => "grant",
                    Action::Renounce => "renounce",
                };
                let who = match target {
                    Target::Program(name) => (*name).to_string(),
                    Target::Account(address) => address.to_string(),
                };
                format!("{action}:{contract}:{role_name}:{who}")
            }
        }
    }

    /// For people.
    pub fn describe(&self) -> String {
        match self {
            Self::Deploy(program) => format!("deploy {program}"),
            Self::DeployPeriphery(name) => format!("deploy {name} (Solidity)"),
            Self::Role {
                contract,
                action,
                role_name,
                target,
            } => {
                let who = match target {
                    Target::Program(name) => (*name).to_string(),
                    Target::Account(address) => address.to_string(),
                };
                match action {
                    Action::Grant => format!("{contract}: grant {role_name} to {who}"),
                    Action::Renounce => format!("{contract}: deployer renounces {role_name}"),
                }
            }
        }
    }
}

/// The steps for `params`, in order: the programs (the redemption program before the vault,
/// which takes its address), the periphery the config asks for, then the wiring of `tests/support/mod.rs` (the vault as the
/// LRT's minter; the slashing manager, the curator and the pauser on the vault), then, when
/// the final admin is not the deployer, the admin handover.
pub fn steps(params: &Params) -> Vec<Step> {
    let mut steps: Vec<Step> = crate::artifacts::PROGRAMS
        .iter()
        .map(|program| Step::Deploy(program))
        .collect();
    if params.permit_depositor {
        steps.push(Step::DeployPeriphery(periphery::PERMIT_DEPOSITOR));
    }
    let grant = |contract, role_name, target| Step::Role {
        contract,
        action: Action::Grant,
        role_name,
        target,
    };
    steps.push(grant(
        "lrt-token",
        "MINTER_ROLE",
        Target::Program("restaking-vault"),
    ));
    steps.push(grant(
        "restaking-vault",
        "SLASHER_ROLE",
        Target::Program("slashing-manager"),
    ));
    steps.push(grant(
        "restaking-vault",
        "CURATOR_ROLE",
        Target::Account(params.curator),
    ));
    steps.push(grant(
        "restaking-vault",
        "PAUSER_ROLE",
        Target::Account(params.pauser),
    ));
    if params.admin != params.deployer_account {
        let administered = ["lrt-token", "restaking-vault", "slashing-manager"];
        for contract in administered {
            steps.push(grant(
                contract,
                "DEFAULT_ADMIN_ROLE",
                Target::Account(params.admin),
            ));
        }
        for contract in administered {
            steps.push(Step::Role {
                contract,
                action: Action::Renounce,
                role_name: "DEFAULT_ADMIN_ROLE",
                target: Target::Account(params.deployer_account),
            });
        }
    }
    steps
}

/// The `stylus_constructor()` calldata of `program` (empty for the redemption program, which
/// has no constructor), given the other programs' addresses.
pub fn init_data(
    program: &str,
    params: &Params,
    addresses: &BTreeMap<String, Address>,
) -> anyhow::Result<Bytes> {
    let address = |name: &str| {
        addresses
            .get(name)
            .copied()
            .with_context(|| format!("{program} needs the address of {name}"))
    };
    // Constructors get the deployer as admin: it wires the roles, then hands over.
    let admin = params.deployer_account;
    let args = match program {
        "lrt-token" => <(
            sol_data::String,
            sol_data::String,
            sol_data::Uint<8>,
            sol_data::Address,
        )>::abi_encode_params(&(
            params.name.clone(),
            params.symbol.clone(),
            params.decimals,
            admin,
        )),
        "restaking-vault-redemptions" => return Ok(Bytes::new()),
        "restaking-vault" => (
            params.asset,
            address("lrt-token")?,
            admin,
            params.epoch_start,
            params.epoch_duration,
            params.vesting_period,
            params.treasury,
            params.fee_bps,
            address("restaking-vault-redemptions")?,
        )
            .abi_encode_params(),
        "slashing-manager" => {
            let s = &params.slashing;
            (
                admin,
                s.max_veto_duration,
                s.execution_window,
                s.service_update_delay,
                s.opt_out_delay,
                s.allocation_delay,
            )
                .abi_encode_params()
        }
        other => bail!("unknown program {other}"),
    };
    let mut data = stylus_constructorCall::SELECTOR.to_vec();
    data.extend_from_slice(&args);
    Ok(data.into())
}

/// Where the StylusDeployer puts `init_code` constructed with `init_data` under `salt`:
/// CREATE2 with `keccak256(salt ‖ initData)` (its `initSalt`).
pub fn predict_address(
    stylus_deployer: Address,
    salt: B256,
    init_code: &[u8],
    init_data: &[u8],
) -> Address {
    let mut salted = salt.to_vec();
    salted.extend_from_slice(init_data);
    stylus_deployer.create2(keccak256(&salted), keccak256(init_code))
}

/// The data fee of activating `artifact`, estimated as stylus-tools does (ArbWasm's
/// `activateProgram` in an `eth_call`, the code placed at a scratch address by a state
/// override, from a scratch sender given a large balance): `(estimate, estimate + 20%)`,
/// zero when the code hash is already active at the current Stylus version.
pub async fn data_fee(provider: &DynProvider, artifact: &Artifact) -> anyhow::Result<(U256, U256)> {
    let current = view(provider, ARB_WASM, IArbWasm::stylusVersionCall {}).await?;
    if let Ok(version) = view(
        provider,
        ARB_WASM,
        IArbWasm::codehashVersionCall {
            codehash: artifact.code_hash,
        },
    )
    .await
        && version == current
    {
        return Ok((U256::ZERO, U256::ZERO));
    }
    let scratch = Address::from_word(keccak256(b"restaking-deploy/scratch-program"));
    let sender = Address::from_word(keccak256(b"restaking-deploy/scratch-sender"));
    let overrides = StateOverride::from_iter([
        (
            scratch,
            AccountOverride::default().with_code(artifact.code.clone()),
        ),
        (
            sender,
            AccountOverride::default().with_balance(U256::from(10u64).pow(U256::from(30u64))),
        ),
    ]);
    let one_eth = U256::from(10u64).pow(U256::from(18u64));
    let answer = chain::view_with(
        provider,
        sender,
        ARB_WASM,
        IArbWasm::activateProgramCall { program: scratch },
        one_eth,
        overrides,
    )
    .await
    .map_err(|error| anyhow!("{}: activation would fail: {error}", artifact.name))?;
    let fee = answer.dataFee;
    let bumped = fee * U256::from(100 + DATA_FEE_BUMP_PERCENT) / U256::from(100u64);
    Ok((fee, bumped))
}

fn resolve(target: Target, addresses: &BTreeMap<String, Address>) -> anyhow::Result<Address> {
    match target {
        Target::Account(address) => Ok(address),
        Target::Program(name) => addresses
            .get(name)
            .copied()
            .with_context(|| format!("no address for {name}")),
    }
}

/// The transaction a step sends (from the deployer account).
fn step_tx(
    step: &Step,
    params: &Params,
    artifacts: &Artifacts,
    addresses: &BTreeMap<String, Address>,
    value: U256,
) -> anyhow::Result<TransactionRequest> {
    match step {
        Step::Deploy(program) => {
            let artifact = artifacts.get(program)?;
            let call = IStylusDeployer::deployCall {
                bytecode: stylus_program::code::init_code(&artifact.code).into(),
                initData: init_data(program, params, addresses)?,
                initValue: U256::ZERO,
                salt: params.salt,
            };
            Ok(TransactionRequest::default()
                .with_from(params.deployer_account)
                .with_to(params.stylus_deployer)
                .with_value(value)
                .with_input(call.abi_encode()))
        }
        Step::DeployPeriphery(name) => Ok(TransactionRequest::default()
            .with_from(params.deployer_account)
            .with_deploy_code(periphery::init_code(name, addresses)?)),
        Step::Role {
            contract,
            action,
            role_name,
            target,
        } => {
            let to = resolve(Target::Program(contract), addresses)?;
            let role = role_id(role_name);
            let input = match action {
                Action::Grant => ILrtToken::grantRoleCall {
                    role,
                    account: resolve(*target, addresses)?,
                }
                .abi_encode(),
                Action::Renounce => ILrtToken::renounceRoleCall {
                    role,
                    callerConfirmation: params.deployer_account,
                }
                .abi_encode(),
            };
            Ok(TransactionRequest::default()
                .with_from(params.deployer_account)
                .with_to(to)
                .with_input(input))
        }
    }
}

/// How a deployment runs.
#[derive(Clone, Debug)]
pub struct DeployOptions {
    /// The JSON-RPC endpoint.
    pub rpc_url: String,
    /// The configuration.
    pub config: Config,
    /// The network preset (chain id, StylusDeployer).
    pub preset: Option<Preset>,
    /// The deployer's key.
    pub signer: PrivateKeySigner,
    /// Where the artifacts are.
    pub artifacts_dir: PathBuf,
    /// The manifest (default `deployments/<chain-id>.json`).
    pub manifest_path: Option<PathBuf>,
    /// Print the plan and send nothing.
    pub dry_run: bool,
    /// Interruptions, for tests of resumption.
    pub hooks: TestHooks,
}

/// Interruptions a test asks for, to see the next run finish the job.
#[derive(Clone, Copy, Debug, Default)]
pub struct TestHooks {
    /// Return (as a killed run would) after this many steps were sent and recorded.
    pub stop_after_steps: Option<usize>,
    /// Return right after sending the step with this many steps before it in this run,
    /// before its receipt: only the `pending` entry is in the manifest.
    pub crash_after_sending: Option<usize>,
}

/// One line of the plan.
#[derive(Clone, Debug)]
pub struct PlannedStep {
    /// The step.
    pub step: Step,
    /// Done and checked (nothing to send).
    pub done: bool,
    /// Estimated gas (for a step to do).
    pub gas: u64,
    /// Whether `gas` is a guess (its contract is not deployed yet).
    pub gas_is_guess: bool,
    /// Value sent (the bumped data fee) for a deployment.
    pub value: U256,
    /// The address (recorded or predicted) of a deployment.
    pub address: Option<Address>,
}

/// What a run did.
#[derive(Clone, Debug)]
pub struct DeployReport {
    /// The manifest as written.
    pub manifest: Manifest,
    /// Where.
    pub manifest_path: PathBuf,
    /// The plan it computed.
    pub plan: Vec<PlannedStep>,
    /// Transactions sent by this run.
    pub sent: Vec<B256>,
    /// Whether it stopped before the end (a test hook).
    pub interrupted: bool,
}

fn short(hash: B256) -> String {
    hash.to_string()
}

/// Checks the chain, the artifacts and the manifest ([`preflight`]), plans ([`plan`]), and
/// unless dry run sends each remaining step, writing the manifest after each ([`execute`]);
/// then checks the whole deployment on chain ([`verify`]) and marks it complete.
pub async fn deploy(options: DeployOptions) -> anyhow::Result<DeployReport> {
    let hooks = options.hooks;
    let mut run = preflight::Run::preflight(options).await?;
    let plan = run.plan().await?;
    if run.dry_run {
        println!("dry run: nothing sent");
        return Ok(run.report(plan, Vec::new(), false));
    }
    if run.balance < plan.needed {
        return Err(DeployError::InsufficientFunds {
            account: run.sender,
            balance: run.balance,
            needed: plan.needed,
        }
        .into());
    }
    let execution = run.execute(&plan, hooks).await?;
    if execution.interrupted {
        return Ok(run.report(plan, execution.sent, true));
    }
    run.verify().await?;
    run.manifest.complete = true;
    run.manifest.save(&run.manifest_path)?;
    println!("deployment complete: {}", run.manifest_path.display());
    for (name, record) in &run.manifest.contracts {
        println!("  {name:<28} {}", record.address);
    }
    Ok(run.report(plan, execution.sent, false))
}

impl preflight::Run {
    fn report(self, plan: plan::Plan, sent: Vec<B256>, interrupted: bool) -> DeployReport {
        DeployReport {
            manifest: self.manifest,
            manifest_path: self.manifest_path,
            plan: plan.steps,
            sent,
            interrupted,
        }
    }
}

/// The manifest's record of a periphery contract (EVM code: no activation, no data fee; its
/// constructor arguments are in its creation code, not an init call).
fn periphery_record(
    address: Address,
    code_hash: B256,
    tx_hash: Option<B256>,
    block_number: Option<u64>,
    gas_used: Option<u64>,
) -> ContractRecord {
    ContractRecord {
        address,
        tx_hash,
        block_number,
        gas_used,
        code_hash,
        activation_version: 0,
        data_fee_sent: U256::ZERO,
        init_data: Bytes::new(),
    }
}

/// The gas of a step's transaction that sends no value, estimated as if `sender` could pay
/// (the balance is checked against the whole plan).
async fn estimate_step(
    provider: &DynProvider,
    step: &Step,
    tx: &TransactionRequest,
    sender: Address,
) -> anyhow::Result<u64> {
    let overrides = StateOverride::from_iter([rich(sender)]);
    chain::estimate(provider, tx, Some(overrides))
        .await
        .map_err(|error| anyhow!("{}: would fail: {error}", step.describe()))
}

/// A state override giving `account` a large balance (for estimates).
fn rich(account: Address) -> (Address, AccountOverride) {
    (
        account,
        AccountOverride::default().with_balance(U256::from(10u64).pow(U256::from(30u64))),
    )
}

fn role_record(
    step: &Step,
    addresses: &BTreeMap<String, Address>,
    tx_hash: Option<B256>,
    block_number: Option<u64>,
    gas_used: Option<u64>,
) -> anyhow::Result<RoleRecord> {
    let Step::Role {
        contract,
        action,
        role_name,
        target,
    } = step
    else {
        bail!("not a role step");
    };
    Ok(RoleRecord {
        contract: (*contract).to_string(),
        action: match action {
            Action::Grant => "grant",
            Action::Renounce => "renounce",
        }
        .to_string(),
        role_name: (*role_name).to_string(),
        role: role_id(role_name),
        account: resolve(*target, addresses)?,
        tx_hash,
        block_number,
        gas_used,
    })
}

/// Reads the manifest at `path` (for callers that only need the addresses).
pub fn read_manifest(path: &Path) -> anyhow::Result<Manifest> {
    Manifest::load(path)?.with_context(|| format!("{}: no such manifest", path.display()))
}

/// Describes revert data (re-exported for the binary).
pub fn revert_reason(data: &[u8]) -> String {
    describe_revert(data)
}
