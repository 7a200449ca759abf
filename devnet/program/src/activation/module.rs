//! Parsing a user WASM the way Nitro's `binary::parse_with_version` does: validation with
//! Nitro's WASM features, then the section-level checks (imports, exports, reserved names).

use std::{
    collections::{HashMap, HashSet},
    ops::Range,
};

use wasmparser::{
    BinaryReader, Data, Element, ExternalKind, FuncType, Global, Imports, MemoryType, Name,
    NameSectionReader, Operator, Parser, Payload, TableType, TypeRef, ValType, Validator,
    WasmFeatures,
};

use super::ActivationError;
use crate::params::StylusParams;

/// A function import.
#[derive(Clone, Debug)]
pub(crate) struct FuncImport<'a> {
    /// Import module.
    pub(crate) module: &'a str,
    /// Import name.
    pub(crate) name: &'a str,
    /// Type index.
    pub(crate) ty: u32,
}

/// A function body: its declared locals and its operators (ending with the final `end`).
#[derive(Clone, Debug)]
pub(crate) struct Code<'a> {
    /// Local declarations as written (count, type).
    pub(crate) locals: Vec<(u32, ValType)>,
    /// Number of declared locals (parameters excluded).
    pub(crate) local_count: u64,
    /// The operators.
    pub(crate) ops: Vec<Operator<'a>>,
}

/// A parsed user module.
#[derive(Clone, Default)]
pub(crate) struct UserModule<'a> {
    /// The WASM bytes.
    pub(crate) wasm: &'a [u8],
    /// The type section.
    pub(crate) types: Vec<FuncType>,
    /// Function imports.
    pub(crate) imports: Vec<FuncImport<'a>>,
    /// Type index of each local function.
    pub(crate) functions: Vec<u32>,
    /// Tables.
    pub(crate) tables: Vec<TableType>,
    /// Memories.
    pub(crate) memories: Vec<MemoryType>,
    /// Globals.
    pub(crate) globals: Vec<Global<'a>>,
    /// Exports: name → (kind, index). Validation guarantees unique names.
    pub(crate) exports: HashMap<String, (ExternalKind, u32)>,
    /// Export names in their original order (for a deterministic output).
    pub(crate) export_order: Vec<String>,
    /// The start function.
    pub(crate) start: Option<u32>,
    /// Element segments.
    pub(crate) elements: Vec<Element<'a>>,
    /// Function bodies.
    pub(crate) codes: Vec<Code<'a>>,
    /// Data segments.
    pub(crate) datas: Vec<Data<'a>>,
    /// The module name from the `name` section.
    pub(crate) module_name: String,
    /// Raw contents of the sections copied unchanged: (section id, byte range).
    pub(crate) raw_sections: Vec<(u8, Range<u64>)>,
}

/// The WASM features Nitro enables (`binary.rs`, `parse_with_version`).
pub(crate) fn nitro_features(params: &StylusParams) -> WasmFeatures {
    let mut features = WasmFeatures::empty();
    features.set(WasmFeatures::MUTABLE_GLOBAL, true);
    features.set(WasmFeatures::SATURATING_FLOAT_TO_INT, true);
    features.set(WasmFeatures::SIGN_EXTENSION, true);
    features.set(WasmFeatures::MULTI_VALUE, !params.rejects_multi_value());
    features.set(WasmFeatures::BULK_MEMORY, true);
    features.set(WasmFeatures::FLOATS, true);
    features.set(WasmFeatures::GC_TYPES, true);
    features
}

fn invalid(err: impl ToString) -> ActivationError {
    ActivationError::Invalid(err.to_string())
}

impl<'a> UserModule<'a> {
    /// Validates and parses `wasm`, then applies Nitro's module-level checks.
    pub(crate) fn parse(wasm: &'a [u8], params: &StylusParams) -> Result<Self, ActivationError> {
        Validator::new_with_features(nitro_features(params))
            .validate_all(wasm)
            .map_err(invalid)?;

        let mut module = UserModule {
            wasm,
            ..Default::default()
        };
        for payload in Parser::new(0).parse_all(wasm) {
            module.take(payload.map_err(invalid)?)?;
        }
        module.check_symbols()?;
        Ok(module)
    }

    fn keep_raw(&mut self, id: u8, range: Range<u64>) {
        self.raw_sections.push((id, range));
    }

    fn take(&mut self, payload: Payload<'a>) -> Result<(), ActivationError> {
        match payload {
            Payload::Version { .. } | Payload::End(_) | Payload::CodeSectionStart { .. } => {}
            Payload::TypeSection(reader) => {
                self.keep_raw(1, reader.range());
                for ty in reader.into_iter_err_on_gc_types() {
                    self.types.push(ty.map_err(invalid)?);
                }
            }
            Payload::ImportSection(reader) => {
                self.keep_raw(2, reader.range());
                for group in reader {
                    let group = group.map_err(invalid)?;
                    let Imports::Single(_, import) = group else {
                        return Err(ActivationError::UnsupportedImportKind(format!("{group:?}")));
                    };
                    let TypeRef::Func(ty) = import.ty else {
                        return Err(ActivationError::UnsupportedImportKind(format!(
                            "{import:?}"
                        )));
                    };
                    self.imports.push(FuncImport {
                        module: import.module,
                        name: import.name,
                        ty,
                    });
                }
            }
            Payload::FunctionSection(reader) => {
                self.keep_raw(3, reader.range());
                for ty in reader {
                    self.functions.push(ty.map_err(invalid)?);
                }
            }
            Payload::TableSection(reader) => {
                self.keep_raw(4, reader.range());
                for table in reader {
                    self.tables.push(table.map_err(invalid)?.ty);
                }
            }
            Payload::MemorySection(reader) => {
                self.keep_raw(5, reader.range());
                for memory in reader {
                    self.memories.push(memory.map_err(invalid)?);
                }
            }
            Payload::GlobalSection(reader) => {
                for global in reader {
                    let global = global.map_err(invalid)?;
                    let mut init = global.init_expr.get_operators_reader();
                    let first = init.read().map_err(invalid)?;
                    let second = init.read().map_err(invalid)?;
                    let constant = matches!(
                        first,
                        Operator::I32Const { .. }
                            | Operator::I64Const { .. }
                            | Operator::F32Const { .. }
                            | Operator::F64Const { .. }
                    );
                    if !constant || !matches!(second, Operator::End) || !init.eof() {
                        return Err(ActivationError::NonConstantGlobal);
                    }
                    self.globals.push(global);
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(invalid)?;
                    let name = export.name.to_owned();
                    self.export_order.push(name.clone());
                    self.exports.insert(name, (export.kind, export.index));
                }
            }
            Payload::StartSection { func, .. } => self.start = Some(func),
            Payload::ElementSection(reader) => {
                self.keep_raw(9, reader.range());
                for element in reader {
                    self.elements.push(element.map_err(invalid)?);
                }
            }
            Payload::DataSection(reader) => {
                self.keep_raw(11, reader.range());
                for data in reader {
                    self.datas.push(data.map_err(invalid)?);
                }
            }
            Payload::CodeSectionEntry(body) => {
                let mut locals = Vec::new();
                let mut local_count: u64 = 0;
                for local in body.get_locals_reader().map_err(invalid)? {
                    let (count, ty) = local.map_err(invalid)?;
                    local_count = local_count.saturating_add(count.into());
                    locals.push((count, ty));
                }
                let mut reader = body.get_operators_reader().map_err(invalid)?;
                let mut ops = Vec::new();
                while !reader.eof() {
                    ops.push(reader.read().map_err(invalid)?);
                }
                self.codes.push(Code {
                    locals,
                    local_count,
                    ops,
                });
            }
            Payload::CustomSection(reader) => {
                if reader.name() == "name" {
                    self.read_names(reader.data(), reader.data_offset());
                }
            }
            Payload::UnknownSection { id, .. } => {
                return Err(ActivationError::UnsupportedSection(format!("{id}")));
            }
            other => {
                return Err(ActivationError::UnsupportedSection(format!("{other:?}")));
            }
        }
        Ok(())
    }

    /// Reads the module name; like Nitro, a malformed name section is an error only for the
    /// entries it reads, and this reads leniently (the name only feeds a length limit).
    fn read_names(&mut self, data: &'a [u8], offset: u64) {
        let reader = NameSectionReader::new(BinaryReader::new(data, offset));
        for name in reader.into_iter().map_while(Result::ok) {
            if let Name::Module { name, .. } = name {
                self.module_name = name.to_owned();
            }
        }
    }

    /// Nitro's checks on imports and exports after parsing.
    fn check_symbols(&self) -> Result<(), ActivationError> {
        let mut seen: HashMap<(&str, &str), u32> = HashMap::new();
        for import in &self.imports {
            if let Some(prior) = seen.insert((import.module, import.name), import.ty)
                && prior != import.ty
            {
                return Err(ActivationError::InconsistentImports {
                    module: import.module.to_owned(),
                    name: import.name.to_owned(),
                });
            }
        }

        // An export "a__b" counts as the symbol "b" (Nitro keeps the last "__" component).
        let symbols: HashSet<&str> = self
            .exports
            .keys()
            .filter_map(|name| name.rsplit("__").next())
            .collect();
        for import in &self.imports {
            if symbols.contains(import.name) {
                return Err(ActivationError::ExportsImport(import.name.to_owned()));
            }
        }
        let reserved = |name: &&str| name.starts_with("stylus");
        let mut reserved_exports: Vec<&str> = symbols.iter().copied().filter(reserved).collect();
        reserved_exports.sort_unstable();
        if let Some(name) = reserved_exports.first() {
            return Err(ActivationError::ExportsReserved((*name).to_owned()));
        }
        if let Some(import) = self.imports.iter().find(|import| reserved(&import.name)) {
            return Err(ActivationError::ImportsReserved(import.name.to_owned()));
        }
        Ok(())
    }

    /// The type of function `index` (imports first, then local functions).
    pub(crate) fn func_type(&self, index: u32) -> Option<&FuncType> {
        let index = usize::try_from(index).ok()?;
        let ty = match self.imports.get(index) {
            Some(import) => import.ty,
            None => *self.functions.get(index.checked_sub(self.imports.len())?)?,
        };
        self.types.get(usize::try_from(ty).ok()?)
    }
}
