//! A slash request as a value, and its six-word storage layout. Host-free.

use alloy_primitives::{Address, U256};

use crate::word;

/// Waiting for its veto deadline or for execution.
pub const PENDING: u8 = 1;
/// Vetoed by its resolver.
pub const VETOED: u8 = 2;
/// Executed by the vault.
pub const EXECUTED: u8 = 3;
/// Withdrawn by its service.
pub const CANCELLED: u8 = 4;

/// One slash request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SlashRequest {
    /// The service that made the request.
    pub service: Address,
    /// The operator whose stake is slashed.
    pub operator: Address,
    /// The vault slashed.
    pub vault: Address,
    /// The service's resolver at the capture; zero means no veto.
    pub resolver: Address,
    /// The amount requested.
    pub amount: U256,
    /// The amount the vault slashed on execution.
    pub slashed: U256,
    /// The capture timestamp.
    pub capture: u64,
    /// The resolver may veto while `now < veto_deadline`.
    pub veto_deadline: u64,
    /// Executable while `veto_deadline <= now < execution_expiry`.
    pub execution_expiry: u64,
    /// [`PENDING`], [`VETOED`], [`EXECUTED`] or [`CANCELLED`].
    pub status: u8,
}

impl SlashRequest {
    /// The storage words: `(service, capture, status)`, `(operator, vetoDeadline)`,
    /// `(vault, executionExpiry)`, `resolver`, `amount`, `slashed` (see [`word`]).
    pub fn to_words(&self) -> [U256; 6] {
        [
            self.status_word(),
            word::pack(self.operator, self.veto_deadline, 0),
            word::pack(self.vault, self.execution_expiry, 0),
            word::pack(self.resolver, 0, 0),
            self.amount,
            self.slashed,
        ]
    }

    /// The first storage word, which holds the status.
    pub fn status_word(&self) -> U256 {
        word::pack(self.service, self.capture, self.status)
    }

    /// The request stored as `words` by [`SlashRequest::to_words`].
    pub fn from_words(words: [U256; 6]) -> Self {
        let [first, second, third, fourth, amount, slashed] = words;
        let (service, capture, status) = word::unpack(first);
        let (operator, veto_deadline, _) = word::unpack(second);
        let (vault, execution_expiry, _) = word::unpack(third);
        let (resolver, _, _) = word::unpack(fourth);
        Self {
            service,
            operator,
            vault,
            resolver,
            amount,
            slashed,
            capture,
            veto_deadline,
            execution_expiry,
            status,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn words_round_trip(
            addresses in any::<[[u8; 20]; 4]>(),
            amounts in any::<[[u8; 32]; 2]>(),
            times in any::<[u64; 3]>(),
            status in any::<u8>(),
        ) {
            let request = SlashRequest {
                service: Address::from(addresses[0]),
                operator: Address::from(addresses[1]),
                vault: Address::from(addresses[2]),
                resolver: Address::from(addresses[3]),
                amount: U256::from_be_bytes(amounts[0]),
                slashed: U256::from_be_bytes(amounts[1]),
                capture: times[0],
                veto_deadline: times[1],
                execution_expiry: times[2],
                status,
            };
            prop_assert_eq!(SlashRequest::from_words(request.to_words()), request);
        }
    }
}
