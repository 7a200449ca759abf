//! The vault's stake over time, so that a slash takes at most what was at stake at its capture
//! (issue 11; the rule and its proof are in [`crate::math::stake`]).

use alloc::{vec, vec::Vec};

use alloy_primitives::U256;
use restaking_common::{checkpoints::MAX_VALUE, trace::Trace};
use stylus_sdk::prelude::*;

use crate::{
    RestakingVault,
    errors::{Error, overflow},
    math::stake,
};

/// The three histories of [`crate::math::stake`]; at most one checkpoint per timestamp each.
#[storage]
pub struct StakeHistory {
    /// Active assets, with the rewards vested by the time of the write.
    active: Trace,
    /// Assets of the bucket of the requests made in the epoch of the write.
    requested: Trace,
    /// Total slashed since deployment.
    slashed: Trace,
}

/// Writes `value` at `now`, capped at [`MAX_VALUE`]: a stake that large is recorded as
/// `2^192 - 1`, which can only lower what a slash may take.
fn record(trace: &mut Trace, now: u64, value: U256) -> Result<(), Error> {
    // `write` only fails for a value above MAX_VALUE (capped here) or a full history (2^64
    // checkpoints, unreachable).
    if trace.write(now, now, value.min(MAX_VALUE)) {
        Ok(())
    } else {
        Err(overflow())
    }
}

impl RestakingVault {
    /// Records the active stake as it is now (deposits, mints, requests, slashes).
    pub(crate) fn record_active(&mut self) -> Result<(), Error> {
        let value = self.total_assets_now()?;
        let now = self.now();
        record(&mut self.stake_history.active, now, value)
    }

    /// Records the assets of the bucket of this epoch's requests, `bucket` (requests,
    /// slashes).
    pub(crate) fn record_requested(&mut self, bucket: u64) -> Result<(), Error> {
        let (value, _) = self.bucket_state(bucket);
        let now = self.now();
        record(&mut self.stake_history.requested, now, value)
    }

    /// Adds `amount` to the total slashed.
    pub(crate) fn record_slashed(&mut self, amount: U256) -> Result<(), Error> {
        let now = self.now();
        let total = self
            .stake_history
            .slashed
            .value_at(now)
            .checked_add(amount)
            .filter(|total| *total <= MAX_VALUE)
            .ok_or_else(overflow)?;
        record(&mut self.stake_history.slashed, now, total)
    }

    /// The stake at `timestamp`: the active stake then and the requests of its epoch made by
    /// then. Zero for a timestamp in the future.
    pub(crate) fn stake_at_time(&self, timestamp: u64) -> U256 {
        if timestamp > self.now() {
            return U256::ZERO;
        }
        let history = &self.stake_history;
        stake::stake_at(
            &self.epochs(),
            timestamp,
            history.active.value_at(timestamp),
            history.requested.checkpoint_at(timestamp),
        )
    }

    /// What a slash captured at `capture` may take now, given what its pools hold now.
    pub(crate) fn slashable_at(&self, capture: u64, pools: U256) -> U256 {
        let slashed = &self.stake_history.slashed;
        stake::slashable(
            pools,
            self.stake_at_time(capture),
            slashed.value_at(self.now()),
            slashed.value_at(capture),
        )
    }
}
