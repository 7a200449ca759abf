//! The entry of a contract: from calldata to the function it names.
//!
//! Each contract keeps its `#[public]` impl (the functions, their documentation and the
//! exported ABI come from it), but on chain it is entered through [`route`] and a routing
//! table of its own instead of stylus-sdk's generated router: the SDK's router decodes the
//! arguments of every function with alloy's generic decoder, one instantiation per parameter
//! list, and that decoding was a quarter of each program's bytes and most of its data
//! segment, which every call pays to load. [`Args`](crate::calldata::Args) reads the words
//! directly and [`returndata`](crate::returndata) writes them.
//!
//! What a call sees is what the SDK's router did (`stylus_sdk::abi::router_entrypoint` and
//! the `#[public]` expansion in stylus-proc 0.10.10): the 4-byte selector picks the
//! function; a function that is not payable refuses a call with value (revert, empty data)
//! before anything else; the constructor selector runs the constructor once, guarded by the
//! SDK's constructor slot (a second call is refused with `InvalidInitialization()` here, where
//! the SDK reverts with empty data: [`crate::initializable`]); calldata that does not decode reverts with empty data; an
//! unknown selector, or calldata shorter than a selector, goes to the contract's fallback if
//! it has one and otherwise reverts with empty data. Re-entrancy is refused by the
//! entrypoint the SDK generates around this (`#[entrypoint]` on the contract's entry
//! function), which also flushes the storage cache and writes the result.

use alloc::vec::Vec;

use stylus_sdk::{
    abi::CONSTRUCTOR_SELECTOR,
    stylus_core::{ValueDenier, host::ConstructorGuard},
};

use crate::{calldata::Args, returndata::Returned};

/// A contract as its router sees it.
pub trait Routed: ValueDenier + ConstructorGuard {
    /// Runs the function `selector` names with `args`; `None` when no function has it.
    fn call(&mut self, selector: u32, args: Args<'_>) -> Option<Returned>;

    /// Whether the function `selector` names accepts value (it is `#[payable]`). The
    /// constructors and fallbacks of this protocol do not.
    fn is_payable(selector: u32) -> bool;

    /// Runs the constructor with `args` (the value check and the guard are done).
    fn construct(&mut self, args: Args<'_>) -> Returned;

    /// What a call with no known selector does (the value check is done): reverts with
    /// empty data unless the contract has a fallback.
    fn fallback(&mut self, _calldata: &[u8]) -> Returned {
        Err(Vec::new())
    }
}

/// Routes `input` (the whole calldata) to the function of `contract` it names.
///
/// Value is refused before anything else unless the selector names a payable function: for
/// an unknown selector the SDK's router refused it in the fallback instead (or reverted for
/// want of one), with the same outcome, a revert with empty data.
pub fn route<C: Routed>(contract: &mut C, input: &[u8]) -> Returned {
    let split = input.split_first_chunk::<4>();
    let selector = split.map(|(selector, _)| u32::from_be_bytes(*selector));
    if !selector.is_some_and(C::is_payable) {
        contract.deny_value("")?;
    }
    let Some((selector, args)) = split else {
        return contract.fallback(input);
    };
    let selector = u32::from_be_bytes(*selector);
    let args = Args::new(args);
    if selector == CONSTRUCTOR_SELECTOR {
        // The SDK's guard (its constructor slot, set by the first call) refuses a second call
        // with empty data; here with a typed error (`crate::initializable`).
        if contract.check_constructor_slot().is_err() {
            return Err(crate::initializable::invalid_initialization());
        }
        return contract.construct(args);
    }
    contract
        .call(selector, args)
        .unwrap_or_else(|| contract.fallback(input))
}

/// The selector of a function signature as a `u32`, at compile time (for `match` arms).
pub const fn selector(signature: &str) -> u32 {
    u32::from_be_bytes(crate::abi_words::selector(signature))
}

/// Declares a contract's selectors as `u32` constants (usable as `match` patterns) from their
/// Solidity signatures, and `SIGNATURES`, every signature declared, for the test that checks
/// the routing table against the committed ABI ([`assert_routes_abi`]).
///
/// ```ignore
/// restaking_common::selectors! {
///     TRANSFER = "transfer(address,uint256)";
///     BALANCE_OF = "balanceOf(address)";
/// }
/// ```
#[macro_export]
macro_rules! selectors {
    ($($name:ident = $signature:literal;)*) => {
        $(
            #[doc = concat!("The selector of `", $signature, "`.")]
            pub const $name: u32 = $crate::router::selector($signature);
        )*
        /// Every function signature declared here (the routing table's test compares them
        /// with the committed ABI; unused on chain, so not linked).
        pub const SIGNATURES: &[&str] = &[$($signature),*];
    };
}

/// The on-chain entry point of the contract `$contract` (a path from the crate root): the
/// SDK's `#[entrypoint]` wrapper (re-entrancy refused, storage cache flushed, result written)
/// around its root storage at slot 0, routed by [`route`].
#[macro_export]
macro_rules! entrypoint {
    ($contract:path) => {
        #[cfg(target_arch = "wasm32")]
        mod entry {
            use stylus_sdk::{alloy_primitives::U256, prelude::*, storage::StorageType};

            #[entrypoint]
            fn enter(
                input: alloc::vec::Vec<u8>,
                vm: stylus_sdk::host::VM,
            ) -> stylus_sdk::ArbResult {
                // SAFETY: the contract's root storage struct at slot 0, offset 0, created
                // once per call, exactly as the SDK's `router_entrypoint` creates it.
                #[allow(unsafe_code)]
                let mut contract = unsafe { <$contract>::new(U256::ZERO, 0, vm) };
                $crate::router::route(&mut contract, &input)
            }
        }
    };
}

/// The signatures of the functions in a JSON ABI (`name(type,...)`, tuples expanded), for the
/// tests that compare a routing table with the committed ABI (native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub fn abi_signatures(json: &str) -> alloc::vec::Vec<alloc::string::String> {
    use alloc::{format, string::String};
    fn ty(param: &serde_json::Value) -> String {
        let kind = param["type"].as_str().unwrap_or_default();
        match kind.strip_prefix("tuple") {
            Some(suffix) => {
                let inner: Vec<String> = param["components"]
                    .as_array()
                    .map(|c| c.iter().map(ty).collect())
                    .unwrap_or_default();
                format!("({}){suffix}", inner.join(","))
            }
            None => kind.into(),
        }
    }
    let abi: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    abi.as_array()
        .map(|items| {
            items
                .iter()
                .filter(|item| item["type"] == "function")
                .map(|item| {
                    let inputs: Vec<String> = item["inputs"]
                        .as_array()
                        .map(|p| p.iter().map(ty).collect())
                        .unwrap_or_default();
                    format!(
                        "{}({})",
                        item["name"].as_str().unwrap_or_default(),
                        inputs.join(",")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Asserts that the routing tables `tables` (the `SIGNATURES` of each, disjoint) answer
/// exactly the functions of the JSON ABI `json`, `count` of them (native builds only).
///
/// # Panics
/// When a function is routed twice, routed but not in the ABI, or in the ABI but not routed.
#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::panic)]
pub fn assert_routes_abi(json: &str, tables: &[&[&str]], count: usize) {
    use alloc::{collections::BTreeSet, string::String};
    let abi: BTreeSet<String> = abi_signatures(json).into_iter().collect();
    let mut routed = BTreeSet::new();
    for signature in tables.iter().flat_map(|table| table.iter()) {
        assert!(
            routed.insert(String::from(*signature)),
            "{signature} routed twice"
        );
    }
    assert_eq!(routed, abi, "routing tables vs committed ABI");
    assert_eq!(abi.len(), count, "functions in the committed ABI");
}
