//! The files `cargo xtask build` writes to `artifacts/`.
//!
//! For each artifact `<name>` (the package name, or the variant name):
//! - `<name>.wasm`: the processed wasm, uncompressed (custom sections stripped);
//! - `<name>.code`: the deployable contract code, raw bytes: `EF F0 00 00` + brotli stream;
//! - `<name>.code.hex`: the same, as `0x`-prefixed lowercase hex and a newline;
//!
//! and `manifest.json`, which lists every artifact with its package, features, sizes,
//! codehash and problems. Files of earlier runs with these suffixes are removed first, so
//! the folder holds exactly one run. Nothing in these files depends on the time or the
//! machine: the same sources give the same bytes.

use std::{fs, io, path::Path};

use anyhow::{Context, Result};
use serde::Serialize;

use super::Built;
use crate::wasm::{
    checks::size::MAX_CODE_SIZE,
    code::{codehash, to_hex},
    compress,
};

/// Name of the manifest file.
pub const MANIFEST: &str = "manifest.json";

/// Suffixes of the files written per artifact.
const SUFFIXES: [&str; 3] = [".wasm", ".code", ".code.hex"];

/// `manifest.json`.
#[derive(Debug, Serialize)]
pub struct Manifest {
    /// The largest deployable code, in bytes.
    pub max_code_size: usize,
    /// How the code was compressed.
    pub compression: Compression,
    /// One entry per artifact, in build order.
    pub artifacts: Vec<Entry>,
}

/// The compression settings, for whoever rebuilds the code elsewhere.
#[derive(Debug, Serialize)]
pub struct Compression {
    /// Always `brotli`.
    pub algorithm: &'static str,
    /// Brotli quality.
    pub quality: i32,
    /// Brotli window, log2 of bytes.
    pub window_log2: i32,
    /// The Stylus dictionary byte: 0, none.
    pub dictionary: u8,
}

/// One artifact in `manifest.json`.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// Artifact name.
    pub name: String,
    /// Cargo package it was built from.
    pub package: String,
    /// Features enabled on top of the defaults.
    pub features: Vec<String>,
    /// File name of the processed wasm.
    pub wasm_file: String,
    /// File name of the deployable code (raw).
    pub code_file: String,
    /// File name of the deployable code (hex).
    pub code_hex_file: String,
    /// Bytes of the wasm as cargo wrote it.
    pub built_wasm_bytes: usize,
    /// Bytes of the processed wasm.
    pub wasm_bytes: usize,
    /// Bytes of the brotli stream.
    pub compressed_bytes: usize,
    /// Bytes of the deployable code (4 + compressed); the size limit applies to this.
    pub code_bytes: usize,
    /// keccak-256 of the deployable code.
    pub codehash: String,
    /// Bytes of data in the data segments.
    pub data_bytes: Option<u64>,
    /// Functions defined in the module.
    pub functions: Option<u64>,
    /// Gas a call pays to enter the program when it is cached (Nitro's cached init gas).
    pub cached_entry_gas: Option<u64>,
    /// Gas a call pays to enter the program when it is not cached (init + cached).
    pub uncached_entry_gas: Option<u64>,
    /// Wasm pages of the initial memory (each beyond 2 costs every call).
    pub memory_pages: Option<u16>,
    /// Whether every check passed.
    pub ok: bool,
    /// What Nitro would reject, in words.
    pub problems: Vec<String>,
}

impl Entry {
    fn new(built: &Built) -> Self {
        let name = &built.variant.name;
        let prepared = &built.prepared;
        Self {
            name: name.clone(),
            package: built.package.clone(),
            features: built.variant.features.clone(),
            wasm_file: format!("{name}.wasm"),
            code_file: format!("{name}.code"),
            code_hex_file: format!("{name}.code.hex"),
            built_wasm_bytes: built.built_wasm_len,
            wasm_bytes: prepared.wasm.len(),
            compressed_bytes: prepared.compressed_len,
            code_bytes: prepared.code.len(),
            codehash: to_hex(&codehash(&prepared.code)),
            data_bytes: built.shape.map(|s| s.data_bytes),
            functions: built.shape.map(|s| s.functions),
            cached_entry_gas: built.shape.map(|s| s.cached_entry_gas),
            uncached_entry_gas: built.shape.map(|s| s.uncached_entry_gas),
            memory_pages: built.shape.map(|s| s.memory_pages),
            ok: prepared.is_ok(),
            problems: prepared.problems.iter().map(ToString::to_string).collect(),
        }
    }
}

/// The manifest for `built`.
pub fn manifest(built: &[Built]) -> Manifest {
    Manifest {
        max_code_size: MAX_CODE_SIZE,
        compression: Compression {
            algorithm: "brotli",
            quality: compress::QUALITY,
            window_log2: compress::WINDOW_LOG2,
            dictionary: crate::wasm::code::EMPTY_DICTIONARY,
        },
        artifacts: built.iter().map(Entry::new).collect(),
    }
}

/// Empties `dir` of earlier artifacts and writes those of `built` and the manifest.
pub fn write_all(dir: &Path, built: &[Built]) -> Result<()> {
    fs::create_dir_all(dir)?;
    remove_old(dir)?;
    for item in built {
        let name = &item.variant.name;
        let code = &item.prepared.code;
        fs::write(dir.join(format!("{name}.wasm")), &item.prepared.wasm)?;
        fs::write(dir.join(format!("{name}.code")), code)?;
        fs::write(dir.join(format!("{name}.code.hex")), to_hex(code) + "\n")?;
    }
    let mut json = serde_json::to_string_pretty(&manifest(built))?;
    json.push('\n');
    fs::write(dir.join(MANIFEST), json)?;
    Ok(())
}

/// Removes the manifest and every file with an artifact suffix; leaves anything else.
fn remove_old(dir: &Path) -> Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name == MANIFEST || SUFFIXES.iter().any(|s| name.ends_with(s));
        if ours && entry.file_type()?.is_file() {
            match fs::remove_file(entry.path()) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(e).with_context(|| format!("cannot remove {name}"));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        wasm::{fixtures, prepare},
        workspace::Variant,
    };

    fn built(name: &str) -> Built {
        let raw = fixtures::wasm(fixtures::VALID);
        Built {
            package: "pkg".into(),
            variant: Variant {
                name: name.into(),
                features: vec!["f".into()],
            },
            built_wasm_len: raw.len(),
            prepared: prepare(&raw).unwrap(),
            shape: super::super::shape::measure(&raw).ok(),
        }
    }

    fn temp_dir(tag: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writes_the_files_and_removes_stale_ones() {
        let dir = temp_dir("artifacts");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("old.code"), b"stale").unwrap();
        fs::write(dir.join("notes.txt"), b"keep").unwrap();
        let item = built("vault-eth");
        write_all(&dir, std::slice::from_ref(&item)).unwrap();

        let mut names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "manifest.json",
                "notes.txt",
                "vault-eth.code",
                "vault-eth.code.hex",
                "vault-eth.wasm"
            ]
        );
        let code = fs::read(dir.join("vault-eth.code")).unwrap();
        assert_eq!(code, item.prepared.code);
        assert_eq!(&code[..4], [0xEF, 0xF0, 0x00, 0x00]);
        let hex = fs::read_to_string(dir.join("vault-eth.code.hex")).unwrap();
        assert_eq!(hex, to_hex(&code) + "\n");

        let manifest: serde_json::Value =
            serde_json::from_slice(&fs::read(dir.join(MANIFEST)).unwrap()).unwrap();
        let entry = &manifest["artifacts"][0];
        assert_eq!(entry["name"], "vault-eth");
        assert_eq!(entry["features"][0], "f");
        assert_eq!(entry["code_bytes"], code.len());
        assert_eq!(entry["ok"], true);
        assert_eq!(manifest["max_code_size"], 24_576);
        fs::remove_dir_all(&dir).unwrap();
    }
}
