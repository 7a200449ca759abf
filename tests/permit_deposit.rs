//! Flow 4: an EIP-2612 permit of the LRT, signed off-chain, spent by a third party acting for
//! the signer — on the deployed WASM.
//!
//! The deposit itself: the vault's asset is OpenZeppelin's ERC20 + ERC20Permit (RefToken);
//! Alice, who holds the asset and no ETH, signs an EIP-2612 permit of it to a relayer contract
//! (`deploy/solidity/PermitDepositor.sol`, the periphery the deploy tool deploys), and a relayer's transaction spends the permit, pulls
//! the asset and deposits it into the vault with Alice as the receiver. The vault has no
//! deposit-with-permit entry point of its own, so that is how a gasless deposit composes.
//!
//! Also on the LRT's own permit: a relayer turns Alice's signature into an allowance and
//! requests the redemption of her shares for her (she never sends a transaction until she
//! claims), and a spender pulls her LRT with `transferFrom`.

// Test arithmetic on amounts the test itself set up; an overflow would fail the test.
#![allow(clippy::arithmetic_side_effects)]

mod support;

use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{Eip712Domain, SolValue, sol};
use revm::primitives::{Address, B256, U256, uint};
use support::*;

sol! {
    /// The vault's asset in the deposit flow: `tests/solidity/bench/RefToken.sol`,
    /// OpenZeppelin's ERC20 + ERC20Permit (+ ERC-5267 through its EIP712).
    interface IPermitAsset {
        function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;
        function nonces(address owner) external view returns (uint256);
        function DOMAIN_SEPARATOR() external view returns (bytes32);
        function eip712Domain() external view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions);
        function allowance(address owner, address spender) external view returns (uint256);
        event Approval(address indexed owner, address indexed spender, uint256 value);
        error ERC2612ExpiredSignature(uint256 deadline);
        error ERC2612InvalidSigner(address signer, address owner);
    }

    /// `deploy/solidity/PermitDepositor.sol`.
    interface IPermitDepositor {
        function vault() external view returns (address);
        function asset() external view returns (address);
        function depositWithPermit(address owner, uint256 assets, uint256 minShares, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external returns (uint256 shares);
        event DepositedFor(address indexed owner, address indexed relayer, uint256 assets, uint256 shares);
    }
}

/// secp256k1's group order.
const SECP256K1_N: U256 =
    uint!(0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141_U256);

fn permit_call(
    owner: Address,
    spender: Address,
    value: U256,
    deadline: U256,
    (v, r, s): (u8, B256, B256),
) -> ILrtToken::permitCall {
    ILrtToken::permitCall {
        owner,
        spender,
        value,
        deadline,
        v,
        r,
        s,
    }
}

/// Alice signs; Carol (a relayer) submits the permit and requests the redemption of Alice's
/// shares with Alice as the controller; Alice claims the assets herself.
#[test]
fn relayer_redeems_for_the_signer_with_an_off_chain_permit() {
    let mut p = Protocol::native();
    let (vault, lrt) = (p.vault, p.lrt);
    let alice = PrivateKeySigner::random();
    let owner = alice.address();
    p.chain.fund(owner, e18(10));
    p.deposit(owner, e18(10));
    let nonce_before = p.view(lrt, ILrtToken::noncesCall { owner });
    assert_eq!(nonce_before, U256::ZERO);

    let deadline = U256::from(p.chain.timestamp() + 3_600);
    let signature = p.sign_permit(&alice, CAROL, e18(4), deadline);
    let receipt = p.send(
        CAROL,
        lrt,
        permit_call(owner, CAROL, e18(4), deadline, signature),
    );
    decode_ok::<ILrtToken::permitCall>(&receipt);
    let approval = event::<ILrtToken::Approval>(&receipt, lrt);
    assert_eq!(
        (approval.owner, approval.spender, approval.value),
        (owner, CAROL, e18(4))
    );
    assert_eq!(p.view(lrt, ILrtToken::noncesCall { owner }), U256::from(1));

    // Mallory front-runs with Carol's allowance: it is Carol's, not hers.
    let stolen = p.send(
        MALLORY,
        vault,
        IRestakingVault::requestRedeemCall {
            shares: e18(4),
            controller: MALLORY,
            owner,
        },
    );
    let error = reverted::<IRestakingVault::RestakingVaultInsufficientAllowance>(&stolen);
    assert_eq!((error.spender, error.allowance), (MALLORY, U256::ZERO));

    // Carol requests for Alice, Alice stays the controller.
    let receipt = p.send(
        CAROL,
        vault,
        IRestakingVault::requestRedeemCall {
            shares: e18(4),
            controller: owner,
            owner,
        },
    );
    let id = decode_ok::<IRestakingVault::requestRedeemCall>(&receipt);
    let request = event::<IRestakingVault::RedeemRequest>(&receipt, vault);
    assert_eq!(
        (request.controller, request.owner, request.sender),
        (owner, owner, CAROL)
    );
    assert_eq!(p.shares(owner), e18(6));
    assert_eq!(
        p.view(
            lrt,
            ILrtToken::allowanceCall {
                owner,
                spender: CAROL
            }
        ),
        U256::ZERO
    );

    // Only Alice (the controller) claims, after the epoch.
    p.goto_epoch(2, 0);
    let by_carol = p.send(
        CAROL,
        vault,
        IRestakingVault::redeemCall {
            shares: e18(4),
            receiver: CAROL,
            controller: owner,
        },
    );
    reverted::<IRestakingVault::RestakingVaultInvalidCaller>(&by_carol);
    let eth_before = p.chain.balance(owner);
    let paid = p.ok(
        owner,
        vault,
        IRestakingVault::claimCall {
            epoch: id.to::<u64>(),
            receiver: owner,
        },
    );
    assert_eq!(paid, e18(4));
    assert_eq!(p.chain.balance(owner), eth_before + e18(4));
}

/// A spender turns a permit into `transferFrom`; the signature works once, before its
/// deadline, for its signer, with a low `s`; every refusal leaves allowance and nonce as they
/// were.
#[test]
fn permit_then_transfer_from_and_every_bad_signature() {
    let mut p = Protocol::erc20();
    let lrt = p.lrt;
    let alice = PrivateKeySigner::random();
    let owner = alice.address();
    p.deposit(owner, e18(10));
    let deadline = U256::from(p.chain.timestamp() + 600);

    // The domain the wallet signs over is the one the token publishes (ERC-5267).
    let domain = p.view(lrt, ILrtToken::eip712DomainCall {});
    assert_eq!(
        (domain._1.as_str(), domain._2.as_str(), domain._3, domain._4),
        ("Restaked Ether", "1", U256::from(p.chain.chain_id()), lrt)
    );
    let separator = Eip712Domain::new(
        Some("Restaked Ether".into()),
        Some("1".into()),
        Some(U256::from(p.chain.chain_id())),
        Some(lrt),
        None,
    )
    .separator();
    assert_eq!(p.view(lrt, ILrtToken::DOMAIN_SEPARATORCall {}), separator);

    let allowance = |p: &mut Protocol| {
        p.view(
            lrt,
            ILrtToken::allowanceCall {
                owner,
                spender: BOB,
            },
        )
    };
    let nonce = |p: &mut Protocol| p.view(lrt, ILrtToken::noncesCall { owner });

    // Alice's permit signed by someone else.
    let mallory = PrivateKeySigner::random();
    let forged = p.sign_permit_for(&mallory, owner, BOB, e18(3), deadline);
    let receipt = p.send(BOB, lrt, permit_call(owner, BOB, e18(3), deadline, forged));
    let error = reverted::<ILrtToken::ERC2612InvalidSigner>(&receipt);
    assert_eq!((error.signer, error.owner), (mallory.address(), owner));

    // A different value than signed recovers another address.
    let signature = p.sign_permit(&alice, BOB, e18(3), deadline);
    let tampered = p.send(
        BOB,
        lrt,
        permit_call(owner, BOB, e18(9), deadline, signature),
    );
    reverted::<ILrtToken::ERC2612InvalidSigner>(&tampered);

    // The malleable twin (s' = n - s, v flipped) is refused.
    let (v, r, s) = signature;
    let high_s = B256::from(SECP256K1_N - U256::from_be_bytes(s.0));
    let twin = p.send(
        BOB,
        lrt,
        permit_call(owner, BOB, e18(3), deadline, (v ^ 1, r, high_s)),
    );
    assert_eq!(
        reverted::<ILrtToken::ECDSAInvalidSignatureS>(&twin).s,
        high_s
    );

    // Past its deadline.
    p.chain.set_timestamp(deadline.to::<u64>() + 1);
    let late = p.send(
        BOB,
        lrt,
        permit_call(owner, BOB, e18(3), deadline, signature),
    );
    assert_eq!(
        reverted::<ILrtToken::ERC2612ExpiredSignature>(&late).deadline,
        deadline
    );
    assert_eq!(allowance(&mut p), U256::ZERO);
    assert_eq!(nonce(&mut p), U256::ZERO);

    // A fresh one, used by Bob, then pulled with transferFrom.
    let deadline = U256::from(p.chain.timestamp() + 600);
    let signature = p.sign_permit(&alice, BOB, e18(3), deadline);
    // Anyone may submit it (here Carol), the allowance is Bob's.
    p.ok(
        CAROL,
        lrt,
        permit_call(owner, BOB, e18(3), deadline, signature),
    );
    assert_eq!(allowance(&mut p), e18(3));
    assert_eq!(nonce(&mut p), U256::from(1));
    // Replayed: the nonce is used.
    let replay = p.send(
        BOB,
        lrt,
        permit_call(owner, BOB, e18(3), deadline, signature),
    );
    reverted::<ILrtToken::ERC2612InvalidSigner>(&replay);
    assert_eq!(nonce(&mut p), U256::from(1));

    let over = p.send(
        BOB,
        lrt,
        ILrtToken::transferFromCall {
            from: owner,
            to: CAROL,
            value: e18(3) + U256::from(1),
        },
    );
    let error = reverted::<ILrtToken::ERC20InsufficientAllowance>(&over);
    assert_eq!(
        (error.spender, error.allowance, error.needed),
        (BOB, e18(3), e18(3) + U256::from(1))
    );
    assert!(p.ok(
        BOB,
        lrt,
        ILrtToken::transferFromCall {
            from: owner,
            to: CAROL,
            value: e18(2)
        }
    ));
    assert_eq!(p.shares(CAROL), e18(2));
    assert_eq!(p.shares(owner), e18(8));
    assert_eq!(allowance(&mut p), e18(1));
}

/// The EIP-712 domain OpenZeppelin's `ERC20Permit(name)` signs over: `EIP712(name, "1")`, the
/// chain id and the token's address, no salt.
fn asset_domain(p: &Protocol) -> Eip712Domain {
    Eip712Domain::new(
        Some(PERMIT_ASSET_NAME.into()),
        Some("1".into()),
        Some(U256::from(p.chain.chain_id())),
        Some(p.asset),
        None,
    )
}

/// `signer`'s EIP-2612 permit of the asset for `spender`, at the signer's current nonce, as a
/// wallet signs it off-chain (`eth_signTypedData_v4`): `(v, r, s)`.
fn sign_asset_permit(
    p: &mut Protocol,
    signer: &PrivateKeySigner,
    spender: Address,
    value: U256,
    deadline: U256,
) -> (u8, B256, B256) {
    let owner = signer.address();
    let asset = p.asset;
    let nonce = p.view(asset, IPermitAsset::noncesCall { owner });
    let permit = Permit {
        owner,
        spender,
        value,
        nonce,
        deadline,
    };
    sign_permit_over(signer, &asset_domain(p), &permit)
}

/// Everything a permit deposit may change.
#[derive(Debug, PartialEq, Eq)]
struct Balances {
    owner_asset: U256,
    owner_lrt: U256,
    owner_nonce: U256,
    owner_to_depositor: U256,
    depositor_asset: U256,
    depositor_lrt: U256,
    depositor_to_vault: U256,
    relayer_asset: U256,
    relayer_lrt: U256,
    supply: U256,
    total_assets: U256,
}

fn balances(p: &mut Protocol, owner: Address, depositor: Address, relayer: Address) -> Balances {
    let (asset, vault) = (p.asset, p.vault);
    let allowance = |p: &mut Protocol, owner: Address, spender: Address| {
        p.view(asset, IPermitAsset::allowanceCall { owner, spender })
    };
    Balances {
        owner_asset: p.asset_balance(owner),
        owner_lrt: p.shares(owner),
        owner_nonce: p.view(asset, IPermitAsset::noncesCall { owner }),
        owner_to_depositor: allowance(p, owner, depositor),
        depositor_asset: p.asset_balance(depositor),
        depositor_lrt: p.shares(depositor),
        depositor_to_vault: allowance(p, depositor, vault),
        relayer_asset: p.asset_balance(relayer),
        relayer_lrt: p.shares(relayer),
        supply: p.supply(),
        total_assets: p.total_assets(),
    }
}

/// `depositWithPermit` with no minimum of shares.
fn deposit_with_permit(
    owner: Address,
    assets: U256,
    deadline: U256,
    signature: (u8, B256, B256),
) -> IPermitDepositor::depositWithPermitCall {
    deposit_with_permit_at_least(owner, assets, U256::ZERO, deadline, signature)
}

fn deposit_with_permit_at_least(
    owner: Address,
    assets: U256,
    min_shares: U256,
    deadline: U256,
    (v, r, s): (u8, B256, B256),
) -> IPermitDepositor::depositWithPermitCall {
    IPermitDepositor::depositWithPermitCall {
        owner,
        assets,
        minShares: min_shares,
        deadline,
        v,
        r,
        s,
    }
}

/// The periphery for `p`'s vault, deployed by Carol.
fn deploy_depositor(p: &mut Protocol) -> Address {
    let mut init = deploy_solidity("PermitDepositor").to_vec();
    init.extend_from_slice(&p.vault.abi_encode());
    p.chain
        .deploy_evm(CAROL, init.into())
        .unwrap_or_else(|error| panic!("deploy PermitDepositor: {error:?}"))
}

/// Alice holds the asset (an EIP-2612 token) and no ETH. She signs a permit of 10 to the
/// relayer contract off-chain; Carol, the relayer, sends the one transaction that spends the
/// permit, pulls the assets and deposits them with Alice as the receiver. Alice gets the LRT,
/// the relayer keeps nothing, the nonce moves by one. A replayed signature, an expired one and
/// one signed for another spender are each refused with the token's typed error and change
/// nothing.
#[test]
fn relayer_deposits_the_asset_for_the_signer_with_an_off_chain_permit() {
    let mut p = Protocol::erc20_permit();
    let (vault, lrt, asset) = (p.vault, p.lrt, p.asset);

    // The domain a wallet signs over is the one the token publishes (ERC-5267).
    let domain = p.view(asset, IPermitAsset::eip712DomainCall {});
    assert_eq!(
        (
            domain.name.as_str(),
            domain.version.as_str(),
            domain.chainId,
            domain.verifyingContract
        ),
        (
            PERMIT_ASSET_NAME,
            "1",
            U256::from(p.chain.chain_id()),
            asset
        )
    );
    assert_eq!(
        p.view(asset, IPermitAsset::DOMAIN_SEPARATORCall {}),
        asset_domain(&p).separator()
    );

    let depositor = deploy_depositor(&mut p);
    assert_eq!(p.view(depositor, IPermitDepositor::vaultCall {}), vault);
    assert_eq!(p.view(depositor, IPermitDepositor::assetCall {}), asset);

    let alice = PrivateKeySigner::random();
    let owner = alice.address();
    p.fund_asset(owner, e18(10));
    assert_eq!(p.chain.balance(owner), U256::ZERO, "Alice pays no gas");
    let assets = e18(10);
    let expected_shares = p.view(vault, IRestakingVault::previewDepositCall { assets });
    assert!(expected_shares > U256::ZERO);
    let start = balances(&mut p, owner, depositor, CAROL);
    assert_eq!(
        start,
        Balances {
            owner_asset: assets,
            owner_lrt: U256::ZERO,
            owner_nonce: U256::ZERO,
            owner_to_depositor: U256::ZERO,
            depositor_asset: U256::ZERO,
            depositor_lrt: U256::ZERO,
            depositor_to_vault: U256::ZERO,
            relayer_asset: U256::ZERO,
            relayer_lrt: U256::ZERO,
            supply: U256::ZERO,
            total_assets: U256::ZERO,
        }
    );

    // Signed for another spender (Bob): over the depositor's address it recovers someone
    // else, so the token refuses it.
    let deadline = U256::from(p.chain.timestamp() + 3_600);
    let for_bob = sign_asset_permit(&mut p, &alice, BOB, assets, deadline);
    let receipt = p.send(
        CAROL,
        depositor,
        deposit_with_permit(owner, assets, deadline, for_bob),
    );
    let error = reverted::<IPermitAsset::ERC2612InvalidSigner>(&receipt);
    assert_eq!(error.owner, owner);
    assert_ne!(error.signer, owner);
    assert_eq!(balances(&mut p, owner, depositor, CAROL), start);

    // Expired: signed with a deadline that has passed when the relayer submits it.
    let short = U256::from(p.chain.timestamp() + 60);
    let expiring = sign_asset_permit(&mut p, &alice, depositor, assets, short);
    p.chain.set_timestamp(short.to::<u64>() + 1);
    let receipt = p.send(
        CAROL,
        depositor,
        deposit_with_permit(owner, assets, short, expiring),
    );
    assert_eq!(
        reverted::<IPermitAsset::ERC2612ExpiredSignature>(&receipt).deadline,
        short
    );
    assert_eq!(balances(&mut p, owner, depositor, CAROL), start);

    // The good one: for the depositor, in time.
    let signature = sign_asset_permit(&mut p, &alice, depositor, assets, deadline);
    let receipt = p.send(
        CAROL,
        depositor,
        deposit_with_permit(owner, assets, deadline, signature),
    );
    let shares = decode_ok::<IPermitDepositor::depositWithPermitCall>(&receipt);
    assert_eq!(shares, expected_shares);
    let approval = events::<IPermitAsset::Approval>(&receipt, asset);
    assert_eq!(
        (approval[0].owner, approval[0].spender, approval[0].value),
        (owner, depositor, assets),
        "the permit's approval comes first"
    );
    let deposit = event::<IRestakingVault::Deposit>(&receipt, vault);
    assert_eq!(
        (
            deposit.sender,
            deposit.owner,
            deposit.assets,
            deposit.shares
        ),
        (depositor, owner, assets, shares)
    );
    let done = event::<IPermitDepositor::DepositedFor>(&receipt, depositor);
    assert_eq!(
        (done.owner, done.relayer, done.assets, done.shares),
        (owner, CAROL, assets, shares)
    );
    let after = balances(&mut p, owner, depositor, CAROL);
    assert_eq!(
        after,
        Balances {
            owner_asset: U256::ZERO,
            owner_lrt: shares,
            owner_nonce: U256::from(1),
            supply: shares,
            total_assets: assets,
            ..start
        },
        "Alice holds the LRT; the depositor and Carol hold no asset, no LRT, no allowance"
    );
    assert_eq!(p.asset_balance(vault), assets);
    assert_eq!(p.chain.balance(owner), U256::ZERO);
    assert_eq!(
        p.view(lrt, ILrtToken::balanceOfCall { account: owner }),
        shares
    );

    // Replayed by the relayer (or anyone): the nonce is spent, so it recovers someone else.
    p.fund_asset(owner, assets);
    let before = balances(&mut p, owner, depositor, CAROL);
    for relayer in [CAROL, MALLORY] {
        let receipt = p.send(
            relayer,
            depositor,
            deposit_with_permit(owner, assets, deadline, signature),
        );
        let error = reverted::<IPermitAsset::ERC2612InvalidSigner>(&receipt);
        assert_eq!(error.owner, owner);
        assert_ne!(error.signer, owner);
    }
    // Also straight to the token.
    let (v, r, s) = signature;
    let receipt = p.send(
        MALLORY,
        asset,
        IPermitAsset::permitCall {
            owner,
            spender: depositor,
            value: assets,
            deadline,
            v,
            r,
            s,
        },
    );
    reverted::<IPermitAsset::ERC2612InvalidSigner>(&receipt);
    assert_eq!(balances(&mut p, owner, depositor, CAROL), before);
    assert_eq!(before.owner_nonce, U256::from(1));
}

/// A permit is public once its transaction is in the mempool: Mallory spends Alice's on the
/// token first. The same deposit relayed by Carol is then refused with the token's error, while
/// Alice's own call goes on with the allowance the permit set; a minimum of shares above what
/// the vault mints is refused with the vault's `RestakingVaultSlippage`. Each refusal changes
/// nothing; the deposit at the previewed minimum mints exactly that.
#[test]
fn the_signer_s_own_deposit_survives_a_front_run_permit_and_keeps_its_minimum() {
    let mut p = Protocol::erc20_permit();
    let (vault, asset) = (p.vault, p.asset);
    let depositor = deploy_depositor(&mut p);
    let alice = PrivateKeySigner::random();
    let owner = alice.address();
    let assets = e18(7);
    p.fund_asset(owner, assets);
    let expected = p.view(vault, IRestakingVault::previewDepositCall { assets });
    let deadline = U256::from(p.chain.timestamp() + 3_600);
    let signature = sign_asset_permit(&mut p, &alice, depositor, assets, deadline);

    let (v, r, s) = signature;
    let front_run = IPermitAsset::permitCall {
        owner,
        spender: depositor,
        value: assets,
        deadline,
        v,
        r,
        s,
    };
    p.ok(MALLORY, asset, front_run);
    let start = balances(&mut p, owner, depositor, CAROL);
    assert_eq!(
        (start.owner_to_depositor, start.owner_nonce),
        (assets, U256::from(1))
    );

    // Carol's relayed call: the permit is spent, and a relayer gets no leeway.
    let receipt = p.send(
        CAROL,
        depositor,
        deposit_with_permit(owner, assets, deadline, signature),
    );
    assert_eq!(
        reverted::<IPermitAsset::ERC2612InvalidSigner>(&receipt).owner,
        owner
    );
    assert_eq!(balances(&mut p, owner, depositor, CAROL), start);

    // Alice's own call, asking one share more than the vault mints.
    let greedy = expected + U256::from(1);
    let receipt = p.send(
        owner,
        depositor,
        deposit_with_permit_at_least(owner, assets, greedy, deadline, signature),
    );
    let error = reverted::<IRestakingVault::RestakingVaultSlippage>(&receipt);
    assert_eq!((error.shares, error.minShares), (expected, greedy));
    assert_eq!(balances(&mut p, owner, depositor, CAROL), start);

    // At the previewed minimum: deposited with the front-runner's allowance.
    let receipt = p.send(
        owner,
        depositor,
        deposit_with_permit_at_least(owner, assets, expected, deadline, signature),
    );
    assert_eq!(
        decode_ok::<IPermitDepositor::depositWithPermitCall>(&receipt),
        expected
    );
    let done = event::<IPermitDepositor::DepositedFor>(&receipt, depositor);
    assert_eq!((done.owner, done.relayer), (owner, owner));
    assert_eq!(
        balances(&mut p, owner, depositor, CAROL),
        Balances {
            owner_asset: U256::ZERO,
            owner_lrt: expected,
            owner_to_depositor: U256::ZERO,
            supply: start.supply + expected,
            total_assets: start.total_assets + assets,
            ..start
        }
    );
}
