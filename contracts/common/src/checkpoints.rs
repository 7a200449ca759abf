//! Histories of values that change at known timestamps. Host-free.
//!
//! A *checkpoint* says "from timestamp `key` on, the value is `value`". A history is a list of
//! checkpoints in non-decreasing key order; its value at time `t` is the value of the last
//! checkpoint whose key is at most `t`, or zero when there is none. A change scheduled for later
//! (an opt-out, an allocation decrease, a service update) is a checkpoint with a key in the
//! future: it is in the list at once, and lookups at earlier timestamps do not see it.
//!
//! Every write goes through [`placement`], which only appends or overwrites the last
//! checkpoint, and only in a way that leaves the value at every timestamp before the current
//! one unchanged: the past is immutable, so the slashable stake at a capture timestamp cannot
//! be rewritten after the fact. The property tests check exactly that against a plain list.
//!
//! A checkpoint fits one storage word: the key in the high 64 bits (the top limb), the value in
//! the low [`VALUE_BITS`] bits.

use alloy_primitives::U256;

/// Bits of a checkpoint's value; the key takes the other 64.
pub const VALUE_BITS: usize = 192;

/// The largest value a checkpoint holds: `2^192 - 1`.
pub const MAX_VALUE: U256 = U256::from_limbs([u64::MAX, u64::MAX, u64::MAX, 0]);

/// Packs `(key, value)` into one word, or `None` when `value` exceeds [`MAX_VALUE`].
pub fn pack(key: u64, value: U256) -> Option<U256> {
    let [l0, l1, l2, top] = *value.as_limbs();
    if top != 0 {
        return None;
    }
    // The key is the most significant limb; the value's three low limbs stay in place.
    Some(U256::from_limbs([l0, l1, l2, key]))
}

/// The key (timestamp) of a packed checkpoint.
pub fn key(word: U256) -> u64 {
    word.as_limbs()[3]
}

/// The value of a packed checkpoint.
pub fn value(word: U256) -> U256 {
    let [l0, l1, l2, _] = *word.as_limbs();
    U256::from_limbs([l0, l1, l2, 0])
}

/// The index of the last of `len` checkpoints whose key is at most `t`, or `None` when every
/// key is after `t` (or there are none). `key_at(i)` must be non-decreasing in `i`.
///
/// The newest checkpoint is tried first (most lookups are about the recent past), then a
/// binary search: `O(log len)` reads.
pub fn upper_lookup(len: u64, t: u64, mut key_at: impl FnMut(u64) -> u64) -> Option<u64> {
    let last = len.checked_sub(1)?;
    if key_at(last) <= t {
        return Some(last);
    }
    // Invariant: keys before `low` are <= t, keys at or after `high` are > t.
    let (mut low, mut high) = (0u64, last);
    while low < high {
        // No overflow: low < high, so high - low > 0 and low + (high - low) / 2 < high.
        let mid = low.wrapping_add(high.wrapping_sub(low) / 2);
        if key_at(mid) <= t {
            // mid < high <= u64::MAX, so mid + 1 does not overflow.
            low = mid.wrapping_add(1);
        } else {
            high = mid;
        }
    }
    low.checked_sub(1)
}

/// Where a checkpoint `(key, _)` written at time `now` goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// After the last checkpoint.
    Append,
    /// In place of the last checkpoint.
    OverwriteLast,
}

/// Where a checkpoint with `key >= now`, written at `now`, goes in a history whose last key
/// is `last_key`.
///
/// - A last checkpoint in the future (`last_key > now`) is a change that has not happened yet:
///   the new checkpoint replaces it (a new schedule cancels the old one). The checkpoint
///   before it has a key at most `now <= key`, so the order holds.
/// - A last checkpoint with the same key is overwritten (two changes in one block).
/// - Otherwise the checkpoint is appended (`last_key < key`).
///
/// In every case the values at timestamps before `now` are untouched.
pub fn placement(last_key: Option<u64>, now: u64, key: u64) -> Placement {
    match last_key {
        Some(last) if last > now || last == key => Placement::OverwriteLast,
        _ => Placement::Append,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A history kept as a plain list, written through [`placement`].
    #[derive(Default, Clone, Debug)]
    struct History(Vec<(u64, U256)>);

    impl History {
        fn write(&mut self, now: u64, key: u64, value: U256) {
            match placement(self.0.last().map(|(k, _)| *k), now, key) {
                Placement::Append => self.0.push((key, value)),
                Placement::OverwriteLast => *self.0.last_mut().unwrap() = (key, value),
            }
        }

        fn at(&self, t: u64) -> U256 {
            upper_lookup(self.0.len() as u64, t, |i| self.0[i as usize].0)
                .map_or(U256::ZERO, |i| self.0[i as usize].1)
        }

        /// The definition: the value of the last checkpoint with key <= t, by linear scan.
        fn at_by_scan(&self, t: u64) -> U256 {
            self.0
                .iter()
                .rev()
                .find(|(k, _)| *k <= t)
                .map_or(U256::ZERO, |(_, v)| *v)
        }
    }

    #[test]
    fn pack_round_trips_and_rejects_wide_values() {
        let word = pack(u64::MAX, MAX_VALUE).unwrap();
        assert_eq!(key(word), u64::MAX);
        assert_eq!(value(word), MAX_VALUE);
        let word = pack(7, U256::from(9)).unwrap();
        assert_eq!((key(word), value(word)), (7, U256::from(9)));
        assert_eq!(pack(1, MAX_VALUE + U256::from(1)), None);
        assert_eq!(pack(1, U256::MAX), None);
    }

    #[test]
    fn lookups_before_the_first_checkpoint_find_nothing() {
        assert_eq!(upper_lookup(0, 5, |_| unreachable!()), None);
        let keys = [10u64, 10, 20, 30];
        let key_at = |i: u64| keys[i as usize];
        assert_eq!(upper_lookup(4, 9, key_at), None);
        assert_eq!(upper_lookup(4, 10, key_at), Some(1));
        assert_eq!(upper_lookup(4, 19, key_at), Some(1));
        assert_eq!(upper_lookup(4, 29, key_at), Some(2));
        assert_eq!(upper_lookup(4, u64::MAX, key_at), Some(3));
    }

    #[test]
    fn a_scheduled_change_replaces_the_previous_schedule() {
        let mut history = History::default();
        history.write(100, 100, U256::from(1));
        history.write(110, 200, U256::from(0)); // scheduled for 200
        assert_eq!(history.at(150), U256::from(1));
        assert_eq!(history.at(200), U256::ZERO);
        history.write(120, 120, U256::from(5)); // replaces the schedule
        assert_eq!(history.0, vec![(100, U256::from(1)), (120, U256::from(5))]);
        assert_eq!(history.at(300), U256::from(5));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// The binary search agrees with a linear scan on any sorted key list.
        #[test]
        fn upper_lookup_matches_a_linear_scan(
            mut keys in prop::collection::vec(any::<u64>(), 0..40),
            t in any::<u64>(),
        ) {
            keys.sort_unstable();
            let expected = keys.iter().rposition(|k| *k <= t).map(|i| i as u64);
            let len = keys.len() as u64;
            prop_assert_eq!(upper_lookup(len, t, |i| keys[i as usize]), expected);
        }

        /// Writes through `placement` at non-decreasing times keep the keys sorted, never
        /// change a value at a timestamp before the write, and make the written value the value
        /// from its key on.
        #[test]
        fn the_past_is_immutable(
            steps in prop::collection::vec((0u64..50, 0u64..50, 0u64..4), 1..60),
        ) {
            let mut history = History::default();
            let mut now = 0u64;
            for (advance, delay, value) in steps {
                now += advance;
                let key = now + delay;
                let value = U256::from(value);
                let before: Vec<U256> = (0..now).map(|t| history.at(t)).collect();
                history.write(now, key, value);
                prop_assert!(history.0.windows(2).all(|w| w[0].0 <= w[1].0));
                for (t, old) in before.iter().enumerate() {
                    prop_assert_eq!(history.at(t as u64), *old);
                }
                prop_assert_eq!(history.at(key), value);
                for t in [0, now, key, key + 1, u64::MAX] {
                    prop_assert_eq!(history.at(t), history.at_by_scan(t));
                }
            }
        }

        #[test]
        fn pack_keeps_key_and_value(k in any::<u64>(), limbs in any::<[u64; 3]>()) {
            let v = U256::from_limbs([limbs[0], limbs[1], limbs[2], 0]);
            let word = pack(k, v).unwrap();
            prop_assert_eq!(key(word), k);
            prop_assert_eq!(value(word), v);
        }
    }
}
