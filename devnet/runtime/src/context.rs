//! The revm types this runtime is made of: the database, the context, the hard fork.

use std::convert::Infallible;

use revm::{
    Context, Journal,
    context::{BlockEnv, CfgEnv, TxEnv},
    context_interface::result::EVMError,
    database::{CacheDB, EmptyDB},
    primitives::hardfork::SpecId,
};

/// The state database: everything in memory.
pub type Db = CacheDB<EmptyDB>;

/// The execution context: block, transaction, configuration, journaled state.
pub type DevContext = Context<BlockEnv, TxEnv, CfgEnv, Db, Journal<Db>, ()>;

/// Errors of the execution loop (the in-memory database cannot fail).
pub type DevError = EVMError<Infallible>;

/// The hard fork the EVM follows.
pub const SPEC: SpecId = SpecId::CANCUN;

/// A context with nothing in it, left in place while the real one is lent to a nested loop.
pub(crate) fn placeholder() -> DevContext {
    Context::new(CacheDB::new(EmptyDB::new()), SPEC)
}
