//! Memory growth: `pay_for_memory_grow`, priced by the pages open in the transaction.

use stylus_program::pricing::{self, hostio};
use wasmi::{Caller, Linker, errors::LinkerError};

use super::{Host, HostState, M};
use crate::sync::lock;

/// Registers this group's host functions.
pub(super) fn register(linker: &mut Linker<HostState>) -> Result<(), LinkerError> {
    linker.func_wrap(
        M,
        "pay_for_memory_grow",
        |caller: Caller<'_, HostState>, pages: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::PAY_FOR_MEMORY_GROW_BASE_INK)?;
            let pages = u16::try_from(pages).unwrap_or(u16::MAX);
            if pages == 0 {
                return Ok(());
            }
            let shared = host.state().shared.clone();
            let cost = {
                let mut open = lock(&shared.pages);
                let cost = pricing::memory_cost(pages, open.open, open.ever, &shared.params);
                open.open = open.open.saturating_add(pages);
                open.ever = open.ever.max(open.open);
                cost
            };
            host.buy_gas(cost)
        },
    )?;

    Ok(())
}
