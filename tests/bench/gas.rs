//! The gas benchmark (issue 6), a command and not a test:
//!
//! ```sh
//! cargo xtask build && cargo run --release -p flow-tests --example gas
//! ```
//!
//! Gas per user operation of the deployed artifacts (`artifacts/*.code`), each with its
//! programs uncached and cached (`ArbWasmCache.cacheProgram`), next to OpenZeppelin's
//! Solidity (`tests/solidity/bench/`: `RefToken` = ERC20 + ERC20Permit, `RefVault` = ERC4626)
//! run in the same runtime, in the same process. Every figure is a transaction's `gas_used`
//! (after refunds), which includes the intrinsic gas (21,000 + calldata); `exec` is `gas_used`
//! minus that intrinsic gas. Then `executeSlash` and `claim` with 10 and 1,000 stakers with
//! open requests. docs/benchmarks.md holds the output and how to read it.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

#[path = "../support/mod.rs"]
mod support;

use alloy_signer::SignerSync;
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{Eip712Domain, SolCall, SolStruct, SolType, sol, sol_data};
use revm::primitives::{Address, B256, U256};
use stylus_runtime::{
    Chain, SnapshotId,
    arb_wasm::{IArbWasm, IArbWasmCache},
    precompiles::{ARB_WASM, ARB_WASM_CACHE},
};
use support::*;

sol! {
    /// `tests/solidity/bench/RefVault.sol` (OpenZeppelin ERC4626).
    interface IRefVault {
        function deposit(uint256 assets, address receiver) external returns (uint256);
        function mint(uint256 shares, address receiver) external returns (uint256);
    }

    /// `tests/solidity/bench/RefToken.sol` (OpenZeppelin ERC20 + ERC20Permit).
    interface IRefToken {
        function mint(address to, uint256 value) external;
        function transfer(address to, uint256 value) external returns (bool);
        function approve(address spender, uint256 value) external returns (bool);
        function balanceOf(address account) external view returns (uint256);
        function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;
    }
}

const VETO: u64 = 60;

/// The name of the reference token's EIP-712 domain.
const REF_NAME: &str = "Reference Token";

/// Intrinsic gas of a call with `data` (Cancun: 21,000 + 4 per zero byte + 16 per other).
fn intrinsic(data: &[u8]) -> u64 {
    21_000
        + data
            .iter()
            .map(|&b| if b == 0 { 4 } else { 16 })
            .sum::<u64>()
}

/// Gas of one transaction, asserted successful.
#[derive(Clone, Copy)]
struct Gas {
    used: u64,
    intrinsic: u64,
}

impl Gas {
    fn exec(self) -> u64 {
        self.used - self.intrinsic
    }
}

/// Sends `call` and returns its gas; panics if it failed.
fn measure<C: SolCall>(p: &mut Protocol, from: Address, to: Address, call: C) -> Gas {
    let data = call.abi_encode();
    let gas_intrinsic = intrinsic(&data);
    let receipt = p.send(from, to, call);
    decode_ok::<C>(&receipt);
    Gas {
        used: receipt.gas_used,
        intrinsic: gas_intrinsic,
    }
}

/// The protocol with a `RefToken` as the vault's asset, plus the references.
struct Bench {
    p: Protocol,
    /// A second `RefToken`, the reference for the LRT's ERC-20 operations.
    ref_token: Address,
    /// `RefVault` over the same asset as our vault.
    ref_vault: Address,
    /// The account that signs permits.
    signer: PrivateKeySigner,
    /// The state every operation starts from.
    base: SnapshotId,
    /// The programs that run (behind the proxies, when there are).
    programs: [Address; 4],
}

/// A `RefToken` named `name`, owned by `ADMIN`.
fn deploy_ref_token(chain: &mut Chain, name: &str) -> Address {
    let mut init = flow_solidity("RefToken").to_vec();
    init.extend(
        <(sol_data::String, sol_data::String, sol_data::Address)>::abi_encode_params(&(
            name.to_owned(),
            String::from("REF"),
            ADMIN,
        )),
    );
    chain
        .deploy_evm(ADMIN, init.into())
        .expect("deploy RefToken")
}

/// The protocol of the flow tests (same deployment and wiring), over `asset`: a `RefToken`
/// or [`NATIVE_ASSET`].
fn deploy_protocol(mut chain: Chain, asset: Address) -> Protocol {
    for account in [
        ADMIN, ALICE, BOB, CAROL, MALLORY, PAUSER, CURATOR, SERVICE, OPERATOR,
    ] {
        chain.fund(account, e18(1_000_000));
    }
    let kind = if asset == NATIVE_ASSET {
        AssetKind::Native
    } else {
        AssetKind::Erc20
    };
    let lrt = Protocol::deploy_lrt(&mut chain);
    Protocol::deploy_around(chain, kind, lrt, asset)
}

/// The programs of a protocol deployed without proxies.
fn programs_of(p: &Protocol) -> [Address; 4] {
    [p.lrt, p.vault, p.redemptions, p.manager]
}

/// Marks `programs` cached, as the chain owner (the only account that may).
fn cache_programs(p: &mut Protocol, programs: [Address; 4]) {
    let owner = stylus_runtime::genesis::CHAIN_OWNER;
    p.chain.fund(owner, e18(1));
    for program in programs {
        p.ok(
            owner,
            ARB_WASM_CACHE,
            IArbWasmCache::cacheProgramCall { addr: program },
        );
    }
}

/// `signer`'s EIP-2612 permit of `token` (domain `name`, version 1) for `spender`, nonce 0.
fn sign_permit(
    chain: &Chain,
    signer: &PrivateKeySigner,
    token: Address,
    name: &str,
    spender: Address,
    value: U256,
) -> (u8, B256, B256) {
    let domain = Eip712Domain::new(
        Some(name.to_owned().into()),
        Some("1".into()),
        Some(U256::from(chain.chain_id())),
        Some(token),
        None,
    );
    let permit = Permit {
        owner: signer.address(),
        spender,
        value,
        nonce: U256::ZERO,
        deadline: U256::MAX,
    };
    let signature = signer
        .sign_hash_sync(&permit.eip712_signing_hash(&domain))
        .expect("signing");
    (
        27 + u8::from(signature.v()),
        B256::from(signature.r().to_be_bytes::<32>()),
        B256::from(signature.s().to_be_bytes::<32>()),
    )
}

/// How the programs are reached.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Called directly.
    Direct,
    /// Behind OpenZeppelin's TransparentUpgradeableProxy (what deployments use).
    Transparent,
    /// The `-uups` builds behind OpenZeppelin's ERC1967Proxy (the option measured against it).
    Uups,
}

impl Bench {
    /// Everything deployed; Alice and Bob hold shares of both vaults and both tokens; Carol
    /// approved our vault for rewards; the service and operator registered with an
    /// allocation. Programs uncached.
    fn new(shape: Shape) -> Self {
        let mut chain = Chain::new();
        chain.fund(ADMIN, e18(1_000_000));
        let asset = deploy_ref_token(&mut chain, "Liquid Staked Ether");
        let ref_token = deploy_ref_token(&mut chain, REF_NAME);
        let mut init = flow_solidity("RefVault").to_vec();
        init.extend(
            <(sol_data::Address, sol_data::String, sol_data::String)>::abi_encode_params(&(
                asset,
                String::from("Reference Vault"),
                String::from("rvLST"),
            )),
        );
        let ref_vault = chain
            .deploy_evm(ADMIN, init.into())
            .expect("deploy RefVault");
        let mut p = deploy_protocol(chain, asset);
        let mut programs = programs_of(&p);
        match shape {
            Shape::Direct => {}
            Shape::Transparent => {
                let behind = p.behind_proxies(ADMIN);
                programs = behind.programs();
                p = behind.p;
            }
            Shape::Uups => {
                let behind = p.behind_uups_proxies();
                programs = behind.programs();
                p = behind.p;
            }
        }
        let vault = p.vault;
        for user in [ALICE, BOB, CAROL] {
            p.fund_asset(user, e18(10_000));
            for spender in [vault, ref_vault] {
                p.ok(
                    user,
                    asset,
                    ITestAsset::approveCall {
                        spender,
                        value: U256::MAX,
                    },
                );
            }
            p.ok(
                ADMIN,
                ref_token,
                IRefToken::mintCall {
                    to: user,
                    value: e18(1_000),
                },
            );
        }
        for user in [ALICE, BOB] {
            p.ok(
                user,
                vault,
                IRestakingVault::depositCall {
                    assets: e18(100),
                    receiver: user,
                },
            );
            p.ok(
                user,
                ref_vault,
                IRefVault::depositCall {
                    assets: e18(100),
                    receiver: user,
                },
            );
        }
        p.register_for_slashing(RESOLVER, VETO, RECIPIENT, e18(50));
        p.chain.advance_time(100);
        let base = p.chain.snapshot();
        Self {
            p,
            ref_token,
            ref_vault,
            signer: PrivateKeySigner::from_bytes(&B256::repeat_byte(0x42)).expect("key"),
            base,
            programs,
        }
    }

    /// Back to the base state.
    fn reset(&mut self) {
        assert!(self.p.chain.revert_to(self.base));
        self.base = self.p.chain.snapshot();
    }

    /// Ours: the operation `op` from the base state (with its own preparation).
    fn ours(&mut self, op: Op, cached: bool) -> Gas {
        self.reset();
        if cached {
            cache_programs(&mut self.p, self.programs);
        }
        let p = &mut self.p;
        let (lrt, vault, manager) = (p.lrt, p.vault, p.manager);
        match op {
            Op::Deposit => measure(
                p,
                ALICE,
                vault,
                IRestakingVault::depositCall {
                    assets: e18(10),
                    receiver: ALICE,
                },
            ),
            Op::Mint => measure(
                p,
                ALICE,
                vault,
                IRestakingVault::mintCall {
                    shares: e18(10),
                    receiver: ALICE,
                },
            ),
            Op::Transfer => measure(
                p,
                ALICE,
                lrt,
                ILrtToken::transferCall {
                    to: BOB,
                    value: e18(1),
                },
            ),
            Op::Approve => measure(
                p,
                ALICE,
                lrt,
                ILrtToken::approveCall {
                    spender: CAROL,
                    value: e18(5),
                },
            ),
            Op::Permit => {
                let signer = self.signer.clone();
                let (v, r, s) =
                    sign_permit(&p.chain, &signer, lrt, "Restaked Ether", CAROL, e18(5));
                measure(
                    p,
                    CAROL,
                    lrt,
                    ILrtToken::permitCall {
                        owner: signer.address(),
                        spender: CAROL,
                        value: e18(5),
                        deadline: U256::MAX,
                        v,
                        r,
                        s,
                    },
                )
            }
            Op::RequestRedeem => measure(
                p,
                ALICE,
                vault,
                IRestakingVault::requestRedeemCall {
                    shares: e18(10),
                    controller: ALICE,
                    owner: ALICE,
                },
            ),
            Op::Claim => {
                p.request_redeem(ALICE, e18(10));
                p.goto_epoch(2, 0);
                measure(
                    p,
                    ALICE,
                    vault,
                    IRestakingVault::claimCall {
                        epoch: 1,
                        receiver: ALICE,
                    },
                )
            }
            Op::DistributeRewards => measure(
                p,
                CAROL,
                vault,
                IRestakingVault::distributeRewardsCall { amount: e18(10) },
            ),
            Op::RequestSlash => {
                let capture = p.chain.timestamp() - 10;
                measure(p, SERVICE, manager, slash_request(vault, capture))
            }
            Op::ExecuteSlash => {
                let capture = p.chain.timestamp() - 10;
                let id = p.ok(SERVICE, manager, slash_request(vault, capture));
                p.chain.advance_time(VETO);
                measure(p, CAROL, manager, ISlashingManager::executeSlashCall { id })
            }
        }
    }

    /// OpenZeppelin's: the same operation, if it has an equivalent.
    fn reference(&mut self, op: Op) -> Option<Gas> {
        self.reset();
        let (token, ref_vault) = (self.ref_token, self.ref_vault);
        let p = &mut self.p;
        Some(match op {
            Op::Deposit => measure(
                p,
                ALICE,
                ref_vault,
                IRefVault::depositCall {
                    assets: e18(10),
                    receiver: ALICE,
                },
            ),
            Op::Mint => measure(
                p,
                ALICE,
                ref_vault,
                IRefVault::mintCall {
                    shares: e18(10),
                    receiver: ALICE,
                },
            ),
            Op::Transfer => measure(
                p,
                ALICE,
                token,
                IRefToken::transferCall {
                    to: BOB,
                    value: e18(1),
                },
            ),
            Op::Approve => measure(
                p,
                ALICE,
                token,
                IRefToken::approveCall {
                    spender: CAROL,
                    value: e18(5),
                },
            ),
            Op::Permit => {
                let signer = self.signer.clone();
                let (v, r, s) = sign_permit(&p.chain, &signer, token, REF_NAME, CAROL, e18(5));
                measure(
                    p,
                    CAROL,
                    token,
                    IRefToken::permitCall {
                        owner: signer.address(),
                        spender: CAROL,
                        value: e18(5),
                        deadline: U256::MAX,
                        v,
                        r,
                        s,
                    },
                )
            }
            Op::RequestRedeem
            | Op::Claim
            | Op::DistributeRewards
            | Op::RequestSlash
            | Op::ExecuteSlash => return None,
        })
    }
}

impl Bench {
    /// Cached, from the base state: `(ours, OZ)` for a view sent as a transaction
    /// (`balanceOf`: the cost of entering the program) and for a mint by a minter.
    fn components(&mut self) -> [(&'static str, Gas, Gas); 2] {
        self.reset();
        cache_programs(&mut self.p, self.programs);
        let (protocol_lrt, token) = (self.p.lrt, self.ref_token);
        let p = &mut self.p;
        // The protocol's LRT has one minter (its vault): the mint row uses a token of its own,
        // the same program (cached with it, by code hash) with ADMIN as the minter, holding a
        // supply and a balance for Alice already, as the reference token does.
        let lrt = Protocol::deploy_lrt(&mut p.chain);
        let minter = p.view(lrt, ILrtToken::MINTER_ROLECall {});
        p.ok(
            ADMIN,
            lrt,
            ILrtToken::grantRoleCall {
                role: minter,
                account: ADMIN,
            },
        );
        let alice_holds = p.view(token, IRefToken::balanceOfCall { account: ALICE });
        p.ok(
            ADMIN,
            lrt,
            ILrtToken::mintCall {
                to: ALICE,
                amount: alice_holds,
            },
        );
        let balance_ours = measure(
            p,
            ALICE,
            protocol_lrt,
            ILrtToken::balanceOfCall { account: ALICE },
        );
        let balance_ref = measure(p, ALICE, token, IRefToken::balanceOfCall { account: ALICE });
        let mint_ours = measure(
            p,
            ADMIN,
            lrt,
            ILrtToken::mintCall {
                to: ALICE,
                amount: e18(10),
            },
        );
        let mint_ref = measure(
            p,
            ADMIN,
            token,
            IRefToken::mintCall {
                to: ALICE,
                value: e18(10),
            },
        );
        [
            (
                "balanceOf sent as a transaction (entering the program)",
                balance_ours,
                balance_ref,
            ),
            (
                "LRT.mint by a minter vs RefToken.mint (OZ _mint), 10 to a holder",
                mint_ours,
                mint_ref,
            ),
        ]
    }
}

fn slash_request(vault: Address, capture: u64) -> ISlashingManager::requestSlashCall {
    ISlashingManager::requestSlashCall {
        operator: OPERATOR,
        vault,
        amount: e18(1),
        captureTimestamp: capture,
    }
}

/// The operations measured.
#[derive(Clone, Copy, Debug)]
enum Op {
    Deposit,
    Mint,
    Transfer,
    Approve,
    Permit,
    RequestRedeem,
    Claim,
    DistributeRewards,
    RequestSlash,
    ExecuteSlash,
}

impl Op {
    const ALL: [Self; 10] = [
        Self::Deposit,
        Self::Mint,
        Self::Transfer,
        Self::Approve,
        Self::Permit,
        Self::RequestRedeem,
        Self::Claim,
        Self::DistributeRewards,
        Self::RequestSlash,
        Self::ExecuteSlash,
    ];

    fn name(self) -> &'static str {
        match self {
            Self::Deposit => "deposit",
            Self::Mint => "mint",
            Self::Transfer => "transfer",
            Self::Approve => "approve",
            Self::Permit => "permit",
            Self::RequestRedeem => "requestRedeem",
            Self::Claim => "claim",
            Self::DistributeRewards => "distributeRewards",
            Self::RequestSlash => "requestSlash",
            Self::ExecuteSlash => "executeSlash",
        }
    }

    /// What is measured, and the reference (or why there is none).
    fn scenario(self) -> &'static str {
        match self {
            Self::Deposit => {
                "10 asset for self, 2nd deposit (RefToken asset pulled) | OZ ERC4626.deposit"
            }
            Self::Mint => "10 shares for self, 2nd deposit | OZ ERC4626.mint",
            Self::Transfer => "1 LRT to a holder | OZ ERC20.transfer",
            Self::Approve => "new allowance (0 -> 5) | OZ ERC20.approve",
            Self::Permit => "relayer, 1st permit (nonce 0 -> 1) | OZ ERC20Permit.permit",
            Self::RequestRedeem => "10 shares, 1st request | none: ERC4626 redeems synchronously",
            Self::Claim => "one request after its epoch | none: ERC4626 has no queue",
            Self::DistributeRewards => "10 asset, fee + vesting | none in OZ",
            Self::RequestSlash => "1 asset, allocated operator | none in OZ",
            Self::ExecuteSlash => "after the veto window, paid to the recipient | none in OZ",
        }
    }
}

fn ratio(ours: u64, reference: u64) -> String {
    format!("{:.2}", ours as f64 / reference as f64)
}

/// Gas of `executeSlash` and `claim` with `stakers` stakers, each with two open requests (a
/// claimable one and a slashable one), in a native-ETH vault; cached programs. Each staker
/// deposits `4 * unit` and requests `unit` twice.
fn scaling(stakers: usize, unit: U256) -> (Gas, Gas) {
    let mut p = deploy_protocol(Chain::new(), NATIVE_ASSET);
    let (vault, manager) = (p.vault, p.manager);
    let accounts: Vec<Address> = (0..stakers)
        .map(|i| Address::left_padding_from(&(0x1_0000 + i as u64).to_be_bytes()))
        .collect();
    for &account in &accounts {
        p.chain.fund(account, unit * U256::from(10));
        p.deposit(account, unit * U256::from(4));
        p.request_redeem(account, unit);
    }
    p.register_for_slashing(RESOLVER, VETO, RECIPIENT, e18(1_000));
    let programs = programs_of(&p);
    cache_programs(&mut p, programs);
    p.goto_epoch(2, 100);
    for &account in &accounts {
        p.request_redeem(account, unit);
    }
    p.chain.advance_time(100);
    let capture = p.chain.timestamp();
    p.chain.advance_time(10);
    let id = p.ok(SERVICE, manager, slash_request(vault, capture));
    p.chain.advance_time(VETO);
    let execute = measure(
        &mut p,
        CAROL,
        manager,
        ISlashingManager::executeSlashCall { id },
    );
    let claim = measure(
        &mut p,
        accounts[stakers / 2],
        vault,
        IRestakingVault::claimCall {
            epoch: 1,
            receiver: accounts[stakers / 2],
        },
    );
    (execute, claim)
}

/// `programInitGas` (uncached, cached) and `programMemoryFootprint` of `program`.
fn init_costs(p: &mut Protocol, program: Address) -> (u64, u64, u16) {
    let init = p.view(ARB_WASM, IArbWasm::programInitGasCall { program });
    let pages = p.view(ARB_WASM, IArbWasm::programMemoryFootprintCall { program });
    (init.gas, init.gasWhenCached, pages)
}

fn main() {
    let started = std::time::Instant::now();
    let mut bench = Bench::new(Shape::Direct);
    // The same deployment behind OpenZeppelin's transparent proxies (deploy/solidity), and the
    // UUPS builds behind ERC1967Proxy (tests/solidity/UupsProxy.sol).
    let mut proxied = Bench::new(Shape::Transparent);
    let mut uups = Bench::new(Shape::Uups);

    println!("Gas per operation: gas_used of the transaction (after refunds), intrinsic included");
    println!("(21,000 + calldata); exec = gas_used - intrinsic. Programs uncached / cached");
    println!(
        "(ArbWasmCache.cacheProgram on all four); ref = OpenZeppelin 5 Solidity, same runtime."
    );
    println!(
        "Behind proxies: the same deployment with the LRT, the vault and the manager each behind"
    );
    println!(
        "OpenZeppelin's TransparentUpgradeableProxy (deploy/solidity/RestakingProxy.sol), the"
    );
    println!(
        "programs cached; proxy cost = that minus ours cached (what the upgradeable shape adds)."
    );
    println!(
        "UUPS: the programs' `-uups` builds (upgradeToAndCall in the program) behind OpenZeppelin's"
    );
    println!("ERC1967Proxy, cached; UUPS cost = that minus ours cached.");
    println!();
    println!(
        "| operation | intrinsic | ours uncached | ours cached | OZ ref | cached / ref | uncached / ref | exec ours cached | exec ref | uncached - cached | cached behind proxies | proxy cost | cached behind UUPS | UUPS cost |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for op in Op::ALL {
        let uncached = bench.ours(op, false);
        let cached = bench.ours(op, true);
        let reference = bench.reference(op);
        let through_proxies = proxied.ours(op, true);
        let through_uups = uups.ours(op, true);
        let (ref_gas, ratio_cached, ratio_uncached, ref_exec) = match reference {
            Some(r) => (
                r.used.to_string(),
                ratio(cached.used, r.used),
                ratio(uncached.used, r.used),
                r.exec().to_string(),
            ),
            None => ("none".into(), "-".into(), "-".into(), "-".into()),
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            op.name(),
            cached.intrinsic,
            uncached.used,
            cached.used,
            ref_gas,
            ratio_cached,
            ratio_uncached,
            cached.exec(),
            ref_exec,
            uncached.used - cached.used,
            through_proxies.used,
            i128::from(through_proxies.used) - i128::from(cached.used),
            through_uups.used,
            i128::from(through_uups.used) - i128::from(cached.used)
        );
    }
    println!();
    println!("Scenarios (ours | reference):");
    for op in Op::ALL {
        println!("- {}: {}", op.name(), op.scenario());
    }

    println!();
    println!("Parts, cached, same base state:");
    println!();
    println!("| call | ours | OZ | exec ours | exec OZ |");
    println!("|---|---:|---:|---:|---:|");
    for (name, ours, reference) in bench.components() {
        println!(
            "| {name} | {} | {} | {} | {} |",
            ours.used,
            reference.used,
            ours.exec(),
            reference.exec()
        );
    }

    println!();
    let (cached_floor, uncached_floor) =
        stylus_program::pricing::entry_gas_floors(&stylus_program::StylusParams::default());
    println!("Fixed cost of entering each program (ArbWasm views): entry gas uncached");
    println!("(programInitGas) and cached, next to the floor no program can go below:");
    println!();
    println!(
        "| program | uncached (programInitGas) | floor | cached | floor | memory footprint (pages) |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    bench.reset();
    let p = &mut bench.p;
    for (name, program) in [
        ("lrt-token", p.lrt),
        ("restaking-vault", p.vault),
        ("restaking-vault-redemptions", p.redemptions),
        ("slashing-manager", p.manager),
    ] {
        let (init, cached, pages) = init_costs(p, program);
        println!("| {name} | {init} | {uncached_floor} | {cached} | {cached_floor} | {pages} |");
    }

    println!();
    println!("Does it grow? Cached programs, native-ETH vault, each staker with two open requests");
    println!("(one claimable, one in the slashed epoch's bucket):");
    println!();
    println!(
        "| stakers | executeSlash | claim | exec executeSlash | exec claim | same total stake: exec executeSlash | exec claim |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for stakers in [10, 100, 1_000] {
        let (execute, claim) = scaling(stakers, e18(1));
        let (execute_same, claim_same) = scaling(stakers, e18(1_000) / U256::from(stakers));
        println!(
            "| {stakers} | {} | {} | {} | {} | {} | {} |",
            execute.used,
            claim.used,
            execute.exec(),
            claim.exec(),
            execute_same.exec(),
            claim_same.exec()
        );
    }
    println!();
    println!(
        "Each staker deposits 4 and requests 1 twice (total stake grows with stakers); in the"
    );
    println!("last two columns each deposits 4,000/stakers (total stake fixed at 4,000 ETH).");
    eprintln!("({:.1} s)", started.elapsed().as_secs_f64());
}
