//! Calldata of external calls whose arguments are all static 32-byte words (addresses,
//! integers, `bytes32`), and decoding of single-word return data.
//!
//! Contracts call the LRT token and ERC-20 assets only with static arguments, so a selector
//! followed by words is the whole ABI encoding; writing it directly keeps the generic ABI
//! encoder (and its panic paths) out of the WASM.

use alloc::vec::Vec;

use alloy_primitives::{Address, B256, FixedBytes, U256, keccak256};
use stylus_sdk::keccak_const::Keccak256;

/// The 4-byte selector of a function signature, at compile time.
pub const fn selector(signature: &str) -> [u8; 4] {
    let hash = Keccak256::new().update(signature.as_bytes()).finalize();
    [hash[0], hash[1], hash[2], hash[3]]
}

/// The ERC-165 id of an interface: the XOR of its functions' selectors (Solidity's
/// `type(I).interfaceId`). For tests that derive the ids contracts hard-code.
pub fn interface_id(signatures: &[&str]) -> FixedBytes<4> {
    let mut id = [0u8; 4];
    for signature in signatures {
        for (byte, selector_byte) in id.iter_mut().zip(keccak256(signature).iter()) {
            *byte ^= selector_byte;
        }
    }
    FixedBytes(id)
}

/// `selector ++ words`.
pub fn encode_call(selector: [u8; 4], words: &[B256]) -> Vec<u8> {
    let mut calldata = Vec::new();
    calldata.extend_from_slice(&selector);
    for word in words {
        calldata.extend_from_slice(word.as_slice());
    }
    calldata
}

/// A static Solidity value as its 32-byte ABI word.
pub trait IntoWord {
    /// The ABI encoding of the value.
    fn into_word(self) -> B256;
}

impl IntoWord for U256 {
    fn into_word(self) -> B256 {
        B256::from(self)
    }
}

impl IntoWord for Address {
    fn into_word(self) -> B256 {
        Address::into_word(&self)
    }
}

/// `bytesN`: the bytes left-aligned in the word (`bytes32` is the word itself).
impl<const N: usize> IntoWord for FixedBytes<N> {
    fn into_word(self) -> B256 {
        let mut word = [0u8; 32];
        let len = N.min(32);
        word[..len].copy_from_slice(&self.0[..len]);
        B256::new(word)
    }
}

impl IntoWord for u64 {
    fn into_word(self) -> B256 {
        B256::from(U256::from(self))
    }
}

impl IntoWord for u16 {
    fn into_word(self) -> B256 {
        B256::from(U256::from(self))
    }
}

impl IntoWord for u8 {
    fn into_word(self) -> B256 {
        B256::from(U256::from(self))
    }
}

impl IntoWord for bool {
    fn into_word(self) -> B256 {
        B256::from(U256::from(u8::from(self)))
    }
}

/// An address as an ABI word.
pub fn address_word(address: Address) -> B256 {
    address.into_word()
}

/// An integer as an ABI word.
pub fn uint_word(value: U256) -> B256 {
    B256::from(value)
}

/// The first return word as an integer, or `None` when shorter than a word.
pub fn decode_uint(data: &[u8]) -> Option<U256> {
    let word: [u8; 32] = data.get(..32)?.try_into().ok()?;
    Some(U256::from_be_bytes(word))
}

#[cfg(test)]
mod tests {
    use alloy_primitives::address;
    use alloy_sol_types::{SolCall, sol};

    use super::*;

    sol! {
        function transferFrom(address from, address to, uint256 value) external returns (bool);
    }

    #[test]
    fn matches_the_generic_abi_encoder() {
        let from = address!("0x00000000000000000000000000000000000000a1");
        let to = address!("0x00000000000000000000000000000000000000b2");
        let value = U256::from(123_456u64);
        assert_eq!(
            encode_call(
                selector("transferFrom(address,address,uint256)"),
                &[address_word(from), address_word(to), uint_word(value)]
            ),
            transferFromCall { from, to, value }.abi_encode()
        );
    }

    #[test]
    fn fixed_bytes_are_left_aligned_as_alloy_encodes_them() {
        use alloy_sol_types::SolValue;
        let fields = FixedBytes([0x0f]);
        assert_eq!(
            fields.into_word().as_slice(),
            fields.abi_encode().as_slice()
        );
        let id = FixedBytes([1, 2, 3, 4]);
        assert_eq!(id.into_word().as_slice(), id.abi_encode().as_slice());
        let word = B256::repeat_byte(7);
        assert_eq!(word.into_word(), word);
    }

    #[test]
    fn decodes_the_first_word() {
        let mut data = U256::from(7).to_be_bytes::<32>().to_vec();
        assert_eq!(decode_uint(&data), Some(U256::from(7)));
        data.extend_from_slice(&[1u8; 32]);
        assert_eq!(decode_uint(&data), Some(U256::from(7)));
        assert_eq!(decode_uint(&data[..31]), None);
    }
}
