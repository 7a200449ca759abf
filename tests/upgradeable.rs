//! Flow 12: the protocol behind ERC-1967 proxies, upgraded through a timelock — on the
//! deployed WASM.
//!
//! Each program (the LRT, the vault, the slashing manager) runs behind OpenZeppelin's
//! TransparentUpgradeableProxy (`deploy/solidity/RestakingProxy.sol`), initialized by its
//! `stylus_constructor(...)` delegatecalled from the proxy's constructor; the implementations
//! were constructed when deployed, so nobody can initialize them. A TimelockController
//! (`deploy/solidity/RestakingTimelock.sol`, delay 2 days, `ADMIN` the only proposer and
//! executor) owns each proxy's ProxyAdmin and, once wired, every admin role. The pauser pauses
//! at once; unpausing is the admin's, so it waits out the delay.
//!
//! Alice and Bob deposit, Alice transfers and requests; the vault is upgraded to its second
//! version (`restaking-vault-v2`, the same crate built with the `v2` feature: one storage
//! field appended, one view added) through the timelock (a stranger cannot propose, the
//! proposer cannot skip the delay nor call the ProxyAdmin itself, an early execution is
//! refused); after it every balance, request, checkpoint and role is there: Alice claims, Bob
//! transfers, a slash is requested and executed, the timelock lifts the pause and the new
//! view counts the next deposit. A second initialization, through the proxy or of an
//! implementation, is refused with `InvalidInitialization()` and changes nothing.
//!
//! The UUPS option, measured against this shape (docs/upgrades.md), upgrades through the
//! program itself and refuses what OpenZeppelin's UUPSUpgradeable refuses.
//!
//! The committed storage layouts (`abi/*.layout.json`) are checked against where the
//! programs, behind their proxies, actually keep their data.

#![allow(clippy::arithmetic_side_effects)]

mod support;

use alloy_sol_types::{SolCall, SolValue, sol};
use revm::primitives::{Address, B256, Bytes, U256};
use support::{
    layout::{address_key, place, read},
    upgradeable::{
        IInitializable, IProxyAdmin, Proxied, UupsProxied, address_in, implementation_slot,
        initializer,
    },
    *,
};

sol! {
    /// OpenZeppelin's TimelockController (the part the test uses).
    interface ITimelock {
        function PROPOSER_ROLE() external view returns (bytes32);
        function schedule(address target, uint256 value, bytes data, bytes32 predecessor, bytes32 salt, uint256 delay) external;
        function execute(address target, uint256 value, bytes payload, bytes32 predecessor, bytes32 salt) external payable;
        function hashOperation(address target, uint256 value, bytes data, bytes32 predecessor, bytes32 salt) external pure returns (bytes32);
        error TimelockUnexpectedOperationState(bytes32 operationId, bytes32 expectedStates);
        error TimelockInsufficientDelay(uint256 delay, uint256 minDelay);
        error AccessControlUnauthorizedAccount(address account, bytes32 neededRole);
    }

    /// ERC-1967's event.
    interface IErc1967 {
        event Upgraded(address indexed implementation);
    }

    /// The UUPS option's entry points and errors (`restaking_common::uups`).
    interface IUups {
        function upgradeToAndCall(address newImplementation, bytes data) external payable;
        function proxiableUUID() external view returns (bytes32);
        error UUPSUnauthorizedCallContext();
        error ERC1967InvalidImplementation(address implementation);
    }

    /// What the vault's second version adds (`contracts/restaking-vault/src/v2.rs`).
    interface IVaultV2 {
        function depositsSinceUpgrade() external view returns (uint64);
    }
}

/// The timelock's minimum delay.
const DELAY: u64 = 2 * 86_400;

/// The protocol behind proxies, and what governs them.
struct Upgradeable {
    p: Protocol,
    timelock: Address,
    /// The vault proxy's ProxyAdmin.
    vault_admin: Address,
    /// The first implementations: `[lrt, vault, manager]`.
    implementations: [Address; 3],
}

/// Deploys the native-ETH protocol behind proxies owned by a timelock and wires it, then hands
/// every admin role to the timelock.
fn deploy_upgradeable() -> Upgradeable {
    let mut p = Protocol::native();
    let mut init = deploy_solidity("RestakingTimelock").to_vec();
    init.extend_from_slice(
        &(U256::from(DELAY), vec![ADMIN], vec![ADMIN], Address::ZERO).abi_encode_params(),
    );
    let timelock = p
        .chain
        .deploy_evm(ADMIN, init.into())
        .unwrap_or_else(|error| panic!("deploy the timelock: {error:?}"));
    let Proxied {
        mut p,
        implementations,
        proxy_admins: [_, vault_admin, _],
    } = p.behind_proxies(timelock);
    for contract in [p.lrt, p.vault, p.manager] {
        p.ok(
            ADMIN,
            contract,
            IRestakingVault::grantRoleCall {
                role: B256::ZERO,
                account: timelock,
            },
        );
        p.ok(
            ADMIN,
            contract,
            IRestakingVault::renounceRoleCall {
                role: B256::ZERO,
                callerConfirmation: ADMIN,
            },
        );
    }
    Upgradeable {
        p,
        timelock,
        vault_admin,
        implementations,
    }
}

#[test]
fn the_vault_is_upgraded_through_the_timelock_and_every_position_survives() {
    let Upgradeable {
        mut p,
        timelock,
        vault_admin,
        implementations,
    } = deploy_upgradeable();
    let (lrt, vault, manager) = (p.lrt, p.vault, p.manager);
    assert!(!p.view(
        vault,
        IRestakingVault::hasRoleCall {
            role: B256::ZERO,
            account: ADMIN
        }
    ));
    assert!(p.view(
        vault,
        IRestakingVault::hasRoleCall {
            role: B256::ZERO,
            account: timelock
        }
    ));

    // The LRT signs permits for its proxy's address: the EIP-712 domain is the proxy's.
    let domain = p.view(lrt, ILrtToken::eip712DomainCall {});
    assert_eq!((domain._1.as_str(), domain._4), ("Restaked Ether", lrt));

    // Positions before the upgrade, through the proxies.
    assert_eq!(p.deposit(ALICE, e18(10)), e18(10));
    assert_eq!(p.deposit(BOB, e18(6)), e18(6));
    p.ok(
        ALICE,
        lrt,
        ILrtToken::transferCall {
            to: CAROL,
            value: e18(1),
        },
    );
    let request = p.request_redeem(ALICE, e18(4));
    p.register_for_slashing(RESOLVER, MAX_VETO, RECIPIENT, e18(5));
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::pendingRedeemRequestCall {
                requestId: request,
                controller: ALICE
            }
        ),
        e18(4)
    );
    let supply = p.supply();
    let total_assets = p.total_assets();
    assert_eq!(
        (supply, total_assets),
        (e18(12), e18(12)),
        "16 deposited, 4 requested (burnt, their assets set aside)"
    );

    // A second initialization of each proxy, and of each implementation, by a stranger
    // (with MALLORY as the admin it would grant).
    let args = Protocol::vault_args(lrt, NATIVE_ASSET, p.redemptions);
    let mallory_args = |args: Vec<u8>| {
        let admin = ADMIN.into_word();
        let mallory = MALLORY.into_word();
        let mut words: Vec<u8> = args;
        for chunk in words.chunks_mut(32) {
            if chunk == admin.as_slice() {
                chunk.copy_from_slice(mallory.as_slice());
            }
        }
        words
    };
    let [lrt_v1, vault_v1, manager_v1] = implementations;
    for (target, init) in [
        (lrt, Protocol::lrt_args()),
        (lrt_v1, Protocol::lrt_args()),
        (vault, args.clone()),
        (vault_v1, args.clone()),
        (manager, Protocol::manager_args()),
        (manager_v1, Protocol::manager_args()),
    ] {
        let init = mallory_args(init);
        let receipt = p
            .chain
            .transact(stylus_runtime::Tx {
                from: MALLORY,
                to: Some(target),
                data: initializer(&init).into(),
                ..Default::default()
            })
            .expect("valid transaction");
        reverted::<IInitializable::InvalidInitialization>(&receipt);
        assert!(
            !p.view(
                target,
                IRestakingVault::hasRoleCall {
                    role: B256::ZERO,
                    account: MALLORY
                }
            ),
            "{target}"
        );
    }

    // The pauser pauses at once; unpausing is the admin's (the timelock's).
    p.ok(
        PAUSER,
        vault,
        IRestakingVault::pauseCall { flow: FLOW_DEPOSIT },
    );
    let unpause = p.send(
        PAUSER,
        vault,
        IRestakingVault::unpauseCall { flow: FLOW_DEPOSIT },
    );
    reverted::<IRestakingVault::AccessControlUnauthorizedAccount>(&unpause);

    // The second version, and the operation that upgrades the vault to it. The first version
    // does not know the second's view.
    let unknown = p.send(ALICE, vault, IVaultV2::depositsSinceUpgradeCall {});
    assert_eq!(unknown.status, stylus_runtime::Status::Revert);
    // The stake checkpoint as of now, which slashes captured at this time will read.
    let checkpoint = p.chain.timestamp();
    let stake_before = p.view(
        vault,
        IRestakingVault::stakeAtCall {
            timestamp: checkpoint,
        },
    );
    assert_eq!(
        stake_before,
        e18(16),
        "active 12 and requested 4 are both slashable"
    );
    let (vault_v2, _) = p
        .chain
        .deploy_stylus(CAROL, &artifact("restaking-vault-v2"), Some(&args))
        .expect("deploy the second implementation");
    let upgrade = IProxyAdmin::upgradeAndCallCall {
        proxy: vault,
        implementation: vault_v2,
        data: Bytes::new(),
    }
    .abi_encode();
    let salt = B256::repeat_byte(1);
    let schedule = |delay: u64| ITimelock::scheduleCall {
        target: vault_admin,
        value: U256::ZERO,
        data: upgrade.clone().into(),
        predecessor: B256::ZERO,
        salt,
        delay: U256::from(delay),
    };
    let execute = ITimelock::executeCall {
        target: vault_admin,
        value: U256::ZERO,
        payload: upgrade.clone().into(),
        predecessor: B256::ZERO,
        salt,
    };
    let proposer = p.view(timelock, ITimelock::PROPOSER_ROLECall {});
    let stranger = p.send(MALLORY, timelock, schedule(DELAY));
    let error = reverted::<ITimelock::AccessControlUnauthorizedAccount>(&stranger);
    assert_eq!((error.account, error.neededRole), (MALLORY, proposer));
    let hasty = p.send(ADMIN, timelock, schedule(DELAY - 1));
    let error = reverted::<ITimelock::TimelockInsufficientDelay>(&hasty);
    assert_eq!(
        (error.delay, error.minDelay),
        (U256::from(DELAY - 1), U256::from(DELAY))
    );
    let direct = p.send(
        ADMIN,
        vault_admin,
        IProxyAdmin::upgradeAndCallCall {
            proxy: vault,
            implementation: vault_v2,
            data: Bytes::new(),
        },
    );
    assert_eq!(
        reverted::<IProxyAdmin::OwnableUnauthorizedAccount>(&direct).account,
        ADMIN
    );
    p.ok(ADMIN, timelock, schedule(DELAY));
    p.chain.advance_time(DELAY - 1);
    let early = p.send(ADMIN, timelock, execute.clone());
    let error = reverted::<ITimelock::TimelockUnexpectedOperationState>(&early);
    assert_eq!(
        error.operationId,
        p.view(
            timelock,
            ITimelock::hashOperationCall {
                target: vault_admin,
                value: U256::ZERO,
                data: upgrade.clone().into(),
                predecessor: B256::ZERO,
                salt,
            }
        )
    );
    assert_eq!(
        address_in(p.chain.storage(vault, implementation_slot())),
        vault_v1
    );

    p.chain.advance_time(1);
    let receipt = p.send(ADMIN, timelock, execute);
    let upgraded = event::<IErc1967::Upgraded>(&receipt, vault);
    assert_eq!(upgraded.implementation, vault_v2);
    assert_eq!(
        address_in(p.chain.storage(vault, implementation_slot())),
        vault_v2
    );

    // Everything is where it was, and the field the second version appends starts at zero.
    assert_eq!((p.supply(), p.total_assets()), (supply, total_assets));
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::stakeAtCall {
                timestamp: checkpoint
            }
        ),
        stake_before
    );
    assert_eq!(p.view(vault, IVaultV2::depositsSinceUpgradeCall {}), 0);
    assert_eq!(p.shares(ALICE), e18(5));
    assert_eq!(p.shares(CAROL), e18(1));
    // The request's epoch has ended during the delay: it is claimable now.
    assert_eq!(
        p.view(
            vault,
            IRestakingVault::claimableRedeemRequestCall {
                requestId: request,
                controller: ALICE
            }
        ),
        e18(4)
    );
    assert!(p.view(vault, IRestakingVault::isPausedCall { flow: FLOW_DEPOSIT }));
    for (name, account) in [
        ("SLASHER_ROLE", manager),
        ("CURATOR_ROLE", CURATOR),
        ("PAUSER_ROLE", PAUSER),
    ] {
        assert!(
            p.view(
                vault,
                IRestakingVault::hasRoleCall {
                    role: role(name),
                    account
                }
            ),
            "{name}"
        );
    }
    assert!(p.view(
        vault,
        IRestakingVault::hasRoleCall {
            role: B256::ZERO,
            account: timelock
        }
    ));

    // And it all still works: the request is claimed, the LRT moves, a slash goes through.
    let alice = p.chain.balance(ALICE);
    let claimed = p.ok(
        ALICE,
        vault,
        IRestakingVault::claimCall {
            epoch: request.to::<u64>(),
            receiver: ALICE,
        },
    );
    assert_eq!(claimed, e18(4));
    assert_eq!(p.chain.balance(ALICE), alice + e18(4));
    p.ok(
        BOB,
        lrt,
        ILrtToken::transferCall {
            to: CAROL,
            value: e18(2),
        },
    );
    assert_eq!(p.shares(CAROL), e18(3));
    let capture = p.chain.timestamp() - 1;
    let id = decode_ok::<ISlashingManager::requestSlashCall>(&p.request_slash(e18(2), capture));
    p.chain.advance_time(MAX_VETO + 1);
    p.ok(CAROL, manager, ISlashingManager::executeSlashCall { id });
    assert_eq!(p.chain.balance(RECIPIENT), e18(2));
    assert_eq!(p.total_assets(), e18(10));

    // Lifting the pause is the timelock's, after the delay; then the second version counts
    // the deposit it takes.
    let unpause = IRestakingVault::unpauseCall { flow: FLOW_DEPOSIT }.abi_encode();
    p.ok(
        ADMIN,
        timelock,
        ITimelock::scheduleCall {
            target: vault,
            value: U256::ZERO,
            data: unpause.clone().into(),
            predecessor: B256::ZERO,
            salt,
            delay: U256::from(DELAY),
        },
    );
    p.chain.advance_time(DELAY);
    p.ok(
        ADMIN,
        timelock,
        ITimelock::executeCall {
            target: vault,
            value: U256::ZERO,
            payload: unpause.into(),
            predecessor: B256::ZERO,
            salt,
        },
    );
    assert!(
        p.deposit(CAROL, e18(2)) > e18(2),
        "the slash lowered the price"
    );
    assert_eq!(p.view(vault, IVaultV2::depositsSinceUpgradeCall {}), 1);
}

#[test]
fn the_committed_storage_layouts_are_where_the_programs_keep_their_data() {
    let Upgradeable {
        mut p, timelock, ..
    } = deploy_upgradeable();
    let (lrt, vault, manager) = (p.lrt, p.vault, p.manager);
    p.deposit(ALICE, e18(10));
    p.deposit(BOB, e18(6));
    let request = p.request_redeem(ALICE, e18(4));
    p.register_for_slashing(RESOLVER, MAX_VETO, RECIPIENT, e18(5));
    p.chain.advance_time(1);
    let capture = p.chain.timestamp() - 1;
    decode_ok::<ISlashingManager::requestSlashCall>(&p.request_slash(e18(1), capture));
    assert_eq!(
        p.view(vault, IRestakingVault::pendingSlashCall {})._0,
        e18(1)
    );
    let alice = address_key(ALICE);

    let mut at = |contract: &str, address: Address, label: &str, keys: &[B256], bytes: u8| {
        read(&mut p.chain, address, place(contract, label, keys), bytes)
    };
    // The LRT, behind its proxy.
    assert_eq!(at("LrtToken", lrt, "erc20.total_supply", &[], 32), e18(12));
    assert_eq!(
        at("LrtToken", lrt, "erc20.balances[Address]", &[alice], 32),
        e18(6)
    );
    assert_eq!(
        at("LrtToken", lrt, "erc20.decimals", &[], 1),
        U256::from(18)
    );
    let minter = role("MINTER_ROLE");
    let vault_key = address_key(vault);
    assert_eq!(
        at(
            "LrtToken",
            lrt,
            "roles.roles[B256].has_role[Address]",
            &[minter, vault_key],
            1
        ),
        U256::from(1)
    );
    assert_eq!(
        at(
            "LrtToken",
            lrt,
            "roles.roles[B256].members",
            &[B256::ZERO],
            8
        ),
        U256::from(1),
        "the timelock alone holds the admin role"
    );
    assert_eq!(
        at(
            "LrtToken",
            lrt,
            "roles.roles[B256].has_role[Address]",
            &[B256::ZERO, address_key(timelock)],
            1
        ),
        U256::from(1)
    );
    // The vault.
    let word = |address: Address| U256::from_be_slice(address.as_slice());
    assert_eq!(
        at("RestakingVault", vault, "asset", &[], 20),
        word(NATIVE_ASSET)
    );
    assert_eq!(at("RestakingVault", vault, "share", &[], 20), word(lrt));
    assert_eq!(
        at("RestakingVault", vault, "fee_bps", &[], 2),
        U256::from(FEE_BPS)
    );
    assert_eq!(
        at("RestakingVault", vault, "epoch_duration", &[], 8),
        U256::from(EPOCH)
    );
    assert_eq!(
        at("RestakingVault", vault, "total_shares", &[], 32),
        e18(12)
    );
    assert_eq!(
        at("RestakingVault", vault, "active_assets", &[], 32),
        e18(12)
    );
    assert_eq!(
        at(
            "RestakingVault",
            vault,
            "requests[Address].slots[0].bucket",
            &[alice],
            8
        ),
        request
    );
    assert_eq!(
        at(
            "RestakingVault",
            vault,
            "requests[Address].slots[0].shares",
            &[alice],
            32
        ),
        e18(4)
    );
    assert_eq!(
        at(
            "RestakingVault",
            vault,
            "buckets[u64].assets",
            &[B256::from(request)],
            32
        ),
        e18(4)
    );
    assert_eq!(
        at("RestakingVault", vault, "pending_slash", &[], 32),
        e18(1)
    );
    assert!(
        at(
            "RestakingVault",
            vault,
            "stake_history.active.length",
            &[],
            32
        ) > U256::ZERO
    );
    // The slashing manager.
    assert_eq!(
        at("SlashingManager", manager, "request_count", &[], 32),
        U256::from(1)
    );
    assert_eq!(
        at(
            "SlashingManager",
            manager,
            "operators[Address]",
            &[address_key(OPERATOR)],
            1
        ),
        U256::from(1)
    );
}

#[test]
fn the_uups_option_upgrades_through_the_program_and_refuses_what_openzeppelin_refuses() {
    let UupsProxied {
        mut p,
        implementations: [_, vault_v1, _],
    } = Protocol::native().behind_uups_proxies();
    let vault = p.vault;
    assert_eq!(p.deposit(ALICE, e18(10)), e18(10));
    let slot = B256::from(implementation_slot());

    // proxiableUUID answers on the implementation only.
    assert_eq!(p.view(vault_v1, IUups::proxiableUUIDCall {}), slot);
    let through_proxy = p.send(ALICE, vault, IUups::proxiableUUIDCall {});
    reverted::<IUups::UUPSUnauthorizedCallContext>(&through_proxy);

    let args = Protocol::vault_args(p.lrt, NATIVE_ASSET, p.redemptions);
    let (next, _) = p
        .chain
        .deploy_stylus(CAROL, &artifact("restaking-vault-uups"), Some(&args))
        .expect("deploy the next implementation");
    let upgrade = |implementation: Address, data: Vec<u8>| IUups::upgradeToAndCallCall {
        newImplementation: implementation,
        data: data.into(),
    };
    // Only the admin upgrades; only through the proxy; only to a UUPS program of this slot.
    let stranger = p.send(MALLORY, vault, upgrade(next, Vec::new()));
    let error = reverted::<IRestakingVault::AccessControlUnauthorizedAccount>(&stranger);
    assert_eq!((error.account, error.neededRole), (MALLORY, B256::ZERO));
    let direct = p.send(ADMIN, vault_v1, upgrade(next, Vec::new()));
    reverted::<IUups::UUPSUnauthorizedCallContext>(&direct);
    let (plain, _) = p
        .chain
        .deploy_stylus(CAROL, &artifact("restaking-vault"), Some(&args))
        .expect("deploy a program without UUPS");
    for not_uups in [plain, CAROL] {
        let refused = p.send(ADMIN, vault, upgrade(not_uups, Vec::new()));
        let error = reverted::<IUups::ERC1967InvalidImplementation>(&refused);
        assert_eq!(error.implementation, not_uups);
    }
    assert_eq!(
        address_in(p.chain.storage(vault, implementation_slot())),
        vault_v1
    );

    // The upgrade, with a call run on the new implementation as the admin.
    let cap = IRestakingVault::setDepositCapCall { cap: e18(500) }.abi_encode();
    let receipt = p.send(ADMIN, vault, upgrade(next, cap));
    assert_eq!(
        event::<IErc1967::Upgraded>(&receipt, vault).implementation,
        next
    );
    assert_eq!(
        address_in(p.chain.storage(vault, implementation_slot())),
        next
    );
    assert_eq!(p.view(vault, IRestakingVault::depositCapCall {}), e18(500));
    assert_eq!(p.shares(ALICE), e18(10));
    assert_eq!(p.deposit(BOB, e18(2)), e18(2));
    assert_eq!(p.total_assets(), e18(12));
}
