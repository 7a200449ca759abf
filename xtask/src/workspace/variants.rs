//! Build variants: `[package.metadata.restaking] variants = [...]` in a contract's manifest.
//!
//! ```toml
//! [package.metadata.restaking]
//! variants = [
//!   { name = "restaking-vault-eth", features = ["eth-asset"] },
//!   { name = "restaking-vault-erc20", features = ["erc20-asset"] },
//! ]
//! ```
//!
//! Each variant is built on its own with `--features <features>` and gives an artifact named
//! `name`. Without the table, the crate has one build, named after the package.

use anyhow::{Context, Result, bail, ensure};
use serde::Deserialize;

/// One build of a contract crate.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The artifact name (`artifacts/<name>.wasm`, ...).
    pub name: String,
    /// Cargo features enabled for this build, on top of the default ones.
    #[serde(default)]
    pub features: Vec<String>,
}

#[derive(Deserialize)]
struct RestakingMetadata {
    variants: Option<Vec<Variant>>,
}

/// The variants declared by `package`, whose `[package.metadata]` table is `metadata`
/// (JSON, as `cargo metadata` prints it; `null` when absent).
pub(super) fn from_package_metadata(
    package: &str,
    metadata: &serde_json::Value,
) -> Result<Vec<Variant>> {
    let single = || {
        vec![Variant {
            name: package.to_owned(),
            features: Vec::new(),
        }]
    };
    let Some(table) = metadata.get("restaking") else {
        return Ok(single());
    };
    let parsed: RestakingMetadata = serde_json::from_value(table.clone())
        .with_context(|| format!("invalid [package.metadata.restaking] in package `{package}`"))?;
    let Some(variants) = parsed.variants else {
        return Ok(single());
    };
    ensure!(
        !variants.is_empty(),
        "package `{package}`: [package.metadata.restaking] variants is empty"
    );
    for variant in &variants {
        let valid = !variant.name.is_empty()
            && variant
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            bail!(
                "package `{package}`: variant name `{}` must be non-empty and use only \
                 ASCII letters, digits, `-` and `_` (it names files)",
                variant.name
            );
        }
    }
    Ok(variants)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn no_table_means_one_build_named_after_the_package() {
        let variants = from_package_metadata("lrt-token", &serde_json::Value::Null).unwrap();
        assert_eq!(variants.len(), 1);
        assert_eq!(variants[0].name, "lrt-token");
        assert!(variants[0].features.is_empty());
    }

    #[test]
    fn rejects_unknown_keys_and_bad_names() {
        let typo = json!({"restaking": {"variants": [{"name": "a", "feature": ["x"]}]}});
        assert!(from_package_metadata("p", &typo).is_err());
        let slash = json!({"restaking": {"variants": [{"name": "../a"}]}});
        assert!(from_package_metadata("p", &slash).is_err());
        let empty = json!({"restaking": {"variants": []}});
        assert!(from_package_metadata("p", &empty).is_err());
    }
}
