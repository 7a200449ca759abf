//! ArbOS 60's fragmented programs: a root (`EF F0 02`) naming fragments (`EF F0 01`) whose
//! chunks make one brotli stream. From ArbOS 60 they deploy, the root activates (paying for
//! each fragment read) and runs; before 60 they are not Stylus code. Every refusal Nitro's
//! `getWasmFromRootStylus` has, with its reason, and nothing activated after it.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod common;

use alloy_sol_types::{SolCall, SolError, SolEvent, sol};
use common::*;
use revm::primitives::{Address, U256, keccak256};
use stylus_program::{
    code::encode_program,
    fragments::{SplitProgram, StylusRoot},
    params::StylusParams,
    pricing::fragment_read::{MAX_CODE_SIZE, fragment_read_gas},
};
use stylus_runtime::{
    Chain, Receipt, Status, Tx,
    arb_owner_public::IArbOwnerPublic,
    arb_wasm::{ACTIVATION_FIXED_GAS, IArbWasm},
    precompiles::{ARB_OWNER_PUBLIC, ARB_WASM},
};

sol! {
    /// The revert data of a refusal that is not one of ArbWasm's Solidity errors.
    error Error(string reason);
}

/// A chain at `arbos_version` with ALICE and BOB funded.
fn chain_at(arbos_version: u64) -> Chain {
    let mut chain = Chain::with_params(
        stylus_runtime::DEFAULT_CHAIN_ID,
        StylusParams::for_arbos_version(arbos_version),
    );
    chain.fund(ALICE, U256::from(1_000 * ETHER));
    chain.fund(BOB, U256::from(1_000 * ETHER));
    chain
}

/// `len` pseudo-random bytes (xorshift from `seed`) as a WAT data string (`\xx` escapes).
fn noise_data(seed: u64, len: usize) -> String {
    let mut state = seed;
    let mut data = String::with_capacity(len * 3);
    for _ in 0..len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        data.push_str(&format!("\\{:02x}", state as u8));
    }
    data
}

/// An echoing program with `noise` bytes of incompressible data, so that its compressed code
/// is about that long.
fn echo_with_noise(noise: usize) -> Vec<u8> {
    let data = noise_data(0x9E37_79B9_7F4A_7C15, noise);
    let source = format!(
        r#"(module
            (import "vm_hooks" "read_args" (func $read_args (param i32)))
            (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
            (memory (export "memory") 1 1)
            (data (i32.const 1024) "{data}")
            (func (export "user_entrypoint") (param $len i32) (result i32)
                i32.const 0
                call $read_args
                i32.const 0
                local.get $len
                call $write_result
                i32.const 0))"#
    );
    wat::parse_str(source).expect("valid WAT")
}

/// A program that returns the first 4 of `noise` pseudo-random bytes (seeded by `seed`) kept
/// in its data segment: programs of different seeds have the same length and differ in what
/// they return.
fn tell_with_noise(seed: u64, noise: usize) -> Vec<u8> {
    let data = noise_data(seed, noise);
    let source = format!(
        r#"(module
            (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
            (memory (export "memory") 1 1)
            (data (i32.const 1024) "{data}")
            (func (export "user_entrypoint") (param $len i32) (result i32)
                i32.const 1024
                i32.const 4
                call $write_result
                i32.const 0))"#
    );
    wat::parse_str(source).expect("valid WAT")
}

/// Deploys each fragment of `split`, then a root naming them; returns (root, fragments).
fn deploy_split(chain: &mut Chain, split: &SplitProgram) -> (Address, Vec<Address>) {
    let fragments: Vec<Address> = split
        .fragments
        .iter()
        .map(|code| {
            chain
                .deploy_stylus_unactivated(ALICE, code)
                .expect("fragment deploys")
        })
        .collect();
    let root = split
        .root(fragments.iter().map(|address| address.0.0))
        .encode();
    let root = chain
        .deploy_stylus_unactivated(ALICE, &root)
        .expect("root deploys");
    (root, fragments)
}

/// Deploys `code` as is (a root written by hand).
fn deploy_code(chain: &mut Chain, code: &[u8]) -> Address {
    chain
        .deploy_stylus_unactivated(ALICE, code)
        .expect("code deploys")
}

fn activate(chain: &mut Chain, program: Address, gas_limit: Option<u64>) -> Receipt {
    chain
        .transact(Tx {
            from: ALICE,
            to: Some(ARB_WASM),
            data: IArbWasm::activateProgramCall { program }
                .abi_encode()
                .into(),
            value: U256::from(ETHER),
            gas_limit,
        })
        .unwrap()
}

/// Whether `program`'s code hash has an activation.
fn is_activated(chain: &mut Chain, program: Address) -> bool {
    let receipt = view(
        chain,
        ARB_WASM,
        IArbWasm::programVersionCall { program }.abi_encode(),
    );
    receipt.is_success()
}

/// Asserts that activating `program` reverts with `Error(reason)` containing `expected`, and
/// activates nothing.
fn assert_refused(chain: &mut Chain, program: Address, expected: &str) {
    let receipt = activate(chain, program, None);
    assert_eq!(receipt.status, Status::Revert, "{expected}: {receipt:?}");
    let reason = Error::abi_decode(&receipt.output)
        .unwrap_or_else(|_| panic!("{expected}: not Error(string): {receipt:?}"))
        .reason;
    assert!(reason.contains(expected), "{reason:?} lacks {expected:?}");
    assert!(!is_activated(chain, program), "{expected}");
}

/// Calldata-and-base cost of a transaction (Cancun: 21,000, 4 per zero byte, 16 per other).
fn intrinsic_gas(data: &[u8]) -> u64 {
    21_000
        + data
            .iter()
            .map(|byte| if *byte == 0 { 4 } else { 16 })
            .sum::<u64>()
}

#[test]
fn at_arbos_60_a_program_over_24_kib_deploys_as_fragments_activates_and_runs() {
    let mut chain = chain_at(60);
    let wasm = echo_with_noise(30_000);
    let classic = encode_program(&wasm);
    assert!(classic.len() as u64 > MAX_CODE_SIZE, "{}", classic.len());
    // As one program it is too large for a contract.
    assert!(chain.deploy_stylus_unactivated(ALICE, &classic).is_err());

    let split = SplitProgram::new(&wasm, MAX_CODE_SIZE as usize);
    assert_eq!(split.fragments.len(), 2);
    assert_eq!(split.fragments[0].len() as u64, MAX_CODE_SIZE);
    let (root, fragments) = deploy_split(&mut chain, &split);

    let receipt = activate(&mut chain, root, None);
    ok(&receipt);
    let event = receipt
        .logs
        .iter()
        .find_map(|log| IArbWasm::ProgramActivated::decode_log_data(&log.data).ok())
        .expect("ProgramActivated");
    assert_eq!(event.program, root);
    assert_eq!(event.codehash, keccak256(chain.code(root)));
    assert!(is_activated(&mut chain, root));

    // The root runs the program; a fragment is not a program (EF is not an EVM opcode).
    let receipt = send(&mut chain, root, b"fragmented".to_vec());
    assert_eq!(ok(&receipt).as_ref(), b"fragmented");
    let receipt = send(&mut chain, fragments[0], b"fragmented".to_vec());
    assert!(matches!(receipt.status, Status::Halt(_)), "{receipt:?}");

    // A chain that never compiled it (same state, a new module cache) recompiles the module
    // from the fragments when the root is called.
    let mut restarted = chain_at(60);
    *restarted.state_mut() = chain.state().clone();
    let receipt = send(&mut restarted, root, b"again".to_vec());
    assert_eq!(ok(&receipt).as_ref(), b"again");
}

#[test]
fn activation_pays_for_each_fragment_read_on_top_of_a_classic_activation() {
    let wasm = echo_with_noise(6_000);
    // Two fragments of about half the stream each.
    let stream_len = encode_program(&wasm).len() - 4;
    let split = SplitProgram::new(&wasm, stream_len / 2 + 10);
    assert_eq!(split.fragments.len(), 2);

    // Chain A: the fragments and their root (the third contract ALICE creates).
    let mut fragmented = chain_at(60);
    let (root, _) = deploy_split(&mut fragmented, &split);
    // Chain B: the same fragments, then the same WASM as a classic program at the same address,
    // so that both activations send the same calldata.
    let mut classic = chain_at(60);
    deploy_split_fragments_only(&mut classic, &split);
    let program = deploy_code(&mut classic, &encode_program(&wasm));
    assert_eq!(program, root);

    let with_fragments = activate(&mut fragmented, root, None);
    let without = activate(&mut classic, program, None);
    ok(&with_fragments);
    ok(&without);
    let reads: u64 = split
        .fragments
        .iter()
        .map(|code| fragment_read_gas(false, code.len() as u64))
        .sum();
    assert_eq!(with_fragments.gas_used - without.gas_used, reads);
    assert_eq!(
        reads,
        2 * 2_600
            + 3 * split
                .fragments
                .iter()
                .map(|code| code.len().div_ceil(32) as u64)
                .sum::<u64>()
    );

    // Exactly the gas it used is enough; one less runs out and burns it all, before or
    // after the fragment reads.
    let data = IArbWasm::activateProgramCall { program: root }.abi_encode();
    for (limit, success) in [
        (with_fragments.gas_used, true),
        (with_fragments.gas_used - 1, false),
        (intrinsic_gas(&data) + ACTIVATION_FIXED_GAS + 100, false),
    ] {
        let mut chain = chain_at(60);
        let (root, _) = deploy_split(&mut chain, &split);
        let receipt = activate(&mut chain, root, Some(limit));
        assert_eq!(receipt.is_success(), success, "{limit}: {receipt:?}");
        if !success {
            assert_eq!(receipt.gas_used, limit);
            assert!(!is_activated(&mut chain, root));
        }
    }
}

/// Deploys only the fragments of `split` (to use up the same creation nonces).
fn deploy_split_fragments_only(chain: &mut Chain, split: &SplitProgram) {
    for code in &split.fragments {
        deploy_code(chain, code);
    }
}

#[test]
fn activation_refuses_bad_roots_with_nitros_reasons() {
    let mut chain = chain_at(60);
    let wasm = echo_with_noise(3_000);
    let stream_len = encode_program(&wasm).len() - 4;
    let thirds = SplitProgram::new(&wasm, stream_len / 3 + 10);
    assert_eq!(thirds.fragments.len(), 3);
    let halves = SplitProgram::new(&wasm, stream_len / 2 + 10);
    assert_eq!(halves.fragments.len(), 2);

    // A fragment is activated through its root only.
    let fragment = deploy_code(&mut chain, &halves.fragments[0]);
    assert_refused(
        &mut chain,
        fragment,
        "fragmented stylus programs cannot be activated directly",
    );
    // More than MaxFragmentCount (2).
    let (root, _) = deploy_split(&mut chain, &thirds);
    assert_refused(&mut chain, root, "fragment count exceeds limit of 2");

    let (_, fragments) = deploy_split(&mut chain, &halves);
    let addresses = |list: &[Address]| list.iter().map(|a| a.0.0).collect::<Vec<_>>();
    let root_with = |decompressed_len: u32, list: &[Address]| StylusRoot {
        dictionary: 0,
        decompressed_len,
        fragments: addresses(list),
    };
    let len = wasm.len() as u32;
    let mismatch = format!(
        "decompressed length {len} does not match expected length {}",
        len + 1
    );
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            root_with(len, &[]).encode(),
            "fragment count cannot be zero",
        ),
        (
            root_with(128 * 1024 + 1, &fragments).encode(),
            "decompressedLength 131073 is greater then MaxWasmSize 131072",
        ),
        (root_with(len + 1, &fragments).encode(), &mismatch),
        (root_with(len - 1, &fragments).encode(), "output won't fit"),
        (
            root_with(len, &[fragments[1], fragments[0]]).encode(),
            "failed decompression",
        ),
        (
            root_with(len, &[fragments[0], BOB]).encode(),
            "not a Stylus program fragment",
        ),
        (
            [root_with(len, &fragments).encode(), vec![0xAA]].concat(),
            "address data has invalid length: 41",
        ),
        (
            vec![0xEF, 0xF0, 0x02, 0x00, 0x00],
            "root too short: need at least 8 bytes, got 5",
        ),
        (
            StylusRoot {
                dictionary: 1,
                ..root_with(len, &fragments)
            }
            .encode(),
            "unsupported dictionary",
        ),
    ];
    for (code, reason) in cases {
        let root = deploy_code(&mut chain, &code);
        assert_refused(&mut chain, root, reason);
    }

    // The same root, correct, activates.
    let root = deploy_code(&mut chain, &root_with(len, &fragments).encode());
    ok(&activate(&mut chain, root, None));
}

#[test]
fn before_arbos_60_roots_and_fragments_are_not_stylus_code() {
    let wasm = echo_with_noise(3_000);
    let stream_len = encode_program(&wasm).len() - 4;
    let split = SplitProgram::new(&wasm, stream_len / 2 + 10);
    let mut chain = chain_at(50);
    // Neither deploys (EIP-3541 refuses code starting with EF) ...
    for code in &split.fragments {
        assert!(chain.deploy_stylus_unactivated(ALICE, code).is_err());
    }
    let root = split.root([[1u8; 20], [2u8; 20]]).encode();
    assert!(chain.deploy_stylus_unactivated(ALICE, &root).is_err());
    // ... and code that is not a classic program is refused as "not a Stylus program": EVM
    // code here; no code at all is ProgramNotWasm().
    let counter = deploy_solidity(&mut chain, "Counter");
    assert_refused(
        &mut chain,
        counter,
        "specified bytecode is not a Stylus program",
    );
    for target in [BOB, Address::repeat_byte(0x42)] {
        let receipt = activate(&mut chain, target, None);
        assert_eq!(receipt.status, Status::Revert);
        assert!(IArbWasm::ProgramNotWasm::abi_decode(&receipt.output).is_ok());
    }
    // From 60, EVM code is ProgramNotWasm() too.
    let mut chain = chain_at(60);
    let counter = deploy_solidity(&mut chain, "Counter");
    let receipt = activate(&mut chain, counter, None);
    assert_eq!(receipt.status, Status::Revert);
    assert!(IArbWasm::ProgramNotWasm::abi_decode(&receipt.output).is_ok());
}

#[test]
fn arb_owner_public_reports_the_fragment_limit_from_arbos_60() {
    let call = IArbOwnerPublic::getMaxStylusContractFragmentsCall {}.abi_encode();
    let mut chain = chain_at(60);
    let receipt = view(&mut chain, ARB_OWNER_PUBLIC, call.clone());
    assert_eq!(
        IArbOwnerPublic::getMaxStylusContractFragmentsCall::abi_decode_returns(&ok(&receipt))
            .unwrap(),
        2
    );
    // Before 60 the method does not exist: cargo-stylus reads the failure as "contract too
    // large" and does not split.
    let mut chain = chain_at(50);
    let receipt = view(&mut chain, ARB_OWNER_PUBLIC, call);
    assert_eq!(receipt.status, Status::Revert);
    assert!(receipt.output.is_empty());

    let owner = stylus_runtime::genesis::CHAIN_OWNER;
    for (addr, expected) in [(owner, true), (ALICE, false)] {
        let receipt = view(
            &mut chain,
            ARB_OWNER_PUBLIC,
            IArbOwnerPublic::isChainOwnerCall { addr }.abi_encode(),
        );
        assert_eq!(
            IArbOwnerPublic::isChainOwnerCall::abi_decode_returns(&ok(&receipt)).unwrap(),
            expected
        );
    }
    let receipt = view(
        &mut chain,
        ARB_OWNER_PUBLIC,
        IArbOwnerPublic::getAllChainOwnersCall {}.abi_encode(),
    );
    assert_eq!(
        IArbOwnerPublic::getAllChainOwnersCall::abi_decode_returns(&ok(&receipt)).unwrap(),
        vec![owner]
    );
}

#[test]
fn an_activation_that_does_not_stick_never_changes_what_a_root_runs() {
    // The attack: an eth_call (here a chain over a copy of the state, sharing the module
    // cache, as eth_call and calls at past blocks are) in which the root's record is cleared
    // and its fragments hold another program of the same length, activated there. A module
    // cache keyed by code hash would then run the other program for the real root.
    let mut chain = chain_at(60);
    let honest = tell_with_noise(1, 2_000);
    let other = tell_with_noise(2, 2_000);
    assert_eq!(honest.len(), other.len());
    let split = SplitProgram::new(&honest, 1_500);
    let (root, fragments) = deploy_split(&mut chain, &split);
    ok(&activate(&mut chain, root, None));
    let expected = ok(&send(&mut chain, root, Vec::new()));

    let mut state = chain.state().clone();
    let codehash = keccak256(chain.code(root));
    state
        .insert_account_storage(
            stylus_runtime::programs::ARBOS_STATE,
            stylus_runtime::programs::record_slot(codehash),
            U256::ZERO,
        )
        .unwrap();
    let other_split = SplitProgram::new(&other, 1_500);
    assert_eq!(other_split.fragments.len(), fragments.len());
    for (address, code) in fragments.iter().zip(&other_split.fragments) {
        let mut info = state.load_account(*address).unwrap().info.clone();
        info.code_hash = keccak256(code);
        info.code = Some(revm::bytecode::Bytecode::new_raw(code.clone().into()));
        state.insert_account_info(*address, info);
    }
    let mut throwaway = chain.at(state, chain.block_number(), chain.timestamp());
    ok(&activate(&mut throwaway, root, None));
    let theirs = ok(&send(&mut throwaway, root, Vec::new()));
    assert_ne!(
        theirs, expected,
        "the throwaway state runs the other program"
    );

    // The real chain still runs what it activated.
    assert_eq!(ok(&send(&mut chain, root, Vec::new())), expected);
}

#[test]
fn activation_warms_the_fragments_it_reads_and_not_the_program() {
    // Nitro reads the program with geth's GetCode (no access-list change) and adds each
    // fragment to the access list as it reads it (`chargeForReadingFragment`).
    let mut chain = chain_at(60);
    let wasm = echo_with_noise(3_000);
    let stream_len = encode_program(&wasm).len() - 4;
    let split = SplitProgram::new(&wasm, stream_len / 2 + 10);
    let (root, fragments) = deploy_split(&mut chain, &split);
    let tx = revm::context::TxEnv {
        caller: ALICE,
        gas_limit: 30_000_000,
        kind: revm::primitives::TxKind::Call(ARB_WASM),
        value: U256::from(ETHER),
        data: IArbWasm::activateProgramCall { program: root }
            .abi_encode()
            .into(),
        nonce: chain.nonce(ALICE),
        chain_id: Some(stylus_runtime::DEFAULT_CHAIN_ID),
        ..Default::default()
    };
    let (result, touched) = chain.call_touching(tx, |_| {}).unwrap();
    assert!(result.is_success(), "{result:?}");
    let touched: Vec<Address> = touched.into_iter().map(|(address, _)| address).collect();
    for fragment in &fragments {
        assert!(touched.contains(fragment), "{fragment} read: {touched:?}");
    }
    assert!(
        !touched.contains(&root),
        "the program is not warmed: {touched:?}"
    );
}
