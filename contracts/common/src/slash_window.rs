//! How long a slash of a capture may execute, a rule the slashing manager and the vault both
//! apply: the manager ends a request's execution window by it, and the vault caps the hold it
//! keeps for a request by it, so a hold never outlives what can execute (issue 11).
//!
//! A vault keeps the stake of a capture `c` slashable until the end of the epoch after `c`'s,
//! which is at least `epochDuration` after `c`; a slash of `c` may therefore execute until
//! `c + epochDuration` inclusive, and no longer from `c + epochDuration + 1` (Symbiotic's
//! rule).

/// The first timestamp at which no slash captured at `capture` may execute any more:
/// `capture + epoch_duration + 1`, saturating at `u64::MAX` (a timestamp no block reaches).
pub const fn execution_end(capture: u64, epoch_duration: u64) -> u64 {
    capture.saturating_add(epoch_duration).saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_is_one_second_after_the_last_slashable_timestamp() {
        assert_eq!(execution_end(1_000, 604_800), 605_801);
        assert_eq!(execution_end(0, 0), 1);
        assert_eq!(execution_end(u64::MAX - 1, 5), u64::MAX);
    }
}
