//! Value transfers into, out of and through programs.

#![allow(clippy::arithmetic_side_effects)]

mod common;

use alloy_sol_types::{SolCall, SolError, SolEvent};
use common::*;
use revm::primitives::U256;
use stylus_runtime::Status;

#[test]
fn a_transaction_pays_a_program_which_pays_on() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let alice_before = chain.balance(ALICE);
    let receipt = send_value(
        &mut chain,
        probe,
        U256::from(1000),
        probe_call(Op::Value, &[]),
    );
    assert_eq!(be_u256(&ok(&receipt)), U256::from(1000));
    assert_eq!(chain.balance(probe), U256::from(1000));
    // Gas is free on this chain (gas price 0): ALICE paid exactly the value.
    assert_eq!(chain.balance(ALICE), alice_before - U256::from(1000));

    // The program pays BOB 300 with call_contract, and a ValueSink 200 through deposit().
    let bob_before = chain.balance(BOB);
    ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Call, &[BOB.as_slice(), &word(300), b""]),
    ));
    assert_eq!(chain.balance(BOB), bob_before + U256::from(300));
    let sink = deploy_solidity(&mut chain, "ValueSink");
    let deposit = IValueSink::depositCall {}.abi_encode();
    let receipt = send(
        &mut chain,
        probe,
        probe_call(Op::Call, &[sink.as_slice(), &word(200), &deposit]),
    );
    ok(&receipt);
    assert_eq!(chain.balance(sink), U256::from(200));
    assert_eq!(chain.balance(probe), U256::from(500));
    // The callee saw the program as sender and the value as msg.value.
    let event = IValueSink::Received::decode_log_data(&receipt.logs[0].data).unwrap();
    assert_eq!((event.from, event.amount), (probe, U256::from(200)));
}

#[test]
fn a_refused_or_unaffordable_transfer_moves_nothing() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    chain.fund(probe, U256::from(1000));
    let sink = deploy_solidity(&mut chain, "ValueSink");
    ok(&send(
        &mut chain,
        sink,
        IValueSink::setRejectingCall { value: true }.abi_encode(),
    ));
    // The sink's receive() reverts: the program bubbles ValueSinkRejected.
    let receipt = send(
        &mut chain,
        probe,
        probe_call(Op::Call, &[sink.as_slice(), &word(10), b""]),
    );
    assert_eq!(receipt.status, Status::Revert);
    let error = IValueSink::ValueSinkRejected::abi_decode(&receipt.output).unwrap();
    assert_eq!((error.from, error.amount), (probe, U256::from(10)));
    assert_eq!(chain.balance(probe), U256::from(1000));
    assert_eq!(chain.balance(sink), U256::ZERO);
    // More than the program holds: the call fails (status 1), nothing moves.
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::TryCall, &[BOB.as_slice(), &word(5000), b""]),
    ));
    assert_eq!(out[0], 1);
    assert_eq!(chain.balance(probe), U256::from(1000));
}

#[test]
fn solidity_pays_a_program_and_delegate_calls_keep_the_value() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let caller = deploy_solidity(&mut chain, "Caller");
    // Caller.forward with 700 wei: the program receives it and reports it.
    let receipt = send_value(
        &mut chain,
        caller,
        U256::from(700),
        ICaller::forwardCall {
            target: probe,
            data: probe_call(Op::Value, &[]),
        }
        .abi_encode(),
    );
    let returned = ICaller::forwardCall::abi_decode_returns(&ok(&receipt)).unwrap();
    assert_eq!(be_u256(&returned), U256::from(700));
    assert_eq!(chain.balance(probe), U256::from(700));
    assert_eq!(chain.balance(caller), U256::ZERO);
    // Delegate-called with 50 wei: msg.value is 50, the wei stays with Caller.
    let receipt = send_value(
        &mut chain,
        caller,
        U256::from(50),
        ICaller::forwardDelegateCall {
            target: probe,
            data: probe_call(Op::Value, &[]),
        }
        .abi_encode(),
    );
    let returned = ICaller::forwardDelegateCall::abi_decode_returns(&ok(&receipt)).unwrap();
    assert_eq!(be_u256(&returned), U256::from(50));
    assert_eq!(chain.balance(caller), U256::from(50));
    assert_eq!(chain.balance(probe), U256::from(700));
    // A value sent to a program that then reverts comes back.
    let before = chain.balance(ALICE);
    let receipt = send_value(
        &mut chain,
        probe,
        U256::from(99),
        probe_call(Op::Revert, &[b"no"]),
    );
    assert_eq!(receipt.status, Status::Revert);
    assert_eq!(chain.balance(ALICE), before);
    assert_eq!(chain.balance(probe), U256::from(700));
}
