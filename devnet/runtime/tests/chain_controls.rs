//! The `Chain` controls tests rely on: time and block number as programs see them,
//! snapshots and revert, funding, and calls that commit nothing.

mod common;

use common::*;
use revm::primitives::U256;

#[test]
fn time_and_blocks_move_as_told() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let start = chain.timestamp();
    chain.advance_time(3600);
    assert_eq!(
        le_u64(&ok(&send(
            &mut chain,
            probe,
            probe_call(Op::Timestamp, &[])
        ))),
        start + 3600
    );
    let number = chain.block_number();
    assert_eq!(
        le_u64(&ok(&send(&mut chain, probe, probe_call(Op::Number, &[])))),
        number
    );
    assert_eq!(chain.block_number(), number + 1);
    // A view does not make a block.
    let seen = le_u64(&ok(&view(&mut chain, probe, probe_call(Op::Number, &[]))));
    assert_eq!(seen, number + 1);
    assert_eq!(chain.block_number(), number + 1);
}

#[test]
fn snapshots_restore_state_time_and_blocks() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let first = chain.snapshot();
    let (number, time) = (chain.block_number(), chain.timestamp());
    ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Store, &[&word(1), &word(1)]),
    ));
    let second = chain.snapshot();
    ok(&send(
        &mut chain,
        probe,
        probe_call(Op::Store, &[&word(1), &word(2)]),
    ));
    chain.advance_time(99);
    chain.fund(BOB, U256::from(5));
    assert!(chain.revert_to(second));
    assert_eq!(chain.storage(probe, U256::from(1)), U256::from(1));
    assert!(chain.revert_to(first));
    assert_eq!(chain.storage(probe, U256::from(1)), U256::ZERO);
    assert_eq!((chain.block_number(), chain.timestamp()), (number, time));
    // Reverting drops the snapshot and every later one.
    assert!(!chain.revert_to(second));
    assert!(!chain.revert_to(first));
}

#[test]
fn fund_adds_and_views_commit_nothing() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let before = chain.balance(BOB);
    chain.fund(BOB, U256::from(7));
    chain.fund(BOB, U256::from(3));
    assert_eq!(chain.balance(BOB), before + U256::from(10));
    ok(&view(
        &mut chain,
        probe,
        probe_call(Op::Store, &[&word(4), &word(4)]),
    ));
    assert_eq!(chain.storage(probe, U256::from(4)), U256::ZERO);
}
