// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// Owner of every upgrade (each proxy's ProxyAdmin) and of every admin role of an upgradeable
/// deployment: OpenZeppelin's TimelockController, unchanged. Proposers schedule, executors
/// execute once `minDelay` has passed; `admin` (zero: none) may change the roles outside the
/// delay, so a deployment passes zero.
contract RestakingTimelock is TimelockController {
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {}
}
