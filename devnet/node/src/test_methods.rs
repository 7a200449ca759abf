//! The anvil/hardhat test methods scripts call: set an account's balance, code or storage,
//! impersonate an account, mine blocks, switch automine. Each is served under its `anvil_`
//! name and its `hardhat_` alias; the answers follow each tool (anvil answers `null` where
//! hardhat answers `true`, except `anvil_setStorageAt`, `true` in both).

use alloy_primitives::{Address, B256, Bytes, U64, U256};
use serde_json::Value;

use crate::{error::RpcError, node::Node, rpc};

/// Answers the test methods; `None` for any other method.
pub(crate) fn dispatch(
    node: &mut Node,
    method: &str,
    params: &Value,
) -> Option<Result<Value, RpcError>> {
    let (name, hardhat) = if let Some(name) = method.strip_prefix("anvil_") {
        (name, false)
    } else if let Some(name) = method.strip_prefix("hardhat_") {
        (name, true)
    } else if method == "evm_setAutomine" {
        // hardhat's name for it (anvil serves it too).
        ("setAutomine", true)
    } else {
        return None;
    };
    // What a setter answers: hardhat `true`, anvil `null`.
    let done = || {
        Ok(if hardhat {
            Value::Bool(true)
        } else {
            Value::Null
        })
    };
    let answer = match name {
        "setBalance" => (|| {
            let address: Address = rpc::param(params, 0)?;
            let balance: U256 = rpc::param(params, 1)?;
            node.edit_account(address, |info| info.balance = balance);
            done()
        })(),
        "setCode" => (|| {
            let address: Address = rpc::param(params, 0)?;
            let code: Bytes = rpc::param(params, 1)?;
            node.set_code(address, code);
            done()
        })(),
        "setNonce" => (|| {
            let address: Address = rpc::param(params, 0)?;
            let nonce: U64 = rpc::param(params, 1)?;
            node.edit_account(address, |info| info.nonce = nonce.to());
            done()
        })(),
        "setStorageAt" => (|| {
            let address: Address = rpc::param(params, 0)?;
            let slot: U256 = rpc::param(params, 1)?;
            let value: B256 = rpc::param(params, 2)?;
            node.set_storage(address, slot, U256::from_be_bytes(value.0));
            Ok(Value::Bool(true))
        })(),
        "impersonateAccount" | "stopImpersonatingAccount" => (|| {
            let address: Address = rpc::param(params, 0)?;
            node.impersonate(address, name == "impersonateAccount");
            done()
        })(),
        "mine" => (|| {
            let count: Option<U64> = rpc::opt_param(params, 0)?;
            let interval: Option<U64> = rpc::opt_param(params, 1)?;
            node.mine_many(
                count.map_or(1, |count| count.to()),
                interval.map(|s| s.to()),
            )?;
            done()
        })(),
        "setAutomine" => (|| {
            let on: bool = rpc::param(params, 0)?;
            node.set_instant(on);
            done()
        })(),
        "getAutomine" => Ok(Value::Bool(node.config().instant)),
        _ => return None,
    };
    Some(answer)
}
