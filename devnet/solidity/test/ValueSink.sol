// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

/// Test contract: receives ETH, reports balances, sends ETH on, and can be told to refuse
/// ETH (to test callers that must handle a failed transfer, such as a refund).
contract ValueSink {
    /// Everything received through `receive` and `deposit`.
    uint256 public totalReceived;
    /// Whether plain transfers (`receive`) revert.
    bool public rejecting;

    /// `amount` wei arrived from `from`.
    event Received(address indexed from, uint256 amount);
    /// `amount` wei left for `to`.
    event Sent(address indexed to, uint256 amount);

    /// A plain transfer arrived while `rejecting`.
    error ValueSinkRejected(address from, uint256 amount);
    /// Sending failed.
    error ValueSinkSendFailed(address to, uint256 amount);

    /// Accepts ETH, unless `rejecting`.
    receive() external payable {
        if (rejecting) revert ValueSinkRejected(msg.sender, msg.value);
        _received();
    }

    /// Accepts ETH through a function call, even while `rejecting`.
    function deposit() external payable {
        _received();
    }

    /// Makes plain transfers revert (`true`) or succeed (`false`).
    function setRejecting(bool value) external {
        rejecting = value;
    }

    /// This contract's balance.
    function balance() external view returns (uint256) {
        return address(this).balance;
    }

    /// The balance of `account`.
    function balanceOf(address account) external view returns (uint256) {
        return account.balance;
    }

    /// Sends `amount` wei of this contract's balance to `to`.
    function send(address payable to, uint256 amount) external {
        (bool sent,) = to.call{value: amount}("");
        if (!sent) revert ValueSinkSendFailed(to, amount);
        emit Sent(to, amount);
    }

    function _received() private {
        totalReceived += msg.value;
        emit Received(msg.sender, msg.value);
    }
}
