//! An address, a timestamp and a small number packed into one storage word. Host-free.
//!
//! Big-endian layout: bytes `0..20` the address, `20..28` the timestamp, byte `28` the number,
//! the rest zero. Storing full words only keeps the contract from linking the SDK's
//! sub-word storage accessors, one per field width.

use alloy_primitives::{Address, U256};

/// `(address, timestamp, number)` as one word.
pub fn pack(address: Address, timestamp: u64, number: u8) -> U256 {
    let mut bytes = [0u8; 32];
    bytes[..20].copy_from_slice(address.as_slice());
    bytes[20..28].copy_from_slice(&timestamp.to_be_bytes());
    bytes[28] = number;
    U256::from_be_bytes(bytes)
}

/// The `(address, timestamp, number)` of a word written by [`pack`].
pub fn unpack(word: U256) -> (Address, u64, u8) {
    let bytes: [u8; 32] = word.to_be_bytes();
    let mut address = [0u8; 20];
    address.copy_from_slice(&bytes[..20]);
    let mut timestamp = [0u8; 8];
    timestamp.copy_from_slice(&bytes[20..28]);
    (
        Address::new(address),
        u64::from_be_bytes(timestamp),
        bytes[28],
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn zero_is_all_zero() {
        assert_eq!(unpack(U256::ZERO), (Address::ZERO, 0, 0));
        assert_eq!(pack(Address::ZERO, 0, 0), U256::ZERO);
    }

    proptest! {
        #[test]
        fn round_trips(address in any::<[u8; 20]>(), timestamp in any::<u64>(), number in any::<u8>()) {
            let address = Address::from(address);
            prop_assert_eq!(unpack(pack(address, timestamp, number)), (address, timestamp, number));
        }
    }
}
