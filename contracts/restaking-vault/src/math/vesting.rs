//! Linear vesting of rewards into `totalAssets`.
//!
//! Rewards do not raise the share price at once (that jump could be sandwiched by a deposit
//! before and a redeem request after); they vest linearly until `end`. A new distribution
//! first settles what has vested, then vests the unvested rest plus the new amount over a
//! fresh full period.

use alloy_primitives::U256;
use restaking_common::math::{Rounding, mul_div};

/// Rewards not yet counted in `totalAssets`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Vesting {
    /// Amount still unvested at `last`.
    pub unvested: U256,
    /// Timestamp of the last settlement.
    pub last: u64,
    /// Timestamp at which everything has vested.
    pub end: u64,
}

impl Vesting {
    /// The part of `unvested` that has vested by `now`, rounded down (the remainder vests
    /// later, so nothing is lost).
    pub fn vested(&self, now: u64) -> U256 {
        if now >= self.end || self.end <= self.last {
            return self.unvested;
        }
        if now <= self.last {
            return U256::ZERO;
        }
        // now in (last, end): both differences are positive and the fraction is below one,
        // so the product fits and the result is below `unvested`.
        let elapsed = U256::from(now.saturating_sub(self.last));
        let period = U256::from(self.end.saturating_sub(self.last));
        mul_div(self.unvested, elapsed, period, Rounding::Down).unwrap_or(U256::ZERO)
    }

    /// Settles at `now`: returns the newly vested amount and the state left to vest.
    pub fn settle(&self, now: u64) -> (U256, Vesting) {
        let vested = self.vested(now);
        let rest = Vesting {
            // vested <= unvested.
            unvested: self.unvested.saturating_sub(vested),
            last: now.max(self.last),
            end: self.end,
        };
        (vested, rest)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn vests_linearly_and_completely() {
        let v = Vesting {
            unvested: U256::from(1_000),
            last: 100,
            end: 200,
        };
        assert_eq!(v.vested(100), U256::ZERO);
        assert_eq!(v.vested(125), U256::from(250));
        assert_eq!(v.vested(150), U256::from(500));
        assert_eq!(v.vested(200), U256::from(1_000));
        assert_eq!(v.vested(10_000), U256::from(1_000));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Settling in any number of steps vests exactly the total by the end, never more,
        /// and what has vested never decreases.
        #[test]
        fn piecewise_settlement_conserves_the_amount(
            amount in any::<u128>(), period in 1u64..10_000, steps in proptest::collection::vec(0u64..3_000, 0..20)
        ) {
            let mut state = Vesting { unvested: U256::from(amount), last: 0, end: period };
            let mut vested_total = U256::ZERO;
            let mut now = 0u64;
            for step in steps {
                now += step;
                let (vested, rest) = state.settle(now);
                // Never ahead of the straight line from the start.
                let line = if now >= period { U256::from(amount) } else {
                    U256::from(amount) * U256::from(now) / U256::from(period)
                };
                vested_total += vested;
                prop_assert!(vested_total <= line);
                prop_assert!(vested_total <= U256::from(amount));
                state = rest;
            }
            let (vested, rest) = state.settle(period.max(now));
            vested_total += vested;
            prop_assert_eq!(vested_total, U256::from(amount));
            prop_assert_eq!(rest.unvested, U256::ZERO);
        }
    }
}
