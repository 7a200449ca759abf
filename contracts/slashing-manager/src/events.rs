//! Events of the slashing manager. Role and pause events come from
//! [`restaking_common::access_control`] and [`restaking_common::pausable`].
//!
//! Every parameter of these events is one static ABI word, so each log is written word by word
//! with [`crate::encoding::push`], as [`restaking_common::emit::emit_log`] does (no generic
//! encoder per event type). The [`Event`] impls below list, per event, its indexed parameters
//! (topics after the signature hash) and its other parameters (data), in declaration order;
//! tests decode every log with alloy's `SolEvent::decode_raw_log`, which checks that layout
//! against the declaration.

use stylus_sdk::prelude::*;

restaking_common::sol_items! {
    /// Registry, allocation and slashing events.
    SlashingManagerEvents {
        /// `service` registered with `resolver` (zero: no veto), `vetoDuration` and the
        /// `recipient` of its slashed funds.
        event ServiceRegistered(
            address indexed service,
            address indexed resolver,
            uint64 vetoDuration,
            address recipient
        );

        /// `service` scheduled a new `resolver`, `vetoDuration` and `recipient`, which apply
        /// from `effectiveAt` on (captures at or after it use the new resolver and duration).
        event ServiceUpdateScheduled(
            address indexed service,
            address indexed resolver,
            uint64 vetoDuration,
            address recipient,
            uint64 effectiveAt
        );

        /// `operator` registered.
        event OperatorRegistered(address indexed operator);

        /// `operator` opted in to `service`, from now on.
        event OperatorOptedInService(address indexed operator, address indexed service);

        /// `operator` opted out of `service`; it stays opted in until `effectiveAt`.
        event OperatorOptedOutService(
            address indexed operator,
            address indexed service,
            uint64 effectiveAt
        );

        /// `operator` opted in to `vault`, from now on.
        event OperatorOptedInVault(address indexed operator, address indexed vault);

        /// `operator` opted out of `vault`; it stays opted in until `effectiveAt`.
        event OperatorOptedOutVault(
            address indexed operator,
            address indexed vault,
            uint64 effectiveAt
        );

        /// The curator of `vault` set the allocation to (`service`, `operator`) to `amount`,
        /// effective from `effectiveAt` (now for an increase, later for a decrease).
        event AllocationSet(
            address indexed vault,
            address indexed service,
            address indexed operator,
            uint256 amount,
            uint64 effectiveAt
        );

        /// `service` requested slash `id` of `amount` from `vault` for `operator`'s stake at
        /// `captureTimestamp`; its resolver may veto until `vetoDeadline`.
        event SlashRequested(
            uint256 id,
            address indexed service,
            address indexed operator,
            address indexed vault,
            uint256 amount,
            uint64 captureTimestamp,
            uint64 vetoDeadline
        );

        /// `resolver` vetoed slash `id`.
        event SlashVetoed(uint256 indexed id, address indexed resolver);

        /// The service withdrew slash `id` before it was executed.
        event SlashCancelled(uint256 indexed id);

        /// Slash `id` was executed: the vault sent `slashed` to `recipient`.
        event SlashExecuted(uint256 indexed id, address indexed recipient, uint256 slashed);
    }
}

/// An event the manager logs word by word.
pub trait Event {
    /// Logs the event as the current contract.
    fn emit<H: Host + ?Sized>(&self, host: &H);
}

/// Implements [`Event`] for events of [`SlashingManagerEvents`]: the indexed parameters, then
/// the data parameters, each in declaration order.
macro_rules! event_words {
    ($($event:ident { indexed: [$($topic:ident),*], data: [$($data:ident),*] })*) => {$(
        impl Event for $event {
            fn emit<H: Host + ?Sized>(&self, host: &H) {
                let mut log = alloc::vec::Vec::with_capacity(256);
                log.extend_from_slice(
                    <$event as alloy_sol_types::SolEvent>::SIGNATURE_HASH.as_slice(),
                );
                $(crate::encoding::push(&mut log, &self.$topic);)*
                $(crate::encoding::push(&mut log, &self.$data);)*
                // The signature hash and each indexed parameter.
                let topics = ["signature", $(stringify!($topic)),*].len();
                host.emit_log(&log, topics);
            }
        }
    )*};
}

event_words! {
    ServiceRegistered { indexed: [service, resolver], data: [vetoDuration, recipient] }
    ServiceUpdateScheduled {
        indexed: [service, resolver],
        data: [vetoDuration, recipient, effectiveAt]
    }
    OperatorRegistered { indexed: [operator], data: [] }
    OperatorOptedInService { indexed: [operator, service], data: [] }
    OperatorOptedOutService { indexed: [operator, service], data: [effectiveAt] }
    OperatorOptedInVault { indexed: [operator, vault], data: [] }
    OperatorOptedOutVault { indexed: [operator, vault], data: [effectiveAt] }
    AllocationSet { indexed: [vault, service, operator], data: [amount, effectiveAt] }
    SlashRequested {
        indexed: [service, operator, vault],
        data: [id, amount, captureTimestamp, vetoDeadline]
    }
    SlashVetoed { indexed: [id, resolver], data: [] }
    SlashCancelled { indexed: [id], data: [] }
    SlashExecuted { indexed: [id, recipient], data: [slashed] }
}
