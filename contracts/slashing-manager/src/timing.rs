//! The manager's clock rules: protocol delays, a request's veto and execution windows, and the
//! capture timestamps a request may use. Host-free.
//!
//! A request made at `now` for a capture `c`, under a veto duration `v`, has
//!
//! ```text
//! vetoDeadline    = now + v                     veto while        now <  vetoDeadline
//! executionExpiry = min(vetoDeadline + EXECUTION_WINDOW, c + epochDuration + 1)
//!                                               execute while vetoDeadline <= now < executionExpiry
//! ```
//!
//! so the two windows never overlap and follow each other without a gap; with `v = 0` the
//! request is executable at once and can never be vetoed. The capture must not be in the
//! future, and both windows must end while the vault still holds the capture's stake: a vault
//! keeps the stake of a capture slashable until the end of the epoch after the capture's, at
//! least `epochDuration` after it, so `vetoDeadline <= c + epochDuration` and the execution
//! ends at `c + epochDuration` at the latest (Symbiotic's rules). A request therefore expires
//! in the manager exactly when the vault could no longer apply it, and the vault's pending
//! total, which ends at the latest expiry, never outlives what can execute.

use alloy_primitives::U256;
use restaking_common::slash_window;

/// The longest delay or veto duration a deployment may set, `2^32 - 1` seconds (about 136
/// years): the five delays are stored in one word, and a service's resolver and veto duration
/// in one checkpoint, with 32 bits each.
pub const DELAY_LIMIT: u64 = u32::MAX as u64;

/// The protocol's delays, in seconds, fixed at deployment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bounds {
    /// The longest veto duration a service may choose.
    pub max_veto_duration: u64,
    /// How long an unvetoed request stays executable after its veto deadline.
    pub execution_window: u64,
    /// How long a service's new resolver, veto duration or recipient waits before applying.
    pub service_update_delay: u64,
    /// How long an operator stays opted in after asking to opt out.
    pub opt_out_delay: u64,
    /// How long an allocation decrease waits before applying.
    pub allocation_delay: u64,
}

impl Bounds {
    /// Whether the delays are consistent:
    /// - every delay is at most [`DELAY_LIMIT`] (storage packing);
    /// - `execution_window > 0` (an unvetoed request can be executed at all);
    /// - `opt_out_delay > 0` and `allocation_delay > 0` (leaving is never instant);
    /// - `service_update_delay > max_veto_duration` (a service update outlives every veto
    ///   window open when it was made);
    /// - `service_update_delay >= opt_out_delay` and `>= allocation_delay` (operators and
    ///   curators who object to a service's update can leave before it governs any capture).
    pub fn are_valid(&self) -> bool {
        self.to_word().is_some()
            && self.execution_window > 0
            && self.opt_out_delay > 0
            && self.allocation_delay > 0
            && self.service_update_delay > self.max_veto_duration
            && self.service_update_delay >= self.opt_out_delay
            && self.service_update_delay >= self.allocation_delay
    }
}

impl Bounds {
    /// The five delays in one word, 32 bits each, or `None` when one exceeds [`DELAY_LIMIT`].
    /// Limbs (low first): `max_veto_duration | execution_window << 32`,
    /// `service_update_delay | opt_out_delay << 32`, `allocation_delay`, zero.
    pub fn to_word(&self) -> Option<U256> {
        let pair = |low: u64, high: u64| -> Option<u64> {
            let low = u64::from(u32::try_from(low).ok()?);
            let high = u64::from(u32::try_from(high).ok()?);
            // Both fit in 32 bits, so the shifted sum fits in 64.
            Some(low | high << 32)
        };
        let first = pair(self.max_veto_duration, self.execution_window)?;
        let second = pair(self.service_update_delay, self.opt_out_delay)?;
        let third = pair(self.allocation_delay, 0)?;
        Some(U256::from_limbs([first, second, third, 0]))
    }

    /// The delays stored by [`Bounds::to_word`].
    pub fn from_word(word: U256) -> Self {
        let [first, second, third, _] = *word.as_limbs();
        let low = |limb: u64| limb & u64::from(u32::MAX);
        Self {
            max_veto_duration: low(first),
            execution_window: first >> 32,
            service_update_delay: low(second),
            opt_out_delay: second >> 32,
            allocation_delay: low(third),
        }
    }
}

/// The windows of a new request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestTimes {
    /// The resolver may veto while `now < veto_deadline`.
    pub veto_deadline: u64,
    /// The request may be executed while `veto_deadline <= now < execution_expiry`.
    pub execution_expiry: u64,
}

/// Why a capture timestamp cannot be used now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureError {
    /// The capture is after `now`.
    InFuture,
    /// The veto window would end after the vault may have released the capture's stake;
    /// `oldest` is the oldest capture usable now.
    TooOld {
        /// `vetoDeadline - epochDuration`.
        oldest: u64,
    },
    /// `now + vetoDuration + executionWindow` does not fit in 64 bits.
    Overflow,
}

/// The windows of a request made at `now` for `capture`, under `veto_duration`, against a vault
/// with epochs of `epoch_duration` seconds.
///
/// # Errors
/// [`CaptureError::InFuture`] when `capture > now`; [`CaptureError::TooOld`] when
/// `now + veto_duration > capture + epoch_duration`; [`CaptureError::Overflow`] when the
/// deadlines do not fit in 64 bits.
pub fn request_times(
    now: u64,
    capture: u64,
    veto_duration: u64,
    execution_window: u64,
    epoch_duration: u64,
) -> Result<RequestTimes, CaptureError> {
    if capture > now {
        return Err(CaptureError::InFuture);
    }
    let veto_deadline = now
        .checked_add(veto_duration)
        .ok_or(CaptureError::Overflow)?;
    let window_end =
        execution_window_end(now, veto_duration, execution_window).ok_or(CaptureError::Overflow)?;
    let last_slashable = capture.saturating_add(epoch_duration);
    if veto_deadline > last_slashable {
        return Err(CaptureError::TooOld {
            oldest: veto_deadline.saturating_sub(epoch_duration),
        });
    }
    // veto_deadline <= last_slashable, so the execution window is never empty.
    let execution_expiry = window_end.min(slash_window::execution_end(capture, epoch_duration));
    Ok(RequestTimes {
        veto_deadline,
        execution_expiry,
    })
}

/// `now + veto_duration + execution_window`: the end of a request's execution window before
/// the capture's own limit applies; `None` when it does not fit in 64 bits.
pub fn execution_window_end(now: u64, veto_duration: u64, execution_window: u64) -> Option<u64> {
    now.checked_add(veto_duration)?
        .checked_add(execution_window)
}

/// Whether a request with `veto_deadline` can still be vetoed at `now`.
pub fn veto_open(now: u64, veto_deadline: u64) -> bool {
    now < veto_deadline
}

/// Whether a request is past its veto window and not expired at `now`.
pub fn execution_open(now: u64, veto_deadline: u64, execution_expiry: u64) -> bool {
    veto_deadline <= now && now < execution_expiry
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn bounds() -> Bounds {
        Bounds {
            max_veto_duration: 3 * 86_400,
            execution_window: 86_400,
            service_update_delay: 7 * 86_400,
            opt_out_delay: 7 * 86_400,
            allocation_delay: 7 * 86_400,
        }
    }

    #[test]
    fn delays_must_be_consistent() {
        assert!(bounds().are_valid());
        let invalid = [
            Bounds {
                execution_window: 0,
                ..bounds()
            },
            Bounds {
                opt_out_delay: 0,
                ..bounds()
            },
            Bounds {
                allocation_delay: 0,
                ..bounds()
            },
            Bounds {
                service_update_delay: 3 * 86_400,
                ..bounds()
            },
            Bounds {
                opt_out_delay: 8 * 86_400,
                ..bounds()
            },
            Bounds {
                allocation_delay: 8 * 86_400,
                ..bounds()
            },
            Bounds {
                max_veto_duration: DELAY_LIMIT + 1,
                service_update_delay: DELAY_LIMIT + 2,
                ..bounds()
            },
            Bounds {
                service_update_delay: DELAY_LIMIT + 1,
                ..bounds()
            },
        ];
        for b in invalid {
            assert!(!b.are_valid(), "{b:?}");
        }
        // No veto at all is a valid deployment.
        assert!(
            Bounds {
                max_veto_duration: 0,
                service_update_delay: 1,
                opt_out_delay: 1,
                allocation_delay: 1,
                execution_window: 1,
            }
            .are_valid()
        );
    }

    #[test]
    fn capture_rules() {
        let day = 86_400;
        // Captured an hour ago, one-day veto, week-long epochs: fine.
        let t = request_times(10 * day, 10 * day - 3_600, day, day, 7 * day).unwrap();
        assert_eq!(t.veto_deadline, 11 * day);
        assert_eq!(t.execution_expiry, 12 * day);
        // The capture is in the future.
        assert_eq!(
            request_times(10 * day, 10 * day + 1, 0, day, 7 * day),
            Err(CaptureError::InFuture)
        );
        // The veto would end after capture + epoch.
        assert_eq!(
            request_times(10 * day, 4 * day - 1, day, day, 7 * day),
            Err(CaptureError::TooOld { oldest: 4 * day })
        );
        // The oldest usable capture: the veto ends at capture + epoch, and the execution
        // window is cut to that one last second (the vault lets the stake go after it).
        let t = request_times(10 * day, 4 * day, day, day, 7 * day).unwrap();
        assert_eq!(t.veto_deadline, 11 * day);
        assert_eq!(t.execution_expiry, 11 * day + 1);
        // Captured three days before, a four-day execution window: three days of it are left.
        let t = request_times(10 * day, 7 * day, day, 4 * day, 7 * day).unwrap();
        assert_eq!(t.execution_expiry, 14 * day + 1);
        // Overflowing deadlines.
        assert_eq!(
            request_times(u64::MAX, 0, 1, 1, u64::MAX),
            Err(CaptureError::Overflow)
        );
        assert_eq!(
            request_times(u64::MAX - 1, 0, 1, 1, u64::MAX),
            Err(CaptureError::Overflow)
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The delays survive storage whenever they fit, and only then.
        #[test]
        fn delays_round_trip_through_one_word(d in any::<[u64; 5]>(), small in any::<[u32; 5]>()) {
            let wide = Bounds {
                max_veto_duration: d[0],
                execution_window: d[1],
                service_update_delay: d[2],
                opt_out_delay: d[3],
                allocation_delay: d[4],
            };
            prop_assert_eq!(wide.to_word().is_some(), d.iter().all(|x| *x <= DELAY_LIMIT));
            let b = Bounds {
                max_veto_duration: small[0].into(),
                execution_window: small[1].into(),
                service_update_delay: small[2].into(),
                opt_out_delay: small[3].into(),
                allocation_delay: small[4].into(),
            };
            prop_assert_eq!(Bounds::from_word(b.to_word().unwrap()), b);
        }

        /// From the request on, at every moment exactly one of "vetoable", "executable",
        /// "expired" holds, in that order: the windows neither overlap nor leave a gap.
        #[test]
        fn windows_partition_time(
            now in 0u64..1 << 40,
            back in 0u64..1 << 20,
            veto in 0u64..1 << 20,
            window in 1u64..1 << 20,
            epoch in 0u64..1 << 22,
            probe in 0u64..1 << 22,
        ) {
            let capture = now.saturating_sub(back);
            let Ok(t) = request_times(now, capture, veto, window, epoch) else {
                prop_assert!(now + veto > capture + epoch);
                return Ok(());
            };
            prop_assert!(t.veto_deadline <= capture + epoch);
            // Nothing executes after the capture's stake may have left the vault.
            prop_assert!(t.execution_expiry <= capture + epoch + 1);
            prop_assert!(t.execution_expiry <= t.veto_deadline + window);
            let at = now + probe;
            let vetoable = veto_open(at, t.veto_deadline);
            let executable = execution_open(at, t.veto_deadline, t.execution_expiry);
            let expired = at >= t.execution_expiry;
            prop_assert_eq!(u8::from(vetoable) + u8::from(executable) + u8::from(expired), 1);
            if veto == 0 {
                prop_assert!(!veto_open(now, t.veto_deadline));
                prop_assert!(execution_open(now, t.veto_deadline, t.execution_expiry));
            }
        }
    }
}
