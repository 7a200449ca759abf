//! `emit_log`: zero to four topics, data, the log's address, order with Solidity logs, and
//! logs dropped with a reverted frame.

mod common;

use alloy_sol_types::{SolCall, SolEvent};
use common::*;
use revm::primitives::{B256, U256};
use stylus_runtime::Status;

fn emit(topics: &[B256], data: &[u8]) -> revm::primitives::Bytes {
    let mut args = vec![topics.len() as u8];
    for topic in topics {
        args.extend_from_slice(topic.as_slice());
    }
    args.extend_from_slice(data);
    probe_call(Op::EmitLog, &[&args])
}

#[test]
fn zero_to_four_topics() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let all: Vec<B256> = (1..=4u8).map(B256::repeat_byte).collect();
    for n in 0..=4 {
        let data = vec![n as u8; 10 * n + 1];
        let receipt = send(&mut chain, probe, emit(&all[..n], &data));
        ok(&receipt);
        assert_eq!(receipt.logs.len(), 1);
        let log = &receipt.logs[0];
        assert_eq!(log.address, probe);
        assert_eq!(log.topics(), &all[..n]);
        assert_eq!(log.data.data.as_ref(), data.as_slice());
    }
    // Five topics: refused, the frame reverts without data.
    let receipt = send(&mut chain, probe, emit(&[B256::ZERO; 5], b""));
    assert_eq!(receipt.status, Status::Revert);
    assert!(receipt.logs.is_empty());
    // Fewer bytes than the topics claim: refused.
    let receipt = send(
        &mut chain,
        probe,
        probe_call(Op::EmitLog, &[&[2], &[0u8; 40]]),
    );
    assert_eq!(receipt.status, Status::Revert);
}

#[test]
fn logs_of_stylus_and_solidity_frames_come_in_order_and_die_with_their_frame() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let counter = deploy_solidity(&mut chain, "Counter");
    let caller = deploy_solidity(&mut chain, "Caller");
    // Caller.tryCall(probe: call Counter.increment) -> CountChanged (Counter), then
    // CallRecorded (Caller).
    let inc = ICounter::incrementCall {}.abi_encode();
    let receipt = send(
        &mut chain,
        caller,
        ICaller::tryCallCall {
            target: probe,
            value: U256::ZERO,
            gasLimit: U256::ZERO,
            data: probe_call(Op::Call, &[counter.as_slice(), &word(0), &inc]),
        }
        .abi_encode(),
    );
    ok(&receipt);
    assert_eq!(receipt.logs.len(), 2);
    assert_eq!(receipt.logs[0].address, counter);
    assert_eq!(
        receipt.logs[0].topics()[0],
        ICounter::CountChanged::SIGNATURE_HASH
    );
    assert_eq!(receipt.logs[1].address, caller);
    assert_eq!(
        receipt.logs[1].topics()[0],
        ICaller::CallRecorded::SIGNATURE_HASH
    );

    // The probe emits, then a reverting frame around it is caught: only Caller's log stays.
    let b = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();
    let inner = emit(&[B256::repeat_byte(9)], b"lost");
    let receipt = send(
        &mut chain,
        caller,
        ICaller::tryCallCall {
            target: probe,
            value: U256::ZERO,
            gasLimit: U256::ZERO,
            data: probe_call(Op::CallThenRevert, &[b.as_slice(), &inner]),
        }
        .abi_encode(),
    );
    ok(&receipt);
    assert_eq!(receipt.logs.len(), 1, "{:?}", receipt.logs);
    assert_eq!(receipt.logs[0].address, caller);

    // A reverted transaction has no logs at all.
    let receipt = send(
        &mut chain,
        probe,
        probe_call(Op::CallThenRevert, &[b.as_slice(), &inner]),
    );
    assert_eq!(receipt.status, Status::Revert);
    assert!(receipt.logs.is_empty());
}

#[test]
fn a_program_emitting_through_solidity_keeps_solidity_as_the_address() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let emitter = deploy_solidity(&mut chain, "Emitter");
    let tag = B256::repeat_byte(0x33);
    let data = IEmitter::emitTypedCall {
        tag,
        value: U256::from(5),
        data: b"x".to_vec().into(),
    }
    .abi_encode();
    let receipt = send(
        &mut chain,
        probe,
        probe_call(Op::Call, &[emitter.as_slice(), &word(0), &data]),
    );
    ok(&receipt);
    let log = &receipt.logs[0];
    assert_eq!(log.address, emitter);
    let event = IEmitter::Emitted::decode_log_data(&log.data).unwrap();
    assert_eq!(event.sender, probe);
    assert_eq!(event.tag, tag);
    assert_eq!(event.value, U256::from(5));
}
