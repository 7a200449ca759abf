//! A short report of where two texts first differ.

use std::fmt::Write as _;

/// Unchanged lines shown before the first difference.
const CONTEXT: usize = 3;

/// Lines of each side shown from the first difference on.
const SHOWN: usize = 12;

/// `None` if `old` and `new` are equal; otherwise a unified-style excerpt starting at the
/// first line that differs: a few lines of context, then the old lines (`-`) and the new
/// lines (`+`) from there on, each cut after a dozen lines.
pub fn first_difference(old_label: &str, old: &str, new_label: &str, new: &str) -> Option<String> {
    if old == new {
        return None;
    }
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let first = old_lines
        .iter()
        .zip(&new_lines)
        .position(|(a, b)| a != b)
        .unwrap_or(old_lines.len().min(new_lines.len()));

    let mut out = format!("--- {old_label}\n+++ {new_label}\n");
    let _ = writeln!(out, "@@ first difference at line {} @@", first + 1);
    for line in &old_lines[first.saturating_sub(CONTEXT)..first] {
        let _ = writeln!(out, " {line}");
    }
    let mut side = |sign: char, lines: &[&str]| {
        let rest = lines.get(first..).unwrap_or_default();
        for line in rest.iter().take(SHOWN) {
            let _ = writeln!(out, "{sign}{line}");
        }
        if rest.len() > SHOWN {
            let _ = writeln!(out, "{sign}... ({} more lines)", rest.len() - SHOWN);
        }
    };
    side('-', &old_lines);
    side('+', &new_lines);
    if old_lines == new_lines {
        // Same lines: the difference is in line endings or the final newline.
        out.push_str("(the texts differ only in line endings or the final newline)\n");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_difference() {
        assert_eq!(first_difference("a", "x\ny\n", "b", "x\ny\n"), None);
    }

    #[test]
    fn shows_context_and_both_sides_from_the_first_difference() {
        let old = "1\n2\n3\n4\nold\n6\n";
        let new = "1\n2\n3\n4\nnew\n6\n";
        let diff = first_difference("committed", old, "generated", new).unwrap();
        assert_eq!(
            diff,
            "--- committed\n+++ generated\n@@ first difference at line 5 @@\n \
             2\n 3\n 4\n-old\n-6\n+new\n+6\n"
        );
    }

    #[test]
    fn a_missing_tail_and_a_missing_newline_are_differences() {
        let diff = first_difference("a", "x\n", "b", "x\ny\n").unwrap();
        assert!(diff.contains("line 2"), "{diff}");
        assert!(diff.ends_with("+y\n"), "{diff}");
        let diff = first_difference("a", "x", "b", "x\n").unwrap();
        assert!(diff.contains("final newline"), "{diff}");
    }
}
