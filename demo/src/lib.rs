//! The main job (`cargo run --release -p restaking-demo`): an embedded devnet, the deployment
//! by the deploy tool (`restaking-deploy`, which does not link the devnet), and the protocol
//! used as its users would — deposit, transfer, allocate, slash, request, claim — over JSON-RPC,
//! printing what happens.

// Arithmetic here is on demo amounts, gas and timestamps of a devnet the demo itself starts,
// far below their types' ranges; the workspace's arithmetic lint targets the contracts' money
// maths.
#![allow(clippy::arithmetic_side_effects)]

use std::path::{Path, PathBuf};

use alloy_network::TransactionBuilder;
use alloy_primitives::{Address, U256, address, keccak256, utils::format_ether};
use alloy_provider::{DynProvider, Provider};
use alloy_rpc_types_eth::TransactionRequest;
use alloy_signer::SignerSync;
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{SolCall, SolStruct, SolValue, sol};
use anyhow::{Context, bail};
use stylus_devnet::{Devnet, DevnetConfig, accounts};

use restaking_deploy::{
    Config, DeployOptions, DeployReport, Preset, TestHooks,
    chain::{self, ILrtToken, IRestakingVault, ISlashingManager, eth, view},
    deploy,
    periphery::{self, IDemoStakingToken, IPermitDepositor},
};

/// The config the demo deploys with: `deploy/config/devnet.json`, the documented example.
pub const DEMO_CONFIG: &str = include_str!("../../deploy/config/devnet.json");

/// Receives what the service slashes.
pub const SLASH_RECIPIENT: Address = address!("000000000000000000000000000000000005ec1e");
/// May veto the service's slash requests (it does not, here).
pub const RESOLVER: Address = address!("000000000000000000000000000000000000e501");
/// The service's veto window, in seconds.
pub const VETO: u64 = 60;

/// How the demo runs.
#[derive(Clone, Debug)]
pub struct DemoOptions {
    /// The devnet's port on 127.0.0.1 (0: any free port).
    pub port: u16,
    /// Keep the devnet running at the end (until Ctrl-C) and print how to connect MetaMask.
    pub keep_running: bool,
    /// Where the artifacts are.
    pub artifacts_dir: PathBuf,
    /// The built restaking page (`app/dist`, from `cargo xtask build`), served on the devnet's
    /// origin with `keep_running`.
    pub page_dir: PathBuf,
}

/// The workspace's built restaking page, `app/dist`.
pub fn default_page_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../app/dist");
    dir.canonicalize().unwrap_or(dir)
}

/// The file the page reads the list of deployments from, next to it: a JSON array of manifest
/// file names in the same folder, the first one shown first.
pub const PAGE_DEPLOYMENTS: &str = "deployments.json";

/// Serves the manifests at `manifest_paths` to the page: a copy of each under its own file name
/// in `site_dir` (one of the devnet's site folders) and [`PAGE_DEPLOYMENTS`] listing them.
pub fn publish_manifests(manifest_paths: &[&Path], site_dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(site_dir)
        .with_context(|| format!("cannot create {}", site_dir.display()))?;
    let mut names = Vec::new();
    for path in manifest_paths {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .with_context(|| format!("{} has no file name", path.display()))?;
        std::fs::copy(path, site_dir.join(name))
            .with_context(|| format!("cannot copy {}", path.display()))?;
        names.push(name.to_string());
    }
    std::fs::write(
        site_dir.join(PAGE_DEPLOYMENTS),
        serde_json::to_string_pretty(&names)?,
    )
    .context("cannot write the page's list of deployments")?;
    Ok(())
}

/// What the scenario produced (for tests and the summary).
#[derive(Clone, Debug)]
pub struct DemoOutcome {
    /// The LRT.
    pub lrt: Address,
    /// The vault.
    pub vault: Address,
    /// The slashing manager.
    pub manager: Address,
    /// Where the manifest was written.
    pub manifest_path: PathBuf,
    /// `getRate()` before the slash (1e18 = 1 asset per share).
    pub rate_before_slash: U256,
    /// `getRate()` after it.
    pub rate_after_slash: U256,
    /// What the slash moved to the recipient.
    pub slashed: U256,
    /// What Bob's claim paid.
    pub claimed: U256,
    /// Bob's ETH balance change over the claim transaction, its gas included.
    pub claim_balance_change: U256,
    /// Gas Bob paid for the claim.
    pub claim_gas_cost: U256,
}

fn e18(amount: u64) -> U256 {
    U256::from(amount) * U256::from(10u64).pow(U256::from(18u64))
}

fn tokens(amount: U256, unit: &str) -> String {
    let text = format_ether(amount);
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    format!("{trimmed} {unit}")
}

fn rate(rate: U256) -> String {
    let text = format_ether(rate);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

async fn rpc(
    provider: &DynProvider,
    method: &'static str,
    params: serde_json::Value,
) -> anyhow::Result<()> {
    provider
        .raw_request::<_, serde_json::Value>(method.into(), params)
        .await
        .with_context(|| method.to_string())?;
    Ok(())
}

/// Moves the devnet's clock `seconds` forward and mines a block there.
async fn advance(provider: &DynProvider, seconds: u64) -> anyhow::Result<()> {
    rpc(provider, "evm_increaseTime", serde_json::json!([seconds])).await?;
    rpc(provider, "evm_mine", serde_json::json!([])).await
}

async fn send<C: SolCall>(
    provider: &DynProvider,
    from: Address,
    to: Address,
    call: C,
    value: U256,
) -> anyhow::Result<alloy_rpc_types_eth::TransactionReceipt> {
    chain::transact(provider, from, to, call, value).await
}

/// Deploys `config` with this tool onto the devnet at `url` as `signer`, the manifest at
/// `manifest_path`.
async fn deploy_on_devnet(
    url: &str,
    config: Config,
    signer: &PrivateKeySigner,
    artifacts_dir: &Path,
    manifest_path: PathBuf,
) -> anyhow::Result<DeployReport> {
    deploy::deploy(DeployOptions {
        rpc_url: url.to_string(),
        config,
        preset: Some(Preset::Devnet),
        signer: signer.clone(),
        artifacts_dir: artifacts_dir.to_path_buf(),
        manifest_path: Some(manifest_path),
        dry_run: false,
        hooks: TestHooks::default(),
    })
    .await
}

/// The address `report`'s manifest records for `name`.
fn recorded(report: &DeployReport, name: &str) -> anyhow::Result<Address> {
    report
        .manifest
        .contracts
        .get(name)
        .map(|record| record.address)
        .with_context(|| format!("{name} not deployed"))
}

/// Deploys with this tool onto the devnet at `url` and plays the scenario; the manifest goes
/// into `manifest_dir`.
pub async fn run(
    url: &str,
    artifacts_dir: &Path,
    manifest_dir: &Path,
) -> anyhow::Result<DemoOutcome> {
    let signers: Vec<PrivateKeySigner> = accounts::dev_signers();
    let [alice, bob, curator, service, operator] = [0, 1, 2, 3, 4].map(|i| signers[i].clone());
    let config: Config = serde_json::from_str(DEMO_CONFIG).context("config/devnet.json")?;
    config.validate()?;
    if config.curator != curator.address() {
        bail!("config/devnet.json's curator must be dev account 2");
    }

    println!(
        "\n== 1. deploy with restaking-deploy (deployer and admin: Alice, the nitro-devnode dev key)"
    );
    let report = deploy_on_devnet(
        url,
        config.clone(),
        &alice,
        artifacts_dir,
        manifest_dir.join("412346.json"),
    )
    .await?;
    let address = |name: &str| recorded(&report, name);
    let (lrt, vault, manager) = (
        address("lrt-token")?,
        address("restaking-vault")?,
        address("slashing-manager")?,
    );

    let provider = chain::connect(url, &signers)?;
    let p = &provider;
    let shares = |account: Address| view(p, lrt, ILrtToken::balanceOfCall { account });
    let get_rate = || view(p, vault, IRestakingVault::getRateCall {});
    let total_assets = || view(p, vault, IRestakingVault::totalAssetsCall {});
    let people = [
        ("Alice", alice.address()),
        ("Bob", bob.address()),
        ("curator", curator.address()),
        ("service", service.address()),
        ("operator", operator.address()),
    ];
    println!("\nactors:");
    for (name, account) in people {
        println!("  {name:<9} {account}");
    }
    println!("  recipient {SLASH_RECIPIENT} (receives slashed ETH)");

    println!("\n== 2. deposit (native ETH vault, ERC-7535)");
    send(
        p,
        alice.address(),
        vault,
        IRestakingVault::depositCall {
            assets: e18(10),
            receiver: alice.address(),
        },
        e18(10),
    )
    .await?;
    println!(
        "  Alice deposits 10 ETH  → {}",
        tokens(shares(alice.address()).await?, "rstETH")
    );
    send(
        p,
        bob.address(),
        vault,
        IRestakingVault::depositCall {
            assets: e18(5),
            receiver: bob.address(),
        },
        e18(5),
    )
    .await?;
    println!(
        "  Bob deposits 5 ETH     → {}",
        tokens(shares(bob.address()).await?, "rstETH")
    );
    let rate_before_slash = get_rate().await?;
    println!(
        "  vault: totalAssets {}, rate {} ETH per rstETH",
        eth(total_assets().await?),
        rate(rate_before_slash)
    );

    println!("\n== 3. transfer (the LRT is an ERC-20)");
    send(
        p,
        alice.address(),
        lrt,
        ILrtToken::transferCall {
            to: bob.address(),
            value: e18(2),
        },
        U256::ZERO,
    )
    .await?;
    println!(
        "  Alice sends 2 rstETH to Bob → Alice {}, Bob {}",
        tokens(shares(alice.address()).await?, "rstETH"),
        tokens(shares(bob.address()).await?, "rstETH")
    );

    println!("\n== 4. allocate (service, operator, curator in the slashing manager)");
    send(
        p,
        service.address(),
        manager,
        ISlashingManager::registerServiceCall {
            resolver: RESOLVER,
            vetoDuration: VETO,
            recipient: SLASH_RECIPIENT,
        },
        U256::ZERO,
    )
    .await?;
    println!("  service registers: resolver {RESOLVER}, veto window {VETO} s");
    send(
        p,
        operator.address(),
        manager,
        ISlashingManager::registerOperatorCall {},
        U256::ZERO,
    )
    .await?;
    send(
        p,
        operator.address(),
        manager,
        ISlashingManager::optInServiceCall {
            service: service.address(),
        },
        U256::ZERO,
    )
    .await?;
    send(
        p,
        operator.address(),
        manager,
        ISlashingManager::optInVaultCall { vault },
        U256::ZERO,
    )
    .await?;
    println!("  operator registers, opts in to the service and to the vault");
    send(
        p,
        curator.address(),
        manager,
        ISlashingManager::setAllocationCall {
            vault,
            service: service.address(),
            operator: operator.address(),
            amount: e18(8),
        },
        U256::ZERO,
    )
    .await?;
    println!("  curator allocates 8 ETH of the vault's stake to (service, operator)");

    println!("\n== 5. slash (request, veto window, execute)");
    advance(p, 5).await?;
    let capture = chain::latest_timestamp(p).await?;
    let slashable = view(
        p,
        manager,
        ISlashingManager::slashableStakeCall {
            vault,
            service: service.address(),
            operator: operator.address(),
            captureTimestamp: capture,
        },
    )
    .await?;
    println!("  slashable at capture time {capture}: {}", eth(slashable));
    let requested = e18(3);
    send(
        p,
        service.address(),
        manager,
        ISlashingManager::requestSlashCall {
            operator: operator.address(),
            vault,
            amount: requested,
            captureTimestamp: capture,
        },
        U256::ZERO,
    )
    .await?;
    let id = view(p, manager, ISlashingManager::slashRequestCountCall {}).await? - U256::from(1u64);
    println!(
        "  service requests a slash of {} → request #{id}; the resolver has {VETO} s to veto",
        eth(requested)
    );
    advance(p, VETO + 1).await?;
    println!("  evm_increaseTime {} s: the veto window is over", VETO + 1);
    let recipient_before = p.get_balance(SLASH_RECIPIENT).await?;
    send(
        p,
        bob.address(),
        manager,
        ISlashingManager::executeSlashCall { id },
        U256::ZERO,
    )
    .await?;
    let slashed = p.get_balance(SLASH_RECIPIENT).await? - recipient_before;
    let rate_after_slash = get_rate().await?;
    println!(
        "  anyone (Bob) executes it: {} moved to the recipient",
        eth(slashed)
    );
    println!(
        "  vault: totalAssets {}, rate {} → {} ETH per rstETH",
        eth(total_assets().await?),
        rate(rate_before_slash),
        rate(rate_after_slash)
    );

    println!("\n== 6. request to redeem (ERC-7540, by epoch)");
    let bob_shares = shares(bob.address()).await?;
    send(
        p,
        bob.address(),
        vault,
        IRestakingVault::requestRedeemCall {
            shares: bob_shares,
            controller: bob.address(),
            owner: bob.address(),
        },
        U256::ZERO,
    )
    .await?;
    let epoch = view(p, vault, IRestakingVault::currentEpochCall {}).await?;
    let request = epoch + 1;
    let pending = view(
        p,
        vault,
        IRestakingVault::pendingRedeemRequestCall {
            requestId: U256::from(request),
            controller: bob.address(),
        },
    )
    .await?;
    println!(
        "  Bob requests {} in epoch {epoch} → request id {request}, pending {}; his rstETH burnt now",
        tokens(bob_shares, "rstETH"),
        tokens(pending, "rstETH")
    );

    println!("\n== 7. epochs pass");
    let duration = view(p, vault, IRestakingVault::epochDurationCall {}).await?;
    let mut claimable = U256::ZERO;
    for _ in 0..4 {
        advance(p, duration).await?;
        claimable = view(
            p,
            vault,
            IRestakingVault::claimableRedeemRequestCall {
                requestId: U256::from(request),
                controller: bob.address(),
            },
        )
        .await?;
        let now_epoch = view(p, vault, IRestakingVault::currentEpochCall {}).await?;
        println!(
            "  evm_increaseTime {duration} s → epoch {now_epoch}; claimable {}",
            tokens(claimable, "rstETH")
        );
        if !claimable.is_zero() {
            break;
        }
    }
    if claimable.is_zero() {
        bail!("Bob's request never became claimable");
    }
    let expected = view(
        p,
        vault,
        IRestakingVault::maxWithdrawCall {
            controller: bob.address(),
        },
    )
    .await?;

    println!("\n== 8. claim");
    let before = p.get_balance(bob.address()).await?;
    let receipt = send(
        p,
        bob.address(),
        vault,
        IRestakingVault::claimCall {
            epoch: request,
            receiver: bob.address(),
        },
        U256::ZERO,
    )
    .await?;
    let after = p.get_balance(bob.address()).await?;
    let gas_cost = U256::from(receipt.gas_used) * U256::from(receipt.effective_gas_price);
    let claimed = after + gas_cost - before;
    println!(
        "  Bob claims epoch {request}: {} paid (expected {}), gas {} ({})",
        eth(claimed),
        eth(expected),
        receipt.gas_used,
        eth(gas_cost)
    );

    println!("\n== summary");
    println!("  LRT (rstETH)       {lrt}");
    println!("  vault              {vault}");
    println!("  slashing manager   {manager}");
    println!(
        "  rate               {} → {} after slashing {}",
        rate(rate_before_slash),
        rate(rate_after_slash),
        eth(slashed)
    );
    println!(
        "  Bob                deposited 5 ETH, received 2 rstETH, redeemed {} for {}",
        tokens(bob_shares, "rstETH"),
        eth(claimed)
    );
    println!(
        "  Alice              holds {}, worth {}",
        tokens(shares(alice.address()).await?, "rstETH"),
        eth(view(
            p,
            vault,
            IRestakingVault::convertToAssetsCall {
                shares: shares(alice.address()).await?
            }
        )
        .await?)
    );
    println!("  manifest           {}", report.manifest_path.display());

    Ok(DemoOutcome {
        lrt,
        vault,
        manager,
        manifest_path: report.manifest_path,
        rate_before_slash,
        rate_after_slash,
        slashed,
        claimed,
        claim_balance_change: after.saturating_sub(before),
        claim_gas_cost: gas_cost,
    })
}

/// The demo's second deployment: a vault over an ERC-20 with permits.
#[derive(Clone, Debug)]
pub struct TokenVaultOutcome {
    /// The staking token (`deploy/solidity/DemoStakingToken.sol`).
    pub token: Address,
    /// The vault's LRT.
    pub lrt: Address,
    /// The vault.
    pub vault: Address,
    /// The permit depositor the deploy tool put next to it.
    pub depositor: Address,
    /// Where its manifest was written.
    pub manifest_path: PathBuf,
    /// What Bob's permit deposit minted him.
    pub permit_shares: U256,
}

/// The token vault's LRT symbol.
pub const TOKEN_VAULT_LRT_SYMBOL: &str = "rtstETH";

sol! {
    /// EIP-2612's signed message.
    struct Permit {
        address owner;
        address spender;
        uint256 value;
        uint256 nonce;
        uint256 deadline;
    }
}

/// Deploys a staking token with permits (`DemoStakingToken`, from Alice), then with this tool
/// an ERC-20 vault over it with the permit depositor (the demo config with that asset, its own
/// LRT and salt); mints Bob 100 of the token and deposits 10 of them with one permit signature
/// and one transaction. Its manifest goes into `manifest_dir`.
pub async fn run_token_vault(
    url: &str,
    artifacts_dir: &Path,
    manifest_dir: &Path,
) -> anyhow::Result<TokenVaultOutcome> {
    let signers: Vec<PrivateKeySigner> = accounts::dev_signers();
    let (alice, bob) = (signers[0].clone(), signers[1].clone());
    let provider = chain::connect(url, &signers)?;
    let p = &provider;

    println!("\n== 9. a second vault, over an ERC-20 staking token with EIP-2612 permits");
    let mut init = periphery::creation_code(periphery::DEMO_STAKING_TOKEN)?;
    init.extend_from_slice(&("Test Staked Ether", "tstETH").abi_encode_params());
    let sent = chain::send(
        p,
        alice.address(),
        TransactionRequest::default().with_deploy_code(init),
    )
    .await
    .context("deploy the demo's staking token")?;
    let receipt = chain::wait_receipt(p, sent.hash, std::time::Duration::from_secs(600)).await?;
    let token = receipt
        .contract_address
        .filter(|_| receipt.status())
        .context("the demo's staking token was not deployed")?;
    println!("  Alice deploys the staking token tstETH (OpenZeppelin ERC20Permit): {token}");

    let mut config: Config = serde_json::from_str(DEMO_CONFIG).context("config/devnet.json")?;
    config.lrt.name = "Restaked Test Staked Ether".to_string();
    config.lrt.symbol = TOKEN_VAULT_LRT_SYMBOL.to_string();
    config.vault.asset = token.to_string();
    config.vault.permit_depositor = true;
    config.salt = Some(keccak256(b"stylus-restaking/demo/token-vault"));
    let report = deploy_on_devnet(
        url,
        config,
        &alice,
        artifacts_dir,
        manifest_dir.join(format!("412346-{TOKEN_VAULT_LRT_SYMBOL}.json")),
    )
    .await?;
    let address = |name: &str| recorded(&report, name);
    let (lrt, vault, depositor) = (
        address("lrt-token")?,
        address("restaking-vault")?,
        address(periphery::PERMIT_DEPOSITOR)?,
    );

    // Bob signs one permit (no approve transaction) and sends one transaction.
    let assets = e18(10);
    send(
        p,
        bob.address(),
        token,
        IDemoStakingToken::mintCall {
            to: bob.address(),
            value: e18(100),
        },
        U256::ZERO,
    )
    .await?;
    let preview = view(p, vault, IRestakingVault::previewDepositCall { assets }).await?;
    // At most 0.5% fewer shares than the preview (the page's default slippage), rounded down.
    let min_shares = preview * U256::from(9_950u64) / U256::from(10_000u64);
    let deadline = U256::from(chain::latest_timestamp(p).await? + 1_200);
    let nonce = view(
        p,
        token,
        IDemoStakingToken::noncesCall {
            owner: bob.address(),
        },
    )
    .await?;
    let domain = alloy_sol_types::eip712_domain! {
        name: "Test Staked Ether",
        version: "1",
        chain_id: 412_346,
        verifying_contract: token,
    };
    let permit = Permit {
        owner: bob.address(),
        spender: depositor,
        value: assets,
        nonce,
        deadline,
    };
    let signature = bob.sign_hash_sync(&permit.eip712_signing_hash(&domain))?;
    let receipt = send(
        p,
        bob.address(),
        depositor,
        IPermitDepositor::depositWithPermitCall {
            owner: bob.address(),
            assets,
            minShares: min_shares,
            deadline,
            v: 27 + u8::from(signature.v()),
            r: signature.r().into(),
            s: signature.s().into(),
        },
        U256::ZERO,
    )
    .await?;
    let permit_shares = view(
        p,
        lrt,
        ILrtToken::balanceOfCall {
            account: bob.address(),
        },
    )
    .await?;
    println!(
        "  Bob signs a permit for 10 tstETH and deposits them in one transaction (gas {}): {} (at least {})",
        receipt.gas_used,
        tokens(permit_shares, TOKEN_VAULT_LRT_SYMBOL),
        tokens(min_shares, TOKEN_VAULT_LRT_SYMBOL)
    );
    println!("  LRT ({TOKEN_VAULT_LRT_SYMBOL})      {lrt}");
    println!("  vault              {vault}");
    println!("  permit depositor   {depositor}");
    println!("  manifest           {}", report.manifest_path.display());
    Ok(TokenVaultOutcome {
        token,
        lrt,
        vault,
        depositor,
        manifest_path: report.manifest_path,
        permit_shares,
    })
}

/// `restaking-demo`: starts the devnet, runs [`run`], and with `keep_running` keeps
/// serving until Ctrl-C.
pub async fn main(options: DemoOptions) -> anyhow::Result<()> {
    let manifest_dir = std::env::temp_dir().join(format!("restaking-demo-{}", std::process::id()));
    let site_dir = manifest_dir.join("site");
    let config = DevnetConfig {
        addr: ([127, 0, 0, 1], options.port).into(),
        // The page and its manifest, on the devnet's origin (files are looked up per request).
        site: if options.keep_running {
            vec![options.page_dir.clone(), site_dir.clone()]
        } else {
            Vec::new()
        },
        ..DevnetConfig::default()
    };
    let devnet = Devnet::start(config).await.with_context(|| {
        format!(
            "cannot start the devnet on port {}: is another devnet running? Stop it or pass --port 0",
            options.port
        )
    })?;
    let url = devnet.url();
    println!("== 0. devnet: {url}, chain id 412346, instant mining, dev accounts funded");
    let both = async {
        let native = run(&url, &options.artifacts_dir, &manifest_dir).await?;
        let token = run_token_vault(&url, &options.artifacts_dir, &manifest_dir).await?;
        anyhow::Ok((native, token))
    };
    let (outcome, token_vault) = match both.await {
        Ok(outcomes) => outcomes,
        Err(error) => {
            let _ = devnet.stop().await;
            return Err(error);
        }
    };
    if options.keep_running {
        publish_manifests(
            &[&outcome.manifest_path, &token_vault.manifest_path],
            &site_dir,
        )?;
        if options.page_dir.join("index.html").is_file() {
            println!("\nThe restaking page: {url}/ (open it in the browser with MetaMask)");
        } else {
            println!(
                "\nThe restaking page is not built ({} has no index.html): run `cargo xtask build`",
                options.page_dir.display()
            );
        }
        println!("\nThe devnet keeps running; Ctrl-C stops it. To use it from MetaMask:");
        println!("  Networks → Add a network manually:");
        println!("    Network name     Stylus restaking devnet");
        println!("    RPC URL          {url}");
        println!("    Chain ID         412346");
        println!("    Currency symbol  ETH");
        println!(
            "  Import an account with the nitro-devnode dev key (Alice here; public, local chains only):"
        );
        println!("    {}", accounts::NITRO_DEV_KEY);
        println!(
            "  Import tokens → token contract address {} (rstETH, 18 decimals)",
            outcome.lrt
        );
        println!(
            "  Import tokens → {} ({TOKEN_VAULT_LRT_SYMBOL}) and the staking token {} (tstETH; its mint(address,uint256) gives up to 1000)",
            token_vault.lrt, token_vault.token
        );
        println!(
            "  Vaults {} and {}; manifests {} and {}",
            outcome.vault,
            token_vault.vault,
            outcome.manifest_path.display(),
            token_vault.manifest_path.display()
        );
        println!(
            "  Check it: cargo run --release -p restaking-deploy -- status --rpc-url {url} --manifest {}",
            outcome.manifest_path.display()
        );
        tokio::signal::ctrl_c().await?;
        println!("stopping the devnet");
    }
    devnet
        .stop()
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    Ok(())
}
