//! The vault's own program: deposits, rewards, slashing, views, roles. Every other selector
//! goes to the redemption program through [`RestakingVault::fallback`].

use alloc::vec::Vec;

use alloy_primitives::{Address, B256, FixedBytes, U256};
use alloy_sol_types::SolEvent;
use restaking_common::{
    abi_words::IntoWord,
    access_control::DEFAULT_ADMIN_ROLE,
    emit::emit_log,
    math::{Rounding, mul_div},
    slash_window,
};
use stylus_sdk::{ArbResult, call::delegate_call, prelude::*};

use crate::{
    BPS, MAX_EPOCH_DURATION, MAX_VESTING_PERIOD, MIN_EPOCH_DURATION, MIN_VESTING_PERIOD, Pool,
    RATE_UNIT, RestakingVault, SLASHER_ROLE, asset::NATIVE_ASSET, errors::*, events::*, fee_of,
    interface_ids, math::slashing, pool_sum,
};
#[cfg(any(test, feature = "export-abi"))]
use crate::{admin::IVaultAdmin, redemptions::IVaultRedemptions};
#[cfg(feature = "export-abi")]
use crate::{admin::IVaultAdminStylusAbiStruct, redemptions::IVaultRedemptionsStylusAbiStruct};

#[public]
#[cfg_attr(
    any(test, feature = "export-abi"),
    implements(IVaultRedemptions, IVaultAdmin)
)]
impl RestakingVault {
    /// Fixes the asset, the share token and the epoch schedule, and grants
    /// `DEFAULT_ADMIN_ROLE` to `admin`. No cap (`type(uint256).max`), minimum deposit 1.
    ///
    /// # Arguments
    /// * `asset` - the ERC-20 asset, or `0xEeeee…EEeE` for native ETH.
    /// * `share` - the LRT; this vault must then be granted its `MINTER_ROLE`.
    /// * `admin` - receives the admin role (never `msg.sender`, the deployer contract).
    /// * `epoch_start`, `epoch_duration` - epoch 0 starts at `epoch_start` (not in the
    ///   future); epochs last `epoch_duration` seconds, within [1 hour, 90 days].
    /// * `vesting_period` - rewards vest over this many seconds, within [1 hour, 30 days].
    /// * `treasury`, `fee_bps` - receiver and size (at most 20%) of the protocol fee on
    ///   rewards.
    /// * `redemptions` - the program of the redemption face (the `restaking-vault-redemptions`
    ///   build of this crate), reached by delegatecall for the functions of
    ///   [`IVaultRedemptions`].
    ///
    /// # Errors
    /// `RestakingVaultZeroAddress`, `RestakingVaultNotAContract` (asset or share without
    /// code), `RestakingVaultInvalidEpochDuration`, `RestakingVaultInvalidEpochStart`,
    /// `RestakingVaultInvalidVestingPeriod`, `RestakingVaultFeeTooHigh`.
    ///
    /// # Events
    /// `RoleGranted`, `DepositCapSet`, `MinDepositSet`, `FeeSet`, `TreasurySet`.
    #[constructor]
    #[allow(clippy::too_many_arguments)]
    pub fn constructor(
        &mut self,
        asset: Address,
        share: Address,
        admin: Address,
        epoch_start: u64,
        epoch_duration: u64,
        vesting_period: u64,
        treasury: Address,
        fee_bps: u16,
        redemptions: Address,
    ) -> Result<(), Error> {
        if asset.is_zero() || share.is_zero() || treasury.is_zero() || redemptions.is_zero() {
            return Err(Error::ZeroAddress(RestakingVaultZeroAddress {}));
        }
        for account in [asset, share, redemptions] {
            if account != NATIVE_ASSET && self.vm().code_size(account) == 0 {
                return Err(Error::NotAContract(RestakingVaultNotAContract { account }));
            }
        }
        if !(MIN_EPOCH_DURATION..=MAX_EPOCH_DURATION).contains(&epoch_duration) {
            return Err(Error::InvalidEpochDuration(
                RestakingVaultInvalidEpochDuration {
                    duration: epoch_duration,
                },
            ));
        }
        if epoch_start > self.now() {
            return Err(Error::InvalidEpochStart(RestakingVaultInvalidEpochStart {
                start: epoch_start,
            }));
        }
        if !(MIN_VESTING_PERIOD..=MAX_VESTING_PERIOD).contains(&vesting_period) {
            return Err(Error::InvalidVestingPeriod(
                RestakingVaultInvalidVestingPeriod {
                    period: vesting_period,
                },
            ));
        }
        self.check_fee(fee_bps)?;
        self.roles.grant_role_unchecked(DEFAULT_ADMIN_ROLE, admin)?;
        self.asset.set(asset);
        self.share.set(share);
        self.redemptions.set(redemptions);
        self.epoch_start
            .set(alloy_primitives::Uint::from(epoch_start));
        self.epoch_duration
            .set(alloy_primitives::Uint::from(epoch_duration));
        self.vesting_period
            .set(alloy_primitives::Uint::from(vesting_period));
        self.write_treasury(treasury);
        self.write_fee(fee_bps);
        self.write_deposit_cap(U256::MAX);
        self.write_min_deposit(U256::from(1));
        Ok(())
    }

    // ----- ERC-4626 / ERC-7575 views -----

    /// Runs the functions of [`IVaultRedemptions`] (every selector this program does not
    /// route) in the redemption program, by delegatecall on this vault's storage.
    #[fallback]
    pub fn fallback(&mut self, calldata: &[u8]) -> ArbResult {
        let redemptions = self.redemptions.get();
        let context = Call::new_mutating(self);
        // SAFETY: the redemption program is the code of this very crate built with the
        // `redemptions-facet` feature, fixed at construction; it uses the same storage layout
        // (the same `RestakingVault` struct) and writes only what its functions document.
        #[allow(unsafe_code)]
        let result = unsafe { delegate_call(self.vm(), context, redemptions, calldata) };
        result.map_err(Vec::from)
    }

    /// The program of the redemption face.
    pub fn redemptions_program(&self) -> Address {
        self.redemptions.get()
    }

    /// The underlying asset; `0xEeeee…EEeE` for native ETH (ERC-7535).
    pub fn asset(&self) -> Address {
        self.asset.get()
    }

    /// ERC-7575: the share token (the LRT).
    pub fn share(&self) -> Address {
        self.share.get()
    }

    /// Assets backing the outstanding shares: active assets plus vested rewards. Excludes
    /// withdrawal buckets, unvested rewards, and anything sent to the vault outside its
    /// functions.
    pub fn total_assets(&self) -> Result<U256, Error> {
        self.total_assets_now()
    }

    /// Shares worth `assets` at the current rate, rounded down. The rate of every price view
    /// counts pending slashes as lost (see [`Self::pending_slash`]).
    pub fn convert_to_shares(&self, assets: U256) -> Result<U256, Error> {
        self.shares_for(assets, Rounding::Down)
    }

    /// Assets worth `shares` at the current rate, rounded down.
    pub fn convert_to_assets(&self, shares: U256) -> Result<U256, Error> {
        self.assets_for(shares, Rounding::Down)
    }

    /// Shares `deposit(assets)` would mint now: rounded down (the vault keeps the dust).
    pub fn preview_deposit(&self, assets: U256) -> Result<U256, Error> {
        self.shares_for(assets, Rounding::Down)
    }

    /// Assets `mint(shares)` would take now: rounded up (the vault keeps the dust).
    pub fn preview_mint(&self, shares: U256) -> Result<U256, Error> {
        self.assets_for(shares, Rounding::Up)
    }

    /// Assets `receiver` may deposit: 0 when deposits are paused, a slash is pending, or the
    /// room under the cap is below the minimum deposit (no deposit could then succeed). Never
    /// reverts.
    pub fn max_deposit(&self, receiver: Address) -> U256 {
        let _ = receiver;
        self.max_deposit_view()
    }

    /// Shares `receiver` may mint: 0 when deposits are paused, or when the room under the cap
    /// is below the minimum deposit or buys no shares costing at least the minimum.
    /// Never reverts.
    pub fn max_mint(&self, receiver: Address) -> U256 {
        let _ = receiver;
        let max = self.max_deposit_view();
        if max == U256::MAX {
            return U256::MAX;
        }
        // Shares worth at most `max`, whose price (rounded up, as `mint` charges it) is also
        // at least the minimum deposit: `mint(maxMint)` then passes both checks.
        let shares = self.shares_for(max, Rounding::Down).unwrap_or(U256::ZERO);
        match self.assets_for(shares, Rounding::Up) {
            Ok(assets) if assets >= self.min_deposit.get() => shares,
            _ => U256::ZERO,
        }
    }

    /// Assets per 1e18 shares, 18 decimals, rounded down: the rate for oracles and AMMs. Net of
    /// pending slashes: never above what a share is worth once they execute.
    pub fn get_rate(&self) -> Result<U256, Error> {
        self.assets_for(RATE_UNIT, Rounding::Down)
    }

    // ----- Deposits -----

    /// Deposits `assets` and mints the shares they are worth (rounded down) to `receiver`.
    /// A native-ETH vault takes `msg.value == assets`.
    ///
    /// # Errors
    /// `EnforcedPause`, `RestakingVaultZeroAmount`, `RestakingVaultZeroAddress`,
    /// `RestakingVaultBelowMinDeposit`, `RestakingVaultDepositCapExceeded`,
    /// `RestakingVaultZeroShares`, `RestakingVaultInvalidValue`,
    /// `RestakingVaultAssetTransferFailed`.
    ///
    /// # Events
    /// `Deposit`.
    #[payable]
    pub fn deposit(&mut self, assets: U256, receiver: Address) -> Result<U256, Error> {
        self.require_deposits_open()?;
        let shares = self.shares_for(assets, Rounding::Down)?;
        self.deposit_exact(assets, shares, receiver)?;
        Ok(shares)
    }

    /// [`Self::deposit`] that fails unless at least `min_shares` are minted.
    ///
    /// # Errors
    /// Those of `deposit`, and `RestakingVaultSlippage`.
    ///
    /// # Events
    /// `Deposit`.
    #[payable]
    pub fn deposit_with_min_shares(
        &mut self,
        assets: U256,
        receiver: Address,
        min_shares: U256,
    ) -> Result<U256, Error> {
        self.require_deposits_open()?;
        let shares = self.shares_for(assets, Rounding::Down)?;
        if shares < min_shares {
            return Err(Error::Slippage(RestakingVaultSlippage {
                shares,
                minShares: min_shares,
            }));
        }
        self.deposit_exact(assets, shares, receiver)?;
        Ok(shares)
    }

    /// Mints exactly `shares` to `receiver` for the assets they are worth, rounded up. A
    /// native-ETH vault takes `msg.value ==` that amount (see `previewMint`).
    ///
    /// # Errors
    /// Those of `deposit`.
    ///
    /// # Events
    /// `Deposit`.
    #[payable]
    pub fn mint(&mut self, shares: U256, receiver: Address) -> Result<U256, Error> {
        if shares.is_zero() {
            return Err(Error::ZeroShares(RestakingVaultZeroShares {}));
        }
        self.require_deposits_open()?;
        let assets = self.assets_for(shares, Rounding::Up)?;
        self.deposit_exact(assets, shares, receiver)?;
        Ok(assets)
    }

    // ----- ERC-7540 redeem requests and claims -----

    // ----- Rewards -----

    /// Pays `amount` of rewards in the asset (a native vault takes `msg.value == amount`):
    /// the protocol fee (rounded down, so never above the configured rate) goes to the
    /// treasury, and the rest vests linearly into `totalAssets` together with any rewards
    /// still vesting, without delaying them: until the earlier of one vesting period from
    /// now and the end at which they keep their pace (`math::vesting`).
    ///
    /// # Errors
    /// `RestakingVaultZeroAmount`, `RestakingVaultZeroShares` (no shares to reward),
    /// `RestakingVaultInvalidValue`, transfer errors.
    ///
    /// # Events
    /// `RewardsDistributed`.
    #[payable]
    pub fn distribute_rewards(&mut self, amount: U256) -> Result<(), Error> {
        if amount.is_zero() {
            return Err(Error::ZeroAmount(RestakingVaultZeroAmount {}));
        }
        if self.total_shares.get().is_zero() {
            return Err(Error::ZeroShares(RestakingVaultZeroShares {}));
        }
        self.check_value(amount)?;
        let fee = mul_div(
            amount,
            U256::from(fee_of(self.fee_bps.get())),
            U256::from(BPS),
            Rounding::Down,
        )
        .ok_or_else(overflow)?;
        // fee <= amount (fee_bps <= MAX_FEE_BPS < BPS).
        let net = amount.saturating_sub(fee);
        let payer = self.vm().msg_sender();
        self.pull_asset(payer, amount)?;
        self.settle_vesting()?;
        let now = self.now();
        let vesting = self
            .vesting()
            .add(now, net, self.vesting_period.get().as_limbs()[0])
            .ok_or_else(overflow)?;
        let end = vesting.end;
        self.set_vesting(vesting);
        let treasury = self.treasury.get();
        self.push_asset(treasury, fee)?;
        emit_log(
            self.vm(),
            &[RewardsDistributed::SIGNATURE_HASH, payer.into_word()],
            &[amount.into_word(), fee.into_word(), end.into_word()],
        );
        Ok(())
    }

    /// Rewards paid but not yet vested.
    pub fn unvested_rewards(&self) -> U256 {
        let vesting = self.vesting();
        vesting.unvested.saturating_sub(vesting.vested(self.now()))
    }

    // ----- Slashing -----

    /// Assets a slash captured at `capture_timestamp` may still take: what its pools hold now
    /// (the active stake plus the withdrawal buckets holding stake from the capture epoch on
    /// that are not claimable yet), at most the stake at the capture ([`Self::stake_at`]) less
    /// everything slashed since the capture. 0 when the capture is in the future or outside
    /// the slashable window (the current and the previous epoch).
    pub fn slashable_stake(&self, capture_timestamp: u64) -> U256 {
        match self.slashable_pools(capture_timestamp) {
            Some(pools) => self.slashable_at(capture_timestamp, pool_sum(&pools)),
            None => U256::ZERO,
        }
    }

    /// The stake at `timestamp`, as recorded when it changed: the active stake then (with the
    /// rewards vested by the vault's last change at or before it) plus the withdrawals
    /// requested in its epoch by then. 0 for a timestamp in the future or before the first
    /// deposit. `O(log n)` in the number of changes; the history is never pruned.
    pub fn stake_at(&self, timestamp: u64) -> U256 {
        self.stake_at_time(timestamp)
    }

    /// Slashes pending against the vault now and the latest time one of them may execute:
    /// `(0, _)` when none is. While one is, deposits wait and the price views count it as
    /// lost (see `docs/RestakingVault.md`, "Pending slashes").
    pub fn pending_slash(&self) -> (U256, u64) {
        self.pending_slash_now()
    }

    /// The slashing manager holds `amount` for a slash request captured at
    /// `capture_timestamp` that may execute until `until`, or until no slash of that capture
    /// may execute any more if that is earlier (`capture + epochDuration + 1`,
    /// `restaking_common::slash_window`). Returns what a request needs from the vault, read
    /// before the hold: [`Self::slashable_stake`] for the capture and [`Self::epoch_duration`];
    /// the manager refuses the request (reverting the hold) when they do not allow it. Only
    /// `SLASHER_ROLE`.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`, `RestakingVaultZeroAmount`,
    /// `RestakingVaultMathOverflow`.
    ///
    /// # Events
    /// `PendingSlashChanged`.
    pub fn hold_slash(
        &mut self,
        amount: U256,
        capture_timestamp: u64,
        until: u64,
    ) -> Result<(U256, u64), Error> {
        self.roles.only_role(SLASHER_ROLE)?;
        if amount.is_zero() {
            return Err(Error::ZeroAmount(RestakingVaultZeroAmount {}));
        }
        let slashable = self.slashable_stake(capture_timestamp);
        let duration = self.epochs().duration;
        let until = until.min(slash_window::execution_end(capture_timestamp, duration));
        self.hold_pending(amount, until)?;
        Ok((slashable, duration))
    }

    /// The slashing manager releases `amount` of a request that was vetoed or cancelled.
    /// Only `SLASHER_ROLE`.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`, `RestakingVaultZeroAmount`.
    ///
    /// # Events
    /// `PendingSlashChanged`.
    pub fn release_slash(&mut self, amount: U256) -> Result<(), Error> {
        self.roles.only_role(SLASHER_ROLE)?;
        if amount.is_zero() {
            return Err(Error::ZeroAmount(RestakingVaultZeroAmount {}));
        }
        self.release_pending(amount);
        Ok(())
    }

    /// Slashes `amount` captured at `capture_timestamp` from the active stake and the
    /// slashable buckets pro rata (each part rounded down), and sends it to `recipient`.
    /// Returns the amount slashed: at most `amount` and at most [`Self::slashable_stake`], so
    /// never more than was at stake at the capture. Only `SLASHER_ROLE`.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`, `RestakingVaultZeroAmount`,
    /// `RestakingVaultZeroAddress`, `RestakingVaultInvalidCapture`, transfer errors.
    ///
    /// # Events
    /// `Slashed`, `PendingSlashChanged`.
    pub fn on_slash(
        &mut self,
        amount: U256,
        capture_timestamp: u64,
        recipient: Address,
    ) -> Result<U256, Error> {
        self.roles.only_role(SLASHER_ROLE)?;
        if amount.is_zero() {
            return Err(Error::ZeroAmount(RestakingVaultZeroAmount {}));
        }
        if recipient.is_zero() {
            return Err(Error::ZeroAddress(RestakingVaultZeroAddress {}));
        }
        let pools = self
            .slashable_pools(capture_timestamp)
            .ok_or(Error::InvalidCapture(RestakingVaultInvalidCapture {
                captureTimestamp: capture_timestamp,
            }))?;
        // Never more than the stake at the capture less what was slashed since (issue 11).
        let allowed = amount.min(self.slashable_at(capture_timestamp, pool_sum(&pools)));
        let parts = slashing::split(allowed, pools.map(|(_, pool)| pool)).ok_or_else(overflow)?;
        // The active pool counted the vested rewards; settle them into the active assets, which
        // then equal that pool, before writing what is left of it.
        self.settle_vesting()?;
        let mut slashed = U256::ZERO;
        for ((pool_id, pool), part) in pools.into_iter().zip(parts) {
            // A pool that loses nothing keeps its value: no write.
            if part.is_zero() {
                continue;
            }
            // part <= pool (split never takes more than a pool holds) and the sum of the parts
            // is at most the sum of the pools, which fits.
            let left = pool.saturating_sub(part);
            match pool_id {
                Pool::Active => self.active_assets.set(left),
                Pool::Bucket(bucket) => self.buckets.setter(bucket).assets.set(left),
                Pool::Absent => {}
            }
            slashed = slashed.saturating_add(part);
        }
        self.record_active()?;
        // The pools' last bucket is `current epoch + 1`, the bucket of this epoch's requests.
        if let (Pool::Bucket(bucket), _) = pools[2] {
            self.record_requested(bucket)?;
        }
        self.record_slashed(slashed)?;
        // The request is closed: what it held is no longer pending.
        self.release_pending(amount);
        self.push_asset(recipient, slashed)?;
        emit_log(
            self.vm(),
            &[Slashed::SIGNATURE_HASH, recipient.into_word()],
            &[
                capture_timestamp.into_word(),
                amount.into_word(),
                slashed.into_word(),
            ],
        );
        Ok(slashed)
    }

    // ----- Epochs -----

    /// Seconds per epoch.
    pub fn epoch_duration(&self) -> u64 {
        self.epochs().duration
    }

    /// The current epoch.
    pub fn current_epoch(&self) -> u64 {
        self.epochs().epoch_at(self.now()).unwrap_or(0)
    }

    /// The timestamp at which `epoch` starts (and epoch `epoch - 1` ends): the request of
    /// id `epoch` becomes claimable at `epochStart(epoch + 1)`.
    pub fn epoch_start(&self, epoch: u64) -> Result<u64, Error> {
        self.epochs().epoch_start(epoch).ok_or_else(overflow)
    }

    // ----- Configuration -----

    /// The deposit cap on `totalAssets`.
    pub fn deposit_cap(&self) -> U256 {
        self.deposit_cap.get()
    }

    /// The smallest deposit accepted.
    pub fn min_deposit(&self) -> U256 {
        self.min_deposit.get()
    }

    /// The protocol fee on rewards, in basis points.
    pub fn fee_bps(&self) -> u16 {
        fee_of(self.fee_bps.get())
    }

    /// The receiver of the protocol fee.
    pub fn treasury(&self) -> Address {
        self.treasury.get()
    }

    // ----- Pause -----

    /// Whether `flow` (0 deposit, 1 request, 2 claim) is paused.
    pub fn is_paused(&self, flow: u8) -> bool {
        self.pausable.is_paused(flow)
    }

    // ----- ERC-165 and roles -----

    /// Whether the vault implements `interface_id`: ERC-165, ERC-7575, ERC-7540 operator and
    /// redeem, `IAccessControl`.
    pub fn supports_interface(&self, interface_id: FixedBytes<4>) -> bool {
        interface_ids::SUPPORTED.contains(&interface_id)
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
    /// `AccessControlUnauthorizedAccount`, `AccessControlZeroAddress`.
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
