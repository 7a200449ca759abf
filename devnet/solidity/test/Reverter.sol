// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

/// Test contract: fails (or succeeds) in each way a call can, so that a test can check how
/// failures cross between the EVM and Stylus programs.
contract Reverter {
    /// The custom error `revertCustom` raises.
    error ReverterCustom(uint256 code, address account, string reason);

    /// Reverts with `ReverterCustom(code, msg.sender, reason)`.
    function revertCustom(uint256 code, string calldata reason) external view {
        revert ReverterCustom(code, msg.sender, reason);
    }

    /// Reverts with `Error(reason)`, as `require(false, reason)` does.
    function revertString(string calldata reason) external pure {
        revert(reason);
    }

    /// Reverts with no data.
    function revertEmpty() external pure {
        revert();
    }

    /// Reverts with exactly `data` (any bytes, not ABI-encoded).
    function revertRaw(bytes calldata data) external pure {
        bytes memory copy = data;
        assembly ("memory-safe") {
            revert(add(copy, 0x20), mload(copy))
        }
    }

    /// Panics: 0x01 (assert) if `code` is 1, 0x11 (overflow) if 0x11, 0x12 (division by zero)
    /// if 0x12, 0x32 (index out of bounds) otherwise.
    function panic(uint256 code) external pure returns (uint256) {
        if (code == 0x01) assert(false);
        if (code == 0x11) return type(uint256).max + code;
        if (code == 0x12) return code / (code - 0x12);
        uint256[] memory empty = new uint256[](0);
        return empty[code];
    }

    /// Fails with the INVALID opcode, which consumes all the gas given to the call.
    function invalidOpcode() external pure {
        assembly {
            invalid()
        }
    }

    /// Returns `data` ABI-encoded as `bytes`.
    function echo(bytes calldata data) external pure returns (bytes memory) {
        return data;
    }

    /// Returns exactly `data` (any bytes, not ABI-encoded).
    function returnRaw(bytes calldata data) external pure {
        bytes memory copy = data;
        assembly ("memory-safe") {
            return(add(copy, 0x20), mload(copy))
        }
    }
}
