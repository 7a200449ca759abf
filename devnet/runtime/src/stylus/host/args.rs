//! Arguments and result: `read_args`, `write_result`, `exit_early`.

use stylus_program::pricing::hostio::{self, read_price, write_price};
use wasmi::{Caller, Linker, errors::LinkerError};

use super::{Escape, Host, HostState, M};

/// Registers this group's host functions.
pub(super) fn register(linker: &mut Linker<HostState>) -> Result<(), LinkerError> {
    linker.func_wrap(M, "read_args", |caller: Caller<'_, HostState>, ptr: u32| {
        let mut host = Host { caller };
        let args = host.state().env.calldata.clone();
        host.buy_ink(hostio::READ_ARGS_BASE_INK)?;
        host.buy_ink(write_price(args.len() as u32))?;
        host.write_slice(ptr, &args)
    })?;

    linker.func_wrap(
        M,
        "write_result",
        |caller: Caller<'_, HostState>, ptr: u32, len: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::WRITE_RESULT_BASE_INK)?;
            host.buy_ink(read_price(len))?;
            host.buy_ink(read_price(len))?;
            let data = host.read_slice(ptr, len)?;
            host.state().output = data;
            Ok(())
        },
    )?;

    linker.func_wrap(
        M,
        "exit_early",
        |caller: Caller<'_, HostState>, status: u32| {
            let mut host = Host { caller };
            host.escape::<()>(Escape::Exit(status))
        },
    )?;

    Ok(())
}
