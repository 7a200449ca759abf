//! Host functions that end or shape a frame: `exit_early`, returning non-zero from
//! `user_entrypoint`, `memory.grow` with `pay_for_memory_grow`, and traps.

#![allow(clippy::arithmetic_side_effects)]

mod common;

use common::*;
use revm::primitives::U256;
use stylus_runtime::Status;

#[test]
fn exit_early_zero_returns_the_result_so_far() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let out = ok(&send(
        &mut chain,
        probe,
        probe_call(Op::ExitEarly, &[&[0], b"done"]),
    ));
    assert_eq!(out.as_ref(), b"done");
}

#[test]
fn exit_early_non_zero_reverts_with_the_result() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let receipt = send(
        &mut chain,
        probe,
        probe_call(Op::ExitEarly, &[&[1], b"nope"]),
    );
    assert_eq!(receipt.status, Status::Revert);
    assert_eq!(receipt.output.as_ref(), b"nope");
    // A revert is not a halt: gas is not all gone.
    assert!(receipt.gas_used < 100_000, "{}", receipt.gas_used);
}

#[test]
fn a_non_zero_status_reverts_and_undoes_writes() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let receipt = send(
        &mut chain,
        probe,
        probe_call(Op::StoreThenRevert, &[&word(1), &word(2), b"why"]),
    );
    assert_eq!(receipt.status, Status::Revert);
    assert_eq!(receipt.output.as_ref(), b"why");
    assert_eq!(chain.storage(probe, U256::from(1)), U256::ZERO);
    // Unknown ops revert with nothing; so does empty calldata.
    let receipt = send(&mut chain, probe, vec![0xff]);
    assert_eq!(receipt.status, Status::Revert);
    assert!(receipt.output.is_empty());
    let receipt = send(&mut chain, probe, Vec::<u8>::new());
    assert_eq!(receipt.status, Status::Revert);
}

#[test]
fn memory_grows_and_is_paid_for() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    // One page to start; growing by 3 returns the old size and the new one.
    let out = ok(&send(&mut chain, probe, probe_call(Op::Grow, &[&[3]])));
    assert_eq!(le_u32(&out), 1);
    assert_eq!(le_u32(&out[4..]), 4);
    let small = send(&mut chain, probe, probe_call(Op::Grow, &[&[1]])).gas_used;
    // Past the two free pages, pages cost gas (1000 a page, linear part): growing to 41
    // pages costs more than growing to 2.
    let big = send(&mut chain, probe, probe_call(Op::Grow, &[&[40]]));
    ok(&big);
    assert!(
        big.gas_used > small + 38 * 1000,
        "{} vs {small}",
        big.gas_used
    );
    // Far past the free pages the exponential page price exceeds any transaction's gas:
    // paying for the growth runs out of gas and the call halts.
    let huge = send(&mut chain, probe, probe_call(Op::Grow, &[&[200]]));
    assert!(matches!(huge.status, Status::Halt(_)), "{huge:?}");
    // Paying directly without growing costs the same kind of gas.
    let paid = send(&mut chain, probe, probe_call(Op::PayForMemory, &[&[40]]));
    ok(&paid);
    assert!(paid.gas_used > small + 38 * 1000);
    let free = send(&mut chain, probe, probe_call(Op::PayForMemory, &[&[0]]));
    ok(&free);
    assert!(free.gas_used < paid.gas_used);
}

#[test]
fn a_trap_reverts_without_data_and_says_why() {
    let mut chain = chain();
    // Divides by zero: a WASM trap.
    let code = code_from_wat(
        r#"(module
            (import "vm_hooks" "pay_for_memory_grow" (func (param i32)))
            (memory (export "memory") 1)
            (func (export "user_entrypoint") (param i32) (result i32)
                (i32.div_u (i32.const 0) (local.get 0))))"#,
    );
    let program = deploy_program(&mut chain, &code);
    let receipt = send(&mut chain, program, Vec::<u8>::new());
    assert_eq!(receipt.status, Status::Revert, "{receipt:?}");
    assert!(receipt.output.is_empty());
    let why = receipt.stylus_failure.unwrap_or_default();
    assert!(why.contains("divi"), "{why}");
    // With calldata the division is fine and the program returns 0 / len = 0.
    let receipt = send(&mut chain, program, vec![1u8]);
    assert!(receipt.is_success(), "{receipt:?}");
}
