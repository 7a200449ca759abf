//! Files the xtask generates and the repository commits (`abi/`, `devnet/solidity/out/`,
//! `tests/solidity/out/`): writing only what changed, and comparing with what is committed.

use std::{fs, io, path::Path};

use anyhow::{Context, Result};

use crate::abi::diff;

/// A generated file and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Path relative to the workspace root, e.g. `abi/LrtToken.sol`.
    pub path: String,
    /// The full content.
    pub content: String,
}

/// Writes the files whose content changed, saying what it did.
pub fn write_changed(root: &Path, files: &[Generated]) -> Result<()> {
    for file in files {
        let path = root.join(&file.path);
        if read_if_exists(&path)?.as_deref() == Some(file.content.as_str()) {
            println!("unchanged {}", file.path);
            continue;
        }
        fs::write(&path, &file.content).with_context(|| format!("cannot write {}", file.path))?;
        println!("wrote     {}", file.path);
    }
    Ok(())
}

/// Compares each file with the committed one, printing a line (and a diff excerpt) per file;
/// returns the paths that are missing or differ. `generated_label` names the new side in the
/// excerpts ("generated", "compiled").
pub fn stale_files(root: &Path, files: &[Generated], generated_label: &str) -> Result<Vec<String>> {
    let mut stale = Vec::new();
    for file in files {
        let Some(committed) = read_if_exists(&root.join(&file.path))? else {
            println!("{} is missing", file.path);
            stale.push(file.path.clone());
            continue;
        };
        let committed_label = format!("{} (committed)", file.path);
        let new_label = format!("{} ({generated_label})", file.path);
        match diff::first_difference(&committed_label, &committed, &new_label, &file.content) {
            None => println!("up to date {}", file.path),
            Some(excerpt) => {
                println!("{} is out of date:\n{excerpt}", file.path);
                stale.push(file.path.clone());
            }
        }
    }
    Ok(stale)
}

/// The file's text, or `None` if it does not exist.
pub fn read_if_exists(path: &Path) -> Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}
