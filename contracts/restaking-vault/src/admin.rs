//! The vault's administration: deposit cap, minimum deposit, fee, treasury, and the
//! per-flow pause. Compiled into the redemption program with [`crate::redemptions`] and
//! reached through the vault's fallback in the same way, to keep the vault program small;
//! these functions are rare and gas-insensitive.

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use restaking_common::access_control::DEFAULT_ADMIN_ROLE;
use stylus_sdk::prelude::*;

use crate::{PAUSER_ROLE, RestakingVault, check_flow, errors::*};

/// Configuration and pause switches of the vault.
#[public]
// The macro adds an undocumented helper method to the trait.
#[allow(missing_docs)]
pub trait IVaultAdmin {
    /// Sets the deposit cap. Only the admin.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`.
    ///
    /// # Events
    /// `DepositCapSet`.
    fn set_deposit_cap(&mut self, cap: U256) -> Result<(), Error>;

    /// Sets the minimum deposit (at least 1). Only the admin.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`, `RestakingVaultZeroAmount`.
    ///
    /// # Events
    /// `MinDepositSet`.
    fn set_min_deposit(&mut self, min_deposit: U256) -> Result<(), Error>;

    /// Sets the protocol fee on rewards (at most 20%). Only the admin.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`, `RestakingVaultFeeTooHigh`.
    ///
    /// # Events
    /// `FeeSet`.
    fn set_fee(&mut self, fee_bps: u16) -> Result<(), Error>;

    /// Sets the treasury. Only the admin.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`, `RestakingVaultZeroAddress`.
    ///
    /// # Events
    /// `TreasurySet`.
    fn set_treasury(&mut self, treasury: Address) -> Result<(), Error>;

    /// Pauses `flow`. Only `PAUSER_ROLE`.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`, `RestakingVaultUnknownFlow`, `EnforcedPause`.
    ///
    /// # Events
    /// `Paused`.
    fn pause(&mut self, flow: u8) -> Result<(), Error>;

    /// Unpauses `flow`. Only the admin.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`, `RestakingVaultUnknownFlow`, `ExpectedPause`.
    ///
    /// # Events
    /// `Unpaused`.
    fn unpause(&mut self, flow: u8) -> Result<(), Error>;
}

#[public]
impl IVaultAdmin for RestakingVault {
    fn set_deposit_cap(&mut self, cap: U256) -> Result<(), Error> {
        self.roles.only_role(DEFAULT_ADMIN_ROLE)?;
        self.write_deposit_cap(cap);
        Ok(())
    }

    fn set_min_deposit(&mut self, min_deposit: U256) -> Result<(), Error> {
        self.roles.only_role(DEFAULT_ADMIN_ROLE)?;
        if min_deposit.is_zero() {
            return Err(Error::ZeroAmount(RestakingVaultZeroAmount {}));
        }
        self.write_min_deposit(min_deposit);
        Ok(())
    }

    fn set_fee(&mut self, fee_bps: u16) -> Result<(), Error> {
        self.roles.only_role(DEFAULT_ADMIN_ROLE)?;
        self.check_fee(fee_bps)?;
        self.write_fee(fee_bps);
        Ok(())
    }

    fn set_treasury(&mut self, treasury: Address) -> Result<(), Error> {
        self.roles.only_role(DEFAULT_ADMIN_ROLE)?;
        if treasury.is_zero() {
            return Err(Error::ZeroAddress(RestakingVaultZeroAddress {}));
        }
        self.write_treasury(treasury);
        Ok(())
    }

    fn pause(&mut self, flow: u8) -> Result<(), Error> {
        self.roles.only_role(PAUSER_ROLE)?;
        check_flow(flow)?;
        Ok(self.pausable.pause(flow)?)
    }

    fn unpause(&mut self, flow: u8) -> Result<(), Error> {
        self.roles.only_role(DEFAULT_ADMIN_ROLE)?;
        check_flow(flow)?;
        Ok(self.pausable.unpause(flow)?)
    }
}
