//! Activation: every rejection reason with a small program, accepted programs, and the
//! recorded costs computed by hand from Nitro's formulas.

#![allow(
    clippy::arithmetic_side_effects,
    reason = "test arithmetic on small known values"
)]

mod common;

use common::{activate_wat, program, reject, wasm};
use stylus_program::{
    ActivationError, StylusParams, activate,
    hostio::{CONSOLE_TABLE, VM_HOOKS_TABLE, hostio_signature},
    meter::{INK_LEFT_GLOBAL, INK_STATUS_GLOBAL, SCRATCH_GLOBAL, STACK_LEFT_GLOBAL},
};
use wasmparser::{Parser, Payload, ValType, Validator};

#[test]
fn accepts_a_minimal_program() {
    let activated = activate_wat(&program("local.get 0", "")).expect("accepted");
    assert_eq!(activated.info.version, 2);
    assert_eq!(activated.info.footprint, 1);
    Validator::new()
        .validate_all(&activated.instrumented)
        .expect("instrumented module validates");
}

#[test]
fn instrumented_exports_are_entrypoint_memory_and_the_four_globals() {
    let extra = r#"(func (export "helper") (result i32) i32.const 1)"#;
    let activated = activate_wat(&program("local.get 0", extra)).expect("accepted");
    let mut names = Vec::new();
    for payload in Parser::new(0).parse_all(&activated.instrumented) {
        if let Payload::ExportSection(reader) = payload.expect("parses") {
            for export in reader {
                names.push(export.expect("export").name.to_owned());
            }
        }
    }
    assert_eq!(
        names,
        [
            "memory",
            "user_entrypoint",
            INK_LEFT_GLOBAL,
            INK_STATUS_GLOBAL,
            SCRATCH_GLOBAL,
            STACK_LEFT_GLOBAL
        ]
    );
}

#[test]
fn accepts_every_hostio_with_its_signature() {
    let mut imports = String::new();
    for (index, hostio) in VM_HOOKS_TABLE.iter().enumerate() {
        let params: Vec<String> = hostio.params.iter().map(ToString::to_string).collect();
        let results: Vec<String> = hostio.results.iter().map(ToString::to_string).collect();
        imports.push_str(&format!(
            r#"(import "vm_hooks" "{}" (func $h{index} (param {}) (result {})))"#,
            hostio.name,
            params.join(" "),
            results.join(" ")
        ));
    }
    let wat = format!(
        r#"(module {imports}
            (memory (export "memory") 1 1)
            (func (export "user_entrypoint") (param i32) (result i32) local.get 0))"#
    );
    activate_wat(&wat).expect("every hostio is accepted");
}

#[test]
fn hostio_table_is_nitros() {
    assert_eq!(VM_HOOKS_TABLE.len(), 42);
    assert_eq!(
        hostio_signature("call_contract"),
        Some((
            &[
                ValType::I32,
                ValType::I32,
                ValType::I32,
                ValType::I32,
                ValType::I64,
                ValType::I32
            ][..],
            &[ValType::I32][..]
        ))
    );
    assert_eq!(
        hostio_signature("evm_gas_left"),
        Some((&[][..], &[ValType::I64][..]))
    );
    assert_eq!(hostio_signature("delegate_call"), None);
    assert!(CONSOLE_TABLE.iter().all(|hostio| hostio.debug));
}

#[test]
fn rejects_an_unknown_import_module() {
    let wat = program(
        "local.get 0",
        r#"(import "env" "read_args" (func (param i32)))"#,
    );
    assert!(matches!(
        reject(&wat),
        ActivationError::NoSuchImport { module, .. } if module == "env"
    ));
}

#[test]
fn rejects_an_unknown_hostio() {
    let wat = program(
        "local.get 0",
        r#"(import "vm_hooks" "self_destruct" (func))"#,
    );
    let err = reject(&wat);
    assert_eq!(err.to_string(), "No such import self_destruct in vm_hooks");
}

#[test]
fn rejects_a_wrong_hostio_signature() {
    let wat = program(
        "local.get 0",
        r#"(import "vm_hooks" "read_args" (func (param i64)))"#,
    );
    let err = reject(&wat);
    assert!(
        matches!(&err, ActivationError::ImportSignature { name, .. } if name == "read_args"),
        "{err}"
    );
    assert!(err.to_string().contains("expected (i32) -> ()"), "{err}");
}

#[test]
fn rejects_console_outside_debug_mode_and_accepts_it_in_debug_mode() {
    let wat = program(
        "local.get 0",
        r#"(import "console" "log_i32" (func (param i32)))"#,
    );
    assert!(matches!(reject(&wat), ActivationError::DebugImport { .. }));
    let debug = StylusParams {
        debug_mode: true,
        ..StylusParams::default()
    };
    activate(&wasm(&wat), &debug).expect("debug chains allow console");
}

#[test]
fn rejects_non_function_imports() {
    let wat = r#"(module
        (import "vm_hooks" "g" (global i32))
        (memory (export "memory") 1 1)
        (func (export "user_entrypoint") (param i32) (result i32) local.get 0))"#;
    assert!(matches!(
        reject(wat),
        ActivationError::UnsupportedImportKind(_)
    ));
}

#[test]
fn rejects_inconsistent_imports() {
    let wat = program(
        "local.get 0",
        r#"(import "vm_hooks" "read_args" (func (param i32)))
           (import "vm_hooks" "read_args" (func (param i64)))"#,
    );
    assert!(matches!(
        reject(&wat),
        ActivationError::InconsistentImports { .. }
    ));
}

#[test]
fn rejects_reserved_and_reexported_names() {
    let reserved = program(
        "local.get 0",
        r#"(func (export "stylus_thing") (result i32) i32.const 0)"#,
    );
    assert!(matches!(
        reject(&reserved),
        ActivationError::ExportsReserved(name) if name == "stylus_thing"
    ));
    let reexport = program(
        "local.get 0",
        r#"(export "pay_for_memory_grow" (func $pay))"#,
    );
    assert!(matches!(
        reject(&reexport),
        ActivationError::ExportsImport(name) if name == "pay_for_memory_grow"
    ));
}

#[test]
fn rejects_float_arithmetic() {
    let wat = program("f32.const 1.5 f32.const 2.5 f32.add i32.trunc_f32_s", "");
    let err = reject(&wat);
    assert!(matches!(err, ActivationError::FloatingPoint(_)), "{err}");
    assert!(
        err.to_string()
            .starts_with("No implementation for floating point operation F32Add")
    );
}

#[test]
fn accepts_float_constants_but_their_block_can_never_be_paid() {
    // Nitro translates f32.const and reinterpretations natively; the meter prices them at
    // u64::MAX, so the block traps whatever the ink.
    let wat = program("f32.const 1.5 i32.reinterpret_f32", "");
    let activated = activate_wat(&wat).expect("accepted");
    let run = common::run(&activated.instrumented, 0, u64::MAX - 1, 22_000);
    assert_eq!(run.result, None);
    assert_eq!(run.ink_status, 1);
}

#[test]
fn rejects_missing_entrypoint_and_wrong_entrypoint_type() {
    let missing = r#"(module
        (import "vm_hooks" "pay_for_memory_grow" (func (param i32)))
        (memory (export "memory") 1)
        (func (export "main") (param i32) (result i32) local.get 0))"#;
    assert_eq!(reject(missing), ActivationError::MissingEntrypoint);
    let wrong = r#"(module
        (memory (export "memory") 1 1)
        (func (export "user_entrypoint") (param i64) (result i32) i32.const 0))"#;
    let err = reject(wrong);
    assert_eq!(
        err.to_string(),
        "wrong type for user_entrypoint: (i64) -> (i32)"
    );
}

#[test]
fn rejects_missing_memory_export() {
    let no_memory = r#"(module
        (func (export "user_entrypoint") (param i32) (result i32) local.get 0))"#;
    assert_eq!(reject(no_memory), ActivationError::MissingMemory);
    let not_exported = r#"(module
        (memory 1 1)
        (func (export "user_entrypoint") (param i32) (result i32) local.get 0))"#;
    assert_eq!(reject(not_exported), ActivationError::MissingMemory);
}

#[test]
fn rejects_growable_memory_without_pay_for_memory_grow() {
    let wat = r#"(module
        (memory (export "memory") 1)
        (func (export "user_entrypoint") (param i32) (result i32) local.get 0))"#;
    assert_eq!(reject(wat), ActivationError::MissingPayForMemoryGrow);
}

#[test]
fn rejects_start_functions() {
    let wat = program("local.get 0", "(func $init) (start $init)");
    assert_eq!(reject(&wat), ActivationError::StartFunction);
    assert_eq!(
        ActivationError::StartFunction.to_string(),
        "start functions not allowed"
    );
}

#[test]
fn rejects_too_many_pages() {
    // Above the compile-time heap bound of 128 pages.
    let wat = r#"(module
        (memory (export "memory") 129 129)
        (func (export "user_entrypoint") (param i32) (result i32) local.get 0))"#;
    assert_eq!(
        reject(wat),
        ActivationError::HeapBound {
            pages: 129,
            bound: 128
        }
    );
    // Above the pages still available in the transaction.
    let wat = r#"(module
        (memory (export "memory") 10 10)
        (func (export "user_entrypoint") (param i32) (result i32) local.get 0))"#;
    let params = StylusParams {
        page_limit: 9,
        ..StylusParams::default()
    };
    let err = activate(&wasm(wat), &params).expect_err("rejected");
    assert_eq!(err.to_string(), "memory exceeds limit: 10 > 9");
}

#[test]
fn rejects_multi_value_from_arbos_60_only() {
    let wat = program(
        "call $pair drop",
        "(func $pair (result i32 i32) i32.const 1 i32.const 2)",
    );
    let arbos_60 = StylusParams::for_arbos_version(60);
    assert!(matches!(
        activate(&wasm(&wat), &arbos_60),
        Err(ActivationError::Invalid(_))
    ));
    let arbos_51 = StylusParams::for_arbos_version(51);
    activate(&wasm(&wat), &arbos_51).expect("multi-value allowed before ArbOS 60");
    activate(&wasm(&wat), &StylusParams::default()).expect("the default is ArbOS 50");
}

#[test]
fn rejects_reference_types_simd_and_threads() {
    let reference = program("ref.null func ref.is_null", "");
    assert!(matches!(
        activate(
            &wat::parse_str(&reference).expect("wat"),
            &StylusParams::default()
        ),
        Err(ActivationError::Invalid(_))
    ));
    let simd = program("v128.const i32x4 0 0 0 0 i32x4.extract_lane 0", "");
    assert!(matches!(reject(&simd), ActivationError::Invalid(_)));
    let atomics = program("i32.const 0 i32.atomic.load", "");
    assert!(matches!(reject(&atomics), ActivationError::Invalid(_)));
}

#[test]
fn rejects_bulk_memory_init() {
    let wat = program(
        "i32.const 0 i32.const 0 i32.const 1 memory.init $d local.get 0",
        r#"(data $d "x")"#,
    );
    let err = reject(&wat);
    // The data-count section memory.init needs is itself refused first.
    assert!(
        matches!(
            err,
            ActivationError::UnsupportedSection(_) | ActivationError::UnsupportedOpcode(_)
        ),
        "{err}"
    );
}

#[test]
fn rejects_too_many_functions() {
    let funcs = "(func)".repeat(4097);
    let err = reject(&program("local.get 0", &funcs));
    assert_eq!(err.to_string(), "too many wasm functions: 4098 > 4096");
}

#[test]
fn rejects_too_many_locals() {
    let locals = "(local i32)".repeat(349);
    let wat = program("local.get 0", &format!("(func {locals})"));
    let err = reject(&wat);
    assert_eq!(err.to_string(), "too many wasm locals: 349 > 348");
}

#[test]
fn rejects_oversized_frames() {
    let locals = format!("(local {})", "i64 ".repeat(10_300));
    let wat = program("local.get 0", &format!("(func {locals})"));
    assert!(matches!(
        reject(&wat),
        ActivationError::FrameTooLarge { .. } | ActivationError::TooMany { .. }
    ));
}

#[test]
fn rejects_out_of_bounds_data() {
    let wat = program("local.get 0", r#"(data (i32.const 65535) "ab")"#);
    assert!(matches!(
        reject(&wat),
        ActivationError::DataOutOfBounds {
            offset: 65535,
            len: 2
        }
    ));
}

#[test]
fn rejects_data_count_sections() {
    // A data-count section (emitted with passive segments and bulk memory) is a section type
    // Nitro's parser does not accept.
    let wat = program(
        "local.get 0",
        r#"(data $p "x") (func i32.const 0 i32.const 0 i32.const 1 memory.init $p)"#,
    );
    assert!(matches!(
        reject(&wat),
        ActivationError::UnsupportedSection(_)
    ));
}

#[test]
fn costs_match_nitros_formulas() {
    let wat = program("local.get 0", "");
    let bytes = wasm(&wat);
    let activated = activate(&bytes, &StylusParams::default()).expect("accepted");
    let wasm_len = bytes.len() as u64;
    // funcs = 1, type_len = 2 (one param, one result), globals = 0 + 4 added, no segments,
    // footprint = 1 page.
    // asm = 512000 + 1·996829/1000 + 2·11416/1000 + len·62628/10000
    let asm = 512_000 + 996 + 22 + wasm_len * 62_628 / 10_000;
    // cached = 1·13420/100000 + 2·89/100000 + len·122/100000 + 4·1628/1000 + 0 + 1·5
    let cached = wasm_len * 122 / 100_000 + 6 + 5;
    // init (version 2) = 1·8252/1000 + 2·1059/1000 + len·1286/10000
    let init = 8 + 2 + wasm_len * 1286 / 10_000;
    let info = activated.info;
    assert_eq!(u64::from(info.asm_estimate), asm);
    assert_eq!(u64::from(info.asm_estimate_kb), asm.div_ceil(1024));
    assert_eq!(u64::from(info.cached_init_cost), cached);
    assert_eq!(u64::from(info.init_cost), init);
    assert_eq!(info.footprint, 1);
}

#[test]
fn version_1_folds_cached_cost_into_init_cost() {
    let bytes = wasm(&program("local.get 0", ""));
    let v1 = StylusParams {
        version: 1,
        ..StylusParams::default()
    };
    let one = activate(&bytes, &v1).expect("accepted").info;
    let two = activate(&bytes, &StylusParams::default())
        .expect("accepted")
        .info;
    assert_eq!(one.init_cost, two.init_cost + two.cached_init_cost);
    assert_eq!(one.cached_init_cost, two.cached_init_cost);
}

#[test]
fn activation_gas_matches_nitros_formula() {
    let wat = program("local.get 0", r#"(data (i32.const 0) "hello")"#);
    let bytes = wasm(&wat);
    let activated = activate(&bytes, &StylusParams::default()).expect("accepted");
    let gas = |us: u64| us * 14_000_000 / 500_000;
    // Instrumented entrypoint body: meter header (12) + local.get + end, depth prologue (12),
    // reclaim (4) + the added return, i.e. 12 + 1 + 12 + 4 + 1 + 1 = 31 operators.
    let code = 31;
    let expected = gas(bytes.len() as u64 * 31_733 / 100_000)
        + gas(17_263 / 100_000)
        + gas(5 * 17_376 / 100_000)
        + gas(0)
        + gas(2217)
        + gas(code * 535 / 1000);
    assert_eq!(activated.activation_gas, expected);
}
