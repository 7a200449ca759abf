//! Why Nitro would refuse to activate a WASM.

use thiserror::Error;

/// Why a WASM cannot be activated. Each message follows the wording of the Nitro check it
/// reproduces (`crates/prover/src/binary.rs`, `programs/*.rs`, `machine.rs`, `wavm.rs`).
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ActivationError {
    /// The module does not validate with the WASM features Nitro enables.
    #[error("failed to validate user: {0}")]
    Invalid(String),
    /// The module has a section Nitro does not accept (for example a data-count section).
    #[error("unsupported section type {0}")]
    UnsupportedSection(String),
    /// A global is not initialised by a single constant.
    #[error("Non-constant global initializer")]
    NonConstantGlobal,
    /// An import is not a function, or uses the compact import encoding.
    #[error("unsupported import kind {0}")]
    UnsupportedImportKind(String),
    /// The same function is imported twice with different types.
    #[error("inconsistent imports for {module} {name}")]
    InconsistentImports {
        /// Import module.
        module: String,
        /// Import name.
        name: String,
    },
    /// An export has the name of an import.
    #[error("binary exports an import with the same name {0}")]
    ExportsImport(String),
    /// An export name starts with `stylus`.
    #[error("binary exports reserved symbol {0}")]
    ExportsReserved(String),
    /// An import name starts with `stylus`.
    #[error("binary imports reserved symbol {0}")]
    ImportsReserved(String),
    /// The module has a start function.
    #[error("start functions not allowed")]
    StartFunction,
    /// No memory, or it is not exported as `memory`.
    #[error("missing memory with export name \"memory\"")]
    MissingMemory,
    /// More than one memory.
    #[error("only one memory is allowed")]
    MultipleMemories,
    /// The initial memory is larger than the compile-time heap bound (128 pages).
    #[error("memory size {pages} exceeds bound {bound}")]
    HeapBound {
        /// Initial pages.
        pages: u64,
        /// The bound.
        bound: u64,
    },
    /// The memory can grow but `vm_hooks.pay_for_memory_grow` is not imported.
    #[error("missing import pay_for_memory_grow")]
    MissingPayForMemoryGrow,
    /// An opcode Nitro's instrumentation or WAVM translation rejects.
    #[error("{0}")]
    UnsupportedOpcode(String),
    /// A floating-point operation: user programs have no soft-float implementation.
    #[error("No implementation for floating point operation {0}")]
    FloatingPoint(String),
    /// A function's frame exceeds the depth checker's limit.
    #[error("frame too large: {size} > {limit}-word limit")]
    FrameTooLarge {
        /// Frame size in words.
        size: u32,
        /// The limit.
        limit: u32,
    },
    /// Too many values live on a function's operand stack at once.
    #[error("too many values on the stack at once in func {func}: {count} > {limit}")]
    StackContention {
        /// Local function index.
        func: u32,
        /// Worst-case operand stack height.
        count: u32,
        /// The limit.
        limit: u32,
    },
    /// `user_entrypoint` is not exported.
    #[error("missing export with name user_entrypoint")]
    MissingEntrypoint,
    /// `user_entrypoint` is exported but is not a function.
    #[error("export user_entrypoint must be a function but is a {0}")]
    EntrypointNotFunction(String),
    /// `user_entrypoint` does not have type `(i32) -> i32`.
    #[error("wrong type for user_entrypoint: {0}")]
    EntrypointType(String),
    /// A predicted cost does not fit its field.
    #[error("{0} too high")]
    CostTooHigh(&'static str),
    /// The initial memory exceeds the pages still available in the transaction.
    #[error("memory exceeds limit: {pages} > {limit}")]
    PageLimit {
        /// Initial pages.
        pages: u64,
        /// Pages available.
        limit: u16,
    },
    /// An anti-DoS count limit is exceeded.
    #[error("too many wasm {what}: {count} > {limit}")]
    TooMany {
        /// What is counted.
        what: &'static str,
        /// The count.
        count: u64,
        /// The limit.
        limit: u64,
    },
    /// An export or module name is longer than 512 bytes.
    #[error("wasm {what} too long: {len} > 512")]
    NameTooLong {
        /// Which name.
        what: &'static str,
        /// Its length.
        len: usize,
    },
    /// An import Nitro does not provide.
    #[error("No such import {name} in {module}")]
    NoSuchImport {
        /// Import module.
        module: String,
        /// Import name.
        name: String,
    },
    /// A debug-only import on a chain that is not in debug mode.
    #[error("Host func {name} in {module} not enabled debug_funcs=false")]
    DebugImport {
        /// Import module.
        module: String,
        /// Import name.
        name: String,
    },
    /// An import has a different signature than the host function.
    #[error(
        "Import {name} has different function signature than export. expected {expected} in {module} but have {have}"
    )]
    ImportSignature {
        /// Import module.
        module: String,
        /// Import name.
        name: String,
        /// Nitro's signature.
        expected: String,
        /// The program's signature.
        have: String,
    },
    /// A data or element segment has a non-constant offset.
    #[error("Non-constant element segment offset expression")]
    NonConstantOffset,
    /// An active data segment does not fit the initial memory.
    #[error("Out-of-bounds data memory init with offset {offset} and size {len}")]
    DataOutOfBounds {
        /// Segment offset.
        offset: u64,
        /// Segment length.
        len: usize,
    },
    /// An active element segment does not fit its table.
    #[error(
        "Out of bounds element segment at offset {offset} and length {len} for table of length {table}"
    )]
    ElementsOutOfBounds {
        /// Segment offset.
        offset: u64,
        /// Segment length.
        len: u64,
        /// Table length.
        table: u64,
    },
    /// An element segment uses expressions instead of function indices.
    #[error("Non-constant element initializers are not supported")]
    ElementExpressions,
    /// Encoding the instrumented module failed (a bug rather than a property of the input).
    #[error("failed to encode the instrumented module: {0}")]
    Encode(String),
}
