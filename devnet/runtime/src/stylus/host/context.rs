//! The block, the transaction and the frame: `block_*`, `chainid`, `contract_address`,
//! `msg_*`, `tx_*`, `evm_gas_left`, `evm_ink_left`.

use revm::{
    context_interface::{Block, Cfg, ContextTr, Transaction},
    primitives::U256,
};
use stylus_program::pricing::hostio;
use wasmi::{Caller, Linker, errors::LinkerError};

use super::{Host, HostState, M};

/// Registers this group's host functions.
pub(super) fn register(linker: &mut Linker<HostState>) -> Result<(), LinkerError> {
    linker.func_wrap(
        M,
        "block_basefee",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::BLOCK_BASEFEE_BASE_INK)?;
            let basefee = U256::from(host.ctx().block().basefee());
            host.write_u256(dest, basefee)
        },
    )?;

    linker.func_wrap(
        M,
        "block_coinbase",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::BLOCK_COINBASE_BASE_INK)?;
            let coinbase = host.ctx().block().beneficiary();
            host.write_slice(dest, coinbase.as_slice())
        },
    )?;

    linker.func_wrap(M, "block_gas_limit", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::BLOCK_GAS_LIMIT_BASE_INK)?;
        Ok(host.ctx().block().gas_limit())
    })?;

    linker.func_wrap(M, "block_number", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::BLOCK_NUMBER_BASE_INK)?;
        Ok(host.ctx().block().number().saturating_to::<u64>())
    })?;

    linker.func_wrap(M, "block_timestamp", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::BLOCK_TIMESTAMP_BASE_INK)?;
        Ok(host.ctx().block().timestamp().saturating_to::<u64>())
    })?;

    linker.func_wrap(M, "chainid", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::CHAIN_ID_BASE_INK)?;
        Ok(host.ctx().cfg().chain_id())
    })?;

    linker.func_wrap(
        M,
        "contract_address",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::ADDRESS_BASE_INK)?;
            let address = host.state().env.address;
            host.write_slice(dest, address.as_slice())
        },
    )?;

    linker.func_wrap(M, "evm_gas_left", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::EVM_GAS_LEFT_BASE_INK)?;
        Ok(host.gas_left())
    })?;

    linker.func_wrap(M, "evm_ink_left", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::EVM_INK_LEFT_BASE_INK)?;
        Ok(host.ink_left())
    })?;

    linker.func_wrap(M, "msg_reentrant", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::MSG_REENTRANT_BASE_INK)?;
        Ok(u32::from(host.state().env.reentrant))
    })?;

    linker.func_wrap(
        M,
        "msg_sender",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::MSG_SENDER_BASE_INK)?;
            let sender = host.state().env.caller;
            host.write_slice(dest, sender.as_slice())
        },
    )?;

    linker.func_wrap(
        M,
        "msg_value",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::MSG_VALUE_BASE_INK)?;
            let value = host.state().env.value;
            host.write_u256(dest, value)
        },
    )?;

    linker.func_wrap(
        M,
        "tx_gas_price",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::TX_GAS_PRICE_BASE_INK)?;
            let basefee = host.ctx().block().basefee();
            let price = host.ctx().tx().effective_gas_price(u128::from(basefee));
            host.write_u256(dest, U256::from(price))
        },
    )?;

    linker.func_wrap(M, "tx_ink_price", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::TX_INK_PRICE_BASE_INK)?;
        Ok(ink_price_of(host.state()))
    })?;

    linker.func_wrap(
        M,
        "tx_origin",
        |caller: Caller<'_, HostState>, dest: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::TX_ORIGIN_BASE_INK)?;
            let origin = host.ctx().tx().caller();
            host.write_slice(dest, origin.as_slice())
        },
    )?;

    Ok(())
}

/// The ink price in force, as Nitro reports it to programs.
fn ink_price_of(state: &HostState) -> u32 {
    state.shared.params.ink_price
}
