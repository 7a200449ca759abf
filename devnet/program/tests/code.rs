//! The deployed code format and the deployment init code.

#![allow(clippy::expect_used, reason = "test helpers fail loudly")]

mod common;

use proptest::prelude::*;
use stylus_program::code::{
    INIT_CODE_PRELUDE_LEN, ProgramError, STYLUS_PREFIX, decode_program, encode_program, init_code,
    is_stylus_code,
};

fn compress(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 5,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("compress");
    out
}

#[test]
fn round_trips_a_program() {
    let wasm = common::wasm(&common::program("local.get 0", ""));
    let code = encode_program(&wasm);
    assert_eq!(&code[..4], &[0xEF, 0xF0, 0x00, 0x00]);
    assert!(is_stylus_code(&code));
    assert_eq!(decode_program(&code, 128 * 1024).expect("decodes"), wasm);
}

#[test]
fn rejects_code_without_the_prefix() {
    assert_eq!(decode_program(&[], 1024), Err(ProgramError::NotStylus));
    assert_eq!(
        decode_program(&STYLUS_PREFIX, 1024),
        Err(ProgramError::NotStylus)
    );
    assert_eq!(
        decode_program(&[0x60, 0x80, 0x60, 0x40], 1024),
        Err(ProgramError::NotStylus)
    );
    assert!(!is_stylus_code(&[0xEF, 0xF0, 0x01, 0x00]));
}

#[test]
fn rejects_dictionaries() {
    let mut code = encode_program(b"\0asm");
    code[3] = 1;
    assert_eq!(
        decode_program(&code, 1024),
        Err(ProgramError::UnsupportedDictionary)
    );
    code[3] = 7;
    assert_eq!(
        decode_program(&code, 1024),
        Err(ProgramError::UnknownDictionary(7))
    );
}

#[test]
fn rejects_malformed_streams() {
    let code = [0xEF, 0xF0, 0x00, 0x00, 0xFF, 0xFF, 0xFF];
    assert!(matches!(
        decode_program(&code, 1024),
        Err(ProgramError::Brotli(_))
    ));
}

#[test]
fn bounds_decompression() {
    // 64 MiB of zeros compress to a few bytes; decoding must stop at the limit.
    let bomb = vec![0u8; 64 << 20];
    let mut code = vec![0xEF, 0xF0, 0x00, 0x00];
    code.extend(compress(&bomb));
    assert!(code.len() < 1024);
    assert_eq!(
        decode_program(&code, 128 * 1024),
        Err(ProgramError::TooLarge { max: 128 * 1024 })
    );
    // Exactly at the limit is fine.
    let mut exact = vec![0xEF, 0xF0, 0x00, 0x00];
    exact.extend(compress(&[7u8; 1000]));
    assert_eq!(decode_program(&exact, 1000).expect("fits").len(), 1000);
    assert!(matches!(
        decode_program(&exact, 999),
        Err(ProgramError::TooLarge { .. })
    ));
}

#[test]
fn init_code_layout() {
    let code = encode_program(b"\0asm\x01\0\0\0");
    let init = init_code(&code);
    assert_eq!(init.len(), INIT_CODE_PRELUDE_LEN + code.len());
    // PUSH32 <len as 32-byte big endian>
    assert_eq!(init[0], 0x7F);
    let mut len = [0u8; 32];
    len[24..].copy_from_slice(&(code.len() as u64).to_be_bytes());
    assert_eq!(&init[1..33], &len);
    // DUP1, PUSH1 43, PUSH1 0, CODECOPY, PUSH1 0, RETURN, version 0
    assert_eq!(
        &init[33..43],
        &[0x80, 0x60, 0x2B, 0x60, 0x00, 0x39, 0x60, 0x00, 0xF3, 0x00]
    );
    assert_eq!(&init[43..], &code[..]);
}

#[test]
fn init_code_of_a_large_program_encodes_its_length() {
    let code = vec![0xAB; 0x1_2345];
    let init = init_code(&code);
    assert_eq!(&init[30..33], &[0x01, 0x23, 0x45]);
    assert!(init[1..30].iter().all(|byte| *byte == 0));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn decode_inverts_encode(data in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let code = encode_program(&data);
        prop_assert_eq!(decode_program(&code, 4096).expect("decodes"), data);
    }

    #[test]
    fn decode_never_exceeds_the_limit(data in proptest::collection::vec(any::<u8>(), 0..4096), max in 0usize..4096) {
        let code = encode_program(&data);
        match decode_program(&code, max) {
            Ok(wasm) => prop_assert!(wasm.len() <= max && wasm == data),
            Err(err) => prop_assert_eq!(err, ProgramError::TooLarge { max }),
        }
    }
}
