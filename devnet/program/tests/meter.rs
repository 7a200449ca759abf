//! Ink metering, stack depth and memory growth, run under wasmi 2.0.

#![allow(
    clippy::arithmetic_side_effects,
    reason = "test arithmetic on small known values"
)]

mod common;

use common::{activate_wat, program, run};
use stylus_program::meter::{INK_HEADER_COST, MEMORY_FILL_INK};

const STACK: i32 = 22_000;

#[test]
fn straight_line_program_costs_one_block() {
    // One basic block ending at the final `end`:
    // local.get 75 + i32.const 1 + i32.add 70 + end 1 = 147, plus the 2450 header.
    let activated = activate_wat(&program("local.get 0 i32.const 1 i32.add", "")).expect("ok");
    let start = 1_000_000;
    let result = run(&activated.instrumented, 41, start, STACK);
    assert_eq!(result.result, Some(42));
    assert_eq!(result.ink_status, 0);
    assert_eq!(start - result.ink_left, 147 + INK_HEADER_COST);
    assert_eq!(
        result.stack_left, STACK,
        "the frame is credited back on return"
    );
}

#[test]
fn branches_are_charged_per_basic_block() {
    // Blocks: [local.get 75, if 765] = 840; then [i32.const 1, else 1] = 2 (else branch:
    // [i32.const 1, end 1] = 2); final [end 1] = 1. Each block adds the 2450 header.
    let body = "(if (result i32) (local.get 0) (then (i32.const 7)) (else (i32.const 9)))";
    let activated = activate_wat(&program(body, "")).expect("ok");
    let expected = (840 + 2450) + (2 + 2450) + (1 + 2450);
    for (arg, value) in [(1, 7), (0, 9)] {
        let result = run(&activated.instrumented, arg, 100_000, STACK);
        assert_eq!(result.result, Some(value));
        assert_eq!(100_000 - result.ink_left, expected);
    }
}

#[test]
fn loops_are_charged_per_iteration() {
    // Counts the argument down to zero.
    // Block A: [loop 1] = 1. Block B (per iteration): local.get 75, i32.const 1, i32.sub 70,
    // local.tee 75, br_if 765 = 986. Block C: [local.get 75, end 1... ] the loop's end and
    // the function's end are separate blocks: [end 1] then [local.get 75, end 1].
    let body =
        "(loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))) local.get 0";
    let activated = activate_wat(&program(body, "")).expect("ok");
    let per_iteration = 986 + 2450;
    let fixed = (1 + 2450) + (1 + 2450) + (76 + 2450);
    for n in [1, 5] {
        let result = run(&activated.instrumented, n, 1_000_000, STACK);
        assert_eq!(result.result, Some(0));
        assert_eq!(
            1_000_000 - result.ink_left,
            fixed + per_iteration * n as u64
        );
    }
}

#[test]
fn traps_with_status_when_ink_runs_out() {
    let activated = activate_wat(&program("local.get 0", "")).expect("ok");
    // The single block costs 75 + 1 + 2450 = 2526.
    let exact = run(&activated.instrumented, 3, 2526, STACK);
    assert_eq!(exact.result, Some(3));
    assert_eq!(exact.ink_left, 0);
    let short = run(&activated.instrumented, 3, 2525, STACK);
    assert_eq!(short.result, None);
    assert_eq!(short.ink_status, 1);
    assert_eq!(
        short.ink_left, 2525,
        "nothing is deducted for the block that failed"
    );
}

#[test]
fn memory_fill_is_charged_per_byte() {
    // Block: i32.const ×3 (3) + memory.fill 950 + local.get 75 + end 1 = 1029, header 2450,
    // then 100 ink per byte filled.
    let body = "i32.const 0 i32.const 7 i32.const 100 memory.fill local.get 0";
    let activated = activate_wat(&program(body, "")).expect("ok");
    let result = run(&activated.instrumented, 1, 1_000_000, STACK);
    assert_eq!(result.result, Some(1));
    assert_eq!(
        1_000_000 - result.ink_left,
        1029 + INK_HEADER_COST + 100 * MEMORY_FILL_INK
    );
}

#[test]
fn memory_grow_calls_pay_for_memory_grow_first() {
    let body = "i32.const 3 memory.grow drop memory.size";
    let activated = activate_wat(&program(body, "")).expect("ok");
    let result = run(&activated.instrumented, 0, 1_000_000, STACK);
    assert_eq!(result.result, Some(4));
    assert_eq!(result.grown, [3]);
}

#[test]
fn deep_recursion_traps_on_the_stack_limit() {
    // $down recurses n times; its frame is worst-case stack + 30 locals + 4 words, so the
    // 22 000-word budget runs out after at most ~700 calls (well before wasmi's own call limit).
    let extra = r#"(func $down (param i32) (result i32) (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
        i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
        (if (result i32) (i32.eqz (local.get 0))
            (then (i32.const 0))
            (else (call $down (i32.sub (local.get 0) (i32.const 1))))))"#;
    let activated = activate_wat(&program("(call $down (local.get 0))", extra)).expect("ok");
    let shallow = run(&activated.instrumented, 10, u64::MAX / 2, STACK);
    assert_eq!(shallow.result, Some(0));
    assert_eq!(shallow.stack_left, STACK);
    let deep = run(&activated.instrumented, 5_000, u64::MAX / 2, STACK);
    assert_eq!(deep.result, None);
    assert_eq!(deep.ink_status, 0, "it ran out of stack, not ink");
    assert_eq!(deep.stack_left, 0);
}
