// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

/// The proxy of the UUPS option, measured against the transparent proxies the deployments use
/// (docs/upgrades.md) and never deployed by the deploy tool: OpenZeppelin's ERC1967Proxy,
/// unchanged, in front of a program built with its `uups` feature (restaking_common::uups),
/// which holds the upgrade function itself.
contract UupsProxy is ERC1967Proxy {
    constructor(address implementation, bytes memory data) payable ERC1967Proxy(implementation, data) {}
}
