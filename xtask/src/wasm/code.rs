//! The deployable contract code: what a Stylus contract's account holds on chain.
//!
//! `EF F0 00` marks a Stylus program (`stylus-tools`: `prefixes::EOF_NO_DICT` is these three
//! bytes followed by the dictionary byte), then one byte names the brotli dictionary the
//! stream was compressed with (`00`: none), then the brotli stream.

use tiny_keccak::{Hasher, Keccak};

/// The Stylus discriminant that starts every contract's code.
pub const STYLUS_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x00];

/// The dictionary byte: `00`, the empty dictionary (plain brotli).
pub const EMPTY_DICTIONARY: u8 = 0x00;

/// Bytes before the brotli stream: [`STYLUS_PREFIX`] and the dictionary byte.
pub const HEADER_LEN: usize = STYLUS_PREFIX.len() + 1;

/// The contract code for a brotli stream compressed without dictionary.
pub fn deployable_code(compressed: &[u8]) -> Vec<u8> {
    let mut code = Vec::with_capacity(HEADER_LEN + compressed.len());
    code.extend_from_slice(&STYLUS_PREFIX);
    code.push(EMPTY_DICTIONARY);
    code.extend_from_slice(compressed);
    code
}

/// The keccak-256 of `code`: the account's `EXTCODEHASH`, which `ArbWasm` keys activations by.
pub fn codehash(code: &[u8]) -> [u8; 32] {
    let mut hasher = Keccak::v256();
    hasher.update(code);
    let mut hash = [0; 32];
    hasher.finalize(&mut hash);
    hash
}

/// `bytes` as lowercase hex with a `0x` prefix.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(2 + 2 * bytes.len());
    hex.push_str("0x");
    for byte in bytes {
        hex.push(char::from(DIGITS[usize::from(byte >> 4)]));
        hex.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_starts_with_the_stylus_prefix_and_the_empty_dictionary() {
        let code = deployable_code(&[0xAA, 0xBB]);
        assert_eq!(code, [0xEF, 0xF0, 0x00, 0x00, 0xAA, 0xBB]);
        assert_eq!(HEADER_LEN, 4);
    }

    #[test]
    fn codehash_is_keccak256() {
        // keccak256("") is the well-known empty-code hash.
        assert_eq!(
            to_hex(&codehash(b"")),
            "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
        );
    }

    #[test]
    fn hex_is_lowercase_with_prefix() {
        assert_eq!(to_hex(&[0x00, 0x0f, 0xa0, 0xff]), "0x000fa0ff");
        assert_eq!(to_hex(&[]), "0x");
    }
}
