//! Polled filters, with geth's semantics: eth_newFilter, eth_newBlockFilter,
//! eth_newPendingTransactionFilter, eth_getFilterChanges (what is new since the last poll),
//! eth_getFilterLogs, eth_uninstallFilter. A filter not polled for [`FILTER_TIMEOUT`] is
//! dropped, as geth does (`--rpc.filter-timeout`, 5 minutes by default).

use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

use alloy_eips::BlockNumberOrTag;
use alloy_primitives::{B256, U256};
use alloy_rpc_types_eth::{Filter, FilterBlockOption, Log as RpcLog};
use serde_json::Value;

use crate::{error::RpcError, node::Node, rpc};

/// How long a filter lives without being polled (geth's default).
pub const FILTER_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// What a filter watches.
#[derive(Clone, Debug)]
pub enum FilterKind {
    /// New blocks: their hashes.
    Blocks,
    /// Logs matching the criteria in new blocks.
    Logs(Box<Filter>),
    /// Transactions entering the pool: their hashes.
    PendingTransactions,
}

#[derive(Clone, Debug)]
struct Installed {
    kind: FilterKind,
    /// The first block not reported yet.
    next_block: u64,
    /// Pool transactions seen at the last poll (pending-transaction filters).
    seen: Vec<B256>,
    last_poll: Instant,
}

/// The installed filters.
#[derive(Clone, Debug)]
pub struct Filters {
    installed: HashMap<U256, Installed>,
    next_id: u64,
    timeout: Duration,
}

impl Default for Filters {
    fn default() -> Self {
        Self::with_timeout(FILTER_TIMEOUT)
    }
}

impl Filters {
    /// No filters; each lives `timeout` without a poll.
    pub fn with_timeout(timeout: Duration) -> Self {
        Self {
            installed: HashMap::new(),
            next_id: 1,
            timeout,
        }
    }

    /// Installs a filter that reports from block `next_block` on; its id.
    pub fn install(&mut self, kind: FilterKind, next_block: u64, seen: Vec<B256>) -> U256 {
        self.expire();
        let id = U256::from(self.next_id);
        self.next_id = self.next_id.saturating_add(1);
        self.installed.insert(
            id,
            Installed {
                kind,
                next_block,
                seen,
                last_poll: Instant::now(),
            },
        );
        id
    }

    /// Removes a filter; whether it existed.
    pub fn uninstall(&mut self, id: U256) -> bool {
        self.expire();
        self.installed.remove(&id).is_some()
    }

    /// How many filters are installed (expired ones dropped first).
    pub fn len(&mut self) -> usize {
        self.expire();
        self.installed.len()
    }

    /// Whether none is installed.
    pub fn is_empty(&mut self) -> bool {
        self.len() == 0
    }

    fn expire(&mut self) {
        let timeout = self.timeout;
        self.installed
            .retain(|_, filter| filter.last_poll.elapsed() < timeout);
    }

    fn get(&mut self, id: U256) -> Result<&mut Installed, RpcError> {
        self.expire();
        self.installed
            .get_mut(&id)
            .ok_or_else(|| RpcError::server("filter not found"))
    }
}

/// Answers the filter methods; `None` for any other method.
pub(crate) fn dispatch(
    node: &mut Node,
    method: &str,
    params: &Value,
) -> Option<Result<Value, RpcError>> {
    let answer = match method {
        "eth_newFilter" => new_filter(node, params),
        "eth_newBlockFilter" => {
            let next = node.latest_number().saturating_add(1);
            let id = node
                .filters_mut()
                .install(FilterKind::Blocks, next, Vec::new());
            rpc::to_json(&id)
        }
        "eth_newPendingTransactionFilter" => {
            let next = node.latest_number().saturating_add(1);
            let seen = pool_hashes(node);
            let id = node
                .filters_mut()
                .install(FilterKind::PendingTransactions, next, seen);
            rpc::to_json(&id)
        }
        "eth_getFilterChanges" => filter_id(params).and_then(|id| changes(node, id)),
        "eth_getFilterLogs" => filter_id(params).and_then(|id| filter_logs(node, id)),
        "eth_uninstallFilter" => {
            filter_id(params).map(|id| Value::Bool(node.filters_mut().uninstall(id)))
        }
        _ => return None,
    };
    Some(answer)
}

/// The filter id parameter: a hex quantity.
fn filter_id(params: &Value) -> Result<U256, RpcError> {
    rpc::param(params, 0)
}

fn new_filter(node: &mut Node, params: &Value) -> Result<Value, RpcError> {
    let filter: Filter = rpc::param(params, 0)?;
    // Checked as eth_getLogs checks it, when it names blocks.
    if let FilterBlockOption::Range {
        from_block: Some(BlockNumberOrTag::Number(from)),
        to_block: Some(BlockNumberOrTag::Number(to)),
    } = filter.block_option
        && from > to
    {
        return Err(RpcError::params("invalid block range params"));
    }
    let next = node.latest_number().saturating_add(1);
    let id = node
        .filters_mut()
        .install(FilterKind::Logs(Box::new(filter)), next, Vec::new());
    rpc::to_json(&id)
}

fn pool_hashes(node: &Node) -> Vec<B256> {
    node.pool()
        .in_arrival_order()
        .into_iter()
        .map(|pending| pending.hash())
        .collect()
}

/// What is new since the last poll: block hashes, matching logs of the new blocks, or the
/// hashes of transactions that entered the pool.
fn changes(node: &mut Node, id: U256) -> Result<Value, RpcError> {
    let latest = node.latest_number();
    let pool = pool_hashes(node);
    let filter = node.filters_mut().get(id)?;
    filter.last_poll = Instant::now();
    // Blocks dropped by evm_revert are not reported again, nor reported as removed.
    let from = filter.next_block.min(latest.saturating_add(1));
    filter.next_block = latest.saturating_add(1);
    let kind = filter.kind.clone();
    match kind {
        FilterKind::Blocks => {
            let hashes: Vec<B256> = (from..=latest)
                .filter_map(|number| node.block(number).map(|block| block.hash))
                .collect();
            rpc::to_json(&hashes)
        }
        FilterKind::PendingTransactions => {
            let new: Vec<B256> = pool
                .iter()
                .filter(|hash| !filter.seen.contains(hash))
                .copied()
                .collect();
            filter.seen = pool;
            rpc::to_json(&new)
        }
        FilterKind::Logs(criteria) => {
            let logs = new_logs(node, &criteria, from, latest);
            rpc::to_json(&logs)
        }
    }
}

/// The logs of blocks `from..=to` that `criteria` matches, within its own block bounds.
fn new_logs(node: &Node, criteria: &Filter, from: u64, to: u64) -> Vec<RpcLog> {
    let (low, high) = match criteria.block_option {
        FilterBlockOption::Range {
            from_block,
            to_block,
        } => (
            from_block.and_then(|tag| tag.as_number()).unwrap_or(0),
            to_block.and_then(|tag| tag.as_number()).unwrap_or(u64::MAX),
        ),
        FilterBlockOption::AtBlockHash(_) => return Vec::new(),
    };
    let (from, to) = (from.max(low), to.min(high));
    if from > to {
        return Vec::new();
    }
    rpc::logs_in(node, criteria, from, to)
}

/// Every log the filter's criteria match (as eth_getLogs); geth's error for a block filter.
fn filter_logs(node: &mut Node, id: U256) -> Result<Value, RpcError> {
    let filter = node.filters_mut().get(id)?;
    filter.last_poll = Instant::now();
    let FilterKind::Logs(criteria) = filter.kind.clone() else {
        return Err(RpcError::server("filter not found"));
    };
    rpc::to_json(&rpc::logs(node, &criteria)?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_filter_not_polled_within_the_timeout_is_dropped() {
        let mut filters = Filters::with_timeout(Duration::from_millis(50));
        let old = filters.install(FilterKind::Blocks, 1, Vec::new());
        std::thread::sleep(Duration::from_millis(80));
        let fresh = filters.install(FilterKind::Blocks, 1, Vec::new());
        assert_eq!(filters.len(), 1);
        assert!(filters.get(old).is_err());
        assert!(filters.get(fresh).is_ok());
        assert!(filters.uninstall(fresh));
        assert!(!filters.uninstall(fresh));
        assert!(filters.is_empty());
    }
}
