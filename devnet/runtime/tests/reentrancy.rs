//! `msg_reentrant`: a program re-entered while it is running sees the flag, counted as Nitro
//! counts it (non-delegate frames of the same address).

mod common;

use alloy_sol_types::SolCall;
use common::*;

#[test]
fn the_flag_is_set_only_when_re_entered() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let caller = deploy_solidity(&mut chain, "Caller");
    let reentrant = probe_call(Op::Reentrant, &[]);

    // Called once: not re-entered.
    assert_eq!(le_u32(&ok(&send(&mut chain, probe, reentrant.clone()))), 0);

    // probe -> Caller (armed) -> probe: the inner frame is re-entered.
    ok(&send(
        &mut chain,
        caller,
        ICaller::armCall {
            target: probe,
            data: reentrant.clone(),
        }
        .abi_encode(),
    ));
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Call, &[caller.as_slice(), &word(0), b"\x01"]),
    ));
    assert_eq!(le_u32(&out), 1, "re-entered through Solidity");

    // probe -> probe directly.
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Call, &[probe.as_slice(), &word(0), &reentrant]),
    ));
    assert_eq!(le_u32(&out), 1, "re-entered directly");

    // probe A -> probe B: B is not re-entered (another address, same code).
    let other = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Call, &[other.as_slice(), &word(0), &reentrant]),
    ));
    assert_eq!(le_u32(&out), 0, "a different program");

    // The count is per transaction: the next plain call is not re-entered.
    assert_eq!(le_u32(&ok(&send(&mut chain, probe, reentrant.clone()))), 0);
}

#[test]
fn delegate_frames_do_not_count_but_see_the_actors_count() {
    // Nitro (tx_processor.go): every non-delegate frame counts for its address, and a frame
    // is re-entrant when its acting address (the storage owner; for a delegate frame, the
    // delegator) has more than one frame open.
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let other = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();
    let reentrant = probe_call(Op::Reentrant, &[]);
    // probe delegate-calls other's code: the frame acts as `probe`, which has one frame
    // open (the outer one): not re-entrant.
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Delegate, &[other.as_slice(), &reentrant]),
    ));
    assert_eq!(le_u32(&out), 0, "one frame of the actor");
    // probe -> probe (re-entered) -> delegate into other: the actor has two frames open.
    let delegate = probe_call(Op::Delegate, &[other.as_slice(), &reentrant]);
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Call, &[probe.as_slice(), &word(0), &delegate]),
    ));
    assert_eq!(le_u32(&out), 1, "two frames of the actor");
    // Caller (Solidity) delegate-calls the probe: Caller has one frame open, not re-entrant.
    let caller = deploy_solidity(&mut chain, "Caller");
    let out = ok(&send(
        &mut chain,
        caller,
        ICaller::forwardDelegateCall {
            target: probe,
            data: reentrant,
        }
        .abi_encode(),
    ));
    let returned = ICaller::forwardDelegateCall::abi_decode_returns(&out).unwrap();
    assert_eq!(le_u32(&returned), 0);
}

#[test]
fn evm_frames_of_the_actor_count_too() {
    // Caller (Solidity) -> Caller again -> delegate into the probe: the acting address
    // (Caller) has two EVM frames open, so the delegate Stylus frame is re-entrant, as on
    // Nitro, where every frame is pushed to the same count.
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let caller = deploy_solidity(&mut chain, "Caller");
    let reentrant = probe_call(Op::Reentrant, &[]);
    let inner = ICaller::forwardDelegateCall {
        target: probe,
        data: reentrant,
    }
    .abi_encode();
    let out = ok(&send(
        &mut chain,
        caller,
        ICaller::forwardCall {
            target: caller,
            data: inner.into(),
        }
        .abi_encode(),
    ));
    let outer = ICaller::forwardCall::abi_decode_returns(&out).unwrap();
    let returned = ICaller::forwardDelegateCall::abi_decode_returns(&outer).unwrap();
    assert_eq!(le_u32(&returned), 1, "two EVM frames of the actor");
}
