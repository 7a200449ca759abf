//! Storage host functions: `storage_load_bytes32`, `storage_cache_bytes32`,
//! `storage_flush_cache`, transient storage, and the write protection of static calls.

#![allow(clippy::arithmetic_side_effects)]

mod common;

use alloy_sol_types::SolCall;
use common::*;
use revm::primitives::U256;
use stylus_runtime::Status;

#[test]
fn flushed_writes_reach_the_state_and_load_reads_them() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let pairs: Vec<([u8; 32], [u8; 32])> = (1..=3u64).map(|i| (word(i * 1000), word(i))).collect();
    let args: Vec<&[u8]> = pairs
        .iter()
        .flat_map(|(k, v)| [k.as_slice(), v.as_slice()])
        .collect();
    ok(&send(&mut chain, probe, probe_call(Op::Store, &args)));
    for (key, value) in &pairs {
        assert_eq!(chain.storage(probe, slot(*key)), slot(*value));
        let loaded = ok(&send(&mut chain, probe, probe_call(Op::Load, &[key])));
        assert_eq!(loaded.as_ref(), value.as_slice());
    }
    // Unwritten slots read zero; overwriting with zero clears.
    let empty = ok(&send(&mut chain, probe, probe_call(Op::Load, &[&word(5)])));
    assert_eq!(empty.as_ref(), [0u8; 32].as_slice());
    ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Store, &[&word(1000), &word(0)]),
    ));
    assert_eq!(chain.storage(probe, U256::from(1000)), U256::ZERO);
}

#[test]
fn a_load_after_a_cached_write_sees_the_cache() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::CachedLoad, &[&word(9), &word(42)]),
    ));
    assert_eq!(be_u256(&out), U256::from(42));
}

#[test]
fn storage_is_per_program() {
    let mut chain = chain();
    let a = deploy_probe(&mut chain);
    let b = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();
    // Same code hash: already active, no second activation needed.
    ok(&send(
        &mut chain,
        a,
        probe_call(Op::Store, &[&word(1), &word(11)]),
    ));
    ok(&send(
        &mut chain,
        b,
        probe_call(Op::Store, &[&word(1), &word(22)]),
    ));
    assert_eq!(chain.storage(a, U256::from(1)), U256::from(11));
    assert_eq!(chain.storage(b, U256::from(1)), U256::from(22));
}

#[test]
fn transient_storage_lasts_one_transaction() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    // Store 7 under key 3, then call back into the probe to read it in the same transaction.
    let inner = probe_call(Op::TLoad, &[&word(3)]);
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(
            Op::TStoreThenCall,
            &[&word(3), &word(7), probe.as_slice(), &inner],
        ),
    ));
    assert_eq!(be_u256(&out), U256::from(7));
    // The next transaction starts clean.
    let out = ok(&send(&mut chain, probe, inner));
    assert_eq!(be_u256(&out), U256::ZERO);
    // And nothing reached persistent storage.
    assert_eq!(chain.storage(probe, U256::from(3)), U256::ZERO);
    // A plain store followed by a load in a later transaction: zero.
    ok(&send(
        &mut chain,
        probe,
        probe_call(Op::TStore, &[&word(4), &word(8)]),
    ));
    let out = ok(&send(&mut chain, probe, probe_call(Op::TLoad, &[&word(4)])));
    assert_eq!(be_u256(&out), U256::ZERO);
}

#[test]
fn static_calls_refuse_every_write() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let caller = deploy_solidity(&mut chain, "Caller");
    let writes = [
        probe_call(Op::Store, &[&word(1), &word(2)]),
        probe_call(Op::TStore, &[&word(1), &word(2)]),
        probe_call(Op::EmitLog, &[&[0u8], b"data"]),
        probe_call(Op::Create1, &[&word(0), &[0x00]]),
    ];
    for data in writes {
        let call = ICaller::forwardStaticCall {
            target: probe,
            data: data.clone(),
        };
        let receipt = send(&mut chain, caller, call.abi_encode());
        assert_eq!(receipt.status, Status::Revert, "{data}: {receipt:?}");
        assert!(receipt.output.is_empty());
        let why = receipt.stylus_failure.unwrap_or_default();
        assert!(why.contains("write protection"), "{data}: {why}");
    }
    assert_eq!(chain.storage(probe, U256::from(1)), U256::ZERO);
    // Reads are fine in a static call.
    ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Store, &[&word(1), &word(5)]),
    ));
    let call = ICaller::forwardStaticCall {
        target: probe,
        data: probe_call(Op::Load, &[&word(1)]),
    };
    let out = ok(&send(&mut chain, caller, call.abi_encode()));
    let returned = ICaller::forwardStaticCall::abi_decode_returns(&out).unwrap();
    assert_eq!(be_u256(&returned), U256::from(5));
    // A program's own static call refuses the callee's writes too; the failure comes back
    // as a failed call and the probe bubbles it (empty revert data).
    let inner = probe_call(Op::Store, &[&word(2), &word(3)]);
    let receipt = send(
        &mut chain,
        probe,
        probe_call(Op::Static, &[probe.as_slice(), &inner]),
    );
    assert_eq!(receipt.status, Status::Revert);
    assert_eq!(chain.storage(probe, U256::from(2)), U256::ZERO);
}

#[test]
fn a_solidity_contract_and_a_program_see_the_same_slots_through_delegatecall() {
    // Delegate-called by Caller, the probe writes Caller's storage (slot 9).
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let caller = deploy_solidity(&mut chain, "Caller");
    let call = ICaller::forwardDelegateCall {
        target: probe,
        data: probe_call(Op::Store, &[&word(9), &word(99)]),
    };
    ok(&send(&mut chain, caller, call.abi_encode()));
    assert_eq!(chain.storage(caller, U256::from(9)), U256::from(99));
    assert_eq!(chain.storage(probe, U256::from(9)), U256::ZERO);
}
