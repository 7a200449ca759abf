//! Accounts every chain starts with besides the precompiles: the StylusDeployer at its
//! canonical address, as on Arbitrum chains, and the deterministic CREATE2 deployer that
//! forge's salted deploys go through, as on most EVM chains (Arbitrum One included).

use revm::{
    primitives::{Address, Bytes, address, hex},
    state::{AccountInfo, Bytecode},
};

use crate::context::Db;

/// Where cargo-stylus and stylus-tools expect the StylusDeployer on every Arbitrum chain.
pub const STYLUS_DEPLOYER: Address = address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990");

/// The chain owner (ArbOS's chain-owner set): the nitro-devnode's dev account, as on that
/// node, whose key the devnet lists first. Only it may cache and evict programs through
/// ArbWasmCache (adding cache managers through ArbOwner is not modelled).
pub const CHAIN_OWNER: Address = address!("3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E");

/// Where the deterministic deployment proxy (Arachnid's deterministic-deployment-proxy) sits
/// on every chain it was deployed to, and where forge and anvil expect it.
pub const CREATE2_DEPLOYER: Address = address!("4e59b44847b379578588920cA78FbF26c0B4956C");

/// The deterministic deployment proxy's runtime code (public, the same on every chain): called
/// with `salt (32 bytes) ‖ init code`, it CREATE2s the init code with that salt and the call's
/// value, returns the new address (20 bytes), and reverts if the creation failed.
pub const CREATE2_DEPLOYER_CODE: [u8; 69] = hex!(
    "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf3"
);

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
    let code = Bytecode::new_legacy(Bytes::from_static(&CREATE2_DEPLOYER_CODE));
    db.insert_account_info(
        CREATE2_DEPLOYER,
        AccountInfo {
            nonce: 1,
            ..AccountInfo::default()
        }
        .with_code(code),
    );
}
