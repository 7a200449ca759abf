//! Shared by the runtime's integration tests: the probe program (tests/programs/probe.wat),
//! deployment helpers, and the accounts the tests use.

#![allow(
    dead_code,
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used
)]

use revm::primitives::{Address, B256, Bytes, U256, address};
use stylus_runtime::{Chain, Receipt, Status, Tx, deploy::solidity_artifact};

/// The account that deploys and sends everything.
pub(crate) const ALICE: Address = address!("00000000000000000000000000000000000a11ce");
/// A second externally owned account.
pub(crate) const BOB: Address = address!("0000000000000000000000000000000000000b0b");

/// One ether.
pub(crate) const ETHER: u128 = 1_000_000_000_000_000_000;

/// The probe's ops (the first calldata byte); see the table at the top of probe.wat.
#[derive(Clone, Copy, Debug)]
#[repr(u8)]
pub(crate) enum Op {
    Echo = 0x00,
    Store,
    Load,
    TStore,
    TLoad,
    Call,
    Delegate,
    Static,
    TryCall,
    Window,
    Create1,
    Create2,
    EmitLog,
    Balance,
    Code,
    CodeSize,
    Codehash,
    Basefee,
    Coinbase,
    GasLimit,
    Number,
    Timestamp,
    ChainId,
    Address,
    GasLeft,
    InkLeft,
    Div,
    Mod,
    Pow,
    AddMod,
    MulMod,
    Reentrant,
    Sender,
    Value,
    Keccak,
    GasPrice,
    InkPrice,
    Origin,
    Grow,
    PayForMemory,
    ExitEarly,
    Revert,
    Spin,
    StoreThenCall,
    StoreThenRevert,
    CachedLoad,
    TStoreThenCall,
    CallThenRevert,
}

/// Calldata for the probe: `op` followed by the concatenated `args`.
pub(crate) fn probe_call(op: Op, args: &[&[u8]]) -> Bytes {
    let mut data = vec![op as u8];
    for arg in args {
        data.extend_from_slice(arg);
    }
    data.into()
}

/// A 32-byte big-endian word.
pub(crate) fn word(value: u64) -> [u8; 32] {
    U256::from(value).to_be_bytes()
}

/// Compiles a test program from tests/programs/<name>.wat to WASM.
pub(crate) fn wasm(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/programs")
        .join(format!("{name}.wat"));
    wat::parse_file(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// WAT source to deployable Stylus code (`EF F0 00 00 ++ brotli(wasm)`).
pub(crate) fn code_from_wat(source: &str) -> Vec<u8> {
    let wasm = wat::parse_str(source).expect("valid WAT");
    stylus_program::code::encode_program(&wasm)
}

/// The probe's deployable code.
pub(crate) fn probe_code() -> Vec<u8> {
    stylus_program::code::encode_program(&wasm("probe"))
}

/// A fresh chain with ALICE and BOB funded.
pub(crate) fn chain() -> Chain {
    let mut chain = Chain::new();
    chain.fund(ALICE, U256::from(1_000 * ETHER));
    chain.fund(BOB, U256::from(1_000 * ETHER));
    chain
}

/// Deploys `code` with CREATE and activates it through ArbWasm; panics on failure.
pub(crate) fn deploy_program(chain: &mut Chain, code: &[u8]) -> Address {
    let program = chain
        .deploy_stylus_unactivated(ALICE, code)
        .expect("CREATE of Stylus code");
    let receipt = chain.activate(ALICE, program).expect("valid activation tx");
    assert!(receipt.is_success(), "activation failed: {receipt:?}");
    program
}

/// Deploys and activates a probe.
pub(crate) fn deploy_probe(chain: &mut Chain) -> Address {
    deploy_program(chain, &probe_code())
}

/// Deploys a test contract from devnet/solidity/out.
pub(crate) fn deploy_solidity(chain: &mut Chain, name: &str) -> Address {
    let artifact = solidity_artifact(name).expect("solidity artifact");
    chain
        .deploy_evm(ALICE, artifact.bytecode)
        .unwrap_or_else(|error| panic!("deploy {name}: {error}"))
}

/// Sends a transaction from ALICE.
pub(crate) fn send(chain: &mut Chain, to: Address, data: impl Into<Bytes>) -> Receipt {
    send_value(chain, to, U256::ZERO, data)
}

/// Sends a transaction from ALICE with `value`.
pub(crate) fn send_value(
    chain: &mut Chain,
    to: Address,
    value: U256,
    data: impl Into<Bytes>,
) -> Receipt {
    chain
        .transact(Tx {
            from: ALICE,
            to: Some(to),
            data: data.into(),
            value,
            gas_limit: None,
        })
        .expect("valid transaction")
}

/// Runs an eth_call from ALICE.
pub(crate) fn view(chain: &mut Chain, to: Address, data: impl Into<Bytes>) -> Receipt {
    chain
        .call(Tx {
            from: ALICE,
            to: Some(to),
            data: data.into(),
            ..Tx::default()
        })
        .expect("valid call")
}

/// Asserts success and returns the output.
pub(crate) fn ok(receipt: &Receipt) -> Bytes {
    assert_eq!(
        receipt.status,
        Status::Success,
        "expected success: {receipt:?}"
    );
    receipt.output.clone()
}

/// Little-endian u64 from the probe's output.
pub(crate) fn le_u64(output: &[u8]) -> u64 {
    u64::from_le_bytes(output[..8].try_into().expect("8 bytes"))
}

/// Little-endian u32 from the probe's output.
pub(crate) fn le_u32(output: &[u8]) -> u32 {
    u32::from_le_bytes(output[..4].try_into().expect("4 bytes"))
}

/// A big-endian word from the probe's output.
pub(crate) fn be_u256(output: &[u8]) -> U256 {
    U256::from_be_slice(&output[..32])
}

/// A storage slot key as a U256.
pub(crate) fn slot(key: [u8; 32]) -> U256 {
    U256::from_be_bytes(key)
}

/// A 32-byte value as B256.
pub(crate) fn b256(bytes: [u8; 32]) -> B256 {
    B256::from(bytes)
}

alloy_sol_types::sol! {
    /// devnet/solidity/test/Caller.sol
    interface ICaller {
        function lastSuccess() external view returns (bool);
        function lastData() external view returns (bytes);
        function calls() external view returns (uint256);
        function forward(address target, bytes data) external payable returns (bytes);
        function forwardValue(address target, uint256 value, bytes data) external returns (bytes);
        function forwardStatic(address target, bytes data) external view returns (bytes);
        function forwardDelegate(address target, bytes data) external payable returns (bytes);
        function tryCall(address target, uint256 value, uint256 gasLimit, bytes data) external payable returns (bool success, bytes returned);
        function arm(address target, bytes data) external;
        event CallRecorded(address indexed target, bool success, bytes data);
    }

    /// devnet/solidity/test/Counter.sol
    interface ICounter {
        function count() external view returns (uint256);
        function increment() external returns (uint256);
        function store(bytes32 slot, bytes32 value) external;
        function load(bytes32 slot) external view returns (bytes32 value);
        event CountChanged(address indexed by, uint256 count);
    }

    /// devnet/solidity/test/Reverter.sol
    interface IReverter {
        error ReverterCustom(uint256 code, address account, string reason);
        function revertCustom(uint256 code, string reason) external view;
        function revertString(string reason) external pure;
        function revertEmpty() external pure;
        function panic(uint256 code) external pure returns (uint256);
        function invalidOpcode() external pure;
        function echo(bytes data) external pure returns (bytes);
        function returnRaw(bytes data) external pure;
    }

    /// devnet/solidity/test/Emitter.sol
    interface IEmitter {
        event Emitted(address indexed sender, bytes32 indexed tag, uint256 value, bytes data);
        function emitTyped(bytes32 tag, uint256 value, bytes data) external;
        function emitThenRevert(bytes32 tag) external;
    }

    /// devnet/solidity/test/ValueSink.sol
    interface IValueSink {
        function totalReceived() external view returns (uint256);
        function setRejecting(bool value) external;
        function deposit() external payable;
        function send(address to, uint256 amount) external;
        error ValueSinkRejected(address from, uint256 amount);
        error ValueSinkSendFailed(address to, uint256 amount);
        event Received(address indexed from, uint256 amount);
    }

    /// devnet/solidity/test/Transient.sol
    interface ITransient {
        function bump() external returns (uint256 value);
        function peek() external view returns (uint256 value);
    }
}
