// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

// A re-implementation, written for this project, of Offchain Labs' StylusDeployer: the
// contract that `cargo stylus deploy` and stylus-tools 0.10 call at
// 0xcEcba2F1DC234f70Dd89F2041029807F8D03A990 to deploy a Stylus program, activate it and call
// its constructor in one transaction. The devnet places this contract's runtime code at that
// address at genesis.
//
// It follows, for the external interface and the observable behaviour:
// - the `StylusDeployer` interface of stylus-tools (OffchainLabs/stylus-sdk-rs,
//   `stylus-tools/src/core/deployment/deployer.rs`): `deploy(bytes,bytes,uint256,bytes32)`
//   and the `ContractDeployed(address)` event, from whose data the tool reads the address;
// - the reference contract (OffchainLabs/nitro-contracts, `src/stylus/StylusDeployer.sol`,
//   the version with `initSalt(bytes32,bytes)` and
//   `ContractInitializationError(address,bytes)`), whose compiled code stylus-tools' own
//   devnet deploys (`stylus-tools/src/devnet/bytecode.rs`): every selector of that code
//   (0xa9a8e4e9 deploy, 0x9f40b385 initSalt, 0x835d1d4c requiresActivation) and of its
//   errors and event is the same here;
// - ArbWasm as Nitro implements it (OffchainLabs/nitro, `precompiles/ArbWasm.go`):
//   `activateProgram` takes the data fee out of the value sent and pays the rest back to its
//   caller (this contract) within the call; `codehashVersion` reverts for a code hash that is
//   not activated at the current Stylus version.
//
// Behaviour, step by step (the order decides which error a doubly-wrong call gets, so it is
// the reference's order):
// 1. salt: zero means CREATE; otherwise CREATE2 with `initSalt(salt, initData)` =
//    keccak256(abi.encodePacked(salt, initData)), so a CREATE2 address also commits to the
//    constructor call made on it (not to `initValue`);
// 2. create the contract from `bytecode` (its EVM init code: for a Stylus program, the
//    prelude that returns `EF F0 00 ..` code). Empty `bytecode`: `EmptyBytecode()`. A
//    failed creation bubbles the init code's revert data, or without any reverts with
//    `ContractDeploymentError(bytecode)`;
// 3. if `requiresActivation(newContract)` (the code hash's ArbWasm version, 0 when ArbWasm
//    reverts, differs from `ArbWasm.stylusVersion()`), call
//    `ArbWasm.activateProgram{value: msg.value - initValue}(newContract)` (checked
//    subtraction: a panic 0x11 if `msg.value < initValue`); ArbWasm's errors bubble up;
// 4. if `initData` is not empty, call the new contract with it and `initValue`; a failure
//    reverts with `ContractInitializationError(newContract, revertData)`. With empty
//    `initData`, a non-zero `initValue` reverts with `InitValueButNotInitData()`;
// 5. refund `msg.value - dataFee - initValue` to `msg.sender` if not zero (a failed refund:
//    `RefundExcessValueError(amount)`), so the caller must accept ETH;
// 6. emit `ContractDeployed(newContract)` (not indexed) and return the address.
//
// EVM (non-Stylus) init code can be deployed only if its code needs no activation; on
// Arbitrum, activating EVM code fails, so such a deployment reverts in step 3.

/// The part of the ArbWasm precompile (address 0x71) the deployer uses.
interface IArbWasm {
    /// Activates the program at `program` (compiles its wasm), paying the data fee out of
    /// the value sent and returning the rest to the caller.
    function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);

    /// The current Stylus version.
    function stylusVersion() external view returns (uint16 version);

    /// The Stylus version a code hash was activated at; reverts if it is not active.
    function codehashVersion(bytes32 codehash) external view returns (uint16 version);
}

/// Deploys, activates and initialises Stylus programs in one call.
contract StylusDeployer {
    IArbWasm private constant ARB_WASM = IArbWasm(address(0x71));

    /// A program was deployed (and activated and initialised, as requested) at `deployedContract`.
    event ContractDeployed(address deployedContract);

    /// CREATE or CREATE2 returned no address and no revert data.
    error ContractDeploymentError(bytes bytecode);
    /// The call to the new contract with the init data failed with `data`.
    error ContractInitializationError(address newContract, bytes data);
    /// Sending the excess value back to the caller failed.
    error RefundExcessValueError(uint256 excessValue);
    /// `bytecode` is empty.
    error EmptyBytecode();
    /// `initValue` is not zero but there is no init data to send it with.
    error InitValueButNotInitData();

    /// Deploys `bytecode` (EVM init code), activates the new program if it needs it, calls it
    /// with `initData` and `initValue` if `initData` is not empty, and refunds what is left
    /// of `msg.value`. `msg.value` must cover the activation data fee plus `initValue`.
    /// A zero `salt` deploys with CREATE, any other with CREATE2 and `initSalt(salt, initData)`.
    function deploy(bytes calldata bytecode, bytes calldata initData, uint256 initValue, bytes32 salt)
        public
        payable
        returns (address)
    {
        bytes32 create2Salt = salt == bytes32(0) ? bytes32(0) : initSalt(salt, initData);
        address program = _create(bytecode, create2Salt);

        uint256 dataFee = 0;
        if (requiresActivation(program)) {
            uint256 activationValue = msg.value - initValue;
            (, dataFee) = ARB_WASM.activateProgram{value: activationValue}(program);
        }

        if (initData.length != 0) {
            (bool initialised, bytes memory revertData) = program.call{value: initValue}(initData);
            if (!initialised) revert ContractInitializationError(program, revertData);
        } else if (initValue != 0) {
            revert InitValueButNotInitData();
        }

        uint256 excess = msg.value - dataFee - initValue;
        if (excess != 0) {
            (bool refunded,) = msg.sender.call{value: excess}("");
            if (!refunded) revert RefundExcessValueError(excess);
        }

        emit ContractDeployed(program);
        return program;
    }

    /// The CREATE2 salt `deploy` uses for a non-zero `salt`: keccak256(salt ‖ initData).
    function initSalt(bytes32 salt, bytes calldata initData) public pure returns (bytes32) {
        return keccak256(bytes.concat(salt, initData));
    }

    /// Whether the code at `addr` must be activated before it can run: its code hash is not
    /// active at the current Stylus version (Stylus versions start at 1, so 0 stands for "not
    /// active").
    function requiresActivation(address addr) public view returns (bool) {
        uint16 activeVersion = 0;
        try ARB_WASM.codehashVersion(addr.codehash) returns (uint16 version) {
            activeVersion = version;
        } catch {}
        return activeVersion != ARB_WASM.stylusVersion();
    }

    /// CREATE (zero `salt`) or CREATE2 of `initCode` with no value; bubbles the init code's
    /// revert data.
    function _create(bytes calldata initCode, bytes32 salt) private returns (address created) {
        if (initCode.length == 0) revert EmptyBytecode();
        bytes memory code = initCode;
        assembly ("memory-safe") {
            switch salt
            case 0 { created := create(0, add(code, 0x20), mload(code)) }
            default { created := create2(0, add(code, 0x20), mload(code), salt) }
            if and(iszero(created), gt(returndatasize(), 0)) {
                let ptr := mload(0x40)
                returndatacopy(ptr, 0, returndatasize())
                revert(ptr, returndatasize())
            }
        }
        if (created == address(0)) revert ContractDeploymentError(initCode);
    }
}
