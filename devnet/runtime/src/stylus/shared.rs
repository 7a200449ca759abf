//! What every Stylus frame of a chain shares: the parameters in force and the bookkeeping of
//! the current transaction that Nitro prices by (open memory pages, frames per address).

use std::{collections::HashMap, sync::Mutex};

use revm::primitives::{Address, B256};
use stylus_program::params::StylusParams;

use super::recent::RecentPrograms;
use crate::sync::lock;

/// Pages of WASM memory open in the current transaction, for Nitro's memory pricing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OpenPages {
    /// Pages held by the Stylus frames now on the call stack.
    pub open: u16,
    /// The most ever open at once in this transaction.
    pub ever: u16,
}

/// The Stylus parameters and the current transaction's bookkeeping.
#[derive(Debug)]
pub(crate) struct StylusShared {
    pub(crate) params: StylusParams,
    /// Non-delegate frames per address on the current call stack, EVM and Stylus alike
    /// (Nitro's reentrancy rule).
    pub(crate) frames: Mutex<HashMap<Address, u32>>,
    pub(crate) pages: Mutex<OpenPages>,
    /// Why the last Stylus frame that failed without revert data failed.
    pub(crate) last_failure: Mutex<Option<String>>,
    /// The programs called in the current block (ArbOS ≥ 60 prices them as cached).
    pub(crate) recent: Mutex<RecentPrograms>,
}

impl StylusShared {
    pub(crate) fn new(params: StylusParams) -> Self {
        Self {
            params,
            frames: Mutex::new(HashMap::new()),
            pages: Mutex::new(OpenPages::default()),
            last_failure: Mutex::new(None),
            recent: Mutex::new(RecentPrograms::default()),
        }
    }

    /// Forgets the bookkeeping of the last transaction.
    pub(crate) fn begin_transaction(&self) {
        *lock(&self.pages) = OpenPages::default();
        lock(&self.frames).clear();
        *lock(&self.last_failure) = None;
    }

    /// Whether a call of `codehash` in `block` finds it in the recent-programs cache, which
    /// it joins (always a miss before ArbOS 60, which has no such cache).
    pub(crate) fn recently_called(&self, block: u64, codehash: B256) -> bool {
        self.params.has_recent_programs_cache()
            && lock(&self.recent).insert(block, codehash, self.params.block_cache_size)
    }

    /// Takes the block's recent-programs cache, leaving an empty one (for calls that are not
    /// transactions; give it back with [`StylusShared::restore_recent`]).
    pub(crate) fn take_recent(&self) -> RecentPrograms {
        std::mem::take(&mut *lock(&self.recent))
    }

    /// Puts back what [`StylusShared::take_recent`] took.
    pub(crate) fn restore_recent(&self, recent: RecentPrograms) {
        *lock(&self.recent) = recent;
    }

    /// Remembers why a frame failed, for the chain's error report.
    pub(crate) fn record_failure(&self, why: String) {
        *lock(&self.last_failure) = Some(why);
    }
}
