//! No file path of the machine that built a program may end up in it.
//!
//! Not a Nitro rule but the project's: a path of the build machine (the cargo home with its
//! registry sources, the toolchain's `/rustc/<commit>/library/...`, a `.rs` file of the
//! workspace) makes the code depend on where it was built, and costs gas on every call,
//! since data segments are priced into a program's init gas. Panic locations are where such
//! paths come from; the contract build removes them (see `build::toolchain`), and this check
//! proves it on every artifact.

use wasmparser::{Parser, Payload};

use super::{Check, Problem, malformed};

/// Printable runs shorter than this are not reported (binary data holds short ones by chance).
const MIN_RUN: usize = 6;

/// What marks a run of text as a path of the build machine.
fn names_a_build_path(run: &str, cargo_home: Option<&str>) -> bool {
    if cargo_home.is_some_and(|home| !home.is_empty() && run.contains(home)) {
        return true;
    }
    run.contains("/rustc/")
        || run.contains(".cargo/registry")
        || run.contains("/.rustup/")
        || run
            .split(|c: char| !(c.is_ascii_alphanumeric() || "_-./".contains(c)))
            .any(|word| word.len() > 3 && word.ends_with(".rs"))
}

/// The printable ASCII runs of at least [`MIN_RUN`] bytes in `bytes`.
fn text_runs(bytes: &[u8]) -> impl Iterator<Item = &str> {
    bytes
        .split(|b| !(0x20..0x7f).contains(b))
        .filter(|run| run.len() >= MIN_RUN)
        .filter_map(|run| std::str::from_utf8(run).ok())
}

/// A problem for every data segment text that names a path of the build machine;
/// `cargo_home` is the cargo home of this machine, when known.
pub fn check(wasm: &[u8], cargo_home: Option<&str>) -> Vec<Problem> {
    let mut problems = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = match payload {
            Ok(payload) => payload,
            Err(error) => return vec![malformed(Check::BuildPaths, &error)],
        };
        let Payload::DataSection(reader) = payload else {
            continue;
        };
        for segment in reader {
            let segment = match segment {
                Ok(segment) => segment,
                Err(error) => return vec![malformed(Check::BuildPaths, &error)],
            };
            for run in text_runs(segment.data) {
                if names_a_build_path(run, cargo_home) {
                    problems.push(Problem::new(
                        Check::BuildPaths,
                        format!("a data segment names a path of the build machine: {run:?}"),
                    ));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::fixtures;

    fn with_data(text: &str) -> Vec<u8> {
        fixtures::valid_with(
            "(memory (export \"memory\") 1)",
            &format!("(memory (export \"memory\") 1) (data (i32.const 16) \"\\00\\01{text}\\ff\")"),
        )
    }

    #[test]
    fn clean_data_passes() {
        assert_eq!(
            check(
                &with_data("0123456789abcdef<redacted>"),
                Some("/home/ci/.cargo")
            ),
            []
        );
        assert_eq!(check(&fixtures::wasm(fixtures::VALID), None), []);
    }

    #[test]
    fn registry_toolchain_and_source_paths_are_reported() {
        for text in [
            "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/ruint-1.21.1/src/bytes.rs",
            "/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/slice/mod.rs",
            "contracts/lrt-token/src/permit.rs",
            "/home/ci/.cargo/git/checkouts/x",
        ] {
            let problems = check(&with_data(text), Some("/home/ci/.cargo"));
            assert_eq!(problems.len(), 1, "{text}: {problems:?}");
            assert_eq!(problems[0].check, Check::BuildPaths);
            assert!(problems[0].message.contains(text), "{problems:?}");
        }
    }
}
