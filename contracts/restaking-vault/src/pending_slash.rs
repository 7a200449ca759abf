//! Slashes requested against the vault and not yet closed (issue 11, Medium).
//!
//! A slash request is public for its whole veto window. While one is pending:
//! - deposits and mints wait (`RestakingVaultSlashPending`, `maxDeposit` / `maxMint` 0): an
//!   account that deposits after a request never pays for it, and nobody buys in at a price
//!   lowered by a request that is then vetoed (no free option);
//! - the price views (`convertToShares`, `convertToAssets`, `previewDeposit`, `previewMint`,
//!   `getRate`) value the active stake net of the most the pending slashes can take from it
//!   (they spread pro rata over the active stake and the slashable buckets; see
//!   [`RestakingVault::priced_assets`]), so the views never exceed what a share is worth once
//!   every pending slash executes, and a lender pricing collateral by them is not left with bad
//!   debt by the window;
//! - redemption requests go on at the full price: their bucket stays slashable, so they share
//!   an executed slash pro rata and lose nothing to a vetoed one.
//!
//! The slashing manager holds an amount when a request is made (`holdSlash`, with the request's
//! execution expiry) and releases it when the request is vetoed or cancelled before its expiry
//! (`releaseSlash`) or executed (`onSlash`). A request that expires can no longer execute: once
//! the latest expiry has passed, nothing counts as pending any more, and the manager never
//! releases an expired request (that would take its amount off a newer request's hold). Until
//! the latest expiry, an expired request's amount still counts: the figure is never below the
//! sum of the requests that can still execute.
//! Every operation is O(1).

use alloy_primitives::U256;
use alloy_sol_types::SolEvent;
use restaking_common::{
    abi_words::IntoWord,
    emit::emit_log,
    math::{Rounding, mul_div},
};
use stylus_sdk::prelude::*;

use crate::{
    RestakingVault,
    errors::{Error, RestakingVaultSlashPending, overflow},
    events::PendingSlashChanged,
};

impl RestakingVault {
    /// The amount pending now and the latest expiry: zero once that expiry has passed.
    pub(crate) fn pending_slash_now(&self) -> (U256, u64) {
        let until = self.pending_until.get().as_limbs()[0];
        if self.now() >= until {
            return (U256::ZERO, until);
        }
        (self.pending_slash.get(), until)
    }

    /// Fails with `RestakingVaultSlashPending` while a slash is pending.
    pub(crate) fn require_no_pending_slash(&self) -> Result<(), Error> {
        let (pending, until) = self.pending_slash_now();
        if !pending.is_zero() {
            return Err(Error::SlashPending(RestakingVaultSlashPending {
                pending,
                until,
            }));
        }
        Ok(())
    }

    /// What the price views value the shares' assets at: the total assets less the most the
    /// pending slashes can take from them.
    ///
    /// A slash of `p` takes `floor(p * pool / reached)` from each pool it reaches. A capture
    /// reaches fewer buckets the later it is (see [`crate::math::epochs`]), and every held
    /// request was captured at or before the latest hold, so each one still executable reaches
    /// at least the pools of a capture at `pending_since`: the active assets `a` and the
    /// buckets that capture reaches, `b` in all. The active assets therefore lose at most
    /// `ceil(p * a / (a + b))`, rounded up here against the holders. A redemption request
    /// moves assets from `a` into the bucket of this epoch's requests, always among those
    /// reached, at the full price, and leaves this price per share unchanged but for that
    /// rounding; the start of an epoch does not change `a + b` either (the bucket that joins
    /// is empty).
    pub(crate) fn priced_assets(&self) -> Result<U256, Error> {
        let active = self.total_assets_now()?;
        let (pending, _) = self.pending_slash_now();
        if pending.is_zero() {
            return Ok(active);
        }
        // While something is pending, `pending_since` is inside the slashable window: the
        // manager ends every request's execution by `capture + epochDuration`, within its
        // capture's window, and the latest expiry belongs to a hold made at or before
        // `pending_since`. Outside it, count the whole amount against the active assets.
        let since = self.pending_since.get().as_limbs()[0];
        let reached = self
            .slashable_pools(since)
            .map_or(active, |pools| crate::pool_sum(&pools));
        if reached.is_zero() {
            return Ok(U256::ZERO);
        }
        let loss = mul_div(pending, active, reached, Rounding::Up).ok_or_else(overflow)?;
        Ok(active.saturating_sub(loss))
    }

    /// Adds `amount` to the pending total, executable until `until` at the latest, for a
    /// request captured now or earlier.
    pub(crate) fn hold_pending(&mut self, amount: U256, until: u64) -> Result<(), Error> {
        let (stored, stored_until) = self.pending_slash_now();
        let pending = stored.checked_add(amount).ok_or_else(overflow)?;
        // Past the stored window nothing stored can execute any more: start again from zero,
        // and from this hold's expiry.
        let until = if stored.is_zero() {
            until
        } else {
            stored_until.max(until)
        };
        self.pending_since
            .set(alloy_primitives::Uint::from(self.now()));
        self.write_pending(pending, until);
        Ok(())
    }

    /// Removes `amount` from the pending total (stopping at zero: a release after the latest
    /// expiry may find it already cleared).
    pub(crate) fn release_pending(&mut self, amount: U256) {
        let pending = self.pending_slash.get().saturating_sub(amount);
        let until = self.pending_until.get().as_limbs()[0];
        self.write_pending(pending, until);
    }

    fn write_pending(&mut self, pending: U256, until: u64) {
        self.pending_slash.set(pending);
        self.pending_until.set(alloy_primitives::Uint::from(until));
        emit_log(
            self.vm(),
            &[PendingSlashChanged::SIGNATURE_HASH],
            &[pending.into_word(), until.into_word()],
        );
    }
}
