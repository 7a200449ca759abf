//! Construction (delays, admin from the argument and never from `msg.sender`), roles, and the
//! pause of new requests.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, U256, keccak256};
use restaking_common::{
    access_control::{
        AccessControlBadConfirmation, AccessControlUnauthorizedAccount, AccessControlZeroAddress,
        DEFAULT_ADMIN_ROLE, RoleGranted, RoleRevoked,
    },
    pausable::{EnforcedPause, ExpectedPause, Paused, Unpaused},
};
use slashing_manager::{
    FLOW_REQUESTS, PAUSER_ROLE, SlashingManager,
    errors::{Error, SlashingManagerInvalidTiming},
};
use support::*;

fn construct(admin: Address, delays: [u64; 5]) -> (Chain, SlashingManager, Result<(), Error>) {
    let chain = Chain::default();
    chain.vm.set_sender(DEPLOYER);
    let mut manager = SlashingManager::from(&chain);
    let [max_veto, window, update, opt_out, allocation] = delays;
    let result = manager.constructor(admin, max_veto, window, update, opt_out, allocation);
    (chain, manager, result)
}

const DELAYS: [u64; 5] = [
    MAX_VETO,
    EXECUTION_WINDOW,
    SERVICE_UPDATE_DELAY,
    OPT_OUT_DELAY,
    ALLOCATION_DELAY,
];

#[test]
fn the_admin_is_the_constructor_argument_not_the_deployer() {
    let env = deploy();
    assert!(env.manager.has_role(DEFAULT_ADMIN_ROLE, ADMIN));
    assert!(!env.manager.has_role(DEFAULT_ADMIN_ROLE, DEPLOYER));
    assert!(!env.manager.has_role(PAUSER_ROLE, DEPLOYER));
    let granted = events::<RoleGranted>(&env.chain);
    assert_eq!(granted[0].role, DEFAULT_ADMIN_ROLE);
    assert_eq!(granted[0].account, ADMIN);
    assert_eq!(granted[0].sender, DEPLOYER);
}

#[test]
fn the_delays_are_stored_and_readable() {
    let env = deploy();
    assert_eq!(env.manager.max_veto_duration(), MAX_VETO);
    assert_eq!(env.manager.execution_window(), EXECUTION_WINDOW);
    assert_eq!(env.manager.service_update_delay(), SERVICE_UPDATE_DELAY);
    assert_eq!(env.manager.opt_out_delay(), OPT_OUT_DELAY);
    assert_eq!(env.manager.allocation_delay(), ALLOCATION_DELAY);
    assert_eq!(env.manager.slash_request_count(), U256::ZERO);
    assert!(!env.manager.paused());
}

#[test]
fn a_zero_admin_is_rejected() {
    let (chain, manager, result) = construct(Address::ZERO, DELAYS);
    assert_eq!(
        result,
        Err(Error::RoleToZeroAddress(AccessControlZeroAddress {}))
    );
    assert!(chain.storage().is_empty());
    assert!(chain.logs().is_empty());
    assert_eq!(manager.max_veto_duration(), 0);
}

#[test]
fn inconsistent_delays_are_rejected_and_nothing_is_written() {
    let cases: [(&str, [u64; 5]); 8] = [
        (
            "no execution window",
            [MAX_VETO, 0, 7 * DAY, 7 * DAY, 7 * DAY],
        ),
        ("instant opt-out", [MAX_VETO, DAY, 7 * DAY, 0, 7 * DAY]),
        ("instant deallocation", [MAX_VETO, DAY, 7 * DAY, 7 * DAY, 0]),
        (
            "update within a veto window",
            [MAX_VETO, DAY, MAX_VETO, DAY, DAY],
        ),
        (
            "update before an opt-out",
            [MAX_VETO, DAY, 7 * DAY, 8 * DAY, DAY],
        ),
        (
            "update before a deallocation",
            [MAX_VETO, DAY, 7 * DAY, DAY, 8 * DAY],
        ),
        (
            "a delay over 32 bits",
            [MAX_VETO, DAY, u64::from(u32::MAX) + 1, DAY, DAY],
        ),
        (
            "a veto over 32 bits",
            [u64::from(u32::MAX) + 1, DAY, u64::MAX, DAY, DAY],
        ),
    ];
    for (case, delays) in cases {
        let (chain, _, result) = construct(ADMIN, delays);
        assert_eq!(
            result,
            Err(Error::InvalidTiming(SlashingManagerInvalidTiming {})),
            "{case}"
        );
        assert!(chain.storage().is_empty(), "{case}");
        assert!(chain.logs().is_empty(), "{case}");
    }
    // The tightest valid deployment: no veto at all, one-second delays.
    let (_, manager, result) = construct(ADMIN, [0, 1, 1, 1, 1]);
    assert_eq!(result, Ok(()));
    assert_eq!(manager.max_veto_duration(), 0);
    assert_eq!(manager.allocation_delay(), 1);
}

#[test]
fn role_constants_are_exposed() {
    let env = deploy();
    assert_eq!(env.manager.default_admin_role(), DEFAULT_ADMIN_ROLE);
    assert_eq!(env.manager.pauser_role(), keccak256("PAUSER_ROLE"));
    assert_eq!(env.manager.get_role_admin(PAUSER_ROLE), DEFAULT_ADMIN_ROLE);
}

#[test]
fn only_admins_grant_and_revoke() {
    let mut env = deploy();
    let before = env.frozen();
    for caller in [PAUSER, STRANGER, DEPLOYER] {
        env.sender(caller);
        let expected = Error::UnauthorizedAccount(AccessControlUnauthorizedAccount {
            account: caller,
            neededRole: DEFAULT_ADMIN_ROLE,
        });
        let result = env.manager.grant_role(PAUSER_ROLE, caller);
        env.assert_rejected(&before, result, expected.clone());
        let result = env.manager.revoke_role(PAUSER_ROLE, PAUSER);
        env.assert_rejected(&before, result, expected);
    }
    env.sender(ADMIN);
    assert_eq!(
        env.manager.grant_role(PAUSER_ROLE, Address::ZERO),
        Err(Error::RoleToZeroAddress(AccessControlZeroAddress {}))
    );
    env.manager.revoke_role(PAUSER_ROLE, PAUSER).unwrap();
    assert!(!env.manager.has_role(PAUSER_ROLE, PAUSER));
    let revoked = last_event::<RoleRevoked>(&env.chain);
    assert_eq!((revoked.account, revoked.sender), (PAUSER, ADMIN));
}

#[test]
fn renouncing_needs_the_callers_own_address() {
    let mut env = deploy();
    env.sender(PAUSER);
    let before = env.frozen();
    let result = env.manager.renounce_role(PAUSER_ROLE, STRANGER);
    env.assert_rejected(
        &before,
        result,
        Error::BadConfirmation(AccessControlBadConfirmation {}),
    );
    env.manager.renounce_role(PAUSER_ROLE, PAUSER).unwrap();
    assert!(!env.manager.has_role(PAUSER_ROLE, PAUSER));
}

#[test]
fn the_pauser_pauses_requests_and_only_the_admin_unpauses() {
    let mut env = setup();
    let capture = env.now() - 1;

    // Only the pauser pauses.
    for caller in [ADMIN, STRANGER, SERVICE] {
        env.sender(caller);
        let before = env.frozen();
        let result = env.manager.pause();
        env.assert_rejected(
            &before,
            result,
            Error::UnauthorizedAccount(AccessControlUnauthorizedAccount {
                account: caller,
                neededRole: PAUSER_ROLE,
            }),
        );
    }
    env.sender(PAUSER);
    env.manager.pause().unwrap();
    assert!(env.manager.paused());
    let paused = last_event::<Paused>(&env.chain);
    assert_eq!((paused.account, paused.flow), (PAUSER, FLOW_REQUESTS));
    let before = env.frozen();
    let result = env.manager.pause();
    env.assert_rejected(
        &before,
        result,
        Error::EnforcedPause(EnforcedPause {
            flow: FLOW_REQUESTS,
        }),
    );

    // A paused manager refuses new requests, with nothing changed.
    env.sender(SERVICE);
    let result = env
        .manager
        .request_slash(OPERATOR, VAULT, U256::from(1), capture);
    env.assert_rejected(
        &before,
        result,
        Error::EnforcedPause(EnforcedPause {
            flow: FLOW_REQUESTS,
        }),
    );

    // The pauser cannot unpause; the admin can, once.
    env.sender(PAUSER);
    let result = env.manager.unpause();
    env.assert_rejected(
        &before,
        result,
        Error::UnauthorizedAccount(AccessControlUnauthorizedAccount {
            account: PAUSER,
            neededRole: DEFAULT_ADMIN_ROLE,
        }),
    );
    env.sender(ADMIN);
    env.manager.unpause().unwrap();
    assert!(!env.manager.paused());
    let unpaused = last_event::<Unpaused>(&env.chain);
    assert_eq!((unpaused.account, unpaused.flow), (ADMIN, FLOW_REQUESTS));
    let before = env.frozen();
    let result = env.manager.unpause();
    env.assert_rejected(
        &before,
        result,
        Error::ExpectedPause(ExpectedPause {
            flow: FLOW_REQUESTS,
        }),
    );

    env.sender(SERVICE);
    env.manager
        .request_slash(OPERATOR, VAULT, U256::from(1), capture)
        .unwrap();
}
