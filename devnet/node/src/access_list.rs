//! eth_createAccessList: the accounts and storage slots a call touches, and the gas it uses
//! with them in its access list.
//!
//! geth traces the call's opcodes (SLOAD/SSTORE slots, the addresses of BALANCE, EXT*,
//! SELFDESTRUCT and CALL-family opcodes). Here the list comes from revm's journal instead:
//! every account the execution loaded and every slot it read or wrote, by EVM opcodes and
//! Stylus host functions alike (`Chain::call_touching`). The exclusions are geth's: the
//! sender, the recipient (or created contract) unless its storage was used, and the
//! precompiles; the block's coinbase too, unless its storage was used (revm loads it to pay the
//! fee; EIP-3651 makes it warm anyway). Like geth, the call is run again with the list found
//! until the list no longer changes, and the gas used is the last run's.

use alloy_eips::eip2930::{AccessList, AccessListItem};
use alloy_primitives::{Address, B256, TxKind, U256};
use alloy_rpc_types_eth::TransactionRequest;
use serde_json::{Value, json};

use crate::{
    error::RpcError,
    node::{Node, StateAt},
    rpc,
};

/// How many times the call is run at most while the list grows.
const MAX_ROUNDS: usize = 8;

/// The access list of a call, the gas it uses with it, and geth's `error` when it fails.
pub(crate) fn create_access_list(
    node: &mut Node,
    at: &mut StateAt,
    mut request: TransactionRequest,
) -> Result<Value, RpcError> {
    let from = request.from.unwrap_or_default();
    let recipient = match request.to {
        Some(TxKind::Call(to)) => to,
        _ => {
            let nonce = request
                .nonce
                .unwrap_or_else(|| node.chain_at(at).nonce(from));
            from.create(nonce)
        }
    };
    let mut list = request.access_list.clone().unwrap_or_default();
    let mut rounds = 0;
    loop {
        request.access_list = Some(list.clone());
        let tx = rpc::call_env(node, at, &request);
        let (receipt, touched) = node.call_touching(at, tx, |_| {})?;
        let found = access_list(&touched, from, recipient);
        rounds += 1;
        if found == list || rounds == MAX_ROUNDS {
            let mut answer = json!({
                "accessList": found,
                "gasUsed": format!("{:#x}", receipt.gas_used),
            });
            if let Err(error) = crate::node::call_output(&receipt)
                && let Some(map) = answer.as_object_mut()
            {
                map.insert("error".to_owned(), Value::String(error.message));
            }
            return Ok(answer);
        }
        list = found;
    }
}

/// The list from what a call touched, with geth's exclusions (module documentation).
fn access_list(touched: &[(Address, Vec<U256>)], from: Address, recipient: Address) -> AccessList {
    touched
        .iter()
        .filter(|(address, slots)| {
            let bare_exclusion = [recipient, Address::ZERO].contains(address) && slots.is_empty();
            *address != from && !bare_exclusion
        })
        .map(|(address, slots)| AccessListItem {
            address: *address,
            storage_keys: slots.iter().map(|slot| B256::from(*slot)).collect(),
        })
        .collect::<Vec<_>>()
        .into()
}
