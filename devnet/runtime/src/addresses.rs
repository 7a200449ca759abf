//! The addresses of Arbitrum's precompiles the runtime implements (Nitro's
//! `precompiles/precompile.go` lists them).

use revm::primitives::{Address, address};

/// ArbSys, the system precompile.
pub const ARB_SYS: Address = address!("0000000000000000000000000000000000000064");
/// ArbGasInfo, the chain's gas prices.
pub const ARB_GAS_INFO: Address = address!("000000000000000000000000000000000000006c");
/// ArbWasm, which activates Stylus programs and reports their parameters.
pub const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");
/// ArbWasmCache, which keeps programs in the init cache.
pub const ARB_WASM_CACHE: Address = address!("0000000000000000000000000000000000000072");
/// ArbOwnerPublic, what anyone may read of the chain owners' settings.
pub const ARB_OWNER_PUBLIC: Address = address!("000000000000000000000000000000000000006b");
