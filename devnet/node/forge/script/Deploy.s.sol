// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

import {Counter} from "../src/Counter.sol";

/// The part of forge's cheatcode interface this script uses (forge-std's `Vm`).
interface Vm {
    function startBroadcast() external;
    function stopBroadcast() external;
    function envUint(string calldata name) external view returns (uint256);
}

/// Nine transactions, broadcast at once by forge: a plain deployment, seven increments and a
/// salted deployment through the deterministic CREATE2 deployer (salt from $SALT).
contract Deploy {
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function run() external {
        uint256 salt = VM.envUint("SALT");
        VM.startBroadcast();
        Counter counter = new Counter();
        for (uint256 i = 0; i < 7; ++i) {
            counter.increment();
        }
        new Counter{salt: bytes32(salt)}();
        VM.stopBroadcast();
    }
}
