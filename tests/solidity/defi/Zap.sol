// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.23;

import {IRestakingVault} from "abi/RestakingVault.sol";
import {IERC20} from "./IERC20.sol";

/// A one-call entry into a restaking vault: takes the vault's asset from the caller (ERC-20
/// `transferFrom` after the caller's approval, or the native ETH sent with the call) and
/// deposits it for the caller through `depositWithMinShares`, so the caller states the least
/// LRT it accepts. The LRT goes straight to the caller (`receiver = msg.sender`); the zap keeps
/// no asset, no LRT and no allowance between calls. A vault refusal (slippage, pause, cap, ...)
/// reverts the whole call with the vault's own typed error.
contract Zap {
    /// ERC-7535's marker for native ETH, what a native vault's `asset()` returns.
    address public constant NATIVE = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

    IRestakingVault public immutable vault;
    address public immutable asset;

    event Zapped(address indexed user, uint256 assets, uint256 shares);

    /// `msg.value` is not what the vault's asset needs (`assets` for ETH, 0 for an ERC-20).
    error ZapInvalidValue(uint256 value, uint256 expected);
    /// The asset's `transferFrom` or `approve` returned false.
    error ZapAssetCallFailed(address asset);

    constructor(IRestakingVault vault_) {
        vault = vault_;
        asset = vault_.asset();
    }

    /// Deposits `assets` for the caller; reverts unless at least `minShares` LRT are minted.
    function zap(uint256 assets, uint256 minShares) external payable returns (uint256 shares) {
        if (asset == NATIVE) {
            if (msg.value != assets) revert ZapInvalidValue(msg.value, assets);
            shares = vault.depositWithMinShares{value: assets}(assets, msg.sender, minShares);
        } else {
            if (msg.value != 0) revert ZapInvalidValue(msg.value, 0);
            IERC20 token = IERC20(asset);
            if (!token.transferFrom(msg.sender, address(this), assets)) revert ZapAssetCallFailed(asset);
            // Exactly what this deposit spends: no standing allowance is left to the vault.
            if (!token.approve(address(vault), assets)) revert ZapAssetCallFailed(asset);
            shares = vault.depositWithMinShares(assets, msg.sender, minShares);
        }
        emit Zapped(msg.sender, assets, shares);
    }
}
