//! Helpers shared by the integration tests: WAT programs and a wasmi harness for instrumented
//! modules.

#![allow(dead_code, unreachable_pub, reason = "each test binary uses a subset")]
#![allow(clippy::expect_used, reason = "test helpers fail loudly")]

use stylus_program::{
    Activated, ActivationError, StylusParams, activate,
    meter::{INK_LEFT_GLOBAL, INK_STATUS_GLOBAL, STACK_LEFT_GLOBAL},
};
use wasmi::{Caller, Engine, Linker, Module, Store, Val};

/// The imports, memory and entrypoint wrapper every test program shares; `body` is the
/// entrypoint's body (it gets `(param i32) (result i32)`), `extra` more module fields.
pub fn program(body: &str, extra: &str) -> String {
    format!(
        r#"(module
            (import "vm_hooks" "pay_for_memory_grow" (func $pay (param i32)))
            {extra}
            (memory (export "memory") 1)
            (func (export "user_entrypoint") (param i32) (result i32)
                {body}))"#
    )
}

/// Parses WAT into WASM.
pub fn wasm(wat: &str) -> Vec<u8> {
    wat::parse_str(wat).expect("valid wat")
}

/// Activates a WAT program with the default parameters.
pub fn activate_wat(wat: &str) -> Result<Activated, ActivationError> {
    activate(&wasm(wat), &StylusParams::default())
}

/// Activates a WAT program that must be rejected and returns the error.
pub fn reject(wat: &str) -> ActivationError {
    match activate_wat(wat) {
        Ok(_) => panic!("program was accepted:\n{wat}"),
        Err(err) => err,
    }
}

/// What a metered run ended with.
#[derive(Debug, PartialEq, Eq)]
pub struct Run {
    /// The entrypoint's result, or `None` if it trapped.
    pub result: Option<i32>,
    /// Ink left afterwards.
    pub ink_left: u64,
    /// Ink status afterwards.
    pub ink_status: i32,
    /// Stack left afterwards.
    pub stack_left: i32,
    /// Page counts passed to `pay_for_memory_grow`.
    pub grown: Vec<i32>,
}

/// Runs the instrumented module's entrypoint with `arg`, `ink` and `stack` under wasmi.
pub fn run(instrumented: &[u8], arg: i32, ink: u64, stack: i32) -> Run {
    let engine = Engine::default();
    let module = Module::new(&engine, instrumented).expect("wasmi accepts the module");
    let mut store = Store::new(&engine, Vec::<i32>::new());
    let mut linker = Linker::<Vec<i32>>::new(&engine);
    linker
        .func_wrap(
            "vm_hooks",
            "pay_for_memory_grow",
            |mut caller: Caller<'_, Vec<i32>>, pages: i32| caller.data_mut().push(pages),
        )
        .expect("link");
    let instance = linker
        .instantiate_and_start(&mut store, &module)
        .expect("instantiate");
    let global = |store: &Store<Vec<i32>>, name: &str| {
        instance
            .get_global(store, name)
            .unwrap_or_else(|| panic!("missing global {name}"))
    };
    let ink_bits = i64::from_ne_bytes(ink.to_ne_bytes());
    global(&store, INK_LEFT_GLOBAL)
        .set(&mut store, Val::I64(ink_bits))
        .expect("set ink");
    global(&store, STACK_LEFT_GLOBAL)
        .set(&mut store, Val::I32(stack))
        .expect("set stack");
    let entry = instance
        .get_typed_func::<i32, i32>(&store, "user_entrypoint")
        .expect("entrypoint");
    let result = entry.call(&mut store, arg).ok();
    let Val::I64(ink_left) = global(&store, INK_LEFT_GLOBAL).get(&store) else {
        panic!("ink global is not i64")
    };
    let Val::I32(ink_status) = global(&store, INK_STATUS_GLOBAL).get(&store) else {
        panic!("status global is not i32")
    };
    let Val::I32(stack_left) = global(&store, STACK_LEFT_GLOBAL).get(&store) else {
        panic!("stack global is not i32")
    };
    Run {
        result,
        ink_left: u64::from_ne_bytes(ink_left.to_ne_bytes()),
        ink_status,
        stack_left,
        grown: store.data().clone(),
    }
}
