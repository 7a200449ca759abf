//! The routing tables of the vault's two programs: each selector to its function of
//! [`RestakingVault`], arguments read with [`Args`] and results written with [`returndata`]
//! (see [`restaking_common::router`] for why the SDK's generated router is not used, and what
//! stays the same). The vault program answers the functions of `vault.rs` and sends every
//! other selector to the redemption program through its fallback; the redemption program
//! answers those of [`IVaultRedemptions`](crate::redemptions::IVaultRedemptions) and
//! [`IVaultAdmin`](crate::admin::IVaultAdmin).

/// The vault program's table.
pub mod vault {
    restaking_common::selectors! {
        REDEMPTIONS_PROGRAM = "redemptionsProgram()";
        ASSET = "asset()";
        SHARE = "share()";
        TOTAL_ASSETS = "totalAssets()";
        CONVERT_TO_SHARES = "convertToShares(uint256)";
        CONVERT_TO_ASSETS = "convertToAssets(uint256)";
        PREVIEW_DEPOSIT = "previewDeposit(uint256)";
        PREVIEW_MINT = "previewMint(uint256)";
        MAX_DEPOSIT = "maxDeposit(address)";
        MAX_MINT = "maxMint(address)";
        GET_RATE = "getRate()";
        DEPOSIT = "deposit(uint256,address)";
        DEPOSIT_WITH_MIN_SHARES = "depositWithMinShares(uint256,address,uint256)";
        MINT = "mint(uint256,address)";
        DISTRIBUTE_REWARDS = "distributeRewards(uint256)";
        UNVESTED_REWARDS = "unvestedRewards()";
        SLASHABLE_STAKE = "slashableStake(uint64)";
        STAKE_AT = "stakeAt(uint64)";
        ON_SLASH = "onSlash(uint256,uint64,address)";
        HOLD_SLASH = "holdSlash(uint256,uint64,uint64)";
        RELEASE_SLASH = "releaseSlash(uint256)";
        PENDING_SLASH = "pendingSlash()";
        EPOCH_DURATION = "epochDuration()";
        CURRENT_EPOCH = "currentEpoch()";
        EPOCH_START = "epochStart(uint64)";
        DEPOSIT_CAP = "depositCap()";
        MIN_DEPOSIT = "minDeposit()";
        FEE_BPS = "feeBps()";
        TREASURY = "treasury()";
        IS_PAUSED = "isPaused(uint8)";
        SUPPORTS_INTERFACE = "supportsInterface(bytes4)";
    }

    #[cfg(not(feature = "redemptions-facet"))]
    mod table {
        use restaking_common::{
            abi_words::IntoWord,
            access_control,
            calldata::Args,
            returndata::{self, Returned},
            router::Routed,
        };

        use super::*;
        use crate::{RestakingVault, errors::Error};

        impl Routed for RestakingVault {
            fn call(&mut self, selector: u32, a: Args<'_>) -> Option<Returned> {
                Some(match selector {
                    REDEMPTIONS_PROGRAM => returndata::word(self.redemptions_program()),
                    #[cfg(feature = "v2")]
                    crate::v2::DEPOSITS_SINCE_UPGRADE => {
                        returndata::word(self.deposits_since_upgrade())
                    }
                    ASSET => returndata::word(self.asset()),
                    SHARE => returndata::word(self.share()),
                    TOTAL_ASSETS => (|| returndata::word(self.total_assets()?))(),
                    CONVERT_TO_SHARES => {
                        (|| returndata::word(self.convert_to_shares(a.uint256(0)?)?))()
                    }
                    CONVERT_TO_ASSETS => {
                        (|| returndata::word(self.convert_to_assets(a.uint256(0)?)?))()
                    }
                    PREVIEW_DEPOSIT => {
                        (|| returndata::word(self.preview_deposit(a.uint256(0)?)?))()
                    }
                    PREVIEW_MINT => (|| returndata::word(self.preview_mint(a.uint256(0)?)?))(),
                    MAX_DEPOSIT => (|| returndata::word(self.max_deposit(a.address(0)?)))(),
                    MAX_MINT => (|| returndata::word(self.max_mint(a.address(0)?)))(),
                    GET_RATE => (|| returndata::word(self.get_rate()?))(),
                    DEPOSIT => (|| {
                        let (assets, receiver) = (a.uint256(0)?, a.address(1)?);
                        returndata::word(self.deposit(assets, receiver)?)
                    })(),
                    DEPOSIT_WITH_MIN_SHARES => (|| {
                        let (assets, receiver, min) = (a.uint256(0)?, a.address(1)?, a.uint256(2)?);
                        returndata::word(self.deposit_with_min_shares(assets, receiver, min)?)
                    })(),
                    MINT => (|| {
                        let (shares, receiver) = (a.uint256(0)?, a.address(1)?);
                        returndata::word(self.mint(shares, receiver)?)
                    })(),
                    DISTRIBUTE_REWARDS => {
                        (|| returndata::unit(self.distribute_rewards(a.uint256(0)?)))()
                    }
                    UNVESTED_REWARDS => returndata::word(self.unvested_rewards()),
                    SLASHABLE_STAKE => (|| returndata::word(self.slashable_stake(a.uint64(0)?)))(),
                    STAKE_AT => (|| returndata::word(self.stake_at(a.uint64(0)?)))(),
                    ON_SLASH => (|| {
                        let (amount, capture, recipient) =
                            (a.uint256(0)?, a.uint64(1)?, a.address(2)?);
                        returndata::word(self.on_slash(amount, capture, recipient)?)
                    })(),
                    HOLD_SLASH => (|| {
                        let (amount, capture, until) = (a.uint256(0)?, a.uint64(1)?, a.uint64(2)?);
                        let (slashable, duration) = self.hold_slash(amount, capture, until)?;
                        returndata::words(&[slashable.into_word(), duration.into_word()])
                    })(),
                    RELEASE_SLASH => (|| returndata::unit(self.release_slash(a.uint256(0)?)))(),
                    PENDING_SLASH => {
                        let (pending, until) = self.pending_slash();
                        returndata::words(&[pending.into_word(), until.into_word()])
                    }
                    EPOCH_DURATION => returndata::word(self.epoch_duration()),
                    CURRENT_EPOCH => returndata::word(self.current_epoch()),
                    EPOCH_START => (|| returndata::word(self.epoch_start(a.uint64(0)?)?))(),
                    DEPOSIT_CAP => returndata::word(self.deposit_cap()),
                    MIN_DEPOSIT => returndata::word(self.min_deposit()),
                    FEE_BPS => returndata::word(self.fee_bps()),
                    TREASURY => returndata::word(self.treasury()),
                    IS_PAUSED => (|| returndata::word(self.is_paused(a.uint8(0)?)))(),
                    SUPPORTS_INTERFACE => {
                        (|| returndata::word(self.supports_interface(a.bytes4(0)?)))()
                    }
                    #[cfg(feature = "uups")]
                    restaking_common::uups::UPGRADE_TO_AND_CALL
                    | restaking_common::uups::PROXIABLE_UUID => {
                        return restaking_common::uups::route::<Error>(&self.roles, selector, a);
                    }
                    _ => return access_control::route::<Error>(&mut self.roles, selector, a),
                })
            }

            fn is_payable(selector: u32) -> bool {
                matches!(
                    selector,
                    DEPOSIT | DEPOSIT_WITH_MIN_SHARES | MINT | DISTRIBUTE_REWARDS
                )
            }

            fn construct(&mut self, a: Args<'_>) -> Returned {
                let (asset, share, admin) = (a.address(0)?, a.address(1)?, a.address(2)?);
                let (start, duration, vesting) = (a.uint64(3)?, a.uint64(4)?, a.uint64(5)?);
                let (treasury, fee_bps, redemptions) = (a.address(6)?, a.uint16(7)?, a.address(8)?);
                self.constructor(
                    asset,
                    share,
                    admin,
                    start,
                    duration,
                    vesting,
                    treasury,
                    fee_bps,
                    redemptions,
                )?;
                returndata::nothing()
            }

            fn fallback(&mut self, calldata: &[u8]) -> Returned {
                RestakingVault::fallback(self, calldata)
            }
        }
    }
}

/// The redemption program's table.
pub mod redemptions {
    restaking_common::selectors! {
        PREVIEW_REDEEM = "previewRedeem(uint256)";
        PREVIEW_WITHDRAW = "previewWithdraw(uint256)";
        MAX_REDEEM = "maxRedeem(address)";
        MAX_WITHDRAW = "maxWithdraw(address)";
        REQUEST_REDEEM = "requestRedeem(uint256,address,address)";
        PENDING_REDEEM_REQUEST = "pendingRedeemRequest(uint256,address)";
        CLAIMABLE_REDEEM_REQUEST = "claimableRedeemRequest(uint256,address)";
        WITHDRAWAL_BUCKET = "withdrawalBucket(uint64)";
        REDEEM = "redeem(uint256,address,address)";
        WITHDRAW = "withdraw(uint256,address,address)";
        CLAIM = "claim(uint64,address)";
        CLAIM_BATCH = "claimBatch(uint64[],address)";
        SET_OPERATOR = "setOperator(address,bool)";
        IS_OPERATOR = "isOperator(address,address)";
        SET_DEPOSIT_CAP = "setDepositCap(uint256)";
        SET_MIN_DEPOSIT = "setMinDeposit(uint256)";
        SET_FEE = "setFee(uint16)";
        SET_TREASURY = "setTreasury(address)";
        PAUSE = "pause(uint8)";
        UNPAUSE = "unpause(uint8)";
    }

    #[cfg(feature = "redemptions-facet")]
    mod table {
        use restaking_common::{
            abi_words::IntoWord,
            calldata::Args,
            returndata::{self, Returned},
            router::Routed,
        };

        use super::*;
        use crate::{RestakingVault, admin::IVaultAdmin, redemptions::IVaultRedemptions};

        impl Routed for RestakingVault {
            fn call(&mut self, selector: u32, a: Args<'_>) -> Option<Returned> {
                Some(match selector {
                    PREVIEW_REDEEM => (|| returndata::word(self.preview_redeem(a.uint256(0)?)?))(),
                    PREVIEW_WITHDRAW => {
                        (|| returndata::word(self.preview_withdraw(a.uint256(0)?)?))()
                    }
                    MAX_REDEEM => (|| returndata::word(self.max_redeem(a.address(0)?)))(),
                    MAX_WITHDRAW => (|| returndata::word(self.max_withdraw(a.address(0)?)))(),
                    REQUEST_REDEEM => (|| {
                        let (shares, controller, owner) =
                            (a.uint256(0)?, a.address(1)?, a.address(2)?);
                        returndata::word(self.request_redeem(shares, controller, owner)?)
                    })(),
                    PENDING_REDEEM_REQUEST => (|| {
                        let (id, controller) = (a.uint256(0)?, a.address(1)?);
                        returndata::word(self.pending_redeem_request(id, controller))
                    })(),
                    CLAIMABLE_REDEEM_REQUEST => (|| {
                        let (id, controller) = (a.uint256(0)?, a.address(1)?);
                        returndata::word(self.claimable_redeem_request(id, controller))
                    })(),
                    WITHDRAWAL_BUCKET => (|| {
                        let (assets, units) = self.withdrawal_bucket(a.uint64(0)?);
                        returndata::words(&[assets.into_word(), units.into_word()])
                    })(),
                    REDEEM => (|| {
                        let (shares, receiver, controller) =
                            (a.uint256(0)?, a.address(1)?, a.address(2)?);
                        returndata::word(self.redeem(shares, receiver, controller)?)
                    })(),
                    WITHDRAW => (|| {
                        let (assets, receiver, controller) =
                            (a.uint256(0)?, a.address(1)?, a.address(2)?);
                        returndata::word(self.withdraw(assets, receiver, controller)?)
                    })(),
                    CLAIM => (|| {
                        let (epoch, receiver) = (a.uint64(0)?, a.address(1)?);
                        returndata::word(self.claim(epoch, receiver)?)
                    })(),
                    CLAIM_BATCH => (|| {
                        let (epochs, receiver) = (a.uint64_array(0)?, a.address(1)?);
                        returndata::word(self.claim_batch(epochs, receiver)?)
                    })(),
                    SET_OPERATOR => (|| {
                        let (operator, approved) = (a.address(0)?, a.boolean(1)?);
                        returndata::word(self.set_operator(operator, approved)?)
                    })(),
                    IS_OPERATOR => {
                        (|| returndata::word(self.is_operator(a.address(0)?, a.address(1)?)))()
                    }
                    SET_DEPOSIT_CAP => (|| returndata::unit(self.set_deposit_cap(a.uint256(0)?)))(),
                    SET_MIN_DEPOSIT => (|| returndata::unit(self.set_min_deposit(a.uint256(0)?)))(),
                    SET_FEE => (|| returndata::unit(self.set_fee(a.uint16(0)?)))(),
                    SET_TREASURY => (|| returndata::unit(self.set_treasury(a.address(0)?)))(),
                    PAUSE => (|| returndata::unit(self.pause(a.uint8(0)?)))(),
                    UNPAUSE => (|| returndata::unit(self.unpause(a.uint8(0)?)))(),
                    _ => return None,
                })
            }

            fn is_payable(_selector: u32) -> bool {
                false
            }

            /// The redemption program is deployed without a constructor; a call to the
            /// constructor selector reverts (the SDK's router had no constructor to run either).
            fn construct(&mut self, _args: Args<'_>) -> Returned {
                Err(alloc::vec::Vec::new())
            }
        }
    }
}

// The entry point of either program: the vault's storage, routed by the table built in.
restaking_common::entrypoint!(crate::RestakingVault);

#[cfg(test)]
mod tests {
    #[test]
    fn the_two_programs_route_exactly_the_functions_of_the_committed_abi() {
        restaking_common::router::assert_routes_abi(
            include_str!("../../../abi/RestakingVault.json"),
            &[
                super::vault::SIGNATURES,
                super::redemptions::SIGNATURES,
                restaking_common::access_control::selectors::SIGNATURES,
            ],
            56,
        );
    }
}
