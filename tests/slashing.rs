//! Flow 2: a service and an operator register and opt in, the curator allocates, the service
//! requests slashes; the veto path and the execute path on the deployed WASM: the rate drops
//! pro rata, the still-slashable bucket is cut, the claimable one is untouched, and the funds
//! reach the service's recipient.

// Test arithmetic on amounts the test itself set up; an overflow would fail the test.
#![allow(clippy::arithmetic_side_effects)]

mod support;

use revm::primitives::U256;
use support::*;

const VETO: u64 = 60;

/// Service, operator and allocation of `allocation` to the pair, all at the current time.
fn register(p: &mut Protocol, allocation: U256) {
    let (manager, vault) = (p.manager, p.vault);
    let receipt = p.send(
        SERVICE,
        manager,
        ISlashingManager::registerServiceCall {
            resolver: RESOLVER,
            vetoDuration: VETO,
            recipient: RECIPIENT,
        },
    );
    let registered = event::<ISlashingManager::ServiceRegistered>(&receipt, manager);
    assert_eq!(
        (
            registered.service,
            registered.resolver,
            registered.vetoDuration,
            registered.recipient
        ),
        (SERVICE, RESOLVER, VETO, RECIPIENT)
    );
    p.ok(OPERATOR, manager, ISlashingManager::registerOperatorCall {});
    p.ok(
        OPERATOR,
        manager,
        ISlashingManager::optInServiceCall { service: SERVICE },
    );
    let receipt = p.send(
        OPERATOR,
        manager,
        ISlashingManager::optInVaultCall { vault },
    );
    let opted = event::<ISlashingManager::OperatorOptedInVault>(&receipt, manager);
    assert_eq!((opted.operator, opted.vault), (OPERATOR, vault));

    // Only the vault's curator allocates its stake.
    let allocate = ISlashingManager::setAllocationCall {
        vault,
        service: SERVICE,
        operator: OPERATOR,
        amount: allocation,
    };
    let stranger = p.send(MALLORY, manager, allocate.clone());
    let error = reverted::<ISlashingManager::SlashingManagerNotCurator>(&stranger);
    assert_eq!((error.vault, error.account), (vault, MALLORY));
    let receipt = p.send(CURATOR, manager, allocate);
    let set = event::<ISlashingManager::AllocationSet>(&receipt, manager);
    assert_eq!(
        (set.vault, set.service, set.operator, set.amount),
        (vault, SERVICE, OPERATOR, allocation)
    );
    assert_eq!(
        decode_ok::<ISlashingManager::setAllocationCall>(&receipt),
        p.chain.timestamp(),
        "an increase applies at once"
    );
}

/// The whole story, in a native-ETH vault (so the recipient's balance is exact ether).
///
/// Epoch 0: Alice and Bob deposit 100 each; Bob requests 20 (bucket 1). Epoch 2: Alice
/// requests 40 (bucket 3, slashable); bucket 1 is claimable. Capture in epoch 2: the vault's
/// slashable stake is 140 active + 40 in bucket 3; the allocation is 50.
#[test]
fn veto_then_execute_cuts_active_stake_and_slashable_bucket_pro_rata() {
    let mut p = Protocol::native();
    let (vault, manager) = (p.vault, p.manager);
    p.deposit(ALICE, e18(100));
    p.deposit(BOB, e18(100));
    register(&mut p, e18(50));
    assert_eq!(p.request_redeem(BOB, e18(20)), U256::from(1));

    p.goto_epoch(2, 100);
    assert_eq!(p.request_redeem(ALICE, e18(40)), U256::from(3));
    p.chain.advance_time(100);
    let capture = p.chain.timestamp();
    p.chain.advance_time(10);
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::slashableStakeCall {
                captureTimestamp: capture
            }
        ),
        e18(180),
        "active 140 + bucket 3; the claimable bucket 1 is not slashable"
    );
    assert_eq!(p.slashable(capture), e18(50), "bounded by the allocation");

    // Over the slashable stake: refused, nothing recorded.
    let over = p.request_slash(e18(51), capture);
    let error = reverted::<ISlashingManager::SlashingManagerInsufficientSlashableStake>(&over);
    assert_eq!((error.slashable, error.needed), (e18(50), e18(51)));
    // Only a registered service requests.
    let stranger = p.send(
        MALLORY,
        manager,
        ISlashingManager::requestSlashCall {
            operator: OPERATOR,
            vault,
            amount: e18(1),
            captureTimestamp: capture,
        },
    );
    reverted::<ISlashingManager::SlashingManagerUnknownService>(&stranger);
    assert_eq!(
        p.view(manager, ISlashingManager::slashRequestCountCall {}),
        U256::ZERO
    );

    // ----- the veto path -----
    let receipt = p.request_slash(e18(30), capture);
    let vetoed_id = decode_ok::<ISlashingManager::requestSlashCall>(&receipt);
    assert_eq!(vetoed_id, U256::ZERO);
    let requested = event::<ISlashingManager::SlashRequested>(&receipt, manager);
    assert_eq!(
        (
            requested.service,
            requested.operator,
            requested.vault,
            requested.amount,
            requested.captureTimestamp,
            requested.vetoDeadline
        ),
        (
            SERVICE,
            OPERATOR,
            vault,
            e18(30),
            capture,
            p.chain.timestamp() + VETO
        )
    );
    assert_eq!(
        p.slashable(capture),
        e18(20),
        "the pending request is reserved"
    );
    let early = p.send(
        CAROL,
        manager,
        ISlashingManager::executeSlashCall { id: vetoed_id },
    );
    reverted::<ISlashingManager::SlashingManagerVetoWindowOpen>(&early);
    let not_resolver = p.send(
        MALLORY,
        manager,
        ISlashingManager::vetoSlashCall { id: vetoed_id },
    );
    reverted::<ISlashingManager::SlashingManagerNotResolver>(&not_resolver);
    let receipt = p.send(
        RESOLVER,
        manager,
        ISlashingManager::vetoSlashCall { id: vetoed_id },
    );
    let vetoed = event::<ISlashingManager::SlashVetoed>(&receipt, manager);
    assert_eq!((vetoed.id, vetoed.resolver), (vetoed_id, RESOLVER));
    p.chain.advance_time(VETO);
    let after_veto = p.send(
        CAROL,
        manager,
        ISlashingManager::executeSlashCall { id: vetoed_id },
    );
    reverted::<ISlashingManager::SlashingManagerAlreadyVetoed>(&after_veto);
    assert_eq!(p.slashable(capture), e18(50), "a veto releases the amount");
    assert_eq!(p.chain.balance(RECIPIENT), U256::ZERO);
    assert_eq!(p.total_assets(), e18(140));
    assert_eq!(p.rate(), e18(1));

    // ----- the execute path: 36 of 180 = 20% -----
    let id = p.ok(
        SERVICE,
        manager,
        ISlashingManager::requestSlashCall {
            operator: OPERATOR,
            vault,
            amount: e18(36),
            captureTimestamp: capture,
        },
    );
    assert_eq!(id, U256::from(1));
    p.chain.advance_time(VETO - 1);
    let early = p.send(CAROL, manager, ISlashingManager::executeSlashCall { id });
    let error = reverted::<ISlashingManager::SlashingManagerVetoWindowOpen>(&early);
    assert_eq!(error.vetoDeadline, p.chain.timestamp() + 1);
    p.chain.advance_time(1);
    let vault_before = p.chain.balance(vault);
    // Anyone executes once the window is over.
    let receipt = p.send(CAROL, manager, ISlashingManager::executeSlashCall { id });
    assert_eq!(
        decode_ok::<ISlashingManager::executeSlashCall>(&receipt),
        e18(36)
    );
    let executed = event::<ISlashingManager::SlashExecuted>(&receipt, manager);
    assert_eq!(
        (executed.id, executed.recipient, executed.slashed),
        (id, RECIPIENT, e18(36))
    );
    let slashed = event::<IRestakingVault::Slashed>(&receipt, vault);
    assert_eq!(
        (
            slashed.recipient,
            slashed.captureTimestamp,
            slashed.requested,
            slashed.slashed
        ),
        (RECIPIENT, capture, e18(36), e18(36))
    );
    assert_eq!(p.chain.balance(RECIPIENT), e18(36));
    assert_eq!(p.chain.balance(vault), vault_before - e18(36));
    let twice = p.send(CAROL, manager, ISlashingManager::executeSlashCall { id });
    reverted::<ISlashingManager::SlashingManagerAlreadyExecuted>(&twice);
    let totals = p.view(
        manager,
        ISlashingManager::slashTotalsCall {
            vault,
            service: SERVICE,
            operator: OPERATOR,
        },
    );
    assert_eq!((totals._0, totals._1), (e18(36), U256::ZERO));
    assert_eq!(p.slashable(capture), e18(14), "the budget is spent");
    let record = p.view(manager, ISlashingManager::slashRequestCall { id });
    assert_eq!((record._4, record._5, record._9), (e18(36), e18(36), 3));

    // Active stake 140 -> 112: the rate drops by exactly 20% (with the virtual share/asset).
    assert_eq!(p.total_assets(), e18(112));
    assert_eq!(p.supply(), e18(140));
    let expected_rate = e18(1) * (e18(112) + U256::from(1)) / (e18(140) + U256::from(1));
    assert_eq!(p.rate(), expected_rate);

    // Bucket 1 was claimable: Bob gets his 20 in full, now.
    let bob_before = p.chain.balance(BOB);
    let paid = p.ok(
        BOB,
        vault,
        IRestakingVault::claimCall {
            epoch: 1,
            receiver: BOB,
        },
    );
    assert_eq!(paid, e18(20));
    assert_eq!(p.chain.balance(BOB), bob_before + e18(20));

    // Bucket 3 was slashable: Alice's 40 became 32 (20% off), paid after epoch 3.
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::maxWithdrawCall { controller: ALICE }
        ),
        U256::ZERO
    );
    p.goto_epoch(4, 0);
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::maxWithdrawCall { controller: ALICE }
        ),
        e18(32)
    );
    let alice_before = p.chain.balance(ALICE);
    let paid = p.ok(
        ALICE,
        vault,
        IRestakingVault::claimCall {
            epoch: 3,
            receiver: ALICE,
        },
    );
    assert_eq!(paid, e18(32));
    assert_eq!(p.chain.balance(ALICE), alice_before + e18(32));

    // Solvency: the vault holds exactly what the remaining LRT is worth (112).
    assert_eq!(p.chain.balance(vault), e18(112));
    assert_eq!(p.total_assets(), e18(112));
    // The remaining holders share the loss pro rata: 60 + 80 shares at 0.8.
    assert_eq!(p.shares(ALICE), e18(60));
    assert_eq!(p.shares(BOB), e18(80));
}

/// The vault refuses `onSlash` from anyone but the slashing manager, and a capture outside
/// its window; the manager refuses a capture a request could no longer execute in time.
#[test]
fn only_the_manager_slashes_and_only_recent_captures() {
    let mut p = Protocol::native();
    let (vault, manager) = (p.vault, p.manager);
    p.deposit(ALICE, e18(10));
    register(&mut p, e18(10));
    let now = p.chain.timestamp();

    let direct = p.send(
        MALLORY,
        vault,
        IRestakingVault::onSlashCall {
            amount: e18(1),
            captureTimestamp: now,
            recipient: MALLORY,
        },
    );
    let error = reverted::<IRestakingVault::AccessControlUnauthorizedAccount>(&direct);
    assert_eq!(
        (error.account, error.neededRole),
        (MALLORY, role("SLASHER_ROLE"))
    );
    assert_eq!(p.chain.balance(vault), e18(10));

    // A capture older than one epoch before the veto deadline cannot be requested.
    p.chain.advance_time(EPOCH + 10);
    let stale = p.request_slash(e18(1), now);
    reverted::<ISlashingManager::SlashingManagerCaptureTooOld>(&stale);
    // A future capture neither.
    let tomorrow = p.chain.timestamp() + 1;
    let future = p.request_slash(e18(1), tomorrow);
    reverted::<ISlashingManager::SlashingManagerCaptureInFuture>(&future);
    assert_eq!(
        p.view(manager, ISlashingManager::slashRequestCountCall {}),
        U256::ZERO
    );

    // A request left to expire cannot be executed; before it expires only its service may
    // cancel it, after that anyone (so that it stops holding the vault's stake).
    let capture = p.chain.timestamp();
    let id = p.ok(
        SERVICE,
        manager,
        ISlashingManager::requestSlashCall {
            operator: OPERATOR,
            vault,
            amount: e18(2),
            captureTimestamp: capture,
        },
    );
    p.chain.advance_time(VETO + EXECUTION_WINDOW - 1);
    let not_requester = p.send(MALLORY, manager, ISlashingManager::cancelSlashCall { id });
    let error = reverted::<ISlashingManager::SlashingManagerNotRequester>(&not_requester);
    assert_eq!((error.id, error.account), (id, MALLORY));
    p.chain.advance_time(1);
    let expired = p.send(CAROL, manager, ISlashingManager::executeSlashCall { id });
    reverted::<ISlashingManager::SlashingManagerRequestExpired>(&expired);
    let receipt = p.send(MALLORY, manager, ISlashingManager::cancelSlashCall { id });
    assert_eq!(
        event::<ISlashingManager::SlashCancelled>(&receipt, manager).id,
        id
    );
    assert_eq!(p.chain.balance(vault), e18(10));
    assert_eq!(p.total_assets(), e18(10));
    assert_eq!(p.chain.balance(RECIPIENT), U256::ZERO);
}

/// The execute path in an ERC-20 vault: the slashed tokens reach the recipient.
#[test]
fn erc20_slash_pays_the_recipient_in_the_asset() {
    let mut p = Protocol::erc20();
    let (vault, manager) = (p.vault, p.manager);
    p.deposit(ALICE, e18(50));
    register(&mut p, e18(50));
    p.chain.advance_time(10);
    let capture = p.chain.timestamp();
    let id = p.ok(
        SERVICE,
        manager,
        ISlashingManager::requestSlashCall {
            operator: OPERATOR,
            vault,
            amount: e18(5),
            captureTimestamp: capture,
        },
    );
    p.chain.advance_time(VETO);
    assert_eq!(
        p.ok(CAROL, manager, ISlashingManager::executeSlashCall { id }),
        e18(5)
    );
    assert_eq!(p.asset_balance(RECIPIENT), e18(5));
    assert_eq!(p.asset_balance(vault), e18(45));
    assert_eq!(p.total_assets(), e18(45));
    let expected_rate = e18(1) * (e18(45) + U256::from(1)) / (e18(50) + U256::from(1));
    assert_eq!(p.rate(), expected_rate);
}

/// A second service, backed by the same operator and stake.
const OTHER_SERVICE: revm::primitives::Address =
    revm::primitives::address!("00000000000000000000000000000000005e2f1d");

/// Issue 11 (High), the reviewer's reproduction. Alice deposits 100 ETH; the curator allocates
/// 200 ETH to (service, operator), room to grow; capture at t; Bob deposits 100 ETH at t + 10;
/// the service requests 150 ETH for capture t. That was accepted and executed, taking 150
/// from a vault that had 100 at stake at the capture. Now the vault's history says 100 was at
/// stake at t, and no request or sum of requests for t takes more.
#[test]
fn a_slash_cannot_take_stake_that_arrived_after_its_capture() {
    let mut p = Protocol::native();
    let (vault, manager) = (p.vault, p.manager);
    p.deposit(ALICE, e18(100));
    register(&mut p, e18(200));
    p.chain.advance_time(100);
    let capture = p.chain.timestamp();
    p.chain.advance_time(10);
    p.deposit(BOB, e18(100));

    let stake_at =
        |p: &mut Protocol, t: u64| p.view(vault, IRestakingVault::stakeAtCall { timestamp: t });
    assert_eq!(stake_at(&mut p, capture), e18(100));
    assert_eq!(stake_at(&mut p, capture + 10), e18(200));
    assert_eq!(p.slashable(capture), e18(100), "the stake at the capture");

    let over = p.request_slash(e18(150), capture);
    let error = reverted::<ISlashingManager::SlashingManagerInsufficientSlashableStake>(&over);
    assert_eq!((error.slashable, error.needed), (e18(100), e18(150)));

    let id = decode_ok::<ISlashingManager::requestSlashCall>(&p.request_slash(e18(100), capture));
    assert_eq!(
        p.view(manager, ISlashingManager::pendingSlashesCall { vault }),
        e18(100)
    );
    assert_eq!(
        p.slashable(capture),
        U256::ZERO,
        "held by the pending request"
    );
    p.chain.advance_time(VETO);
    let slashed = p.ok(CAROL, manager, ISlashingManager::executeSlashCall { id });
    assert_eq!(slashed, e18(100));
    assert_eq!(p.chain.balance(RECIPIENT), e18(100));
    assert_eq!(p.total_assets(), e18(100));
    assert_eq!(
        p.view(manager, ISlashingManager::pendingSlashesCall { vault }),
        U256::ZERO
    );
    // Spent for this capture, with the allocation still at 200: nothing more, and the past
    // stays what it was.
    assert_eq!(p.slashable(capture), U256::ZERO);
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::slashableStakeCall {
                captureTimestamp: capture
            }
        ),
        U256::ZERO
    );
    assert_eq!(stake_at(&mut p, capture), e18(100));
    let again = p.request_slash(U256::from(1), capture);
    let error = reverted::<ISlashingManager::SlashingManagerInsufficientSlashableStake>(&again);
    assert_eq!(error.slashable, U256::ZERO);
}

/// Issue 11 (High), bound (a) across services: two services backed by the same stake
/// (restaking) each have an allocation of the whole vault, but together they can request no
/// more than the vault had at the capture, whether the first request is pending or executed.
#[test]
fn two_services_cannot_both_take_the_stake_at_one_capture() {
    let mut p = Protocol::native();
    let (vault, manager) = (p.vault, p.manager);
    p.deposit(ALICE, e18(100));
    register(&mut p, e18(100));
    p.ok(
        OTHER_SERVICE,
        manager,
        ISlashingManager::registerServiceCall {
            resolver: RESOLVER,
            vetoDuration: VETO,
            recipient: RECIPIENT,
        },
    );
    p.ok(
        OPERATOR,
        manager,
        ISlashingManager::optInServiceCall {
            service: OTHER_SERVICE,
        },
    );
    p.ok(
        CURATOR,
        manager,
        ISlashingManager::setAllocationCall {
            vault,
            service: OTHER_SERVICE,
            operator: OPERATOR,
            amount: e18(100),
        },
    );
    p.chain.advance_time(100);
    let capture = p.chain.timestamp();
    p.chain.advance_time(10);
    let request = |p: &mut Protocol, service, amount| {
        p.send(
            service,
            manager,
            ISlashingManager::requestSlashCall {
                operator: OPERATOR,
                vault,
                amount,
                captureTimestamp: capture,
            },
        )
    };
    let first = decode_ok::<ISlashingManager::requestSlashCall>(&request(&mut p, SERVICE, e18(70)));
    // Pending: the other service sees only the rest.
    let over = request(&mut p, OTHER_SERVICE, e18(31));
    let error = reverted::<ISlashingManager::SlashingManagerInsufficientSlashableStake>(&over);
    assert_eq!((error.slashable, error.needed), (e18(30), e18(31)));
    // Executed: still only the rest, now because the vault lost 70 since the capture.
    p.chain.advance_time(VETO);
    p.ok(
        CAROL,
        manager,
        ISlashingManager::executeSlashCall { id: first },
    );
    let over = request(&mut p, OTHER_SERVICE, e18(31));
    let error = reverted::<ISlashingManager::SlashingManagerInsufficientSlashableStake>(&over);
    assert_eq!((error.slashable, error.needed), (e18(30), e18(31)));
    let second =
        decode_ok::<ISlashingManager::requestSlashCall>(&request(&mut p, OTHER_SERVICE, e18(30)));
    p.chain.advance_time(VETO);
    p.ok(
        CAROL,
        manager,
        ISlashingManager::executeSlashCall { id: second },
    );
    assert_eq!(p.chain.balance(RECIPIENT), e18(100));
    assert_eq!(p.total_assets(), U256::ZERO);
}

/// Issue 11 (Medium), scenario 1. Alice has 100 ETH staked; the service requests a 50 ETH slash
/// for a capture before Bob came. Bob sees it coming: he used to be able to deposit 100 ETH at
/// the pre-slash price and take 25 ETH of the loss off Alice. Now deposits wait while the
/// request is pending, and the price views already show the slashed price.
#[test]
fn a_deposit_after_a_slash_request_never_pays_for_it() {
    let mut p = Protocol::native();
    let (vault, manager) = (p.vault, p.manager);
    p.deposit(ALICE, e18(100));
    register(&mut p, e18(100));
    p.chain.advance_time(10);
    let capture = p.chain.timestamp();
    let receipt = p.request_slash(e18(50), capture);
    let id = decode_ok::<ISlashingManager::requestSlashCall>(&receipt);
    let expiry = p
        .view(manager, ISlashingManager::slashRequestCall { id })
        ._8;
    let held = event::<IRestakingVault::PendingSlashChanged>(&receipt, vault);
    assert_eq!((held.pending, held.until), (e18(50), expiry));
    let pending = p.view(vault, IRestakingVault::pendingSlashCall {});
    assert_eq!((pending._0, pending._1), (e18(50), expiry));

    // Bob is turned away, with the reason and until when.
    assert_eq!(
        p.view(vault, IRestakingVault::maxDepositCall { receiver: BOB }),
        U256::ZERO
    );
    let refused = p.try_deposit(BOB, e18(100), BOB);
    let error = reverted::<IRestakingVault::RestakingVaultSlashPending>(&refused);
    assert_eq!((error.pending, error.until), (e18(50), expiry));
    assert_eq!(p.shares(BOB), U256::ZERO);
    // The rate already shows the slash (0.5, rounded down with the virtual share).
    let rate = p.rate();
    assert!(rate <= e18(1) / U256::from(2), "{rate}");

    p.chain.advance_time(VETO);
    p.ok(CAROL, manager, ISlashingManager::executeSlashCall { id });
    // Alice, staked at the capture, bears the slash; the rate views had shown no more.
    assert_eq!(p.total_assets(), e18(50));
    assert!(p.rate() >= rate);
    assert_eq!(
        p.view(vault, IRestakingVault::pendingSlashCall {})._0,
        U256::ZERO
    );
    // Bob now deposits at the slashed price and owns what he paid.
    let shares = p.deposit(BOB, e18(100));
    let worth = p.view(vault, IRestakingVault::convertToAssetsCall { shares });
    assert!(
        worth <= e18(100) && e18(100) - worth <= U256::from(2),
        "{worth}"
    );
}

/// Issue 11 (Medium), outcome 2: nobody gains from a request that is vetoed. While it was
/// pending the price was lowered, but nobody could buy in at that price; after the veto the
/// price is back and holders keep everything.
#[test]
fn nobody_gains_from_a_vetoed_slash_request() {
    let mut p = Protocol::native();
    let (vault, manager) = (p.vault, p.manager);
    let alice = p.deposit(ALICE, e18(100));
    register(&mut p, e18(100));
    p.chain.advance_time(10);
    let capture = p.chain.timestamp();
    let id = decode_ok::<ISlashingManager::requestSlashCall>(&p.request_slash(e18(50), capture));
    // The would-be buyer at the lowered price is turned away.
    let refused = p.try_deposit(MALLORY, e18(50), MALLORY);
    reverted::<IRestakingVault::RestakingVaultSlashPending>(&refused);
    let receipt = p.send(RESOLVER, manager, ISlashingManager::vetoSlashCall { id });
    let released = event::<IRestakingVault::PendingSlashChanged>(&receipt, vault);
    assert_eq!(released.pending, U256::ZERO);
    assert_eq!(p.rate(), e18(1));
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::convertToAssetsCall { shares: alice }
        ),
        e18(100)
    );
    assert_eq!(p.shares(MALLORY), U256::ZERO);
    // Deposits go on at the full price.
    assert_eq!(p.deposit(MALLORY, e18(50)), e18(50));
}

/// Found in review: the vault drops what it held once its latest expiry has passed; a late
/// cancellation of an expired request (anyone may send it) must not then take its amount off
/// a newer request's hold and open deposits while that one is pending.
#[test]
fn a_late_cancel_of_an_expired_request_keeps_deposits_waiting_for_a_newer_one() {
    let mut p = Protocol::native();
    let (vault, manager) = (p.vault, p.manager);
    p.deposit(ALICE, e18(100));
    register(&mut p, e18(100));
    p.chain.advance_time(10);
    let old = decode_ok::<ISlashingManager::requestSlashCall>(
        &p.request_slash(e18(40), p.chain.timestamp()),
    );
    p.chain.advance_time(VETO + EXECUTION_WINDOW);
    let capture = p.chain.timestamp();
    p.request_slash(e18(10), capture);
    let pending = p.view(vault, IRestakingVault::pendingSlashCall {});
    assert_eq!(pending._0, e18(10), "the expired request was dropped");
    p.ok(
        MALLORY,
        manager,
        ISlashingManager::cancelSlashCall { id: old },
    );
    assert_eq!(
        p.view(vault, IRestakingVault::pendingSlashCall {})._0,
        e18(10)
    );
    let refused = p.try_deposit(BOB, e18(50), BOB);
    reverted::<IRestakingVault::RestakingVaultSlashPending>(&refused);
}

/// A request stays executable only while the vault may still apply its capture: it expires at
/// `capture + epochDuration` at the latest (Symbiotic's rule), however long the execution
/// window. The vault's pending figure ends at the same second, so it never holds deposits or
/// lowers the price for a request that could no longer execute, and the manager never releases
/// a request on the vault after the vault has let it go.
#[test]
fn a_request_expires_when_its_capture_leaves_the_slashable_window() {
    let mut p = Protocol::native();
    let (vault, manager) = (p.vault, p.manager);
    p.deposit(ALICE, e18(100));
    register(&mut p, e18(100));
    let capture = p.chain.timestamp();
    // The last moment this capture can be requested: the veto ends at capture + EPOCH.
    p.chain.advance_time(EPOCH - VETO);
    let first = decode_ok::<ISlashingManager::requestSlashCall>(&p.request_slash(e18(4), capture));
    let second = decode_ok::<ISlashingManager::requestSlashCall>(&p.request_slash(e18(6), capture));
    let request = p.view(manager, ISlashingManager::slashRequestCall { id: first });
    assert_eq!(request._7, capture + EPOCH, "veto deadline");
    assert_eq!(
        request._8,
        capture + EPOCH + 1,
        "cut from {}",
        capture + EPOCH + EXECUTION_WINDOW
    );
    let pending = p.view(vault, IRestakingVault::pendingSlashCall {});
    assert_eq!((pending._0, pending._1), (e18(10), capture + EPOCH + 1));

    // The one executable second.
    p.chain.advance_time(VETO);
    let receipt = p.send(
        CAROL,
        manager,
        ISlashingManager::executeSlashCall { id: first },
    );
    assert_eq!(
        decode_ok::<ISlashingManager::executeSlashCall>(&receipt),
        e18(4)
    );
    p.chain.advance_time(1);
    let late = p.send(
        CAROL,
        manager,
        ISlashingManager::executeSlashCall { id: second },
    );
    reverted::<ISlashingManager::SlashingManagerRequestExpired>(&late);
    // Nothing is pending on the vault any more: deposits go on, the price is the books'.
    assert_eq!(
        p.view(vault, IRestakingVault::pendingSlashCall {})._0,
        U256::ZERO
    );
    assert_eq!(p.rate(), e18(96) / U256::from(100));
    p.deposit(BOB, e18(10));
}
