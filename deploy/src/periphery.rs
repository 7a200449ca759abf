//! The Solidity the tool deploys next to the programs: `deploy/solidity/`, compiled by
//! `cargo xtask solc` (pinned solcjs; the outputs are committed and drift-checked) and
//! embedded here.
//!
//! - `permit-depositor` ([`PERMIT_DEPOSITOR`]): `PermitDepositor.sol`, a deposit into an ERC-20
//!   vault with one EIP-2612 signature and one transaction, deployed when the config says
//!   `vault.permit_depositor`. Its constructor takes the vault's address and reads the asset
//!   from it.
//! - The demo's staking token (`DemoStakingToken.sol`, [`DEMO_STAKING_TOKEN`]), deployed by
//!   `demo` only.

use std::collections::BTreeMap;

use alloy_primitives::{Address, B256, Bytes, keccak256};
use alloy_provider::{DynProvider, Provider};
use alloy_sol_types::{SolValue, sol};
use anyhow::{Context, bail};

use crate::{Params, chain::view};

/// The permit depositor's name in the plan and the manifest.
pub const PERMIT_DEPOSITOR: &str = "permit-depositor";

/// `deploy/solidity/out/PermitDepositor.json`.
const PERMIT_DEPOSITOR_JSON: &str = include_str!("../solidity/out/PermitDepositor.json");

/// `deploy/solidity/out/DemoStakingToken.json`.
pub const DEMO_STAKING_TOKEN: &str = include_str!("../solidity/out/DemoStakingToken.json");

sol! {
    #![sol(all_derives)]
    /// `deploy/solidity/PermitDepositor.sol`.
    #[allow(missing_docs)]
    interface IPermitDepositor {
        function vault() external view returns (address);
        function asset() external view returns (address);
        function depositWithPermit(address owner, uint256 assets, uint256 minShares, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external returns (uint256 shares);
        event DepositedFor(address indexed owner, address indexed relayer, uint256 assets, uint256 shares);
        error PermitDepositorAssetCallFailed(address asset);
    }

    /// `deploy/solidity/DemoStakingToken.sol` (OpenZeppelin's ERC20 + ERC20Permit and a faucet).
    #[allow(missing_docs)]
    interface IDemoStakingToken {
        function mint(address to, uint256 value) external;
        function balanceOf(address account) external view returns (uint256);
        function approve(address spender, uint256 value) external returns (bool);
        function nonces(address owner) external view returns (uint256);
        function symbol() external view returns (string);
        error DemoStakingTokenAboveFaucetLimit(uint256 value, uint256 limit);
    }
}

/// The creation code in a `cargo xtask solc` output.
pub fn creation_code(compiled_json: &str) -> anyhow::Result<Vec<u8>> {
    let json: serde_json::Value =
        serde_json::from_str(compiled_json).context("a compiled Solidity output")?;
    let code: Bytes = json["bytecode"]
        .as_str()
        .context("no bytecode in a compiled Solidity output")?
        .parse()
        .context("bytecode is not hex")?;
    Ok(code.to_vec())
}

/// The creation code and constructor arguments of periphery `name`, given the programs'
/// addresses.
pub fn init_code(name: &str, addresses: &BTreeMap<String, Address>) -> anyhow::Result<Bytes> {
    match name {
        PERMIT_DEPOSITOR => {
            let vault = addresses
                .get("restaking-vault")
                .copied()
                .context("the vault's address is not known yet")?;
            let mut code = creation_code(PERMIT_DEPOSITOR_JSON)?;
            code.extend_from_slice(&vault.abi_encode());
            Ok(code.into())
        }
        other => bail!("no periphery named {other}"),
    }
}

/// Checks that periphery `name` at `address` is the one this deployment wants (code there,
/// bound to this deployment's vault and asset); its code hash.
pub async fn verify(
    provider: &DynProvider,
    name: &str,
    address: Address,
    params: &Params,
    addresses: &BTreeMap<String, Address>,
) -> anyhow::Result<B256> {
    let code = provider.get_code_at(address).await?;
    if code.is_empty() {
        bail!("{name}: no code at {address}");
    }
    match name {
        PERMIT_DEPOSITOR => {
            let vault = view(provider, address, IPermitDepositor::vaultCall {}).await?;
            let asset = view(provider, address, IPermitDepositor::assetCall {}).await?;
            let expected = addresses.get("restaking-vault").copied();
            if Some(vault) != expected || asset != params.asset {
                bail!(
                    "{name} at {address} serves vault {vault} and asset {asset}, not {expected:?} and {}",
                    params.asset
                );
            }
        }
        other => bail!("no periphery named {other}"),
    }
    Ok(keccak256(&code))
}
