//! Strings of at most 31 bytes packed into one storage word. Host-free.
//!
//! Layout (as OpenZeppelin's `ShortStrings`): the UTF-8 bytes left-aligned, the length in the
//! last byte. One `SLOAD` reads a whole token name, where a `string` in storage needs a length
//! word plus data words and, in stylus-sdk 0.10, a 256-bit division in the WASM to read it.

use alloc::string::String;

use alloy_primitives::B256;

/// The longest string that fits.
pub const MAX_LEN: usize = 31;

/// Packs `value` into a word, or `None` when it is longer than [`MAX_LEN`] bytes.
pub fn pack(value: &str) -> Option<B256> {
    let bytes = value.as_bytes();
    if bytes.len() > MAX_LEN {
        return None;
    }
    let mut word = [0u8; 32];
    word[..bytes.len()].copy_from_slice(bytes);
    // Fits: bytes.len() <= 31.
    word[MAX_LEN] = bytes.len() as u8;
    Some(B256::new(word))
}

/// Unpacks a word written by [`pack`]. A word with an out-of-range length yields the longest
/// string it can hold, and invalid UTF-8 (impossible for words written by [`pack`]) is
/// replaced, so this never panics.
pub fn unpack(word: B256) -> String {
    let len = usize::from(word[MAX_LEN]).min(MAX_LEN);
    String::from_utf8_lossy(&word[..len]).into_owned()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn round_trips_short_strings() {
        for s in ["", "LRT", "Restaked Ether", "é漢字", &"x".repeat(31)] {
            assert_eq!(unpack(pack(s).unwrap()), s);
        }
    }

    #[test]
    fn rejects_strings_over_31_bytes() {
        assert_eq!(pack(&"x".repeat(32)), None);
        // 11 three-byte characters: 33 bytes, 11 chars.
        assert_eq!(pack(&"漢".repeat(11)), None);
    }

    proptest! {
        #[test]
        fn pack_then_unpack_is_identity(s in ".{0,40}") {
            match pack(&s) {
                Some(word) => {
                    prop_assert!(s.len() <= MAX_LEN);
                    prop_assert_eq!(unpack(word), s);
                }
                None => prop_assert!(s.len() > MAX_LEN),
            }
        }

        #[test]
        fn unpack_never_panics(bytes in any::<[u8; 32]>()) {
            let _ = unpack(B256::new(bytes));
        }
    }
}
