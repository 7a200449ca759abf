//! ERC-20 state and its state transitions, in the shape of OpenZeppelin's `ERC20` (v5).
//!
//! Every operation validates its input before it writes, so a rejected call changes nothing
//! even before the revert rolls it back.

use alloc::{string::String, vec, vec::Vec};

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolEvent;
use restaking_common::{abi_words::IntoWord, emit::emit_log, short_string};
use stylus_sdk::{
    prelude::*,
    storage::{StorageB256, StorageMap, StorageU8, StorageU256},
};

use crate::{
    errors::{
        ERC20InsufficientAllowance, ERC20InsufficientBalance, ERC20InvalidApprover,
        ERC20InvalidReceiver, ERC20InvalidSender, ERC20InvalidSpender, Error,
        LrtTokenMetadataTooLong, LrtTokenSupplyOverflow,
    },
    events::{Approval, Transfer},
};

/// Balances, allowances, supply and metadata.
#[storage]
pub struct Erc20 {
    balances: StorageMap<Address, StorageU256>,
    allowances: StorageMap<Address, StorageMap<Address, StorageU256>>,
    total_supply: StorageU256,
    /// The name, packed by [`short_string::pack`].
    name: StorageB256,
    /// The symbol, packed by [`short_string::pack`].
    symbol: StorageB256,
    decimals: StorageU8,
}

impl Erc20 {
    /// Sets name, symbol and decimals (constructor only).
    ///
    /// # Errors
    /// [`LrtTokenMetadataTooLong`] when the name or the symbol is longer than
    /// [`short_string::MAX_LEN`] bytes.
    pub fn init_metadata(&mut self, name: &str, symbol: &str, decimals: u8) -> Result<(), Error> {
        let too_long = |value: &str| {
            Error::MetadataTooLong(LrtTokenMetadataTooLong {
                length: U256::from(value.len()),
            })
        };
        let packed_name = short_string::pack(name).ok_or_else(|| too_long(name))?;
        let packed_symbol = short_string::pack(symbol).ok_or_else(|| too_long(symbol))?;
        self.name.set(packed_name);
        self.symbol.set(packed_symbol);
        self.decimals.set(alloy_primitives::Uint::from(decimals));
        Ok(())
    }

    /// The token's name.
    pub fn name(&self) -> String {
        short_string::unpack(self.name.get())
    }

    /// The token's symbol.
    pub fn symbol(&self) -> String {
        short_string::unpack(self.symbol.get())
    }

    /// The token's decimals.
    pub fn decimals(&self) -> u8 {
        self.decimals.get().byte(0)
    }

    /// Tokens in existence.
    pub fn total_supply(&self) -> U256 {
        self.total_supply.get()
    }

    /// Tokens held by `account`.
    pub fn balance_of(&self, account: Address) -> U256 {
        self.balances.get(account)
    }

    /// Tokens `spender` may still move on behalf of `owner`.
    pub fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.allowances.getter(owner).get(spender)
    }

    /// Moves `value` tokens from `from` to `to`.
    ///
    /// # Errors
    /// [`ERC20InvalidSender`] when `from` is zero; [`ERC20InvalidReceiver`] when `to` is zero;
    /// [`ERC20InsufficientBalance`] when `from` holds less than `value`.
    ///
    /// # Events
    /// [`Transfer`].
    pub fn transfer(&mut self, from: Address, to: Address, value: U256) -> Result<(), Error> {
        if from.is_zero() {
            return Err(Error::InvalidSender(ERC20InvalidSender { sender: from }));
        }
        if to.is_zero() {
            return Err(Error::InvalidReceiver(ERC20InvalidReceiver {
                receiver: to,
            }));
        }
        self.update(from, to, value)
    }

    /// Creates `value` tokens for `to`.
    ///
    /// # Errors
    /// [`ERC20InvalidReceiver`] when `to` is zero; [`LrtTokenSupplyOverflow`] when the supply
    /// would pass `2^256 - 1`.
    ///
    /// # Events
    /// [`Transfer`] from the zero address.
    pub fn mint(&mut self, to: Address, value: U256) -> Result<(), Error> {
        if to.is_zero() {
            return Err(Error::InvalidReceiver(ERC20InvalidReceiver {
                receiver: to,
            }));
        }
        self.update(Address::ZERO, to, value)
    }

    /// Destroys `value` tokens of `from`.
    ///
    /// # Errors
    /// [`ERC20InvalidSender`] when `from` is zero; [`ERC20InsufficientBalance`] when `from`
    /// holds less than `value`.
    ///
    /// # Events
    /// [`Transfer`] to the zero address.
    pub fn burn(&mut self, from: Address, value: U256) -> Result<(), Error> {
        if from.is_zero() {
            return Err(Error::InvalidSender(ERC20InvalidSender { sender: from }));
        }
        self.update(from, Address::ZERO, value)
    }

    /// Sets the allowance of `spender` over `owner`'s tokens to `value`.
    ///
    /// # Errors
    /// [`ERC20InvalidApprover`] when `owner` is zero; [`ERC20InvalidSpender`] when `spender`
    /// is zero.
    ///
    /// # Events
    /// [`Approval`] when `emit_event` (an allowance spent by `transferFrom` emits none, as in
    /// OpenZeppelin v5).
    pub fn approve(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
        emit_event: bool,
    ) -> Result<(), Error> {
        if owner.is_zero() {
            return Err(Error::InvalidApprover(ERC20InvalidApprover {
                approver: owner,
            }));
        }
        if spender.is_zero() {
            return Err(Error::InvalidSpender(ERC20InvalidSpender { spender }));
        }
        self.allowances.setter(owner).insert(spender, value);
        if emit_event {
            emit_log(
                self.vm(),
                &[
                    Approval::SIGNATURE_HASH,
                    owner.into_word(),
                    spender.into_word(),
                ],
                &[value.into_word()],
            );
        }
        Ok(())
    }

    /// Checks that `spender` may move `value` of `owner`'s tokens and lowers the allowance,
    /// except an infinite one (`type(uint256).max`), which is never decremented.
    ///
    /// Only checks; the caller writes the new allowance with [`Erc20::approve`] once every
    /// other check of its operation has passed. Returns the allowance to write, or `None`
    /// when it stays as it is.
    ///
    /// # Errors
    /// [`ERC20InsufficientAllowance`] when the allowance is below `value`.
    pub fn allowance_after_spending(
        &self,
        owner: Address,
        spender: Address,
        value: U256,
    ) -> Result<Option<U256>, Error> {
        let current = self.allowance(owner, spender);
        if current == U256::MAX {
            return Ok(None);
        }
        match current.checked_sub(value) {
            Some(remaining) => Ok(Some(remaining)),
            None => Err(Error::InsufficientAllowance(ERC20InsufficientAllowance {
                spender,
                allowance: current,
                needed: value,
            })),
        }
    }

    /// Moves `value` from `from` to `to`, minting when `from` is zero and burning when `to` is
    /// zero (OpenZeppelin's `_update`).
    fn update(&mut self, from: Address, to: Address, value: U256) -> Result<(), Error> {
        let supply = self.total_supply.get();
        if from.is_zero() {
            let new_supply =
                supply
                    .checked_add(value)
                    .ok_or(Error::SupplyOverflow(LrtTokenSupplyOverflow {
                        totalSupply: supply,
                        amount: value,
                    }))?;
            self.total_supply.set(new_supply);
        } else {
            let from_balance = self.balances.get(from);
            let remaining = from_balance
                .checked_sub(value)
                .ok_or(Error::InsufficientBalance(ERC20InsufficientBalance {
                    sender: from,
                    balance: from_balance,
                    needed: value,
                }))?;
            self.balances.insert(from, remaining);
        }

        if to.is_zero() {
            // Cannot underflow: value <= balance of `from` <= total supply (checked above).
            self.total_supply.set(supply.wrapping_sub(value));
        } else {
            // Cannot overflow: the sum of all balances is the total supply, which is at most
            // 2^256 - 1 (checked on mint).
            let to_balance = self.balances.get(to);
            self.balances.insert(to, to_balance.wrapping_add(value));
        }

        emit_log(
            self.vm(),
            &[Transfer::SIGNATURE_HASH, from.into_word(), to.into_word()],
            &[value.into_word()],
        );
        Ok(())
    }
}
