//! Fixtures shared by the token's test files: a deployed token on a `TestVM`, named accounts,
//! log decoding, and EIP-2612 signing with real secp256k1 keys.
#![allow(dead_code, unreachable_pub, missing_docs)]

use alloy_primitives::{Address, B256, Signature, U256, address, b256};
use alloy_signer::SignerSync;
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{Eip712Domain, SolEvent, SolStruct, eip712_domain, sol};
use lrt_token::LrtToken;
use restaking_common::ecdsa::{ECRECOVER, ecrecover_input};
use stylus_sdk::testing::TestVM;

pub const ADMIN: Address = address!("0x00000000000000000000000000000000000000ad");
pub const MINTER: Address = address!("0x000000000000000000000000000000000000005a");
pub const ALICE: Address = address!("0x00000000000000000000000000000000000a11ce");
pub const BOB: Address = address!("0x0000000000000000000000000000000000000b0b");
pub const CAROL: Address = address!("0x00000000000000000000000000000000000ca201");
/// The account that sends the constructor transaction (the StylusDeployer contract on a chain).
pub const DEPLOYER: Address = address!("0xcEcba2F1DC234f70Dd89F2041029807F8D03A990");

pub const NAME: &str = "Restaked Ether";
pub const SYMBOL: &str = "rsETH";
pub const DECIMALS: u8 = 18;

/// Fixed test keys (Anvil's first two dev keys); never used on a real chain.
pub const OWNER_KEY: B256 =
    b256!("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
pub const OTHER_KEY: B256 =
    b256!("0x59c6995e998f97a5a0044966f0945389dc9ab5e3e8b4ea3a2b27d5b4ecf3f64b");

sol! {
    #[derive(Debug)]
    struct Permit {
        address owner;
        address spender;
        uint256 value;
        uint256 nonce;
        uint256 deadline;
    }
}

/// A deployed token: constructed by [`DEPLOYER`] with [`ADMIN`] as admin, and [`MINTER`]
/// holding the minter role.
pub struct Deployed {
    pub vm: TestVM,
    pub token: LrtToken,
}

pub fn deploy() -> Deployed {
    let vm = TestVM::default();
    vm.set_block_timestamp(1_700_000_000);
    let mut token = LrtToken::from(&vm);
    vm.set_sender(DEPLOYER);
    token
        .constructor(NAME.into(), SYMBOL.into(), DECIMALS, ADMIN)
        .expect("constructor");
    vm.set_sender(ADMIN);
    token
        .grant_role(lrt_token::MINTER_ROLE, MINTER)
        .expect("grant minter");
    Deployed { vm, token }
}

/// `deploy()` plus `amount` minted to `to`.
pub fn deploy_with_balance(to: Address, amount: u64) -> Deployed {
    let mut deployed = deploy();
    deployed.vm.set_sender(MINTER);
    deployed.token.mint(to, U256::from(amount)).expect("mint");
    deployed
}

/// The logs emitted so far, decoded as `E` where the first topic matches.
pub fn events<E: SolEvent>(vm: &TestVM) -> Vec<E> {
    vm.get_emitted_logs()
        .into_iter()
        .filter(|(topics, _)| topics.first() == Some(&E::SIGNATURE_HASH))
        .map(|(topics, data)| E::decode_raw_log(topics, &data).expect("decodable log"))
        .collect()
}

pub fn log_count(vm: &TestVM) -> usize {
    vm.get_emitted_logs().len()
}

/// A signed permit: the message, its digest and the signature's `(v, r, s)`.
pub struct SignedPermit {
    pub permit: Permit,
    pub digest: B256,
    pub v: u8,
    pub r: B256,
    pub s: B256,
}

/// Signs `permit` with `key` for the domain of `chain_id`.
pub fn sign_permit(key: B256, permit: Permit, chain_id: u64) -> SignedPermit {
    let signer = PrivateKeySigner::from_bytes(&key).expect("valid key");
    let digest = permit.eip712_signing_hash(&domain_for(chain_id));
    let signature = signer.sign_hash_sync(&digest).expect("signature");
    SignedPermit {
        permit,
        digest,
        v: 27 + u8::from(signature.v()),
        r: B256::from(signature.r()),
        s: B256::from(signature.s()),
    }
}

/// The token's EIP-712 domain on `chain_id`, derived independently with alloy.
pub fn domain_for(chain_id: u64) -> Eip712Domain {
    eip712_domain! {
        name: NAME,
        version: "1",
        chain_id: chain_id,
        verifying_contract: stylus_sdk::testing::constants::DEFAULT_CONTRACT_ADDRESS,
    }
}

pub fn address_of(key: B256) -> Address {
    PrivateKeySigner::from_bytes(&key)
        .expect("valid key")
        .address()
}

/// Makes the VM's `ecrecover` answer `(digest, v, r, s)` as the real precompile does: the
/// address recovered by secp256k1 maths, or no data when recovery fails.
pub fn emulate_ecrecover(vm: &TestVM, digest: B256, v: u8, r: B256, s: B256) {
    let output = match v.checked_sub(27).filter(|parity| *parity <= 1) {
        Some(parity) => {
            let signature = Signature::new(
                U256::from_be_bytes(r.0),
                U256::from_be_bytes(s.0),
                parity == 1,
            );
            match signature.recover_address_from_prehash(&digest) {
                Ok(address) => address.into_word().to_vec(),
                Err(_) => Vec::new(),
            }
        }
        None => Vec::new(),
    };
    vm.mock_static_call(
        ECRECOVER,
        ecrecover_input(digest, v, r, s).to_vec(),
        Ok(output),
    );
}

/// A permit of `value` from the owner key's address to `spender`, nonce and deadline given.
pub fn permit_message(spender: Address, value: u64, nonce: u64, deadline: U256) -> Permit {
    Permit {
        owner: address_of(OWNER_KEY),
        spender,
        value: U256::from(value),
        nonce: U256::from(nonce),
        deadline,
    }
}
