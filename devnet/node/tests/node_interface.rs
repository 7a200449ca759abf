//! NodeInterface at `0x…c8` answers `eth_call` as Nitro's RPC does for the estimates the
//! Arbitrum SDK and cargo-stylus read (issue 13, item 5): the total is this node's own
//! `eth_estimateGas`, the L1 part 0 (no L1 pricing here), the base fee the devnet's.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_primitives::{Address, Bytes, U256, hex};
use alloy_sol_types::{SolCall, sol};
use common::*;
use serde_json::{Value, json};
use stylus_devnet::node_interface::INodeInterface::*;

sol! {
    function increment() external returns (uint256);
    function revertString(string calldata reason) external pure;
}

const NODE_INTERFACE: &str = "0x00000000000000000000000000000000000000c8";

fn data(bytes: Vec<u8>) -> String {
    format!("0x{}", hex::encode(bytes))
}

/// `eth_call` of NodeInterface from `from` with `value`: the JSON-RPC answer.
async fn node_interface(url: &str, from: Address, value: u64, input: Vec<u8>) -> Value {
    rpc(
        url,
        "eth_call",
        json!([{
            "from": from,
            "to": NODE_INTERFACE,
            "value": format!("{value:#x}"),
            "data": data(input),
        }, "latest"]),
    )
    .await
}

fn components(answer: &Value) -> gasEstimateComponentsReturn {
    assert!(answer.get("error").is_none(), "{answer}");
    let bytes = hex::decode(answer["result"].as_str().unwrap()).unwrap();
    gasEstimateComponentsCall::abi_decode_returns(&bytes).unwrap()
}

#[tokio::test]
async fn gas_estimate_components_is_the_nodes_estimate_with_no_l1_part() {
    let devnet = start().await;
    let url = devnet.url();
    let alice = dev(1).address();
    let base_fee = q(&ok(&url, "eth_gasPrice", json!([])).await);
    let counter = deploy(&url, alice, &solidity("Counter")).await;

    // A contract call: the same figure as eth_estimateGas.
    let call = incrementCall {}.abi_encode();
    let direct = q(&ok(
        &url,
        "eth_estimateGas",
        json!([{ "from": alice, "to": counter, "data": data(call.clone()) }]),
    )
    .await);
    let answer = node_interface(
        &url,
        alice,
        0,
        gasEstimateComponentsCall {
            to: counter,
            contractCreation: false,
            data: Bytes::from(call),
        }
        .abi_encode(),
    )
    .await;
    let parts = components(&answer);
    assert_eq!(
        (
            parts.gasEstimate,
            parts.gasEstimateForL1,
            parts.baseFee,
            parts.l1BaseFeeEstimate
        ),
        (direct, 0, U256::from(base_fee), U256::ZERO)
    );
    assert!(direct > 21_000);

    // A transfer with the outer call's value: 21,000.
    let bob = Address::repeat_byte(0xb0);
    let answer = node_interface(
        &url,
        alice,
        5,
        gasEstimateComponentsCall {
            to: bob,
            contractCreation: false,
            data: Bytes::new(),
        }
        .abi_encode(),
    )
    .await;
    assert_eq!(components(&answer).gasEstimate, 21_000);

    // A creation: the Counter's init code.
    let answer = node_interface(
        &url,
        alice,
        0,
        gasEstimateComponentsCall {
            to: Address::ZERO,
            contractCreation: true,
            data: solidity("Counter"),
        }
        .abi_encode(),
    )
    .await;
    assert!(components(&answer).gasEstimate > 53_000);

    // The L1 component alone, and the genesis block.
    let answer = node_interface(
        &url,
        alice,
        0,
        gasEstimateL1ComponentCall {
            to: counter,
            contractCreation: false,
            data: Bytes::new(),
        }
        .abi_encode(),
    )
    .await;
    let bytes = hex::decode(answer["result"].as_str().unwrap()).unwrap();
    let l1 = gasEstimateL1ComponentCall::abi_decode_returns(&bytes).unwrap();
    assert_eq!(
        (l1.gasEstimateForL1, l1.baseFee, l1.l1BaseFeeEstimate),
        (0, U256::from(base_fee), U256::ZERO)
    );
    let answer = node_interface(&url, alice, 0, nitroGenesisBlockCall {}.abi_encode()).await;
    assert_eq!(
        hex::decode(answer["result"].as_str().unwrap()).unwrap(),
        vec![0u8; 32]
    );
}

#[tokio::test]
async fn refusals_are_nitros() {
    let devnet = start().await;
    let url = devnet.url();
    let alice = dev(1).address();
    // The virtual contract itself cannot be estimated.
    let answer = node_interface(
        &url,
        alice,
        0,
        gasEstimateComponentsCall {
            to: NODE_INTERFACE.parse().unwrap(),
            contractCreation: false,
            data: Bytes::new(),
        }
        .abi_encode(),
    )
    .await;
    assert_eq!(
        answer["error"]["message"], "cannot estimate virtual contract",
        "{answer}"
    );
    // A call that reverts: the estimate's revert, with its data (code 3).
    let reverter = deploy(&url, alice, &solidity("Reverter")).await;
    let answer = node_interface(
        &url,
        alice,
        0,
        gasEstimateComponentsCall {
            to: reverter,
            contractCreation: false,
            data: revertStringCall {
                reason: "no".into(),
            }
            .abi_encode()
            .into(),
        }
        .abi_encode(),
    )
    .await;
    assert_eq!(answer["error"]["code"], 3, "{answer}");
    // Methods about L1 batches are not answered, with a message that says why.
    let answer = node_interface(&url, alice, 0, vec![0x12, 0x34, 0x56, 0x78]).await;
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no L1"),
        "{answer}"
    );
}
