//! Node signing for the dev accounts: eth_sign, personal_sign, eth_signTypedData_v4; each
//! signature is checked by recovering the signer's address.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_primitives::{Address, Bytes, Signature, U256, address};
use alloy_provider::Provider;
use alloy_sol_types::{SolStruct, eip712_domain, sol};
use common::*;
use serde_json::{Value, json};
use stylus_devnet::accounts;

sol! {
    struct Permit {
        address owner;
        address spender;
        uint256 value;
        uint256 nonce;
        uint256 deadline;
    }
}

fn signature(value: &Value) -> Signature {
    let bytes: Bytes = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(bytes.len(), 65);
    // geth's v: 27 or 28.
    assert!(bytes[64] == 27 || bytes[64] == 28, "{bytes}");
    Signature::try_from(bytes.as_ref()).unwrap()
}

#[tokio::test]
async fn eth_sign_and_personal_sign_sign_eip191_messages() {
    let devnet = start().await;
    let url = devnet.url();
    let signer = accounts::dev_addresses()[2];
    let provider = provider(&url, dev(1));
    let message = Bytes::from_static(b"hello devnet");
    // Through the client as scripts call it (alloy's raw request), and over raw JSON-RPC.
    let signed: Value = provider
        .raw_request("personal_sign".into(), (message.clone(), signer))
        .await
        .unwrap();
    let recovered = signature(&signed)
        .recover_address_from_msg(message.as_ref())
        .unwrap();
    assert_eq!(recovered, signer);
    let signed = ok(&url, "eth_sign", json!([signer, message])).await;
    assert_eq!(
        signature(&signed)
            .recover_address_from_msg(message.as_ref())
            .unwrap(),
        signer
    );

    // Not a dev account; bad parameters.
    let stranger = address!("0000000000000000000000000000000000000bad");
    let error = err(&url, "eth_sign", json!([stranger, message])).await;
    assert_eq!(error["code"], -32000);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("unknown account")
    );
    let error = err(&url, "personal_sign", json!(["not hex", signer])).await;
    assert_eq!(error["code"], -32602);
    let error = err(&url, "eth_sign", json!([signer])).await;
    assert_eq!(error["code"], -32602);
    devnet.stop().await.unwrap();
}

#[tokio::test]
async fn eth_sign_typed_data_v4_signs_the_eip712_hash() {
    let devnet = start().await;
    let url = devnet.url();
    let owner = accounts::dev_addresses()[0];
    let spender = address!("00000000000000000000000000000000000005e1");
    let token = address!("00000000000000000000000000000000000070c1");
    let typed = json!({
        "types": {
            "EIP712Domain": [
                { "name": "name", "type": "string" },
                { "name": "version", "type": "string" },
                { "name": "chainId", "type": "uint256" },
                { "name": "verifyingContract", "type": "address" }
            ],
            "Permit": [
                { "name": "owner", "type": "address" },
                { "name": "spender", "type": "address" },
                { "name": "value", "type": "uint256" },
                { "name": "nonce", "type": "uint256" },
                { "name": "deadline", "type": "uint256" }
            ]
        },
        "primaryType": "Permit",
        "domain": { "name": "Restaked ETH", "version": "1", "chainId": 412346,
                    "verifyingContract": token },
        "message": { "owner": owner, "spender": spender, "value": "1000000000000000000",
                     "nonce": 0, "deadline": 1_900_000_000u64 }
    });
    // The hash, computed independently from the Solidity struct.
    let domain = eip712_domain! {
        name: "Restaked ETH",
        version: "1",
        chain_id: 412_346,
        verifying_contract: token,
    };
    let permit = Permit {
        owner,
        spender,
        value: U256::from(10u64).pow(U256::from(18u64)),
        nonce: U256::ZERO,
        deadline: U256::from(1_900_000_000u64),
    };
    let hash = permit.eip712_signing_hash(&domain);
    // MetaMask sends the typed data as a JSON string; some libraries as an object.
    for data in [Value::String(typed.to_string()), typed.clone()] {
        let signed = ok(&url, "eth_signTypedData_v4", json!([owner, data])).await;
        assert_eq!(
            signature(&signed)
                .recover_address_from_prehash(&hash)
                .unwrap(),
            owner
        );
    }
    // Malformed typed data, unknown account.
    let error = err(
        &url,
        "eth_signTypedData_v4",
        json!([owner, { "types": {}, "primaryType": "Permit", "domain": {}, "message": {} }]),
    )
    .await;
    assert_eq!(error["code"], -32602);
    let error = err(&url, "eth_signTypedData_v4", json!([owner, 42])).await;
    assert_eq!(error["code"], -32602);
    let error = err(&url, "eth_signTypedData_v4", json!([Address::ZERO, typed])).await;
    assert_eq!(error["code"], -32000);
    devnet.stop().await.unwrap();
}
