//! ArbOS 60's recent-programs cache, behind the chain's ArbOS version: from 60, a program
//! called earlier in the same block is priced as cached; before 60 (the default), never.
//! The difference is the init gas ArbWasm reports: `programInitGas` minus its cached figure.

#![allow(clippy::arithmetic_side_effects, clippy::unwrap_used)]

mod common;

use alloy_sol_types::SolCall;
use common::*;
use revm::primitives::{Address, U256};
use stylus_program::params::StylusParams;
use stylus_runtime::{Chain, arb_wasm::IArbWasm, precompiles::ARB_WASM};

/// A chain at `arbos_version` with ALICE funded, and two programs of different code.
fn chain_at(arbos_version: u64, block_cache_size: u16) -> (Chain, Address, Address) {
    let params = StylusParams {
        block_cache_size,
        ..StylusParams::for_arbos_version(arbos_version)
    };
    let mut chain = Chain::with_params(stylus_runtime::DEFAULT_CHAIN_ID, params);
    chain.fund(ALICE, U256::from(1_000 * ETHER));
    let tiny = deploy_program(
        &mut chain,
        &stylus_program::code::encode_program(&wasm("tiny")),
    );
    let probe = deploy_probe(&mut chain);
    (chain, tiny, probe)
}

/// The gas a call saves when priced as cached: ArbWasm's init gas minus its cached init gas.
fn init_saving(chain: &mut Chain, program: Address) -> u64 {
    let init = view(
        chain,
        ARB_WASM,
        IArbWasm::programInitGasCall { program }.abi_encode(),
    );
    let init = IArbWasm::programInitGasCall::abi_decode_returns(&ok(&init)).unwrap();
    init.gas - init.gasWhenCached
}

/// Gas of a transaction calling `program` (tiny echoes; the probe's op 0 echoes too), sent in
/// block `block`.
fn gas_in_block(chain: &mut Chain, block: u64, program: Address) -> u64 {
    chain.set_block_number(block);
    let receipt = send(chain, program, vec![0u8, 1, 2, 3]);
    ok(&receipt);
    receipt.gas_used
}

#[test]
fn from_arbos_60_a_second_call_in_the_block_is_priced_as_cached() {
    let (mut chain, tiny, _) = chain_at(60, 32);
    let saving = init_saving(&mut chain, tiny);
    assert!(saving > 5_000, "the uncached part of tiny's init: {saving}");
    let first = gas_in_block(&mut chain, 100, tiny);
    let second = gas_in_block(&mut chain, 100, tiny);
    assert_eq!(first - second, saving);
    // The next block starts with an empty cache.
    let next_block = gas_in_block(&mut chain, 101, tiny);
    assert_eq!(next_block, first);
}

#[test]
fn before_arbos_60_the_default_never_prices_a_call_as_recent() {
    assert!(!StylusParams::default().has_recent_programs_cache());
    let mut chain = common::chain();
    let tiny = deploy_program(
        &mut chain,
        &stylus_program::code::encode_program(&wasm("tiny")),
    );
    let first = gas_in_block(&mut chain, 100, tiny);
    let second = gas_in_block(&mut chain, 100, tiny);
    assert_eq!(first, second);
    let (mut chain_50, tiny_50, _) = chain_at(50, 32);
    let first = gas_in_block(&mut chain_50, 100, tiny_50);
    assert_eq!(gas_in_block(&mut chain_50, 100, tiny_50), first);
}

#[test]
fn the_cache_holds_block_cache_size_programs() {
    // One entry: calling the probe between two calls of tiny evicts tiny.
    let (mut chain, tiny, probe) = chain_at(60, 1);
    let first = gas_in_block(&mut chain, 100, tiny);
    gas_in_block(&mut chain, 100, probe);
    assert_eq!(gas_in_block(&mut chain, 100, tiny), first, "evicted");
    // Two entries: both stay.
    let (mut chain, tiny, probe) = chain_at(60, 2);
    let saving = init_saving(&mut chain, tiny);
    let first = gas_in_block(&mut chain, 100, tiny);
    gas_in_block(&mut chain, 100, probe);
    assert_eq!(first - gas_in_block(&mut chain, 100, tiny), saving);
}

#[test]
fn eth_call_neither_sees_nor_fills_the_blocks_cache() {
    let (mut chain, tiny, _) = chain_at(60, 32);
    let first = gas_in_block(&mut chain, 100, tiny);
    // A call in block 100 after a transaction of tiny: priced uncached, as Nitro's eth_call
    // on a fresh state.
    chain.set_block_number(100);
    let call = view(&mut chain, tiny, vec![0u8, 1, 2, 3]);
    ok(&call);
    assert_eq!(call.gas_used, first);
    // A call first, then transactions: the call left nothing behind.
    let (mut chain, tiny, _) = chain_at(60, 32);
    chain.set_block_number(100);
    ok(&view(&mut chain, tiny, vec![0u8, 1, 2, 3]));
    let after_call = gas_in_block(&mut chain, 100, tiny);
    assert_eq!(after_call, first);
}

#[test]
fn a_reverted_block_leaves_no_recent_programs_behind() {
    let (mut chain, tiny, _) = chain_at(60, 32);
    chain.set_block_number(100);
    let snapshot = chain.snapshot();
    let first = gas_in_block(&mut chain, 100, tiny);
    assert!(chain.revert_to(snapshot));
    // Block 100 again, after evm_revert: the first call is priced uncached again.
    assert_eq!(gas_in_block(&mut chain, 100, tiny), first);
}

#[test]
fn arbsys_reports_the_chains_arbos_version() {
    for version in [50, 60] {
        let (mut chain, _, _) = chain_at(version, 32);
        let reported = view(
            &mut chain,
            stylus_runtime::precompiles::ARB_SYS,
            alloy_primitives_selector("arbOSVersion()"),
        );
        assert_eq!(be_u256(&ok(&reported)), U256::from(55 + version));
    }
}

/// The 4-byte selector of `signature`.
fn alloy_primitives_selector(signature: &str) -> Vec<u8> {
    revm::primitives::keccak256(signature.as_bytes())[..4].to_vec()
}
