//! Event emission without a panic path.
//!
//! stylus-sdk's `vm().log(event)` unwraps the topic encoder's `Result`, which links the whole
//! `Debug` formatting of `alloy_sol_types::Error` (several KiB of WASM) into every contract
//! that emits an event. [`emit`] does the same encoding without the unwrap.

use alloc::vec::Vec;

use alloy_primitives::B256;
use alloy_sol_types::{SolEvent, TopicList, abi::token::WordToken};
use stylus_sdk::prelude::*;

/// Emits `event` as a log of the current contract.
pub fn emit<H: Host + ?Sized, E: SolEvent>(host: &H, event: &E) {
    let mut topics = [WordToken::default(); 4];
    // `encode_topics_raw` fails only when the slice is shorter than the event's topic list;
    // Solidity events have at most 4 topics (LOG4), so a 4-word slice always fits and this
    // branch is never taken.
    if event.encode_topics_raw(&mut topics).is_err() {
        return;
    }
    let count = E::TopicList::COUNT;
    let mut bytes = Vec::new();
    for topic in topics.iter().take(count) {
        bytes.extend_from_slice(topic.as_slice());
    }
    event.encode_data_to(&mut bytes);
    host.emit_log(&bytes, count);
}

/// Emits a log of the current contract from its topics (the event's signature hash first,
/// then its indexed parameters) and its data words (the non-indexed parameters, all static).
///
/// The word-by-word twin of [`emit`] for events whose parameters are all static: it costs no
/// generic encoder per event type (about 1 KiB of compressed WASM in the vault). Tests decode
/// the logs with alloy's `SolEvent::decode_raw_log`, which checks the layout.
pub fn emit_log<H: Host + ?Sized>(host: &H, topics: &[B256], data: &[B256]) {
    let mut bytes = Vec::new();
    for word in topics.iter().chain(data) {
        bytes.extend_from_slice(word.as_slice());
    }
    host.emit_log(&bytes, topics.len());
}
