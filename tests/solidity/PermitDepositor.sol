// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IRestakingVault} from "abi/RestakingVault.sol";

/// A relayer's one-call deposit for someone else: `owner` signs, off-chain, an EIP-2612 permit
/// of the vault's asset to this contract; anyone (a relayer paying the gas) submits it here,
/// and in one transaction this contract spends the permit, pulls the assets from `owner`,
/// approves exactly them to the vault and deposits them with `receiver = owner`.
///
/// Whoever submits, the LRT always goes to the signer, so a front-runner can only do what the
/// signer asked for. The contract keeps no asset, no LRT and no allowance between calls. A
/// refused permit (expired, replayed, signed for another spender, forged) reverts the whole
/// call with the token's own typed error (`ERC2612ExpiredSignature`, `ERC2612InvalidSigner`),
/// a vault refusal with the vault's.
contract PermitDepositor {
    IRestakingVault public immutable vault;
    IERC20 public immutable asset;

    event DepositedFor(address indexed owner, address indexed relayer, uint256 assets, uint256 shares);

    /// The asset's `transferFrom` or `approve` returned false.
    error PermitDepositorAssetCallFailed(address asset);

    constructor(IRestakingVault vault_) {
        vault = vault_;
        asset = IERC20(vault_.asset());
    }

    /// Spends `owner`'s permit for `assets` (to this contract, until `deadline`) and deposits
    /// them into the vault for `owner`; the shares minted to `owner`.
    function depositWithPermit(address owner, uint256 assets, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        returns (uint256 shares)
    {
        IERC20Permit(address(asset)).permit(owner, address(this), assets, deadline, v, r, s);
        if (!asset.transferFrom(owner, address(this), assets)) revert PermitDepositorAssetCallFailed(address(asset));
        if (!asset.approve(address(vault), assets)) revert PermitDepositorAssetCallFailed(address(asset));
        shares = vault.deposit(assets, owner);
        emit DepositedFor(owner, msg.sender, assets, shares);
    }
}
