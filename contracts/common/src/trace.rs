//! A history of values in storage: the checkpoints of [`crate::checkpoints`], one word each.

use alloc::{vec, vec::Vec};

use alloy_primitives::U256;
use stylus_sdk::{
    prelude::*,
    storage::{StorageMap, StorageU256},
};

use crate::checkpoints::{self, Placement};

/// A stored counter or length as `u64`: it only ever grows by one from zero, so its low limb
/// holds it.
pub fn low_u64(value: U256) -> u64 {
    value.as_limbs()[0]
}

/// Checkpoints `0..length`, in non-decreasing key order.
#[storage]
pub struct Trace {
    length: StorageU256,
    checkpoints: StorageMap<U256, StorageU256>,
}

impl Trace {
    /// The number of checkpoints.
    pub fn len(&self) -> u64 {
        low_u64(self.length.get())
    }

    /// Whether nothing was ever written.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The last checkpoint as `(key, value)`; its key may be in the future (a scheduled
    /// change).
    pub fn last(&self) -> Option<(u64, U256)> {
        let index = self.len().checked_sub(1)?;
        let word = self.checkpoints.get(U256::from(index));
        Some((checkpoints::key(word), checkpoints::value(word)))
    }

    /// The checkpoint in effect at `t` as `(key, value)`: the last one with key `<= t`, or
    /// `None` when there is none. `O(log len)` reads.
    pub fn checkpoint_at(&self, t: u64) -> Option<(u64, U256)> {
        let found = checkpoints::upper_lookup(self.len(), t, |i| {
            checkpoints::key(self.checkpoints.get(U256::from(i)))
        })?;
        let word = self.checkpoints.get(U256::from(found));
        Some((checkpoints::key(word), checkpoints::value(word)))
    }

    /// The value in effect at `t`: that of the last checkpoint with key `<= t`, else zero.
    pub fn value_at(&self, t: u64) -> U256 {
        self.checkpoint_at(t).map_or(U256::ZERO, |(_, value)| value)
    }

    /// Records that the value is `value` from `key >= now` on, written at `now`: appends, or
    /// replaces a last checkpoint that is still in the future or has the same key (see
    /// [`checkpoints::placement`]). Values at timestamps before `now` never change.
    ///
    /// Returns `false`, writing nothing, when `value` exceeds [`checkpoints::MAX_VALUE`] or
    /// the history is full (`2^64 - 1` checkpoints; unreachable).
    #[must_use]
    pub fn write(&mut self, now: u64, key: u64, value: U256) -> bool {
        let Some(word) = checkpoints::pack(key, value) else {
            return false;
        };
        let length = self.len();
        let last = length.checked_sub(1);
        let last_key = last.map(|index| checkpoints::key(self.checkpoints.get(U256::from(index))));
        // `OverwriteLast` only comes with a last checkpoint (`last_key` is `Some`).
        match (checkpoints::placement(last_key, now, key), last) {
            (Placement::OverwriteLast, Some(index)) => {
                self.checkpoints.setter(U256::from(index)).set(word);
            }
            _ => {
                let Some(new_length) = length.checked_add(1) else {
                    return false;
                };
                self.checkpoints.setter(U256::from(length)).set(word);
                self.length.set(U256::from(new_length));
            }
        }
        true
    }
}
