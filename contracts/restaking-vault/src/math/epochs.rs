//! Withdrawal epochs.
//!
//! Epoch `e` spans `[start + e * duration, start + (e + 1) * duration)`. A redeem request made
//! during epoch `e` goes into the withdrawal bucket `e + 1`; bucket `b` becomes claimable when
//! epoch `b` has ended, so a request waits between one and two epochs. Until then the bucket
//! stays slashable.
//!
//! A slash captured at time `T` in epoch `k` may only be applied while `k` is the current or
//! the previous epoch (the slashable window). It reaches the active stake and the buckets
//! that hold stake which was still in the vault at `T`: buckets `b > k` that are not yet
//! claimable, i.e. bucket `c + 1` when `k = c`, and buckets `c` and `c + 1` when
//! `k = c - 1` (`c` is the current epoch). Buckets up to `k` were requested before the
//! capture epoch and left the stake before it; claimable buckets are never touched.

/// Epoch length and origin, fixed at construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Epochs {
    /// Timestamp at which epoch 0 starts.
    pub start: u64,
    /// Length of an epoch in seconds (never zero).
    pub duration: u64,
}

/// Which withdrawal buckets a slash captured in an epoch of the window reaches, besides the
/// active stake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlashableBuckets {
    /// Bucket `current` (claimable at the end of the current epoch), when reached.
    pub current: Option<u64>,
    /// Bucket `current + 1`, always reached.
    pub next: u64,
}

impl Epochs {
    /// The epoch containing `timestamp`, or `None` before `start`.
    pub fn epoch_at(&self, timestamp: u64) -> Option<u64> {
        // `duration` is never zero (checked at construction); `checked_div` keeps this total.
        timestamp
            .checked_sub(self.start)?
            .checked_div(self.duration)
    }

    /// The timestamp at which `epoch` starts, or `None` past `u64::MAX`.
    pub fn epoch_start(&self, epoch: u64) -> Option<u64> {
        epoch.checked_mul(self.duration)?.checked_add(self.start)
    }

    /// Whether bucket `bucket` is claimable at `now`: epoch `bucket` has ended.
    pub fn is_claimable(&self, bucket: u64, now: u64) -> bool {
        match bucket
            .checked_add(1)
            .and_then(|next| self.epoch_start(next))
        {
            Some(end) => now >= end,
            None => false,
        }
    }

    /// The bucket a redeem request made at `now` goes into: the current epoch plus one.
    pub fn request_bucket(&self, now: u64) -> Option<u64> {
        self.epoch_at(now)?.checked_add(1)
    }

    /// The buckets a slash captured at `capture` reaches when applied at `now`, or `None`
    /// when the capture is in the future, before `start`, or older than the previous epoch.
    pub fn slashable_buckets(&self, capture: u64, now: u64) -> Option<SlashableBuckets> {
        if capture > now {
            return None;
        }
        let capture_epoch = self.epoch_at(capture)?;
        let current = self.epoch_at(now)?;
        let next = current.checked_add(1)?;
        if capture_epoch == current {
            Some(SlashableBuckets {
                current: None,
                next,
            })
        } else if capture_epoch.checked_add(1) == Some(current) {
            Some(SlashableBuckets {
                current: Some(current),
                next,
            })
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const EPOCHS: Epochs = Epochs {
        start: 1_000,
        duration: 100,
    };

    #[test]
    fn epoch_boundaries() {
        assert_eq!(EPOCHS.epoch_at(999), None);
        assert_eq!(EPOCHS.epoch_at(1_000), Some(0));
        assert_eq!(EPOCHS.epoch_at(1_099), Some(0));
        assert_eq!(EPOCHS.epoch_at(1_100), Some(1));
        assert_eq!(EPOCHS.epoch_start(3), Some(1_300));
        assert_eq!(EPOCHS.epoch_start(u64::MAX), None);
    }

    #[test]
    fn a_request_waits_for_the_end_of_the_next_epoch() {
        // Requested at 1_150 (epoch 1) -> bucket 2, claimable from 1_300.
        let bucket = EPOCHS.request_bucket(1_150).unwrap();
        assert_eq!(bucket, 2);
        assert!(!EPOCHS.is_claimable(bucket, 1_299));
        assert!(EPOCHS.is_claimable(bucket, 1_300));
        assert!(!EPOCHS.is_claimable(u64::MAX, u64::MAX));
    }

    #[test]
    fn the_slashable_window_is_the_current_and_previous_epoch() {
        // now in epoch 3.
        let now = 1_350;
        assert_eq!(
            EPOCHS.slashable_buckets(1_320, now),
            Some(SlashableBuckets {
                current: None,
                next: 4
            })
        );
        assert_eq!(
            EPOCHS.slashable_buckets(1_250, now),
            Some(SlashableBuckets {
                current: Some(3),
                next: 4
            })
        );
        assert_eq!(EPOCHS.slashable_buckets(1_199, now), None);
        assert_eq!(EPOCHS.slashable_buckets(1_351, now), None);
        assert_eq!(EPOCHS.slashable_buckets(999, now), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Slashable buckets are never claimable at the time of the slash, and every bucket
        /// holding stake requested at or after the capture epoch is reached.
        #[test]
        fn slashable_buckets_are_exactly_the_unclaimable_ones_after_capture(
            capture_offset in 0u64..1_000, delay in 0u64..300
        ) {
            let capture = EPOCHS.start + capture_offset;
            let now = capture + delay;
            let capture_epoch = EPOCHS.epoch_at(capture).unwrap();
            let current = EPOCHS.epoch_at(now).unwrap();
            match EPOCHS.slashable_buckets(capture, now) {
                Some(reached) => {
                    prop_assert!(current <= capture_epoch + 1);
                    let mut buckets = vec![reached.next];
                    buckets.extend(reached.current);
                    for bucket in &buckets {
                        prop_assert!(!EPOCHS.is_claimable(*bucket, now));
                        prop_assert!(*bucket > capture_epoch);
                    }
                    // Every unclaimable bucket after the capture epoch is reached.
                    for bucket in (capture_epoch + 1)..=(current + 1) {
                        if !EPOCHS.is_claimable(bucket, now) {
                            prop_assert!(buckets.contains(&bucket));
                        }
                    }
                }
                None => prop_assert!(current > capture_epoch + 1),
            }
        }
    }
}
