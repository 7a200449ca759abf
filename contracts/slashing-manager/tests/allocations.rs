//! Allocations: only the vault's curator (asked through `vault.hasRole`), increases at once,
//! decreases after the delay, and the history kept for captures.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, U256};
use restaking_common::checkpoints::MAX_VALUE;
use slashing_manager::{
    errors::{
        Error, SlashingManagerAllocationTooLarge, SlashingManagerInvalidVault,
        SlashingManagerNotCurator, SlashingManagerUnknownOperator, SlashingManagerUnknownService,
        SlashingManagerVaultCallFailed,
    },
    events::AllocationSet,
};
use support::*;

fn allocation(env: &Env, t: u64) -> U256 {
    env.manager.allocation_at(VAULT, SERVICE, OPERATOR, t)
}

#[test]
fn the_curator_allocates_and_an_increase_applies_at_once() {
    let mut env = setup();
    let set_at = T0;
    assert_eq!(allocation(&env, set_at), U256::from(ALLOCATION));
    assert_eq!(allocation(&env, set_at - 1), U256::ZERO);
    let event = events::<AllocationSet>(&env.chain).pop().unwrap();
    assert_eq!(
        (
            event.vault,
            event.service,
            event.operator,
            event.amount,
            event.effectiveAt
        ),
        (VAULT, SERVICE, OPERATOR, U256::from(ALLOCATION), set_at)
    );

    env.sender(CURATOR);
    let now = env.now();
    let effective_at = env
        .manager
        .set_allocation(VAULT, SERVICE, OPERATOR, U256::from(5_000))
        .unwrap();
    assert_eq!(effective_at, now);
    assert_eq!(allocation(&env, now), U256::from(5_000));
    assert_eq!(allocation(&env, now - 1), U256::from(ALLOCATION));
    // Other pairs are untouched.
    assert_eq!(
        env.manager
            .allocation_at(OTHER_VAULT, SERVICE, OPERATOR, now),
        U256::ZERO
    );
}

#[test]
fn a_decrease_applies_only_after_the_delay() {
    let mut env = setup();
    env.sender(CURATOR);
    let now = env.now();
    let effective_at = env
        .manager
        .set_allocation(VAULT, SERVICE, OPERATOR, U256::from(100))
        .unwrap();
    assert_eq!(effective_at, now + ALLOCATION_DELAY);
    let event = last_event::<AllocationSet>(&env.chain);
    assert_eq!(
        (event.amount, event.effectiveAt),
        (U256::from(100), effective_at)
    );
    assert_eq!(allocation(&env, effective_at - 1), U256::from(ALLOCATION));
    assert_eq!(allocation(&env, effective_at), U256::from(100));

    // Meanwhile the whole allocation stays slashable.
    env.advance(DAY);
    env.sender(SERVICE);
    let capture = env.now() - 1;
    assert_eq!(
        env.manager
            .slashable_stake(VAULT, SERVICE, OPERATOR, capture)
            .unwrap(),
        U256::from(ALLOCATION)
    );
}

#[test]
fn setting_the_current_amount_again_cancels_a_pending_decrease() {
    let mut env = setup();
    env.sender(CURATOR);
    let decrease_at = env
        .manager
        .set_allocation(VAULT, SERVICE, OPERATOR, U256::ZERO)
        .unwrap();
    env.advance(DAY);
    let now = env.now();
    let effective_at = env
        .manager
        .set_allocation(VAULT, SERVICE, OPERATOR, U256::from(ALLOCATION))
        .unwrap();
    assert_eq!(effective_at, now);
    assert_eq!(allocation(&env, decrease_at), U256::from(ALLOCATION));
    assert_eq!(allocation(&env, u64::MAX), U256::from(ALLOCATION));
}

#[test]
fn a_second_decrease_waits_its_own_delay() {
    let mut env = setup();
    env.sender(CURATOR);
    let first = env
        .manager
        .set_allocation(VAULT, SERVICE, OPERATOR, U256::from(500))
        .unwrap();
    env.advance(DAY);
    let second = env
        .manager
        .set_allocation(VAULT, SERVICE, OPERATOR, U256::from(200))
        .unwrap();
    assert_eq!(second, first + DAY);
    assert_eq!(allocation(&env, first), U256::from(ALLOCATION));
    assert_eq!(allocation(&env, second), U256::from(200));
}

#[test]
fn only_a_curator_of_the_vault_allocates() {
    let mut env = setup();
    let before = env.frozen();
    for account in [STRANGER, OPERATOR, SERVICE, ADMIN] {
        env.sender(account);
        let result = env
            .manager
            .set_allocation(VAULT, SERVICE, OPERATOR, U256::from(1));
        env.assert_rejected(
            &before,
            result,
            Error::NotCurator(SlashingManagerNotCurator {
                vault: VAULT,
                account,
            }),
        );
    }
    // A curator of one vault is not a curator of another.
    env.chain.with_vault(OTHER_VAULT, |v| v.curators.clear());
    env.sender(CURATOR);
    let before = env.frozen();
    let result = env
        .manager
        .set_allocation(OTHER_VAULT, SERVICE, OPERATOR, U256::from(1));
    env.assert_rejected(
        &before,
        result,
        Error::NotCurator(SlashingManagerNotCurator {
            vault: OTHER_VAULT,
            account: CURATOR,
        }),
    );
    assert!(env.chain.unexpected_calls().is_empty());
}

#[test]
fn a_vault_that_cannot_answer_is_rejected() {
    let mut env = setup();
    env.sender(CURATOR);
    env.chain.with_vault(VAULT, |v| v.views_revert = true);
    let before = env.frozen();
    let result = env
        .manager
        .set_allocation(VAULT, SERVICE, OPERATOR, U256::from(1));
    env.assert_rejected(
        &before,
        result,
        Error::VaultCallFailed(SlashingManagerVaultCallFailed { vault: VAULT }),
    );
    // An address without code answers with no data.
    let nowhere = Address::repeat_byte(0x77);
    let result = env
        .manager
        .set_allocation(nowhere, SERVICE, OPERATOR, U256::from(1));
    env.assert_rejected(
        &before,
        result,
        Error::VaultCallFailed(SlashingManagerVaultCallFailed { vault: nowhere }),
    );
}

#[test]
fn allocation_rejects_bad_input_and_changes_nothing() {
    let mut env = setup();
    env.sender(CURATOR);
    let before = env.frozen();
    let cases = [
        (
            (Address::ZERO, SERVICE, OPERATOR, U256::from(1)),
            Error::InvalidVault(SlashingManagerInvalidVault {
                vault: Address::ZERO,
            }),
        ),
        (
            (VAULT, OTHER_SERVICE, OPERATOR, U256::from(1)),
            Error::UnknownService(SlashingManagerUnknownService {
                service: OTHER_SERVICE,
            }),
        ),
        (
            (VAULT, SERVICE, OTHER_OPERATOR, U256::from(1)),
            Error::UnknownOperator(SlashingManagerUnknownOperator {
                operator: OTHER_OPERATOR,
            }),
        ),
        (
            (VAULT, SERVICE, OPERATOR, MAX_VALUE + U256::from(1)),
            Error::AllocationTooLarge(SlashingManagerAllocationTooLarge {
                amount: MAX_VALUE + U256::from(1),
                maxAmount: MAX_VALUE,
            }),
        ),
    ];
    for ((vault, service, operator, amount), expected) in cases {
        let result = env.manager.set_allocation(vault, service, operator, amount);
        env.assert_rejected(&before, result, expected);
    }
    // The largest storable allocation is accepted.
    env.manager
        .set_allocation(VAULT, SERVICE, OPERATOR, MAX_VALUE)
        .unwrap();
    assert_eq!(allocation(&env, env.now()), MAX_VALUE);
}
