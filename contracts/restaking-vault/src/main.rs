//! `cargo run --features export-abi`: prints the vault's Solidity interface, or with the argument
//! `constructor` its constructor's signature, as `cargo stylus deploy` asks
//! (`cargo xtask abi` writes it to `abi/RestakingVault.sol`).

fn main() -> std::process::ExitCode {
    use stylus_sdk::abi::GenerateAbi;
    restaking_common::export_abi::main(
        restaking_vault::solidity_interface,
        <restaking_vault::RestakingVault as GenerateAbi>::fmt_constructor_signature,
    )
}
