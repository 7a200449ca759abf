//! Events: `emit_log`.

use revm::{
    context_interface::{ContextTr, JournalTr},
    primitives::{B256, Bytes, Log, LogData},
};
use stylus_program::pricing::hostio::{self, read_price};
use wasmi::{Caller, Linker, errors::LinkerError};

use super::{Host, HostState, M};

/// Registers this group's host functions.
pub(super) fn register(linker: &mut Linker<HostState>) -> Result<(), LinkerError> {
    linker.func_wrap(
        M,
        "emit_log",
        |caller: Caller<'_, HostState>, data: u32, len: u32, topics: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::EMIT_LOG_BASE_INK)?;
            if topics > 4 || u64::from(len) < u64::from(topics) * 32 {
                return host.fail("bad topic data");
            }
            host.buy_ink(read_price(len))?;
            host.buy_ink(read_price(len))?;
            if host.state().env.is_static {
                return host.write_protection();
            }
            let bytes = host.read_slice(data, len)?;
            let topic_bytes = topics as usize * 32;
            let gas = 375u64
                .saturating_add(375 * u64::from(topics))
                .saturating_add(8 * (bytes.len() - topic_bytes) as u64);
            host.buy_gas(gas)?;
            let topic_list = bytes[..topic_bytes]
                .chunks_exact(32)
                .map(B256::from_slice)
                .collect();
            let address = host.state().env.address;
            let log = Log {
                address,
                data: LogData::new_unchecked(
                    topic_list,
                    Bytes::copy_from_slice(&bytes[topic_bytes..]),
                ),
            };
            host.ctx().journal_mut().log(log);
            Ok(())
        },
    )?;

    Ok(())
}
