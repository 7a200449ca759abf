//! ArbGasInfo (`0x…6c`): the chain's gas prices, as the Arbitrum SDK and cargo-stylus read
//! them (issue 13, item 5).
//!
//! Nitro computes them in `precompiles/ArbGasInfo.go` from ArbOS's L1 and L2 pricing state.
//! This chain has no L1 pricing (no batch poster: the poster fee is not charged, see
//! docs/runtime.md), so every L1 figure is 0, and its L2 base fee is fixed: the minimum base
//! fee is the chain's base fee and there is never a backlog. The L2 figures follow Nitro's
//! formulas from those two facts; the constant parameters are Nitro's initial ArbOS values
//! (`arbos/l2pricing/l2pricing.go`, `arbos/l1pricing/l1pricing.go`).

use alloy_sol_types::{SolCall, SolInterface, sol};
use revm::{
    context_interface::{Block, ContextTr},
    interpreter::{CallInputs, Gas, InstructionResult, InterpreterResult},
    primitives::{I256, U256},
};

use crate::context::DevContext;

sol! {
    /// The part of ArbGasInfo the runtime implements.
    interface IArbGasInfo {
        function getPricesInWeiWithAggregator(address aggregator) external view
            returns (uint256, uint256, uint256, uint256, uint256, uint256);
        function getPricesInWei() external view
            returns (uint256, uint256, uint256, uint256, uint256, uint256);
        function getPricesInArbGasWithAggregator(address aggregator) external view
            returns (uint256, uint256, uint256);
        function getPricesInArbGas() external view returns (uint256, uint256, uint256);
        function getGasAccountingParams() external view returns (uint256, uint256, uint256);
        function getMinimumGasPrice() external view returns (uint256);
        function getL1BaseFeeEstimate() external view returns (uint256);
        function getL1BaseFeeEstimateInertia() external view returns (uint64);
        function getL1GasPriceEstimate() external view returns (uint256);
        function getCurrentTxL1GasFees() external view returns (uint256);
        function getGasBacklog() external view returns (uint64);
        function getPricingInertia() external view returns (uint64);
        function getGasBacklogTolerance() external view returns (uint64);
        function getL1PricingSurplus() external view returns (int256);
        function getPerBatchGasCharge() external view returns (int64);
        function getAmortizedCostCapBips() external view returns (uint64);
    }
}

/// Gas of a storage write, which `getPricesInArbGas` reports per storage allocation
/// (`storage.StorageWriteCost`, geth's `SstoreSetGasEIP2200`).
pub const STORAGE_WRITE_GAS: u64 = 20_000;
/// `InitialSpeedLimitPerSecondV6`.
pub const SPEED_LIMIT_PER_SECOND: u64 = 7_000_000;
/// `InitialPerBlockGasLimitV6`, which `getGasAccountingParams` reports as the pool size and
/// the transaction gas limit.
pub const PER_BLOCK_GAS_LIMIT: u64 = 32_000_000;
/// `InitialPricingInertia`.
pub const PRICING_INERTIA: u64 = 102;
/// `InitialBacklogTolerance`.
pub const BACKLOG_TOLERANCE: u64 = 10;
/// `l1pricing.InitialInertia`.
pub const L1_INERTIA: u64 = 10;
/// `l1pricing.InitialPerBatchGasCostV12`.
pub const PER_BATCH_GAS: i64 = 210_000;
/// Gas a call to ArbGasInfo costs here (Nitro charges its precompile call and storage reads;
/// not modelled to the unit).
const CALL_GAS: u64 = 100;

/// Runs an ArbGasInfo call. `min_base_fee` is the chain's configured base fee.
pub(crate) fn run(
    ctx: &mut DevContext,
    inputs: &CallInputs,
    min_base_fee: u64,
) -> InterpreterResult {
    use IArbGasInfo::IArbGasInfoCalls as Call;
    let input = inputs.input.as_bytes(ctx).to_vec();
    let mut gas = Gas::new(inputs.gas_limit);
    if !gas.record_regular_cost(CALL_GAS) {
        return InterpreterResult::new(InstructionResult::OutOfGas, Default::default(), gas);
    }
    // Nitro reads `evm.Context.BaseFee`: the block's base fee (an eth_call without a gas price
    // runs with 0 here, as in geth).
    let base_fee = U256::from(ctx.block().basefee());
    let min_base_fee = U256::from(min_base_fee);
    let wei_prices = || {
        // No L1 pricing: per L2 tx and per L1 calldata byte are 0.
        (
            U256::ZERO,
            U256::ZERO,
            base_fee * U256::from(STORAGE_WRITE_GAS),
            min_base_fee,
            base_fee.saturating_sub(min_base_fee),
            base_fee,
        )
    };
    let gas_prices = (U256::ZERO, U256::ZERO, U256::from(STORAGE_WRITE_GAS));
    let output = match Call::abi_decode(&input) {
        Ok(Call::getPricesInWeiWithAggregator(_)) => {
            IArbGasInfo::getPricesInWeiWithAggregatorCall::abi_encode_returns_tuple(&wei_prices())
        }
        Ok(Call::getPricesInWei(_)) => {
            IArbGasInfo::getPricesInWeiCall::abi_encode_returns_tuple(&wei_prices())
        }
        Ok(Call::getPricesInArbGasWithAggregator(_)) => {
            IArbGasInfo::getPricesInArbGasWithAggregatorCall::abi_encode_returns_tuple(&gas_prices)
        }
        Ok(Call::getPricesInArbGas(_)) => {
            IArbGasInfo::getPricesInArbGasCall::abi_encode_returns_tuple(&gas_prices)
        }
        Ok(Call::getGasAccountingParams(_)) => {
            IArbGasInfo::getGasAccountingParamsCall::abi_encode_returns_tuple(&(
                U256::from(SPEED_LIMIT_PER_SECOND),
                U256::from(PER_BLOCK_GAS_LIMIT),
                U256::from(PER_BLOCK_GAS_LIMIT),
            ))
        }
        Ok(Call::getMinimumGasPrice(_)) => {
            IArbGasInfo::getMinimumGasPriceCall::abi_encode_returns(&min_base_fee)
        }
        Ok(Call::getL1BaseFeeEstimate(_)) => {
            IArbGasInfo::getL1BaseFeeEstimateCall::abi_encode_returns(&U256::ZERO)
        }
        Ok(Call::getL1BaseFeeEstimateInertia(_)) => {
            IArbGasInfo::getL1BaseFeeEstimateInertiaCall::abi_encode_returns(&L1_INERTIA)
        }
        Ok(Call::getL1GasPriceEstimate(_)) => {
            IArbGasInfo::getL1GasPriceEstimateCall::abi_encode_returns(&U256::ZERO)
        }
        Ok(Call::getCurrentTxL1GasFees(_)) => {
            IArbGasInfo::getCurrentTxL1GasFeesCall::abi_encode_returns(&U256::ZERO)
        }
        Ok(Call::getGasBacklog(_)) => IArbGasInfo::getGasBacklogCall::abi_encode_returns(&0),
        Ok(Call::getPricingInertia(_)) => {
            IArbGasInfo::getPricingInertiaCall::abi_encode_returns(&PRICING_INERTIA)
        }
        Ok(Call::getGasBacklogTolerance(_)) => {
            IArbGasInfo::getGasBacklogToleranceCall::abi_encode_returns(&BACKLOG_TOLERANCE)
        }
        Ok(Call::getL1PricingSurplus(_)) => {
            IArbGasInfo::getL1PricingSurplusCall::abi_encode_returns(&I256::ZERO)
        }
        Ok(Call::getPerBatchGasCharge(_)) => {
            IArbGasInfo::getPerBatchGasChargeCall::abi_encode_returns(&PER_BATCH_GAS)
        }
        Ok(Call::getAmortizedCostCapBips(_)) => {
            IArbGasInfo::getAmortizedCostCapBipsCall::abi_encode_returns(&0)
        }
        Err(_) => {
            return InterpreterResult::new(InstructionResult::Revert, Default::default(), gas);
        }
    };
    InterpreterResult::new(InstructionResult::Return, output.into(), gas)
}
