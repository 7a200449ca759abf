//! Flow 1: a restaker deposits into a native-ETH vault and an ERC-20 vault, transfers the
//! LRT, requests to redeem, waits for the epoch to end and claims — on the deployed WASM.

// Test arithmetic on balances the test itself set up; an overflow would fail the test.
#![allow(clippy::arithmetic_side_effects)]

mod support;

use revm::primitives::U256;
use support::*;

/// Deposit, transfer, request, wait, claim: the whole life of a deposit in one vault.
fn deposit_transfer_request_claim(kind: AssetKind) {
    let mut p = Protocol::deploy(kind);
    let (vault, lrt) = (p.vault, p.lrt);
    let ten = e18(10);

    // Alice deposits 10: the first deposit is priced 1:1 (one virtual share, one virtual asset).
    if kind == AssetKind::Erc20 {
        p.fund_asset(ALICE, ten);
        p.approve_asset(ALICE, ten);
    }
    let alice_before = p.asset_balance(ALICE);
    assert_eq!(
        p.view(vault, IRestakingVault::previewDepositCall { assets: ten }),
        ten
    );
    let receipt = p.try_deposit(ALICE, ten, ALICE);
    let shares = decode_ok::<IRestakingVault::depositCall>(&receipt);
    assert_eq!(shares, ten);
    let deposit = event::<IRestakingVault::Deposit>(&receipt, vault);
    assert_eq!(
        (
            deposit.sender,
            deposit.owner,
            deposit.assets,
            deposit.shares
        ),
        (ALICE, ALICE, ten, ten)
    );
    let mint = event::<ILrtToken::Transfer>(&receipt, lrt);
    assert_eq!(
        (mint.from, mint.to, mint.value),
        (revm::primitives::Address::ZERO, ALICE, ten)
    );
    assert_eq!(p.asset_balance(ALICE), alice_before - ten);
    assert_eq!(p.asset_balance(vault), ten);
    assert_eq!(p.shares(ALICE), ten);
    assert_eq!(p.total_assets(), ten);
    assert_eq!(p.rate(), e18(1));

    // Bob deposits for Carol: the receiver gets the shares, the sender pays.
    if kind == AssetKind::Erc20 {
        p.fund_asset(BOB, e18(5));
        p.approve_asset(BOB, e18(5));
    }
    let bob_before = p.asset_balance(BOB);
    let receipt = p.try_deposit(BOB, e18(5), CAROL);
    assert_eq!(decode_ok::<IRestakingVault::depositCall>(&receipt), e18(5));
    assert_eq!(p.asset_balance(BOB), bob_before - e18(5));
    assert_eq!(p.shares(CAROL), e18(5));
    assert_eq!(p.shares(BOB), U256::ZERO);

    // The LRT moves like any ERC-20.
    assert!(p.ok(
        ALICE,
        lrt,
        ILrtToken::transferCall {
            to: BOB,
            value: e18(4)
        }
    ));
    assert_eq!(p.shares(ALICE), e18(6));
    assert_eq!(p.shares(BOB), e18(4));

    // Bob requests to redeem his 4 in epoch 0: the shares burn now, request id = bucket 1.
    assert_eq!(p.epoch(), 0);
    let receipt = p.send(
        BOB,
        vault,
        IRestakingVault::requestRedeemCall {
            shares: e18(4),
            controller: BOB,
            owner: BOB,
        },
    );
    let request = decode_ok::<IRestakingVault::requestRedeemCall>(&receipt);
    assert_eq!(request, U256::from(1));
    let logged = event::<IRestakingVault::RedeemRequest>(&receipt, vault);
    assert_eq!(
        (
            logged.controller,
            logged.owner,
            logged.requestId,
            logged.sender,
            logged.shares
        ),
        (BOB, BOB, request, BOB, e18(4))
    );
    let burn = event::<ILrtToken::Transfer>(&receipt, lrt);
    assert_eq!(
        (burn.from, burn.to, burn.value),
        (BOB, revm::primitives::Address::ZERO, e18(4))
    );
    assert_eq!(p.shares(BOB), U256::ZERO);
    assert_eq!(p.supply(), e18(11));
    assert_eq!(p.total_assets(), e18(11));
    assert_eq!(p.rate(), e18(1), "a request does not move the rate");
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::pendingRedeemRequestCall {
                requestId: request,
                controller: BOB
            }
        ),
        e18(4)
    );
    assert_eq!(
        p.view(vault, IRestakingVault::maxRedeemCall { controller: BOB }),
        U256::ZERO
    );

    // Not claimable during epoch 1 (the bucket's epoch), to its last second.
    p.goto_epoch(1, EPOCH - 1);
    assert_eq!(p.epoch(), 1);
    let early = p.send(
        BOB,
        vault,
        IRestakingVault::claimCall {
            epoch: 1,
            receiver: BOB,
        },
    );
    assert_eq!(
        reverted::<IRestakingVault::RestakingVaultNotClaimable>(&early).requestId,
        request
    );

    // Claimable from the first second of epoch 2.
    p.goto_epoch(2, 0);
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::claimableRedeemRequestCall {
                requestId: request,
                controller: BOB
            }
        ),
        e18(4)
    );
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::pendingRedeemRequestCall {
                requestId: request,
                controller: BOB
            }
        ),
        U256::ZERO
    );
    assert_eq!(
        p.view(vault, IRestakingVault::maxWithdrawCall { controller: BOB }),
        e18(4)
    );

    // Carol has nothing to claim in that bucket, and cannot claim Bob's.
    let stranger = p.send(
        CAROL,
        vault,
        IRestakingVault::claimCall {
            epoch: 1,
            receiver: CAROL,
        },
    );
    reverted::<IRestakingVault::RestakingVaultNoRequest>(&stranger);
    let not_controller = p.send(
        CAROL,
        vault,
        IRestakingVault::redeemCall {
            shares: e18(4),
            receiver: CAROL,
            controller: BOB,
        },
    );
    let error = reverted::<IRestakingVault::RestakingVaultInvalidCaller>(&not_controller);
    assert_eq!((error.caller, error.controller), (CAROL, BOB));

    // Bob claims to Carol's address: the asset leaves the vault.
    let carol_before = p.asset_balance(CAROL);
    let receipt = p.send(
        BOB,
        vault,
        IRestakingVault::claimCall {
            epoch: 1,
            receiver: CAROL,
        },
    );
    assert_eq!(decode_ok::<IRestakingVault::claimCall>(&receipt), e18(4));
    let withdraw = event::<IRestakingVault::Withdraw>(&receipt, vault);
    assert_eq!(
        (
            withdraw.sender,
            withdraw.receiver,
            withdraw.owner,
            withdraw.assets,
            withdraw.shares
        ),
        (BOB, CAROL, BOB, e18(4), e18(4))
    );
    assert_eq!(p.asset_balance(CAROL), carol_before + e18(4));
    assert_eq!(p.asset_balance(vault), e18(11));
    assert_eq!(p.total_assets(), e18(11));
    assert_eq!(p.rate(), e18(1));

    // A second claim of the same request finds nothing.
    let again = p.send(
        BOB,
        vault,
        IRestakingVault::claimCall {
            epoch: 1,
            receiver: BOB,
        },
    );
    assert_eq!(
        reverted::<IRestakingVault::RestakingVaultNoRequest>(&again).requestId,
        request
    );
    assert_eq!(p.asset_balance(vault), e18(11));

    // Solvency: what the remaining LRT is worth is what the vault holds.
    let supply = p.supply();
    let worth = p.view(
        vault,
        IRestakingVault::convertToAssetsCall { shares: supply },
    );
    assert!(worth <= p.asset_balance(vault));
}

#[test]
fn native_eth_vault_deposit_transfer_request_claim() {
    deposit_transfer_request_claim(AssetKind::Native);
}

#[test]
fn erc20_vault_deposit_transfer_request_claim() {
    deposit_transfer_request_claim(AssetKind::Erc20);
}

/// The vault pulls exactly the assets deposited, bounded by the allowance, not the balance —
/// and a deposit over the allowance (or over the balance) fails and moves nothing.
#[test]
fn erc20_deposit_spends_the_allowance_not_the_balance() {
    let mut p = Protocol::erc20();
    let (vault, asset) = (p.vault, p.asset);
    p.fund_asset(ALICE, e18(100));
    p.approve_asset(ALICE, e18(60));

    // Deposit the whole allowance, less than the balance.
    let receipt = p.try_deposit(ALICE, e18(60), ALICE);
    assert_eq!(decode_ok::<IRestakingVault::depositCall>(&receipt), e18(60));
    let pulled = event::<ITestAsset::Transfer>(&receipt, asset);
    assert_eq!(
        (pulled.from, pulled.to, pulled.value),
        (ALICE, vault, e18(60))
    );
    assert_eq!(p.asset_balance(ALICE), e18(40));
    let allowance = |p: &mut Protocol| {
        p.view(
            asset,
            ITestAsset::allowanceCall {
                owner: ALICE,
                spender: vault,
            },
        )
    };
    assert_eq!(allowance(&mut p), U256::ZERO);

    // One wei over a 30 allowance: the asset's revert becomes the vault's typed error.
    p.approve_asset(ALICE, e18(30));
    let over = p.try_deposit(ALICE, e18(30) + U256::from(1), ALICE);
    assert_eq!(
        reverted::<IRestakingVault::RestakingVaultAssetTransferFailed>(&over).asset,
        asset
    );
    assert!(over.logs.is_empty());
    assert_eq!(p.asset_balance(ALICE), e18(40));
    assert_eq!(allowance(&mut p), e18(30));
    assert_eq!(p.shares(ALICE), e18(60));
    assert_eq!(p.total_assets(), e18(60));

    // Within the allowance: the allowance goes down by exactly what was pulled.
    let receipt = p.try_deposit(ALICE, e18(25), ALICE);
    decode_ok::<IRestakingVault::depositCall>(&receipt);
    assert_eq!(allowance(&mut p), e18(5));
    assert_eq!(p.asset_balance(ALICE), e18(15));

    // An unlimited allowance over a smaller balance: the balance bounds the deposit.
    p.approve_asset(ALICE, U256::MAX);
    let over_balance = p.try_deposit(ALICE, e18(16), ALICE);
    reverted::<IRestakingVault::RestakingVaultAssetTransferFailed>(&over_balance);
    assert_eq!(p.asset_balance(ALICE), e18(15));
    let receipt = p.try_deposit(ALICE, e18(15), ALICE);
    decode_ok::<IRestakingVault::depositCall>(&receipt);
    assert_eq!(p.asset_balance(ALICE), U256::ZERO);
    assert_eq!(
        allowance(&mut p),
        U256::MAX,
        "an infinite allowance is not spent"
    );
    assert_eq!(p.asset_balance(vault), e18(100));
    assert_eq!(p.total_assets(), e18(100));
    assert_eq!(p.shares(ALICE), e18(100));
}

/// `msg.value` must match: all of it in a native vault, none in an ERC-20 vault.
#[test]
fn deposit_value_must_match_the_asset_kind() {
    let mut p = Protocol::native();
    let vault = p.vault;
    let short = p.send_value(
        ALICE,
        vault,
        IRestakingVault::depositCall {
            assets: e18(2),
            receiver: ALICE,
        },
        e18(1),
    );
    let error = reverted::<IRestakingVault::RestakingVaultInvalidValue>(&short);
    assert_eq!((error.value, error.expected), (e18(1), e18(2)));
    assert_eq!(p.chain.balance(vault), U256::ZERO);
    assert_eq!(p.shares(ALICE), U256::ZERO);

    let mut p = Protocol::erc20();
    let vault = p.vault;
    p.fund_asset(ALICE, e18(1));
    p.approve_asset(ALICE, e18(1));
    let eth_before = p.chain.balance(ALICE);
    let with_eth = p.send_value(
        ALICE,
        vault,
        IRestakingVault::depositCall {
            assets: e18(1),
            receiver: ALICE,
        },
        e18(1),
    );
    let error = reverted::<IRestakingVault::RestakingVaultInvalidValue>(&with_eth);
    assert_eq!((error.value, error.expected), (e18(1), U256::ZERO));
    assert_eq!(p.chain.balance(ALICE), eth_before);
    assert_eq!(p.chain.balance(vault), U256::ZERO);
}

/// A third party redeems with an LRT allowance; an ERC-7540 operator claims for the
/// controller; partial `withdraw` and `redeem` take from the claimable request.
#[test]
fn third_party_request_and_operator_claims() {
    let mut p = Protocol::erc20();
    let (vault, lrt) = (p.vault, p.lrt);
    p.deposit(ALICE, e18(10));

    // Carol, with a 3 LRT allowance, cannot redeem 4 of Alice's shares...
    assert!(p.ok(
        ALICE,
        lrt,
        ILrtToken::approveCall {
            spender: CAROL,
            value: e18(3)
        }
    ));
    let over = p.send(
        CAROL,
        vault,
        IRestakingVault::requestRedeemCall {
            shares: e18(4),
            controller: CAROL,
            owner: ALICE,
        },
    );
    let error = reverted::<IRestakingVault::RestakingVaultInsufficientAllowance>(&over);
    assert_eq!(
        (error.spender, error.allowance, error.needed),
        (CAROL, e18(3), e18(4))
    );
    // ...but can redeem 3, for herself as controller; the allowance is spent.
    let id = p.ok(
        CAROL,
        vault,
        IRestakingVault::requestRedeemCall {
            shares: e18(3),
            controller: CAROL,
            owner: ALICE,
        },
    );
    assert_eq!(p.shares(ALICE), e18(7));
    assert_eq!(
        p.view(
            lrt,
            ILrtToken::allowanceCall {
                owner: ALICE,
                spender: CAROL
            }
        ),
        U256::ZERO
    );
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::pendingRedeemRequestCall {
                requestId: id,
                controller: CAROL
            }
        ),
        e18(3)
    );

    // Alice requests 2 herself and makes Bob her operator.
    let alice_id = p.request_redeem(ALICE, e18(2));
    assert_eq!(alice_id, id, "same epoch, same bucket");
    let receipt = p.send(
        ALICE,
        vault,
        IRestakingVault::setOperatorCall {
            operator: BOB,
            approved: true,
        },
    );
    let set = event::<IRestakingVault::OperatorSet>(&receipt, vault);
    assert_eq!(
        (set.controller, set.operator, set.approved),
        (ALICE, BOB, true)
    );

    p.goto_epoch(2, 10);
    // Bob withdraws 0.5 of Alice's claimable 2 to himself, then redeems the rest.
    let half = e18(1) / U256::from(2);
    let receipt = p.send(
        BOB,
        vault,
        IRestakingVault::withdrawCall {
            assets: half,
            receiver: BOB,
            controller: ALICE,
        },
    );
    assert_eq!(decode_ok::<IRestakingVault::withdrawCall>(&receipt), half);
    assert_eq!(p.asset_balance(BOB), half);
    let too_much = p.send(
        BOB,
        vault,
        IRestakingVault::redeemCall {
            shares: e18(2),
            receiver: BOB,
            controller: ALICE,
        },
    );
    let error = reverted::<IRestakingVault::RestakingVaultExceedsClaimable>(&too_much);
    assert_eq!((error.requested, error.claimable), (e18(2), e18(2) - half));
    let rest = e18(2) - half;
    let receipt = p.send(
        BOB,
        vault,
        IRestakingVault::redeemCall {
            shares: rest,
            receiver: ALICE,
            controller: ALICE,
        },
    );
    assert_eq!(decode_ok::<IRestakingVault::redeemCall>(&receipt), rest);
    assert_eq!(p.asset_balance(ALICE), rest);

    // Revoked, Bob can no longer act for Alice; Carol claims her own request.
    p.ok(
        ALICE,
        vault,
        IRestakingVault::setOperatorCall {
            operator: BOB,
            approved: false,
        },
    );
    assert!(!p.view(
        vault,
        IRestakingVault::isOperatorCall {
            controller: ALICE,
            operator: BOB
        }
    ));
    assert_eq!(
        p.ok(
            CAROL,
            vault,
            IRestakingVault::claimCall {
                epoch: 1,
                receiver: CAROL
            }
        ),
        e18(3)
    );
    assert_eq!(p.asset_balance(CAROL), e18(3));
    assert_eq!(p.asset_balance(vault), e18(5));
    assert_eq!(p.total_assets(), e18(5));
    assert_eq!(p.supply(), e18(5));
}

/// Two request slots per controller; a third request names the one to claim first; pausing
/// a flow stops it with `EnforcedPause` and `maxDeposit` reads 0.
#[test]
fn request_slots_and_paused_flows() {
    let mut p = Protocol::native();
    let vault = p.vault;
    p.deposit(ALICE, e18(10));
    assert_eq!(p.request_redeem(ALICE, e18(1)), U256::from(1));
    p.goto_epoch(1, 0);
    assert_eq!(p.request_redeem(ALICE, e18(1)), U256::from(2));
    p.goto_epoch(2, 0);
    let third = p.send(
        ALICE,
        vault,
        IRestakingVault::requestRedeemCall {
            shares: e18(1),
            controller: ALICE,
            owner: ALICE,
        },
    );
    assert_eq!(
        reverted::<IRestakingVault::RestakingVaultTooManyRequests>(&third).claimableRequestId,
        U256::from(1)
    );
    // Claiming both epochs at once frees the slots.
    let alice_before = p.chain.balance(ALICE);
    p.goto_epoch(3, 0);
    let paid = p.ok(
        ALICE,
        vault,
        IRestakingVault::claimBatchCall {
            epochs: vec![1, 2],
            receiver: ALICE,
        },
    );
    assert_eq!(paid, e18(2));
    assert_eq!(p.chain.balance(ALICE), alice_before + e18(2));
    assert_eq!(p.request_redeem(ALICE, e18(1)), U256::from(4));

    // Pause claims and deposits; only the pauser may.
    let unauthorized = p.send(
        ALICE,
        vault,
        IRestakingVault::pauseCall { flow: FLOW_CLAIM },
    );
    reverted::<IRestakingVault::AccessControlUnauthorizedAccount>(&unauthorized);
    for flow in [FLOW_CLAIM, FLOW_DEPOSIT] {
        let receipt = p.send(PAUSER, vault, IRestakingVault::pauseCall { flow });
        let paused = event::<IRestakingVault::Paused>(&receipt, vault);
        assert_eq!((paused.account, paused.flow), (PAUSER, flow));
    }
    assert_eq!(
        p.view(vault, IRestakingVault::maxDepositCall { receiver: ALICE }),
        U256::ZERO
    );
    let deposit = p.try_deposit(ALICE, e18(1), ALICE);
    assert_eq!(
        reverted::<IRestakingVault::EnforcedPause>(&deposit).flow,
        FLOW_DEPOSIT
    );
    p.goto_epoch(5, 0);
    let claim = p.send(
        ALICE,
        vault,
        IRestakingVault::claimCall {
            epoch: 4,
            receiver: ALICE,
        },
    );
    assert_eq!(
        reverted::<IRestakingVault::EnforcedPause>(&claim).flow,
        FLOW_CLAIM
    );
    // Requests are a separate flow and still work.
    p.request_redeem(ALICE, e18(1));
    // The pauser cannot unpause; the admin can.
    let by_pauser = p.send(
        PAUSER,
        vault,
        IRestakingVault::unpauseCall { flow: FLOW_CLAIM },
    );
    reverted::<IRestakingVault::AccessControlUnauthorizedAccount>(&by_pauser);
    p.ok(
        ADMIN,
        vault,
        IRestakingVault::unpauseCall { flow: FLOW_CLAIM },
    );
    assert_eq!(
        p.ok(
            ALICE,
            vault,
            IRestakingVault::claimCall {
                epoch: 4,
                receiver: ALICE
            }
        ),
        e18(1)
    );
}

/// Issue 11 (Low): `claimBatch([])` succeeded and emitted nothing useful; it must fail with a
/// typed error and emit nothing.
#[test]
fn claim_batch_of_no_epoch_is_refused() {
    let mut p = Protocol::native();
    let vault = p.vault;
    p.deposit(ALICE, e18(10));
    p.request_redeem(ALICE, e18(1));
    p.goto_epoch(2, 0);
    let before = p.chain.balance(ALICE);
    let empty = p.send(
        ALICE,
        vault,
        IRestakingVault::claimBatchCall {
            epochs: vec![],
            receiver: ALICE,
        },
    );
    reverted::<IRestakingVault::RestakingVaultNoEpochs>(&empty);
    assert!(empty.logs.is_empty());
    assert_eq!(p.chain.balance(ALICE), before);
    // The request is still there to claim.
    assert_eq!(
        p.view(vault, IRestakingVault::maxRedeemCall { controller: ALICE }),
        e18(1)
    );
}

/// Issue 11 (Low, ERC-4626/7540): `x(maxX(a))` must never revert for a reason the max view
/// knew. `maxRedeem` / `maxWithdraw` reported the claimable amounts while claims were paused,
/// and `maxDeposit` / `maxMint` the room under the cap when it was below the minimum deposit.
#[test]
fn max_views_are_zero_when_the_call_they_bound_would_revert() {
    let mut p = Protocol::native();
    let vault = p.vault;
    p.deposit(ALICE, e18(10));
    p.request_redeem(ALICE, e18(4));
    p.goto_epoch(2, 0);
    let max_redeem =
        |p: &mut Protocol| p.view(vault, IRestakingVault::maxRedeemCall { controller: ALICE });
    let max_withdraw = |p: &mut Protocol| {
        p.view(
            vault,
            IRestakingVault::maxWithdrawCall { controller: ALICE },
        )
    };
    assert_eq!(max_redeem(&mut p), e18(4));
    assert!(!max_withdraw(&mut p).is_zero());

    p.ok(
        PAUSER,
        vault,
        IRestakingVault::pauseCall { flow: FLOW_CLAIM },
    );
    assert_eq!(max_redeem(&mut p), U256::ZERO);
    assert_eq!(max_withdraw(&mut p), U256::ZERO);
    p.ok(
        ADMIN,
        vault,
        IRestakingVault::unpauseCall { flow: FLOW_CLAIM },
    );
    assert_eq!(max_redeem(&mut p), e18(4));

    // 0.5 of room under the cap with a minimum deposit of 1: no deposit can succeed.
    p.ok(
        ADMIN,
        vault,
        IRestakingVault::setMinDepositCall { minDeposit: e18(1) },
    );
    let total = p.total_assets();
    p.ok(
        ADMIN,
        vault,
        IRestakingVault::setDepositCapCall {
            cap: total + e18(1) / U256::from(2),
        },
    );
    let max_deposit = p.view(vault, IRestakingVault::maxDepositCall { receiver: BOB });
    let max_mint = p.view(vault, IRestakingVault::maxMintCall { receiver: BOB });
    assert_eq!((max_deposit, max_mint), (U256::ZERO, U256::ZERO));
    // Exactly the minimum of room: both report it, and depositing it succeeds.
    p.ok(
        ADMIN,
        vault,
        IRestakingVault::setDepositCapCall {
            cap: total + e18(1),
        },
    );
    let max_deposit = p.view(vault, IRestakingVault::maxDepositCall { receiver: BOB });
    assert_eq!(max_deposit, e18(1));
    let max_mint = p.view(vault, IRestakingVault::maxMintCall { receiver: BOB });
    assert!(!max_mint.is_zero());
    let value = p.view(vault, IRestakingVault::previewMintCall { shares: max_mint });
    let minted = p.send_value(
        BOB,
        vault,
        IRestakingVault::mintCall {
            shares: max_mint,
            receiver: BOB,
        },
        value,
    );
    decode_ok::<IRestakingVault::mintCall>(&minted);
}

/// Issue 11 (Low): anyone could open redemption requests naming any controller, and a
/// controller has two slots: two dust requests in two epochs blocked the victim's own
/// request. A request now needs the controller's consent: the controller calls, names
/// itself as the owner of the shares, or has made the caller its ERC-7540 operator.
#[test]
fn dust_requests_cannot_fill_another_controllers_slots() {
    let mut p = Protocol::native();
    let vault = p.vault;
    p.deposit(ALICE, e18(10));
    p.deposit(MALLORY, e18(1));
    let dust = |p: &mut Protocol| {
        p.send(
            MALLORY,
            vault,
            IRestakingVault::requestRedeemCall {
                shares: U256::from(1_000),
                controller: ALICE,
                owner: MALLORY,
            },
        )
    };
    let first = dust(&mut p);
    let error = reverted::<IRestakingVault::RestakingVaultInvalidCaller>(&first);
    assert_eq!((error.caller, error.controller), (MALLORY, ALICE));
    assert!(first.logs.is_empty());
    p.goto_epoch(1, 0);
    reverted::<IRestakingVault::RestakingVaultInvalidCaller>(&dust(&mut p));
    assert_eq!(p.shares(MALLORY), e18(1));
    // Alice's slots are free: two requests of her own go through.
    assert_eq!(p.request_redeem(ALICE, e18(1)), U256::from(2));
    p.goto_epoch(2, 0);
    assert_eq!(p.request_redeem(ALICE, e18(1)), U256::from(3));

    // A zap or router acting for Bob: Bob makes it his operator; it then requests Bob's
    // shares for Bob (as operator of the owner it spends no allowance).
    p.deposit(BOB, e18(4));
    p.ok(
        BOB,
        vault,
        IRestakingVault::setOperatorCall {
            operator: CAROL,
            approved: true,
        },
    );
    let id = p.ok(
        CAROL,
        vault,
        IRestakingVault::requestRedeemCall {
            shares: e18(3),
            controller: BOB,
            owner: BOB,
        },
    );
    assert_eq!(p.shares(BOB), e18(1));
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::pendingRedeemRequestCall {
                requestId: id,
                controller: BOB
            }
        ),
        e18(3)
    );
}

/// Found by the vault's invariant tests (1,500 cases): once rewards lift a share above one
/// asset, a request of one share is worth several assets, and `withdraw` of a part of it took
/// the whole share (rounded up), dropped the request and left the rest of its value in the
/// bucket with no owner. The request's last share now stays while it has value left.
#[test]
fn a_small_withdraw_from_a_one_share_request_keeps_the_rest_claimable() {
    let mut p = Protocol::native();
    let vault = p.vault;
    p.deposit(ALICE, e18(1));
    // 10 paid, 9 vest after the fee: a share is worth about 10 assets.
    let receipt = p.send_value(
        CAROL,
        vault,
        IRestakingVault::distributeRewardsCall { amount: e18(10) },
        e18(10),
    );
    decode_ok::<IRestakingVault::distributeRewardsCall>(&receipt);
    p.chain.set_timestamp(p.chain.timestamp() + VESTING);
    p.request_redeem(ALICE, U256::from(1));
    p.goto_epoch(3, 0);
    let max_withdraw = |p: &mut Protocol| {
        p.view(
            vault,
            IRestakingVault::maxWithdrawCall { controller: ALICE },
        )
    };
    let max_redeem =
        |p: &mut Protocol| p.view(vault, IRestakingVault::maxRedeemCall { controller: ALICE });
    let claimable = max_withdraw(&mut p);
    assert!(claimable >= U256::from(9), "{claimable}");
    assert_eq!(max_redeem(&mut p), U256::from(1));

    let before = p.chain.balance(ALICE);
    let receipt = p.send(
        ALICE,
        vault,
        IRestakingVault::withdrawCall {
            assets: U256::from(1),
            receiver: ALICE,
            controller: ALICE,
        },
    );
    assert_eq!(
        decode_ok::<IRestakingVault::withdrawCall>(&receipt),
        U256::ZERO,
        "no share taken while the request has value left"
    );
    assert_eq!(p.chain.balance(ALICE), before + U256::from(1));
    // The rest stays claimable, less at most one unit of rounding, and a redeem pays it.
    let left = max_withdraw(&mut p);
    assert!(
        left + U256::from(2) >= claimable,
        "{left} left of {claimable}"
    );
    assert_eq!(max_redeem(&mut p), U256::from(1));
    let receipt = p.send(
        ALICE,
        vault,
        IRestakingVault::redeemCall {
            shares: U256::from(1),
            receiver: ALICE,
            controller: ALICE,
        },
    );
    assert_eq!(decode_ok::<IRestakingVault::redeemCall>(&receipt), left);
    assert_eq!(p.chain.balance(ALICE), before + U256::from(1) + left);
    assert_eq!(max_withdraw(&mut p), U256::ZERO);
}
