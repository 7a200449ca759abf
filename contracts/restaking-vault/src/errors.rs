//! Errors of the restaking vault, and those of the shared components it embeds, gathered in
//! one [`Error`].

use restaking_common::{
    access_control::{
        self, AccessControlBadConfirmation, AccessControlLastAdmin,
        AccessControlUnauthorizedAccount, AccessControlZeroAddress,
    },
    initializable::InvalidInitialization,
    pausable::{self, EnforcedPause, ExpectedPause},
};

restaking_common::sol_items! {
    /// Vault errors.
    RestakingVaultErrors {
        /// An amount of zero where a positive one is needed.
        error RestakingVaultZeroAmount();

        /// The zero address where an account is needed.
        error RestakingVaultZeroAddress();

        /// The operation would issue or burn no shares.
        error RestakingVaultZeroShares();

        /// Depositing `assets` exceeds what the cap allows, `max`.
        error RestakingVaultDepositCapExceeded(uint256 assets, uint256 max);

        /// `assets` is below the minimum deposit `minDeposit`.
        error RestakingVaultBelowMinDeposit(uint256 assets, uint256 minDeposit);

        /// The deposit would issue `shares`, fewer than the `minShares` asked for.
        error RestakingVaultSlippage(uint256 shares, uint256 minShares);

        /// `msg.value` is `value`; `expected` was required (the assets in a native-ETH vault,
        /// zero in an ERC-20 vault).
        error RestakingVaultInvalidValue(uint256 value, uint256 expected);

        /// A transfer of the asset token failed or returned false.
        error RestakingVaultAssetTransferFailed(address asset);

        /// Sending native ETH to `to` failed.
        error RestakingVaultNativeTransferFailed(address to);

        /// A call to the share token failed.
        error RestakingVaultShareTokenCallFailed(address share);

        /// `owner` holds `balance` shares, fewer than `needed`.
        error RestakingVaultInsufficientShares(address owner, uint256 balance, uint256 needed);

        /// `spender` may spend `allowance` of the owner's shares, fewer than `needed`.
        error RestakingVaultInsufficientAllowance(address spender, uint256 allowance, uint256 needed);

        /// `caller` is neither `controller` nor one of its operators.
        error RestakingVaultInvalidCaller(address caller, address controller);

        /// The request of epoch `requestId` is not claimable yet.
        error RestakingVaultNotClaimable(uint256 requestId);

        /// The controller has no open request for epoch `requestId`.
        error RestakingVaultNoRequest(uint256 requestId);

        /// `claimBatch` with no epoch.
        error RestakingVaultNoEpochs();

        /// Two requests are open and the one of epoch `claimableRequestId` must be claimed
        /// before a request for another epoch.
        error RestakingVaultTooManyRequests(uint256 claimableRequestId);

        /// Redeeming or withdrawing `requested` exceeds the claimable `claimable`.
        error RestakingVaultExceedsClaimable(uint256 requested, uint256 claimable);

        /// `captureTimestamp` is in the future or outside the slashable window.
        error RestakingVaultInvalidCapture(uint64 captureTimestamp);

        /// Deposits wait while slashes of `pending` are pending against the vault (until they
        /// close, at the latest `until`): a depositor must not pay for a slash requested before
        /// it came, nor gain if it is vetoed.
        error RestakingVaultSlashPending(uint256 pending, uint64 until);

        /// An epoch duration of `duration` seconds is outside the allowed bounds.
        error RestakingVaultInvalidEpochDuration(uint64 duration);

        /// An epoch start of `start` is in the future.
        error RestakingVaultInvalidEpochStart(uint64 start);

        /// A vesting period of `period` seconds is outside the allowed bounds.
        error RestakingVaultInvalidVestingPeriod(uint64 period);

        /// A fee of `feeBps` is above the cap `maxFeeBps`.
        error RestakingVaultFeeTooHigh(uint256 feeBps, uint256 maxFeeBps);

        /// `account` has no contract code where a token contract is needed.
        error RestakingVaultNotAContract(address account);

        /// There is no flow `flow`.
        error RestakingVaultUnknownFlow(uint8 flow);

        /// Redemptions are asynchronous: request, then claim; there is no synchronous preview.
        error RestakingVaultAsyncRedeem();

        /// An intermediate amount does not fit in 256 bits.
        error RestakingVaultMathOverflow();
    }
}

restaking_common::contract_errors! {
    /// Every error the vault returns.
    pub enum Error {
        /// See [`RestakingVaultZeroAmount`].
        ZeroAmount(RestakingVaultZeroAmount) [],
        /// See [`RestakingVaultZeroAddress`].
        ZeroAddress(RestakingVaultZeroAddress) [],
        /// See [`RestakingVaultZeroShares`].
        ZeroShares(RestakingVaultZeroShares) [],
        /// See [`RestakingVaultDepositCapExceeded`].
        DepositCapExceeded(RestakingVaultDepositCapExceeded) [assets, max],
        /// See [`RestakingVaultBelowMinDeposit`].
        BelowMinDeposit(RestakingVaultBelowMinDeposit) [assets, minDeposit],
        /// See [`RestakingVaultSlippage`].
        Slippage(RestakingVaultSlippage) [shares, minShares],
        /// See [`RestakingVaultInvalidValue`].
        InvalidValue(RestakingVaultInvalidValue) [value, expected],
        /// See [`RestakingVaultAssetTransferFailed`].
        AssetTransferFailed(RestakingVaultAssetTransferFailed) [asset],
        /// See [`RestakingVaultNativeTransferFailed`].
        NativeTransferFailed(RestakingVaultNativeTransferFailed) [to],
        /// See [`RestakingVaultShareTokenCallFailed`].
        ShareTokenCallFailed(RestakingVaultShareTokenCallFailed) [share],
        /// See [`RestakingVaultInsufficientShares`].
        InsufficientShares(RestakingVaultInsufficientShares) [owner, balance, needed],
        /// See [`RestakingVaultInsufficientAllowance`].
        InsufficientAllowance(RestakingVaultInsufficientAllowance) [spender, allowance, needed],
        /// See [`RestakingVaultInvalidCaller`].
        InvalidCaller(RestakingVaultInvalidCaller) [caller, controller],
        /// See [`RestakingVaultNotClaimable`].
        NotClaimable(RestakingVaultNotClaimable) [requestId],
        /// See [`RestakingVaultNoRequest`].
        NoRequest(RestakingVaultNoRequest) [requestId],
        /// See [`RestakingVaultNoEpochs`].
        NoEpochs(RestakingVaultNoEpochs) [],
        /// See [`RestakingVaultTooManyRequests`].
        TooManyRequests(RestakingVaultTooManyRequests) [claimableRequestId],
        /// See [`RestakingVaultExceedsClaimable`].
        ExceedsClaimable(RestakingVaultExceedsClaimable) [requested, claimable],
        /// See [`RestakingVaultInvalidCapture`].
        InvalidCapture(RestakingVaultInvalidCapture) [captureTimestamp],
        /// See [`RestakingVaultSlashPending`].
        SlashPending(RestakingVaultSlashPending) [pending, until],
        /// See [`RestakingVaultInvalidEpochDuration`].
        InvalidEpochDuration(RestakingVaultInvalidEpochDuration) [duration],
        /// See [`RestakingVaultInvalidEpochStart`].
        InvalidEpochStart(RestakingVaultInvalidEpochStart) [start],
        /// See [`RestakingVaultInvalidVestingPeriod`].
        InvalidVestingPeriod(RestakingVaultInvalidVestingPeriod) [period],
        /// See [`RestakingVaultFeeTooHigh`].
        FeeTooHigh(RestakingVaultFeeTooHigh) [feeBps, maxFeeBps],
        /// See [`RestakingVaultNotAContract`].
        NotAContract(RestakingVaultNotAContract) [account],
        /// See [`RestakingVaultUnknownFlow`].
        UnknownFlow(RestakingVaultUnknownFlow) [flow],
        /// See [`RestakingVaultAsyncRedeem`].
        AsyncRedeem(RestakingVaultAsyncRedeem) [],
        /// See [`RestakingVaultMathOverflow`].
        MathOverflow(RestakingVaultMathOverflow) [],
        /// See [`EnforcedPause`].
        EnforcedPause(EnforcedPause) [flow],
        /// See [`ExpectedPause`].
        ExpectedPause(ExpectedPause) [flow],
        /// See [`AccessControlUnauthorizedAccount`].
        UnauthorizedAccount(AccessControlUnauthorizedAccount) [account, neededRole],
        /// See [`AccessControlBadConfirmation`].
        BadConfirmation(AccessControlBadConfirmation) [],
        /// See [`AccessControlZeroAddress`].
        RoleToZeroAddress(AccessControlZeroAddress) [],
        /// See [`InvalidInitialization`]: written by the router, declared here for the ABI.
        AlreadyInitialized(InvalidInitialization) [],
        /// See [`AccessControlLastAdmin`].
        LastAdmin(AccessControlLastAdmin) [],
    }
}

/// The error for an amount that overflows 256 bits.
pub fn overflow() -> Error {
    Error::MathOverflow(RestakingVaultMathOverflow {})
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
