//! Activation: Nitro's checks on a user WASM, its instrumentation and the costs it records
//! (`crates/prover/src/binary.rs`, `WasmBinary::parse_user` and `instrument`;
//! `crates/prover/src/programs/mod.rs`, `Module::activate`; `crates/prover/src/machine.rs`,
//! `Module::from_user_binary`).

mod encode;
mod error;
mod info;
mod link;
mod module;

pub use error::ActivationError;
pub use info::ProgramInfo;
pub use link::is_float_arithmetic;

use wasm_encoder::ExportKind;
use wasmparser::{ExternalKind, FuncType, ValType};

use self::{
    encode::{AddedGlobal, OutExport},
    info::{ActivationGasInputs, CostInputs},
    module::UserModule,
};
use crate::{
    hostio::VM_HOOKS,
    meter::{
        INK_LEFT_GLOBAL, INK_STATUS_GLOBAL, Instrumenter, MeterGlobals, SCRATCH_GLOBAL,
        STACK_LEFT_GLOBAL,
    },
    params::StylusParams,
};

/// The export every Stylus program must have: `user_entrypoint: (i32) -> i32`.
pub const ENTRYPOINT: &str = "user_entrypoint";

/// The export name of the program's memory.
pub const MEMORY_EXPORT: &str = "memory";

/// On debug chains, the export the start function is moved to (`start.rs`, `StartMover::NAME`).
pub const START_EXPORT: &str = "stylus_start";

/// The most pages a program may start with (`config.rs`, `heap_bound` for versions 1 and 2).
pub const HEAP_BOUND_PAGES: u64 = 128;

/// The longest export or module name (`binary.rs`, `parse_user`).
pub const MAX_NAME_LEN: usize = 512;

/// A successfully activated program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activated {
    /// The instrumented WASM, ready to run: metered, depth-checked, exporting only
    /// `user_entrypoint`, `memory` and the globals of [`crate::meter`].
    pub instrumented: Vec<u8>,
    /// What ArbOS records about the program.
    pub info: ProgramInfo,
    /// The gas Nitro's `Module::activate` burns for compiling it (`programs/mod.rs`); a caller
    /// with less gas fails activation with "out of gas" and loses all it had.
    pub activation_gas: u64,
}

fn count(len: usize) -> u64 {
    u64::try_from(len).unwrap_or(u64::MAX)
}

fn limit(what: &'static str, count: u64, limit: u64) -> Result<(), ActivationError> {
    if count > limit {
        return Err(ActivationError::TooMany { what, count, limit });
    }
    Ok(())
}

/// Activates `wasm` (already decompressed, see [`crate::code::decode_program`]) as Nitro does
/// under `params`: validation, instrumentation, limits, host linkage, and the recorded costs.
///
/// `params.page_limit` is the number of pages still available: Nitro passes `PageLimit` minus
/// the pages the transaction already has open; `params.debug_mode` allows the `console` imports
/// and start functions. `params.version` must be 1 or 2 (the versions Nitro has a compile
/// configuration for).
///
/// # Errors
/// The [`ActivationError`] naming the first Nitro check the program fails.
pub fn activate(wasm: &[u8], params: &StylusParams) -> Result<Activated, ActivationError> {
    let mut module = UserModule::parse(wasm, params)?;
    let debug = params.debug_mode;

    // StartMover: a start function is refused (debug chains export it as `stylus_start`), and
    // outside debug mode only the entrypoint and the memory stay exported.
    if let Some(start) = module.start.take() {
        if !debug {
            return Err(ActivationError::StartFunction);
        }
        module.export_order.push(START_EXPORT.to_owned());
        module
            .exports
            .insert(START_EXPORT.to_owned(), (ExternalKind::Func, start));
    }
    if !debug {
        module.exports.retain(|name, (kind, _)| {
            (name == ENTRYPOINT && *kind == ExternalKind::Func)
                || (name == MEMORY_EXPORT && *kind == ExternalKind::Memory)
        });
    }

    // Meter, dynamic meter and depth checker globals, after the program's own.
    let first = u32::try_from(module.globals.len()).unwrap_or(u32::MAX);
    let globals = MeterGlobals {
        ink: first,
        status: first.saturating_add(1),
        scratch: first.saturating_add(2),
        stack: first.saturating_add(3),
    };
    let added = [
        (INK_LEFT_GLOBAL, AddedGlobal::I64, globals.ink),
        (INK_STATUS_GLOBAL, AddedGlobal::I32, globals.status),
        (SCRATCH_GLOBAL, AddedGlobal::I32, globals.scratch),
        (STACK_LEFT_GLOBAL, AddedGlobal::I32, globals.stack),
    ];

    // HeapBound: the memory, its bound, and the payment import when it can grow.
    let pay_func = heap_bound(&module)?;

    // Instrument every body.
    let func_types: Vec<&FuncType> = (0..count(module.imports.len())
        .saturating_add(count(module.functions.len())))
        .map(|index| {
            u32::try_from(index)
                .ok()
                .and_then(|index| module.func_type(index))
                .ok_or_else(|| ActivationError::Invalid(format!("missing func @ index {index}")))
        })
        .collect::<Result<_, _>>()?;
    let instrumenter = Instrumenter {
        types: &module.types,
        func_types: &func_types,
        globals,
        pay_func,
    };
    let mut bodies = Vec::with_capacity(module.codes.len());
    for (index, code) in module.codes.iter().enumerate() {
        let func = u32::try_from(index).unwrap_or(u32::MAX);
        bodies.push(instrumenter.instrument(&code.ops, code.local_count, func)?);
    }

    let footprint = module.memories.first().map_or(0, |memory| memory.initial);
    let footprint = u16::try_from(footprint).unwrap_or(u16::MAX);

    check_entrypoint(&module)?;

    // Predicted costs.
    let segments_len: u64 = module
        .datas
        .iter()
        .map(|data| data.range.end.saturating_sub(data.range.start))
        .chain(
            module
                .elements
                .iter()
                .map(|element| element.range.end.saturating_sub(element.range.start)),
        )
        .fold(0, u64::saturating_add);
    let type_len: u64 = module
        .functions
        .iter()
        .filter_map(|ty| module.types.get(usize::try_from(*ty).ok()?))
        .map(|ty| count(ty.params().len().saturating_add(ty.results().len())))
        .fold(0, u64::saturating_add);
    let cost_inputs = CostInputs {
        funcs: count(module.codes.len()),
        globals: count(module.globals.len()).saturating_add(count(added.len())),
        wasm_len: count(wasm.len()),
        segments_len,
        type_len,
        footprint,
    };
    let (init, cached_init, asm_estimate) = info::predict(&cost_inputs, params.version);
    let init_cost = u16::try_from(init).map_err(|_| ActivationError::CostTooHigh("init cost"))?;
    let cached_init_cost =
        u16::try_from(cached_init).map_err(|_| ActivationError::CostTooHigh("cached cost"))?;
    let asm_estimate =
        u32::try_from(asm_estimate).map_err(|_| ActivationError::CostTooHigh("asm estimate"))?;

    check_limits(&module, &bodies, params, added.len())?;

    let activation_gas = info::activation_gas(&ActivationGasInputs {
        wasm_len: params.has_charging_fixes().then(|| count(wasm.len())),
        funcs: count(module.functions.len()),
        data: module
            .datas
            .iter()
            .map(|data| count(data.data.len()))
            .fold(0, u64::saturating_add),
        elems: module
            .elements
            .iter()
            .map(|element| element.range.end.saturating_sub(element.range.start))
            .fold(0, u64::saturating_add),
        pages: module.memories.first().map_or(0, |memory| memory.initial),
        code: bodies
            .iter()
            .map(|body| count(body.len()))
            .fold(0, u64::saturating_add),
    });

    link::check_imports(&module, debug)?;
    link::check_operators(&module)?;
    link::check_segments(&module)?;

    let mut exports: Vec<OutExport> = Vec::new();
    for name in &module.export_order {
        if let Some((kind, index)) = module.exports.get(name) {
            let kind = match kind {
                ExternalKind::Func => ExportKind::Func,
                ExternalKind::Memory => ExportKind::Memory,
                ExternalKind::Table => ExportKind::Table,
                ExternalKind::Global => ExportKind::Global,
                _ => continue,
            };
            exports.push(OutExport {
                name: name.clone(),
                kind,
                index: *index,
            });
        }
    }
    let mut added_globals = Vec::with_capacity(added.len());
    for (name, ty, index) in added {
        exports.push(OutExport {
            name: name.to_owned(),
            kind: ExportKind::Global,
            index,
        });
        added_globals.push(ty);
    }
    let instrumented = encode::encode(&module, &added_globals, &exports, &bodies)?;

    Ok(Activated {
        instrumented,
        info: ProgramInfo {
            version: params.version,
            init_cost,
            cached_init_cost,
            footprint,
            asm_estimate_kb: asm_estimate.div_ceil(1024),
            asm_estimate,
        },
        activation_gas,
    })
}

/// Nitro's `memory_info` and `HeapBound::update_module`: returns the function index of
/// `vm_hooks.pay_for_memory_grow` when the memory can grow.
fn heap_bound(module: &UserModule<'_>) -> Result<Option<u32>, ActivationError> {
    let Some(memory) = module.memories.first() else {
        return Err(ActivationError::MissingMemory);
    };
    if module.memories.len() > 1 {
        return Err(ActivationError::MultipleMemories);
    }
    if module.exports.get(MEMORY_EXPORT) != Some(&(ExternalKind::Memory, 0)) {
        return Err(ActivationError::MissingMemory);
    }
    if memory.initial > HEAP_BOUND_PAGES {
        return Err(ActivationError::HeapBound {
            pages: memory.initial,
            bound: HEAP_BOUND_PAGES,
        });
    }
    if memory.maximum == Some(memory.initial) {
        return Ok(None);
    }
    let Some(position) = module
        .imports
        .iter()
        .position(|import| import.module == VM_HOOKS && import.name == "pay_for_memory_grow")
    else {
        return Err(ActivationError::MissingPayForMemoryGrow);
    };
    let index = u32::try_from(position).unwrap_or(u32::MAX);
    let ty = module.func_type(index);
    if !ty.is_some_and(|ty| ty.params() == [ValType::I32] && ty.results().is_empty()) {
        let have = ty.map_or_else(String::new, |ty| {
            link::render_signature(ty.params(), ty.results())
        });
        return Err(ActivationError::ImportSignature {
            module: VM_HOOKS.to_owned(),
            name: "pay_for_memory_grow".to_owned(),
            expected: link::render_signature(&[ValType::I32], &[]),
            have,
        });
    }
    Ok(Some(index))
}

/// `check_func(STYLUS_ENTRY_POINT, (i32) -> i32)`.
fn check_entrypoint(module: &UserModule<'_>) -> Result<(), ActivationError> {
    let Some((kind, index)) = module.exports.get(ENTRYPOINT) else {
        return Err(ActivationError::MissingEntrypoint);
    };
    if *kind != ExternalKind::Func {
        return Err(ActivationError::EntrypointNotFunction(format!("{kind:?}")));
    }
    match module.func_type(*index) {
        Some(ty) if link::is_entrypoint_type(ty) => Ok(()),
        Some(ty) => Err(ActivationError::EntrypointType(link::render_signature(
            ty.params(),
            ty.results(),
        ))),
        None => Err(ActivationError::MissingEntrypoint),
    }
}

/// The page limit and Nitro's anti-DoS limits (`binary.rs`, `parse_user`).
fn check_limits(
    module: &UserModule<'_>,
    bodies: &[Vec<wasmparser::Operator<'_>>],
    params: &StylusParams,
    added_globals: usize,
) -> Result<(), ActivationError> {
    let pages = module.memories.first().map_or(0, |memory| memory.initial);
    if pages > u64::from(params.page_limit) {
        return Err(ActivationError::PageLimit {
            pages,
            limit: params.page_limit,
        });
    }
    limit("memories", count(module.memories.len()), 1)?;
    limit("datas", count(module.datas.len()), 128)?;
    limit("elements", count(module.elements.len()), 128)?;
    // The exports include the globals the instrumentation adds.
    let exports = count(module.exports.len()).saturating_add(count(added_globals));
    limit("exports", exports, 1024)?;
    limit("functions", count(module.codes.len()), 4096)?;
    let globals = count(module.globals.len()).saturating_add(count(added_globals));
    limit("globals", globals, 32768)?;
    for (code, body) in module.codes.iter().zip(bodies) {
        limit("locals", code.local_count, 348)?;
        limit("opcodes in func body", count(body.len()), 65536)?;
    }
    if params.has_charging_fixes() {
        limit("imports", count(module.imports.len()), 513)?;
    }
    let table_entries = module
        .tables
        .iter()
        .map(|table| table.initial)
        .fold(0, u64::saturating_add);
    limit("table entries", table_entries, 4096)?;
    let elem_entries = module
        .elements
        .iter()
        .map(|element| element.range.end.saturating_sub(element.range.start))
        .fold(0, u64::saturating_add);
    limit("element entries", elem_entries, 4096)?;

    if let Some(name) = module.exports.keys().find(|name| name.len() > MAX_NAME_LEN) {
        return Err(ActivationError::NameTooLong {
            what: "name",
            len: name.len(),
        });
    }
    if module.module_name.len() > MAX_NAME_LEN {
        return Err(ActivationError::NameTooLong {
            what: "module name",
            len: module.module_name.len(),
        });
    }
    Ok(())
}
