//! Calling a Stylus program that was deployed but never activated fails with the reason, as
//! Nitro's RPC gives it, not with a bare "out of gas".

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use alloy_primitives::Bytes;
use common::*;
use serde_json::json;

#[tokio::test]
async fn calling_an_unactivated_program_names_the_reason() {
    let devnet = start().await;
    let url = devnet.url();
    let from = dev(0).address();
    let code = stylus_runtime::deploy::stylus_artifact("lrt-token").expect("cargo xtask build");
    let init: Bytes = stylus_program::code::init_code(&code).into();
    let program = deploy(&url, from, &init).await;
    let deployed = ok(&url, "eth_getCode", json!([program, "latest"])).await;
    assert!(
        deployed.as_str().unwrap().starts_with("0xeff000"),
        "{deployed}"
    );

    // totalSupply()
    let call = json!([{ "from": from, "to": program, "data": "0x18160ddd" }, "latest"]);
    let error = err(&url, "eth_call", call.clone()).await;
    assert_eq!(error["message"], "program not activated", "{error}");
    let error = err(&url, "eth_estimateGas", json!([call[0]])).await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("program not activated"),
        "{error}"
    );
    devnet.stop().await.unwrap();
}
