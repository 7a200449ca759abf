//! The slashable stake of a (vault, service, operator) triple. Host-free.
//!
//! In prose (docs/slashing.md has the full argument):
//!
//! - A vault's curator *allocates* an amount of the vault's stake to a (service, operator)
//!   pair. The allocation is a budget: every slash executed against the triple spends it, and
//!   only the curator can raise it again. Slashes still waiting for their veto window
//!   (*pending*) hold their amount until they are executed, vetoed or cancelled.
//! - The vault can only lose what it still holds for the capture: its `slashableStake(capture)`
//!   (active stake plus the withdrawal buckets that were requested in or after the capture's
//!   epoch and are not claimable yet). Executed slashes have already left that figure; pending
//!   ones have not.
//! - So a new request for capture `c` may take at most
//!
//!   ```text
//!   slashable(c) = 0                                                   if the operator was not
//!                                                                      opted in to both the
//!                                                                      service and the vault at c
//!                = min(allocation(c) - slashed, vaultSlashable(c)) - pending   otherwise
//!   ```
//!
//!   where each subtraction stops at zero, `allocation(c)` is the allocation in effect at the
//!   capture, and `slashed` / `pending` are the triple's executed and pending totals. Nothing
//!   in this formula can overflow: it only takes minima and subtracts.
//!
//! Consequences, checked by the property tests below and by the contract's invariant tests:
//! after a request for the full `slashable(c)`, `slashed + pending <= allocation(c)` and
//! `pending <= vaultSlashable(c)`; a larger pending total or a larger slashed total never
//! increases what is slashable.

use alloy_primitives::U256;

/// What the slashable stake of a triple at a capture timestamp depends on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Exposure {
    /// The operator was opted in to the service and to the vault at the capture.
    pub opted_in: bool,
    /// The allocation of the vault to (service, operator) in effect at the capture.
    pub allocation: U256,
    /// Total executed against the triple (what the vault actually gave up).
    pub slashed: U256,
    /// Total requested against the triple and not yet executed, vetoed or cancelled.
    pub pending: U256,
    /// The vault's `slashableStake(capture)`.
    pub vault_slashable: U256,
}

/// The most a new slash request against the triple may ask for. Never panics, never overflows.
pub fn slashable_stake(exposure: &Exposure) -> U256 {
    if !exposure.opted_in {
        return U256::ZERO;
    }
    let budget = exposure.allocation.saturating_sub(exposure.slashed);
    budget
        .min(exposure.vault_slashable)
        .saturating_sub(exposure.pending)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn amount() -> impl Strategy<Value = U256> {
        prop_oneof![
            (0u64..1_000).prop_map(U256::from),
            any::<u128>().prop_map(U256::from),
            any::<[u8; 32]>().prop_map(U256::from_be_bytes),
            Just(U256::MAX),
        ]
    }

    fn exposure() -> impl Strategy<Value = Exposure> {
        (any::<bool>(), amount(), amount(), amount(), amount()).prop_map(
            |(opted_in, allocation, slashed, pending, vault_slashable)| Exposure {
                opted_in,
                allocation,
                slashed,
                pending,
                vault_slashable,
            },
        )
    }

    #[test]
    fn examples() {
        let n = U256::from;
        let base = Exposure {
            opted_in: true,
            allocation: n(100),
            slashed: n(0),
            pending: n(0),
            vault_slashable: n(1_000),
        };
        assert_eq!(slashable_stake(&base), n(100));
        // The vault holds less than the allocation.
        let poor = Exposure {
            vault_slashable: n(60),
            ..base
        };
        assert_eq!(slashable_stake(&poor), n(60));
        // Executed slashes spend the budget; pending ones hold part of it.
        let spent = Exposure {
            slashed: n(30),
            pending: n(20),
            ..base
        };
        assert_eq!(slashable_stake(&spent), n(50));
        // Pending amounts are not yet out of the vault: they count against its stake too.
        let pending_on_poor = Exposure {
            pending: n(50),
            ..poor
        };
        assert_eq!(slashable_stake(&pending_on_poor), n(10));
        // Not opted in at the capture: nothing.
        let out = Exposure {
            opted_in: false,
            ..base
        };
        assert_eq!(slashable_stake(&out), U256::ZERO);
        // Over-spent budgets and over-pending vaults stop at zero.
        let over = Exposure {
            slashed: n(500),
            ..base
        };
        assert_eq!(slashable_stake(&over), U256::ZERO);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Taking the full slashable amount keeps both bounds: the triple never has more
        /// slashed plus pending than its allocation, nor more pending than the vault holds.
        #[test]
        fn a_full_request_stays_within_allocation_and_vault(e in exposure()) {
            let s = slashable_stake(&e);
            if !s.is_zero() {
                prop_assert!(e.opted_in);
                let pending_after = e.pending.checked_add(s).unwrap();
                let committed = e.slashed.checked_add(pending_after).unwrap();
                prop_assert!(committed <= e.allocation);
                prop_assert!(pending_after <= e.vault_slashable);
            }
        }

        /// It is the largest such amount: one more unit would break a bound (or there is
        /// nothing to take).
        #[test]
        fn it_is_the_largest_safe_amount(e in exposure()) {
            let e = Exposure { opted_in: true, ..e };
            let s = slashable_stake(&e);
            let Some(more) = s.checked_add(U256::from(1)) else { return Ok(()) };
            let pending_after = e.pending.checked_add(more);
            let committed = pending_after.and_then(|p| e.slashed.checked_add(p));
            let fits = matches!((pending_after, committed),
                (Some(p), Some(c)) if c <= e.allocation && p <= e.vault_slashable);
            prop_assert!(!fits);
        }

        /// More pending, more slashed, a smaller allocation or a poorer vault never make more
        /// slashable.
        #[test]
        fn it_is_monotone(e in exposure(), extra in amount()) {
            let s = slashable_stake(&e);
            let more_pending = Exposure { pending: e.pending.saturating_add(extra), ..e };
            let more_slashed = Exposure { slashed: e.slashed.saturating_add(extra), ..e };
            let less_allocated = Exposure { allocation: e.allocation.saturating_sub(extra), ..e };
            let poorer = Exposure { vault_slashable: e.vault_slashable.saturating_sub(extra), ..e };
            prop_assert!(slashable_stake(&more_pending) <= s);
            prop_assert!(slashable_stake(&more_slashed) <= s);
            prop_assert!(slashable_stake(&less_allocated) <= s);
            prop_assert!(slashable_stake(&poorer) <= s);
        }

        /// Requesting the slashable amount again and again (with the vault's figure fixed)
        /// sums to at most min(allocation - slashed, vault) in total.
        #[test]
        fn repeated_requests_never_exceed_the_first_bound(e in exposure(), steps in 1usize..8) {
            let mut state = Exposure { opted_in: true, pending: U256::ZERO, ..e };
            let bound = state.allocation.saturating_sub(state.slashed).min(state.vault_slashable);
            for _ in 0..steps {
                let s = slashable_stake(&state);
                state.pending = state.pending.checked_add(s).unwrap();
            }
            prop_assert_eq!(state.pending, bound);
        }
    }
}
