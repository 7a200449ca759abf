//! `executeSlash`: after the veto deadline and before the expiry, by anyone, also while
//! paused; the vault's `onSlash` pays the service's recipient; at most once; a vault that
//! refuses or misreports makes the whole transaction revert.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, U256};
use slashing_manager::{
    errors::{
        Error, SlashingManagerAlreadyExecuted, SlashingManagerRequestExpired,
        SlashingManagerVaultCallFailed, SlashingManagerVetoWindowOpen,
    },
    events::SlashExecuted,
    request::{EXECUTED, PENDING},
};
use support::*;

#[test]
fn anyone_executes_after_the_deadline_and_the_recipient_is_paid() {
    let (mut env, id) = setup_with_request(700);
    let request = env.request(0);
    env.warp(request.veto_deadline);
    env.sender(STRANGER);
    let slashed = env.manager.execute_slash(id).unwrap();
    assert_eq!(slashed, U256::from(700));
    let request = env.request(0);
    assert_eq!(
        (request.status, request.slashed),
        (EXECUTED, U256::from(700))
    );
    assert_eq!(env.totals(), (U256::from(700), U256::ZERO));
    let vault = env.chain.vault(VAULT);
    assert_eq!(
        vault.slashes,
        vec![(U256::from(700), request.capture, RECIPIENT, U256::from(700))]
    );
    assert_eq!(vault.stake, U256::from(STAKE - 700));
    let event = last_event::<SlashExecuted>(&env.chain);
    assert_eq!(
        (event.id, event.recipient, event.slashed),
        (id, RECIPIENT, U256::from(700))
    );
    // The executed amount spent the allocation: 300 is left for new requests.
    env.sender(SERVICE);
    let capture = env.now();
    assert_eq!(
        env.manager
            .slashable_stake(VAULT, SERVICE, OPERATOR, capture)
            .unwrap(),
        U256::from(ALLOCATION - 700)
    );
}

#[test]
fn execution_waits_for_the_veto_deadline_and_stops_at_the_expiry() {
    let (mut env, id) = setup_with_request(700);
    let request = env.request(0);
    env.sender(STRANGER);
    for t in [env.now(), request.veto_deadline - 1] {
        env.warp(t);
        let before = env.frozen();
        let result = env.manager.execute_slash(id);
        env.assert_rejected(
            &before,
            result,
            Error::VetoWindowOpen(SlashingManagerVetoWindowOpen {
                id,
                vetoDeadline: request.veto_deadline,
            }),
        );
    }
    for t in [request.execution_expiry, request.execution_expiry + DAY] {
        env.warp(t);
        let before = env.frozen();
        let result = env.manager.execute_slash(id);
        env.assert_rejected(
            &before,
            result,
            Error::RequestExpired(SlashingManagerRequestExpired {
                id,
                executionExpiry: request.execution_expiry,
            }),
        );
    }
    env.warp(request.execution_expiry - 1);
    env.manager.execute_slash(id).unwrap();
}

#[test]
fn an_instant_service_executes_in_the_same_block() {
    let mut env = setup();
    env.sender(OTHER_SERVICE);
    env.manager
        .register_service(Address::ZERO, 0, OTHER_RECIPIENT)
        .unwrap();
    env.sender(OPERATOR);
    env.manager.opt_in_service(OTHER_SERVICE).unwrap();
    env.sender(CURATOR);
    env.manager
        .set_allocation(VAULT, OTHER_SERVICE, OPERATOR, U256::from(ALLOCATION))
        .unwrap();
    env.sender(OTHER_SERVICE);
    let now = env.now();
    let id = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(5), now)
        .unwrap();
    assert_eq!(env.request(0).veto_deadline, now);
    assert_eq!(env.manager.execute_slash(id), Ok(U256::from(5)));
    assert_eq!(
        env.chain.vault(VAULT).slashes[0].2,
        OTHER_RECIPIENT,
        "paid to the service's recipient"
    );
}

#[test]
fn a_pause_does_not_block_requests_already_made() {
    let (mut env, id) = setup_with_request(700);
    env.sender(PAUSER);
    env.manager.pause().unwrap();
    env.advance(VETO);
    env.sender(STRANGER);
    assert_eq!(env.manager.execute_slash(id), Ok(U256::from(700)));
}

#[test]
fn a_request_executes_at_most_once() {
    let (mut env, id) = setup_with_request(700);
    env.advance(VETO);
    env.sender(STRANGER);
    env.manager.execute_slash(id).unwrap();
    let before = env.frozen();
    let result = env.manager.execute_slash(id);
    env.assert_rejected(
        &before,
        result,
        Error::AlreadyExecuted(SlashingManagerAlreadyExecuted { id }),
    );
    assert_eq!(env.chain.vault(VAULT).slashes.len(), 1);
}

#[test]
fn the_vault_slashes_at_most_what_it_holds_and_the_rest_is_released() {
    let (mut env, id) = setup_with_request(700);
    // Withdrawals became claimable meanwhile: the vault holds only 250 for the capture.
    env.chain.with_vault(VAULT, |v| v.stake = U256::from(250));
    env.advance(VETO);
    env.sender(STRANGER);
    assert_eq!(env.manager.execute_slash(id), Ok(U256::from(250)));
    assert_eq!(env.request(0).slashed, U256::from(250));
    // Only what was slashed spent the allocation.
    assert_eq!(env.totals(), (U256::from(250), U256::ZERO));
    assert_eq!(
        last_event::<SlashExecuted>(&env.chain).slashed,
        U256::from(250)
    );
}

#[test]
fn executions_pay_the_recipient_in_effect_at_execution() {
    let (mut env, id) = setup_with_request(700);
    env.sender(SERVICE);
    let effective_at = env
        .manager
        .update_service(RESOLVER, VETO, OTHER_RECIPIENT)
        .unwrap();
    env.advance(VETO);
    env.sender(STRANGER);
    env.manager.execute_slash(id).unwrap();
    assert_eq!(env.chain.vault(VAULT).slashes[0].2, RECIPIENT);
    assert!(env.now() < effective_at);
}

#[test]
fn a_vault_that_refuses_or_misreports_reverts_the_whole_execution() {
    use support::SlashBehaviour::{Empty, OverReport, Revert};
    for behaviour in [Revert, OverReport, Empty] {
        let (mut env, id) = setup_with_request(700);
        env.advance(VETO);
        env.chain.with_vault(VAULT, |v| v.on_slash = behaviour);
        env.sender(STRANGER);
        let before = env.frozen();
        // The manager closes the request before calling the vault (checks-effects-
        // interactions); the failed transaction reverts those writes, as on chain.
        let result = env.chain.transact(|| env.manager.execute_slash(id));
        env.assert_rejected(
            &before,
            result,
            Error::VaultCallFailed(SlashingManagerVaultCallFailed { vault: VAULT }),
        );
        assert_eq!(env.request(0).status, PENDING, "{behaviour:?}");
        // Once the vault answers, the request still executes.
        env.chain
            .with_vault(VAULT, |v| v.on_slash = SlashBehaviour::Honest);
        assert_eq!(env.manager.execute_slash(id), Ok(U256::from(700)));
    }
}
