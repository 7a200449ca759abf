//! Solidity calling Stylus and Stylus calling Solidity, nested, with reverts: revert data
//! crosses every boundary unchanged and a revert undoes exactly its own frame's state.

#![allow(clippy::arithmetic_side_effects)]

mod common;

use alloy_sol_types::{SolCall, SolError};
use common::*;
use revm::primitives::U256;
use stylus_runtime::Status;

#[test]
fn a_custom_error_crosses_solidity_stylus_solidity() {
    // ALICE -> Caller (Solidity) -> probe (Stylus) -> Reverter (Solidity) reverting with
    // ReverterCustom: the error comes back to the transaction intact, naming the probe as
    // the Reverter's msg.sender.
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let caller = deploy_solidity(&mut chain, "Caller");
    let reverter = deploy_solidity(&mut chain, "Reverter");
    let revert = IReverter::revertCustomCall {
        code: U256::from(7),
        reason: "deep".into(),
    }
    .abi_encode();
    let to_probe = probe_call(Op::Call, &[reverter.as_slice(), &word(0), &revert]);
    let receipt = send(
        &mut chain,
        caller,
        ICaller::forwardCall {
            target: probe,
            data: to_probe,
        }
        .abi_encode(),
    );
    assert_eq!(receipt.status, Status::Revert);
    let error = IReverter::ReverterCustom::abi_decode(&receipt.output).unwrap();
    assert_eq!(error.code, U256::from(7));
    assert_eq!(error.account, probe);
    assert_eq!(error.reason, "deep");

    // Panics and empty reverts cross the same way.
    for (data, expected) in [
        (
            IReverter::panicCall {
                code: U256::from(0x12),
            }
            .abi_encode(),
            alloy_sol_types::Panic::from(0x12).abi_encode(),
        ),
        (IReverter::revertEmptyCall {}.abi_encode(), Vec::new()),
    ] {
        let to_probe = probe_call(Op::Call, &[reverter.as_slice(), &word(0), &data]);
        let receipt = send(
            &mut chain,
            caller,
            ICaller::forwardCall {
                target: probe,
                data: to_probe,
            }
            .abi_encode(),
        );
        assert_eq!(receipt.status, Status::Revert);
        assert_eq!(receipt.output.as_ref(), expected.as_slice());
    }
}

#[test]
fn an_inner_revert_undoes_only_the_inner_frame() {
    // probe A stores slot 1, then calls probe B which stores slot 2 and reverts: A's write
    // stays, B's is gone, and A learns that the call failed.
    let mut chain = chain();
    let a = deploy_probe(&mut chain);
    let b = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();
    let inner = probe_call(Op::StoreThenRevert, &[&word(2), &word(22), b"inner"]);
    let out = ok(&send(
        &mut chain,
        a,
        probe_call(
            Op::StoreThenCall,
            &[&word(1), &word(11), b.as_slice(), &inner],
        ),
    ));
    assert_eq!(out.as_ref(), [1u8].as_slice(), "the inner call failed");
    assert_eq!(chain.storage(a, U256::from(1)), U256::from(11));
    assert_eq!(chain.storage(b, U256::from(2)), U256::ZERO);

    // The same with a Solidity callee whose INVALID opcode burns its gas: the outer frame
    // continues with what the 63/64 rule kept back.
    let reverter = deploy_solidity(&mut chain, "Reverter");
    let inner = IReverter::invalidOpcodeCall {}.abi_encode();
    let out = ok(&send(
        &mut chain,
        a,
        probe_call(
            Op::StoreThenCall,
            &[&word(3), &word(33), reverter.as_slice(), &inner],
        ),
    ));
    assert_eq!(out.as_ref(), [1u8].as_slice());
    assert_eq!(chain.storage(a, U256::from(3)), U256::from(33));
}

#[test]
fn an_outer_revert_undoes_successful_inner_frames() {
    // Caller.tryCall records the outcome; here the probe's call into Counter succeeds, then
    // the probe itself reverts: Counter's increment is undone too.
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let counter = deploy_solidity(&mut chain, "Counter");
    let caller = deploy_solidity(&mut chain, "Caller");
    // A Solidity frame succeeds under a Stylus frame that succeeds under a Solidity frame.
    let inc = ICounter::incrementCall {}.abi_encode();
    let to_probe = probe_call(Op::Call, &[counter.as_slice(), &word(0), &inc]);
    let receipt = send(
        &mut chain,
        caller,
        ICaller::tryCallCall {
            target: probe,
            value: U256::ZERO,
            gasLimit: U256::ZERO,
            data: to_probe,
        }
        .abi_encode(),
    );
    ok(&receipt);
    assert_eq!(chain.storage(counter, U256::ZERO), U256::from(1));

    // Now B (a probe) stores and calls Counter, then A's frame reverts the whole thing.
    let b = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();
    let inner = probe_call(
        Op::StoreThenCall,
        &[&word(4), &word(44), counter.as_slice(), &inc],
    );
    let receipt = send(
        &mut chain,
        caller,
        ICaller::tryCallCall {
            target: b,
            value: U256::ZERO,
            gasLimit: U256::ZERO,
            data: inner.clone(),
        }
        .abi_encode(),
    );
    ok(&receipt);
    assert_eq!(chain.storage(counter, U256::ZERO), U256::from(2));
    assert_eq!(chain.storage(b, U256::from(4)), U256::from(44));

    // Under a frame that reverts after they returned: probe A calls B (which stores and
    // increments Counter, both succeeding), then A reverts. Caller.tryCall catches A's
    // revert: Caller's own record stays, A's, B's and Counter's changes are all undone.
    let a = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();
    let inner = probe_call(
        Op::StoreThenCall,
        &[&word(7), &word(77), counter.as_slice(), &inc],
    );
    let to_a = probe_call(Op::CallThenRevert, &[b.as_slice(), &inner]);
    let calls_before = chain.storage(caller, U256::from(2));
    let receipt = send(
        &mut chain,
        caller,
        ICaller::tryCallCall {
            target: a,
            value: U256::ZERO,
            gasLimit: U256::ZERO,
            data: to_a,
        }
        .abi_encode(),
    );
    let out = ok(&receipt);
    let returned = ICaller::tryCallCall::abi_decode_returns(&out).unwrap();
    assert!(!returned.success);
    // A reverted with B's return data: B's store_then_call result, status byte 0.
    assert_eq!(returned.returned.as_ref(), [0u8].as_slice());
    assert_eq!(chain.storage(b, U256::from(7)), U256::ZERO);
    assert_eq!(chain.storage(counter, U256::ZERO), U256::from(2));
    assert_eq!(
        chain.storage(caller, U256::from(2)),
        calls_before + U256::from(1)
    );
}

#[test]
fn stylus_calls_stylus_calls_solidity_calls_stylus() {
    // probe A -> probe B -> Caller -> probe A (msg.sender reported at the bottom): four
    // frames, alternating VMs, the answer travels back up.
    let mut chain = chain();
    let a = deploy_probe(&mut chain);
    let b = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();
    let caller = deploy_solidity(&mut chain, "Caller");
    let bottom = probe_call(Op::Sender, &[]);
    let via_caller = ICaller::forwardCall {
        target: a,
        data: bottom,
    }
    .abi_encode();
    let via_b = probe_call(Op::Call, &[caller.as_slice(), &word(0), &via_caller]);
    let out = ok(&send(
        &mut chain,
        a,
        probe_call(Op::Call, &[b.as_slice(), &word(0), &via_b]),
    ));
    let decoded = ICaller::forwardCall::abi_decode_returns(&out).unwrap();
    assert_eq!(decoded.as_ref(), caller.as_slice());
}
