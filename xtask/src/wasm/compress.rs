//! Brotli compression of the processed wasm, with the settings of `cargo stylus`.

use anyhow::{Context, Result};
use brotli::enc::BrotliEncoderParams;

/// Brotli quality: 11, the highest (`stylus-tools`: `BROTLI_COMPRESSION_LEVEL`).
pub const QUALITY: i32 = 11;

/// Brotli window, as log2 of its size in bytes: 22 (4 MiB), brotli's default and what
/// `cargo stylus` gets from its encoder.
pub const WINDOW_LOG2: i32 = 22;

/// Compresses `wasm` into a brotli stream with [`QUALITY`] and [`WINDOW_LOG2`].
///
/// The output is a deterministic function of the input; it may differ byte for byte from
/// what the C brotli library (used by `cargo stylus`) writes, but it decompresses to the
/// same wasm, which is what Nitro activates.
pub fn brotli(wasm: &[u8]) -> Result<Vec<u8>> {
    let params = BrotliEncoderParams {
        quality: QUALITY,
        lgwin: WINDOW_LOG2,
        size_hint: wasm.len(),
        ..BrotliEncoderParams::default()
    };
    let mut compressed = Vec::new();
    brotli::BrotliCompress(&mut &wasm[..], &mut compressed, &params)
        .context("brotli compression failed")?;
    Ok(compressed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::{fixtures, process::process};

    fn decompress(compressed: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &compressed[..], &mut out).unwrap();
        out
    }

    #[test]
    fn compressed_wasm_decompresses_to_the_processed_wasm() {
        let wasm = process(&fixtures::wasm(fixtures::VALID)).unwrap();
        let compressed = brotli(&wasm).unwrap();
        assert_ne!(compressed, wasm);
        assert_eq!(decompress(&compressed), wasm);
    }

    #[test]
    fn compression_is_deterministic_and_shrinks_repetitive_input() {
        let input: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
        let once = brotli(&input).unwrap();
        assert_eq!(brotli(&input).unwrap(), once);
        assert!(once.len() < input.len() / 10, "{} bytes", once.len());
        assert_eq!(decompress(&once), input);
    }
}
