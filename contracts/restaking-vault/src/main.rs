//! `cargo run --features export-abi`: prints the vault's Solidity interface
//! (`cargo xtask abi` writes it to `abi/RestakingVault.sol`).

fn main() {
    match restaking_vault::solidity_interface() {
        Ok(interface) => print!("{interface}"),
        Err(message) => {
            eprintln!("export-abi: {message}");
            std::process::exit(1);
        }
    }
}
