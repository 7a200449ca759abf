//! The size table printed by `cargo xtask build`.

use std::fmt::Write as _;

use super::{Built, shape::floors};
use crate::wasm::checks::size::{MAX_CODE_SIZE, percent_of_limit};

const COLUMNS: usize = 10;

const HEADERS: [&str; COLUMNS] = [
    "contract",
    "wasm bytes",
    "compressed bytes",
    "code bytes",
    "% of limit",
    "data bytes",
    "functions",
    "entry gas cached",
    "entry gas uncached",
    "status",
];

/// The table, one row per artifact, with a note on what the columns measure.
pub fn render(built: &[Built]) -> String {
    let rows: Vec<[String; COLUMNS]> = built
        .iter()
        .map(|b| {
            let p = &b.prepared;
            let status = match p.problems.len() {
                0 => "ok".to_owned(),
                1 => "FAILED (1 problem)".to_owned(),
                n => format!("FAILED ({n} problems)"),
            };
            [
                b.variant.name.clone(),
                thousands(p.wasm.len()),
                thousands(p.compressed_len),
                thousands(p.code.len()),
                format!("{:.1}%", percent_of_limit(p.code.len())),
                b.shape
                    .map_or("-".into(), |s| thousands(as_usize(s.data_bytes))),
                b.shape
                    .map_or("-".into(), |s| thousands(as_usize(s.functions))),
                b.shape
                    .map_or("-".into(), |s| thousands(as_usize(s.cached_entry_gas))),
                b.shape
                    .map_or("-".into(), |s| thousands(as_usize(s.uncached_entry_gas))),
                status,
            ]
        })
        .collect();
    let mut widths = HEADERS.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.len());
        }
    }

    let mut out = String::new();
    let line = |out: &mut String, cells: [&str; COLUMNS]| {
        let mut text = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                text.push_str(" | ");
            }
            // Names and status to the left, numbers to the right.
            if i == 0 || i == COLUMNS - 1 {
                let _ = write!(text, "{cell:<width$}");
            } else {
                let _ = write!(text, "{cell:>width$}");
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut out, HEADERS);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&rule.join("-|-"));
    out.push('\n');
    for row in &rows {
        line(&mut out, row.each_ref().map(String::as_str));
    }
    let _ = writeln!(
        out,
        "wasm = processed wasm, uncompressed; code = 4-byte Stylus header + brotli stream; \
         the limit ({} bytes) applies to the code.",
        thousands(MAX_CODE_SIZE)
    );
    let (cached_floor, uncached_floor) = floors();
    let _ = writeln!(
        out,
        "entry gas = what a call pays to enter the program (Nitro's init gas, from its shape: \
         data segments, functions, types, wasm bytes); the floor is {} cached, {} uncached.",
        thousands(as_usize(cached_floor)),
        thousands(as_usize(uncached_floor))
    );
    out
}

/// `n` as a `usize` for [`thousands`] (saturating; gas and byte counts fit).
fn as_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// `n` with a comma every three digits.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        build::shape::Shape,
        wasm::{Prepared, checks::Problem},
        workspace::Variant,
    };

    fn row(name: &str, code_len: usize, problems: usize) -> Built {
        Built {
            package: name.into(),
            variant: Variant {
                name: name.into(),
                features: vec![],
            },
            built_wasm_len: 99_999,
            prepared: Prepared {
                wasm: vec![0; 54_321],
                compressed_len: code_len - 4,
                code: vec![0; code_len],
                problems: vec![Problem::new(crate::wasm::checks::Check::Size, "x"); problems],
            },
            shape: Some(Shape {
                data_bytes: 1_024,
                functions: 200,
                cached_entry_gas: 1_234,
                uncached_entry_gas: 15_678,
                memory_pages: 1,
            }),
        }
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(24_576), "24,576");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn renders_a_row_per_artifact() {
        let table = render(&[row("lrt-token", 12_288, 0), row("vault", 30_000, 2)]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 6, "{table}");
        assert!(lines[0].starts_with("contract  | wasm bytes |"), "{table}");
        assert!(lines[2].starts_with("lrt-token |     54,321 |"), "{table}");
        assert!(lines[2].contains(" 12,284 |     12,288 |"), "{table}");
        assert!(lines[2].contains("50.0%"), "{table}");
        assert!(lines[2].ends_with("| ok"), "{table}");
        assert!(
            lines[2].contains("|      1,024 |       200 |            1,234 |             15,678 |"),
            "{table}"
        );
        assert!(lines[3].contains("122.1%"), "{table}");
        assert!(lines[3].ends_with("FAILED (2 problems)"), "{table}");
    }
}
