//! JSON ABIs from Solidity interfaces, by solcjs (the npm package `solc`, pinned in
//! `package.json`) through the script `xtask/solc-abi.cjs`.
//!
//! One `node` process compiles every interface: it reads a request on stdin and answers with
//! the ABI text of each file, as solc emits it, pretty-printed by `JSON.stringify(abi, null,
//! 2)` with a final newline. solcjs carries the compiler (`soljson.js`) in the package:
//! nothing is downloaded at run time.

use std::{
    collections::BTreeMap,
    io::Write as _,
    path::Path,
    process::{Command, Stdio},
};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

/// The script, relative to the workspace root.
pub const SCRIPT: &str = "xtask/solc-abi.cjs";

/// A Solidity file to compile and the interface whose ABI is wanted.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The file name solc reports errors against, e.g. `LrtToken.sol`.
    pub file: String,
    /// The Solidity text.
    pub content: String,
    /// The interface to take the ABI of, e.g. `ILrtToken`.
    pub interface: String,
}

#[derive(Serialize)]
struct Request<'a> {
    sources: &'a [Source],
}

#[derive(Deserialize)]
struct Response {
    /// ABI text by file name.
    abis: BTreeMap<String, String>,
}

/// Whether solcjs is installed in the workspace's `node_modules`.
pub fn installed(root: &Path) -> bool {
    root.join("node_modules/solc/package.json").is_file()
}

/// The ABI text (pretty JSON and a newline) of each source's interface, in order.
///
/// Fails with solc's messages when a source does not compile or lacks its interface.
pub fn abis(root: &Path, sources: &[Source]) -> Result<Vec<String>> {
    if !installed(root) {
        bail!("solcjs is not installed: run `npm ci` in the workspace root first");
    }
    let request = serde_json::to_vec(&Request { sources })?;
    let mut child = Command::new("node")
        .arg(SCRIPT)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .context("cannot run `node` (is Node.js installed?)")?;
    child
        .stdin
        .take()
        .context("no stdin for node")?
        .write_all(&request)
        .context("cannot send the sources to solc")?;
    let output = child.wait_with_output()?;
    if !output.status.success() {
        bail!(
            "solc could not compile the exported interfaces (its errors are above; {})",
            output.status
        );
    }
    let mut response: Response =
        serde_json::from_slice(&output.stdout).context("unexpected output from solc-abi.cjs")?;
    sources
        .iter()
        .map(|source| {
            response
                .abis
                .remove(&source.file)
                .with_context(|| format!("solc-abi.cjs returned no ABI for {}", source.file))
        })
        .collect()
}
