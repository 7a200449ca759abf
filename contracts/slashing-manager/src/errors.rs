//! Errors of the slashing manager: its own, and those of the shared components it embeds,
//! gathered in one [`Error`].
//!
//! The revert data of [`Error`] is the selector and one word per parameter, written directly
//! (as [`restaking_common::contract_errors!`] does, but through the shared, non-inlined
//! [`crate::encoding::push`]: 1.3 KiB less WASM for this many errors); a test checks every variant against
//! alloy's encoding. The `export-abi` build derives `SolidityError` to list the errors in the
//! exported interface.

use alloy_primitives::Address;
use restaking_common::{
    access_control::{
        self, AccessControlBadConfirmation, AccessControlLastAdmin,
        AccessControlUnauthorizedAccount, AccessControlZeroAddress,
    },
    initializable::InvalidInitialization,
    pausable::{self, EnforcedPause, ExpectedPause},
};

restaking_common::sol_items! {
    /// Slashing manager errors.
    SlashingManagerErrors {
        /// The constructor's delays are inconsistent (see `docs/SlashingManager.md`).
        error SlashingManagerInvalidTiming();

        /// `service` is already registered.
        error SlashingManagerServiceAlreadyRegistered(address service);

        /// `service` is not a registered service.
        error SlashingManagerUnknownService(address service);

        /// `vetoDuration` exceeds the deployment's `maxVetoDuration`.
        error SlashingManagerVetoDurationTooLong(uint64 vetoDuration, uint64 maxVetoDuration);

        /// Slashed funds cannot go to `recipient` (the zero address).
        error SlashingManagerInvalidRecipient(address recipient);

        /// `operator` is already registered.
        error SlashingManagerOperatorAlreadyRegistered(address operator);

        /// `operator` is not a registered operator.
        error SlashingManagerUnknownOperator(address operator);

        /// `vault` (the zero address) is not a vault.
        error SlashingManagerInvalidVault(address vault);

        /// `operator` is already opted in to `target` (a service or a vault).
        error SlashingManagerAlreadyOptedIn(address operator, address target);

        /// `operator` was not opted in to `target` at `timestamp`.
        error SlashingManagerNotOptedIn(address operator, address target, uint64 timestamp);

        /// `operator` already opted out of `target`; that takes effect at `effectiveAt`.
        error SlashingManagerOptOutPending(address operator, address target, uint64 effectiveAt);

        /// `account` does not hold the curator role of `vault`.
        error SlashingManagerNotCurator(address vault, address account);

        /// An allocation of `amount` exceeds the largest storable, `maxAmount` (2^192 - 1).
        error SlashingManagerAllocationTooLarge(uint256 amount, uint256 maxAmount);

        /// `vault` reverted or answered with data that does not decode.
        error SlashingManagerVaultCallFailed(address vault);

        /// A slash of zero.
        error SlashingManagerZeroAmount();

        /// `captureTimestamp` is in the future.
        error SlashingManagerCaptureInFuture(uint64 captureTimestamp);

        /// `captureTimestamp` is older than `oldestCapture`, the oldest whose stake the vault
        /// is sure to hold until the veto deadline.
        error SlashingManagerCaptureTooOld(uint64 captureTimestamp, uint64 oldestCapture);

        /// Only `slashable` may still be requested; the request needs `needed`.
        error SlashingManagerInsufficientSlashableStake(uint256 slashable, uint256 needed);

        /// No slash request has `id`.
        error SlashingManagerUnknownRequest(uint256 id);

        /// Slash request `id` was already executed.
        error SlashingManagerAlreadyExecuted(uint256 id);

        /// Slash request `id` was vetoed.
        error SlashingManagerAlreadyVetoed(uint256 id);

        /// Slash request `id` was cancelled.
        error SlashingManagerAlreadyCancelled(uint256 id);

        /// `account` is not the resolver of slash request `id`.
        error SlashingManagerNotResolver(uint256 id, address account);

        /// `account` is not the service that made slash request `id`.
        error SlashingManagerNotRequester(uint256 id, address account);

        /// The veto window of slash request `id` has closed.
        error SlashingManagerVetoWindowClosed(uint256 id);

        /// Slash request `id` can be vetoed until `vetoDeadline`; it executes from then on.
        error SlashingManagerVetoWindowOpen(uint256 id, uint64 vetoDeadline);

        /// Slash request `id` could be executed only until `executionExpiry`.
        error SlashingManagerRequestExpired(uint256 id, uint64 executionExpiry);

        /// A timestamp or total would not fit its type.
        error SlashingManagerArithmeticOverflow();
    }
}

/// Every error the slashing manager returns.
#[cfg_attr(feature = "export-abi", derive(stylus_sdk::prelude::SolidityError))]
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// See [`SlashingManagerInvalidTiming`].
    InvalidTiming(SlashingManagerInvalidTiming),
    /// See [`SlashingManagerServiceAlreadyRegistered`].
    ServiceAlreadyRegistered(SlashingManagerServiceAlreadyRegistered),
    /// See [`SlashingManagerUnknownService`].
    UnknownService(SlashingManagerUnknownService),
    /// See [`SlashingManagerVetoDurationTooLong`].
    VetoDurationTooLong(SlashingManagerVetoDurationTooLong),
    /// See [`SlashingManagerInvalidRecipient`].
    InvalidRecipient(SlashingManagerInvalidRecipient),
    /// See [`SlashingManagerOperatorAlreadyRegistered`].
    OperatorAlreadyRegistered(SlashingManagerOperatorAlreadyRegistered),
    /// See [`SlashingManagerUnknownOperator`].
    UnknownOperator(SlashingManagerUnknownOperator),
    /// See [`SlashingManagerInvalidVault`].
    InvalidVault(SlashingManagerInvalidVault),
    /// See [`SlashingManagerAlreadyOptedIn`].
    AlreadyOptedIn(SlashingManagerAlreadyOptedIn),
    /// See [`SlashingManagerNotOptedIn`].
    NotOptedIn(SlashingManagerNotOptedIn),
    /// See [`SlashingManagerOptOutPending`].
    OptOutPending(SlashingManagerOptOutPending),
    /// See [`SlashingManagerNotCurator`].
    NotCurator(SlashingManagerNotCurator),
    /// See [`SlashingManagerAllocationTooLarge`].
    AllocationTooLarge(SlashingManagerAllocationTooLarge),
    /// See [`SlashingManagerVaultCallFailed`].
    VaultCallFailed(SlashingManagerVaultCallFailed),
    /// See [`SlashingManagerZeroAmount`].
    ZeroAmount(SlashingManagerZeroAmount),
    /// See [`SlashingManagerCaptureInFuture`].
    CaptureInFuture(SlashingManagerCaptureInFuture),
    /// See [`SlashingManagerCaptureTooOld`].
    CaptureTooOld(SlashingManagerCaptureTooOld),
    /// See [`SlashingManagerInsufficientSlashableStake`].
    InsufficientSlashableStake(SlashingManagerInsufficientSlashableStake),
    /// See [`SlashingManagerUnknownRequest`].
    UnknownRequest(SlashingManagerUnknownRequest),
    /// See [`SlashingManagerAlreadyExecuted`].
    AlreadyExecuted(SlashingManagerAlreadyExecuted),
    /// See [`SlashingManagerAlreadyVetoed`].
    AlreadyVetoed(SlashingManagerAlreadyVetoed),
    /// See [`SlashingManagerAlreadyCancelled`].
    AlreadyCancelled(SlashingManagerAlreadyCancelled),
    /// See [`SlashingManagerNotResolver`].
    NotResolver(SlashingManagerNotResolver),
    /// See [`SlashingManagerNotRequester`].
    NotRequester(SlashingManagerNotRequester),
    /// See [`SlashingManagerVetoWindowClosed`].
    VetoWindowClosed(SlashingManagerVetoWindowClosed),
    /// See [`SlashingManagerVetoWindowOpen`].
    VetoWindowOpen(SlashingManagerVetoWindowOpen),
    /// See [`SlashingManagerRequestExpired`].
    RequestExpired(SlashingManagerRequestExpired),
    /// See [`SlashingManagerArithmeticOverflow`].
    ArithmeticOverflow(SlashingManagerArithmeticOverflow),
    /// See [`AccessControlUnauthorizedAccount`].
    UnauthorizedAccount(AccessControlUnauthorizedAccount),
    /// See [`AccessControlBadConfirmation`].
    BadConfirmation(AccessControlBadConfirmation),
    /// See [`AccessControlZeroAddress`].
    RoleToZeroAddress(AccessControlZeroAddress),
    /// See [`InvalidInitialization`]: written by the router, declared here for the ABI.
    AlreadyInitialized(InvalidInitialization),
    /// See [`AccessControlLastAdmin`].
    LastAdmin(AccessControlLastAdmin),
    /// See [`EnforcedPause`].
    EnforcedPause(EnforcedPause),
    /// See [`ExpectedPause`].
    ExpectedPause(ExpectedPause),
}

/// The revert data: the selector, then each field as one ABI word (every field is static).
#[cfg(not(feature = "export-abi"))]
impl From<Error> for alloc::vec::Vec<u8> {
    fn from(error: Error) -> Self {
        use alloy_sol_types::SolError;

        use crate::encoding::push;
        let mut out = alloc::vec::Vec::with_capacity(100);
        match &error {
            Error::InvalidTiming(_) => {
                out.extend_from_slice(&SlashingManagerInvalidTiming::SELECTOR)
            }
            Error::ServiceAlreadyRegistered(e) => {
                out.extend_from_slice(&SlashingManagerServiceAlreadyRegistered::SELECTOR);
                push(&mut out, &e.service);
            }
            Error::UnknownService(e) => {
                out.extend_from_slice(&SlashingManagerUnknownService::SELECTOR);
                push(&mut out, &e.service);
            }
            Error::VetoDurationTooLong(e) => {
                out.extend_from_slice(&SlashingManagerVetoDurationTooLong::SELECTOR);
                push(&mut out, &e.vetoDuration);
                push(&mut out, &e.maxVetoDuration);
            }
            Error::InvalidRecipient(e) => {
                out.extend_from_slice(&SlashingManagerInvalidRecipient::SELECTOR);
                push(&mut out, &e.recipient);
            }
            Error::OperatorAlreadyRegistered(e) => {
                out.extend_from_slice(&SlashingManagerOperatorAlreadyRegistered::SELECTOR);
                push(&mut out, &e.operator);
            }
            Error::UnknownOperator(e) => {
                out.extend_from_slice(&SlashingManagerUnknownOperator::SELECTOR);
                push(&mut out, &e.operator);
            }
            Error::InvalidVault(e) => {
                out.extend_from_slice(&SlashingManagerInvalidVault::SELECTOR);
                push(&mut out, &e.vault);
            }
            Error::AlreadyOptedIn(e) => {
                out.extend_from_slice(&SlashingManagerAlreadyOptedIn::SELECTOR);
                push(&mut out, &e.operator);
                push(&mut out, &e.target);
            }
            Error::NotOptedIn(e) => {
                out.extend_from_slice(&SlashingManagerNotOptedIn::SELECTOR);
                push(&mut out, &e.operator);
                push(&mut out, &e.target);
                push(&mut out, &e.timestamp);
            }
            Error::OptOutPending(e) => {
                out.extend_from_slice(&SlashingManagerOptOutPending::SELECTOR);
                push(&mut out, &e.operator);
                push(&mut out, &e.target);
                push(&mut out, &e.effectiveAt);
            }
            Error::NotCurator(e) => {
                out.extend_from_slice(&SlashingManagerNotCurator::SELECTOR);
                push(&mut out, &e.vault);
                push(&mut out, &e.account);
            }
            Error::AllocationTooLarge(e) => {
                out.extend_from_slice(&SlashingManagerAllocationTooLarge::SELECTOR);
                push(&mut out, &e.amount);
                push(&mut out, &e.maxAmount);
            }
            Error::VaultCallFailed(e) => {
                out.extend_from_slice(&SlashingManagerVaultCallFailed::SELECTOR);
                push(&mut out, &e.vault);
            }
            Error::ZeroAmount(_) => out.extend_from_slice(&SlashingManagerZeroAmount::SELECTOR),
            Error::CaptureInFuture(e) => {
                out.extend_from_slice(&SlashingManagerCaptureInFuture::SELECTOR);
                push(&mut out, &e.captureTimestamp);
            }
            Error::CaptureTooOld(e) => {
                out.extend_from_slice(&SlashingManagerCaptureTooOld::SELECTOR);
                push(&mut out, &e.captureTimestamp);
                push(&mut out, &e.oldestCapture);
            }
            Error::InsufficientSlashableStake(e) => {
                out.extend_from_slice(&SlashingManagerInsufficientSlashableStake::SELECTOR);
                push(&mut out, &e.slashable);
                push(&mut out, &e.needed);
            }
            Error::UnknownRequest(e) => {
                out.extend_from_slice(&SlashingManagerUnknownRequest::SELECTOR);
                push(&mut out, &e.id);
            }
            Error::AlreadyExecuted(e) => {
                out.extend_from_slice(&SlashingManagerAlreadyExecuted::SELECTOR);
                push(&mut out, &e.id);
            }
            Error::AlreadyVetoed(e) => {
                out.extend_from_slice(&SlashingManagerAlreadyVetoed::SELECTOR);
                push(&mut out, &e.id);
            }
            Error::AlreadyCancelled(e) => {
                out.extend_from_slice(&SlashingManagerAlreadyCancelled::SELECTOR);
                push(&mut out, &e.id);
            }
            Error::NotResolver(e) => {
                out.extend_from_slice(&SlashingManagerNotResolver::SELECTOR);
                push(&mut out, &e.id);
                push(&mut out, &e.account);
            }
            Error::NotRequester(e) => {
                out.extend_from_slice(&SlashingManagerNotRequester::SELECTOR);
                push(&mut out, &e.id);
                push(&mut out, &e.account);
            }
            Error::VetoWindowClosed(e) => {
                out.extend_from_slice(&SlashingManagerVetoWindowClosed::SELECTOR);
                push(&mut out, &e.id);
            }
            Error::VetoWindowOpen(e) => {
                out.extend_from_slice(&SlashingManagerVetoWindowOpen::SELECTOR);
                push(&mut out, &e.id);
                push(&mut out, &e.vetoDeadline);
            }
            Error::RequestExpired(e) => {
                out.extend_from_slice(&SlashingManagerRequestExpired::SELECTOR);
                push(&mut out, &e.id);
                push(&mut out, &e.executionExpiry);
            }
            Error::ArithmeticOverflow(_) => {
                out.extend_from_slice(&SlashingManagerArithmeticOverflow::SELECTOR)
            }
            Error::UnauthorizedAccount(e) => {
                out.extend_from_slice(&AccessControlUnauthorizedAccount::SELECTOR);
                push(&mut out, &e.account);
                push(&mut out, &e.neededRole);
            }
            Error::BadConfirmation(_) => {
                out.extend_from_slice(&AccessControlBadConfirmation::SELECTOR)
            }
            Error::RoleToZeroAddress(_) => {
                out.extend_from_slice(&AccessControlZeroAddress::SELECTOR)
            }
            Error::AlreadyInitialized(_) => out.extend_from_slice(&InvalidInitialization::SELECTOR),
            Error::LastAdmin(_) => out.extend_from_slice(&AccessControlLastAdmin::SELECTOR),
            Error::EnforcedPause(e) => {
                out.extend_from_slice(&EnforcedPause::SELECTOR);
                push(&mut out, &e.flow);
            }
            Error::ExpectedPause(e) => {
                out.extend_from_slice(&ExpectedPause::SELECTOR);
                push(&mut out, &e.flow);
            }
        }
        out
    }
}

/// Checks, for every variant, that the encoding equals alloy's (each error is decoded from
/// distinct words `1, 2, 3` so a swapped field shows).
#[cfg(test)]
#[test]
fn error_encoding_matches_alloy() {
    use alloy_sol_types::SolError;
    let words: alloc::vec::Vec<u8> = (1u8..=3)
        .flat_map(|i| {
            let mut word = [0u8; 32];
            word[31] = i;
            word
        })
        .collect();
    {
        let error = <SlashingManagerInvalidTiming as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::InvalidTiming(error).into();
        assert_eq!(ours, expected, "InvalidTiming");
    }
    {
        let error =
            <SlashingManagerServiceAlreadyRegistered as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::ServiceAlreadyRegistered(error).into();
        assert_eq!(ours, expected, "ServiceAlreadyRegistered");
    }
    {
        let error = <SlashingManagerUnknownService as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::UnknownService(error).into();
        assert_eq!(ours, expected, "UnknownService");
    }
    {
        let error =
            <SlashingManagerVetoDurationTooLong as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::VetoDurationTooLong(error).into();
        assert_eq!(ours, expected, "VetoDurationTooLong");
    }
    {
        let error = <SlashingManagerInvalidRecipient as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::InvalidRecipient(error).into();
        assert_eq!(ours, expected, "InvalidRecipient");
    }
    {
        let error =
            <SlashingManagerOperatorAlreadyRegistered as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::OperatorAlreadyRegistered(error).into();
        assert_eq!(ours, expected, "OperatorAlreadyRegistered");
    }
    {
        let error = <SlashingManagerUnknownOperator as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::UnknownOperator(error).into();
        assert_eq!(ours, expected, "UnknownOperator");
    }
    {
        let error = <SlashingManagerInvalidVault as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::InvalidVault(error).into();
        assert_eq!(ours, expected, "InvalidVault");
    }
    {
        let error = <SlashingManagerAlreadyOptedIn as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::AlreadyOptedIn(error).into();
        assert_eq!(ours, expected, "AlreadyOptedIn");
    }
    {
        let error = <SlashingManagerNotOptedIn as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::NotOptedIn(error).into();
        assert_eq!(ours, expected, "NotOptedIn");
    }
    {
        let error = <SlashingManagerOptOutPending as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::OptOutPending(error).into();
        assert_eq!(ours, expected, "OptOutPending");
    }
    {
        let error = <SlashingManagerNotCurator as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::NotCurator(error).into();
        assert_eq!(ours, expected, "NotCurator");
    }
    {
        let error =
            <SlashingManagerAllocationTooLarge as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::AllocationTooLarge(error).into();
        assert_eq!(ours, expected, "AllocationTooLarge");
    }
    {
        let error = <SlashingManagerVaultCallFailed as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::VaultCallFailed(error).into();
        assert_eq!(ours, expected, "VaultCallFailed");
    }
    {
        let error = <SlashingManagerZeroAmount as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::ZeroAmount(error).into();
        assert_eq!(ours, expected, "ZeroAmount");
    }
    {
        let error = <SlashingManagerCaptureInFuture as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::CaptureInFuture(error).into();
        assert_eq!(ours, expected, "CaptureInFuture");
    }
    {
        let error = <SlashingManagerCaptureTooOld as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::CaptureTooOld(error).into();
        assert_eq!(ours, expected, "CaptureTooOld");
    }
    {
        let error = <SlashingManagerInsufficientSlashableStake as SolError>::abi_decode_raw(&words)
            .unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::InsufficientSlashableStake(error).into();
        assert_eq!(ours, expected, "InsufficientSlashableStake");
    }
    {
        let error = <SlashingManagerUnknownRequest as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::UnknownRequest(error).into();
        assert_eq!(ours, expected, "UnknownRequest");
    }
    {
        let error = <SlashingManagerAlreadyExecuted as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::AlreadyExecuted(error).into();
        assert_eq!(ours, expected, "AlreadyExecuted");
    }
    {
        let error = <SlashingManagerAlreadyVetoed as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::AlreadyVetoed(error).into();
        assert_eq!(ours, expected, "AlreadyVetoed");
    }
    {
        let error = <SlashingManagerAlreadyCancelled as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::AlreadyCancelled(error).into();
        assert_eq!(ours, expected, "AlreadyCancelled");
    }
    {
        let error = <SlashingManagerNotResolver as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::NotResolver(error).into();
        assert_eq!(ours, expected, "NotResolver");
    }
    {
        let error = <SlashingManagerNotRequester as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::NotRequester(error).into();
        assert_eq!(ours, expected, "NotRequester");
    }
    {
        let error = <SlashingManagerVetoWindowClosed as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::VetoWindowClosed(error).into();
        assert_eq!(ours, expected, "VetoWindowClosed");
    }
    {
        let error = <SlashingManagerVetoWindowOpen as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::VetoWindowOpen(error).into();
        assert_eq!(ours, expected, "VetoWindowOpen");
    }
    {
        let error = <SlashingManagerRequestExpired as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::RequestExpired(error).into();
        assert_eq!(ours, expected, "RequestExpired");
    }
    {
        let error =
            <SlashingManagerArithmeticOverflow as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::ArithmeticOverflow(error).into();
        assert_eq!(ours, expected, "ArithmeticOverflow");
    }
    {
        let error = <AccessControlUnauthorizedAccount as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::UnauthorizedAccount(error).into();
        assert_eq!(ours, expected, "UnauthorizedAccount");
    }
    {
        let error = <AccessControlBadConfirmation as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::BadConfirmation(error).into();
        assert_eq!(ours, expected, "BadConfirmation");
    }
    {
        let error = <AccessControlZeroAddress as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::RoleToZeroAddress(error).into();
        assert_eq!(ours, expected, "RoleToZeroAddress");
    }
    {
        let error = <InvalidInitialization as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::AlreadyInitialized(error).into();
        assert_eq!(ours, expected, "AlreadyInitialized");
    }
    {
        let error = <AccessControlLastAdmin as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::LastAdmin(error).into();
        assert_eq!(ours, expected, "LastAdmin");
    }
    {
        let error = <EnforcedPause as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::EnforcedPause(error).into();
        assert_eq!(ours, expected, "EnforcedPause");
    }
    {
        let error = <ExpectedPause as SolError>::abi_decode_raw(&words).unwrap();
        let expected = error.abi_encode();
        let ours: alloc::vec::Vec<u8> = Error::ExpectedPause(error).into();
        assert_eq!(ours, expected, "ExpectedPause");
    }
}

impl Error {
    /// [`SlashingManagerArithmeticOverflow`], for sums and timestamps that cannot overflow in
    /// practice but are checked anyway.
    pub(crate) fn overflow() -> Self {
        Self::ArithmeticOverflow(SlashingManagerArithmeticOverflow {})
    }

    /// [`SlashingManagerVaultCallFailed`] for `vault`.
    pub(crate) fn vault_call_failed(vault: Address) -> Self {
        Self::VaultCallFailed(SlashingManagerVaultCallFailed { vault })
    }
}

impl From<access_control::Error> for Error {
    fn from(error: access_control::Error) -> Self {
        match error {
            access_control::Error::UnauthorizedAccount(e) => Self::UnauthorizedAccount(e),
            access_control::Error::BadConfirmation(e) => Self::BadConfirmation(e),
            access_control::Error::ZeroAddress(e) => Self::RoleToZeroAddress(e),
            access_control::Error::LastAdmin(e) => Self::LastAdmin(e),
        }
    }
}

impl From<pausable::Error> for Error {
    fn from(error: pausable::Error) -> Self {
        match error {
            pausable::Error::EnforcedPause(e) => Self::EnforcedPause(e),
            pausable::Error::ExpectedPause(e) => Self::ExpectedPause(e),
        }
    }
}
