//! The restaking page (`app/`): type-checked with TypeScript's `tsc`, bundled by esbuild into
//! `app/dist/` (and the browser tests' wallet into `app/dist-test/`), both from the npm packages
//! pinned in `package-lock.json`. Part of `cargo xtask build`, so that the main job's
//! `demo --keep-running` serves the page built from the sources it runs with.

use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{command, workspace::Workspace};

/// The npm packages the page is built with.
pub const NPM_PACKAGES: [&str; 3] = ["esbuild", "typescript", "ethers"];

/// Whether every package of [`NPM_PACKAGES`] is installed in `node_modules/`.
pub fn installed(root: &std::path::Path) -> bool {
    NPM_PACKAGES.iter().all(|name| {
        root.join("node_modules")
            .join(name)
            .join("package.json")
            .is_file()
    })
}

/// Type-checks and bundles the page; runs `npm ci` first when a package is missing.
///
/// # Errors
/// When npm, `tsc` or the bundler fails.
pub fn build(workspace: &Workspace) -> Result<()> {
    let root = &workspace.root;
    if !installed(root) {
        eprintln!("==> the page's npm packages are not installed: npm ci");
        let mut cmd = Command::new("npm");
        cmd.current_dir(root)
            .args(["ci", "--no-audit", "--no-fund"]);
        command::run(&mut cmd)
            .context("cannot install the npm packages (is Node.js installed?)")?;
        if !installed(root) {
            bail!("npm ci did not install {}", NPM_PACKAGES.join(", "));
        }
    }
    eprintln!("==> type-checking and bundling the restaking page (app/)");
    let mut tsc = Command::new("node");
    tsc.current_dir(root)
        .args(["node_modules/typescript/bin/tsc", "-p", "app"]);
    command::run(&mut tsc).context("the page does not type-check")?;
    let mut bundle = Command::new("node");
    bundle.current_dir(root).arg("app/build.mjs");
    command::run(&mut bundle).context("the page does not bundle")?;
    println!("page: app/dist/ (index.html, app.js, app.css)");
    Ok(())
}
