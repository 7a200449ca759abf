//! EIP-2612 permit message hashing. Host-free.

use alloy_primitives::{Address, B256, U256, keccak256};
use stylus_sdk::keccak_const::Keccak256;

/// The EIP-712 domain version of the token.
pub const EIP712_VERSION: &str = "1";

/// `keccak256("1")`, the hash of [`EIP712_VERSION`].
pub const EIP712_VERSION_HASH: B256 = B256::new(Keccak256::new().update(b"1").finalize());

/// `keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)")`.
pub const PERMIT_TYPEHASH: B256 = B256::new(
    Keccak256::new()
        .update(
            b"Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)",
        )
        .finalize(),
);

/// The EIP-712 struct hash of a permit.
pub fn permit_struct_hash(
    owner: Address,
    spender: Address,
    value: U256,
    nonce: U256,
    deadline: U256,
) -> B256 {
    let mut encoded = [0u8; 192];
    encoded[..32].copy_from_slice(PERMIT_TYPEHASH.as_slice());
    encoded[32..64].copy_from_slice(owner.into_word().as_slice());
    encoded[64..96].copy_from_slice(spender.into_word().as_slice());
    encoded[96..128].copy_from_slice(&value.to_be_bytes::<32>());
    encoded[128..160].copy_from_slice(&nonce.to_be_bytes::<32>());
    encoded[160..].copy_from_slice(&deadline.to_be_bytes::<32>());
    keccak256(encoded)
}

#[cfg(test)]
mod tests {
    use alloy_primitives::address;
    use alloy_sol_types::{SolStruct, sol};

    use super::*;

    sol! {
        struct Permit {
            address owner;
            address spender;
            uint256 value;
            uint256 nonce;
            uint256 deadline;
        }
    }

    #[test]
    fn constants_match_their_preimages() {
        assert_eq!(EIP712_VERSION_HASH, keccak256(EIP712_VERSION));
        assert_eq!(
            PERMIT_TYPEHASH,
            keccak256(
                "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
            )
        );
    }

    #[test]
    fn struct_hash_matches_alloys_eip712_derivation() {
        let permit = Permit {
            owner: address!("0x00000000000000000000000000000000000000a1"),
            spender: address!("0x00000000000000000000000000000000000000b2"),
            value: U256::from(123_456_789u64),
            nonce: U256::from(7),
            deadline: U256::MAX,
        };
        assert_eq!(
            permit_struct_hash(
                permit.owner,
                permit.spender,
                permit.value,
                permit.nonce,
                permit.deadline
            ),
            permit.eip712_hash_struct()
        );
    }
}
