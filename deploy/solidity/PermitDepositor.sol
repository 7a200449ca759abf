// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IRestakingVault} from "abi/RestakingVault.sol";

/// The periphery the deploy tool puts next to an ERC-20 vault whose asset has EIP-2612
/// (`vault.permit_depositor` in the deploy config): a deposit with one signature and one
/// transaction. `owner` signs, off-chain, a permit of the vault's asset to this contract;
/// `owner` (the restaking page) or anyone relaying for them submits it here, and in one
/// transaction this contract spends the permit, pulls the assets from `owner`, approves
/// exactly them to the vault and deposits them with `receiver = owner` and the caller's
/// minimum of shares (`depositWithMinShares`).
///
/// Whoever submits, the LRT always goes to the signer, so a front-runner can only do what the
/// signer asked for. The contract keeps no asset, no LRT and no allowance between calls. A
/// refused permit (expired, replayed, signed for another spender, forged) reverts the whole
/// call with the token's own typed error (`ERC2612ExpiredSignature`, `ERC2612InvalidSigner`),
/// a vault refusal with the vault's (`RestakingVaultSlippage` when fewer than `minShares`).
///
/// A permit is public once its transaction is in the mempool: anyone may spend it on the token
/// first, which makes this contract's `permit` call fail although the allowance is there. When
/// `owner` submits the call themselves, the deposit then goes on with that allowance (the
/// attack costs them nothing). A relayer's call is not given that leeway: a stranger's call
/// must not spend `owner`'s standing allowance with a minimum of shares the stranger chose.
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
    /// them into the vault for `owner`, refused with the vault's `RestakingVaultSlippage` when
    /// that mints fewer than `minShares`; the shares minted to `owner`.
    function depositWithPermit(
        address owner,
        uint256 assets,
        uint256 minShares,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 shares) {
        try IERC20Permit(address(asset)).permit(owner, address(this), assets, deadline, v, r, s) {}
        catch (bytes memory reason) {
            // Front-run (see above): only the owner's own call goes on with the allowance.
            if (msg.sender != owner || asset.allowance(owner, address(this)) < assets) {
                assembly ("memory-safe") {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
        if (!asset.transferFrom(owner, address(this), assets)) revert PermitDepositorAssetCallFailed(address(asset));
        if (!asset.approve(address(vault), assets)) revert PermitDepositorAssetCallFailed(address(asset));
        shares = vault.depositWithMinShares(assets, owner, minShares);
        emit DepositedFor(owner, msg.sender, assets, shares);
    }
}
