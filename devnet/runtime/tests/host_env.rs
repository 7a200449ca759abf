//! Host functions that read the environment or compute: block, transaction, message,
//! accounts, the u256 maths, keccak, ink and gas left. Each is called through the probe
//! (tests/programs/probe.wat) and compared with what the chain knows.

#![allow(clippy::arithmetic_side_effects)]

mod common;

use common::*;
use revm::primitives::{Address, B256, U256, keccak256};
use stylus_runtime::{Chain, DEFAULT_CHAIN_ID, DEFAULT_TX_GAS, Tx};

fn setup() -> (Chain, Address) {
    let mut chain = chain();
    let probe = deploy_probe(&mut chain);
    (chain, probe)
}

fn run(chain: &mut Chain, probe: Address, op: Op, args: &[&[u8]]) -> Vec<u8> {
    ok(&send(chain, probe, probe_call(op, args))).to_vec()
}

#[test]
fn read_args_and_write_result_echo_the_calldata() {
    let (mut chain, probe) = setup();
    let payload: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
    assert_eq!(run(&mut chain, probe, Op::Echo, &[&payload]), payload);
    assert_eq!(run(&mut chain, probe, Op::Echo, &[]), Vec::<u8>::new());
}

#[test]
fn block_values_are_the_chains() {
    let (mut chain, probe) = setup();
    chain.set_block_number(777);
    let now = stylus_runtime::GENESIS_TIMESTAMP + 86_400;
    chain.set_timestamp(now);
    assert_eq!(le_u64(&run(&mut chain, probe, Op::Number, &[])), 777);
    // One block per transaction: the next one is 778.
    assert_eq!(le_u64(&run(&mut chain, probe, Op::Number, &[])), 778);
    assert_eq!(le_u64(&run(&mut chain, probe, Op::Timestamp, &[])), now);
    assert_eq!(
        le_u64(&run(&mut chain, probe, Op::ChainId, &[])),
        DEFAULT_CHAIN_ID
    );
    assert_eq!(le_u64(&run(&mut chain, probe, Op::GasLimit, &[])), 1 << 50);
    assert_eq!(
        be_u256(&run(&mut chain, probe, Op::Basefee, &[])),
        U256::ZERO
    );
    assert_eq!(
        run(&mut chain, probe, Op::Coinbase, &[]),
        Address::ZERO.to_vec()
    );
}

#[test]
fn transaction_and_message_values() {
    let (mut chain, probe) = setup();
    assert_eq!(run(&mut chain, probe, Op::Origin, &[]), ALICE.to_vec());
    assert_eq!(run(&mut chain, probe, Op::Sender, &[]), ALICE.to_vec());
    assert_eq!(run(&mut chain, probe, Op::Address, &[]), probe.to_vec());
    assert_eq!(
        be_u256(&run(&mut chain, probe, Op::GasPrice, &[])),
        U256::ZERO
    );
    assert_eq!(le_u32(&run(&mut chain, probe, Op::InkPrice, &[])), 10_000);
    assert_eq!(le_u32(&run(&mut chain, probe, Op::Reentrant, &[])), 0);
    let value = U256::from(12_345u64);
    let receipt = send_value(&mut chain, probe, value, probe_call(Op::Value, &[]));
    assert_eq!(be_u256(&ok(&receipt)), value);

    // Through a Solidity contract: sender is the contract, origin stays the EOA.
    let caller = deploy_solidity(&mut chain, "Caller");
    let forward = |op: Op| {
        alloy_sol_types::SolCall::abi_encode(&ICaller::forwardCall {
            target: probe,
            data: probe_call(op, &[]),
        })
    };
    let out = ok(&send(&mut chain, caller, forward(Op::Sender)));
    let decoded =
        <ICaller::forwardCall as alloy_sol_types::SolCall>::abi_decode_returns(&out).unwrap();
    assert_eq!(decoded.to_vec(), caller.to_vec());
    let out = ok(&send(&mut chain, caller, forward(Op::Origin)));
    let decoded =
        <ICaller::forwardCall as alloy_sol_types::SolCall>::abi_decode_returns(&out).unwrap();
    assert_eq!(decoded.to_vec(), ALICE.to_vec());
}

#[test]
fn account_balance_code_size_and_hash() {
    let (mut chain, probe) = setup();
    let counter = deploy_solidity(&mut chain, "Counter");
    let code = chain.code(counter);
    assert!(!code.is_empty());

    let balance = run(&mut chain, probe, Op::Balance, &[ALICE.as_slice()]);
    assert_eq!(be_u256(&balance), chain.balance(ALICE));

    let size = run(&mut chain, probe, Op::CodeSize, &[counter.as_slice()]);
    assert_eq!(le_u32(&size) as usize, code.len());
    let hash = run(&mut chain, probe, Op::Codehash, &[counter.as_slice()]);
    assert_eq!(B256::from_slice(&hash), keccak256(&code));
    assert_eq!(B256::from_slice(&hash), chain.code_hash(counter));

    // A window of the code, and a window running past its end.
    let window = |offset: u32, size: u32| {
        let mut args = counter.to_vec();
        args.extend_from_slice(&offset.to_le_bytes());
        args.extend_from_slice(&size.to_le_bytes());
        args
    };
    let part = run(&mut chain, probe, Op::Code, &[&window(5, 10)]);
    assert_eq!(part, code[5..15].to_vec());
    let len = code.len() as u32;
    let tail = run(&mut chain, probe, Op::Code, &[&window(len - 3, 100)]);
    assert_eq!(tail, code[code.len() - 3..].to_vec());
    let past = run(&mut chain, probe, Op::Code, &[&window(len + 10, 4)]);
    assert!(past.is_empty());

    // The probe sees its own Stylus code; an EOA has no code and the empty code's hash; an
    // account that does not exist has hash zero (EIP-1052).
    let own = run(&mut chain, probe, Op::CodeSize, &[probe.as_slice()]);
    assert_eq!(le_u32(&own) as usize, chain.code(probe).len());
    let bob_size = run(&mut chain, probe, Op::CodeSize, &[BOB.as_slice()]);
    assert_eq!(le_u32(&bob_size), 0);
    let bob_hash = run(&mut chain, probe, Op::Codehash, &[BOB.as_slice()]);
    assert_eq!(B256::from_slice(&bob_hash), keccak256([]));
    let nobody = Address::repeat_byte(0x77);
    let nobody_hash = run(&mut chain, probe, Op::Codehash, &[nobody.as_slice()]);
    assert_eq!(B256::from_slice(&nobody_hash), B256::ZERO);
}

#[test]
fn maths_match_u256() {
    let (mut chain, probe) = setup();
    let a = U256::from_str_radix("123456789abcdef0123456789abcdef0123456789abcdef", 16).unwrap();
    let b = U256::from(0xfedc_ba98u64);
    let m = U256::from(1_000_000_007u64);
    let enc = |v: U256| v.to_be_bytes::<32>();
    let calc = |chain: &mut Chain, op: Op, args: &[U256]| {
        let words: Vec<[u8; 32]> = args.iter().map(|v| enc(*v)).collect();
        let refs: Vec<&[u8]> = words.iter().map(|w| w.as_slice()).collect();
        be_u256(&run(chain, probe, op, &refs))
    };
    assert_eq!(calc(&mut chain, Op::Div, &[a, b]), a / b);
    assert_eq!(calc(&mut chain, Op::Div, &[a, U256::ZERO]), U256::ZERO);
    assert_eq!(calc(&mut chain, Op::Mod, &[a, b]), a % b);
    assert_eq!(calc(&mut chain, Op::Mod, &[a, U256::ZERO]), U256::ZERO);
    assert_eq!(
        calc(&mut chain, Op::Pow, &[b, U256::from(7)]),
        b.wrapping_pow(U256::from(7))
    );
    assert_eq!(
        calc(&mut chain, Op::Pow, &[U256::from(3), U256::from(300)]),
        U256::from(3).wrapping_pow(U256::from(300))
    );
    assert_eq!(
        calc(&mut chain, Op::AddMod, &[U256::MAX, U256::MAX, m]),
        U256::MAX.add_mod(U256::MAX, m)
    );
    assert_eq!(
        calc(&mut chain, Op::MulMod, &[U256::MAX, a, m]),
        U256::MAX.mul_mod(a, m)
    );
    assert_eq!(
        calc(&mut chain, Op::MulMod, &[a, b, U256::ZERO]),
        U256::ZERO
    );
}

#[test]
fn native_keccak_matches_alloy() {
    let (mut chain, probe) = setup();
    for len in [0usize, 1, 31, 32, 33, 136, 137, 1000] {
        let data: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
        let out = run(&mut chain, probe, Op::Keccak, &[&data]);
        assert_eq!(B256::from_slice(&out), keccak256(&data), "len {len}");
    }
}

#[test]
fn gas_and_ink_left_fall_within_the_limit() {
    let (mut chain, probe) = setup();
    let gas_limit = 1_000_000;
    let tx = |op: Op| Tx {
        from: ALICE,
        to: Some(probe),
        data: probe_call(op, &[]),
        gas_limit: Some(gas_limit),
        ..Tx::default()
    };
    let gas_left = le_u64(&ok(&chain.transact(tx(Op::GasLeft)).unwrap()));
    let ink_left = le_u64(&ok(&chain.transact(tx(Op::InkLeft)).unwrap()));
    // Less than what the transaction had after intrinsic gas, but not by much: program init
    // costs ~10k gas, the dispatch a few gas.
    let after_intrinsic = gas_limit - 21_000 - 16;
    assert!(gas_left < after_intrinsic, "{gas_left}");
    assert!(gas_left > after_intrinsic - 20_000, "{gas_left}");
    // The same frame's ink, at 10 000 ink per gas, agrees with the gas within a few gas.
    let ink_as_gas = ink_left / 10_000;
    assert!(
        ink_as_gas.abs_diff(gas_left) < 10,
        "{ink_as_gas} vs {gas_left}"
    );
    // More gas given, more gas left.
    let more = chain
        .transact(Tx {
            gas_limit: Some(DEFAULT_TX_GAS),
            ..tx(Op::GasLeft)
        })
        .unwrap();
    assert_eq!(
        le_u64(&ok(&more)) - gas_left,
        DEFAULT_TX_GAS - gas_limit,
        "gas left grows one for one with the limit"
    );
}
