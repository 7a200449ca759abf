//! The vault's maths, free of any host access, so it is property-tested natively over
//! thousands of random sequences (see `tests/` and each module's tests).
//!
//! Every division states its rounding, and every rounding favours the vault:
//! - shares issued for assets round down, assets charged for shares round up;
//! - assets paid out for shares round down, shares taken for assets round up;
//! - vested rewards round down (the remainder vests later);
//! - each pool's part of a slash rounds down, so a slash never takes more than asked.

pub mod epochs;
pub mod shares;
pub mod slashing;
pub mod stake;
pub mod vesting;
