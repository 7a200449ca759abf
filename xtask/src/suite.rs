//! `cargo xtask test`: the project's whole test suite, as CI runs it.
//!
//! Steps, in order, stopping at the first failure:
//! 1. `npm ci --no-audit --no-fund`, only if `node_modules/solc`,
//!    `node_modules/@openzeppelin/contracts`, `node_modules/binaryen` or one of
//!    [`NPM_TEST_PACKAGES`] is missing;
//! 2. `cargo fmt --all --check`;
//! 3. `cargo clippy --workspace --all-targets --locked -- -D warnings`;
//! 4. `cargo clippy --locked --target wasm32-unknown-unknown --lib -p <each package under
//!    contracts/> -- -D warnings`;
//! 5. `cargo xtask build` (size and Nitro checks; the restaking page type-checked and bundled);
//! 6. `cargo xtask abi --check`;
//! 7. `cargo xtask layout --check` (the storage layouts in `abi/*.layout.json`);
//! 8. `cargo xtask solc --check` (the compiled Solidity under `devnet/solidity/out/` and
//!    `tests/solidity/out/`);
//! 9. `cargo test -p restaking-common --features export-abi --lib export_abi` (the ABI
//!    renderer compiles only with that feature);
//! 10. the tests: with cargo-nextest installed, `cargo test --workspace --locked --doc` (nextest
//!     does not run doctests) then `cargo nextest run --workspace --locked`; otherwise
//!     `cargo test --workspace --locked`.
//!
//! Each step prints a banner; the time of every step is printed at the end, pass or fail.

use std::{
    process::Command,
    time::{Duration, Instant},
};

use anyhow::{Result, bail};

use crate::{abi, app, build, command, layout, solidity, workspace::Workspace};

/// What to do in a step.
enum Action {
    /// Run this command in the workspace root.
    Run(Command),
    /// `cargo xtask build`.
    Build,
    /// `cargo xtask abi --check`.
    AbiCheck,
    /// `cargo xtask layout --check`.
    LayoutCheck,
    /// `cargo xtask solc --check`.
    SolcCheck,
    /// Nothing to do, for this reason.
    Skip(&'static str),
}

struct Step {
    name: String,
    action: Action,
}

/// How a step ended.
enum Outcome {
    Passed,
    Skipped(&'static str),
    Failed,
}

fn cargo_step(workspace: &Workspace, args: &[&str]) -> Step {
    let mut cmd = command::cargo(&workspace.root);
    cmd.args(args);
    Step {
        name: command::display(&cmd),
        action: Action::Run(cmd),
    }
}

/// The npm packages (pinned in `package.json`) that tests run: `ethers` and `viem` drive the
/// devnet in `devnet/node/tests/ethers_*.rs` and `viem.rs`, Foundry's `cast` and `forge` in
/// `devnet/node/tests/foundry.rs`; `esbuild` and `typescript` build the restaking page
/// ([`app`]) and `playwright-core` drives Chromium in `deploy/tests/restaking_page.rs`.
const NPM_TEST_PACKAGES: [&str; 7] = [
    "ethers",
    "viem",
    "@foundry-rs/cast",
    "@foundry-rs/forge",
    "esbuild",
    "typescript",
    "playwright-core",
];

fn steps(workspace: &Workspace) -> Vec<Step> {
    let mut steps = Vec::new();

    let npm = if abi::solc::installed(&workspace.root)
        && solidity::npm_packages_installed(&workspace.root)
        && crate::npm::installed(&workspace.root, &NPM_TEST_PACKAGES)
        && crate::wasm::optimize::installed(&workspace.root)
    {
        Action::Skip(
            "node_modules has solc, @openzeppelin/contracts, binaryen and every NPM_TEST_PACKAGES",
        )
    } else {
        let mut cmd = Command::new("npm");
        cmd.args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&workspace.root);
        Action::Run(cmd)
    };
    steps.push(Step {
        name: "npm ci --no-audit --no-fund".into(),
        action: npm,
    });

    steps.push(cargo_step(workspace, &["fmt", "--all", "--check"]));
    steps.push(cargo_step(
        workspace,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ],
    ));
    if workspace.wasm_packages.is_empty() {
        steps.push(Step {
            name: "cargo clippy --target wasm32-unknown-unknown".into(),
            action: Action::Skip("no package under contracts/"),
        });
    } else {
        let mut args = vec![
            "clippy",
            "--locked",
            "--target",
            build::WASM_TARGET,
            "--lib",
        ];
        for package in &workspace.wasm_packages {
            args.extend(["-p", package.as_str()]);
        }
        args.extend(["--", "-D", "warnings"]);
        steps.push(cargo_step(workspace, &args));
    }
    steps.push(Step {
        name: "cargo xtask build".into(),
        action: Action::Build,
    });
    steps.push(Step {
        name: "cargo xtask abi --check".into(),
        action: Action::AbiCheck,
    });
    steps.push(Step {
        name: "cargo xtask layout --check".into(),
        action: Action::LayoutCheck,
    });
    steps.push(Step {
        name: "cargo xtask solc --check".into(),
        action: Action::SolcCheck,
    });

    // The ABI renderer only compiles with the export-abi feature; its unit tests run here.
    steps.push(cargo_step(
        workspace,
        &[
            "test",
            "--locked",
            "-p",
            "restaking-common",
            "--features",
            "export-abi",
            "--lib",
            "export_abi",
        ],
    ));

    let has_nextest =
        command::succeeds(command::cargo(&workspace.root).args(["nextest", "--version"]));
    if has_nextest {
        steps.push(cargo_step(
            workspace,
            &["test", "--workspace", "--locked", "--doc"],
        ));
        steps.push(cargo_step(
            workspace,
            &["nextest", "run", "--workspace", "--locked"],
        ));
    } else {
        steps.push(cargo_step(workspace, &["test", "--workspace", "--locked"]));
    }
    steps
}

fn perform(workspace: &Workspace, action: Action) -> Result<Outcome> {
    match action {
        Action::Run(mut cmd) => command::run(&mut cmd)?,
        Action::Build => {
            build::run(workspace)?;
            app::build(workspace)?;
        }
        Action::AbiCheck => abi::run(workspace, true)?,
        Action::LayoutCheck => layout::run(workspace, true)?,
        Action::SolcCheck => solidity::run(workspace, true)?,
        Action::Skip(reason) => return Ok(Outcome::Skipped(reason)),
    }
    Ok(Outcome::Passed)
}

/// Runs every step; fails at the first failing one, after printing the timings.
pub fn run(workspace: &Workspace) -> Result<()> {
    let started = Instant::now();
    let steps = steps(workspace);
    let total = steps.len();
    let mut timings: Vec<(String, Duration, Outcome)> = Vec::new();
    let mut failure = None;
    for (index, step) in steps.into_iter().enumerate() {
        eprintln!("\n==> [{}/{total}] {}", index + 1, step.name);
        let start = Instant::now();
        let outcome = match perform(workspace, step.action) {
            Ok(outcome) => outcome,
            Err(error) => {
                eprintln!("error: {error:#}");
                failure = Some(step.name.clone());
                Outcome::Failed
            }
        };
        if let Outcome::Skipped(reason) = &outcome {
            eprintln!("skipped: {reason}");
        }
        timings.push((step.name, start.elapsed(), outcome));
        if failure.is_some() {
            break;
        }
    }
    print_timings(&timings, started.elapsed(), total);
    match failure {
        Some(name) => bail!("`{name}` failed"),
        None => Ok(()),
    }
}

fn print_timings(timings: &[(String, Duration, Outcome)], elapsed: Duration, total: usize) {
    let width = timings
        .iter()
        .map(|(name, ..)| name.len())
        .max()
        .unwrap_or(0);
    println!("\nstep timings:");
    for (name, duration, outcome) in timings {
        let result = match outcome {
            Outcome::Passed => "ok",
            Outcome::Skipped(_) => "skipped",
            Outcome::Failed => "FAILED",
        };
        println!(
            "  {name:<width$}  {:>7.1}s  {result}",
            duration.as_secs_f64()
        );
    }
    let not_run = total - timings.len();
    if not_run > 0 {
        println!("  ({not_run} step(s) not run)");
    }
    println!("  {:<width$}  {:>7.1}s", "total", elapsed.as_secs_f64());
}
