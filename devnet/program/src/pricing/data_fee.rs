//! The activation data fee (`arbos/programs/data_pricer.go`, `DataPricer.UpdateModel`).
//!
//! Activation pays, in wei, for the estimated native code size (`asm_estimate` bytes). The price
//! per byte rises exponentially with the recent demand, which drains at `bytes_per_second`:
//!
//! ```text
//! passed   = min(time − last_update_time, u32::MAX)        (Go's unsigned subtraction)
//! demand   = demand − bytes_per_second × passed + temp_bytes   (u32, saturating both ways)
//! exponent = 10 000 × demand / inertia                      (basis points)
//! cost/byte = min_price × e^(exponent / 10 000) / 10 000     (12-term series, basis points)
//! fee      = cost/byte × temp_bytes                           (u64, saturating)
//! ```

/// `ArbitrumStartTime` (`data_pricer.go`): the initial `last_update_time`.
pub const ARBITRUM_START_TIME: u64 = 1_421_388_000;
/// `InitialHourlyBytes` (`data_pricer.go`): 1 TiB a year, per hour.
pub const INITIAL_HOURLY_BYTES: u32 = 125_515_026;
/// `initialBytesPerSecond` (`data_pricer.go`).
pub const INITIAL_BYTES_PER_SECOND: u32 = INITIAL_HOURLY_BYTES / (60 * 60);
/// `initialMinPrice` (`data_pricer.go`), wei per byte: "5Mb = $1".
pub const INITIAL_MIN_PRICE: u32 = 82_928_201;
/// `initialInertia` (`data_pricer.go`): "expensive at 1Tb".
pub const INITIAL_INERTIA: u32 = 21_360_419;

/// One in basis points.
const ONE_IN_BIPS: u64 = 10_000;

/// The data pricer's state, as ArbOS stores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DataPricer {
    /// Bytes of recent demand.
    pub demand: u32,
    /// Bytes the demand drains per second.
    pub bytes_per_second: u32,
    /// Time (seconds) of the last update.
    pub last_update_time: u64,
    /// Minimum price in wei per byte.
    pub min_price: u32,
    /// Demand (bytes) at which the price is `e` times the minimum.
    pub inertia: u32,
}

impl Default for DataPricer {
    /// The state of a fresh chain (`initDataPricer`).
    fn default() -> Self {
        Self {
            demand: 0,
            bytes_per_second: INITIAL_BYTES_PER_SECOND,
            last_update_time: ARBITRUM_START_TIME,
            min_price: INITIAL_MIN_PRICE,
            inertia: INITIAL_INERTIA,
        }
    }
}

/// `ApproxExpBasisPoints(value, accuracy)` (`util/arbmath/math.go`) for a non-negative value:
/// `10 000 × e^(value / 10 000)` by a Horner-evaluated Maclaurin series of `accuracy` terms.
#[allow(
    clippy::arithmetic_side_effects,
    reason = "divisors are non-zero (accuracy ≥ 1, i ≥ 1); products saturate; b + x/k cannot overflow for x < 2^63"
)]
pub fn approx_exp_bips(value: u64, accuracy: u64) -> u64 {
    let b = ONE_IN_BIPS;
    let accuracy = accuracy.max(1);
    let x = value;
    let mut res = b.saturating_add(x / accuracy);
    let mut i = accuracy - 1;
    while i > 0 {
        res = b.saturating_add(res.saturating_mul(x) / (i * b));
        i -= 1;
    }
    // Go casts the result to a signed Bips, saturating at i64::MAX.
    res.min(i64::MAX.unsigned_abs())
}

impl DataPricer {
    /// Records `temp_bytes` of new demand at `time` (seconds) and returns the fee in wei
    /// (`UpdateModel`).
    #[allow(
        clippy::arithmetic_side_effects,
        reason = "inertia is checked non-zero before the division; the bips division is by a constant"
    )]
    pub fn update_model(&mut self, temp_bytes: u32, time: u64) -> u64 {
        let passed = u32::try_from(time.wrapping_sub(self.last_update_time)).unwrap_or(u32::MAX);
        let credit = self.bytes_per_second.saturating_mul(passed);
        self.demand = self
            .demand
            .saturating_sub(credit)
            .saturating_add(temp_bytes);
        self.last_update_time = time;

        // demand < 2^32, so 10 000 × demand fits; Go would panic on a zero inertia.
        let inertia = u64::from(self.inertia.max(1));
        let exponent = ONE_IN_BIPS * u64::from(self.demand) / inertia;
        let multiplier = approx_exp_bips(exponent, 12);
        let cost_per_byte = u64::from(self.min_price).saturating_mul(multiplier) / ONE_IN_BIPS;
        cost_per_byte.saturating_mul(temp_bytes.into())
    }
}
