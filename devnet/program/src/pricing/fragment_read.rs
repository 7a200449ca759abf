//! What activating a root program pays to read its fragments (ArbOS 60; Nitro's
//! `arbos/programs/programs.go`: `fragmentReadGasCost` and `fragmentReadCharger`).
//!
//! For each fragment, in the root's order, activation first requires the gas a fragment of the
//! largest allowed size would cost ([`fragment_read_reserve`]: short of it, all gas is burnt
//! and the fragment is not touched), then reads it, adds its address to the access list and
//! charges what it cost ([`fragment_read_gas`]): EIP-2929's account access (cold 2,600, warm
//! 100) plus geth's copy gas of 3 per 32-byte word of its code.

/// EIP-2929's cold account access (geth's `ColdAccountAccessCostEIP2929`).
pub const COLD_ACCOUNT_ACCESS_GAS: u64 = 2_600;

/// EIP-2929's warm read (geth's `WarmStorageReadCostEIP2929`).
pub const WARM_ACCESS_GAS: u64 = 100;

/// Gas per word copied (geth's `CopyGas`).
pub const COPY_GAS_PER_WORD: u64 = 3;

/// The chain's largest contract code (geth's `DefaultMaxCodeSize`, what Nitro's chain config
/// gives `MaxCodeSize()` unless a chain sets another): the size [`fragment_read_reserve`]
/// assumes.
pub const MAX_CODE_SIZE: u64 = 24_576;

/// Gas of reading a fragment of `code_size` bytes whose address is `warm` or not.
pub fn fragment_read_gas(warm: bool, code_size: u64) -> u64 {
    let access = if warm {
        WARM_ACCESS_GAS
    } else {
        COLD_ACCOUNT_ACCESS_GAS
    };
    let words = code_size.div_ceil(32);
    access.saturating_add(words.saturating_mul(COPY_GAS_PER_WORD))
}

/// Gas that must be left before a fragment is read: the read of a [`MAX_CODE_SIZE`] one.
pub fn fragment_read_reserve(warm: bool) -> u64 {
    fragment_read_gas(warm, MAX_CODE_SIZE)
}
