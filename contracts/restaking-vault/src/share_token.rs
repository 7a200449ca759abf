//! Calls to the share token (the LRT): the vault mints and burns through its minter role.

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use restaking_common::abi_words::{address_word, decode_uint, encode_call, selector, uint_word};
use stylus_sdk::{call::call, prelude::*};

use crate::{
    RestakingVault,
    errors::{
        Error, RestakingVaultInsufficientAllowance, RestakingVaultInsufficientShares,
        RestakingVaultShareTokenCallFailed,
    },
};

const MINT: [u8; 4] = selector("mint(address,uint256)");
const BURN_FROM: [u8; 4] = selector("burnFrom(address,address,uint256)");
/// EIP-6093 errors of the LRT's `burnFrom`.
const INSUFFICIENT_BALANCE: [u8; 4] = selector("ERC20InsufficientBalance(address,uint256,uint256)");
const INSUFFICIENT_ALLOWANCE: [u8; 4] =
    selector("ERC20InsufficientAllowance(address,uint256,uint256)");

impl RestakingVault {
    fn share_call_failed(&self) -> Error {
        Error::ShareTokenCallFailed(RestakingVaultShareTokenCallFailed {
            share: self.share.get(),
        })
    }

    /// Calls the LRT. A refusal the vault knows (the EIP-6093 errors of `burnFrom`, see
    /// [`burn_refusal`]) comes back as the vault's own error, any other failure as
    /// `RestakingVaultShareTokenCallFailed`.
    fn call_share(&mut self, calldata: &[u8]) -> Result<Vec<u8>, Error> {
        let share = self.share.get();
        let context = Call::new_mutating(self);
        call(self.vm(), context, share, calldata).map_err(|error| {
            match error {
                stylus_sdk::stylus_core::calls::errors::Error::Revert(data) => burn_refusal(&data),
                stylus_sdk::stylus_core::calls::errors::Error::AbiDecodingFailed(_) => None,
            }
            .unwrap_or_else(|| self.share_call_failed())
        })
    }

    /// Mints `shares` to `to`.
    pub(crate) fn mint_shares(&mut self, to: Address, shares: U256) -> Result<(), Error> {
        self.call_share(&encode_call(MINT, &[address_word(to), uint_word(shares)]))
            .map(|_| ())
    }

    /// Burns `shares` of `owner` on behalf of `spender` (the token spends `spender`'s
    /// allowance unless it is `owner`): the request's one call into the LRT. The token checks
    /// the balance, then the allowance; its refusals come back as the vault's own errors.
    ///
    /// # Errors
    /// `RestakingVaultInsufficientShares` for the token's `ERC20InsufficientBalance`,
    /// `RestakingVaultInsufficientAllowance` for its `ERC20InsufficientAllowance`,
    /// `RestakingVaultShareTokenCallFailed` for any other failure.
    pub(crate) fn burn_shares(
        &mut self,
        owner: Address,
        spender: Address,
        shares: U256,
    ) -> Result<(), Error> {
        self.call_share(&encode_call(
            BURN_FROM,
            &[
                address_word(owner),
                address_word(spender),
                uint_word(shares),
            ],
        ))
        .map(|_| ())
    }
}

/// The vault's error for the LRT's refusal of a burn (`data`, its revert data): EIP-6093's
/// `ERC20InsufficientBalance(sender, balance, needed)` and
/// `ERC20InsufficientAllowance(spender, allowance, needed)`; `None` for anything else.
fn burn_refusal(data: &[u8]) -> Option<Error> {
    let (selector, rest) = data.split_first_chunk::<4>()?;
    let (account, rest) = rest.split_first_chunk::<32>()?;
    let (amount, needed) = rest.split_first_chunk::<32>()?;
    if needed.len() != 32 {
        return None;
    }
    let account = Address::from_word(alloy_primitives::B256::from(*account));
    let (amount, needed) = (decode_uint(amount)?, decode_uint(needed)?);
    if *selector == INSUFFICIENT_BALANCE {
        Some(Error::InsufficientShares(
            RestakingVaultInsufficientShares {
                owner: account,
                balance: amount,
                needed,
            },
        ))
    } else if *selector == INSUFFICIENT_ALLOWANCE {
        Some(Error::InsufficientAllowance(
            RestakingVaultInsufficientAllowance {
                spender: account,
                allowance: amount,
                needed,
            },
        ))
    } else {
        None
    }
}
