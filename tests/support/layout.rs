//! The committed storage layouts (`abi/<Name>.layout.json`, written by `cargo xtask layout`)
//! read back, to check them against where the deployed programs keep their data.

use std::path::PathBuf;

use revm::primitives::{Address, B256, U256, keccak256};
use stylus_runtime::Chain;

/// One entry's word and byte offset (from the word's low-order end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) slot: U256,
    pub(crate) offset: u8,
}

/// The place of `label` in `abi/<contract>.layout.json`; `keys` are the map keys along the
/// label, outermost map first, each as its 32-byte storage key (an address left-padded).
pub(crate) fn place(contract: &str, label: &str, keys: &[B256]) -> Place {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../abi")
        .join(format!("{contract}.layout.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("read {}: {error}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("a layout file is JSON");
    let entry = json["storage"]
        .as_array()
        .expect("a storage list")
        .iter()
        .find(|entry| entry["label"] == label)
        .unwrap_or_else(|| panic!("{contract}: no entry `{label}`"));
    let slot = entry["slot"].as_str().expect("a slot expression");
    Place {
        slot: slot_of(slot, keys),
        offset: u8::try_from(entry["offset"].as_u64().expect("an offset")).expect("below 32"),
    }
}

/// Evaluates a slot expression: a number, or `keccak(<key type> . <expression>)+n`, which is
/// `keccak256(key . slot) + n` with the last of `keys` (the outer map's key).
fn slot_of(expression: &str, keys: &[B256]) -> U256 {
    let Some(rest) = expression.strip_prefix("keccak(") else {
        return expression.parse().expect("a slot number");
    };
    let mut depth = 1usize;
    let close = rest
        .char_indices()
        .find(|(_, c)| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            depth == 0
        })
        .map(|(index, _)| index)
        .expect("a balanced expression");
    let (_, inner) = rest[..close]
        .split_once(" . ")
        .expect("`<key type> . <slot>`");
    let add: U256 = rest[close + 1..]
        .strip_prefix('+')
        .expect("`+n` after a map value's hash")
        .parse()
        .expect("a number");
    let (key, outer_keys) = keys.split_last().expect("a key for each map");
    let root = slot_of(inner, outer_keys);
    let mut preimage = key.0.to_vec();
    preimage.extend_from_slice(&root.to_be_bytes::<32>());
    U256::from_be_bytes(keccak256(preimage).0) + add
}

/// The `bytes`-byte value at `place` in `address`'s storage.
pub(crate) fn read(chain: &mut Chain, address: Address, place: Place, bytes: u8) -> U256 {
    let word = chain.storage(address, place.slot) >> (usize::from(place.offset) * 8);
    if bytes == 32 {
        word
    } else {
        word & ((U256::from(1) << (usize::from(bytes) * 8)) - U256::from(1))
    }
}

/// An address as a map key: left-padded to 32 bytes, as the SDK hashes it.
pub(crate) fn address_key(address: Address) -> B256 {
    address.into_word()
}
