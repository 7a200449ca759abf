//! The restaking page (app/) in a real browser: the devnet serves the built page and the
//! deployments' manifests on its own origin (as `demo --keep-running` does), the demo's
//! deployments (the ETH vault with its scenario, the ERC-20 vault with permits) run, and `app/test/browser.mjs` walks the page in headless
//! Chromium with the test wallet, two new restakers, and the demo's service slashing the vault.
//! A missing build, Node.js or Chromium fails the test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use restaking_demo as demo;
use restaking_deploy::artifacts;
use stylus_devnet::{Devnet, DevnetConfig};

#[tokio::test]
async fn a_restaker_connects_deposits_transfers_and_switches_accounts_in_chromium() {
    let workspace = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let page_dir = demo::default_page_dir();
    let wallet = workspace.join("app/dist-test/wallet.js");
    assert!(
        page_dir.join("index.html").is_file() && wallet.is_file(),
        "the page is not built: run `cargo xtask build`"
    );
    artifacts::Artifacts::load(&artifacts::default_dir())
        .unwrap_or_else(|error| panic!("{error:#}\n(run `cargo xtask build` first)"));

    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let devnet = Devnet::start(DevnetConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        site: vec![page_dir, site.clone()],
        ..DevnetConfig::default()
    })
    .await
    .unwrap();
    let url = devnet.url();
    let outcome = demo::run(&url, &artifacts::default_dir(), dir.path())
        .await
        .unwrap_or_else(|error| panic!("{error:#}"));
    let token_vault = demo::run_token_vault(&url, &artifacts::default_dir(), dir.path())
        .await
        .unwrap_or_else(|error| panic!("{error:#}"));
    demo::publish_manifests(&[&outcome.manifest_path, &token_vault.manifest_path], &site).unwrap();

    // Screenshots and the Chromium version, kept in the target dir after the run.
    let shots = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("restaking-page");
    let run = tokio::task::spawn_blocking({
        let url = format!("{url}/");
        let shots = shots.clone();
        let workspace = workspace.clone();
        move || {
            Command::new("node")
                .arg(workspace.join("app/test/browser.mjs"))
                .arg(url)
                .arg(shots)
                .current_dir(workspace)
                .output()
                .expect("node runs (is Node.js installed?)")
        }
    })
    .await
    .unwrap();
    devnet.stop().await.unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    println!("{stdout}\n{stderr}\nscreenshots: {}", shots.display());
    assert!(
        run.status.success(),
        "browser test failed:\n{stdout}\n{stderr}"
    );
    let seen: serde_json::Value = serde_json::from_str(stdout.trim().lines().last().unwrap())
        .expect("the browser test prints what it saw");
    assert_eq!(seen["ok"], true);
    assert_eq!(seen["outside"], serde_json::json!([]));
    assert!(seen["chromium"].as_str().is_some_and(|v| !v.is_empty()));
    println!("Chromium {}", seen["chromium"]);
}
