//! A service's resolver and veto duration packed into one checkpoint value. Host-free.
//!
//! Layout (192 bits, [`restaking_common::checkpoints::VALUE_BITS`], as bytes 8..32 of the big-endian
//! word): the resolver's 20 bytes, then the veto duration as 4 bytes. Veto durations are at
//! most the deployment's `maxVetoDuration`, which the constructor keeps within 32 bits
//! ([`crate::timing::DELAY_LIMIT`]).

use alloy_primitives::{Address, U256};

/// The resolver and veto duration a service had at some timestamp.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ServiceConfig {
    /// May veto the service's requests; zero means nobody can.
    pub resolver: Address,
    /// Seconds between a request and its veto deadline; zero means executable at once.
    pub veto_duration: u64,
}

impl ServiceConfig {
    /// The packed value, or `None` when the veto duration does not fit in 32 bits.
    pub fn pack(&self) -> Option<U256> {
        let veto = u32::try_from(self.veto_duration).ok()?;
        let mut bytes = [0u8; 32];
        bytes[8..28].copy_from_slice(self.resolver.as_slice());
        bytes[28..].copy_from_slice(&veto.to_be_bytes());
        Some(U256::from_be_bytes(bytes))
    }

    /// Unpacks a value written by [`ServiceConfig::pack`]; zero unpacks to no resolver and no
    /// veto duration.
    pub fn unpack(value: U256) -> Self {
        let bytes: [u8; 32] = value.to_be_bytes();
        let mut resolver = [0u8; 20];
        resolver.copy_from_slice(&bytes[8..28]);
        let mut veto = [0u8; 4];
        veto.copy_from_slice(&bytes[28..]);
        Self {
            resolver: Address::new(resolver),
            veto_duration: u64::from(u32::from_be_bytes(veto)),
        }
    }
}

/// The recipient in effect at `now` and the scheduled one (with its time) while that is after
/// `now`: `current` until `next_at`, then `next`; `next_at` zero means nothing was scheduled.
pub fn recipients(
    current: Address,
    next: Address,
    next_at: u64,
    now: u64,
) -> (Address, Address, u64) {
    if next_at == 0 {
        (current, Address::ZERO, 0)
    } else if now >= next_at {
        (next, Address::ZERO, 0)
    } else {
        (current, next, next_at)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use restaking_common::checkpoints::MAX_VALUE;

    #[test]
    fn a_scheduled_recipient_applies_at_its_time() {
        let (a, b) = (Address::repeat_byte(0xa), Address::repeat_byte(0xb));
        assert_eq!(recipients(a, Address::ZERO, 0, 50), (a, Address::ZERO, 0));
        assert_eq!(recipients(a, b, 100, 99), (a, b, 100));
        assert_eq!(recipients(a, b, 100, 100), (b, Address::ZERO, 0));
        assert_eq!(recipients(a, b, 100, 101), (b, Address::ZERO, 0));
    }

    #[test]
    fn durations_over_32_bits_do_not_pack() {
        let config = ServiceConfig {
            resolver: Address::repeat_byte(0xff),
            veto_duration: u64::from(u32::MAX) + 1,
        };
        assert_eq!(config.pack(), None);
        assert_eq!(ServiceConfig::unpack(U256::ZERO), ServiceConfig::default());
    }

    proptest! {
        #[test]
        fn pack_round_trips_within_a_checkpoint(bytes in any::<[u8; 20]>(), veto in any::<u32>()) {
            let config = ServiceConfig {
                resolver: Address::from(bytes),
                veto_duration: u64::from(veto),
            };
            let packed = config.pack().unwrap();
            prop_assert!(packed <= MAX_VALUE);
            prop_assert_eq!(ServiceConfig::unpack(packed), config);
        }
    }
}
