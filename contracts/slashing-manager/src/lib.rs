//! The slashing manager: registries of validation services and node operators, the
//! allocations of vault stake curators make to them, and slashing with a resolver's veto.
//!
//! - A **service** registers itself with a resolver (zero: no veto), a veto duration and the
//!   recipient of its slashed funds; updates apply after `serviceUpdateDelay`, and a request
//!   uses the resolver and veto duration in effect at its capture timestamp.
//! - An **operator** registers and opts in to services and vaults; opting out applies after
//!   `optOutDelay`.
//! - A vault's **curator** (the vault's `CURATOR_ROLE`) allocates vault stake to (service,
//!   operator) pairs; increases apply at once, decreases after `allocationDelay`.
//! - A service **requests** a slash of an operator's stake in a vault for a capture timestamp,
//!   up to the slashable stake ([`slashable`]); the request's resolver may **veto** it until
//!   its deadline; anyone may then **execute** it until it expires, which calls the vault's
//!   `onSlash` and sends the funds to the service's recipient.
//!
//! All history (opt-ins, allocations, service settings) is kept as checkpoints
//! ([`restaking_common::checkpoints`]), so nothing done after a capture changes what was slashable at it.
//! `docs/SlashingManager.md` specifies every function; `docs/slashing.md` gives the formula
//! and the timing argument.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
// The SDK's macros generate undocumented public items (`user_entrypoint` in the WASM build,
// `print_from_args` under export-abi); the native test build still checks every item of ours.
#![cfg_attr(
    any(target_arch = "wasm32", feature = "export-abi"),
    allow(missing_docs)
)]
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

pub mod encoding;
pub mod errors;
pub mod events;
pub mod keys;
pub mod request;
pub mod router;
pub mod service_config;
pub mod slashable;
pub mod timing;
pub mod vault;
pub mod word;

use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, B256, U256};
use restaking_common::{
    access_control::{AccessControl, DEFAULT_ADMIN_ROLE},
    checkpoints,
    pausable::Pausable,
    trace::{Trace, low_u64},
};
use stylus_sdk::{
    keccak_const::Keccak256,
    prelude::*,
    storage::{StorageBool, StorageGuard, StorageGuardMut, StorageMap, StorageU256},
};

use crate::{
    errors::*,
    events::*,
    keys::{
        ALLOCATION, NEXT_RECIPIENT, RECIPIENT, REQUEST, SERVICE_CONFIG, SERVICE_OPT_IN, SLASHED,
        VAULT_OPT_IN, VAULT_PENDING,
    },
    request::{CANCELLED, EXECUTED, PENDING, SlashRequest, VETOED},
    service_config::ServiceConfig,
    slashable::Exposure,
    timing::{Bounds, CaptureError},
};

/// `keccak256("PAUSER_ROLE")`: may pause new slash requests.
pub const PAUSER_ROLE: B256 = B256::new(Keccak256::new().update(b"PAUSER_ROLE").finalize());

/// The pausable flow: new slash requests. Vetoes, cancellations and executions of requests
/// already made are never paused.
pub const FLOW_REQUESTS: u8 = 0;

/// An opt-in checkpoint's value while opted in (zero while out).
const OPTED_IN: U256 = U256::from_limbs([1, 0, 0, 0]);

/// A key part left empty.
const NONE: Address = Address::ZERO;

/// The slashing manager contract.
#[storage]
pub struct SlashingManager {
    roles: AccessControl,
    pausable: Pausable,
    /// The deployment's [`Bounds`], packed by [`Bounds::to_word`].
    delays: StorageU256,
    /// `operator => registered`.
    operators: StorageMap<Address, StorageBool>,
    /// Service configurations, opt-ins and allocations over time, keyed as in [`keys`].
    histories: StorageMap<B256, Trace>,
    /// Recipients, slashed and pending totals, and requests, keyed as in [`keys`].
    words: StorageMap<B256, StorageU256>,
    /// The number of requests made: ids are `0..request_count`.
    request_count: StorageU256,
}

// SAFETY: the manager is the root storage of its program (its router creates it at slot 0,
// see `router`), which is what `TopLevelStorage` asserts; `#[entrypoint]` on the struct wrote
// the same impl before the router replaced the SDK's.
#[allow(unsafe_code)]
unsafe impl TopLevelStorage for SlashingManager {}

#[public]
impl SlashingManager {
    /// Sets the protocol delays (seconds) and grants [`DEFAULT_ADMIN_ROLE`] to `admin`.
    ///
    /// # Arguments
    /// * `admin` - receives the admin role (never `msg.sender`: under `StylusDeployer` that is
    ///   the deployer contract).
    /// * `max_veto_duration` - the longest veto a service may choose.
    /// * `execution_window` - how long an unvetoed request stays executable, `> 0`.
    /// * `service_update_delay` - delay of service updates, `> max_veto_duration` and
    ///   `>= opt_out_delay, allocation_delay`.
    /// * `opt_out_delay` - delay of opt-outs, `> 0`.
    /// * `allocation_delay` - delay of allocation decreases, `> 0`.
    ///
    /// Every delay is at most `2^32 - 1`.
    ///
    /// # Errors
    /// `SlashingManagerInvalidTiming` when the delays break a rule above;
    /// `AccessControlZeroAddress` when `admin` is zero.
    ///
    /// # Events
    /// `RoleGranted(DEFAULT_ADMIN_ROLE, admin, msg.sender)`.
    #[constructor]
    pub fn constructor(
        &mut self,
        admin: Address,
        max_veto_duration: u64,
        execution_window: u64,
        service_update_delay: u64,
        opt_out_delay: u64,
        allocation_delay: u64,
    ) -> Result<(), Error> {
        let bounds = Bounds {
            max_veto_duration,
            execution_window,
            service_update_delay,
            opt_out_delay,
            allocation_delay,
        };
        let delays = bounds
            .to_word()
            .filter(|_| bounds.are_valid())
            .ok_or(Error::InvalidTiming(SlashingManagerInvalidTiming {}))?;
        self.roles.grant_role_unchecked(DEFAULT_ADMIN_ROLE, admin)?;
        self.delays.set(delays);
        Ok(())
    }

    // ----- Services -----

    /// Registers the caller as a service.
    ///
    /// # Arguments
    /// * `resolver` - may veto the service's requests; zero for no veto.
    /// * `veto_duration` - seconds the resolver has to veto; zero makes requests executable
    ///   at once.
    /// * `recipient` - receives slashed funds.
    ///
    /// # Errors
    /// `SlashingManagerServiceAlreadyRegistered`; `SlashingManagerVetoDurationTooLong` when
    /// `veto_duration > maxVetoDuration`; `SlashingManagerInvalidRecipient` when `recipient`
    /// is zero.
    ///
    /// # Events
    /// `ServiceRegistered`.
    pub fn register_service(
        &mut self,
        resolver: Address,
        veto_duration: u64,
        recipient: Address,
    ) -> Result<(), Error> {
        let service = self.vm().msg_sender();
        if self.is_service(service) {
            return Err(Error::ServiceAlreadyRegistered(
                SlashingManagerServiceAlreadyRegistered { service },
            ));
        }
        let config = self.checked_config(resolver, veto_duration, recipient)?;
        let now = self.now();
        if !self
            .history_mut(SERVICE_CONFIG, [service, NONE, NONE])
            .write(now, now, config)
        {
            return Err(Error::overflow());
        }
        self.set_word(
            RECIPIENT,
            [service, NONE, NONE],
            word::pack(recipient, 0, 0),
        );
        ServiceRegistered {
            service,
            resolver,
            vetoDuration: veto_duration,
            recipient,
        }
        .emit(self.vm());
        Ok(())
    }

    /// Schedules a new resolver, veto duration and recipient for the caller's service, applying
    /// after `serviceUpdateDelay`; replaces an update that has not applied yet. Requests use
    /// the resolver and veto duration in effect at their capture timestamp, so the update
    /// governs captures from the returned time on; executions from then on pay the new
    /// recipient.
    ///
    /// # Errors
    /// `SlashingManagerUnknownService`; `SlashingManagerVetoDurationTooLong`;
    /// `SlashingManagerInvalidRecipient`; `SlashingManagerArithmeticOverflow` when the time
    /// overflows.
    ///
    /// # Events
    /// `ServiceUpdateScheduled`.
    pub fn update_service(
        &mut self,
        resolver: Address,
        veto_duration: u64,
        recipient: Address,
    ) -> Result<u64, Error> {
        let service = self.vm().msg_sender();
        self.require_service(service)?;
        let config = self.checked_config(resolver, veto_duration, recipient)?;
        let now = self.now();
        let effective_at = now
            .checked_add(self.bounds().service_update_delay)
            .ok_or_else(Error::overflow)?;
        if !self
            .history_mut(SERVICE_CONFIG, [service, NONE, NONE])
            .write(now, effective_at, config)
        {
            return Err(Error::overflow());
        }
        // A scheduled recipient whose time has come becomes the current one; one that has not
        // applied yet is replaced.
        let (current, _, _) = self.recipients(service, now);
        let parts = [service, NONE, NONE];
        self.set_word(RECIPIENT, parts, word::pack(current, effective_at, 0));
        self.set_word(NEXT_RECIPIENT, parts, word::pack(recipient, 0, 0));
        ServiceUpdateScheduled {
            service,
            resolver,
            vetoDuration: veto_duration,
            recipient,
            effectiveAt: effective_at,
        }
        .emit(self.vm());
        Ok(effective_at)
    }

    /// Whether `service` is registered.
    pub fn is_service(&self, service: Address) -> bool {
        !self
            .history(SERVICE_CONFIG, [service, NONE, NONE])
            .is_empty()
    }

    /// The resolver and veto duration of `service` in effect at `timestamp`: those a request
    /// with that capture timestamp uses (a future timestamp shows a scheduled update); zero
    /// before registration.
    pub fn service_config_at(&self, service: Address, timestamp: u64) -> (Address, u64) {
        let config = self.config_at(service, timestamp);
        (config.resolver, config.veto_duration)
    }

    /// The recipient of `service`'s slashed funds now, and the recipient scheduled by its last
    /// update with the time it applies (zero when nothing is scheduled).
    pub fn service_recipient(&self, service: Address) -> (Address, Address, u64) {
        self.recipients(service, self.now())
    }

    // ----- Operators -----

    /// Registers the caller as an operator.
    ///
    /// # Errors
    /// `SlashingManagerOperatorAlreadyRegistered`.
    ///
    /// # Events
    /// `OperatorRegistered`.
    pub fn register_operator(&mut self) -> Result<(), Error> {
        let operator = self.vm().msg_sender();
        if self.is_operator(operator) {
            return Err(Error::OperatorAlreadyRegistered(
                SlashingManagerOperatorAlreadyRegistered { operator },
            ));
        }
        self.operators.insert(operator, true);
        OperatorRegistered { operator }.emit(self.vm());
        Ok(())
    }

    /// Whether `operator` is registered.
    pub fn is_operator(&self, operator: Address) -> bool {
        self.operators.get(operator)
    }

    /// Opts the caller (an operator) in to `service` from now on; cancels an opt-out that has
    /// not applied yet.
    ///
    /// # Errors
    /// `SlashingManagerUnknownOperator`; `SlashingManagerUnknownService`;
    /// `SlashingManagerAlreadyOptedIn` when opted in with no opt-out scheduled.
    ///
    /// # Events
    /// `OperatorOptedInService`.
    pub fn opt_in_service(&mut self, service: Address) -> Result<(), Error> {
        let operator = self.vm().msg_sender();
        self.require_operator(operator)?;
        self.require_service(service)?;
        self.opt_in(operator, service, SERVICE_OPT_IN)?;
        OperatorOptedInService { operator, service }.emit(self.vm());
        Ok(())
    }

    /// Opts the caller out of `service` after `optOutDelay`; until then it stays opted in (and
    /// slashable for captures before that time). Returns the time it applies.
    ///
    /// # Errors
    /// `SlashingManagerNotOptedIn`; `SlashingManagerOptOutPending` when an opt-out is already
    /// scheduled; `SlashingManagerArithmeticOverflow`.
    ///
    /// # Events
    /// `OperatorOptedOutService`.
    pub fn opt_out_service(&mut self, service: Address) -> Result<u64, Error> {
        let operator = self.vm().msg_sender();
        let effective_at = self.opt_out(operator, service, SERVICE_OPT_IN)?;
        OperatorOptedOutService {
            operator,
            service,
            effectiveAt: effective_at,
        }
        .emit(self.vm());
        Ok(effective_at)
    }

    /// Opts the caller (an operator) in to `vault` from now on; cancels an opt-out that has not
    /// applied yet.
    ///
    /// # Errors
    /// `SlashingManagerUnknownOperator`; `SlashingManagerInvalidVault` when `vault` is zero;
    /// `SlashingManagerAlreadyOptedIn`.
    ///
    /// # Events
    /// `OperatorOptedInVault`.
    pub fn opt_in_vault(&mut self, vault: Address) -> Result<(), Error> {
        let operator = self.vm().msg_sender();
        self.require_operator(operator)?;
        require_vault(vault)?;
        self.opt_in(operator, vault, VAULT_OPT_IN)?;
        OperatorOptedInVault { operator, vault }.emit(self.vm());
        Ok(())
    }

    /// Opts the caller out of `vault` after `optOutDelay`. Returns the time it applies.
    ///
    /// # Errors
    /// `SlashingManagerNotOptedIn`; `SlashingManagerOptOutPending`;
    /// `SlashingManagerArithmeticOverflow`.
    ///
    /// # Events
    /// `OperatorOptedOutVault`.
    pub fn opt_out_vault(&mut self, vault: Address) -> Result<u64, Error> {
        let operator = self.vm().msg_sender();
        let effective_at = self.opt_out(operator, vault, VAULT_OPT_IN)?;
        OperatorOptedOutVault {
            operator,
            vault,
            effectiveAt: effective_at,
        }
        .emit(self.vm());
        Ok(effective_at)
    }

    /// Whether `operator` is opted in to `service` at `timestamp` (past, present, or future
    /// given what is scheduled).
    pub fn is_opted_in_service(&self, operator: Address, service: Address, timestamp: u64) -> bool {
        self.opted_in(operator, service, SERVICE_OPT_IN, timestamp)
    }

    /// Whether `operator` is opted in to `vault` at `timestamp`.
    pub fn is_opted_in_vault(&self, operator: Address, vault: Address, timestamp: u64) -> bool {
        self.opted_in(operator, vault, VAULT_OPT_IN, timestamp)
    }

    // ----- Allocations -----

    /// Sets the allocation of `vault`'s stake to (`service`, `operator`) to `amount`: the most
    /// that slashes of that pair may take in total (executed slashes spend it). Only a holder
    /// of the vault's `CURATOR_ROLE`. An increase (or an unchanged amount) applies now and
    /// cancels a decrease not applied yet; a decrease applies after `allocationDelay`. Returns
    /// the time it applies.
    ///
    /// # Errors
    /// `SlashingManagerInvalidVault` when `vault` is zero; `SlashingManagerUnknownService`;
    /// `SlashingManagerUnknownOperator`; `SlashingManagerAllocationTooLarge` above
    /// `2^192 - 1`; `SlashingManagerVaultCallFailed` when `vault.hasRole` reverts or does not
    /// decode; `SlashingManagerNotCurator`; `SlashingManagerArithmeticOverflow`.
    ///
    /// # Events
    /// `AllocationSet`.
    pub fn set_allocation(
        &mut self,
        vault: Address,
        service: Address,
        operator: Address,
        amount: U256,
    ) -> Result<u64, Error> {
        require_vault(vault)?;
        self.require_service(service)?;
        self.require_operator(operator)?;
        if amount > checkpoints::MAX_VALUE {
            return Err(Error::AllocationTooLarge(
                SlashingManagerAllocationTooLarge {
                    amount,
                    maxAmount: checkpoints::MAX_VALUE,
                },
            ));
        }
        let account = self.vm().msg_sender();
        let is_curator = vault::has_role(self.vm(), vault, vault::CURATOR_ROLE, account)
            .ok_or_else(|| Error::vault_call_failed(vault))?;
        if !is_curator {
            return Err(Error::NotCurator(SlashingManagerNotCurator {
                vault,
                account,
            }));
        }
        let now = self.now();
        let stake = [vault, service, operator];
        let current = self.history(ALLOCATION, stake).value_at(now);
        let effective_at = if amount >= current {
            now
        } else {
            now.checked_add(self.bounds().allocation_delay)
                .ok_or_else(Error::overflow)?
        };
        if !self
            .history_mut(ALLOCATION, stake)
            .write(now, effective_at, amount)
        {
            return Err(Error::overflow());
        }
        AllocationSet {
            vault,
            service,
            operator,
            amount,
            effectiveAt: effective_at,
        }
        .emit(self.vm());
        Ok(effective_at)
    }

    /// The allocation of `vault` to (`service`, `operator`) in effect at `timestamp` (a future
    /// timestamp shows a scheduled decrease).
    pub fn allocation_at(
        &self,
        vault: Address,
        service: Address,
        operator: Address,
        timestamp: u64,
    ) -> U256 {
        self.history(ALLOCATION, [vault, service, operator])
            .value_at(timestamp)
    }

    /// The totals of (`vault`, `service`, `operator`): executed slashes (what the vault gave
    /// up) and pending requests.
    pub fn slash_totals(
        &self,
        vault: Address,
        service: Address,
        operator: Address,
    ) -> (U256, U256) {
        self.totals([vault, service, operator])
    }

    /// The total of the slash requests against `vault`, by every service, that are pending:
    /// requested and not yet executed, vetoed or cancelled (an expired one counts until it is
    /// cancelled, which anyone may do). What the vault's holders stand to lose now.
    pub fn pending_slashes(&self, vault: Address) -> U256 {
        self.word(VAULT_PENDING, [vault, NONE, NONE])
    }

    /// How much a new request of `service` against `operator`'s stake in `vault` may still ask
    /// for at `capture_timestamp`: `min(allocation(capture) - slashed - pending,
    /// vault.slashableStake(capture) - pendingSlashes(vault))`, or zero when the operator was
    /// not opted in to both the service and the vault at the capture, or the capture is in the
    /// future (docs/slashing.md). The vault's figure is its stake at the capture less what it
    /// was slashed since.
    ///
    /// # Errors
    /// `SlashingManagerVaultCallFailed` when `vault.slashableStake` reverts or does not decode.
    pub fn slashable_stake(
        &self,
        vault: Address,
        service: Address,
        operator: Address,
        capture_timestamp: u64,
    ) -> Result<U256, Error> {
        let capture = capture_timestamp;
        if capture > self.now()
            || !self.opted_in(operator, service, SERVICE_OPT_IN, capture)
            || !self.opted_in(operator, vault, VAULT_OPT_IN, capture)
        {
            return Ok(U256::ZERO);
        }
        let vault_slashable = vault::slashable_stake(self.vm(), vault, capture)
            .ok_or_else(|| Error::vault_call_failed(vault))?;
        let exposure = self.exposure([vault, service, operator], capture, vault_slashable);
        Ok(slashable::slashable_stake(&exposure))
    }

    // ----- Slashing -----

    /// The caller (a registered service) requests a slash of `amount` of `operator`'s stake in
    /// `vault`, for the stake at `capture_timestamp`. The request takes the service's resolver
    /// and veto duration at the capture; the resolver may veto until `now + vetoDuration`, and
    /// anyone may execute the request from then until `executionWindow` later, and never after
    /// `capture_timestamp + epochDuration` (see [`timing`]). Returns the
    /// request id (sequential from 0).
    ///
    /// # Errors
    /// `EnforcedPause(0)` when requests are paused; `SlashingManagerUnknownService` when the
    /// caller is not a service; `SlashingManagerZeroAmount`;
    /// `SlashingManagerCaptureInFuture`; `SlashingManagerUnknownOperator`;
    /// `SlashingManagerNotOptedIn` when the operator was not opted in to the service or the
    /// vault at the capture; `SlashingManagerVaultCallFailed` when `vault.holdSlash` fails or
    /// does not decode; `SlashingManagerCaptureTooOld` when the veto window would
    /// end after `capture + epochDuration`; `SlashingManagerInsufficientSlashableStake` when
    /// `amount` exceeds [`Self::slashable_stake`]; `SlashingManagerArithmeticOverflow`.
    ///
    /// # Events
    /// `SlashRequested`.
    pub fn request_slash(
        &mut self,
        operator: Address,
        vault: Address,
        amount: U256,
        capture_timestamp: u64,
    ) -> Result<U256, Error> {
        self.pausable.require_not_paused(FLOW_REQUESTS)?;
        let service = self.vm().msg_sender();
        self.require_service(service)?;
        if amount.is_zero() {
            return Err(Error::ZeroAmount(SlashingManagerZeroAmount {}));
        }
        let now = self.now();
        let capture = capture_timestamp;
        let in_future = Error::CaptureInFuture(SlashingManagerCaptureInFuture {
            captureTimestamp: capture,
        });
        if capture > now {
            return Err(in_future);
        }
        self.require_operator(operator)?;
        for (target, kind) in [(service, SERVICE_OPT_IN), (vault, VAULT_OPT_IN)] {
            if !self.opted_in(operator, target, kind, capture) {
                return Err(Error::NotOptedIn(SlashingManagerNotOptedIn {
                    operator,
                    target,
                    timestamp: capture,
                }));
            }
        }
        let config = self.config_at(service, capture);
        let execution_window = self.bounds().execution_window;
        let until = timing::execution_window_end(now, config.veto_duration, execution_window)
            .ok_or_else(Error::overflow)?;
        // One call into the vault (issue 12): it holds the amount until the request closes
        // (deposits wait and its price counts it as lost, issue 11), capped at the capture's
        // own limit, and answers with its slashable stake for the capture and its epoch
        // duration. The checks below may still refuse the request, which reverts the hold
        // with everything else; the vault (our program, behind SLASHER_ROLE) calls nothing
        // back, and the manager has written nothing yet.
        let context = Call::new_mutating(self);
        let held = vault::hold_slash(self.vm(), context, vault, amount, capture, until)
            .ok_or_else(|| Error::vault_call_failed(vault))?;
        let times = timing::request_times(
            now,
            capture,
            config.veto_duration,
            execution_window,
            held.epoch_duration,
        )
        .map_err(|error| match error {
            CaptureError::InFuture => in_future,
            CaptureError::TooOld { oldest } => Error::CaptureTooOld(SlashingManagerCaptureTooOld {
                captureTimestamp: capture,
                oldestCapture: oldest,
            }),
            CaptureError::Overflow => Error::overflow(),
        })?;
        let stake = [vault, service, operator];
        let exposure = self.exposure(stake, capture, held.slashable);
        let slashable = slashable::slashable_stake(&exposure);
        if amount > slashable {
            return Err(Error::InsufficientSlashableStake(
                SlashingManagerInsufficientSlashableStake {
                    slashable,
                    needed: amount,
                },
            ));
        }
        // Cannot overflow: pending + amount <= allocation - slashed and vault pending + amount
        // <= the vault's slashable stake (slashable's bounds).
        let pending = exposure
            .pending
            .checked_add(amount)
            .ok_or_else(Error::overflow)?;
        let vault_pending = exposure
            .vault_pending
            .checked_add(amount)
            .ok_or_else(Error::overflow)?;
        let id = self.request_count.get();
        let next_id = id.checked_add(U256::from(1)).ok_or_else(Error::overflow)?;

        self.request_count.set(next_id);
        self.set_word(keys::PENDING, stake, pending);
        self.set_word(VAULT_PENDING, [vault, NONE, NONE], vault_pending);
        self.write_request(
            id,
            &SlashRequest {
                service,
                operator,
                vault,
                resolver: config.resolver,
                amount,
                slashed: U256::ZERO,
                capture,
                veto_deadline: times.veto_deadline,
                execution_expiry: times.execution_expiry,
                status: PENDING,
            },
        );
        SlashRequested {
            id,
            service,
            operator,
            vault,
            amount,
            captureTimestamp: capture,
            vetoDeadline: times.veto_deadline,
        }
        .emit(self.vm());
        Ok(id)
    }

    /// The request's resolver vetoes slash `id` before its veto deadline; its amount is
    /// released.
    ///
    /// # Errors
    /// `SlashingManagerUnknownRequest`; `SlashingManagerAlreadyExecuted` /
    /// `SlashingManagerAlreadyVetoed` / `SlashingManagerAlreadyCancelled` when it is not
    /// pending; `SlashingManagerNotResolver` when the caller is not its resolver (a request
    /// without resolver cannot be vetoed); `SlashingManagerVetoWindowClosed` at or after the
    /// deadline.
    ///
    /// # Events
    /// `SlashVetoed`.
    pub fn veto_slash(&mut self, id: U256) -> Result<(), Error> {
        let request = self.pending_request(id)?;
        let resolver = self.vm().msg_sender();
        if request.resolver.is_zero() || resolver != request.resolver {
            return Err(Error::NotResolver(SlashingManagerNotResolver {
                id,
                account: resolver,
            }));
        }
        if !timing::veto_open(self.now(), request.veto_deadline) {
            return Err(Error::VetoWindowClosed(SlashingManagerVetoWindowClosed {
                id,
            }));
        }
        self.close(id, request, VETOED)?;
        self.release(request);
        SlashVetoed { id, resolver }.emit(self.vm());
        Ok(())
    }

    /// The service that made slash `id` withdraws it while it is pending. Once it has expired
    /// (it can no longer execute), anyone may cancel it to release its amount: a service that
    /// leaves an expired request must not hold the vault's stake from other services.
    ///
    /// # Errors
    /// `SlashingManagerUnknownRequest`; `SlashingManagerAlreadyExecuted` /
    /// `SlashingManagerAlreadyVetoed` / `SlashingManagerAlreadyCancelled`;
    /// `SlashingManagerNotRequester` when the caller is not the request's service and the
    /// request has not expired.
    ///
    /// # Events
    /// `SlashCancelled`.
    pub fn cancel_slash(&mut self, id: U256) -> Result<(), Error> {
        let request = self.pending_request(id)?;
        let account = self.vm().msg_sender();
        if account != request.service && self.now() < request.execution_expiry {
            return Err(Error::NotRequester(SlashingManagerNotRequester {
                id,
                account,
            }));
        }
        self.close(id, request, CANCELLED)?;
        self.release(request);
        SlashCancelled { id }.emit(self.vm());
        Ok(())
    }

    /// Executes slash `id`: anyone may call it from the veto deadline until the execution
    /// expiry, also while requests are paused. Calls `vault.onSlash(amount, capture,
    /// recipient)` with the service's current recipient and records what the vault slashed
    /// (at most `amount`; the rest is released). Returns that amount.
    ///
    /// The request is closed before the vault is called (checks-effects-interactions). If the
    /// vault reverts, the whole transaction reverts and the request stays pending.
    ///
    /// # Errors
    /// `SlashingManagerUnknownRequest`; `SlashingManagerAlreadyExecuted` /
    /// `SlashingManagerAlreadyVetoed` / `SlashingManagerAlreadyCancelled`;
    /// `SlashingManagerVetoWindowOpen` before the veto deadline;
    /// `SlashingManagerRequestExpired` at or after the expiry;
    /// `SlashingManagerVaultCallFailed` when `onSlash` reverts, does not decode or reports more
    /// than `amount`.
    ///
    /// # Events
    /// `SlashExecuted`.
    pub fn execute_slash(&mut self, id: U256) -> Result<U256, Error> {
        let request = self.pending_request(id)?;
        let now = self.now();
        if now < request.veto_deadline {
            return Err(Error::VetoWindowOpen(SlashingManagerVetoWindowOpen {
                id,
                vetoDeadline: request.veto_deadline,
            }));
        }
        if now >= request.execution_expiry {
            return Err(Error::RequestExpired(SlashingManagerRequestExpired {
                id,
                executionExpiry: request.execution_expiry,
            }));
        }
        let (recipient, _, _) = self.recipients(request.service, now);
        // Until the vault answers, the whole amount counts as slashed: the pair's budget stays
        // what it was while the request was pending, so nothing can be requested against it
        // meanwhile.
        let stake = self.close(id, request, EXECUTED)?;
        let (slashed_before, _) = self.totals(stake);
        let slashed_in_full = slashed_before
            .checked_add(request.amount)
            .ok_or_else(Error::overflow)?;
        self.set_word(SLASHED, stake, slashed_in_full);

        let context = Call::new_mutating(self);
        let slashed = vault::on_slash(
            self.vm(),
            context,
            request.vault,
            request.amount,
            request.capture,
            recipient,
        )
        .filter(|slashed| *slashed <= request.amount)
        .ok_or_else(|| Error::vault_call_failed(request.vault))?;

        // Settle to what the vault slashed; re-read, as the call cleared the storage cache. The
        // total includes this request's whole amount and `slashed <= amount`, so neither
        // saturating subtraction ever saturates.
        let unslashed = request.amount.saturating_sub(slashed);
        let total = self.word(SLASHED, stake).saturating_sub(unslashed);
        self.set_word(SLASHED, stake, total);
        // Word 5 of the request is `slashed` (`SlashRequest::to_words`).
        self.set_word(REQUEST + 5, [request_part(id), NONE, NONE], slashed);
        SlashExecuted {
            id,
            recipient,
            slashed,
        }
        .emit(self.vm());
        Ok(slashed)
    }

    /// Slash request `id`: service, operator, vault, resolver, amount requested, amount
    /// slashed, capture timestamp, veto deadline, execution expiry and status (1 pending,
    /// 2 vetoed, 3 executed, 4 cancelled; a pending request past its expiry can no longer be
    /// executed, only cancelled).
    ///
    /// # Errors
    /// `SlashingManagerUnknownRequest`.
    #[allow(clippy::type_complexity)]
    pub fn slash_request(
        &self,
        id: U256,
    ) -> Result<
        (
            Address,
            Address,
            Address,
            Address,
            U256,
            U256,
            u64,
            u64,
            u64,
            u8,
        ),
        Error,
    > {
        let r = self.request(id)?;
        Ok((
            r.service,
            r.operator,
            r.vault,
            r.resolver,
            r.amount,
            r.slashed,
            r.capture,
            r.veto_deadline,
            r.execution_expiry,
            r.status,
        ))
    }

    /// The number of slash requests made; the next id.
    pub fn slash_request_count(&self) -> U256 {
        self.request_count.get()
    }

    // ----- Delays -----

    /// The longest veto duration a service may choose.
    pub fn max_veto_duration(&self) -> u64 {
        self.bounds().max_veto_duration
    }

    /// How long an unvetoed request stays executable after its veto deadline.
    pub fn execution_window(&self) -> u64 {
        self.bounds().execution_window
    }

    /// The delay of service updates.
    pub fn service_update_delay(&self) -> u64 {
        self.bounds().service_update_delay
    }

    /// The delay of opt-outs.
    pub fn opt_out_delay(&self) -> u64 {
        self.bounds().opt_out_delay
    }

    /// The delay of allocation decreases.
    pub fn allocation_delay(&self) -> u64 {
        self.bounds().allocation_delay
    }

    // ----- Pause -----

    /// Pauses new slash requests. Only [`PAUSER_ROLE`].
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; `EnforcedPause` when already paused.
    ///
    /// # Events
    /// `Paused(msg.sender, 0)`.
    pub fn pause(&mut self) -> Result<(), Error> {
        self.roles.only_role(PAUSER_ROLE)?;
        Ok(self.pausable.pause(FLOW_REQUESTS)?)
    }

    /// Resumes new slash requests. Only [`DEFAULT_ADMIN_ROLE`].
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; `ExpectedPause` when not paused.
    ///
    /// # Events
    /// `Unpaused(msg.sender, 0)`.
    pub fn unpause(&mut self) -> Result<(), Error> {
        self.roles.only_role(DEFAULT_ADMIN_ROLE)?;
        Ok(self.pausable.unpause(FLOW_REQUESTS)?)
    }

    /// Whether new slash requests are paused.
    pub fn paused(&self) -> bool {
        self.pausable.is_paused(FLOW_REQUESTS)
    }

    // ----- Roles (OpenZeppelin AccessControl) -----

    /// The admin role, `bytes32(0)`.
    #[selector(name = "DEFAULT_ADMIN_ROLE")]
    pub fn default_admin_role(&self) -> B256 {
        DEFAULT_ADMIN_ROLE
    }

    /// The pauser role, `keccak256("PAUSER_ROLE")`.
    #[selector(name = "PAUSER_ROLE")]
    pub fn pauser_role(&self) -> B256 {
        PAUSER_ROLE
    }

    /// Whether `account` holds `role`.
    pub fn has_role(&self, role: B256, account: Address) -> bool {
        self.roles.has_role(role, account)
    }

    /// The admin role of `role`.
    pub fn get_role_admin(&self, role: B256) -> B256 {
        self.roles.get_role_admin(role)
    }

    /// Grants `role` to `account`. Only an admin of `role`.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; `AccessControlZeroAddress` when `account` is zero.
    ///
    /// # Events
    /// `RoleGranted` when the account did not hold the role.
    pub fn grant_role(&mut self, role: B256, account: Address) -> Result<(), Error> {
        Ok(self.roles.grant_role(role, account)?)
    }

    /// Revokes `role` from `account`. Only an admin of `role`.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`.
    ///
    /// # Events
    /// `RoleRevoked` when the account held the role.
    pub fn revoke_role(&mut self, role: B256, account: Address) -> Result<(), Error> {
        Ok(self.roles.revoke_role(role, account)?)
    }

    /// The caller gives up `role`; `caller_confirmation` must be the caller.
    ///
    /// # Errors
    /// `AccessControlBadConfirmation`.
    ///
    /// # Events
    /// `RoleRevoked` when the caller held the role.
    pub fn renounce_role(&mut self, role: B256, caller_confirmation: Address) -> Result<(), Error> {
        Ok(self.roles.renounce_role(role, caller_confirmation)?)
    }
}

impl SlashingManager {
    fn now(&self) -> u64 {
        self.vm().block_timestamp()
    }

    fn bounds(&self) -> Bounds {
        Bounds::from_word(self.delays.get())
    }

    /// The key of record `tag` of `parts` (see [`keys`]).
    fn slot(&self, tag: u8, parts: [Address; 3]) -> B256 {
        self.vm().native_keccak256(&keys::preimage(tag, parts))
    }

    fn word(&self, tag: u8, parts: [Address; 3]) -> U256 {
        self.words.get(self.slot(tag, parts))
    }

    fn set_word(&mut self, tag: u8, parts: [Address; 3], value: U256) {
        let slot = self.slot(tag, parts);
        self.words.insert(slot, value);
    }

    fn history(&self, tag: u8, parts: [Address; 3]) -> StorageGuard<'_, Trace> {
        self.histories.getter(self.slot(tag, parts))
    }

    fn history_mut(&mut self, tag: u8, parts: [Address; 3]) -> StorageGuardMut<'_, Trace> {
        let slot = self.slot(tag, parts);
        self.histories.setter(slot)
    }

    /// The recipient of `service` at `now`, and the scheduled one with its time while that is
    /// after `now` (else zero and zero).
    fn recipients(&self, service: Address, now: u64) -> (Address, Address, u64) {
        let parts = [service, NONE, NONE];
        let (current, next_at, _) = word::unpack(self.word(RECIPIENT, parts));
        let (next, _, _) = word::unpack(self.word(NEXT_RECIPIENT, parts));
        service_config::recipients(current, next, next_at, now)
    }

    fn require_service(&self, service: Address) -> Result<(), Error> {
        if !self.is_service(service) {
            return Err(Error::UnknownService(SlashingManagerUnknownService {
                service,
            }));
        }
        Ok(())
    }

    fn require_operator(&self, operator: Address) -> Result<(), Error> {
        if !self.is_operator(operator) {
            return Err(Error::UnknownOperator(SlashingManagerUnknownOperator {
                operator,
            }));
        }
        Ok(())
    }

    /// The packed service configuration, after checking the veto duration and recipient.
    fn checked_config(
        &self,
        resolver: Address,
        veto_duration: u64,
        recipient: Address,
    ) -> Result<U256, Error> {
        let max_veto_duration = self.bounds().max_veto_duration;
        if veto_duration > max_veto_duration {
            return Err(Error::VetoDurationTooLong(
                SlashingManagerVetoDurationTooLong {
                    vetoDuration: veto_duration,
                    maxVetoDuration: max_veto_duration,
                },
            ));
        }
        if recipient.is_zero() {
            return Err(Error::InvalidRecipient(SlashingManagerInvalidRecipient {
                recipient,
            }));
        }
        // Packs: veto_duration <= max_veto_duration <= 2^32 - 1 (constructor).
        ServiceConfig {
            resolver,
            veto_duration,
        }
        .pack()
        .ok_or_else(Error::overflow)
    }

    fn config_at(&self, service: Address, timestamp: u64) -> ServiceConfig {
        let value = self
            .history(SERVICE_CONFIG, [service, NONE, NONE])
            .value_at(timestamp);
        ServiceConfig::unpack(value)
    }

    fn opted_in(&self, operator: Address, target: Address, kind: u8, timestamp: u64) -> bool {
        self.history(kind, [operator, target, NONE])
            .value_at(timestamp)
            == OPTED_IN
    }

    /// Opts `operator` in to `target` from now on (cancelling a scheduled opt-out).
    fn opt_in(&mut self, operator: Address, target: Address, kind: u8) -> Result<(), Error> {
        let now = self.now();
        let mut trace = self.history_mut(kind, [operator, target, NONE]);
        let opted_in = trace.value_at(now) == OPTED_IN;
        let opt_out_scheduled = trace.last().is_some_and(|(at, _)| at > now);
        if opted_in && !opt_out_scheduled {
            return Err(Error::AlreadyOptedIn(SlashingManagerAlreadyOptedIn {
                operator,
                target,
            }));
        }
        if !trace.write(now, now, OPTED_IN) {
            return Err(Error::overflow());
        }
        Ok(())
    }

    /// Schedules the opt-out of `operator` from `target` at `now + optOutDelay`; returns that
    /// time.
    fn opt_out(&mut self, operator: Address, target: Address, kind: u8) -> Result<u64, Error> {
        let now = self.now();
        let delay = self.bounds().opt_out_delay;
        let mut trace = self.history_mut(kind, [operator, target, NONE]);
        if trace.value_at(now) != OPTED_IN {
            return Err(Error::NotOptedIn(SlashingManagerNotOptedIn {
                operator,
                target,
                timestamp: now,
            }));
        }
        if let Some((effective_at, _)) = trace.last().filter(|(at, _)| *at > now) {
            return Err(Error::OptOutPending(SlashingManagerOptOutPending {
                operator,
                target,
                effectiveAt: effective_at,
            }));
        }
        let effective_at = now.checked_add(delay).ok_or_else(Error::overflow)?;
        if !trace.write(now, effective_at, U256::ZERO) {
            return Err(Error::overflow());
        }
        Ok(effective_at)
    }

    /// The executed and pending totals of `stake` (vault, service, operator).
    fn totals(&self, stake: [Address; 3]) -> (U256, U256) {
        (self.word(SLASHED, stake), self.word(keys::PENDING, stake))
    }

    /// Everything the slashable stake of `stake` (vault, service, operator) at `capture`
    /// depends on, for an operator opted in to the service and the vault at the capture, given
    /// the vault's own slashable stake for the capture.
    fn exposure(&self, stake: [Address; 3], capture: u64, vault_slashable: U256) -> Exposure {
        let (slashed, pending) = self.totals(stake);
        Exposure {
            opted_in: true,
            allocation: self.history(ALLOCATION, stake).value_at(capture),
            slashed,
            pending,
            vault_slashable,
            vault_pending: self.pending_slashes(stake[0]),
        }
    }

    fn request(&self, id: U256) -> Result<SlashRequest, Error> {
        if id >= self.request_count.get() {
            return Err(Error::UnknownRequest(SlashingManagerUnknownRequest { id }));
        }
        let part = request_part(id);
        let mut words = [U256::ZERO; 6];
        for (tag, word) in REQUEST_TAGS.into_iter().zip(words.iter_mut()) {
            *word = self.word(tag, [part, NONE, NONE]);
        }
        Ok(SlashRequest::from_words(words))
    }

    fn write_request(&mut self, id: U256, request: &SlashRequest) {
        let part = request_part(id);
        for (tag, word) in REQUEST_TAGS.into_iter().zip(request.to_words()) {
            self.set_word(tag, [part, NONE, NONE], word);
        }
    }

    /// The request `id`, which must be pending.
    fn pending_request(&self, id: U256) -> Result<SlashRequest, Error> {
        let request = self.request(id)?;
        match request.status {
            PENDING => Ok(request),
            VETOED => Err(Error::AlreadyVetoed(SlashingManagerAlreadyVetoed { id })),
            CANCELLED => Err(Error::AlreadyCancelled(SlashingManagerAlreadyCancelled {
                id,
            })),
            _ => Err(Error::AlreadyExecuted(SlashingManagerAlreadyExecuted {
                id,
            })),
        }
    }

    /// Tells the vault that `request`, vetoed or cancelled, no longer holds its amount. A vault
    /// that refuses (the manager lost its `SLASHER_ROLE`) must not keep a resolver from
    /// vetoing: the failure is ignored, and the vault stops counting the amount at the
    /// request's expiry anyway.
    ///
    /// Not after the expiry: the vault may already have dropped the amount (it starts again
    /// from zero once its latest expiry has passed), and releasing it again would take it off
    /// a newer request's hold, letting deposits in while that one is pending.
    fn release(&mut self, request: SlashRequest) {
        if self.now() >= request.execution_expiry {
            return;
        }
        let context = Call::new_mutating(self);
        let _ = vault::release_slash(self.vm(), context, request.vault, request.amount);
    }

    /// Closes pending request `id` with `status` and releases its amount from its stake's
    /// pending total. Returns the stake (vault, service, operator).
    fn close(
        &mut self,
        id: U256,
        mut request: SlashRequest,
        status: u8,
    ) -> Result<[Address; 3], Error> {
        let stake = [request.vault, request.service, request.operator];
        let vault = [request.vault, NONE, NONE];
        let (_, pending) = self.totals(stake);
        // A pending request's amount is part of its stake's and its vault's pending totals:
        // neither subtraction underflows.
        let pending = pending
            .checked_sub(request.amount)
            .ok_or_else(Error::overflow)?;
        let vault_pending = self
            .word(VAULT_PENDING, vault)
            .checked_sub(request.amount)
            .ok_or_else(Error::overflow)?;
        self.set_word(keys::PENDING, stake, pending);
        self.set_word(VAULT_PENDING, vault, vault_pending);
        request.status = status;
        self.set_word(
            REQUEST,
            [request_part(id), NONE, NONE],
            request.status_word(),
        );
        Ok(stake)
    }
}

/// The tags of a request's six words.
const REQUEST_TAGS: [u8; 6] = [
    REQUEST,
    REQUEST + 1,
    REQUEST + 2,
    REQUEST + 3,
    REQUEST + 4,
    REQUEST + 5,
];

/// A request id as a key part (ids are below `request_count`, far below 2^64).
fn request_part(id: U256) -> Address {
    keys::id_part(low_u64(id))
}

/// Rejects the zero address as a vault.
fn require_vault(vault: Address) -> Result<(), Error> {
    if vault.is_zero() {
        return Err(Error::InvalidVault(SlashingManagerInvalidVault { vault }));
    }
    Ok(())
}

/// The complete Solidity interface of the manager, for `abi/SlashingManager.sol`.
///
/// # Errors
/// When the SDK's export lists an error no event/error group declares.
#[cfg(feature = "export-abi")]
pub fn solidity_interface() -> Result<alloc::string::String, alloc::string::String> {
    use restaking_common::{access_control::AccessControlItems, pausable::PausableItems};
    use stylus_sdk::abi::GenerateAbi;
    restaking_common::export_abi::render_interface(
        "contracts/slashing-manager",
        <SlashingManager as GenerateAbi>::fmt_constructor_signature,
        &[<SlashingManager as GenerateAbi>::fmt_abi],
        &[
            events::SlashingManagerEvents::abi::contract(),
            errors::SlashingManagerErrors::abi::contract(),
            AccessControlItems::abi::contract(),
            restaking_common::initializable::InitializableItems::abi::contract(),
            PausableItems::abi::contract(),
        ],
    )
}
