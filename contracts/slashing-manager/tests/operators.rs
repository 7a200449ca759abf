//! Operator registration and opting in and out of services and vaults, with delayed opt-outs.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, U256};
use slashing_manager::{
    errors::{
        Error, SlashingManagerAlreadyOptedIn, SlashingManagerInvalidVault,
        SlashingManagerNotOptedIn, SlashingManagerOperatorAlreadyRegistered,
        SlashingManagerOptOutPending, SlashingManagerUnknownOperator,
        SlashingManagerUnknownService,
    },
    events::{
        OperatorOptedInService, OperatorOptedInVault, OperatorOptedOutService,
        OperatorOptedOutVault, OperatorRegistered,
    },
};
use support::*;

/// [`deploy`] with [`SERVICE`] registered.
fn with_service() -> Env {
    let mut env = deploy();
    env.sender(SERVICE);
    env.manager
        .register_service(RESOLVER, VETO, RECIPIENT)
        .unwrap();
    env
}

#[test]
fn an_operator_registers_itself_once() {
    let mut env = deploy();
    env.sender(OPERATOR);
    env.manager.register_operator().unwrap();
    assert!(env.manager.is_operator(OPERATOR));
    assert!(!env.manager.is_operator(OTHER_OPERATOR));
    assert_eq!(
        last_event::<OperatorRegistered>(&env.chain).operator,
        OPERATOR
    );
    let before = env.frozen();
    let result = env.manager.register_operator();
    env.assert_rejected(
        &before,
        result,
        Error::OperatorAlreadyRegistered(SlashingManagerOperatorAlreadyRegistered {
            operator: OPERATOR,
        }),
    );
}

#[test]
fn opting_in_takes_effect_at_once() {
    let mut env = with_service();
    env.sender(OPERATOR);
    env.manager.register_operator().unwrap();
    let now = env.now();
    env.manager.opt_in_service(SERVICE).unwrap();
    let event = last_event::<OperatorOptedInService>(&env.chain);
    assert_eq!((event.operator, event.service), (OPERATOR, SERVICE));
    env.manager.opt_in_vault(VAULT).unwrap();
    let event = last_event::<OperatorOptedInVault>(&env.chain);
    assert_eq!((event.operator, event.vault), (OPERATOR, VAULT));
    assert!(env.manager.is_opted_in_service(OPERATOR, SERVICE, now));
    assert!(env.manager.is_opted_in_vault(OPERATOR, VAULT, now));
    assert!(!env.manager.is_opted_in_service(OPERATOR, SERVICE, now - 1));
    assert!(!env.manager.is_opted_in_vault(OPERATOR, VAULT, now - 1));
    assert!(!env.manager.is_opted_in_vault(OPERATOR, OTHER_VAULT, now));
    // A service address is not a vault opt-in, and the other way round.
    assert!(!env.manager.is_opted_in_vault(OPERATOR, SERVICE, now));
    assert!(!env.manager.is_opted_in_service(OPERATOR, VAULT, now));
}

#[test]
fn opting_in_rejects_bad_input_and_changes_nothing() {
    let mut env = with_service();
    env.sender(OPERATOR);
    let before = env.frozen();
    let unknown_operator =
        Error::UnknownOperator(SlashingManagerUnknownOperator { operator: OPERATOR });
    let result = env.manager.opt_in_service(SERVICE);
    env.assert_rejected(&before, result, unknown_operator.clone());
    let result = env.manager.opt_in_vault(VAULT);
    env.assert_rejected(&before, result, unknown_operator);

    env.manager.register_operator().unwrap();
    let before = env.frozen();
    let result = env.manager.opt_in_service(OTHER_SERVICE);
    env.assert_rejected(
        &before,
        result,
        Error::UnknownService(SlashingManagerUnknownService {
            service: OTHER_SERVICE,
        }),
    );
    let result = env.manager.opt_in_vault(Address::ZERO);
    env.assert_rejected(
        &before,
        result,
        Error::InvalidVault(SlashingManagerInvalidVault {
            vault: Address::ZERO,
        }),
    );

    env.manager.opt_in_service(SERVICE).unwrap();
    env.manager.opt_in_vault(VAULT).unwrap();
    let before = env.frozen();
    let result = env.manager.opt_in_service(SERVICE);
    env.assert_rejected(
        &before,
        result,
        Error::AlreadyOptedIn(SlashingManagerAlreadyOptedIn {
            operator: OPERATOR,
            target: SERVICE,
        }),
    );
    let result = env.manager.opt_in_vault(VAULT);
    env.assert_rejected(
        &before,
        result,
        Error::AlreadyOptedIn(SlashingManagerAlreadyOptedIn {
            operator: OPERATOR,
            target: VAULT,
        }),
    );
}

#[test]
fn opting_out_takes_effect_only_after_the_delay() {
    let mut env = setup();
    let asked_at = env.now();
    env.sender(OPERATOR);
    let effective_at = env.manager.opt_out_service(SERVICE).unwrap();
    assert_eq!(effective_at, asked_at + OPT_OUT_DELAY);
    let event = last_event::<OperatorOptedOutService>(&env.chain);
    assert_eq!(
        (event.operator, event.service, event.effectiveAt),
        (OPERATOR, SERVICE, effective_at)
    );
    let vault_effective_at = env.manager.opt_out_vault(VAULT).unwrap();
    assert_eq!(vault_effective_at, effective_at);
    let event = last_event::<OperatorOptedOutVault>(&env.chain);
    assert_eq!(
        (event.operator, event.vault, event.effectiveAt),
        (OPERATOR, VAULT, effective_at)
    );

    // Still opted in (and slashable) until then; out from then on, including in views of the
    // future.
    for t in [asked_at, effective_at - 1] {
        assert!(env.manager.is_opted_in_service(OPERATOR, SERVICE, t));
        assert!(env.manager.is_opted_in_vault(OPERATOR, VAULT, t));
    }
    assert!(
        !env.manager
            .is_opted_in_service(OPERATOR, SERVICE, effective_at)
    );
    assert!(!env.manager.is_opted_in_vault(OPERATOR, VAULT, effective_at));

    // The service can still request a slash during the delay.
    env.warp(effective_at - 1);
    env.sender(SERVICE);
    env.manager
        .request_slash(OPERATOR, VAULT, U256::from(1), effective_at - 2)
        .unwrap();
}

#[test]
fn opting_out_rejects_bad_input_and_changes_nothing() {
    let mut env = setup();
    env.sender(OPERATOR);
    let now = env.now();
    let before = env.frozen();
    let result = env.manager.opt_out_service(OTHER_SERVICE);
    env.assert_rejected(
        &before,
        result,
        Error::NotOptedIn(SlashingManagerNotOptedIn {
            operator: OPERATOR,
            target: OTHER_SERVICE,
            timestamp: now,
        }),
    );
    let result = env.manager.opt_out_vault(OTHER_VAULT);
    env.assert_rejected(
        &before,
        result,
        Error::NotOptedIn(SlashingManagerNotOptedIn {
            operator: OPERATOR,
            target: OTHER_VAULT,
            timestamp: now,
        }),
    );
    env.sender(STRANGER);
    let result = env.manager.opt_out_vault(VAULT);
    env.assert_rejected(
        &before,
        result,
        Error::NotOptedIn(SlashingManagerNotOptedIn {
            operator: STRANGER,
            target: VAULT,
            timestamp: now,
        }),
    );

    env.sender(OPERATOR);
    let effective_at = env.manager.opt_out_service(SERVICE).unwrap();
    let vault_effective_at = env.manager.opt_out_vault(VAULT).unwrap();
    env.advance(DAY);
    let before = env.frozen();
    let result = env.manager.opt_out_service(SERVICE);
    env.assert_rejected(
        &before,
        result,
        Error::OptOutPending(SlashingManagerOptOutPending {
            operator: OPERATOR,
            target: SERVICE,
            effectiveAt: effective_at,
        }),
    );
    let result = env.manager.opt_out_vault(VAULT);
    env.assert_rejected(
        &before,
        result,
        Error::OptOutPending(SlashingManagerOptOutPending {
            operator: OPERATOR,
            target: VAULT,
            effectiveAt: vault_effective_at,
        }),
    );

    // Once out, opting out again is "not opted in".
    env.warp(effective_at);
    let before = env.frozen();
    let result = env.manager.opt_out_service(SERVICE);
    env.assert_rejected(
        &before,
        result,
        Error::NotOptedIn(SlashingManagerNotOptedIn {
            operator: OPERATOR,
            target: SERVICE,
            timestamp: effective_at,
        }),
    );
}

#[test]
fn opting_in_again_cancels_a_pending_opt_out() {
    let mut env = setup();
    env.sender(OPERATOR);
    let effective_at = env.manager.opt_out_service(SERVICE).unwrap();
    env.advance(DAY);
    env.manager.opt_in_service(SERVICE).unwrap();
    assert!(
        env.manager
            .is_opted_in_service(OPERATOR, SERVICE, effective_at)
    );
    assert!(env.manager.is_opted_in_service(OPERATOR, SERVICE, u64::MAX));
    // And it can opt out again afterwards, with a fresh delay.
    let again = env.manager.opt_out_service(SERVICE).unwrap();
    assert_eq!(again, env.now() + OPT_OUT_DELAY);
}

#[test]
fn the_history_of_opt_ins_is_kept_across_leaving_and_rejoining() {
    let mut env = setup();
    let first_in = env.now();
    env.sender(OPERATOR);
    let out_at = env.manager.opt_out_vault(VAULT).unwrap();
    env.warp(out_at + DAY);
    let back_at = env.now();
    env.manager.opt_in_vault(VAULT).unwrap();
    assert!(env.manager.is_opted_in_vault(OPERATOR, VAULT, first_in));
    assert!(env.manager.is_opted_in_vault(OPERATOR, VAULT, out_at - 1));
    assert!(!env.manager.is_opted_in_vault(OPERATOR, VAULT, out_at));
    assert!(!env.manager.is_opted_in_vault(OPERATOR, VAULT, back_at - 1));
    assert!(env.manager.is_opted_in_vault(OPERATOR, VAULT, back_at));
}
