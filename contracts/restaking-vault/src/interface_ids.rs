//! ERC-165 interface ids the vault implements. The test module derives each id from the
//! function signatures (XOR of the selectors).

use alloy_primitives::{FixedBytes, fixed_bytes};

/// `IERC165`.
pub const IERC165: FixedBytes<4> = fixed_bytes!("0x01ffc9a7");
/// ERC-7575 vault interface (the ERC-4626 functions plus `share()`).
pub const IERC7575: FixedBytes<4> = fixed_bytes!("0x2f0a18c5");
/// ERC-7540 operator methods: `isOperator`, `setOperator`.
pub const IERC7540_OPERATOR: FixedBytes<4> = fixed_bytes!("0xe3bc4e65");
/// ERC-7540 asynchronous redeem: `requestRedeem`, `pendingRedeemRequest`,
/// `claimableRedeemRequest`.
pub const IERC7540_REDEEM: FixedBytes<4> = fixed_bytes!("0x620ee8e4");
/// `IAccessControl`.
pub const IACCESS_CONTROL: FixedBytes<4> = fixed_bytes!("0x7965db0b");

/// Every interface `supportsInterface` answers `true` for.
pub const SUPPORTED: [FixedBytes<4>; 5] = [
    IERC165,
    IERC7575,
    IERC7540_OPERATOR,
    IERC7540_REDEEM,
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
            IERC7575,
            interface_id(&[
                "asset()",
                "share()",
                "convertToShares(uint256)",
                "convertToAssets(uint256)",
                "totalAssets()",
                "maxDeposit(address)",
                "previewDeposit(uint256)",
                "deposit(uint256,address)",
                "maxMint(address)",
                "previewMint(uint256)",
                "mint(uint256,address)",
                "maxWithdraw(address)",
                "previewWithdraw(uint256)",
                "withdraw(uint256,address,address)",
                "maxRedeem(address)",
                "previewRedeem(uint256)",
                "redeem(uint256,address,address)",
            ])
        );
        assert_eq!(
            IERC7540_OPERATOR,
            interface_id(&["isOperator(address,address)", "setOperator(address,bool)"])
        );
        assert_eq!(
            IERC7540_REDEEM,
            interface_id(&[
                "requestRedeem(uint256,address,address)",
                "pendingRedeemRequest(uint256,address)",
                "claimableRedeemRequest(uint256,address)",
            ])
        );
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
