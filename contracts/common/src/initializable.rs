//! One-time initialization, for direct deployments and behind an ERC-1967 proxy alike.
//!
//! A program's `stylus_constructor(...)` is its initializer. The StylusDeployer calls it on the
//! program itself in the deployment's transaction; a proxy calls it by delegatecall (its
//! constructor's `_data`), so that it sets the proxy's storage. Either way it runs once per
//! storage: stylus-sdk's constructor flag (`CONSTRUCTOR_EXECUTED_SLOT`, the word at slot
//! `keccak256("stylus_constructor")`) is set by the first call, and every later call is refused
//! with OpenZeppelin's `InvalidInitialization()` (the SDK itself would revert with empty data).
//! An implementation is constructed in the transaction that deploys it, so nobody can
//! initialize it afterwards either.

use alloc::vec::Vec;

use alloy_sol_types::SolError;

crate::sol_items! {
    /// Errors of one-time initialization.
    InitializableItems {
        /// The contract (the proxy's storage, or the program's own) is already initialized.
        error InvalidInitialization();
    }
}

/// The revert data of a second initialization: `InvalidInitialization()`.
pub fn invalid_initialization() -> Vec<u8> {
    InvalidInitialization::SELECTOR.to_vec()
}
