//! Pricing functions against values computed by hand from Nitro's formulas.

use stylus_program::{
    ProgramInfo, StylusParams,
    pricing::{
        DataPricer, cached_init_gas, call_init_gas, data_fee::approx_exp_bips, gas_to_ink, hostio,
        init_gas, ink_to_gas, memory_cost,
    },
};

fn info(init_cost: u16, cached_init_cost: u16, footprint: u16, version: u16) -> ProgramInfo {
    ProgramInfo {
        version,
        init_cost,
        cached_init_cost,
        footprint,
        asm_estimate_kb: 0,
        asm_estimate: 0,
    }
}

#[test]
fn gas_and_ink() {
    let params = StylusParams::default();
    // ink = gas × 10 000; gas = ink / 10 000 rounded down.
    assert_eq!(gas_to_ink(21_000, &params), 210_000_000);
    assert_eq!(ink_to_gas(210_009_999, &params), 21_000);
    assert_eq!(gas_to_ink(u64::MAX, &params), u64::MAX);
}

#[test]
fn memory_pages() {
    let params = StylusParams::default(); // free 2, page gas 1000
    // Within the free pages: nothing.
    assert_eq!(memory_cost(2, 0, 0, &params), 0);
    // 3 pages from nothing: 1000 × (1 − 0) + exp(3) − exp(0) = 1000 + 1 − 1.
    assert_eq!(memory_cost(3, 0, 0, &params), 1000);
    // 10 pages: 1000 × 8 + exp(10) − exp(0) = 8000 + 3 − 1.
    assert_eq!(memory_cost(10, 0, 0, &params), 8002);
    // 1 more page with 10 open and 20 ever: 1000 × (9 − 8) + exp(20) − exp(20) = 1000.
    assert_eq!(memory_cost(1, 10, 20, &params), 1000);
    // 128 pages: 1000 × 126 + 31 873 999 − 1.
    assert_eq!(memory_cost(128, 0, 0, &params), 126_000 + 31_873_998);
    // Beyond the table the exponential saturates.
    assert_eq!(memory_cost(129, 0, 0, &params), u64::MAX);
}

#[test]
fn memory_total_for_128_pages_is_path_independent() {
    // Nitro's own test (memory.rs): with 2 free pages and 1000 gas per page, reaching 128
    // pages in any steps costs 31 999 998.
    let params = StylusParams::default();
    for jump in 1..=128u16 {
        let mut total = 0u64;
        let mut pages = 0u16;
        while pages < 128 {
            let step = jump.min(128 - pages);
            total += memory_cost(step, pages, pages, &params);
            pages += step;
        }
        assert_eq!(total, 31_999_998, "jump {jump}");
    }
}

#[test]
fn init_gas_formulas() {
    let params = StylusParams::default();
    let program = info(1000, 300, 1, 2);
    // init = 69 × 128 + ceil(1000 × 50 × 2 / 100) = 8832 + 1000.
    assert_eq!(init_gas(&program, &params), 9832);
    // cached = 11 × 32 + ceil(300 × 50 × 2 / 100) = 352 + 300.
    assert_eq!(cached_init_gas(&program, &params), 652);
    // Rounding up: init_cost 1 → ceil(100 / 100) = 1; scalar 51 → ceil(102 / 100) = 2.
    let odd = StylusParams {
        init_cost_scalar: 51,
        ..params
    };
    assert_eq!(init_gas(&info(1, 0, 0, 2), &odd), 8832 + 2);
}

#[test]
fn call_init_gas_by_version_and_cache() {
    let params = StylusParams::default();
    // footprint 1 page (free) → no memory gas.
    let v2 = info(1000, 300, 1, 2);
    assert_eq!(call_init_gas(&v2, &params, 0, 0, false), 9832 + 652);
    assert_eq!(call_init_gas(&v2, &params, 0, 0, true), 652);
    let v1 = info(1000, 300, 1, 1);
    assert_eq!(call_init_gas(&v1, &params, 0, 0, false), 9832);
    // footprint 3 with nothing open: 1000 more.
    let big = info(1000, 300, 3, 2);
    assert_eq!(call_init_gas(&big, &params, 0, 0, true), 652 + 1000);
}

#[test]
fn hostio_prices() {
    // arbutil pricing.rs: PTR_INK = 13 440 − 8400.
    assert_eq!(hostio::PTR_INK, 5040);
    assert_eq!(hostio::STORAGE_LOAD_BASE_INK, 8400 + 2 * 5040);
    assert_eq!(hostio::CALL_CONTRACT_BASE_INK, 8400 + 3 * 5040 + 59_673);
    // write: 5040 + 30 × (bytes − 32); read: 16 381 + 55 × (bytes − 32).
    assert_eq!(hostio::write_price(32), 5040);
    assert_eq!(hostio::write_price(100), 5040 + 30 * 68);
    assert_eq!(hostio::read_price(0), 16_381);
    assert_eq!(hostio::read_price(64), 16_381 + 55 * 32);
    // keccak: 121 800 + 21 000 × (words − 2).
    assert_eq!(hostio::keccak_price(64), 121_800);
    assert_eq!(hostio::keccak_price(65), 121_800 + 21_000);
    // pow: 3000 + 17 500 × (33 − leading zero bytes).
    let mut exponent = [0u8; 32];
    assert_eq!(hostio::pow_price(&exponent), 3000 + 17_500);
    exponent[31] = 2;
    assert_eq!(hostio::pow_price(&exponent), 3000 + 2 * 17_500);
    // log: (1 + topics) × 375 + 8 × bytes.
    assert_eq!(hostio::evm_log_gas(2, 64), 3 * 375 + 512);
}

#[test]
fn exp_series() {
    // 10 000 × e^0 = 10 000; e^1 ≈ 2.71828 → 27 182 (series truncated, rounded down).
    assert_eq!(approx_exp_bips(0, 12), 10_000);
    assert_eq!(approx_exp_bips(10_000, 12), 27_182);
}

#[test]
fn data_fee_on_a_fresh_chain() {
    let mut pricer = DataPricer::default();
    assert_eq!(pricer.bytes_per_second, 34_865);
    // Much later than the start time, the demand drains to 0 and becomes the new bytes.
    let now = 1_700_000_000;
    let bytes = 1_000_000u32;
    let fee = pricer.update_model(bytes, now);
    assert_eq!(pricer.demand, bytes);
    assert_eq!(pricer.last_update_time, now);
    // exponent = 10 000 × 1 000 000 / 21 360 419 = 468 bips.
    let multiplier = approx_exp_bips(468, 12);
    assert_eq!(multiplier, 10_479); // 10 000 × e^0.0468 = 10 479.1, rounded down
    // cost per byte = 82 928 201 × multiplier / 10 000; fee = that × bytes.
    let per_byte = 82_928_201u64 * multiplier / 10_000;
    assert_eq!(fee, per_byte * u64::from(bytes));
    // One second later the demand has drained by 34 865 bytes before adding the new ones.
    pricer.update_model(0, now + 1);
    assert_eq!(pricer.demand, bytes - 34_865);
}
