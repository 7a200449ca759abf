//! Other accounts: `account_balance`, `account_code`, `account_code_size`,
//! `account_codehash`.

use revm::{
    context_interface::{ContextTr, JournalTr},
    primitives::{Address, Bytes},
};
use stylus_program::pricing::hostio::{self, write_price};
use wasmi::{Caller, Linker, errors::LinkerError};

use super::{Host, HostState, M};
use crate::context::DevContext;

/// Registers this group's host functions.
pub(super) fn register(linker: &mut Linker<HostState>) -> Result<(), LinkerError> {
    linker.func_wrap(
        M,
        "account_balance",
        |caller: Caller<'_, HostState>, address: u32, dest: u32| {
            let mut host = Host { caller };
            let address = host.account_access(hostio::ACCOUNT_BALANCE_BASE_INK, address)?;
            let balance = match host.ctx().journal_mut().load_account(address) {
                Ok(account) => account.data.info.balance,
                Err(never) => match never {},
            };
            host.write_u256(dest, balance)
        },
    )?;

    linker.func_wrap(
        M,
        "account_code",
        |caller: Caller<'_, HostState>, address: u32, offset: u32, size: u32, dest: u32| {
            let mut host = Host { caller };
            let address = host.account_access(hostio::ACCOUNT_CODE_BASE_INK, address)?;
            let code = account_code(host.ctx(), address);
            let start = (offset as usize).min(code.len());
            let end = start.saturating_add(size as usize).min(code.len());
            let slice = code[start..end].to_vec();
            host.buy_ink(write_price(slice.len() as u32))?;
            host.write_slice(dest, &slice)?;
            Ok(slice.len() as u32)
        },
    )?;

    linker.func_wrap(
        M,
        "account_code_size",
        |caller: Caller<'_, HostState>, address: u32| {
            let mut host = Host { caller };
            let address = host.account_access(hostio::ACCOUNT_CODE_SIZE_BASE_INK, address)?;
            Ok(account_code(host.ctx(), address).len() as u32)
        },
    )?;

    linker.func_wrap(
        M,
        "account_codehash",
        |caller: Caller<'_, HostState>, address: u32, dest: u32| {
            let mut host = Host { caller };
            let address = host.account_access(hostio::ACCOUNT_CODE_HASH_BASE_INK, address)?;
            let hash = match host.ctx().journal_mut().code_hash(address) {
                Ok(load) => load.data,
                Err(never) => match never {},
            };
            host.write_slice(dest, hash.as_slice())
        },
    )?;

    Ok(())
}

/// The code of `address` (empty for accounts without code).
fn account_code(ctx: &mut DevContext, address: Address) -> Bytes {
    match ctx.journal_mut().code(address) {
        Ok(load) => load.data,
        Err(never) => match never {},
    }
}
