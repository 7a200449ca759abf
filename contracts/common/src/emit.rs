//! Event emission without a panic path.
//!
//! stylus-sdk's `vm().log(event)` unwraps the topic encoder's `Result`, which links the whole
//! `Debug` formatting of `alloy_sol_types::Error` (several KiB of WASM) into every contract
//! that emits an event. [`emit_log`] writes the log from its words instead.

use alloc::vec::Vec;

use alloy_primitives::B256;
use stylus_sdk::prelude::*;

/// Emits a log of the current contract from its topics (the event's signature hash first,
/// then its indexed parameters) and its data words (the non-indexed parameters, all static).
///
/// Every event of this protocol has only static parameters, so this costs no generic encoder
/// per event type (about 1 KiB of compressed WASM in the vault). Tests decode the logs with
/// alloy's `SolEvent::decode_raw_log`, which checks the layout.
pub fn emit_log<H: Host + ?Sized>(host: &H, topics: &[B256], data: &[B256]) {
    let mut bytes = Vec::new();
    for word in topics.iter().chain(data) {
        bytes.extend_from_slice(word.as_slice());
    }
    host.emit_log(&bytes, topics.len());
}
