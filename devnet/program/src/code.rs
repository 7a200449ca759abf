//! The deployed code of a Stylus program and the EVM init code that deploys it.
//!
//! Nitro recognises a "classic" Stylus program by its first bytes `EF F0 00`, followed by one
//! dictionary byte and a brotli stream of the WASM (`arbos/programs/programs.go`,
//! `getWasmFromClassicStylus`; the prefix checks live in Nitro's go-ethereum fork,
//! `core/state/statedb_arbitrum.go`). ArbOS 60 also knows fragmented programs (a root with prefix
//! `EF F0 02` pointing at fragments `EF F0 01`): their format is in [`crate::fragments`]; which
//! code may be deployed and which runs as a program at an ArbOS version is decided here
//! ([`is_deployable_component`], [`is_program`]).

use std::io::Read;

use thiserror::Error;

use crate::{fragments, params::ARBOS_VERSION_STYLUS_CONTRACT_LIMIT};

/// The three bytes every classic Stylus program starts with (`EF F0 00`).
pub const STYLUS_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x00];

/// Dictionary byte: the brotli stream uses no dictionary.
pub const DICTIONARY_EMPTY: u8 = 0;

/// Dictionary byte: the brotli stream uses Nitro's built-in `stylus-program` dictionary.
pub const DICTIONARY_STYLUS_PROGRAM: u8 = 1;

/// Length of the header before the brotli stream: the prefix and the dictionary byte.
pub const HEADER_LEN: usize = 4;

/// Length of the init code [`init_code`] puts before the program (42 bytes of EVM code and one
/// version byte), as in stylus-tools `core/deployment/prelude.rs`.
pub const INIT_CODE_PRELUDE_LEN: usize = 43;

/// Why deployed code could not be turned back into a WASM.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ProgramError {
    /// The code does not start with `EF F0 00` and a dictionary byte.
    #[error("specified bytecode is not a Stylus program")]
    NotStylus,
    /// The dictionary byte names Nitro's `stylus-program` dictionary, which this crate does not
    /// ship (Nitro's dictionary file is not reproduced here).
    #[error(
        "unsupported dictionary: the program is compressed with Nitro's stylus-program brotli dictionary (dictionary byte 1); recompress it without a dictionary"
    )]
    UnsupportedDictionary,
    /// The dictionary byte is neither 0 nor 1.
    #[error("unsupported dictionary {0}")]
    UnknownDictionary(u8),
    /// The decompressed WASM is larger than the allowed maximum.
    #[error("failed decompression: output won't fit (more than {max} bytes)")]
    TooLarge {
        /// The maximum WASM size in bytes.
        max: usize,
    },
    /// The brotli stream is malformed or truncated.
    #[error("failed decompression: {0}")]
    Brotli(String),
    /// Code taken for a root is not one.
    #[error("specified bytecode is not a Stylus program root")]
    NotRoot,
    /// A root shorter than its header.
    #[error("stylus program root too short: need at least 8 bytes, got {len}")]
    RootTooShort {
        /// The root's length.
        len: usize,
    },
    /// The bytes after a root's header are not whole addresses.
    #[error("stylus program root address data has invalid length: {len} (must be multiple of 20)")]
    RootAddressData {
        /// Length of the address data.
        len: usize,
    },
    /// A root declares a WASM longer than the maximum.
    #[error("invalid wasm: decompressedLength {declared} is greater then MaxWasmSize {max}")]
    DeclaredTooLarge {
        /// The declared length.
        declared: u32,
        /// `MaxWasmSize`.
        max: u32,
    },
    /// A root names more fragments than `MaxFragmentCount`.
    #[error("invalid wasm: fragment count exceeds limit of {max}")]
    TooManyFragments {
        /// `MaxFragmentCount`.
        max: u8,
    },
    /// A root names no fragment.
    #[error("invalid wasm: fragment count cannot be zero")]
    NoFragments,
    /// A root names an address whose code is not a fragment.
    #[error("specified bytecode is not a Stylus program fragment")]
    NotFragment,
    /// The fragments decompress to fewer bytes than the root declares.
    #[error("invalid wasm: decompressed length {actual} does not match expected length {declared}")]
    LengthMismatch {
        /// Bytes decompressed.
        actual: usize,
        /// The root's declared length.
        declared: u32,
    },
    /// A fragment given to activation instead of its root.
    #[error(
        "fragmented stylus programs cannot be activated directly; activate the root program instead"
    )]
    FragmentActivatedDirectly,
}

/// Whether `code` is a classic Stylus program (starts with [`STYLUS_PREFIX`] and has a dictionary
/// byte).
pub fn is_stylus_code(code: &[u8]) -> bool {
    code.len() >= HEADER_LEN && code.starts_with(&STYLUS_PREFIX)
}

/// Whether `code` runs as a Stylus program at `arbos_version` (Nitro's
/// `IsStylusDeployableProgramPrefix`, which the interpreter checks before running a frame): a
/// classic program, or from ArbOS 60 a root.
pub fn is_program(code: &[u8], arbos_version: u64) -> bool {
    is_stylus_code(code)
        || (arbos_version >= ARBOS_VERSION_STYLUS_CONTRACT_LIMIT && fragments::is_root(code))
}

/// Whether a contract creation may leave `code` behind, starting with `EF` as it does, at
/// `arbos_version` (Nitro's `IsStylusComponentPrefix`, checked where EIP-3541 refuses `EF`
/// code): a program ([`is_program`]), or from ArbOS 60 a fragment.
pub fn is_deployable_component(code: &[u8], arbos_version: u64) -> bool {
    is_program(code, arbos_version)
        || (arbos_version >= ARBOS_VERSION_STYLUS_CONTRACT_LIMIT && fragments::is_fragment(code))
}

/// Decodes deployed Stylus code into its WASM: checks the prefix and the dictionary byte and
/// decompresses the brotli stream, never producing (nor allocating for) more than
/// `max_wasm_size` bytes, as Nitro's `arbcompress.DecompressWithDictionary` does with a buffer
/// of `MaxWasmSize` bytes.
///
/// # Errors
/// [`ProgramError::NotStylus`] without the prefix, [`ProgramError::UnsupportedDictionary`] for
/// dictionary byte 1, [`ProgramError::UnknownDictionary`] for any other non-zero byte,
/// [`ProgramError::TooLarge`] when the WASM exceeds `max_wasm_size`, and
/// [`ProgramError::Brotli`] for a malformed stream.
pub fn decode_program(code: &[u8], max_wasm_size: usize) -> Result<Vec<u8>, ProgramError> {
    if !is_stylus_code(code) {
        return Err(ProgramError::NotStylus);
    }
    let (header, stream) = code.split_at(HEADER_LEN);
    match header.get(3).copied().unwrap_or_default() {
        DICTIONARY_EMPTY => {}
        DICTIONARY_STYLUS_PROGRAM => return Err(ProgramError::UnsupportedDictionary),
        other => return Err(ProgramError::UnknownDictionary(other)),
    }
    decompress_bounded(stream, max_wasm_size)
}

/// Brotli-decompresses `stream`, failing once the output would exceed `max` bytes. At most
/// `max + 1` bytes of output are ever held, so a small stream that expands enormously (a "zip
/// bomb") costs bounded memory.
pub(crate) fn decompress_bounded(stream: &[u8], max: usize) -> Result<Vec<u8>, ProgramError> {
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let mut reader = brotli::Decompressor::new(stream, 4096).take(limit);
    let mut wasm = Vec::with_capacity(max.min(stream.len().saturating_mul(4)));
    reader
        .read_to_end(&mut wasm)
        .map_err(|err| ProgramError::Brotli(err.to_string()))?;
    if wasm.len() > max {
        return Err(ProgramError::TooLarge { max });
    }
    Ok(wasm)
}

/// Compresses `wasm` the way `cargo stylus` / stylus-tools do (brotli quality 11, window 22, no
/// dictionary) and puts the Stylus header in front: `EF F0 00 00 ++ brotli(wasm)`.
pub fn encode_program(wasm: &[u8]) -> Vec<u8> {
    let stream = compress(wasm);
    let mut code = Vec::with_capacity(stream.len().saturating_add(HEADER_LEN));
    code.extend_from_slice(&STYLUS_PREFIX);
    code.push(DICTIONARY_EMPTY);
    code.extend_from_slice(&stream);
    code
}

/// The brotli stream of `wasm` as stylus-tools compresses it (quality 11, window 22, no
/// dictionary).
pub(crate) fn compress(wasm: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut stream = Vec::new();
    let mut input = wasm;
    // Writing into a Vec cannot fail, so the only error source is absent.
    if brotli::BrotliCompress(&mut input, &mut stream, &params).is_err() {
        stream.clear();
    }
    stream
}

/// The EVM init code stylus-tools (0.10, `core/deployment/prelude.rs`) sends to deploy `code`:
/// executed by CREATE or CREATE2 it returns exactly `code`.
///
/// Layout (43 bytes, then `code`):
///
/// | offset | bytes | meaning |
/// |---|---|---|
/// | 0 | `7F` + 32-byte big-endian `code.len()` | PUSH32 len |
/// | 33 | `80` | DUP1 |
/// | 34 | `60 2B` | PUSH1 43 (where `code` starts) |
/// | 36 | `60 00` | PUSH1 0 (memory offset) |
/// | 38 | `39` | CODECOPY |
/// | 39 | `60 00` | PUSH1 0 |
/// | 41 | `F3` | RETURN (memory 0, len) |
/// | 42 | `00` | version byte (never executed) |
pub fn init_code(code: &[u8]) -> Vec<u8> {
    let mut init = Vec::with_capacity(code.len().saturating_add(INIT_CODE_PRELUDE_LEN));
    init.push(0x7F); // PUSH32
    let mut len = [0u8; 32];
    let code_len = u64::try_from(code.len()).unwrap_or(u64::MAX).to_be_bytes();
    len[24..].copy_from_slice(&code_len);
    init.extend_from_slice(&len);
    init.push(0x80); // DUP1
    init.extend_from_slice(&[0x60, 43]); // PUSH1 prelude length
    init.extend_from_slice(&[0x60, 0x00]); // PUSH1 0
    init.push(0x39); // CODECOPY
    init.extend_from_slice(&[0x60, 0x00]); // PUSH1 0
    init.push(0xF3); // RETURN
    init.push(0x00); // version
    init.extend_from_slice(code);
    init
}
