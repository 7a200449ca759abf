// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// The demo's staking token, the asset of its ERC-20 vault (`restaking-deploy demo`): a
/// stand-in for a liquid staking token, with EIP-2612 permits. OpenZeppelin's ERC20 +
/// ERC20Permit (EIP-712 domain version "1"), unchanged, plus a faucet: anyone may mint up to
/// `FAUCET_LIMIT` per call, so that whoever tries the demo from a wallet can get some. Test
/// networks only: it is worth nothing.
contract DemoStakingToken is ERC20, ERC20Permit {
    /// The most one `mint` call gives.
    uint256 public constant FAUCET_LIMIT = 1_000e18;

    /// `value` is above `FAUCET_LIMIT`.
    error DemoStakingTokenAboveFaucetLimit(uint256 value, uint256 limit);

    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) ERC20Permit(name_) {}

    /// Mints `value` (at most `FAUCET_LIMIT`) to `to`.
    function mint(address to, uint256 value) external {
        if (value > FAUCET_LIMIT) revert DemoStakingTokenAboveFaucetLimit(value, FAUCET_LIMIT);
        _mint(to, value);
    }
}
