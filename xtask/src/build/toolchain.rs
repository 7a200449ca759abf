//! What the contract build needs from the toolchain, and the flags it builds with.
//!
//! # The pieces of the toolchain
//! `rust-toolchain.toml` names the wasm target and `rust-src`, but rustup installs a toolchain
//! file's targets and components only when it installs the toolchain itself: a machine that
//! already had Rust 1.95.0 lacks them, and the build then fails with "can't find crate for
//! `core`". [`ensure_installed`] adds what is missing with `rustup` before the first build.
//!
//! # Why the standard library is built from source
//! A program pays for every byte it ships twice: in the 24 KiB limit and in the gas of every
//! call (Nitro's init cost grows with the data segment, the function count and the wasm
//! length; see `stylus_program::activation::info`). The prebuilt standard library carries
//! the panic machinery: every panic formats its message with `core::fmt` and names its source
//! file and line, and a program gets all of it, because `stylus-core` links `std` (through
//! `lazy_static` and `regex`), so it cannot declare a panic handler of its own. On Stylus a
//! panic is a revert with no data whatever it printed, so that machinery is pure cost.
//!
//! The build therefore compiles `core`, `alloc` and `std` from the pinned toolchain's sources
//! (`-Zbuild-std`) with the `immediate-abort` panic strategy: every panic is a single `unreachable`
//! instruction, with no message, no location and no formatting code behind it. Behaviour is the
//! same as before: a panic traps and the call reverts with empty data. `-Zlocation-detail=none`
//! drops the file, line and column from `#[track_caller]` locations that remain, and
//! `--remap-path-prefix` removes the cargo home, the workspace root and the toolchain's source
//! path from whatever else names a file, so that the code does not depend on the machine that
//! built it.
//!
//! These are unstable options of the pinned rustc 1.95.0, enabled for this one build with
//! `RUSTC_BOOTSTRAP=1` (the toolchain is pinned, so they cannot change under us); the native
//! crates, the tests and clippy are built without them. Stylus's own documentation gives the
//! same recipe on a nightly toolchain.

use std::{
    ffi::OsString,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{Context, Result};

use super::WASM_TARGET;
use crate::command;

/// The rustup component with the standard library's sources, which `-Zbuild-std` compiles.
pub const RUST_SRC: &str = "rust-src";

/// The crates of the standard library the contracts are built against.
pub const BUILD_STD: &str = "-Zbuild-std=core,alloc,std,panic_abort";

/// Adds the wasm target and `rust-src` to the toolchain of `sysroot` when they are missing.
///
/// Does nothing (and needs no rustup) when both are present, which it checks through the
/// sysroot: `lib/rustlib/wasm32-unknown-unknown` and `lib/rustlib/src/rust/library`.
///
/// # Errors
/// When rustup cannot add what is missing.
pub fn ensure_installed(root: &Path, sysroot: &Path) -> Result<()> {
    if !sysroot.join("lib/rustlib").join(WASM_TARGET).is_dir() {
        eprintln!("==> the toolchain has no {WASM_TARGET} target: rustup target add {WASM_TARGET}");
        let mut cmd = Command::new("rustup");
        cmd.current_dir(root).args(["target", "add", WASM_TARGET]);
        command::run(&mut cmd).context("cannot add the wasm target (is rustup installed?)")?;
    }
    if !rust_src(sysroot).is_dir() {
        eprintln!("==> the toolchain has no {RUST_SRC}: rustup component add {RUST_SRC}");
        let mut cmd = Command::new("rustup");
        cmd.current_dir(root).args(["component", "add", RUST_SRC]);
        command::run(&mut cmd).context("cannot add rust-src (is rustup installed?)")?;
    }
    Ok(())
}

/// The sysroot of the toolchain that builds in `root` (`rustc --print sysroot`).
///
/// # Errors
/// When rustc cannot run.
pub fn sysroot(root: &Path) -> Result<PathBuf> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| OsString::from("rustc"));
    let mut cmd = Command::new(rustc);
    cmd.current_dir(root).args(["--print", "sysroot"]);
    let out = command::stdout_of(&mut cmd)?;
    let text = String::from_utf8(out).context("rustc printed a sysroot that is not UTF-8")?;
    Ok(PathBuf::from(text.trim()))
}

/// The standard library's sources inside `sysroot`.
pub fn rust_src(sysroot: &Path) -> PathBuf {
    sysroot.join("lib/rustlib/src/rust")
}

/// The cargo home: `$CARGO_HOME`, else `~/.cargo`.
pub fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
}

/// The rustc flags of the contract build (see the module documentation), with every path
/// prefix that could name a file of the build machine remapped to nothing.
pub fn rustflags(root: &Path, sysroot: &Path, cargo_home: Option<&Path>) -> Vec<String> {
    let mut flags = vec![
        "-Zunstable-options".to_owned(),
        "-Cpanic=immediate-abort".to_owned(),
        "-Zlocation-detail=none".to_owned(),
    ];
    let mut prefixes = vec![rust_src(sysroot), sysroot.to_path_buf(), root.to_path_buf()];
    prefixes.extend(cargo_home.map(Path::to_path_buf));
    for prefix in prefixes {
        let mut prefix = prefix.to_string_lossy().into_owned();
        if !prefix.ends_with('/') {
            prefix.push('/');
        }
        flags.push(format!("--remap-path-prefix={prefix}="));
    }
    flags
}

/// `flags` as a `--config` value that appends them to the wasm target's `rustflags`.
///
/// Cargo joins arrays from `--config` with those of the config files, so the flags of
/// `.cargo/config.toml` (the 32 KiB stack, bulk memory, no reference types) stay in force.
/// Setting `RUSTFLAGS` or `CARGO_ENCODED_RUSTFLAGS` instead would replace them: the stack
/// would grow back to rustc's default of 1 MiB, 16 wasm pages that every call enters with
/// and pays for (Nitro charges each page of a program's footprint on entry).
pub fn config_value(flags: &[String]) -> String {
    let quoted: Vec<String> = flags
        .iter()
        .map(|flag| format!("\"{}\"", flag.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    format!("target.{WASM_TARGET}.rustflags=[{}]", quoted.join(", "))
}

/// How every contract is built on this machine: found once, applied to each build.
#[derive(Debug, Clone)]
pub struct ContractBuild {
    /// [`rustflags`] as a `--config` value ([`config_value`]).
    config: String,
}

impl ContractBuild {
    /// Reads the toolchain of `root`, adds the wasm target and `rust-src` when they are
    /// missing ([`ensure_installed`]), and computes the flags.
    ///
    /// # Errors
    /// When the sysroot cannot be read or rustup cannot add what is missing.
    pub fn prepare(root: &Path) -> Result<Self> {
        let sysroot = sysroot(root)?;
        ensure_installed(root, &sysroot)?;
        let flags = rustflags(root, &sysroot, cargo_home().as_deref());
        Ok(Self {
            config: config_value(&flags),
        })
    }

    /// Sets the environment and arguments of a contract build on `cmd` (a `cargo build` for
    /// the wasm target): the unstable options enabled, [`rustflags`] appended to the config
    /// files' flags, and [`BUILD_STD`]. `RUSTFLAGS` and `CARGO_ENCODED_RUSTFLAGS` are removed
    /// from the environment, since either would replace every configured flag.
    pub fn configure(&self, cmd: &mut Command) {
        cmd.env("RUSTC_BOOTSTRAP", "1")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .args(["--config", &self.config])
            .arg(BUILD_STD);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_value_is_a_toml_array_of_the_flags() {
        let flags = [
            "-Zunstable-options".to_owned(),
            "--remap-path-prefix=/a \"b\"/=".to_owned(),
        ];
        let value = config_value(&flags);
        let parsed: toml::Table = value.parse().expect("valid TOML");
        let rustflags = &parsed["target"][WASM_TARGET]["rustflags"];
        let parsed_flags: Vec<&str> = rustflags
            .as_array()
            .expect("an array")
            .iter()
            .map(|flag| flag.as_str().expect("a string"))
            .collect();
        assert_eq!(parsed_flags, flags);
    }

    #[test]
    fn every_machine_path_is_remapped_away() {
        let flags = rustflags(
            Path::new("/work/main"),
            Path::new("/root/.rustup/toolchains/1.95.0-x86_64-unknown-linux-gnu"),
            Some(Path::new("/root/.cargo")),
        );
        assert!(
            flags.contains(&"-Cpanic=immediate-abort".to_owned()),
            "{flags:?}"
        );
        assert!(
            flags.contains(&"-Zlocation-detail=none".to_owned()),
            "{flags:?}"
        );
        for prefix in [
            "/work/main/",
            "/root/.cargo/",
            "/root/.rustup/toolchains/1.95.0-x86_64-unknown-linux-gnu/",
            "/root/.rustup/toolchains/1.95.0-x86_64-unknown-linux-gnu/lib/rustlib/src/rust/",
        ] {
            let flag = format!("--remap-path-prefix={prefix}=");
            assert!(flags.contains(&flag), "missing {flag} in {flags:?}");
        }
    }
}
