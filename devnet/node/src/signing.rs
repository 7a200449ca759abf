//! Signing by the node for its dev accounts (the ones eth_accounts lists): eth_sign and
//! personal_sign (EIP-191 messages) and eth_signTypedData_v4 (EIP-712 typed data given as JSON,
//! as MetaMask sends it). Signatures are 65 bytes, `r ‖ s ‖ v` with `v` 27 or 28, as geth's.

use alloy_dyn_abi::TypedData;
use alloy_primitives::{Address, Bytes};
use alloy_signer::SignerSync;
use alloy_signer_local::PrivateKeySigner;
use serde_json::Value;

use crate::{error::RpcError, node::Node, rpc};

/// Answers the signing methods; `None` for any other method.
pub(crate) fn dispatch(
    node: &mut Node,
    method: &str,
    params: &Value,
) -> Option<Result<Value, RpcError>> {
    let answer = match method {
        // eth_sign(address, data); personal_sign(data, address).
        "eth_sign" => sign_message(node, params, 0, 1),
        "personal_sign" => sign_message(node, params, 1, 0),
        "eth_signTypedData_v4" => sign_typed_data(node, params),
        _ => return None,
    };
    Some(answer)
}

/// The dev signer of the `index`th parameter's address.
fn signer_at<'a>(
    node: &'a Node,
    params: &Value,
    index: usize,
) -> Result<&'a PrivateKeySigner, RpcError> {
    let address: Address = rpc::param(params, index)?;
    node.signer(address)
        .ok_or_else(|| RpcError::server(format!("unknown account {address}")))
}

fn sign_message(
    node: &Node,
    params: &Value,
    address_index: usize,
    data_index: usize,
) -> Result<Value, RpcError> {
    let data: Bytes = rpc::param(params, data_index)?;
    let signer = signer_at(node, params, address_index)?;
    let signature = signer
        .sign_message_sync(&data)
        .map_err(|error| RpcError::server(format!("signing failed: {error}")))?;
    rpc::to_json(&Bytes::from(signature.as_bytes()))
}

fn sign_typed_data(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let signer = signer_at(node, params, 0)?;
    // MetaMask sends the typed data as a JSON string; other clients as an object.
    let typed: TypedData = match params.get(1) {
        Some(Value::String(json)) => serde_json::from_str(json),
        Some(value @ Value::Object(_)) => serde_json::from_value(value.clone()),
        _ => return Err(RpcError::params("missing parameter 1: typed data")),
    }
    .map_err(|error| RpcError::params(format!("invalid typed data: {error}")))?;
    let hash = typed
        .eip712_signing_hash()
        .map_err(|error| RpcError::params(format!("invalid typed data: {error}")))?;
    let signature = signer
        .sign_hash_sync(&hash)
        .map_err(|error| RpcError::server(format!("signing failed: {error}")))?;
    rpc::to_json(&Bytes::from(signature.as_bytes()))
}
