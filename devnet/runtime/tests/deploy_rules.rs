//! Which code a create may leave behind: as on Arbitrum, code starting with `0xEF` only when it
//! is a Stylus program (`EF F0 00 ...`); EIP-3541 still holds for everything else.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use revm::primitives::Bytes;
use stylus_runtime::Status;

/// Init code returning `code` (at most 32 bytes): MSTORE it left-aligned, RETURN its length.
fn returning(code: &[u8]) -> Bytes {
    assert!(code.len() <= 32);
    let mut word = [0u8; 32];
    word[..code.len()].copy_from_slice(code);
    let mut init = vec![0x7f]; // PUSH32 word
    init.extend_from_slice(&word);
    init.extend_from_slice(&[0x60, 0x00, 0x52]); // PUSH1 0, MSTORE
    init.extend_from_slice(&[0x60, code.len() as u8, 0x60, 0x00, 0xf3]); // RETURN(0, len)
    init.into()
}

fn create(chain: &mut stylus_runtime::Chain, code: &[u8]) -> stylus_runtime::Receipt {
    chain
        .transact(stylus_runtime::Tx {
            from: ALICE,
            to: None,
            data: returning(code),
            ..Default::default()
        })
        .unwrap()
}

#[test]
fn ef_code_that_is_not_stylus_is_refused() {
    let mut chain = chain();
    for code in [
        &[0xEF][..],
        &[0xEF, 0x00, 0x01],
        &[0xEF, 0xF0, 0x01, 0x00],
        &[0xEF, 0xF1, 0x00],
    ] {
        let receipt = create(&mut chain, code);
        assert_eq!(
            receipt.status,
            Status::Halt("CreateContractStartingWithEF".into()),
            "{code:02x?}"
        );
        assert_eq!(receipt.contract_address, None);
    }
}

#[test]
fn stylus_prefixed_and_ordinary_code_deploys() {
    let mut chain = chain();
    for code in [
        &[0xEF, 0xF0, 0x00, 0x00, 0x01][..],
        &[0x00, 0xEF],
        &[0x60, 0x00],
    ] {
        let receipt = create(&mut chain, code);
        assert!(receipt.is_success(), "{code:02x?}: {receipt:?}");
        let address = receipt.contract_address.unwrap();
        assert_eq!(chain.code(address), Bytes::copy_from_slice(code));
    }
}
