//! The vault's books: active assets, vested rewards, and conversions between assets and
//! shares at the current rate.
//!
//! `totalAssets = activeAssets + rewards vested since the last settlement`. It never reads the
//! vault's balance, so assets sent to the vault outside `deposit`/`mint`/`distributeRewards`
//! are ignored and cannot move the rate.

use alloy_primitives::U256;
use restaking_common::math::Rounding;
use stylus_sdk::prelude::*;

use crate::{
    RestakingVault,
    errors::{Error, overflow},
    math::{
        epochs::Epochs,
        shares::{to_assets, to_shares},
        vesting::Vesting,
    },
};

impl RestakingVault {
    /// The current block timestamp.
    pub(crate) fn now(&self) -> u64 {
        self.vm().block_timestamp()
    }

    /// The epoch schedule.
    pub(crate) fn epochs(&self) -> Epochs {
        Epochs {
            start: self.epoch_start.get().as_limbs()[0],
            duration: self.epoch_duration.get().as_limbs()[0],
        }
    }

    /// The rewards still vesting.
    pub(crate) fn vesting(&self) -> Vesting {
        Vesting {
            unvested: self.unvested_rewards.get(),
            last: self.vesting_last.get().as_limbs()[0],
            end: self.vesting_end.get().as_limbs()[0],
        }
    }

    pub(crate) fn set_vesting(&mut self, vesting: Vesting) {
        self.unvested_rewards.set(vesting.unvested);
        self.vesting_last
            .set(alloy_primitives::Uint::from(vesting.last));
        self.vesting_end
            .set(alloy_primitives::Uint::from(vesting.end));
    }

    /// Active assets plus the rewards vested by now.
    ///
    /// # Errors
    /// `RestakingVaultMathOverflow` when the sum does not fit in 256 bits.
    pub(crate) fn total_assets_now(&self) -> Result<U256, Error> {
        self.active_assets
            .get()
            .checked_add(self.vesting().vested(self.now()))
            .ok_or_else(overflow)
    }

    /// Moves the rewards vested by now into the active assets.
    pub(crate) fn settle_vesting(&mut self) -> Result<(), Error> {
        let (vested, rest) = self.vesting().settle(self.now());
        let active = self
            .active_assets
            .get()
            .checked_add(vested)
            .ok_or_else(overflow)?;
        self.active_assets.set(active);
        self.set_vesting(rest);
        Ok(())
    }

    /// Shares worth `assets` at the price: net of pending slashes ([`crate::pending_slash`]).
    pub(crate) fn shares_for(&self, assets: U256, rounding: Rounding) -> Result<U256, Error> {
        to_shares(
            assets,
            self.priced_assets()?,
            self.total_shares.get(),
            rounding,
        )
        .ok_or_else(overflow)
    }

    /// Assets worth `shares` at the price: net of pending slashes ([`crate::pending_slash`]).
    pub(crate) fn assets_for(&self, shares: U256, rounding: Rounding) -> Result<U256, Error> {
        to_assets(
            shares,
            self.priced_assets()?,
            self.total_shares.get(),
            rounding,
        )
        .ok_or_else(overflow)
    }

    /// Assets `shares` take out of the active stake into a withdrawal bucket, rounded down:
    /// their part of all the active assets. Pending slashes are not deducted, since the bucket
    /// stays slashable and shares an executed slash pro rata.
    pub(crate) fn assets_requested(&self, shares: U256) -> Result<U256, Error> {
        to_assets(
            shares,
            self.total_assets_now()?,
            self.total_shares.get(),
            Rounding::Down,
        )
        .ok_or_else(overflow)
    }

    /// Assets that may still be deposited: 0 when deposits are paused, a slash is pending or
    /// the cap is reached. Never fails.
    pub(crate) fn max_deposit_now(&self) -> U256 {
        if self.pausable.is_paused(crate::FLOW_DEPOSIT) || !self.pending_slash_now().0.is_zero() {
            return U256::ZERO;
        }
        self.cap_room()
    }

    /// Assets the deposit cap still admits. Never fails.
    pub(crate) fn cap_room(&self) -> U256 {
        match self.total_assets_now() {
            Ok(total) => self.deposit_cap.get().saturating_sub(total),
            Err(_) => U256::ZERO,
        }
    }

    /// What `maxDeposit` reports: [`Self::max_deposit_now`], or 0 when that room is below the
    /// minimum deposit, since no deposit could then succeed (ERC-4626: `deposit(maxDeposit)`
    /// must not revert for a reason the view knew).
    pub(crate) fn max_deposit_view(&self) -> U256 {
        let room = self.max_deposit_now();
        if room < self.min_deposit.get() {
            return U256::ZERO;
        }
        room
    }
}
