//! One declaration of a component's Solidity events and errors, for both builds.

/// Declares a group of Solidity events and errors with [`alloy_sol_types::sol!`], inside a
/// Solidity `interface` named `$group`, and re-exports its items into the calling module.
///
/// In a normal (WASM or test) build this is plain `sol!`. When the calling crate is built with
/// its `export-abi` feature, the group also gets `$group::abi::contract()`, the JSON ABI of
/// every event (with `indexed` flags) and error (with parameter names) it declares: the
/// exported Solidity interface of a contract is completed from these groups, so events and
/// errors are written once. The calling crate must depend on `alloy-sol-types` and have an
/// `export-abi` feature that enables `restaking-common/export-abi`.
#[macro_export]
macro_rules! sol_items {
    ($(#[$meta:meta])* $group:ident { $($items:tt)* }) => {
        #[cfg(not(feature = "export-abi"))]
        ::alloy_sol_types::sol! {
            #![sol(all_derives)]
            $(#[$meta])*
            interface $group { $($items)* }
        }
        #[cfg(feature = "export-abi")]
        ::alloy_sol_types::sol! {
            #![sol(all_derives, abi)]
            $(#[$meta])*
            interface $group { $($items)* }
        }
        pub use $group::*;
    };
}
