//! The vault's redemption face (ERC-7540 asynchronous redeem, claims, operators).
//!
//! It is part of the vault's interface, but it is compiled into a second Stylus program (the
//! `restaking-vault-redemptions` variant, feature `redemptions-facet`) that the vault reaches
//! by `DELEGATECALL` from its fallback: the code runs on the vault's storage, at the vault's
//! address, and the vault program stays under the 24 KiB limit. A delegatecall does not
//! count as re-entering the vault (Nitro counts only non-delegate frames), while any real
//! re-entry into the vault is still refused by the vault's own entrypoint.

use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolEvent;
use restaking_common::{abi_words::IntoWord, emit::emit_log};
use stylus_sdk::prelude::*;

use crate::{
    FLOW_CLAIM, FLOW_REQUEST, RestakingVault,
    errors::*,
    events::{OperatorSet, RedeemRequest},
    withdrawals::{self, Take, take_assets, take_shares},
};

/// ERC-7540 redeem requests and claims, ERC-7540 operators, and the ERC-4626 views of the
/// claim side.
#[public]
// The macro adds an undocumented helper method to the trait.
#[allow(missing_docs)]
pub trait IVaultRedemptions {
    /// ERC-7540: redemptions are asynchronous, so there is no synchronous preview.
    ///
    /// # Errors
    /// Always `RestakingVaultAsyncRedeem`.
    fn preview_redeem(&self, shares: U256) -> Result<U256, Error>;

    /// ERC-7540: withdrawals are asynchronous, so there is no synchronous preview.
    ///
    /// # Errors
    /// Always `RestakingVaultAsyncRedeem`.
    fn preview_withdraw(&self, assets: U256) -> Result<U256, Error>;

    /// Shares `controller` may redeem now: the shares of its claimable requests; 0 while
    /// claims are paused.
    fn max_redeem(&self, controller: Address) -> U256;

    /// Assets `controller` may withdraw now: the value of its claimable requests; 0 while
    /// claims are paused.
    fn max_withdraw(&self, controller: Address) -> U256;

    /// Burns `shares` of `owner` now and books their value (rounded down) for `controller`
    /// in the withdrawal bucket of the next epoch. Returns the request id: that epoch.
    /// A caller other than `owner` needs to be `owner`'s operator or to hold an LRT
    /// allowance from `owner`, which is spent. The request takes one of `controller`'s two
    /// slots, so `controller` must be the caller, `owner`, or have made the caller its
    /// operator (`setOperator`).
    ///
    /// # Errors
    /// `EnforcedPause`, `RestakingVaultZeroShares`, `RestakingVaultZeroAddress`,
    /// `RestakingVaultInvalidCaller` (a controller that did not consent),
    /// `RestakingVaultInsufficientShares`, `RestakingVaultInsufficientAllowance`,
    /// `RestakingVaultZeroAmount` (the shares are worth nothing),
    /// `RestakingVaultTooManyRequests`, `RestakingVaultShareTokenCallFailed`.
    ///
    /// # Events
    /// `RedeemRequest`.
    fn request_redeem(
        &mut self,
        shares: U256,
        controller: Address,
        owner: Address,
    ) -> Result<U256, Error>;

    /// ERC-7540: shares of `controller`'s request `request_id` that are not claimable yet.
    fn pending_redeem_request(&self, request_id: U256, controller: Address) -> U256;

    /// ERC-7540: shares of `controller`'s request `request_id` that are claimable.
    fn claimable_redeem_request(&self, request_id: U256, controller: Address) -> U256;

    /// Withdrawal bucket `request_id` (the requests made in epoch `request_id - 1`): the
    /// assets it owes after slashes and claims, and the units its requests hold. A request
    /// holding `u` units is worth `u * assets / units`, rounded down, until it is claimed.
    fn withdrawal_bucket(&self, request_id: u64) -> (U256, U256);

    /// ERC-7540: claims `shares` of `controller`'s claimable requests (oldest first) and sends
    /// their assets (rounded down) to `receiver`. Returns the assets.
    ///
    /// # Errors
    /// `EnforcedPause`, `RestakingVaultZeroShares`, `RestakingVaultZeroAddress`,
    /// `RestakingVaultInvalidCaller`, `RestakingVaultExceedsClaimable`, transfer errors.
    ///
    /// # Events
    /// `Withdraw`.
    fn redeem(
        &mut self,
        shares: U256,
        receiver: Address,
        controller: Address,
    ) -> Result<U256, Error>;

    /// ERC-7540: claims `assets` from `controller`'s claimable requests (oldest first), taking
    /// the shares they need (rounded up), and sends them to `receiver`. Returns the shares.
    ///
    /// # Errors
    /// As `redeem`, with `RestakingVaultZeroAmount` for zero assets.
    ///
    /// # Events
    /// `Withdraw`.
    fn withdraw(
        &mut self,
        assets: U256,
        receiver: Address,
        controller: Address,
    ) -> Result<U256, Error>;

    /// Claims the caller's whole request of epoch `epoch` to `receiver`. Returns the assets.
    ///
    /// # Errors
    /// `EnforcedPause`, `RestakingVaultZeroAddress`, `RestakingVaultNoRequest` (none, or
    /// already claimed), `RestakingVaultNotClaimable` (the epoch has not ended), transfer
    /// errors.
    ///
    /// # Events
    /// `Withdraw`.
    fn claim(&mut self, epoch: u64, receiver: Address) -> Result<U256, Error>;

    /// Claims the caller's whole requests of each of `epochs` to `receiver`, in one transfer.
    /// Returns the assets.
    ///
    /// # Errors
    /// `RestakingVaultNoEpochs` for an empty list; as `claim`, for any of the epochs (then
    /// nothing is claimed).
    ///
    /// # Events
    /// `Withdraw`.
    fn claim_batch(&mut self, epochs: Vec<u64>, receiver: Address) -> Result<U256, Error>;

    /// ERC-7540: lets `operator` request and claim for the caller, or revokes it.
    ///
    /// # Errors
    /// `RestakingVaultZeroAddress`, `RestakingVaultInvalidCaller` (the caller itself).
    ///
    /// # Events
    /// `OperatorSet`.
    fn set_operator(&mut self, operator: Address, approved: bool) -> Result<bool, Error>;

    /// ERC-7540: whether `operator` acts for `controller`.
    fn is_operator(&self, controller: Address, operator: Address) -> bool;
}

#[public]
impl IVaultRedemptions for RestakingVault {
    fn preview_redeem(&self, shares: U256) -> Result<U256, Error> {
        let _ = shares;
        Err(Error::AsyncRedeem(RestakingVaultAsyncRedeem {}))
    }

    fn preview_withdraw(&self, assets: U256) -> Result<U256, Error> {
        let _ = assets;
        Err(Error::AsyncRedeem(RestakingVaultAsyncRedeem {}))
    }

    fn max_redeem(&self, controller: Address) -> U256 {
        if self.pausable.is_paused(FLOW_CLAIM) {
            return U256::ZERO;
        }
        self.claimable_requests(controller)
            .iter()
            .fold(U256::ZERO, |sum, (_, r)| sum.saturating_add(r.shares))
    }

    fn max_withdraw(&self, controller: Address) -> U256 {
        if self.pausable.is_paused(FLOW_CLAIM) {
            return U256::ZERO;
        }
        self.claimable_requests(controller)
            .iter()
            .fold(U256::ZERO, |sum, (_, r)| {
                let (assets, units) = self.bucket_state(r.bucket);
                sum.saturating_add(withdrawals::value_of(r.units, assets, units))
            })
    }

    fn request_redeem(
        &mut self,
        shares: U256,
        controller: Address,
        owner: Address,
    ) -> Result<U256, Error> {
        self.pausable.require_not_paused(FLOW_REQUEST)?;
        if shares.is_zero() {
            return Err(Error::ZeroShares(RestakingVaultZeroShares {}));
        }
        if controller.is_zero() || owner.is_zero() {
            return Err(Error::ZeroAddress(RestakingVaultZeroAddress {}));
        }
        let caller = self.vm().msg_sender();
        // A request takes one of the controller's two slots: only the controller, the owner
        // of the shares naming itself, or the controller's operator may open one, so that
        // nobody can fill another account's slots with dust (issue 11).
        if caller != controller && controller != owner && !self.is_operator(controller, caller) {
            return Err(Error::InvalidCaller(RestakingVaultInvalidCaller {
                caller,
                controller,
            }));
        }
        let assets = self.assets_requested(shares)?;
        if assets.is_zero() {
            return Err(Error::ZeroAmount(RestakingVaultZeroAmount {}));
        }
        let bucket = self
            .epochs()
            .request_bucket(self.now())
            .ok_or_else(overflow)?;
        let slot = self.slot_for(controller, bucket)?;
        // The request's one call into the LRT, after every check of its own: the burn checks
        // the balance, then (for a caller that is neither the owner nor its operator) spends
        // the allowance; its refusals come back as `RestakingVaultInsufficientShares` /
        // `...Allowance`. The burn changes none of the figures read above.
        let spender = if caller == owner || self.is_operator(owner, caller) {
            owner
        } else {
            caller
        };
        self.burn_shares(owner, spender, shares)?;
        // Value-neutral: moves vested rewards into the active assets the request draws from.
        self.settle_vesting()?;
        let active = self
            .active_assets
            .get()
            .checked_sub(assets)
            .ok_or_else(overflow)?;
        let total_shares = self
            .total_shares
            .get()
            .checked_sub(shares)
            .ok_or_else(overflow)?;

        self.add_request(controller, slot, bucket, shares, assets)?;
        self.active_assets.set(active);
        self.total_shares.set(total_shares);
        // The stake is the same before and after; what changes is where it sits, and a
        // request's bucket leaves the stake at the end of the epoch.
        self.record_active()?;
        self.record_requested(bucket)?;
        let request_id = U256::from(bucket);
        emit_log(
            self.vm(),
            &[
                RedeemRequest::SIGNATURE_HASH,
                controller.into_word(),
                owner.into_word(),
                request_id.into_word(),
            ],
            &[caller.into_word(), shares.into_word()],
        );
        Ok(request_id)
    }

    fn pending_redeem_request(&self, request_id: U256, controller: Address) -> U256 {
        self.request_shares(request_id, controller, false)
    }

    fn claimable_redeem_request(&self, request_id: U256, controller: Address) -> U256 {
        self.request_shares(request_id, controller, true)
    }

    fn withdrawal_bucket(&self, request_id: u64) -> (U256, U256) {
        self.bucket_state(request_id)
    }

    fn redeem(
        &mut self,
        shares: U256,
        receiver: Address,
        controller: Address,
    ) -> Result<U256, Error> {
        if shares.is_zero() {
            return Err(Error::ZeroShares(RestakingVaultZeroShares {}));
        }
        self.check_claim(receiver, controller)?;
        let claimable = self.max_redeem(controller);
        if shares > claimable {
            return Err(Error::ExceedsClaimable(RestakingVaultExceedsClaimable {
                requested: shares,
                claimable,
            }));
        }
        let mut left = shares;
        let mut total = Take::default();
        for (index, request) in self.claimable_requests(controller) {
            if left.is_zero() {
                break;
            }
            let (assets, units) = self.bucket_state(request.bucket);
            let take = take_shares(request, left, assets, units);
            // take.shares <= left.
            left = left.saturating_sub(take.shares);
            total = self.apply(controller, index, take, total)?;
        }
        self.pay_claim(receiver, controller, total)?;
        Ok(total.assets)
    }

    fn withdraw(
        &mut self,
        assets: U256,
        receiver: Address,
        controller: Address,
    ) -> Result<U256, Error> {
        if assets.is_zero() {
            return Err(Error::ZeroAmount(RestakingVaultZeroAmount {}));
        }
        self.check_claim(receiver, controller)?;
        let claimable = self.max_withdraw(controller);
        if assets > claimable {
            return Err(Error::ExceedsClaimable(RestakingVaultExceedsClaimable {
                requested: assets,
                claimable,
            }));
        }
        let mut left = assets;
        let mut total = Take::default();
        for (index, request) in self.claimable_requests(controller) {
            if left.is_zero() {
                break;
            }
            let (bucket_assets, units) = self.bucket_state(request.bucket);
            let take = take_assets(request, left, bucket_assets, units);
            // take.assets <= left.
            left = left.saturating_sub(take.assets);
            total = self.apply(controller, index, take, total)?;
        }
        self.pay_claim(receiver, controller, total)?;
        Ok(total.shares)
    }

    fn claim(&mut self, epoch: u64, receiver: Address) -> Result<U256, Error> {
        self.claim_batch(vec![epoch], receiver)
    }

    fn claim_batch(&mut self, epochs: Vec<u64>, receiver: Address) -> Result<U256, Error> {
        if epochs.is_empty() {
            return Err(Error::NoEpochs(RestakingVaultNoEpochs {}));
        }
        let controller = self.vm().msg_sender();
        self.check_claim(receiver, controller)?;
        let now = self.now();
        let requests = self.requests_of(controller);
        // Every epoch is checked before anything is written; a controller has two slots, so
        // an epoch listed twice finds its slot taken and is rejected like a claimed one.
        let mut claimed = [false; 2];
        for epoch in &epochs {
            let epoch = *epoch;
            let no_request = Error::NoRequest(RestakingVaultNoRequest {
                requestId: U256::from(epoch),
            });
            let index = requests
                .iter()
                .position(|r| r.bucket == epoch && epoch != 0)
                .ok_or(no_request.clone())?;
            if claimed[index] {
                return Err(no_request);
            }
            if !self.epochs().is_claimable(epoch, now) {
                return Err(Error::NotClaimable(RestakingVaultNotClaimable {
                    requestId: U256::from(epoch),
                }));
            }
            claimed[index] = true;
        }
        let mut total = Take::default();
        for (index, request) in requests.into_iter().enumerate() {
            if claimed[index] {
                let (assets, units) = self.bucket_state(request.bucket);
                let take = take_shares(request, request.shares, assets, units);
                total = self.apply(controller, index, take, total)?;
            }
        }
        self.pay_claim(receiver, controller, total)?;
        Ok(total.assets)
    }

    fn set_operator(&mut self, operator: Address, approved: bool) -> Result<bool, Error> {
        let controller = self.vm().msg_sender();
        if operator.is_zero() {
            return Err(Error::ZeroAddress(RestakingVaultZeroAddress {}));
        }
        if operator == controller {
            return Err(Error::InvalidCaller(RestakingVaultInvalidCaller {
                caller: operator,
                controller,
            }));
        }
        self.operators.setter(controller).insert(operator, approved);
        emit_log(
            self.vm(),
            &[
                OperatorSet::SIGNATURE_HASH,
                controller.into_word(),
                operator.into_word(),
            ],
            &[approved.into_word()],
        );
        Ok(true)
    }

    fn is_operator(&self, controller: Address, operator: Address) -> bool {
        self.operators.getter(controller).get(operator)
    }
}
