//! The `slashableStake` view, and the timing argument of docs/slashing.md: nothing an
//! operator, a curator or a service does after a capture changes what was slashable at it.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::U256;
use slashing_manager::errors::{
    Error, SlashingManagerInsufficientSlashableStake, SlashingManagerVaultCallFailed,
};
use support::*;

fn slashable(env: &Env, capture: u64) -> U256 {
    env.manager
        .slashable_stake(VAULT, SERVICE, OPERATOR, capture)
        .unwrap()
}

#[test]
fn it_is_the_allocation_bounded_by_the_vault_minus_pending_and_slashed() {
    let mut env = setup();
    let capture = env.now() - 1;
    assert_eq!(slashable(&env, capture), U256::from(ALLOCATION));

    // The vault bounds it.
    env.chain.with_vault(VAULT, |v| v.stake = U256::from(300));
    assert_eq!(slashable(&env, capture), U256::from(300));
    env.chain.with_vault(VAULT, |v| v.stake = U256::from(STAKE));

    // Pending requests hold their amount.
    env.sender(SERVICE);
    env.manager
        .request_slash(OPERATOR, VAULT, U256::from(400), capture)
        .unwrap();
    assert_eq!(slashable(&env, capture), U256::from(ALLOCATION - 400));

    // Executed slashes spend the allocation (and leave the vault).
    env.advance(VETO);
    env.manager.execute_slash(U256::ZERO).unwrap();
    assert_eq!(slashable(&env, capture), U256::from(ALLOCATION - 400));
    assert_eq!(env.totals(), (U256::from(400), U256::ZERO));

    // Raising the allocation tops the budget up for captures from then on.
    env.sender(CURATOR);
    env.manager
        .set_allocation(VAULT, SERVICE, OPERATOR, U256::from(ALLOCATION + 400))
        .unwrap();
    assert_eq!(slashable(&env, env.now()), U256::from(ALLOCATION));
    assert_eq!(slashable(&env, capture), U256::from(ALLOCATION - 400));
}

#[test]
fn it_is_zero_without_opt_ins_at_the_capture_or_for_future_captures() {
    let env = setup();
    let now = env.now();
    assert_eq!(slashable(&env, now + 1), U256::ZERO);
    assert_eq!(slashable(&env, T0 - 1), U256::ZERO);
    for (vault, service, operator) in [
        (OTHER_VAULT, SERVICE, OPERATOR),
        (VAULT, OTHER_SERVICE, OPERATOR),
        (VAULT, SERVICE, OTHER_OPERATOR),
    ] {
        assert_eq!(
            env.manager
                .slashable_stake(vault, service, operator, now)
                .unwrap(),
            U256::ZERO
        );
    }
    // Nobody asked the vault for those.
    assert!(env.chain.unexpected_calls().is_empty());
}

#[test]
fn it_is_zero_without_an_allocation() {
    let mut env = setup();
    env.sender(OTHER_SERVICE);
    env.manager
        .register_service(RESOLVER, VETO, RECIPIENT)
        .unwrap();
    env.sender(OPERATOR);
    env.manager.opt_in_service(OTHER_SERVICE).unwrap();
    assert_eq!(
        env.manager
            .slashable_stake(VAULT, OTHER_SERVICE, OPERATOR, env.now())
            .unwrap(),
        U256::ZERO
    );
}

#[test]
fn a_vault_that_cannot_answer_makes_the_view_fail() {
    let env = setup();
    env.chain.with_vault(VAULT, |v| v.views_revert = true);
    assert_eq!(
        env.manager
            .slashable_stake(VAULT, SERVICE, OPERATOR, env.now()),
        Err(Error::VaultCallFailed(SlashingManagerVaultCallFailed {
            vault: VAULT
        }))
    );
}

#[test]
fn an_allocation_raised_after_the_capture_does_not_count_for_it() {
    let mut env = setup();
    let capture = env.now() - 1;
    env.sender(CURATOR);
    env.manager
        .set_allocation(VAULT, SERVICE, OPERATOR, U256::from(5 * ALLOCATION))
        .unwrap();
    assert_eq!(slashable(&env, capture), U256::from(ALLOCATION));
    assert_eq!(slashable(&env, env.now()), U256::from(5 * ALLOCATION));
}

/// The misbehaviour is seen at `m`; in the same block the operator opts out of the service and
/// the vault, the curator deallocates to zero, and the service's resolver is swapped for an
/// accomplice (all at once, the worst case). The service still slashes the full allocation
/// for the capture `m`, the old resolver keeps the veto, and the request executes.
#[test]
fn no_one_escapes_a_slash_seen_coming() {
    let mut env = setup();
    let m = env.now();
    env.sender(OPERATOR);
    env.manager.opt_out_service(SERVICE).unwrap();
    env.manager.opt_out_vault(VAULT).unwrap();
    env.sender(CURATOR);
    env.manager
        .set_allocation(VAULT, SERVICE, OPERATOR, U256::ZERO)
        .unwrap();
    env.sender(SERVICE);
    env.manager
        .update_service(OTHER_RESOLVER, 0, RECIPIENT)
        .unwrap();

    // The service reacts late: on the last second the veto still fits the vault's window.
    env.warp(m + EPOCH - VETO);
    assert_eq!(slashable(&env, m), U256::from(ALLOCATION));
    let id = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(ALLOCATION), m)
        .unwrap();
    let request = env.request(id.to());
    assert_eq!(request.resolver, RESOLVER);
    env.warp(request.veto_deadline);
    env.sender(STRANGER);
    assert_eq!(env.manager.execute_slash(id), Ok(U256::from(ALLOCATION)));

    // Captures after the exits applied find nothing, as intended.
    let exits = m + OPT_OUT_DELAY;
    assert_eq!(slashable(&env, exits.min(env.now())), U256::ZERO);
}

/// Exits do apply once their delay is over: a capture after them finds nothing to slash.
#[test]
fn exits_apply_for_captures_after_their_delay() {
    let mut env = setup();
    env.sender(OPERATOR);
    let out_at = env.manager.opt_out_vault(VAULT).unwrap();
    env.sender(CURATOR);
    let zero_at = env
        .manager
        .set_allocation(VAULT, SERVICE, OPERATOR, U256::ZERO)
        .unwrap();
    env.warp(out_at.max(zero_at) + 1);
    assert_eq!(slashable(&env, out_at - 1), U256::from(ALLOCATION));
    assert_eq!(slashable(&env, out_at), U256::ZERO);
}

/// Issue 11: two services backed by the same stake of one vault (restaking) cannot both
/// request it: every pending request against the vault, whoever made it, holds part of the
/// vault's slashable stake until it closes.
#[test]
fn pending_requests_of_every_service_hold_the_vaults_stake() {
    let mut env = setup();
    env.sender(OTHER_SERVICE);
    env.manager
        .register_service(RESOLVER, VETO, RECIPIENT)
        .unwrap();
    env.sender(OPERATOR);
    env.manager.opt_in_service(OTHER_SERVICE).unwrap();
    env.sender(CURATOR);
    // Both pairs allocated the vault's whole stake.
    for service in [SERVICE, OTHER_SERVICE] {
        env.manager
            .set_allocation(VAULT, service, OPERATOR, U256::from(STAKE))
            .unwrap();
    }
    env.advance(60);
    let capture = env.now() - 1;
    env.sender(SERVICE);
    env.manager
        .request_slash(OPERATOR, VAULT, U256::from(STAKE - 300), capture)
        .unwrap();
    assert_eq!(env.manager.pending_slashes(VAULT), U256::from(STAKE - 300));
    let other = |env: &Env| {
        env.manager
            .slashable_stake(VAULT, OTHER_SERVICE, OPERATOR, capture)
            .unwrap()
    };
    assert_eq!(other(&env), U256::from(300));
    env.sender(OTHER_SERVICE);
    let before = env.frozen();
    let result = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(301), capture);
    env.assert_rejected(
        &before,
        result,
        Error::InsufficientSlashableStake(SlashingManagerInsufficientSlashableStake {
            slashable: U256::from(300),
            needed: U256::from(301),
        }),
    );
    env.manager
        .request_slash(OPERATOR, VAULT, U256::from(300), capture)
        .unwrap();
    assert_eq!(other(&env), U256::ZERO);
    assert_eq!(env.manager.pending_slashes(VAULT), U256::from(STAKE));
    // The other vault is not affected.
    assert_eq!(env.manager.pending_slashes(OTHER_VAULT), U256::ZERO);
}
