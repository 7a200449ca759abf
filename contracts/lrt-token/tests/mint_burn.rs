//! Minting and burning: only the minter role, never zero amounts or zero addresses, supply
//! bounded by 2^256 - 1.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, U256};
use lrt_token::{
    MINTER_ROLE,
    errors::{
        ERC20InsufficientBalance, ERC20InvalidReceiver, ERC20InvalidSender, Error,
        LrtTokenSupplyOverflow, LrtTokenZeroAmount,
    },
    events::Transfer,
};
use restaking_common::access_control::AccessControlUnauthorizedAccount;
use support::*;

fn unauthorized(account: Address) -> Error {
    Error::UnauthorizedAccount(AccessControlUnauthorizedAccount {
        account,
        neededRole: MINTER_ROLE,
    })
}

#[test]
fn minter_mints_and_burns_with_transfer_events() {
    let Deployed { vm, mut token } = deploy();
    vm.set_sender(MINTER);
    token.mint(ALICE, U256::from(10)).unwrap();
    assert_eq!(token.balance_of(ALICE), U256::from(10));
    assert_eq!(token.total_supply(), U256::from(10));
    let minted = events::<Transfer>(&vm).pop().unwrap();
    assert_eq!(
        (minted.from, minted.to, minted.value),
        (Address::ZERO, ALICE, U256::from(10))
    );

    // Burning needs no allowance: the vault burns shares it escrows.
    token.burn(ALICE, U256::from(4)).unwrap();
    assert_eq!(token.balance_of(ALICE), U256::from(6));
    assert_eq!(token.total_supply(), U256::from(6));
    let burned = events::<Transfer>(&vm).pop().unwrap();
    assert_eq!(
        (burned.from, burned.to, burned.value),
        (ALICE, Address::ZERO, U256::from(4))
    );
}

#[test]
fn only_the_minter_role_mints_or_burns() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 10);
    let logs = log_count(&vm);
    // Not even the admin, nor the holder, nor the deployer.
    for caller in [ADMIN, ALICE, DEPLOYER] {
        vm.set_sender(caller);
        assert_eq!(token.mint(caller, U256::from(1)), Err(unauthorized(caller)));
        assert_eq!(token.burn(ALICE, U256::from(1)), Err(unauthorized(caller)));
    }
    assert_eq!(token.balance_of(ALICE), U256::from(10));
    assert_eq!(token.total_supply(), U256::from(10));
    assert_eq!(log_count(&vm), logs);
}

#[test]
fn a_revoked_minter_can_no_longer_mint() {
    let Deployed { vm, mut token } = deploy();
    vm.set_sender(ADMIN);
    token.revoke_role(MINTER_ROLE, MINTER).unwrap();
    vm.set_sender(MINTER);
    assert_eq!(token.mint(ALICE, U256::from(1)), Err(unauthorized(MINTER)));
}

#[test]
fn zero_amounts_are_rejected() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 10);
    vm.set_sender(MINTER);
    let zero = Err(Error::ZeroAmount(LrtTokenZeroAmount {}));
    assert_eq!(token.mint(ALICE, U256::ZERO), zero);
    assert_eq!(token.burn(ALICE, U256::ZERO), zero);
    assert_eq!(token.total_supply(), U256::from(10));
}

#[test]
fn zero_addresses_are_rejected() {
    let Deployed { vm, mut token } = deploy();
    vm.set_sender(MINTER);
    assert_eq!(
        token.mint(Address::ZERO, U256::from(1)),
        Err(Error::InvalidReceiver(ERC20InvalidReceiver {
            receiver: Address::ZERO
        }))
    );
    assert_eq!(
        token.burn(Address::ZERO, U256::from(1)),
        Err(Error::InvalidSender(ERC20InvalidSender {
            sender: Address::ZERO
        }))
    );
    assert_eq!(token.total_supply(), U256::ZERO);
}

#[test]
fn burning_more_than_the_balance_is_rejected() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 10);
    vm.set_sender(MINTER);
    assert_eq!(
        token.burn(ALICE, U256::from(11)),
        Err(Error::InsufficientBalance(ERC20InsufficientBalance {
            sender: ALICE,
            balance: U256::from(10),
            needed: U256::from(11),
        }))
    );
    assert_eq!(token.balance_of(ALICE), U256::from(10));
    assert_eq!(token.total_supply(), U256::from(10));
}

#[test]
fn supply_cannot_overflow() {
    let Deployed { vm, mut token } = deploy();
    vm.set_sender(MINTER);
    token.mint(ALICE, U256::MAX).unwrap();
    assert_eq!(
        token.mint(BOB, U256::from(1)),
        Err(Error::SupplyOverflow(LrtTokenSupplyOverflow {
            totalSupply: U256::MAX,
            amount: U256::from(1),
        }))
    );
    assert_eq!(token.balance_of(BOB), U256::ZERO);
    assert_eq!(token.total_supply(), U256::MAX);
    // The whole supply can still move.
    vm.set_sender(ALICE);
    token.transfer(BOB, U256::MAX).unwrap();
    assert_eq!(token.balance_of(BOB), U256::MAX);
}

#[test]
fn burn_from_spends_the_spenders_allowance() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 100);
    vm.set_sender(ALICE);
    token.approve(BOB, U256::from(30)).unwrap();
    vm.set_sender(MINTER);
    token.burn_from(ALICE, BOB, U256::from(20)).unwrap();
    assert_eq!(token.allowance(ALICE, BOB), U256::from(10));
    assert_eq!(token.balance_of(ALICE), U256::from(80));
    assert_eq!(token.total_supply(), U256::from(80));
    // The owner itself needs no allowance.
    token.burn_from(ALICE, ALICE, U256::from(80)).unwrap();
    assert_eq!(token.balance_of(ALICE), U256::ZERO);
}

#[test]
fn burn_from_over_the_allowance_is_rejected_and_changes_nothing() {
    use lrt_token::errors::ERC20InsufficientAllowance;
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 100);
    vm.set_sender(ALICE);
    token.approve(BOB, U256::from(30)).unwrap();
    let logs = log_count(&vm);
    vm.set_sender(MINTER);
    assert_eq!(
        token.burn_from(ALICE, BOB, U256::from(31)),
        Err(Error::InsufficientAllowance(ERC20InsufficientAllowance {
            spender: BOB,
            allowance: U256::from(30),
            needed: U256::from(31),
        }))
    );
    // Allowance enough, balance not.
    vm.set_sender(ALICE);
    token.approve(BOB, U256::MAX).unwrap();
    vm.set_sender(MINTER);
    assert_eq!(
        token.burn_from(ALICE, BOB, U256::from(101)),
        Err(Error::InsufficientBalance(ERC20InsufficientBalance {
            sender: ALICE,
            balance: U256::from(100),
            needed: U256::from(101),
        }))
    );
    assert_eq!(token.allowance(ALICE, BOB), U256::MAX);
    assert_eq!(token.balance_of(ALICE), U256::from(100));
    assert_eq!(log_count(&vm), logs + 1); // only the second approve
}

#[test]
fn burn_from_is_for_minters_only_and_never_zero() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 100);
    vm.set_sender(BOB);
    assert_eq!(
        token.burn_from(ALICE, BOB, U256::from(1)),
        Err(unauthorized(BOB))
    );
    vm.set_sender(MINTER);
    assert_eq!(
        token.burn_from(ALICE, ALICE, U256::ZERO),
        Err(Error::ZeroAmount(LrtTokenZeroAmount {}))
    );
    assert_eq!(token.balance_of(ALICE), U256::from(100));
}
