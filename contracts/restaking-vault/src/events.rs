//! Events of the restaking vault. Role and pause events come from the shared components.

restaking_common::sol_items! {
    /// ERC-4626, ERC-7540 and vault events.
    RestakingVaultEvents {
        /// ERC-4626: `sender` paid `assets` and `owner` received `shares`.
        event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares);

        /// ERC-4626: `sender` claimed `assets` to `receiver` for the redeem request of `owner`
        /// (the controller), which had locked `shares`.
        event Withdraw(
            address indexed sender,
            address indexed receiver,
            address indexed owner,
            uint256 assets,
            uint256 shares
        );

        /// ERC-7540: `sender` requested to redeem `shares` of `owner` for `controller`;
        /// `requestId` is the withdrawal epoch (bucket) whose end makes it claimable.
        event RedeemRequest(
            address indexed controller,
            address indexed owner,
            uint256 indexed requestId,
            address sender,
            uint256 shares
        );

        /// ERC-7540: `controller` approved or revoked `operator`.
        event OperatorSet(address indexed controller, address indexed operator, bool approved);

        /// `payer` paid `amount` of rewards; `fee` went to the treasury and the rest vests
        /// until `vestingEnd`.
        event RewardsDistributed(address indexed payer, uint256 amount, uint256 fee, uint64 vestingEnd);

        /// A slash captured at `captureTimestamp` took `slashed` (of `requested`) from the
        /// active stake and the slashable buckets and sent it to `recipient`.
        event Slashed(address indexed recipient, uint64 captureTimestamp, uint256 requested, uint256 slashed);

        /// Slashes of `pending` in all are pending against the vault, executable until `until`
        /// at the latest: deposits wait and the price views count them as lost.
        event PendingSlashChanged(uint256 pending, uint64 until);

        /// The deposit cap is now `cap`.
        event DepositCapSet(uint256 cap);

        /// The minimum deposit is now `minDeposit`.
        event MinDepositSet(uint256 minDeposit);

        /// The protocol fee on rewards is now `feeBps` basis points.
        event FeeSet(uint256 feeBps);

        /// The treasury is now `treasury`.
        event TreasurySet(address indexed treasury);
    }
}
