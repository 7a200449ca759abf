//! `cargo xtask solc [--check]`: the Solidity contracts under `devnet/solidity/`,
//! `deploy/solidity/` and `tests/solidity/`, compiled.
//!
//! Each tree of [`TREES`] is compiled on its own: every `.sol` file under its source folder
//! (recursively, except its output folder) in one solcjs run ([`compile`]) with pinned settings: optimizer enabled with 200
//! runs, EVM version `cancun`, and no metadata hash in the bytecode (so editing a comment does
//! not change the code). Source unit names are paths relative to the workspace root, so a
//! contract imports a generated interface as `import {ILrtToken} from "abi/LrtToken.sol";`
//! (relative imports work too), and a library of [`NPM_SOLIDITY_PACKAGES`] by package name
//! (`@openzeppelin/contracts/...`, read from `node_modules/`, installed by `npm ci`).
//!
//! Each deployable contract (one with creation code: not an interface or abstract contract)
//! becomes `<out>/<ContractName>.json` ([`artifact`], e.g. `devnet/solidity/out/`): `abi`, `bytecode`
//! (creation code, `0x…`), `deployedBytecode` (runtime code, `0x…`) and `source` (the file,
//! relative to the workspace root), with sorted keys and two-space indentation. Contract
//! names must be unique within a tree. The outputs are committed; `--check` compiles in
//! memory and fails if they drifted, listing the files that are missing, differ (with an
//! excerpt) or are no longer produced.

pub mod artifact;
pub mod compile;
pub mod sources;

use std::{
    collections::BTreeSet,
    fs, io,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result, bail};

use crate::{
    generated::{self, Generated},
    workspace::Workspace,
};

/// The folder of the Solidity sources, relative to the workspace root.
pub const SOLIDITY_DIR: &str = "devnet/solidity";

/// The folder of the compiled outputs, relative to the workspace root.
pub const OUT_DIR: &str = "devnet/solidity/out";

/// The Solidity the deploy tool deploys (periphery, the demo's token), relative to the
/// workspace root.
pub const DEPLOY_DIR: &str = "deploy/solidity";

/// Its compiled outputs (which the deploy tool embeds).
pub const DEPLOY_OUT_DIR: &str = "deploy/solidity/out";

/// The flow tests' Solidity (test assets and DeFi contracts), relative to the workspace root.
pub const FLOW_TESTS_DIR: &str = "tests/solidity";

/// Their compiled outputs.
pub const FLOW_TESTS_OUT_DIR: &str = "tests/solidity/out";

/// The npm packages (pinned in `package.json`) whose Solidity sources may be imported by
/// package name, e.g. `import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";`:
/// `xtask/solc-compile.cjs` reads them from `node_modules/`.
pub const NPM_SOLIDITY_PACKAGES: [&str; 1] = ["@openzeppelin/contracts"];

/// Whether every package of [`NPM_SOLIDITY_PACKAGES`] is installed in `node_modules/`.
pub fn npm_packages_installed(root: &Path) -> bool {
    crate::npm::installed(root, &NPM_SOLIDITY_PACKAGES)
}

/// The trees compiled, each `(sources, outputs)`, relative to the workspace root.
pub const TREES: [(&str, &str); 3] = [
    (SOLIDITY_DIR, OUT_DIR),
    (DEPLOY_DIR, DEPLOY_OUT_DIR),
    (FLOW_TESTS_DIR, FLOW_TESTS_OUT_DIR),
];

/// Compiles every source; writes the outputs, or with `check` compares them.
pub fn run(workspace: &Workspace, check: bool) -> Result<()> {
    for (dir, out) in TREES {
        let files = generate(&workspace.root, dir, out)?;
        if check {
            check_outputs(&workspace.root, out, &files)?;
        } else {
            write_outputs(&workspace.root, out, &files)?;
        }
    }
    Ok(())
}

/// The output file (in `out`) of every deployable contract under `dir`, in memory, sorted by
/// path.
pub fn generate(root: &Path, dir: &str, out: &str) -> Result<Vec<Generated>> {
    let sources = sources::find(root, dir, out)?;
    if sources.is_empty() {
        eprintln!("no .sol file under {dir}: nothing to compile");
        return Ok(Vec::new());
    }
    eprintln!(
        "==> compiling {} Solidity file(s) under {dir}",
        sources.len()
    );
    let contracts = compile::compile(root, &sources)?;
    let mut files: Vec<Generated> = contracts
        .iter()
        .map(|contract| Generated {
            path: format!("{out}/{}.json", contract.name),
            content: artifact::render(contract),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Writes the outputs that changed and removes `.json` files in `out` that no contract
/// produces any more.
fn write_outputs(root: &Path, out: &str, files: &[Generated]) -> Result<()> {
    let out_path = root.join(out);
    fs::create_dir_all(&out_path).with_context(|| format!("cannot create {out}"))?;
    generated::write_changed(root, files)?;
    for path in stale_outputs(root, out, files)? {
        fs::remove_file(root.join(&path)).with_context(|| format!("cannot remove {path}"))?;
        println!("removed   {path}");
    }
    Ok(())
}

/// Compares the outputs with the files on disk; fails on any difference, missing file, or
/// output file that no contract produces.
fn check_outputs(root: &Path, out: &str, files: &[Generated]) -> Result<()> {
    let mut problems = generated::stale_files(root, files, "compiled")?;
    for path in stale_outputs(root, out, files)? {
        println!("{path} is not produced by any contract");
        problems.push(path);
    }
    if !problems.is_empty() {
        bail!(
            "Solidity outputs out of date: {}; run `cargo xtask solc` and commit the result",
            problems.join(", ")
        );
    }
    Ok(())
}

/// The `.json` files in `out` (paths relative to the root, sorted) that are not among
/// `files`.
fn stale_outputs(root: &Path, out: &str, files: &[Generated]) -> Result<Vec<String>> {
    let expected: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    let entries = match fs::read_dir(root.join(out)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot list {out}")),
    };
    let mut stale = Vec::new();
    for entry in entries {
        let name = PathBuf::from(entry?.file_name());
        if name.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        let path = format!("{out}/{}", name.display());
        if !expected.contains(path.as_str()) {
            stale.push(path);
        }
    }
    stale.sort();
    Ok(stale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_root(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-solc-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn output(name: &str, content: &str) -> Generated {
        Generated {
            path: format!("{OUT_DIR}/{name}.json"),
            content: content.into(),
        }
    }

    #[test]
    fn check_passes_after_write_and_reports_missing_changed_and_stale_files() {
        let root = temp_root("check");
        let files = [output("A", "{}\n"), output("B", "{ }\n")];
        let err = check_outputs(&root, OUT_DIR, &files)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("out/A.json, devnet/solidity/out/B.json;"),
            "{err}"
        );
        assert!(err.contains("cargo xtask solc"), "{err}");

        write_outputs(&root, OUT_DIR, &files).unwrap();
        check_outputs(&root, OUT_DIR, &files).unwrap();

        fs::write(root.join(OUT_DIR).join("B.json"), "{}\n").unwrap();
        fs::write(root.join(OUT_DIR).join("Old.json"), "{}\n").unwrap();
        fs::write(root.join(OUT_DIR).join("notes.txt"), "kept\n").unwrap();
        let err = check_outputs(&root, OUT_DIR, &files)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(": devnet/solidity/out/B.json, devnet/solidity/out/Old.json;"),
            "{err}"
        );

        write_outputs(&root, OUT_DIR, &files).unwrap();
        assert!(!root.join(OUT_DIR).join("Old.json").exists());
        assert!(root.join(OUT_DIR).join("notes.txt").exists());
        check_outputs(&root, OUT_DIR, &files).unwrap();
        fs::remove_dir_all(&root).unwrap();
    }
}
