//! Block and transaction lookups (block receipts, transactions by block and index, counts by
//! hash), eth_blobBaseFee and eth_createAccessList, through an alloy provider.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_eips::{BlockId, BlockNumberOrTag};
use alloy_network::TransactionBuilder;
use alloy_primitives::{B256, Bytes, U256, address, b256, bytes};
use alloy_provider::Provider;
use alloy_rpc_types_eth::TransactionRequest;
use alloy_sol_types::{SolCall, sol};
use common::*;
use serde_json::json;

sol! {
    function count() external view returns (uint256);
    function increment() external returns (uint256);
    function emitThenRevert(bytes32 tag) external;
}

#[tokio::test]
async fn block_receipts_and_transactions_by_block_and_index() {
    let devnet = start().await;
    let url = devnet.url();
    let provider = provider(&url, dev(1));
    let from = dev(2).address();
    let to = address!("00000000000000000000000000000000000b10c0");
    // Two transactions in one block.
    ok(&url, "evm_setAutomine", json!([false])).await;
    let mut hashes = Vec::new();
    for value in ["0x1", "0x2"] {
        hashes.push(
            ok(
                &url,
                "eth_sendTransaction",
                json!([{ "from": from, "to": to, "value": value }]),
            )
            .await,
        );
    }
    ok(&url, "evm_mine", json!([])).await;
    let hashes: Vec<B256> = hashes
        .into_iter()
        .map(|hash| serde_json::from_value(hash).unwrap())
        .collect();
    let block = provider
        .get_block_by_number(BlockNumberOrTag::Number(1))
        .await
        .unwrap()
        .unwrap();

    let receipts = provider
        .get_block_receipts(BlockId::number(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(receipts.len(), 2);
    for (index, receipt) in receipts.iter().enumerate() {
        assert_eq!(receipt.transaction_hash, hashes[index]);
        assert_eq!(receipt.transaction_index, Some(index as u64));
        let single = provider
            .get_transaction_receipt(hashes[index])
            .await
            .unwrap()
            .unwrap();
        assert_eq!(&single, receipt);
    }
    assert_eq!(receipts[1].inner.cumulative_gas_used(), 42_000);
    let by_hash = provider
        .get_block_receipts(BlockId::hash(block.header.hash))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_hash, receipts);
    assert_eq!(
        provider
            .get_block_receipts(BlockId::number(0))
            .await
            .unwrap()
            .unwrap()
            .len(),
        0
    );
    assert!(
        provider
            .get_block_receipts(BlockId::number(9))
            .await
            .unwrap()
            .is_none()
    );

    for (index, hash) in hashes.iter().enumerate() {
        let by_number = provider
            .get_transaction_by_block_number_and_index(BlockNumberOrTag::Number(1), index)
            .await
            .unwrap()
            .unwrap();
        let by_block_hash = provider
            .get_transaction_by_block_hash_and_index(block.header.hash, index)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(by_number.inner.tx_hash(), hash);
        assert_eq!(by_number.transaction_index, Some(index as u64));
        assert_eq!(by_number.inner.tx_hash(), by_block_hash.inner.tx_hash());
    }
    assert!(
        provider
            .get_transaction_by_block_number_and_index(BlockNumberOrTag::Latest, 2)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        provider
            .get_transaction_by_block_hash_and_index(B256::ZERO, 0)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        provider
            .get_block_transaction_count_by_hash(block.header.hash)
            .await
            .unwrap(),
        Some(2)
    );
    assert_eq!(
        provider
            .get_block_transaction_count_by_hash(B256::ZERO)
            .await
            .unwrap(),
        None
    );
    // Bad parameters.
    for (method, params) in [
        ("eth_getBlockReceipts", json!([])),
        ("eth_getTransactionByBlockNumberAndIndex", json!(["0x1"])),
        (
            "eth_getTransactionByBlockHashAndIndex",
            json!(["0x1", "0x0"]),
        ),
        ("eth_getBlockTransactionCountByHash", json!(["latest"])),
    ] {
        let error = err(&url, method, params).await;
        assert_eq!(error["code"], -32602, "{method}");
    }
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn the_blob_base_fee_is_what_the_blobbasefee_opcode_returns() {
    let devnet = start().await;
    let url = devnet.url();
    let provider = provider(&url, dev(1));
    assert_eq!(provider.get_blob_base_fee().await.unwrap(), 1);
    // BLOBBASEFEE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN, run through an eth_call code override.
    let probe = address!("00000000000000000000000000000000000b10b0");
    let code = bytes!("4a5f5260205ff3");
    let output = ok(
        &url,
        "eth_call",
        json!([{ "to": probe }, "latest", { probe.to_string(): { "code": code } }]),
    )
    .await;
    let output: Bytes = serde_json::from_value(output).unwrap();
    assert_eq!(U256::from_be_slice(&output), U256::from(1));
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn create_access_list_lists_the_slots_a_call_uses_and_its_gas() {
    let devnet = start().await;
    let url = devnet.url();
    let alice = dev(1);
    let provider = provider(&url, alice.clone());
    let counter = deploy_signed(&provider, solidity("Counter")).await;
    let increment = TransactionRequest::default()
        .with_from(alice.address())
        .with_to(counter)
        .with_input(incrementCall {}.abi_encode());
    let result = provider.create_access_list(&increment).await.unwrap();
    assert_eq!(result.access_list.0.len(), 1);
    assert_eq!(result.access_list.0[0].address, counter);
    assert_eq!(result.access_list.0[0].storage_keys, vec![B256::ZERO]);
    assert!(result.error.is_none());
    // The gas it reports is what the transaction with that list uses.
    let receipt = provider
        .send_transaction(
            increment
                .clone()
                .with_access_list(result.access_list.clone()),
        )
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert!(receipt.status());
    assert_eq!(receipt.gas_used, result.gas_used.to::<u64>());

    // A plain transfer: nothing to list, 21000 gas.
    let transfer = TransactionRequest::default()
        .with_from(alice.address())
        .with_to(address!("00000000000000000000000000000000000b10b1"))
        .with_value(U256::from(1));
    let result = provider.create_access_list(&transfer).await.unwrap();
    assert!(result.access_list.0.is_empty());
    assert_eq!(result.gas_used.to::<u64>(), 21_000);

    // A call that reverts: the list and geth's `error` field.
    let emitter = deploy(&url, alice.address(), &solidity("Emitter")).await;
    let answer = ok(
        &url,
        "eth_createAccessList",
        json!([{ "from": alice.address(), "to": emitter,
                 "data": Bytes::from(emitThenRevertCall {
                     tag: b256!("00000000000000000000000000000000000000000000000000000000000000aa")
                 }.abi_encode()) }]),
    )
    .await;
    assert!(
        answer["error"]
            .as_str()
            .unwrap()
            .starts_with("execution reverted"),
        "{answer}"
    );
    assert!(answer["accessList"].is_array());
    // Bad parameters.
    let error = err(&url, "eth_createAccessList", json!([])).await;
    assert_eq!(error["code"], -32602);
    let error = err(&url, "eth_createAccessList", json!([{ "to": "0x12" }])).await;
    assert_eq!(error["code"], -32602);
    devnet.stop().await.unwrap();
}
