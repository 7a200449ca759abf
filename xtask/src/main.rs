//! `cargo xtask`: the build pipeline of the Stylus contracts (see the `xtask` library).

use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};
use xtask::{abi, app, build, layout, solidity, suite, workspace::Workspace};

/// The build pipeline of the Stylus contracts.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Build every contract to wasm, post-process and check it, and write artifacts/; then
    /// type-check and bundle the restaking page into app/dist/.
    Build,
    /// Export each contract's Solidity interface and JSON ABI to abi/.
    Abi {
        /// Compare with the committed files instead of writing them; fail on any difference.
        #[arg(long)]
        check: bool,
    },
    /// Compute each contract's storage layout and compare it with abi/<Name>.layout.json:
    /// appending is allowed (the file is updated), moving, retyping or removing fails.
    Layout {
        /// Fail when a layout file is missing instead of writing it.
        #[arg(long)]
        check: bool,
    },
    /// Compile the Solidity contracts under devnet/solidity/, deploy/solidity/ and tests/solidity/ to their out/ folders.
    Solc {
        /// Compare with the committed outputs instead of writing them; fail on any difference.
        #[arg(long)]
        check: bool,
    },
    /// Run the whole test suite: fmt, clippy (native and wasm), build, abi --check,
    /// solc --check, tests.
    Test,
}

fn run(cli: Cli) -> Result<()> {
    let workspace = Workspace::load()?;
    match cli.command {
        Cmd::Build => {
            build::run(&workspace)?;
            app::build(&workspace)
        }
        Cmd::Abi { check } => abi::run(&workspace, check),
        Cmd::Layout { check } => layout::run(&workspace, check),
        Cmd::Solc { check } => solidity::run(&workspace, check),
        Cmd::Test => suite::run(&workspace),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
