//! Flow 3: rewards paid into the vault vest linearly into `totalAssets`; the fee goes to the
//! treasury; `getRate()` rises gradually, not in one step — on the deployed WASM.

// Test arithmetic on amounts the test itself set up; an overflow would fail the test.
#![allow(clippy::arithmetic_side_effects)]

mod support;

use revm::primitives::U256;
use support::*;

/// `getRate()` for `assets` behind `shares` (one virtual share and asset, rounded down).
fn rate_of(assets: U256, shares: U256) -> U256 {
    e18(1) * (assets + U256::from(1)) / (shares + U256::from(1))
}

#[test]
fn rewards_vest_linearly_and_pay_the_fee_to_the_treasury() {
    let mut p = Protocol::erc20();
    let (vault, asset) = (p.vault, p.asset);

    // Nobody to reward yet.
    p.fund_asset(CAROL, e18(1_000));
    p.ok(
        CAROL,
        asset,
        ITestAsset::approveCall {
            spender: vault,
            value: U256::MAX,
        },
    );
    let early = p.send(
        CAROL,
        vault,
        IRestakingVault::distributeRewardsCall { amount: e18(10) },
    );
    reverted::<IRestakingVault::RestakingVaultZeroShares>(&early);

    p.deposit(ALICE, e18(100));
    let zero = p.send(
        CAROL,
        vault,
        IRestakingVault::distributeRewardsCall { amount: U256::ZERO },
    );
    reverted::<IRestakingVault::RestakingVaultZeroAmount>(&zero);

    // Carol (any payer) pays 20: 2 to the treasury, 18 vest over the period.
    let start = p.chain.timestamp();
    let receipt = p.send(
        CAROL,
        vault,
        IRestakingVault::distributeRewardsCall { amount: e18(20) },
    );
    decode_ok::<IRestakingVault::distributeRewardsCall>(&receipt);
    let paid = event::<IRestakingVault::RewardsDistributed>(&receipt, vault);
    assert_eq!(
        (paid.payer, paid.amount, paid.fee, paid.vestingEnd),
        (CAROL, e18(20), e18(2), start + VESTING)
    );
    assert_eq!(p.asset_balance(TREASURY), e18(2));
    assert_eq!(p.asset_balance(vault), e18(118));
    assert_eq!(p.asset_balance(CAROL), e18(980));

    // The rate rises with time, in proportion, never in one step.
    let mut last = p.rate();
    assert_eq!(last, e18(1), "nothing vested in the block of the payment");
    assert_eq!(
        p.view(vault, IRestakingVault::unvestedRewardsCall {}),
        e18(18)
    );
    for quarter in 1..=4u64 {
        p.chain.set_timestamp(start + VESTING * quarter / 4);
        let vested = e18(18) * U256::from(quarter) / U256::from(4);
        assert_eq!(p.total_assets(), e18(100) + vested);
        let rate = p.rate();
        assert_eq!(rate, rate_of(e18(100) + vested, e18(100)));
        assert!(rate > last);
        last = rate;
    }
    assert_eq!(
        p.view(vault, IRestakingVault::unvestedRewardsCall {}),
        U256::ZERO
    );
    p.chain.advance_time(VESTING);
    assert_eq!(p.rate(), last, "nothing more after the period");

    // Alice's 100 shares are now worth 118, paid in full after her epoch.
    let id = p.request_redeem(ALICE, e18(100));
    let now_epoch = p.epoch();
    p.goto_epoch(now_epoch + 2, 0);
    let paid = p.ok(
        ALICE,
        vault,
        IRestakingVault::claimCall {
            epoch: id.to::<u64>(),
            receiver: ALICE,
        },
    );
    // 100 * (118 + 1) / (100 + 1), rounded down: the virtual share keeps a dust.
    assert_eq!(
        paid,
        e18(100) * (e18(118) + U256::from(1)) / (e18(100) + U256::from(1))
    );
    assert!(paid <= e18(118));
}

/// A new payment while the last one vests restarts vesting of what was left plus the new net
/// amount; what had vested stays vested. (Here the new net amount equals what was left, so
/// the joined stream keeps its pace only over a full period: the end is a full period away.)
#[test]
fn a_second_payment_restarts_vesting_of_the_remainder() {
    let mut p = Protocol::native();
    let vault = p.vault;
    p.deposit(ALICE, e18(100));
    let pay = |p: &mut Protocol, amount: U256| {
        let receipt = p.send_value(
            BOB,
            vault,
            IRestakingVault::distributeRewardsCall { amount },
            amount,
        );
        decode_ok::<IRestakingVault::distributeRewardsCall>(&receipt);
    };
    // Native: the value must be the amount.
    let short = p.send_value(
        BOB,
        vault,
        IRestakingVault::distributeRewardsCall { amount: e18(10) },
        e18(9),
    );
    reverted::<IRestakingVault::RestakingVaultInvalidValue>(&short);

    pay(&mut p, e18(40)); // 36 net
    let start = p.chain.timestamp();
    p.chain.set_timestamp(start + VESTING / 2);
    assert_eq!(p.total_assets(), e18(118));
    pay(&mut p, e18(20)); // 18 net; 18 left unvested: 36 vest over a new period
    assert_eq!(p.chain.balance(TREASURY), e18(6));
    assert_eq!(
        p.total_assets(),
        e18(118),
        "the payment itself moves nothing"
    );
    assert_eq!(
        p.view(vault, IRestakingVault::unvestedRewardsCall {}),
        e18(36)
    );
    let restart = p.chain.timestamp();
    p.chain.set_timestamp(restart + VESTING / 2);
    assert_eq!(p.total_assets(), e18(136));
    p.chain.set_timestamp(restart + VESTING);
    assert_eq!(p.total_assets(), e18(154));
    assert_eq!(p.chain.balance(vault), e18(154));
}

/// Depositing just before a payment and leaving just after does not capture it: the
/// rewards vest, and the epoch wait lets them go on vesting to the holders who stay.
#[test]
fn a_sandwich_around_a_reward_payment_earns_nothing_up_front() {
    let mut p = Protocol::native();
    let vault = p.vault;
    p.deposit(ALICE, e18(100));
    // Mallory deposits 100 right before a 50 payment and requests right after.
    p.deposit(MALLORY, e18(100));
    let receipt = p.send_value(
        BOB,
        vault,
        IRestakingVault::distributeRewardsCall { amount: e18(50) },
        e18(50),
    );
    decode_ok::<IRestakingVault::distributeRewardsCall>(&receipt);
    let id = p.request_redeem(MALLORY, e18(100));
    // Priced at the rate of the moment: nothing vested yet.
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::pendingRedeemRequestCall {
                requestId: id,
                controller: MALLORY
            }
        ),
        e18(100)
    );
    p.goto_epoch(2, 0);
    let before = p.chain.balance(MALLORY);
    let paid = p.ok(
        MALLORY,
        vault,
        IRestakingVault::claimCall {
            epoch: id.to::<u64>(),
            receiver: MALLORY,
        },
    );
    assert!(paid <= e18(100), "{paid}");
    assert_eq!(p.chain.balance(MALLORY), before + paid);
    // The 45 net reward went to Alice, who stayed.
    let worth = p.view(
        vault,
        IRestakingVault::convertToAssetsCall { shares: e18(100) },
    );
    assert!(worth > e18(144) && worth <= e18(145), "{worth}");
}

/// Issue 11 (Medium): `distributeRewards` restarted the vesting of all unvested rewards over a
/// full new period, and it is permissionless, so 1-wei payments (whose fee rounds to 0) kept
/// pushing the vesting of other payers' rewards into the future. The scenario: fee
/// 10%, vesting 12 h, Alice and Bob deposit 100 ETH each, Carol pays 100 ETH; from half the
/// period on Mallory pays 1 wei once an hour, six times. At the end of Carol's period all her
/// 90 ETH must have vested (it was 263.30 ETH in total instead of 290).
#[test]
fn one_wei_payments_cannot_push_reward_vesting_into_the_future() {
    let mut p = Protocol::native();
    let vault = p.vault;
    p.deposit(ALICE, e18(100));
    p.deposit(BOB, e18(100));
    let pay = |p: &mut Protocol, payer, amount: U256| {
        let receipt = p.send_value(
            payer,
            vault,
            IRestakingVault::distributeRewardsCall { amount },
            amount,
        );
        decode_ok::<IRestakingVault::distributeRewardsCall>(&receipt);
        event::<IRestakingVault::RewardsDistributed>(&receipt, vault).vestingEnd
    };
    let start = p.chain.timestamp();
    let carol_end = pay(&mut p, CAROL, e18(100));
    assert_eq!(carol_end, start + VESTING);
    for hour in 0..6u64 {
        p.chain.set_timestamp(start + VESTING / 2 + hour * 3_600);
        let end = pay(&mut p, MALLORY, U256::from(1));
        assert_eq!(end, carol_end, "a 1-wei payment moved the end");
    }
    p.chain.set_timestamp(carol_end);
    // 200 deposited + 90 net of Carol's + Mallory's 6 wei (fee 0), all vested.
    assert_eq!(p.total_assets(), e18(290) + U256::from(6));
    assert_eq!(
        p.view(vault, IRestakingVault::unvestedRewardsCall {}),
        U256::ZERO
    );
    let bob = p.view(
        vault,
        IRestakingVault::convertToAssetsCall { shares: e18(100) },
    );
    assert!(bob > e18(144) && bob <= e18(145) + U256::from(3), "{bob}");

    // A large payment during a stream vests over at most one period and never slows it.
    let now = p.chain.timestamp();
    pay(&mut p, CAROL, e18(10));
    p.chain.set_timestamp(now + VESTING / 2);
    let carol_again = pay(&mut p, CAROL, e18(1_000));
    assert_eq!(carol_again, now + VESTING / 2 + VESTING);
}
