//! EIP-2612 permit with real secp256k1 signatures (alloy-signer-local, fixed test keys), the
//! digest derived independently by alloy's EIP-712 implementation, and the VM's `ecrecover`
//! answering as the real precompile does.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{B256, U256, uint};
use lrt_token::{
    errors::{ERC20InvalidSpender, ERC2612ExpiredSignature, ERC2612InvalidSigner, Error},
    events::Approval,
};
use restaking_common::ecdsa::{ECDSAInvalidSignature, ECDSAInvalidSignatureS, SECP256K1_N_HALF};
use stylus_sdk::testing::constants::{DEFAULT_CHAIN_ID, DEFAULT_CONTRACT_ADDRESS};
use support::*;

const DEADLINE: u64 = 1_700_000_100;
/// The order of secp256k1.
const SECP256K1_N: U256 =
    uint!(0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141_U256);

fn signed(spender: alloy_primitives::Address, value: u64, nonce: u64) -> SignedPermit {
    sign_permit(
        OWNER_KEY,
        permit_message(spender, value, nonce, U256::from(DEADLINE)),
        DEFAULT_CHAIN_ID,
    )
}

fn submit(deployed: &mut Deployed, p: &SignedPermit) -> Result<(), Error> {
    emulate_ecrecover(&deployed.vm, p.digest, p.v, p.r, p.s);
    deployed.token.permit(
        p.permit.owner,
        p.permit.spender,
        p.permit.value,
        p.permit.deadline,
        p.v,
        p.r,
        p.s,
    )
}

#[test]
fn domain_separator_matches_alloys_derivation() {
    let Deployed { token, .. } = deploy();
    assert_eq!(
        token.domain_separator(),
        domain_for(DEFAULT_CHAIN_ID).separator()
    );
    let (fields, name, version, chain_id, contract, salt, extensions) = token.eip712_domain();
    assert_eq!(fields.0, [0x0f]);
    assert_eq!(name, NAME);
    assert_eq!(version, "1");
    assert_eq!(chain_id, U256::from(DEFAULT_CHAIN_ID));
    assert_eq!(contract, DEFAULT_CONTRACT_ADDRESS);
    assert_eq!(salt, B256::ZERO);
    assert!(extensions.is_empty());
}

#[test]
fn a_third_party_submits_the_owners_signed_permit() {
    let mut deployed = deploy();
    let owner = address_of(OWNER_KEY);
    let p = signed(BOB, 500, 0);
    deployed.vm.set_sender(CAROL); // anyone may submit it
    assert_eq!(submit(&mut deployed, &p), Ok(()));
    assert_eq!(deployed.token.allowance(owner, BOB), U256::from(500));
    assert_eq!(deployed.token.nonces(owner), U256::from(1));
    let approval = events::<Approval>(&deployed.vm).pop().unwrap();
    assert_eq!(
        (approval.owner, approval.spender, approval.value),
        (owner, BOB, U256::from(500))
    );
}

#[test]
fn a_deadline_equal_to_now_is_still_valid() {
    let mut deployed = deploy();
    deployed.vm.set_block_timestamp(DEADLINE);
    assert_eq!(submit(&mut deployed, &signed(BOB, 1, 0)), Ok(()));
}

#[test]
fn an_expired_permit_is_rejected() {
    let mut deployed = deploy();
    deployed.vm.set_block_timestamp(DEADLINE + 1);
    let logs = log_count(&deployed.vm);
    assert_eq!(
        submit(&mut deployed, &signed(BOB, 1, 0)),
        Err(Error::ExpiredSignature(ERC2612ExpiredSignature {
            deadline: U256::from(DEADLINE)
        }))
    );
    assert_eq!(deployed.token.nonces(address_of(OWNER_KEY)), U256::ZERO);
    assert_eq!(log_count(&deployed.vm), logs);
}

#[test]
fn a_permit_signed_by_another_key_is_rejected() {
    let mut deployed = deploy();
    let owner = address_of(OWNER_KEY);
    let forged = sign_permit(
        OTHER_KEY,
        permit_message(BOB, 500, 0, U256::from(DEADLINE)),
        DEFAULT_CHAIN_ID,
    );
    assert_eq!(
        submit(&mut deployed, &forged),
        Err(Error::InvalidSigner(ERC2612InvalidSigner {
            signer: address_of(OTHER_KEY),
            owner,
        }))
    );
    assert_eq!(deployed.token.allowance(owner, BOB), U256::ZERO);
    assert_eq!(deployed.token.nonces(owner), U256::ZERO);
}

#[test]
fn a_tampered_value_does_not_verify() {
    let mut deployed = deploy();
    let owner = address_of(OWNER_KEY);
    let mut p = signed(BOB, 500, 0);
    p.permit.value = U256::from(5_000);
    // The contract hashes the tampered message; recovery yields some other address.
    let tampered_digest = {
        use alloy_sol_types::SolStruct;
        p.permit.eip712_signing_hash(&domain_for(DEFAULT_CHAIN_ID))
    };
    emulate_ecrecover(&deployed.vm, tampered_digest, p.v, p.r, p.s);
    let result = deployed.token.permit(
        p.permit.owner,
        p.permit.spender,
        p.permit.value,
        p.permit.deadline,
        p.v,
        p.r,
        p.s,
    );
    assert!(
        matches!(result, Err(Error::InvalidSigner(ERC2612InvalidSigner { owner: o, signer })) if o == owner && signer != owner),
        "{result:?}"
    );
    assert_eq!(deployed.token.allowance(owner, BOB), U256::ZERO);
}

#[test]
fn a_replayed_permit_is_rejected() {
    let mut deployed = deploy();
    let owner = address_of(OWNER_KEY);
    let p = signed(BOB, 500, 0);
    submit(&mut deployed, &p).unwrap();
    deployed.vm.set_sender(BOB);
    deployed.token.approve(CAROL, U256::from(1)).unwrap(); // unrelated activity

    // The contract now hashes nonce 1, so the old signature recovers another address.
    let replay_digest = {
        use alloy_sol_types::SolStruct;
        permit_message(BOB, 500, 1, U256::from(DEADLINE))
            .eip712_signing_hash(&domain_for(DEFAULT_CHAIN_ID))
    };
    emulate_ecrecover(&deployed.vm, replay_digest, p.v, p.r, p.s);
    let result = deployed.token.permit(
        owner,
        BOB,
        U256::from(500),
        U256::from(DEADLINE),
        p.v,
        p.r,
        p.s,
    );
    assert!(
        matches!(result, Err(Error::InvalidSigner(ERC2612InvalidSigner { signer, .. })) if signer != owner),
        "{result:?}"
    );
    assert_eq!(deployed.token.nonces(owner), U256::from(1));

    // A fresh signature over nonce 1 works.
    assert_eq!(submit(&mut deployed, &signed(BOB, 7, 1)), Ok(()));
    assert_eq!(deployed.token.allowance(owner, BOB), U256::from(7));
}

#[test]
fn a_high_s_signature_is_rejected_as_malleable() {
    let mut deployed = deploy();
    let owner = address_of(OWNER_KEY);
    let p = signed(BOB, 500, 0);
    // (r, n - s) with the other parity is the same signature's twin: ecrecover accepts it.
    let high_s = B256::from(SECP256K1_N - U256::from_be_bytes(p.s.0));
    assert!(U256::from_be_bytes(high_s.0) > SECP256K1_N_HALF);
    let flipped_v = if p.v == 27 { 28 } else { 27 };
    emulate_ecrecover(&deployed.vm, p.digest, flipped_v, p.r, high_s);
    assert_eq!(
        deployed.token.permit(
            owner,
            BOB,
            U256::from(500),
            U256::from(DEADLINE),
            flipped_v,
            p.r,
            high_s
        ),
        Err(Error::InvalidSignatureS(ECDSAInvalidSignatureS {
            s: high_s
        }))
    );
    assert_eq!(deployed.token.nonces(owner), U256::ZERO);
}

#[test]
fn a_signature_with_an_invalid_v_recovers_nothing() {
    let mut deployed = deploy();
    let mut p = signed(BOB, 500, 0);
    p.v = 29;
    assert_eq!(
        submit(&mut deployed, &p),
        Err(Error::InvalidSignature(ECDSAInvalidSignature {}))
    );
}

#[test]
fn a_permit_to_the_zero_spender_is_rejected() {
    let mut deployed = deploy();
    let p = signed(alloy_primitives::Address::ZERO, 500, 0);
    assert_eq!(
        submit(&mut deployed, &p),
        Err(Error::InvalidSpender(ERC20InvalidSpender {
            spender: alloy_primitives::Address::ZERO
        }))
    );
    assert_eq!(deployed.token.nonces(address_of(OWNER_KEY)), U256::ZERO);
}

#[test]
fn the_domain_follows_a_chain_id_change() {
    let mut deployed = deploy();
    let owner = address_of(OWNER_KEY);
    let old_chain = signed(BOB, 500, 0);
    deployed.vm.set_chain_id(DEFAULT_CHAIN_ID + 1);
    assert_eq!(
        deployed.token.domain_separator(),
        domain_for(DEFAULT_CHAIN_ID + 1).separator()
    );

    // A signature for the old chain no longer verifies...
    let new_digest = {
        use alloy_sol_types::SolStruct;
        old_chain
            .permit
            .eip712_signing_hash(&domain_for(DEFAULT_CHAIN_ID + 1))
    };
    emulate_ecrecover(
        &deployed.vm,
        new_digest,
        old_chain.v,
        old_chain.r,
        old_chain.s,
    );
    let result = deployed.token.permit(
        owner,
        BOB,
        U256::from(500),
        U256::from(DEADLINE),
        old_chain.v,
        old_chain.r,
        old_chain.s,
    );
    assert!(matches!(result, Err(Error::InvalidSigner(_))), "{result:?}");

    // ...and one for the new chain does.
    let new_chain = sign_permit(
        OWNER_KEY,
        permit_message(BOB, 500, 0, U256::from(DEADLINE)),
        DEFAULT_CHAIN_ID + 1,
    );
    assert_eq!(submit(&mut deployed, &new_chain), Ok(()));
}
