//! The Stylus parameters ArbOS keeps (`arbos/programs/params.go`, `StylusParams`), with the
//! values a fresh chain has once upgraded to a given ArbOS version.
//!
//! A fresh Nitro chain starts its Stylus parameters at ArbOS 30 (`initStylusParams`) and then
//! applies each ArbOS upgrade (`arbos/arbosState/arbosstate.go`): ArbOS 31 moves to Stylus
//! version 2 with `MinInitGas = 69`, ArbOS 40 makes `MaxWasmSize` a parameter (128 KiB), ArbOS 50
//! caps `MaxStackDepth` at 22 000 and ArbOS 60 sets `MaxFragmentCount = 2`. The defaults below
//! are the result for [`ARBOS_VERSION`]; [`StylusParams::for_arbos_version`] gives another
//! version's.

/// The ArbOS version [`StylusParams::default`] follows: 50, the last before the Stylus changes
/// of ArbOS 60 (recent-programs cache, multi-value refused, fragmented programs), which are not
/// known to be active on Arbitrum One.
pub const ARBOS_VERSION: u64 = 50;

/// The ArbOS versions whose Stylus rules the runtime models.
pub const MODELLED_ARBOS_VERSIONS: std::ops::RangeInclusive<u64> = 50..=60;

/// From ArbOS 60 (`arbos/programs/programs.go`, `CallProgram`: `if p.ArbosVersion >=
/// params.ArbosVersion_60`): a program called earlier in the same block is priced as cached
/// (the per-block recent-programs cache, `RecentWasms` in Nitro's geth).
pub const ARBOS_VERSION_RECENT_PROGRAMS: u64 = 60;

/// From ArbOS 31 (`ArbosVersion_StylusFixes`, go-ethereum's `params/config_arbitrum.go`):
/// returned data costs at least its EVM memory cost ([`crate::pricing::return_data`]).
pub const ARBOS_VERSION_STYLUS_FIXES: u64 = 31;

/// From ArbOS 32 (`ARBOS_VERSION_STYLUS_CHARGING_FIXES`, `crates/arbutil/src/evm/mod.rs`):
/// activation also charges for the WASM length and limits imports to 513.
pub const ARBOS_VERSION_STYLUS_CHARGING_FIXES: u64 = 32;

/// From ArbOS 60 (`ARBOS_VERSION_STYLUS_NO_MULTI_VALUE`, `crates/arbutil/src/evm/mod.rs`): the
/// multi-value proposal is disabled at activation.
pub const ARBOS_VERSION_STYLUS_NO_MULTI_VALUE: u64 = 60;

/// From ArbOS 60 (`ArbosVersion_StylusContractLimit`, an alias of `ArbosVersion_60` in
/// go-ethereum's `params/config_arbitrum.go`): fragmented programs, a root (`EF F0 02`) naming
/// up to `MaxFragmentCount` fragments (`EF F0 01`), may be deployed, activated and called
/// ([`crate::fragments`]).
pub const ARBOS_VERSION_STYLUS_CONTRACT_LIMIT: u64 = 60;

/// Stylus version after ArbOS 31 (`params.go`, `UpgradeToVersion(2)`).
pub const VERSION: u16 = 2;
/// `initialInkPrice` (`params.go`): one EVM gas buys 10 000 ink.
pub const INK_PRICE: u32 = 10_000;
/// `arbOS50MaxWasmSize` (`params.go`): the stack depth ArbOS 50 caps `MaxStackDepth` at (the
/// initial value, `initialStackDepth`, was 4 × 65 536).
pub const MAX_STACK_DEPTH: u32 = 22_000;
/// `InitialFreePages` (`params.go`): pages each transaction gets for free.
pub const FREE_PAGES: u16 = 2;
/// `InitialPageGas` (`params.go`): linear gas per page beyond the free ones.
pub const PAGE_GAS: u16 = 1_000;
/// `initialPageRamp` (`params.go`): kept for completeness; the exponential part of the page cost
/// uses the fixed table in `memory.go` instead.
pub const PAGE_RAMP: u64 = 620_674_314;
/// `initialPageLimit` (`params.go`): at most 128 pages (8 MiB) open per transaction.
pub const PAGE_LIMIT: u16 = 128;
/// `v2MinInitGas` (`params.go`): the minimum init gas, in units of 128 gas.
pub const MIN_INIT_GAS: u8 = 69;
/// `initialMinCachedGas` (`params.go`): the minimum cached init gas, in units of 32 gas.
pub const MIN_CACHED_INIT_GAS: u8 = 11;
/// `initialInitCostScalar` (`params.go`): init cost scalar, in units of 2 %.
pub const INIT_COST_SCALAR: u8 = 50;
/// `initialCachedCostScalar` (`params.go`): cached init cost scalar, in units of 2 %.
pub const CACHED_COST_SCALAR: u8 = 50;
/// `initialExpiryDays` (`params.go`): an activation lasts a year.
pub const EXPIRY_DAYS: u16 = 365;
/// `initialKeepaliveDays` (`params.go`): days before a program may be kept alive.
pub const KEEPALIVE_DAYS: u16 = 31;
/// `initialRecentCacheSize` (`params.go`): programs in the per-block recent cache.
pub const BLOCK_CACHE_SIZE: u16 = 32;
/// `initialMaxWasmSize` (`params.go`): the largest decompressed WASM, 128 KiB.
pub const MAX_WASM_SIZE: u32 = 128 * 1024;
/// `initialMaxFragmentCount` (`params.go`, ArbOS 60): fragments a root program may name.
pub const MAX_FRAGMENT_COUNT: u8 = 2;

/// `MinInitGasUnits` (`params.go`): gas per unit of `min_init_gas`.
pub const MIN_INIT_GAS_UNITS: u64 = 128;
/// `MinCachedGasUnits` (`params.go`): gas per unit of `min_cached_init_gas`.
pub const MIN_CACHED_GAS_UNITS: u64 = 32;
/// `CostScalarPercent` (`params.go`): percent per unit of the cost scalars.
pub const COST_SCALAR_PERCENT: u64 = 2;

/// The Stylus parameters (`StylusParams` in `arbos/programs/params.go`), plus the ArbOS version
/// that selects version-gated activation rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StylusParams {
    /// ArbOS version of the chain (not stored by Nitro in the params word, but it gates rules).
    pub arbos_version: u64,
    /// Stylus version new activations get.
    pub version: u16,
    /// Ink per EVM gas (a 24-bit value in Nitro).
    pub ink_price: u32,
    /// Stack space a program starts with, in the depth checker's words.
    pub max_stack_depth: u32,
    /// Pages a transaction gets for free.
    pub free_pages: u16,
    /// Linear gas per page beyond the free ones.
    pub page_gas: u16,
    /// Nitro's `PageRamp` (unused by the current memory model; see [`PAGE_RAMP`]).
    pub page_ramp: u64,
    /// Most pages open at once in a transaction.
    pub page_limit: u16,
    /// Minimum init gas, in units of [`MIN_INIT_GAS_UNITS`] gas.
    pub min_init_gas: u8,
    /// Minimum cached init gas, in units of [`MIN_CACHED_GAS_UNITS`] gas.
    pub min_cached_init_gas: u8,
    /// Init cost scalar, in units of [`COST_SCALAR_PERCENT`] percent.
    pub init_cost_scalar: u8,
    /// Cached init cost scalar, in units of [`COST_SCALAR_PERCENT`] percent.
    pub cached_cost_scalar: u8,
    /// Days an activation lasts.
    pub expiry_days: u16,
    /// Days after activation before a keepalive is allowed.
    pub keepalive_days: u16,
    /// Programs kept in the recent-programs cache.
    pub block_cache_size: u16,
    /// Largest decompressed WASM in bytes.
    pub max_wasm_size: u32,
    /// Fragments a root program may name (ArbOS 60).
    pub max_fragment_count: u8,
    /// Whether the chain is a debug chain: allows the `console` debug imports.
    pub debug_mode: bool,
}

impl Default for StylusParams {
    fn default() -> Self {
        Self::for_arbos_version(ARBOS_VERSION)
    }
}

impl StylusParams {
    /// The parameters of a fresh chain upgraded to `arbos_version` (ArbOS 60's upgrade sets
    /// `MaxFragmentCount`; the others are the same from ArbOS 50 on).
    pub fn for_arbos_version(arbos_version: u64) -> Self {
        Self {
            arbos_version,
            version: VERSION,
            ink_price: INK_PRICE,
            max_stack_depth: MAX_STACK_DEPTH,
            free_pages: FREE_PAGES,
            page_gas: PAGE_GAS,
            page_ramp: PAGE_RAMP,
            page_limit: PAGE_LIMIT,
            min_init_gas: MIN_INIT_GAS,
            min_cached_init_gas: MIN_CACHED_INIT_GAS,
            init_cost_scalar: INIT_COST_SCALAR,
            cached_cost_scalar: CACHED_COST_SCALAR,
            expiry_days: EXPIRY_DAYS,
            keepalive_days: KEEPALIVE_DAYS,
            block_cache_size: BLOCK_CACHE_SIZE,
            max_wasm_size: MAX_WASM_SIZE,
            // ArbOS 60's upgrade sets it (`arbosstate.go`, `case 60`); 0 before.
            max_fragment_count: if arbos_version >= ARBOS_VERSION_STYLUS_CONTRACT_LIMIT {
                MAX_FRAGMENT_COUNT
            } else {
                0
            },
            debug_mode: false,
        }
    }

    /// Whether a program called earlier in the block is priced as cached (ArbOS ≥ 60).
    pub fn has_recent_programs_cache(&self) -> bool {
        self.arbos_version >= ARBOS_VERSION_RECENT_PROGRAMS
    }

    /// Whether root programs and their fragments may be deployed, activated and called
    /// (ArbOS ≥ 60).
    pub fn has_fragmented_programs(&self) -> bool {
        self.arbos_version >= ARBOS_VERSION_STYLUS_CONTRACT_LIMIT
    }

    /// Whether activation rejects multi-value functions and blocks (ArbOS ≥ 60).
    pub fn rejects_multi_value(&self) -> bool {
        self.arbos_version >= ARBOS_VERSION_STYLUS_NO_MULTI_VALUE
    }

    /// Whether returned data costs at least its EVM memory cost (ArbOS ≥ 31).
    pub fn prices_return_data(&self) -> bool {
        self.arbos_version >= ARBOS_VERSION_STYLUS_FIXES
    }

    /// Whether activation charges for the WASM length and limits imports (ArbOS ≥ 32).
    pub fn has_charging_fixes(&self) -> bool {
        self.arbos_version >= ARBOS_VERSION_STYLUS_CHARGING_FIXES
    }
}
