//! `deploy`: plan, check, send, record; resumable at every step.
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
use alloy_provider::{DynProvider, Provider};
use alloy_rpc_types_eth::{
    TransactionReceipt, TransactionRequest,
    state::{AccountOverride, StateOverride},
};
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{SolCall, SolEvent, SolType, SolValue, sol_data};
use anyhow::{Context, anyhow, bail};

use crate::{
    DeployError,
    artifacts::{Artifact, Artifacts},
    chain::{
        self, ARB_WASM, IArbWasm, ILrtToken, IRestakingVault, ISlashingManager, IStylusDeployer,
        describe_revert, eth, stylus_constructorCall, view,
    },
    config::{Config, Params, Preset, STYLUS_DEPLOYER},
    manifest::{self, ContractRecord, Manifest, Pending, RoleRecord},
    periphery,
};

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

/// Connects, checks the chain, the artifacts and the manifest, plans, and (unless dry run)
/// sends each remaining step, writing the manifest after each.
pub async fn deploy(options: DeployOptions) -> anyhow::Result<DeployReport> {
    let DeployOptions {
        rpc_url,
        config,
        preset,
        signer,
        artifacts_dir,
        manifest_path,
        dry_run,
        hooks,
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
    let steps = steps(&params);
    let total = steps.len();

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

    // ----- the plan: what is done (checked on chain), what is left -----
    let (max_fee, _) = chain::fees(&provider).await?;
    let mut addresses: BTreeMap<String, Address> = manifest
        .contracts
        .iter()
        .map(|(name, record)| (name.clone(), record.address))
        .collect();
    let mut plan = Vec::new();
    let mut missing_code: Vec<(Address, Vec<u8>)> = Vec::new();
    println!("plan:");
    for (index, step) in steps.iter().enumerate() {
        let id = step.id();
        let tx_info = |pending: &Option<(String, TransactionReceipt)>| {
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
        };
        let mut planned = PlannedStep {
            step: step.clone(),
            done: false,
            gas: 0,
            gas_is_guess: false,
            value: U256::ZERO,
            address: None,
        };
        let note;
        match step {
            Step::Deploy(program) => {
                let artifact = artifacts.get(program)?;
                if let Some(record) = manifest.contracts.get(*program) {
                    verify_program(
                        &provider,
                        program,
                        record.address,
                        artifact.code_hash,
                        &params,
                        &addresses,
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
                    let data = init_data(program, &params, &addresses)?;
                    let init_code = stylus_program::code::init_code(&artifact.code);
                    let predicted =
                        predict_address(params.stylus_deployer, params.salt, &init_code, &data);
                    addresses.insert((*program).to_string(), predicted);
                    planned.address = Some(predicted);
                    if !provider.get_code_at(predicted).await?.is_empty() {
                        // Deployed by an interrupted run (or anyone, with these exact
                        // arguments): check it and adopt it.
                        let version = verify_program(
                            &provider,
                            program,
                            predicted,
                            artifact.code_hash,
                            &params,
                            &addresses,
                        )
                        .await
                        .with_context(|| {
                            format!("found {program} at its expected address {predicted}")
                        })?;
                        let (tx_hash, block_number, gas_used) = tx_info(&pending_receipt);
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
                            manifest.save(&manifest_path)?;
                        }
                        planned.done = true;
                        note = format!("found deployed at {predicted}, checked, recorded");
                    } else {
                        let (fee, bumped) = data_fee(&provider, artifact).await?;
                        let tx = step_tx(step, &params, &artifacts, &addresses, bumped)?;
                        // Estimated as if the sender could pay (the balance is checked
                        // against the whole plan below), with the programs this one needs
                        // placed at their addresses when they are not deployed yet.
                        let overrides = StateOverride::from_iter(
                            missing_code
                                .iter()
                                .map(|(a, code)| {
                                    (*a, AccountOverride::default().with_code(code.clone()))
                                })
                                .chain([rich(sender)]),
                        );
                        planned.gas = chain::estimate(&provider, &tx, Some(overrides))
                            .await
                            .map_err(|error| {
                                anyhow!("{program}: the deployment would fail: {error}")
                            })?;
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
            }
            Step::DeployPeriphery(name) => {
                // CREATE: the address is the deployer's nonce at sending, so a run killed
                // after sending is resumed through the pending transaction's receipt.
                let found = match manifest.contracts.get(*name) {
                    Some(record) => Some((record.address, None)),
                    None => pending_receipt
                        .as_ref()
                        .filter(|(pending, _)| *pending == id)
                        .and_then(|(_, receipt)| receipt.contract_address)
                        .map(|address| (address, Some(tx_info(&pending_receipt)))),
                };
                if let Some((address, sent)) = found {
                    addresses.insert((*name).to_string(), address);
                    let code_hash =
                        periphery::verify(&provider, name, address, &params, &addresses)
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
                            manifest.save(&manifest_path)?;
                        }
                    }
                    planned.done = true;
                    planned.address = Some(address);
                    note = format!("done, checked at {address}");
                } else if manifest.contracts.contains_key("restaking-vault") {
                    let tx = step_tx(step, &params, &artifacts, &addresses, U256::ZERO)?;
                    planned.gas = estimate_step(&provider, step, &tx, sender).await?;
                    note = format!("to do, gas ≈ {}", planned.gas);
                } else {
                    // Its constructor reads the vault, which is not deployed yet.
                    planned.gas = PERIPHERY_GAS_GUESS;
                    planned.gas_is_guess = true;
                    note = format!(
                        "to do, gas ~{PERIPHERY_GAS_GUESS} (guess: the vault is not deployed yet)"
                    );
                }
            }
            Step::Role { .. } => {
                match role_in_effect(&provider, step, &addresses, &manifest.contracts).await? {
                    Some(true) => {
                        planned.done = true;
                        if !manifest.roles.contains_key(&id) {
                            let (tx_hash, block_number, gas_used) = tx_info(&pending_receipt);
                            manifest.roles.insert(
                                id.clone(),
                                role_record(step, &addresses, tx_hash, block_number, gas_used)?,
                            );
                            if !dry_run {
                                manifest.save(&manifest_path)?;
                            }
                        }
                        note = "done, checked on chain".to_string();
                    }
                    Some(false) => {
                        let tx = step_tx(step, &params, &artifacts, &addresses, U256::ZERO)?;
                        planned.gas = estimate_step(&provider, step, &tx, sender).await?;
                        note = format!("to do, gas ≈ {}", planned.gas);
                    }
                    None => {
                        planned.gas = ROLE_GAS_GUESS;
                        planned.gas_is_guess = true;
                        note = format!(
                            "to do, gas ~{ROLE_GAS_GUESS} (guess: contract not deployed yet)"
                        );
                    }
                }
            }
        }
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

    if dry_run {
        println!("dry run: nothing sent");
        return Ok(DeployReport {
            manifest,
            manifest_path,
            plan,
            sent: Vec::new(),
            interrupted: false,
        });
    }
    if balance < needed {
        return Err(DeployError::InsufficientFunds {
            account: sender,
            balance,
            needed,
        }
        .into());
    }

    // ----- execution -----
    let mut sent = Vec::new();
    for (done_in_run, index) in todo.iter().copied().enumerate() {
        if hooks.stop_after_steps == Some(done_in_run) {
            println!("stopping after {done_in_run} steps (test hook)");
            return Ok(DeployReport {
                manifest,
                manifest_path,
                plan,
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
            Step::Deploy(program) => data_fee(&provider, artifacts.get(program)?).await?.1,
            Step::DeployPeriphery(_) | Step::Role { .. } => U256::ZERO,
        };
        let tx = step_tx(step, &params, &artifacts, &addresses, value)?;
        let outcome = chain::send(&provider, sender, tx)
            .await
            .with_context(|| format!("{label}: failed"))?;
        sent.push(outcome.hash);
        manifest.pending = Some(Pending {
            step: id.clone(),
            tx_hash: outcome.hash,
        });
        manifest.save(&manifest_path)?;
        println!(
            "{label}: sent {} (gas limit {})",
            short(outcome.hash),
            outcome.gas_limit
        );
        if hooks.crash_after_sending == Some(done_in_run) {
            println!("stopping before the receipt (test hook)");
            return Ok(DeployReport {
                manifest,
                manifest_path,
                plan,
                sent,
                interrupted: true,
            });
        }
        let receipt = chain::wait_receipt(&provider, outcome.hash, RECEIPT_TIMEOUT).await?;
        if !receipt.status() {
            manifest.pending = None;
            manifest.save(&manifest_path)?;
            // Replay it as a call at its block for the reason.
            let reason = match provider
                .call(step_tx(step, &params, &artifacts, &addresses, value)?)
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
                    &provider,
                    program,
                    deployed,
                    artifact.code_hash,
                    &params,
                    &addresses,
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
                        init_data: init_data(program, &params, &addresses)?,
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
                let code_hash = periphery::verify(&provider, name, deployed, &params, &addresses)
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
                if role_in_effect(&provider, step, &addresses, &manifest.contracts).await?
                    != Some(true)
                {
                    bail!("{label}: mined, but the role is not in effect");
                }
                manifest.roles.insert(
                    id.clone(),
                    role_record(
                        step,
                        &addresses,
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
        manifest.save(&manifest_path)?;
    }
    manifest.complete = true;
    manifest.save(&manifest_path)?;
    println!("deployment complete: {}", manifest_path.display());
    for (name, record) in &manifest.contracts {
        println!("  {name:<28} {}", record.address);
    }
    Ok(DeployReport {
        manifest,
        manifest_path,
        plan,
        sent,
        interrupted: false,
    })
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
