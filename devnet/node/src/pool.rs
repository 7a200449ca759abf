//! [`Pool`]: the transactions sent but not mined yet, by sender and nonce.
//!
//! As geth's pool, it holds a transaction whose nonce is ahead of its sender's next one until
//! the gap fills, hands out the transactions that can run now in nonce order, and lets a
//! transaction waiting there be replaced by one with the same nonce that pays at least 10%
//! more on both fee fields (geth's `--txpool.pricebump` default).

use std::collections::{BTreeMap, HashMap};

use alloy_consensus::{Transaction as _, TxEnvelope};
use alloy_primitives::{Address, B256};

use crate::error::RpcError;

/// The fee increase, in percent, a replacement must offer on both fee fields (geth's default
/// `txpool.pricebump`).
pub const PRICE_BUMP_PERCENT: u128 = 10;

/// geth's answer to a replacement that does not pay enough (core/txpool `ErrReplaceUnderpriced`).
pub const REPLACEMENT_UNDERPRICED: &str = "replacement transaction underpriced";

/// A transaction waiting for a block.
#[derive(Clone, Debug)]
pub struct PendingTx {
    /// The signed transaction (for an impersonated sender, a stand-in signature).
    pub envelope: TxEnvelope,
    /// Its sender.
    pub from: Address,
}

impl PendingTx {
    /// Its hash.
    pub fn hash(&self) -> B256 {
        *self.envelope.tx_hash()
    }

    /// Its nonce.
    pub fn nonce(&self) -> u64 {
        self.envelope.nonce()
    }
}

/// A pooled transaction and when it arrived.
#[derive(Clone, Debug)]
struct Entry {
    tx: PendingTx,
    arrival: u64,
}

/// What became of a transaction given to [`Pool::insert`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    /// It took a free nonce.
    New,
    /// It replaced the transaction with this hash.
    Replaced(B256),
}

/// The transactions waiting for a block.
#[derive(Clone, Debug, Default)]
pub struct Pool {
    by_sender: BTreeMap<Address, BTreeMap<u64, Entry>>,
    by_hash: HashMap<B256, (Address, u64)>,
    arrivals: u64,
}

impl Pool {
    /// How many transactions wait.
    pub fn len(&self) -> usize {
        self.by_hash.len()
    }

    /// Whether nothing waits.
    pub fn is_empty(&self) -> bool {
        self.by_hash.is_empty()
    }

    /// A waiting transaction by hash.
    pub fn get(&self, hash: B256) -> Option<&PendingTx> {
        let (sender, nonce) = self.by_hash.get(&hash)?;
        self.by_sender
            .get(sender)
            .and_then(|queue| queue.get(nonce))
            .map(|entry| &entry.tx)
    }

    /// Whether `sender` has a transaction with `nonce` waiting.
    pub fn contains(&self, sender: Address, nonce: u64) -> bool {
        self.by_sender
            .get(&sender)
            .is_some_and(|queue| queue.contains_key(&nonce))
    }

    /// How many of `sender`'s transactions wait with consecutive nonces from `next` on: the
    /// ones that can run one after the other (geth's pending nonce counts them).
    pub fn consecutive_from(&self, sender: Address, next: u64) -> u64 {
        let Some(queue) = self.by_sender.get(&sender) else {
            return 0;
        };
        let mut expected = next;
        for nonce in queue.range(next..).map(|(nonce, _)| *nonce) {
            if nonce != expected {
                break;
            }
            expected = expected.saturating_add(1);
        }
        expected - next
    }

    /// Adds a transaction, or replaces the one with the same sender and nonce if the new one
    /// pays enough more (see [`replaces`]); refused with geth's message otherwise.
    pub fn insert(&mut self, tx: PendingTx) -> Result<Inserted, RpcError> {
        let (sender, nonce, hash) = (tx.from, tx.nonce(), tx.hash());
        let arrival = self.arrivals;
        let queue = self.by_sender.entry(sender).or_default();
        let inserted = match queue.get(&nonce) {
            Some(old) if !replaces(&old.tx.envelope, &tx.envelope) => {
                return Err(RpcError::server(REPLACEMENT_UNDERPRICED));
            }
            Some(old) => Inserted::Replaced(old.tx.hash()),
            None => Inserted::New,
        };
        if let Inserted::Replaced(old) = inserted {
            self.by_hash.remove(&old);
        }
        queue.insert(nonce, Entry { tx, arrival });
        self.by_hash.insert(hash, (sender, nonce));
        self.arrivals = arrival.saturating_add(1);
        Ok(inserted)
    }

    /// Takes `sender`'s transaction with `nonce`, if it waits.
    pub fn take(&mut self, sender: Address, nonce: u64) -> Option<PendingTx> {
        let queue = self.by_sender.get_mut(&sender)?;
        let entry = queue.remove(&nonce)?;
        if queue.is_empty() {
            self.by_sender.remove(&sender);
        }
        self.by_hash.remove(&entry.tx.hash());
        Some(entry.tx)
    }

    /// Takes the transaction that can run next: among the senders whose lowest waiting nonce is
    /// their next one (`next_nonce`), the one that arrived first. Transactions whose nonce has
    /// already been used are dropped on the way.
    pub fn take_next(&mut self, mut next_nonce: impl FnMut(Address) -> u64) -> Option<PendingTx> {
        let mut best: Option<(u64, Address, u64)> = None;
        let mut stale = Vec::new();
        for (sender, queue) in &self.by_sender {
            let next = next_nonce(*sender);
            stale.extend(queue.range(..next).map(|(nonce, _)| (*sender, *nonce)));
            if let Some(entry) = queue.get(&next)
                && best.is_none_or(|(arrival, _, _)| entry.arrival < arrival)
            {
                best = Some((entry.arrival, *sender, next));
            }
        }
        for (sender, nonce) in stale {
            self.take(sender, nonce);
        }
        let (_, sender, nonce) = best?;
        self.take(sender, nonce)
    }

    /// Every waiting transaction, in the order they arrived.
    pub fn in_arrival_order(&self) -> Vec<&PendingTx> {
        let mut entries: Vec<&Entry> = self.by_sender.values().flat_map(BTreeMap::values).collect();
        entries.sort_by_key(|entry| entry.arrival);
        entries.into_iter().map(|entry| &entry.tx).collect()
    }

    /// Drops everything.
    pub fn clear(&mut self) {
        self.by_sender.clear();
        self.by_hash.clear();
    }
}

/// Whether `new` may replace `old` (same sender and nonce), by geth's rule
/// (core/txpool/legacypool/list.go, `list.Add`): both fee fields (the fee cap and the tip; a
/// legacy or EIP-2930 gas price is both) must be higher than the old ones, and by at least
/// [`PRICE_BUMP_PERCENT`].
pub fn replaces(old: &TxEnvelope, new: &TxEnvelope) -> bool {
    let (old_cap, old_tip) = (old.max_fee_per_gas(), old.priority_fee_or_price());
    let (new_cap, new_tip) = (new.max_fee_per_gas(), new.priority_fee_or_price());
    let threshold = |old: u128| old.saturating_mul(100 + PRICE_BUMP_PERCENT) / 100;
    new_cap > old_cap
        && new_tip > old_tip
        && new_cap >= threshold(old_cap)
        && new_tip >= threshold(old_tip)
}
