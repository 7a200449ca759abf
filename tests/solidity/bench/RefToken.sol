// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// The gas benchmark's reference ERC-20 (`cargo run -p flow-tests --example gas`):
/// OpenZeppelin's ERC20 + ERC20Permit (EIP-2612, EIP-712 domain version "1"), unchanged, with
/// an owner-only `mint` to set balances up. Also the asset of both benchmarked vaults.
contract RefToken is ERC20, ERC20Permit, Ownable {
    constructor(string memory name_, string memory symbol_, address owner_)
        ERC20(name_, symbol_)
        ERC20Permit(name_)
        Ownable(owner_)
    {}

    function mint(address to, uint256 value) external onlyOwner {
        _mint(to, value);
    }
}
