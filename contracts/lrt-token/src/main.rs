//! `cargo run --features export-abi`: prints the token's Solidity interface, or with the argument
//! `constructor` its constructor's signature, as `cargo stylus deploy` asks
//! (`cargo xtask abi` writes it to `abi/LrtToken.sol`).

fn main() -> std::process::ExitCode {
    use stylus_sdk::abi::GenerateAbi;
    restaking_common::export_abi::main(
        lrt_token::solidity_interface,
        <lrt_token::LrtToken as GenerateAbi>::fmt_constructor_signature,
    )
}
