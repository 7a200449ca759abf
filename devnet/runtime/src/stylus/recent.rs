//! ArbOS 60's recent-programs cache: a program called earlier in the same block is priced as
//! cached (`RecentWasms` in Nitro's geth, `core/state/statedb_arbitrum.go`: an LRU of code
//! hashes that holds `BlockCacheSize` entries and is discarded at the end of each block).
//!
//! As in Nitro, an entry is added when the call is priced, before it runs, and stays when the
//! call reverts (the LRU is not journaled). Calls that are not transactions (eth_call,
//! eth_estimateGas) start from an empty cache and leave the block's untouched, as Nitro runs
//! them on a fresh state of their own.

use std::collections::VecDeque;

use revm::primitives::B256;

/// The code hashes called in one block, most recent last.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RecentPrograms {
    block: u64,
    codehashes: VecDeque<B256>,
}

impl RecentPrograms {
    /// Records a call of `codehash` in `block`; whether it was called earlier in that block
    /// and is still among the `capacity` most recently called (geth's `BasicLRU`: a hit moves
    /// it to the front, an insertion beyond the capacity evicts the least recent; a capacity
    /// below 1 counts as 1).
    pub(crate) fn insert(&mut self, block: u64, codehash: B256, capacity: u16) -> bool {
        if block != self.block {
            self.block = block;
            self.codehashes.clear();
        }
        if let Some(at) = self.codehashes.iter().position(|hash| *hash == codehash) {
            self.codehashes.remove(at);
            self.codehashes.push_back(codehash);
            return true;
        }
        self.codehashes.push_back(codehash);
        if self.codehashes.len() > usize::from(capacity.max(1)) {
            self.codehashes.pop_front();
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_within_a_block_up_to_the_capacity() {
        let (a, b, c) = (
            B256::repeat_byte(1),
            B256::repeat_byte(2),
            B256::repeat_byte(3),
        );
        let mut recent = RecentPrograms::default();
        assert!(!recent.insert(7, a, 2));
        assert!(recent.insert(7, a, 2));
        assert!(!recent.insert(7, b, 2));
        // `a` was used before `b`; touching `a` makes `b` the least recent.
        assert!(recent.insert(7, a, 2));
        assert!(!recent.insert(7, c, 2));
        assert!(!recent.insert(7, b, 2), "b was evicted by c");
        assert!(recent.insert(7, c, 2));
        // A new block starts empty.
        assert!(!recent.insert(8, c, 2));
        // Capacity 0 holds one entry.
        let mut tiny = RecentPrograms::default();
        assert!(!tiny.insert(1, a, 0));
        assert!(tiny.insert(1, a, 0));
    }
}
