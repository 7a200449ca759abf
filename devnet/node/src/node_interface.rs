//! NodeInterface (`0x…c8`), the virtual contract Nitro's RPC answers in `eth_call` (issue 13,
//! item 5): no code lives at the address; Nitro intercepts calls to it
//! (`execution/nodeinterface/NodeInterface.go`), and so does this devnet, for the gas
//! estimates the Arbitrum SDK and cargo-stylus read.
//!
//! - `gasEstimateComponents(to, contractCreation, data)`: this node's `eth_estimateGas` of the
//!   call (from the outer call's sender, with its value), the L1 part (0: there is no L1 pricing
//!   here), the base fee, and the L1 base fee estimate (0);
//! - `gasEstimateL1Component(...)`: `(0, base fee, 0)`;
//! - `nitroGenesisBlock()`: 0 (this chain starts at Nitro).
//!
//! Nitro refuses an estimate of the virtual contract itself ("cannot estimate virtual
//! contract"); the methods about L1 batches, retryables and outbox proofs answer that this
//! devnet has no L1.

use alloy_primitives::{Address, Bytes, TxKind, U256, address};
use alloy_rpc_types_eth::{TransactionRequest, state::StateOverride};
use alloy_sol_types::{SolCall, SolInterface, sol};

use crate::{error::RpcError, node::Node};

/// NodeInterface's address.
pub const NODE_INTERFACE: Address = address!("00000000000000000000000000000000000000c8");
/// NodeInterfaceDebug's address, which Nitro also refuses to estimate.
pub const NODE_INTERFACE_DEBUG: Address = address!("00000000000000000000000000000000000000c9");

sol! {
    /// The part of NodeInterface the devnet answers.
    interface INodeInterface {
        function gasEstimateComponents(address to, bool contractCreation, bytes calldata data)
            external payable
            returns (uint64 gasEstimate, uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate);
        function gasEstimateL1Component(address to, bool contractCreation, bytes calldata data)
            external payable
            returns (uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate);
        function nitroGenesisBlock() external pure returns (uint256 number);
    }
}

/// Whether `request` is a call to NodeInterface.
pub fn is_for_node_interface(request: &TransactionRequest) -> bool {
    request.to == Some(TxKind::Call(NODE_INTERFACE))
}

/// The answer to an `eth_call` of NodeInterface. `estimate` is the node's `eth_estimateGas`.
pub fn answer(
    node: &mut Node,
    request: &TransactionRequest,
    overrides: Option<StateOverride>,
    estimate: impl FnOnce(
        &mut Node,
        &TransactionRequest,
        Option<StateOverride>,
    ) -> Result<u64, RpcError>,
) -> Result<Bytes, RpcError> {
    use INodeInterface::INodeInterfaceCalls as Call;
    let input = request.input.input().cloned().unwrap_or_default();
    let base_fee = U256::from(node.config().base_fee);
    let output = match Call::abi_decode(&input) {
        Ok(Call::gasEstimateComponents(call)) => {
            if call.to == NODE_INTERFACE || call.to == NODE_INTERFACE_DEBUG {
                return Err(RpcError::server("cannot estimate virtual contract"));
            }
            let inner = TransactionRequest {
                from: request.from,
                to: Some(if call.contractCreation {
                    TxKind::Create
                } else {
                    TxKind::Call(call.to)
                }),
                value: request.value,
                input: call.data.into(),
                ..Default::default()
            };
            let total = estimate(node, &inner, overrides)?;
            INodeInterface::gasEstimateComponentsCall::abi_encode_returns(
                &INodeInterface::gasEstimateComponentsReturn {
                    gasEstimate: total,
                    gasEstimateForL1: 0,
                    baseFee: base_fee,
                    l1BaseFeeEstimate: U256::ZERO,
                },
            )
        }
        Ok(Call::gasEstimateL1Component(_)) => {
            INodeInterface::gasEstimateL1ComponentCall::abi_encode_returns(
                &INodeInterface::gasEstimateL1ComponentReturn {
                    gasEstimateForL1: 0,
                    baseFee: base_fee,
                    l1BaseFeeEstimate: U256::ZERO,
                },
            )
        }
        Ok(Call::nitroGenesisBlock(_)) => {
            INodeInterface::nitroGenesisBlockCall::abi_encode_returns(&U256::ZERO)
        }
        Err(_) => {
            return Err(RpcError::server(
                "NodeInterface: only gasEstimateComponents, gasEstimateL1Component and \
                 nitroGenesisBlock are answered (this devnet has no L1)",
            ));
        }
    };
    Ok(output.into())
}
