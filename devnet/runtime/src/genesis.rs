//! Accounts every chain starts with besides the precompiles: the StylusDeployer at its
//! canonical address, as on Arbitrum chains.

use revm::{
    primitives::{Address, Bytes, address},
    state::{AccountInfo, Bytecode},
};

use crate::context::Db;

/// Where cargo-stylus and stylus-tools expect the StylusDeployer on every Arbitrum chain.
pub const STYLUS_DEPLOYER: Address = address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990");

/// The StylusDeployer's compiled output (`cargo xtask solc`, from devnet/solidity).
const STYLUS_DEPLOYER_JSON: &str = include_str!("../../solidity/out/StylusDeployer.json");

/// The StylusDeployer's runtime code.
pub fn stylus_deployer_code() -> Bytes {
    let json: serde_json::Value = match serde_json::from_str(STYLUS_DEPLOYER_JSON) {
        Ok(json) => json,
        Err(error) => unreachable!("committed StylusDeployer.json is not JSON: {error}"),
    };
    let hex = json["deployedBytecode"].as_str().unwrap_or_default();
    match hex
        .trim_start_matches("0x")
        .parse::<revm::primitives::Bytes>()
    {
        Ok(code) if !code.is_empty() => code,
        _ => unreachable!("committed StylusDeployer.json has no deployedBytecode"),
    }
}

/// Installs the genesis accounts into `db`.
pub(crate) fn install(db: &mut Db) {
    let code = Bytecode::new_legacy(stylus_deployer_code());
    db.insert_account_info(
        STYLUS_DEPLOYER,
        AccountInfo {
            nonce: 1,
            ..AccountInfo::default()
        }
        .with_code(code),
    );
}
