//! Where each field of a program's root storage lives: the placement rules of stylus-sdk
//! 0.10.10, flattened into one entry per field, map value and array element.
//!
//! The rules, from the SDK's sources:
//! - a `#[storage]` struct (stylus-proc `macros/storage.rs`, `StorageField::init` and
//!   `size`) places its fields in order, each taking `SLOT_BYTES` from the low-order end of
//!   what is left of the current word (the SDK's offset is where the value starts in the
//!   big-endian word, `32 - SLOT_BYTES` for the first field; the layout file gives solc's
//!   offset, from the low-order end, instead) (a field that does not fit starts the next word); a field with
//!   `REQUIRED_SLOTS > 0` takes that many whole words and the next field starts a new word.
//!   The struct itself is `SLOT_BYTES = 32` and as many words as that uses (at least one);
//! - leaves (stylus-sdk `storage/mod.rs`): `StorageUint<B, _>` and `StorageSigned<B, _>`
//!   take `B / 8` bytes, `StorageFixedBytes<N>` `N`, `StorageBool` 1, `StorageAddress` 20,
//!   `StorageBlockNumber` 8, `StorageBlockHash` 32; all with `REQUIRED_SLOTS = 0`;
//! - `StorageMap<K, V>` (`storage/map.rs`) is one word of its own, holding nothing; the value
//!   of key `k` lives at `keccak256(k . slot)`, at offset `32 - V::SLOT_BYTES`;
//! - `StorageArray<T, N>` (`storage/array.rs`) packs `32 / T::SLOT_BYTES` elements per word,
//!   element `i` at `slot + max(T::REQUIRED_SLOTS, 1) * i / density`, offset
//!   `32 - T::SLOT_BYTES * (1 + i % density)`; it takes `max(N * REQUIRED_SLOTS, ceil(N /
//!   density))` words;
//! - `StorageString` and `StorageBytes` are one word (long contents at `keccak256(slot)`);
//! - `PhantomData<T>` takes nothing (`SLOT_BYTES = REQUIRED_SLOTS = 0`) and has no entry: a
//!   field that exists only in some builds has a type alias that is `PhantomData` in the
//!   others (the SDK's `#[storage]` does not honour `#[cfg]` on fields).

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};
use syn::{GenericArgument, PathArguments, Type};

use super::source::{Structs, cfg_holds};

/// One place in storage: a field, a map value or an array element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The path from the root: `field.field`, `map[KeyType]`, `array[index]`.
    pub label: String,
    /// The word: a number, or `keccak(KeyType . <parent slot>)+n` inside a map value.
    pub slot: String,
    /// The byte offset in the word, counted from its low-order end as in solc's storage
    /// layout: the value is `(word >> (8 * offset))` masked to its size.
    pub offset: u8,
    /// The Rust storage type as written in the source.
    #[serde(rename = "type")]
    pub ty: String,
}

/// A word address: `base + add`, the base a fixed word (`None`) or a map value's hash.
#[derive(Debug, Clone)]
struct Slot {
    base: Option<String>,
    add: u64,
}

impl Slot {
    fn plus(&self, words: u64) -> Self {
        Self {
            base: self.base.clone(),
            add: self.add + words,
        }
    }

    fn render(&self) -> String {
        match &self.base {
            None => self.add.to_string(),
            Some(base) => format!("{base}+{}", self.add),
        }
    }
}

/// What a type is, as far as placement goes.
enum Kind<'a> {
    Leaf,
    /// No storage (`PhantomData`).
    Nothing,
    Struct(&'a str),
    Map {
        key: &'a Type,
        value: &'a Type,
    },
    Array {
        element: &'a Type,
        len: u64,
    },
}

/// `SLOT_BYTES` and `REQUIRED_SLOTS` of a type.
#[derive(Debug, Clone, Copy)]
struct Shape {
    bytes: u64,
    words: u64,
}

/// Lays out the root struct `root` for a build with `features`.
pub struct Layout<'a> {
    structs: &'a Structs,
    features: &'a [String],
}

impl<'a> Layout<'a> {
    /// The layouts of `structs` in a build with `features`.
    pub fn new(structs: &'a Structs, features: &'a [String]) -> Self {
        Self { structs, features }
    }

    /// Every entry of `root`, in storage order.
    pub fn entries(&self, root: &str) -> Result<Vec<Entry>> {
        let mut out = Vec::new();
        self.place_fields(root, "", &Slot { base: None, add: 0 }, &mut out, 0)?;
        Ok(out)
    }

    /// The fields of struct `name` that exist in this build, with their types.
    fn fields(&self, name: &str) -> Result<Vec<(&'a str, &'a Type)>> {
        let Some(fields) = self.structs.by_name.get(name) else {
            bail!("no #[storage] struct named `{name}`");
        };
        let mut present = Vec::new();
        for field in fields {
            if self.holds(&field.cfg)? {
                present.push((field.name.as_str(), &field.ty));
            }
        }
        Ok(present)
    }

    fn kind(&self, ty: &'a Type) -> Result<(Kind<'a>, Shape)> {
        let (name, args) = head(ty)?;
        let leaf = |bytes: u64| Ok((Kind::Leaf, Shape { bytes, words: 0 }));
        match name.as_str() {
            "PhantomData" => Ok((Kind::Nothing, Shape { bytes: 0, words: 0 })),
            "StorageBool" => leaf(1),
            "StorageAddress" => leaf(20),
            "StorageBlockNumber" => leaf(8),
            "StorageBlockHash" | "StorageString" | "StorageBytes" => leaf(32),
            "StorageUint" | "StorageSigned" => leaf(const_arg(&args, 0)? / 8),
            "StorageFixedBytes" => leaf(const_arg(&args, 0)?),
            "StorageMap" => Ok((
                Kind::Map {
                    key: type_arg(&args, 0)?,
                    value: type_arg(&args, 1)?,
                },
                Shape {
                    bytes: 32,
                    words: 0,
                },
            )),
            "StorageArray" => {
                let element = type_arg(&args, 0)?;
                let len = const_arg(&args, 1)?;
                let shape = self.kind(element)?.1;
                let density = 32 / shape.bytes;
                let words = (len * shape.words).max(len.div_ceil(density));
                Ok((Kind::Array { element, len }, Shape { bytes: 32, words }))
            }
            _ => {
                if let Some(ty) = self.alias(&name)? {
                    return self.kind(ty);
                }
                if let Some(bits) = sized_alias(&name) {
                    return leaf(bits / 8);
                }
                if let Some((key, _)) = self.structs.by_name.get_key_value(&name) {
                    let words = self.struct_words(key)?;
                    return Ok((Kind::Struct(key), Shape { bytes: 32, words }));
                }
                bail!(
                    "`{}`: not a storage type the layout knows (add it to xtask/src/layout/compute.rs)",
                    render_type(ty)
                )
            }
        }
    }

    /// Whether every `#[cfg(...)]` of an item holds in this build.
    fn holds(&self, cfg: &[syn::Meta]) -> Result<bool> {
        for meta in cfg {
            if !cfg_holds(meta, self.features)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The type alias `name` stands for in this build, if `name` is an alias.
    fn alias(&self, name: &str) -> Result<Option<&'a Type>> {
        let Some(choices) = self.structs.aliases.get(name) else {
            return Ok(None);
        };
        let mut chosen = None;
        for (cfg, ty) in choices {
            if self.holds(cfg)? {
                if chosen.is_some() {
                    bail!("type alias `{name}` has two definitions in one build");
                }
                chosen = Some(ty);
            }
        }
        match chosen {
            Some(ty) => Ok(Some(ty)),
            None => bail!("type alias `{name}` has no definition in this build"),
        }
    }

    /// `REQUIRED_SLOTS` of struct `name` (stylus-proc's `required_slots`).
    fn struct_words(&self, name: &str) -> Result<u64> {
        let mut total = 0;
        let mut space = 32;
        for (_, ty) in self.fields(name)? {
            let shape = self.kind(ty)?.1;
            if space < shape.bytes {
                space = 32;
                total += 1;
            }
            space -= shape.bytes;
            if shape.words > 0 {
                total += shape.words;
                space = 32;
            }
        }
        if space != 32 || total == 0 {
            total += 1;
        }
        Ok(total)
    }

    fn place_fields(
        &self,
        name: &str,
        prefix: &str,
        root: &Slot,
        out: &mut Vec<Entry>,
        depth: usize,
    ) -> Result<()> {
        if depth > 32 {
            bail!("storage types nest deeper than 32 levels at `{prefix}`");
        }
        let mut space = 32;
        let mut slot = 0;
        for (field, ty) in self.fields(name)? {
            let shape = self.kind(ty)?.1;
            if space < shape.bytes {
                space = 32;
                slot += 1;
            }
            space -= shape.bytes;
            let label = if prefix.is_empty() {
                field.to_owned()
            } else {
                format!("{prefix}.{field}")
            };
            self.place(ty, &label, &root.plus(slot), space as u8, out, depth + 1)?;
            if shape.words > 0 {
                slot += shape.words;
                space = 32;
            }
        }
        Ok(())
    }

    fn place(
        &self,
        ty: &'a Type,
        label: &str,
        slot: &Slot,
        offset: u8,
        out: &mut Vec<Entry>,
        depth: usize,
    ) -> Result<()> {
        let (kind, shape) = self.kind(ty)?;
        if matches!(kind, Kind::Nothing) {
            return Ok(());
        }
        out.push(Entry {
            label: label.to_owned(),
            slot: slot.render(),
            // The SDK's offset is where the value starts in the big-endian word; the file's,
            // as solc's, counts from the low-order end.
            offset: 32 - offset - shape.bytes as u8,
            ty: render_type(&self.resolved(ty)?),
        });
        match kind {
            Kind::Nothing | Kind::Leaf => Ok(()),
            Kind::Struct(name) => self.place_fields(name, label, slot, out, depth),
            Kind::Map { key, value } => {
                let key = render_type(key);
                let value_shape = self.kind(value)?.1;
                let child = Slot {
                    base: Some(format!("keccak({key} . {})", slot.render())),
                    add: 0,
                };
                self.place(
                    value,
                    &format!("{label}[{key}]"),
                    &child,
                    (32 - value_shape.bytes) as u8,
                    out,
                    depth + 1,
                )
            }
            Kind::Array { element, len } => {
                let shape = self.kind(element)?.1;
                let words = shape.words.max(1);
                let density = 32 / shape.bytes;
                for index in 0..len {
                    let at = slot.plus(words * index / density);
                    let offset = 32 - shape.bytes * (1 + index % density);
                    self.place(
                        element,
                        &format!("{label}[{index}]"),
                        &at,
                        offset as u8,
                        out,
                        depth + 1,
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl<'a> Layout<'a> {
    /// `ty` with a type alias replaced by what it stands for in this build (the entry shows
    /// the storage type, so the same storage reads the same in every build).
    fn resolved(&self, ty: &'a Type) -> Result<Type> {
        let (name, _) = head(ty)?;
        match self.alias(&name)? {
            Some(aliased) => self.resolved(aliased),
            None => Ok(ty.clone()),
        }
    }
}

/// `StorageU64`, `StorageI128`, `StorageB256`...: the SDK's aliases of `StorageUint`,
/// `StorageSigned` and `StorageFixedBytes`, by their bit width.
fn sized_alias(name: &str) -> Option<u64> {
    let digits = name
        .strip_prefix("StorageU")
        .or_else(|| name.strip_prefix("StorageI"))
        .or_else(|| name.strip_prefix("StorageB"))?;
    let bits: u64 = digits.parse().ok()?;
    (bits.is_multiple_of(8) && (8..=256).contains(&bits)).then_some(bits)
}

/// The last path segment's name and generic arguments.
fn head(ty: &Type) -> Result<(String, Vec<&GenericArgument>)> {
    let Type::Path(path) = ty else {
        bail!("`{}`: storage fields must name a type", render_type(ty));
    };
    let Some(segment) = path.path.segments.last() else {
        bail!("an empty type path");
    };
    let args = match &segment.arguments {
        PathArguments::AngleBracketed(args) => args.args.iter().collect(),
        _ => Vec::new(),
    };
    Ok((segment.ident.to_string(), args))
}

fn type_arg<'t>(args: &[&'t GenericArgument], index: usize) -> Result<&'t Type> {
    match args.get(index) {
        Some(GenericArgument::Type(ty)) => Ok(ty),
        _ => bail!("expected a type as generic argument {index}"),
    }
}

fn const_arg(args: &[&GenericArgument], index: usize) -> Result<u64> {
    let expr = match args.get(index) {
        Some(GenericArgument::Const(expr)) => expr,
        // `StorageArray<T, 2>` parses its `2` as a const expression; a bare literal may also
        // come as a type-looking path in other positions, which is refused.
        _ => bail!("expected a number as generic argument {index}"),
    };
    if let syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Int(int),
        ..
    }) = expr
    {
        return Ok(int.base10_parse()?);
    }
    bail!("expected a literal number as generic argument {index}")
}

/// A type as written, compactly: `StorageMap<Address, StorageBool>`.
pub fn render_type(ty: &Type) -> String {
    match ty {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .map(|segment| {
                let args = match &segment.arguments {
                    PathArguments::AngleBracketed(args) => args
                        .args
                        .iter()
                        .map(|arg| match arg {
                            GenericArgument::Type(ty) => render_type(ty),
                            GenericArgument::Const(syn::Expr::Lit(lit)) => match &lit.lit {
                                syn::Lit::Int(int) => int.to_string(),
                                _ => "?".into(),
                            },
                            _ => "?".into(),
                        })
                        .collect::<Vec<_>>(),
                    _ => Vec::new(),
                };
                if args.is_empty() {
                    segment.ident.to_string()
                } else {
                    format!("{}<{}>", segment.ident, args.join(", "))
                }
            })
            .unwrap_or_default(),
        _ => "?".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r#"
        #[storage]
        pub struct Inner { a: StorageU64, b: StorageMap<Address, StorageBool> }
        #[storage]
        pub struct Root {
            small: StorageU128,
            flag: StorageBool,
            owner: StorageAddress,
            inner: Inner,
            packed: StorageArray<StorageU64, 5>,
            structs: StorageArray<Inner, 2>,
            after: StorageU8,
            extra: Extra,
        }
        #[cfg(feature = "v2")]
        type Extra = StorageU8;
        #[cfg(not(feature = "v2"))]
        type Extra = core::marker::PhantomData<u8>;
        restaking_common::entrypoint!(crate::Root);
    "#;

    fn places(features: &[String]) -> Vec<(String, String, u8)> {
        let structs = Structs::parse(SOURCE).unwrap();
        assert_eq!(structs.roots, ["Root"]);
        Layout::new(&structs, features)
            .entries("Root")
            .unwrap()
            .into_iter()
            .map(|entry| (entry.label, entry.slot, entry.offset))
            .collect()
    }

    fn find(places: &[(String, String, u8)], label: &str) -> (String, u8) {
        let (_, slot, offset) = places.iter().find(|(l, ..)| l == label).unwrap();
        (slot.clone(), *offset)
    }

    #[test]
    fn fields_pack_from_the_low_end_and_structs_and_arrays_take_whole_words() {
        let places = places(&[]);
        // 16 + 1 bytes share word 0, from its low-order end; the address does not fit in the
        // 15 left.
        assert_eq!(find(&places, "small"), ("0".into(), 0));
        assert_eq!(find(&places, "flag"), ("0".into(), 16));
        assert_eq!(find(&places, "owner"), ("1".into(), 0));
        // Inner: `a` in its first word, the map in the next.
        assert_eq!(find(&places, "inner.a"), ("2".into(), 0));
        assert_eq!(find(&places, "inner.b"), ("3".into(), 0));
        assert_eq!(
            find(&places, "inner.b[Address]"),
            ("keccak(Address . 3)+0".into(), 0)
        );
        // Four u64 per word: elements 0-3 in word 4, element 4 in word 5.
        assert_eq!(find(&places, "packed[0]"), ("4".into(), 0));
        assert_eq!(find(&places, "packed[3]"), ("4".into(), 24));
        assert_eq!(find(&places, "packed[4]"), ("5".into(), 0));
        // Two Inner of two words each.
        assert_eq!(find(&places, "structs[1].a"), ("8".into(), 0));
        assert_eq!(find(&places, "after"), ("10".into(), 0));
    }

    #[test]
    fn a_feature_field_is_laid_out_only_in_its_build() {
        assert!(places(&[]).iter().all(|(label, ..)| label != "extra"));
        let v2 = places(&["v2".into()]);
        assert_eq!(find(&v2, "after"), ("10".into(), 0));
        assert_eq!(find(&v2, "extra"), ("10".into(), 1));
        let structs = Structs::parse(SOURCE).unwrap();
        let entries = Layout::new(&structs, &["v2".into()])
            .entries("Root")
            .unwrap();
        let extra = entries.iter().find(|entry| entry.label == "extra").unwrap();
        assert_eq!(
            extra.ty, "StorageU8",
            "an alias shows the type it stands for"
        );
    }
}
