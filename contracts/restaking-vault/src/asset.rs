//! Moving the vault's asset in and out: an ERC-20 token, or native ETH (ERC-7535).
//!
//! ERC-20 transfers accept tokens that return nothing (USDT-style) and reject ones that return
//! `false` or revert; the asset must be a contract (checked at construction), so an empty
//! return is never a call to an account without code. Fee-on-transfer and rebasing tokens are
//! not supported: the vault books the amounts it asked to move.

use alloy_primitives::{Address, U256, address};
use restaking_common::abi_words::{address_word, decode_uint, encode_call, selector, uint_word};
use stylus_sdk::{call::call, prelude::*};

use crate::{
    RestakingVault,
    errors::{
        Error, RestakingVaultAssetTransferFailed, RestakingVaultInvalidValue,
        RestakingVaultNativeTransferFailed,
    },
};

/// ERC-7535: `asset()` of a vault holding native ETH.
pub const NATIVE_ASSET: Address = address!("0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE");

const TRANSFER: [u8; 4] = selector("transfer(address,uint256)");
const TRANSFER_FROM: [u8; 4] = selector("transferFrom(address,address,uint256)");

impl RestakingVault {
    /// Whether the vault holds native ETH.
    pub(crate) fn is_native(&self) -> bool {
        self.asset.get() == NATIVE_ASSET
    }

    /// Checks `msg.value` against a payment of `assets`: equal to it in a native vault, zero
    /// in an ERC-20 vault.
    ///
    /// # Errors
    /// [`RestakingVaultInvalidValue`].
    pub(crate) fn check_value(&self, assets: U256) -> Result<(), Error> {
        let value = self.vm().msg_value();
        let expected = if self.is_native() { assets } else { U256::ZERO };
        if value != expected {
            return Err(Error::InvalidValue(RestakingVaultInvalidValue {
                value,
                expected,
            }));
        }
        Ok(())
    }

    /// Takes `assets` from `from` into the vault. In a native vault the payment came with the
    /// call (checked by [`Self::check_value`]).
    ///
    /// # Errors
    /// [`RestakingVaultAssetTransferFailed`] when the token's `transferFrom` fails.
    pub(crate) fn pull_asset(&mut self, from: Address, assets: U256) -> Result<(), Error> {
        if self.is_native() {
            return Ok(());
        }
        let to = self.vm().contract_address();
        let calldata = encode_call(
            TRANSFER_FROM,
            &[address_word(from), address_word(to), uint_word(assets)],
        );
        self.call_asset(&calldata)
    }

    /// Sends `assets` from the vault to `to`.
    ///
    /// # Errors
    /// [`RestakingVaultAssetTransferFailed`] or [`RestakingVaultNativeTransferFailed`].
    pub(crate) fn push_asset(&mut self, to: Address, assets: U256) -> Result<(), Error> {
        if assets.is_zero() {
            return Ok(());
        }
        if self.is_native() {
            let context = Call::new_payable(self, assets);
            return call(self.vm(), context, to, &[]).map(|_| ()).map_err(|_| {
                Error::NativeTransferFailed(RestakingVaultNativeTransferFailed { to })
            });
        }
        let calldata = encode_call(TRANSFER, &[address_word(to), uint_word(assets)]);
        self.call_asset(&calldata)
    }

    fn call_asset(&mut self, calldata: &[u8]) -> Result<(), Error> {
        let asset = self.asset.get();
        let context = Call::new_mutating(self);
        let failed = || Error::AssetTransferFailed(RestakingVaultAssetTransferFailed { asset });
        let returned = call(self.vm(), context, asset, calldata).map_err(|_| failed())?;
        if returned.is_empty() || decode_uint(&returned) == Some(U256::from(1)) {
            Ok(())
        } else {
            Err(failed())
        }
    }
}
