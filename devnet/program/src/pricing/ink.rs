//! Gas and ink (`crates/prover/src/programs/config.rs`, `PricingParams`): one gas buys
//! `ink_price` ink.

use crate::params::StylusParams;

/// Ink bought by `gas`: `gas × ink_price`, saturating.
pub fn gas_to_ink(gas: u64, params: &StylusParams) -> u64 {
    gas.saturating_mul(params.ink_price.into())
}

/// Gas worth `ink`: `ink / ink_price`, rounded down (an `ink_price` of 0, which Nitro never
/// has, is treated as 1).
pub fn ink_to_gas(ink: u64, params: &StylusParams) -> u64 {
    ink.checked_div(params.ink_price.max(1).into())
        .unwrap_or(ink)
}
