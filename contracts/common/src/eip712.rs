//! EIP-712 domain separator and typed-data digest. Host-free.
//!
//! The domain has the fields `name`, `version`, `chainId` and `verifyingContract` (ERC-5267
//! fields bitmap `0x0f`). Contracts compute the separator on every use from the current chain
//! id and their own address instead of caching it, so it stays right after a chain-id change
//! (a fork) and costs one keccak of 160 bytes.

use alloy_primitives::{Address, B256, FixedBytes, U256, keccak256};
use stylus_sdk::keccak_const::Keccak256;

/// `keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")`.
pub const DOMAIN_TYPEHASH: B256 = B256::new(
    Keccak256::new()
        .update(
            b"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)",
        )
        .finalize(),
);

/// ERC-5267 `fields` bitmap: name, version, chainId and verifyingContract are set; no salt,
/// no extensions.
pub const DOMAIN_FIELDS: FixedBytes<1> = FixedBytes([0x0f]);

/// The EIP-712 domain separator.
///
/// # Arguments
/// * `name_hash`, `version_hash` - keccak256 of the domain's name and version strings.
/// * `chain_id` - the chain id the signature is valid on.
/// * `verifying_contract` - the contract that checks the signature.
pub fn domain_separator(
    name_hash: B256,
    version_hash: B256,
    chain_id: u64,
    verifying_contract: Address,
) -> B256 {
    let mut encoded = [0u8; 160];
    encoded[..32].copy_from_slice(DOMAIN_TYPEHASH.as_slice());
    encoded[32..64].copy_from_slice(name_hash.as_slice());
    encoded[64..96].copy_from_slice(version_hash.as_slice());
    encoded[96..128].copy_from_slice(&U256::from(chain_id).to_be_bytes::<32>());
    encoded[128..].copy_from_slice(verifying_contract.into_word().as_slice());
    keccak256(encoded)
}

/// The digest a signer signs: `keccak256("\x19\x01" ++ domainSeparator ++ structHash)`.
pub fn typed_data_hash(domain_separator: B256, struct_hash: B256) -> B256 {
    let mut encoded = [0u8; 66];
    encoded[0] = 0x19;
    encoded[1] = 0x01;
    encoded[2..34].copy_from_slice(domain_separator.as_slice());
    encoded[34..].copy_from_slice(struct_hash.as_slice());
    keccak256(encoded)
}

#[cfg(test)]
mod tests {
    use alloy_primitives::address;
    use alloy_sol_types::{SolStruct, eip712_domain, sol};

    use super::*;

    sol! {
        struct Mail {
            address to;
            string contents;
        }
    }

    #[test]
    fn typehash_matches_the_eip712_domain_type() {
        assert_eq!(
            DOMAIN_TYPEHASH,
            keccak256(
                "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
            )
        );
    }

    #[test]
    fn separator_and_digest_match_alloys_independent_derivation() {
        let contract = address!("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC");
        for chain_id in [1u64, 42_161, 412_346, u64::MAX] {
            let domain = eip712_domain! {
                name: "Restaked ETH",
                version: "1",
                chain_id: chain_id,
                verifying_contract: contract,
            };
            let ours = domain_separator(
                keccak256("Restaked ETH"),
                keccak256("1"),
                chain_id,
                contract,
            );
            assert_eq!(ours, domain.separator());

            let mail = Mail {
                to: address!("0x00000000000000000000000000000000000000b2"),
                contents: "hello".into(),
            };
            assert_eq!(
                typed_data_hash(ours, mail.eip712_hash_struct()),
                mail.eip712_signing_hash(&domain)
            );
        }
    }

    #[test]
    fn separator_is_bound_to_chain_and_contract() {
        let name = keccak256("n");
        let version = keccak256("1");
        let a = address!("0x00000000000000000000000000000000000000a1");
        let b = address!("0x00000000000000000000000000000000000000b2");
        assert_ne!(
            domain_separator(name, version, 1, a),
            domain_separator(name, version, 2, a)
        );
        assert_ne!(
            domain_separator(name, version, 1, a),
            domain_separator(name, version, 1, b)
        );
    }
}
