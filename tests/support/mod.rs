//! The protocol as deployed: the LRT, the vault (two programs) and the slashing manager from
//! `artifacts/*.code`, deployed through the StylusDeployer with their constructors, roles
//! wired as in production, and helpers to send calls and decode what comes back.

#![allow(
    dead_code,
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

pub(crate) mod layout;
pub(crate) mod upgradeable;

use std::path::PathBuf;

use alloy_signer::SignerSync;
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{
    Eip712Domain, SolCall, SolError, SolEvent, SolStruct, SolType, sol, sol_data,
};
use revm::primitives::{Address, B256, Bytes, Log, U256, address, keccak256};
use stylus_runtime::{Chain, GENESIS_TIMESTAMP, Receipt, Status, Tx, deploy::stylus_artifact};

sol!("../abi/LrtToken.sol");
sol!("../abi/RestakingVault.sol");
sol!("../abi/SlashingManager.sol");

sol! {
    /// `tests/solidity/TestAsset.sol`: an ERC-20 anyone may mint.
    interface ITestAsset {
        function mint(address to, uint256 value) external;
        function approve(address spender, uint256 value) external returns (bool);
        function transfer(address to, uint256 value) external returns (bool);
        function balanceOf(address account) external view returns (uint256);
        function allowance(address owner, address spender) external view returns (uint256);
        event Transfer(address indexed from, address indexed to, uint256 value);
        error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
        error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed);
    }

    /// The EIP-2612 permit the LRT verifies.
    struct Permit {
        address owner;
        address spender;
        uint256 value;
        uint256 nonce;
        uint256 deadline;
    }
}

/// Deploys everything and holds every role.
pub(crate) const ADMIN: Address = address!("00000000000000000000000000000000000a0001");
/// Holds the vault's `PAUSER_ROLE`.
pub(crate) const PAUSER: Address = address!("00000000000000000000000000000000000a0002");
/// Holds the vault's `CURATOR_ROLE`.
pub(crate) const CURATOR: Address = address!("00000000000000000000000000000000000a0003");
/// Receives the protocol fee.
pub(crate) const TREASURY: Address = address!("00000000000000000000000000000000000a0004");
/// Restakers and attackers.
pub(crate) const ALICE: Address = address!("0000000000000000000000000000000000a11ce0");
/// A second restaker.
pub(crate) const BOB: Address = address!("00000000000000000000000000000000000b0b00");
/// A third account.
pub(crate) const CAROL: Address = address!("00000000000000000000000000000000000ca201");
/// An attacker.
pub(crate) const MALLORY: Address = address!("000000000000000000000000000000000000bad0");
/// A validation service (registers itself with the slashing manager).
pub(crate) const SERVICE: Address = address!("00000000000000000000000000000000005e2f1c");
/// The service's resolver (may veto its slash requests).
pub(crate) const RESOLVER: Address = address!("000000000000000000000000000000000000e501");
/// Where the service's slashed funds go.
pub(crate) const RECIPIENT: Address = address!("000000000000000000000000000000000000ec1e");
/// A node operator.
pub(crate) const OPERATOR: Address = address!("00000000000000000000000000000000000000e7");

/// The asset of a native-ETH vault (ERC-7535).
pub(crate) const NATIVE_ASSET: Address = address!("EeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE");

/// One token / ether (18 decimals).
pub(crate) const E18: u128 = 1_000_000_000_000_000_000;

/// The EIP-712 name (and ERC-20 name) of the permit asset of [`Protocol::erc20_permit`];
/// OpenZeppelin's `ERC20Permit(name)` signs with this name and version "1".
pub(crate) const PERMIT_ASSET_NAME: &str = "Permit Staked Ether";

/// The vault's epoch length.
pub(crate) const EPOCH: u64 = 86_400;
/// The vault's reward vesting period.
pub(crate) const VESTING: u64 = 3_600 * 12;
/// The vault's fee on rewards (10%).
pub(crate) const FEE_BPS: u16 = 1_000;

/// The slashing manager's delays (the devnet set of docs/SlashingManager.md).
pub(crate) const MAX_VETO: u64 = 60;
/// How long an unvetoed request stays executable.
pub(crate) const EXECUTION_WINDOW: u64 = 3_600;
/// Delay of a service update.
pub(crate) const SERVICE_UPDATE_DELAY: u64 = 300;
/// Delay of an opt-out.
pub(crate) const OPT_OUT_DELAY: u64 = 300;
/// Delay of an allocation decrease.
pub(crate) const ALLOCATION_DELAY: u64 = 300;

/// Flows of the vault's pause.
pub(crate) const FLOW_DEPOSIT: u8 = 0;
/// The redeem-request flow.
pub(crate) const FLOW_REQUEST: u8 = 1;
/// The claim flow.
pub(crate) const FLOW_CLAIM: u8 = 2;

/// `amount * 10^18`.
pub(crate) fn e18(amount: u128) -> U256 {
    U256::from(amount) * U256::from(E18)
}

/// A role id, `keccak256(name)`.
pub(crate) fn role(name: &str) -> B256 {
    keccak256(name.as_bytes())
}

/// What the vault holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AssetKind {
    /// Native ETH.
    Native,
    /// `tests/solidity/TestAsset.sol`.
    Erc20,
    /// `tests/solidity/ReentrantAsset.sol`: a TestAsset that calls back when armed.
    ReentrantErc20,
}

/// The deployed protocol on one chain.
pub(crate) struct Protocol {
    /// The chain.
    pub(crate) chain: Chain,
    /// The LRT.
    pub(crate) lrt: Address,
    /// The vault users talk to.
    pub(crate) vault: Address,
    /// The vault's redemption program (reached by delegatecall).
    pub(crate) redemptions: Address,
    /// The slashing manager.
    pub(crate) manager: Address,
    /// The asset (`NATIVE_ASSET`, or the TestAsset, ReentrantAsset or RefToken).
    pub(crate) asset: Address,
    /// Which kind of asset.
    pub(crate) kind: AssetKind,
}

/// A compiled contract from `tests/solidity/out/<name>.json` (`cargo xtask solc`).
pub(crate) fn flow_solidity(name: &str) -> Bytes {
    compiled_solidity("tests/solidity/out", name)
}

/// A contract the deploy tool deploys, from `deploy/solidity/out/<name>.json`.
pub(crate) fn deploy_solidity(name: &str) -> Bytes {
    compiled_solidity("deploy/solidity/out", name)
}

/// The creation code in `<out_dir>/<name>.json` (`out_dir` relative to the workspace root).
fn compiled_solidity(out_dir: &str, name: &str) -> Bytes {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(out_dir)
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask solc`", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("artifact JSON");
    json["bytecode"]
        .as_str()
        .and_then(|hex| hex.parse::<Bytes>().ok())
        .expect("bytecode")
}

impl Protocol {
    /// A native-ETH vault.
    pub(crate) fn native() -> Self {
        Self::deploy(AssetKind::Native)
    }

    /// An ERC-20 vault over a Solidity-compiled TestAsset.
    pub(crate) fn erc20() -> Self {
        Self::deploy(AssetKind::Erc20)
    }

    /// Deploys and wires the whole protocol on a new chain.
    pub(crate) fn deploy(kind: AssetKind) -> Self {
        Self::deploy_on(Chain::new(), kind)
    }

    /// An ERC-20 vault over an asset with EIP-2612: OpenZeppelin's ERC20 + ERC20Permit
    /// (`tests/solidity/bench/RefToken.sol`) named [`PERMIT_ASSET_NAME`], owned by `ADMIN`. Its
    /// `mint(address,uint256)` is TestAsset's, so every asset helper works (kind `Erc20`).
    pub(crate) fn erc20_permit() -> Self {
        let ctor = <(sol_data::String, sol_data::String, sol_data::Address)>::abi_encode_params(&(
            String::from(PERMIT_ASSET_NAME),
            String::from("pLST"),
            ADMIN,
        ));
        let mut init = flow_solidity("RefToken").to_vec();
        init.extend_from_slice(&ctor);
        Self::deploy_over(Chain::new(), AssetKind::Erc20, Some(init.into()))
    }

    /// Deploys and wires the whole protocol on `chain`.
    pub(crate) fn deploy_on(chain: Chain, kind: AssetKind) -> Self {
        Self::deploy_over(chain, kind, None)
    }

    /// Deploys and wires the whole protocol on `chain`; an ERC-20 asset from `asset_init`
    /// (creation code and constructor arguments, deployed by `ADMIN`) when given, else the
    /// one of `kind`.
    fn deploy_over(mut chain: Chain, kind: AssetKind, asset_init: Option<Bytes>) -> Self {
        chain.fund(ADMIN, e18(1_000));
        for account in [ALICE, BOB, CAROL, MALLORY, PAUSER, CURATOR] {
            chain.fund(account, e18(1_000_000));
        }

        let lrt = Self::deploy_lrt(&mut chain);
        let asset = match kind {
            _ if asset_init.is_some() => {
                assert_ne!(
                    kind,
                    AssetKind::Native,
                    "an ERC-20 asset for a native vault"
                );
                chain
                    .deploy_evm(ADMIN, asset_init.unwrap_or_default())
                    .expect("deploy the asset")
            }
            AssetKind::Native => NATIVE_ASSET,
            AssetKind::Erc20 | AssetKind::ReentrantErc20 => {
                let ctor = <(sol_data::String, sol_data::String)>::abi_encode_params(&(
                    String::from("Liquid Staked Ether"),
                    String::from("LST"),
                ));
                let name = if kind == AssetKind::Erc20 {
                    "TestAsset"
                } else {
                    "ReentrantAsset"
                };
                let mut init = flow_solidity(name).to_vec();
                init.extend_from_slice(&ctor);
                chain
                    .deploy_evm(ADMIN, init.into())
                    .expect("deploy TestAsset")
            }
        };

        Self::deploy_around(chain, kind, lrt, asset)
    }

    /// Deploys the LRT (`ADMIN` is its admin) through the StylusDeployer.
    pub(crate) fn deploy_lrt(chain: &mut Chain) -> Address {
        let (lrt, _) = chain
            .deploy_stylus(ADMIN, &artifact("lrt-token"), Some(&Self::lrt_args()))
            .expect("deploy lrt-token");
        lrt
    }

    /// The LRT's constructor arguments (`ADMIN` is its admin).
    pub(crate) fn lrt_args() -> Vec<u8> {
        <(
            sol_data::String,
            sol_data::String,
            sol_data::Uint<8>,
            sol_data::Address,
        )>::abi_encode_params(&(
            String::from("Restaked Ether"),
            String::from("rstETH"),
            18u8,
            ADMIN,
        ))
    }

    /// The vault's constructor arguments: over `asset`, minting `lrt`, delegating to
    /// `redemptions`, with `ADMIN` as its admin and the flow tests' parameters.
    pub(crate) fn vault_args(lrt: Address, asset: Address, redemptions: Address) -> Vec<u8> {
        <(
            sol_data::Address,
            sol_data::Address,
            sol_data::Address,
            sol_data::Uint<64>,
            sol_data::Uint<64>,
            sol_data::Uint<64>,
            sol_data::Address,
            sol_data::Uint<16>,
            sol_data::Address,
        )>::abi_encode_params(&(
            asset,
            lrt,
            ADMIN,
            GENESIS_TIMESTAMP,
            EPOCH,
            VESTING,
            TREASURY,
            FEE_BPS,
            redemptions,
        ))
    }

    /// The slashing manager's constructor arguments (`ADMIN` is its admin).
    pub(crate) fn manager_args() -> Vec<u8> {
        <(
            sol_data::Address,
            sol_data::Uint<64>,
            sol_data::Uint<64>,
            sol_data::Uint<64>,
            sol_data::Uint<64>,
            sol_data::Uint<64>,
        )>::abi_encode_params(&(
            ADMIN,
            MAX_VETO,
            EXECUTION_WINDOW,
            SERVICE_UPDATE_DELAY,
            OPT_OUT_DELAY,
            ALLOCATION_DELAY,
        ))
    }

    /// Deploys a redemption program and a vault over `asset` that mints `lrt`, with `ADMIN`
    /// as its admin and the flow tests' parameters; grants nothing. `(vault, redemptions)`.
    pub(crate) fn deploy_vault(
        chain: &mut Chain,
        lrt: Address,
        asset: Address,
    ) -> (Address, Address) {
        let (redemptions, _) = chain
            .deploy_stylus(ADMIN, &artifact("restaking-vault-redemptions"), None)
            .expect("deploy restaking-vault-redemptions");
        let vault_args = Self::vault_args(lrt, asset, redemptions);
        let (vault, _) = chain
            .deploy_stylus(ADMIN, &artifact("restaking-vault"), Some(&vault_args))
            .expect("deploy restaking-vault");
        (vault, redemptions)
    }

    /// Deploys the redemption program, the vault over `asset` (of `kind`) sharing `lrt`, and
    /// the slashing manager, then wires the roles as in production.
    pub(crate) fn deploy_around(
        mut chain: Chain,
        kind: AssetKind,
        lrt: Address,
        asset: Address,
    ) -> Self {
        let (vault, redemptions) = Self::deploy_vault(&mut chain, lrt, asset);

        let manager_args = Self::manager_args();
        let (manager, _) = chain
            .deploy_stylus(ADMIN, &artifact("slashing-manager"), Some(&manager_args))
            .expect("deploy slashing-manager");

        let mut p = Self {
            chain,
            lrt,
            vault,
            redemptions,
            manager,
            asset,
            kind,
        };
        p.wire();
        p
    }

    /// Wires the roles as in production (by `ADMIN`): the vault mints the LRT; the manager
    /// slashes, the curator allocates and the pauser pauses the vault.
    pub(crate) fn wire(&mut self) {
        let (lrt, vault, manager) = (self.lrt, self.vault, self.manager);
        let p = self;
        let minter = p.view(lrt, ILrtToken::MINTER_ROLECall {});
        p.ok(
            ADMIN,
            lrt,
            ILrtToken::grantRoleCall {
                role: minter,
                account: vault,
            },
        );
        for (name, account) in [
            ("SLASHER_ROLE", manager),
            ("CURATOR_ROLE", CURATOR),
            ("PAUSER_ROLE", PAUSER),
        ] {
            p.ok(
                ADMIN,
                vault,
                IRestakingVault::grantRoleCall {
                    role: role(name),
                    account,
                },
            );
        }
    }

    // ----- sending and decoding -----

    /// Sends `call` from `from` to `to` with `value` wei; the receipt, whatever happened.
    pub(crate) fn send_value<C: SolCall>(
        &mut self,
        from: Address,
        to: Address,
        call: C,
        value: U256,
    ) -> Receipt {
        self.chain
            .transact(Tx {
                from,
                to: Some(to),
                data: call.abi_encode().into(),
                value,
                gas_limit: None,
            })
            .expect("valid transaction")
    }

    /// Sends `call` without value.
    pub(crate) fn send<C: SolCall>(&mut self, from: Address, to: Address, call: C) -> Receipt {
        self.send_value(from, to, call, U256::ZERO)
    }

    /// Sends `call`, asserts it succeeded, and decodes what it returned.
    /// Makes the vault's stake slashable by `SERVICE` through `OPERATOR`: the service
    /// registers (`resolver`, `veto_duration`, `recipient`), the operator registers and opts in
    /// to the service and the vault, and the curator allocates `allocation` to the pair.
    pub(crate) fn register_for_slashing(
        &mut self,
        resolver: Address,
        veto_duration: u64,
        recipient: Address,
        allocation: U256,
    ) {
        let (manager, vault) = (self.manager, self.vault);
        self.ok(
            SERVICE,
            manager,
            ISlashingManager::registerServiceCall {
                resolver,
                vetoDuration: veto_duration,
                recipient,
            },
        );
        self.ok(OPERATOR, manager, ISlashingManager::registerOperatorCall {});
        self.ok(
            OPERATOR,
            manager,
            ISlashingManager::optInServiceCall { service: SERVICE },
        );
        self.ok(
            OPERATOR,
            manager,
            ISlashingManager::optInVaultCall { vault },
        );
        self.ok(
            CURATOR,
            manager,
            ISlashingManager::setAllocationCall {
                vault,
                service: SERVICE,
                operator: OPERATOR,
                amount: allocation,
            },
        );
    }

    /// [`SERVICE`] requests a slash of `amount` of [`OPERATOR`]'s stake in the vault for
    /// `capture`.
    pub(crate) fn request_slash(&mut self, amount: U256, capture: u64) -> Receipt {
        let (manager, vault) = (self.manager, self.vault);
        self.send(
            SERVICE,
            manager,
            ISlashingManager::requestSlashCall {
                operator: OPERATOR,
                vault,
                amount,
                captureTimestamp: capture,
            },
        )
    }

    /// The manager's `slashableStake(vault, SERVICE, OPERATOR, capture)`.
    pub(crate) fn slashable(&mut self, capture: u64) -> U256 {
        let (manager, vault) = (self.manager, self.vault);
        self.view(
            manager,
            ISlashingManager::slashableStakeCall {
                vault,
                service: SERVICE,
                operator: OPERATOR,
                captureTimestamp: capture,
            },
        )
    }

    pub(crate) fn ok<C: SolCall>(&mut self, from: Address, to: Address, call: C) -> C::Return {
        let receipt = self.send(from, to, call);
        decode_ok::<C>(&receipt)
    }

    /// A view from `ADMIN`.
    pub(crate) fn view<C: SolCall>(&mut self, to: Address, call: C) -> C::Return {
        let result = self
            .chain
            .call(Tx {
                from: ADMIN,
                to: Some(to),
                data: call.abi_encode().into(),
                ..Tx::default()
            })
            .expect("valid call");
        decode_ok::<C>(&result)
    }

    // ----- the asset -----

    /// Gives `account` `amount` of the asset (ETH or minted TestAsset).
    pub(crate) fn fund_asset(&mut self, account: Address, amount: U256) {
        match self.kind {
            AssetKind::Native => self.chain.fund(account, amount),
            AssetKind::Erc20 | AssetKind::ReentrantErc20 => {
                let asset = self.asset;
                self.ok(
                    ADMIN,
                    asset,
                    ITestAsset::mintCall {
                        to: account,
                        value: amount,
                    },
                );
            }
        }
    }

    /// `account`'s balance of the asset.
    pub(crate) fn asset_balance(&mut self, account: Address) -> U256 {
        match self.kind {
            AssetKind::Native => self.chain.balance(account),
            AssetKind::Erc20 | AssetKind::ReentrantErc20 => {
                let asset = self.asset;
                self.view(asset, ITestAsset::balanceOfCall { account })
            }
        }
    }

    /// `owner` approves the vault for `amount` of the ERC-20 asset (nothing for ETH).
    pub(crate) fn approve_asset(&mut self, owner: Address, amount: U256) {
        if self.kind != AssetKind::Native {
            let (asset, vault) = (self.asset, self.vault);
            assert!(self.ok(
                owner,
                asset,
                ITestAsset::approveCall {
                    spender: vault,
                    value: amount
                }
            ));
        }
    }

    /// The value a payable vault call carries for `assets` of the asset.
    pub(crate) fn value_for(&self, assets: U256) -> U256 {
        match self.kind {
            AssetKind::Native => assets,
            AssetKind::Erc20 | AssetKind::ReentrantErc20 => U256::ZERO,
        }
    }

    // ----- the vault -----

    /// `from` deposits `assets` for `receiver` (approving them first for an ERC-20); the
    /// receipt.
    pub(crate) fn try_deposit(
        &mut self,
        from: Address,
        assets: U256,
        receiver: Address,
    ) -> Receipt {
        let vault = self.vault;
        let value = self.value_for(assets);
        self.send_value(
            from,
            vault,
            IRestakingVault::depositCall { assets, receiver },
            value,
        )
    }

    /// Funds `from` with `assets`, approves, deposits for `from`; the shares minted.
    pub(crate) fn deposit(&mut self, from: Address, assets: U256) -> U256 {
        if self.kind != AssetKind::Native {
            self.fund_asset(from, assets);
            self.approve_asset(from, assets);
        }
        let receipt = self.try_deposit(from, assets, from);
        decode_ok::<IRestakingVault::depositCall>(&receipt)
    }

    /// `owner` requests to redeem `shares` for itself; the request id.
    pub(crate) fn request_redeem(&mut self, owner: Address, shares: U256) -> U256 {
        let vault = self.vault;
        self.ok(
            owner,
            vault,
            IRestakingVault::requestRedeemCall {
                shares,
                controller: owner,
                owner,
            },
        )
    }

    /// LRT balance.
    pub(crate) fn shares(&mut self, account: Address) -> U256 {
        let lrt = self.lrt;
        self.view(lrt, ILrtToken::balanceOfCall { account })
    }

    /// The LRT's total supply.
    pub(crate) fn supply(&mut self) -> U256 {
        let lrt = self.lrt;
        self.view(lrt, ILrtToken::totalSupplyCall {})
    }

    /// The vault's `totalAssets()`.
    pub(crate) fn total_assets(&mut self) -> U256 {
        let vault = self.vault;
        self.view(vault, IRestakingVault::totalAssetsCall {})
    }

    /// The vault's `getRate()`.
    pub(crate) fn rate(&mut self) -> U256 {
        let vault = self.vault;
        self.view(vault, IRestakingVault::getRateCall {})
    }

    /// The vault's `currentEpoch()`.
    pub(crate) fn epoch(&mut self) -> u64 {
        let vault = self.vault;
        self.view(vault, IRestakingVault::currentEpochCall {})
    }

    /// Moves time to the start of epoch `epoch` (plus `offset` seconds).
    pub(crate) fn goto_epoch(&mut self, epoch: u64, offset: u64) {
        let target = GENESIS_TIMESTAMP + epoch * EPOCH + offset;
        assert!(target >= self.chain.timestamp(), "time only moves forward");
        self.chain.set_timestamp(target);
    }

    // ----- permits -----

    /// `signer`'s EIP-2612 permit of the LRT for `spender`, at its current nonce.
    pub(crate) fn sign_permit(
        &mut self,
        signer: &PrivateKeySigner,
        spender: Address,
        value: U256,
        deadline: U256,
    ) -> (u8, B256, B256) {
        self.sign_permit_for(signer, signer.address(), spender, value, deadline)
    }

    /// `signer`'s signature over a permit of `owner`'s LRT (a forgery unless they are the
    /// same), at `owner`'s current nonce.
    pub(crate) fn sign_permit_for(
        &mut self,
        signer: &PrivateKeySigner,
        owner: Address,
        spender: Address,
        value: U256,
        deadline: U256,
    ) -> (u8, B256, B256) {
        let lrt = self.lrt;
        let nonce = self.view(lrt, ILrtToken::noncesCall { owner });
        let domain = Eip712Domain::new(
            Some("Restaked Ether".into()),
            Some("1".into()),
            Some(U256::from(self.chain.chain_id())),
            Some(lrt),
            None,
        );
        let permit = Permit {
            owner,
            spender,
            value,
            nonce,
            deadline,
        };
        sign_permit_over(signer, &domain, &permit)
    }
}

/// `signer`'s signature of `permit` under `domain`, as a wallet signs EIP-712 typed data
/// off-chain: `(v, r, s)` with `v` 27 or 28.
pub(crate) fn sign_permit_over(
    signer: &PrivateKeySigner,
    domain: &Eip712Domain,
    permit: &Permit,
) -> (u8, B256, B256) {
    let signature = signer
        .sign_hash_sync(&permit.eip712_signing_hash(domain))
        .expect("signing");
    (
        27 + u8::from(signature.v()),
        B256::from(signature.r().to_be_bytes::<32>()),
        B256::from(signature.s().to_be_bytes::<32>()),
    )
}

/// The deployable code of a contract built by `cargo xtask build`.
pub(crate) fn artifact(name: &str) -> Vec<u8> {
    stylus_artifact(name).unwrap_or_else(|e| panic!("{e}"))
}

/// Asserts `receipt` succeeded and decodes it as `C`'s return.
pub(crate) fn decode_ok<C: SolCall>(receipt: &Receipt) -> C::Return {
    assert!(
        receipt.is_success(),
        "{} failed: {:?}, output 0x{}, stylus: {:?}",
        C::SIGNATURE,
        receipt.status,
        revm::primitives::hex::encode(&receipt.output),
        receipt.stylus_failure
    );
    C::abi_decode_returns(&receipt.output).expect("decodable return")
}

/// Asserts `receipt` reverted with the custom error `E`, and returns it.
pub(crate) fn reverted<E: SolError>(receipt: &Receipt) -> E {
    assert_eq!(
        receipt.status,
        Status::Revert,
        "expected {} but: {receipt:?}",
        E::SIGNATURE
    );
    E::abi_decode(&receipt.output).unwrap_or_else(|_| {
        panic!(
            "expected {}, got revert data 0x{}",
            E::SIGNATURE,
            revm::primitives::hex::encode(&receipt.output)
        )
    })
}

/// The events `E` that `emitter` logged in `receipt`, in order.
pub(crate) fn events<E: SolEvent>(receipt: &Receipt, emitter: Address) -> Vec<E> {
    logs_of::<E>(&receipt.logs, emitter)
}

/// The events `E` among `logs` from `emitter`.
pub(crate) fn logs_of<E: SolEvent>(logs: &[Log], emitter: Address) -> Vec<E> {
    logs.iter()
        .filter(|log| log.address == emitter && log.topics().first() == Some(&E::SIGNATURE_HASH))
        .map(|log| E::decode_log_data(&log.data).expect("decodable event"))
        .collect()
}

/// The one event `E` from `emitter` in `receipt`.
pub(crate) fn event<E: SolEvent>(receipt: &Receipt, emitter: Address) -> E {
    let mut all = events::<E>(receipt, emitter);
    assert_eq!(all.len(), 1, "expected one {} from {emitter}", E::SIGNATURE);
    all.remove(0)
}
