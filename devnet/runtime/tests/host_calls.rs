//! Call and create host functions: `call_contract`, `delegate_call_contract`,
//! `static_call_contract`, `read_return_data`, `return_data_size`, `create1`, `create2`.

#![allow(clippy::arithmetic_side_effects)]

mod common;

use alloy_sol_types::{SolCall, SolError};
use common::*;
use revm::primitives::{Address, B256, U256, keccak256};

#[test]
fn call_contract_returns_the_callees_data_and_length() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let reverter = deploy_solidity(&mut chain, "Reverter");
    let raw = b"raw return bytes".to_vec();
    let data = IReverter::returnRawCall {
        data: raw.clone().into(),
    }
    .abi_encode();
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::TryCall, &[reverter.as_slice(), &word(0), &data]),
    ));
    assert_eq!(out[0], 0, "status 0: success");
    assert_eq!(
        le_u32(&out[1..]) as usize,
        raw.len(),
        "return length written"
    );
    assert_eq!(&out[5..], raw.as_slice());

    // A failed call: status 1, its revert data readable.
    let data = IReverter::revertStringCall {
        reason: "no".into(),
    }
    .abi_encode();
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::TryCall, &[reverter.as_slice(), &word(0), &data]),
    ));
    assert_eq!(out[0], 1);
    let expected = revm::primitives::Bytes::from(alloy_sol_types::Revert::from("no").abi_encode());
    assert_eq!(le_u32(&out[1..]) as usize, expected.len());
    assert_eq!(&out[5..], expected.as_ref());

    // Calling an account without code succeeds with no data.
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::TryCall, &[BOB.as_slice(), &word(0), b"hello"]),
    ));
    assert_eq!(out.as_ref(), [0u8, 0, 0, 0, 0].as_slice());
}

#[test]
fn read_return_data_copies_a_window() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let reverter = deploy_solidity(&mut chain, "Reverter");
    let raw: Vec<u8> = (0..100u8).collect();
    let data = IReverter::returnRawCall {
        data: raw.clone().into(),
    }
    .abi_encode();
    let window = |chain: &mut stylus_runtime::Chain, offset: u32, size: u32| {
        let mut args = reverter.to_vec();
        args.extend_from_slice(&offset.to_le_bytes());
        args.extend_from_slice(&size.to_le_bytes());
        args.extend_from_slice(&data);
        let out = ok(&send(chain, probe, probe_call(Op::Window, &[&args])));
        (le_u32(&out), out[4..].to_vec())
    };
    assert_eq!(window(&mut chain, 10, 5), (5, raw[10..15].to_vec()));
    assert_eq!(window(&mut chain, 90, 50), (10, raw[90..].to_vec()));
    assert_eq!(window(&mut chain, 150, 5), (0, Vec::new()));
}

#[test]
fn call_contract_runs_solidity_with_the_program_as_sender() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let counter = deploy_solidity(&mut chain, "Counter");
    let data = ICounter::incrementCall {}.abi_encode();
    let receipt = send(
        &mut chain,
        probe,
        probe_call(Op::Call, &[counter.as_slice(), &word(0), &data]),
    );
    let out = ok(&receipt);
    assert_eq!(be_u256(&out), U256::from(1));
    assert_eq!(chain.storage(counter, U256::ZERO), U256::from(1));
    // CountChanged(by = the probe).
    let log = &receipt.logs[0];
    assert_eq!(log.address, counter);
    assert_eq!(log.topics()[1], probe.into_word());
}

#[test]
fn delegate_call_runs_code_on_the_callers_storage_with_its_sender() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let counter = deploy_solidity(&mut chain, "Counter");
    // The probe delegate-calls Counter.increment: slot 0 of the probe goes to 1, Counter's
    // own storage is untouched, and the event is emitted by the probe with sender ALICE.
    let data = ICounter::incrementCall {}.abi_encode();
    let receipt = send(
        &mut chain,
        probe,
        probe_call(Op::Delegate, &[counter.as_slice(), &data]),
    );
    ok(&receipt);
    assert_eq!(chain.storage(probe, U256::ZERO), U256::from(1));
    assert_eq!(chain.storage(counter, U256::ZERO), U256::ZERO);
    assert_eq!(receipt.logs[0].address, probe);
    assert_eq!(receipt.logs[0].topics()[1], ALICE.into_word());

    // Stylus delegate-calling Stylus: a second probe's code stores into the first's storage,
    // and reports the first's address and the original sender.
    let other = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();
    let inner = probe_call(Op::Store, &[&word(5), &word(55)]);
    ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Delegate, &[other.as_slice(), &inner]),
    ));
    assert_eq!(chain.storage(probe, U256::from(5)), U256::from(55));
    assert_eq!(chain.storage(other, U256::from(5)), U256::ZERO);
    let inner = probe_call(Op::Address, &[]);
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Delegate, &[other.as_slice(), &inner]),
    ));
    assert_eq!(out.as_ref(), probe.as_slice());
    let inner = probe_call(Op::Sender, &[]);
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Delegate, &[other.as_slice(), &inner]),
    ));
    assert_eq!(out.as_ref(), ALICE.as_slice());
}

#[test]
fn static_call_reads() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let counter = deploy_solidity(&mut chain, "Counter");
    ok(&send(
        &mut chain,
        counter,
        ICounter::incrementCall {}.abi_encode(),
    ));
    let data = ICounter::countCall {}.abi_encode();
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Static, &[counter.as_slice(), &data]),
    ));
    assert_eq!(be_u256(&out), U256::from(1));
    // Solidity writes under a program's static call fail.
    let data = ICounter::incrementCall {}.abi_encode();
    let receipt = send(
        &mut chain,
        probe,
        probe_call(Op::Static, &[counter.as_slice(), &data]),
    );
    assert!(!receipt.is_success());
    assert_eq!(chain.storage(counter, U256::ZERO), U256::from(1));
}

#[test]
fn create1_and_create2_deploy_solidity_from_a_program() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let init = stylus_runtime::deploy::solidity_artifact("Counter")
        .unwrap()
        .bytecode;

    let nonce = chain.nonce(probe);
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Create1, &[&word(0), &init]),
    ));
    let created = Address::from_slice(&out[..20]);
    assert_eq!(created, probe.create(nonce));
    assert_eq!(chain.nonce(probe), nonce + 1);
    assert!(!chain.code(created).is_empty());
    // It works: increment through a plain transaction.
    ok(&send(
        &mut chain,
        created,
        ICounter::incrementCall {}.abi_encode(),
    ));
    assert_eq!(chain.storage(created, U256::ZERO), U256::from(1));

    let salt = B256::repeat_byte(0x5a);
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Create2, &[&word(0), salt.as_slice(), &init]),
    ));
    let created2 = Address::from_slice(&out[..20]);
    assert_eq!(created2, probe.create2(salt, keccak256(&init)));
    assert!(!chain.code(created2).is_empty());
    // The same salt again collides: address zero, no revert data.
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Create2, &[&word(0), salt.as_slice(), &init]),
    ));
    assert_eq!(out.as_ref(), [0u8; 20].as_slice());
}

#[test]
fn create_with_an_endowment_and_a_reverting_init_code() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    chain.fund(probe, U256::from(1000));
    // Init code returning empty code: an account with the endowment and no code.
    let empty_init = [0x60, 0x00, 0x60, 0x00, 0xf3]; // PUSH1 0 PUSH1 0 RETURN
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Create1, &[&word(300), &empty_init]),
    ));
    let created = Address::from_slice(&out[..20]);
    assert_ne!(created, Address::ZERO);
    assert_eq!(chain.balance(created), U256::from(300));
    assert_eq!(chain.balance(probe), U256::from(700));

    // Init code reverting with 32 bytes (the word 42): address zero, revert data returned,
    // endowment kept.
    let reverting = [0x60, 0x2a, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xfd];
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Create1, &[&word(100), &reverting]),
    ));
    assert_eq!(&out[..20], [0u8; 20].as_slice());
    assert_eq!(be_u256(&out[20..]), U256::from(42));
    assert_eq!(chain.balance(probe), U256::from(700));

    // An endowment larger than the balance fails the creation without revert data.
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Create1, &[&word(10_000), &empty_init]),
    ));
    assert_eq!(out.as_ref(), [0u8; 20].as_slice());
}

#[test]
fn a_program_deploys_and_calls_another_program() {
    // create2 of Stylus code from a program; once activated (same code hash: already), the
    // new program answers.
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let init = stylus_program::code::init_code(&probe_code());
    let salt = B256::repeat_byte(1);
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Create2, &[&word(0), salt.as_slice(), &init]),
    ));
    let child = Address::from_slice(&out[..20]);
    assert_eq!(chain.code(child).as_ref(), probe_code().as_slice());
    let inner = probe_call(Op::Sender, &[]);
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Call, &[child.as_slice(), &word(0), &inner]),
    ));
    assert_eq!(out.as_ref(), probe.as_slice());
}
