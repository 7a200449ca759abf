// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

// The generated interface of the LRT (`cargo xtask abi`); imports are relative to the
// workspace root.
import {ILrtToken} from "abi/LrtToken.sol";

/// Test contract: a Solidity contract using the LRT (a Stylus program) only through its
/// generated interface. High-level calls bubble the token's revert data unchanged, so the
/// token's typed errors (`ERC20InsufficientBalance`, `ERC2612InvalidSigner`, ...) reach the
/// caller as the token raised them.
contract TokenUser {
    /// `tryTransfer` caught a failed transfer; `selector` is the first four bytes of the
    /// token's revert data (zero if it had fewer).
    event TransferFailed(address indexed token, address indexed to, uint256 value, bytes4 selector);

    /// Transfers `value` of this contract's tokens to `to`; bubbles the token's errors.
    function transferTo(ILrtToken token, address to, uint256 value) external returns (bool) {
        return token.transfer(to, value);
    }

    /// Uses `owner`'s EIP-2612 signature to approve this contract for `value`, then moves
    /// `value` from `owner` to `to`; bubbles the token's errors (an invalid signature fails
    /// in `permit`, a short balance in `transferFrom`).
    function permitAndPull(
        ILrtToken token,
        address owner,
        address to,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (bool) {
        token.permit(owner, address(this), value, deadline, v, r, s);
        return token.transferFrom(owner, to, value);
    }

    /// Like `transferTo`, but catches a failure and reports the token's error selector.
    function tryTransfer(ILrtToken token, address to, uint256 value) external returns (bool ok, bytes4 selector) {
        try token.transfer(to, value) returns (bool transferred) {
            return (transferred, bytes4(0));
        } catch (bytes memory reason) {
            if (reason.length >= 4) selector = bytes4(reason);
            emit TransferFailed(address(token), to, value, selector);
            return (false, selector);
        }
    }

    /// Reverts with the token's own typed error `ERC20InsufficientBalance(account, balance,
    /// needed)` if `account` holds less than `needed`: a typed error of the interface raised
    /// from Solidity, for comparing encodings.
    function requireBalance(ILrtToken token, address account, uint256 needed) external view {
        uint256 balance = token.balanceOf(account);
        if (balance < needed) revert ILrtToken.ERC20InsufficientBalance(account, balance, needed);
    }
}
