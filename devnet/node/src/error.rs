//! JSON-RPC errors, with the codes geth and the EIP-1474 conventions use.

use alloy_primitives::Bytes;
use serde_json::Value;

/// Invalid JSON was received.
pub const PARSE_ERROR: i64 = -32700;
/// The JSON sent is not a valid request object.
pub const INVALID_REQUEST: i64 = -32600;
/// The method does not exist.
pub const METHOD_NOT_FOUND: i64 = -32601;
/// Invalid method parameters.
pub const INVALID_PARAMS: i64 = -32602;
/// Internal error.
pub const INTERNAL_ERROR: i64 = -32603;
/// A transaction or call that could not run (geth's generic server error).
pub const SERVER_ERROR: i64 = -32000;
/// Execution reverted; `data` carries the revert data (geth).
pub const EXECUTION_REVERTED: i64 = 3;

/// A JSON-RPC error object.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{message} (code {code})")]
pub struct RpcError {
    /// The error code.
    pub code: i64,
    /// What went wrong.
    pub message: String,
    /// Extra data (revert data for code 3).
    pub data: Option<Value>,
}

impl RpcError {
    /// An error with a code and a message.
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            data: None,
        }
    }

    /// Invalid parameters.
    pub fn params(message: impl Into<String>) -> Self {
        Self::new(INVALID_PARAMS, message)
    }

    /// A transaction or call that could not run.
    pub fn server(message: impl Into<String>) -> Self {
        Self::new(SERVER_ERROR, message)
    }

    /// A revert, as geth reports it: `execution reverted[: reason]`, the data in `data`.
    pub fn reverted(data: &Bytes) -> Self {
        let message = match revert_reason(data) {
            Some(reason) => format!("execution reverted: {reason}"),
            None => "execution reverted".to_owned(),
        };
        Self {
            code: EXECUTION_REVERTED,
            message,
            data: Some(Value::String(data.to_string())),
        }
    }

    /// The error as a JSON object.
    pub fn to_json(&self) -> Value {
        let mut object = serde_json::json!({ "code": self.code, "message": self.message });
        if let (Some(data), Some(map)) = (&self.data, object.as_object_mut()) {
            map.insert("data".to_owned(), data.clone());
        }
        object
    }
}

/// The reason string of an `Error(string)` revert.
fn revert_reason(data: &[u8]) -> Option<String> {
    use alloy_sol_types::{Revert, SolError};
    Revert::abi_decode(data).ok().map(|revert| revert.reason)
}
