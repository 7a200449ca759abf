//! [`Chain`]: one Arbitrum-like chain in memory, for tests and tools.

use revm::{
    Context, ExecuteEvm,
    context::TxEnv,
    context_interface::result::{ExecutionResult, HaltReason},
    database::{CacheDB, EmptyDB},
    primitives::{Address, B256, Bytes, Log, TxKind, U256},
    state::{AccountInfo, Bytecode},
};
use stylus_program::params::StylusParams;

use crate::{
    context::{Db, DevContext, SPEC},
    evm::build_evm,
    history::Undo,
    precompiles::{ARB_SYS, ARB_WASM, ARB_WASM_CACHE, ArbPrecompiles},
    programs::ARBOS_STATE,
    sync::lock,
    trace::{CallFrame, CallTracer},
};

/// The chain id of Arbitrum's nitro-devnode, the default.
pub const DEFAULT_CHAIN_ID: u64 = 412_346;

/// The block timestamp a new chain starts at (2026-01-01T00:00:00Z).
pub const GENESIS_TIMESTAMP: u64 = 1_767_225_600;

/// Gas limit of a transaction when the caller does not say.
pub const DEFAULT_TX_GAS: u64 = 30_000_000;

/// Why a transaction could not be executed at all (as opposed to a revert).
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
    /// The transaction is invalid (nonce, balance, gas limit, ...).
    #[error("invalid transaction: {0}")]
    Invalid(String),
}

/// How a transaction or call ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// It returned.
    Success,
    /// It reverted with this data.
    Revert,
    /// It halted (out of gas, invalid opcode, ...); the reason in words.
    Halt(String),
}

/// The outcome of a committed transaction.
#[derive(Clone, Debug)]
pub struct Receipt {
    /// How it ended.
    pub status: Status,
    /// Gas used (after refunds).
    pub gas_used: u64,
    /// Returned or revert data.
    pub output: Bytes,
    /// Logs emitted (empty unless it succeeded).
    pub logs: Vec<Log>,
    /// The created contract, for a successful creation.
    pub contract_address: Option<Address>,
    /// Block number the transaction was included in.
    pub block_number: u64,
    /// Why the last Stylus frame that failed without revert data failed, if one did.
    pub stylus_failure: Option<String>,
}

impl Receipt {
    /// Whether it succeeded.
    pub fn is_success(&self) -> bool {
        self.status == Status::Success
    }
}

/// The outcome of a call that changes nothing (a view).
pub type CallResult = Receipt;

/// What a call touched: accounts with the storage slots used, in order
/// ([`Chain::call_touching`]).
pub type Touched = Vec<(Address, Vec<U256>)>;

/// One transaction to run.
#[derive(Clone, Debug, Default)]
pub struct Tx {
    /// Sender.
    pub from: Address,
    /// Recipient; `None` creates a contract from `data`.
    pub to: Option<Address>,
    /// Calldata or init code.
    pub data: Bytes,
    /// Wei sent.
    pub value: U256,
    /// Gas limit; [`DEFAULT_TX_GAS`] when `None`.
    pub gas_limit: Option<u64>,
}

/// A saved state to go back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SnapshotId(usize);

/// An Arbitrum-like chain in memory: revm + Stylus, one block per transaction.
pub struct Chain {
    db: Db,
    precompiles: ArbPrecompiles,
    chain_id: u64,
    block_number: u64,
    timestamp: u64,
    snapshots: Vec<(Db, u64, u64, Option<Undo>)>,
    base_fee: u64,
    /// What was committed since [`Chain::take_undo`], when history is kept.
    undo: Option<Undo>,
}

impl std::fmt::Debug for Chain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chain")
            .field("chain_id", &self.chain_id)
            .field("block_number", &self.block_number)
            .field("timestamp", &self.timestamp)
            .finish_non_exhaustive()
    }
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

impl Chain {
    /// A chain with the nitro-devnode's chain id and Nitro's current Stylus parameters.
    pub fn new() -> Self {
        Self::with_params(DEFAULT_CHAIN_ID, StylusParams::default())
    }

    /// A chain with the given id and Stylus parameters.
    pub fn with_params(chain_id: u64, params: StylusParams) -> Self {
        let mut db = CacheDB::new(EmptyDB::new());
        // Precompiles have code (0xFE, as on Nitro) so that `extcodesize` checks pass.
        for precompile in [ARB_SYS, ARB_WASM, ARB_WASM_CACHE] {
            db.insert_account_info(
                precompile,
                AccountInfo::default().with_code(Bytecode::new_legacy(Bytes::from_static(&[0xFE]))),
            );
        }
        // The ArbOS state account must not be empty, or state clearing would drop its storage.
        db.insert_account_info(
            ARBOS_STATE,
            AccountInfo {
                nonce: 1,
                ..AccountInfo::default()
            },
        );
        crate::genesis::install(&mut db);
        Self {
            db,
            precompiles: ArbPrecompiles::new(params),
            chain_id,
            block_number: 1,
            timestamp: GENESIS_TIMESTAMP,
            snapshots: Vec::new(),
            base_fee: 0,
            undo: None,
        }
    }

    /// The chain id.
    pub fn chain_id(&self) -> u64 {
        self.chain_id
    }

    /// The precompile provider (Stylus parameters, last failure).
    pub fn precompiles(&self) -> &ArbPrecompiles {
        &self.precompiles
    }

    /// Number of the block the next transaction goes into.
    pub fn block_number(&self) -> u64 {
        self.block_number
    }

    /// Timestamp of the next block.
    pub fn timestamp(&self) -> u64 {
        self.timestamp
    }

    /// Sets the timestamp of the next block.
    pub fn set_timestamp(&mut self, timestamp: u64) {
        self.timestamp = timestamp;
    }

    /// Moves time forward.
    pub fn advance_time(&mut self, seconds: u64) {
        self.timestamp = self.timestamp.saturating_add(seconds);
    }

    /// Sets the number of the next block.
    pub fn set_block_number(&mut self, number: u64) {
        self.block_number = number;
    }

    /// Gives `address` `wei` more.
    pub fn fund(&mut self, address: Address, wei: U256) {
        let mut info = self.account(address);
        info.balance = info.balance.saturating_add(wei);
        self.db.insert_account_info(address, info);
    }

    /// The account's info (default when absent).
    fn account(&mut self, address: Address) -> AccountInfo {
        use revm::database_interface::DatabaseRef;
        match self.db.basic_ref(address) {
            Ok(info) => info.unwrap_or_default(),
            Err(never) => match never {},
        }
    }

    /// Balance of `address`.
    pub fn balance(&mut self, address: Address) -> U256 {
        self.account(address).balance
    }

    /// Nonce of `address`.
    pub fn nonce(&mut self, address: Address) -> u64 {
        self.account(address).nonce
    }

    /// Code of `address`.
    pub fn code(&mut self, address: Address) -> Bytes {
        self.account(address)
            .code
            .map(|code| code.original_bytes())
            .unwrap_or_default()
    }

    /// Code hash of `address`.
    pub fn code_hash(&mut self, address: Address) -> B256 {
        self.account(address).code_hash
    }

    /// A storage slot of `address`.
    pub fn storage(&mut self, address: Address, slot: U256) -> U256 {
        use revm::database_interface::DatabaseRef;
        match self.db.storage_ref(address, slot) {
            Ok(value) => value,
            Err(never) => match never {},
        }
    }

    /// Saves the state; [`Chain::revert_to`] comes back to it.
    pub fn snapshot(&mut self) -> SnapshotId {
        self.snapshots.push((
            self.db.clone(),
            self.block_number,
            self.timestamp,
            self.undo.clone(),
        ));
        SnapshotId(self.snapshots.len() - 1)
    }

    /// Goes back to a snapshot, dropping it and every later one. False if it does not exist.
    pub fn revert_to(&mut self, id: SnapshotId) -> bool {
        if id.0 >= self.snapshots.len() {
            return false;
        }
        self.snapshots.truncate(id.0 + 1);
        match self.snapshots.pop() {
            Some((db, number, timestamp, undo)) => {
                self.db = db;
                self.undo = undo;
                self.block_number = number;
                self.timestamp = timestamp;
                // The blocks reverted took their recent-programs caches with them.
                self.precompiles.shared.stylus.shared.take_recent();
                true
            }
            None => false,
        }
    }

    /// A context over a copy of the current state, and the current block (for calls, whose
    /// changes are thrown away).
    fn context(&self) -> DevContext {
        self.context_over(self.db.clone())
    }

    /// A context over `db` and the current block.
    fn context_over(&self, db: Db) -> DevContext {
        let mut ctx: DevContext = Context::new(db, SPEC);
        ctx.cfg.chain_id = self.chain_id;
        ctx.cfg.disable_eip3541 = true;
        ctx.cfg.limit_contract_code_size = Some(24_576);
        ctx.block.number = U256::from(self.block_number);
        ctx.block.timestamp = U256::from(self.timestamp);
        ctx.block.gas_limit = 1 << 50;
        ctx.block.basefee = self.base_fee;
        ctx.block.prevrandao = Some(B256::ZERO);
        ctx
    }

    fn tx_env(&mut self, tx: &Tx) -> TxEnv {
        let nonce = self.nonce(tx.from);
        TxEnv {
            caller: tx.from,
            gas_limit: tx.gas_limit.unwrap_or(DEFAULT_TX_GAS),
            gas_price: 0,
            kind: tx.to.map_or(TxKind::Create, TxKind::Call),
            value: tx.value,
            data: tx.data.clone(),
            nonce,
            chain_id: Some(self.chain_id),
            ..TxEnv::default()
        }
    }

    fn receipt(&self, result: ExecutionResult<HaltReason>) -> Receipt {
        let gas_used = result.tx_gas_used();
        let contract_address = result.created_address();
        let (status, output, logs) = match result {
            ExecutionResult::Success { logs, output, .. } => {
                (Status::Success, output.into_data(), logs)
            }
            ExecutionResult::Revert { output, .. } => (Status::Revert, output, Vec::new()),
            ExecutionResult::Halt { reason, .. } => (
                Status::Halt(format!("{reason:?}")),
                Bytes::new(),
                Vec::new(),
            ),
        };
        Receipt {
            contract_address: contract_address.filter(|_| status == Status::Success),
            status,
            gas_used,
            output,
            logs,
            block_number: self.block_number,
            stylus_failure: self.precompiles.last_failure(),
        }
    }

    /// Runs `tx` and commits it in a block of its own.
    pub fn transact(&mut self, tx: Tx) -> Result<Receipt, ChainError> {
        let tx_env = self.tx_env(&tx);
        self.precompiles.begin_transaction();
        let outcome = self.run_on_state(tx_env)?;
        self.commit(outcome.state);
        let receipt = self.receipt(outcome.result);
        self.block_number = self.block_number.saturating_add(1);
        Ok(receipt)
    }

    /// Runs `tx` on the state itself, lent to the EVM and taken back (no copy: a copy of the
    /// whole state per transaction grows with the chain), without committing: the caller
    /// commits the returned changes. The database only caches what it loads meanwhile (its
    /// empty backing's answers: absent accounts, zero slots), which changes no value.
    fn run_on_state(
        &mut self,
        tx: TxEnv,
    ) -> Result<revm::context_interface::result::ResultAndState<HaltReason>, ChainError> {
        let db = std::mem::take(&mut self.db);
        let mut evm = build_evm(self.context_over(db), self.precompiles.clone());
        let outcome = evm.transact(tx);
        self.db = evm.into_context().journaled_state.database;
        outcome.map_err(|error| ChainError::Invalid(format!("{error:?}")))
    }

    /// Runs `tx` against the current state and throws the changes away (eth_call).
    pub fn call(&mut self, tx: Tx) -> Result<CallResult, ChainError> {
        let tx_env = self.tx_env(&tx);
        self.precompiles.begin_transaction();
        let evm = build_evm(self.context(), self.precompiles.clone());
        let result = self.outside_the_block(evm, tx_env)?;
        Ok(self.receipt(result.result))
    }

    /// Runs a call that is not a transaction of the block: as Nitro runs eth_call on a fresh
    /// state, it starts with an empty recent-programs cache (ArbOS 60) and leaves the block's
    /// as it was.
    fn outside_the_block(
        &self,
        mut evm: crate::DevEvm,
        tx: TxEnv,
    ) -> Result<revm::context_interface::result::ResultAndState<HaltReason>, ChainError> {
        let stylus = &self.precompiles.shared.stylus.shared;
        let recent = stylus.take_recent();
        let outcome = evm.transact(tx);
        stylus.restore_recent(recent);
        outcome.map_err(|error| ChainError::Invalid(format!("{error:?}")))
    }
}

/// For JSON-RPC nodes: transactions as signed (gas price, nonce, access list), blocks of
/// several transactions, calls over a modified state, and access to the state for dumps.
impl Chain {
    /// The base fee of every block, in wei (0 unless set).
    pub fn base_fee(&self) -> u64 {
        self.base_fee
    }

    /// Sets the base fee of the next blocks. A transaction must then offer at least this gas
    /// price; gas is charged at the effective gas price (the base fee is burnt).
    pub fn set_base_fee(&mut self, wei: u64) {
        self.base_fee = wei;
        self.precompiles.set_min_base_fee(wei);
    }

    /// The state: every account, its code and storage.
    pub fn state(&self) -> &Db {
        &self.db
    }

    /// The state, to change directly (loading a dump, dev tools).
    pub fn state_mut(&mut self) -> &mut Db {
        &mut self.db
    }

    /// Commits an execution's changes, recording what they replace when history is kept.
    fn commit(&mut self, changes: revm::state::EvmState) {
        if let Some(undo) = &mut self.undo {
            undo.record_commit(&self.db, &changes);
        }
        revm::DatabaseCommit::commit(&mut self.db, changes);
    }

    /// Starts or stops keeping what every commit and direct change replaces (for state at
    /// past blocks; off by default).
    pub fn keep_history(&mut self, on: bool) {
        self.undo = on.then(Undo::default);
    }

    /// What was changed since the last call (or since history was switched on): the values to
    /// put back to return to the state of then. Empty when history is not kept.
    pub fn take_undo(&mut self) -> Undo {
        match &mut self.undo {
            Some(undo) => std::mem::take(undo),
            None => Undo::default(),
        }
    }

    /// What was changed since the last [`Chain::take_undo`], not taken yet.
    pub fn pending_undo(&self) -> Option<&Undo> {
        self.undo.as_ref()
    }

    /// Records an account's info before a direct change of it through [`Chain::state_mut`].
    pub fn before_account_change(&mut self, address: Address) {
        if let Some(undo) = &mut self.undo {
            undo.record_account(&self.db, address);
        }
    }

    /// Records a slot before a direct change of it through [`Chain::state_mut`].
    pub fn before_slot_change(&mut self, address: Address, slot: U256) {
        if let Some(undo) = &mut self.undo {
            undo.record_slot(&self.db, address, slot);
        }
    }

    /// The same chain (parameters, module cache, base fee) over another state and block: a
    /// past block's state rebuilt with [`Undo::apply`], for calls and reads at that block.
    /// It keeps no history and no snapshots.
    pub fn at(&self, db: Db, block_number: u64, timestamp: u64) -> Chain {
        Chain {
            db,
            precompiles: self.precompiles.clone(),
            chain_id: self.chain_id,
            block_number,
            timestamp,
            snapshots: Vec::new(),
            base_fee: self.base_fee,
            undo: None,
        }
    }

    /// Runs `run` with a call tracer installed: what it returns, and the tree of frames of the
    /// last transaction or call it ran (see [`crate::trace`]).
    pub fn traced<T>(&mut self, run: impl FnOnce(&mut Chain) -> T) -> (T, Option<CallFrame>) {
        let shared = self.precompiles.shared.clone();
        *lock(&shared.tracer) = Some(CallTracer::default());
        let output = run(self);
        let tracer = lock(&shared.tracer).take();
        (output, tracer.and_then(CallTracer::finish))
    }

    /// Runs `tx` exactly as given (caller, nonce, gas price, fees, access list, chain id are
    /// all checked and charged) and commits it into the current block, which stays open: the
    /// caller moves to the next block with [`Chain::set_block_number`].
    pub fn execute(&mut self, tx: TxEnv) -> Result<Receipt, ChainError> {
        self.precompiles.begin_transaction();
        let outcome = self.run_on_state(tx)?;
        self.commit(outcome.state);
        Ok(self.receipt(outcome.result))
    }

    /// Runs `tx` over the current state changed by `prepare` (state overrides), and throws
    /// every change away (eth_call, eth_estimateGas). The nonce is not checked; a zero gas
    /// price runs with a zero base fee, as geth's eth_call.
    pub fn call_with(
        &mut self,
        tx: TxEnv,
        prepare: impl FnOnce(&mut Db),
    ) -> Result<CallResult, ChainError> {
        self.call_touching(tx, prepare).map(|(receipt, _)| receipt)
    }

    /// Runs `tx` as [`Chain::call_with`] does, and also returns what it touched: every account
    /// the execution loaded (caller and recipient included) with the storage slots it read or
    /// wrote, by EVM opcodes and Stylus host functions alike, in address and slot order. The
    /// precompiles and ArbOS's own state account (whose records the runtime reads for Stylus
    /// calls, as Nitro does outside the EVM) are left out (eth_createAccessList).
    pub fn call_touching(
        &mut self,
        tx: TxEnv,
        prepare: impl FnOnce(&mut Db),
    ) -> Result<(CallResult, Touched), ChainError> {
        use revm::handler::PrecompileProvider;
        let mut ctx = self.context();
        prepare(&mut ctx.journaled_state.database);
        ctx.cfg.disable_nonce_check = true;
        if tx.gas_price == 0 {
            ctx.block.basefee = 0;
        }
        self.precompiles.begin_transaction();
        let evm = build_evm(ctx, self.precompiles.clone());
        let outcome = self.outside_the_block(evm, tx)?;
        let precompiles = self.precompiles.warm_addresses();
        let mut touched: Touched = outcome
            .state
            .into_iter()
            .filter(|(address, _)| *address != ARBOS_STATE && !precompiles.contains(address))
            .map(|(address, account)| {
                let mut slots: Vec<U256> = account.storage.into_keys().collect();
                slots.sort_unstable();
                (address, slots)
            })
            .collect();
        touched.sort_unstable_by_key(|(address, _)| *address);
        Ok((self.receipt(outcome.result), touched))
    }
}
