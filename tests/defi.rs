//! Flow 5: Solidity DeFi composing with the deployed WASM through the generated
//! `abi/*.sol` interfaces (sources in `tests/solidity/defi/`, compiled by `cargo xtask solc`):
//! a zap that takes the asset and deposits for the user with a minimum-shares bound; a
//! lending market that prices the LRT through the vault, lends against it and liquidates once
//! a slash executed through the slashing manager lowers the rate; a contract that expects the
//! vault's typed custom errors and decodes them with `abi.decode`. The ERC-20 cases run the
//! other direction too: the vault pulling a Solidity-compiled ERC-20 asset.

// Test arithmetic on amounts the test itself set up; an overflow would fail the test.
#![allow(clippy::arithmetic_side_effects)]

mod support;

use alloy_sol_types::{SolError, SolValue, sol};
use revm::primitives::{Address, Bytes, FixedBytes, U256};
use support::*;

sol! {
    /// `tests/solidity/defi/Zap.sol`.
    interface IZap {
        function zap(uint256 assets, uint256 minShares) external payable returns (uint256 shares);
        function vault() external view returns (address);
        function asset() external view returns (address);
        event Zapped(address indexed user, uint256 assets, uint256 shares);
        error ZapInvalidValue(uint256 value, uint256 expected);
    }

    /// `tests/solidity/defi/LendingMarket.sol`.
    interface ILendingMarket {
        function LTV_BPS() external view returns (uint256);
        function LIQUIDATION_THRESHOLD_BPS() external view returns (uint256);
        function lrt() external view returns (address);
        function depositCollateral(uint256 shares) external;
        function borrow(uint256 amount) external;
        function liquidate(address user) external;
        function collateralOf(address user) external view returns (uint256);
        function debtOf(address user) external view returns (uint256);
        function collateralAssets(address user) external view returns (uint256);
        function collateralAssetsByRate(address user) external view returns (uint256);
        function collateralValue(address user) external view returns (uint256);
        function liquidationLimit(address user) external view returns (uint256);
        event CollateralDeposited(address indexed user, uint256 shares);
        event Borrowed(address indexed user, uint256 amount, uint256 debt);
        event Liquidated(address indexed user, address indexed liquidator, uint256 debt, uint256 shares);
        error LendingMarketZeroAmount();
        error LendingMarketExceedsLtv(uint256 debt, uint256 maxDebt);
        error LendingMarketPositionHealthy(uint256 debt, uint256 liquidationLimit);
    }

    /// `tests/solidity/defi/VaultErrorDecoder.sol`.
    interface IVaultErrorDecoder {
        function tryDeposit(uint256 assets, address receiver) external payable returns (bytes4);
        function tryRedeem(uint256 shares, address receiver, address controller) external returns (bytes4);
        function lastSelector() external view returns (bytes4);
        function lastName() external view returns (string memory);
        function lastArg0() external view returns (uint256);
        function lastArg1() external view returns (uint256);
        function lastRevertData() external view returns (bytes memory);
        event Decoded(bytes4 indexed selector, string name, uint256 arg0, uint256 arg1);
        error VaultErrorDecoderCallSucceeded();
    }
}

/// Deploys `tests/solidity/out/<name>.json` with ABI-encoded constructor arguments.
fn deploy_solidity(p: &mut Protocol, name: &str, args: &[u8]) -> Address {
    let mut init = flow_solidity(name).to_vec();
    init.extend_from_slice(args);
    p.chain
        .deploy_evm(ADMIN, init.into())
        .unwrap_or_else(|e| panic!("deploy {name}: {e:?}"))
}

/// A second TestAsset, the market's stable.
fn deploy_stable(p: &mut Protocol) -> Address {
    let args = (String::from("Stable USD"), String::from("USDS")).abi_encode_params();
    deploy_solidity(p, "TestAsset", &args)
}

fn token_balance(p: &mut Protocol, token: Address, account: Address) -> U256 {
    p.view(token, ITestAsset::balanceOfCall { account })
}

/// `from` pays `amount` of rewards into the vault (funded and approved first).
fn pay_rewards(p: &mut Protocol, from: Address, amount: U256) {
    let vault = p.vault;
    if p.kind != AssetKind::Native {
        p.fund_asset(from, amount);
        p.approve_asset(from, amount);
    }
    let value = p.value_for(amount);
    let receipt = p.send_value(
        from,
        vault,
        IRestakingVault::distributeRewardsCall { amount },
        value,
    );
    decode_ok::<IRestakingVault::distributeRewardsCall>(&receipt);
}

fn preview_deposit(p: &mut Protocol, assets: U256) -> U256 {
    let vault = p.vault;
    p.view(vault, IRestakingVault::previewDepositCall { assets })
}

/// What the zap holds: (asset, LRT, asset allowance to the vault).
fn zap_holdings(p: &mut Protocol, zap: Address) -> (U256, U256, U256) {
    let (asset, vault) = (p.asset, p.vault);
    let allowance = if p.kind == AssetKind::Native {
        U256::ZERO
    } else {
        p.view(
            asset,
            ITestAsset::allowanceCall {
                owner: zap,
                spender: vault,
            },
        )
    };
    (p.asset_balance(zap), p.shares(zap), allowance)
}

/// A vault whose rate is above 1 (Bob's 100 plus 9 vested rewards after the 10% fee), a zap
/// for it, and Alice holding `alice_assets` of the asset approved to the zap.
fn zap_setup(kind: AssetKind, alice_assets: U256) -> (Protocol, Address) {
    let mut p = Protocol::deploy(kind);
    let vault = p.vault;
    p.deposit(BOB, e18(100));
    pay_rewards(&mut p, CAROL, e18(10));
    let zap = deploy_solidity(&mut p, "Zap", &vault.abi_encode());
    assert_eq!(p.view(zap, IZap::vaultCall {}), vault);
    assert_eq!(p.view(zap, IZap::assetCall {}), p.asset);
    if kind != AssetKind::Native {
        let asset = p.asset;
        p.fund_asset(ALICE, alice_assets);
        assert!(p.ok(
            ALICE,
            asset,
            ITestAsset::approveCall {
                spender: zap,
                value: alice_assets,
            },
        ));
    }
    (p, zap)
}

/// The zap takes Alice's asset and deposits it for her: she gets exactly the quoted LRT, the
/// vault's `Deposit` names the zap as sender and Alice as owner, and the zap keeps nothing.
#[test]
fn zap_deposits_the_asset_for_the_user_and_keeps_nothing() {
    for kind in [AssetKind::Native, AssetKind::Erc20] {
        let (mut p, zap) = zap_setup(kind, e18(10));
        let vault = p.vault;
        p.chain.advance_time(VESTING);
        assert_eq!(p.total_assets(), e18(109), "{kind:?}: 100 + 9 vested");
        let assets = e18(10);
        let quote = preview_deposit(&mut p, assets);
        // shares = assets * (supply + 1) / (totalAssets + 1), rounded down.
        let supply = p.supply();
        assert_eq!(
            quote,
            assets * (supply + U256::from(1)) / (e18(109) + U256::from(1))
        );
        assert!(quote < assets, "{kind:?}: the rate is above 1");
        let alice_assets = p.asset_balance(ALICE);
        let vault_assets = p.asset_balance(vault);

        // The wrong value is refused by the zap itself.
        let wrong = match kind {
            AssetKind::Native => assets - U256::from(1),
            _ => U256::from(1),
        };
        let receipt = p.send_value(
            ALICE,
            zap,
            IZap::zapCall {
                assets,
                minShares: quote,
            },
            wrong,
        );
        let error = reverted::<IZap::ZapInvalidValue>(&receipt);
        assert_eq!(error.value, wrong);
        assert_eq!(p.shares(ALICE), U256::ZERO);
        assert_eq!(p.asset_balance(ALICE), alice_assets);

        let value = p.value_for(assets);
        let receipt = p.send_value(
            ALICE,
            zap,
            IZap::zapCall {
                assets,
                minShares: quote,
            },
            value,
        );
        assert_eq!(decode_ok::<IZap::zapCall>(&receipt), quote, "{kind:?}");
        let deposit = event::<IRestakingVault::Deposit>(&receipt, vault);
        assert_eq!(
            (
                deposit.sender,
                deposit.owner,
                deposit.assets,
                deposit.shares
            ),
            (zap, ALICE, assets, quote)
        );
        let zapped = event::<IZap::Zapped>(&receipt, zap);
        assert_eq!(
            (zapped.user, zapped.assets, zapped.shares),
            (ALICE, assets, quote)
        );
        assert_eq!(p.shares(ALICE), quote);
        assert_eq!(p.supply(), supply + quote);
        assert_eq!(p.asset_balance(ALICE), alice_assets - assets);
        assert_eq!(p.asset_balance(vault), vault_assets + assets);
        assert_eq!(p.total_assets(), e18(119));
        assert_eq!(
            zap_holdings(&mut p, zap),
            (U256::ZERO, U256::ZERO, U256::ZERO),
            "{kind:?}: the zap keeps no asset, no LRT, no allowance"
        );
    }
}

/// Alice quotes while rewards vest; by the time her zap runs the rate has risen, so the vault
/// mints fewer shares than her bound: the vault's `RestakingVaultSlippage` reaches her
/// unchanged through the zap and nothing moves. With a fresh quote the same zap goes through.
#[test]
fn zap_slippage_bound_reverts_with_the_vaults_typed_error() {
    for kind in [AssetKind::Native, AssetKind::Erc20] {
        let (mut p, zap) = zap_setup(kind, e18(10));
        let (vault, asset) = (p.vault, p.asset);
        let assets = e18(10);
        p.chain.advance_time(VESTING / 4);
        let quote = preview_deposit(&mut p, assets);
        p.chain.advance_time(VESTING / 4);
        let now = preview_deposit(&mut p, assets);
        assert!(now < quote, "{kind:?}: vesting raised the rate");

        let alice_assets = p.asset_balance(ALICE);
        let vault_assets = p.asset_balance(vault);
        let (supply, total) = (p.supply(), p.total_assets());
        let value = p.value_for(assets);
        let receipt = p.send_value(
            ALICE,
            zap,
            IZap::zapCall {
                assets,
                minShares: quote,
            },
            value,
        );
        let error = reverted::<IRestakingVault::RestakingVaultSlippage>(&receipt);
        assert_eq!((error.shares, error.minShares), (now, quote), "{kind:?}");
        assert_eq!(
            receipt.output,
            Bytes::from(
                IRestakingVault::RestakingVaultSlippage {
                    shares: now,
                    minShares: quote,
                }
                .abi_encode()
            ),
            "{kind:?}: the vault's revert data, byte for byte"
        );
        assert!(receipt.logs.is_empty());
        assert_eq!(p.shares(ALICE), U256::ZERO);
        assert_eq!(p.asset_balance(ALICE), alice_assets);
        assert_eq!(p.asset_balance(vault), vault_assets);
        assert_eq!((p.supply(), p.total_assets()), (supply, total));
        assert_eq!(
            zap_holdings(&mut p, zap),
            (U256::ZERO, U256::ZERO, U256::ZERO)
        );
        if kind != AssetKind::Native {
            let left = p.view(
                asset,
                ITestAsset::allowanceCall {
                    owner: ALICE,
                    spender: zap,
                },
            );
            assert_eq!(left, assets, "Alice's approval to the zap is untouched");
        }

        // Re-quoted, it goes through.
        let receipt = p.send_value(
            ALICE,
            zap,
            IZap::zapCall {
                assets,
                minShares: now,
            },
            value,
        );
        assert_eq!(decode_ok::<IZap::zapCall>(&receipt), now);
        assert_eq!(p.shares(ALICE), now);
        assert_eq!(
            zap_holdings(&mut p, zap),
            (U256::ZERO, U256::ZERO, U256::ZERO)
        );
    }
}

/// The service requests a slash of `amount` captured now; it is executed after the veto
/// window; returns what was slashed.
fn slash(p: &mut Protocol, amount: U256) -> U256 {
    let (manager, vault) = (p.manager, p.vault);
    p.chain.advance_time(10);
    let capture = p.chain.timestamp();
    let id = decode_ok::<ISlashingManager::requestSlashCall>(&p.request_slash(amount, capture));
    p.chain.advance_time(MAX_VETO);
    let receipt = p.send(CAROL, manager, ISlashingManager::executeSlashCall { id });
    let slashed = event::<IRestakingVault::Slashed>(&receipt, vault);
    assert_eq!(slashed.recipient, RECIPIENT);
    decode_ok::<ISlashingManager::executeSlashCall>(&receipt)
}

/// The asset's price in the stable: 2,000 stable per 1e18 of the asset.
const ASSET_PRICE: u128 = 2_000;
/// The market's liquidity.
const LIQUIDITY: u128 = 1_000_000;

/// A position's state in the market: (collateral, debt, user's stable, user's LRT).
fn position(p: &mut Protocol, market: Address, stable: Address, user: Address) -> [U256; 4] {
    [
        p.view(market, ILendingMarket::collateralOfCall { user }),
        p.view(market, ILendingMarket::debtOfCall { user }),
        token_balance(p, stable, user),
        p.shares(user),
    ]
}

/// Alice borrows the stable against her LRT up to 80% LTV (one wei more is refused); her
/// position cannot be liquidated while the rate holds; a 10% slash executed through the
/// slashing manager lowers the rate, her debt passes 85% of the collateral value, and Carol
/// liquidates: she repays the debt and takes the LRT.
#[test]
fn lending_market_borrows_at_ltv_and_liquidates_after_a_slash() {
    let mut p = Protocol::native();
    let (vault, lrt) = (p.vault, p.lrt);
    let stable = deploy_stable(&mut p);
    let args = (vault, stable, e18(ASSET_PRICE)).abi_encode_params();
    let market = deploy_solidity(&mut p, "LendingMarket", &args);
    assert_eq!(p.view(market, ILendingMarket::lrtCall {}), lrt);
    assert_eq!(
        p.view(market, ILendingMarket::LTV_BPSCall {}),
        U256::from(8_000)
    );
    assert_eq!(
        p.view(market, ILendingMarket::LIQUIDATION_THRESHOLD_BPSCall {}),
        U256::from(8_500)
    );
    p.ok(
        ADMIN,
        stable,
        ITestAsset::mintCall {
            to: market,
            value: e18(LIQUIDITY),
        },
    );
    p.deposit(BOB, e18(90));
    let collateral = p.deposit(ALICE, e18(10));
    assert_eq!(collateral, e18(10));
    p.register_for_slashing(RESOLVER, MAX_VETO, RECIPIENT, e18(10));

    // Collateral in.
    let zero = p.send(
        ALICE,
        market,
        ILendingMarket::depositCollateralCall { shares: U256::ZERO },
    );
    reverted::<ILendingMarket::LendingMarketZeroAmount>(&zero);
    assert!(p.ok(
        ALICE,
        lrt,
        ILrtToken::approveCall {
            spender: market,
            value: collateral,
        },
    ));
    let receipt = p.send(
        ALICE,
        market,
        ILendingMarket::depositCollateralCall { shares: collateral },
    );
    decode_ok::<ILendingMarket::depositCollateralCall>(&receipt);
    let deposited = event::<ILendingMarket::CollateralDeposited>(&receipt, market);
    assert_eq!((deposited.user, deposited.shares), (ALICE, collateral));
    let transfer = event::<ILrtToken::Transfer>(&receipt, lrt);
    assert_eq!(
        (transfer.from, transfer.to, transfer.value),
        (ALICE, market, collateral)
    );
    assert_eq!(p.shares(market), collateral);

    // At rate 1 both valuations agree exactly: 10 of the asset, 20,000 stable.
    let by_convert = p.view(market, ILendingMarket::collateralAssetsCall { user: ALICE });
    let by_rate = p.view(
        market,
        ILendingMarket::collateralAssetsByRateCall { user: ALICE },
    );
    assert_eq!((by_convert, by_rate), (e18(10), e18(10)));
    assert_eq!(
        p.view(market, ILendingMarket::collateralValueCall { user: ALICE }),
        e18(20_000)
    );

    // One wei over 80% is refused with the market's typed error, nothing lent.
    let before = position(&mut p, market, stable, ALICE);
    let over = p.send(
        ALICE,
        market,
        ILendingMarket::borrowCall {
            amount: e18(16_000) + U256::from(1),
        },
    );
    let error = reverted::<ILendingMarket::LendingMarketExceedsLtv>(&over);
    assert_eq!(
        (error.debt, error.maxDebt),
        (e18(16_000) + U256::from(1), e18(16_000))
    );
    assert_eq!(position(&mut p, market, stable, ALICE), before);
    assert_eq!(token_balance(&mut p, stable, market), e18(LIQUIDITY));

    // Exactly 80% is lent.
    let receipt = p.send(
        ALICE,
        market,
        ILendingMarket::borrowCall {
            amount: e18(16_000),
        },
    );
    decode_ok::<ILendingMarket::borrowCall>(&receipt);
    let borrowed = event::<ILendingMarket::Borrowed>(&receipt, market);
    assert_eq!(
        (borrowed.user, borrowed.amount, borrowed.debt),
        (ALICE, e18(16_000), e18(16_000))
    );
    assert_eq!(
        position(&mut p, market, stable, ALICE),
        [collateral, e18(16_000), e18(16_000), U256::ZERO]
    );
    assert_eq!(
        token_balance(&mut p, stable, market),
        e18(LIQUIDITY - 16_000)
    );
    let more = p.send(
        ALICE,
        market,
        ILendingMarket::borrowCall {
            amount: U256::from(1),
        },
    );
    let error = reverted::<ILendingMarket::LendingMarketExceedsLtv>(&more);
    assert_eq!(error.debt, e18(16_000) + U256::from(1));

    // Carol stands ready to liquidate; before the slash the position is healthy:
    // 16,000 <= 85% of 20,000.
    p.ok(
        ADMIN,
        stable,
        ITestAsset::mintCall {
            to: CAROL,
            value: e18(16_000),
        },
    );
    assert!(p.ok(
        CAROL,
        stable,
        ITestAsset::approveCall {
            spender: market,
            value: e18(16_000),
        },
    ));
    let alice_before = position(&mut p, market, stable, ALICE);
    let carol_before = position(&mut p, market, stable, CAROL);
    let early = p.send(CAROL, market, ILendingMarket::liquidateCall { user: ALICE });
    let error = reverted::<ILendingMarket::LendingMarketPositionHealthy>(&early);
    assert_eq!(
        (error.debt, error.liquidationLimit),
        (e18(16_000), e18(17_000))
    );
    assert_eq!(position(&mut p, market, stable, ALICE), alice_before);
    assert_eq!(position(&mut p, market, stable, CAROL), carol_before);
    assert_eq!(p.shares(market), collateral);

    // The service slashes 10 of the vault's 100 through the slashing manager.
    assert_eq!(slash(&mut p, e18(10)), e18(10));
    assert_eq!(p.chain.balance(RECIPIENT), e18(10));
    assert_eq!((p.total_assets(), p.supply()), (e18(90), e18(100)));
    let one = U256::from(1);
    let rate = p.rate();
    assert_eq!(rate, e18(1) * (e18(90) + one) / (e18(100) + one));

    // Both valuations follow the slash, and agree: `convertToAssets` rounds once,
    // `shares * getRate() / 1e18` twice, so it is lower by at most `shares / 1e18 + 1` wei.
    let converted = p.view(
        vault,
        IRestakingVault::convertToAssetsCall { shares: collateral },
    );
    assert_eq!(converted, collateral * (e18(90) + one) / (e18(100) + one));
    let by_convert = p.view(market, ILendingMarket::collateralAssetsCall { user: ALICE });
    let by_rate = p.view(
        market,
        ILendingMarket::collateralAssetsByRateCall { user: ALICE },
    );
    assert_eq!(by_convert, converted);
    assert_eq!(by_rate, collateral * rate / e18(1));
    assert!(by_rate <= by_convert && by_convert - by_rate <= collateral / e18(1) + one);
    let value = p.view(market, ILendingMarket::collateralValueCall { user: ALICE });
    assert_eq!(value, converted * e18(ASSET_PRICE) / e18(1));
    let limit = p.view(market, ILendingMarket::liquidationLimitCall { user: ALICE });
    assert_eq!(limit, value * U256::from(8_500) / U256::from(10_000));
    assert!(
        limit < e18(16_000),
        "the debt is now over 85% of the collateral"
    );
    // Still no more borrowing.
    let more = p.send(
        ALICE,
        market,
        ILendingMarket::borrowCall {
            amount: U256::from(1),
        },
    );
    reverted::<ILendingMarket::LendingMarketExceedsLtv>(&more);

    // Carol liquidates: repays the 16,000, takes the 10 LRT (now worth ~9 of the asset).
    let receipt = p.send(CAROL, market, ILendingMarket::liquidateCall { user: ALICE });
    decode_ok::<ILendingMarket::liquidateCall>(&receipt);
    let liquidated = event::<ILendingMarket::Liquidated>(&receipt, market);
    assert_eq!(
        (
            liquidated.user,
            liquidated.liquidator,
            liquidated.debt,
            liquidated.shares
        ),
        (ALICE, CAROL, e18(16_000), collateral)
    );
    let seized = event::<ILrtToken::Transfer>(&receipt, lrt);
    assert_eq!(
        (seized.from, seized.to, seized.value),
        (market, CAROL, collateral)
    );
    assert_eq!(
        position(&mut p, market, stable, ALICE),
        [U256::ZERO, U256::ZERO, e18(16_000), U256::ZERO],
        "Alice keeps the borrowed stable, loses the collateral"
    );
    assert_eq!(
        position(&mut p, market, stable, CAROL),
        [U256::ZERO, U256::ZERO, U256::ZERO, collateral]
    );
    assert_eq!(token_balance(&mut p, stable, market), e18(LIQUIDITY));
    assert_eq!(p.shares(market), U256::ZERO);
    assert_eq!(
        p.supply(),
        e18(100),
        "the LRT changed hands, none minted or burnt"
    );

    // The position is closed: nothing left to liquidate.
    let again = p.send(CAROL, market, ILendingMarket::liquidateCall { user: ALICE });
    let error = reverted::<ILendingMarket::LendingMarketPositionHealthy>(&again);
    assert_eq!(
        (error.debt, error.liquidationLimit),
        (U256::ZERO, U256::ZERO)
    );
}

/// What the decoder recorded: (selector, name, arg0, arg1, raw revert data).
fn decoded(p: &mut Protocol, decoder: Address) -> (FixedBytes<4>, String, U256, U256, Bytes) {
    (
        p.view(decoder, IVaultErrorDecoder::lastSelectorCall {}),
        p.view(decoder, IVaultErrorDecoder::lastNameCall {}),
        p.view(decoder, IVaultErrorDecoder::lastArg0Call {}),
        p.view(decoder, IVaultErrorDecoder::lastArg1Call {}),
        p.view(decoder, IVaultErrorDecoder::lastRevertDataCall {}),
    )
}

/// The `Decoded` event of `receipt`, as (selector, name, arg0, arg1).
fn decoded_event(
    receipt: &stylus_runtime::Receipt,
    decoder: Address,
) -> (FixedBytes<4>, String, U256, U256) {
    let e = event::<IVaultErrorDecoder::Decoded>(receipt, decoder);
    (e.selector, e.name, e.arg0, e.arg1)
}

/// A Solidity contract calls the vault with bad input inside try/catch and decodes the typed
/// error: the selector, and the arguments through `abi.decode`, match the errors declared in
/// `abi/RestakingVault.sol`; the vault changes nothing, and the ETH sent comes back.
#[test]
fn decoder_reads_the_vaults_typed_errors() {
    let mut p = Protocol::native();
    let vault = p.vault;
    let decoder = deploy_solidity(&mut p, "VaultErrorDecoder", &vault.abi_encode());
    p.deposit(BOB, e18(20));
    p.deposit(ALICE, e18(10));
    let state = |p: &mut Protocol| (p.total_assets(), p.supply(), p.chain.balance(vault));
    let before = state(&mut p);

    // deposit(0): RestakingVaultZeroAmount(), no arguments.
    let receipt = p.send(
        ALICE,
        decoder,
        IVaultErrorDecoder::tryDepositCall {
            assets: U256::ZERO,
            receiver: ALICE,
        },
    );
    let selector = FixedBytes::<4>::from(IRestakingVault::RestakingVaultZeroAmount::SELECTOR);
    assert_eq!(
        decode_ok::<IVaultErrorDecoder::tryDepositCall>(&receipt),
        selector
    );
    let name = String::from("RestakingVaultZeroAmount");
    assert_eq!(
        decoded_event(&receipt, decoder),
        (selector, name.clone(), U256::ZERO, U256::ZERO)
    );
    assert_eq!(
        decoded(&mut p, decoder),
        (
            selector,
            name,
            U256::ZERO,
            U256::ZERO,
            Bytes::from(selector.to_vec())
        )
    );
    assert_eq!(state(&mut p), before);

    // Below the minimum deposit: RestakingVaultBelowMinDeposit(assets, minDeposit).
    p.ok(
        ADMIN,
        vault,
        IRestakingVault::setMinDepositCall { minDeposit: e18(1) },
    );
    let half = e18(1) / U256::from(2);
    let alice_eth = p.chain.balance(ALICE);
    let receipt = p.send_value(
        ALICE,
        decoder,
        IVaultErrorDecoder::tryDepositCall {
            assets: half,
            receiver: ALICE,
        },
        half,
    );
    let selector = FixedBytes::<4>::from(IRestakingVault::RestakingVaultBelowMinDeposit::SELECTOR);
    assert_eq!(
        decode_ok::<IVaultErrorDecoder::tryDepositCall>(&receipt),
        selector
    );
    let name = String::from("RestakingVaultBelowMinDeposit");
    assert_eq!(
        decoded_event(&receipt, decoder),
        (selector, name.clone(), half, e18(1))
    );
    let expected = IRestakingVault::RestakingVaultBelowMinDeposit {
        assets: half,
        minDeposit: e18(1),
    };
    assert_eq!(
        decoded(&mut p, decoder),
        (selector, name, half, e18(1), expected.abi_encode().into())
    );
    assert_eq!(p.chain.balance(ALICE), alice_eth, "the ETH came back");
    assert_eq!(p.chain.balance(decoder), U256::ZERO);
    assert_eq!(p.shares(ALICE), e18(10));
    assert_eq!(state(&mut p), before);

    // Redeem more than claimable: RestakingVaultExceedsClaimable(requested, claimable).
    assert_eq!(p.request_redeem(ALICE, e18(4)), U256::from(1));
    p.goto_epoch(2, 0);
    let claimable =
        |p: &mut Protocol| p.view(vault, IRestakingVault::maxRedeemCall { controller: ALICE });
    assert_eq!(claimable(&mut p), e18(4));
    let redeem = IVaultErrorDecoder::tryRedeemCall {
        shares: e18(5),
        receiver: ALICE,
        controller: ALICE,
    };
    // Not yet Alice's operator: RestakingVaultInvalidCaller(caller, controller).
    let receipt = p.send(ALICE, decoder, redeem.clone());
    let selector = FixedBytes::<4>::from(IRestakingVault::RestakingVaultInvalidCaller::SELECTOR);
    assert_eq!(
        decode_ok::<IVaultErrorDecoder::tryRedeemCall>(&receipt),
        selector
    );
    let as_word = |a: Address| U256::from_be_slice(a.as_slice());
    assert_eq!(
        decoded_event(&receipt, decoder),
        (
            selector,
            String::from("RestakingVaultInvalidCaller"),
            as_word(decoder),
            as_word(ALICE)
        )
    );
    assert!(p.ok(
        ALICE,
        vault,
        IRestakingVault::setOperatorCall {
            operator: decoder,
            approved: true,
        },
    ));
    let alice_eth = p.chain.balance(ALICE);
    let receipt = p.send(ALICE, decoder, redeem);
    let selector = FixedBytes::<4>::from(IRestakingVault::RestakingVaultExceedsClaimable::SELECTOR);
    assert_eq!(
        decode_ok::<IVaultErrorDecoder::tryRedeemCall>(&receipt),
        selector
    );
    let name = String::from("RestakingVaultExceedsClaimable");
    assert_eq!(
        decoded_event(&receipt, decoder),
        (selector, name.clone(), e18(5), e18(4))
    );
    let expected = IRestakingVault::RestakingVaultExceedsClaimable {
        requested: e18(5),
        claimable: e18(4),
    };
    assert_eq!(
        decoded(&mut p, decoder),
        (
            selector,
            name.clone(),
            e18(5),
            e18(4),
            expected.abi_encode().into()
        )
    );
    assert_eq!(claimable(&mut p), e18(4));
    assert_eq!(p.chain.balance(ALICE), alice_eth);

    // A redeem the vault accepts is not what the decoder expects: it reverts the whole
    // transaction, so the payout is undone too and the last decoded error stays.
    let receipt = p.send(
        ALICE,
        decoder,
        IVaultErrorDecoder::tryRedeemCall {
            shares: e18(4),
            receiver: ALICE,
            controller: ALICE,
        },
    );
    reverted::<IVaultErrorDecoder::VaultErrorDecoderCallSucceeded>(&receipt);
    assert_eq!(claimable(&mut p), e18(4));
    assert_eq!(p.chain.balance(ALICE), alice_eth);
    assert_eq!(decoded(&mut p, decoder).1, name);
}

/// Issue 11 (Medium), scenario 2: a pending slash left a lender with bad debt. While a 30%
/// slash was pending, the market (priced by `convertToAssets`) lent 16,000 against collateral
/// that was worth 14,000 once the slash executed. Now the price views count the pending slash
/// as lost: the market lends at most 80% of the post-slash value, and after execution the
/// collateral is worth at least what the views said.
#[test]
fn a_pending_slash_cannot_leave_a_lender_with_bad_debt() {
    let mut p = Protocol::native();
    let (vault, lrt, manager) = (p.vault, p.lrt, p.manager);
    let stable = deploy_stable(&mut p);
    let args = (vault, stable, e18(ASSET_PRICE)).abi_encode_params();
    let market = deploy_solidity(&mut p, "LendingMarket", &args);
    p.ok(
        ADMIN,
        stable,
        ITestAsset::mintCall {
            to: market,
            value: e18(LIQUIDITY),
        },
    );
    p.deposit(BOB, e18(90));
    let collateral = p.deposit(ALICE, e18(10));
    p.register_for_slashing(RESOLVER, MAX_VETO, RECIPIENT, e18(30));
    assert!(p.ok(
        ALICE,
        lrt,
        ILrtToken::approveCall {
            spender: market,
            value: collateral,
        },
    ));
    p.ok(
        ALICE,
        market,
        ILendingMarket::depositCollateralCall { shares: collateral },
    );

    // A 30% slash is requested: public for its veto window.
    p.chain.advance_time(10);
    let capture = p.chain.timestamp();
    let id = decode_ok::<ISlashingManager::requestSlashCall>(&p.request_slash(e18(30), capture));
    let value = p.view(market, ILendingMarket::collateralValueCall { user: ALICE });
    assert!(value <= e18(14_000), "{value}");
    let over = p.send(
        ALICE,
        market,
        ILendingMarket::borrowCall {
            amount: e18(16_000),
        },
    );
    let error = reverted::<ILendingMarket::LendingMarketExceedsLtv>(&over);
    assert!(error.maxDebt <= e18(11_200), "{}", error.maxDebt);
    let max_debt = error.maxDebt;
    p.ok(
        ALICE,
        market,
        ILendingMarket::borrowCall { amount: max_debt },
    );

    p.chain.advance_time(MAX_VETO);
    p.ok(CAROL, manager, ISlashingManager::executeSlashCall { id });
    // Executed: the collateral is worth at least what the market lent against.
    let after = p.view(market, ILendingMarket::collateralValueCall { user: ALICE });
    assert!(after >= value, "{after} < {value}");
    let debt = p.view(market, ILendingMarket::debtOfCall { user: ALICE });
    assert!(debt * U256::from(10_000) <= after * U256::from(8_000));
    // Healthy: Carol cannot liquidate.
    let liquidate = p.send(CAROL, market, ILendingMarket::liquidateCall { user: ALICE });
    reverted::<ILendingMarket::LendingMarketPositionHealthy>(&liquidate);
}
