//! Gas charged for Stylus execution, against Nitro's formulas worked out by hand.
//!
//! Tolerance: the runtime must match the hand computation to within 1 gas per transaction.
//! The single gas of slack covers the one rounding in the model, converting the frame's ink
//! to gas (Nitro rounds the gas left down, i.e. the ink used up); everything else (intrinsic
//! gas, init gas, per-opcode ink, host ink, storage gas) is integral and must agree exactly.
//! Measured: the runtime agrees exactly (difference 0) for calldata of 0 to 1000 bytes
//! (30 234 to 46 248 gas).

#![allow(clippy::arithmetic_side_effects)]

mod common;

use alloy_sol_types::SolCall;
use common::*;
use stylus_program::{
    meter::costs::INK_HEADER_COST,
    pricing::hostio::{HOSTIO_INK, read_price, write_price},
    pricing::return_data::evm_memory_cost,
};
use stylus_runtime::{Status, Tx, arb_wasm::IArbWasm, precompiles::ARB_WASM};

/// Gas allowed between the runtime and the hand computation (see the file comment).
const TOLERANCE: u64 = 1;

fn intrinsic(calldata: &[u8]) -> u64 {
    21_000
        + calldata
            .iter()
            .map(|byte| if *byte == 0 { 4 } else { 16 })
            .sum::<u64>()
}

#[test]
fn a_known_program_costs_what_nitros_formulas_say() {
    let mut chain = chain();
    let wasm = wasm("tiny");
    let program = deploy_program(&mut chain, &stylus_program::code::encode_program(&wasm));

    // Init gas: as ArbWasm reports it, and as the pricing formulas give it from the
    // activation's recorded costs. One page of memory is within the two free pages.
    let init = view(
        &mut chain,
        ARB_WASM,
        IArbWasm::programInitGasCall { program }.abi_encode(),
    );
    let init = IArbWasm::programInitGasCall::abi_decode_returns(&ok(&init)).unwrap();
    let params = *chain.precompiles().params();
    let info = stylus_program::activate(&wasm, &params).unwrap().info;
    let call_init = stylus_program::pricing::call_init_gas(&info, &params, 0, 0, false);
    assert_eq!(
        call_init, init.gas,
        "uncached version-2 call: init + cached init"
    );

    for len in [0usize, 1, 32, 100, 1000, 60_000] {
        let calldata: Vec<u8> = (0..len).map(|i| (i % 251) as u8 + 1).collect();
        // Ink, block by block (each block pays its opcodes plus the header):
        //   i32.const, call                   1 + 3800
        //   i32.const, local.get, call        1 + 75 + 3800
        //   i32.const, end                    1 + 1
        let ops = (1 + 3800) + (1 + 75 + 3800) + (1 + 1) + 3 * INK_HEADER_COST;
        // Host ink: read_args writes `len` bytes into the program; write_result reads them
        // twice (from the program, then into the result).
        let len32 = len as u32;
        let host = (HOSTIO_INK + write_price(len32)) + (HOSTIO_INK + 2 * read_price(len32));
        let ink = ops + host;
        let frame = call_init + ink.div_ceil(10_000);
        // From ArbOS 31 the returned data costs at least its EVM memory expansion: it binds
        // for the longest echo (1,875 words: 12,491 gas against the frame's own ~10,000).
        let parity = evm_memory_cost(len as u64);
        assert_eq!(
            parity > frame,
            len == 60_000,
            "len {len}: {parity} vs {frame}"
        );
        let expected = intrinsic(&calldata) + frame.max(parity);

        let receipt = send(&mut chain, program, calldata.clone());
        assert_eq!(ok(&receipt).as_ref(), calldata.as_slice());
        let diff = receipt.gas_used.abs_diff(expected);
        assert!(
            diff <= TOLERANCE,
            "len {len}: runtime {} vs expected {expected}",
            receipt.gas_used
        );
    }
}

#[test]
fn a_cold_storage_write_costs_the_evms_sstore() {
    // The probe's store op against its echo op with calldata of the same length: the
    // difference is the SSTORE (cold, zero to non-zero: 2 100 + 20 000) plus the storage
    // host calls' ink (cache + flush, ~9 gas) and the few opcodes of the store loop.
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let args = [word(1), word(2)];
    let store = send(
        &mut chain,
        probe,
        probe_call(Op::Store, &[&args[0], &args[1]]),
    );
    ok(&store);
    let mut echo_data = vec![Op::Echo as u8];
    echo_data.extend_from_slice(&probe_call(Op::Store, &[&args[0], &args[1]])[1..]);
    let echo = send(&mut chain, probe, echo_data);
    ok(&echo);
    // Same calldata length and non-zero bytes except the op byte (0x01 vs 0x00: 12 gas).
    let diff = store.gas_used - echo.gas_used;
    assert!(
        (22_100..22_200).contains(&diff),
        "store costs {diff} more than echo"
    );
    // Writing the same value again is a warm no-op write in a new transaction: cold slot
    // read (2 100) + 100, far below the first write.
    let again = send(
        &mut chain,
        probe,
        probe_call(Op::Store, &[&args[0], &args[1]]),
    );
    ok(&again);
    assert!(
        again.gas_used < store.gas_used - 19_000,
        "{}",
        again.gas_used
    );
}

#[test]
fn an_infinite_loop_runs_out_of_gas_and_consumes_it_all() {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    let gas_limit = 300_000;
    let receipt = chain
        .transact(Tx {
            from: ALICE,
            to: Some(probe),
            data: probe_call(Op::Spin, &[]),
            gas_limit: Some(gas_limit),
            ..Tx::default()
        })
        .unwrap();
    assert!(matches!(receipt.status, Status::Halt(_)), "{receipt:?}");
    assert_eq!(receipt.gas_used, gas_limit);
    assert_eq!(receipt.stylus_failure.as_deref(), Some("out of ink"));

    // Inside a call with a gas cap, only the callee's gas is lost: the caller records the
    // failure and succeeds.
    let caller = deploy_solidity(&mut chain, "Caller");
    let receipt = send(
        &mut chain,
        caller,
        ICaller::tryCallCall {
            target: probe,
            value: Default::default(),
            gasLimit: revm::primitives::U256::from(100_000),
            data: probe_call(Op::Spin, &[]),
        }
        .abi_encode(),
    );
    let returned = ICaller::tryCallCall::abi_decode_returns(&ok(&receipt)).unwrap();
    assert!(!returned.success);
    // The 100 000 given to the callee are gone; the caller's own work is a few ten thousand.
    assert!(
        receipt.gas_used > 100_000 && receipt.gas_used < 200_000,
        "{}",
        receipt.gas_used
    );
}

#[test]
fn a_frame_without_gas_for_its_returned_datas_evm_memory_runs_out_of_gas() {
    // tiny echoes 60,000 bytes: its own cost is below 12,491 gas (see the first test), the
    // EVM memory cost of 60,000 bytes is 12,491. With one gas less than that for the frame,
    // it runs out of gas (Nitro: ErrOutOfGas, all gas used, no data); with exactly that, it
    // returns the data and uses all of it.
    let mut chain = chain();
    let tiny = deploy_program(
        &mut chain,
        &stylus_program::code::encode_program(&wasm("tiny")),
    );
    let data: Vec<u8> = (0..60_000).map(|i| (i % 251) as u8 + 1).collect();
    assert_eq!(evm_memory_cost(60_000), 12_491);
    for (frame_gas, succeeds) in [(12_490u64, false), (12_491, true)] {
        let gas_limit = intrinsic(&data) + frame_gas;
        let receipt = chain
            .transact(Tx {
                from: ALICE,
                to: Some(tiny),
                data: data.clone().into(),
                gas_limit: Some(gas_limit),
                ..Tx::default()
            })
            .unwrap();
        assert_eq!(receipt.gas_used, gas_limit, "frame gas {frame_gas}");
        if succeeds {
            assert_eq!(ok(&receipt).as_ref(), data.as_slice());
        } else {
            assert!(matches!(receipt.status, Status::Halt(_)), "{receipt:?}");
            assert_eq!(
                receipt.stylus_failure.as_deref(),
                Some("out of gas to return data")
            );
        }
    }
}
