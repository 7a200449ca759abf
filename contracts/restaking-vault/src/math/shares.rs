//! Conversion between assets and shares, with a virtual offset against inflation attacks.
//!
//! The vault prices shares as `(totalAssets + VIRTUAL_ASSETS) / (totalShares + VIRTUAL_SHARES)`
//! (OpenZeppelin's ERC-4626 with `decimalsOffset = 0`). The virtual share takes its part of
//! every gain, so an attacker who inflates the price of a lone share pays for the inflation;
//! and `totalAssets` is the vault's own bookkeeping, never its token balance, so a plain
//! donation does not move the price at all.

use alloy_primitives::U256;
use restaking_common::math::{Rounding, mul_div};

/// Assets counted on top of `totalAssets` in every conversion.
pub const VIRTUAL_ASSETS: U256 = U256::from_limbs([1, 0, 0, 0]);
/// Shares counted on top of `totalShares` in every conversion.
pub const VIRTUAL_SHARES: U256 = U256::from_limbs([1, 0, 0, 0]);

/// Shares worth `assets`, rounded as asked. `None` on overflow.
pub fn to_shares(
    assets: U256,
    total_assets: U256,
    total_shares: U256,
    rounding: Rounding,
) -> Option<U256> {
    mul_div(
        assets,
        total_shares.checked_add(VIRTUAL_SHARES)?,
        total_assets.checked_add(VIRTUAL_ASSETS)?,
        rounding,
    )
}

/// Assets worth `shares`, rounded as asked. `None` on overflow.
pub fn to_assets(
    shares: U256,
    total_assets: U256,
    total_shares: U256,
    rounding: Rounding,
) -> Option<U256> {
    mul_div(
        shares,
        total_assets.checked_add(VIRTUAL_ASSETS)?,
        total_shares.checked_add(VIRTUAL_SHARES)?,
        rounding,
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn amount() -> impl Strategy<Value = U256> {
        prop_oneof![
            (0u64..1_000_000).prop_map(U256::from),
            any::<u128>().prop_map(U256::from),
        ]
    }

    #[test]
    fn an_empty_vault_converts_one_to_one() {
        let n = U256::from;
        assert_eq!(
            to_shares(n(1000), n(0), n(0), Rounding::Down),
            Some(n(1000))
        );
        assert_eq!(
            to_assets(n(1000), n(0), n(0), Rounding::Down),
            Some(n(1000))
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Depositing and immediately redeeming never returns more than was deposited.
        #[test]
        fn deposit_then_redeem_never_gains(a in amount(), ta in amount(), ts in amount()) {
            let shares = to_shares(a, ta, ts, Rounding::Down).unwrap();
            let back = to_assets(
                shares,
                ta + a,
                ts + shares,
                Rounding::Down,
            ).unwrap();
            prop_assert!(back <= a);
        }

        /// Minting shares costs at least what redeeming them pays.
        #[test]
        fn mint_costs_at_least_redeem_pays(s in amount(), ta in amount(), ts in amount()) {
            let cost = to_assets(s, ta, ts, Rounding::Up).unwrap();
            let pays = to_assets(s, ta, ts, Rounding::Down).unwrap();
            prop_assert!(cost >= pays);
            prop_assert!(cost - pays <= U256::from(1));
        }

        /// Round trips in the vault's favour: shares for assets (down) are never worth more
        /// than the assets (down), and assets for shares (up) never need fewer shares.
        #[test]
        fn conversions_round_in_the_vaults_favour(x in amount(), ta in amount(), ts in amount()) {
            let shares_down = to_shares(x, ta, ts, Rounding::Down).unwrap();
            prop_assert!(to_assets(shares_down, ta, ts, Rounding::Down).unwrap() <= x);
            let shares_up = to_shares(x, ta, ts, Rounding::Up).unwrap();
            prop_assert!(to_assets(shares_up, ta, ts, Rounding::Up).unwrap() >= x);
        }
    }
}
