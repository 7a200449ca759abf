//! Issue 11 (Medium): pending slashes were invisible to pricing. A slash request is public for
//! its veto window, yet deposits went on at the pre-slash price (a depositor paid for a slash
//! it could see coming, or gained when it was vetoed) and `getRate` / `convertTo*` kept the
//! pre-slash price (a lender pricing collateral by them was left with bad debt). Now the
//! manager holds the amount on the vault while the request is pending: deposits wait, and
//! the price views count it as lost.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::U256;
use restaking_vault::{
    errors::{Error, RestakingVaultSlashPending, RestakingVaultZeroAmount},
    events::PendingSlashChanged,
    redemptions::IVaultRedemptions,
};
use support::*;

/// 0.1 of an 18-decimal asset (amounts stay within `u64`).
const UNIT: u64 = 100_000_000_000_000_000;
/// `getRate()` of an untouched vault.
const ONE: u64 = 1_000_000_000_000_000_000;

#[test]
fn deposits_wait_and_prices_are_net_while_a_slash_is_pending() {
    let mut f = deploy(true);
    f.at(START + 10);
    let shares = f.deposit(ALICE, 100 * UNIT, ALICE);
    let rate = f.vault.get_rate().unwrap();
    assert_eq!(rate, n(ONE));
    let until = START + 1_000;

    f.vm.set_sender(SLASHER);
    f.vault.hold_slash(n(30 * UNIT), START + 10, until).unwrap();
    let held = events::<PendingSlashChanged>(&f.host);
    let last = held.last().unwrap();
    assert_eq!((last.pending, last.until), (n(30 * UNIT), until));
    assert_eq!(f.vault.pending_slash(), (n(30 * UNIT), until));

    // The price views value the stake as if the slash had executed (70 of 100).
    let rate = f.vault.get_rate().unwrap();
    assert!(rate <= n(7 * ONE / 10), "{rate}");
    assert!(f.vault.convert_to_assets(shares).unwrap() <= n(70 * UNIT));
    // totalAssets is the books, not a price: unchanged.
    assert_eq!(f.vault.total_assets(), Ok(n(100 * UNIT)));
    // Deposits and mints wait; the max views say so.
    assert_eq!(f.vault.max_deposit(BOB), U256::ZERO);
    assert_eq!(f.vault.max_mint(BOB), U256::ZERO);
    f.vm.set_sender(BOB);
    f.vm.set_value(n(10 * UNIT));
    let refused = Error::SlashPending(RestakingVaultSlashPending {
        pending: n(30 * UNIT),
        until,
    });
    assert_eq!(f.vault.deposit(n(10 * UNIT), BOB), Err(refused.clone()));
    assert_eq!(f.vault.mint(n(10 * UNIT), BOB), Err(refused));
    f.vm.set_value(U256::ZERO);

    // Vetoed: released, the price is back, deposits go on.
    f.vm.set_sender(SLASHER);
    f.vault.release_slash(n(30 * UNIT)).unwrap();
    assert_eq!(f.vault.pending_slash(), (U256::ZERO, until));
    assert_eq!(f.vault.get_rate().unwrap(), n(ONE));
    f.deposit(BOB, 10 * UNIT, BOB);
}

/// CI found it (`all_invariants_erc20`): with a slash pending for the whole stake, the price
/// net of it is zero, and a large deposit failed pricing with `RestakingVaultMathOverflow`
/// before it was refused for the pending slash. Deposits now check that they are open first.
#[test]
fn a_deposit_while_the_whole_stake_is_held_is_refused_as_pending_not_as_an_overflow() {
    let mut f = deploy(true);
    f.at(START + 10);
    f.deposit(ALICE, 100 * UNIT, ALICE);
    let until = START + 1_000;
    f.vm.set_sender(SLASHER);
    f.vault
        .hold_slash(n(100 * UNIT), START + 10, until)
        .unwrap();
    // Priced at zero assets, 2^200 assets are worth more than 2^256 shares.
    let huge = U256::from(1) << 200;
    assert!(f.vault.preview_deposit(huge).is_err());
    let refused = Error::SlashPending(RestakingVaultSlashPending {
        pending: n(100 * UNIT),
        until,
    });
    f.vm.set_sender(BOB);
    assert_eq!(f.vault.deposit(huge, BOB), Err(refused.clone()));
    assert_eq!(
        f.vault.deposit_with_min_shares(huge, BOB, U256::ZERO),
        Err(refused.clone())
    );
    assert_eq!(f.vault.mint(huge, BOB), Err(refused));
}

#[test]
fn a_redemption_request_during_the_window_keeps_its_full_value_in_a_slashable_bucket() {
    let mut f = deploy(true);
    f.at(START + 10);
    let shares = f.deposit(ALICE, 100, ALICE);
    f.vm.set_sender(SLASHER);
    f.vault
        .hold_slash(n(50), START + 10, START + 1_000)
        .unwrap();
    f.request(ALICE, shares / n(2));
    // Booked at the full price: if the slash is vetoed, Alice loses nothing; if it executes,
    // the bucket shares it pro rata.
    assert_eq!(f.vault.withdrawal_bucket(1).0, n(50));
    f.vm.set_sender(SLASHER);
    f.expect_payout(RECIPIENT, n(50));
    assert_eq!(f.vault.on_slash(n(50), START + 10, RECIPIENT), Ok(n(50)));
    assert_eq!(f.vault.withdrawal_bucket(1).0, n(25));
    assert_eq!(f.vault.total_assets(), Ok(n(25)));
    // The execution released the amount.
    assert_eq!(f.vault.pending_slash().0, U256::ZERO);
}

/// The invariant test on the artifacts found the rate falling at the start of an epoch while
/// a slash was pending: the price counted only the bucket of the new epoch's requests (empty),
/// though a slash captured in the previous epoch also reaches the bucket of that epoch's
/// requests. Now the price counts the pools a capture at the latest hold reaches.
#[test]
fn a_pending_slash_does_not_lower_the_rate_when_an_epoch_starts() {
    let mut f = deploy(true);
    f.at(START + 10);
    let shares = f.deposit(ALICE, 100 * UNIT, ALICE);
    f.request(ALICE, shares / n(2));
    f.vm.set_sender(SLASHER);
    f.vault
        .hold_slash(n(30 * UNIT), START + 10, START + EPOCH + 100)
        .unwrap();
    // 30 of 100 spread over the 50 active and the 50 requested: the active lose 15.
    let rate = f.vault.get_rate().unwrap();
    assert_eq!(rate, n(7 * ONE / 10));
    f.at(START + EPOCH);
    assert_eq!(f.vault.get_rate().unwrap(), rate);
    // And it is what a holder gets when the slash executes in the new epoch.
    f.vm.set_sender(SLASHER);
    f.expect_payout(RECIPIENT, n(30 * UNIT));
    assert_eq!(
        f.vault.on_slash(n(30 * UNIT), START + 10, RECIPIENT),
        Ok(n(30 * UNIT))
    );
    assert_eq!(f.vault.get_rate().unwrap(), rate);
    // A hold in the new epoch may be captured in it, and then reaches only the bucket of the
    // new epoch's requests (empty): the active assets count it whole.
    f.vm.set_sender(SLASHER);
    f.vault
        .hold_slash(n(7 * UNIT), START + EPOCH, START + EPOCH + 200)
        .unwrap();
    assert_eq!(f.vault.get_rate().unwrap(), n(ONE / 50 * 28));
}

#[test]
fn nothing_is_pending_after_the_latest_expiry() {
    let mut f = deploy(true);
    f.at(START + 10);
    f.deposit(ALICE, 100, ALICE);
    f.vm.set_sender(SLASHER);
    f.vault.hold_slash(n(10), START + 10, START + 100).unwrap();
    f.vault.hold_slash(n(10), START + 10, START + 50).unwrap();
    assert_eq!(f.vault.pending_slash(), (n(20), START + 100));
    f.at(START + 99);
    assert_eq!(f.vault.max_deposit(BOB), U256::ZERO);
    assert_eq!(f.vault.pending_slash().0, n(20));
    f.at(START + 100);
    assert_eq!(f.vault.pending_slash().0, U256::ZERO);
    f.deposit(BOB, 10, BOB);
    // A new hold after the expiry starts from zero, not from the stale figure.
    f.vm.set_sender(SLASHER);
    f.vault.hold_slash(n(5), START + 100, START + 200).unwrap();
    assert_eq!(f.vault.pending_slash(), (n(5), START + 200));
}

#[test]
fn only_the_slasher_holds_and_releases_and_never_zero() {
    let mut f = deploy(true);
    for account in [ALICE, CURATOR, ADMIN] {
        f.vm.set_sender(account);
        assert!(matches!(
            f.vault.hold_slash(n(1), START, START + 10),
            Err(Error::UnauthorizedAccount(_))
        ));
        assert!(matches!(
            f.vault.release_slash(n(1)),
            Err(Error::UnauthorizedAccount(_))
        ));
    }
    f.vm.set_sender(SLASHER);
    let zero = Error::ZeroAmount(RestakingVaultZeroAmount {});
    assert_eq!(
        f.vault.hold_slash(U256::ZERO, START, START + 10),
        Err(zero.clone())
    );
    assert_eq!(f.vault.release_slash(U256::ZERO), Err(zero));
    assert_eq!(f.vault.pending_slash().0, U256::ZERO);
}

/// Issue 12: `holdSlash` answers what a slash request needs from the vault (its slashable
/// stake for the capture and its epoch duration), so the manager enters the vault once per
/// request; and the hold never lasts beyond the last moment a slash of the capture may
/// execute, whatever `until` the manager asks for.
#[test]
fn a_hold_answers_the_slashable_stake_and_ends_with_the_capture_window() {
    let mut f = deploy(true);
    f.at(START + 10);
    f.deposit(ALICE, 100 * UNIT, ALICE);
    f.at(START + 20);
    let slashable = f.vault.slashable_stake(START + 10);
    assert_eq!(slashable, n(100 * UNIT));
    f.vm.set_sender(SLASHER);
    assert_eq!(
        f.vault
            .hold_slash(n(UNIT), START + 10, START + 10 + 2 * EPOCH),
        Ok((slashable, EPOCH))
    );
    assert_eq!(f.vault.pending_slash(), (n(UNIT), START + 10 + EPOCH + 1));
    // An earlier `until` is kept as it is.
    assert_eq!(
        f.vault.hold_slash(n(UNIT), START + 20, START + 500),
        Ok((slashable, EPOCH))
    );
    assert_eq!(
        f.vault.pending_slash(),
        (n(2 * UNIT), START + 10 + EPOCH + 1)
    );
    // A capture before the first deposit has nothing slashable: the vault says so and holds
    // anyway; the manager then refuses the request, which reverts the hold.
    assert_eq!(
        f.vault.hold_slash(n(UNIT), START + 5, START + 100),
        Ok((U256::ZERO, EPOCH))
    );
}
