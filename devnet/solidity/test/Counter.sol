// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

/// Test contract: persistent storage. A counter, and raw slots any test can read and write.
contract Counter {
    /// The counter (storage slot 0).
    uint256 public count;

    /// The counter changed to `count`, by `by`.
    event CountChanged(address indexed by, uint256 count);

    /// Adds one; returns the new count.
    function increment() external returns (uint256) {
        return _set(count + 1);
    }

    /// Adds `amount` (checked: panics 0x11 on overflow); returns the new count.
    function add(uint256 amount) external returns (uint256) {
        return _set(count + amount);
    }

    /// Sets the counter.
    function setCount(uint256 value) external {
        _set(value);
    }

    /// Writes `value` to storage slot `slot` (slot 0 is the counter).
    function store(bytes32 slot, bytes32 value) external {
        assembly {
            sstore(slot, value)
        }
    }

    /// Reads storage slot `slot`.
    function load(bytes32 slot) external view returns (bytes32 value) {
        assembly {
            value := sload(slot)
        }
    }

    function _set(uint256 value) private returns (uint256) {
        count = value;
        emit CountChanged(msg.sender, value);
        return value;
    }
}
