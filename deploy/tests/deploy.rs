//! The deploy tool against an in-process devnet: a fresh deployment then `status`; a run
//! killed mid-way (between steps, and between sending a transaction and recording it) then
//! resumed with nothing deployed twice; a wrong chain id and insufficient funds refused before
//! anything is sent; a dry run sends nothing; the permit depositor next to an ERC-20 vault,
//! adopted after a kill.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use std::collections::BTreeSet;

use alloy_network::TransactionBuilder;
use alloy_primitives::{U256, address};
use alloy_provider::Provider;
use alloy_rpc_types_eth::TransactionRequest;
use alloy_sol_types::SolValue;
use common::*;
use restaking_deploy::{
    DeployError, Manifest, Preset, TestHooks,
    chain::{ILrtToken, IRestakingVault, view},
    deploy::{deploy, role_id},
    periphery::{self, IPermitDepositor},
    status::status,
};

#[tokio::test]
async fn fresh_deploy_then_status_then_an_idempotent_rerun() {
    let devnet = start().await;
    let url = devnet.url();
    let dir = tempfile::tempdir().unwrap();
    let report = deploy(options(&devnet, dev(0), dir.path())).await.unwrap();
    assert!(!report.interrupted);
    assert_eq!(report.sent.len(), 8, "4 programs and 4 role grants");
    let manifest = Manifest::load(&report.manifest_path).unwrap().unwrap();
    assert!(manifest.complete);
    assert_eq!(manifest.pending, None);
    assert_eq!(manifest.contracts.len(), 4);
    assert_eq!(manifest.roles.len(), 4);
    for record in manifest.contracts.values() {
        assert!(record.tx_hash.is_some() && record.block_number.is_some());
        assert!(record.activation_version >= 1);
    }
    assert!(manifest.tool.starts_with("restaking-deploy "));
    let deployed = deployed_by_stylus_deployer(&url).await;
    assert_eq!(deployed.len(), 4);

    // The wiring, read back.
    let provider = restaking_deploy::chain::connect_readonly(&url).unwrap();
    let (lrt, vault, manager) = (
        manifest.contracts["lrt-token"].address,
        manifest.contracts["restaking-vault"].address,
        manifest.contracts["slashing-manager"].address,
    );
    assert!(
        view(
            &provider,
            lrt,
            ILrtToken::hasRoleCall {
                role: role_id("MINTER_ROLE"),
                account: vault
            }
        )
        .await
        .unwrap()
    );
    assert!(
        view(
            &provider,
            vault,
            IRestakingVault::hasRoleCall {
                role: role_id("SLASHER_ROLE"),
                account: manager
            }
        )
        .await
        .unwrap()
    );
    assert_eq!(
        view(&provider, lrt, ILrtToken::symbolCall {})
            .await
            .unwrap(),
        "rstETH"
    );

    let checked = status(&url, &report.manifest_path, None).await.unwrap();
    assert!(checked.is_ok(), "{:?}", checked.problems);
    assert!(checked.ok.len() >= 9, "{:?}", checked.ok);

    // A rerun checks everything and sends nothing.
    let again = deploy(options(&devnet, dev(0), dir.path())).await.unwrap();
    assert!(again.sent.is_empty());
    assert!(again.plan.iter().all(|step| step.done));
    assert_eq!(deployed_by_stylus_deployer(&url).await.len(), 4);

    // status notices a role taken away.
    let admin = dev(0);
    let wallet = restaking_deploy::chain::connect(&url, std::slice::from_ref(&admin)).unwrap();
    restaking_deploy::chain::transact(
        &wallet,
        admin.address(),
        vault,
        IRestakingVault::revokeRoleCall {
            role: role_id("CURATOR_ROLE"),
            account: manifest.params.curator,
        },
        U256::ZERO,
    )
    .await
    .unwrap();
    let checked = status(&url, &report.manifest_path, None).await.unwrap();
    assert_eq!(checked.problems.len(), 1, "{:?}", checked.problems);
    assert!(checked.problems[0].contains("CURATOR_ROLE"));
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn killed_mid_way_then_resumed_deploys_nothing_twice() {
    let devnet = start().await;
    let url = devnet.url();
    let dir = tempfile::tempdir().unwrap();

    // Killed after two steps (between steps).
    let mut first = options(&devnet, dev(0), dir.path());
    first.hooks = TestHooks {
        stop_after_steps: Some(2),
        ..TestHooks::default()
    };
    let report = deploy(first).await.unwrap();
    assert!(report.interrupted);
    assert_eq!(report.sent.len(), 2);
    let manifest = Manifest::load(&report.manifest_path).unwrap().unwrap();
    assert_eq!(manifest.contracts.len(), 2);
    assert!(!manifest.complete);
    assert!(
        !status(&url, &report.manifest_path, None)
            .await
            .unwrap()
            .is_ok()
    );

    // Killed right after sending the vault's deployment, before recording it.
    let mut second = options(&devnet, dev(0), dir.path());
    second.hooks = TestHooks {
        crash_after_sending: Some(0),
        ..TestHooks::default()
    };
    let report = deploy(second).await.unwrap();
    assert!(report.interrupted);
    assert_eq!(report.sent.len(), 1);
    let manifest = Manifest::load(&report.manifest_path).unwrap().unwrap();
    let pending = manifest
        .pending
        .clone()
        .expect("the sent transaction is pending");
    assert_eq!(pending.step, "deploy:restaking-vault");
    assert!(!manifest.contracts.contains_key("restaking-vault"));
    assert_eq!(deployed_by_stylus_deployer(&url).await.len(), 3);

    // The next run picks the vault up from its transaction and finishes.
    let report = deploy(options(&devnet, dev(0), dir.path())).await.unwrap();
    assert!(!report.interrupted);
    assert_eq!(report.sent.len(), 5, "the manager and the 4 grants");
    let manifest = Manifest::load(&report.manifest_path).unwrap().unwrap();
    assert!(manifest.complete);
    assert_eq!(
        manifest.contracts["restaking-vault"].tx_hash,
        Some(pending.tx_hash),
        "the interrupted transaction is recorded"
    );
    let deployed = deployed_by_stylus_deployer(&url).await;
    assert_eq!(deployed.len(), 4, "each program deployed once");
    let unique: BTreeSet<_> = deployed.iter().collect();
    assert_eq!(unique.len(), 4);
    let recorded: BTreeSet<_> = manifest.contracts.values().map(|r| &r.address).collect();
    assert_eq!(unique, recorded);
    let checked = status(&url, &report.manifest_path, None).await.unwrap();
    assert!(checked.is_ok(), "{:?}", checked.problems);
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn a_wrong_chain_id_is_refused_before_anything_is_sent() {
    let devnet = start().await;
    let url = devnet.url();
    let dir = tempfile::tempdir().unwrap();
    let mut wrong = options(&devnet, dev(0), dir.path());
    wrong.preset = Some(Preset::ArbitrumSepolia);
    wrong.config.chain_id = None;
    let error = deploy(wrong).await.unwrap_err();
    match error.downcast_ref::<DeployError>() {
        Some(DeployError::WrongChainId {
            expected, actual, ..
        }) => assert_eq!((*expected, *actual), (421_614, 412_346)),
        other => panic!("expected WrongChainId, got {other:?}: {error:#}"),
    }
    assert!(error.to_string().contains("chain id 412346"), "{error}");

    let mut wrong = options(&devnet, dev(0), dir.path());
    wrong.preset = None;
    wrong.config.chain_id = Some(42_161);
    let error = deploy(wrong).await.unwrap_err();
    assert!(matches!(
        error.downcast_ref::<DeployError>(),
        Some(DeployError::WrongChainId {
            expected: 42_161,
            ..
        })
    ));
    assert_eq!(block_number(&url).await, 0, "nothing sent");
    assert!(!dir.path().join("412346.json").exists());
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn insufficient_funds_are_refused_with_a_clear_error() {
    let devnet = start().await;
    let url = devnet.url();
    let dir = tempfile::tempdir().unwrap();
    let poor = random_signer();
    let funder = dev(1);
    let wallet = restaking_deploy::chain::connect(&url, std::slice::from_ref(&funder)).unwrap();
    let tx = TransactionRequest::default()
        .with_to(poor.address())
        .with_value(U256::from(10u64).pow(U256::from(14u64)));
    restaking_deploy::chain::send(&wallet, funder.address(), tx)
        .await
        .unwrap();
    let before = block_number(&url).await;

    let error = deploy(options(&devnet, poor.clone(), dir.path()))
        .await
        .unwrap_err();
    match error.downcast_ref::<DeployError>() {
        Some(DeployError::InsufficientFunds {
            account,
            balance,
            needed,
        }) => {
            assert_eq!(*account, poor.address());
            assert_eq!(*balance, U256::from(10u64).pow(U256::from(14u64)));
            assert!(needed > balance);
        }
        other => panic!("expected InsufficientFunds, got {other:?}: {error:#}"),
    }
    let text = error.to_string();
    assert!(
        text.contains("insufficient funds") && text.contains("0.0001 ETH"),
        "{text}"
    );
    assert_eq!(block_number(&url).await, before, "nothing sent");
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn a_dry_run_prints_the_plan_and_sends_nothing() {
    let devnet = start().await;
    let url = devnet.url();
    let dir = tempfile::tempdir().unwrap();
    let mut dry = options(&devnet, dev(0), dir.path());
    dry.dry_run = true;
    let report = deploy(dry).await.unwrap();
    assert!(report.sent.is_empty());
    assert_eq!(report.plan.len(), 8);
    for step in &report.plan[..4] {
        assert!(!step.done);
        assert!(step.gas > 100_000, "{step:?}");
        assert!(!step.gas_is_guess);
        assert!(step.value > U256::ZERO, "a data fee: {step:?}");
        assert!(step.address.is_some());
    }
    assert!(report.plan[4..].iter().all(|step| step.gas_is_guess));
    assert_eq!(block_number(&url).await, 0);
    let provider = restaking_deploy::chain::connect_readonly(&url).unwrap();
    assert_eq!(
        provider
            .get_transaction_count(dev(0).address())
            .await
            .unwrap(),
        0
    );
    assert!(
        !dir.path().join("412346.json").exists(),
        "no manifest written"
    );

    // The dry run's predicted addresses are where the real run deploys.
    let real = deploy(options(&devnet, dev(0), dir.path())).await.unwrap();
    for (planned, name) in report.plan[..4]
        .iter()
        .zip(restaking_deploy::artifacts::PROGRAMS)
    {
        assert_eq!(planned.address, Some(real.manifest.contracts[name].address));
    }
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn another_admin_gets_the_admin_role_and_the_deployer_renounces_it() {
    let devnet = start().await;
    let url = devnet.url();
    let dir = tempfile::tempdir().unwrap();
    let admin = address!("00000000000000000000000000000000000ad311");
    let mut run = options(&devnet, dev(0), dir.path());
    run.config.admin = Some(admin);
    let report = deploy(run).await.unwrap();
    assert_eq!(report.sent.len(), 14);
    let provider = restaking_deploy::chain::connect_readonly(&url).unwrap();
    for record in report
        .manifest
        .contracts
        .values()
        .filter(|r| !r.init_data.is_empty())
    {
        let has = |account| {
            view(
                &provider,
                record.address,
                ILrtToken::hasRoleCall {
                    role: role_id("DEFAULT_ADMIN_ROLE"),
                    account,
                },
            )
        };
        assert!(has(admin).await.unwrap());
        assert!(!has(dev(0).address()).await.unwrap());
    }
    assert!(
        status(&url, &report.manifest_path, None)
            .await
            .unwrap()
            .is_ok()
    );
    devnet.stop().await.unwrap();
}

/// An ERC-20 vault with `vault.permit_depositor`: the periphery is deployed after the programs,
/// bound to the vault and its asset. A run killed right after sending it (before recording it)
/// is resumed through that transaction: the depositor is adopted, not deployed twice.
#[tokio::test]
async fn a_permit_depositor_is_deployed_next_to_an_erc20_vault_and_adopted_after_a_kill() {
    let devnet = start().await;
    let url = devnet.url();
    let dir = tempfile::tempdir().unwrap();
    let provider = restaking_deploy::chain::connect(&url, &[dev(0)]).unwrap();
    let mut init = periphery::creation_code(periphery::DEMO_STAKING_TOKEN).unwrap();
    init.extend_from_slice(&("Test Staked Ether", "tstETH").abi_encode_params());
    let sent = restaking_deploy::chain::send(
        &provider,
        dev(0).address(),
        TransactionRequest::default().with_deploy_code(init),
    )
    .await
    .unwrap();
    let token = provider
        .get_transaction_receipt(sent.hash)
        .await
        .unwrap()
        .and_then(|receipt| receipt.contract_address)
        .expect("the token is deployed");

    let with_depositor = |hooks| {
        let mut run = options(&devnet, dev(0), dir.path());
        run.config.vault.asset = token.to_string();
        run.config.vault.permit_depositor = true;
        run.hooks = hooks;
        run
    };
    // The four programs, then killed right after sending the depositor's deployment.
    let report = deploy(with_depositor(TestHooks {
        stop_after_steps: Some(4),
        ..TestHooks::default()
    }))
    .await
    .unwrap();
    assert!(report.interrupted);
    let report = deploy(with_depositor(TestHooks {
        crash_after_sending: Some(0),
        ..TestHooks::default()
    }))
    .await
    .unwrap();
    assert!(report.interrupted);
    let manifest = Manifest::load(&report.manifest_path).unwrap().unwrap();
    let pending = manifest.pending.clone().expect("the deployment is pending");
    assert_eq!(pending.step, "deploy:permit-depositor");
    assert!(!manifest.contracts.contains_key("permit-depositor"));

    let report = deploy(with_depositor(TestHooks::default())).await.unwrap();
    assert!(!report.interrupted);
    assert_eq!(
        report.sent.len(),
        4,
        "only the 4 grants: nothing deployed twice"
    );
    let manifest = Manifest::load(&report.manifest_path).unwrap().unwrap();
    assert!(manifest.complete && manifest.params.permit_depositor);
    let record = &manifest.contracts["permit-depositor"];
    assert_eq!(record.tx_hash, Some(pending.tx_hash));
    assert_eq!(record.activation_version, 0);
    let code = provider.get_code_at(record.address).await.unwrap();
    assert_eq!(record.code_hash, alloy_primitives::keccak256(&code));
    let vault = manifest.contracts["restaking-vault"].address;
    let depositor = record.address;
    assert_eq!(
        view(&provider, depositor, IPermitDepositor::vaultCall {})
            .await
            .unwrap(),
        vault
    );
    assert_eq!(
        view(&provider, depositor, IPermitDepositor::assetCall {})
            .await
            .unwrap(),
        token
    );
    let checked = status(&url, &report.manifest_path, None).await.unwrap();
    assert!(checked.is_ok(), "{:?}", checked.problems);

    // A rerun checks it on chain and sends nothing.
    let report = deploy(with_depositor(TestHooks::default())).await.unwrap();
    assert!(report.sent.is_empty());
    devnet.stop().await.unwrap();
}

#[test]
fn a_permit_depositor_for_native_eth_is_refused_by_the_config_check() {
    let mut config = devnet_config();
    config.vault.permit_depositor = true;
    let error = config.validate().unwrap_err().to_string();
    assert!(
        error.contains("vault.permit_depositor needs an ERC-20 asset"),
        "{error}"
    );
}
