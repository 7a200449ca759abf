// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

/// Test contract: logs. Emits logs with zero to four topics and any data, and a typed event.
contract Emitter {
    /// A typed event: one indexed address, one indexed word, unindexed data.
    event Emitted(address indexed sender, bytes32 indexed tag, uint256 value, bytes data);

    /// Emits `Emitted(msg.sender, tag, value, data)`.
    function emitTyped(bytes32 tag, uint256 value, bytes calldata data) external {
        emit Emitted(msg.sender, tag, value, data);
    }

    /// Emits one raw log with the given topics (at most four: LOG0 to LOG4) and data.
    function emitRaw(bytes32[] calldata topics, bytes calldata data) external {
        require(topics.length <= 4, "Emitter: at most four topics");
        bytes memory copy = data;
        uint256 count = topics.length;
        bytes32 t0 = count > 0 ? topics[0] : bytes32(0);
        bytes32 t1 = count > 1 ? topics[1] : bytes32(0);
        bytes32 t2 = count > 2 ? topics[2] : bytes32(0);
        bytes32 t3 = count > 3 ? topics[3] : bytes32(0);
        assembly ("memory-safe") {
            let ptr := add(copy, 0x20)
            let len := mload(copy)
            switch count
            case 0 { log0(ptr, len) }
            case 1 { log1(ptr, len, t0) }
            case 2 { log2(ptr, len, t0, t1) }
            case 3 { log3(ptr, len, t0, t1, t2) }
            default { log4(ptr, len, t0, t1, t2, t3) }
        }
    }

    /// Emits `Emitted` and then reverts: the log must not survive.
    function emitThenRevert(bytes32 tag) external {
        emit Emitted(msg.sender, tag, 0, "");
        revert("Emitter: reverted after emitting");
    }
}
