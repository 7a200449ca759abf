//! Pro-rata split of a slash over the slashable pools.
//!
//! A slash of `amount` reaches the active stake and the still-slashable withdrawal buckets
//! (see [`super::epochs`]). It takes `min(amount, total)` where `total` is their sum, and each
//! pool loses `floor(taken * pool / total)`: the same fraction of every pool, rounded down,
//! so the slash never exceeds what was asked nor what a pool holds. The sum of the parts,
//! which may fall short of `taken` by less than one unit per pool, is the amount slashed.

use alloy_primitives::U256;
use restaking_common::math::{Rounding, mul_div};

/// The part of each pool a slash takes.
pub fn split<const N: usize>(amount: U256, pools: [U256; N]) -> Option<[U256; N]> {
    let mut total = U256::ZERO;
    for pool in pools {
        total = total.checked_add(pool)?;
    }
    let mut parts = [U256::ZERO; N];
    if total.is_zero() {
        return Some(parts);
    }
    let taken = amount.min(total);
    for (part, pool) in parts.iter_mut().zip(pools) {
        *part = mul_div(taken, pool, total, Rounding::Down)?;
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn splits_in_proportion() {
        let n = U256::from;
        assert_eq!(
            split(n(30), [n(100), n(50), n(150)]),
            Some([n(10), n(5), n(15)])
        );
        assert_eq!(
            split(n(1_000), [n(100), n(50), n(150)]),
            Some([n(100), n(50), n(150)])
        );
        assert_eq!(split(n(5), [n(0), n(0), n(0)]), Some([n(0), n(0), n(0)]));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Never more than asked, never more than a pool holds, at most one unit short per
        /// pool, and the same fraction of every pool (within rounding).
        #[test]
        fn parts_are_pro_rata_and_bounded(
            amount in any::<u128>(), a in any::<u128>(), b in any::<u128>(), c in any::<u128>()
        ) {
            let pools = [U256::from(a), U256::from(b), U256::from(c)];
            let total: U256 = pools.iter().copied().sum();
            let parts = split(U256::from(amount), pools).unwrap();
            let slashed: U256 = parts.iter().copied().sum();
            let taken = U256::from(amount).min(total);
            prop_assert!(slashed <= taken);
            prop_assert!(taken - slashed < U256::from(3) || total.is_zero());
            for (part, pool) in parts.iter().zip(pools) {
                prop_assert!(*part <= pool);
                if !total.is_zero() {
                    // part / pool == taken / total within one unit.
                    let exact_times_total = taken * pool;
                    prop_assert!(*part * total <= exact_times_total);
                    prop_assert!(exact_times_total < (*part + U256::from(1)) * total);
                }
            }
        }
    }
}
