//! The restaking page (`app/`): type-checked with TypeScript's `tsc`, bundled by esbuild into
//! `app/dist/` (and the browser tests' wallet into `app/dist-test/`), both from the npm packages
//! pinned in `package-lock.json`. Part of `cargo xtask build`, so that the main job's
//! `demo --keep-running` serves the page built from the sources it runs with.

use std::process::Command;

use anyhow::{Context, Result};

use crate::{command, npm, workspace::Workspace};

/// The npm packages the page is built with.
pub const NPM_PACKAGES: [&str; 3] = ["esbuild", "typescript", "ethers"];

/// Type-checks and bundles the page; runs `npm ci` first when a package is missing.
///
/// # Errors
/// When npm, `tsc` or the bundler fails.
pub fn build(workspace: &Workspace) -> Result<()> {
    let root = &workspace.root;
    npm::ensure_installed(root, &NPM_PACKAGES)?;
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
