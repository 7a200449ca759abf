//! Signature recovery through the `ecrecover` precompile.
//!
//! Follows OpenZeppelin's `ECDSA.recover(hash, v, r, s)`: a signature whose `s` lies in the
//! upper half of the curve order is rejected (for every valid signature `(r, s)` there is a
//! second one `(r, n - s)`; accepting only low `s` makes signatures non-malleable, EIP-2), and
//! a signature that recovers to no address (bad `v`, `r` or `s`) is rejected.

use alloy_primitives::{Address, B256, U256, address, uint};
use stylus_sdk::{call::static_call, prelude::*};

/// The `ecrecover` precompile.
pub const ECRECOVER: Address = address!("0x0000000000000000000000000000000000000001");

/// Half the order of secp256k1: the largest `s` accepted.
pub const SECP256K1_N_HALF: U256 =
    uint!(0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0_U256);

crate::sol_items! {
    /// Events and errors of this component.
    EcdsaItems {
        /// The signature does not recover to an address.
        error ECDSAInvalidSignature();

        /// The signature's `s` is in the upper half of the curve order (malleable).
        error ECDSAInvalidSignatureS(bytes32 s);
    }
}

/// Errors of [`recover`].
#[derive(SolidityError, Debug, PartialEq)]
pub enum Error {
    /// No address recovered.
    InvalidSignature(ECDSAInvalidSignature),
    /// High `s`.
    InvalidSignatureS(ECDSAInvalidSignatureS),
}

/// The input of the `ecrecover` precompile: `hash ++ uint256(v) ++ r ++ s`.
pub fn ecrecover_input(hash: B256, v: u8, r: B256, s: B256) -> [u8; 128] {
    let mut input = [0u8; 128];
    input[..32].copy_from_slice(hash.as_slice());
    input[63] = v;
    input[64..96].copy_from_slice(r.as_slice());
    input[96..].copy_from_slice(s.as_slice());
    input
}

/// Recovers the signer of `hash` from `(v, r, s)`.
///
/// # Errors
/// [`ECDSAInvalidSignatureS`] when `s` is above [`SECP256K1_N_HALF`];
/// [`ECDSAInvalidSignature`] when the precompile recovers no address.
pub fn recover<H: Host + ?Sized>(
    host: &H,
    hash: B256,
    v: u8,
    r: B256,
    s: B256,
) -> Result<Address, Error> {
    if U256::from_be_bytes(s.0) > SECP256K1_N_HALF {
        return Err(Error::InvalidSignatureS(ECDSAInvalidSignatureS { s }));
    }
    // The precompile never reverts; a failed recovery returns no data, which maps to the
    // zero address like Solidity's `ecrecover`.
    let output = static_call(
        host,
        Call::new(),
        ECRECOVER,
        &ecrecover_input(hash, v, r, s),
    )
    .unwrap_or_default();
    let signer = match output.get(12..32) {
        Some(word) if output.len() == 32 => Address::from_slice(word),
        _ => Address::ZERO,
    };
    if signer.is_zero() {
        return Err(Error::InvalidSignature(ECDSAInvalidSignature {}));
    }
    Ok(signer)
}

#[cfg(test)]
mod tests {
    use stylus_sdk::testing::TestVM;

    use super::*;

    const SIGNER: Address = address!("0x00000000000000000000000000000000000000a1");

    fn hash() -> B256 {
        B256::repeat_byte(0x11)
    }

    #[test]
    fn returns_what_the_precompile_recovers() {
        let vm = TestVM::default();
        let (r, s) = (B256::repeat_byte(1), B256::repeat_byte(2));
        vm.mock_static_call(
            ECRECOVER,
            ecrecover_input(hash(), 27, r, s).to_vec(),
            Ok(SIGNER.into_word().to_vec()),
        );
        assert_eq!(recover(&vm, hash(), 27, r, s), Ok(SIGNER));
    }

    #[test]
    fn rejects_high_s_without_calling_the_precompile() {
        let vm = TestVM::default();
        let s = B256::from(SECP256K1_N_HALF + U256::from(1));
        assert_eq!(
            recover(&vm, hash(), 27, B256::repeat_byte(1), s),
            Err(Error::InvalidSignatureS(ECDSAInvalidSignatureS { s }))
        );
    }

    #[test]
    fn accepts_s_at_exactly_half_the_order() {
        let vm = TestVM::default();
        let (r, s) = (B256::repeat_byte(1), B256::from(SECP256K1_N_HALF));
        vm.mock_static_call(
            ECRECOVER,
            ecrecover_input(hash(), 28, r, s).to_vec(),
            Ok(SIGNER.into_word().to_vec()),
        );
        assert_eq!(recover(&vm, hash(), 28, r, s), Ok(SIGNER));
    }

    #[test]
    fn rejects_signatures_that_recover_nothing() {
        let vm = TestVM::default();
        let (r, s) = (B256::repeat_byte(1), B256::repeat_byte(2));
        // Empty output (what the precompile returns for an invalid signature).
        vm.mock_static_call(
            ECRECOVER,
            ecrecover_input(hash(), 29, r, s).to_vec(),
            Ok(vec![]),
        );
        assert_eq!(
            recover(&vm, hash(), 29, r, s),
            Err(Error::InvalidSignature(ECDSAInvalidSignature {}))
        );
        // Zero address.
        vm.mock_static_call(
            ECRECOVER,
            ecrecover_input(hash(), 27, r, s).to_vec(),
            Ok(vec![0u8; 32]),
        );
        assert_eq!(
            recover(&vm, hash(), 27, r, s),
            Err(Error::InvalidSignature(ECDSAInvalidSignature {}))
        );
    }
}
