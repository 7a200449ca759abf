//! The output file of a compiled contract: `devnet/solidity/out/<ContractName>.json`.
//!
//! ```json
//! {
//!   "abi": [ ... ],
//!   "bytecode": "0x6080...",
//!   "deployedBytecode": "0x6080...",
//!   "source": "devnet/solidity/StylusDeployer.sol"
//! }
//! ```
//!
//! Object keys are sorted at every level (arrays keep their order, so the ABI lists its
//! entries as solc does), indentation is two spaces and the file ends with a newline: the
//! same compilation always gives the same bytes, whatever `serde_json` features the build
//! enables.

use serde_json::{Map, Value, json};

use super::compile::Contract;

/// The file's text.
pub fn render(contract: &Contract) -> String {
    let value = json!({
        "abi": contract.abi,
        "bytecode": contract.bytecode,
        "deployedBytecode": contract.deployed_bytecode,
        "source": contract.source,
    });
    // Serializing a `Value` cannot fail (its keys are strings).
    let mut text = serde_json::to_string_pretty(&sorted(value)).unwrap_or_default();
    text.push('\n');
    text
}

/// `value` with the keys of every object in sorted order.
///
/// Rebuilding each map in key order gives sorted output both with `serde_json`'s default
/// `BTreeMap` maps and with the insertion-ordered maps of its `preserve_order` feature, which
/// another crate in the build may switch on.
pub fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(key, value)| (key, sorted(value)))
                    .collect::<Map<String, Value>>(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contract(abi: Value) -> Contract {
        Contract {
            name: "Counter".into(),
            source: "devnet/solidity/test/Counter.sol".into(),
            abi,
            bytecode: "0x6001".into(),
            deployed_bytecode: "0x6002".into(),
        }
    }

    #[test]
    fn renders_sorted_keys_two_space_indent_and_a_final_newline() {
        let abi = json!([
            { "type": "function", "name": "b", "inputs": [], "outputs": [], "stateMutability": "view" },
            { "type": "event", "name": "a", "inputs": [], "anonymous": false },
        ]);
        let text = render(&contract(abi));
        let expected = r#"{
  "abi": [
    {
      "inputs": [],
      "name": "b",
      "outputs": [],
      "stateMutability": "view",
      "type": "function"
    },
    {
      "anonymous": false,
      "inputs": [],
      "name": "a",
      "type": "event"
    }
  ],
  "bytecode": "0x6001",
  "deployedBytecode": "0x6002",
  "source": "devnet/solidity/test/Counter.sol"
}
"#;
        assert_eq!(text, expected);
    }

    #[test]
    fn rendering_is_the_same_whatever_the_key_order_of_the_input() {
        let one: Value = serde_json::from_str(
            r#"[{"name":"x","type":"function","inputs":[{"type":"uint256","name":"v"}]}]"#,
        )
        .unwrap();
        let two: Value = serde_json::from_str(
            r#"[{"inputs":[{"name":"v","type":"uint256"}],"type":"function","name":"x"}]"#,
        )
        .unwrap();
        assert_eq!(render(&contract(one)), render(&contract(two)));
    }
}
