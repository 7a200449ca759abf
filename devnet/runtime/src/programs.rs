//! Activated programs: the records ArbOS keeps per code hash, and the compiled modules.
//!
//! A record lives in the storage of the ArbOS state account, one word per code hash, so it is
//! journaled like any other state: an activation in a reverted call is undone, snapshots and
//! state files carry it. Beside it, as Nitro's `moduleHashes`, the hash of the module that
//! activation compiled. The compiled (instrumented) modules are a cache beside the state, keyed
//! by that module hash, never by the code hash: a root program's code hash does not fix its
//! WASM (its fragments do), so an activation that did not stick (an `eth_call`, with state
//! overrides or not) must not change what the code hash runs. A missing module is rebuilt from
//! the code and must hash as recorded.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use revm::{
    context_interface::{ContextTr, JournalTr},
    primitives::{Address, B256, U256, address, keccak256},
};
use stylus_program::{
    activation::{Activated, ProgramInfo},
    params::StylusParams,
    pricing::DataPricer,
};

use crate::context::DevContext;

/// The ArbOS state account (as on Nitro); program records are in its storage.
pub const ARBOS_STATE: Address = address!("A4B05FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");

/// What ArbOS remembers about an activated program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgramRecord {
    /// The Stylus version it was activated under.
    pub version: u16,
    /// Init cost (gas units of the init-cost scalar) when not cached.
    pub init_cost: u16,
    /// Init cost when cached.
    pub cached_init_cost: u16,
    /// Memory footprint in pages.
    pub footprint: u16,
    /// Estimated size of the native code, in KB.
    pub asm_estimate_kb: u32,
    /// Block timestamp of the activation (for expiry).
    pub activated_at: u64,
    /// Whether the program is in the init cache (ArbWasmCache).
    pub cached: bool,
}

impl ProgramRecord {
    /// The record of a program just activated with `info` at `now`.
    pub fn new(info: &ProgramInfo, now: u64) -> Self {
        Self {
            version: info.version,
            init_cost: info.init_cost,
            cached_init_cost: info.cached_init_cost,
            footprint: info.footprint,
            asm_estimate_kb: info.asm_estimate_kb,
            activated_at: now,
            cached: false,
        }
    }

    /// Packs the record in one storage word (big endian, fields in declaration order, then a
    /// marker byte so that an activated record is never zero).
    pub fn to_word(self) -> U256 {
        let mut bytes = [0u8; 32];
        bytes[0..2].copy_from_slice(&self.version.to_be_bytes());
        bytes[2..4].copy_from_slice(&self.init_cost.to_be_bytes());
        bytes[4..6].copy_from_slice(&self.cached_init_cost.to_be_bytes());
        bytes[6..8].copy_from_slice(&self.footprint.to_be_bytes());
        bytes[8..12].copy_from_slice(&self.asm_estimate_kb.to_be_bytes());
        bytes[12..20].copy_from_slice(&self.activated_at.to_be_bytes());
        bytes[20] = u8::from(self.cached);
        bytes[31] = 1;
        U256::from_be_bytes(bytes)
    }

    /// Unpacks a storage word; `None` when no program was activated.
    pub fn from_word(word: U256) -> Option<Self> {
        let bytes: [u8; 32] = word.to_be_bytes();
        if bytes[31] != 1 {
            return None;
        }
        let u16_at = |i: usize| u16::from_be_bytes([bytes[i], bytes[i + 1]]);
        let mut u32_bytes = [0u8; 4];
        u32_bytes.copy_from_slice(&bytes[8..12]);
        let mut u64_bytes = [0u8; 8];
        u64_bytes.copy_from_slice(&bytes[12..20]);
        Some(Self {
            version: u16_at(0),
            init_cost: u16_at(2),
            cached_init_cost: u16_at(4),
            footprint: u16_at(6),
            asm_estimate_kb: u32::from_be_bytes(u32_bytes),
            activated_at: u64::from_be_bytes(u64_bytes),
            cached: bytes[20] != 0,
        })
    }

    /// The program info the pricing functions take.
    pub fn info(&self) -> ProgramInfo {
        ProgramInfo {
            version: self.version,
            init_cost: self.init_cost,
            cached_init_cost: self.cached_init_cost,
            footprint: self.footprint,
            asm_estimate_kb: self.asm_estimate_kb,
            asm_estimate: self.asm_estimate_kb.saturating_mul(1024),
        }
    }

    /// Seconds left before the program expires, or `None` when it already has.
    pub fn time_left(&self, params: &StylusParams, now: u64) -> Option<u64> {
        let lifetime = u64::from(params.expiry_days).saturating_mul(86_400);
        let expires_at = self.activated_at.saturating_add(lifetime);
        expires_at.checked_sub(now).filter(|left| *left > 0)
    }
}

/// The storage slot of `codehash`'s record.
pub fn record_slot(codehash: B256) -> U256 {
    slot_of(b"stylus-runtime.program-record.v1", codehash)
}

/// The slot of `codehash`'s module hash in the ArbOS state account's storage.
fn module_hash_slot(codehash: B256) -> U256 {
    slot_of(b"stylus-runtime.module-hash.v1...", codehash)
}

/// A per-code-hash slot of the ArbOS state account: `keccak256(domain ++ codehash)`.
fn slot_of(domain: &[u8; 32], codehash: B256) -> U256 {
    let mut preimage = [0u8; 64];
    preimage[..32].copy_from_slice(domain);
    preimage[32..].copy_from_slice(codehash.as_slice());
    U256::from_be_bytes(keccak256(preimage).0)
}

/// The hash the runtime gives a compiled module: of its instrumented WASM.
pub fn module_hash(activated: &Activated) -> B256 {
    keccak256(&activated.instrumented)
}

/// Reads the module hash activation recorded for `codehash` (zero if none).
pub fn load_module_hash(ctx: &mut DevContext, codehash: B256) -> B256 {
    load_account(ctx, ARBOS_STATE);
    let word = match ctx
        .journal_mut()
        .sload(ARBOS_STATE, module_hash_slot(codehash))
    {
        Ok(load) => load.data,
        Err(never) => match never {},
    };
    B256::from(word.to_be_bytes())
}

/// Records the module hash of `codehash`'s activation (journaled).
pub fn store_module_hash(ctx: &mut DevContext, codehash: B256, hash: B256) {
    load_account(ctx, ARBOS_STATE);
    match ctx.journal_mut().sstore(
        ARBOS_STATE,
        module_hash_slot(codehash),
        U256::from_be_bytes(hash.0),
    ) {
        Ok(_) => {}
        Err(never) => match never {},
    }
}

/// Loads `address` into the journal: the journal's storage access assumes the account is.
pub(crate) fn load_account(ctx: &mut DevContext, address: Address) {
    match ctx.journal_mut().load_account(address) {
        Ok(_) => {}
        Err(never) => match never {},
    }
}

/// Reads `codehash`'s record from the state.
pub fn load_record(ctx: &mut DevContext, codehash: B256) -> Option<ProgramRecord> {
    load_account(ctx, ARBOS_STATE);
    let word = match ctx.journal_mut().sload(ARBOS_STATE, record_slot(codehash)) {
        Ok(load) => load.data,
        Err(never) => match never {},
    };
    ProgramRecord::from_word(word)
}

/// Writes `codehash`'s record into the state (journaled).
pub fn store_record(ctx: &mut DevContext, codehash: B256, record: ProgramRecord) {
    load_account(ctx, ARBOS_STATE);
    match ctx
        .journal_mut()
        .sstore(ARBOS_STATE, record_slot(codehash), record.to_word())
    {
        Ok(_) => {}
        Err(never) => match never {},
    }
}

/// The slot of the activation data pricer's state.
fn pricer_slot() -> U256 {
    U256::from_be_bytes(keccak256(b"stylus-runtime.data-pricer.v1").0)
}

/// Reads the data pricer (ArbOS's `dataPricer`); a fresh chain has Nitro's initial state.
pub fn load_pricer(ctx: &mut DevContext) -> DataPricer {
    load_account(ctx, ARBOS_STATE);
    let word = match ctx.journal_mut().sload(ARBOS_STATE, pricer_slot()) {
        Ok(load) => load.data,
        Err(never) => match never {},
    };
    if word.is_zero() {
        return DataPricer::default();
    }
    let bytes: [u8; 32] = word.to_be_bytes();
    let u32_at =
        |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let mut time = [0u8; 8];
    time.copy_from_slice(&bytes[4..12]);
    DataPricer {
        demand: u32_at(0),
        last_update_time: u64::from_be_bytes(time),
        bytes_per_second: u32_at(12),
        min_price: u32_at(16),
        inertia: u32_at(20),
    }
}

/// Writes the data pricer (journaled).
pub fn store_pricer(ctx: &mut DevContext, pricer: &DataPricer) {
    load_account(ctx, ARBOS_STATE);
    let mut bytes = [0u8; 32];
    bytes[0..4].copy_from_slice(&pricer.demand.to_be_bytes());
    bytes[4..12].copy_from_slice(&pricer.last_update_time.to_be_bytes());
    bytes[12..16].copy_from_slice(&pricer.bytes_per_second.to_be_bytes());
    bytes[16..20].copy_from_slice(&pricer.min_price.to_be_bytes());
    bytes[20..24].copy_from_slice(&pricer.inertia.to_be_bytes());
    bytes[31] = 1;
    match ctx
        .journal_mut()
        .sstore(ARBOS_STATE, pricer_slot(), U256::from_be_bytes(bytes))
    {
        Ok(_) => {}
        Err(never) => match never {},
    }
}

/// Compiled, instrumented modules by module hash, shared by every frame of a chain.
///
/// It holds at most [`MODULE_CACHE_CAPACITY`] modules (by default); beyond, the oldest
/// compiled goes, and is compiled again from the code when next called. Without a bound, every
/// `eth_call` activating other code would grow it for good.
#[derive(Clone)]
pub struct ModuleCache {
    engine: wasmi::Engine,
    modules: Arc<Mutex<Modules>>,
}

/// How many compiled modules a [`ModuleCache`] keeps by default.
pub const MODULE_CACHE_CAPACITY: usize = 256;

/// The modules and the order they were compiled in.
struct Modules {
    by_hash: HashMap<B256, wasmi::Module>,
    order: std::collections::VecDeque<B256>,
    capacity: usize,
}

impl std::fmt::Debug for ModuleCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModuleCache").finish_non_exhaustive()
    }
}

impl Default for ModuleCache {
    fn default() -> Self {
        Self::new()
    }
}

impl ModuleCache {
    /// An empty cache with its own wasmi engine, keeping [`MODULE_CACHE_CAPACITY`] modules.
    pub fn new() -> Self {
        Self::with_capacity(MODULE_CACHE_CAPACITY)
    }

    /// An empty cache keeping at most `capacity` modules (at least one).
    pub fn with_capacity(capacity: usize) -> Self {
        let mut config = wasmi::Config::default();
        // Nitro meters by instrumentation (ink globals), not by the engine's fuel.
        config.consume_fuel(false);
        Self {
            engine: wasmi::Engine::new(&config),
            modules: Arc::new(Mutex::new(Modules {
                by_hash: HashMap::new(),
                order: std::collections::VecDeque::new(),
                capacity: capacity.max(1),
            })),
        }
    }

    /// How many modules it holds.
    pub fn len(&self) -> usize {
        self.lock().by_hash.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The engine every module and store of this cache uses.
    pub fn engine(&self) -> &wasmi::Engine {
        &self.engine
    }

    /// The module of `module_hash`, if compiled already.
    pub fn get(&self, module_hash: B256) -> Option<wasmi::Module> {
        self.lock().by_hash.get(&module_hash).cloned()
    }

    /// Compiles an activated program and keeps it under its [`module_hash`], which it returns
    /// with the module.
    pub fn insert(&self, activated: &Activated) -> Result<(B256, wasmi::Module), String> {
        let hash = module_hash(activated);
        if let Some(module) = self.get(hash) {
            return Ok((hash, module));
        }
        let module = wasmi::Module::new(&self.engine, &activated.instrumented[..])
            .map_err(|error| format!("instrumented module does not compile: {error}"))?;
        let mut modules = self.lock();
        if modules.by_hash.insert(hash, module.clone()).is_none() {
            modules.order.push_back(hash);
        }
        while modules.by_hash.len() > modules.capacity {
            let Some(oldest) = modules.order.pop_front() else {
                break;
            };
            modules.by_hash.remove(&oldest);
        }
        Ok((hash, module))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Modules> {
        // A poisoned lock only means another thread panicked while inserting; the map is
        // still consistent (inserts are single operations).
        self.modules
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn record_round_trips_through_a_word() {
        let record = ProgramRecord {
            version: 2,
            init_cost: 1234,
            cached_init_cost: 56,
            footprint: 3,
            asm_estimate_kb: 70_000,
            activated_at: 1_700_000_000,
            cached: true,
        };
        assert_eq!(ProgramRecord::from_word(record.to_word()), Some(record));
        assert_eq!(ProgramRecord::from_word(U256::ZERO), None);
    }

    #[test]
    fn time_left_counts_down_to_expiry() {
        let params = StylusParams::default();
        let record = ProgramRecord {
            version: 1,
            init_cost: 0,
            cached_init_cost: 0,
            footprint: 1,
            asm_estimate_kb: 1,
            activated_at: 1000,
            cached: false,
        };
        let lifetime = u64::from(params.expiry_days) * 86_400;
        assert_eq!(record.time_left(&params, 1000), Some(lifetime));
        assert_eq!(record.time_left(&params, 1000 + lifetime - 1), Some(1));
        assert_eq!(record.time_left(&params, 1000 + lifetime), None);
    }

    fn activated(constant: i32) -> Activated {
        let wasm = wat::parse_str(format!(
            r#"(module
                (import "vm_hooks" "pay_for_memory_grow" (func (param i32)))
                (memory (export "memory") 1 1)
                (func (export "user_entrypoint") (param i32) (result i32) i32.const {constant}))"#
        ))
        .unwrap();
        stylus_program::activate(&wasm, &StylusParams::default()).unwrap()
    }

    #[test]
    fn keeps_at_most_its_capacity_dropping_the_oldest() {
        let cache = ModuleCache::with_capacity(2);
        let (first, _) = cache.insert(&activated(0)).unwrap();
        let (second, _) = cache.insert(&activated(1)).unwrap();
        // The same module again is not a new entry.
        cache.insert(&activated(0)).unwrap();
        assert_eq!(cache.len(), 2);
        let (third, _) = cache.insert(&activated(2)).unwrap();
        assert_eq!(cache.len(), 2);
        assert!(cache.get(first).is_none());
        assert!(cache.get(second).is_some() && cache.get(third).is_some());
    }
}
