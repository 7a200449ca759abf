//! Flow 4: an EIP-2612 permit of the LRT, signed off-chain, spent by a third party acting for
//! the signer — on the deployed WASM.
//!
//! The vault has no deposit-with-permit entry point and the assets (ETH, a plain ERC-20)
//! have no permit, so the permit flows are on the LRT: a relayer turns Alice's signature into
//! an allowance and requests the redemption of her shares for her (she never sends a
//! transaction until she claims), and a spender pulls her LRT with `transferFrom`.

// Test arithmetic on amounts the test itself set up; an overflow would fail the test.
#![allow(clippy::arithmetic_side_effects)]

mod support;

use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::Eip712Domain;
use revm::primitives::{Address, B256, U256, uint};
use support::*;

/// secp256k1's group order.
const SECP256K1_N: U256 =
    uint!(0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141_U256);

fn permit_call(
    owner: Address,
    spender: Address,
    value: U256,
    deadline: U256,
    (v, r, s): (u8, B256, B256),
) -> ILrtToken::permitCall {
    ILrtToken::permitCall {
        owner,
        spender,
        value,
        deadline,
        v,
        r,
        s,
    }
}

/// Alice signs; Carol (a relayer) submits the permit and requests the redemption of Alice's
/// shares with Alice as the controller; Alice claims the assets herself.
#[test]
fn relayer_redeems_for_the_signer_with_an_off_chain_permit() {
    let mut p = Protocol::native();
    let (vault, lrt) = (p.vault, p.lrt);
    let alice = PrivateKeySigner::random();
    let owner = alice.address();
    p.chain.fund(owner, e18(10));
    p.deposit(owner, e18(10));
    let nonce_before = p.view(lrt, ILrtToken::noncesCall { owner });
    assert_eq!(nonce_before, U256::ZERO);

    let deadline = U256::from(p.chain.timestamp() + 3_600);
    let signature = p.sign_permit(&alice, CAROL, e18(4), deadline);
    let receipt = p.send(
        CAROL,
        lrt,
        permit_call(owner, CAROL, e18(4), deadline, signature),
    );
    decode_ok::<ILrtToken::permitCall>(&receipt);
    let approval = event::<ILrtToken::Approval>(&receipt, lrt);
    assert_eq!(
        (approval.owner, approval.spender, approval.value),
        (owner, CAROL, e18(4))
    );
    assert_eq!(p.view(lrt, ILrtToken::noncesCall { owner }), U256::from(1));

    // Mallory front-runs with Carol's allowance: it is Carol's, not hers.
    let stolen = p.send(
        MALLORY,
        vault,
        IRestakingVault::requestRedeemCall {
            shares: e18(4),
            controller: MALLORY,
            owner,
        },
    );
    let error = reverted::<IRestakingVault::RestakingVaultInsufficientAllowance>(&stolen);
    assert_eq!((error.spender, error.allowance), (MALLORY, U256::ZERO));

    // Carol requests for Alice, Alice stays the controller.
    let receipt = p.send(
        CAROL,
        vault,
        IRestakingVault::requestRedeemCall {
            shares: e18(4),
            controller: owner,
            owner,
        },
    );
    let id = decode_ok::<IRestakingVault::requestRedeemCall>(&receipt);
    let request = event::<IRestakingVault::RedeemRequest>(&receipt, vault);
    assert_eq!(
        (request.controller, request.owner, request.sender),
        (owner, owner, CAROL)
    );
    assert_eq!(p.shares(owner), e18(6));
    assert_eq!(
        p.view(
            lrt,
            ILrtToken::allowanceCall {
                owner,
                spender: CAROL
            }
        ),
        U256::ZERO
    );

    // Only Alice (the controller) claims, after the epoch.
    p.goto_epoch(2, 0);
    let by_carol = p.send(
        CAROL,
        vault,
        IRestakingVault::redeemCall {
            shares: e18(4),
            receiver: CAROL,
            controller: owner,
        },
    );
    reverted::<IRestakingVault::RestakingVaultInvalidCaller>(&by_carol);
    let eth_before = p.chain.balance(owner);
    let paid = p.ok(
        owner,
        vault,
        IRestakingVault::claimCall {
            epoch: id.to::<u64>(),
            receiver: owner,
        },
    );
    assert_eq!(paid, e18(4));
    assert_eq!(p.chain.balance(owner), eth_before + e18(4));
}

/// A spender turns a permit into `transferFrom`; the signature works once, before its
/// deadline, for its signer, with a low `s`; every refusal leaves allowance and nonce as they
/// were.
#[test]
fn permit_then_transfer_from_and_every_bad_signature() {
    let mut p = Protocol::erc20();
    let lrt = p.lrt;
    let alice = PrivateKeySigner::random();
    let owner = alice.address();
    p.deposit(owner, e18(10));
    let deadline = U256::from(p.chain.timestamp() + 600);

    // The domain the wallet signs over is the one the token publishes (ERC-5267).
    let domain = p.view(lrt, ILrtToken::eip712DomainCall {});
    assert_eq!(
        (domain._1.as_str(), domain._2.as_str(), domain._3, domain._4),
        ("Restaked Ether", "1", U256::from(p.chain.chain_id()), lrt)
    );
    let separator = Eip712Domain::new(
        Some("Restaked Ether".into()),
        Some("1".into()),
        Some(U256::from(p.chain.chain_id())),
        Some(lrt),
        None,
    )
    .separator();
    assert_eq!(p.view(lrt, ILrtToken::DOMAIN_SEPARATORCall {}), separator);

    let allowance = |p: &mut Protocol| {
        p.view(
            lrt,
            ILrtToken::allowanceCall {
                owner,
                spender: BOB,
            },
        )
    };
    let nonce = |p: &mut Protocol| p.view(lrt, ILrtToken::noncesCall { owner });

    // Alice's permit signed by someone else.
    let mallory = PrivateKeySigner::random();
    let forged = p.sign_permit_for(&mallory, owner, BOB, e18(3), deadline);
    let receipt = p.send(BOB, lrt, permit_call(owner, BOB, e18(3), deadline, forged));
    let error = reverted::<ILrtToken::ERC2612InvalidSigner>(&receipt);
    assert_eq!((error.signer, error.owner), (mallory.address(), owner));

    // A different value than signed recovers another address.
    let signature = p.sign_permit(&alice, BOB, e18(3), deadline);
    let tampered = p.send(
        BOB,
        lrt,
        permit_call(owner, BOB, e18(9), deadline, signature),
    );
    reverted::<ILrtToken::ERC2612InvalidSigner>(&tampered);

    // The malleable twin (s' = n - s, v flipped) is refused.
    let (v, r, s) = signature;
    let high_s = B256::from(SECP256K1_N - U256::from_be_bytes(s.0));
    let twin = p.send(
        BOB,
        lrt,
        permit_call(owner, BOB, e18(3), deadline, (v ^ 1, r, high_s)),
    );
    assert_eq!(
        reverted::<ILrtToken::ECDSAInvalidSignatureS>(&twin).s,
        high_s
    );

    // Past its deadline.
    p.chain.set_timestamp(deadline.to::<u64>() + 1);
    let late = p.send(
        BOB,
        lrt,
        permit_call(owner, BOB, e18(3), deadline, signature),
    );
    assert_eq!(
        reverted::<ILrtToken::ERC2612ExpiredSignature>(&late).deadline,
        deadline
    );
    assert_eq!(allowance(&mut p), U256::ZERO);
    assert_eq!(nonce(&mut p), U256::ZERO);

    // A fresh one, used by Bob, then pulled with transferFrom.
    let deadline = U256::from(p.chain.timestamp() + 600);
    let signature = p.sign_permit(&alice, BOB, e18(3), deadline);
    // Anyone may submit it (here Carol), the allowance is Bob's.
    p.ok(
        CAROL,
        lrt,
        permit_call(owner, BOB, e18(3), deadline, signature),
    );
    assert_eq!(allowance(&mut p), e18(3));
    assert_eq!(nonce(&mut p), U256::from(1));
    // Replayed: the nonce is used.
    let replay = p.send(
        BOB,
        lrt,
        permit_call(owner, BOB, e18(3), deadline, signature),
    );
    reverted::<ILrtToken::ERC2612InvalidSigner>(&replay);
    assert_eq!(nonce(&mut p), U256::from(1));

    let over = p.send(
        BOB,
        lrt,
        ILrtToken::transferFromCall {
            from: owner,
            to: CAROL,
            value: e18(3) + U256::from(1),
        },
    );
    let error = reverted::<ILrtToken::ERC20InsufficientAllowance>(&over);
    assert_eq!(
        (error.spender, error.allowance, error.needed),
        (BOB, e18(3), e18(3) + U256::from(1))
    );
    assert!(p.ok(
        BOB,
        lrt,
        ILrtToken::transferFromCall {
            from: owner,
            to: CAROL,
            value: e18(2)
        }
    ));
    assert_eq!(p.shares(CAROL), e18(2));
    assert_eq!(p.shares(owner), e18(8));
    assert_eq!(allowance(&mut p), e18(1));
}
