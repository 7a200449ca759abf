//! One ABI word appended to revert data or to a log.
//!
//! Every parameter of the manager's errors and events is static (an address, an integer or a
//! `bytes32`), so their encodings are words one after the other. [`push`] writes one; it is
//! not inlined, so the dozens of errors and events share one copy of each conversion instead of
//! each carrying its own (about 2 KiB of WASM).

use alloc::vec::Vec;

use restaking_common::abi_words::IntoWord;

/// Appends `value` as one ABI word.
#[inline(never)]
pub fn push<T: IntoWord + Copy>(out: &mut Vec<u8>, value: &T) {
    out.extend_from_slice(value.into_word().as_slice());
}
