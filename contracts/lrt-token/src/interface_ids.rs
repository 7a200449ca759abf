//! ERC-165 interface ids the token implements: each the XOR of its functions' selectors
//! (Solidity's `type(I).interfaceId`, which excludes inherited functions). The test module
//! derives every id from the function signatures.

use alloy_primitives::{FixedBytes, fixed_bytes};

/// `IERC165`: `supportsInterface(bytes4)`.
pub const IERC165: FixedBytes<4> = fixed_bytes!("0x01ffc9a7");
/// `IERC20`: the six ERC-20 functions.
pub const IERC20: FixedBytes<4> = fixed_bytes!("0x36372b07");
/// `IERC20Metadata`: `name`, `symbol`, `decimals`.
pub const IERC20_METADATA: FixedBytes<4> = fixed_bytes!("0xa219a025");
/// `IERC20Permit` (EIP-2612): `permit`, `nonces`, `DOMAIN_SEPARATOR`.
pub const IERC20_PERMIT: FixedBytes<4> = fixed_bytes!("0x9d8ff7da");
/// `IERC5267`: `eip712Domain`.
pub const IERC5267: FixedBytes<4> = fixed_bytes!("0x84b0196e");
/// `IAccessControl`: `hasRole`, `getRoleAdmin`, `grantRole`, `revokeRole`, `renounceRole`.
pub const IACCESS_CONTROL: FixedBytes<4> = fixed_bytes!("0x7965db0b");

/// Every interface `supportsInterface` answers `true` for.
pub const SUPPORTED: [FixedBytes<4>; 6] = [
    IERC165,
    IERC20,
    IERC20_METADATA,
    IERC20_PERMIT,
    IERC5267,
    IACCESS_CONTROL,
];

#[cfg(test)]
mod tests {
    use restaking_common::abi_words::interface_id;

    use super::*;

    #[test]
    fn ids_are_the_xor_of_their_selectors() {
        assert_eq!(IERC165, interface_id(&["supportsInterface(bytes4)"]));
        assert_eq!(
            IERC20,
            interface_id(&[
                "totalSupply()",
                "balanceOf(address)",
                "transfer(address,uint256)",
                "allowance(address,address)",
                "approve(address,uint256)",
                "transferFrom(address,address,uint256)",
            ])
        );
        assert_eq!(
            IERC20_METADATA,
            interface_id(&["name()", "symbol()", "decimals()"])
        );
        assert_eq!(
            IERC20_PERMIT,
            interface_id(&[
                "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)",
                "nonces(address)",
                "DOMAIN_SEPARATOR()",
            ])
        );
        assert_eq!(IERC5267, interface_id(&["eip712Domain()"]));
        assert_eq!(
            IACCESS_CONTROL,
            interface_id(&[
                "hasRole(bytes32,address)",
                "getRoleAdmin(bytes32)",
                "grantRole(bytes32,address)",
                "revokeRole(bytes32,address)",
                "renounceRole(bytes32,address)",
            ])
        );
    }
}
