// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

/// Test contract: transient storage (EIP-1153, Cancun), which lasts one transaction.
contract Transient {
    /// Adds one to transient slot 0 and returns the new value: 1 on the first call of each
    /// transaction.
    function bump() external returns (uint256 value) {
        assembly {
            value := add(tload(0), 1)
            tstore(0, value)
        }
    }

    /// Reads transient slot 0 (0 outside a transaction that bumped it).
    function peek() external view returns (uint256 value) {
        assembly {
            value := tload(0)
        }
    }
}
