//! The restaking vault as the manager sees it: five functions, called with hand-encoded
//! calldata (every argument is one static word) and strictly decoded return data.
//!
//! ```solidity
//! function hasRole(bytes32 role, address account) external view returns (bool);
//! function slashableStake(uint64 captureTimestamp) external view returns (uint256);
//! function onSlash(uint256 amount, uint64 captureTimestamp, address recipient)
//!     external returns (uint256 slashed);
//! function holdSlash(uint256 amount, uint64 captureTimestamp, uint64 until)
//!     external returns (uint256 slashableStake, uint64 epochDuration);
//! function releaseSlash(uint256 amount) external;
//! ```
//!
//! `holdSlash` answers in one call what a request needs from the vault (its slashable stake
//! for the capture and its epoch duration) while it holds the amount: a request enters the
//! vault once (issue 12). The manager checks those figures after the call and fails the
//! request when they do not allow it, which reverts the hold with it.
//!
//! Calldata and return words go through [`restaking_common::abi_words`]. Each call returns
//! `None` when the vault reverts or answers with data that Solidity's decoder would reject
//! (shorter than one word, a `bool` other than 0 or 1, a `uint64` over 64 bits): the caller
//! turns that into `SlashingManagerVaultCallFailed`.

use alloy_primitives::{Address, B256, U256};
use restaking_common::abi_words::{decode_uint, encode_call, selector};
use stylus_sdk::{
    call::{call, static_call},
    keccak_const::Keccak256,
    prelude::*,
};

/// `keccak256("CURATOR_ROLE")`: the vault role allowed to set the vault's allocations here.
pub const CURATOR_ROLE: B256 = B256::new(Keccak256::new().update(b"CURATOR_ROLE").finalize());

/// `hasRole(bytes32,address)`.
pub const HAS_ROLE: [u8; 4] = selector("hasRole(bytes32,address)");
/// `slashableStake(uint64)`.
pub const SLASHABLE_STAKE: [u8; 4] = selector("slashableStake(uint64)");
/// `onSlash(uint256,uint64,address)`.
pub const ON_SLASH: [u8; 4] = selector("onSlash(uint256,uint64,address)");
/// `holdSlash(uint256,uint64,uint64)`.
pub const HOLD_SLASH: [u8; 4] = selector("holdSlash(uint256,uint64,uint64)");
/// `releaseSlash(uint256)`.
pub const RELEASE_SLASH: [u8; 4] = selector("releaseSlash(uint256)");

/// A `uint64` argument as an ABI word.
fn word_u64(value: u64) -> B256 {
    B256::from(U256::from(value))
}

/// The first return word as a `uint64`; `None` when it does not fit.
pub fn decode_uint64(data: &[u8]) -> Option<u64> {
    decode_uint(data).and_then(|word| u64::try_from(word).ok())
}

/// The first return word as a `bool`; `None` unless it is 0 or 1.
pub fn decode_bool(data: &[u8]) -> Option<bool> {
    match decode_uint(data)? {
        word if word.is_zero() => Some(false),
        word if word == U256::from(1) => Some(true),
        _ => None,
    }
}

/// `vault.hasRole(role, account)`.
pub fn has_role<H: Host + ?Sized>(
    host: &H,
    vault: Address,
    role: B256,
    account: Address,
) -> Option<bool> {
    let data = encode_call(HAS_ROLE, &[role, account.into_word()]);
    decode_bool(&static_call(host, Call::new(), vault, &data).ok()?)
}

/// `vault.slashableStake(capture_timestamp)`.
pub fn slashable_stake<H: Host + ?Sized>(
    host: &H,
    vault: Address,
    capture_timestamp: u64,
) -> Option<U256> {
    let data = encode_call(SLASHABLE_STAKE, &[word_u64(capture_timestamp)]);
    decode_uint(&static_call(host, Call::new(), vault, &data).ok()?)
}

/// `vault.onSlash(amount, capture_timestamp, recipient)`: returns what the vault slashed.
pub fn on_slash<H: Host + ?Sized>(
    host: &H,
    context: impl MutatingCallContext,
    vault: Address,
    amount: U256,
    capture_timestamp: u64,
    recipient: Address,
) -> Option<U256> {
    let data = encode_call(
        ON_SLASH,
        &[
            B256::from(amount),
            word_u64(capture_timestamp),
            recipient.into_word(),
        ],
    );
    decode_uint(&call(host, context, vault, &data).ok()?)
}

/// What the vault answers to `holdSlash`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Held {
    /// The vault's `slashableStake(captureTimestamp)`, read before the hold.
    pub slashable: U256,
    /// The vault's `epochDuration()`.
    pub epoch_duration: u64,
}

/// `vault.holdSlash(amount, capture_timestamp, until)`: the vault holds `amount` until
/// `until`, or until the capture's slashes may no longer execute if that is earlier
/// ([`restaking_common::slash_window::execution_end`]). `None` when the vault reverts or its
/// answer does not decode as `(uint256, uint64)`.
pub fn hold_slash<H: Host + ?Sized>(
    host: &H,
    context: impl MutatingCallContext,
    vault: Address,
    amount: U256,
    capture_timestamp: u64,
    until: u64,
) -> Option<Held> {
    let data = encode_call(
        HOLD_SLASH,
        &[
            B256::from(amount),
            word_u64(capture_timestamp),
            word_u64(until),
        ],
    );
    decode_held(&call(host, context, vault, &data).ok()?)
}

/// A `(uint256, uint64)` answer, as Solidity's decoder reads it.
pub fn decode_held(data: &[u8]) -> Option<Held> {
    Some(Held {
        slashable: decode_uint(data)?,
        epoch_duration: decode_uint64(data.get(32..)?)?,
    })
}

/// `vault.releaseSlash(amount)`: `None` when the vault reverts.
pub fn release_slash<H: Host + ?Sized>(
    host: &H,
    context: impl MutatingCallContext,
    vault: Address,
    amount: U256,
) -> Option<()> {
    let data = encode_call(RELEASE_SLASH, &[B256::from(amount)]);
    call(host, context, vault, &data).ok().map(|_| ())
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{address, keccak256};

    use super::*;

    #[test]
    fn selectors_and_role_match_their_signatures() {
        let sel = |s: &str| <[u8; 4]>::try_from(&keccak256(s)[..4]).unwrap();
        assert_eq!(HAS_ROLE, sel("hasRole(bytes32,address)"));
        assert_eq!(SLASHABLE_STAKE, sel("slashableStake(uint64)"));
        assert_eq!(ON_SLASH, sel("onSlash(uint256,uint64,address)"));
        assert_eq!(HOLD_SLASH, sel("holdSlash(uint256,uint64,uint64)"));
        assert_eq!(RELEASE_SLASH, sel("releaseSlash(uint256)"));
        assert_eq!(CURATOR_ROLE, keccak256("CURATOR_ROLE"));
    }

    #[test]
    fn calldata_is_selector_then_words() {
        let account = address!("0x00000000000000000000000000000000000000aa");
        let data = encode_call(HAS_ROLE, &[CURATOR_ROLE, account.into_word()]);
        assert_eq!(data.len(), 68);
        assert_eq!(&data[..4], &HAS_ROLE);
        assert_eq!(&data[4..36], CURATOR_ROLE.as_slice());
        assert_eq!(&data[48..68], account.as_slice());
        assert_eq!(encode_call(RELEASE_SLASH, &[]), RELEASE_SLASH.to_vec());
    }

    #[test]
    fn decoding_is_strict_like_solidity() {
        let word = |v: U256| v.to_be_bytes::<32>().to_vec();
        assert_eq!(decode_uint64(&word(U256::from(u64::MAX))), Some(u64::MAX));
        assert_eq!(
            decode_uint64(&word(U256::from(u64::MAX) + U256::from(1))),
            None
        );
        assert_eq!(decode_bool(&word(U256::ZERO)), Some(false));
        assert_eq!(decode_bool(&word(U256::from(1))), Some(true));
        assert_eq!(decode_bool(&word(U256::from(2))), None);
        assert_eq!(decode_bool(&[]), None);
        let two = [word(U256::from(7)), word(U256::from(9))].concat();
        assert_eq!(
            decode_held(&two),
            Some(Held {
                slashable: U256::from(7),
                epoch_duration: 9
            })
        );
        assert_eq!(decode_held(&two[..63]), None);
        let wide = [
            word(U256::from(7)),
            word(U256::from(u64::MAX) + U256::from(1)),
        ]
        .concat();
        assert_eq!(decode_held(&wide), None);
    }
}
