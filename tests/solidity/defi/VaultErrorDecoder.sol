// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.23;

import {IRestakingVault} from "abi/RestakingVault.sol";

/// An integrator that expects the vault to refuse a call: it makes the call inside
/// try/catch, reads the custom error's selector from the revert data, decodes its arguments
/// with `abi.decode` against the errors declared in `abi/RestakingVault.sol`, and records what
/// it decoded (`last*`, and a `Decoded` event). A refusal it does not know, or a call that
/// unexpectedly succeeds, reverts the whole transaction.
contract VaultErrorDecoder {
    IRestakingVault public immutable vault;

    /// The selector of the last decoded error.
    bytes4 public lastSelector;
    /// Its name, as declared in `IRestakingVault`.
    string public lastName;
    /// Its arguments (0 where it has fewer).
    uint256 public lastArg0;
    uint256 public lastArg1;
    /// The raw revert data.
    bytes public lastRevertData;

    event Decoded(bytes4 indexed selector, string name, uint256 arg0, uint256 arg1);

    /// The vault accepted a call this contract expected it to refuse.
    error VaultErrorDecoderCallSucceeded();
    /// The vault refused with revert data this contract does not decode.
    error VaultErrorDecoderUnknownError(bytes revertData);
    /// Returning `msg.value` to the caller failed.
    error VaultErrorDecoderRefundFailed();

    constructor(IRestakingVault vault_) {
        vault = vault_;
    }

    /// Tries `deposit(assets, receiver)` with the ETH sent; decodes the refusal and returns
    /// the ETH to the caller.
    function tryDeposit(uint256 assets, address receiver) external payable returns (bytes4) {
        try vault.deposit{value: msg.value}(assets, receiver) returns (uint256) {
            revert VaultErrorDecoderCallSucceeded();
        } catch (bytes memory reason) {
            _decode(reason);
        }
        if (msg.value != 0) {
            (bool ok,) = msg.sender.call{value: msg.value}("");
            if (!ok) revert VaultErrorDecoderRefundFailed();
        }
        return lastSelector;
    }

    /// Tries `redeem(shares, receiver, controller)` (this contract must be the controller's
    /// ERC-7540 operator to get past the caller check); decodes the refusal.
    function tryRedeem(uint256 shares, address receiver, address controller) external returns (bytes4) {
        try vault.redeem(shares, receiver, controller) returns (uint256) {
            revert VaultErrorDecoderCallSucceeded();
        } catch (bytes memory reason) {
            _decode(reason);
        }
        return lastSelector;
    }

    function _decode(bytes memory reason) internal {
        if (reason.length < 4) revert VaultErrorDecoderUnknownError(reason);
        bytes4 selector = bytes4(reason);
        bytes memory args = _arguments(reason);
        string memory name;
        uint256 arg0;
        uint256 arg1;
        if (selector == IRestakingVault.RestakingVaultZeroAmount.selector && args.length == 0) {
            name = "RestakingVaultZeroAmount";
        } else if (selector == IRestakingVault.RestakingVaultBelowMinDeposit.selector) {
            (arg0, arg1) = abi.decode(args, (uint256, uint256));
            name = "RestakingVaultBelowMinDeposit";
        } else if (selector == IRestakingVault.RestakingVaultExceedsClaimable.selector) {
            (arg0, arg1) = abi.decode(args, (uint256, uint256));
            name = "RestakingVaultExceedsClaimable";
        } else if (selector == IRestakingVault.RestakingVaultInvalidCaller.selector) {
            (address caller, address controller) = abi.decode(args, (address, address));
            (arg0, arg1) = (uint256(uint160(caller)), uint256(uint160(controller)));
            name = "RestakingVaultInvalidCaller";
        } else {
            revert VaultErrorDecoderUnknownError(reason);
        }
        lastSelector = selector;
        lastName = name;
        lastArg0 = arg0;
        lastArg1 = arg1;
        lastRevertData = reason;
        emit Decoded(selector, name, arg0, arg1);
    }

    /// A copy of `reason` without its 4-byte selector.
    function _arguments(bytes memory reason) internal pure returns (bytes memory args) {
        args = new bytes(reason.length - 4);
        for (uint256 i = 0; i < args.length; ++i) {
            args[i] = reason[i + 4];
        }
    }
}
