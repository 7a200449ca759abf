//! The contract crates of the workspace, found through `cargo metadata`.
//!
//! A contract crate is a workspace package whose manifest lies under `contracts/` and that
//! has a `cdylib` library target. Other packages under `contracts/` (shared libraries such
//! as `restaking-common`) are compiled for wasm as dependencies and linted for it, but are
//! not deployed.

mod variants;

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::command;
pub use variants::Variant;

/// Folder, relative to the workspace root, that holds the contract crates.
pub const CONTRACTS_DIR: &str = "contracts";

/// What the pipeline needs to know about the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    /// The workspace root (where `Cargo.toml`, `artifacts/` and `abi/` are).
    pub root: PathBuf,
    /// Cargo's target directory (honours `CARGO_TARGET_DIR` and `build.target-dir`).
    pub target_dir: PathBuf,
    /// The contract crates, sorted by package name.
    pub contracts: Vec<Contract>,
    /// Every package under `contracts/` with a library target (contracts and shared
    /// libraries), sorted by name: what is linted for wasm.
    pub wasm_packages: Vec<String>,
    /// The folders of the shared libraries under `contracts/` (packages with a library but no
    /// `cdylib`), sorted: the contracts' storage may use their `#[storage]` types.
    pub library_dirs: Vec<PathBuf>,
}

/// A deployable contract crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// The package name, e.g. `lrt-token`.
    pub package: String,
    /// The library target name as cargo writes it to disk (`-` becomes `_`), which names the
    /// built `<lib_name>.wasm`.
    pub lib_name: String,
    /// Whether the package has a binary target named like the package (the ABI exporter).
    pub has_abi_bin: bool,
    /// The builds of this crate: one per variant, or a single one named after the package.
    pub variants: Vec<Variant>,
    /// The folder of the package's manifest.
    pub dir: PathBuf,
}

impl Workspace {
    /// Reads the workspace of the current directory with `cargo metadata --no-deps`.
    pub fn load() -> Result<Self> {
        let dir = std::env::current_dir().context("no current directory")?;
        let mut cmd = command::cargo(&dir);
        cmd.args(["metadata", "--format-version", "1", "--no-deps", "--locked"]);
        let json = command::stdout_of(&mut cmd)?;
        Self::from_metadata(&json)
    }

    /// Builds the view from the JSON printed by `cargo metadata --format-version 1 --no-deps`.
    pub fn from_metadata(json: &[u8]) -> Result<Self> {
        let metadata: Metadata =
            serde_json::from_slice(json).context("cannot read the output of `cargo metadata`")?;
        let contracts_dir = metadata.workspace_root.join(CONTRACTS_DIR);
        let mut contracts = Vec::new();
        let mut wasm_packages = Vec::new();
        let mut library_dirs = Vec::new();
        for package in &metadata.packages {
            if !package.manifest_path.starts_with(&contracts_dir) {
                continue;
            }
            let Some(lib) = package.targets.iter().find(|t| t.is_lib()) else {
                continue;
            };
            wasm_packages.push(package.name.clone());
            let dir = package
                .manifest_path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            if !lib.crate_types.iter().any(|t| t == "cdylib") {
                library_dirs.push(dir);
                continue;
            }
            let variants = variants::from_package_metadata(&package.name, &package.metadata)?;
            contracts.push(Contract {
                package: package.name.clone(),
                lib_name: lib.name.replace('-', "_"),
                has_abi_bin: package
                    .targets
                    .iter()
                    .any(|t| t.kind.iter().any(|k| k == "bin") && t.name == package.name),
                variants,
                dir,
            });
        }
        contracts.sort_by(|a, b| a.package.cmp(&b.package));
        wasm_packages.sort();
        library_dirs.sort();
        check_unique_artifact_names(&contracts)?;
        Ok(Self {
            root: metadata.workspace_root,
            target_dir: metadata.target_directory,
            contracts,
            wasm_packages,
            library_dirs,
        })
    }

    /// Where `cargo build --profile contract --target wasm32-unknown-unknown` writes the
    /// wasm of `contract`.
    pub fn built_wasm_path(&self, contract: &Contract) -> PathBuf {
        self.target_dir
            .join("wasm32-unknown-unknown")
            .join("contract")
            .join(format!("{}.wasm", contract.lib_name))
    }

    /// A path relative to the workspace root, for messages.
    pub fn relative<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }
}

/// Variants of different crates write to the same `artifacts/` folder: their names must not
/// collide.
fn check_unique_artifact_names(contracts: &[Contract]) -> Result<()> {
    let mut seen = BTreeSet::new();
    for contract in contracts {
        for variant in &contract.variants {
            if !seen.insert(variant.name.as_str()) {
                bail!(
                    "artifact name `{}` (package `{}`) is used twice; variant names must be \
                     unique across the workspace",
                    variant.name,
                    contract.package
                );
            }
        }
    }
    Ok(())
}

/// The parts of `cargo metadata` output read here.
#[derive(Deserialize)]
struct Metadata {
    workspace_root: PathBuf,
    target_directory: PathBuf,
    packages: Vec<Package>,
}

#[derive(Deserialize)]
struct Package {
    name: String,
    manifest_path: PathBuf,
    targets: Vec<Target>,
    #[serde(default)]
    metadata: serde_json::Value,
}

#[derive(Deserialize)]
struct Target {
    name: String,
    kind: Vec<String>,
    crate_types: Vec<String>,
}

impl Target {
    fn is_lib(&self) -> bool {
        self.kind
            .iter()
            .any(|k| matches!(k.as_str(), "lib" | "cdylib" | "rlib" | "staticlib"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(packages: &str) -> Vec<u8> {
        format!(
            r#"{{"workspace_root":"/ws","target_directory":"/tmp/target","packages":[{packages}]}}"#
        )
        .into_bytes()
    }

    const COMMON: &str = r#"{"name":"restaking-common","manifest_path":"/ws/contracts/common/Cargo.toml",
        "targets":[{"name":"restaking_common","kind":["lib"],"crate_types":["lib"]}],"metadata":null}"#;
    const TOKEN: &str = r#"{"name":"lrt-token","manifest_path":"/ws/contracts/lrt-token/Cargo.toml",
        "targets":[{"name":"lrt_token","kind":["lib","cdylib"],"crate_types":["lib","cdylib"]},
                   {"name":"lrt-token","kind":["bin"],"crate_types":["bin"]}],"metadata":null}"#;
    const XTASK: &str = r#"{"name":"xtask","manifest_path":"/ws/xtask/Cargo.toml",
        "targets":[{"name":"xtask","kind":["lib"],"crate_types":["lib"]}],"metadata":null}"#;

    #[test]
    fn finds_cdylib_crates_under_contracts_only() {
        let json = metadata(&[COMMON, TOKEN, XTASK].join(","));
        let ws = Workspace::from_metadata(&json).unwrap();
        assert_eq!(ws.root, Path::new("/ws"));
        assert_eq!(ws.wasm_packages, ["lrt-token", "restaking-common"]);
        assert_eq!(ws.contracts.len(), 1);
        let token = &ws.contracts[0];
        assert_eq!(token.package, "lrt-token");
        assert!(token.has_abi_bin);
        assert_eq!(
            token.variants,
            [Variant {
                name: "lrt-token".into(),
                features: vec![]
            }]
        );
        assert_eq!(
            ws.built_wasm_path(token),
            Path::new("/tmp/target/wasm32-unknown-unknown/contract/lrt_token.wasm")
        );
    }

    #[test]
    fn reads_variants_and_rejects_colliding_names() {
        let vault = r#"{"name":"restaking-vault","manifest_path":"/ws/contracts/vault/Cargo.toml",
            "targets":[{"name":"restaking_vault","kind":["cdylib"],"crate_types":["cdylib"]}],
            "metadata":{"restaking":{"variants":[
                {"name":"restaking-vault-eth","features":["eth-asset"]},
                {"name":"restaking-vault-erc20","features":["erc20-asset"]}]}}}"#;
        let ws = Workspace::from_metadata(&metadata(vault)).unwrap();
        let names: Vec<_> = ws.contracts[0].variants.iter().map(|v| &v.name).collect();
        assert_eq!(names, ["restaking-vault-eth", "restaking-vault-erc20"]);
        assert!(!ws.contracts[0].has_abi_bin);

        let clash = vault.replace("restaking-vault-eth", "lrt-token");
        let err =
            Workspace::from_metadata(&metadata(&[TOKEN, clash.as_str()].join(","))).unwrap_err();
        assert!(err.to_string().contains("`lrt-token`"), "{err}");
    }
}
