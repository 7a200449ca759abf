//! `requestSlash`: the recorded request, and every reason to refuse one with nothing changed.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, U256};
use slashing_manager::{
    errors::{
        Error, SlashingManagerCaptureInFuture, SlashingManagerCaptureTooOld,
        SlashingManagerInsufficientSlashableStake, SlashingManagerNotOptedIn,
        SlashingManagerUnknownOperator, SlashingManagerUnknownService,
        SlashingManagerVaultCallFailed, SlashingManagerZeroAmount,
    },
    events::SlashRequested,
    request::PENDING,
};
use support::*;

#[test]
fn a_request_records_the_resolver_and_windows_of_its_capture() {
    let mut env = setup();
    let now = env.now();
    let capture = now - 600;
    env.sender(SERVICE);
    let id = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(400), capture)
        .unwrap();
    assert_eq!(id, U256::ZERO);
    assert_eq!(env.manager.slash_request_count(), U256::from(1));
    assert_eq!(
        env.request(0),
        Request {
            service: SERVICE,
            operator: OPERATOR,
            vault: VAULT,
            resolver: RESOLVER,
            amount: U256::from(400),
            slashed: U256::ZERO,
            capture,
            veto_deadline: now + VETO,
            execution_expiry: now + VETO + EXECUTION_WINDOW,
            status: PENDING,
        }
    );
    assert_eq!(env.totals(), (U256::ZERO, U256::from(400)));
    let event = last_event::<SlashRequested>(&env.chain);
    assert_eq!(
        (
            event.id,
            event.service,
            event.operator,
            event.vault,
            event.amount,
            event.captureTimestamp,
            event.vetoDeadline
        ),
        (
            U256::ZERO,
            SERVICE,
            OPERATOR,
            VAULT,
            U256::from(400),
            capture,
            now + VETO
        )
    );
    // Ids are sequential; the pending amount counts against the next request.
    let id = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(600), capture)
        .unwrap();
    assert_eq!(id, U256::from(1));
    assert_eq!(env.totals(), (U256::ZERO, U256::from(ALLOCATION)));
    // The vault was only asked what the manager needed.
    assert!(env.chain.unexpected_calls().is_empty());
}

#[test]
fn the_capture_may_be_the_current_block() {
    let mut env = setup();
    env.sender(SERVICE);
    let now = env.now();
    env.manager
        .request_slash(OPERATOR, VAULT, U256::from(1), now)
        .unwrap();
    assert_eq!(env.request(0).capture, now);
}

#[test]
fn refusals_change_nothing() {
    let mut env = setup();
    let now = env.now();
    let capture = now - 60;
    let one = U256::from(1);
    let before = env.frozen();

    env.sender(STRANGER);
    let result = env.manager.request_slash(OPERATOR, VAULT, one, capture);
    env.assert_rejected(
        &before,
        result,
        Error::UnknownService(SlashingManagerUnknownService { service: STRANGER }),
    );

    env.sender(SERVICE);
    let result = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::ZERO, capture);
    env.assert_rejected(
        &before,
        result,
        Error::ZeroAmount(SlashingManagerZeroAmount {}),
    );

    let result = env.manager.request_slash(OPERATOR, VAULT, one, now + 1);
    env.assert_rejected(
        &before,
        result,
        Error::CaptureInFuture(SlashingManagerCaptureInFuture {
            captureTimestamp: now + 1,
        }),
    );

    let result = env
        .manager
        .request_slash(OTHER_OPERATOR, VAULT, one, capture);
    env.assert_rejected(
        &before,
        result,
        Error::UnknownOperator(SlashingManagerUnknownOperator {
            operator: OTHER_OPERATOR,
        }),
    );

    // Not opted in to the vault (or to any vault at all).
    for vault in [OTHER_VAULT, Address::ZERO] {
        let result = env.manager.request_slash(OPERATOR, vault, one, capture);
        env.assert_rejected(
            &before,
            result,
            Error::NotOptedIn(SlashingManagerNotOptedIn {
                operator: OPERATOR,
                target: vault,
                timestamp: capture,
            }),
        );
    }

    // Not opted in yet at the capture (setup opted in at T0).
    let result = env.manager.request_slash(OPERATOR, VAULT, one, T0 - 1);
    env.assert_rejected(
        &before,
        result,
        Error::NotOptedIn(SlashingManagerNotOptedIn {
            operator: OPERATOR,
            target: SERVICE,
            timestamp: T0 - 1,
        }),
    );

    // More than the allocation.
    let result = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(ALLOCATION + 1), capture);
    env.assert_rejected(
        &before,
        result,
        Error::InsufficientSlashableStake(SlashingManagerInsufficientSlashableStake {
            slashable: U256::from(ALLOCATION),
            needed: U256::from(ALLOCATION + 1),
        }),
    );
    assert!(env.chain.unexpected_calls().is_empty());
}

#[test]
fn an_operator_opted_in_to_the_vault_but_not_the_service_is_not_slashable() {
    let mut env = setup();
    env.sender(OTHER_SERVICE);
    env.manager
        .register_service(RESOLVER, VETO, RECIPIENT)
        .unwrap();
    let capture = env.now() - 1;
    let before = env.frozen();
    let result = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(1), capture);
    env.assert_rejected(
        &before,
        result,
        Error::NotOptedIn(SlashingManagerNotOptedIn {
            operator: OPERATOR,
            target: OTHER_SERVICE,
            timestamp: capture,
        }),
    );
}

#[test]
fn the_vault_bounds_the_request() {
    let mut env = setup();
    env.chain
        .with_vault(VAULT, |v| v.stake = U256::from(ALLOCATION / 4));
    env.sender(SERVICE);
    let capture = env.now() - 1;
    let before = env.frozen();
    let result =
        env.manager
            .request_slash(OPERATOR, VAULT, U256::from(ALLOCATION / 4 + 1), capture);
    env.assert_rejected(
        &before,
        result,
        Error::InsufficientSlashableStake(SlashingManagerInsufficientSlashableStake {
            slashable: U256::from(ALLOCATION / 4),
            needed: U256::from(ALLOCATION / 4 + 1),
        }),
    );
    env.manager
        .request_slash(OPERATOR, VAULT, U256::from(ALLOCATION / 4), capture)
        .unwrap();
    // Pending amounts count against the vault's figure too: nothing more now.
    let before = env.frozen();
    let result = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(1), capture);
    env.assert_rejected(
        &before,
        result,
        Error::InsufficientSlashableStake(SlashingManagerInsufficientSlashableStake {
            slashable: U256::ZERO,
            needed: U256::from(1),
        }),
    );
}

#[test]
fn captures_whose_stake_the_vault_may_release_before_the_veto_ends_are_refused() {
    let mut env = setup();
    env.sender(SERVICE);
    env.warp(T0 + EPOCH);
    // The veto (one day) must end by capture + epoch (seven days).
    let oldest = env.now() + VETO - EPOCH;
    assert!(oldest > T0);
    let before = env.frozen();
    let result = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(1), oldest - 1);
    env.assert_rejected(
        &before,
        result,
        Error::CaptureTooOld(SlashingManagerCaptureTooOld {
            captureTimestamp: oldest - 1,
            oldestCapture: oldest,
        }),
    );
    env.manager
        .request_slash(OPERATOR, VAULT, U256::from(1), oldest)
        .unwrap();
}

#[test]
fn an_empty_vault_has_nothing_to_slash() {
    let mut env = setup();
    env.chain.with_vault(VAULT, |v| v.stake = U256::ZERO);
    env.sender(SERVICE);
    let capture = env.now();
    let before = env.frozen();
    let result = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(1), capture);
    env.assert_rejected(
        &before,
        result,
        Error::InsufficientSlashableStake(SlashingManagerInsufficientSlashableStake {
            slashable: U256::ZERO,
            needed: U256::from(1),
        }),
    );
}

#[test]
fn a_vault_that_cannot_answer_is_refused() {
    let mut env = setup();
    env.chain.with_vault(VAULT, |v| v.views_revert = true);
    env.sender(SERVICE);
    let capture = env.now() - 1;
    let before = env.frozen();
    let result = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(1), capture);
    env.assert_rejected(
        &before,
        result,
        Error::VaultCallFailed(SlashingManagerVaultCallFailed { vault: VAULT }),
    );
}

#[test]
fn the_same_stake_may_back_several_services() {
    let mut env = setup();
    env.sender(OTHER_SERVICE);
    env.manager
        .register_service(RESOLVER, VETO, RECIPIENT)
        .unwrap();
    env.sender(OPERATOR);
    env.manager.opt_in_service(OTHER_SERVICE).unwrap();
    env.sender(CURATOR);
    env.manager
        .set_allocation(VAULT, OTHER_SERVICE, OPERATOR, U256::from(ALLOCATION))
        .unwrap();
    env.advance(1);
    let capture = env.now() - 1;
    for service in [SERVICE, OTHER_SERVICE] {
        env.sender(service);
        env.manager
            .request_slash(OPERATOR, VAULT, U256::from(ALLOCATION), capture)
            .unwrap();
    }
    assert_eq!(
        env.manager.slash_totals(VAULT, OTHER_SERVICE, OPERATOR),
        (U256::ZERO, U256::from(ALLOCATION))
    );
}

/// A vault that refuses to hold the amount (the manager lacks its `SLASHER_ROLE`) cannot be
/// slashed: the request fails and nothing is recorded.
#[test]
fn a_vault_that_refuses_to_hold_the_amount_fails_the_request() {
    let mut env = setup();
    env.chain.with_vault(VAULT, |v| v.holds_revert = true);
    let capture = env.now() - 1;
    env.sender(SERVICE);
    let before = env.frozen();
    let result = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(10), capture);
    env.assert_rejected(
        &before,
        result,
        Error::VaultCallFailed(SlashingManagerVaultCallFailed { vault: VAULT }),
    );
}
