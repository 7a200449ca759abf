//! `cargo run --features export-abi`: prints the manager's Solidity interface
//! (`cargo xtask abi` writes it to `abi/SlashingManager.sol`).

fn main() {
    match slashing_manager::solidity_interface() {
        Ok(interface) => print!("{interface}"),
        Err(message) => {
            eprintln!("export-abi: {message}");
            std::process::exit(1);
        }
    }
}
