//! The slashable stake of a (vault, service, operator) triple. Host-free.
//!
//! In prose (docs/slashing.md has the full argument):
//!
//! - A vault's curator *allocates* an amount of the vault's stake to a (service, operator)
//!   pair. The allocation is a budget: every slash executed against the triple spends it, and
//!   only the curator can raise it again. Slashes still waiting for their veto window
//!   (*pending*) hold their amount until they are executed, vetoed or cancelled.
//! - The vault can only lose what was at stake at the capture: its `slashableStake(capture)`
//!   is the stake at the capture timestamp (from its history: never deposits or rewards that
//!   came later) less everything the vault was slashed since, capped by what its pools hold
//!   now. Executed slashes have already left that figure; pending ones, by any service against
//!   the vault, have not.
//! - So a new request for capture `c` may take at most
//!
//!   ```text
//!   slashable(c) = 0                                  if the operator was not opted in to
//!                                                     both the service and the vault at c
//!                = min(allocation(c) - slashed - pending,
//!                      vaultSlashable(c) - vaultPending)                         otherwise
//!   ```
//!
//!   where each subtraction stops at zero, `allocation(c)` is the allocation in effect at the
//!   capture, `slashed` / `pending` are the triple's executed and pending totals, and
//!   `vaultPending` is the pending total against the vault by every service (issue 11: two
//!   services must not both take the same stake). Nothing in this formula can overflow: it only
//!   takes minima and subtracts.
//!
//! The triple's `slashed` counts every executed slash, also those before the capture: the
//! allocation is a budget, so this is at least as strict as "allocation at the capture less
//! what the pair slashed since".
//!
//! Consequences, checked by the property tests below and by the contract's invariant tests:
//! after a request for the full `slashable(c)`, `slashed + pending <= allocation(c)` and
//! `vaultPending <= vaultSlashable(c)`; a larger pending total or a larger slashed total never
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
    /// Total requested against the vault by every service and not yet closed.
    pub vault_pending: U256,
}

/// The most a new slash request against the triple may ask for. Never panics, never overflows.
pub fn slashable_stake(exposure: &Exposure) -> U256 {
    if !exposure.opted_in {
        return U256::ZERO;
    }
    let budget = exposure
        .allocation
        .saturating_sub(exposure.slashed)
        .saturating_sub(exposure.pending);
    let room = exposure
        .vault_slashable
        .saturating_sub(exposure.vault_pending);
    budget.min(room)
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

    /// An exposure whose vault pending total includes the triple's (the contract keeps both:
    /// the triple's requests are among the vault's).
    fn exposure() -> impl Strategy<Value = Exposure> {
        (
            any::<bool>(),
            amount(),
            amount(),
            amount(),
            amount(),
            amount(),
        )
            .prop_map(
                |(opted_in, allocation, slashed, pending, vault_slashable, others)| Exposure {
                    opted_in,
                    allocation,
                    slashed,
                    pending,
                    vault_slashable,
                    vault_pending: pending.saturating_add(others),
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
            vault_pending: n(0),
        };
        assert_eq!(slashable_stake(&base), n(100));
        // The vault held less than the allocation at the capture.
        let poor = Exposure {
            vault_slashable: n(60),
            ..base
        };
        assert_eq!(slashable_stake(&poor), n(60));
        // Executed slashes spend the budget; pending ones hold part of it.
        let spent = Exposure {
            slashed: n(30),
            pending: n(20),
            vault_pending: n(20),
            ..base
        };
        assert_eq!(slashable_stake(&spent), n(50));
        // Pending amounts are not yet out of the vault: they count against its stake too.
        let pending_on_poor = Exposure {
            pending: n(50),
            vault_pending: n(50),
            ..poor
        };
        assert_eq!(slashable_stake(&pending_on_poor), n(10));
        // So do other services' pending requests against the same vault.
        let shared = Exposure {
            vault_pending: n(55),
            ..poor
        };
        assert_eq!(slashable_stake(&shared), n(5));
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
        let crowded = Exposure {
            vault_pending: n(5_000),
            ..base
        };
        assert_eq!(slashable_stake(&crowded), U256::ZERO);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Taking the full slashable amount keeps both bounds: the triple never has more
        /// slashed plus pending than its allocation, and the vault never has more pending
        /// than its stake at the capture less what it lost since.
        #[test]
        fn a_full_request_stays_within_allocation_and_vault(e in exposure()) {
            let s = slashable_stake(&e);
            if !s.is_zero() {
                prop_assert!(e.opted_in);
                let pending_after = e.pending.checked_add(s).unwrap();
                let committed = e.slashed.checked_add(pending_after).unwrap();
                prop_assert!(committed <= e.allocation);
                prop_assert!(e.vault_pending.checked_add(s).unwrap() <= e.vault_slashable);
            }
        }

        /// It is the largest such amount: one more unit would break a bound (or there is
        /// nothing to take).
        #[test]
        fn it_is_the_largest_safe_amount(e in exposure()) {
            let e = Exposure { opted_in: true, ..e };
            let s = slashable_stake(&e);
            let Some(more) = s.checked_add(U256::from(1)) else { return Ok(()) };
            let committed = e.pending.checked_add(more).and_then(|p| e.slashed.checked_add(p));
            let vault_after = e.vault_pending.checked_add(more);
            let fits = matches!((committed, vault_after),
                (Some(c), Some(v)) if c <= e.allocation && v <= e.vault_slashable);
            prop_assert!(!fits);
        }

        /// More pending (the triple's or other services'), more slashed, a smaller allocation
        /// or a poorer vault never make more slashable.
        #[test]
        fn it_is_monotone(e in exposure(), extra in amount()) {
            let s = slashable_stake(&e);
            let more_pending = Exposure {
                pending: e.pending.saturating_add(extra),
                vault_pending: e.vault_pending.saturating_add(extra),
                ..e
            };
            let others_pending = Exposure { vault_pending: e.vault_pending.saturating_add(extra), ..e };
            let more_slashed = Exposure { slashed: e.slashed.saturating_add(extra), ..e };
            let less_allocated = Exposure { allocation: e.allocation.saturating_sub(extra), ..e };
            let poorer = Exposure { vault_slashable: e.vault_slashable.saturating_sub(extra), ..e };
            prop_assert!(slashable_stake(&more_pending) <= s);
            prop_assert!(slashable_stake(&others_pending) <= s);
            prop_assert!(slashable_stake(&more_slashed) <= s);
            prop_assert!(slashable_stake(&less_allocated) <= s);
            prop_assert!(slashable_stake(&poorer) <= s);
        }

        /// Two services requesting the slashable amount in turn against one vault (with its
        /// figure fixed) hold at most what the vault had at the capture, together.
        #[test]
        fn services_in_turn_never_exceed_the_vault(
            a in exposure(), b in exposure(), turns in prop::collection::vec(any::<bool>(), 1..8)
        ) {
            let vault_slashable = a.vault_slashable;
            let mut pair = [
                Exposure { opted_in: true, pending: U256::ZERO, vault_pending: U256::ZERO, ..a },
                Exposure { opted_in: true, pending: U256::ZERO, vault_pending: U256::ZERO, vault_slashable, ..b },
            ];
            let mut vault_pending = U256::ZERO;
            for turn in turns {
                let e = &mut pair[usize::from(turn)];
                e.vault_pending = vault_pending;
                let s = slashable_stake(e);
                e.pending = e.pending.checked_add(s).unwrap();
                vault_pending = vault_pending.checked_add(s).unwrap();
            }
            prop_assert!(vault_pending <= vault_slashable);
            prop_assert_eq!(vault_pending, pair[0].pending + pair[1].pending);
        }
    }
}
