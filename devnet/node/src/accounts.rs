//! The dev accounts every fresh devnet funds, and can sign for (`eth_sendTransaction`).

use alloy_primitives::{Address, B256, U256, b256};
use alloy_signer_local::PrivateKeySigner;

/// The nitro-devnode's published dev key (nitro-testnode's `devprivkey`, the key of
/// cargo-stylus' and the Stylus guides' examples): its address is
/// `0x3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E` (checked by a test).
pub const NITRO_DEV_KEY: B256 =
    b256!("b6b15c8cb491557369f3c7d2c287b053eb229daa9c22138887752191c9520659");

/// The dev keys, in order: the nitro-devnode's, then the first four keys that Hardhat and
/// Anvil print (publicly known; for local chains only).
pub const DEV_KEYS: [B256; 5] = [
    NITRO_DEV_KEY,
    b256!("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
    b256!("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
    b256!("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"),
    b256!("7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"),
];

/// What each dev account holds at genesis: 1,000,000 ETH.
pub fn dev_balance() -> U256 {
    U256::from(10u64).pow(U256::from(24u64))
}

/// The dev signers, in the order of [`DEV_KEYS`].
pub fn dev_signers() -> Vec<PrivateKeySigner> {
    DEV_KEYS
        .iter()
        .filter_map(|key| PrivateKeySigner::from_bytes(key).ok())
        .collect()
}

/// The dev addresses, in the order of [`DEV_KEYS`].
pub fn dev_addresses() -> Vec<Address> {
    dev_signers()
        .iter()
        .map(PrivateKeySigner::address)
        .collect()
}
