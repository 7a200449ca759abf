//! Pause switches per flow.
//!
//! A contract names its flows (for the vault: deposit, redeem request, claim) with `u8`
//! numbers, each a bit of one storage word, and guards each entry point with
//! [`Pausable::require_not_paused`]. Who may pause and unpause is the embedding contract's
//! decision (a pauser role pauses, the admin unpauses).

use alloc::{vec, vec::Vec};

use crate::{abi_words::IntoWord, emit::emit_log};
use alloy_primitives::U256;
use alloy_sol_types::SolEvent;
use stylus_sdk::{prelude::*, storage::StorageU256};

crate::sol_items! {
    /// Events and errors of this component.
    PausableItems {
        /// Emitted when `account` pauses `flow`.
        event Paused(address indexed account, uint8 indexed flow);

        /// Emitted when `account` unpauses `flow`.
        event Unpaused(address indexed account, uint8 indexed flow);

        /// The flow is paused.
        error EnforcedPause(uint8 flow);

        /// The flow was expected to be paused and is not.
        error ExpectedPause(uint8 flow);
    }
}

/// Errors of the [`Pausable`] component.
#[derive(SolidityError, Debug, PartialEq)]
pub enum Error {
    /// The flow is paused.
    EnforcedPause(EnforcedPause),
    /// The flow is not paused.
    ExpectedPause(ExpectedPause),
}

/// One pause bit per flow.
#[storage]
pub struct Pausable {
    paused_flows: StorageU256,
}

impl Pausable {
    /// Whether `flow` is paused.
    pub fn is_paused(&self, flow: u8) -> bool {
        self.paused_flows.get().bit(usize::from(flow))
    }

    /// Succeeds when `flow` is not paused.
    ///
    /// # Errors
    /// [`EnforcedPause`] when it is.
    pub fn require_not_paused(&self, flow: u8) -> Result<(), Error> {
        if self.is_paused(flow) {
            return Err(Error::EnforcedPause(EnforcedPause { flow }));
        }
        Ok(())
    }

    /// Pauses `flow`. The caller's authority is checked by the embedding contract.
    ///
    /// # Errors
    /// [`EnforcedPause`] when the flow is already paused.
    ///
    /// # Events
    /// [`Paused`].
    pub fn pause(&mut self, flow: u8) -> Result<(), Error> {
        self.require_not_paused(flow)?;
        self.set_flow(flow, true);
        let account = self.vm().msg_sender();
        emit_log(
            self.vm(),
            &[
                Paused::SIGNATURE_HASH,
                account.into_word(),
                flow.into_word(),
            ],
            &[],
        );
        Ok(())
    }

    /// Unpauses `flow`. The caller's authority is checked by the embedding contract.
    ///
    /// # Errors
    /// [`ExpectedPause`] when the flow is not paused.
    ///
    /// # Events
    /// [`Unpaused`].
    pub fn unpause(&mut self, flow: u8) -> Result<(), Error> {
        if !self.is_paused(flow) {
            return Err(Error::ExpectedPause(ExpectedPause { flow }));
        }
        self.set_flow(flow, false);
        let account = self.vm().msg_sender();
        emit_log(
            self.vm(),
            &[
                Unpaused::SIGNATURE_HASH,
                account.into_word(),
                flow.into_word(),
            ],
            &[],
        );
        Ok(())
    }

    fn set_flow(&mut self, flow: u8, paused: bool) {
        let mut flows: U256 = self.paused_flows.get();
        flows.set_bit(usize::from(flow), paused);
        self.paused_flows.set(flows);
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{Address, B256, address};
    use alloy_sol_types::SolEvent;
    use stylus_sdk::testing::TestVM;

    use super::*;

    const PAUSER: Address = address!("0x00000000000000000000000000000000000000a1");

    #[test]
    fn flows_pause_independently() {
        let vm = TestVM::default();
        vm.set_sender(PAUSER);
        let mut pausable = Pausable::from(&vm);
        pausable.pause(1).unwrap();
        assert!(pausable.is_paused(1));
        assert!(!pausable.is_paused(0));
        assert!(!pausable.is_paused(2));
        assert_eq!(
            pausable.require_not_paused(1),
            Err(Error::EnforcedPause(EnforcedPause { flow: 1 }))
        );
        assert_eq!(pausable.require_not_paused(0), Ok(()));
        let (topics, _) = vm.get_emitted_logs().last().unwrap().clone();
        assert_eq!(topics[0], Paused::SIGNATURE_HASH);
        assert_eq!(topics[1], PAUSER.into_word());
        assert_eq!(topics[2], B256::from(U256::from(1)));
    }

    #[test]
    fn pausing_twice_or_unpausing_a_running_flow_is_rejected() {
        let vm = TestVM::default();
        let mut pausable = Pausable::from(&vm);
        assert_eq!(
            pausable.unpause(u8::MAX),
            Err(Error::ExpectedPause(ExpectedPause { flow: u8::MAX }))
        );
        pausable.pause(u8::MAX).unwrap();
        let logs = vm.get_emitted_logs().len();
        assert_eq!(
            pausable.pause(u8::MAX),
            Err(Error::EnforcedPause(EnforcedPause { flow: u8::MAX }))
        );
        assert_eq!(vm.get_emitted_logs().len(), logs);
        pausable.unpause(u8::MAX).unwrap();
        assert!(!pausable.is_paused(u8::MAX));
        assert_eq!(
            vm.get_emitted_logs().last().unwrap().0[0],
            Unpaused::SIGNATURE_HASH
        );
    }
}
