//! Construction (metadata, admin from the argument, never from `msg.sender`), roles through
//! the token's external functions, and ERC-165.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, FixedBytes, U256, keccak256};
use lrt_token::{
    LrtToken, MINTER_ROLE,
    errors::{Error, LrtTokenMetadataTooLong, LrtTokenMinterAlreadyGranted},
    interface_ids,
};
use restaking_common::access_control::{
    AccessControlBadConfirmation, AccessControlLastAdmin, AccessControlUnauthorizedAccount,
    AccessControlZeroAddress, DEFAULT_ADMIN_ROLE, RoleGranted, RoleRevoked,
};
use stylus_sdk::testing::TestVM;
use support::*;

#[test]
fn the_admin_is_the_constructor_argument_not_the_deployer() {
    let Deployed { vm, token } = deploy();
    assert!(token.has_role(DEFAULT_ADMIN_ROLE, ADMIN));
    assert!(!token.has_role(DEFAULT_ADMIN_ROLE, DEPLOYER));
    assert!(!token.has_role(MINTER_ROLE, DEPLOYER));
    let granted = events::<RoleGranted>(&vm);
    assert_eq!(granted[0].role, DEFAULT_ADMIN_ROLE);
    assert_eq!(granted[0].account, ADMIN);
    assert_eq!(granted[0].sender, DEPLOYER);
}

#[test]
fn role_constants_are_exposed() {
    let Deployed { token, .. } = deploy();
    assert_eq!(token.default_admin_role(), DEFAULT_ADMIN_ROLE);
    assert_eq!(token.minter_role(), keccak256("MINTER_ROLE"));
    assert_eq!(token.get_role_admin(MINTER_ROLE), DEFAULT_ADMIN_ROLE);
    assert_eq!(token.get_role_admin(DEFAULT_ADMIN_ROLE), DEFAULT_ADMIN_ROLE);
}

#[test]
fn a_zero_admin_is_rejected() {
    let vm = TestVM::default();
    let mut token = LrtToken::from(&vm);
    assert_eq!(
        token.constructor(NAME.into(), SYMBOL.into(), DECIMALS, Address::ZERO),
        Err(Error::RoleToZeroAddress(AccessControlZeroAddress {}))
    );
    assert!(vm.get_emitted_logs().is_empty());
}

#[test]
fn names_and_symbols_over_31_bytes_are_rejected() {
    let vm = TestVM::default();
    let mut token = LrtToken::from(&vm);
    let long = "x".repeat(32);
    let too_long = Err(Error::MetadataTooLong(LrtTokenMetadataTooLong {
        length: U256::from(32),
    }));
    assert_eq!(
        token.constructor(long.clone(), SYMBOL.into(), DECIMALS, ADMIN),
        too_long
    );
    assert_eq!(
        token.constructor(NAME.into(), long, DECIMALS, ADMIN),
        too_long
    );
    assert_eq!(token.name(), "");
    assert!(!token.has_role(DEFAULT_ADMIN_ROLE, ADMIN));
    // 31 bytes fit.
    let longest = "y".repeat(31);
    token
        .constructor(longest.clone(), longest.clone(), 6, ADMIN)
        .unwrap();
    assert_eq!(token.name(), longest);
    assert_eq!(token.symbol(), longest);
    assert_eq!(token.decimals(), 6);
}

#[test]
fn admin_grants_and_revokes_the_minter_role() {
    let Deployed { vm, mut token } = deploy();
    vm.set_sender(ADMIN);
    // One minter at a time: MINTER holds the role, so it cannot go to ALICE as well.
    let logs = log_count(&vm);
    assert_eq!(
        token.grant_role(MINTER_ROLE, ALICE),
        Err(Error::MinterAlreadyGranted(LrtTokenMinterAlreadyGranted {}))
    );
    assert!(!token.has_role(MINTER_ROLE, ALICE));
    assert_eq!(log_count(&vm), logs);
    // Granting it again to the holder is a no-op, not an error.
    token.grant_role(MINTER_ROLE, MINTER).unwrap();
    token.revoke_role(MINTER_ROLE, MINTER).unwrap();
    token.grant_role(MINTER_ROLE, ALICE).unwrap();
    assert!(token.has_role(MINTER_ROLE, ALICE));
    token.revoke_role(MINTER_ROLE, ALICE).unwrap();
    assert!(!token.has_role(MINTER_ROLE, ALICE));
    let revoked = events::<RoleRevoked>(&vm).pop().unwrap();
    assert_eq!((revoked.account, revoked.sender), (ALICE, ADMIN));
}

#[test]
fn non_admins_cannot_grant_or_revoke_roles() {
    let Deployed { vm, mut token } = deploy();
    let logs = log_count(&vm);
    for caller in [MINTER, ALICE, DEPLOYER] {
        vm.set_sender(caller);
        let expected = Err(Error::UnauthorizedAccount(
            AccessControlUnauthorizedAccount {
                account: caller,
                neededRole: DEFAULT_ADMIN_ROLE,
            },
        ));
        assert_eq!(token.grant_role(MINTER_ROLE, caller), expected);
        assert_eq!(token.grant_role(DEFAULT_ADMIN_ROLE, caller), expected);
        assert_eq!(token.revoke_role(MINTER_ROLE, MINTER), expected);
    }
    assert!(token.has_role(MINTER_ROLE, MINTER));
    assert!(!token.has_role(MINTER_ROLE, ALICE));
    assert_eq!(log_count(&vm), logs);
}

#[test]
fn granting_to_zero_is_rejected() {
    let Deployed { vm, mut token } = deploy();
    vm.set_sender(ADMIN);
    assert_eq!(
        token.grant_role(MINTER_ROLE, Address::ZERO),
        Err(Error::RoleToZeroAddress(AccessControlZeroAddress {}))
    );
}

#[test]
fn renouncing_requires_confirming_ones_own_address() {
    let Deployed { vm, mut token } = deploy();
    vm.set_sender(MINTER);
    assert_eq!(
        token.renounce_role(MINTER_ROLE, ALICE),
        Err(Error::BadConfirmation(AccessControlBadConfirmation {}))
    );
    assert!(token.has_role(MINTER_ROLE, MINTER));
    token.renounce_role(MINTER_ROLE, MINTER).unwrap();
    assert!(!token.has_role(MINTER_ROLE, MINTER));
    let revoked = events::<RoleRevoked>(&vm).pop().unwrap();
    assert_eq!((revoked.account, revoked.sender), (MINTER, MINTER));
}

#[test]
fn the_admin_can_hand_over_and_renounce_administration() {
    let Deployed { vm, mut token } = deploy();
    vm.set_sender(ADMIN);
    token.grant_role(DEFAULT_ADMIN_ROLE, ALICE).unwrap();
    token.renounce_role(DEFAULT_ADMIN_ROLE, ADMIN).unwrap();
    assert!(token.grant_role(MINTER_ROLE, BOB).is_err());
    vm.set_sender(ALICE);
    token.revoke_role(MINTER_ROLE, MINTER).unwrap();
    token.grant_role(MINTER_ROLE, BOB).unwrap();
    assert!(token.has_role(MINTER_ROLE, BOB));
    // The last admin cannot leave.
    assert_eq!(
        token.renounce_role(DEFAULT_ADMIN_ROLE, ALICE),
        Err(Error::LastAdmin(AccessControlLastAdmin {}))
    );
}

#[test]
fn supports_exactly_the_implemented_interfaces() {
    let Deployed { token, .. } = deploy();
    for id in interface_ids::SUPPORTED {
        assert!(token.supports_interface(id), "{id}");
    }
    // ERC-165 requires false for 0xffffffff; and an unrelated id (IERC721) is not supported.
    assert!(!token.supports_interface(FixedBytes([0xff; 4])));
    assert!(!token.supports_interface(FixedBytes([0x80, 0xac, 0x58, 0xcd])));
}
