// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

/// Test contract: makes calls of each kind to a target and returns or bubbles what comes
/// back, so that a test can drive a Stylus program from the EVM (and back).
///
/// - `forward*` return the target's return data, or revert with its revert data unchanged;
/// - `tryCall` never reverts: it records the outcome in `lastSuccess` / `lastData`;
/// - `arm` sets up a re-entry: the next call that reaches this contract's fallback (for
///   example from the target, during a `forward`) makes the armed call once and returns its
///   result, so a program can be re-entered in the middle of its own call.
contract Caller {
    /// Whether the last recorded call succeeded.
    bool public lastSuccess;
    /// The return or revert data of the last recorded call.
    bytes public lastData;
    /// How many calls were recorded.
    uint256 public calls;

    address private armedTarget;
    bytes private armedData;

    /// A call was recorded (by `tryCall` or the fallback's re-entry).
    event CallRecorded(address indexed target, bool success, bytes data);

    /// Calls `target` with `data` and all of `msg.value`.
    function forward(address target, bytes calldata data) external payable returns (bytes memory) {
        (bool success, bytes memory returned) = target.call{value: msg.value}(data);
        return _returnOrBubble(success, returned);
    }

    /// Calls `target` with `data` and `value` taken from this contract's balance.
    function forwardValue(address target, uint256 value, bytes calldata data) external returns (bytes memory) {
        (bool success, bytes memory returned) = target.call{value: value}(data);
        return _returnOrBubble(success, returned);
    }

    /// Static-calls `target` with `data`.
    function forwardStatic(address target, bytes calldata data) external view returns (bytes memory) {
        (bool success, bytes memory returned) = target.staticcall(data);
        return _returnOrBubble(success, returned);
    }

    /// Delegate-calls `target` with `data`: its code runs on this contract's storage and
    /// balance, with this call's sender and value.
    function forwardDelegate(address target, bytes calldata data) external payable returns (bytes memory) {
        (bool success, bytes memory returned) = target.delegatecall(data);
        return _returnOrBubble(success, returned);
    }

    /// Calls `target` with `data`, `value` from this contract's balance and at most `gasLimit`
    /// gas (0: all available); records the outcome instead of reverting.
    function tryCall(address target, uint256 value, uint256 gasLimit, bytes calldata data)
        external
        payable
        returns (bool success, bytes memory returned)
    {
        uint256 gasToSend = gasLimit == 0 ? gasleft() : gasLimit;
        (success, returned) = target.call{value: value, gas: gasToSend}(data);
        _record(target, success, returned);
    }

    /// Arms a one-shot re-entry: the next call to the fallback calls `target` with `data`.
    function arm(address target, bytes calldata data) external {
        armedTarget = target;
        armedData = data;
    }

    /// Accepts ETH sent with no data.
    receive() external payable {}

    /// With a re-entry armed: disarms it, calls the armed target with the armed data (and the
    /// value received), records the outcome and returns the target's return data raw, or
    /// bubbles its revert data. Without one: accepts the call and returns nothing.
    fallback() external payable {
        address target = armedTarget;
        if (target == address(0)) return;
        bytes memory data = armedData;
        delete armedTarget;
        delete armedData;
        (bool success, bytes memory returned) = target.call{value: msg.value}(data);
        _record(target, success, returned);
        assembly ("memory-safe") {
            switch success
            case 0 { revert(add(returned, 0x20), mload(returned)) }
            default { return(add(returned, 0x20), mload(returned)) }
        }
    }

    function _record(address target, bool success, bytes memory returned) private {
        lastSuccess = success;
        lastData = returned;
        calls += 1;
        emit CallRecorded(target, success, returned);
    }

    function _returnOrBubble(bool success, bytes memory returned) private pure returns (bytes memory) {
        if (!success) {
            assembly ("memory-safe") {
                revert(add(returned, 0x20), mload(returned))
            }
        }
        return returned;
    }
}
