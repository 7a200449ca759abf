//! What a deployment may choose: the bounds the constructor and the admin functions enforce.
//! Host-free, so that the deploy tool checks a configuration against these very values before
//! it sends anything.

/// Shortest epoch: one hour.
pub const MIN_EPOCH_DURATION: u64 = 3_600;
/// Longest epoch: 90 days.
pub const MAX_EPOCH_DURATION: u64 = 90 * 86_400;
/// Shortest reward vesting period: one hour.
pub const MIN_VESTING_PERIOD: u64 = 3_600;
/// Longest reward vesting period: 30 days.
pub const MAX_VESTING_PERIOD: u64 = 30 * 86_400;
/// The protocol fee on rewards is at most 20%.
pub const MAX_FEE_BPS: u16 = 2_000;
