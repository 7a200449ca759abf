//! The runtime's modules form layers: no module reaches, through `crate::` or `super::`
//! paths, a module that reaches back to it. Nested frames go from the Stylus side to the EVM
//! through a trait (`stylus::nested::NestedFrames`), not through an import.
//!
//! A node is a top-level module, except that `stylus` counts as its submodules (`exec`,
//! `host`, `nested`, `shared`), whose layering matters as much. References in comments are
//! ignored; everything else (uses, paths in code) counts.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::{Path, PathBuf},
};

/// The module path of a source file, relative to `src/` (`stylus/host/calls.rs` →
/// `["stylus", "host", "calls"]`).
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).expect("file under src");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts
        .last()
        .is_some_and(|last| last == "mod" || last == "lib")
    {
        parts.pop();
    }
    parts
}

/// The graph node a module path belongs to.
fn node(path: &[String]) -> Option<String> {
    match path {
        [] => None,
        [first, second, ..] if first == "stylus" => Some(format!("stylus::{second}")),
        [first, ..] => Some(first.clone()),
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// Tokens of Rust path syntax: identifiers, `::` and the brace/comma structure of use trees.
fn tokens(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            let mut ident = c.to_string();
            while let Some(&next) = chars.peek() {
                if next.is_alphanumeric() || next == '_' {
                    ident.push(next);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(ident);
        } else if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            out.push("::".to_owned());
        } else if matches!(c, '{' | '}' | ',' | ';' | '(' | ')') {
            out.push(c.to_string());
        } else if !c.is_whitespace() {
            out.push(" ".to_owned());
        }
    }
    out
}

/// Expands the path that starts at `tokens[at]` (just after `root::`), including use-tree
/// groups, into the paths it names (the first two segments of each are enough here).
fn expand(tokens: &[String], at: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let Some(token) = tokens.get(at) else {
        out.push(prefix);
        return;
    };
    if token == "{" {
        // A group: each comma-separated item at depth one continues `prefix`.
        let mut depth = 0usize;
        let mut item_start = at + 1;
        for (i, token) in tokens.iter().enumerate().skip(at) {
            match token.as_str() {
                "{" => depth += 1,
                "}" => {
                    depth -= 1;
                    if depth == 0 {
                        if item_start < i {
                            expand(tokens, item_start, prefix.clone(), out);
                        }
                        return;
                    }
                }
                "," if depth == 1 => {
                    expand(tokens, item_start, prefix.clone(), out);
                    item_start = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    if token.chars().all(|c| c.is_alphanumeric() || c == '_') && prefix.len() < 2 {
        let mut next = prefix;
        if token != "self" {
            next.push(token.clone());
        }
        if tokens.get(at + 1).is_some_and(|t| t == "::") {
            expand(tokens, at + 2, next, out);
        } else {
            out.push(next);
        }
        return;
    }
    out.push(prefix);
}

/// The nodes `file` (of module `path`) refers to.
fn references(code: &str, path: &[String]) -> BTreeSet<String> {
    let code: String = code
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let tokens = tokens(&code);
    let mut found = BTreeSet::new();
    for i in 0..tokens.len() {
        if tokens.get(i + 1).is_none_or(|t| t != "::") {
            continue;
        }
        // `super` in a `mod.rs` or plain file both mean the parent of the module.
        let base: Vec<String> = match tokens[i].as_str() {
            "crate" => Vec::new(),
            "super" => path[..path.len().saturating_sub(1)].to_vec(),
            _ => continue,
        };
        if i > 0 && tokens[i - 1] == "::" {
            continue; // `super::super::...` is handled from the first `super`
        }
        let mut at = i + 2;
        let mut base = base;
        while tokens.get(at).is_some_and(|t| t == "super") {
            base.pop();
            at += 2;
        }
        let mut paths = Vec::new();
        expand(&tokens, at, Vec::new(), &mut paths);
        for relative in paths {
            let full: Vec<String> = base.iter().cloned().chain(relative).collect();
            if let Some(node) = node(&full) {
                found.insert(node);
            }
        }
    }
    found
}

#[test]
fn runtime_modules_do_not_import_each_other_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let path = module_path(&src, file);
        let Some(from) = node(&path) else { continue };
        let code = fs::read_to_string(file).expect("read source");
        let targets = graph.entry(from.clone()).or_default();
        for to in references(&code, &path) {
            if to != from {
                targets.insert(to);
            }
        }
    }
    // The graph is what the test thinks it is: a few edges known to exist.
    assert!(graph["evm"].contains("precompiles"), "{graph:?}");
    assert!(graph["stylus::exec"].contains("stylus::host"), "{graph:?}");
    assert!(graph["chain"].contains("precompiles"), "{graph:?}");

    // Depth-first search for a back edge; report the circle it closes.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = stack.iter().position(|n| n == node) {
            let mut circle = stack[start..].to_vec();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, stack, done) {
                return Some(circle);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(circle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!(
                "modules import each other in a circle: {}\n{graph:#?}",
                circle.join(" → ")
            );
        }
    }
}

#[test]
fn use_trees_are_expanded() {
    let code = "use crate::{a::{B, c::D}, stylus::{self, exec::X, nested::Y}};\nfn f() { crate::z::g(); super::w::h(); }";
    let path = vec!["stylus".to_owned(), "host".to_owned(), "calls".to_owned()];
    let found = references(code, &path);
    let expected: BTreeSet<String> = [
        "a",
        "stylus",
        "stylus::exec",
        "stylus::nested",
        "z",
        "stylus::host",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    // `stylus::{self}` names the stylus module itself (its `mod.rs`); `super::w` from
    // `stylus::host::calls` is `stylus::host::w`, inside `stylus::host`.
    assert_eq!(found, expected);
}
