// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.23;

import {TestAsset} from "./TestAsset.sol";

/// A malicious vault asset: once armed, its next transfer (a deposit's `transferFrom` or a
/// payout's `transfer`) first calls `target` with `data` — typically back into the vault — and
/// records how that call ended instead of failing, so a test can see whether the re-entry got
/// through.
contract ReentrantAsset is TestAsset {
    address public target;
    bytes public data;
    bool public armed;
    bool public reentered;
    bool public reentrySucceeded;
    bytes public reentryResult;

    constructor(string memory name_, string memory symbol_) TestAsset(name_, symbol_) {}

    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
        armed = true;
    }

    function _transfer(address from, address to, uint256 value) internal override {
        if (armed) {
            armed = false;
            reentered = true;
            (bool ok, bytes memory result) = target.call(data);
            reentrySucceeded = ok;
            reentryResult = result;
        }
        super._transfer(from, to, value);
    }
}
