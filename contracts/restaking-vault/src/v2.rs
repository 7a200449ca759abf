//! The vault's second version, built with the `v2` feature (artifact
//! `restaking-vault-v2`): what an upgrade behind a proxy may do, and what the upgrade tests
//! exercise. It appends one field to the storage (`deposits_since_upgrade`, after every field
//! of the first version, so `cargo xtask layout` accepts it) and adds one view.
//!
//! It is a test build, not a release: the committed ABI and layout are the first version's.

use alloy_primitives::U64;

use crate::{RestakingVault, errors::*};

/// The selector of `depositsSinceUpgrade()`.
pub const DEPOSITS_SINCE_UPGRADE: u32 =
    restaking_common::router::selector("depositsSinceUpgrade()");

impl RestakingVault {
    /// How many deposits (`deposit`, `depositWithMinShares`, `mint`) this version has taken:
    /// zero right after the upgrade, since the first version never wrote the field.
    pub fn deposits_since_upgrade(&self) -> u64 {
        self.deposits_since_upgrade.get().to()
    }

    /// Counts one deposit.
    ///
    /// # Errors
    /// `RestakingVaultMathOverflow` after 2^64 - 1 deposits.
    pub(crate) fn count_deposit(&mut self) -> Result<(), Error> {
        let count = self
            .deposits_since_upgrade
            .get()
            .checked_add(U64::from(1))
            .ok_or_else(overflow)?;
        self.deposits_since_upgrade.set(count);
        Ok(())
    }
}
