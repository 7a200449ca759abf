//! Issue 11 (High): a slash once took stake that arrived after its capture, because
//! `slashableStake(capture)` was computed from the stake as it is NOW. The vault now keeps the
//! history of its stake (`stakeAt`) and bounds every slash by the stake at the capture less
//! what was slashed since.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use restaking_vault::redemptions::IVaultRedemptions;
use support::*;

#[test]
fn a_slash_cannot_take_deposits_made_after_its_capture() {
    let mut f = deploy(true);
    let capture = START + 100;
    f.at(START + 50);
    f.deposit(ALICE, 100, ALICE);
    f.at(capture + 10);
    f.deposit(BOB, 100, BOB);

    assert_eq!(f.vault.stake_at(START + 49), n(0));
    assert_eq!(f.vault.stake_at(capture), n(100));
    assert_eq!(f.vault.stake_at(capture + 10), n(200));
    // Today's pools hold 200; only Alice's 100 was at stake at the capture.
    assert_eq!(f.vault.slashable_stake(capture), n(100));

    f.vm.set_sender(SLASHER);
    f.expect_payout(RECIPIENT, n(100));
    assert_eq!(f.vault.on_slash(n(150), capture, RECIPIENT), Ok(n(100)));
    assert_eq!(f.vault.total_assets(), Ok(n(100)));
    // Spent: nothing more for this capture, nor for any earlier one; the past is unchanged.
    assert_eq!(f.vault.slashable_stake(capture), n(0));
    assert_eq!(f.vault.slashable_stake(START + 60), n(0));
    assert_eq!(f.vault.stake_at(capture), n(100));
    // A capture after the slash sees the stake left by it.
    f.at(capture + 20);
    assert_eq!(f.vault.slashable_stake(capture + 20), n(100));
}

#[test]
fn a_request_stays_at_stake_until_its_epoch_ends() {
    let mut f = deploy(true);
    f.at(START + 10);
    let shares = f.deposit(ALICE, 100, ALICE);
    f.at(START + 20);
    f.request(ALICE, shares / n(4));
    let (requested, _) = f.vault.withdrawal_bucket(1);
    assert_eq!(requested, n(25));
    // Moved from the active stake to this epoch's bucket: the same stake.
    assert_eq!(f.vault.stake_at(START + 20), n(100));
    assert_eq!(f.vault.stake_at(START + 10), n(100));
    // In the next epoch the bucket is no longer at stake for new captures, but still for
    // captures of the epoch it was requested in.
    let next_epoch = START + EPOCH;
    f.at(next_epoch + 5);
    assert_eq!(f.vault.stake_at(next_epoch), n(75));
    assert_eq!(f.vault.slashable_stake(next_epoch), n(75));
    assert_eq!(f.vault.slashable_stake(START + 20), n(100));
}
