//! The deterministic CREATE2 deployer is there from genesis, and a salted deploy through it
//! (what forge does for `new C{salt: s}()` in scripts) lands at the predicted address.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_network::TransactionBuilder;
use alloy_primitives::{Address, B256, Bytes, U256, address, b256, keccak256};
use alloy_provider::Provider;
use alloy_rpc_types_eth::TransactionRequest;
use alloy_sol_types::{SolCall, sol};
use common::*;
use stylus_runtime::genesis::{CREATE2_DEPLOYER, CREATE2_DEPLOYER_CODE};

sol! {
    function count() external view returns (uint256);
}

#[tokio::test]
async fn a_salted_deploy_through_the_create2_deployer_lands_at_the_predicted_address() {
    let devnet = start().await;
    let url = devnet.url();
    let provider = provider(&url, dev(1));
    assert_eq!(
        CREATE2_DEPLOYER,
        address!("4e59b44847b379578588920cA78FbF26c0B4956C")
    );
    let code = provider.get_code_at(CREATE2_DEPLOYER).await.unwrap();
    assert_eq!(code, Bytes::from_static(&CREATE2_DEPLOYER_CODE));
    // The code hash everyone checks for it (foundry's DEFAULT_CREATE2_DEPLOYER_CODEHASH).
    assert_eq!(
        keccak256(&code),
        b256!("2fa86add0aed31f33a762c9d88e807c475bd51d0f52bd0955754b2608f7e4989")
    );

    let init = solidity("Counter");
    let salt = B256::repeat_byte(0x5a);
    let predicted: Address = CREATE2_DEPLOYER.create2_from_code(salt, &init);
    let data: Bytes = [salt.as_slice(), init.as_ref()].concat().into();
    let request = TransactionRequest::default()
        .with_to(CREATE2_DEPLOYER)
        .with_input(data.clone());
    // eth_call answers the address it would create.
    let returned = provider.call(request.clone()).await.unwrap();
    assert_eq!(returned.as_ref(), predicted.as_slice());
    let receipt = provider
        .send_transaction(request.clone())
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert!(receipt.status());
    let deployed = stylus_runtime::deploy::solidity_artifact("Counter")
        .unwrap()
        .deployed_bytecode;
    assert_eq!(provider.get_code_at(predicted).await.unwrap(), deployed);
    let output = provider
        .call(
            TransactionRequest::default()
                .with_to(predicted)
                .with_input(countCall {}.abi_encode()),
        )
        .await
        .unwrap();
    assert_eq!(countCall::abi_decode_returns(&output).unwrap(), U256::ZERO);
    // The same salt again: the address is taken, the deployer reverts.
    let again = provider
        .send_transaction(request.with_gas_limit(1_000_000))
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert!(!again.status());
    devnet.stop().await.unwrap();
}
