//! Finding the Solidity files to compile.

use std::{fs, path::Path};

use anyhow::{Context, Result, bail};

/// A Solidity file read from the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Path relative to the workspace root with `/` separators, e.g.
    /// `devnet/solidity/test/Caller.sol`: the source unit name given to solc.
    pub path: String,
    /// The file's text.
    pub content: String,
}

/// Every `.sol` file under `dir` (relative to `root`), recursively, skipping the folder
/// `skip` (also relative to `root`), sorted by path. A missing `dir` gives no file.
pub fn find(root: &Path, dir: &str, skip: &str) -> Result<Vec<Source>> {
    let mut sources = Vec::new();
    if root.join(dir).is_dir() {
        walk(root, dir, skip, &mut sources)?;
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(sources)
}

fn walk(root: &Path, dir: &str, skip: &str, sources: &mut Vec<Source>) -> Result<()> {
    let entries = fs::read_dir(root.join(dir)).with_context(|| format!("cannot list {dir}"))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {dir}"))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            bail!("{dir} holds a file whose name is not UTF-8");
        };
        let path = format!("{dir}/{name}");
        let kind = entry
            .file_type()
            .with_context(|| format!("cannot stat {path}"))?;
        if kind.is_dir() {
            if path != skip {
                walk(root, &path, skip, sources)?;
            }
        } else if name.ends_with(".sol") {
            let content = fs::read_to_string(root.join(&path))
                .with_context(|| format!("cannot read {path}"))?;
            sources.push(Source { path, content });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_sol_files_recursively_sorted_and_skips_the_output_folder() {
        let root = std::env::temp_dir().join(format!("xtask-sol-find-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for dir in ["s/test/deep", "s/out"] {
            fs::create_dir_all(root.join(dir)).unwrap();
        }
        for (path, text) in [
            ("s/B.sol", "b"),
            ("s/A.sol", "a"),
            ("s/test/deep/C.sol", "c"),
            ("s/test/readme.md", "no"),
            ("s/out/D.sol", "skipped"),
        ] {
            fs::write(root.join(path), text).unwrap();
        }
        let found = find(&root, "s", "s/out").unwrap();
        let paths: Vec<&str> = found.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(paths, ["s/A.sol", "s/B.sol", "s/test/deep/C.sol"]);
        assert_eq!(found[2].content, "c");
        assert!(find(&root, "missing", "x").unwrap().is_empty());
        fs::remove_dir_all(&root).unwrap();
    }
}
