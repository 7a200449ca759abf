//! ArbGasInfo at `0x…6c` answers what the Arbitrum SDK and cargo-stylus read (issue 13, item
//! 5): the devnet's fixed base fee as the minimum and total L2 price, Nitro's formulas and
//! initial parameters for the rest, and 0 for every L1 figure (no L1 pricing here).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects
)]

mod common;

use alloy_primitives::{U256, hex};
use alloy_sol_types::SolCall;
use common::*;
use serde_json::{Value, json};
use stylus_runtime::arb_gas_info::IArbGasInfo::*;

const ARB_GAS_INFO: &str = "0x000000000000000000000000000000000000006c";

/// `eth_call` of `data` on ArbGasInfo from a funded account, offering `gas_price` (the
/// block's base fee then counts).
async fn call(url: &str, data: Vec<u8>, gas_price: u64) -> Vec<u8> {
    let result = ok(
        url,
        "eth_call",
        json!([{
            "from": dev(1).address(),
            "to": ARB_GAS_INFO,
            "data": format!("0x{}", hex::encode(data)),
            "gasPrice": format!("{gas_price:#x}"),
        }, "latest"]),
    )
    .await;
    hex::decode(result.as_str().unwrap()).unwrap()
}

#[tokio::test]
async fn gas_prices_follow_nitros_formulas_over_the_fixed_base_fee() {
    let devnet = start().await;
    let url = devnet.url();
    let block = ok(&url, "eth_getBlockByNumber", json!(["latest", false])).await;
    let base_fee = q(&block["baseFeePerGas"]);
    assert!(base_fee > 0);
    let fee = U256::from(base_fee);

    let minimum = call(&url, getMinimumGasPriceCall {}.abi_encode(), base_fee).await;
    assert_eq!(
        getMinimumGasPriceCall::abi_decode_returns(&minimum).unwrap(),
        fee
    );
    let prices = call(&url, getPricesInWeiCall {}.abi_encode(), base_fee).await;
    let prices = getPricesInWeiCall::abi_decode_returns(&prices).unwrap();
    assert_eq!(
        (
            prices._0, prices._1, prices._2, prices._3, prices._4, prices._5
        ),
        (
            U256::ZERO,
            U256::ZERO,
            fee * U256::from(20_000),
            fee,
            U256::ZERO,
            fee
        )
    );
    let in_gas = call(&url, getPricesInArbGasCall {}.abi_encode(), base_fee).await;
    let in_gas = getPricesInArbGasCall::abi_decode_returns(&in_gas).unwrap();
    assert_eq!(
        (in_gas._0, in_gas._1, in_gas._2),
        (U256::ZERO, U256::ZERO, U256::from(20_000))
    );
    let params = call(&url, getGasAccountingParamsCall {}.abi_encode(), base_fee).await;
    let params = getGasAccountingParamsCall::abi_decode_returns(&params).unwrap();
    assert_eq!(
        (params._0, params._1, params._2),
        (
            U256::from(7_000_000),
            U256::from(32_000_000),
            U256::from(32_000_000)
        )
    );
    for data in [
        getL1BaseFeeEstimateCall {}.abi_encode(),
        getCurrentTxL1GasFeesCall {}.abi_encode(),
    ] {
        assert_eq!(call(&url, data, base_fee).await, vec![0u8; 32]);
    }
    let inertia = call(&url, getPricingInertiaCall {}.abi_encode(), base_fee).await;
    assert_eq!(
        getPricingInertiaCall::abi_decode_returns(&inertia).unwrap(),
        102
    );
    // The minimum does not depend on the call's gas price (an eth_call without one runs with
    // a zero base fee, as in geth).
    let minimum = call(&url, getMinimumGasPriceCall {}.abi_encode(), 0).await;
    assert_eq!(
        getMinimumGasPriceCall::abi_decode_returns(&minimum).unwrap(),
        fee
    );

    // An unknown function reverts.
    let error = err(
        &url,
        "eth_call",
        json!([{ "to": ARB_GAS_INFO, "data": "0x12345678" }, "latest"]),
    )
    .await;
    assert_eq!(error["code"], Value::from(3), "{error}");
}
