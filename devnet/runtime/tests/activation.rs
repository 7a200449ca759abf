//! Deployment and activation: calling an unactivated program, ArbWasm's views, the data fee,
//! ArbWasm's errors, programs Nitro rejects (with their reasons), expiry, keepalive, and
//! snapshots.

#![allow(clippy::arithmetic_side_effects)]

mod common;

use alloy_sol_types::{SolCall, SolError, SolEvent};
use common::*;
use revm::primitives::{Address, B256, U256};
use stylus_runtime::{
    Chain, Receipt, Status, Tx, arb_wasm::IArbWasm, precompiles::ARB_WASM, programs::ARBOS_STATE,
};

fn arb_wasm<C: SolCall>(chain: &mut Chain, call: C) -> Receipt {
    view(chain, ARB_WASM, call.abi_encode())
}

fn activate_with(chain: &mut Chain, program: Address, value: U256) -> Receipt {
    send_value(
        chain,
        ARB_WASM,
        value,
        IArbWasm::activateProgramCall { program }.abi_encode(),
    )
}

#[test]
fn an_unactivated_program_cannot_be_called() {
    let mut chain = chain();
    let program = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();
    let receipt = chain
        .transact(Tx {
            from: ALICE,
            to: Some(program),
            data: probe_call(Op::Echo, &[b"hi"]),
            gas_limit: Some(100_000),
            ..Tx::default()
        })
        .unwrap();
    assert!(matches!(receipt.status, Status::Halt(_)), "{receipt:?}");
    assert_eq!(receipt.gas_used, 100_000);
    assert_eq!(
        receipt.stylus_failure.as_deref(),
        Some("program not activated")
    );
    let receipt = arb_wasm(&mut chain, IArbWasm::programVersionCall { program });
    assert_eq!(receipt.status, Status::Revert);
    assert!(IArbWasm::ProgramNotActivated::abi_decode(&receipt.output).is_ok());
}

#[test]
fn activation_charges_the_data_fee_refunds_the_rest_and_reports() {
    let mut chain = chain();
    let code = probe_code();
    let program = chain.deploy_stylus_unactivated(ALICE, &code).unwrap();
    let alice = chain.balance(ALICE);
    let network = chain.balance(ARBOS_STATE);
    let receipt = activate_with(&mut chain, program, U256::from(ETHER));
    let returned = IArbWasm::activateProgramCall::abi_decode_returns(&ok(&receipt)).unwrap();
    assert_eq!(returned.version, 2);
    let fee = returned.dataFee;
    assert!(fee > U256::ZERO && fee < U256::from(ETHER));
    // Gas is free here, so ALICE paid exactly the fee; the network got it.
    assert_eq!(chain.balance(ALICE), alice - fee);
    assert_eq!(chain.balance(ARBOS_STATE), network + fee);
    assert_eq!(chain.balance(ARB_WASM), U256::ZERO);
    let event = IArbWasm::ProgramActivated::decode_log_data(&receipt.logs[0].data).unwrap();
    assert_eq!(event.codehash, chain.code_hash(program));
    assert_eq!(event.program, program);
    assert_eq!(event.dataFee, fee);
    assert_eq!(event.version, 2);
    // Activation gas is charged as on Nitro: the fixed 1,659,168 up front, then the module's
    // compile gas, on top of the transaction's intrinsic gas.
    let compile =
        stylus_program::activate(&wasm("probe"), &stylus_program::StylusParams::default())
            .unwrap()
            .activation_gas;
    let floor = 21_000 + stylus_runtime::arb_wasm::ACTIVATION_FIXED_GAS + compile;
    assert!(
        receipt.gas_used >= floor && receipt.gas_used < floor + 50_000,
        "{} for a floor of {floor}",
        receipt.gas_used
    );

    // The views.
    let codehash = chain.code_hash(program);
    let r = arb_wasm(&mut chain, IArbWasm::programVersionCall { program });
    assert_eq!(
        IArbWasm::programVersionCall::abi_decode_returns(&ok(&r)).unwrap(),
        2
    );
    let r = arb_wasm(&mut chain, IArbWasm::stylusVersionCall {});
    assert_eq!(
        IArbWasm::stylusVersionCall::abi_decode_returns(&ok(&r)).unwrap(),
        2
    );
    let r = arb_wasm(&mut chain, IArbWasm::codehashVersionCall { codehash });
    assert_eq!(
        IArbWasm::codehashVersionCall::abi_decode_returns(&ok(&r)).unwrap(),
        2
    );
    let r = arb_wasm(&mut chain, IArbWasm::inkPriceCall {});
    assert_eq!(
        IArbWasm::inkPriceCall::abi_decode_returns(&ok(&r)).unwrap(),
        10_000
    );
    let r = arb_wasm(&mut chain, IArbWasm::programMemoryFootprintCall { program });
    assert_eq!(
        IArbWasm::programMemoryFootprintCall::abi_decode_returns(&ok(&r)).unwrap(),
        1
    );
    let r = arb_wasm(&mut chain, IArbWasm::programInitGasCall { program });
    let init = IArbWasm::programInitGasCall::abi_decode_returns(&ok(&r)).unwrap();
    // At least the minimum init gas (69 * 128) plus the minimum cached gas (11 * 32).
    assert!(init.gas >= 69 * 128 + 11 * 32, "{}", init.gas);
    assert!(init.gasWhenCached < init.gas);
    let r = arb_wasm(&mut chain, IArbWasm::programTimeLeftCall { program });
    let left = IArbWasm::programTimeLeftCall::abi_decode_returns(&ok(&r)).unwrap();
    assert_eq!(left, 365 * 86_400);
    chain.advance_time(1000);
    let r = arb_wasm(&mut chain, IArbWasm::programTimeLeftCall { program });
    let later = IArbWasm::programTimeLeftCall::abi_decode_returns(&ok(&r)).unwrap();
    assert_eq!(later, left - 1000);
}

#[test]
fn arb_wasm_errors() {
    let mut chain = chain();
    let program = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();

    // Too little value: ProgramInsufficientValue(have, want), nothing recorded.
    let receipt = activate_with(&mut chain, program, U256::from(1));
    assert_eq!(receipt.status, Status::Revert);
    let error = IArbWasm::ProgramInsufficientValue::abi_decode(&receipt.output).unwrap();
    assert_eq!(error.have, U256::from(1));
    assert!(error.want > U256::from(1));
    // Exactly the fee asked for is enough.
    let receipt = activate_with(&mut chain, program, error.want);
    ok(&receipt);

    // Twice: ProgramUpToDate.
    let receipt = activate_with(&mut chain, program, U256::from(ETHER));
    assert_eq!(receipt.status, Status::Revert);
    assert!(IArbWasm::ProgramUpToDate::abi_decode(&receipt.output).is_ok());
    // Another address with the same code is active already.
    let twin = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();
    let receipt = activate_with(&mut chain, twin, U256::from(ETHER));
    assert!(IArbWasm::ProgramUpToDate::abi_decode(&receipt.output).is_ok());

    // No code: ProgramNotWasm, for an EOA and an empty address. (EVM code is refused as "not
    // a Stylus program" before ArbOS 60, ProgramNotWasm from 60: tests/fragmented_programs.rs.)
    for target in [BOB, Address::repeat_byte(0x42)] {
        let receipt = activate_with(&mut chain, target, U256::from(ETHER));
        assert_eq!(receipt.status, Status::Revert);
        assert!(
            IArbWasm::ProgramNotWasm::abi_decode(&receipt.output).is_ok(),
            "{target}"
        );
    }
}

#[test]
fn rejected_programs_revert_with_nitros_reason() {
    const GROW: &str = r#"(import "vm_hooks" "pay_for_memory_grow" (func (param i32)))"#;
    const ENTRY: &str = r#"(func (export "user_entrypoint") (param i32) (result i32) i32.const 0)"#;
    let cases: Vec<(String, &str)> = vec![
        (
            format!(
                r#"(module {GROW} (import "vm_hooks" "no_such_hook" (func)) (memory (export "memory") 1) {ENTRY})"#
            ),
            "No such import no_such_hook in vm_hooks",
        ),
        (
            format!(
                r#"(module {GROW} (import "vm_hooks" "read_args" (func (param i64))) (memory (export "memory") 1) {ENTRY})"#
            ),
            "has different function signature",
        ),
        (
            format!(
                r#"(module {GROW} (memory (export "memory") 1)
                    (func (export "user_entrypoint") (param i32) (result i32)
                        (drop (f32.add (f32.const 1) (f32.const 2))) i32.const 0))"#
            ),
            "No implementation for floating point operation",
        ),
        (
            format!(r#"(module {GROW} (memory (export "memory") 1) (func (export "other")))"#),
            "missing export with name user_entrypoint",
        ),
        (
            format!(
                r#"(module {GROW} (memory (export "memory") 1)
                    (func (export "user_entrypoint") (param i64) (result i32) i32.const 0))"#
            ),
            "wrong type for user_entrypoint",
        ),
        (
            format!(r#"(module {GROW} (memory 1) {ENTRY})"#),
            "missing memory with export name \"memory\"",
        ),
        (
            format!(
                r#"(module {GROW} (memory (export "memory") 1) (func $s) (start $s) {ENTRY})"#
            ),
            "start functions not allowed",
        ),
        (
            r#"(module (memory (export "memory") 1) (func (export "user_entrypoint") (param i32) (result i32) i32.const 0))"#.to_owned(),
            "missing import pay_for_memory_grow",
        ),
    ];
    let mut chain = chain();
    for (wat, reason) in cases {
        let program = chain
            .deploy_stylus_unactivated(ALICE, &code_from_wat(&wat))
            .unwrap();
        let receipt = activate_with(&mut chain, program, U256::from(ETHER));
        assert_eq!(receipt.status, Status::Revert, "{reason}");
        let message = alloy_sol_types::Revert::abi_decode(&receipt.output)
            .unwrap_or_else(|_| panic!("{reason}: not Error(string): {}", receipt.output))
            .reason;
        assert!(
            message.contains(reason),
            "expected {reason:?}, got {message:?}"
        );
        // As Nitro (ErrProgramActivation), a program that fails to compile burns all the gas.
        assert_eq!(receipt.gas_used, stylus_runtime::DEFAULT_TX_GAS, "{reason}");
        // And the program stays uncallable.
        let call = send(&mut chain, program, Vec::<u8>::new());
        assert!(!call.is_success());
    }
    // Code with the Stylus prefix that is not brotli: rejected too.
    let program = chain
        .deploy_stylus_unactivated(ALICE, &[0xEF, 0xF0, 0x00, 0x00, 1, 2, 3])
        .unwrap();
    let receipt = activate_with(&mut chain, program, U256::from(ETHER));
    assert_eq!(receipt.status, Status::Revert);
    assert!(alloy_sol_types::Revert::abi_decode(&receipt.output).is_ok());
}

#[test]
fn activations_expire_and_can_be_renewed() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    chain.advance_time(365 * 86_400);
    let receipt = send(&mut chain, probe, probe_call(Op::Echo, &[b"x"]));
    assert!(!receipt.is_success());
    assert_eq!(receipt.stylus_failure.as_deref(), Some("program expired"));
    let r = arb_wasm(&mut chain, IArbWasm::programTimeLeftCall { program: probe });
    assert!(IArbWasm::ProgramExpired::abi_decode(&r.output).is_ok());
    // Activating again brings it back.
    ok(&chain.activate(ALICE, probe).unwrap());
    assert_eq!(
        ok(&send(&mut chain, probe, probe_call(Op::Echo, &[b"x"]))).as_ref(),
        b"x"
    );
}

fn keepalive(chain: &mut Chain, codehash: B256, value: U256) -> Receipt {
    send_value(
        chain,
        ARB_WASM,
        value,
        IArbWasm::codehashKeepaliveCall { codehash }.abi_encode(),
    )
}

/// As Nitro's `codehashKeepalive`: refused within `keepaliveDays` (31) of the activation, then
/// the data fee (named by `ProgramInsufficientValue` when short) goes to the network, the rest
/// back, the lifetime restarts and `ProgramLifetimeExtended` says so; an expired or unknown
/// program is refused with ArbWasm's errors.
#[test]
fn keepalive_renews_an_old_enough_program_for_the_data_fee() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let codehash = chain.code_hash(probe);
    let year = 365 * 86_400;

    let receipt = keepalive(&mut chain, codehash, U256::from(ETHER));
    assert_eq!(receipt.status, Status::Revert);
    let too_soon = IArbWasm::ProgramKeepaliveTooSoon::abi_decode(&receipt.output).unwrap();
    assert_eq!(too_soon.ageInSeconds, 0);

    chain.advance_time(200 * 86_400);
    let left = |chain: &mut Chain| {
        IArbWasm::programTimeLeftCall::abi_decode_returns(&ok(&arb_wasm(
            chain,
            IArbWasm::programTimeLeftCall { program: probe },
        )))
        .unwrap()
    };
    assert_eq!(left(&mut chain), year - 200 * 86_400);
    let receipt = keepalive(&mut chain, codehash, U256::ZERO);
    assert_eq!(receipt.status, Status::Revert);
    let fee = IArbWasm::ProgramInsufficientValue::abi_decode(&receipt.output)
        .unwrap()
        .want;
    assert!(fee > U256::ZERO);
    assert_eq!(
        left(&mut chain),
        year - 200 * 86_400,
        "a refusal renews nothing"
    );

    let (alice, network) = (chain.balance(ALICE), chain.balance(ARBOS_STATE));
    let receipt = keepalive(&mut chain, codehash, fee * U256::from(2));
    ok(&receipt);
    let event = IArbWasm::ProgramLifetimeExtended::decode_log_data(&receipt.logs[0].data).unwrap();
    assert_eq!((event.codehash, event.dataFee), (codehash, fee));
    assert_eq!(chain.balance(ALICE), alice - fee, "the excess is refunded");
    assert_eq!(chain.balance(ARBOS_STATE), network + fee);
    assert_eq!(chain.balance(ARB_WASM), U256::ZERO);
    assert_eq!(left(&mut chain), year);
    let receipt = keepalive(&mut chain, codehash, fee);
    assert!(IArbWasm::ProgramKeepaliveTooSoon::abi_decode(&receipt.output).is_ok());

    chain.advance_time(year);
    let receipt = keepalive(&mut chain, codehash, U256::from(ETHER));
    assert!(IArbWasm::ProgramExpired::abi_decode(&receipt.output).is_ok());
    let receipt = keepalive(&mut chain, B256::repeat_byte(7), U256::from(ETHER));
    assert!(IArbWasm::ProgramNotActivated::abi_decode(&receipt.output).is_ok());
}

#[test]
fn reverting_to_a_snapshot_undoes_an_activation() {
    let mut chain = chain();
    let program = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();
    let snapshot = chain.snapshot();
    ok(&chain.activate(ALICE, program).unwrap());
    ok(&send(&mut chain, program, probe_call(Op::Echo, &[b"x"])));
    assert!(chain.revert_to(snapshot));
    let receipt = send(&mut chain, program, probe_call(Op::Echo, &[b"x"]));
    assert!(!receipt.is_success());
    assert_eq!(
        receipt.stylus_failure.as_deref(),
        Some("program not activated")
    );
    // The record is gone, so activating again is not "up to date": it succeeds.
    ok(&chain.activate(ALICE, program).unwrap());
    ok(&send(&mut chain, program, probe_call(Op::Echo, &[b"x"])));
}

/// ArbWasmCache as on Nitro: only the chain owner (no cache manager is configured) caches and
/// evicts; anyone else's call burns all its gas; each change emits `UpdateProgramCache`, a
/// call that changes nothing emits nothing; a program must be activated to be cached.
#[test]
fn only_the_chain_owner_caches_programs_and_each_change_is_logged() {
    use stylus_runtime::{
        arb_wasm::IArbWasmCache, genesis::CHAIN_OWNER, precompiles::ARB_WASM_CACHE,
    };
    let mut chain = chain();
    chain.fund(CHAIN_OWNER, U256::from(ETHER));
    let program = chain
        .deploy_stylus_unactivated(ALICE, &probe_code())
        .unwrap();
    let codehash = chain.code_hash(program);
    let cache_from = |chain: &mut Chain, from: Address, call: Vec<u8>| {
        chain
            .transact(Tx {
                from,
                to: Some(ARB_WASM_CACHE),
                data: call.into(),
                gas_limit: Some(200_000),
                ..Tx::default()
            })
            .unwrap()
    };
    let is_cached = |chain: &mut Chain| {
        let r = view(
            chain,
            ARB_WASM_CACHE,
            IArbWasmCache::codehashIsCachedCall { codehash }.abi_encode(),
        );
        IArbWasmCache::codehashIsCachedCall::abi_decode_returns(&ok(&r)).unwrap()
    };
    let cache = IArbWasmCache::cacheProgramCall { addr: program }.abi_encode();

    // Not activated: refused with Nitro's error.
    let r = cache_from(&mut chain, CHAIN_OWNER, cache.clone());
    assert_eq!(r.status, Status::Revert);
    assert!(IArbWasm::ProgramNotActivated::abi_decode(&r.output).is_ok());
    ok(&chain.activate(ALICE, program).unwrap());

    // Anyone else: all gas burnt, nothing cached.
    let r = cache_from(&mut chain, ALICE, cache.clone());
    assert!(!r.is_success());
    assert_eq!(r.gas_used, 200_000);
    assert!(!is_cached(&mut chain));

    // The chain owner: cached, with the event naming it.
    let r = cache_from(&mut chain, CHAIN_OWNER, cache.clone());
    ok(&r);
    assert_eq!(r.logs.len(), 1);
    let event = IArbWasmCache::UpdateProgramCache::decode_log_data(&r.logs[0].data).unwrap();
    assert_eq!(
        (event.manager, event.codehash, event.cached),
        (CHAIN_OWNER, codehash, true)
    );
    assert!(is_cached(&mut chain));
    // Again: no change, no event.
    let r = cache_from(&mut chain, CHAIN_OWNER, cache.clone());
    ok(&r);
    assert!(r.logs.is_empty());
    // Evicting is the owner's too.
    let evict = IArbWasmCache::evictCodehashCall { codehash }.abi_encode();
    assert!(!cache_from(&mut chain, ALICE, evict.clone()).is_success());
    assert!(is_cached(&mut chain));
    let r = cache_from(&mut chain, CHAIN_OWNER, evict);
    ok(&r);
    let event = IArbWasmCache::UpdateProgramCache::decode_log_data(&r.logs[0].data).unwrap();
    assert!(!event.cached);
    assert!(!is_cached(&mut chain));

    // No cache manager is configured.
    let r = view(
        &mut chain,
        ARB_WASM_CACHE,
        IArbWasmCache::allCacheManagersCall {}.abi_encode(),
    );
    assert!(
        IArbWasmCache::allCacheManagersCall::abi_decode_returns(&ok(&r))
            .unwrap()
            .is_empty()
    );
    let r = view(
        &mut chain,
        ARB_WASM_CACHE,
        IArbWasmCache::isCacheManagerCall {
            manager: CHAIN_OWNER,
        }
        .abi_encode(),
    );
    assert!(!IArbWasmCache::isCacheManagerCall::abi_decode_returns(&ok(&r)).unwrap());
}
