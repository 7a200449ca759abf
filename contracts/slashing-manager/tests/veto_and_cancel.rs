//! `vetoSlash` by the request's resolver inside the veto window, and `cancelSlash` by its
//! service; both release the pending amount.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, U256};
use slashing_manager::{
    errors::{
        Error, SlashingManagerAlreadyCancelled, SlashingManagerAlreadyExecuted,
        SlashingManagerAlreadyVetoed, SlashingManagerNotRequester, SlashingManagerNotResolver,
        SlashingManagerUnknownRequest, SlashingManagerVetoWindowClosed,
    },
    events::{SlashCancelled, SlashVetoed},
    request::{CANCELLED, VETOED},
};
use support::*;

#[test]
fn the_resolver_vetoes_inside_the_window_and_the_amount_is_released() {
    let (mut env, id) = setup_with_request(700);
    env.advance(VETO - 1);
    env.sender(RESOLVER);
    env.manager.veto_slash(id).unwrap();
    assert_eq!(env.request(0).status, VETOED);
    assert_eq!(env.totals(), (U256::ZERO, U256::ZERO));
    let event = last_event::<SlashVetoed>(&env.chain);
    assert_eq!((event.id, event.resolver), (id, RESOLVER));
    // The released amount can be requested again.
    env.sender(SERVICE);
    let capture = env.now() - 1;
    env.manager
        .request_slash(OPERATOR, VAULT, U256::from(ALLOCATION), capture)
        .unwrap();
}

#[test]
fn only_the_requests_resolver_vetoes() {
    let (mut env, id) = setup_with_request(700);
    let before = env.frozen();
    for account in [SERVICE, OPERATOR, ADMIN, OTHER_RESOLVER] {
        env.sender(account);
        let result = env.manager.veto_slash(id);
        env.assert_rejected(
            &before,
            result,
            Error::NotResolver(SlashingManagerNotResolver { id, account }),
        );
    }
}

#[test]
fn the_resolver_at_the_capture_keeps_the_veto_after_an_update() {
    let (mut env, id) = setup_with_request(700);
    env.sender(SERVICE);
    env.manager
        .update_service(OTHER_RESOLVER, 0, RECIPIENT)
        .unwrap();
    env.sender(OTHER_RESOLVER);
    let before = env.frozen();
    let result = env.manager.veto_slash(id);
    env.assert_rejected(
        &before,
        result,
        Error::NotResolver(SlashingManagerNotResolver {
            id,
            account: OTHER_RESOLVER,
        }),
    );
    env.sender(RESOLVER);
    env.manager.veto_slash(id).unwrap();
}

#[test]
fn the_veto_window_closes_at_the_deadline() {
    let (mut env, id) = setup_with_request(700);
    env.warp(env.request(0).veto_deadline);
    env.sender(RESOLVER);
    let before = env.frozen();
    let result = env.manager.veto_slash(id);
    env.assert_rejected(
        &before,
        result,
        Error::VetoWindowClosed(SlashingManagerVetoWindowClosed { id }),
    );
}

#[test]
fn requests_without_a_resolver_or_without_a_veto_window_cannot_be_vetoed() {
    let mut env = setup();
    for (service, resolver, veto) in [
        (OTHER_SERVICE, Address::ZERO, VETO),
        (STRANGER, RESOLVER, 0),
    ] {
        env.sender(service);
        env.manager
            .register_service(resolver, veto, RECIPIENT)
            .unwrap();
        env.sender(OPERATOR);
        env.manager.opt_in_service(service).unwrap();
        env.sender(CURATOR);
        env.manager
            .set_allocation(VAULT, service, OPERATOR, U256::from(ALLOCATION))
            .unwrap();
    }
    let capture = env.now();
    env.sender(OTHER_SERVICE);
    let without_resolver = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(1), capture)
        .unwrap();
    env.sender(STRANGER);
    let instant = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(1), capture)
        .unwrap();
    let before = env.frozen();
    // Nobody is the zero resolver, not even the zero address.
    for account in [Address::ZERO, RESOLVER, OTHER_SERVICE] {
        env.sender(account);
        let result = env.manager.veto_slash(without_resolver);
        env.assert_rejected(
            &before,
            result,
            Error::NotResolver(SlashingManagerNotResolver {
                id: without_resolver,
                account,
            }),
        );
    }
    env.sender(RESOLVER);
    let result = env.manager.veto_slash(instant);
    env.assert_rejected(
        &before,
        result,
        Error::VetoWindowClosed(SlashingManagerVetoWindowClosed { id: instant }),
    );
}

#[test]
fn the_service_cancels_its_own_pending_request() {
    let (mut env, id) = setup_with_request(700);
    let before = env.frozen();
    for account in [RESOLVER, OPERATOR, STRANGER] {
        env.sender(account);
        let result = env.manager.cancel_slash(id);
        env.assert_rejected(
            &before,
            result,
            Error::NotRequester(SlashingManagerNotRequester { id, account }),
        );
    }
    env.sender(SERVICE);
    env.manager.cancel_slash(id).unwrap();
    assert_eq!(env.request(0).status, CANCELLED);
    assert_eq!(env.totals(), (U256::ZERO, U256::ZERO));
    assert_eq!(last_event::<SlashCancelled>(&env.chain).id, id);
}

#[test]
fn an_expired_request_is_released_by_cancelling_it() {
    let (mut env, id) = setup_with_request(ALLOCATION);
    env.warp(env.request(0).execution_expiry + DAY);
    env.sender(SERVICE);
    env.manager.cancel_slash(id).unwrap();
    assert_eq!(env.totals(), (U256::ZERO, U256::ZERO));
    assert_eq!(env.manager.pending_slashes(VAULT), U256::ZERO);
}

/// Issue 11: a request holds the vault's stake from every service while it is pending, so a
/// service that leaves an expired request behind must not block the others: once expired,
/// anyone may cancel it; before, only its service.
#[test]
fn anyone_cancels_an_expired_request_and_nobody_else_before() {
    let (mut env, id) = setup_with_request(700);
    assert_eq!(env.manager.pending_slashes(VAULT), U256::from(700));
    let expiry = env.request(0).execution_expiry;
    env.warp(expiry - 1);
    let before = env.frozen();
    env.sender(STRANGER);
    let result = env.manager.cancel_slash(id);
    env.assert_rejected(
        &before,
        result,
        Error::NotRequester(SlashingManagerNotRequester {
            id,
            account: STRANGER,
        }),
    );
    env.warp(expiry);
    env.manager.cancel_slash(id).unwrap();
    assert_eq!(env.request(0).status, CANCELLED);
    assert_eq!(env.totals(), (U256::ZERO, U256::ZERO));
    assert_eq!(env.manager.pending_slashes(VAULT), U256::ZERO);
    assert_eq!(last_event::<SlashCancelled>(&env.chain).id, id);
}

#[test]
fn closed_and_unknown_requests_are_refused() {
    let (mut env, vetoed) = setup_with_request(100);
    env.sender(SERVICE);
    let capture = env.now() - 1;
    let cancelled = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(100), capture)
        .unwrap();
    let executed = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(100), capture)
        .unwrap();
    env.sender(RESOLVER);
    env.manager.veto_slash(vetoed).unwrap();
    env.sender(SERVICE);
    env.manager.cancel_slash(cancelled).unwrap();
    env.advance(VETO);
    env.sender(STRANGER);
    env.manager.execute_slash(executed).unwrap();

    let unknown = U256::from(3);
    let cases = [
        (
            vetoed,
            Error::AlreadyVetoed(SlashingManagerAlreadyVetoed { id: vetoed }),
        ),
        (
            cancelled,
            Error::AlreadyCancelled(SlashingManagerAlreadyCancelled { id: cancelled }),
        ),
        (
            executed,
            Error::AlreadyExecuted(SlashingManagerAlreadyExecuted { id: executed }),
        ),
        (
            unknown,
            Error::UnknownRequest(SlashingManagerUnknownRequest { id: unknown }),
        ),
        (
            U256::MAX,
            Error::UnknownRequest(SlashingManagerUnknownRequest { id: U256::MAX }),
        ),
    ];
    env.advance(1);
    let before = env.frozen();
    for (id, expected) in cases {
        env.sender(RESOLVER);
        let result = env.manager.veto_slash(id);
        env.assert_rejected(&before, result, expected.clone());
        env.sender(SERVICE);
        let result = env.manager.cancel_slash(id);
        env.assert_rejected(&before, result, expected.clone());
        env.sender(STRANGER);
        let result = env.manager.execute_slash(id);
        env.assert_rejected(&before, result, expected);
    }
    assert_eq!(
        env.manager.slash_request(unknown),
        Err(Error::UnknownRequest(SlashingManagerUnknownRequest {
            id: unknown
        }))
    );
}

/// Issue 11 (pending slashes priced): the vault holds a request's amount until it closes, and
/// a vault that refuses the release (the manager lost its `SLASHER_ROLE`) does not keep the
/// resolver from vetoing.
#[test]
fn the_vault_holds_a_request_until_it_closes_and_a_refused_release_does_not_block_a_veto() {
    let (mut env, id) = setup_with_request(700);
    let expiry = env.request(0).execution_expiry;
    let vault = env.chain.vault(VAULT);
    assert_eq!(vault.holds, vec![(U256::from(700), expiry)]);
    assert_eq!(vault.pending, U256::from(700));
    env.sender(SERVICE);
    let capture = env.now() - 1;
    let second = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(100), capture)
        .unwrap();
    assert_eq!(env.chain.vault(VAULT).pending, U256::from(800));
    env.sender(RESOLVER);
    env.manager.veto_slash(id).unwrap();
    assert_eq!(env.chain.vault(VAULT).pending, U256::from(100));
    env.chain.with_vault(VAULT, |v| v.holds_revert = true);
    env.manager.veto_slash(second).unwrap();
    assert_eq!(env.request(1).status, VETOED);
    assert_eq!(env.totals(), (U256::ZERO, U256::ZERO));
    assert_eq!(env.manager.pending_slashes(VAULT), U256::ZERO);
    // The refused release left the vault's figure, which its own expiry clears.
    assert_eq!(env.chain.vault(VAULT).pending, U256::from(100));
}

/// Found in review: once a vault's latest expiry has passed it drops what it held, so
/// releasing an expired request afterwards (anyone may cancel one) would take its amount off
/// a newer request's hold and let deposits in while that one is pending. The manager releases
/// only requests that have not expired.
#[test]
fn cancelling_an_expired_request_does_not_release_it_on_the_vault() {
    let (mut env, old) = setup_with_request(700);
    env.warp(env.request(0).execution_expiry + 1);
    env.sender(SERVICE);
    let capture = env.now() - 1;
    env.manager
        .request_slash(OPERATOR, VAULT, U256::from(100), capture)
        .unwrap();
    let held = env.chain.vault(VAULT).pending;
    env.sender(STRANGER);
    env.manager.cancel_slash(old).unwrap();
    assert_eq!(env.request(0).status, CANCELLED);
    assert_eq!(
        env.chain.vault(VAULT).pending,
        held,
        "no release after expiry"
    );
    assert_eq!(env.manager.pending_slashes(VAULT), U256::from(100));
}
