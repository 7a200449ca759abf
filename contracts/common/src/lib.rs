//! Components shared by the Stylus Restaking contracts.
//!
//! Each module holds one concept:
//! - [`abi_words`]: calldata of static-argument calls without the generic ABI encoder;
//! - [`router`], [`calldata`], [`returndata`]: a contract's entry from calldata to its
//!   functions, arguments read and results written as ABI words, without the SDK's router;
//! - [`access_control`]: roles in the shape of OpenZeppelin's `AccessControl`;
//! - [`pausable`]: pause switches per flow (deposit, request, claim, ...);
//! - [`eip712`]: the EIP-712 domain separator and typed-data digests;
//! - [`ecdsa`]: signature recovery through the `ecrecover` precompile, rejecting malleable
//!   signatures;
//! - [`math`]: checked `mul_div` with an explicit rounding direction;
//! - [`checkpoints`], [`trace`]: histories of values over time (the search, host-free; the
//!   storage, one word per checkpoint);
//! - [`short_string`]: strings of up to 31 bytes in one storage word;
//! - [`emit`]: word-level event emission without a panic path;
//! - [`sol_items!`]: declares Solidity events and errors once, for the contract and for its
//!   exported ABI;
//! - `export_abi` (feature `export-abi`): renders the full Solidity interface of a contract.
//!
//! Host-free modules ([`eip712`], [`math`], [`checkpoints`]) do not touch the VM and are property-tested natively.
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
// Tests compute expected values with plain operators on small numbers.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

pub mod abi_words;
pub mod access_control;
pub mod calldata;
pub mod checkpoints;
pub mod contract_errors;
pub mod ecdsa;
pub mod eip712;
pub mod emit;
pub mod initializable;
pub mod math;
pub mod pausable;
pub mod returndata;
pub mod router;
pub mod short_string;
pub mod slash_window;
mod sol_items;
pub mod trace;
pub mod uups;

#[cfg(feature = "export-abi")]
pub mod export_abi;
