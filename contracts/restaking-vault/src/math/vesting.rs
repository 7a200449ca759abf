//! Linear vesting of rewards into `totalAssets`.
//!
//! Rewards do not raise the share price at once (that jump could be sandwiched by a deposit
//! before and a redeem request after); they vest linearly until `end`. A new distribution
//! first settles what has vested, then joins the stream still vesting ([`Vesting::add`]):
//! the unvested rest plus the new amount vest linearly until the earlier of
//! - a full vesting period from now (a payment never vests slower than one period), and
//! - the end at which the joined stream keeps at least the pace the rest had, i.e.
//!   `now + (end - now) × (rest + amount) / rest`, rounded down.
//!
//! So a payment never delays rewards already paid: the pace never falls, and everything that
//! was due by the old end has vested by then. (Restarting a full period for the whole rest, as
//! this vault first did, let anyone push vesting into the future with 1-wei payments: issue
//! 11.) The price: a payment small next to the rest vests with it, in less than a full period.

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

    /// Adds `amount` paid at `now` to a state settled at `now` (`last == now`, see
    /// [`Self::settle`]), with vesting `period`: the module's rule. `None` when the sum of
    /// the amounts does not fit in 256 bits or the end does not fit in 64.
    pub fn add(&self, now: u64, amount: U256, period: u64) -> Option<Vesting> {
        let unvested = self.unvested.checked_add(amount)?;
        let full = now.checked_add(period)?;
        let end = if self.unvested.is_zero() || self.end <= now {
            full
        } else {
            // The rest's remaining time stretched by (rest + amount) / rest, rounded down (an
            // earlier end vests faster: never later than the rest's pace). A stretch that
            // overflows is longer than any period.
            let remaining = U256::from(self.end.saturating_sub(now));
            match mul_div(remaining, unvested, self.unvested, Rounding::Down) {
                Some(stretched) if stretched < U256::from(period) => {
                    // stretched < period, which is a u64; now + stretched <= full.
                    now.saturating_add(stretched.as_limbs()[0])
                }
                _ => full,
            }
        };
        Some(Vesting {
            unvested,
            last: now,
            end,
        })
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

    #[test]
    fn a_payment_joins_the_stream_without_delaying_it() {
        // 1,000 vesting from 0 to 100; at 50, 500 are left.
        let settled = Vesting {
            unvested: U256::from(1_000),
            last: 0,
            end: 100,
        }
        .settle(50)
        .1;
        assert_eq!(settled.unvested, U256::from(500));
        // 1 wei: the end moves by (50 × 501 / 500) - 50 = 0.1, rounded down to nothing.
        let dust = settled.add(50, U256::from(1), 1_000).unwrap();
        assert_eq!(
            (dust.unvested, dust.last, dust.end),
            (U256::from(501), 50, 100)
        );
        // 500 more: 1,000 over 100 s keeps the pace of 10/s; under the 1,000 s period.
        let half = settled.add(50, U256::from(500), 1_000).unwrap();
        assert_eq!(half.end, 150);
        // A large payment vests over the full period: 100,500 over 1,000 s is faster than
        // 500 over 50 s.
        let large = settled.add(50, U256::from(100_000), 1_000).unwrap();
        assert_eq!(large.end, 1_050);
        // Nothing left to vest, or a stream already over: a full period.
        let fresh = Vesting::default().add(7, U256::from(10), 100).unwrap();
        assert_eq!(
            (fresh.unvested, fresh.last, fresh.end),
            (U256::from(10), 7, 107)
        );
        assert_eq!(
            Vesting {
                unvested: U256::ZERO,
                last: 0,
                end: 0
            }
            .add(u64::MAX, U256::from(1), 1),
            None
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Whatever is paid and when, what was due by any time `t` under the old schedule has
        /// vested by `t` under the new one (the pace never falls), and the new end is at most
        /// one period away.
        #[test]
        fn a_payment_never_delays_what_was_already_paid(
            rest in 1u128.., remaining in 1u64..100_000, amount in any::<u128>(),
            period in 1u64..100_000, at in 0u64..200_000,
        ) {
            let now = 1_000u64;
            let old = Vesting { unvested: U256::from(rest), last: now, end: now + remaining };
            let new = old.add(now, U256::from(amount), period).unwrap();
            prop_assert!(new.end <= now + period);
            let t = now + at;
            prop_assert!(new.vested(t) >= old.vested(t), "{:?} {:?} at {}", old, new, t);
            prop_assert_eq!(new.vested(new.end), U256::from(rest) + U256::from(amount));
        }

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
