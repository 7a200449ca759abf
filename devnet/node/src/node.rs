//! [`Node`]: blocks, the transaction pool and mining, receipts, logs and state files, over
//! the runtime's [`Chain`].
//!
//! The chain holds the state; the node holds the history: every block with its transactions
//! and their receipts (logs included), indexed by hash. A block is sealed as an Ethereum
//! header (transactions root, receipts root, logs bloom, parent hash), so hashes are real
//! Keccak hashes of RLP headers. The state root is not computed (zero).

use std::{
    collections::{HashMap, HashSet, VecDeque},
    path::Path,
    time::{SystemTime, UNIX_EPOCH},
};

use alloy_consensus::{
    EMPTY_OMMER_ROOT_HASH, Header, Receipt as ConsensusReceipt, ReceiptEnvelope, ReceiptWithBloom,
    Transaction as _, TxEnvelope, TxType,
    proofs::{calculate_receipt_root, calculate_transaction_root},
    transaction::SignerRecoverable,
};
use alloy_eips::eip2718::{Decodable2718, Encodable2718};
use alloy_primitives::{Address, B256, Bloom, Bytes, Log, U256, keccak256, logs_bloom};
use alloy_signer_local::PrivateKeySigner;
use revm::{
    context::TxEnv,
    state::{AccountInfo, Bytecode},
};
use serde::{Deserialize, Serialize};
use stylus_runtime::{Chain, Receipt, SnapshotId, Status, history::Undo};

pub use crate::pool::PendingTx;
use crate::{accounts, error::RpcError, filters::Filters, pool::Pool};

/// Gas limit a block header reports (Nitro's).
pub const BLOCK_GAS_LIMIT: u64 = 1 << 50;

/// The most blocks one anvil_mine / hardhat_mine may mine.
pub const MAX_MINE_COUNT: u64 = 100_000;

/// Gas limit of calls and estimates when the request gives none, and the estimate's cap.
pub const CALL_GAS_CAP: u64 = 50_000_000;

/// The base fee of a nitro-devnode: 0.1 gwei.
pub const DEFAULT_BASE_FEE: u64 = 100_000_000;

/// How many past blocks' states a node keeps unless told otherwise.
pub const DEFAULT_STATE_HISTORY: u64 = 10_000;

/// A mined transaction with its receipt.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MinedTx {
    /// The signed transaction.
    pub envelope: TxEnvelope,
    /// Its hash.
    pub hash: B256,
    /// The recovered sender.
    pub from: Address,
    /// Whether it succeeded.
    pub success: bool,
    /// Gas it used.
    pub gas_used: u64,
    /// Gas used in the block up to and including it.
    pub cumulative_gas_used: u64,
    /// The price paid per gas.
    pub effective_gas_price: u128,
    /// Its logs.
    pub logs: Vec<Log>,
    /// The contract it created.
    pub contract_address: Option<Address>,
}

impl MinedTx {
    /// The consensus receipt (status, cumulative gas, logs, bloom), typed as the transaction.
    pub fn receipt_envelope<L: Clone + AsRef<Log>>(&self, logs: Vec<L>) -> ReceiptEnvelope<L> {
        let bloom = logs_bloom(logs.iter().map(AsRef::as_ref));
        let receipt = ReceiptWithBloom {
            receipt: ConsensusReceipt {
                status: self.success.into(),
                cumulative_gas_used: self.cumulative_gas_used,
                logs,
            },
            logs_bloom: bloom,
        };
        match self.envelope.tx_type() {
            TxType::Legacy => ReceiptEnvelope::Legacy(receipt),
            TxType::Eip2930 => ReceiptEnvelope::Eip2930(receipt),
            TxType::Eip4844 => ReceiptEnvelope::Eip4844(receipt),
            TxType::Eip7702 => ReceiptEnvelope::Eip7702(receipt),
            TxType::Eip1559 => ReceiptEnvelope::Eip1559(receipt),
        }
    }
}

/// A sealed block.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Block {
    /// The header.
    pub header: Header,
    /// The header's hash.
    pub hash: B256,
    /// Its transactions, in order.
    pub txs: Vec<MinedTx>,
}

/// Where a mined transaction is: block number and index.
type TxLocation = (u64, usize);

/// A saved point to go back to (evm_snapshot).
#[derive(Clone, Debug)]
struct NodeSnapshot {
    id: u64,
    chain: SnapshotId,
    blocks: usize,
    time_offset: i64,
    next_timestamp: Option<u64>,
}

/// The state a read or a call runs on.
#[derive(Debug)]
pub enum StateAt {
    /// The latest block's, as it is now (the node's own chain).
    Latest,
    /// A past block's, rebuilt from the latest (see [`Node::state_at`]).
    Past(Box<Chain>),
}

/// How the node is set up.
#[derive(Clone, Debug)]
pub struct NodeConfig {
    /// The chain id.
    pub chain_id: u64,
    /// The base fee of every block, in wei.
    pub base_fee: u64,
    /// Mine a block for every transaction that can run (otherwise transactions wait for
    /// [`Node::mine`]).
    pub instant: bool,
    /// How many of the latest blocks' states are kept for queries at a past block
    /// (eth_call, eth_getBalance, ... with a block number); 0 serves the latest state only.
    pub state_history: u64,
    /// The ArbOS version whose Stylus rules the chain follows (one of
    /// [`stylus_program::params::MODELLED_ARBOS_VERSIONS`]; ArbOS 60 adds the recent-programs
    /// cache). A state file is read under the version given here.
    pub arbos_version: u64,
}

impl Default for NodeConfig {
    fn default() -> Self {
        Self {
            chain_id: stylus_runtime::DEFAULT_CHAIN_ID,
            base_fee: DEFAULT_BASE_FEE,
            instant: true,
            state_history: DEFAULT_STATE_HISTORY,
            arbos_version: stylus_program::params::ARBOS_VERSION,
        }
    }
}

/// The devnet's chain and history.
pub struct Node {
    chain: Chain,
    config: NodeConfig,
    blocks: Vec<Block>,
    block_index: HashMap<B256, u64>,
    tx_index: HashMap<B256, TxLocation>,
    pool: Pool,
    time_offset: i64,
    next_timestamp: Option<u64>,
    snapshots: Vec<NodeSnapshot>,
    next_snapshot_id: u64,
    /// What each kept block changed (oldest first): undoing the blocks after `n`, newest
    /// first, turns the latest state into block `n`'s.
    history: VecDeque<(u64, Undo)>,
    signers: Vec<PrivateKeySigner>,
    impersonated: HashSet<Address>,
    filters: Filters,
    heads: tokio::sync::watch::Sender<u64>,
    dirty: bool,
}

impl std::fmt::Debug for Node {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Node")
            .field("config", &self.config)
            .field("blocks", &self.blocks.len())
            .field("pool", &self.pool.len())
            .finish_non_exhaustive()
    }
}

/// Seconds since the Unix epoch.
fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}

/// The Stylus parameters of a fresh chain at the configured ArbOS version.
fn stylus_params(config: &NodeConfig) -> stylus_program::params::StylusParams {
    stylus_program::params::StylusParams::for_arbos_version(config.arbos_version)
}

/// Adds a signed offset to a timestamp, saturating.
fn offset_time(now: i64, offset: i64) -> u64 {
    u64::try_from(now.saturating_add(offset)).unwrap_or(0)
}

impl Node {
    /// A fresh chain: genesis block, dev accounts funded.
    pub fn new(config: NodeConfig) -> Self {
        let mut chain = Chain::with_params(config.chain_id, stylus_params(&config));
        chain.set_base_fee(config.base_fee);
        for signer in accounts::dev_signers() {
            chain.fund(signer.address(), accounts::dev_balance());
        }
        let mut node = Self::empty(chain, config);
        let timestamp = node.pending_timestamp();
        node.seal(0, timestamp, Vec::new());
        node
    }

    fn empty(mut chain: Chain, config: NodeConfig) -> Self {
        chain.keep_history(config.state_history > 0);
        Self {
            chain,
            config,
            blocks: Vec::new(),
            block_index: HashMap::new(),
            tx_index: HashMap::new(),
            pool: Pool::default(),
            time_offset: 0,
            next_timestamp: None,
            snapshots: Vec::new(),
            next_snapshot_id: 1,
            history: VecDeque::new(),
            signers: accounts::dev_signers(),
            impersonated: HashSet::new(),
            filters: Filters::default(),
            heads: tokio::sync::watch::channel(0).0,
            dirty: false,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &NodeConfig {
        &self.config
    }

    /// The chain (state, time).
    pub fn chain(&mut self) -> &mut Chain {
        &mut self.chain
    }

    /// The dev accounts (eth_accounts).
    pub fn accounts(&self) -> Vec<Address> {
        self.signers.iter().map(PrivateKeySigner::address).collect()
    }

    /// The signer of a dev account.
    pub fn signer(&self, address: Address) -> Option<&PrivateKeySigner> {
        self.signers
            .iter()
            .find(|signer| signer.address() == address)
    }

    /// Lets eth_sendTransaction send from `address` without its key
    /// (anvil_impersonateAccount), or stops it.
    pub fn impersonate(&mut self, address: Address, on: bool) {
        if on {
            self.impersonated.insert(address);
        } else {
            self.impersonated.remove(&address);
        }
    }

    /// Whether eth_sendTransaction may send from `address` without its key.
    pub fn is_impersonated(&self, address: Address) -> bool {
        self.impersonated.contains(&address)
    }

    /// The latest block's number, updated as blocks are sealed (or dropped by evm_revert):
    /// what WebSocket subscriptions wait on.
    pub fn subscribe_heads(&self) -> tokio::sync::watch::Receiver<u64> {
        self.heads.subscribe()
    }

    /// The installed filters (eth_newFilter and the like).
    pub fn filters_mut(&mut self) -> &mut Filters {
        &mut self.filters
    }

    /// Changes an account directly (anvil_setBalance, anvil_setCode): `edit` gets its info.
    pub fn edit_account(&mut self, address: Address, edit: impl FnOnce(&mut AccountInfo)) {
        use revm::database_interface::DatabaseRef;
        self.chain.before_account_change(address);
        let db = self.chain.state_mut();
        let mut info = match db.basic_ref(address) {
            Ok(info) => info.unwrap_or_default(),
            Err(never) => match never {},
        };
        edit(&mut info);
        db.insert_account_info(address, info);
        self.dirty = true;
    }

    /// Sets an account's code (anvil_setCode); empty code makes it code-less.
    pub fn set_code(&mut self, address: Address, code: Bytes) {
        self.edit_account(address, |info| {
            if code.is_empty() {
                info.code_hash = revm::primitives::KECCAK_EMPTY;
                info.code = Some(Bytecode::default());
            } else {
                info.code_hash = keccak256(&code);
                info.code = Some(Bytecode::new_raw(code));
            }
        });
    }

    /// Sets one storage slot (anvil_setStorageAt).
    pub fn set_storage(&mut self, address: Address, slot: U256, value: U256) {
        self.chain.before_slot_change(address, slot);
        if let Err(never) = self
            .chain
            .state_mut()
            .insert_account_storage(address, slot, value)
        {
            match never {}
        }
        self.dirty = true;
    }

    /// The latest block.
    pub fn latest(&self) -> &Block {
        match self.blocks.last() {
            Some(block) => block,
            None => unreachable!("a node always has its genesis block"),
        }
    }

    /// The latest block's number.
    pub fn latest_number(&self) -> u64 {
        self.latest().header.number
    }

    /// A block by number.
    pub fn block(&self, number: u64) -> Option<&Block> {
        usize::try_from(number)
            .ok()
            .and_then(|index| self.blocks.get(index))
    }

    /// A block by hash.
    pub fn block_by_hash(&self, hash: B256) -> Option<&Block> {
        self.block_index
            .get(&hash)
            .and_then(|number| self.block(*number))
    }

    /// A mined transaction and its block.
    pub fn mined_tx(&self, hash: B256) -> Option<(&Block, usize)> {
        let (number, index) = self.tx_index.get(&hash)?;
        Some((self.block(*number)?, *index))
    }

    /// A transaction waiting in the pool (for the next block, or for a nonce gap to fill).
    pub fn pending_tx(&self, hash: B256) -> Option<&PendingTx> {
        self.pool.get(hash)
    }

    /// The transactions waiting, in the order they arrived.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// Whether something changed since [`Node::mark_saved`].
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Records that the state file is up to date.
    pub fn mark_saved(&mut self) {
        self.dirty = false;
    }

    /// The nonce the next transaction of `address` should carry: its account's nonce, plus the
    /// pooled transactions that follow it without a gap (geth's pending nonce).
    pub fn pending_nonce(&mut self, address: Address) -> u64 {
        let next = self.chain.nonce(address);
        next.saturating_add(self.pool.consecutive_from(address, next))
    }

    // ---- time ----

    /// The timestamp the next block gets, and views run at: the one set by
    /// evm_setNextBlockTimestamp (used up when a block is sealed), else the wall clock moved by
    /// evm_increaseTime, never before the latest block.
    pub fn pending_timestamp(&self) -> u64 {
        if let Some(timestamp) = self.next_timestamp {
            return timestamp;
        }
        let now = offset_time(unix_now(), self.time_offset);
        self.blocks
            .last()
            .map_or(now, |block| now.max(block.header.timestamp))
    }

    /// Moves the clock forward (evm_increaseTime); returns the total offset in seconds.
    pub fn increase_time(&mut self, seconds: u64) -> i64 {
        self.time_offset = self
            .time_offset
            .saturating_add(i64::try_from(seconds).unwrap_or(i64::MAX));
        self.dirty = true;
        self.time_offset
    }

    /// Sets the next block's timestamp (evm_setNextBlockTimestamp); later blocks follow on.
    pub fn set_next_timestamp(&mut self, timestamp: u64) -> Result<(), RpcError> {
        let latest = self.latest().header.timestamp;
        if timestamp < latest {
            return Err(RpcError::server(format!(
                "timestamp {timestamp} is before the latest block's {latest}"
            )));
        }
        self.next_timestamp = Some(timestamp);
        self.time_offset = i64::try_from(timestamp)
            .unwrap_or(i64::MAX)
            .saturating_sub(unix_now());
        self.dirty = true;
        Ok(())
    }

    // ---- transactions and mining ----

    /// Checks a signed transaction and recovers its sender.
    pub fn check(&mut self, envelope: &TxEnvelope) -> Result<Address, RpcError> {
        let from = envelope
            .recover_signer()
            .map_err(|error| RpcError::server(format!("invalid signature: {error}")))?;
        self.check_from(envelope, from)?;
        Ok(from)
    }

    /// Checks a transaction from a known sender: type, chain id, nonce not used yet, not
    /// known already, fee cap at least the base fee. A nonce ahead of the sender's next one is
    /// fine: the transaction waits in the pool for the gap to fill.
    fn check_from(&mut self, envelope: &TxEnvelope, from: Address) -> Result<(), RpcError> {
        match envelope.tx_type() {
            TxType::Legacy | TxType::Eip2930 | TxType::Eip1559 => {}
            other => {
                return Err(RpcError::server(format!(
                    "transaction type {} is not supported",
                    other as u8
                )));
            }
        }
        if let Some(chain_id) = envelope.chain_id()
            && chain_id != self.config.chain_id
        {
            return Err(RpcError::server(format!(
                "invalid chain id {chain_id}: this chain is {}",
                self.config.chain_id
            )));
        }
        let expected = self.chain.nonce(from);
        let nonce = envelope.nonce();
        if nonce < expected {
            return Err(RpcError::server(format!(
                "nonce too low: next nonce {expected}, tx nonce {nonce}"
            )));
        }
        if self.mined_tx(*envelope.tx_hash()).is_some()
            || self.pending_tx(*envelope.tx_hash()).is_some()
        {
            return Err(RpcError::server("already known"));
        }
        if envelope.max_fee_per_gas() < u128::from(self.config.base_fee) {
            return Err(RpcError::server(format!(
                "max fee per gas less than block base fee: maxFeePerGas: {}, baseFee: {}",
                envelope.max_fee_per_gas(),
                self.config.base_fee
            )));
        }
        Ok(())
    }

    /// Takes a raw signed transaction (eth_sendRawTransaction): checked, then mined at once or
    /// pooled (see [`Node::send`]). Returns its hash.
    pub fn send_raw(&mut self, raw: &[u8]) -> Result<B256, RpcError> {
        let mut buffer = raw;
        let envelope = TxEnvelope::decode_2718(&mut buffer)
            .map_err(|error| RpcError::params(format!("invalid transaction: {error}")))?;
        if !buffer.is_empty() {
            return Err(RpcError::params("invalid transaction: trailing bytes"));
        }
        self.send(envelope)
    }

    /// Takes a signed transaction: checked, then pooled, or, in instant mining, mined at once
    /// in a block of its own when its nonce is its sender's next one (an invalid transaction
    /// is then refused with the reason), followed by the sender's pooled transactions it
    /// unblocks, each in its own block, in nonce order. Returns its hash.
    pub fn send(&mut self, envelope: TxEnvelope) -> Result<B256, RpcError> {
        let from = self.check(&envelope)?;
        self.admit(PendingTx { envelope, from })
    }

    /// Takes a transaction whose sender is already known (checked like [`Node::send`]).
    pub fn send_from(&mut self, envelope: TxEnvelope, from: Address) -> Result<B256, RpcError> {
        self.check_from(&envelope, from)?;
        self.admit(PendingTx { envelope, from })
    }

    fn admit(&mut self, pending: PendingTx) -> Result<B256, RpcError> {
        let hash = pending.hash();
        let from = pending.from;
        let runs_now = pending.nonce() == self.chain.nonce(from);
        if self.config.instant && runs_now && !self.pool.contains(from, pending.nonce()) {
            self.mine_alone(&pending).map_err(RpcError::server)?;
        } else {
            self.pool.insert(pending)?;
            self.dirty = true;
        }
        if self.config.instant {
            self.mine_ready_alone();
        }
        Ok(hash)
    }

    /// Mines `pending` in a block of its own; nothing changes if it cannot run.
    fn mine_alone(&mut self, pending: &PendingTx) -> Result<(), String> {
        let number = self.latest_number().saturating_add(1);
        let timestamp = self.pending_timestamp();
        self.chain.set_block_number(number);
        self.chain.set_timestamp(timestamp);
        let mined = self.execute(pending, 0)?;
        self.seal(number, timestamp, vec![mined]);
        Ok(())
    }

    /// Instant mining: mines every pooled transaction that can run, one block each, in nonce
    /// order per sender and arrival order between senders; one that fails (funds) is dropped.
    fn mine_ready_alone(&mut self) {
        loop {
            let chain = &mut self.chain;
            let Some(pending) = self.pool.take_next(|sender| chain.nonce(sender)) else {
                break;
            };
            // One that cannot run is dropped, as from a block.
            let _ = self.mine_alone(&pending);
            self.dirty = true;
        }
    }

    /// Switches instant mining on or off (evm_setAutomine); switching it on mines what waits
    /// and can run.
    pub fn set_instant(&mut self, instant: bool) {
        self.config.instant = instant;
        if instant {
            self.mine_ready_alone();
        }
    }

    /// Mines one block with every pooled transaction that can run (evm_mine, interval mining),
    /// in nonce order per sender and arrival order between senders; one that can no longer
    /// run (funds) is dropped, and transactions behind a nonce gap keep waiting. Returns the
    /// block's number.
    pub fn mine(&mut self, timestamp: Option<u64>) -> Result<u64, RpcError> {
        if let Some(timestamp) = timestamp {
            self.set_next_timestamp(timestamp)?;
        }
        let number = self.latest_number().saturating_add(1);
        let timestamp = self.pending_timestamp();
        self.chain.set_block_number(number);
        self.chain.set_timestamp(timestamp);
        let mut mined: Vec<MinedTx> = Vec::new();
        loop {
            let chain = &mut self.chain;
            let Some(pending) = self.pool.take_next(|sender| chain.nonce(sender)) else {
                break;
            };
            let cumulative = mined.last().map_or(0, |tx| tx.cumulative_gas_used);
            if let Ok(tx) = self.execute(&pending, cumulative) {
                mined.push(tx);
            }
        }
        self.seal(number, timestamp, mined);
        Ok(number)
    }

    /// Mines `count` blocks (anvil_mine): the first at the usual time, each next one
    /// `interval` seconds after the previous one when given (else at the usual time, never
    /// before the previous block). The waiting transactions go into the first. Returns the
    /// last block's number.
    pub fn mine_many(&mut self, count: u64, interval: Option<u64>) -> Result<u64, RpcError> {
        if count > MAX_MINE_COUNT {
            return Err(RpcError::params(format!(
                "cannot mine {count} blocks at once (at most {MAX_MINE_COUNT})"
            )));
        }
        let mut last = self.latest_number();
        for index in 0..count {
            let timestamp = match interval {
                Some(seconds) if index > 0 => {
                    Some(self.latest().header.timestamp.saturating_add(seconds))
                }
                _ => None,
            };
            last = self.mine(timestamp)?;
        }
        Ok(last)
    }

    /// Runs one transaction in the open block.
    fn execute(&mut self, pending: &PendingTx, cumulative: u64) -> Result<MinedTx, String> {
        let envelope = &pending.envelope;
        let tx = tx_env(envelope, pending.from, self.config.base_fee);
        let receipt = self
            .chain
            .execute(tx)
            .map_err(|error| friendly_invalid(&error.to_string()))?;
        let effective_gas_price = u128::from(self.config.base_fee);
        Ok(MinedTx {
            envelope: envelope.clone(),
            hash: *envelope.tx_hash(),
            from: pending.from,
            success: receipt.is_success(),
            gas_used: receipt.gas_used,
            cumulative_gas_used: cumulative.saturating_add(receipt.gas_used),
            effective_gas_price,
            logs: receipt.logs,
            contract_address: receipt.contract_address,
        })
    }

    /// Seals a block on top of the latest one, indexes it, opens the next.
    fn seal(&mut self, number: u64, timestamp: u64, txs: Vec<MinedTx>) {
        let envelopes: Vec<&TxEnvelope> = txs.iter().map(|tx| &tx.envelope).collect();
        let receipts: Vec<ReceiptEnvelope<Log>> = txs
            .iter()
            .map(|tx| tx.receipt_envelope(tx.logs.clone()))
            .collect();
        let mut bloom = Bloom::ZERO;
        for receipt in &receipts {
            bloom.accrue_bloom(receipt.logs_bloom());
        }
        let header = Header {
            parent_hash: self.blocks.last().map_or(B256::ZERO, |block| block.hash),
            ommers_hash: EMPTY_OMMER_ROOT_HASH,
            beneficiary: Address::ZERO,
            state_root: B256::ZERO,
            transactions_root: calculate_transaction_root(&envelopes),
            receipts_root: calculate_receipt_root(&receipts),
            logs_bloom: bloom,
            difficulty: U256::from(1u8),
            number,
            gas_limit: BLOCK_GAS_LIMIT,
            gas_used: txs.last().map_or(0, |tx| tx.cumulative_gas_used),
            timestamp,
            extra_data: Bytes::new(),
            mix_hash: B256::ZERO,
            nonce: Default::default(),
            base_fee_per_gas: Some(self.config.base_fee),
            ..Header::default()
        };
        let hash = header.hash_slow();
        for (index, tx) in txs.iter().enumerate() {
            self.tx_index.insert(tx.hash, (number, index));
        }
        self.block_index.insert(hash, number);
        // BLOCKHASH answers for the 256 most recent blocks only: older hashes are dropped, so
        // the state (copied for every call) does not grow with the chain.
        let block_hashes = &mut self.chain.state_mut().cache.block_hashes;
        block_hashes.insert(U256::from(number), hash);
        if let Some(old) = number.checked_sub(256) {
            block_hashes.remove(&U256::from(old));
        }
        self.blocks.push(Block { header, hash, txs });
        self.keep_undo(number);
        self.heads.send_replace(number);
        self.next_timestamp = None;
        self.chain.set_block_number(number.saturating_add(1));
        self.chain.set_timestamp(self.pending_timestamp());
        self.dirty = true;
    }

    // ---- state at past blocks ----

    /// Keeps what block `number` changed, dropping the oldest beyond the configured count.
    fn keep_undo(&mut self, number: u64) {
        if self.config.state_history == 0 {
            return;
        }
        self.history.push_back((number, self.chain.take_undo()));
        while self.history.len() as u64 > self.config.state_history {
            self.history.pop_front();
        }
    }

    /// The state that reads and calls at block `number` run on: the chain as it was at the
    /// end of that block (state, number and timestamp), or the current state for the latest
    /// block. Fails for a block that does not exist yet or whose state is no longer kept.
    pub fn state_at(&self, number: u64) -> Result<StateAt, RpcError> {
        let latest = self.latest_number();
        if number > latest {
            return Err(RpcError::server(format!(
                "block {number} not found (latest is {latest})"
            )));
        }
        if number == latest {
            return Ok(StateAt::Latest);
        }
        // The undo of every block after `number` is needed; the oldest kept is the front.
        let oldest_known = self
            .history
            .front()
            .map_or(latest, |(block, _)| block.saturating_sub(1));
        let (Some(block), true) = (self.block(number), number >= oldest_known) else {
            return Err(RpcError::server(format!(
                "state at block {number} is no longer kept: the devnet keeps the last {} \
                 blocks' states (--state-history), back to block {oldest_known}",
                self.config.state_history
            )));
        };
        let mut db = self.chain.state().clone();
        if let Some(pending) = self.chain.pending_undo() {
            pending.apply(&mut db);
        }
        for (_, undo) in self
            .history
            .iter()
            .rev()
            .take_while(|(block, _)| *block > number)
        {
            undo.apply(&mut db);
        }
        Ok(StateAt::Past(Box::new(self.chain.at(
            db,
            number,
            block.header.timestamp,
        ))))
    }

    /// The chain that reads at `at` go to.
    pub fn chain_at<'a>(&'a mut self, at: &'a mut StateAt) -> &'a mut Chain {
        match at {
            StateAt::Latest => &mut self.chain,
            StateAt::Past(chain) => chain,
        }
    }

    // ---- snapshots ----

    /// Saves the state and history (evm_snapshot); returns the snapshot's id.
    pub fn snapshot(&mut self) -> u64 {
        let id = self.next_snapshot_id;
        self.next_snapshot_id = id.saturating_add(1);
        let chain = self.chain.snapshot();
        self.snapshots.push(NodeSnapshot {
            id,
            chain,
            blocks: self.blocks.len(),
            time_offset: self.time_offset,
            next_timestamp: self.next_timestamp,
        });
        id
    }

    /// Goes back to a snapshot (evm_revert), dropping it and every later one. False if unknown.
    pub fn revert(&mut self, id: u64) -> bool {
        let Some(position) = self.snapshots.iter().position(|snapshot| snapshot.id == id) else {
            return false;
        };
        let snapshot = self.snapshots[position].clone();
        self.snapshots.truncate(position);
        if !self.chain.revert_to(snapshot.chain) {
            return false;
        }
        for block in self.blocks.drain(snapshot.blocks..) {
            self.block_index.remove(&block.hash);
            for tx in &block.txs {
                self.tx_index.remove(&tx.hash);
            }
        }
        let latest = self.latest_number();
        while self
            .history
            .back()
            .is_some_and(|(block, _)| *block > latest)
        {
            self.history.pop_back();
        }
        self.pool.clear();
        self.heads.send_replace(self.latest_number());
        self.time_offset = snapshot.time_offset;
        self.next_timestamp = snapshot.next_timestamp;
        self.dirty = true;
        true
    }

    // ---- calls ----

    /// Runs a call as [`Node::call`] does, and says which accounts and storage slots it
    /// touched (see `Chain::call_touching`).
    pub fn call_touching(
        &mut self,
        at: &mut StateAt,
        tx: TxEnv,
        prepare: impl FnOnce(&mut stylus_runtime::context::Db),
    ) -> Result<(Receipt, stylus_runtime::Touched), RpcError> {
        self.call_chain(at)
            .call_touching(tx, prepare)
            .map_err(|error| RpcError::server(friendly_invalid(&error.to_string())))
    }

    /// Runs a call over the state at `at` with overrides applied; nothing is kept.
    pub fn call(
        &mut self,
        at: &mut StateAt,
        tx: TxEnv,
        prepare: impl FnOnce(&mut stylus_runtime::context::Db),
    ) -> Result<Receipt, RpcError> {
        self.call_chain(at)
            .call_with(tx, prepare)
            .map_err(|error| RpcError::server(friendly_invalid(&error.to_string())))
    }

    /// The chain a call at `at` runs on: a latest-state call runs in the next block, at the
    /// time it would get now; a past block's call in that block.
    pub(crate) fn call_chain<'a>(&'a mut self, at: &'a mut StateAt) -> &'a mut Chain {
        if let StateAt::Latest = at {
            let timestamp = self.pending_timestamp();
            self.chain.set_timestamp(timestamp);
        }
        self.chain_at(at)
    }

    // ---- state files ----

    /// The whole node as a serializable dump.
    pub fn dump(&self) -> StateDump {
        let state = self.chain.state();
        let mut accounts = std::collections::BTreeMap::new();
        for (address, account) in &state.cache.accounts {
            let Some(info) = account.info() else { continue };
            let code = info
                .code
                .clone()
                .or_else(|| state.cache.contracts.get(&info.code_hash).cloned())
                .map(|code| code.original_bytes())
                .filter(|code| !code.is_empty());
            let storage: std::collections::BTreeMap<U256, U256> = account
                .storage
                .iter()
                .filter(|(_, value)| !value.is_zero())
                .map(|(slot, value)| (*slot, *value))
                .collect();
            accounts.insert(
                *address,
                AccountDump {
                    balance: info.balance,
                    nonce: info.nonce,
                    code,
                    storage,
                },
            );
        }
        StateDump {
            version: STATE_VERSION,
            chain_id: self.config.chain_id,
            base_fee: self.config.base_fee,
            time_offset: self.time_offset,
            accounts,
            blocks: self.blocks.clone(),
            // Transactions of impersonated senders carry a stand-in signature that would not
            // recover to their sender: they are not kept.
            pending: self
                .pool
                .in_arrival_order()
                .into_iter()
                .filter(|pending| pending.envelope.recover_signer().ok() == Some(pending.from))
                .map(|pending| pending.envelope.encoded_2718().into())
                .collect(),
        }
    }

    /// A node from a dump (the configuration's mining mode is kept; chain id and base fee come
    /// from the dump).
    pub fn from_dump(dump: StateDump, mut config: NodeConfig) -> Result<Self, String> {
        if dump.version != STATE_VERSION {
            return Err(format!(
                "state file version {} (this devnet reads {STATE_VERSION})",
                dump.version
            ));
        }
        if dump.blocks.is_empty() {
            return Err("state file has no blocks".to_owned());
        }
        config.chain_id = dump.chain_id;
        config.base_fee = dump.base_fee;
        let mut chain = Chain::with_params(dump.chain_id, stylus_params(&config));
        chain.set_base_fee(dump.base_fee);
        for (address, account) in dump.accounts {
            let mut info = AccountInfo {
                balance: account.balance,
                nonce: account.nonce,
                ..AccountInfo::default()
            };
            if let Some(code) = account.code {
                info.code_hash = keccak256(&code);
                info.code = Some(Bytecode::new_raw(code));
            }
            let db = chain.state_mut();
            db.insert_account_info(address, info);
            if let Err(never) =
                db.replace_account_storage(address, account.storage.into_iter().collect())
            {
                match never {}
            }
        }
        let mut node = Self::empty(chain, config);
        node.time_offset = dump.time_offset;
        let latest = dump.blocks.last().map_or(0, |block| block.header.number);
        for block in dump.blocks {
            let number = block.header.number;
            for (index, tx) in block.txs.iter().enumerate() {
                node.tx_index.insert(tx.hash, (number, index));
            }
            node.block_index.insert(block.hash, number);
            // BLOCKHASH's window, as `seal` keeps it.
            if latest.saturating_sub(number) < 256 {
                node.chain
                    .state_mut()
                    .cache
                    .block_hashes
                    .insert(U256::from(number), block.hash);
            }
            node.blocks.push(block);
        }
        node.heads.send_replace(node.latest_number());
        let next = node.latest_number().saturating_add(1);
        node.chain.set_block_number(next);
        for raw in dump.pending {
            let mut buffer = raw.as_ref();
            if let Ok(envelope) = TxEnvelope::decode_2718(&mut buffer)
                && let Ok(from) = envelope.recover_signer()
            {
                // A transaction the dump holds was admitted once; only a replacement of the
                // same nonce (never written to a dump) could be refused.
                let _ = node.pool.insert(PendingTx { envelope, from });
            }
        }
        Ok(node)
    }

    /// Writes the node to `path` atomically (a temporary file renamed over it).
    pub fn save(&mut self, path: &Path) -> Result<(), String> {
        let json = serde_json::to_vec(&self.dump()).map_err(|error| error.to_string())?;
        write_atomically(path, &json)?;
        self.dirty = false;
        Ok(())
    }

    /// Reads a node from `path`.
    pub fn load(path: &Path, config: NodeConfig) -> Result<Self, String> {
        let bytes = std::fs::read(path).map_err(|error| format!("{}: {error}", path.display()))?;
        let dump: StateDump = serde_json::from_slice(&bytes)
            .map_err(|error| format!("{}: {error}", path.display()))?;
        Self::from_dump(dump, config)
    }
}

/// Writes `bytes` to a temporary file next to `path`, then renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = std::path::PathBuf::from(temporary);
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    };
    write().map_err(|error| format!("writing {}: {error}", path.display()))
}

/// The state file's format version.
pub const STATE_VERSION: u32 = 1;

/// One account in a state file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccountDump {
    /// Balance in wei.
    pub balance: U256,
    /// Nonce.
    pub nonce: u64,
    /// Code, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Bytes>,
    /// Non-zero storage slots.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub storage: std::collections::BTreeMap<U256, U256>,
}

/// A state file: the state and the history.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateDump {
    /// Format version ([`STATE_VERSION`]).
    pub version: u32,
    /// The chain id.
    pub chain_id: u64,
    /// The base fee.
    pub base_fee: u64,
    /// The clock offset (evm_increaseTime).
    pub time_offset: i64,
    /// Every account.
    pub accounts: std::collections::BTreeMap<Address, AccountDump>,
    /// Every block.
    pub blocks: Vec<Block>,
    /// Transactions waiting in the pool, raw, in the order they arrived.
    #[serde(default)]
    pub pending: Vec<Bytes>,
}

/// The runtime's transaction environment for a signed transaction, priced as on Arbitrum:
/// every transaction pays the base fee per gas and nothing more (no tips; a legacy gas price
/// above the base fee is not charged). The caller has checked the offer covers the base fee.
pub fn tx_env(envelope: &TxEnvelope, from: Address, base_fee: u64) -> TxEnv {
    let (gas_price, priority) = match envelope.tx_type() {
        TxType::Legacy | TxType::Eip2930 => (u128::from(base_fee), None),
        _ => (envelope.max_fee_per_gas(), Some(0)),
    };
    TxEnv {
        tx_type: envelope.tx_type() as u8,
        caller: from,
        gas_limit: envelope.gas_limit(),
        gas_price,
        kind: envelope.kind(),
        value: envelope.value(),
        data: envelope.input().clone(),
        nonce: envelope.nonce(),
        chain_id: envelope.chain_id(),
        access_list: envelope.access_list().cloned().unwrap_or_default(),
        gas_priority_fee: priority,
        ..TxEnv::default()
    }
}

/// revm's validation errors in geth's words, where there is one.
fn friendly_invalid(message: &str) -> String {
    if message.contains("LackOfFundForMaxFee") || message.contains("OverflowPaymentInTransaction") {
        format!("insufficient funds for gas * price + value ({message})")
    } else if message.contains("CallGasCostMoreThanGasLimit") {
        format!("intrinsic gas too low ({message})")
    } else if message.contains("GasPriceLessThanBasefee") {
        format!("max fee per gas less than block base fee ({message})")
    } else {
        message.to_owned()
    }
}

/// How a call ended, for the RPC layer: its output, or the JSON-RPC error geth gives.
pub fn call_output(receipt: &Receipt) -> Result<Bytes, RpcError> {
    match &receipt.status {
        Status::Success => Ok(receipt.output.clone()),
        Status::Revert => Err(RpcError::reverted(&receipt.output)),
        Status::Halt(reason) => Err(RpcError::server(halt_message(
            reason,
            receipt.stylus_failure.as_deref(),
        ))),
    }
}

/// geth's words for a halt; for a Stylus program that cannot run at all (not activated,
/// expired, activated under an older version), the reason, as Nitro's RPC gives it: such a
/// call consumes all its gas like an out-of-gas frame, but "out of gas" would mislead.
fn halt_message(reason: &str, stylus_failure: Option<&str>) -> String {
    if let Some(why) = stylus_failure.filter(|why| why.starts_with("program ")) {
        return why.to_owned();
    }
    if reason.contains("OutOfGas") {
        "out of gas".to_owned()
    } else {
        format!("execution halted: {reason}")
    }
}
