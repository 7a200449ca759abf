//! `cargo xtask abi [--check]`: each contract's Solidity interface and JSON ABI in `abi/`.
//!
//! For each contract crate (once per crate: variants share the interface), the crate's own
//! ABI exporter runs natively:
//! `cargo run --locked --quiet -p <package> --features export-abi --bin <package>`.
//! Its stdout is the whole interface file (license, pragma, `interface I<Name> { ... }`),
//! written as `abi/<Name>.sol` ([`naming`]). solcjs then compiles it ([`solc`]) and the ABI
//! of `I<Name>` becomes `abi/<Name>.json`.
//!
//! The same binary run with the argument `constructor` must print the constructor's signature
//! as cargo-stylus reads it (`constructor(type name, ...)`: `cargo stylus deploy
//! --constructor-args` encodes the arguments with it and skips the constructor when the answer
//! does not start with `constructor`); it must equal the interface's `/// Deployed with` line
//! ([`check_constructor_answer`]).
//!
//! With `--check`, nothing is written: the generated files are compared with the committed
//! ones, and any difference (or missing file) fails the command with an excerpt ([`diff`]).

pub mod diff;
pub mod naming;
pub mod solc;

use std::{fs, path::Path};

use anyhow::{Context, Result, bail};

use crate::{
    command, generated,
    workspace::{Contract, Workspace},
};

/// Folder of the workspace root that holds the interfaces and ABIs.
pub const ABI_DIR: &str = "abi";

pub use crate::generated::Generated;

/// Generates the files of every contract; writes them, or with `check` compares them.
pub fn run(workspace: &Workspace, check: bool) -> Result<()> {
    let files = generate(workspace)?;
    if check {
        check_files(&workspace.root, &files)
    } else {
        write_files(&workspace.root, &files)
    }
}

/// The `.sol` and `.json` file of every contract crate, in memory.
pub fn generate(workspace: &Workspace) -> Result<Vec<Generated>> {
    let mut sources = Vec::new();
    for contract in &workspace.contracts {
        let name = naming::contract_name(&contract.package);
        eprintln!("==> exporting the interface of `{}`", contract.package);
        sources.push(solc::Source {
            file: format!("{name}.sol"),
            content: export_interface(workspace, contract)?,
            interface: naming::interface_name(&contract.package),
        });
    }
    if sources.is_empty() {
        eprintln!("no contract crate in the workspace: no ABI to export");
        return Ok(Vec::new());
    }
    let abis = solc::abis(&workspace.root, &sources)?;
    let mut files = Vec::new();
    for (source, abi) in sources.into_iter().zip(abis) {
        let json = source.file.replace(".sol", ".json");
        files.push(Generated {
            path: format!("{ABI_DIR}/{}", source.file),
            content: source.content,
        });
        files.push(Generated {
            path: format!("{ABI_DIR}/{json}"),
            content: abi,
        });
    }
    Ok(files)
}

/// Runs the crate's exporter binary with the `export-abi` feature and returns its stdout.
fn export_interface(workspace: &Workspace, contract: &Contract) -> Result<String> {
    let package = &contract.package;
    if !contract.has_abi_bin {
        bail!(
            "contract `{package}` has no binary target named `{package}` to print its \
             interface (add `[[bin]] name = \"{package}\"` calling the ABI exporter)"
        );
    }
    let run = |argument: Option<&str>| -> Result<String> {
        let mut cmd = command::cargo(&workspace.root);
        cmd.args(["run", "--locked", "--quiet", "-p", package])
            .args(["--features", "export-abi", "--bin", package]);
        if let Some(argument) = argument {
            cmd.args(["--", argument]);
        }
        let stdout = command::stdout_of(&mut cmd)
            .with_context(|| format!("exporting the interface of `{package}` failed"))?;
        let text = String::from_utf8(stdout)
            .with_context(|| format!("the output of `{package}`'s exporter is not UTF-8"))?;
        if text.trim().is_empty() {
            bail!("the ABI exporter of `{package}` printed nothing");
        }
        Ok(text)
    };
    let text = run(None)?;
    check_constructor_answer(package, &text, &run(Some("constructor"))?)?;
    Ok(text)
}

/// The interface's line naming the constructor (see `restaking_common::export_abi`).
const CONSTRUCTOR_LINE: &str = "/// Deployed with ";

/// Checks the answer of `package`'s exporter to `constructor`: a signature that cargo-stylus
/// takes for a constructor (it starts with `constructor(`), equal to the one the interface
/// names.
fn check_constructor_answer(package: &str, interface: &str, answer: &str) -> Result<()> {
    let answer = answer.trim();
    if !answer.starts_with("constructor(") {
        bail!(
            "`{package}`'s exporter answers `constructor` with `{answer}`: cargo-stylus would \
             deploy it without running its constructor"
        );
    }
    let named = interface
        .lines()
        .find_map(|line| line.strip_prefix(CONSTRUCTOR_LINE))
        .with_context(|| format!("the interface of `{package}` names no constructor"))?;
    if named.trim() != answer {
        bail!(
            "`{package}`'s exporter answers `constructor` with `{answer}`, its interface says `{named}`"
        );
    }
    Ok(())
}

/// Writes the files that changed and says what it did.
fn write_files(root: &Path, files: &[Generated]) -> Result<()> {
    fs::create_dir_all(root.join(ABI_DIR))?;
    generated::write_changed(root, files)
}

/// Compares the files with the committed ones; fails on any difference.
fn check_files(root: &Path, files: &[Generated]) -> Result<()> {
    let stale = generated::stale_files(root, files, "generated")?;
    if !stale.is_empty() {
        bail!(
            "ABI files out of date: {}; run `cargo xtask abi` and commit the result",
            stale.join(", ")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_root(tag: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-abi-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn file(path: &str, content: &str) -> Generated {
        Generated {
            path: path.into(),
            content: content.into(),
        }
    }

    #[test]
    fn the_constructor_answer_must_be_a_constructor_and_match_the_interface() {
        let interface = "// x\n/// Deployed with constructor(address admin)\ninterface I {}\n";
        check_constructor_answer("p", interface, "constructor(address admin)\n").unwrap();
        // The interface itself (what the exporter printed before it knew the argument).
        let error = check_constructor_answer("p", interface, interface).unwrap_err();
        assert!(error.to_string().contains("without running"), "{error}");
        let error =
            check_constructor_answer("p", interface, "constructor(address owner)").unwrap_err();
        assert!(error.to_string().contains("its interface says"), "{error}");
        let error = check_constructor_answer("p", "interface I {}", "constructor()").unwrap_err();
        assert!(
            error.to_string().contains("names no constructor"),
            "{error}"
        );
    }

    #[test]
    fn check_passes_after_write_and_fails_on_drift_or_missing_files() {
        let root = temp_root("check");
        let files = [
            file("abi/A.sol", "interface IA {}\n"),
            file("abi/A.json", "[]\n"),
        ];
        let err = check_files(&root, &files).unwrap_err();
        assert!(err.to_string().contains("abi/A.sol, abi/A.json"), "{err}");
        assert!(err.to_string().contains("cargo xtask abi"), "{err}");

        write_files(&root, &files).unwrap();
        check_files(&root, &files).unwrap();

        fs::write(root.join("abi/A.json"), "[ ]\n").unwrap();
        let err = check_files(&root, &files).unwrap_err();
        assert!(err.to_string().contains("abi/A.json;"), "{err}");
        fs::remove_dir_all(&root).unwrap();
    }

    /// Needs `npm ci` (solcjs in node_modules); skipped with a note otherwise.
    #[test]
    fn solc_gives_the_abi_of_the_interface_and_reports_errors() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        if !solc::installed(root) {
            eprintln!("skipped: solcjs not installed (npm ci)");
            return;
        }
        let source = |content: &str| solc::Source {
            file: "Token.sol".into(),
            content: content.into(),
            interface: "IToken".into(),
        };
        let good = "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.23;\n\
                    interface IToken { function total() external view returns (uint256); }\n";
        let abi = solc::abis(root, &[source(good)]).unwrap().remove(0);
        assert!(abi.starts_with("[\n  {\n"), "{abi}");
        assert!(abi.ends_with("]\n"), "{abi}");
        assert!(abi.contains(r#""name": "total""#), "{abi}");
        assert!(!abi.contains("\"evm\""), "{abi}");

        let bad = good.replace("uint256)", "uint256");
        assert!(solc::abis(root, &[source(&bad)]).is_err());
        let renamed = good.replace("IToken", "IOther");
        let err = solc::abis(root, &[source(&renamed)]).unwrap_err();
        assert!(err.to_string().contains("solc"), "{err}");
    }
}
