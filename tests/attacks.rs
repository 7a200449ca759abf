//! Attacks that must fail, on the deployed WASM; each test is named after its attack.

// Test arithmetic on amounts the test itself set up; an overflow would fail the test.
#![allow(clippy::arithmetic_side_effects)]

mod support;

use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{SolCall, sol};
use revm::primitives::{Address, B256, Bytes, U256};
use support::*;

/// `AccessControlUnauthorizedAccount(account, role)` from any of the three contracts.
fn unauthorized(receipt: &stylus_runtime::Receipt) -> (Address, B256) {
    let error = reverted::<ILrtToken::AccessControlUnauthorizedAccount>(receipt);
    (error.account, error.neededRole)
}

const ADMIN_ROLE: B256 = B256::ZERO;

#[test]
fn unauthorized_mint_burn_and_burn_from() {
    let mut p = Protocol::native();
    let lrt = p.lrt;
    p.deposit(ALICE, e18(5));
    let minter = role("MINTER_ROLE");
    // Not even the LRT's admin mints: only MINTER_ROLE (the vault).
    for caller in [MALLORY, ADMIN, CURATOR] {
        let mint = p.send(
            caller,
            lrt,
            ILrtToken::mintCall {
                to: caller,
                amount: e18(1),
            },
        );
        assert_eq!(unauthorized(&mint), (caller, minter));
        let burn = p.send(
            caller,
            lrt,
            ILrtToken::burnCall {
                from: ALICE,
                amount: e18(1),
            },
        );
        assert_eq!(unauthorized(&burn), (caller, minter));
        let burn_from = p.send(
            caller,
            lrt,
            ILrtToken::burnFromCall {
                from: ALICE,
                spender: caller,
                amount: e18(1),
            },
        );
        assert_eq!(unauthorized(&burn_from), (caller, minter));
    }
    assert_eq!(p.supply(), e18(5));
    assert_eq!(p.shares(ALICE), e18(5));
    assert_eq!(p.shares(MALLORY), U256::ZERO);
}

#[test]
fn unauthorized_role_grants_and_revocations() {
    let mut p = Protocol::native();
    let (lrt, vault, manager) = (p.lrt, p.vault, p.manager);

    let on_lrt = p.send(
        MALLORY,
        lrt,
        ILrtToken::grantRoleCall {
            role: role("MINTER_ROLE"),
            account: MALLORY,
        },
    );
    assert_eq!(unauthorized(&on_lrt), (MALLORY, ADMIN_ROLE));
    let revoke_vault = p.send(
        MALLORY,
        lrt,
        ILrtToken::revokeRoleCall {
            role: role("MINTER_ROLE"),
            account: vault,
        },
    );
    assert_eq!(unauthorized(&revoke_vault), (MALLORY, ADMIN_ROLE));
    // Renouncing someone else's role.
    let renounce = p.send(
        MALLORY,
        lrt,
        ILrtToken::renounceRoleCall {
            role: role("MINTER_ROLE"),
            callerConfirmation: vault,
        },
    );
    reverted::<ILrtToken::AccessControlBadConfirmation>(&renounce);

    // The vault's curator and pauser cannot hand out roles, not even their own.
    for (caller, name) in [
        (MALLORY, "SLASHER_ROLE"),
        (CURATOR, "CURATOR_ROLE"),
        (PAUSER, "PAUSER_ROLE"),
        (CURATOR, "DEFAULT_ADMIN_ROLE"),
    ] {
        let grant = p.send(
            caller,
            vault,
            IRestakingVault::grantRoleCall {
                role: role(name),
                account: MALLORY,
            },
        );
        assert_eq!(unauthorized(&grant), (caller, ADMIN_ROLE), "{name}");
    }
    let on_manager = p.send(
        MALLORY,
        manager,
        ISlashingManager::grantRoleCall {
            role: role("PAUSER_ROLE"),
            account: MALLORY,
        },
    );
    assert_eq!(unauthorized(&on_manager), (MALLORY, ADMIN_ROLE));

    // Nothing changed: the vault still mints, Mallory holds nothing.
    assert!(p.view(
        lrt,
        ILrtToken::hasRoleCall {
            role: role("MINTER_ROLE"),
            account: vault
        }
    ));
    for name in ["SLASHER_ROLE", "CURATOR_ROLE", "PAUSER_ROLE"] {
        assert!(!p.view(
            vault,
            IRestakingVault::hasRoleCall {
                role: role(name),
                account: MALLORY
            }
        ));
    }
    assert_eq!(p.deposit(ALICE, e18(1)), e18(1));
}

#[test]
fn unauthorized_pause_unpause_and_configuration() {
    let mut p = Protocol::native();
    let (vault, manager) = (p.vault, p.manager);
    let pauser = role("PAUSER_ROLE");
    for flow in [FLOW_DEPOSIT, FLOW_REQUEST, FLOW_CLAIM] {
        let pause = p.send(MALLORY, vault, IRestakingVault::pauseCall { flow });
        assert_eq!(unauthorized(&pause), (MALLORY, pauser));
        assert!(!p.view(vault, IRestakingVault::isPausedCall { flow }));
    }
    let pause = p.send(MALLORY, manager, ISlashingManager::pauseCall {});
    assert_eq!(unauthorized(&pause), (MALLORY, pauser));
    assert!(!p.view(manager, ISlashingManager::pausedCall {}));

    // Paused by the pauser, the flow cannot be unpaused by anyone but the admin.
    p.ok(
        PAUSER,
        vault,
        IRestakingVault::pauseCall { flow: FLOW_DEPOSIT },
    );
    for caller in [MALLORY, PAUSER, CURATOR] {
        let unpause = p.send(
            caller,
            vault,
            IRestakingVault::unpauseCall { flow: FLOW_DEPOSIT },
        );
        assert_eq!(unauthorized(&unpause), (caller, ADMIN_ROLE));
    }
    assert!(p.view(vault, IRestakingVault::isPausedCall { flow: FLOW_DEPOSIT }));

    // Configuration is the admin's.
    let fee = p.send(
        MALLORY,
        vault,
        IRestakingVault::setFeeCall { feeBps: 2_000 },
    );
    assert_eq!(unauthorized(&fee), (MALLORY, ADMIN_ROLE));
    let treasury = p.send(
        MALLORY,
        vault,
        IRestakingVault::setTreasuryCall { treasury: MALLORY },
    );
    assert_eq!(unauthorized(&treasury), (MALLORY, ADMIN_ROLE));
    let cap = p.send(
        MALLORY,
        vault,
        IRestakingVault::setDepositCapCall { cap: U256::ZERO },
    );
    assert_eq!(unauthorized(&cap), (MALLORY, ADMIN_ROLE));
    assert_eq!(p.view(vault, IRestakingVault::treasuryCall {}), TREASURY);
    assert_eq!(p.view(vault, IRestakingVault::feeBpsCall {}), FEE_BPS);
    assert_eq!(p.view(vault, IRestakingVault::depositCapCall {}), U256::MAX);
}

#[test]
fn unauthorized_slash() {
    let mut p = Protocol::native();
    let vault = p.vault;
    p.deposit(ALICE, e18(10));
    let now = p.chain.timestamp();
    // Neither an outsider nor the vault's own admin or curator: only the slashing manager.
    for caller in [MALLORY, ADMIN, CURATOR] {
        let slash = p.send(
            caller,
            vault,
            IRestakingVault::onSlashCall {
                amount: e18(10),
                captureTimestamp: now,
                recipient: caller,
            },
        );
        assert_eq!(unauthorized(&slash), (caller, role("SLASHER_ROLE")));
    }
    assert_eq!(p.chain.balance(vault), e18(10));
    assert_eq!(p.total_assets(), e18(10));
}

/// A used permit cannot be submitted again, nor on another deployment of the LRT (the domain
/// names the token), nor after the owner spent its nonce on another permit.
#[test]
fn replayed_permit() {
    let mut p = Protocol::native();
    let lrt = p.lrt;
    let alice = PrivateKeySigner::random();
    let owner = alice.address();
    p.chain.fund(owner, e18(1));
    p.deposit(owner, e18(1));
    let deadline = U256::from(p.chain.timestamp() + 600);
    let (v, r, s) = p.sign_permit(&alice, MALLORY, e18(1), deadline);
    let permit = ILrtToken::permitCall {
        owner,
        spender: MALLORY,
        value: e18(1),
        deadline,
        v,
        r,
        s,
    };
    p.ok(MALLORY, lrt, permit.clone());
    // Alice revokes the allowance; Mallory replays the permit to restore it.
    p.ok(
        owner,
        lrt,
        ILrtToken::approveCall {
            spender: MALLORY,
            value: U256::ZERO,
        },
    );
    let replay = p.send(MALLORY, lrt, permit.clone());
    let error = reverted::<ILrtToken::ERC2612InvalidSigner>(&replay);
    assert_eq!(error.owner, owner);
    assert_ne!(error.signer, owner);
    assert_eq!(
        p.view(
            lrt,
            ILrtToken::allowanceCall {
                owner,
                spender: MALLORY
            }
        ),
        U256::ZERO
    );

    // The same deployment (same addresses) on a chain with another id: the nonce there is
    // fresh, and the domain's chain id is what refuses the signature.
    let mut foreign = Protocol::deploy_on(
        stylus_runtime::Chain::with_params(1, Default::default()),
        AssetKind::Native,
    );
    assert_eq!(foreign.lrt, lrt, "same deployer, same nonces: same address");
    foreign.chain.fund(owner, e18(1));
    foreign.deposit(owner, e18(1));
    let cross_chain = foreign.send(MALLORY, lrt, permit);
    reverted::<ILrtToken::ERC2612InvalidSigner>(&cross_chain);
    assert_eq!(
        foreign.view(
            lrt,
            ILrtToken::allowanceCall {
                owner,
                spender: MALLORY
            }
        ),
        U256::ZERO
    );
}

/// The classic ERC-4626 attack: be first with 1 wei, then inflate the price per share so the
/// next depositor's shares round down to nothing. A donation does not move the price
/// (internal accounting); rewards vest, cost the attacker 10% and still leave it poorer.
#[test]
fn first_depositor_inflation() {
    for kind in [AssetKind::Native, AssetKind::Erc20] {
        let mut p = Protocol::deploy(kind);
        let (vault, asset) = (p.vault, p.asset);

        // 1 wei in, 1 share out.
        assert_eq!(p.deposit(MALLORY, U256::from(1)), U256::from(1));
        // Donation of 100: the vault's balance grows, its accounting does not.
        match kind {
            AssetKind::Native => p.chain.fund(vault, e18(100)),
            AssetKind::Erc20 | AssetKind::ReentrantErc20 => {
                p.fund_asset(MALLORY, e18(100));
                p.ok(
                    MALLORY,
                    asset,
                    ITestAsset::transferCall {
                        to: vault,
                        value: e18(100),
                    },
                );
            }
        }
        assert_eq!(p.total_assets(), U256::from(1));
        assert_eq!(p.rate(), e18(1));
        // The victim gets every share its deposit is worth.
        assert_eq!(p.deposit(ALICE, e18(10)), e18(10));
        assert_eq!(
            p.view(
                vault,
                IRestakingVault::convertToAssetsCall { shares: e18(10) }
            ),
            e18(10)
        );
        // And the attacker's share is still worth its 1 wei: the donation is lost to it.
        assert_eq!(
            p.view(
                vault,
                IRestakingVault::convertToAssetsCall {
                    shares: U256::from(1)
                }
            ),
            U256::from(1)
        );
    }

    // Inflating through rewards instead: pay 100 (10 to the treasury), wait out the vesting.
    let mut p = Protocol::native();
    let vault = p.vault;
    p.deposit(MALLORY, U256::from(1));
    let paid = p.send_value(
        MALLORY,
        vault,
        IRestakingVault::distributeRewardsCall { amount: e18(100) },
        e18(100),
    );
    let rewards = event::<IRestakingVault::RewardsDistributed>(&paid, vault);
    assert_eq!((rewards.amount, rewards.fee), (e18(100), e18(10)));
    assert_eq!(p.chain.balance(TREASURY), e18(10));
    // The price does not jump: nothing has vested yet, half after half the period.
    assert_eq!(p.total_assets(), U256::from(1));
    p.chain.advance_time(VESTING / 2);
    assert_eq!(p.total_assets(), U256::from(1) + e18(45));
    p.chain.advance_time(VESTING / 2);
    assert_eq!(p.total_assets(), U256::from(1) + e18(90));

    // A victim quoting the pre-attack price and bounding its shares is protected.
    let quoted = e18(50);
    let bounded = p.send_value(
        ALICE,
        vault,
        IRestakingVault::depositWithMinSharesCall {
            assets: e18(50),
            receiver: ALICE,
            minShares: quoted,
        },
        e18(50),
    );
    let error = reverted::<IRestakingVault::RestakingVaultSlippage>(&bounded);
    assert_eq!(error.minShares, quoted);
    // One without a bound loses a little to rounding; the attacker loses far more.
    let shares = p.deposit(ALICE, e18(50));
    assert_eq!(shares, U256::from(1), "50 * 2 / (90 + 2), rounded down");
    let alice_worth = p.view(vault, IRestakingVault::convertToAssetsCall { shares });
    let mallory_worth = p.view(
        vault,
        IRestakingVault::convertToAssetsCall {
            shares: U256::from(1),
        },
    );
    assert!(alice_worth > e18(46), "{alice_worth}");
    let mallory_cost = e18(100) + U256::from(1);
    assert!(
        mallory_worth < mallory_cost - e18(50),
        "the attacker loses more than half of what it paid: {mallory_worth}"
    );
    // Solvency holds through it all.
    let supply = p.supply();
    let worth = p.view(
        vault,
        IRestakingVault::convertToAssetsCall { shares: supply },
    );
    assert!(worth <= p.chain.balance(vault));
}

/// Donating the asset (or the LRT) to the vault changes neither the rate nor what the next
/// depositor or a redeemer gets.
#[test]
fn donation_does_not_move_the_rate() {
    let mut p = Protocol::erc20();
    let (vault, asset, lrt) = (p.vault, p.asset, p.lrt);
    p.deposit(ALICE, e18(30));
    p.deposit(BOB, e18(10));
    let before = (
        p.rate(),
        p.total_assets(),
        p.view(
            vault,
            IRestakingVault::convertToSharesCall { assets: e18(1) },
        ),
        p.view(
            vault,
            IRestakingVault::previewDepositCall { assets: e18(7) },
        ),
    );
    p.fund_asset(MALLORY, e18(1_000));
    p.ok(
        MALLORY,
        asset,
        ITestAsset::transferCall {
            to: vault,
            value: e18(1_000),
        },
    );
    // Bob donates LRT to the vault too.
    p.ok(
        BOB,
        lrt,
        ILrtToken::transferCall {
            to: vault,
            value: e18(5),
        },
    );
    let after = (
        p.rate(),
        p.total_assets(),
        p.view(
            vault,
            IRestakingVault::convertToSharesCall { assets: e18(1) },
        ),
        p.view(
            vault,
            IRestakingVault::previewDepositCall { assets: e18(7) },
        ),
    );
    assert_eq!(before, after);
    assert_eq!(p.deposit(CAROL, e18(7)), e18(7));
    // A redemption is paid at the accounted rate, not at balance / supply.
    p.request_redeem(ALICE, e18(30));
    p.goto_epoch(2, 0);
    let paid = p.ok(
        ALICE,
        vault,
        IRestakingVault::claimCall {
            epoch: 1,
            receiver: ALICE,
        },
    );
    assert_eq!(paid, e18(30));
    assert_eq!(p.asset_balance(vault), e18(1_017));
    assert_eq!(p.total_assets(), e18(17));
}

/// Mallory sees a slash request for a capture in the current epoch and requests to redeem
/// everything before it executes: the request sits in a bucket that is still slashable, and
/// is cut exactly like the stake Alice left in place.
#[test]
fn withdrawing_ahead_of_a_slash() {
    let mut p = Protocol::native();
    let (vault, manager) = (p.vault, p.manager);
    p.deposit(ALICE, e18(100));
    p.deposit(MALLORY, e18(100));
    p.register_for_slashing(Address::ZERO, MAX_VETO, SERVICE, e18(200));
    p.chain.advance_time(1_000);
    let capture = p.chain.timestamp();
    p.chain.advance_time(10);
    let id = p.ok(
        SERVICE,
        manager,
        ISlashingManager::requestSlashCall {
            operator: OPERATOR,
            vault,
            amount: e18(50),
            captureTimestamp: capture,
        },
    );
    // Front-run: everything requested during the veto window.
    let bucket = p.request_redeem(MALLORY, e18(100));
    p.chain.advance_time(MAX_VETO);
    assert_eq!(
        p.ok(CAROL, manager, ISlashingManager::executeSlashCall { id }),
        e18(50)
    );
    // 50 of 200: a quarter off both Alice's stake and Mallory's request.
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::convertToAssetsCall { shares: e18(100) }
        ),
        e18(75)
    );
    p.goto_epoch(2, 0);
    let before = p.chain.balance(MALLORY);
    let paid = p.ok(
        MALLORY,
        vault,
        IRestakingVault::claimCall {
            epoch: bucket.to::<u64>(),
            receiver: MALLORY,
        },
    );
    assert_eq!(paid, e18(75));
    assert_eq!(p.chain.balance(MALLORY), before + e18(75));
    assert_eq!(p.chain.balance(vault), e18(75));
}

sol! {
    /// `tests/solidity/ReentrantAsset.sol`.
    interface IReentrantAsset {
        function arm(address target, bytes data) external;
        function reentered() external view returns (bool);
        function reentrySucceeded() external view returns (bool);
        function reentryResult() external view returns (bytes);
    }
}

/// Arms the malicious asset to call the vault with `call` on its next transfer.
fn arm<C: SolCall>(p: &mut Protocol, call: C) {
    let (asset, vault) = (p.asset, p.vault);
    p.ok(
        MALLORY,
        asset,
        IReentrantAsset::armCall {
            target: vault,
            data: call.abi_encode().into(),
        },
    );
}

/// Whether the armed call ran, and how it ended.
fn reentry(p: &mut Protocol) -> (bool, bool, Bytes) {
    let asset = p.asset;
    (
        p.view(asset, IReentrantAsset::reenteredCall {}),
        p.view(asset, IReentrantAsset::reentrySucceededCall {}),
        p.view(asset, IReentrantAsset::reentryResultCall {}),
    )
}

/// The asset's payout `transfer` calls back into the vault to redeem the same controller's
/// claimable shares again (the asset is the controller's ERC-7540 operator). The vault refuses
/// the re-entry (the Stylus entrypoint's guard: a revert without data); the controller is paid
/// once per request.
#[test]
fn reentrant_asset_token_cannot_claim_twice() {
    let mut p = Protocol::deploy(AssetKind::ReentrantErc20);
    let (vault, asset) = (p.vault, p.asset);
    p.deposit(MALLORY, e18(20));
    p.request_redeem(MALLORY, e18(10));
    p.goto_epoch(1, 0);
    p.request_redeem(MALLORY, e18(10));
    p.goto_epoch(3, 0);
    p.ok(
        MALLORY,
        vault,
        IRestakingVault::setOperatorCall {
            operator: asset,
            approved: true,
        },
    );
    arm(
        &mut p,
        IRestakingVault::redeemCall {
            shares: e18(10),
            receiver: MALLORY,
            controller: MALLORY,
        },
    );
    let paid = p.ok(
        MALLORY,
        vault,
        IRestakingVault::claimCall {
            epoch: 1,
            receiver: MALLORY,
        },
    );
    assert_eq!(paid, e18(10));
    assert_eq!(reentry(&mut p), (true, false, Bytes::new()));
    assert_eq!(p.asset_balance(MALLORY), e18(10));
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::maxRedeemCall {
                controller: MALLORY
            }
        ),
        e18(10),
        "the second request is untouched"
    );
    // The same call made when the vault is not on the stack (the hook fired by a plain
    // transfer of the asset) goes through: it was the re-entry that was refused.
    arm(
        &mut p,
        IRestakingVault::redeemCall {
            shares: e18(10),
            receiver: MALLORY,
            controller: MALLORY,
        },
    );
    assert!(p.ok(
        MALLORY,
        asset,
        ITestAsset::transferCall {
            to: MALLORY,
            value: U256::ZERO
        }
    ));
    let (reentered, succeeded, result) = reentry(&mut p);
    assert!(reentered && succeeded);
    assert_eq!(
        IRestakingVault::redeemCall::abi_decode_returns(&result).unwrap(),
        e18(10)
    );
    assert_eq!(p.asset_balance(MALLORY), e18(20));
    assert_eq!(p.asset_balance(vault), U256::ZERO);
    assert_eq!(p.total_assets(), U256::ZERO);
}

/// The asset's `transferFrom` during a deposit calls back into the vault's deposit: refused,
/// and the outer deposit mints exactly its own shares.
#[test]
fn reentrant_asset_token_cannot_deposit_inside_a_deposit() {
    let mut p = Protocol::deploy(AssetKind::ReentrantErc20);
    let (vault, asset) = (p.vault, p.asset);
    // The refusal comes from the entrypoint's guard, before any check of the vault's: the
    // revert has no data (a failed pull would be `RestakingVaultAssetTransferFailed`).
    p.fund_asset(asset, e18(5));
    arm(
        &mut p,
        IRestakingVault::depositCall {
            assets: e18(5),
            receiver: MALLORY,
        },
    );
    assert_eq!(p.deposit(MALLORY, e18(10)), e18(10));
    assert_eq!(reentry(&mut p), (true, false, Bytes::new()));
    assert_eq!(p.shares(MALLORY), e18(10));
    assert_eq!(p.supply(), e18(10));
    assert_eq!(p.total_assets(), e18(10));
    assert_eq!(p.asset_balance(vault), e18(10));
}

/// Issue 11 ("a vault redeems LRT another vault minted"): with two vaults minting one LRT,
/// anyone could deposit where the rate is low and redeem where it is high, taking the other
/// vault's assets. The token now has one minter: a second vault cannot be made one, so it
/// can neither mint nor burn the LRT the first vault issued, and replacing the minter is an
/// explicit revoke, then grant.
#[test]
fn a_second_vault_cannot_become_a_minter_of_the_same_lrt() {
    let mut p = Protocol::native();
    let (lrt, vault_a) = (p.lrt, p.vault);
    let (vault_b, _) = Protocol::deploy_vault(&mut p.chain, lrt, NATIVE_ASSET);
    let minter = role("MINTER_ROLE");
    p.deposit(ALICE, e18(100));

    let grant = p.send(
        ADMIN,
        lrt,
        ILrtToken::grantRoleCall {
            role: minter,
            account: vault_b,
        },
    );
    reverted::<ILrtToken::LrtTokenMinterAlreadyGranted>(&grant);
    assert!(grant.logs.is_empty());
    let holds = |p: &mut Protocol, account| {
        p.view(
            lrt,
            ILrtToken::hasRoleCall {
                role: minter,
                account,
            },
        )
    };
    assert!(holds(&mut p, vault_a));
    assert!(!holds(&mut p, vault_b));

    // The attack's second half: Alice's shares, minted by A, redeemed through B.
    let redeem_in_b = p.send(
        ALICE,
        vault_b,
        IRestakingVault::requestRedeemCall {
            shares: e18(100),
            controller: ALICE,
            owner: ALICE,
        },
    );
    assert_ne!(redeem_in_b.status, stylus_runtime::Status::Success);
    assert_eq!(p.shares(ALICE), e18(100));
    assert_eq!(p.supply(), e18(100));
    assert_eq!(p.chain.balance(vault_b), U256::ZERO);

    // Replacing the minter: revoke, then grant.
    p.ok(
        ADMIN,
        lrt,
        ILrtToken::revokeRoleCall {
            role: minter,
            account: vault_a,
        },
    );
    p.ok(
        ADMIN,
        lrt,
        ILrtToken::grantRoleCall {
            role: minter,
            account: vault_b,
        },
    );
    assert!(!holds(&mut p, vault_a));
    assert!(holds(&mut p, vault_b));
}

/// Issue 11 (last admin): the last holder of `DEFAULT_ADMIN_ROLE` could renounce it and leave
/// a contract with paused flows nobody can unpause. On each of the three contracts, neither
/// renouncing nor revoking the last admin goes through, and handing over (grant, then
/// renounce) does.
#[test]
fn the_last_admin_cannot_leave_a_contract_without_one() {
    let mut p = Protocol::native();
    let (lrt, vault, manager) = (p.lrt, p.vault, p.manager);
    for contract in [lrt, vault, manager] {
        let renounce = p.send(
            ADMIN,
            contract,
            ILrtToken::renounceRoleCall {
                role: ADMIN_ROLE,
                callerConfirmation: ADMIN,
            },
        );
        reverted::<ILrtToken::AccessControlLastAdmin>(&renounce);
        let revoke = p.send(
            ADMIN,
            contract,
            ILrtToken::revokeRoleCall {
                role: ADMIN_ROLE,
                account: ADMIN,
            },
        );
        reverted::<ILrtToken::AccessControlLastAdmin>(&revoke);
        let is_admin = |p: &mut Protocol, account| {
            p.view(
                contract,
                ILrtToken::hasRoleCall {
                    role: ADMIN_ROLE,
                    account,
                },
            )
        };
        assert!(is_admin(&mut p, ADMIN));

        p.ok(
            ADMIN,
            contract,
            ILrtToken::grantRoleCall {
                role: ADMIN_ROLE,
                account: CAROL,
            },
        );
        p.ok(
            ADMIN,
            contract,
            ILrtToken::renounceRoleCall {
                role: ADMIN_ROLE,
                callerConfirmation: ADMIN,
            },
        );
        assert!(!is_admin(&mut p, ADMIN));
        assert!(is_admin(&mut p, CAROL));
        let last = p.send(
            CAROL,
            contract,
            ILrtToken::renounceRoleCall {
                role: ADMIN_ROLE,
                callerConfirmation: CAROL,
            },
        );
        reverted::<ILrtToken::AccessControlLastAdmin>(&last);
    }
}
