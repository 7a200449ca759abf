//! Issue acceptance: the LRT token's deployable artifact (from `cargo xtask build`) deploys
//! through the StylusDeployer with its constructor, activates, and serves a Solidity contract
//! (`TokenUser`, compiled by solcjs) that calls `transfer` and `permit` on it.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::arithmetic_side_effects
)]

use alloy_signer::SignerSync;
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{
    Eip712Domain, SolCall, SolError, SolEvent, SolStruct, SolType, sol, sol_data,
};
use revm::primitives::{Address, B256, Bytes, U256, address};
use stylus_runtime::{
    Chain, Tx,
    deploy::{solidity_artifact, stylus_artifact},
};

sol!("../../abi/LrtToken.sol");

sol! {
    interface ITokenUser {
        function transferTo(address token, address to, uint256 value) external returns (bool);
        function permitAndPull(address token, address owner, address to, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external returns (bool);
    }

    struct Permit {
        address owner;
        address spender;
        uint256 value;
        uint256 nonce;
        uint256 deadline;
    }
}

const ADMIN: Address = address!("00000000000000000000000000000000000a11ce");
const BOB: Address = address!("0000000000000000000000000000000000000b0b");

struct World {
    chain: Chain,
    token: Address,
    user: Address,
}

fn world() -> World {
    let mut chain = Chain::new();
    chain.fund(ADMIN, U256::from(10u128.pow(21)));
    let code = stylus_artifact("lrt-token").expect("lrt-token artifact");
    type ConstructorArgs = (
        sol_data::String,
        sol_data::String,
        sol_data::Uint<8>,
        sol_data::Address,
    );
    let args = ConstructorArgs::abi_encode_params(&(
        String::from("Restaked Ether"),
        String::from("rstETH"),
        18u8,
        ADMIN,
    ));
    let (token, receipt) = chain
        .deploy_stylus(ADMIN, &code, Some(&args))
        .expect("deploy through StylusDeployer");
    assert!(receipt.is_success());
    let user = chain
        .deploy_evm(ADMIN, solidity_artifact("TokenUser").unwrap().bytecode)
        .expect("deploy TokenUser");
    World { chain, token, user }
}

impl World {
    fn send(&mut self, from: Address, to: Address, data: Vec<u8>) -> stylus_runtime::Receipt {
        self.chain
            .transact(Tx {
                from,
                to: Some(to),
                data: data.into(),
                ..Tx::default()
            })
            .expect("valid transaction")
    }

    fn view<C: SolCall>(&mut self, to: Address, call: C) -> C::Return {
        let result = self
            .chain
            .call(Tx {
                from: ADMIN,
                to: Some(to),
                data: call.abi_encode().into(),
                ..Tx::default()
            })
            .expect("valid call");
        assert!(result.is_success(), "view failed: {result:?}");
        C::abi_decode_returns(&result.output).expect("decodable return")
    }

    fn balance(&mut self, account: Address) -> U256 {
        let token = self.token;
        self.view(token, ILrtToken::balanceOfCall { account })
    }

    fn mint(&mut self, to: Address, amount: U256) {
        let role = self.view(self.token, ILrtToken::MINTER_ROLECall {});
        let token = self.token;
        let grant = ILrtToken::grantRoleCall {
            role,
            account: ADMIN,
        }
        .abi_encode();
        assert!(self.send(ADMIN, token, grant).is_success());
        let mint = ILrtToken::mintCall { to, amount }.abi_encode();
        let receipt = self.send(ADMIN, token, mint);
        assert!(receipt.is_success(), "mint failed: {receipt:?}");
    }
}

#[test]
fn constructor_ran_through_the_deployer_and_program_is_active() {
    let mut w = world();
    let token = w.token;
    assert_eq!(w.view(token, ILrtToken::nameCall {}), "Restaked Ether");
    assert_eq!(w.view(token, ILrtToken::symbolCall {}), "rstETH");
    assert_eq!(w.view(token, ILrtToken::decimalsCall {}), 18);
    let admin_role = w.view(token, ILrtToken::DEFAULT_ADMIN_ROLECall {});
    assert!(w.view(
        token,
        ILrtToken::hasRoleCall {
            role: admin_role,
            account: ADMIN
        }
    ));
    // The deployed code is exactly the pipeline's artifact.
    let code = stylus_artifact("lrt-token").unwrap();
    assert_eq!(w.chain.code(token), Bytes::from(code));
}

#[test]
fn solidity_contract_transfers_the_stylus_token() {
    let mut w = world();
    let (token, user) = (w.token, w.user);
    w.mint(user, U256::from(1_000));
    let call = ITokenUser::transferToCall {
        token,
        to: BOB,
        value: U256::from(250),
    };
    let receipt = w.send(ADMIN, user, call.abi_encode());
    assert!(receipt.is_success(), "{receipt:?}");
    assert_eq!(w.balance(BOB), U256::from(250));
    assert_eq!(w.balance(user), U256::from(750));
    // The token's Transfer event, emitted by the Stylus program inside the Solidity call.
    let transfer = receipt
        .logs
        .iter()
        .find(|log| log.address == token)
        .expect("Transfer log from the token");
    let event = ILrtToken::Transfer::decode_log_data(&transfer.data).expect("Transfer event");
    assert_eq!(
        (event.from, event.to, event.value),
        (user, BOB, U256::from(250))
    );
}

#[test]
fn stylus_typed_error_reaches_the_solidity_caller_and_the_transaction() {
    let mut w = world();
    let (token, user) = (w.token, w.user);
    w.mint(user, U256::from(10));
    let call = ITokenUser::transferToCall {
        token,
        to: BOB,
        value: U256::from(11),
    };
    let receipt = w.send(ADMIN, user, call.abi_encode());
    assert_eq!(receipt.status, stylus_runtime::Status::Revert);
    let error = ILrtToken::ERC20InsufficientBalance::abi_decode(&receipt.output)
        .expect("the token's typed error, bubbled by Solidity");
    assert_eq!(
        (error.sender, error.balance, error.needed),
        (user, U256::from(10), U256::from(11))
    );
    // Nothing moved.
    assert_eq!(w.balance(user), U256::from(10));
    assert_eq!(w.balance(BOB), U256::ZERO);
}

fn signed_permit(
    w: &mut World,
    signer: &PrivateKeySigner,
    spender: Address,
    value: U256,
    deadline: U256,
) -> (u8, B256, B256) {
    let token = w.token;
    let nonce = w.view(
        token,
        ILrtToken::noncesCall {
            owner: signer.address(),
        },
    );
    let domain = Eip712Domain::new(
        Some("Restaked Ether".into()),
        Some("1".into()),
        Some(U256::from(w.chain.chain_id())),
        Some(token),
        None,
    );
    let permit = Permit {
        owner: signer.address(),
        spender,
        value,
        nonce,
        deadline,
    };
    let digest = permit.eip712_signing_hash(&domain);
    let signature = signer.sign_hash_sync(&digest).expect("signing");
    (
        27 + u8::from(signature.v()),
        B256::from(signature.r().to_be_bytes::<32>()),
        B256::from(signature.s().to_be_bytes::<32>()),
    )
}

#[test]
fn solidity_contract_spends_an_off_chain_permit() {
    let mut w = world();
    let (token, user) = (w.token, w.user);
    let alice = PrivateKeySigner::random();
    w.mint(alice.address(), U256::from(500));
    let deadline = U256::from(w.chain.timestamp() + 3_600);
    let (v, r, s) = signed_permit(&mut w, &alice, user, U256::from(200), deadline);
    let call = ITokenUser::permitAndPullCall {
        token,
        owner: alice.address(),
        to: BOB,
        value: U256::from(200),
        deadline,
        v,
        r,
        s,
    };
    // A relayer (the admin) submits it: alice never sends a transaction.
    let receipt = w.send(ADMIN, user, call.abi_encode());
    assert!(receipt.is_success(), "{receipt:?}");
    assert_eq!(w.balance(BOB), U256::from(200));
    assert_eq!(w.balance(alice.address()), U256::from(300));
    assert_eq!(
        w.view(
            token,
            ILrtToken::noncesCall {
                owner: alice.address()
            }
        ),
        U256::from(1)
    );

    // Replaying the same signature fails with the token's typed error, and changes nothing.
    let replay = w.send(ADMIN, user, call.abi_encode());
    assert_eq!(replay.status, stylus_runtime::Status::Revert);
    assert!(
        ILrtToken::ERC2612InvalidSigner::abi_decode(&replay.output).is_ok(),
        "{replay:?}"
    );
    assert_eq!(w.balance(alice.address()), U256::from(300));
}

#[test]
fn expired_permit_is_refused_with_its_typed_error() {
    let mut w = world();
    let (token, user) = (w.token, w.user);
    let alice = PrivateKeySigner::random();
    w.mint(alice.address(), U256::from(500));
    let deadline = U256::from(w.chain.timestamp() - 1);
    let (v, r, s) = signed_permit(&mut w, &alice, user, U256::from(200), deadline);
    let call = ITokenUser::permitAndPullCall {
        token,
        owner: alice.address(),
        to: BOB,
        value: U256::from(200),
        deadline,
        v,
        r,
        s,
    };
    let receipt = w.send(ADMIN, user, call.abi_encode());
    assert_eq!(receipt.status, stylus_runtime::Status::Revert);
    assert!(
        ILrtToken::ERC2612ExpiredSignature::abi_decode(&receipt.output).is_ok(),
        "{receipt:?}"
    );
    assert_eq!(w.balance(BOB), U256::ZERO);
}
