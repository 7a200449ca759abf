//! `cargo run --features export-abi`: prints the manager's Solidity interface, or with the argument
//! `constructor` its constructor's signature, as `cargo stylus deploy` asks
//! (`cargo xtask abi` writes it to `abi/SlashingManager.sol`).

fn main() -> std::process::ExitCode {
    use stylus_sdk::abi::GenerateAbi;
    restaking_common::export_abi::main(
        slashing_manager::solidity_interface,
        <slashing_manager::SlashingManager as GenerateAbi>::fmt_constructor_signature,
    )
}
