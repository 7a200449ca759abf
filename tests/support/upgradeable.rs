//! The protocol behind ERC-1967 proxies: OpenZeppelin's TransparentUpgradeableProxy
//! (`deploy/solidity/RestakingProxy.sol`) in front of each program, initialized by the
//! program's `stylus_constructor(...)` delegatecalled from the proxy's constructor, each
//! proxy's ProxyAdmin owned by a given account (a TimelockController in production,
//! `deploy/solidity/RestakingTimelock.sol`).

use alloy_sol_types::{SolCall, SolValue, sol};
use revm::primitives::{Address, B256, Bytes, U256, keccak256};

use super::{ADMIN, Protocol, deploy_solidity};

sol! {
    /// OpenZeppelin's ProxyAdmin, created by each proxy.
    interface IProxyAdmin {
        function owner() external view returns (address);
        function upgradeAndCall(address proxy, address implementation, bytes data) external payable;
        error OwnableUnauthorizedAccount(address account);
    }

    /// The programs' initializer and its refusal (`restaking_common::initializable`).
    interface IInitializable {
        function stylus_constructor() external;
        error InvalidInitialization();
    }
}

/// ERC-1967's implementation slot: `keccak256("eip1967.proxy.implementation") - 1`.
pub(crate) fn implementation_slot() -> U256 {
    U256::from_be_bytes(keccak256("eip1967.proxy.implementation").0) - U256::from(1)
}

/// ERC-1967's admin slot: `keccak256("eip1967.proxy.admin") - 1`.
pub(crate) fn admin_slot() -> U256 {
    U256::from_be_bytes(keccak256("eip1967.proxy.admin").0) - U256::from(1)
}

/// The address in the low 20 bytes of a storage word.
pub(crate) fn address_in(word: U256) -> Address {
    Address::from_word(B256::from(word))
}

/// `stylus_constructor(...)` calldata: the selector, then the ABI-encoded arguments.
pub(crate) fn initializer(args: &[u8]) -> Vec<u8> {
    let mut data = IInitializable::stylus_constructorCall {}.abi_encode();
    data.extend_from_slice(args);
    data
}

/// A protocol whose `lrt`, `vault` and `manager` are proxies.
pub(crate) struct Proxied {
    /// The protocol, addressed through its proxies.
    pub(crate) p: Protocol,
    /// The programs behind them: `[lrt, vault, manager]` (the redemption program is the
    /// vault's, delegatecalled, and has no proxy).
    pub(crate) implementations: [Address; 3],
    /// Each proxy's ProxyAdmin, in the same order.
    pub(crate) proxy_admins: [Address; 3],
}

impl Proxied {
    /// Every program that runs: the implementations and the redemption program.
    pub(crate) fn programs(&self) -> [Address; 4] {
        let [lrt, vault, manager] = self.implementations;
        [lrt, vault, self.p.redemptions, manager]
    }
}

/// Deploys `implementation`'s proxy (from `ADMIN`), initialized with `args`, its ProxyAdmin
/// owned by `owner`; `(proxy, proxy admin)`.
pub(crate) fn deploy_proxy(
    p: &mut Protocol,
    implementation: Address,
    args: &[u8],
    owner: Address,
) -> (Address, Address) {
    let mut init = deploy_solidity("RestakingProxy").to_vec();
    init.extend_from_slice(
        &(implementation, owner, Bytes::from(initializer(args))).abi_encode_params(),
    );
    let proxy = deploy_proxy_code(p, init, implementation);
    let admin = address_in(p.chain.storage(proxy, admin_slot()));
    assert_eq!(p.view(admin, IProxyAdmin::ownerCall {}), owner);
    (proxy, admin)
}

impl Protocol {
    /// Puts this protocol's programs behind proxies whose ProxyAdmins `owner` owns: the LRT,
    /// the vault and the manager deployed here become the implementations (constructed when
    /// deployed, so nobody can initialize them), each proxy is initialized with the flow
    /// tests' arguments (`ADMIN` the admin), and the proxies are wired as in production.
    pub(crate) fn behind_proxies(mut self, owner: Address) -> Proxied {
        let implementations = [self.lrt, self.vault, self.manager];
        let [lrt_v1, vault_v1, manager_v1] = implementations;
        let (lrt, lrt_admin) = deploy_proxy(&mut self, lrt_v1, &Self::lrt_args(), owner);
        let vault_args = Self::vault_args(lrt, self.asset, self.redemptions);
        let (vault, vault_admin) = deploy_proxy(&mut self, vault_v1, &vault_args, owner);
        let (manager, manager_admin) =
            deploy_proxy(&mut self, manager_v1, &Self::manager_args(), owner);
        self.lrt = lrt;
        self.vault = vault;
        self.manager = manager;
        self.wire();
        Proxied {
            p: self,
            implementations,
            proxy_admins: [lrt_admin, vault_admin, manager_admin],
        }
    }
}

/// A protocol whose `lrt`, `vault` and `manager` are UUPS proxies (the option measured
/// against the transparent proxies, see `restaking_common::uups`).
pub(crate) struct UupsProxied {
    /// The protocol, addressed through its proxies.
    pub(crate) p: Protocol,
    /// The programs built with the `uups` feature behind them: `[lrt, vault, manager]`.
    pub(crate) implementations: [Address; 3],
}

impl UupsProxied {
    /// Every program that runs: the implementations and the redemption program.
    pub(crate) fn programs(&self) -> [Address; 4] {
        let [lrt, vault, manager] = self.implementations;
        [lrt, vault, self.p.redemptions, manager]
    }
}

/// Deploys an ERC1967Proxy (`tests/solidity/UupsProxy.sol`) of `implementation`, initialized
/// with `args`.
pub(crate) fn deploy_uups_proxy(p: &mut Protocol, implementation: Address, args: &[u8]) -> Address {
    let mut init = super::flow_solidity("UupsProxy").to_vec();
    init.extend_from_slice(&(implementation, Bytes::from(initializer(args))).abi_encode_params());
    deploy_proxy_code(p, init, implementation)
}

/// Deploys a proxy from its creation code and arguments `init` (from `ADMIN`) and checks it
/// points at `implementation`.
fn deploy_proxy_code(p: &mut Protocol, init: Vec<u8>, implementation: Address) -> Address {
    let proxy = p
        .chain
        .deploy_evm(ADMIN, init.into())
        .unwrap_or_else(|error| panic!("deploy the proxy of {implementation}: {error:?}"));
    assert_eq!(
        address_in(p.chain.storage(proxy, implementation_slot())),
        implementation
    );
    proxy
}

impl Protocol {
    /// Puts this protocol behind UUPS proxies: the `-uups` builds of the LRT, the vault and
    /// the manager are deployed (constructed with the flow tests' arguments, so nobody can
    /// initialize them) as the implementations, each proxy is initialized with the same
    /// arguments (`ADMIN` the admin, who can upgrade), and the proxies are wired.
    pub(crate) fn behind_uups_proxies(mut self) -> UupsProxied {
        let deploy = |p: &mut Self, name: &str, args: &[u8]| {
            p.chain
                .deploy_stylus(ADMIN, &super::artifact(name), Some(args))
                .unwrap_or_else(|error| panic!("deploy {name}: {error:?}"))
                .0
        };
        let lrt_v1 = deploy(&mut self, "lrt-token-uups", &Self::lrt_args());
        let lrt = deploy_uups_proxy(&mut self, lrt_v1, &Self::lrt_args());
        let vault_args = Self::vault_args(lrt, self.asset, self.redemptions);
        let vault_v1 = deploy(&mut self, "restaking-vault-uups", &vault_args);
        let vault = deploy_uups_proxy(&mut self, vault_v1, &vault_args);
        let manager_v1 = deploy(&mut self, "slashing-manager-uups", &Self::manager_args());
        let manager = deploy_uups_proxy(&mut self, manager_v1, &Self::manager_args());
        self.lrt = lrt;
        self.vault = vault;
        self.manager = manager;
        self.wire();
        UupsProxied {
            p: self,
            implementations: [lrt_v1, vault_v1, manager_v1],
        }
    }
}
