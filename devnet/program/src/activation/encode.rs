//! Writing the instrumented module: the program's sections copied unchanged where the
//! instrumentation does not touch them, the globals with the four added ones, the kept exports
//! plus the added globals, and the instrumented bodies. Custom sections are dropped (Nitro drops
//! names outside debug mode).

use wasm_encoder::{
    CodeSection, ConstExpr, ExportKind, ExportSection, Function, GlobalSection, GlobalType, Module,
    RawSection, ValType,
    reencode::{Reencode, RoundtripReencoder},
};
use wasmparser::Operator;

use super::{ActivationError, module::UserModule};

/// An export of the instrumented module.
pub(crate) struct OutExport {
    /// Name.
    pub(crate) name: String,
    /// Kind.
    pub(crate) kind: ExportKind,
    /// Index.
    pub(crate) index: u32,
}

/// A global the instrumentation adds: its type (always mutable, zero-initialised).
pub(crate) enum AddedGlobal {
    /// An i32.
    I32,
    /// An i64.
    I64,
}

fn encode_error(err: impl std::fmt::Display) -> ActivationError {
    ActivationError::Encode(err.to_string())
}

/// Encodes the instrumented module.
pub(crate) fn encode(
    module: &UserModule<'_>,
    added_globals: &[AddedGlobal],
    exports: &[OutExport],
    bodies: &[Vec<Operator<'_>>],
) -> Result<Vec<u8>, ActivationError> {
    let mut re = RoundtripReencoder;
    let mut out = Module::new();
    let raw = |out: &mut Module, id: u8| {
        for (section, range) in &module.raw_sections {
            let start = usize::try_from(range.start).unwrap_or(usize::MAX);
            let end = usize::try_from(range.end).unwrap_or(usize::MAX);
            if *section == id
                && let Some(data) = module.wasm.get(start..end)
            {
                out.section(&RawSection { id, data });
            }
        }
    };

    for id in [1, 2, 3, 4, 5] {
        raw(&mut out, id);
    }

    let mut globals = GlobalSection::new();
    for global in &module.globals {
        let ty = re.global_type(global.ty).map_err(encode_error)?;
        let init = re
            .const_expr(global.init_expr.clone())
            .map_err(encode_error)?;
        globals.global(ty, &init);
    }
    for added in added_globals {
        let (val_type, init) = match added {
            AddedGlobal::I32 => (ValType::I32, ConstExpr::i32_const(0)),
            AddedGlobal::I64 => (ValType::I64, ConstExpr::i64_const(0)),
        };
        let ty = GlobalType {
            val_type,
            mutable: true,
            shared: false,
        };
        globals.global(ty, &init);
    }
    out.section(&globals);

    let mut export_section = ExportSection::new();
    for export in exports {
        export_section.export(&export.name, export.kind, export.index);
    }
    out.section(&export_section);

    raw(&mut out, 9);

    let mut code = CodeSection::new();
    for (body, ops) in module.codes.iter().zip(bodies) {
        let locals = body
            .locals
            .iter()
            .map(|(count, ty)| Ok((*count, re.val_type(*ty)?)))
            .collect::<Result<Vec<_>, wasm_encoder::reencode::Error>>()
            .map_err(encode_error)?;
        let mut function = Function::new(locals);
        for op in ops {
            let instruction = re.instruction(op.clone()).map_err(encode_error)?;
            function.instruction(&instruction);
        }
        code.function(&function);
    }
    out.section(&code);

    raw(&mut out, 11);
    Ok(out.finish())
}
