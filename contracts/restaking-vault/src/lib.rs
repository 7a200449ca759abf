//! The restaking vault.
//!
//! Restakers deposit one asset (an ERC-20, or native ETH per ERC-7535) and receive the LRT
//! (ERC-7575 `share()`), minted through the token's minter role. Withdrawals are asynchronous
//! (ERC-7540 redeem requests) and settle in epochs; rewards vest linearly into the rate; the
//! slashing manager slashes the active stake and the still-slashable withdrawal buckets pro
//! rata. See `docs/RestakingVault.md` for every function's effects and requirements.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
// The SDK's macros generate undocumented public items (`user_entrypoint` in the WASM build,
// `print_from_args` under export-abi); the native test build still checks every item of ours.
#![cfg_attr(
    any(target_arch = "wasm32", feature = "export-abi"),
    allow(missing_docs)
)]
// Tests compute expected values with plain operators on small numbers.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]
// The redemption program (feature `redemptions-facet`) compiles the shared code but routes only
// its own functions; what only the vault program uses is dead code there.
#![cfg_attr(feature = "redemptions-facet", allow(dead_code))]

extern crate alloc;

mod accounting;
pub mod admin;
pub mod asset;
pub mod bounds;
pub mod errors;
pub mod events;
pub mod interface_ids;
pub mod math;
mod pending_slash;
pub mod redemptions;
pub mod router;
mod share_token;
mod stake_history;
#[cfg(feature = "v2")]
pub mod v2;
#[cfg(not(feature = "redemptions-facet"))]
mod vault;
pub mod withdrawals;

use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolEvent;
use restaking_common::{
    abi_words::IntoWord, access_control::AccessControl, emit::emit_log, pausable::Pausable,
};
use stylus_sdk::{
    keccak_const::Keccak256,
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap, StorageU16, StorageU64, StorageU256},
};

#[cfg(feature = "redemptions-facet")]
use crate::{admin::IVaultAdmin, redemptions::IVaultRedemptions};
use crate::{
    errors::*,
    events::*,
    stake_history::StakeHistory,
    withdrawals::{Bucket, ControllerRequests, Request, Take},
};

/// `keccak256("PAUSER_ROLE")`: may pause a flow.
pub const PAUSER_ROLE: B256 = B256::new(Keccak256::new().update(b"PAUSER_ROLE").finalize());
/// `keccak256("CURATOR_ROLE")`: sets which services and operators the stake backs (in the
/// slashing manager, which checks this role on the vault).
pub const CURATOR_ROLE: B256 = B256::new(Keccak256::new().update(b"CURATOR_ROLE").finalize());
/// `keccak256("SLASHER_ROLE")`: may call `onSlash` (the slashing manager).
pub const SLASHER_ROLE: B256 = B256::new(Keccak256::new().update(b"SLASHER_ROLE").finalize());

/// The deposit flow: `deposit`, `depositWithMinShares`, `mint`.
pub const FLOW_DEPOSIT: u8 = 0;
/// The redeem-request flow: `requestRedeem`.
pub const FLOW_REQUEST: u8 = 1;
/// The claim flow: `redeem`, `withdraw`, `claim`, `claimBatch`.
pub const FLOW_CLAIM: u8 = 2;

pub use bounds::{
    MAX_EPOCH_DURATION, MAX_FEE_BPS, MAX_VESTING_PERIOD, MIN_EPOCH_DURATION, MIN_VESTING_PERIOD,
};
/// Basis points in one.
pub(crate) const BPS: u64 = 10_000;

/// `getRate()` is the value of this many shares (1e18).
pub(crate) const RATE_UNIT: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// The restaking vault.
#[storage]
pub struct RestakingVault {
    roles: AccessControl,
    pausable: Pausable,
    /// The underlying asset, or [`NATIVE_ASSET`].
    asset: StorageAddress,
    /// The LRT.
    share: StorageAddress,
    /// The redemption program (see [`redemptions`]).
    redemptions: StorageAddress,
    treasury: StorageAddress,
    fee_bps: StorageU16,
    epoch_start: StorageU64,
    epoch_duration: StorageU64,
    vesting_period: StorageU64,
    deposit_cap: StorageU256,
    min_deposit: StorageU256,
    /// Assets backing the outstanding shares (vested rewards included once settled).
    active_assets: StorageU256,
    /// Shares this vault has minted and not burned.
    total_shares: StorageU256,
    unvested_rewards: StorageU256,
    vesting_last: StorageU64,
    vesting_end: StorageU64,
    buckets: StorageMap<u64, Bucket>,
    requests: StorageMap<Address, ControllerRequests>,
    /// ERC-7540 operators: controller => operator => approved.
    operators: StorageMap<Address, StorageMap<Address, StorageBool>>,
    /// The stake over time, for slashing.
    stake_history: StakeHistory,
    /// Slashes requested against the vault and not yet closed ([`pending_slash`]).
    pending_slash: StorageU256,
    /// The latest execution expiry of those slashes.
    pending_until: StorageU64,
    /// When the latest of them was held: every one was captured at or before it.
    pending_since: StorageU64,
    /// Deposits taken since the upgrade to the second version ([`v2`]); no storage at all in
    /// the first (stylus-sdk's `#[storage]` cannot leave a field out by `#[cfg]`, so the
    /// field's type is what changes).
    deposits_since_upgrade: DepositsSinceUpgrade,
}

/// Only the second version keeps the count ([`v2`]).
#[cfg(feature = "v2")]
type DepositsSinceUpgrade = StorageU64;
/// Only the second version keeps the count: a zero-sized field here, with no storage.
#[cfg(not(feature = "v2"))]
type DepositsSinceUpgrade = core::marker::PhantomData<u64>;

// SAFETY: the vault is the root storage of its programs (their router creates it at slot 0,
// see `router`), which is what `TopLevelStorage` asserts; `#[entrypoint]` on the struct wrote
// the same impl before the router replaced the SDK's.
#[allow(unsafe_code)]
unsafe impl TopLevelStorage for RestakingVault {}

/// The fee in a 16-bit storage word.
pub(crate) fn fee_of(word: alloy_primitives::Uint<16, 1>) -> u16 {
    // A 16-bit word has one limb below 2^16.
    word.as_limbs()[0] as u16
}

/// The redemption program's router: only the functions of [`IVaultRedemptions`].
#[cfg(feature = "redemptions-facet")]
#[public]
#[implements(IVaultRedemptions, IVaultAdmin)]
impl RestakingVault {}

/// Checks that `flow` names one of the vault's flows.
pub(crate) fn check_flow(flow: u8) -> Result<(), Error> {
    if flow > FLOW_CLAIM {
        return Err(Error::UnknownFlow(RestakingVaultUnknownFlow { flow }));
    }
    Ok(())
}

/// Where the assets of a slashable pool are kept.
#[derive(Clone, Copy)]
pub(crate) enum Pool {
    /// The active stake (`active_assets`).
    Active,
    /// A withdrawal bucket, by epoch.
    Bucket(u64),
    /// The capture epoch's bucket when the capture is in the current epoch: it does not
    /// exist yet, so it holds nothing and nothing is written to it.
    Absent,
}

/// What the pools hold together (saturating: each is a share of the vault's assets, so the sum
/// fits).
pub(crate) fn pool_sum(pools: &[(Pool, U256); 3]) -> U256 {
    pools
        .iter()
        .fold(U256::ZERO, |sum, (_, pool)| sum.saturating_add(*pool))
}

impl RestakingVault {
    /// Deposits and mints are open: not paused and no slash pending. Checked before pricing,
    /// so a deposit refused for those reasons says so (the price net of a pending slash can be
    /// zero, and pricing would then fail first with an overflow).
    pub(crate) fn require_deposits_open(&self) -> Result<(), Error> {
        self.pausable.require_not_paused(FLOW_DEPOSIT)?;
        self.require_no_pending_slash()
    }

    /// Takes `assets` for exactly `shares` and mints them to `receiver`. The caller has
    /// checked [`Self::require_deposits_open`].
    pub(crate) fn deposit_exact(
        &mut self,
        assets: U256,
        shares: U256,
        receiver: Address,
    ) -> Result<(), Error> {
        if assets.is_zero() {
            return Err(Error::ZeroAmount(RestakingVaultZeroAmount {}));
        }
        if receiver.is_zero() {
            return Err(Error::ZeroAddress(RestakingVaultZeroAddress {}));
        }
        let min_deposit = self.min_deposit.get();
        if assets < min_deposit {
            return Err(Error::BelowMinDeposit(RestakingVaultBelowMinDeposit {
                assets,
                minDeposit: min_deposit,
            }));
        }
        // Pause and pending slashes were checked by the caller: only the cap is left.
        let max = self.cap_room();
        if assets > max {
            return Err(Error::DepositCapExceeded(
                RestakingVaultDepositCapExceeded { assets, max },
            ));
        }
        if shares.is_zero() {
            return Err(Error::ZeroShares(RestakingVaultZeroShares {}));
        }
        self.check_value(assets)?;
        let active = self
            .active_assets
            .get()
            .checked_add(assets)
            .ok_or_else(overflow)?;
        let total_shares = self
            .total_shares
            .get()
            .checked_add(shares)
            .ok_or_else(overflow)?;
        let sender = self.vm().msg_sender();
        self.pull_asset(sender, assets)?;
        self.active_assets.set(active);
        self.total_shares.set(total_shares);
        self.record_active()?;
        self.mint_shares(receiver, shares)?;
        #[cfg(feature = "v2")]
        self.count_deposit()?;
        emit_log(
            self.vm(),
            &[
                Deposit::SIGNATURE_HASH,
                sender.into_word(),
                receiver.into_word(),
            ],
            &[assets.into_word(), shares.into_word()],
        );
        Ok(())
    }

    /// Claims need the claim flow running, a receiver, and the controller or its operator.
    pub(crate) fn check_claim(&self, receiver: Address, controller: Address) -> Result<(), Error> {
        self.pausable.require_not_paused(FLOW_CLAIM)?;
        if receiver.is_zero() {
            return Err(Error::ZeroAddress(RestakingVaultZeroAddress {}));
        }
        let caller = self.vm().msg_sender();
        if caller != controller && !self.operators.getter(controller).get(caller) {
            return Err(Error::InvalidCaller(RestakingVaultInvalidCaller {
                caller,
                controller,
            }));
        }
        Ok(())
    }

    /// `controller`'s claimable requests with their slots, oldest bucket first.
    pub(crate) fn claimable_requests(&self, controller: Address) -> Vec<(usize, Request)> {
        let now = self.now();
        let epochs = self.epochs();
        let [first, second] = self.requests_of(controller);
        let ordered = if second.bucket < first.bucket {
            [(1, second), (0, first)]
        } else {
            [(0, first), (1, second)]
        };
        ordered
            .into_iter()
            .filter(|(_, r)| r.bucket != 0 && epochs.is_claimable(r.bucket, now))
            .collect()
    }

    /// Shares of `controller`'s request `request_id`, counted when its claimability is
    /// `claimable`.
    pub(crate) fn request_shares(
        &self,
        request_id: U256,
        controller: Address,
        claimable: bool,
    ) -> U256 {
        let Ok(bucket) = u64::try_from(request_id) else {
            return U256::ZERO;
        };
        if bucket == 0 || self.epochs().is_claimable(bucket, self.now()) != claimable {
            return U256::ZERO;
        }
        self.requests_of(controller)
            .iter()
            .find(|r| r.bucket == bucket)
            .map_or(U256::ZERO, |r| r.shares)
    }

    /// Applies `take` to the request and adds it to `total`.
    pub(crate) fn apply(
        &mut self,
        controller: Address,
        index: usize,
        take: Take,
        total: Take,
    ) -> Result<Take, Error> {
        self.apply_take(controller, index, take);
        Ok(Take {
            shares: total.shares.checked_add(take.shares).ok_or_else(overflow)?,
            units: total.units.checked_add(take.units).ok_or_else(overflow)?,
            assets: total.assets.checked_add(take.assets).ok_or_else(overflow)?,
        })
    }

    /// Sends a claim's assets and emits `Withdraw`.
    pub(crate) fn pay_claim(
        &mut self,
        receiver: Address,
        controller: Address,
        total: Take,
    ) -> Result<(), Error> {
        self.push_asset(receiver, total.assets)?;
        let sender = self.vm().msg_sender();
        emit_log(
            self.vm(),
            &[
                Withdraw::SIGNATURE_HASH,
                sender.into_word(),
                receiver.into_word(),
                controller.into_word(),
            ],
            &[total.assets.into_word(), total.shares.into_word()],
        );
        Ok(())
    }

    /// The pools a slash captured at `capture` reaches: the active stake and the slashable
    /// buckets, or `None` outside the slashable window.
    pub(crate) fn slashable_pools(&self, capture: u64) -> Option<[(Pool, U256); 3]> {
        let buckets = self.epochs().slashable_buckets(capture, self.now())?;
        let active = self.total_assets_now().ok()?;
        let current = match buckets.current {
            Some(bucket) => (
                Pool::Bucket(bucket),
                self.buckets.getter(bucket).assets.get(),
            ),
            None => (Pool::Absent, U256::ZERO),
        };
        let next = (
            Pool::Bucket(buckets.next),
            self.buckets.getter(buckets.next).assets.get(),
        );
        Some([(Pool::Active, active), current, next])
    }

    pub(crate) fn check_fee(&self, fee_bps: u16) -> Result<(), Error> {
        if fee_bps > MAX_FEE_BPS {
            return Err(Error::FeeTooHigh(RestakingVaultFeeTooHigh {
                feeBps: U256::from(fee_bps),
                maxFeeBps: U256::from(MAX_FEE_BPS),
            }));
        }
        Ok(())
    }

    pub(crate) fn write_fee(&mut self, fee_bps: u16) {
        self.fee_bps.set(alloy_primitives::Uint::from(fee_bps));
        emit_log(
            self.vm(),
            &[FeeSet::SIGNATURE_HASH],
            &[(U256::from(fee_bps)).into_word()],
        );
    }

    pub(crate) fn write_treasury(&mut self, treasury: Address) {
        self.treasury.set(treasury);
        emit_log(
            self.vm(),
            &[TreasurySet::SIGNATURE_HASH, treasury.into_word()],
            &[],
        );
    }

    pub(crate) fn write_deposit_cap(&mut self, cap: U256) {
        self.deposit_cap.set(cap);
        emit_log(
            self.vm(),
            &[DepositCapSet::SIGNATURE_HASH],
            &[cap.into_word()],
        );
    }

    pub(crate) fn write_min_deposit(&mut self, min_deposit: U256) {
        self.min_deposit.set(min_deposit);
        emit_log(
            self.vm(),
            &[MinDepositSet::SIGNATURE_HASH],
            &[min_deposit.into_word()],
        );
    }
}

/// The complete Solidity interface of the vault, for `abi/RestakingVault.sol`.
///
/// # Errors
/// When the SDK's export lists an error no event/error group declares.
#[cfg(feature = "export-abi")]
pub fn solidity_interface() -> Result<alloc::string::String, alloc::string::String> {
    use restaking_common::{access_control::AccessControlItems, pausable::PausableItems};
    use stylus_sdk::abi::GenerateAbi;

    use crate::{admin::IVaultAdminStylusAbiStruct, redemptions::IVaultRedemptionsStylusAbiStruct};
    restaking_common::export_abi::render_interface(
        "contracts/restaking-vault",
        <RestakingVault as GenerateAbi>::fmt_constructor_signature,
        &[
            <RestakingVault as GenerateAbi>::fmt_abi,
            <IVaultRedemptionsStylusAbiStruct as GenerateAbi>::fmt_abi,
            <IVaultAdminStylusAbiStruct as GenerateAbi>::fmt_abi,
        ],
        &[
            events::RestakingVaultEvents::abi::contract(),
            errors::RestakingVaultErrors::abi::contract(),
            AccessControlItems::abi::contract(),
            restaking_common::initializable::InitializableItems::abi::contract(),
            PausableItems::abi::contract(),
        ],
    )
}
