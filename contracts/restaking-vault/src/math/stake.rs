//! The stake a slash captured at a past timestamp may take (issue 11). Host-free.
//!
//! A slash captured at `t` reaches what was at stake at `t` (see [`super::epochs`]): the active
//! stake, and the bucket of the requests made in `t`'s epoch up to `t` (bucket `epoch(t) + 1`;
//! earlier buckets had left the stake before `t`'s epoch). The vault keeps three histories,
//! one checkpoint per timestamp at most, written at every change:
//!
//! - *active*: the active assets, with the rewards vested by the time of the write (deposits,
//!   mints, requests and slashes write it);
//! - *requested*: the assets of bucket `epoch(now) + 1` (requests and slashes write it);
//! - *slashed*: the total ever slashed (slashes write it).
//!
//! ```text
//! stake(t)          = active(t) + requested(t)
//! requested(t)      = value of the last requested checkpoint at or before t when that
//!                     checkpoint is in t's epoch, else 0 (every request of t's epoch writes one)
//! slashable(c, now) = min(pools(c, now), stake(c) - (slashed(now) - slashed(c)))
//! ```
//!
//! `pools(c, now)` is what a slash applied now can reach ([`super::slashing`]); it may hold
//! more than `stake(c)` (deposits made after `c`), and less (buckets that became claimable).
//! So no slash, and no sum of slashes executed after `c`, takes more than was at stake at `c`.
//!
//! Exact for deposits, mints, requests and slashes. Rewards vest continuously and are counted
//! as of the last write at or before `t`: what vested between that write and `t` is left out,
//! which can only make `stake(t)` lower than the truth, never higher.

use alloy_primitives::U256;

use super::epochs::Epochs;

/// The stake at `t` from the active history's value at `t` and the requested history's
/// checkpoint in effect at `t` (`(key, assets)`). Saturates instead of overflowing (each part
/// is at most `2^192 - 1`, so it never does).
pub fn stake_at(epochs: &Epochs, t: u64, active: U256, requested: Option<(u64, U256)>) -> U256 {
    let requested = match requested {
        Some((key, assets)) if epochs.epoch_at(key) == epochs.epoch_at(t) => assets,
        _ => U256::ZERO,
    };
    active.saturating_add(requested)
}

/// What a slash captured at `capture` may still take now: the slashable pools now, capped by
/// the stake at the capture less everything slashed since (`slashed_now - slashed_then`, the
/// slashed history's values now and at the capture). Each subtraction stops at zero.
pub fn slashable(pools: U256, stake_then: U256, slashed_now: U256, slashed_then: U256) -> U256 {
    let since = slashed_now.saturating_sub(slashed_then);
    pools.min(stake_then.saturating_sub(since))
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
    fn requests_count_only_in_their_own_epoch() {
        let n = U256::from;
        // Requested 30 at 1_150 (epoch 1): counted at 1_150..1_199, gone from 1_200 on.
        let requested = Some((1_150, n(30)));
        assert_eq!(stake_at(&EPOCHS, 1_150, n(70), requested), n(100));
        assert_eq!(stake_at(&EPOCHS, 1_199, n(70), requested), n(100));
        assert_eq!(stake_at(&EPOCHS, 1_200, n(70), requested), n(70));
        assert_eq!(stake_at(&EPOCHS, 1_150, n(70), None), n(70));
    }

    #[test]
    fn slashes_since_the_capture_spend_the_stake_at_the_capture() {
        let n = U256::from;
        // 100 at the capture, 200 reachable now (a later deposit): at most 100.
        assert_eq!(slashable(n(200), n(100), n(0), n(0)), n(100));
        // 40 slashed since the capture (total 50 now, 10 before it): 60 left.
        assert_eq!(slashable(n(200), n(100), n(50), n(10)), n(60));
        // Less reachable now than at the capture (a bucket became claimable): the pools.
        assert_eq!(slashable(n(30), n(100), n(0), n(0)), n(30));
        // Slashed more than the stake at the capture: nothing.
        assert_eq!(slashable(n(200), n(100), n(150), n(0)), n(0));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Whatever the pools hold now, a sequence of slashes each taking at most `slashable`
        /// takes at most the stake at the capture in total, and never more than the pools.
        #[test]
        fn successive_slashes_never_exceed_the_stake_at_the_capture(
            stake_then in any::<u128>(),
            slashed_then in any::<u64>(),
            pools in prop::collection::vec(any::<u128>(), 1..8),
            asks in prop::collection::vec(any::<u128>(), 1..8),
        ) {
            let stake_then = U256::from(stake_then);
            let slashed_then = U256::from(slashed_then);
            let mut slashed_now = slashed_then;
            for (pool, ask) in pools.iter().zip(&asks) {
                let pool = U256::from(*pool);
                let can = slashable(pool, stake_then, slashed_now, slashed_then);
                prop_assert!(can <= pool);
                let taken = U256::from(*ask).min(can);
                slashed_now += taken;
                prop_assert!(slashed_now - slashed_then <= stake_then);
            }
        }
    }
}
