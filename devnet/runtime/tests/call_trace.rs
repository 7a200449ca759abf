//! The call tracer: every frame, EVM and Stylus alike, nested where it ran, with geth's
//! callTracer fields (kind, from, to, value, gas, gas used, input, output, error, revert
//! reason).

#![allow(clippy::arithmetic_side_effects, clippy::expect_used)]

mod common;

use alloy_sol_types::SolCall;
use common::*;
use revm::primitives::{Bytes, U256};
use stylus_runtime::{
    Status, Tx,
    trace::{CallFrame, CallKind},
};

fn traced_send(
    chain: &mut stylus_runtime::Chain,
    to: revm::primitives::Address,
    data: Bytes,
) -> (stylus_runtime::Receipt, CallFrame) {
    let (receipt, frame) = chain.traced(|chain| send(chain, to, data));
    (receipt, frame.expect("a frame was traced"))
}

#[test]
fn solidity_to_stylus_to_solidity_is_one_tree() {
    // ALICE -> Caller (Solidity) -> probe (Stylus) -> Reverter.echo (Solidity), which returns
    // its input: three frames nested, each returning what the next returned.
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let caller = deploy_solidity(&mut chain, "Caller");
    let reverter = deploy_solidity(&mut chain, "Reverter");
    let echo = IReverter::echoCall {
        data: Bytes::from_static(b"hello"),
    }
    .abi_encode();
    let to_probe = probe_call(Op::Call, &[reverter.as_slice(), &word(0), &echo]);
    let data: Bytes = ICaller::forwardCall {
        target: probe,
        data: to_probe.clone(),
    }
    .abi_encode()
    .into();
    let (receipt, top) = traced_send(&mut chain, caller, data.clone());
    assert_eq!(receipt.status, Status::Success);

    assert_eq!(top.kind, CallKind::Call);
    assert_eq!((top.from, top.to), (ALICE, Some(caller)));
    assert_eq!(top.input, data);
    assert_eq!(top.value, Some(U256::ZERO));
    assert_eq!(top.output, receipt.output);
    assert_eq!(top.error, None);
    assert_eq!(top.calls.len(), 1);

    let stylus = &top.calls[0];
    assert_eq!((stylus.from, stylus.to), (caller, Some(probe)));
    assert_eq!(stylus.input, to_probe);
    assert!(
        stylus.gas_used > 0 && stylus.gas_used < stylus.gas,
        "{stylus:?}"
    );
    assert!(
        stylus.gas < top.gas,
        "a frame gets less gas than its caller had"
    );
    assert_eq!(
        stylus.calls.len(),
        1,
        "the program's own call is nested in it"
    );

    let evm = &stylus.calls[0];
    assert_eq!((evm.from, evm.to), (probe, Some(reverter)));
    assert_eq!(evm.input.as_ref(), echo.as_slice());
    let returned = IReverter::echoCall::abi_decode_returns(&evm.output).expect("echo output");
    assert_eq!(returned.as_ref(), b"hello");
    assert!(evm.calls.is_empty());

    // Without a tracer installed, nothing is recorded and the same call costs the same.
    let again = send(&mut chain, caller, data);
    assert_eq!(again.gas_used, receipt.gas_used);
}

#[test]
fn a_revert_is_reported_in_every_frame_it_crosses_with_its_reason() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let caller = deploy_solidity(&mut chain, "Caller");
    let reverter = deploy_solidity(&mut chain, "Reverter");
    let revert = IReverter::revertStringCall {
        reason: "too deep".into(),
    }
    .abi_encode();
    let to_probe = probe_call(Op::Call, &[reverter.as_slice(), &word(0), &revert]);
    let data: Bytes = ICaller::forwardCall {
        target: probe,
        data: to_probe,
    }
    .abi_encode()
    .into();
    let (receipt, top) = traced_send(&mut chain, caller, data);
    assert_eq!(receipt.status, Status::Revert);
    let frames = [&top, &top.calls[0], &top.calls[0].calls[0]];
    for frame in frames {
        assert_eq!(
            frame.error.as_deref(),
            Some("execution reverted"),
            "{frame:?}"
        );
        assert_eq!(
            frame.revert_reason.as_deref(),
            Some("too deep"),
            "{frame:?}"
        );
        assert_eq!(frame.output, receipt.output);
    }
}

#[test]
fn a_creation_names_the_created_contract_and_a_static_call_has_no_value() {
    let mut chain = chain();
    let counter = stylus_runtime::deploy::solidity_artifact("Counter")
        .expect("devnet/solidity/out")
        .bytecode;
    let (receipt, frame) = chain.traced(|chain| {
        chain.transact(Tx {
            from: ALICE,
            to: None,
            data: counter.clone(),
            value: U256::ZERO,
            gas_limit: None,
        })
    });
    let receipt = receipt.expect("valid transaction");
    let frame = frame.expect("traced");
    assert_eq!(frame.kind, CallKind::Create);
    assert_eq!(frame.to, receipt.contract_address);
    assert!(frame.to.is_some());
    assert_eq!(frame.input, counter);

    let caller = deploy_solidity(&mut chain, "Caller");
    let count = ICounter::countCall {}.abi_encode();
    let data: Bytes = ICaller::forwardStaticCall {
        target: frame.to.expect("created"),
        data: count.into(),
    }
    .abi_encode()
    .into();
    let (_, top) = traced_send(&mut chain, caller, data);
    let inner = &top.calls[0];
    assert_eq!(inner.kind, CallKind::StaticCall);
    assert_eq!(inner.value, None);
}
