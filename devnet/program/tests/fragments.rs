//! The fragmented-program format (ArbOS 60): roots, fragments, splitting and decoding, and
//! which code is a program or deployable at an ArbOS version.

#![allow(clippy::expect_used, reason = "test helpers fail loudly")]
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

mod common;

use proptest::prelude::*;
use stylus_program::{
    ProgramError,
    code::{encode_program, is_deployable_component, is_program},
    fragments::{
        FRAGMENT_PREFIX, ROOT_PREFIX, SplitProgram, StylusRoot, fragment_payload, is_fragment,
        is_root,
    },
};

fn some_wasm() -> Vec<u8> {
    common::wasm(&common::program("local.get 0", ""))
}

#[test]
fn a_root_encodes_as_stylus_tools_writes_it_and_parses_back() {
    let root = StylusRoot {
        dictionary: 0,
        decompressed_len: 0x0102_0304,
        fragments: vec![[0x11; 20], [0x22; 20]],
    };
    let code = root.encode();
    assert_eq!(
        &code[..8],
        &[0xEF, 0xF0, 0x02, 0x00, 0x01, 0x02, 0x03, 0x04]
    );
    assert_eq!(code.len(), 8 + 40);
    assert_eq!(&code[8..28], &[0x11; 20]);
    assert_eq!(StylusRoot::parse(&code), Ok(root));
}

#[test]
fn malformed_roots_are_refused() {
    assert_eq!(
        StylusRoot::parse(&[0xEF, 0xF0, 0x00, 0x00, 1]),
        Err(ProgramError::NotRoot)
    );
    assert_eq!(
        StylusRoot::parse(&[0xEF, 0xF0, 0x02, 0x00, 0x00]),
        Err(ProgramError::RootTooShort { len: 5 })
    );
    let mut code = StylusRoot {
        dictionary: 0,
        decompressed_len: 10,
        fragments: vec![[1; 20]],
    }
    .encode();
    code.push(0);
    assert_eq!(
        StylusRoot::parse(&code),
        Err(ProgramError::RootAddressData { len: 21 })
    );
    // A header alone names no fragment: it parses, and is refused when checked.
    let empty = StylusRoot::parse(&code[..8]).expect("header only");
    assert_eq!(empty.check_not_empty(), Err(ProgramError::NoFragments));
}

#[test]
fn limits_checked_at_activation() {
    let root = StylusRoot {
        dictionary: 0,
        decompressed_len: 1_000,
        fragments: vec![[1; 20]; 3],
    };
    assert_eq!(
        root.check_limits(999, 3),
        Err(ProgramError::DeclaredTooLarge {
            declared: 1_000,
            max: 999
        })
    );
    assert_eq!(
        root.check_limits(1_000, 2),
        Err(ProgramError::TooManyFragments { max: 2 })
    );
    assert_eq!(root.check_limits(1_000, 3), Ok(()));
}

#[test]
fn prefixes_need_a_byte_after_them() {
    assert!(!is_fragment(&FRAGMENT_PREFIX));
    assert!(is_fragment(&[0xEF, 0xF0, 0x01, 0x00]));
    assert!(!is_root(&ROOT_PREFIX));
    assert!(is_root(&[0xEF, 0xF0, 0x02, 0x00]));
    assert_eq!(
        fragment_payload(&[0xEF, 0xF0, 0x01, 7, 8]),
        Ok(&[7u8, 8][..])
    );
    assert_eq!(
        fragment_payload(&[0xEF, 0xF0, 0x02, 7]),
        Err(ProgramError::NotFragment)
    );
}

#[test]
fn what_is_a_program_and_what_deploys_depends_on_the_arbos_version() {
    let classic = encode_program(&some_wasm());
    let fragment = [0xEF, 0xF0, 0x01, 0x00];
    let root = [0xEF, 0xF0, 0x02, 0x00];
    let evm = [0x60, 0x80];
    for version in [50, 59] {
        assert!(is_program(&classic, version));
        assert!(is_deployable_component(&classic, version));
        for code in [&fragment[..], &root, &evm] {
            assert!(!is_program(code, version));
            assert!(!is_deployable_component(code, version));
        }
    }
    for version in [60, 61] {
        assert!(is_program(&classic, version));
        assert!(is_program(&root, version));
        assert!(!is_program(&fragment, version));
        assert!(is_deployable_component(&fragment, version));
        assert!(is_deployable_component(&root, version));
        assert!(!is_deployable_component(&evm, version));
    }
}

#[test]
fn the_dictionary_is_checked_when_decoding() {
    let split = SplitProgram::new(&some_wasm(), 24_576);
    let codes: Vec<&[u8]> = split.fragments.iter().map(Vec::as_slice).collect();
    let mut root = split.root([[1; 20]]);
    root.dictionary = 1;
    assert_eq!(
        root.decode(codes.clone()),
        Err(ProgramError::UnsupportedDictionary)
    );
    root.dictionary = 9;
    assert_eq!(root.decode(codes), Err(ProgramError::UnknownDictionary(9)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Any WASM split at any size gives fragments no longer than that size, which decode back
    /// to it; a declared length one short or one long is refused.
    #[test]
    fn split_programs_decode_back(
        noise in proptest::collection::vec(any::<u8>(), 0..4_000),
        max_code_size in 4usize..2_000,
    ) {
        let wasm = [some_wasm(), noise].concat();
        let split = SplitProgram::new(&wasm, max_code_size);
        prop_assert!(split.fragments.iter().all(|code| code.len() <= max_code_size && is_fragment(code)));
        let addresses = (0..split.fragments.len()).map(|i| [i as u8; 20]);
        let root = split.root(addresses);
        prop_assert_eq!(root.decompressed_len as usize, wasm.len());
        let codes: Vec<&[u8]> = split.fragments.iter().map(Vec::as_slice).collect();
        prop_assert_eq!(root.decode(codes.clone()).expect("decodes"), wasm.clone());
        let long = StylusRoot { decompressed_len: root.decompressed_len + 1, ..root.clone() };
        let is_length_mismatch = matches!(long.decode(codes.clone()), Err(ProgramError::LengthMismatch { .. }));
        prop_assert!(is_length_mismatch);
        let short = StylusRoot { decompressed_len: root.decompressed_len - 1, ..root };
        let is_too_large = matches!(short.decode(codes), Err(ProgramError::TooLarge { .. }));
        prop_assert!(is_too_large);
    }
}
