//! Redeem requests and withdrawal buckets.
//!
//! A request burns the owner's shares at once and books their value in assets into the bucket
//! of the next epoch; from then on the request no longer earns rewards, but it stays
//! slashable until the bucket becomes claimable.
//!
//! A bucket is priced like a small vault of its own: it holds `assets` and has issued `units`
//! to the requests in it. A request of `a` assets receives `a * units / assets` units (rounded
//! down; `a` units when the bucket is empty), a slash lowers `assets` and so the value of every
//! unit pro rata, in O(1), and a claim of `u` units pays `u * assets / units` (rounded down).
//! Requests arriving after a slash are priced at the slashed rate, so they do not share a loss
//! that happened before them.
//!
//! Each controller has two request slots. Requests made at time `t` go into bucket
//! `epoch(t) + 1` and a bucket is claimable once its epoch has ended, so the unclaimable
//! requests of a controller always fit in two slots; a third bucket needs a claimable request
//! to be claimed first (`RestakingVaultTooManyRequests`). Every operation is O(1) in the number
//! of holders and requests.

use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, U256};
use restaking_common::math::{Rounding, mul_div};
use stylus_sdk::{
    prelude::*,
    storage::{StorageArray, StorageU64, StorageU256},
};

use crate::{
    RestakingVault,
    errors::{Error, RestakingVaultTooManyRequests, overflow},
};

/// One withdrawal bucket.
#[storage]
pub struct Bucket {
    /// Assets owed to the bucket's requests, after slashing and claims.
    pub(crate) assets: StorageU256,
    /// Units issued to the bucket's requests and not yet claimed.
    pub(crate) units: StorageU256,
}

/// One request of a controller.
#[storage]
pub struct RequestSlot {
    /// The bucket (request id); 0 when the slot is free (requests never go to bucket 0).
    pub(crate) bucket: StorageU64,
    /// Shares the request burned, not yet claimed.
    pub(crate) shares: StorageU256,
    /// Units of the bucket the request holds.
    pub(crate) units: StorageU256,
}

/// The two request slots of a controller.
#[storage]
pub struct ControllerRequests {
    pub(crate) slots: StorageArray<RequestSlot, 2>,
}

/// A request as read from storage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Request {
    pub(crate) bucket: u64,
    pub(crate) shares: U256,
    pub(crate) units: U256,
}

/// What a claim takes from a request and pays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Take {
    pub(crate) shares: U256,
    pub(crate) units: U256,
    pub(crate) assets: U256,
}

/// Units of a bucket holding `assets` with `units` issued that `added` assets receive,
/// rounded down.
pub(crate) fn units_for(added: U256, assets: U256, units: U256) -> Option<U256> {
    if units.is_zero() {
        Some(added)
    } else if assets.is_zero() {
        // Every earlier unit was slashed to nothing: the newcomer's units dwarf them, and the
        // earlier holders' share of the newcomer's assets stays below one unit of the asset.
        added.checked_mul(units)
    } else {
        mul_div(added, units, assets, Rounding::Down)
    }
}

/// Value of `taken` units of a bucket, rounded down.
pub(crate) fn value_of(taken: U256, assets: U256, units: U256) -> U256 {
    if units.is_zero() {
        return U256::ZERO;
    }
    // taken <= units, so the result is at most `assets` and fits.
    mul_div(taken, assets, units, Rounding::Down).unwrap_or(U256::ZERO)
}

/// What redeeming `shares` of `request` takes, in a bucket of `assets` and `units`.
pub(crate) fn take_shares(request: Request, shares: U256, assets: U256, units: U256) -> Take {
    let taken_units = if shares >= request.shares {
        request.units
    } else {
        // shares < request.shares: below request.units, rounded down (the vault keeps dust).
        mul_div(shares, request.units, request.shares, Rounding::Down).unwrap_or(U256::ZERO)
    };
    Take {
        shares: shares.min(request.shares),
        units: taken_units,
        assets: value_of(taken_units, assets, units),
    }
}

/// What withdrawing `wanted` assets from `request` takes, in a bucket of `assets` and `units`.
/// Takes the whole request when it is worth at most `wanted`.
pub(crate) fn take_assets(request: Request, wanted: U256, assets: U256, units: U256) -> Take {
    let whole = value_of(request.units, assets, units);
    if wanted >= whole {
        return Take {
            shares: request.shares,
            units: request.units,
            assets: whole,
        };
    }
    // wanted < whole <= request.units * assets / units, so `assets` is positive and the units
    // and shares needed, rounded up (in the vault's favour), stay within the request.
    let taken_units = mul_div(wanted, units, assets, Rounding::Up)
        .unwrap_or(request.units)
        .min(request.units);
    // The request's shares (its ERC-7540 count; what it pays is its units' value) rounded up,
    // but the last share stays while units are left: a request with no shares is dropped,
    // and its units would stay in the bucket with no owner. A one-share request worth 57
    // lost 56 to a withdrawal of 1 that way (the vault's invariant tests found it).
    let taken_shares = if taken_units < request.units {
        mul_div(taken_units, request.shares, request.units, Rounding::Up)
            .unwrap_or(request.shares)
            .min(request.shares.saturating_sub(U256::from(1)))
    } else {
        request.shares
    };
    Take {
        shares: taken_shares,
        units: taken_units,
        assets: wanted,
    }
}

impl RestakingVault {
    /// The request in slot `index` of `controller`.
    pub(crate) fn request(&self, controller: Address, index: usize) -> Request {
        let requests = self.requests.getter(controller);
        match requests.slots.getter(index) {
            Some(slot) => Request {
                bucket: slot.bucket.get().as_limbs()[0],
                shares: slot.shares.get(),
                units: slot.units.get(),
            },
            None => Request::default(),
        }
    }

    /// Both requests of `controller`.
    pub(crate) fn requests_of(&self, controller: Address) -> [Request; 2] {
        [self.request(controller, 0), self.request(controller, 1)]
    }

    /// The slot for a new request of `controller` into `bucket`.
    ///
    /// # Errors
    /// [`RestakingVaultTooManyRequests`] when both slots hold other buckets.
    pub(crate) fn slot_for(&self, controller: Address, bucket: u64) -> Result<usize, Error> {
        let requests = self.requests_of(controller);
        if let Some(index) = requests.iter().position(|r| r.bucket == bucket) {
            return Ok(index);
        }
        if let Some(index) = requests.iter().position(|r| r.bucket == 0) {
            return Ok(index);
        }
        let oldest = requests[0].bucket.min(requests[1].bucket);
        Err(Error::TooManyRequests(RestakingVaultTooManyRequests {
            claimableRequestId: U256::from(oldest),
        }))
    }

    /// Adds `shares` worth `assets` to `controller`'s request in slot `index`, for `bucket`.
    pub(crate) fn add_request(
        &mut self,
        controller: Address,
        index: usize,
        bucket: u64,
        shares: U256,
        assets: U256,
    ) -> Result<(), Error> {
        let (bucket_assets, bucket_units) = self.bucket_state(bucket);
        let units = units_for(assets, bucket_assets, bucket_units).ok_or_else(overflow)?;
        let new_bucket_assets = bucket_assets.checked_add(assets).ok_or_else(overflow)?;
        let new_bucket_units = bucket_units.checked_add(units).ok_or_else(overflow)?;
        let request = self.request(controller, index);
        let new_shares = request.shares.checked_add(shares).ok_or_else(overflow)?;
        let new_units = request.units.checked_add(units).ok_or_else(overflow)?;

        let mut stored = self.buckets.setter(bucket);
        stored.assets.set(new_bucket_assets);
        stored.units.set(new_bucket_units);
        self.write_request(
            controller,
            index,
            Request {
                bucket,
                shares: new_shares,
                units: new_units,
            },
        );
        Ok(())
    }

    /// `(assets, units)` of `bucket`.
    pub(crate) fn bucket_state(&self, bucket: u64) -> (U256, U256) {
        let stored = self.buckets.getter(bucket);
        (stored.assets.get(), stored.units.get())
    }

    /// Removes `take` from `controller`'s request in slot `index` and from its bucket.
    pub(crate) fn apply_take(&mut self, controller: Address, index: usize, take: Take) {
        let request = self.request(controller, index);
        let (assets, units) = self.bucket_state(request.bucket);
        // Each take is bounded by the request (shares, units) and by the bucket's value of
        // those units (assets), so none of these subtractions can underflow.
        let mut stored = self.buckets.setter(request.bucket);
        stored.assets.set(assets.saturating_sub(take.assets));
        stored.units.set(units.saturating_sub(take.units));
        let shares = request.shares.saturating_sub(take.shares);
        let left = if shares.is_zero() {
            Request::default()
        } else {
            Request {
                bucket: request.bucket,
                shares,
                units: request.units.saturating_sub(take.units),
            }
        };
        self.write_request(controller, index, left);
    }

    fn write_request(&mut self, controller: Address, index: usize, request: Request) {
        let mut requests = self.requests.setter(controller);
        if let Some(mut slot) = requests.slots.setter(index) {
            slot.bucket
                .set(alloy_primitives::Uint::from(request.bucket));
            slot.shares.set(request.shares);
            slot.units.set(request.units);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn n(x: u64) -> U256 {
        U256::from(x)
    }

    #[test]
    fn first_request_gets_units_one_to_one() {
        assert_eq!(units_for(n(100), n(0), n(0)), Some(n(100)));
    }

    #[test]
    fn requests_after_a_slash_do_not_share_the_loss() {
        // 100 assets requested, slashed to 50; a new request of 100 gets 200 units.
        let units = units_for(n(100), n(50), n(100)).unwrap();
        assert_eq!(units, n(200));
        // Bucket: 150 assets, 300 units: the first request is worth 50, the second 100.
        assert_eq!(value_of(n(100), n(150), n(300)), n(50));
        assert_eq!(value_of(n(200), n(150), n(300)), n(100));
    }

    #[test]
    fn partial_withdraw_rounds_against_the_claimant() {
        let request = Request {
            bucket: 3,
            shares: n(90),
            units: n(100),
        };
        // Bucket of 70 assets for 100 units: the request is worth 70.
        let take = take_assets(request, n(35), n(70), n(100));
        assert_eq!(take.assets, n(35));
        assert_eq!(take.units, n(50));
        assert_eq!(take.shares, n(45));
        let whole = take_assets(request, n(1_000), n(70), n(100));
        assert_eq!(
            (whole.assets, whole.units, whole.shares),
            (n(70), n(100), n(90))
        );
    }

    #[test]
    fn a_partial_withdraw_keeps_a_share_while_units_are_left() {
        // One share, 16 units, worth 57: withdrawing 1 takes 1 unit (rounded up) and no
        // share, so the rest stays claimable.
        let request = Request {
            bucket: 3,
            shares: n(1),
            units: n(16),
        };
        let take = take_assets(request, n(1), n(57), n(16));
        assert_eq!((take.assets, take.units, take.shares), (n(1), n(1), n(0)));
        // Rounded up to every unit: the whole request, shares included.
        let take = take_assets(request, n(54), n(57), n(16));
        assert_eq!((take.assets, take.units, take.shares), (n(54), n(16), n(1)));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Claims, in any split, never pay more than the bucket holds.
        #[test]
        fn claims_never_exceed_the_bucket(
            requests in proptest::collection::vec(1u64..1_000_000, 1..6),
            slash_bps in 0u64..=10_000,
            partial in 1u64..1_000_000,
        ) {
            let mut assets = U256::ZERO;
            let mut units = U256::ZERO;
            let mut held = Vec::new();
            for a in &requests {
                let u = units_for(n(*a), assets, units).unwrap();
                assets += n(*a);
                units += u;
                held.push(u);
            }
            let slashed = assets * n(slash_bps) / n(10_000);
            assets -= slashed;
            let mut paid = U256::ZERO;
            for (i, u) in held.iter().enumerate() {
                let request = Request { bucket: 1, shares: n(requests[i]), units: *u };
                let take = if i == 0 {
                    take_assets(request, n(partial), assets, units)
                } else {
                    take_shares(request, request.shares, assets, units)
                };
                prop_assert!(take.assets <= assets);
                prop_assert!(take.units <= request.units);
                prop_assert!(take.shares <= request.shares);
                // Units left keep at least one share, so the request is not dropped.
                prop_assert!(take.units == request.units || take.shares < request.shares);
                // A partial withdraw pays what was asked only with enough units behind it.
                prop_assert!(value_of(take.units, assets, units) >= take.assets);
                assets -= take.assets;
                units -= take.units;
                paid += take.assets;
            }
            let total: u64 = requests.iter().sum();
            prop_assert!(paid <= n(total) - slashed);
        }
    }
}
