//! Where a program's WASM comes from: its own code (a classic program), or from ArbOS 60 the
//! fragments its root names (Nitro's `arbos/programs/programs.go`: `getWasm`,
//! `getWasmFromContractCode`, `getWasmFromRootStylus`).
//!
//! Activation reads the fragments through the journal and pays for each
//! ([`stylus_program::pricing::fragment_read`]); recompiling an activated program (a module the
//! cache lacks) reads them as Nitro does when it has no charger: without limits, gas or
//! access-list changes.

use revm::{
    context_interface::{ContextTr, JournalTr},
    interpreter::Gas,
    primitives::{Address, Bytes},
};
use stylus_program::{
    ProgramError,
    code::{self, decode_program},
    fragments::{self, StylusRoot},
    params::StylusParams,
    pricing::{fragment_read_gas, fragment_read_reserve},
};

use crate::context::DevContext;

/// Why activation found no WASM to activate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NoWasm {
    /// Nitro's Solidity error `ProgramNotWasm()`: no code, or (from ArbOS 60) code of no Stylus
    /// kind.
    NotWasm,
    /// Gas ran out reading fragments: all of the call's gas is burnt.
    OutOfGas,
    /// Nitro refuses the code with this (non-Solidity) reason.
    Refused(ProgramError),
}

impl From<ProgramError> for NoWasm {
    fn from(error: ProgramError) -> Self {
        Self::Refused(error)
    }
}

/// The WASM `activateProgram` compiles from `bytecode`, the program's code, with Nitro's
/// activation checks and charges on `gas`.
///
/// # Errors
/// See [`NoWasm`]: before ArbOS 60 any code but a classic program is refused as "not a Stylus
/// program"; from 60 a fragment is refused (activate its root), and a root is checked against
/// `MaxWasmSize` and `MaxFragmentCount` and then its fragments are read in order, each only if
/// the gas left covers the read of a largest one.
pub(crate) fn wasm_to_activate(
    ctx: &mut DevContext,
    gas: &mut Gas,
    bytecode: &[u8],
    params: &StylusParams,
) -> Result<Vec<u8>, NoWasm> {
    if bytecode.is_empty() {
        return Err(NoWasm::NotWasm);
    }
    let max_wasm_size = params.max_wasm_size as usize;
    if code::is_stylus_code(bytecode) {
        return Ok(decode_program(bytecode, max_wasm_size)?);
    }
    if !params.has_fragmented_programs() {
        return Err(ProgramError::NotStylus.into());
    }
    if fragments::is_fragment(bytecode) {
        return Err(ProgramError::FragmentActivatedDirectly.into());
    }
    if !fragments::is_root(bytecode) {
        return Err(NoWasm::NotWasm);
    }
    let root = StylusRoot::parse(bytecode)?;
    root.check_limits(params.max_wasm_size, params.max_fragment_count)?;
    root.check_not_empty()?;
    let mut stream = Vec::new();
    for address in &root.fragments {
        let address = Address::from(*address);
        // Loading warms the address; should the reserve not be there, the whole call fails
        // and the journal forgets it, as Nitro never adds it.
        let load = match ctx.journal_mut().code(address) {
            Ok(load) => load,
            Err(never) => match never {},
        };
        let warm = !load.is_cold;
        if gas.remaining() < fragment_read_reserve(warm) {
            return Err(NoWasm::OutOfGas);
        }
        let size = u64::try_from(load.data.len()).unwrap_or(u64::MAX);
        if !gas.record_regular_cost(fragment_read_gas(warm, size)) {
            return Err(NoWasm::OutOfGas);
        }
        // Nitro strips each fragment's prefix as it reads it: a non-fragment stops the reads.
        stream.extend_from_slice(fragments::fragment_payload(&load.data)?);
    }
    Ok(root.decode_stream(&stream)?)
}

/// The WASM of an activated program, to compile it again: its own, or its root's fragments
/// read without charge (Nitro's `getWasm` without a charger, as `CallProgram` uses it).
///
/// # Errors
/// A [`ProgramError`] when the code no longer decodes (a fragment replaced by a test method).
pub(crate) fn wasm_to_recompile(
    ctx: &DevContext,
    bytecode: &[u8],
    params: &StylusParams,
) -> Result<Vec<u8>, ProgramError> {
    if !fragments::is_root(bytecode) || !params.has_fragmented_programs() {
        return decode_program(bytecode, params.max_wasm_size as usize);
    }
    let root = StylusRoot::parse(bytecode)?;
    root.check_not_empty()?;
    let codes: Vec<Bytes> = root
        .fragments
        .iter()
        .map(|address| peek_code(ctx, Address::from(*address)))
        .collect();
    root.decode(codes.iter().map(|code| code.as_ref()))
}

/// The code at `address` as the transaction sees it, without loading the account into the
/// journal (so without warming it), as geth's `GetCode`.
pub(crate) fn peek_code(ctx: &DevContext, address: Address) -> Bytes {
    let journal = &ctx.journaled_state;
    let cache = &journal.database.cache;
    let info = journal
        .inner
        .state
        .get(&address)
        .map(|account| &account.info)
        .or_else(|| cache.accounts.get(&address).map(|account| &account.info));
    let Some(info) = info else {
        return Bytes::new();
    };
    info.code
        .as_ref()
        .or_else(|| cache.contracts.get(&info.code_hash))
        .map(|code| code.original_bytes())
        .unwrap_or_default()
}
