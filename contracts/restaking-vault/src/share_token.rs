//! Calls to the share token (the LRT): the vault mints and burns through its minter role.

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use restaking_common::abi_words::{address_word, decode_uint, encode_call, selector, uint_word};
use stylus_sdk::{
    call::{call, static_call},
    prelude::*,
};

use crate::{
    RestakingVault,
    errors::{Error, RestakingVaultShareTokenCallFailed},
};

const MINT: [u8; 4] = selector("mint(address,uint256)");
const BURN_FROM: [u8; 4] = selector("burnFrom(address,address,uint256)");
const BALANCE_OF: [u8; 4] = selector("balanceOf(address)");
const ALLOWANCE: [u8; 4] = selector("allowance(address,address)");

impl RestakingVault {
    fn share_call_failed(&self) -> Error {
        Error::ShareTokenCallFailed(RestakingVaultShareTokenCallFailed {
            share: self.share.get(),
        })
    }

    fn call_share(&mut self, calldata: &[u8]) -> Result<Vec<u8>, Error> {
        let share = self.share.get();
        let context = Call::new_mutating(self);
        call(self.vm(), context, share, calldata).map_err(|_| self.share_call_failed())
    }

    fn read_share(&self, calldata: &[u8]) -> Result<U256, Error> {
        static_call(self.vm(), Call::new(), self.share.get(), calldata)
            .ok()
            .and_then(|returned| decode_uint(&returned))
            .ok_or_else(|| self.share_call_failed())
    }

    /// Mints `shares` to `to`.
    pub(crate) fn mint_shares(&mut self, to: Address, shares: U256) -> Result<(), Error> {
        self.call_share(&encode_call(MINT, &[address_word(to), uint_word(shares)]))
            .map(|_| ())
    }

    /// Burns `shares` of `owner` on behalf of `spender` (the token spends `spender`'s
    /// allowance unless it is `owner`).
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

    /// The share balance of `owner`.
    pub(crate) fn share_balance(&self, owner: Address) -> Result<U256, Error> {
        self.read_share(&encode_call(BALANCE_OF, &[address_word(owner)]))
    }

    /// The share allowance `owner` gave `spender`.
    pub(crate) fn share_allowance(&self, owner: Address, spender: Address) -> Result<U256, Error> {
        self.read_share(&encode_call(
            ALLOWANCE,
            &[address_word(owner), address_word(spender)],
        ))
    }
}
