//! `cargo run --features export-abi`: prints the token's Solidity interface
//! (`cargo xtask abi` writes it to `abi/LrtToken.sol`).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]

#[cfg(not(any(test, feature = "export-abi")))]
#[unsafe(no_mangle)]
pub extern "C" fn main() {}

#[cfg(feature = "export-abi")]
fn main() {
    match lrt_token::solidity_interface() {
        Ok(interface) => print!("{interface}"),
        Err(message) => {
            eprintln!("export-abi: {message}");
            std::process::exit(1);
        }
    }
}
