//! Slashing (pro rata over the active stake and the still-slashable buckets, claimable
//! buckets untouched, only the slasher) and rewards (fee, linear vesting, no rate jump).
#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, U256};
use restaking_common::access_control::AccessControlUnauthorizedAccount;
use restaking_vault::{
    SLASHER_ROLE,
    errors::*,
    events::{RewardsDistributed, Slashed},
    redemptions::IVaultRedemptions,
};
use support::*;

#[test]
fn a_slash_takes_pro_rata_from_active_stake_and_slashable_buckets_only() {
    let mut f = deploy(true);
    f.deposit(ALICE, 1_000, ALICE);
    f.deposit(BOB, 1_000, BOB);
    f.request(ALICE, n(400)); // epoch 0 -> bucket 1, claimable from epoch 2
    f.at(START + EPOCH + 10);
    f.request(BOB, n(200)); // epoch 1 -> bucket 2
    f.at(START + 2 * EPOCH + 10); // epoch 2: bucket 1 is claimable, bucket 2 is not

    // Captured in epoch 1: reaches the active stake (1_400) and bucket 2 (200), not bucket 1.
    assert_eq!(f.vault.slashable_stake(START + EPOCH + 5), n(1_600));
    f.vm.set_sender(SLASHER);
    f.expect_payout(RECIPIENT, n(800));
    assert_eq!(
        f.vault.on_slash(n(800), START + EPOCH + 5, RECIPIENT),
        Ok(n(800))
    );
    // Half of everything slashable went: active 1_400 -> 700, bucket 2: 200 -> 100.
    assert_eq!(f.vault.total_assets(), Ok(n(700)));
    assert_eq!(f.vault.max_withdraw(ALICE), n(400)); // claimable bucket untouched
    let slashed = events::<Slashed>(&f.host).pop().unwrap();
    assert_eq!(
        (slashed.recipient, slashed.requested, slashed.slashed),
        (RECIPIENT, n(800), n(800))
    );

    f.at(START + 3 * EPOCH);
    assert_eq!(f.vault.max_withdraw(BOB), n(100));
    // The rate dropped pro rata: 1_400 shares now worth 700.
    assert_eq!(f.vault.convert_to_assets(n(1_400)), Ok(n(700)));
}

#[test]
fn a_slash_never_takes_more_than_there_is() {
    let mut f = deploy(true);
    f.deposit(ALICE, 1_000, ALICE);
    f.vm.set_sender(SLASHER);
    f.expect_payout(RECIPIENT, n(1_000));
    assert_eq!(f.vault.on_slash(n(5_000), START, RECIPIENT), Ok(n(1_000)));
    assert_eq!(f.vault.total_assets(), Ok(U256::ZERO));
    assert_eq!(f.vault.slashable_stake(START), U256::ZERO);
}

#[test]
fn bad_slashes_are_rejected_and_change_nothing() {
    let mut f = deploy(true);
    f.deposit(ALICE, 1_000, ALICE);
    let logs = log_count(&f.host);
    f.vm.set_sender(ALICE);
    assert_eq!(
        f.vault.on_slash(n(1), START, RECIPIENT),
        Err(Error::UnauthorizedAccount(
            AccessControlUnauthorizedAccount {
                account: ALICE,
                neededRole: SLASHER_ROLE
            }
        ))
    );
    f.vm.set_sender(SLASHER);
    assert_eq!(
        f.vault.on_slash(U256::ZERO, START, RECIPIENT),
        Err(Error::ZeroAmount(RestakingVaultZeroAmount {}))
    );
    assert_eq!(
        f.vault.on_slash(n(1), START, Address::ZERO),
        Err(Error::ZeroAddress(RestakingVaultZeroAddress {}))
    );
    // In the future, and older than the previous epoch.
    assert_eq!(
        f.vault.on_slash(n(1), START + 1, RECIPIENT),
        Err(Error::InvalidCapture(RestakingVaultInvalidCapture {
            captureTimestamp: START + 1
        }))
    );
    f.at(START + 2 * EPOCH);
    assert_eq!(f.vault.slashable_stake(START + EPOCH - 1), U256::ZERO);
    assert_eq!(
        f.vault.on_slash(n(1), START + EPOCH - 1, RECIPIENT),
        Err(Error::InvalidCapture(RestakingVaultInvalidCapture {
            captureTimestamp: START + EPOCH - 1
        }))
    );
    assert_eq!(f.vault.total_assets(), Ok(n(1_000)));
    assert_eq!(log_count(&f.host), logs);
}

#[test]
fn rewards_vest_linearly_after_the_fee() {
    let mut f = deploy(true);
    f.deposit(ALICE, 1_000, ALICE);
    let rate_before = f.vault.get_rate().unwrap();
    f.vm.set_sender(BOB);
    f.vm.set_value(n(1_000));
    f.expect_payout(TREASURY, n(100)); // 10% fee
    f.vault.distribute_rewards(n(1_000)).unwrap();
    f.vm.set_value(U256::ZERO);
    let event = events::<RewardsDistributed>(&f.host).pop().unwrap();
    assert_eq!(
        (event.payer, event.amount, event.fee, event.vestingEnd),
        (BOB, n(1_000), n(100), START + VESTING)
    );

    // No jump: the rate is unchanged in the same block, then rises gradually.
    assert_eq!(f.vault.get_rate(), Ok(rate_before));
    assert_eq!(f.vault.unvested_rewards(), n(900));
    f.at(START + VESTING / 2);
    assert_eq!(f.vault.total_assets(), Ok(n(1_450)));
    let halfway = f.vault.get_rate().unwrap();
    assert!(halfway > rate_before);
    f.at(START + VESTING);
    assert_eq!(f.vault.total_assets(), Ok(n(1_900)));
    assert!(f.vault.get_rate().unwrap() > halfway);
    f.at(START + 10 * VESTING);
    assert_eq!(f.vault.total_assets(), Ok(n(1_900)));
    assert_eq!(f.vault.unvested_rewards(), U256::ZERO);
}

#[test]
fn bad_reward_payments_are_rejected() {
    let mut f = deploy(true);
    f.vm.set_sender(BOB);
    f.vm.set_value(n(10));
    // Nobody to reward yet.
    assert_eq!(
        f.vault.distribute_rewards(n(10)),
        Err(Error::ZeroShares(RestakingVaultZeroShares {}))
    );
    f.vm.set_value(U256::ZERO);
    f.deposit(ALICE, 1_000, ALICE);
    f.vm.set_sender(BOB);
    assert_eq!(
        f.vault.distribute_rewards(U256::ZERO),
        Err(Error::ZeroAmount(RestakingVaultZeroAmount {}))
    );
    f.vm.set_value(n(9));
    assert_eq!(
        f.vault.distribute_rewards(n(10)),
        Err(Error::InvalidValue(RestakingVaultInvalidValue {
            value: n(9),
            expected: n(10)
        }))
    );
    assert_eq!(f.vault.unvested_rewards(), U256::ZERO);
}
