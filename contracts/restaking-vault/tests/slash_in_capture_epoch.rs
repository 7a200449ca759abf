//! Regression: a slash captured in the CURRENT epoch once zeroed the whole active stake.
//! `slashable_pools` stands in for the not-yet-reached current bucket with an empty `None`
//! pool, which `on_slash` read as "the active stake" and wrote `0 - 0` over it. `on_slash` now
//! skips pools that lose nothing.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::U256;
use support::*;

#[test]
fn a_slash_captured_in_the_current_epoch_takes_only_its_part_of_the_active_stake() {
    let mut f = deploy(true);
    f.deposit(ALICE, 400, ALICE);
    f.vm.set_sender(SLASHER);
    f.expect_payout(RECIPIENT, n(1));
    assert_eq!(f.vault.on_slash(n(1), START, RECIPIENT), Ok(n(1)));
    assert_eq!(f.vault.total_assets(), Ok(n(399)));
    assert_eq!(f.vault.slashable_stake(START), n(399));
    assert!(f.vault.get_rate().unwrap() > U256::ZERO);
}
