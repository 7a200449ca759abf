//! The size table printed by `cargo xtask build`.

use std::fmt::Write as _;

use super::Built;
use crate::wasm::checks::size::{MAX_CODE_SIZE, percent_of_limit};

const HEADERS: [&str; 6] = [
    "contract",
    "wasm bytes",
    "compressed bytes",
    "code bytes",
    "% of limit",
    "status",
];

/// The table, one row per artifact, with a note on what the columns measure.
pub fn render(built: &[Built]) -> String {
    let rows: Vec<[String; 6]> = built
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
    let line = |out: &mut String, cells: [&str; 6]| {
        let mut text = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                text.push_str(" | ");
            }
            // Names and status to the left, numbers to the right.
            if i == 0 || i == 5 {
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
    out
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
        assert_eq!(lines.len(), 5, "{table}");
        assert!(lines[0].starts_with("contract  | wasm bytes |"), "{table}");
        assert!(lines[2].starts_with("lrt-token |     54,321 |"), "{table}");
        assert!(lines[2].contains(" 12,284 |     12,288 |"), "{table}");
        assert!(lines[2].contains("50.0%"), "{table}");
        assert!(lines[2].ends_with("| ok"), "{table}");
        assert!(lines[3].contains("122.1%"), "{table}");
        assert!(lines[3].ends_with("FAILED (2 problems)"), "{table}");
    }
}
