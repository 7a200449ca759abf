//! ERC-20 behaviour of the token: balances, transfers, allowances, events, and every
//! rejection leaving state untouched.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, U256};
use lrt_token::{
    errors::{
        ERC20InsufficientAllowance, ERC20InsufficientBalance, ERC20InvalidReceiver,
        ERC20InvalidSender, ERC20InvalidSpender, Error,
    },
    events::{Approval, Transfer},
};
use support::*;

#[test]
fn metadata_is_set_at_construction() {
    let Deployed { token, .. } = deploy();
    assert_eq!(token.name(), NAME);
    assert_eq!(token.symbol(), SYMBOL);
    assert_eq!(token.decimals(), DECIMALS);
    assert_eq!(token.total_supply(), U256::ZERO);
}

#[test]
fn transfer_moves_balance_and_emits_transfer() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 100);
    vm.set_sender(ALICE);
    assert_eq!(token.transfer(BOB, U256::from(30)), Ok(true));
    assert_eq!(token.balance_of(ALICE), U256::from(70));
    assert_eq!(token.balance_of(BOB), U256::from(30));
    assert_eq!(token.total_supply(), U256::from(100));
    let transfer = events::<Transfer>(&vm).pop().unwrap();
    assert_eq!(
        (transfer.from, transfer.to, transfer.value),
        (ALICE, BOB, U256::from(30))
    );
}

#[test]
fn zero_value_and_self_transfers_are_normal_transfers() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 100);
    vm.set_sender(ALICE);
    assert_eq!(token.transfer(BOB, U256::ZERO), Ok(true));
    assert_eq!(token.transfer(ALICE, U256::from(100)), Ok(true));
    assert_eq!(token.balance_of(ALICE), U256::from(100));
    assert_eq!(token.balance_of(BOB), U256::ZERO);
    assert_eq!(events::<Transfer>(&vm).len(), 3); // mint + 2 transfers
}

#[test]
fn transfer_over_balance_is_rejected_and_changes_nothing() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 100);
    let logs = log_count(&vm);
    vm.set_sender(ALICE);
    assert_eq!(
        token.transfer(BOB, U256::from(101)),
        Err(Error::InsufficientBalance(ERC20InsufficientBalance {
            sender: ALICE,
            balance: U256::from(100),
            needed: U256::from(101),
        }))
    );
    assert_eq!(token.balance_of(ALICE), U256::from(100));
    assert_eq!(token.balance_of(BOB), U256::ZERO);
    assert_eq!(log_count(&vm), logs);
}

#[test]
fn transfer_to_zero_address_is_rejected() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 100);
    vm.set_sender(ALICE);
    assert_eq!(
        token.transfer(Address::ZERO, U256::from(1)),
        Err(Error::InvalidReceiver(ERC20InvalidReceiver {
            receiver: Address::ZERO
        }))
    );
    assert_eq!(token.balance_of(ALICE), U256::from(100));
    assert_eq!(token.total_supply(), U256::from(100));
}

#[test]
fn approve_sets_allowance_and_emits_approval() {
    let Deployed { vm, mut token } = deploy();
    vm.set_sender(ALICE);
    assert_eq!(token.approve(BOB, U256::from(5)), Ok(true));
    assert_eq!(token.allowance(ALICE, BOB), U256::from(5));
    // Approve overwrites, it does not add.
    assert_eq!(token.approve(BOB, U256::from(2)), Ok(true));
    assert_eq!(token.allowance(ALICE, BOB), U256::from(2));
    let approval = events::<Approval>(&vm).pop().unwrap();
    assert_eq!(
        (approval.owner, approval.spender, approval.value),
        (ALICE, BOB, U256::from(2))
    );
}

#[test]
fn approve_of_zero_spender_is_rejected() {
    let Deployed { vm, mut token } = deploy();
    vm.set_sender(ALICE);
    let logs = log_count(&vm);
    assert_eq!(
        token.approve(Address::ZERO, U256::from(5)),
        Err(Error::InvalidSpender(ERC20InvalidSpender {
            spender: Address::ZERO
        }))
    );
    assert_eq!(token.allowance(ALICE, Address::ZERO), U256::ZERO);
    assert_eq!(log_count(&vm), logs);
}

#[test]
fn transfer_from_spends_allowance_without_approval_event() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 100);
    vm.set_sender(ALICE);
    token.approve(BOB, U256::from(50)).unwrap();
    let approvals = events::<Approval>(&vm).len();
    vm.set_sender(BOB);
    assert_eq!(token.transfer_from(ALICE, CAROL, U256::from(20)), Ok(true));
    assert_eq!(token.allowance(ALICE, BOB), U256::from(30));
    assert_eq!(token.balance_of(ALICE), U256::from(80));
    assert_eq!(token.balance_of(CAROL), U256::from(20));
    assert_eq!(events::<Approval>(&vm).len(), approvals);
    let transfer = events::<Transfer>(&vm).pop().unwrap();
    assert_eq!((transfer.from, transfer.to), (ALICE, CAROL));
}

#[test]
fn infinite_allowance_is_never_decremented() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 100);
    vm.set_sender(ALICE);
    token.approve(BOB, U256::MAX).unwrap();
    vm.set_sender(BOB);
    token.transfer_from(ALICE, CAROL, U256::from(60)).unwrap();
    token.transfer_from(ALICE, CAROL, U256::from(40)).unwrap();
    assert_eq!(token.allowance(ALICE, BOB), U256::MAX);
    assert_eq!(token.balance_of(CAROL), U256::from(100));
}

#[test]
fn transfer_from_over_allowance_is_rejected_and_changes_nothing() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 100);
    vm.set_sender(ALICE);
    token.approve(BOB, U256::from(10)).unwrap();
    let logs = log_count(&vm);
    vm.set_sender(BOB);
    assert_eq!(
        token.transfer_from(ALICE, CAROL, U256::from(11)),
        Err(Error::InsufficientAllowance(ERC20InsufficientAllowance {
            spender: BOB,
            allowance: U256::from(10),
            needed: U256::from(11),
        }))
    );
    assert_eq!(token.allowance(ALICE, BOB), U256::from(10));
    assert_eq!(token.balance_of(ALICE), U256::from(100));
    assert_eq!(log_count(&vm), logs);
}

#[test]
fn transfer_from_over_balance_keeps_the_allowance() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 10);
    vm.set_sender(ALICE);
    token.approve(BOB, U256::from(50)).unwrap();
    vm.set_sender(BOB);
    assert_eq!(
        token.transfer_from(ALICE, CAROL, U256::from(11)),
        Err(Error::InsufficientBalance(ERC20InsufficientBalance {
            sender: ALICE,
            balance: U256::from(10),
            needed: U256::from(11),
        }))
    );
    assert_eq!(token.allowance(ALICE, BOB), U256::from(50));
    assert_eq!(token.balance_of(ALICE), U256::from(10));
}

#[test]
fn transfer_from_with_zero_addresses_is_rejected() {
    let Deployed { vm, mut token } = deploy_with_balance(ALICE, 10);
    vm.set_sender(ALICE);
    token.approve(BOB, U256::from(5)).unwrap();
    vm.set_sender(BOB);
    assert_eq!(
        token.transfer_from(ALICE, Address::ZERO, U256::from(1)),
        Err(Error::InvalidReceiver(ERC20InvalidReceiver {
            receiver: Address::ZERO
        }))
    );
    // Nobody can have given an allowance from the zero address.
    assert_eq!(
        token.transfer_from(Address::ZERO, CAROL, U256::ZERO),
        Err(Error::InvalidSender(ERC20InvalidSender {
            sender: Address::ZERO
        }))
    );
    assert_eq!(token.allowance(ALICE, BOB), U256::from(5));
}
