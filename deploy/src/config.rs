//! The deployment configuration (TOML or JSON), the network presets, and the parameters a
//! configuration resolves to for one deployment.

use std::path::Path;

use alloy_primitives::{Address, B256, address, keccak256};
use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

pub use restaking_vault::asset::NATIVE_ASSET;
use restaking_vault::bounds::{
    MAX_EPOCH_DURATION, MAX_FEE_BPS, MAX_VESTING_PERIOD, MIN_EPOCH_DURATION, MIN_VESTING_PERIOD,
};
use slashing_manager::timing::{Bounds, DELAY_LIMIT};

/// The StylusDeployer's address on Arbitrum chains (and the devnet's, from genesis).
pub const STYLUS_DEPLOYER: Address = address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990");

/// A network the tool knows: RPC URL, chain id and StylusDeployer address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// The embedded devnet (`cargo run -p stylus-devnet`).
    Devnet,
    /// Offchain Labs' nitro-devnode (docker).
    NitroDevnode,
    /// Arbitrum Sepolia.
    ArbitrumSepolia,
    /// Arbitrum One.
    ArbitrumOne,
}

impl Preset {
    /// The chain id the RPC endpoint must report.
    pub fn chain_id(self) -> u64 {
        match self {
            Self::Devnet | Self::NitroDevnode => 412_346,
            Self::ArbitrumSepolia => 421_614,
            Self::ArbitrumOne => 42_161,
        }
    }

    /// The default RPC URL.
    pub fn rpc_url(self) -> &'static str {
        match self {
            Self::Devnet | Self::NitroDevnode => "http://127.0.0.1:8547",
            Self::ArbitrumSepolia => "https://sepolia-rollup.arbitrum.io/rpc",
            Self::ArbitrumOne => "https://arb1.arbitrum.io/rpc",
        }
    }

    /// The StylusDeployer's address.
    pub fn stylus_deployer(self) -> Address {
        STYLUS_DEPLOYER
    }

    /// The preset's name, as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Devnet => "devnet",
            Self::NitroDevnode => "nitro-devnode",
            Self::ArbitrumSepolia => "arbitrum-sepolia",
            Self::ArbitrumOne => "arbitrum-one",
        }
    }
}

/// The configuration file. Unknown fields are refused (a typo must not fall back to a
/// default silently).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The chain id the RPC endpoint must report (checked; optional when a preset says it).
    #[serde(default)]
    pub chain_id: Option<u64>,
    /// Holds `DEFAULT_ADMIN_ROLE` on the three contracts at the end. Absent: the deployer
    /// account. When it is another account, the deployer administers during the wiring, then
    /// grants the role to `admin` and renounces its own.
    #[serde(default)]
    pub admin: Option<Address>,
    /// Gets the vault's `CURATOR_ROLE` (allocates the vault's stake in the slashing manager).
    pub curator: Address,
    /// Gets the vault's `PAUSER_ROLE`.
    pub pauser: Address,
    /// Receives the vault's fee on rewards.
    pub treasury: Address,
    /// The vault's fee on rewards, in basis points (at most 2,000).
    pub fee_bps: u16,
    /// The LRT.
    pub lrt: LrtConfig,
    /// The vault.
    pub vault: VaultConfig,
    /// The slashing manager's delays, in seconds.
    pub slashing: SlashingConfig,
    /// CREATE2 salt for the StylusDeployer (non-zero). Addresses are deterministic in (salt,
    /// code, constructor arguments); change it to deploy a second, independent set.
    #[serde(default)]
    pub salt: Option<B256>,
    /// The StylusDeployer to use (default: the preset's, else the canonical address).
    #[serde(default)]
    pub stylus_deployer: Option<Address>,
}

/// The LRT's metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LrtConfig {
    /// ERC-20 name (also the EIP-712 domain name).
    pub name: String,
    /// ERC-20 symbol.
    pub symbol: String,
    /// Decimals (18 by default).
    #[serde(default = "eighteen")]
    pub decimals: u8,
}

fn eighteen() -> u8 {
    18
}

/// The vault's asset and epochs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VaultConfig {
    /// `"native"` for ETH, or the ERC-20's address.
    pub asset: String,
    /// Start of epoch 0 (unix seconds, not after the deployment). Absent: the latest block's
    /// timestamp when the deployment is first planned (then recorded in the manifest).
    #[serde(default)]
    pub epoch_start: Option<u64>,
    /// Epoch length in seconds, in [1 hour, 90 days].
    pub epoch_duration: u64,
    /// Reward vesting period in seconds, in [1 hour, 30 days].
    pub vesting_period: u64,
    /// Deploy the permit depositor next to the vault (`deploy/solidity/PermitDepositor.sol`):
    /// deposits with one EIP-2612 signature and one transaction. ERC-20 assets with EIP-2612
    /// only; absent: false.
    #[serde(default)]
    pub permit_depositor: bool,
}

/// The slashing manager's delays (docs/SlashingManager.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlashingConfig {
    /// The longest veto window a service may choose.
    pub max_veto_duration: u64,
    /// How long an unvetoed request stays executable.
    pub execution_window: u64,
    /// Delay of a service's update.
    pub service_update_delay: u64,
    /// Delay of an operator's opt-out.
    pub opt_out_delay: u64,
    /// Delay of an allocation decrease.
    pub allocation_delay: u64,
}

impl Config {
    /// Reads a `.toml` or `.json` file (by extension; anything else is tried as JSON, then
    /// TOML).
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the config {}", path.display()))?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        let config: Self = if ext.eq_ignore_ascii_case("toml") {
            toml::from_str(&text).with_context(|| format!("{}: invalid TOML", path.display()))?
        } else {
            match serde_json::from_str(&text) {
                Ok(config) => config,
                Err(json) => toml::from_str(&text)
                    .map_err(|_| anyhow::anyhow!("{}: invalid config: {json}", path.display()))?,
            }
        };
        config.validate()?;
        Ok(config)
    }

    /// The vault's asset address.
    pub fn asset(&self) -> anyhow::Result<Address> {
        if self.vault.asset.eq_ignore_ascii_case("native") {
            return Ok(NATIVE_ASSET);
        }
        self.vault.asset.parse().map_err(|_| {
            anyhow::anyhow!(
                "vault.asset: {:?} is neither \"native\" nor an address",
                self.vault.asset
            )
        })
    }

    /// The CREATE2 salt.
    pub fn salt(&self) -> B256 {
        self.salt
            .unwrap_or_else(|| keccak256(b"stylus-restaking/restaking-deploy/v1"))
    }

    /// Checks what the constructors would refuse, so a bad config fails before any
    /// transaction.
    pub fn validate(&self) -> anyhow::Result<()> {
        let mut problems = Vec::new();
        if self.fee_bps > MAX_FEE_BPS {
            problems.push(format!("fee_bps {} is above {MAX_FEE_BPS}", self.fee_bps));
        }
        if self.treasury.is_zero() {
            problems.push("treasury is the zero address".to_string());
        }
        for (name, account) in [("curator", self.curator), ("pauser", self.pauser)] {
            if account.is_zero() {
                problems.push(format!("{name} is the zero address"));
            }
        }
        if self.admin.is_some_and(|admin| admin.is_zero()) {
            problems.push("admin is the zero address".to_string());
        }
        match self.asset() {
            Ok(asset) if asset.is_zero() => problems.push("vault.asset is zero".to_string()),
            Ok(_) => {}
            Err(error) => problems.push(error.to_string()),
        }
        let v = &self.vault;
        if v.permit_depositor && self.asset().is_ok_and(|asset| asset == NATIVE_ASSET) {
            problems.push(
                "vault.permit_depositor needs an ERC-20 asset with EIP-2612, not native ETH"
                    .to_string(),
            );
        }
        if !(MIN_EPOCH_DURATION..=MAX_EPOCH_DURATION).contains(&v.epoch_duration) {
            problems.push(format!(
                "vault.epoch_duration {} is outside [{MIN_EPOCH_DURATION}, {MAX_EPOCH_DURATION}]",
                v.epoch_duration
            ));
        }
        if !(MIN_VESTING_PERIOD..=MAX_VESTING_PERIOD).contains(&v.vesting_period) {
            problems.push(format!(
                "vault.vesting_period {} is outside [{MIN_VESTING_PERIOD}, {MAX_VESTING_PERIOD}]",
                v.vesting_period
            ));
        }
        let s = &self.slashing;
        let bounds = Bounds {
            max_veto_duration: s.max_veto_duration,
            execution_window: s.execution_window,
            service_update_delay: s.service_update_delay,
            opt_out_delay: s.opt_out_delay,
            allocation_delay: s.allocation_delay,
        };
        // The manager's constructor refuses exactly what `Bounds::are_valid` refuses; the
        // messages say which rule of it a config breaks.
        if !bounds.are_valid() {
            let before = problems.len();
            let all = [
                s.max_veto_duration,
                s.execution_window,
                s.service_update_delay,
                s.opt_out_delay,
                s.allocation_delay,
            ];
            if all.iter().any(|delay| *delay > DELAY_LIMIT) {
                problems.push(format!(
                    "slashing: every delay must be at most {DELAY_LIMIT}"
                ));
            }
            if s.execution_window == 0 || s.opt_out_delay == 0 || s.allocation_delay == 0 {
                problems.push(
                    "slashing: execution_window, opt_out_delay and allocation_delay must be > 0"
                        .to_string(),
                );
            }
            if s.service_update_delay <= s.max_veto_duration
                || s.service_update_delay < s.opt_out_delay
                || s.service_update_delay < s.allocation_delay
            {
                problems.push(
                    "slashing: service_update_delay must exceed max_veto_duration and be at least opt_out_delay and allocation_delay"
                        .to_string(),
                );
            }
            if problems.len() == before {
                problems.push("slashing: the delays break a rule of the manager's Bounds".into());
            }
        }
        if self.salt.is_some_and(|salt| salt.is_zero()) {
            problems.push(
                "salt must not be zero (zero means CREATE, which is not resumable)".to_string(),
            );
        }
        if self.lrt.name.is_empty() || self.lrt.symbol.is_empty() {
            problems.push("lrt.name and lrt.symbol must not be empty".to_string());
        }
        if problems.is_empty() {
            Ok(())
        } else {
            bail!("invalid config:\n  - {}", problems.join("\n  - "))
        }
    }
}

/// What one deployment uses: the config resolved against the chain and the sender. Recorded
/// in the manifest; a rerun must resolve to the same (else it refuses to mix two plans).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Params {
    /// Final holder of `DEFAULT_ADMIN_ROLE`.
    pub admin: Address,
    /// The account that sends the transactions (admin during the wiring).
    pub deployer_account: Address,
    /// Vault curator.
    pub curator: Address,
    /// Vault pauser.
    pub pauser: Address,
    /// Vault treasury.
    pub treasury: Address,
    /// Vault fee.
    pub fee_bps: u16,
    /// LRT name.
    pub name: String,
    /// LRT symbol.
    pub symbol: String,
    /// LRT decimals.
    pub decimals: u8,
    /// The vault's asset (`NATIVE_ASSET` for ETH).
    pub asset: Address,
    /// Start of epoch 0.
    pub epoch_start: u64,
    /// Epoch length.
    pub epoch_duration: u64,
    /// Reward vesting.
    pub vesting_period: u64,
    /// Slashing manager delays.
    pub slashing: SlashingConfig,
    /// CREATE2 salt.
    pub salt: B256,
    /// The StylusDeployer used.
    pub stylus_deployer: Address,
    /// Whether the permit depositor is deployed (absent in manifests written before it
    /// existed: false).
    #[serde(default)]
    pub permit_depositor: bool,
}

impl Params {
    /// Resolves `config` for `deployer_account`, with `now` for an absent epoch start.
    pub fn resolve(
        config: &Config,
        deployer_account: Address,
        stylus_deployer: Address,
        now: u64,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            admin: config.admin.unwrap_or(deployer_account),
            deployer_account,
            curator: config.curator,
            pauser: config.pauser,
            treasury: config.treasury,
            fee_bps: config.fee_bps,
            name: config.lrt.name.clone(),
            symbol: config.lrt.symbol.clone(),
            decimals: config.lrt.decimals,
            asset: config.asset()?,
            epoch_start: config.vault.epoch_start.unwrap_or(now),
            epoch_duration: config.vault.epoch_duration,
            vesting_period: config.vault.vesting_period,
            slashing: config.slashing.clone(),
            salt: config.salt(),
            stylus_deployer,
            permit_depositor: config.vault.permit_depositor,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn devnet() -> Config {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/devnet.json");
        Config::load(&path).expect("the shipped devnet config is valid")
    }

    fn refused(config: &Config, needle: &str) {
        let error = format!("{:#}", config.validate().expect_err("refused"));
        assert!(error.contains(needle), "{error}");
    }

    #[test]
    fn the_vault_bounds_are_the_contract_s_own() {
        let mut config = devnet();
        config.vault.epoch_duration = MIN_EPOCH_DURATION;
        config.vault.vesting_period = MAX_VESTING_PERIOD;
        config.fee_bps = MAX_FEE_BPS;
        config
            .validate()
            .expect("the bounds themselves are allowed");
        config.vault.epoch_duration = MIN_EPOCH_DURATION - 1;
        refused(&config, "vault.epoch_duration");
        config.vault.epoch_duration = MAX_EPOCH_DURATION + 1;
        refused(&config, "vault.epoch_duration");
        config.vault.epoch_duration = MAX_EPOCH_DURATION;
        config.vault.vesting_period = MIN_VESTING_PERIOD - 1;
        refused(&config, "vault.vesting_period");
        config.vault.vesting_period = MIN_VESTING_PERIOD;
        config.fee_bps = MAX_FEE_BPS + 1;
        refused(&config, "fee_bps");
    }

    #[test]
    fn the_slashing_delays_follow_the_manager_s_bounds() {
        let mut config = devnet();
        config.slashing.max_veto_duration = DELAY_LIMIT + 1;
        config.slashing.service_update_delay = DELAY_LIMIT + 2;
        refused(&config, "at most");
        let mut config = devnet();
        config.slashing.opt_out_delay = 0;
        refused(&config, "must be > 0");
        let mut config = devnet();
        config.slashing.service_update_delay = config.slashing.max_veto_duration;
        refused(&config, "must exceed max_veto_duration");
    }
}
