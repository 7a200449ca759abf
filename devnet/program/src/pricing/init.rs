//! Program init gas (`arbos/programs/programs.go`, `Program.initGas`, `Program.cachedGas` and
//! the call-time charge in `Programs.CallProgram`).

use super::memory::memory_cost;
use crate::{
    activation::ProgramInfo,
    params::{COST_SCALAR_PERCENT, MIN_CACHED_GAS_UNITS, MIN_INIT_GAS_UNITS, StylusParams},
};

/// `base + ceil(cost × scalar × 2 / 100)`, saturating.
fn scaled(base: u64, cost: u16, scalar: u8) -> u64 {
    let dyno =
        u64::from(cost).saturating_mul(u64::from(scalar).saturating_mul(COST_SCALAR_PERCENT));
    base.saturating_add(dyno.div_ceil(100))
}

/// Init gas of a program that is not cached:
/// `min_init_gas × 128 + ceil(init_cost × init_cost_scalar × 2 / 100)`.
pub fn init_gas(info: &ProgramInfo, params: &StylusParams) -> u64 {
    let base = u64::from(params.min_init_gas).saturating_mul(MIN_INIT_GAS_UNITS);
    scaled(base, info.init_cost, params.init_cost_scalar)
}

/// Cached init gas:
/// `min_cached_init_gas × 32 + ceil(cached_init_cost × cached_cost_scalar × 2 / 100)`.
pub fn cached_init_gas(info: &ProgramInfo, params: &StylusParams) -> u64 {
    let base = u64::from(params.min_cached_init_gas).saturating_mul(MIN_CACHED_GAS_UNITS);
    scaled(base, info.cached_init_cost, params.cached_cost_scalar)
}

/// What entering the smallest possible program costs, `(cached, uncached)`: the cached init
/// gas of a program whose costs are zero (`min_cached_init_gas × 32`), and that plus its init
/// gas (`min_init_gas × 128`). Under the default parameters, 352 and 9,184: no program can be
/// entered for less, whatever its shape.
pub fn entry_gas_floors(params: &StylusParams) -> (u64, u64) {
    let empty = ProgramInfo {
        version: 2,
        init_cost: 0,
        cached_init_cost: 0,
        footprint: 0,
        asm_estimate_kb: 0,
        asm_estimate: 0,
    };
    let cached = cached_init_gas(&empty, params);
    (cached, init_gas(&empty, params).saturating_add(cached))
}

/// The gas a call to the program burns before it starts (`CallProgram`): the memory cost of
/// its footprint given the transaction's `open` and `ever` pages, plus the cached init gas if
/// the program is cached or its version is above 1, plus the init gas if it is not cached.
/// `cached` is whether it is in the init cache (or, from ArbOS 60, in the recent-programs
/// cache).
pub fn call_init_gas(
    info: &ProgramInfo,
    params: &StylusParams,
    open: u16,
    ever: u16,
    cached: bool,
) -> u64 {
    let mut cost = memory_cost(info.footprint, open, ever, params);
    if cached || info.version > 1 {
        cost = cost.saturating_add(cached_init_gas(info, params));
    }
    if !cached {
        cost = cost.saturating_add(init_gas(info, params));
    }
    cost
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floors_under_the_default_parameters_are_352_and_9184() {
        assert_eq!(entry_gas_floors(&StylusParams::default()), (352, 9_184));
    }
}
