//! `deployments/<chain-id>.json`: what was deployed where, by which transaction, checked how;
//! written atomically (temporary file, then rename) after every step.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use alloy_primitives::{Address, B256, Bytes, U256};
use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::config::Params;

/// The tool's name and version, recorded in every manifest it writes.
pub const TOOL: &str = concat!("restaking-deploy ", env!("CARGO_PKG_VERSION"));

/// A deployment manifest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The tool (and version) that last wrote it.
    pub tool: String,
    /// The chain id.
    pub chain_id: u64,
    /// The chain's genesis block hash: tells a restarted devnet from the one deployed to.
    pub genesis_hash: B256,
    /// The parameters of this deployment.
    pub params: Params,
    /// Deployed programs by name.
    pub contracts: BTreeMap<String, ContractRecord>,
    /// Role steps by step id.
    pub roles: BTreeMap<String, RoleRecord>,
    /// A transaction sent but not yet recorded (a run killed while waiting for it).
    #[serde(default)]
    pub pending: Option<Pending>,
    /// Every step done and checked.
    pub complete: bool,
    /// Unix time of the last write.
    pub updated_at: u64,
}

/// One deployed program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractRecord {
    /// Its address.
    pub address: Address,
    /// The StylusDeployer transaction (absent if found deployed without a known transaction).
    pub tx_hash: Option<B256>,
    /// Its block.
    pub block_number: Option<u64>,
    /// Gas the deployment used.
    pub gas_used: Option<u64>,
    /// `keccak256` of the deployed code.
    pub code_hash: B256,
    /// `ArbWasm.programVersion` after deployment (0 for the Solidity periphery).
    pub activation_version: u16,
    /// The value sent for the data fee (the excess is refunded).
    pub data_fee_sent: U256,
    /// `stylus_constructor()` selector ++ arguments (empty: no constructor call).
    pub init_data: Bytes,
}

/// One role grant or renouncement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRecord {
    /// The program whose role it is.
    pub contract: String,
    /// `grant` or `renounce`.
    pub action: String,
    /// The role's name, e.g. `MINTER_ROLE`.
    pub role_name: String,
    /// The role id.
    pub role: B256,
    /// Who gets (or gives up) the role.
    pub account: Address,
    /// The transaction (absent when the chain already had it so).
    pub tx_hash: Option<B256>,
    /// Its block.
    pub block_number: Option<u64>,
    /// Gas it used.
    pub gas_used: Option<u64>,
}

/// A sent transaction whose outcome is not recorded yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    /// The step id.
    pub step: String,
    /// The transaction hash.
    pub tx_hash: B256,
}

/// Where a chain's manifest goes by default: `deployments/<chain-id>.json`.
pub fn default_path(chain_id: u64) -> PathBuf {
    PathBuf::from("deployments").join(format!("{chain_id}.json"))
}

impl Manifest {
    /// Reads `path`; `None` when it does not exist.
    pub fn load(path: &Path) -> anyhow::Result<Option<Self>> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Some(serde_json::from_str(&text).with_context(|| {
                format!("{}: not a deployment manifest", path.display())
            })?)),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Writes `path` atomically: a temporary file beside it, synced, then renamed over it.
    pub fn save(&mut self, path: &Path) -> anyhow::Result<()> {
        self.tool = TOOL.to_string();
        self.updated_at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_secs())
            .unwrap_or_default();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        let file_name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("manifest.json");
        let temp = path.with_file_name(format!(".{file_name}.tmp"));
        {
            use std::io::Write;
            let mut file = std::fs::File::create(&temp)
                .with_context(|| format!("cannot write {}", temp.display()))?;
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
        }
        std::fs::rename(&temp, path)
            .with_context(|| format!("cannot move {} to {}", temp.display(), path.display()))?;
        Ok(())
    }
}
