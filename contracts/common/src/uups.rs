//! UUPS upgrades (ERC-1822 through an ERC-1967 proxy) done by the program itself.
//!
//! Deployments use OpenZeppelin's transparent proxies instead (docs/upgrades.md): the upgrade
//! logic lives in the proxy's ProxyAdmin and costs the programs no bytes. This is the other
//! option the choice was measured against, compiled into each contract only with its `uups`
//! feature (artifacts `<contract>-uups`), so that the build table shows what it costs in bytes
//! and entry gas and the gas benchmark what an `ERC1967Proxy` in front costs per call.
//!
//! Behaviour follows OpenZeppelin's `UUPSUpgradeable` 5.x:
//! - `upgradeToAndCall(newImplementation, data)` runs only through a proxy (the caller's
//!   authority is the embedding contract's check, `DEFAULT_ADMIN_ROLE` here); the new
//!   implementation must answer `proxiableUUID()` with the ERC-1967 implementation slot; the
//!   slot is written, `Upgraded(newImplementation)` emitted, and `data`, when not empty, is
//!   delegatecalled on the new implementation.
//! - `proxiableUUID()` answers only when called on the implementation itself.
//!
//! A Stylus program has no immutables, so "through a proxy" cannot be OpenZeppelin's
//! `address(this) != __self`: it is read from storage instead. Called directly, a program sees
//! its own storage, where nothing writes the implementation slot (zero); through a proxy it
//! sees the proxy's, where the slot holds the running implementation.

use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256, b256};
use alloy_sol_types::{SolCall, SolError, SolEvent};
use stylus_sdk::{
    call::{RawCall, static_call},
    prelude::*,
};

use crate::{
    access_control::{self, AccessControl, DEFAULT_ADMIN_ROLE},
    calldata::Args,
    emit::emit_log,
    returndata::Returned,
    router,
};

crate::sol_items! {
    /// The UUPS entry points, their event and errors.
    UupsItems {
        /// Points the proxy at `newImplementation` and delegatecalls `data` on it.
        function upgradeToAndCall(address newImplementation, bytes data) external payable;
        /// The ERC-1967 implementation slot, when called on the implementation itself.
        function proxiableUUID() external view returns (bytes32);
        /// The proxy now runs `implementation`.
        event Upgraded(address indexed implementation);
        /// `upgradeToAndCall` outside a proxy, or `proxiableUUID` through one.
        error UUPSUnauthorizedCallContext();
        /// The new implementation answered `proxiableUUID` with another slot.
        error UUPSUnsupportedProxiableUUID(bytes32 slot);
        /// The new implementation does not answer `proxiableUUID`.
        error ERC1967InvalidImplementation(address implementation);
    }
}

/// ERC-1967's implementation slot: `keccak256("eip1967.proxy.implementation") - 1`.
pub const IMPLEMENTATION_SLOT: B256 =
    b256!("360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc");

/// The selector of `upgradeToAndCall(address,bytes)`.
pub const UPGRADE_TO_AND_CALL: u32 = router::selector("upgradeToAndCall(address,bytes)");
/// The selector of `proxiableUUID()`.
pub const PROXIABLE_UUID: u32 = router::selector("proxiableUUID()");

fn slot() -> U256 {
    U256::from_be_bytes(IMPLEMENTATION_SLOT.0)
}

/// The implementation the storage's proxy runs; zero in a program's own storage.
fn running_implementation<H: Host + ?Sized>(host: &H) -> Address {
    Address::from_word(host.storage_load_bytes32(slot()))
}

/// `proxiableUUID()`.
///
/// # Errors
/// `UUPSUnauthorizedCallContext` through a proxy.
pub fn proxiable_uuid<H: Host + ?Sized>(host: &H) -> Returned {
    if !running_implementation(host).is_zero() {
        return Err(UUPSUnauthorizedCallContext {}.abi_encode());
    }
    Ok(IMPLEMENTATION_SLOT.to_vec())
}

/// `upgradeToAndCall(new_implementation, data)`; the caller's authority is checked by the
/// embedding contract.
///
/// # Errors
/// `UUPSUnauthorizedCallContext` outside a proxy; `ERC1967InvalidImplementation` when
/// `new_implementation` does not answer `proxiableUUID()` with one word;
/// `UUPSUnsupportedProxiableUUID` when it answers another slot; the revert of `data` on it.
///
/// # Events
/// `Upgraded(new_implementation)`.
pub fn upgrade_to_and_call<H: Host + ?Sized>(
    host: &H,
    new_implementation: Address,
    data: &[u8],
) -> Returned {
    if running_implementation(host).is_zero() {
        return Err(UUPSUnauthorizedCallContext {}.abi_encode());
    }
    let answer = static_call(
        host,
        Call::new(),
        new_implementation,
        &proxiableUUIDCall {}.abi_encode(),
    );
    let uuid = match answer {
        Ok(word) if word.len() == 32 => B256::from_slice(&word),
        _ => {
            return Err(ERC1967InvalidImplementation {
                implementation: new_implementation,
            }
            .abi_encode());
        }
    };
    if uuid != IMPLEMENTATION_SLOT {
        return Err(UUPSUnsupportedProxiableUUID { slot: uuid }.abi_encode());
    }
    // SAFETY: the slot is ERC-1967's, outside every storage struct of this protocol (those
    // start at slot 0 and hash their maps); the cache is flushed right after.
    #[allow(unsafe_code)]
    unsafe {
        host.storage_cache_bytes32(slot(), new_implementation.into_word());
    }
    host.flush_cache(true);
    emit_log(
        host,
        &[Upgraded::SIGNATURE_HASH, new_implementation.into_word()],
        &[],
    );
    if data.is_empty() {
        return Ok(Vec::new());
    }
    // SAFETY: the new implementation proved it is a UUPS program of this slot, and runs on
    // the proxy's storage exactly as the proxy will run it from now on; the storage cache was
    // flushed and cleared above, so nothing cached here outlives what it writes.
    #[allow(unsafe_code)]
    let result = unsafe { RawCall::new_delegate(host).call(new_implementation, data) };
    result.map(|_| Vec::new())
}

/// Routes `upgradeToAndCall` (for holders of `DEFAULT_ADMIN_ROLE` in `roles`) and
/// `proxiableUUID`; `None` for any other selector. `E` is the contract's error type, which
/// carries an access-control refusal.
pub fn route<E>(roles: &AccessControl, selector: u32, args: Args<'_>) -> Option<Returned>
where
    E: From<access_control::Error> + Into<Vec<u8>>,
{
    let host = roles.vm();
    match selector {
        UPGRADE_TO_AND_CALL => Some((|| {
            roles
                .only_role(DEFAULT_ADMIN_ROLE)
                .map_err(|error| E::from(error).into())?;
            upgrade_to_and_call(host, args.address(0)?, args.dynamic_bytes(1)?)
        })()),
        PROXIABLE_UUID => Some(proxiable_uuid(host)),
        _ => None,
    }
}
