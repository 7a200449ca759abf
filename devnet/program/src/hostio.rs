//! The host functions a Stylus program may import, with their WASM signatures.
//!
//! The `vm_hooks` table is Nitro's (`crates/wasm-libraries/forward/lib.rs`, `HOSTIOS`, whose
//! order is the order Nitro links them in); the `console` table is Nitro's debug-only set
//! (`crates/prover/src/host.rs`, allowed only on debug chains). Note Nitro's names
//! `delegate_call_contract` and `static_call_contract` (stylus-sdk imports them by these names).

use wasmparser::ValType;

/// The import module of the Stylus host functions.
pub const VM_HOOKS: &str = "vm_hooks";

/// The import module of the debug-only console functions.
pub const CONSOLE: &str = "console";

/// One host function: its import module and name and its signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hostio {
    /// Import module ([`VM_HOOKS`] or [`CONSOLE`]).
    pub module: &'static str,
    /// Import name.
    pub name: &'static str,
    /// Parameter types.
    pub params: &'static [ValType],
    /// Result types.
    pub results: &'static [ValType],
    /// Whether Nitro allows it only on debug chains.
    pub debug: bool,
}

const I32: ValType = ValType::I32;
const I64: ValType = ValType::I64;
const F32: ValType = ValType::F32;
const F64: ValType = ValType::F64;

const fn hook(
    name: &'static str,
    params: &'static [ValType],
    results: &'static [ValType],
) -> Hostio {
    Hostio {
        module: VM_HOOKS,
        name,
        params,
        results,
        debug: false,
    }
}

const fn console(
    name: &'static str,
    params: &'static [ValType],
    results: &'static [ValType],
) -> Hostio {
    Hostio {
        module: CONSOLE,
        name,
        params,
        results,
        debug: true,
    }
}

/// Every `vm_hooks` host function, in Nitro's order.
pub const VM_HOOKS_TABLE: [Hostio; 42] = [
    hook("read_args", &[I32], &[]),
    hook("write_result", &[I32, I32], &[]),
    hook("exit_early", &[I32], &[]),
    hook("storage_load_bytes32", &[I32, I32], &[]),
    hook("storage_cache_bytes32", &[I32, I32], &[]),
    hook("storage_flush_cache", &[I32], &[]),
    hook("transient_load_bytes32", &[I32, I32], &[]),
    hook("transient_store_bytes32", &[I32, I32], &[]),
    hook("call_contract", &[I32, I32, I32, I32, I64, I32], &[I32]),
    hook("delegate_call_contract", &[I32, I32, I32, I64, I32], &[I32]),
    hook("static_call_contract", &[I32, I32, I32, I64, I32], &[I32]),
    hook("create1", &[I32, I32, I32, I32, I32], &[]),
    hook("create2", &[I32, I32, I32, I32, I32, I32], &[]),
    hook("read_return_data", &[I32, I32, I32], &[I32]),
    hook("return_data_size", &[], &[I32]),
    hook("emit_log", &[I32, I32, I32], &[]),
    hook("account_balance", &[I32, I32], &[]),
    hook("account_code", &[I32, I32, I32, I32], &[I32]),
    hook("account_code_size", &[I32], &[I32]),
    hook("account_codehash", &[I32, I32], &[]),
    hook("evm_gas_left", &[], &[I64]),
    hook("evm_ink_left", &[], &[I64]),
    hook("block_basefee", &[I32], &[]),
    hook("chainid", &[], &[I64]),
    hook("block_coinbase", &[I32], &[]),
    hook("block_gas_limit", &[], &[I64]),
    hook("block_number", &[], &[I64]),
    hook("block_timestamp", &[], &[I64]),
    hook("contract_address", &[I32], &[]),
    hook("math_div", &[I32, I32], &[]),
    hook("math_mod", &[I32, I32], &[]),
    hook("math_pow", &[I32, I32], &[]),
    hook("math_add_mod", &[I32, I32, I32], &[]),
    hook("math_mul_mod", &[I32, I32, I32], &[]),
    hook("msg_reentrant", &[], &[I32]),
    hook("msg_sender", &[I32], &[]),
    hook("msg_value", &[I32], &[]),
    hook("native_keccak256", &[I32, I32, I32], &[]),
    hook("tx_gas_price", &[I32], &[]),
    hook("tx_ink_price", &[], &[I32]),
    hook("tx_origin", &[I32], &[]),
    hook("pay_for_memory_grow", &[I32], &[]),
];

/// The debug-only `console` functions (Nitro allows them only when the chain is in debug mode).
pub const CONSOLE_TABLE: [Hostio; 9] = [
    console("log_txt", &[I32, I32], &[]),
    console("log_i32", &[I32], &[]),
    console("log_i64", &[I64], &[]),
    console("log_f32", &[F32], &[]),
    console("log_f64", &[F64], &[]),
    console("tee_i32", &[I32], &[I32]),
    console("tee_i64", &[I64], &[I64]),
    console("tee_f32", &[F32], &[F32]),
    console("tee_f64", &[F64], &[F64]),
];

/// The host function imported as `module`.`name`, if Nitro defines one.
pub fn lookup(module: &str, name: &str) -> Option<&'static Hostio> {
    let table: &'static [Hostio] = match module {
        VM_HOOKS => &VM_HOOKS_TABLE,
        CONSOLE => &CONSOLE_TABLE,
        _ => return None,
    };
    table.iter().find(|hostio| hostio.name == name)
}

/// The signature `(params, results)` of the `vm_hooks` host function `name`.
pub fn hostio_signature(name: &str) -> Option<(&'static [ValType], &'static [ValType])> {
    lookup(VM_HOOKS, name).map(|hostio| (hostio.params, hostio.results))
}
