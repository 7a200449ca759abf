//! Role-based access control in the shape of OpenZeppelin's `AccessControl`.
//!
//! Each role is a `bytes32` (by convention `keccak256("NAME_ROLE")`), has a set of members and
//! an admin role whose members may grant and revoke it. The admin of every role is
//! [`DEFAULT_ADMIN_ROLE`] unless changed with [`AccessControl::set_role_admin`].
//!
//! Unlike OpenZeppelin's, it counts each role's members, and [`DEFAULT_ADMIN_ROLE`] can never
//! be left without one: revoking or renouncing it from its last holder fails with
//! [`AccessControlLastAdmin`]. Otherwise the last admin could leave a contract whose paused
//! flows nobody can unpause and whose roles nobody can grant again. Handing administration
//! over is grant first, then renounce. A contract may limit a role to one holder with
//! [`AccessControl::members`] (the LRT does for its minter).
//!
//! The component keeps no notion of "owner": the contract that embeds it grants the initial
//! roles in its constructor from explicit arguments. Under `StylusDeployer` the constructor's
//! `msg.sender` is the deployer contract, so it must never receive a role implicitly.

use alloc::{vec, vec::Vec};

use crate::{
    abi_words::IntoWord,
    calldata::Args,
    emit::emit_log,
    returndata::{self, Returned},
};
use alloy_primitives::{Address, B256};
use alloy_sol_types::SolEvent;
use stylus_sdk::{
    prelude::*,
    storage::{StorageB256, StorageBool, StorageMap, StorageU64},
};

/// The role that administers every role whose admin was not changed: `bytes32(0)`.
pub const DEFAULT_ADMIN_ROLE: B256 = B256::ZERO;

crate::sol_items! {
    /// Events and errors of this component.
    AccessControlItems {
        /// Emitted when `account` is granted `role` by `sender`.
        event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender);

        /// Emitted when `account` loses `role`; `sender` is the admin who revoked it, or
        /// `account` itself when it renounced.
        event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender);

        /// Emitted when the admin role of `role` changes.
        event RoleAdminChanged(
            bytes32 indexed role,
            bytes32 indexed previousAdminRole,
            bytes32 indexed newAdminRole
        );

        /// `account` lacks `neededRole`.
        error AccessControlUnauthorizedAccount(address account, bytes32 neededRole);

        /// `renounceRole` was called with a confirmation that is not the caller.
        error AccessControlBadConfirmation();

        /// A role cannot be granted to the zero address.
        error AccessControlZeroAddress();

        /// The last holder of `DEFAULT_ADMIN_ROLE` cannot lose it: grant it to another account
        /// first.
        error AccessControlLastAdmin();
    }
}

/// Errors of the [`AccessControl`] component.
#[derive(SolidityError, Debug, PartialEq)]
pub enum Error {
    /// The account lacks the role it needs.
    UnauthorizedAccount(AccessControlUnauthorizedAccount),
    /// `renounceRole` confirmation is not the caller.
    BadConfirmation(AccessControlBadConfirmation),
    /// Granting a role to the zero address.
    ZeroAddress(AccessControlZeroAddress),
    /// Revoking or renouncing the last admin.
    LastAdmin(AccessControlLastAdmin),
}

/// The `IAccessControl` functions every contract routes the same way.
pub mod selectors {
    crate::selectors! {
        HAS_ROLE = "hasRole(bytes32,address)";
        GET_ROLE_ADMIN = "getRoleAdmin(bytes32)";
        GRANT_ROLE = "grantRole(bytes32,address)";
        REVOKE_ROLE = "revokeRole(bytes32,address)";
        RENOUNCE_ROLE = "renounceRole(bytes32,address)";
    }
}

/// Runs the `IAccessControl` function `selector` names on `roles`, for the router of the
/// contract that embeds them (its errors `E` gather ours); `None` for another selector.
pub fn route<E: From<Error> + Into<Vec<u8>>>(
    roles: &mut AccessControl,
    selector: u32,
    a: Args<'_>,
) -> Option<Returned> {
    use selectors::*;
    let run = |result: Result<(), Error>| returndata::unit(result.map_err(E::from));
    Some(match selector {
        HAS_ROLE => (|| returndata::word(roles.has_role(a.bytes32(0)?, a.address(1)?)))(),
        GET_ROLE_ADMIN => (|| returndata::word(roles.get_role_admin(a.bytes32(0)?)))(),
        GRANT_ROLE => (|| run(roles.grant_role(a.bytes32(0)?, a.address(1)?)))(),
        REVOKE_ROLE => (|| run(roles.revoke_role(a.bytes32(0)?, a.address(1)?)))(),
        RENOUNCE_ROLE => (|| run(roles.renounce_role(a.bytes32(0)?, a.address(1)?)))(),
        _ => return None,
    })
}

/// Members and admin of one role.
#[storage]
pub struct RoleData {
    /// Whether an account holds the role.
    has_role: StorageMap<Address, StorageBool>,
    /// The role whose members administer this one.
    admin_role: StorageB256,
    /// How many accounts hold the role.
    members: StorageU64,
}

/// Role storage: `role => RoleData`.
#[storage]
pub struct AccessControl {
    roles: StorageMap<B256, RoleData>,
}

impl AccessControl {
    /// Whether `account` holds `role`.
    pub fn has_role(&self, role: B256, account: Address) -> bool {
        self.roles.getter(role).has_role.get(account)
    }

    /// How many accounts hold `role`.
    pub fn members(&self, role: B256) -> u64 {
        self.roles.getter(role).members.get().as_limbs()[0]
    }

    /// Succeeds unless `account` is the last holder of [`DEFAULT_ADMIN_ROLE`] and `role` is
    /// that role.
    ///
    /// # Errors
    /// [`AccessControlLastAdmin`] when it is.
    fn check_not_last_admin(&self, role: B256, account: Address) -> Result<(), Error> {
        if role == DEFAULT_ADMIN_ROLE && self.members(role) <= 1 && self.has_role(role, account) {
            return Err(Error::LastAdmin(AccessControlLastAdmin {}));
        }
        Ok(())
    }

    /// Succeeds when `account` holds `role`.
    ///
    /// # Errors
    /// [`AccessControlUnauthorizedAccount`] when it does not.
    pub fn check_role(&self, role: B256, account: Address) -> Result<(), Error> {
        if self.has_role(role, account) {
            Ok(())
        } else {
            Err(Error::UnauthorizedAccount(
                AccessControlUnauthorizedAccount {
                    account,
                    neededRole: role,
                },
            ))
        }
    }

    /// Succeeds when the caller (`msg.sender`) holds `role`.
    ///
    /// # Errors
    /// [`AccessControlUnauthorizedAccount`] when it does not.
    pub fn only_role(&self, role: B256) -> Result<(), Error> {
        self.check_role(role, self.vm().msg_sender())
    }

    /// The admin role of `role`.
    pub fn get_role_admin(&self, role: B256) -> B256 {
        self.roles.getter(role).admin_role.get()
    }

    /// Grants `role` to `account`; the caller must hold the admin role of `role`.
    ///
    /// # Errors
    /// [`AccessControlUnauthorizedAccount`] when the caller is not an admin of `role`;
    /// [`AccessControlZeroAddress`] when `account` is zero.
    ///
    /// # Events
    /// [`RoleGranted`] when `account` did not already hold the role.
    pub fn grant_role(&mut self, role: B256, account: Address) -> Result<(), Error> {
        self.only_role(self.get_role_admin(role))?;
        self.grant_role_unchecked(role, account)?;
        Ok(())
    }

    /// Revokes `role` from `account`; the caller must hold the admin role of `role`.
    ///
    /// # Errors
    /// [`AccessControlUnauthorizedAccount`] when the caller is not an admin of `role`;
    /// [`AccessControlLastAdmin`] when `account` is the last admin.
    ///
    /// # Events
    /// [`RoleRevoked`] when `account` held the role.
    pub fn revoke_role(&mut self, role: B256, account: Address) -> Result<(), Error> {
        self.only_role(self.get_role_admin(role))?;
        self.check_not_last_admin(role, account)?;
        self.revoke_role_unchecked(role, account);
        Ok(())
    }

    /// The caller gives up `role`. `caller_confirmation` must be the caller, so a role is not
    /// renounced by a mistyped call.
    ///
    /// # Errors
    /// [`AccessControlBadConfirmation`] when `caller_confirmation` is not the caller;
    /// [`AccessControlLastAdmin`] when the caller is the last admin.
    ///
    /// # Events
    /// [`RoleRevoked`] when the caller held the role.
    pub fn renounce_role(&mut self, role: B256, caller_confirmation: Address) -> Result<(), Error> {
        if caller_confirmation != self.vm().msg_sender() {
            return Err(Error::BadConfirmation(AccessControlBadConfirmation {}));
        }
        self.check_not_last_admin(role, caller_confirmation)?;
        self.revoke_role_unchecked(role, caller_confirmation);
        Ok(())
    }

    /// Grants `role` to `account` without checking the caller: for constructors and for
    /// contract logic that has already authorised the change. Returns whether it changed.
    ///
    /// # Errors
    /// [`AccessControlZeroAddress`] when `account` is zero.
    ///
    /// # Events
    /// [`RoleGranted`] when `account` did not already hold the role.
    pub fn grant_role_unchecked(&mut self, role: B256, account: Address) -> Result<bool, Error> {
        if account.is_zero() {
            return Err(Error::ZeroAddress(AccessControlZeroAddress {}));
        }
        if self.has_role(role, account) {
            return Ok(false);
        }
        self.set_membership(role, account, true);
        Ok(true)
    }

    /// Revokes `role` from `account` without checking the caller. Returns whether it changed.
    ///
    /// # Events
    /// [`RoleRevoked`] when `account` held the role.
    pub fn revoke_role_unchecked(&mut self, role: B256, account: Address) -> bool {
        if !self.has_role(role, account) {
            return false;
        }
        self.set_membership(role, account, false);
        true
    }

    /// Records whether `account` holds `role` (the opposite of what it did), counts it and
    /// emits [`RoleGranted`] or [`RoleRevoked`] with the caller as the sender.
    fn set_membership(&mut self, role: B256, account: Address, member: bool) {
        let mut data = self.roles.setter(role);
        data.has_role.insert(account, member);
        let count = data.members.get();
        let one = alloy_primitives::U64::from(1);
        // Granting: at most one more than the accounts that exist, so a u64 cannot overflow.
        // Revoking: the account held the role, so it was counted: the count is at least 1.
        data.members.set(if member {
            count.saturating_add(one)
        } else {
            count.saturating_sub(one)
        });
        let sender = self.vm().msg_sender();
        let event = if member {
            RoleGranted::SIGNATURE_HASH
        } else {
            RoleRevoked::SIGNATURE_HASH
        };
        emit_log(
            self.vm(),
            &[
                event,
                role.into_word(),
                account.into_word(),
                sender.into_word(),
            ],
            &[],
        );
    }

    /// Makes `admin_role` the admin of `role`, without checking the caller (constructor use).
    ///
    /// # Events
    /// [`RoleAdminChanged`].
    pub fn set_role_admin(&mut self, role: B256, admin_role: B256) {
        let previous_admin_role = self.get_role_admin(role);
        self.roles.setter(role).admin_role.set(admin_role);
        emit_log(
            self.vm(),
            &[
                RoleAdminChanged::SIGNATURE_HASH,
                role.into_word(),
                previous_admin_role.into_word(),
                admin_role.into_word(),
            ],
            &[],
        );
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{address, keccak256};
    use alloy_sol_types::SolEvent;
    use stylus_sdk::testing::TestVM;

    use super::*;

    const ADMIN: Address = address!("0x00000000000000000000000000000000000000a1");
    const ALICE: Address = address!("0x00000000000000000000000000000000000000b2");
    const BOB: Address = address!("0x00000000000000000000000000000000000000c3");

    fn minter_role() -> B256 {
        keccak256("MINTER_ROLE")
    }

    fn with_admin() -> (TestVM, AccessControl) {
        let vm = TestVM::default();
        let mut roles = AccessControl::from(&vm);
        assert_eq!(
            roles.grant_role_unchecked(DEFAULT_ADMIN_ROLE, ADMIN),
            Ok(true)
        );
        (vm, roles)
    }

    #[test]
    fn members_are_counted_once_per_account() {
        let (vm, mut roles) = with_admin();
        vm.set_sender(ADMIN);
        assert_eq!(roles.members(minter_role()), 0);
        roles.grant_role(minter_role(), ALICE).unwrap();
        roles.grant_role(minter_role(), ALICE).unwrap();
        roles.grant_role(minter_role(), BOB).unwrap();
        assert_eq!(roles.members(minter_role()), 2);
        roles.revoke_role(minter_role(), ALICE).unwrap();
        roles.revoke_role(minter_role(), ALICE).unwrap();
        assert_eq!(roles.members(minter_role()), 1);
        vm.set_sender(BOB);
        roles.renounce_role(minter_role(), BOB).unwrap();
        assert_eq!(roles.members(minter_role()), 0);
        assert_eq!(roles.members(DEFAULT_ADMIN_ROLE), 1);
    }

    #[test]
    fn the_last_admin_can_neither_renounce_nor_be_revoked() {
        let (vm, mut roles) = with_admin();
        vm.set_sender(ADMIN);
        let logs = vm.get_emitted_logs().len();
        let last = Err(Error::LastAdmin(AccessControlLastAdmin {}));
        assert_eq!(roles.renounce_role(DEFAULT_ADMIN_ROLE, ADMIN), last);
        assert_eq!(roles.revoke_role(DEFAULT_ADMIN_ROLE, ADMIN), last);
        assert!(roles.has_role(DEFAULT_ADMIN_ROLE, ADMIN));
        assert_eq!(vm.get_emitted_logs().len(), logs);
        // Revoking a non-member changes nothing and is not refused.
        roles.revoke_role(DEFAULT_ADMIN_ROLE, ALICE).unwrap();
        // Handing over: grant first, then the old admin renounces.
        roles.grant_role(DEFAULT_ADMIN_ROLE, ALICE).unwrap();
        roles.renounce_role(DEFAULT_ADMIN_ROLE, ADMIN).unwrap();
        assert!(roles.has_role(DEFAULT_ADMIN_ROLE, ALICE));
        vm.set_sender(ALICE);
        assert_eq!(roles.renounce_role(DEFAULT_ADMIN_ROLE, ALICE), last);
    }

    #[test]
    fn admin_grants_and_revokes_with_events() {
        let (vm, mut roles) = with_admin();
        vm.set_sender(ADMIN);
        roles.grant_role(minter_role(), ALICE).unwrap();
        assert!(roles.has_role(minter_role(), ALICE));
        let logs = vm.get_emitted_logs();
        let (topics, _) = logs.last().unwrap();
        assert_eq!(topics[0], RoleGranted::SIGNATURE_HASH);
        assert_eq!(topics[1], minter_role());
        assert_eq!(topics[2], ALICE.into_word());
        assert_eq!(topics[3], ADMIN.into_word());

        roles.revoke_role(minter_role(), ALICE).unwrap();
        assert!(!roles.has_role(minter_role(), ALICE));
        let logs = vm.get_emitted_logs();
        assert_eq!(logs.last().unwrap().0[0], RoleRevoked::SIGNATURE_HASH);
    }

    #[test]
    fn granting_a_held_role_changes_nothing_and_emits_nothing() {
        let (vm, mut roles) = with_admin();
        vm.set_sender(ADMIN);
        roles.grant_role(minter_role(), ALICE).unwrap();
        let before = vm.get_emitted_logs().len();
        roles.grant_role(minter_role(), ALICE).unwrap();
        assert_eq!(vm.get_emitted_logs().len(), before);
        roles.revoke_role(minter_role(), BOB).unwrap();
        assert_eq!(vm.get_emitted_logs().len(), before);
    }

    #[test]
    fn non_admin_cannot_grant_or_revoke() {
        let (vm, mut roles) = with_admin();
        vm.set_sender(ALICE);
        let expected = Err(Error::UnauthorizedAccount(
            AccessControlUnauthorizedAccount {
                account: ALICE,
                neededRole: DEFAULT_ADMIN_ROLE,
            },
        ));
        assert_eq!(roles.grant_role(minter_role(), BOB), expected);
        assert!(!roles.has_role(minter_role(), BOB));

        vm.set_sender(ADMIN);
        roles.grant_role(minter_role(), BOB).unwrap();
        vm.set_sender(ALICE);
        assert_eq!(roles.revoke_role(minter_role(), BOB), expected);
        assert!(roles.has_role(minter_role(), BOB));
    }

    #[test]
    fn zero_address_cannot_receive_a_role() {
        let (vm, mut roles) = with_admin();
        vm.set_sender(ADMIN);
        assert_eq!(
            roles.grant_role(minter_role(), Address::ZERO),
            Err(Error::ZeroAddress(AccessControlZeroAddress {}))
        );
        assert!(!roles.has_role(minter_role(), Address::ZERO));
    }

    #[test]
    fn renounce_needs_the_callers_own_address() {
        let (vm, mut roles) = with_admin();
        vm.set_sender(ADMIN);
        roles.grant_role(minter_role(), ALICE).unwrap();
        vm.set_sender(ALICE);
        assert_eq!(
            roles.renounce_role(minter_role(), BOB),
            Err(Error::BadConfirmation(AccessControlBadConfirmation {}))
        );
        assert!(roles.has_role(minter_role(), ALICE));
        roles.renounce_role(minter_role(), ALICE).unwrap();
        assert!(!roles.has_role(minter_role(), ALICE));
    }

    #[test]
    fn a_changed_admin_role_takes_over_administration() {
        let (vm, mut roles) = with_admin();
        let manager_role = keccak256("MANAGER_ROLE");
        roles.set_role_admin(minter_role(), manager_role);
        assert_eq!(roles.get_role_admin(minter_role()), manager_role);
        let (topics, _) = vm.get_emitted_logs().last().unwrap().clone();
        assert_eq!(topics[0], RoleAdminChanged::SIGNATURE_HASH);
        assert_eq!(topics[2], DEFAULT_ADMIN_ROLE);
        assert_eq!(topics[3], manager_role);

        // The default admin no longer administers the minter role.
        vm.set_sender(ADMIN);
        assert!(roles.grant_role(minter_role(), ALICE).is_err());
        roles.grant_role(manager_role, BOB).unwrap();
        vm.set_sender(BOB);
        roles.grant_role(minter_role(), ALICE).unwrap();
        assert!(roles.has_role(minter_role(), ALICE));
    }
}
