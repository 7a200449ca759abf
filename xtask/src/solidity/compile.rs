//! Compiling the sources with solcjs (the npm package `solc`, pinned in `package.json`)
//! through the script `xtask/solc-compile.cjs`.
//!
//! The standard-JSON input is built here ([`standard_input`]) with the pinned settings; the
//! script runs solc once on it (resolving imports relative to the workspace root) and prints
//! solc's output, from which [`contracts_of`] takes the deployable contracts.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::Path,
};

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::{Value, json};

use super::sources::Source;
use crate::{abi::solc as solcjs, command};

/// The script, relative to the workspace root.
pub const SCRIPT: &str = "xtask/solc-compile.cjs";

/// Optimizer runs (the optimizer is always enabled).
pub const OPTIMIZER_RUNS: u32 = 200;

/// The EVM version the code targets: Arbitrum's EVM is Cancun-level (`PUSH0`, `MCOPY`,
/// transient storage) as of ArbOS 20.
pub const EVM_VERSION: &str = "cancun";

/// A compiled, deployable contract.
#[derive(Debug, Clone, PartialEq)]
pub struct Contract {
    /// The contract's name, e.g. `StylusDeployer`.
    pub name: String,
    /// The file that declares it, relative to the workspace root.
    pub source: String,
    /// The ABI, as solc emits it.
    pub abi: Value,
    /// The creation code, `0x`-prefixed lowercase hex.
    pub bytecode: String,
    /// The runtime code, `0x`-prefixed lowercase hex.
    pub deployed_bytecode: String,
}

/// The solc standard-JSON input for `sources`, with the pinned settings.
pub fn standard_input(sources: &[Source]) -> Value {
    let units: serde_json::Map<String, Value> = sources
        .iter()
        .map(|source| (source.path.clone(), json!({ "content": source.content })))
        .collect();
    json!({
        "language": "Solidity",
        "sources": units,
        "settings": {
            "optimizer": { "enabled": true, "runs": OPTIMIZER_RUNS },
            "evmVersion": EVM_VERSION,
            // No IPFS/Swarm hash of the metadata at the end of the code: the code then
            // depends on what the sources mean, not on their comments or file names.
            "metadata": { "bytecodeHash": "none" },
            "outputSelection": {
                "*": {
                    "*": [
                        "abi",
                        "evm.bytecode.object",
                        "evm.bytecode.linkReferences",
                        "evm.deployedBytecode.object",
                        "evm.deployedBytecode.linkReferences"
                    ]
                }
            }
        }
    })
}

/// Compiles `sources` and returns their deployable contracts, sorted by name.
///
/// solc's warnings are printed; fails with its messages on any error.
pub fn compile(root: &Path, sources: &[Source]) -> Result<Vec<Contract>> {
    if !solcjs::installed(root) {
        bail!("solcjs is not installed: run `npm ci` in the workspace root first");
    }
    let input = serde_json::to_vec(&standard_input(sources))?;
    let stdout = command::node_script(root, SCRIPT, &input)?;
    let response: Response =
        serde_json::from_slice(&stdout).context("unexpected output from solc-compile.cjs")?;
    eprintln!("solc {}", response.version);
    contracts_of(response.output, sources)
}

/// What `solc-compile.cjs` prints.
#[derive(Deserialize)]
struct Response {
    version: String,
    output: Output,
}

/// The parts of solc's standard-JSON output that are used.
#[derive(Debug, Default, Deserialize)]
pub struct Output {
    /// Errors and warnings.
    #[serde(default)]
    pub errors: Vec<Diagnostic>,
    /// Contracts by source unit name, then by contract name.
    #[serde(default)]
    pub contracts: BTreeMap<String, BTreeMap<String, ContractOutput>>,
}

/// A solc error or warning.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The message alone.
    pub message: String,
    /// The message with its source location, when solc gives one.
    #[serde(default)]
    pub formatted_message: Option<String>,
}

/// One contract in solc's output.
#[derive(Debug, Deserialize)]
pub struct ContractOutput {
    /// The ABI.
    pub abi: Value,
    /// The code.
    pub evm: Evm,
}

/// The code of a contract in solc's output.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evm {
    /// Creation code.
    pub bytecode: Bytecode,
    /// Runtime code.
    pub deployed_bytecode: Bytecode,
}

/// Code as solc gives it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bytecode {
    /// Hex without `0x`; empty for interfaces and abstract contracts.
    pub object: String,
    /// Unlinked libraries by file, then by name.
    #[serde(default)]
    pub link_references: BTreeMap<String, Value>,
}

/// The deployable contracts of `sources` in solc's `output`, sorted by name.
///
/// Prints every diagnostic; fails if solc reported an error, if a contract needs library
/// linking, or if two contracts share a name. Contracts of imported files (not in `sources`)
/// and contracts without creation code (interfaces, abstract contracts) are left out.
pub fn contracts_of(output: Output, sources: &[Source]) -> Result<Vec<Contract>> {
    for diagnostic in &output.errors {
        let text = diagnostic
            .formatted_message
            .clone()
            .unwrap_or_else(|| format!("{}: {}", diagnostic.severity, diagnostic.message));
        eprint!(
            "{}",
            if text.ends_with('\n') {
                text
            } else {
                text + "\n"
            }
        );
    }
    let errors = output
        .errors
        .iter()
        .filter(|d| d.severity == "error")
        .count();
    if errors > 0 {
        bail!("solc reported {errors} error(s) (shown above)");
    }

    let ours: BTreeSet<&str> = sources.iter().map(|s| s.path.as_str()).collect();
    let mut contracts: Vec<Contract> = Vec::new();
    for (source, declared) in output.contracts {
        if !ours.contains(source.as_str()) {
            continue;
        }
        for (name, contract) in declared {
            let evm = contract.evm;
            if evm.bytecode.object.is_empty() {
                continue;
            }
            if !evm.bytecode.link_references.is_empty()
                || !evm.deployed_bytecode.link_references.is_empty()
            {
                bail!(
                    "{source}: `{name}` needs library linking, which `cargo xtask solc` does not do"
                );
            }
            if let Some(other) = contracts.iter().find(|c| c.name == name) {
                bail!(
                    "two contracts named `{name}` ({} and {source}): output files are named \
                     after contracts, so names must be unique",
                    other.source
                );
            }
            contracts.push(Contract {
                name,
                source: source.clone(),
                abi: contract.abi,
                bytecode: format!("0x{}", evm.bytecode.object.to_ascii_lowercase()),
                deployed_bytecode: format!(
                    "0x{}",
                    evm.deployed_bytecode.object.to_ascii_lowercase()
                ),
            });
        }
    }
    contracts.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(contracts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(path: &str) -> Source {
        Source {
            path: path.into(),
            content: "contract X {}".into(),
        }
    }

    fn output(value: Value) -> Output {
        serde_json::from_value(value).unwrap()
    }

    fn code(object: &str) -> Value {
        json!({ "object": object, "linkReferences": {} })
    }

    fn contract(creation: &str, runtime: &str) -> Value {
        json!({ "abi": [], "evm": { "bytecode": code(creation), "deployedBytecode": code(runtime) } })
    }

    #[test]
    fn standard_input_pins_the_settings_and_names_units_by_path() {
        let input = standard_input(&[source("devnet/solidity/A.sol")]);
        let settings = &input["settings"];
        assert_eq!(
            settings["optimizer"],
            json!({ "enabled": true, "runs": 200 })
        );
        assert_eq!(settings["evmVersion"], "cancun");
        assert_eq!(settings["metadata"]["bytecodeHash"], "none");
        assert_eq!(
            input["sources"]["devnet/solidity/A.sol"]["content"],
            "contract X {}"
        );
    }

    #[test]
    fn keeps_deployable_contracts_of_our_sources_sorted_by_name() {
        let out = output(json!({
            "errors": [{ "severity": "warning", "message": "unused" }],
            "contracts": {
                "devnet/solidity/B.sol": {
                    "Zeta": contract("60AB", "60cd"),
                    "IFace": contract("", ""),
                },
                "devnet/solidity/A.sol": { "Alpha": contract("6001", "6002") },
                "abi/LrtToken.sol": { "Imported": contract("6003", "6004") },
            }
        }));
        let sources = [
            source("devnet/solidity/A.sol"),
            source("devnet/solidity/B.sol"),
        ];
        let contracts = contracts_of(out, &sources).unwrap();
        let names: Vec<&str> = contracts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Alpha", "Zeta"]);
        assert_eq!(contracts[1].source, "devnet/solidity/B.sol");
        assert_eq!(contracts[1].bytecode, "0x60ab");
        assert_eq!(contracts[1].deployed_bytecode, "0x60cd");
    }

    #[test]
    fn fails_on_errors_duplicate_names_and_unlinked_libraries() {
        let sources = [source("a.sol"), source("b.sol")];
        let err = contracts_of(
            output(json!({ "errors": [{ "severity": "error", "message": "bad" }] })),
            &sources,
        )
        .unwrap_err();
        assert!(err.to_string().contains("1 error"), "{err}");

        let twice = output(json!({ "contracts": {
            "a.sol": { "Same": contract("60", "60") },
            "b.sol": { "Same": contract("60", "60") },
        }}));
        let err = contracts_of(twice, &sources).unwrap_err();
        assert!(
            err.to_string().contains("two contracts named `Same`"),
            "{err}"
        );

        let mut unlinked = contract("60", "60");
        unlinked["evm"]["bytecode"]["linkReferences"] = json!({ "a.sol": { "Lib": [] } });
        let err = contracts_of(
            output(json!({ "contracts": { "a.sol": { "UsesLib": unlinked } } })),
            &sources,
        )
        .unwrap_err();
        assert!(err.to_string().contains("library linking"), "{err}");
    }

    /// Needs `npm ci` (solcjs in node_modules); skipped with a note otherwise.
    #[test]
    fn solcjs_compiles_with_workspace_relative_imports_and_refuses_escapes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        if !solcjs::installed(root) {
            eprintln!("skipped: solcjs not installed (npm ci)");
            return;
        }
        let user = Source {
            path: "devnet/solidity/test/Probe.sol".into(),
            content: "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\n\
                      import {ILrtToken} from \"abi/LrtToken.sol\";\n\
                      contract Probe { function f(ILrtToken t) external view returns (uint256) \
                      { return t.totalSupply(); } }\n"
                .into(),
        };
        let contracts = compile(root, std::slice::from_ref(&user)).unwrap();
        let names: Vec<&str> = contracts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Probe"], "the imported interface is not an output");
        assert!(contracts[0].bytecode.starts_with("0x6080"));
        assert!(contracts[0].deployed_bytecode.len() > 2);

        let escaping = Source {
            content: user
                .content
                .replace("abi/LrtToken.sol", "../../../../etc/hostname"),
            ..user
        };
        assert!(compile(root, &[escaping]).is_err());
    }

    /// Needs `npm ci` (solcjs and `@openzeppelin/contracts` in node_modules); skipped
    /// otherwise.
    #[test]
    fn solcjs_reads_openzeppelin_imports_from_node_modules_and_refuses_escapes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        if !solcjs::installed(root) || !super::super::npm_packages_installed(root) {
            eprintln!("skipped: solcjs or @openzeppelin/contracts not installed (npm ci)");
            return;
        }
        let user = Source {
            path: "tests/solidity/bench/Probe.sol".into(),
            content: "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\n\
                      import {ERC20} from \"@openzeppelin/contracts/token/ERC20/ERC20.sol\";\n\
                      contract Probe is ERC20 { constructor() ERC20(\"P\", \"P\") {} }\n"
                .into(),
        };
        let contracts = compile(root, std::slice::from_ref(&user)).unwrap();
        let names: Vec<&str> = contracts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Probe"], "the imported library is not an output");

        let escaping = Source {
            content: user.content.replace(
                "@openzeppelin/contracts/token/ERC20/ERC20.sol",
                "@openzeppelin/contracts/../../solc/package.json",
            ),
            ..user
        };
        assert!(compile(root, &[escaping]).is_err());
    }
}
