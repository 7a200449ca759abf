//! JSON ABIs from Solidity interfaces, by solcjs (the npm package `solc`, pinned in
//! `package.json`) through the script `xtask/solc-abi.cjs`.
//!
//! One `node` process compiles every interface: it reads a request on stdin and answers with
//! the ABI text of each file, as solc emits it, pretty-printed by `JSON.stringify(abi, null,
//! 2)` with a final newline. solcjs carries the compiler (`soljson.js`) in the package:
//! nothing is downloaded at run time.

use std::{collections::BTreeMap, path::Path};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::command;

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
    crate::npm::installed(root, &["solc"])
}

/// The ABI text (pretty JSON and a newline) of each source's interface, in order.
///
/// Fails with solc's messages when a source does not compile or lacks its interface.
pub fn abis(root: &Path, sources: &[Source]) -> Result<Vec<String>> {
    if !installed(root) {
        bail!("solcjs is not installed: run `npm ci` in the workspace root first");
    }
    let request = serde_json::to_vec(&Request { sources })?;
    let stdout = command::node_script(root, SCRIPT, &request)
        .context("solc could not compile the exported interfaces")?;
    let mut response: Response =
        serde_json::from_slice(&stdout).context("unexpected output from solc-abi.cjs")?;
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
