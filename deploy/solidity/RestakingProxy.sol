// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

import {TransparentUpgradeableProxy} from "@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol";

/// The proxy each program of an upgradeable deployment runs behind: OpenZeppelin's
/// TransparentUpgradeableProxy (ERC-1967 slots), unchanged. Its constructor creates the
/// ProxyAdmin owned by `initialOwner` (the deployment's TimelockController), points at
/// `logic` (the Stylus program) and delegatecalls it with `data`, the program's
/// `stylus_constructor(...)` calldata, which initializes the proxy's storage once.
contract RestakingProxy is TransparentUpgradeableProxy {
    constructor(address logic, address initialOwner, bytes memory data)
        payable
        TransparentUpgradeableProxy(logic, initialOwner, data)
    {}
}
