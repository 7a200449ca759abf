//! The `#[storage]` structs of a contract crate and of the shared libraries, read from their
//! Rust sources with `syn` (the SDK has no layout exporter).

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result, bail};
use syn::{Attribute, Item, Meta, Token, punctuated::Punctuated};

/// One field of a `#[storage]` struct, in declaration order.
#[derive(Clone)]
pub struct Field {
    /// The field's name.
    pub name: String,
    /// Its type as written.
    pub ty: syn::Type,
    /// The field's `#[cfg(...)]` conditions (all must hold for the field to exist).
    pub cfg: Vec<Meta>,
}

/// The `#[storage]` structs found in some source folders, by name, and the program's root
/// storage.
#[derive(Default)]
pub struct Structs {
    /// Each `#[storage]` struct's fields.
    pub by_name: BTreeMap<String, Vec<Field>>,
    /// Type aliases (`type X = ...;`), each with its `#[cfg(...)]` conditions: a field whose
    /// type differs between builds names an alias declared once per build.
    pub aliases: BTreeMap<String, Vec<(Vec<Meta>, syn::Type)>>,
    /// The structs given to `restaking_common::entrypoint!`, which places its root storage at
    /// slot 0 (in the contract crate's own sources only).
    pub roots: Vec<String>,
}

impl Structs {
    /// Reads every `.rs` file under each folder of `dirs`. The roots are only collected from
    /// `root_dir` (the contract crate's own sources).
    pub fn read(root_dir: &Path, library_dirs: &[PathBuf]) -> Result<Self> {
        let mut structs = Self::default();
        for (dir, is_root_crate) in std::iter::once((root_dir, true))
            .chain(library_dirs.iter().map(|dir| (dir.as_path(), false)))
        {
            let mut files = Vec::new();
            rust_files(&dir.join("src"), &mut files)?;
            files.sort();
            for file in files {
                let text = fs::read_to_string(&file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                let parsed = syn::parse_file(&text)
                    .with_context(|| format!("cannot parse {}", file.display()))?;
                structs
                    .collect(&parsed.items, is_root_crate)
                    .with_context(|| format!("in {}", file.display()))?;
            }
        }
        Ok(structs)
    }

    /// Reads the structs of one source text as a contract crate's (for tests).
    pub fn parse(text: &str) -> Result<Self> {
        let mut structs = Self::default();
        structs.collect(&syn::parse_file(text)?.items, true)?;
        Ok(structs)
    }

    fn collect(&mut self, items: &[Item], is_root_crate: bool) -> Result<()> {
        for item in items {
            match item {
                Item::Struct(item) if has_attr(&item.attrs, "storage") => {
                    let name = item.ident.to_string();
                    let mut fields = Vec::new();
                    for field in &item.fields {
                        let Some(ident) = &field.ident else {
                            bail!("#[storage] struct `{name}` has an unnamed field");
                        };
                        fields.push(Field {
                            name: ident.to_string(),
                            ty: field.ty.clone(),
                            cfg: cfg_conditions(&field.attrs)?,
                        });
                    }
                    if self.by_name.insert(name.clone(), fields).is_some() {
                        bail!(
                            "two #[storage] structs are named `{name}`: the layout names types by their name"
                        );
                    }
                }
                // `restaking_common::entrypoint!(crate::Root)` puts `Root` at slot 0.
                Item::Macro(item)
                    if is_root_crate
                        && item
                            .mac
                            .path
                            .segments
                            .last()
                            .is_some_and(|s| s.ident == "entrypoint") =>
                {
                    let path: syn::Path = item
                        .mac
                        .parse_body()
                        .context("entrypoint!(...) takes the path of the root storage")?;
                    if let Some(segment) = path.segments.last() {
                        self.roots.push(segment.ident.to_string());
                    }
                }
                Item::Type(item) => {
                    self.aliases
                        .entry(item.ident.to_string())
                        .or_default()
                        .push((cfg_conditions(&item.attrs)?, (*item.ty).clone()));
                }
                Item::Mod(item) => {
                    if let Some((_, items)) = &item.content {
                        self.collect(items, is_root_crate)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// Whether one of `attrs` is `#[name]` or `#[path::to::name]`.
fn has_attr(attrs: &[Attribute], name: &str) -> bool {
    attrs
        .iter()
        .any(|attr| attr.path().segments.last().is_some_and(|s| s.ident == name))
}

fn cfg_conditions(attrs: &[Attribute]) -> Result<Vec<Meta>> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
        .map(|attr| {
            attr.parse_args::<Meta>()
                .context("cannot read a #[cfg(...)] on a storage field")
        })
        .collect()
}

/// Whether a `#[cfg(...)]` predicate holds for a build with `features`. Only `feature = "..."`,
/// `not`, `all` and `any` can decide a storage field: anything else is refused.
pub fn cfg_holds(meta: &Meta, features: &[String]) -> Result<bool> {
    match meta {
        Meta::NameValue(pair) if pair.path.is_ident("feature") => match &pair.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(name),
                ..
            }) => Ok(features.iter().any(|f| *f == name.value())),
            _ => bail!("#[cfg(feature = ...)] takes a string"),
        },
        Meta::List(list) => {
            let nested = list
                .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                .context("cannot read a #[cfg(...)] list")?;
            let values = nested
                .iter()
                .map(|meta| cfg_holds(meta, features))
                .collect::<Result<Vec<_>>>()?;
            if list.path.is_ident("not") && values.len() == 1 {
                Ok(!values[0])
            } else if list.path.is_ident("all") {
                Ok(values.iter().all(|v| *v))
            } else if list.path.is_ident("any") {
                Ok(values.iter().any(|v| *v))
            } else {
                bail!("a storage field's #[cfg] may only use feature, not, all and any")
            }
        }
        _ => bail!("a storage field's #[cfg] may only use feature, not, all and any"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Meta {
        syn::parse_str(text).unwrap()
    }

    #[test]
    fn cfg_predicates_follow_the_features_of_the_build() {
        let v2 = vec!["v2".to_owned()];
        assert!(cfg_holds(&meta(r#"feature = "v2""#), &v2).unwrap());
        assert!(!cfg_holds(&meta(r#"feature = "v2""#), &[]).unwrap());
        assert!(cfg_holds(&meta(r#"not(feature = "v2")"#), &[]).unwrap());
        assert!(!cfg_holds(&meta(r#"all(feature = "v2", feature = "x")"#), &v2).unwrap());
        assert!(cfg_holds(&meta(r#"any(feature = "v2", feature = "x")"#), &v2).unwrap());
        assert!(cfg_holds(&meta("test"), &v2).is_err());
        assert!(cfg_holds(&meta(r#"target_arch = "wasm32""#), &v2).is_err());
    }
}
