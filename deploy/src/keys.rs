//! The deployer's key: from the `DEPLOYER_PRIVATE_KEY` environment variable or an encrypted
//! keystore (Web3 Secret Storage, as geth, foundry's `cast wallet` and MetaMask export);
//! never from a command-line flag, which would land in shell history and `ps`.

use std::path::Path;

use alloy_signer_local::PrivateKeySigner;
use anyhow::{Context, bail};

/// The environment variable holding a hex private key.
pub const KEY_ENV: &str = "DEPLOYER_PRIVATE_KEY";
/// The environment variable holding the keystore's password.
pub const PASSWORD_ENV: &str = "DEPLOYER_KEYSTORE_PASSWORD";

/// Parses a hex private key (with or without `0x`).
pub fn from_hex(key: &str) -> anyhow::Result<PrivateKeySigner> {
    key.trim()
        .parse::<PrivateKeySigner>()
        .map_err(|_| anyhow::anyhow!("{KEY_ENV} is not a 32-byte hex private key"))
}

/// The signer: the keystore when given (password from `password_file`, else
/// `DEPLOYER_KEYSTORE_PASSWORD`, else asked on the terminal), else `DEPLOYER_PRIVATE_KEY`.
pub fn load(
    keystore: Option<&Path>,
    password_file: Option<&Path>,
) -> anyhow::Result<PrivateKeySigner> {
    if let Some(path) = keystore {
        let password = match password_file {
            Some(file) => std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?
                .trim_end_matches(['\r', '\n'])
                .to_string(),
            None => match std::env::var(PASSWORD_ENV) {
                Ok(password) => password,
                Err(_) => prompt(&format!("password for {}: ", path.display()))?,
            },
        };
        return PrivateKeySigner::decrypt_keystore(path, password)
            .map_err(|error| anyhow::anyhow!("cannot decrypt {}: {error}", path.display()));
    }
    match std::env::var(KEY_ENV) {
        Ok(key) => from_hex(&key),
        Err(_) => bail!(
            "no key: set {KEY_ENV} (hex private key) or pass --keystore PATH (password from {PASSWORD_ENV}, --password-file or the terminal)"
        ),
    }
}

/// Reads a line from the terminal (shown as typed: no terminal-control dependency).
fn prompt(question: &str) -> anyhow::Result<String> {
    use std::io::Write;
    eprint!("{question}");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
