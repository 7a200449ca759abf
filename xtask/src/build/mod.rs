//! `cargo xtask build`: every contract to deployable code, checked, in `artifacts/`.
//!
//! For each contract crate and each of its [variants](crate::workspace::Variant):
//! `cargo build --locked --lib --profile contract --target wasm32-unknown-unknown -p <package>
//! [--features ...]`, then `wasm-opt` ([`crate::wasm::optimize`]) and [`crate::wasm::prepare`]
//! on the wasm cargo wrote, then the files in
//! `artifacts/` ([`artifacts`]). The size table ([`table`]) and every problem found are
//! printed once all contracts are built; the command fails if any contract has a problem.

pub mod artifacts;
pub mod shape;
pub mod table;
pub mod toolchain;

use std::{fs, path::PathBuf};

use anyhow::{Context, Result, bail};

use crate::{
    command,
    wasm::{self, Prepared},
    workspace::{Contract, Variant, Workspace},
};

/// The wasm target of every contract.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The size-optimised cargo profile of the workspace (`[profile.contract]`).
pub const PROFILE: &str = "contract";

/// Folder of the workspace root that receives the artifacts.
pub const ARTIFACTS_DIR: &str = "artifacts";

/// One built variant, ready for the table and the manifest.
#[derive(Debug, Clone)]
pub struct Built {
    /// The package it was built from.
    pub package: String,
    /// The variant: artifact name and features.
    pub variant: Variant,
    /// Size of the wasm as cargo wrote it, before processing.
    pub built_wasm_len: usize,
    /// The pipeline's output and the problems found.
    pub prepared: Prepared,
    /// What entering the program costs; `None` when Nitro would not activate it (the reason
    /// is among the problems).
    pub shape: Option<shape::Shape>,
}

/// Builds, processes and checks every contract, writes `artifacts/`, prints the size table.
///
/// Fails if a build fails (at once), or if any contract has a problem (after the table).
pub fn run(workspace: &Workspace) -> Result<Vec<Built>> {
    if workspace.contracts.is_empty() {
        eprintln!(
            "no contract crate (a `cdylib` package under {}/) in the workspace: nothing to build",
            crate::workspace::CONTRACTS_DIR
        );
        return Ok(Vec::new());
    }
    let contract_build = toolchain::ContractBuild::prepare(&workspace.root)?;
    wasm::optimize::ensure_installed(&workspace.root)?;
    let mut built = Vec::new();
    for contract in &workspace.contracts {
        for variant in &contract.variants {
            built.push(build_variant(
                workspace,
                &contract_build,
                contract,
                variant,
            )?);
        }
    }

    let dir = workspace.root.join(ARTIFACTS_DIR);
    artifacts::write_all(&dir, &built)
        .with_context(|| format!("cannot write {}", workspace.relative(&dir).display()))?;

    println!();
    print!("{}", table::render(&built));
    println!(
        "artifacts: {}/ (<name>.wasm, <name>.code, <name>.code.hex, manifest.json)",
        ARTIFACTS_DIR
    );

    let failed: Vec<&Built> = built.iter().filter(|b| !b.prepared.is_ok()).collect();
    if failed.is_empty() {
        return Ok(built);
    }
    println!();
    for item in &failed {
        for problem in &item.prepared.problems {
            println!("error: contract `{}`: {problem}", item.variant.name);
        }
    }
    let names: Vec<&str> = failed.iter().map(|b| b.variant.name.as_str()).collect();
    bail!(
        "{} contract(s) would be rejected by Nitro: {}",
        failed.len(),
        names.join(", ")
    )
}

/// Builds one variant and runs the pipeline on its wasm.
///
/// Variants of one crate share the output file, so its bytes are read before the next build.
fn build_variant(
    workspace: &Workspace,
    contract_build: &toolchain::ContractBuild,
    contract: &Contract,
    variant: &Variant,
) -> Result<Built> {
    let features = variant.features.join(",");
    let what = if features.is_empty() {
        format!("`{}`", variant.name)
    } else {
        format!("`{}` (features: {features})", variant.name)
    };
    eprintln!("==> building contract {what}");
    let mut cmd = command::cargo(&workspace.root);
    cmd.args(["build", "--locked", "--lib", "--profile", PROFILE])
        .args(["--target", WASM_TARGET, "-p", &contract.package]);
    contract_build.configure(&mut cmd);
    if !features.is_empty() {
        cmd.args(["--features", &features]);
    }
    command::run(&mut cmd).with_context(|| format!("building contract {what} failed"))?;

    let path: PathBuf = workspace.built_wasm_path(contract);
    let raw = fs::read(&path).with_context(|| {
        format!(
            "contract {what}: cargo did not write {}",
            workspace.relative(&path).display()
        )
    })?;
    let scratch = workspace.target_dir.join("wasm-opt");
    let optimized = wasm::optimize::optimize(&workspace.root, &scratch, &variant.name, &raw)
        .with_context(|| format!("contract {what}: wasm-opt failed"))?;
    let mut prepared = wasm::prepare(&optimized)
        .with_context(|| format!("contract {what}: cannot post-process its wasm"))?;
    let shape = match shape::measure(&prepared.wasm) {
        Ok(shape) => {
            prepared.problems.extend(shape::memory_problem(&shape));
            Some(shape)
        }
        Err(error) => {
            prepared.problems.push(wasm::checks::Problem::new(
                wasm::checks::Check::Activation,
                format!("{error:#}"),
            ));
            None
        }
    };
    Ok(Built {
        package: contract.package.clone(),
        variant: variant.clone(),
        built_wasm_len: raw.len(),
        prepared,
        shape,
    })
}
