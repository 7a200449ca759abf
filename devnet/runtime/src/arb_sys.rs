//! ArbSys (`0x…64`): the system facts tools ask an Arbitrum chain for.

use alloy_sol_types::{SolCall, SolInterface, sol};
use revm::{
    context_interface::{Block, Cfg, ContextTr},
    interpreter::{CallInputs, Gas, InstructionResult, InterpreterResult},
    primitives::U256,
};

use crate::context::DevContext;

sol! {
    /// The part of ArbSys the runtime implements.
    interface IArbSys {
        function arbBlockNumber() external view returns (uint256);
        function arbChainID() external view returns (uint256);
        function arbOSVersion() external view returns (uint256);
    }
}

/// What `arbOSVersion()` reports for a chain at `arbos_version`: Nitro adds 55 (the classic
/// versions before Nitro).
pub fn reported_arbos_version(arbos_version: u64) -> u64 {
    55 + arbos_version
}

/// Runs an ArbSys call on a chain at `arbos_version`.
pub(crate) fn run(
    ctx: &mut DevContext,
    inputs: &CallInputs,
    arbos_version: u64,
) -> InterpreterResult {
    use IArbSys::IArbSysCalls as Call;
    let input = inputs.input.as_bytes(ctx).to_vec();
    let mut gas = Gas::new(inputs.gas_limit);
    let _ = gas.record_regular_cost(100);
    let output = match Call::abi_decode(&input) {
        Ok(Call::arbBlockNumber(_)) => {
            IArbSys::arbBlockNumberCall::abi_encode_returns(&ctx.block().number())
        }
        Ok(Call::arbChainID(_)) => {
            IArbSys::arbChainIDCall::abi_encode_returns(&U256::from(ctx.cfg().chain_id()))
        }
        Ok(Call::arbOSVersion(_)) => IArbSys::arbOSVersionCall::abi_encode_returns(&U256::from(
            reported_arbos_version(arbos_version),
        )),
        Err(_) => {
            return InterpreterResult::new(InstructionResult::Revert, Default::default(), gas);
        }
    };
    InterpreterResult::new(InstructionResult::Return, output.into(), gas)
}
