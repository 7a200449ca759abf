//! Names derived from a contract's package name.

/// The contract name: the package name in UpperCamelCase (`lrt-token` → `LrtToken`,
/// `slashing-manager` → `SlashingManager`). It names `abi/<Name>.sol` and `abi/<Name>.json`.
pub fn contract_name(package: &str) -> String {
    package
        .split(['-', '_'])
        .filter(|word| !word.is_empty())
        .flat_map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars)
        })
        .collect()
}

/// The Solidity interface the exported file must declare: `I<Name>`.
pub fn interface_name(package: &str) -> String {
    format!("I{}", contract_name(package))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_camel_case() {
        assert_eq!(contract_name("lrt-token"), "LrtToken");
        assert_eq!(contract_name("restaking-vault"), "RestakingVault");
        assert_eq!(contract_name("slashing-manager"), "SlashingManager");
        assert_eq!(contract_name("oracle"), "Oracle");
        assert_eq!(contract_name("snake_case-mixed"), "SnakeCaseMixed");
        assert_eq!(interface_name("lrt-token"), "ILrtToken");
    }
}
