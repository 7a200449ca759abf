//! Storage: the frame's slot cache (Nitro's StorageCache) with `storage_load_bytes32`,
//! `storage_cache_bytes32` and `storage_flush_cache`, and transient storage (EIP-1153).

use revm::{
    context_interface::{Cfg, ContextTr, JournalTr},
    primitives::{B256, U256},
};
use stylus_program::pricing::{
    self,
    hostio::{self},
};
use wasmi::{Caller, Linker, errors::LinkerError};

use super::{Host, HostResult, HostState, M, StorageWord};

/// Registers this group's host functions.
pub(super) fn register(linker: &mut Linker<HostState>) -> Result<(), LinkerError> {
    linker.func_wrap(
        M,
        "storage_load_bytes32",
        |caller: Caller<'_, HostState>, key: u32, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::STORAGE_LOAD_BASE_INK)?;
            let api_gas = pricing::ink_to_gas(hostio::EVM_API_INK, &host.state().shared.params);
            host.require_gas(COLD_SLOAD_GAS + CACHE_ACCESS_GAS + api_gas)?;
            let key = host.read_bytes32(key)?;
            let state = host.state();
            state.storage_reads = state.storage_reads.saturating_add(1);
            let mut cost = cache_read_gas(state.storage_reads);
            let value = match state.storage.get(&key) {
                Some(word) => word.value,
                None => {
                    let address = state.env.address;
                    crate::programs::load_account(&mut state.ctx, address);
                    let load = match state.ctx.journal_mut().sload(address, key.into()) {
                        Ok(load) => load,
                        Err(never) => match never {},
                    };
                    let value = B256::from(load.data.to_be_bytes::<32>());
                    let access = if load.is_cold { COLD_SLOAD_GAS } else { 100 };
                    cost = cost.saturating_add(access).saturating_add(api_gas);
                    state.storage.insert(
                        key,
                        StorageWord {
                            value,
                            known: Some(value),
                        },
                    );
                    value
                }
            };
            host.buy_gas(cost)?;
            host.write_slice(dest, value.as_slice())
        },
    )?;

    linker.func_wrap(
        M,
        "storage_cache_bytes32",
        |caller: Caller<'_, HostState>, key: u32, value: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::STORAGE_CACHE_BASE_INK)?;
            host.require_gas(SSTORE_SENTRY_GAS + CACHE_ACCESS_GAS)?;
            let key = host.read_bytes32(key)?;
            let value = host.read_bytes32(value)?;
            let state = host.state();
            state.storage_writes = state.storage_writes.saturating_add(1);
            let cost = cache_write_gas(state.storage_writes);
            state
                .storage
                .entry(key)
                .and_modify(|word| word.value = value)
                .or_insert(StorageWord { value, known: None });
            host.buy_gas(cost)
        },
    )?;

    linker.func_wrap(
        M,
        "storage_flush_cache",
        |caller: Caller<'_, HostState>, clear: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::STORAGE_FLUSH_BASE_INK)?;
            host.require_gas(SSTORE_SENTRY_GAS)?;
            flush_storage(&mut host, clear != 0)
        },
    )?;

    linker.func_wrap(
        M,
        "transient_load_bytes32",
        |caller: Caller<'_, HostState>, key: u32, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::TRANSIENT_LOAD_BASE_INK)?;
            host.buy_gas(TRANSIENT_GAS)?;
            let key = host.read_bytes32(key)?;
            let address = host.state().env.address;
            let value = host.ctx().journal_mut().tload(address, key.into());
            host.write_u256(dest, value)
        },
    )?;

    linker.func_wrap(
        M,
        "transient_store_bytes32",
        |caller: Caller<'_, HostState>, key: u32, value: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::TRANSIENT_STORE_BASE_INK)?;
            host.buy_gas(TRANSIENT_GAS)?;
            let key = host.read_bytes32(key)?;
            let value = host.read_u256(value)?;
            if host.state().env.is_static {
                return host.write_protection();
            }
            let address = host.state().env.address;
            host.ctx().journal_mut().tstore(address, key.into(), value);
            Ok(())
        },
    )?;

    Ok(())
}

/// Gas a storage read with a cold miss costs at most (Nitro: COLD_SLOAD_GAS).
const COLD_SLOAD_GAS: u64 = 2_100;
/// Gas that must be left for any storage write (EIP-2200's sentry).
const SSTORE_SENTRY_GAS: u64 = 2_300;
/// Nitro's StorageCache::REQUIRED_ACCESS_GAS.
const CACHE_ACCESS_GAS: u64 = 10;
/// TLOAD / TSTORE gas (EIP-1153).
const TRANSIENT_GAS: u64 = 100;

fn cache_read_gas(reads: u32) -> u64 {
    match reads {
        0..=32 => 0,
        33..=128 => 2,
        _ => 10,
    }
}

fn cache_write_gas(writes: u32) -> u64 {
    match writes {
        0..=8 => 0,
        9..=64 => 7,
        _ => 10,
    }
}

/// Writes the dirty slots of the cache to the state, as Nitro's `SetTrieSlots` does.
fn flush_storage(host: &mut Host<'_>, clear: bool) -> HostResult<()> {
    let dirty: Vec<(B256, B256)> = host
        .state()
        .storage
        .iter()
        .filter(|(_, word)| word.known != Some(word.value))
        .map(|(key, word)| (*key, word.value))
        .collect();
    if clear {
        host.state().storage.clear();
    }
    if dirty.is_empty() {
        return Ok(());
    }
    if host.state().env.is_static {
        return host.write_protection();
    }
    let address = host.state().env.address;
    crate::programs::load_account(host.ctx(), address);
    let mut total: u64 = 0;
    for (key, value) in dirty {
        let gas_left = host.gas_left().saturating_sub(total);
        if gas_left <= SSTORE_SENTRY_GAS {
            return host.out_of_ink();
        }
        let state = host.state();
        let result =
            match state
                .ctx
                .journal_mut()
                .sstore(address, key.into(), U256::from_be_bytes(value.0))
            {
                Ok(result) => result,
                Err(never) => match never {},
            };
        let params = state.ctx.cfg().gas_params();
        let cost = params
            .sstore_static_gas()
            .saturating_add(params.sstore_dynamic_gas(true, &result.data, result.is_cold));
        let refund = params.sstore_refund(true, &result.data);
        state.refund = state.refund.saturating_add(refund);
        if let Some(word) = state.storage.get_mut(&key) {
            word.known = Some(value);
        }
        total = total.saturating_add(cost);
        if total > host.gas_left() {
            return host.out_of_ink();
        }
    }
    host.buy_gas(total)
}
