//! ArbOwnerPublic (`0x…6b`, Nitro's `precompiles/ArbOwnerPublic.go`): the chain owners'
//! settings that anyone may read. cargo-stylus asks it how many fragments a program may have
//! before it deploys one too large for a single contract.

use alloy_sol_types::{SolCall, SolInterface, sol};
use revm::interpreter::{CallInputs, Gas, InstructionResult, InterpreterResult};
use stylus_program::params::StylusParams;

use crate::{context::DevContext, genesis::CHAIN_OWNER};

sol! {
    /// The part of ArbOwnerPublic the runtime implements.
    interface IArbOwnerPublic {
        function isChainOwner(address addr) external view returns (bool);
        function getAllChainOwners() external view returns (address[] memory);
        function getScheduledUpgrade() external view returns (uint64 arbosVersion, uint64 scheduledForTimestamp);
        function getMaxStylusContractFragments() external view returns (uint8);
    }
}

/// Runs an ArbOwnerPublic call on a chain with `params`. `getMaxStylusContractFragments`
/// exists from ArbOS 60 (Nitro gates it with `ArbosVersion_StylusContractLimit`); before, it
/// reverts as an unknown method does. No upgrade is ever scheduled here.
pub(crate) fn run(
    ctx: &mut DevContext,
    inputs: &CallInputs,
    params: &StylusParams,
) -> InterpreterResult {
    use IArbOwnerPublic::IArbOwnerPublicCalls as Call;
    let input = inputs.input.as_bytes(ctx).to_vec();
    let mut gas = Gas::new(inputs.gas_limit);
    let _ = gas.record_regular_cost(100);
    let output = match Call::abi_decode(&input) {
        Ok(Call::isChainOwner(call)) => {
            IArbOwnerPublic::isChainOwnerCall::abi_encode_returns(&(call.addr == CHAIN_OWNER))
        }
        Ok(Call::getAllChainOwners(_)) => {
            IArbOwnerPublic::getAllChainOwnersCall::abi_encode_returns(&vec![CHAIN_OWNER])
        }
        Ok(Call::getScheduledUpgrade(_)) => {
            IArbOwnerPublic::getScheduledUpgradeCall::abi_encode_returns(
                &IArbOwnerPublic::getScheduledUpgradeReturn {
                    arbosVersion: 0,
                    scheduledForTimestamp: 0,
                },
            )
        }
        Ok(Call::getMaxStylusContractFragments(_)) if params.has_fragmented_programs() => {
            IArbOwnerPublic::getMaxStylusContractFragmentsCall::abi_encode_returns(
                &params.max_fragment_count,
            )
        }
        Ok(Call::getMaxStylusContractFragments(_)) | Err(_) => {
            // Nitro's `precompile.go`: a method that does not exist (or not yet at this ArbOS
            // version) reverts with all gas spent.
            gas.spend_all();
            return InterpreterResult::new(InstructionResult::Revert, Default::default(), gas);
        }
    };
    InterpreterResult::new(InstructionResult::Return, output.into(), gas)
}
