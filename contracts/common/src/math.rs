//! Checked `x * y / d` with an explicit rounding direction. Host-free.
//!
//! Money maths in the protocol goes through [`mul_div`]: the product is taken in 512 bits so
//! it never overflows, and the caller names the rounding direction, which must favour the
//! protocol (shares issued round down, assets owed by a user round up, and so on).

use alloy_primitives::{U256, U512};

/// Which way a division rounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// Towards zero (floor).
    Down,
    /// Away from zero (ceiling).
    Up,
}

/// `x * y / denominator`, rounded as asked.
///
/// Returns `None` when `denominator` is zero or the result does not fit in 256 bits; never
/// panics.
///
/// The 512-bit product is divided by bitwise long division rather than with ruint's generic
/// multi-limb division, which would add about 8 KiB to every contract's WASM; the loop runs
/// once per significant bit of the product (about 120 times for token amounts).
pub fn mul_div(x: U256, y: U256, denominator: U256, rounding: Rounding) -> Option<U256> {
    if denominator.is_zero() {
        return None;
    }
    let product: U512 = x.widening_mul(y);
    let limbs = product.as_limbs();
    let low = U256::from_limbs([limbs[0], limbs[1], limbs[2], limbs[3]]);
    let high = U256::from_limbs([limbs[4], limbs[5], limbs[6], limbs[7]]);
    // The quotient is at least 2^256 exactly when the high half is at least the divisor.
    if high >= denominator {
        return None;
    }
    // Restoring division of (high, low) by the denominator, one bit of `low` at a time; the
    // remainder stays below the denominator, so the high half is its starting value.
    let mut remainder = high;
    let mut quotient = U256::ZERO;
    let start = if high.is_zero() { low.bit_len() } else { 256 };
    for bit in (0..start).rev() {
        let carry = remainder.bit(255);
        // The shifted-out top bit is kept in `carry`.
        remainder = remainder.wrapping_shl(1) | U256::from(u8::from(low.bit(bit)));
        // With the carry the true remainder is 2^256 + remainder >= denominator, and the
        // wrapping subtraction yields the true difference, which is below the denominator.
        if carry || remainder >= denominator {
            remainder = remainder.wrapping_sub(denominator);
            quotient.set_bit(bit, true);
        }
    }
    match rounding {
        Rounding::Up if !remainder.is_zero() => quotient.checked_add(U256::from(1)),
        _ => Some(quotient),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn u256() -> impl Strategy<Value = U256> {
        prop_oneof![
            any::<u64>().prop_map(U256::from),
            any::<u128>().prop_map(U256::from),
            any::<[u8; 32]>().prop_map(U256::from_be_bytes),
            Just(U256::MAX),
            Just(U256::ZERO),
        ]
    }

    #[test]
    fn small_examples() {
        let n = U256::from;
        assert_eq!(mul_div(n(7), n(3), n(2), Rounding::Down), Some(n(10)));
        assert_eq!(mul_div(n(7), n(3), n(2), Rounding::Up), Some(n(11)));
        assert_eq!(mul_div(n(6), n(3), n(2), Rounding::Up), Some(n(9)));
        assert_eq!(mul_div(n(1), n(1), n(0), Rounding::Down), None);
    }

    #[test]
    fn full_width_product_does_not_overflow() {
        assert_eq!(
            mul_div(U256::MAX, U256::MAX, U256::MAX, Rounding::Down),
            Some(U256::MAX)
        );
        assert_eq!(
            mul_div(U256::MAX, U256::from(2), U256::from(1), Rounding::Down),
            None
        );
        // MAX * MAX / (MAX - 1) just exceeds MAX.
        assert_eq!(
            mul_div(
                U256::MAX,
                U256::MAX,
                U256::MAX - U256::from(1),
                Rounding::Down
            ),
            None
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Floor and ceiling bracket the exact quotient: floor * d <= x * y < (floor + 1) * d,
        /// and ceil = floor + (remainder != 0).
        #[test]
        fn floor_and_ceil_bracket_the_exact_value(
            x in u256(),
            y in u256(),
            d in u256().prop_map(|d| d.max(U256::from(1))),
        ) {
            let exact = x.widening_mul::<256, 4, 512, 8>(y);
            let down = mul_div(x, y, d, Rounding::Down);
            let up = mul_div(x, y, d, Rounding::Up);
            let d512 = U512::from(d);
            match down {
                Some(q) => {
                    let q512 = U512::from(q);
                    prop_assert!(q512 * d512 <= exact);
                    prop_assert!(exact < (q512 + U512::from(1)) * d512);
                    let rem_is_zero = q512 * d512 == exact;
                    let expected_up = if rem_is_zero { Some(q) } else { q.checked_add(U256::from(1)) };
                    prop_assert_eq!(up, expected_up);
                }
                None => {
                    prop_assert!(exact / d512 > U512::from(U256::MAX));
                    prop_assert_eq!(up, None);
                }
            }
        }
    }
}
