//! Service registration and scheduled updates of resolver, veto duration and recipient.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, U256};
use slashing_manager::{
    errors::{
        Error, SlashingManagerInvalidRecipient, SlashingManagerServiceAlreadyRegistered,
        SlashingManagerUnknownService, SlashingManagerVetoDurationTooLong,
    },
    events::{ServiceRegistered, ServiceUpdateScheduled},
};
use support::*;

#[test]
fn a_service_registers_itself() {
    let mut env = deploy();
    assert!(!env.manager.is_service(SERVICE));
    env.sender(SERVICE);
    env.manager
        .register_service(RESOLVER, VETO, RECIPIENT)
        .unwrap();
    assert!(env.manager.is_service(SERVICE));
    assert_eq!(
        env.manager.service_config_at(SERVICE, env.now()),
        (RESOLVER, VETO)
    );
    assert_eq!(
        env.manager.service_recipient(SERVICE),
        (RECIPIENT, Address::ZERO, 0)
    );
    // Before registration there was no configuration.
    assert_eq!(
        env.manager.service_config_at(SERVICE, env.now() - 1),
        (Address::ZERO, 0)
    );
    let event = last_event::<ServiceRegistered>(&env.chain);
    assert_eq!(
        (
            event.service,
            event.resolver,
            event.vetoDuration,
            event.recipient
        ),
        (SERVICE, RESOLVER, VETO, RECIPIENT)
    );
}

#[test]
fn no_resolver_and_no_veto_are_valid_choices() {
    let mut env = deploy();
    env.sender(SERVICE);
    env.manager
        .register_service(Address::ZERO, 0, RECIPIENT)
        .unwrap();
    assert_eq!(
        env.manager.service_config_at(SERVICE, env.now()),
        (Address::ZERO, 0)
    );
    env.sender(OTHER_SERVICE);
    env.manager
        .register_service(RESOLVER, MAX_VETO, RECIPIENT)
        .unwrap();
    assert_eq!(
        env.manager.service_config_at(OTHER_SERVICE, env.now()),
        (RESOLVER, MAX_VETO)
    );
}

#[test]
fn registration_rejects_bad_input_and_changes_nothing() {
    let mut env = deploy();
    env.sender(SERVICE);
    let before = env.frozen();
    let result = env
        .manager
        .register_service(RESOLVER, MAX_VETO + 1, RECIPIENT);
    env.assert_rejected(
        &before,
        result,
        Error::VetoDurationTooLong(SlashingManagerVetoDurationTooLong {
            vetoDuration: MAX_VETO + 1,
            maxVetoDuration: MAX_VETO,
        }),
    );
    let result = env.manager.register_service(RESOLVER, VETO, Address::ZERO);
    env.assert_rejected(
        &before,
        result,
        Error::InvalidRecipient(SlashingManagerInvalidRecipient {
            recipient: Address::ZERO,
        }),
    );
    assert!(!env.manager.is_service(SERVICE));

    env.manager
        .register_service(RESOLVER, VETO, RECIPIENT)
        .unwrap();
    let before = env.frozen();
    let result = env
        .manager
        .register_service(OTHER_RESOLVER, 0, OTHER_RECIPIENT);
    env.assert_rejected(
        &before,
        result,
        Error::ServiceAlreadyRegistered(SlashingManagerServiceAlreadyRegistered {
            service: SERVICE,
        }),
    );
}

#[test]
fn an_update_applies_only_after_the_delay() {
    let mut env = setup();
    let scheduled_at = env.now();
    env.sender(SERVICE);
    let effective_at = env
        .manager
        .update_service(OTHER_RESOLVER, 0, OTHER_RECIPIENT)
        .unwrap();
    assert_eq!(effective_at, scheduled_at + SERVICE_UPDATE_DELAY);
    const { assert!(SERVICE_UPDATE_DELAY > MAX_VETO) };
    let event = last_event::<ServiceUpdateScheduled>(&env.chain);
    assert_eq!(
        (
            event.service,
            event.resolver,
            event.vetoDuration,
            event.recipient,
            event.effectiveAt
        ),
        (SERVICE, OTHER_RESOLVER, 0, OTHER_RECIPIENT, effective_at)
    );

    // Until then the old settings hold, for captures and for payouts; the schedule is visible.
    for t in [scheduled_at, effective_at - 1] {
        assert_eq!(env.manager.service_config_at(SERVICE, t), (RESOLVER, VETO));
    }
    assert_eq!(
        env.manager.service_config_at(SERVICE, effective_at),
        (OTHER_RESOLVER, 0)
    );
    assert_eq!(
        env.manager.service_recipient(SERVICE),
        (RECIPIENT, OTHER_RECIPIENT, effective_at)
    );

    env.warp(effective_at);
    assert_eq!(
        env.manager.service_recipient(SERVICE),
        (OTHER_RECIPIENT, Address::ZERO, 0)
    );
    // History is kept: captures before the update still see the old resolver.
    assert_eq!(
        env.manager.service_config_at(SERVICE, effective_at - 1),
        (RESOLVER, VETO)
    );
}

#[test]
fn a_new_update_replaces_one_not_yet_applied() {
    let mut env = setup();
    env.sender(SERVICE);
    let first = env
        .manager
        .update_service(OTHER_RESOLVER, 0, OTHER_RECIPIENT)
        .unwrap();
    env.advance(DAY);
    let second = env
        .manager
        .update_service(Address::ZERO, MAX_VETO, OTHER_RECIPIENT)
        .unwrap();
    assert_eq!(second, first + DAY);
    // The first schedule never applies.
    assert_eq!(
        env.manager.service_config_at(SERVICE, first),
        (RESOLVER, VETO)
    );
    assert_eq!(
        env.manager.service_config_at(SERVICE, second),
        (Address::ZERO, MAX_VETO)
    );
}

#[test]
fn an_update_after_an_applied_one_keeps_the_applied_recipient() {
    let mut env = setup();
    env.sender(SERVICE);
    let first = env
        .manager
        .update_service(RESOLVER, VETO, OTHER_RECIPIENT)
        .unwrap();
    env.warp(first + 1);
    let second = env
        .manager
        .update_service(RESOLVER, VETO, RECIPIENT)
        .unwrap();
    assert_eq!(
        env.manager.service_recipient(SERVICE),
        (OTHER_RECIPIENT, RECIPIENT, second)
    );
    env.warp(second);
    assert_eq!(
        env.manager.service_recipient(SERVICE),
        (RECIPIENT, Address::ZERO, 0)
    );
}

#[test]
fn updates_reject_bad_input_and_change_nothing() {
    let mut env = setup();
    env.sender(STRANGER);
    let before = env.frozen();
    let result = env.manager.update_service(RESOLVER, VETO, RECIPIENT);
    env.assert_rejected(
        &before,
        result,
        Error::UnknownService(SlashingManagerUnknownService { service: STRANGER }),
    );
    env.sender(SERVICE);
    let result = env
        .manager
        .update_service(RESOLVER, MAX_VETO + 1, RECIPIENT);
    env.assert_rejected(
        &before,
        result,
        Error::VetoDurationTooLong(SlashingManagerVetoDurationTooLong {
            vetoDuration: MAX_VETO + 1,
            maxVetoDuration: MAX_VETO,
        }),
    );
    let result = env.manager.update_service(RESOLVER, VETO, Address::ZERO);
    env.assert_rejected(
        &before,
        result,
        Error::InvalidRecipient(SlashingManagerInvalidRecipient {
            recipient: Address::ZERO,
        }),
    );
}

#[test]
fn requests_keep_the_resolver_of_their_capture() {
    let mut env = setup();
    env.sender(SERVICE);
    let effective_at = env
        .manager
        .update_service(OTHER_RESOLVER, 0, OTHER_RECIPIENT)
        .unwrap();
    // Long after the update applied, a capture from before it still answers to the old
    // resolver and veto duration: a service cannot swap its resolver to push a slash through.
    env.warp(effective_at + 10);
    let id = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(1), effective_at - 1)
        .unwrap();
    let request = env.request(id.to());
    assert_eq!(request.resolver, RESOLVER);
    assert_eq!(request.veto_deadline, env.now() + VETO);
    // A capture after the update answers to the new settings.
    let id = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(1), effective_at)
        .unwrap();
    let request = env.request(id.to());
    assert_eq!(request.resolver, OTHER_RESOLVER);
    assert_eq!(request.veto_deadline, env.now());
}
