//! The pipeline's artifacts (`cargo xtask build`): `artifacts/<name>.code` and
//! `artifacts/manifest.json`.

use std::path::{Path, PathBuf};

use alloy_primitives::{B256, keccak256};
use anyhow::{Context, bail};

/// Nitro's limit on deployed code (EIP-170's 24 KiB).
pub const MAX_CODE_SIZE: usize = 24_576;

/// The programs, in deployment order.
pub const PROGRAMS: [&str; 4] = [
    "lrt-token",
    "restaking-vault-redemptions",
    "restaking-vault",
    "slashing-manager",
];

/// The workspace's `artifacts/` directory (where `cargo xtask build` writes).
pub fn default_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../artifacts");
    dir.canonicalize().unwrap_or(dir)
}

/// One program's deployable code.
#[derive(Clone, Debug)]
pub struct Artifact {
    /// Its name, e.g. `lrt-token`.
    pub name: String,
    /// `EF F0 00 00 ++ brotli(wasm)`.
    pub code: Vec<u8>,
    /// `keccak256(code)`: the code hash the chain reports once deployed.
    pub code_hash: B256,
}

/// The four programs.
#[derive(Clone, Debug)]
pub struct Artifacts {
    /// Where they were read.
    pub dir: PathBuf,
    /// In [`PROGRAMS`] order.
    pub programs: Vec<Artifact>,
}

impl Artifacts {
    /// Reads and checks every program: present, a Stylus program, within the size limit,
    /// and the hash `artifacts/manifest.json` records (a stale or hand-edited file fails).
    pub fn load(dir: &Path) -> anyhow::Result<Self> {
        let hint = "run `cargo xtask build` first";
        let manifest_path = dir.join("manifest.json");
        let manifest: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(&manifest_path)
                .with_context(|| format!("{}: missing; {hint}", manifest_path.display()))?,
        )
        .with_context(|| format!("{}: not JSON", manifest_path.display()))?;
        let entries = manifest["artifacts"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut programs = Vec::new();
        let mut problems = Vec::new();
        for name in PROGRAMS {
            let path = dir.join(format!("{name}.code"));
            let code = std::fs::read(&path)
                .with_context(|| format!("{}: missing; {hint}", path.display()))?;
            let code_hash = keccak256(&code);
            if !stylus_program::code::is_stylus_code(&code) {
                problems.push(format!("{name}: not a Stylus program (no EF F0 00 prefix)"));
            }
            if code.len() > MAX_CODE_SIZE {
                problems.push(format!(
                    "{name}: {} bytes, above the {MAX_CODE_SIZE}-byte limit",
                    code.len()
                ));
            }
            let recorded = entries
                .iter()
                .find(|entry| entry["name"] == name)
                .and_then(|entry| entry["codehash"].as_str())
                .and_then(|hash| hash.parse::<B256>().ok());
            match recorded {
                Some(hash) if hash == code_hash => {}
                Some(hash) => problems.push(format!(
                    "{name}: code hash {code_hash} differs from manifest.json's {hash}; {hint}"
                )),
                None => problems.push(format!("{name}: not in manifest.json; {hint}")),
            }
            programs.push(Artifact {
                name: name.to_string(),
                code,
                code_hash,
            });
        }
        if !problems.is_empty() {
            bail!(
                "artifacts in {}:\n  - {}",
                dir.display(),
                problems.join("\n  - ")
            );
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            programs,
        })
    }

    /// The program called `name`.
    pub fn get(&self, name: &str) -> anyhow::Result<&Artifact> {
        self.programs
            .iter()
            .find(|artifact| artifact.name == name)
            .with_context(|| format!("no artifact {name}"))
    }
}
