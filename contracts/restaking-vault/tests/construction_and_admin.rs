//! Construction bounds, the admin from the argument (never the deployer), configuration,
//! pause/unpause by the right roles, ERC-165.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, FixedBytes, U256};
use restaking_common::access_control::{AccessControlUnauthorizedAccount, DEFAULT_ADMIN_ROLE};
use restaking_vault::{
    FLOW_DEPOSIT, MAX_FEE_BPS, PAUSER_ROLE, RestakingVault, admin::IVaultAdmin, errors::*,
    interface_ids,
};
use support::*;

fn construct(
    epoch_start: u64,
    epoch: u64,
    vesting: u64,
    fee: u16,
    asset: Address,
) -> Result<(), Error> {
    let host = host();
    let mut vault = RestakingVault::from(&host);
    vault.constructor(
        asset,
        LRT,
        ADMIN,
        epoch_start,
        epoch,
        vesting,
        TREASURY,
        fee,
        REDEMPTIONS,
    )
}

#[test]
fn construction_rejects_out_of_bounds_configuration() {
    assert_eq!(construct(START, EPOCH, VESTING, FEE_BPS, TOKEN), Ok(()));
    assert_eq!(
        construct(START, 3_599, VESTING, FEE_BPS, TOKEN),
        Err(Error::InvalidEpochDuration(
            RestakingVaultInvalidEpochDuration { duration: 3_599 }
        ))
    );
    assert_eq!(
        construct(START + 1, EPOCH, VESTING, FEE_BPS, TOKEN),
        Err(Error::InvalidEpochStart(RestakingVaultInvalidEpochStart {
            start: START + 1
        }))
    );
    assert_eq!(
        construct(START, EPOCH, 31 * 86_400, FEE_BPS, TOKEN),
        Err(Error::InvalidVestingPeriod(
            RestakingVaultInvalidVestingPeriod {
                period: 31 * 86_400
            }
        ))
    );
    assert_eq!(
        construct(START, EPOCH, VESTING, MAX_FEE_BPS + 1, TOKEN),
        Err(Error::FeeTooHigh(RestakingVaultFeeTooHigh {
            feeBps: U256::from(MAX_FEE_BPS + 1),
            maxFeeBps: U256::from(MAX_FEE_BPS)
        }))
    );
    assert_eq!(
        construct(START, EPOCH, VESTING, FEE_BPS, Address::ZERO),
        Err(Error::ZeroAddress(RestakingVaultZeroAddress {}))
    );
    assert_eq!(
        construct(START, EPOCH, VESTING, FEE_BPS, ALICE),
        Err(Error::NotAContract(RestakingVaultNotAContract {
            account: ALICE
        }))
    );
}

#[test]
fn the_admin_is_the_argument_not_the_deployer() {
    let f = deploy(false);
    assert!(f.vault.has_role(DEFAULT_ADMIN_ROLE, ADMIN));
    assert!(!f.vault.has_role(DEFAULT_ADMIN_ROLE, DEPLOYER));
    assert_eq!(f.vault.redemptions_program(), REDEMPTIONS);
    assert_eq!(f.vault.epoch_duration(), EPOCH);
    assert_eq!(f.vault.fee_bps(), FEE_BPS);
    assert_eq!(f.vault.treasury(), TREASURY);
}

#[test]
fn only_the_admin_configures() {
    let mut f = deploy(true);
    f.vm.set_sender(ALICE);
    let unauthorized = Err(Error::UnauthorizedAccount(
        AccessControlUnauthorizedAccount {
            account: ALICE,
            neededRole: DEFAULT_ADMIN_ROLE,
        },
    ));
    assert_eq!(f.vault.set_deposit_cap(n(1)), unauthorized);
    assert_eq!(f.vault.set_min_deposit(n(1)), unauthorized);
    assert_eq!(f.vault.set_fee(1), unauthorized);
    assert_eq!(f.vault.set_treasury(ALICE), unauthorized);
    f.vm.set_sender(ADMIN);
    assert_eq!(
        f.vault.set_fee(MAX_FEE_BPS + 1),
        Err(Error::FeeTooHigh(RestakingVaultFeeTooHigh {
            feeBps: U256::from(MAX_FEE_BPS + 1),
            maxFeeBps: U256::from(MAX_FEE_BPS)
        }))
    );
    assert_eq!(
        f.vault.set_min_deposit(U256::ZERO),
        Err(Error::ZeroAmount(RestakingVaultZeroAmount {}))
    );
    assert_eq!(
        f.vault.set_treasury(Address::ZERO),
        Err(Error::ZeroAddress(RestakingVaultZeroAddress {}))
    );
    f.vault.set_fee(MAX_FEE_BPS).unwrap();
    f.vault.set_treasury(BOB).unwrap();
    f.vault.set_deposit_cap(n(7)).unwrap();
    f.vault.set_min_deposit(n(2)).unwrap();
    assert_eq!(
        (
            f.vault.fee_bps(),
            f.vault.treasury(),
            f.vault.deposit_cap(),
            f.vault.min_deposit()
        ),
        (MAX_FEE_BPS, BOB, n(7), n(2))
    );
}

#[test]
fn the_pauser_pauses_and_only_the_admin_unpauses() {
    let mut f = deploy(true);
    f.vm.set_sender(ALICE);
    assert_eq!(
        f.vault.pause(FLOW_DEPOSIT),
        Err(Error::UnauthorizedAccount(
            AccessControlUnauthorizedAccount {
                account: ALICE,
                neededRole: PAUSER_ROLE
            }
        ))
    );
    f.vm.set_sender(PAUSER);
    assert_eq!(
        f.vault.pause(3),
        Err(Error::UnknownFlow(RestakingVaultUnknownFlow { flow: 3 }))
    );
    f.vault.pause(FLOW_DEPOSIT).unwrap();
    assert!(f.vault.is_paused(FLOW_DEPOSIT));
    assert!(matches!(
        f.vault.pause(FLOW_DEPOSIT),
        Err(Error::EnforcedPause(_))
    ));
    assert_eq!(
        f.vault.unpause(FLOW_DEPOSIT),
        Err(Error::UnauthorizedAccount(
            AccessControlUnauthorizedAccount {
                account: PAUSER,
                neededRole: DEFAULT_ADMIN_ROLE
            }
        ))
    );
    f.vm.set_sender(ADMIN);
    f.vault.unpause(FLOW_DEPOSIT).unwrap();
    assert!(!f.vault.is_paused(FLOW_DEPOSIT));
    assert!(matches!(
        f.vault.unpause(FLOW_DEPOSIT),
        Err(Error::ExpectedPause(_))
    ));
}

#[test]
fn supports_exactly_its_interfaces() {
    let f = deploy(true);
    for id in interface_ids::SUPPORTED {
        assert!(f.vault.supports_interface(id));
    }
    assert!(!f.vault.supports_interface(FixedBytes([0xff; 4])));
}
