//! Ink costs of the host functions (`crates/arbutil/src/pricing.rs`) and the EVM gas constants
//! they use (`crates/arbutil/src/evm/mod.rs`). Which host function pays what is in
//! `crates/wasm-libraries/user-host-trait/lib.rs`: each first buys its `*_BASE_INK`, then the
//! variable parts noted on each constant.

/// Ink of entering any host function.
pub const HOSTIO_INK: u64 = 8400;
/// Ink per pointer argument (13 440 − [`HOSTIO_INK`]).
pub const PTR_INK: u64 = 13_440 - HOSTIO_INK;
/// Ink of a call into the EVM through the host API.
pub const EVM_API_INK: u64 = 59_673;
/// Ink of a 256-bit division.
pub const DIV_INK: u64 = 20_000;
/// Ink of a 256-bit multiplication modulo.
pub const MUL_MOD_INK: u64 = 24_100;
/// Ink of a 256-bit addition modulo.
pub const ADD_MOD_INK: u64 = 21_000;

/// `read_args`; then [`write_price`] of the argument length.
pub const READ_ARGS_BASE_INK: u64 = HOSTIO_INK;
/// `write_result`; then twice [`read_price`] of the result length.
pub const WRITE_RESULT_BASE_INK: u64 = HOSTIO_INK;
/// `storage_load_bytes32`; then gas for the SLOAD.
pub const STORAGE_LOAD_BASE_INK: u64 = HOSTIO_INK + 2 * PTR_INK;
/// `storage_cache_bytes32`; then gas for the SSTORE.
pub const STORAGE_CACHE_BASE_INK: u64 = HOSTIO_INK + 2 * PTR_INK;
/// `storage_flush_cache`.
pub const STORAGE_FLUSH_BASE_INK: u64 = HOSTIO_INK + EVM_API_INK;
/// `transient_load_bytes32`; then [`TLOAD_GAS`].
pub const TRANSIENT_LOAD_BASE_INK: u64 = HOSTIO_INK + 2 * PTR_INK + EVM_API_INK;
/// `transient_store_bytes32`; then [`TSTORE_GAS`].
pub const TRANSIENT_STORE_BASE_INK: u64 = HOSTIO_INK + 2 * PTR_INK + EVM_API_INK;
/// `call_contract`, `delegate_call_contract`, `static_call_contract`; then twice
/// [`read_price`] of the calldata length.
pub const CALL_CONTRACT_BASE_INK: u64 = HOSTIO_INK + 3 * PTR_INK + EVM_API_INK;
/// `create1`; then twice [`read_price`] of the init code length.
pub const CREATE1_BASE_INK: u64 = HOSTIO_INK + 3 * PTR_INK + EVM_API_INK;
/// `create2`; then twice [`read_price`] of the init code length.
pub const CREATE2_BASE_INK: u64 = HOSTIO_INK + 4 * PTR_INK + EVM_API_INK;
/// `read_return_data`; then [`write_price`] of the bytes copied.
pub const READ_RETURN_DATA_BASE_INK: u64 = HOSTIO_INK + EVM_API_INK;
/// `return_data_size`.
pub const RETURN_DATA_SIZE_BASE_INK: u64 = HOSTIO_INK;
/// `emit_log`; then [`read_price`] of the length and the log gas ([`evm_log_gas`]).
pub const EMIT_LOG_BASE_INK: u64 = HOSTIO_INK + EVM_API_INK;
/// `account_balance`.
pub const ACCOUNT_BALANCE_BASE_INK: u64 = HOSTIO_INK + 2 * PTR_INK + EVM_API_INK;
/// `account_code`; then [`write_price`] of the bytes copied.
pub const ACCOUNT_CODE_BASE_INK: u64 = HOSTIO_INK + EVM_API_INK;
/// `account_code_size`.
pub const ACCOUNT_CODE_SIZE_BASE_INK: u64 = HOSTIO_INK + EVM_API_INK;
/// `account_codehash`.
pub const ACCOUNT_CODE_HASH_BASE_INK: u64 = HOSTIO_INK + 2 * PTR_INK + EVM_API_INK;
/// `block_basefee`.
pub const BLOCK_BASEFEE_BASE_INK: u64 = HOSTIO_INK + PTR_INK;
/// `block_coinbase`.
pub const BLOCK_COINBASE_BASE_INK: u64 = HOSTIO_INK + PTR_INK;
/// `block_gas_limit`.
pub const BLOCK_GAS_LIMIT_BASE_INK: u64 = HOSTIO_INK;
/// `block_number`.
pub const BLOCK_NUMBER_BASE_INK: u64 = HOSTIO_INK;
/// `block_timestamp`.
pub const BLOCK_TIMESTAMP_BASE_INK: u64 = HOSTIO_INK;
/// `chainid`.
pub const CHAIN_ID_BASE_INK: u64 = HOSTIO_INK;
/// `contract_address`.
pub const ADDRESS_BASE_INK: u64 = HOSTIO_INK + PTR_INK;
/// `evm_gas_left`.
pub const EVM_GAS_LEFT_BASE_INK: u64 = HOSTIO_INK;
/// `evm_ink_left`.
pub const EVM_INK_LEFT_BASE_INK: u64 = HOSTIO_INK;
/// `math_div`.
pub const MATH_DIV_BASE_INK: u64 = HOSTIO_INK + 3 * PTR_INK + DIV_INK;
/// `math_mod`.
pub const MATH_MOD_BASE_INK: u64 = HOSTIO_INK + 3 * PTR_INK + DIV_INK;
/// `math_pow`; then [`pow_price`] of the exponent.
pub const MATH_POW_BASE_INK: u64 = HOSTIO_INK + 3 * PTR_INK;
/// `math_add_mod`.
pub const MATH_ADD_MOD_BASE_INK: u64 = HOSTIO_INK + 4 * PTR_INK + ADD_MOD_INK;
/// `math_mul_mod`.
pub const MATH_MUL_MOD_BASE_INK: u64 = HOSTIO_INK + 4 * PTR_INK + MUL_MOD_INK;
/// `msg_reentrant`.
pub const MSG_REENTRANT_BASE_INK: u64 = HOSTIO_INK;
/// `msg_sender`.
pub const MSG_SENDER_BASE_INK: u64 = HOSTIO_INK + PTR_INK;
/// `msg_value`.
pub const MSG_VALUE_BASE_INK: u64 = HOSTIO_INK + PTR_INK;
/// `tx_gas_price`.
pub const TX_GAS_PRICE_BASE_INK: u64 = HOSTIO_INK + PTR_INK;
/// `tx_ink_price`.
pub const TX_INK_PRICE_BASE_INK: u64 = HOSTIO_INK;
/// `tx_origin`.
pub const TX_ORIGIN_BASE_INK: u64 = HOSTIO_INK + PTR_INK;
/// `pay_for_memory_grow` with 0 pages (otherwise it buys the [`super::memory_cost`] gas).
pub const PAY_FOR_MEMORY_GROW_BASE_INK: u64 = HOSTIO_INK;

/// EVM gas: the SSTORE sentry (EIP-2200).
pub const SSTORE_SENTRY_GAS: u64 = 2300;
/// EVM gas: cold account access (EIP-2929).
pub const COLD_ACCOUNT_GAS: u64 = 2600;
/// EVM gas: cold SLOAD (EIP-2929).
pub const COLD_SLOAD_GAS: u64 = 2100;
/// EVM gas: warm SLOAD.
pub const WARM_SLOAD_GAS: u64 = 100;
/// EVM gas: TLOAD.
pub const TLOAD_GAS: u64 = WARM_SLOAD_GAS;
/// EVM gas: TSTORE.
pub const TSTORE_GAS: u64 = WARM_SLOAD_GAS;
/// EVM gas per log topic (and for the log itself).
pub const LOG_TOPIC_GAS: u64 = 375;
/// EVM gas per byte of log data.
pub const LOG_DATA_GAS: u64 = 8;
/// EVM gas per word copied.
pub const COPY_WORD_GAS: u64 = 3;
/// EVM gas of KECCAK256.
pub const KECCAK_256_GAS: u64 = 30;
/// EVM gas per word hashed.
pub const KECCAK_WORD_GAS: u64 = 6;

/// 32-byte words covering `bytes`: `ceil(bytes / 32)`.
pub fn evm_words(bytes: u32) -> u32 {
    bytes.div_ceil(32)
}

fn add_mul(base: u64, per: u64, count: u32) -> u64 {
    base.saturating_add(per.saturating_mul(count.into()))
}

/// Ink to write `bytes` into the program's memory: `5040 + 30 × max(bytes − 32, 0)`.
pub fn write_price(bytes: u32) -> u64 {
    add_mul(5040, 30, bytes.saturating_sub(32))
}

/// Ink to read `bytes` from the program's memory: `16 381 + 55 × max(bytes − 32, 0)`.
pub fn read_price(bytes: u32) -> u64 {
    add_mul(16_381, 55, bytes.saturating_sub(32))
}

/// Ink of `native_keccak256` over `bytes` (its whole cost; it buys no base ink):
/// `121 800 + 21 000 × max(words − 2, 0)` with `words = ceil(bytes / 32)`.
pub fn keccak_price(bytes: u32) -> u64 {
    add_mul(121_800, 21_000, evm_words(bytes).saturating_sub(2))
}

/// Variable ink of `math_pow`: `3000 + 17 500 × (33 − leading zero bytes of the exponent)`.
pub fn pow_price(exponent: &[u8; 32]) -> u64 {
    let zeros = exponent.iter().take_while(|byte| **byte == 0).count();
    let significant = 33u64.saturating_sub(u64::try_from(zeros).unwrap_or(33));
    significant.saturating_mul(17_500).saturating_add(3000)
}

/// EVM gas of a log with `topics` topics and `data_len` bytes of data (`pay_for_evm_log`):
/// `(1 + topics) × 375 + data_len × 8`, saturating.
pub fn evm_log_gas(topics: u32, data_len: u32) -> u64 {
    let topics = u64::from(topics)
        .saturating_add(1)
        .saturating_mul(LOG_TOPIC_GAS);
    topics.saturating_add(u64::from(data_len).saturating_mul(LOG_DATA_GAS))
}
