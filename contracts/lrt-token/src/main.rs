//! `cargo run --features export-abi`: prints the token's Solidity interface
//! (`cargo xtask abi` writes it to `abi/LrtToken.sol`).

fn main() {
    match lrt_token::solidity_interface() {
        Ok(interface) => print!("{interface}"),
        Err(message) => {
            eprintln!("export-abi: {message}");
            std::process::exit(1);
        }
    }
}
