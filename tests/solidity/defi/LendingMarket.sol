// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.23;

import {IRestakingVault} from "abi/RestakingVault.sol";
import {ILrtToken} from "abi/LrtToken.sol";
import {IERC20} from "./IERC20.sol";

/// A minimal lending market: the LRT of one restaking vault is the collateral, an ERC-20
/// stable (held by the market as liquidity) is borrowed against it.
///
/// Pricing. Collateral of `s` LRT is worth `vault.convertToAssets(s)` of the vault's asset,
/// times `assetPrice` (stable per 1e18 of the asset: a fixed oracle stand-in). We use
/// `convertToAssets` rather than `getRate()` because it values the exact position with the
/// vault's own single rounding (down), where `s * getRate() / 1e18` rounds twice (the rate per
/// 1e18 LRT, then the product) and can be lower by up to `s / 1e18 + 1` wei; both come from the
/// vault's internal accounting (`totalAssets` never reads the vault's balance), so a donation
/// cannot move either, and both fall with a slash at once. `collateralAssetsByRate` exposes the
/// `getRate()` valuation so the two can be compared.
///
/// Risk. A position may borrow up to `LTV_BPS` of its collateral value; it can be liquidated
/// once its debt exceeds `LIQUIDATION_THRESHOLD_BPS` of it. A liquidator repays the whole
/// debt and takes the whole collateral.
contract LendingMarket {
    uint256 public constant BPS = 10_000;
    uint256 public constant LTV_BPS = 8_000;
    uint256 public constant LIQUIDATION_THRESHOLD_BPS = 8_500;

    IRestakingVault public immutable vault;
    ILrtToken public immutable lrt;
    IERC20 public immutable stable;
    /// Stable per 1e18 of the vault's asset.
    uint256 public immutable assetPrice;

    /// LRT deposited as collateral, per user.
    mapping(address => uint256) public collateralOf;
    /// Stable borrowed, per user.
    mapping(address => uint256) public debtOf;

    event CollateralDeposited(address indexed user, uint256 shares);
    event Borrowed(address indexed user, uint256 amount, uint256 debt);
    event Liquidated(address indexed user, address indexed liquidator, uint256 debt, uint256 shares);

    error LendingMarketZeroAmount();
    /// The debt after the borrow would exceed `LTV_BPS` of the collateral value.
    error LendingMarketExceedsLtv(uint256 debt, uint256 maxDebt);
    /// The position's debt is within `LIQUIDATION_THRESHOLD_BPS` of its collateral value.
    error LendingMarketPositionHealthy(uint256 debt, uint256 liquidationLimit);
    error LendingMarketTransferFailed(address token);

    constructor(IRestakingVault vault_, IERC20 stable_, uint256 assetPrice_) {
        vault = vault_;
        lrt = ILrtToken(vault_.share());
        stable = stable_;
        assetPrice = assetPrice_;
    }

    /// Moves `shares` LRT from the caller into the market as its collateral.
    function depositCollateral(uint256 shares) external {
        if (shares == 0) revert LendingMarketZeroAmount();
        if (!lrt.transferFrom(msg.sender, address(this), shares)) revert LendingMarketTransferFailed(address(lrt));
        collateralOf[msg.sender] += shares;
        emit CollateralDeposited(msg.sender, shares);
    }

    /// Lends `amount` stable to the caller if its debt stays within the LTV.
    function borrow(uint256 amount) external {
        if (amount == 0) revert LendingMarketZeroAmount();
        uint256 debt = debtOf[msg.sender] + amount;
        uint256 maxDebt = collateralValue(msg.sender) * LTV_BPS / BPS;
        if (debt > maxDebt) revert LendingMarketExceedsLtv(debt, maxDebt);
        debtOf[msg.sender] = debt;
        if (!stable.transfer(msg.sender, amount)) revert LendingMarketTransferFailed(address(stable));
        emit Borrowed(msg.sender, amount, debt);
    }

    /// The caller repays `user`'s whole debt and takes `user`'s whole collateral, once the debt
    /// is over the liquidation threshold.
    function liquidate(address user) external {
        uint256 debt = debtOf[user];
        uint256 limit = liquidationLimit(user);
        if (debt <= limit) revert LendingMarketPositionHealthy(debt, limit);
        uint256 shares = collateralOf[user];
        debtOf[user] = 0;
        collateralOf[user] = 0;
        if (!stable.transferFrom(msg.sender, address(this), debt)) revert LendingMarketTransferFailed(address(stable));
        if (!lrt.transfer(msg.sender, shares)) revert LendingMarketTransferFailed(address(lrt));
        emit Liquidated(user, msg.sender, debt, shares);
    }

    /// The vault's asset `user`'s collateral is worth: `vault.convertToAssets(collateral)`.
    function collateralAssets(address user) public view returns (uint256) {
        return vault.convertToAssets(collateralOf[user]);
    }

    /// The same through `getRate()` (assets per 1e18 LRT): at most `collateralAssets`, lower by
    /// at most `collateral / 1e18 + 1` wei.
    function collateralAssetsByRate(address user) external view returns (uint256) {
        return collateralOf[user] * vault.getRate() / 1e18;
    }

    /// `user`'s collateral in stable.
    function collateralValue(address user) public view returns (uint256) {
        return collateralAssets(user) * assetPrice / 1e18;
    }

    /// The debt above which `user` can be liquidated.
    function liquidationLimit(address user) public view returns (uint256) {
        return collateralValue(user) * LIQUIDATION_THRESHOLD_BPS / BPS;
    }
}
