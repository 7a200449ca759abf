//! The least a program's frame pays for the data it returns, from ArbOS 31
//! (`ArbosVersion_StylusFixes`): Nitro's `CallProgram` (`arbos/programs/programs.go`) makes
//! returned data (output or revert data) cost at least what the EVM charges to expand memory
//! to its size, `evmMemoryCost`: 3 gas per 32-byte word plus words² / 512. A frame that had
//! less gas than that to start with runs out of gas; otherwise it uses at least that much.

/// `evmMemoryCost(len)`: the EVM's memory expansion cost of `len` bytes from empty.
pub fn evm_memory_cost(len: u64) -> u64 {
    let words = len.div_ceil(32);
    words
        .saturating_mul(3)
        .saturating_add(words.saturating_mul(words) / 512)
}

/// The gas a frame that started with `gas_limit` and returns `len` bytes must have used, or
/// `None` when it could never pay for them (Nitro: out of gas, all gas used).
pub fn min_gas_used_for_return(gas_limit: u64, len: usize) -> Option<u64> {
    let cost = evm_memory_cost(u64::try_from(len).unwrap_or(u64::MAX));
    (gas_limit >= cost).then_some(cost)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_evm_memory_formula() {
        assert_eq!(evm_memory_cost(0), 0);
        assert_eq!(evm_memory_cost(1), 3);
        assert_eq!(evm_memory_cost(32), 3);
        assert_eq!(evm_memory_cost(33), 6);
        // 1,875 words: 5,625 + 1,875² / 512 (6,866).
        assert_eq!(evm_memory_cost(60_000), 5_625 + 6_866);
        assert_eq!(min_gas_used_for_return(12_490, 60_000), None);
        assert_eq!(min_gas_used_for_return(12_491, 60_000), Some(12_491));
    }
}
