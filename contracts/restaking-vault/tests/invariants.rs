//! Handler-driven invariant tests (in the manner of Symbiotic's `test/invariant`): random
//! sequences of deposits, redeem requests, claims, rewards, slashes and time passing run
//! against the vault, while a model tracks what each account put in and took out and what the
//! vault holds. After every step and at the end the invariants of SPEC.md must hold:
//! - solvency: the vault's books (`totalAssets` plus unvested rewards) never exceed what it
//!   holds, and once every request is claimable, claims plus the value of all shares fit in it;
//! - no free value: when everybody has left, nobody took out more than they put in plus the
//!   rewards paid (net of the fee), and the vault never paid out more than it held.
//!
//! Time only moves forward; slashes capture up to an epoch back. All external calls succeed
//! (unmocked `TestVM` calls return empty data), and the one mocked read, every owner's share
//! balance, answers "enough": the model only requests shares an account holds.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::needless_range_loop
)]

mod support;

use alloy_primitives::{Address, U256, address};
use proptest::prelude::*;
use restaking_vault::{errors::Error, redemptions::IVaultRedemptions};
use support::*;

const USERS: [Address; 3] = [
    address!("0x00000000000000000000000000000000000a11ce"),
    address!("0x0000000000000000000000000000000000000b0b"),
    address!("0x00000000000000000000000000000000000ca201"),
];

#[derive(Clone, Debug)]
enum Step {
    Deposit { user: usize, amount: u64 },
    Request { user: usize, bps: u64 },
    Claim { user: usize },
    Reward { amount: u64 },
    Slash { amount: u64, back: u64 },
    Advance { seconds: u64 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..3usize, 1u64..1_000_000_000).prop_map(|(user, amount)| Step::Deposit { user, amount }),
        3 => (0..3usize, 1u64..=10_000).prop_map(|(user, bps)| Step::Request { user, bps }),
        2 => (0..3usize).prop_map(|user| Step::Claim { user }),
        2 => (1u64..100_000_000).prop_map(|amount| Step::Reward { amount }),
        1 => (1u64..500_000_000, 0..EPOCH).prop_map(|(amount, back)| Step::Slash { amount, back }),
        3 => (0..2 * EPOCH).prop_map(|seconds| Step::Advance { seconds }),
    ]
}

/// What the model knows: shares held, assets in and out per account, assets in the vault.
struct Model {
    now: u64,
    shares: [U256; 3],
    put_in: [U256; 3],
    taken_out: [U256; 3],
    rewards_net: U256,
    held: U256,
}

fn run(steps: Vec<Step>) -> Result<(), TestCaseError> {
    let mut f = deploy(true);
    for user in USERS {
        f.share_balance(user, U256::MAX);
    }
    let mut m = Model {
        now: START,
        shares: [U256::ZERO; 3],
        put_in: [U256::ZERO; 3],
        taken_out: [U256::ZERO; 3],
        rewards_net: U256::ZERO,
        held: U256::ZERO,
    };
    for step in steps {
        apply(&mut f, &mut m, step)?;
        let books = f.vault.total_assets().unwrap() + f.vault.unvested_rewards();
        prop_assert!(books <= m.held, "books {books} exceed held {}", m.held);
    }

    // Everybody leaves: rewards finish vesting, every share is requested, then claimed.
    m.now += VESTING + 3 * EPOCH;
    f.at(m.now);
    for user in 0..3 {
        if !m.shares[user].is_zero() {
            // Claim what is claimable first, so a free slot is there.
            claim_all(&mut f, &mut m, user)?;
            let shares = m.shares[user];
            f.vm.set_sender(USERS[user]);
            match f.vault.request_redeem(shares, USERS[user], USERS[user]) {
                Ok(_) => m.shares[user] = U256::ZERO,
                Err(Error::ZeroAmount(_)) => {} // worthless shares (slashed to nothing)
                Err(e) => prop_assert!(false, "final request failed: {e:?}"),
            }
        }
    }
    m.now += 3 * EPOCH;
    f.at(m.now);
    let claimable: U256 = USERS.iter().map(|user| f.vault.max_withdraw(*user)).sum();
    let share_value = f.vault.total_assets().unwrap();
    prop_assert!(claimable + share_value <= m.held, "insolvent at the end");
    for user in 0..3 {
        claim_all(&mut f, &mut m, user)?;
    }
    let put_in: U256 = m.put_in.iter().copied().sum();
    let taken_out: U256 = m.taken_out.iter().copied().sum();
    prop_assert!(
        taken_out <= put_in + m.rewards_net,
        "free value: {taken_out} > {put_in} + {}",
        m.rewards_net
    );
    Ok(())
}

fn claim_all(f: &mut Fixture, m: &mut Model, user: usize) -> Result<(), TestCaseError> {
    let shares = f.vault.max_redeem(USERS[user]);
    if shares.is_zero() {
        return Ok(());
    }
    f.vm.set_sender(USERS[user]);
    let assets = f
        .vault
        .redeem(shares, USERS[user], USERS[user])
        .map_err(|e| TestCaseError::fail(format!("claim failed: {e:?}")))?;
    prop_assert!(assets <= m.held, "paid more than held");
    m.held -= assets;
    m.taken_out[user] += assets;
    Ok(())
}

fn apply(f: &mut Fixture, m: &mut Model, step: Step) -> Result<(), TestCaseError> {
    match step {
        Step::Deposit { user, amount } => {
            let amount = U256::from(amount);
            f.vm.set_sender(USERS[user]);
            f.vm.set_value(amount);
            match f.vault.deposit(amount, USERS[user]) {
                Ok(shares) => {
                    m.shares[user] += shares;
                    m.put_in[user] += amount;
                    m.held += amount;
                }
                Err(Error::ZeroShares(_)) => {}
                Err(e) => prop_assert!(false, "deposit failed: {e:?}"),
            }
            f.vm.set_value(U256::ZERO);
        }
        Step::Request { user, bps } => {
            let shares = m.shares[user] * U256::from(bps) / U256::from(10_000);
            if !shares.is_zero() {
                f.vm.set_sender(USERS[user]);
                match f.vault.request_redeem(shares, USERS[user], USERS[user]) {
                    Ok(_) => m.shares[user] -= shares,
                    Err(Error::TooManyRequests(_) | Error::ZeroAmount(_)) => {}
                    Err(e) => prop_assert!(false, "request failed: {e:?}"),
                }
            }
        }
        Step::Claim { user } => claim_all(f, m, user)?,
        Step::Reward { amount } => {
            let amount = U256::from(amount);
            f.vm.set_sender(ADMIN);
            f.vm.set_value(amount);
            match f.vault.distribute_rewards(amount) {
                Ok(()) => {
                    let fee = amount * U256::from(FEE_BPS) / U256::from(10_000);
                    m.held += amount - fee;
                    m.rewards_net += amount - fee;
                }
                Err(Error::ZeroShares(_)) => {}
                Err(e) => prop_assert!(false, "reward failed: {e:?}"),
            }
            f.vm.set_value(U256::ZERO);
        }
        Step::Slash { amount, back } => {
            let capture = m.now.saturating_sub(back).max(START);
            let slashable = f.vault.slashable_stake(capture);
            f.vm.set_sender(SLASHER);
            match f.vault.on_slash(U256::from(amount), capture, RECIPIENT) {
                Ok(slashed) => {
                    prop_assert!(slashed <= U256::from(amount));
                    prop_assert!(slashed <= slashable);
                    prop_assert!(slashed <= m.held);
                    m.held -= slashed;
                }
                Err(Error::InvalidCapture(_)) => {}
                Err(e) => prop_assert!(false, "slash failed: {e:?}"),
            }
        }
        Step::Advance { seconds } => {
            m.now += seconds;
            f.at(m.now);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Solvency and no free value over random sequences of every user action.
    #[test]
    fn solvency_and_no_free_value_hold_over_random_sequences(
        steps in proptest::collection::vec(step(), 1..40)
    ) {
        run(steps)?;
    }
}
