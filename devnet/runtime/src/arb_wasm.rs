//! ArbWasm (`0x…71`) and ArbWasmCache (`0x…72`): activation of Stylus programs, their
//! parameters, and the init cache.
//!
//! The interface is Nitro's (precompiles/ArbWasm.go, contracts' ArbWasm.sol): the same
//! selectors, return types, custom errors and event, so cargo-stylus, stylus-tools and the
//! StylusDeployer work unchanged.

use alloy_sol_types::{SolCall, SolError, SolEvent, SolInterface, sol};
use revm::{
    context_interface::{Block, ContextTr, JournalTr},
    interpreter::{CallInputs, Gas, InstructionResult, InterpreterResult},
    primitives::{Address, B256, Bytes, Log, U256, keccak256},
};
use stylus_program::{activation, pricing};

use crate::{
    addresses::{ARB_WASM, ARB_WASM_CACHE},
    context::DevContext,
    programs::{self, ProgramRecord},
    stylus::{
        exec::{CallError, StylusVm, active_record},
        wasm_source::{self, NoWasm},
    },
};

sol! {
    /// ArbWasm's interface.
    interface IArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
        function stylusVersion() external view returns (uint16 version);
        function codehashVersion(bytes32 codehash) external view returns (uint16 version);
        function codehashKeepalive(bytes32 codehash) external payable;
        function codehashAsmSize(bytes32 codehash) external view returns (uint32 size);
        function programVersion(address program) external view returns (uint16 version);
        function programInitGas(address program) external view returns (uint64 gas, uint64 gasWhenCached);
        function programMemoryFootprint(address program) external view returns (uint16 footprint);
        function programTimeLeft(address program) external view returns (uint64 _secs);
        function inkPrice() external view returns (uint32 price);
        function maxStackDepth() external view returns (uint32 depth);
        function freePages() external view returns (uint16 pages);
        function pageGas() external view returns (uint16 gas);
        function pageRamp() external view returns (uint64 ramp);
        function pageLimit() external view returns (uint16 limit);
        function minInitGas() external view returns (uint64 gas, uint64 cached);
        function initCostScalar() external view returns (uint64 percent);
        function expiryDays() external view returns (uint16 _days);
        function keepaliveDays() external view returns (uint16 _days);
        function blockCacheSize() external view returns (uint16 count);

        event ProgramActivated(bytes32 indexed codehash, bytes32 moduleHash, address program, uint256 dataFee, uint16 version);
        event ProgramLifetimeExtended(bytes32 indexed codehash, uint256 dataFee);

        error ProgramNotWasm();
        error ProgramNotActivated();
        error ProgramNeedsUpgrade(uint16 version, uint16 stylusVersion);
        error ProgramExpired(uint64 ageInSeconds);
        error ProgramUpToDate();
        error ProgramKeepaliveTooSoon(uint64 ageInSeconds);
        error ProgramInsufficientValue(uint256 have, uint256 want);
    }

    /// ArbWasmCache's interface (the part the runtime implements).
    interface IArbWasmCache {
        function isCacheManager(address manager) external view returns (bool);
        function codehashIsCached(bytes32 codehash) external view returns (bool);
        function allCacheManagers() external view returns (address[] memory managers);
        function cacheCodehash(bytes32 codehash) external;
        function cacheProgram(address addr) external;
        function evictCodehash(bytes32 codehash) external;

        event UpdateProgramCache(address indexed manager, bytes32 indexed codehash, bool cached);
    }

    /// The error a failed activation reverts with, carrying Nitro's reason.
    error Error(string reason);
}

use IArbWasm::IArbWasmCalls as Call;

/// Gas a view costs (Nitro charges the storage reads; one warm read is close).
const VIEW_GAS: u64 = 800;

fn revert(gas: Gas, data: Vec<u8>) -> InterpreterResult {
    InterpreterResult::new(InstructionResult::Revert, data.into(), gas)
}

/// A revert carrying Nitro's reason for refusing a program, as `Error(string)`.
fn refuse(gas: Gas, reason: impl std::fmt::Display) -> InterpreterResult {
    revert(
        gas,
        Error {
            reason: reason.to_string(),
        }
        .abi_encode(),
    )
}

fn success(gas: Gas, data: Vec<u8>) -> InterpreterResult {
    InterpreterResult::new(InstructionResult::Return, data.into(), gas)
}

fn out_of_gas(gas_limit: u64) -> InterpreterResult {
    let mut gas = Gas::new(gas_limit);
    gas.spend_all();
    InterpreterResult::new(InstructionResult::PrecompileOOG, Bytes::new(), gas)
}

/// The revert data for a program that cannot be called.
fn call_error_data(error: &CallError, record: Option<&ProgramRecord>, now: u64) -> Vec<u8> {
    match error {
        CallError::NotActivated | CallError::Compile(_) => {
            IArbWasm::ProgramNotActivated {}.abi_encode()
        }
        CallError::NeedsUpgrade { have, want } => IArbWasm::ProgramNeedsUpgrade {
            version: *have,
            stylusVersion: *want,
        }
        .abi_encode(),
        CallError::Expired => IArbWasm::ProgramExpired {
            ageInSeconds: record.map_or(0, |r| now.saturating_sub(r.activated_at)),
        }
        .abi_encode(),
    }
}

/// The code hash of `program` (zero for an account without code).
fn codehash_of(ctx: &mut DevContext, program: Address) -> B256 {
    match ctx.journal_mut().code_hash(program) {
        Ok(load) => load.data,
        Err(never) => match never {},
    }
}

/// Runs an ArbWasm call.
pub(crate) fn run(vm: &StylusVm, ctx: &mut DevContext, inputs: &CallInputs) -> InterpreterResult {
    let input = inputs.input.as_bytes(ctx).to_vec();
    let mut gas = Gas::new(inputs.gas_limit);
    let Ok(call) = Call::abi_decode(&input) else {
        return revert(gas, Vec::new());
    };
    let params = *vm.params();
    let now = ctx.block().timestamp().saturating_to::<u64>();

    if let Call::activateProgram(activate) = call {
        return activate_program(vm, ctx, inputs, activate.program);
    }
    if let Call::codehashKeepalive(keepalive) = call {
        return codehash_keepalive(vm, ctx, inputs, keepalive.codehash);
    }
    if !gas.record_regular_cost(VIEW_GAS) {
        return out_of_gas(inputs.gas_limit);
    }

    // Views that look at one program, by code hash.
    let by_codehash = |ctx: &mut DevContext, codehash: B256| -> Result<ProgramRecord, Vec<u8>> {
        active_record(vm, ctx, codehash).map_err(|error| {
            let record = programs::load_record(ctx, codehash);
            call_error_data(&error, record.as_ref(), now)
        })
    };
    let result: Result<Vec<u8>, Vec<u8>> = match call {
        Call::activateProgram(_) => unreachable!("handled above"),
        Call::stylusVersion(_) => Ok(IArbWasm::stylusVersionCall::abi_encode_returns(
            &params.version,
        )),
        Call::inkPrice(_) => Ok(IArbWasm::inkPriceCall::abi_encode_returns(
            &params.ink_price,
        )),
        Call::maxStackDepth(_) => Ok(IArbWasm::maxStackDepthCall::abi_encode_returns(
            &params.max_stack_depth,
        )),
        Call::freePages(_) => Ok(IArbWasm::freePagesCall::abi_encode_returns(
            &params.free_pages,
        )),
        Call::pageGas(_) => Ok(IArbWasm::pageGasCall::abi_encode_returns(&params.page_gas)),
        Call::pageRamp(_) => Ok(IArbWasm::pageRampCall::abi_encode_returns(
            &params.page_ramp,
        )),
        Call::pageLimit(_) => Ok(IArbWasm::pageLimitCall::abi_encode_returns(
            &params.page_limit,
        )),
        Call::minInitGas(_) => Ok(IArbWasm::minInitGasCall::abi_encode_returns(
            &IArbWasm::minInitGasReturn {
                gas: u64::from(params.min_init_gas)
                    .saturating_mul(stylus_program::params::MIN_INIT_GAS_UNITS),
                cached: u64::from(params.min_cached_init_gas)
                    .saturating_mul(stylus_program::params::MIN_CACHED_GAS_UNITS),
            },
        )),
        Call::initCostScalar(_) => Ok(IArbWasm::initCostScalarCall::abi_encode_returns(
            &u64::from(params.init_cost_scalar)
                .saturating_mul(stylus_program::params::COST_SCALAR_PERCENT),
        )),
        Call::expiryDays(_) => Ok(IArbWasm::expiryDaysCall::abi_encode_returns(
            &params.expiry_days,
        )),
        Call::keepaliveDays(_) => Ok(IArbWasm::keepaliveDaysCall::abi_encode_returns(
            &params.keepalive_days,
        )),
        Call::blockCacheSize(_) => Ok(IArbWasm::blockCacheSizeCall::abi_encode_returns(
            &params.block_cache_size,
        )),
        Call::codehashVersion(c) => by_codehash(ctx, c.codehash)
            .map(|record| IArbWasm::codehashVersionCall::abi_encode_returns(&record.version)),
        Call::codehashAsmSize(c) => by_codehash(ctx, c.codehash).map(|record| {
            IArbWasm::codehashAsmSizeCall::abi_encode_returns(
                &record.asm_estimate_kb.saturating_mul(1024),
            )
        }),
        Call::codehashKeepalive(_) => unreachable!("handled above"),
        Call::programVersion(c) => {
            let codehash = codehash_of(ctx, c.program);
            by_codehash(ctx, codehash)
                .map(|record| IArbWasm::programVersionCall::abi_encode_returns(&record.version))
        }
        Call::programInitGas(c) => {
            let codehash = codehash_of(ctx, c.program);
            by_codehash(ctx, codehash).map(|record| {
                IArbWasm::programInitGasCall::abi_encode_returns(&IArbWasm::programInitGasReturn {
                    gas: pricing::init_gas(&record.info(), &params)
                        .saturating_add(pricing::cached_init_gas(&record.info(), &params)),
                    gasWhenCached: pricing::cached_init_gas(&record.info(), &params),
                })
            })
        }
        Call::programMemoryFootprint(c) => {
            let codehash = codehash_of(ctx, c.program);
            by_codehash(ctx, codehash).map(|record| {
                IArbWasm::programMemoryFootprintCall::abi_encode_returns(&record.footprint)
            })
        }
        Call::programTimeLeft(c) => {
            let codehash = codehash_of(ctx, c.program);
            by_codehash(ctx, codehash).map(|record| {
                IArbWasm::programTimeLeftCall::abi_encode_returns(
                    &record.time_left(&params, now).unwrap_or(0),
                )
            })
        }
    };
    match result {
        Ok(data) => success(gas, data),
        Err(data) => revert(gas, data),
    }
}

/// What `activateProgram` burns before anything else, as Nitro's ArbWasm precompile does
/// (`precompiles/ArbWasm.go`, `ActivateProgram`: "charge a fixed cost up front to begin
/// activation", `c.Burn(1659168)`); the compile gas of the module comes on top.
pub const ACTIVATION_FIXED_GAS: u64 = 1_659_168;

/// `activateProgram(program)`: validates, prices and records the program, refunds excess value.
fn activate_program(
    vm: &StylusVm,
    ctx: &mut DevContext,
    inputs: &CallInputs,
    program: Address,
) -> InterpreterResult {
    let mut gas = Gas::new(inputs.gas_limit);
    if inputs.is_static {
        return revert(gas, Vec::new());
    }
    if !gas.record_regular_cost(ACTIVATION_FIXED_GAS) {
        return out_of_gas(inputs.gas_limit);
    }
    let params = *vm.params();
    let now = ctx.block().timestamp().saturating_to::<u64>();
    // Nitro's `GetCode` leaves the access list alone: reading the program does not warm it.
    let bytecode = wasm_source::peek_code(ctx, program);
    let codehash = keccak256(&bytecode);
    if let Some(record) = programs::load_record(ctx, codehash)
        && record.version == params.version
        && record.time_left(&params, now).is_some()
    {
        return revert(gas, IArbWasm::ProgramUpToDate {}.abi_encode());
    }
    let wasm = match wasm_source::wasm_to_activate(ctx, &mut gas, &bytecode, &params) {
        Ok(wasm) => wasm,
        Err(NoWasm::NotWasm) => return revert(gas, IArbWasm::ProgramNotWasm {}.abi_encode()),
        Err(NoWasm::OutOfGas) => return out_of_gas(inputs.gas_limit),
        Err(NoWasm::Refused(error)) => {
            return refuse(gas, error);
        }
    };
    let activated = match activation::activate(&wasm, &params) {
        Ok(activated) => activated,
        Err(error) => {
            // Nitro burns all the call's gas when compiling fails (`ErrProgramActivation`,
            // `precompile.go`); the reason stays readable here as revert data.
            gas.spend_all();
            return refuse(gas, error);
        }
    };
    // Compiling costs gas (Nitro's Module::activate); short of it, all gas is lost.
    if !gas.record_regular_cost(activated.activation_gas) {
        return out_of_gas(inputs.gas_limit);
    }
    let mut pricer = programs::load_pricer(ctx);
    let data_fee = U256::from(pricer.update_model(activated.info.asm_estimate, now));
    let value = inputs.value.get();
    if let Err(short) = check_value(value, data_fee) {
        return revert(gas, short);
    }
    let module_hash = match vm.modules.insert(&activated) {
        Ok((hash, _)) => hash,
        Err(error) => return refuse(gas, error),
    };
    programs::store_record(ctx, codehash, ProgramRecord::new(&activated.info, now));
    programs::store_module_hash(ctx, codehash, module_hash);
    programs::store_pricer(ctx, &pricer);

    pay_data_fee(ctx, inputs.caller, value, data_fee);
    let event = IArbWasm::ProgramActivated {
        codehash,
        moduleHash: module_hash,
        program,
        dataFee: data_fee,
        version: params.version,
    };
    ctx.journal_mut().log(Log {
        address: ARB_WASM,
        data: event.encode_log_data(),
    });
    success(
        gas,
        IArbWasm::activateProgramCall::abi_encode_returns(&IArbWasm::activateProgramReturn {
            version: params.version,
            dataFee: data_fee,
        }),
    )
}

/// `ProgramInsufficientValue(have, want)` when `value` does not cover `data_fee`.
fn check_value(value: U256, data_fee: U256) -> Result<(), Vec<u8>> {
    if value < data_fee {
        return Err(IArbWasm::ProgramInsufficientValue {
            have: value,
            want: data_fee,
        }
        .abi_encode());
    }
    Ok(())
}

/// Nitro's `payActivationDataFee` (`precompiles/ArbWasm.go`), once [`check_value`] passed: the
/// fee goes to the network, the rest of `value` (held by ArbWasm during the call) back to
/// `caller`.
fn pay_data_fee(ctx: &mut DevContext, caller: Address, value: U256, data_fee: U256) {
    let refund = value.saturating_sub(data_fee);
    for (to, amount) in [(caller, refund), (programs::ARBOS_STATE, data_fee)] {
        if !amount.is_zero()
            && let Err(never) = ctx.journal_mut().transfer(ARB_WASM, to, amount)
        {
            match never {}
        }
    }
}

/// `codehashKeepalive(codehash)`, as Nitro's `ArbWasm.CodehashKeepalive`
/// (`precompiles/ArbWasm.go`) and `Programs.ProgramKeepalive` (`arbos/programs/programs.go`):
/// the program must be active (activated, up to date, not expired) and at least
/// `keepaliveDays` old, else `ProgramKeepaliveTooSoon(age)`; the data fee is priced by the
/// same model as an activation's for the program's size (`dataPricer.UpdateModel(asmSize)`),
/// `ProgramInsufficientValue` when the value is short, paid to the network with the rest
/// refunded (`payActivationDataFee`); the activation time restarts now and
/// `ProgramLifetimeExtended(codehash, dataFee)` is emitted. Gas: a view's, plus the two ArbOS
/// writes (record, pricer) and the log.
fn codehash_keepalive(
    vm: &StylusVm,
    ctx: &mut DevContext,
    inputs: &CallInputs,
    codehash: B256,
) -> InterpreterResult {
    let mut gas = Gas::new(inputs.gas_limit);
    if inputs.is_static {
        return revert(gas, Vec::new());
    }
    if !gas.record_regular_cost(VIEW_GAS) {
        return out_of_gas(inputs.gas_limit);
    }
    let params = *vm.params();
    let now = ctx.block().timestamp().saturating_to::<u64>();
    let record = match active_record(vm, ctx, codehash) {
        Ok(record) => record,
        Err(error) => {
            let stored = programs::load_record(ctx, codehash);
            return revert(gas, call_error_data(&error, stored.as_ref(), now));
        }
    };
    let age = now.saturating_sub(record.activated_at);
    if age < u64::from(params.keepalive_days).saturating_mul(86_400) {
        return revert(
            gas,
            IArbWasm::ProgramKeepaliveTooSoon { ageInSeconds: age }.abi_encode(),
        );
    }
    let mut pricer = programs::load_pricer(ctx);
    // Nitro's `program.asmSize()`: the estimate is kept in KiB.
    let asm_size = record.asm_estimate_kb.saturating_mul(1024);
    let data_fee = U256::from(pricer.update_model(asm_size, now));
    let value = inputs.value.get();
    if let Err(short) = check_value(value, data_fee) {
        return revert(gas, short);
    }
    let event = IArbWasm::ProgramLifetimeExtended {
        codehash,
        dataFee: data_fee,
    };
    let log = event.encode_log_data();
    let extra = log_gas(2, 32).saturating_add(2 * STORAGE_WRITE_GAS);
    if !gas.record_regular_cost(extra) {
        return out_of_gas(inputs.gas_limit);
    }
    programs::store_record(
        ctx,
        codehash,
        ProgramRecord {
            activated_at: now,
            ..record
        },
    );
    programs::store_pricer(ctx, &pricer);
    pay_data_fee(ctx, inputs.caller, value, data_fee);
    ctx.journal_mut().log(Log {
        address: ARB_WASM,
        data: log,
    });
    success(gas, Vec::new())
}

/// ArbOS storage costs, as Nitro's precompiles pay them (`arbos/storage`: a read is geth's
/// `SloadGasEIP2200`, a write of a non-zero word `SstoreSetGasEIP2200`).
const STORAGE_READ_GAS: u64 = 800;
const STORAGE_WRITE_GAS: u64 = 20_000;

/// Gas of a log with `topics` topics and `data_len` bytes of data (geth's `LOG` costs).
fn log_gas(topics: u64, data_len: u64) -> u64 {
    375u64
        .saturating_add(topics.saturating_mul(375))
        .saturating_add(data_len.saturating_mul(8))
}

/// Why a cache change did not happen.
enum CacheRefusal {
    /// The caller may not change the cache: Nitro burns all the call's gas (`BurnOut`).
    NoAccess,
    /// A revert with this data.
    Revert(Vec<u8>),
}

/// `setProgramCached` of Nitro's ArbWasmCache (`precompiles/ArbWasmCache.go`) and
/// `Programs.SetProgramCached` (`arbos/programs/programs.go`): only the chain owner or a
/// cache manager (none here) may change it; the program must be activated, and to be cached
/// up to date and not expired; `UpdateProgramCache` is emitted when the flag changes.
fn set_program_cached(
    vm: &StylusVm,
    ctx: &mut DevContext,
    gas: &mut Gas,
    caller: Address,
    codehash: B256,
    cached: bool,
) -> Result<(), CacheRefusal> {
    // hasAccess: the cache managers, then the chain owners.
    // Running out of gas ends the call as a refusal of access does: all gas is burnt.
    if !gas.record_regular_cost(2 * STORAGE_READ_GAS)
        || caller != crate::genesis::CHAIN_OWNER
        || !gas.record_regular_cost(STORAGE_READ_GAS)
    {
        return Err(CacheRefusal::NoAccess);
    }
    let record = programs::load_record(ctx, codehash)
        .ok_or_else(|| CacheRefusal::Revert(IArbWasm::ProgramNotActivated {}.abi_encode()))?;
    let params = *vm.params();
    let now = ctx.block().timestamp().saturating_to::<u64>();
    if cached && record.version != params.version {
        return Err(CacheRefusal::Revert(
            IArbWasm::ProgramNeedsUpgrade {
                version: record.version,
                stylusVersion: params.version,
            }
            .abi_encode(),
        ));
    }
    if cached && record.time_left(&params, now).is_none() {
        return Err(CacheRefusal::Revert(
            IArbWasm::ProgramExpired {
                ageInSeconds: now.saturating_sub(record.activated_at),
            }
            .abi_encode(),
        ));
    }
    if record.cached == cached {
        return Ok(());
    }
    if !gas.record_regular_cost(log_gas(3, 32).saturating_add(STORAGE_WRITE_GAS)) {
        return Err(CacheRefusal::NoAccess);
    }
    let event = IArbWasmCache::UpdateProgramCache {
        manager: caller,
        codehash,
        cached,
    };
    ctx.journal_mut().log(Log {
        address: ARB_WASM_CACHE,
        data: event.encode_log_data(),
    });
    programs::store_record(ctx, codehash, ProgramRecord { cached, ..record });
    Ok(())
}

/// Runs an ArbWasmCache call, as Nitro's precompile (`precompiles/ArbWasmCache.go`).
pub(crate) fn run_cache(
    vm: &StylusVm,
    ctx: &mut DevContext,
    inputs: &CallInputs,
) -> InterpreterResult {
    use IArbWasmCache::IArbWasmCacheCalls as CacheCall;
    let input = inputs.input.as_bytes(ctx).to_vec();
    let mut gas = Gas::new(inputs.gas_limit);
    if !gas.record_regular_cost(VIEW_GAS) {
        return out_of_gas(inputs.gas_limit);
    }
    let Ok(call) = CacheCall::abi_decode(&input) else {
        return revert(gas, Vec::new());
    };
    let caller = inputs.caller;
    let change = |ctx: &mut DevContext, gas: &mut Gas, codehash: B256, cached: bool| {
        set_program_cached(vm, ctx, gas, caller, codehash, cached).map(|()| Vec::new())
    };
    let result = match call {
        // No cache manager: ArbOwner's addWasmCacheManager is not modelled.
        CacheCall::isCacheManager(_) => Ok(IArbWasmCache::isCacheManagerCall::abi_encode_returns(
            &false,
        )),
        CacheCall::allCacheManagers(_) => Ok(
            IArbWasmCache::allCacheManagersCall::abi_encode_returns(&Vec::<Address>::new()),
        ),
        CacheCall::codehashIsCached(c) => {
            Ok(IArbWasmCache::codehashIsCachedCall::abi_encode_returns(
                &programs::load_record(ctx, c.codehash).is_some_and(|record| record.cached),
            ))
        }
        CacheCall::cacheProgram(c) if !inputs.is_static => {
            let codehash = codehash_of(ctx, c.addr);
            change(ctx, &mut gas, codehash, true)
        }
        CacheCall::cacheCodehash(c) if !inputs.is_static => change(ctx, &mut gas, c.codehash, true),
        CacheCall::evictCodehash(c) if !inputs.is_static => {
            change(ctx, &mut gas, c.codehash, false)
        }
        _ => Err(CacheRefusal::Revert(Vec::new())),
    };
    match result {
        Ok(data) => success(gas, data),
        Err(CacheRefusal::Revert(data)) => revert(gas, data),
        Err(CacheRefusal::NoAccess) => out_of_gas(inputs.gas_limit),
    }
}
