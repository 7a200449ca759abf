//! Every typed failure of every external function (src/vault.rs, src/redemptions.rs,
//! src/admin.rs) not already asserted elsewhere with the same strength: each rejection returns
//! its error AND leaves the vault's storage and logs byte for byte as they were
//! ([`support::snapshot`]). The audit, function by function (other files named where they
//! hold the test):
//!
//! | function | failures | where |
//! | --- | --- | --- |
//! | constructor | ZeroAddress (each address), NotAContract (asset, share, redemptions), InvalidEpochDuration (both bounds), InvalidEpochStart, InvalidVestingPeriod (both bounds), FeeTooHigh | here (nothing written), construction_and_admin.rs |
//! | deposit / depositWithMinShares / mint | EnforcedPause, ZeroAmount, ZeroAddress, BelowMinDeposit, DepositCapExceeded, ZeroShares, InvalidValue, AssetTransferFailed, Slippage | here, deposits.rs, invariants.rs (random) |
//! | distributeRewards | ZeroAmount, ZeroShares, InvalidValue, AssetTransferFailed | here, slashing_and_rewards.rs |
//! | onSlash | UnauthorizedAccount, ZeroAmount, ZeroAddress, InvalidCapture (future, too old, before epoch 0) | here, slashing_and_rewards.rs |
//! | grantRole / revokeRole / renounceRole | UnauthorizedAccount, AccessControlZeroAddress, BadConfirmation | here |
//! | epochStart | MathOverflow | here |
//! | previewRedeem / previewWithdraw | AsyncRedeem | here, redemptions.rs |
//! | requestRedeem | EnforcedPause, ZeroShares, ZeroAddress (controller, owner), InvalidCaller (a controller that did not consent), InsufficientShares, ZeroAmount, TooManyRequests, ShareTokenCallFailed (burnFrom reverts) | here, redemptions.rs |
//! | redeem / withdraw | EnforcedPause, ZeroShares / ZeroAmount, ZeroAddress, InvalidCaller, ExceedsClaimable | here |
//! | claim / claimBatch | EnforcedPause, ZeroAddress, NoRequest (none, epoch 0, claimed, listed twice), NotClaimable (nothing claimed), NoEpochs (an empty batch) | here, redemptions.rs |
//! | setOperator | ZeroAddress, InvalidCaller (itself) | here |
//! | setDepositCap / setMinDeposit / setFee / setTreasury / pause / unpause | UnauthorizedAccount, ZeroAmount, FeeTooHigh, ZeroAddress, UnknownFlow, EnforcedPause, ExpectedPause | here, construction_and_admin.rs |
//! | fallback | the redemption program's revert data, unchanged | here |
//!
//! Not reachable with stylus-sdk 0.10's `TestVM` (one return-data buffer for every call; no
//! revert of storage on an error): `RestakingVaultInsufficientAllowance` (balance and allowance
//! are read from the same buffer), and "changes nothing" for failures of the *outgoing* calls
//! (`mint`/`burnFrom` on the LRT, asset payouts in claims, slashes and the reward fee), which
//! happen after the books are written and rely on the transaction's revert; their error is
//! returned (`ShareTokenCallFailed`, `AssetTransferFailed`, `NativeTransferFailed`), and the
//! revert is for the flow tests on the deployed WASM (issue 6). `RestakingVaultMathOverflow`
//! in the money paths needs amounts near 2^256 that the cap on `totalAssets` keeps out.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolCall;
use restaking_common::access_control::{
    AccessControlBadConfirmation, AccessControlUnauthorizedAccount, AccessControlZeroAddress,
    DEFAULT_ADMIN_ROLE,
};
use restaking_vault::{
    FLOW_CLAIM, FLOW_DEPOSIT, MAX_FEE_BPS, PAUSER_ROLE, RestakingVault, SLASHER_ROLE,
    admin::IVaultAdmin, errors::*, redemptions::IVaultRedemptions,
};
use support::*;

/// Asserts that `call` fails with `error` and changes nothing.
macro_rules! rejects {
    ($f:expr, $call:expr, $error:expr) => {{
        let before = snapshot(&$f.host);
        assert_eq!($call, Err($error));
        assert_eq!(
            snapshot(&$f.host),
            before,
            "{} changed the vault",
            stringify!($call)
        );
    }};
}

fn unauthorized(account: Address, role: alloy_primitives::B256) -> Error {
    Error::UnauthorizedAccount(AccessControlUnauthorizedAccount {
        account,
        neededRole: role,
    })
}

/// Alice deposited 1_000 and requested 100 shares in epoch 0 (bucket 1, claimable) and 100 in
/// epoch 1 (bucket 2, pending); rewards are vesting; now is in epoch 2.
fn busy(native: bool) -> Fixture {
    let mut f = deploy(native);
    f.deposit(ALICE, 1_000, ALICE);
    f.request(ALICE, n(100));
    f.at(START + EPOCH);
    f.request(ALICE, n(100));
    f.at(START + 2 * EPOCH);
    f.expect_payment(BOB, n(50));
    // The fee (10%) goes to the treasury at once.
    f.expect_payout(TREASURY, n(5));
    f.vm.set_sender(BOB);
    f.vault.distribute_rewards(n(50)).unwrap();
    f.vm.set_value(U256::ZERO);
    f.at(START + 2 * EPOCH + 10);
    f
}

#[test]
fn a_rejected_construction_writes_nothing() {
    type Args = (
        Address,
        Address,
        Address,
        u64,
        u64,
        u64,
        Address,
        u16,
        Address,
    );
    let good: Args = (
        TOKEN,
        LRT,
        ADMIN,
        START,
        EPOCH,
        VESTING,
        TREASURY,
        FEE_BPS,
        REDEMPTIONS,
    );
    let zero = Error::ZeroAddress(RestakingVaultZeroAddress {});
    let mut all: Vec<(Args, Error)> = Vec::new();
    let mut with = |edit: &dyn Fn(&mut Args), error: Error| {
        let mut args = good;
        edit(&mut args);
        all.push((args, error));
    };
    with(&|a| a.0 = Address::ZERO, zero.clone());
    with(&|a| a.1 = Address::ZERO, zero.clone());
    with(&|a| a.6 = Address::ZERO, zero.clone());
    with(&|a| a.8 = Address::ZERO, zero.clone());
    for no_code in [0, 1, 8] {
        with(
            &move |a| match no_code {
                0 => a.0 = ALICE,
                1 => a.1 = ALICE,
                _ => a.8 = ALICE,
            },
            Error::NotAContract(RestakingVaultNotAContract { account: ALICE }),
        );
    }
    with(
        &|a| a.4 = 90 * 86_400 + 1,
        Error::InvalidEpochDuration(RestakingVaultInvalidEpochDuration {
            duration: 90 * 86_400 + 1,
        }),
    );
    with(
        &|a| a.5 = 3_599,
        Error::InvalidVestingPeriod(RestakingVaultInvalidVestingPeriod { period: 3_599 }),
    );
    with(
        &|a| a.7 = MAX_FEE_BPS + 1,
        Error::FeeTooHigh(RestakingVaultFeeTooHigh {
            feeBps: U256::from(MAX_FEE_BPS + 1),
            maxFeeBps: U256::from(MAX_FEE_BPS),
        }),
    );
    for (args, error) in all {
        let host = host();
        let mut vault = RestakingVault::from(&host);
        let (asset, share, admin, start, epoch, vesting, treasury, fee, redemptions) = args;
        assert_eq!(
            vault.constructor(
                asset,
                share,
                admin,
                start,
                epoch,
                vesting,
                treasury,
                fee,
                redemptions
            ),
            Err(error)
        );
        let state = snapshot(&host);
        assert!(
            state.storage.is_empty() && state.logs.is_empty(),
            "{args:?}"
        );
    }
}

#[test]
fn deposits_and_rewards_rejected_change_nothing() {
    let mut f = busy(true);
    // mint in a native vault with the wrong msg.value.
    let cost = f.vault.preview_mint(n(10)).unwrap();
    f.vm.set_sender(BOB);
    f.vm.set_value(cost - U256::from(1));
    rejects!(
        f,
        f.vault.mint(n(10), BOB),
        Error::InvalidValue(RestakingVaultInvalidValue {
            value: cost - U256::from(1),
            expected: cost
        })
    );
    f.vm.set_value(n(5));
    rejects!(
        f,
        f.vault.deposit_with_min_shares(n(5), BOB, n(1_000)),
        Error::Slippage(RestakingVaultSlippage {
            shares: f.vault.preview_deposit(n(5)).unwrap(),
            minShares: n(1_000)
        })
    );
    f.vm.set_value(U256::ZERO);
    f.vm.set_sender(ADMIN);
    f.vault.set_min_deposit(n(100)).unwrap();
    f.vm.set_sender(BOB);
    f.vm.set_value(n(99));
    rejects!(
        f,
        f.vault.deposit(n(99), BOB),
        Error::BelowMinDeposit(RestakingVaultBelowMinDeposit {
            assets: n(99),
            minDeposit: n(100)
        })
    );
    f.vm.set_sender(PAUSER);
    f.vault.pause(FLOW_DEPOSIT).unwrap();
    f.vm.set_sender(BOB);
    f.vm.set_value(n(100));
    rejects!(
        f,
        f.vault.deposit(n(100), BOB),
        Error::EnforcedPause(restaking_common::pausable::EnforcedPause { flow: FLOW_DEPOSIT })
    );

    // ERC-20: msg.value, and a token returning false, for deposits, mints and rewards.
    let mut f = busy(false);
    f.vm.set_sender(BOB);
    f.vm.set_value(n(1));
    let value = Error::InvalidValue(RestakingVaultInvalidValue {
        value: n(1),
        expected: U256::ZERO,
    });
    rejects!(f, f.vault.distribute_rewards(n(10)), value.clone());
    rejects!(f, f.vault.mint(n(10), BOB), value);
    f.vm.set_value(U256::ZERO);
    let failed = Error::AssetTransferFailed(RestakingVaultAssetTransferFailed { asset: TOKEN });
    let refuse = |f: &Fixture, assets: U256| {
        let vault = f.vm_contract();
        f.expect_call(
            TOKEN,
            transferFromCall {
                from: BOB,
                to: vault,
                value: assets,
            }
            .abi_encode(),
            U256::ZERO,
            Ok(word(U256::ZERO)),
        );
    };
    refuse(&f, n(10));
    rejects!(f, f.vault.deposit(n(10), BOB), failed.clone());
    refuse(&f, f.vault.preview_mint(n(10)).unwrap());
    rejects!(f, f.vault.mint(n(10), BOB), failed.clone());
    refuse(&f, n(10));
    rejects!(f, f.vault.distribute_rewards(n(10)), failed);
}

#[test]
fn slashes_and_roles_rejected_change_nothing() {
    let mut f = busy(true);
    f.vm.set_sender(SLASHER);
    rejects!(
        f,
        f.vault.on_slash(n(1), START - 1, RECIPIENT),
        Error::InvalidCapture(RestakingVaultInvalidCapture {
            captureTimestamp: START - 1
        })
    );
    rejects!(
        f,
        f.vault.on_slash(U256::ZERO, START + EPOCH, RECIPIENT),
        Error::ZeroAmount(RestakingVaultZeroAmount {})
    );
    f.vm.set_sender(ALICE);
    rejects!(
        f,
        f.vault.on_slash(n(1), START + EPOCH, RECIPIENT),
        unauthorized(ALICE, SLASHER_ROLE)
    );
    rejects!(
        f,
        f.vault.grant_role(SLASHER_ROLE, ALICE),
        unauthorized(ALICE, DEFAULT_ADMIN_ROLE)
    );
    rejects!(
        f,
        f.vault.revoke_role(PAUSER_ROLE, PAUSER),
        unauthorized(ALICE, DEFAULT_ADMIN_ROLE)
    );
    f.vm.set_sender(PAUSER);
    rejects!(
        f,
        f.vault.renounce_role(PAUSER_ROLE, ADMIN),
        Error::BadConfirmation(AccessControlBadConfirmation {})
    );
    f.vm.set_sender(ADMIN);
    rejects!(
        f,
        f.vault.grant_role(SLASHER_ROLE, Address::ZERO),
        Error::RoleToZeroAddress(AccessControlZeroAddress {})
    );
    assert_eq!(
        f.vault.epoch_start(u64::MAX),
        Err(Error::MathOverflow(RestakingVaultMathOverflow {}))
    );
}

#[test]
fn admin_calls_rejected_change_nothing() {
    let mut f = busy(true);
    f.vm.set_sender(BOB);
    let admin_only = unauthorized(BOB, DEFAULT_ADMIN_ROLE);
    rejects!(f, f.vault.set_deposit_cap(n(1)), admin_only.clone());
    rejects!(f, f.vault.set_min_deposit(n(1)), admin_only.clone());
    rejects!(f, f.vault.set_fee(1), admin_only.clone());
    rejects!(f, f.vault.set_treasury(BOB), admin_only.clone());
    rejects!(f, f.vault.unpause(FLOW_CLAIM), admin_only);
    rejects!(f, f.vault.pause(FLOW_CLAIM), unauthorized(BOB, PAUSER_ROLE));
    f.vm.set_sender(ADMIN);
    rejects!(
        f,
        f.vault.set_fee(MAX_FEE_BPS + 1),
        Error::FeeTooHigh(RestakingVaultFeeTooHigh {
            feeBps: U256::from(MAX_FEE_BPS + 1),
            maxFeeBps: U256::from(MAX_FEE_BPS)
        })
    );
    rejects!(
        f,
        f.vault.set_min_deposit(U256::ZERO),
        Error::ZeroAmount(RestakingVaultZeroAmount {})
    );
    rejects!(
        f,
        f.vault.set_treasury(Address::ZERO),
        Error::ZeroAddress(RestakingVaultZeroAddress {})
    );
    rejects!(
        f,
        f.vault.unpause(3),
        Error::UnknownFlow(RestakingVaultUnknownFlow { flow: 3 })
    );
    rejects!(
        f,
        f.vault.unpause(FLOW_CLAIM),
        Error::ExpectedPause(restaking_common::pausable::ExpectedPause { flow: FLOW_CLAIM })
    );
    f.vm.set_sender(PAUSER);
    f.vault.pause(FLOW_CLAIM).unwrap();
    rejects!(
        f,
        f.vault.pause(FLOW_CLAIM),
        Error::EnforcedPause(restaking_common::pausable::EnforcedPause { flow: FLOW_CLAIM })
    );
}

#[test]
fn requests_rejected_change_nothing() {
    let mut f = busy(true);
    f.vm.set_sender(ALICE);
    rejects!(
        f,
        f.vault.request_redeem(n(1), ALICE, Address::ZERO),
        Error::ZeroAddress(RestakingVaultZeroAddress {})
    );
    rejects!(
        f,
        f.vault.preview_withdraw(n(1)),
        Error::AsyncRedeem(RestakingVaultAsyncRedeem {})
    );
    // Alice's own shares, booked for Bob, who did not make her his operator.
    rejects!(
        f,
        f.vault.request_redeem(n(1), BOB, ALICE),
        Error::InvalidCaller(RestakingVaultInvalidCaller {
            caller: ALICE,
            controller: BOB
        })
    );
    // Two requests open (buckets 1 and 2): a request for bucket 3 must wait for a claim.
    rejects!(
        f,
        f.vault.request_redeem(n(10), ALICE, ALICE),
        Error::TooManyRequests(RestakingVaultTooManyRequests {
            claimableRequestId: n(1)
        })
    );
    // The share token's burnFrom reverts without an error the vault knows (a free slot).
    let mut f = deploy(true);
    f.deposit(ALICE, 1_000, ALICE);
    f.vm.set_sender(ALICE);
    f.expect_call(
        LRT,
        burnFromCall {
            from: ALICE,
            spender: ALICE,
            amount: n(10),
        }
        .abi_encode(),
        U256::ZERO,
        Err(vec![]),
    );
    rejects!(
        f,
        f.vault.request_redeem(n(10), ALICE, ALICE),
        Error::ShareTokenCallFailed(RestakingVaultShareTokenCallFailed { share: LRT })
    );

    // Shares slashed to nothing are worth nothing: requesting them is refused.
    let mut f = deploy(true);
    f.deposit(ALICE, 1_000, ALICE);
    f.vm.set_sender(SLASHER);
    f.expect_payout(RECIPIENT, n(1_000));
    f.vault.on_slash(n(1_000), START, RECIPIENT).unwrap();
    f.vm.set_sender(ALICE);
    rejects!(
        f,
        f.vault.request_redeem(n(1_000), ALICE, ALICE),
        Error::ZeroAmount(RestakingVaultZeroAmount {})
    );
}

#[test]
fn claims_rejected_change_nothing() {
    let mut f = busy(true);
    f.vm.set_sender(ALICE);
    let zero_address = Error::ZeroAddress(RestakingVaultZeroAddress {});
    rejects!(
        f,
        f.vault.redeem(U256::ZERO, ALICE, ALICE),
        Error::ZeroShares(RestakingVaultZeroShares {})
    );
    rejects!(
        f,
        f.vault.withdraw(U256::ZERO, ALICE, ALICE),
        Error::ZeroAmount(RestakingVaultZeroAmount {})
    );
    rejects!(
        f,
        f.vault.redeem(n(1), Address::ZERO, ALICE),
        zero_address.clone()
    );
    rejects!(
        f,
        f.vault.withdraw(n(1), Address::ZERO, ALICE),
        zero_address.clone()
    );
    rejects!(f, f.vault.claim(1, Address::ZERO), zero_address.clone());
    rejects!(
        f,
        f.vault.withdraw(n(101), ALICE, ALICE),
        Error::ExceedsClaimable(RestakingVaultExceedsClaimable {
            requested: n(101),
            claimable: n(100)
        })
    );
    rejects!(
        f,
        f.vault.claim(0, ALICE),
        Error::NoRequest(RestakingVaultNoRequest {
            requestId: U256::ZERO
        })
    );
    rejects!(
        f,
        f.vault.claim_batch(vec![], ALICE),
        Error::NoEpochs(RestakingVaultNoEpochs {})
    );
    rejects!(
        f,
        f.vault.claim_batch(vec![1, 1], ALICE),
        Error::NoRequest(RestakingVaultNoRequest { requestId: n(1) })
    );
    // Bucket 2 is still pending: the batch claims nothing, not even bucket 1.
    rejects!(
        f,
        f.vault.claim_batch(vec![1, 2], ALICE),
        Error::NotClaimable(RestakingVaultNotClaimable { requestId: n(2) })
    );
    f.vm.set_sender(BOB);
    rejects!(
        f,
        f.vault.withdraw(n(1), BOB, ALICE),
        Error::InvalidCaller(RestakingVaultInvalidCaller {
            caller: BOB,
            controller: ALICE
        })
    );
    rejects!(
        f,
        f.vault.claim(1, BOB),
        Error::NoRequest(RestakingVaultNoRequest { requestId: n(1) })
    );
    rejects!(f, f.vault.set_operator(Address::ZERO, true), zero_address);
    rejects!(
        f,
        f.vault.set_operator(BOB, true),
        Error::InvalidCaller(RestakingVaultInvalidCaller {
            caller: BOB,
            controller: BOB
        })
    );
    f.vm.set_sender(PAUSER);
    f.vault.pause(FLOW_CLAIM).unwrap();
    f.vm.set_sender(ALICE);
    let paused =
        Error::EnforcedPause(restaking_common::pausable::EnforcedPause { flow: FLOW_CLAIM });
    rejects!(f, f.vault.redeem(n(1), ALICE, ALICE), paused.clone());
    rejects!(f, f.vault.withdraw(n(1), ALICE, ALICE), paused.clone());
    rejects!(f, f.vault.claim_batch(vec![1], ALICE), paused);
}

#[test]
fn the_fallback_returns_the_redemption_programs_revert_unchanged() {
    let mut f = busy(true);
    let calldata = vec![0x12, 0x34, 0x56, 0x78, 0x00];
    f.expect_delegate_call(REDEMPTIONS, calldata.clone(), Err(vec![0xde, 0xad]));
    let before = snapshot(&f.host);
    assert_eq!(f.vault.fallback(&calldata), Err(vec![0xde, 0xad]));
    assert_eq!(snapshot(&f.host), before);
}
