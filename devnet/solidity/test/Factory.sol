// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

/// Test contract: CREATE and CREATE2 of any init code, with value; bubbles the init code's
/// revert data.
contract Factory {
    /// `created` was deployed, by CREATE2 with `salt` or by CREATE (`salt` zero).
    event Created(address indexed created, bytes32 salt);

    /// The creation failed without revert data (for example: out of gas, a collision, code
    /// over the size limit).
    error FactoryCreateFailed();

    /// CREATE of `initCode` with `msg.value`.
    function create(bytes calldata initCode) external payable returns (address created) {
        bytes memory code = initCode;
        assembly ("memory-safe") {
            created := create(callvalue(), add(code, 0x20), mload(code))
        }
        _check(created, bytes32(0));
    }

    /// CREATE2 of `initCode` with `msg.value` and `salt`.
    function create2(bytes calldata initCode, bytes32 salt) external payable returns (address created) {
        bytes memory code = initCode;
        assembly ("memory-safe") {
            created := create2(callvalue(), add(code, 0x20), mload(code), salt)
        }
        _check(created, salt);
    }

    /// The address CREATE2 from this contract gives for `salt` and init code hash `initCodeHash`.
    function create2Address(bytes32 salt, bytes32 initCodeHash) external view returns (address) {
        bytes32 hash = keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, initCodeHash));
        return address(uint160(uint256(hash)));
    }

    function _check(address created, bytes32 salt) private {
        if (created == address(0)) {
            assembly ("memory-safe") {
                if returndatasize() {
                    let ptr := mload(0x40)
                    returndatacopy(ptr, 0, returndatasize())
                    revert(ptr, returndatasize())
                }
            }
            revert FactoryCreateFailed();
        }
        emit Created(created, salt);
    }
}
