//! The project's real deployable programs decode and activate.

use std::path::PathBuf;

use stylus_program::{StylusParams, activate, decode_program};

const PROGRAMS: [&str; 4] = [
    "lrt-token",
    "restaking-vault",
    "restaking-vault-redemptions",
    "slashing-manager",
];

fn artifact(name: &str) -> Vec<u8> {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../artifacts/"))
        .join(format!("{name}.code"));
    std::fs::read(&path).unwrap_or_else(|err| {
        panic!(
            "cannot read {}: {err}; run `cargo xtask build` first",
            path.display()
        )
    })
}

#[test]
fn every_artifact_decodes_and_activates() {
    let params = StylusParams::default();
    for name in PROGRAMS {
        let code = artifact(name);
        let wasm = decode_program(&code, params.max_wasm_size as usize)
            .unwrap_or_else(|err| panic!("{name}: {err}"));
        let activated = activate(&wasm, &params).unwrap_or_else(|err| panic!("{name}: {err}"));
        wasmparser::Validator::new()
            .validate_all(&activated.instrumented)
            .unwrap_or_else(|err| panic!("{name}: instrumented module invalid: {err}"));
        let engine = wasmi::Engine::default();
        wasmi::Module::new(&engine, &activated.instrumented)
            .unwrap_or_else(|err| panic!("{name}: wasmi rejects the module: {err}"));
        println!(
            "{name}: {} bytes of wasm, {:?}, activation gas {}",
            wasm.len(),
            activated.info,
            activated.activation_gas
        );
        assert!(activated.info.footprint >= 1, "{name}");
        assert!(activated.info.init_cost > 0, "{name}");
    }
}

#[test]
fn artifacts_match_their_wasm() {
    for name in PROGRAMS {
        let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../artifacts/"))
            .join(format!("{name}.wasm"));
        let Ok(wasm) = std::fs::read(&path) else {
            panic!(
                "cannot read {}; run `cargo xtask build` first",
                path.display()
            )
        };
        let decoded = decode_program(&artifact(name), 128 * 1024).expect("decodes");
        assert_eq!(decoded, wasm, "{name}");
    }
}
