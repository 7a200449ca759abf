//! What Nitro would reject, checked before anything is deployed.
//!
//! Each check reads the processed wasm (or, for [`size`], the deployable code) and returns
//! [`Problem`]s instead of failing, so that one run reports everything:
//! - [`features`]: validation with the WebAssembly features Nitro enables;
//! - [`imports`]: only functions, and only from the `vm_hooks` host module;
//! - [`instructions`]: no floating point, no instruction Stylus does not meter;
//! - [`entrypoints`]: `user_entrypoint`, `memory`, and no start function;
//! - [`size`]: the contract code within the 24 KiB limit;
//! - [`paths`] (the project's rule, not Nitro's): no path of the build machine in the data.

pub mod entrypoints;
pub mod features;
pub mod imports;
pub mod instructions;
pub mod paths;
pub mod size;

use std::fmt;

/// Which check found a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// [`features`]
    Features,
    /// [`imports`]
    Imports,
    /// [`instructions`]
    Instructions,
    /// [`entrypoints`]
    Entrypoints,
    /// [`size`]
    Size,
    /// [`paths`]
    BuildPaths,
    /// Nitro's activation of the whole module (run by the build to price its entry).
    Activation,
    /// The program's initial memory beyond the pages a call gets for free
    /// (`build::shape::memory_problem`).
    Memory,
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Features => "wasm features",
            Self::Imports => "imports",
            Self::Instructions => "instructions",
            Self::Entrypoints => "entry points",
            Self::Size => "size",
            Self::BuildPaths => "build paths",
            Self::Activation => "activation",
            Self::Memory => "memory",
        })
    }
}

/// Something in a contract that Nitro would reject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The check that found it.
    pub check: Check,
    /// What is wrong, in words.
    pub message: String,
}

impl Problem {
    /// A problem found by `check`.
    pub fn new(check: Check, message: impl Into<String>) -> Self {
        Self {
            check,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.check, self.message)
    }
}

/// Runs every check that reads the wasm module (all but [`size`]).
pub fn check_module(wasm: &[u8]) -> Vec<Problem> {
    let mut problems = features::check(wasm);
    problems.extend(imports::check(wasm));
    problems.extend(instructions::check(wasm));
    problems.extend(entrypoints::check(wasm));
    let cargo_home = crate::build::toolchain::cargo_home();
    problems.extend(paths::check(
        wasm,
        cargo_home.as_deref().and_then(std::path::Path::to_str),
    ));
    problems
}

/// The problem to report when `check` cannot even parse the module.
fn malformed(check: Check, error: &wasmparser::BinaryReaderError) -> Problem {
    Problem::new(check, format!("malformed wasm: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::fixtures;

    #[test]
    fn the_valid_fixture_passes_every_module_check() {
        assert_eq!(check_module(&fixtures::wasm(fixtures::VALID)), []);
    }

    #[test]
    fn garbage_is_reported_not_panicked_on() {
        let problems = check_module(b"\0asm\x01\0\0\0\x01\xff");
        assert!(!problems.is_empty());
        assert!(
            problems
                .iter()
                .all(|p| p.message.contains("malformed wasm") || p.check == Check::Features)
        );
    }
}
