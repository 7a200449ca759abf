//! Where every record lives. Host-free.
//!
//! The manager keeps its records in two maps: `histories` (checkpointed values, see
//! [`restaking_common::trace`]) and `words` (single storage words). A record's key is the keccak256 of a
//! 61-byte preimage: a tag byte naming the kind of record, then three 20-byte parts. Fixed-width
//! parts make the preimage injective, and distinct tags keep kinds apart, so two records never
//! share a key. One map per value type (instead of one map per record kind, or nested maps)
//! keeps the storage accessors the SDK generates, and so the program, small.
//!
//! | tag | map | parts | value |
//! |---|---|---|---|
//! | [`SERVICE_CONFIG`] | histories | service | packed [`crate::service_config::ServiceConfig`] |
//! | [`SERVICE_OPT_IN`] | histories | operator, service | 1 while opted in, else 0 |
//! | [`VAULT_OPT_IN`] | histories | operator, vault | 1 while opted in, else 0 |
//! | [`ALLOCATION`] | histories | vault, service, operator | allocation |
//! | [`RECIPIENT`] | words | service | [`crate::word`]`(recipient, nextRecipientAt, 0)` |
//! | [`NEXT_RECIPIENT`] | words | service | [`crate::word`]`(nextRecipient, 0, 0)` |
//! | [`SLASHED`] | words | vault, service, operator | total executed |
//! | [`PENDING`] | words | vault, service, operator | total pending |
//! | [`VAULT_PENDING`] | words | vault | total pending against the vault, by every service |
//! | [`REQUEST`]` + i` | words | request id | word `i` of [`crate::request::SlashRequest::to_words`] |

use alloy_primitives::Address;

/// A service's resolver and veto duration over time.
pub const SERVICE_CONFIG: u8 = 1;
/// An operator's opt-in to a service over time.
pub const SERVICE_OPT_IN: u8 = 2;
/// An operator's opt-in to a vault over time.
pub const VAULT_OPT_IN: u8 = 3;
/// A vault's allocation to a (service, operator) pair over time.
pub const ALLOCATION: u8 = 4;
/// A service's recipient and when the scheduled one applies.
pub const RECIPIENT: u8 = 5;
/// A service's scheduled recipient.
pub const NEXT_RECIPIENT: u8 = 6;
/// The executed total of a (vault, service, operator) stake.
pub const SLASHED: u8 = 7;
/// The pending total of a (vault, service, operator) stake.
pub const PENDING: u8 = 8;
/// The pending total of a vault, over every service and operator.
pub const VAULT_PENDING: u8 = 9;
/// The first of a request's six words; word `i` has tag `REQUEST + i`.
pub const REQUEST: u8 = 16;

/// The preimage of a record's key: `tag ++ a ++ b ++ c`.
pub fn preimage(tag: u8, [a, b, c]: [Address; 3]) -> [u8; 61] {
    let mut bytes = [0u8; 61];
    bytes[0] = tag;
    for (chunk, part) in bytes[1..].chunks_exact_mut(20).zip([a, b, c]) {
        chunk.copy_from_slice(part.as_slice());
    }
    bytes
}

/// A request id as a key part: its low 64 bits, big-endian, in the last 8 bytes (ids count
/// from zero by one, so they never reach 2^64).
pub fn id_part(id: u64) -> Address {
    let mut bytes = [0u8; 20];
    bytes[12..].copy_from_slice(&id.to_be_bytes());
    Address::new(bytes)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::*;

    #[test]
    fn tags_are_distinct_and_requests_have_room_for_six_words() {
        let tags = [
            SERVICE_CONFIG,
            SERVICE_OPT_IN,
            VAULT_OPT_IN,
            ALLOCATION,
            RECIPIENT,
            NEXT_RECIPIENT,
            SLASHED,
            PENDING,
            VAULT_PENDING,
        ];
        let mut all: HashSet<u8> = tags.into_iter().collect();
        for i in 0..6 {
            assert!(all.insert(REQUEST + i));
        }
        assert_eq!(all.len(), tags.len() + 6);
    }

    proptest! {
        /// Different records have different preimages.
        #[test]
        fn preimages_are_injective(
            t1 in any::<u8>(), p1 in any::<[[u8; 20]; 3]>(),
            t2 in any::<u8>(), p2 in any::<[[u8; 20]; 3]>(),
        ) {
            let parts = |p: [[u8; 20]; 3]| p.map(Address::from);
            let same = t1 == t2 && p1 == p2;
            prop_assert_eq!(preimage(t1, parts(p1)) == preimage(t2, parts(p2)), same);
        }

        #[test]
        fn id_parts_are_injective(a in any::<u64>(), b in any::<u64>()) {
            prop_assert_eq!(id_part(a) == id_part(b), a == b);
        }
    }
}
