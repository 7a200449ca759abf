//! Whether a new layout keeps every place of the committed one.
//!
//! A later version of a program runs on the storage the earlier one wrote, so each committed
//! entry must still be there with the same word, offset and type. New entries are allowed
//! (a field appended to a struct: a map value's struct grows in place; an array element that
//! grows moves the next element, which shows as a moved entry). An entry whose name changed but whose word, offset and type did not is a rename.

use super::compute::Entry;

/// What changed from the committed layout to the code's, when nothing moved.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Labels of entries that are new.
    pub appended: Vec<String>,
    /// `(committed label, new label)` of entries at the same place under another name.
    pub renamed: Vec<(String, String)>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.appended.is_empty() && self.renamed.is_empty()
    }
}

/// Compares the code's layout `code` with the `committed` one; every committed entry that
/// moved, changed type or disappeared is an error message.
pub fn compare(committed: &[Entry], code: &[Entry]) -> Result<Changes, Vec<String>> {
    let find = |label: &str, entries: &[Entry]| -> Option<usize> {
        entries.iter().position(|entry| entry.label == label)
    };
    let same_place =
        |a: &Entry, b: &Entry| a.slot == b.slot && a.offset == b.offset && a.ty == b.ty;
    let mut errors = Vec::new();
    let mut changes = Changes::default();
    let mut matched = vec![false; code.len()];
    // Same label first, then renames among what is left.
    let mut unmatched = Vec::new();
    for old in committed {
        match find(&old.label, code) {
            Some(index) => {
                matched[index] = true;
                let new = &code[index];
                if !same_place(old, new) {
                    errors.push(format!(
                        "`{}` was {} and is now {}",
                        old.label,
                        describe(old),
                        describe(new)
                    ));
                }
            }
            None => unmatched.push(old),
        }
    }
    for old in unmatched {
        let renamed = code.iter().enumerate().find(|(index, new)| {
            !matched[*index] && find(&new.label, committed).is_none() && same_place(old, new)
        });
        match renamed {
            Some((index, new)) => {
                matched[index] = true;
                changes.renamed.push((old.label.clone(), new.label.clone()));
            }
            None => errors.push(format!(
                "`{}` ({}) is gone: its place would be taken by whatever is appended next",
                old.label,
                describe(old)
            )),
        }
    }
    for (index, new) in code.iter().enumerate() {
        if !matched[index] {
            changes.appended.push(new.label.clone());
        }
    }
    if errors.is_empty() {
        Ok(changes)
    } else {
        Err(errors)
    }
}

fn describe(entry: &Entry) -> String {
    format!(
        "{} at slot {} offset {}",
        entry.ty, entry.slot, entry.offset
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(label: &str, slot: &str, offset: u8, ty: &str) -> Entry {
        Entry {
            label: label.into(),
            slot: slot.into(),
            offset,
            ty: ty.into(),
        }
    }

    fn committed() -> Vec<Entry> {
        vec![
            entry("a", "0", 0, "StorageU256"),
            entry("b", "1", 24, "StorageU64"),
            entry("c", "1", 16, "StorageU64"),
        ]
    }

    #[test]
    fn the_same_layout_has_no_changes() {
        assert_eq!(compare(&committed(), &committed()), Ok(Changes::default()));
    }

    #[test]
    fn an_appended_field_is_allowed() {
        let mut code = committed();
        code.push(entry("d", "1", 8, "StorageU64"));
        let changes = compare(&committed(), &code).unwrap();
        assert_eq!(changes.appended, ["d"]);
        assert!(changes.renamed.is_empty());
    }

    #[test]
    fn an_inserted_field_moves_the_next_ones_and_is_refused() {
        let code = vec![
            entry("a", "0", 0, "StorageU256"),
            entry("x", "1", 24, "StorageU64"),
            entry("b", "1", 16, "StorageU64"),
            entry("c", "1", 8, "StorageU64"),
        ];
        let errors = compare(&committed(), &code).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].contains("`b` was StorageU64 at slot 1 offset 24"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_changed_type_is_refused() {
        let mut code = committed();
        code[0].ty = "StorageI256".into();
        assert!(compare(&committed(), &code).is_err());
    }

    #[test]
    fn a_removed_field_is_refused() {
        let mut code = committed();
        code.pop();
        let errors = compare(&committed(), &code).unwrap_err();
        assert!(
            errors[0].contains("`c`") && errors[0].contains("gone"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_renamed_field_at_the_same_place_is_a_rename() {
        let mut code = committed();
        code[2].label = "c2".into();
        let changes = compare(&committed(), &code).unwrap();
        assert_eq!(changes.renamed, [("c".to_owned(), "c2".to_owned())]);
        assert!(changes.appended.is_empty());
    }
}
