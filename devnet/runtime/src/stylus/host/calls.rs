//! Calls and creates: `call_contract`, `delegate_call_contract`, `static_call_contract`,
//! `create1`, `create2`, and the return data they leave (`read_return_data`,
//! `return_data_size`). The frames run through [`crate::stylus::nested::NestedFrames`].

use revm::{
    context_interface::{ContextTr, CreateScheme, JournalTr},
    handler::FrameResult,
    interpreter::{CallInput, CallInputs, CallScheme, CallValue, CreateInputs, FrameInput},
    primitives::{Address, Bytes, U256},
};
use stylus_program::pricing::hostio::{self, read_price, write_price};
use wasmi::{Caller, Linker, errors::LinkerError};

use super::{Host, HostResult, HostState, M, access_gas};

/// Registers this group's host functions.
pub(super) fn register(linker: &mut Linker<HostState>) -> Result<(), LinkerError> {
    linker.func_wrap(
        M,
        "call_contract",
        |caller: Caller<'_, HostState>,
         contract: u32,
         data: u32,
         data_len: u32,
         value: u32,
         gas: u64,
         ret_len: u32| {
            let mut host = Host { caller };
            let value = Some(value);
            call(
                &mut host,
                CallKind::Call,
                contract,
                data,
                data_len,
                value,
                gas,
                ret_len,
            )
        },
    )?;

    register_valueless_call(linker, "delegate_call_contract", CallKind::Delegate)?;
    register_valueless_call(linker, "static_call_contract", CallKind::Static)?;

    linker.func_wrap(
        M,
        "create1",
        |caller: Caller<'_, HostState>,
         code: u32,
         code_len: u32,
         endowment: u32,
         contract: u32,
         revert_len: u32| {
            let mut host = Host { caller };
            create(
                &mut host, code, code_len, endowment, None, contract, revert_len,
            )
        },
    )?;

    linker.func_wrap(
        M,
        "create2",
        |caller: Caller<'_, HostState>,
         code: u32,
         code_len: u32,
         endowment: u32,
         salt: u32,
         contract: u32,
         revert_len: u32| {
            let mut host = Host { caller };
            create(
                &mut host,
                code,
                code_len,
                endowment,
                Some(salt),
                contract,
                revert_len,
            )
        },
    )?;

    linker.func_wrap(
        M,
        "read_return_data",
        |caller: Caller<'_, HostState>, dest: u32, offset: u32, size: u32| {
            let mut host = Host { caller };
            host.buy_ink(hostio::READ_RETURN_DATA_BASE_INK)?;
            host.buy_ink(write_price(size))?;
            let data = host.state().return_data.clone();
            let start = (offset as usize).min(data.len());
            let end = start.saturating_add(size as usize).min(data.len());
            let slice = data.get(start..end).unwrap_or_default().to_vec();
            host.write_slice(dest, &slice)?;
            Ok(slice.len() as u32)
        },
    )?;

    linker.func_wrap(M, "return_data_size", |caller: Caller<'_, HostState>| {
        let mut host = Host { caller };
        host.buy_ink(hostio::RETURN_DATA_SIZE_BASE_INK)?;
        Ok(host.state().return_data.len() as u32)
    })?;

    Ok(())
}

/// The kind of call a program makes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CallKind {
    Call,
    Delegate,
    Static,
}

/// Registers `delegate_call_contract` or `static_call_contract`: the calls that carry no value,
/// with the same arguments.
fn register_valueless_call(
    linker: &mut Linker<HostState>,
    name: &'static str,
    kind: CallKind,
) -> Result<(), LinkerError> {
    linker.func_wrap(
        M,
        name,
        move |caller: Caller<'_, HostState>,
              contract: u32,
              data: u32,
              data_len: u32,
              gas: u64,
              ret_len: u32| {
            let mut host = Host { caller };
            call(
                &mut host, kind, contract, data, data_len, None, gas, ret_len,
            )
        },
    )?;
    Ok(())
}

/// `call_contract`, `delegate_call_contract` and `static_call_contract` (Nitro's doCall).
#[allow(clippy::too_many_arguments)]
fn call(
    host: &mut Host<'_>,
    kind: CallKind,
    contract: u32,
    data: u32,
    data_len: u32,
    value: Option<u32>,
    gas: u64,
    ret_len: u32,
) -> HostResult<u32> {
    host.buy_ink(hostio::CALL_CONTRACT_BASE_INK)?;
    host.buy_ink(read_price(data_len))?;
    host.buy_ink(read_price(data_len))?;
    let contract = host.read_address(contract)?;
    let input = Bytes::from(host.read_slice(data, data_len)?);
    let value = match value {
        Some(ptr) => host.read_u256(ptr)?,
        None => U256::ZERO,
    };
    let gas_left = host.gas_left();
    let gas_req = gas.min(gas_left);
    let env = host.state().env.clone();
    if env.is_static && !value.is_zero() {
        return host.write_protection();
    }

    // makeCallVariantGasCallEIP2929 + gasCall: access, value transfer, new account.
    let cold = host.access_account(contract);
    let mut base_cost = access_gas(cold);
    if !value.is_zero() {
        base_cost = base_cost.saturating_add(9_000);
        let empty = match host.ctx().journal_mut().load_account(contract) {
            Ok(account) => account.data.is_empty(),
            Err(never) => match never {},
        };
        if empty {
            base_cost = base_cost.saturating_add(25_000);
        }
    }
    if base_cost > gas_left {
        return host.out_of_ink();
    }
    // The 63/64ths rule, then the stipend for calls that pay.
    let start_gas = (gas_left - base_cost) - (gas_left - base_cost) / 64;
    let mut call_gas = start_gas.min(gas_req);
    if !value.is_zero() {
        call_gas = call_gas.saturating_add(2_300);
    }

    let (code_hash, bytecode) = match host.ctx().journal_mut().load_account_with_code(contract) {
        Ok(account) => (
            account.data.info.code_hash,
            account.data.info.code.clone().unwrap_or_default(),
        ),
        Err(never) => match never {},
    };
    let (target, caller, call_value, scheme, is_static) = match kind {
        CallKind::Call => (
            contract,
            env.address,
            CallValue::Transfer(value),
            CallScheme::Call,
            env.is_static,
        ),
        CallKind::Delegate => (
            env.address,
            env.caller,
            CallValue::Apparent(env.value),
            CallScheme::DelegateCall,
            env.is_static,
        ),
        CallKind::Static => (
            contract,
            env.address,
            CallValue::Transfer(U256::ZERO),
            CallScheme::StaticCall,
            true,
        ),
    };
    let inputs = CallInputs {
        input: CallInput::Bytes(input),
        return_memory_offset: 0..0,
        gas_limit: call_gas,
        reservoir: 0,
        bytecode_address: contract,
        known_bytecode: (code_hash, bytecode),
        target_address: target,
        caller,
        value: call_value,
        scheme,
        is_static,
        charged_new_account_state_gas: false,
    };
    let depth = host.ctx().journal().depth();
    let nested = host.state().nested.clone();
    let result = nested.run_frame(host.ctx(), depth, FrameInput::Call(Box::new(inputs)));
    let FrameResult::Call(outcome) = result else {
        return host.fail("call returned a create result");
    };
    let returned_gas = outcome.result.gas.remaining();
    let cost = base_cost.saturating_add(call_gas.saturating_sub(returned_gas));
    let success = outcome.result.result.is_ok();
    let output = outcome.result.output;
    let len = output.len() as u32;
    host.state().return_data = output;
    host.buy_gas(cost)?;
    host.write_u32(ret_len, len)?;
    Ok(u32::from(!success))
}

/// `create1` and `create2` (Nitro's create in arbos/programs/api.go).
fn create(
    host: &mut Host<'_>,
    code: u32,
    code_len: u32,
    endowment: u32,
    salt: Option<u32>,
    contract: u32,
    revert_len: u32,
) -> HostResult<()> {
    let base_ink = if salt.is_some() {
        hostio::CREATE2_BASE_INK
    } else {
        hostio::CREATE1_BASE_INK
    };
    host.buy_ink(base_ink)?;
    host.buy_ink(read_price(code_len))?;
    host.buy_ink(read_price(code_len))?;
    let init_code = Bytes::from(host.read_slice(code, code_len)?);
    let value = host.read_u256(endowment)?;
    let salt = match salt {
        Some(ptr) => Some(host.read_u256(ptr)?),
        None => None,
    };
    if host.state().env.is_static {
        return host.write_protection();
    }
    let gas_left = host.gas_left();
    // CREATE costs 32000; CREATE2 also pays for hashing the init code.
    let mut base_cost: u64 = 32_000;
    if salt.is_some() {
        let words = (init_code.len() as u64).div_ceil(32);
        base_cost = base_cost.saturating_add(words.saturating_mul(6));
    }
    if base_cost > gas_left {
        return host.out_of_ink();
    }
    let rest = gas_left - base_cost;
    let create_gas = rest - rest / 64;
    let scheme = match salt {
        Some(salt) => CreateScheme::Create2 { salt },
        None => CreateScheme::Create,
    };
    let address = host.state().env.address;
    let inputs = CreateInputs::new(address, scheme, value, init_code, create_gas, 0);
    let depth = host.ctx().journal().depth();
    let nested = host.state().nested.clone();
    let result = nested.run_frame(host.ctx(), depth, FrameInput::Create(Box::new(inputs)));
    let FrameResult::Create(outcome) = result else {
        return host.fail("create returned a call result");
    };
    let returned_gas = outcome.result.gas.remaining();
    let cost = base_cost.saturating_add(create_gas.saturating_sub(returned_gas));
    let success = outcome.result.result.is_ok();
    let created = if success {
        outcome.address.unwrap_or_default()
    } else {
        Address::ZERO
    };
    let revert_data = if outcome.result.result.is_revert() {
        outcome.result.output
    } else {
        Bytes::new()
    };
    let len = revert_data.len() as u32;
    host.state().return_data = revert_data;
    host.buy_gas(cost)?;
    host.write_u32(revert_len, len)?;
    host.write_slice(contract, created.as_slice())
}
