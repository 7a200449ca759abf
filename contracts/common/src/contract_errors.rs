//! A contract's `Error` enum with a compact ABI encoding.
//!
//! stylus-sdk's `#[derive(SolidityError)]` encodes each variant with the generic ABI encoder,
//! instantiated once per error type: about 150 bytes of WASM per error. Every error of this
//! protocol has only static parameters (addresses, integers, `bytes32`), so its encoding is
//! the selector followed by one word per parameter; [`contract_errors!`](crate::contract_errors)
//! writes exactly that. Under `export-abi` the enum derives `SolidityError` as usual, which is
//! how the exported interface lists the errors, and a generated test checks, for every
//! variant, that the compact encoding equals alloy's.

/// Declares a contract's `Error` enum over `sol!` error types, each variant listing the
/// error's parameters in declaration order.
///
/// ```ignore
/// restaking_common::contract_errors! {
///     /// Every error the vault returns.
///     pub enum Error {
///         /// Zero assets.
///         ZeroAmount(RestakingVaultZeroAmount) [],
///         /// Over the cap.
///         DepositCapExceeded(RestakingVaultDepositCapExceeded) [assets, max],
///     }
/// }
/// ```
#[macro_export]
macro_rules! contract_errors {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident($ty:ty) [$($field:ident),* $(,)?] ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[cfg_attr(feature = "export-abi", derive(::stylus_sdk::prelude::SolidityError))]
        #[derive(Clone, Debug, PartialEq)]
        pub enum $name {
            $( $(#[$vmeta])* $variant($ty), )*
        }

        $(
            #[cfg(not(feature = "export-abi"))]
            impl From<$ty> for $name {
                fn from(error: $ty) -> Self {
                    $name::$variant(error)
                }
            }
        )*

        #[cfg(not(feature = "export-abi"))]
        impl From<$name> for ::alloc::vec::Vec<u8> {
            fn from(error: $name) -> Self {
                #[allow(unused_imports)]
                use $crate::abi_words::IntoWord as _;
                match error {
                    $(
                        #[allow(unused_variables)]
                        $name::$variant(e) => $crate::abi_words::encode_call(
                            <$ty as ::alloy_sol_types::SolError>::SELECTOR,
                            &[$(e.$field.into_word()),*],
                        ),
                    )*
                }
            }
        }

        /// Checks, for every variant, that the compact encoding equals alloy's (each error
        /// is decoded from distinct words `1, 2, 3, ...` so a swapped parameter shows).
        #[cfg(test)]
        #[test]
        fn error_encoding_matches_alloy() {
            use ::alloy_sol_types::SolError;
            $(
                {
                    let words: ::alloc::vec::Vec<u8> = (1u8..=16)
                        .flat_map(|i| {
                            let mut word = [0u8; 32];
                            word[31] = i;
                            word
                        })
                        .collect();
                    let error = <$ty as SolError>::abi_decode_raw(&words)
                        .expect(stringify!($ty));
                    let expected = error.abi_encode();
                    let ours: ::alloc::vec::Vec<u8> = $name::$variant(error).into();
                    assert_eq!(ours, expected, stringify!($variant));
                }
            )*
        }
    };
}
