//! The contract code size limit.
//!
//! A Stylus contract's code is stored like any contract's, so EIP-170's limit applies to the
//! whole deployable code: the 4-byte header and the brotli stream. Nitro's `MaxCodeSize` is
//! 24,576 bytes (24 KiB) by default; `cargo stylus` checks the same total against it. The
//! uncompressed wasm has its own, far larger, limit, which the compressed one reaches first.

use super::{Check, Problem};

/// The largest deployable code, in bytes: 24 KiB.
pub const MAX_CODE_SIZE: usize = 24_576;

/// A problem when `code_len` (header and brotli stream) exceeds [`MAX_CODE_SIZE`].
pub fn check_code_size(code_len: usize) -> Option<Problem> {
    (code_len > MAX_CODE_SIZE).then(|| {
        Problem::new(
            Check::Size,
            format!(
                "the contract code is {code_len} bytes (4-byte header + brotli stream), {} over \
                 the limit of {MAX_CODE_SIZE}",
                code_len - MAX_CODE_SIZE
            ),
        )
    })
}

/// `code_len` as a percentage of [`MAX_CODE_SIZE`].
pub fn percent_of_limit(code_len: usize) -> f64 {
    // Sizes are far below 2^52: the conversion is exact.
    code_len as f64 * 100.0 / MAX_CODE_SIZE as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_itself_is_allowed_one_byte_more_is_not() {
        assert_eq!(check_code_size(24_576), None);
        let problem = check_code_size(24_577).unwrap();
        assert_eq!(problem.check, Check::Size);
        assert!(problem.message.contains("24577 bytes"), "{problem}");
        assert!(problem.message.contains("1 over"), "{problem}");
        assert_eq!(check_code_size(0), None);
    }

    #[test]
    fn percentage() {
        assert!((percent_of_limit(12_288) - 50.0).abs() < 1e-9);
        assert!((percent_of_limit(MAX_CODE_SIZE) - 100.0).abs() < 1e-9);
    }
}
