//! The npm packages pinned in `package-lock.json`: whether they are installed in
//! `node_modules/`, and `npm ci` when some are not. One place for what the build steps (wasm-opt,
//! the page), the Solidity steps and the test suite each need.

use std::{path::Path, process::Command};

use anyhow::{Context, Result, bail};

use crate::command;

/// Whether every one of `packages` is installed in `root`'s `node_modules/`.
pub fn installed(root: &Path, packages: &[&str]) -> bool {
    packages.iter().all(|name| {
        root.join("node_modules")
            .join(name)
            .join("package.json")
            .is_file()
    })
}

/// Runs `npm ci` in `root` when one of `packages` is missing, then requires them all.
///
/// # Errors
/// When npm cannot run or fails, or a package is still missing (not in `package-lock.json`).
pub fn ensure_installed(root: &Path, packages: &[&str]) -> Result<()> {
    if installed(root, packages) {
        return Ok(());
    }
    eprintln!(
        "==> npm packages missing (one of {}): npm ci",
        packages.join(", ")
    );
    let mut cmd = Command::new("npm");
    cmd.current_dir(root)
        .args(["ci", "--no-audit", "--no-fund"]);
    command::run(&mut cmd).context("cannot install the npm packages (is Node.js installed?)")?;
    if !installed(root, packages) {
        bail!(
            "npm ci did not install {}: is one missing from package-lock.json?",
            packages.join(", ")
        );
    }
    Ok(())
}
