//! Fragmented programs (ArbOS 60): a program whose compressed WASM does not fit one contract's
//! 24 KiB is deployed as fragments and a root that names them.
//!
//! The formats, from Nitro's go-ethereum (`core/state/statedb_arbitrum.go`, `NewStylusRoot`,
//! `StripStylusFragmentPrefix`) and as stylus-tools 0.10 writes them
//! (`core/code/fragments.rs`, `ContractCode::new_root_contract`):
//!
//! | code | layout |
//! |---|---|
//! | fragment | `EF F0 01` ++ a chunk of the brotli stream |
//! | root | `EF F0 02` ++ dictionary byte ++ decompressed WASM length (4 bytes, big-endian) ++ the fragments' 20-byte addresses, in order |
//!
//! The WASM is the brotli stream made of the fragments' chunks, concatenated in the root's
//! order, which must decompress to exactly the declared length (Nitro's `programs.go`,
//! `getWasmFromRootStylus`). Only the root is a program: it is activated and called; a fragment
//! is neither (a call of one runs it as EVM code, whose first byte `EF` is invalid).

use crate::code::{DICTIONARY_EMPTY, DICTIONARY_STYLUS_PROGRAM, ProgramError, compress};

/// The three bytes a fragment starts with (`EF F0 01`).
pub const FRAGMENT_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x01];

/// The three bytes a root program starts with (`EF F0 02`).
pub const ROOT_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x02];

/// Length of a root's header: prefix, dictionary byte and the 4-byte decompressed length.
pub const ROOT_HEADER_LEN: usize = 8;

/// Length of an address in a root.
pub const ADDRESS_LEN: usize = 20;

/// Whether `code` is a fragment: [`FRAGMENT_PREFIX`] and at least one more byte, as Nitro's
/// `IsStylusFragmentPrefix`.
pub fn is_fragment(code: &[u8]) -> bool {
    code.len() > FRAGMENT_PREFIX.len() && code.starts_with(&FRAGMENT_PREFIX)
}

/// Whether `code` is a root program: [`ROOT_PREFIX`] and at least one more byte, as Nitro's
/// `IsStylusRootProgramPrefix` (a shorter header is refused later, by [`StylusRoot::parse`]).
pub fn is_root(code: &[u8]) -> bool {
    code.len() > ROOT_PREFIX.len() && code.starts_with(&ROOT_PREFIX)
}

/// A parsed root program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StylusRoot {
    /// Dictionary byte of the brotli stream (checked when the WASM is decoded, as in Nitro:
    /// after the fragments have been read and paid for).
    pub dictionary: u8,
    /// Length the concatenated stream must decompress to.
    pub decompressed_len: u32,
    /// The fragments' addresses, in stream order.
    pub fragments: Vec<[u8; ADDRESS_LEN]>,
}

impl StylusRoot {
    /// Parses root code, as Nitro's `NewStylusRoot`.
    ///
    /// # Errors
    /// [`ProgramError::NotRoot`] without the prefix, [`ProgramError::RootTooShort`] below
    /// [`ROOT_HEADER_LEN`] bytes, [`ProgramError::RootAddressData`] when the bytes after the
    /// header are not whole addresses.
    pub fn parse(code: &[u8]) -> Result<Self, ProgramError> {
        if !is_root(code) {
            return Err(ProgramError::NotRoot);
        }
        let (Some(header), Some(addresses)) =
            (code.get(..ROOT_HEADER_LEN), code.get(ROOT_HEADER_LEN..))
        else {
            return Err(ProgramError::RootTooShort { len: code.len() });
        };
        if addresses.len() % ADDRESS_LEN != 0 {
            return Err(ProgramError::RootAddressData {
                len: addresses.len(),
            });
        }
        let mut len = [0u8; 4];
        len.copy_from_slice(&header[4..]);
        let fragments = addresses
            .chunks_exact(ADDRESS_LEN)
            .map(|chunk| {
                let mut address = [0u8; ADDRESS_LEN];
                address.copy_from_slice(chunk);
                address
            })
            .collect();
        Ok(Self {
            dictionary: header[3],
            decompressed_len: u32::from_be_bytes(len),
            fragments,
        })
    }

    /// The root's code: the inverse of [`StylusRoot::parse`].
    pub fn encode(&self) -> Vec<u8> {
        let mut code = Vec::with_capacity(
            ROOT_HEADER_LEN.saturating_add(self.fragments.len().saturating_mul(ADDRESS_LEN)),
        );
        code.extend_from_slice(&ROOT_PREFIX);
        code.push(self.dictionary);
        code.extend_from_slice(&self.decompressed_len.to_be_bytes());
        for address in &self.fragments {
            code.extend_from_slice(address);
        }
        code
    }

    /// Checks the limits activation enforces before any fragment is read (Nitro checks them
    /// only when activating, not when recompiling a program already activated).
    ///
    /// # Errors
    /// [`ProgramError::DeclaredTooLarge`] when the declared length exceeds `max_wasm_size`,
    /// [`ProgramError::TooManyFragments`] beyond `max_fragments`.
    pub fn check_limits(&self, max_wasm_size: u32, max_fragments: u8) -> Result<(), ProgramError> {
        if self.decompressed_len > max_wasm_size {
            return Err(ProgramError::DeclaredTooLarge {
                declared: self.decompressed_len,
                max: max_wasm_size,
            });
        }
        if self.fragments.len() > usize::from(max_fragments) {
            return Err(ProgramError::TooManyFragments { max: max_fragments });
        }
        Ok(())
    }

    /// Checks the rule that holds whether activating or recompiling: at least one fragment.
    ///
    /// # Errors
    /// [`ProgramError::NoFragments`] for a root naming none.
    pub fn check_not_empty(&self) -> Result<(), ProgramError> {
        if self.fragments.is_empty() {
            return Err(ProgramError::NoFragments);
        }
        Ok(())
    }

    /// Decodes the WASM from the fragments' codes, given in the root's order: strips each
    /// fragment's prefix, checks the dictionary, decompresses the concatenated stream into at
    /// most `decompressed_len` bytes and requires exactly that many.
    ///
    /// # Errors
    /// [`ProgramError::NotFragment`] when a code is not a fragment; the dictionary errors of
    /// [`crate::code::decode_program`]; [`ProgramError::TooLarge`] or
    /// [`ProgramError::Brotli`] when the stream is longer than declared or malformed;
    /// [`ProgramError::LengthMismatch`] when it is shorter.
    pub fn decode<'a>(
        &self,
        fragment_codes: impl IntoIterator<Item = &'a [u8]>,
    ) -> Result<Vec<u8>, ProgramError> {
        let mut stream = Vec::new();
        for code in fragment_codes {
            stream.extend_from_slice(fragment_payload(code)?);
        }
        self.decode_stream(&stream)
    }

    /// Decodes the WASM from the fragments' chunks already concatenated (prefixes stripped):
    /// checks the dictionary, decompresses into at most `decompressed_len` bytes and requires
    /// exactly that many.
    ///
    /// # Errors
    /// As [`StylusRoot::decode`], but for [`ProgramError::NotFragment`].
    pub fn decode_stream(&self, stream: &[u8]) -> Result<Vec<u8>, ProgramError> {
        match self.dictionary {
            DICTIONARY_EMPTY => {}
            DICTIONARY_STYLUS_PROGRAM => return Err(ProgramError::UnsupportedDictionary),
            other => return Err(ProgramError::UnknownDictionary(other)),
        }
        let declared = usize::try_from(self.decompressed_len).unwrap_or(usize::MAX);
        let wasm = crate::code::decompress_bounded(stream, declared)?;
        if wasm.len() != declared {
            return Err(ProgramError::LengthMismatch {
                actual: wasm.len(),
                declared: self.decompressed_len,
            });
        }
        Ok(wasm)
    }
}

/// The chunk of the brotli stream a fragment holds, as Nitro's `StripStylusFragmentPrefix`.
///
/// # Errors
/// [`ProgramError::NotFragment`] when `code` is not a fragment.
pub fn fragment_payload(code: &[u8]) -> Result<&[u8], ProgramError> {
    if !is_fragment(code) {
        return Err(ProgramError::NotFragment);
    }
    Ok(&code[FRAGMENT_PREFIX.len()..])
}

/// A WASM split for deployment as stylus-tools splits it (`CodeFragments::new`): the brotli
/// stream of [`crate::code::encode_program`] cut into chunks of `max_code_size - 3` bytes, so
/// that each fragment's code is at most `max_code_size` bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitProgram {
    /// Length of the WASM, for the root.
    pub decompressed_len: u32,
    /// Each fragment's code (prefix and chunk), in order.
    pub fragments: Vec<Vec<u8>>,
}

impl SplitProgram {
    /// Compresses `wasm` and cuts the stream into fragments of at most `max_code_size` bytes
    /// (at least 4, so that each holds a byte of the stream).
    pub fn new(wasm: &[u8], max_code_size: usize) -> Self {
        let stream = compress(wasm);
        let chunk = max_code_size.saturating_sub(FRAGMENT_PREFIX.len()).max(1);
        let fragments = stream
            .chunks(chunk)
            .map(|piece| {
                let mut code = Vec::with_capacity(piece.len().saturating_add(3));
                code.extend_from_slice(&FRAGMENT_PREFIX);
                code.extend_from_slice(piece);
                code
            })
            .collect();
        Self {
            decompressed_len: u32::try_from(wasm.len()).unwrap_or(u32::MAX),
            fragments,
        }
    }

    /// The root naming the fragments once deployed at `addresses` (in order).
    pub fn root(&self, addresses: impl IntoIterator<Item = [u8; ADDRESS_LEN]>) -> StylusRoot {
        StylusRoot {
            dictionary: DICTIONARY_EMPTY,
            decompressed_len: self.decompressed_len,
            fragments: addresses.into_iter().collect(),
        }
    }
}
