//! Handler-driven property tests (in the manner of Symbiotic's `VaultInvariants.t.sol`): random
//! sequences of requests, vetoes, cancellations, executions, allocation and opt-in changes,
//! pauses, deposits and withdrawals, and time, run against the manager and model vaults, and
//! checked after every step against an independent model of the rules.
//!
//! Invariants:
//! - every call that fails leaves storage, logs and vaults as they were (validation before
//!   writing), and no call reaches the vault except through the agreed interface;
//! - a request asks for at most the slashable stake the model computes for its capture;
//! - per (vault, service, operator): executed + pending never exceed the largest allocation
//!   ever set, executed is the sum of the executed requests' `slashed`, pending the sum of the
//!   pending requests' amounts;
//! - per vault: the pending total is the sum of the pending requests' amounts by every service;
//! - per vault: slashed + held = initial + deposits - withdrawals, so no order of requests and
//!   executions takes more than the stake;
//! - statuses only move from pending; a vetoed or cancelled request never executes, and each
//!   executed request made exactly one `onSlash`.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used,
    // The model indexes accounts by position, like the actions that name them.
    clippy::needless_range_loop
)]

mod support;

use std::collections::HashMap;

use alloy_primitives::{Address, U256};
use proptest::prelude::*;
use slashing_manager::{
    errors::Error,
    request::{CANCELLED, EXECUTED, PENDING, VETOED},
};
use support::*;

const SERVICES: [Address; 2] = [SERVICE, OTHER_SERVICE];
const RESOLVERS: [Address; 2] = [RESOLVER, Address::ZERO];
const VETOES: [u64; 2] = [VETO, 0];
const OPERATORS: [Address; 2] = [OPERATOR, OTHER_OPERATOR];
const VAULTS: [Address; 2] = [VAULT, OTHER_VAULT];
const INITIAL_STAKE: u64 = 2_000;

#[derive(Clone, Debug)]
enum Action {
    Advance(u64),
    Request {
        service: usize,
        operator: usize,
        vault: usize,
        amount: u64,
        back: u64,
    },
    Veto(usize, bool),
    /// Cancel request `index`, by its service (`true`) or by a stranger.
    Cancel(usize, bool),
    Execute(usize),
    Allocate {
        vault: usize,
        service: usize,
        operator: usize,
        amount: u64,
    },
    OptOut {
        operator: usize,
        target: usize,
        vault: bool,
    },
    OptIn {
        operator: usize,
        target: usize,
        vault: bool,
    },
    Deposit(usize, u64),
    Withdraw(usize, u64),
    Pause(bool),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => (0u64..3 * DAY).prop_map(Action::Advance),
        6 => (0usize..2, 0usize..2, 0usize..2, 1u64..1_500, 0u64..4 * DAY).prop_map(
            |(service, operator, vault, amount, back)| Action::Request {
                service,
                operator,
                vault,
                amount,
                back,
            }
        ),
        2 => (0usize..16, any::<bool>()).prop_map(|(i, by_resolver)| Action::Veto(i, by_resolver)),
        1 => (0usize..16, any::<bool>()).prop_map(|(index, by_service)| Action::Cancel(index, by_service)),
        4 => (0usize..16).prop_map(Action::Execute),
        2 => (0usize..2, 0usize..2, 0usize..2, 0u64..2_000).prop_map(
            |(vault, service, operator, amount)| Action::Allocate {
                vault,
                service,
                operator,
                amount,
            }
        ),
        1 => (0usize..2, 0usize..2, any::<bool>()).prop_map(|(operator, target, vault)| {
            Action::OptOut { operator, target, vault }
        }),
        1 => (0usize..2, 0usize..2, any::<bool>()).prop_map(|(operator, target, vault)| {
            Action::OptIn { operator, target, vault }
        }),
        1 => (0usize..2, 0u64..1_000).prop_map(|(v, a)| Action::Deposit(v, a)),
        1 => (0usize..2, 0u64..1_000).prop_map(|(v, a)| Action::Withdraw(v, a)),
        1 => any::<bool>().prop_map(Action::Pause),
    ]
}

/// A value that changes over time, kept as applied changes plus one scheduled change: a
/// different representation from the contract's checkpoints, from the rules' wording.
#[derive(Clone, Debug, Default)]
struct Timeline {
    applied: Vec<(u64, u64)>,
    scheduled: Option<(u64, u64)>,
}

impl Timeline {
    fn at(&self, t: u64) -> u64 {
        if let Some((at, value)) = self.scheduled
            && t >= at
        {
            return value;
        }
        self.applied
            .iter()
            .rev()
            .find(|(at, _)| *at <= t)
            .map_or(0, |(_, value)| *value)
    }

    fn settle(&mut self, now: u64) {
        if let Some((at, value)) = self.scheduled
            && at <= now
        {
            self.applied.push((at, value));
            self.scheduled = None;
        }
    }

    /// Now, cancelling any scheduled change.
    fn set_now(&mut self, now: u64, value: u64) {
        self.settle(now);
        self.scheduled = None;
        self.applied.push((now, value));
    }

    /// Later, replacing any scheduled change.
    fn schedule(&mut self, now: u64, at: u64, value: u64) {
        self.settle(now);
        self.scheduled = Some((at, value));
    }
}

#[derive(Clone, Debug)]
struct ModelRequest {
    stake: (usize, usize, usize),
    amount: u64,
    status: u8,
    slashed: u64,
    /// Request time plus the service's veto duration.
    veto_deadline: u64,
}

#[derive(Default)]
struct Model {
    allocations: HashMap<(usize, usize, usize), Timeline>,
    max_allocation: HashMap<(usize, usize, usize), u64>,
    opt_ins: HashMap<(usize, usize, bool), Timeline>,
    requests: Vec<ModelRequest>,
    deposits: [u64; 2],
    withdrawals: [u64; 2],
    paused: bool,
    /// Per vault: amounts of requests cancelled after their expiry, which the manager does not
    /// release on the vault (the real vault drops them at its latest expiry; the model vault
    /// keeps them).
    unreleased: [u64; 2],
}

impl Model {
    fn totals(&self, stake: (usize, usize, usize)) -> (u64, u64) {
        let of = |status| {
            self.requests
                .iter()
                .filter(move |r| r.stake == stake && r.status == status)
        };
        (
            of(EXECUTED).map(|r| r.slashed).sum(),
            of(PENDING).map(|r| r.amount).sum(),
        )
    }

    /// The pending total against vault `vault`, by every service.
    fn vault_pending(&self, vault: usize) -> u64 {
        self.requests
            .iter()
            .filter(|r| r.stake.0 == vault && r.status == PENDING)
            .map(|r| r.amount)
            .sum()
    }

    fn opted_in(&self, operator: usize, target: usize, vault: bool, t: u64) -> bool {
        self.opt_ins
            .get(&(operator, target, vault))
            .is_some_and(|line| line.at(t) == 1)
    }
}

fn u(value: u64) -> U256 {
    U256::from(value)
}

fn low(value: U256) -> u64 {
    value.to()
}

/// [`deploy`] plus two services (one with a resolver and a one-day veto, one instant), two
/// operators opted in to both services and both vaults, and an allocation of 1,000 from every
/// vault to every (service, operator).
fn world(model: &mut Model) -> Env {
    let mut env = deploy();
    for (i, service) in SERVICES.into_iter().enumerate() {
        env.sender(service);
        env.manager
            .register_service(RESOLVERS[i], VETOES[i], RECIPIENT)
            .unwrap();
    }
    for (o, operator) in OPERATORS.into_iter().enumerate() {
        env.sender(operator);
        env.manager.register_operator().unwrap();
        for t in 0..2 {
            env.manager.opt_in_service(SERVICES[t]).unwrap();
            env.manager.opt_in_vault(VAULTS[t]).unwrap();
            for vault in [false, true] {
                model
                    .opt_ins
                    .entry((o, t, vault))
                    .or_default()
                    .set_now(T0, 1);
            }
        }
    }
    for v in 0..2 {
        env.chain
            .with_vault(VAULTS[v], |vault| vault.stake = u(INITIAL_STAKE));
        for s in 0..2 {
            for o in 0..2 {
                env.sender(CURATOR);
                env.manager
                    .set_allocation(VAULTS[v], SERVICES[s], OPERATORS[o], u(1_000))
                    .unwrap();
                model
                    .allocations
                    .entry((v, s, o))
                    .or_default()
                    .set_now(T0, 1_000);
                model.max_allocation.insert((v, s, o), 1_000);
            }
        }
    }
    // Two days pass, so captures up to two days back find everyone opted in.
    env.advance(2 * DAY);
    env
}

/// Runs `call` and, when it fails, checks that it changed nothing.
fn checked<T: std::fmt::Debug>(
    env: &mut Env,
    call: impl FnOnce(&mut Env) -> Result<T, Error>,
) -> Result<T, Error> {
    let before = env.frozen();
    let result = call(env);
    if result.is_err() {
        assert_eq!(
            env.frozen(),
            before,
            "a failed call changed state: {result:?}"
        );
    }
    result
}

/// The request `index` modulo the number of requests, if any.
/// The refusal a closed request gets (`"vetoed"`, `"cancelled"`, `"executed"`); `None` when
/// it is pending.
fn closed(status: u8) -> Option<&'static str> {
    match status {
        PENDING => None,
        VETOED => Some("vetoed"),
        CANCELLED => Some("cancelled"),
        _ => Some("executed"),
    }
}

/// Which of the "already closed" refusals `error` is; panics on any other.
fn kind(error: &Error) -> &'static str {
    match error {
        Error::AlreadyVetoed(_) => "vetoed",
        Error::AlreadyCancelled(_) => "cancelled",
        Error::AlreadyExecuted(_) => "executed",
        other => panic!("expected an already-closed refusal, got {other:?}"),
    }
}

fn pick(model: &Model, index: usize) -> Option<(usize, ModelRequest)> {
    let count = model.requests.len();
    let index = index.checked_rem(count)?;
    Some((index, model.requests[index].clone()))
}

fn step(env: &mut Env, model: &mut Model, action: &Action) {
    let now = env.now();
    match *action {
        Action::Advance(seconds) => env.advance(seconds),
        Action::Request {
            service,
            operator,
            vault,
            amount,
            back,
        } => {
            let capture = now.saturating_sub(back);
            let stake = (vault, service, operator);
            let opted_in = model.opted_in(operator, service, false, capture)
                && model.opted_in(operator, vault, true, capture);
            let held = env.chain.vault(VAULTS[vault]).slashable_stake(capture, now);
            let (slashed, pending) = model.totals(stake);
            let expected = if opted_in {
                let budget = model.allocations[&stake]
                    .at(capture)
                    .saturating_sub(slashed)
                    .saturating_sub(pending);
                // Every service's pending requests against the vault hold its stake.
                budget.min(low(held).saturating_sub(model.vault_pending(vault)))
            } else {
                0
            };
            env.sender(SERVICES[service]);
            let result = checked(env, |env| {
                env.manager
                    .request_slash(OPERATORS[operator], VAULTS[vault], u(amount), capture)
            });
            match result {
                Ok(id) => {
                    assert!(!model.paused && opted_in);
                    assert!(
                        amount <= expected,
                        "requested {amount}, slashable {expected}"
                    );
                    assert_eq!(low(id), model.requests.len() as u64);
                    let veto_deadline = now + VETOES[service];
                    assert_eq!(env.request(low(id)).veto_deadline, veto_deadline);
                    model.requests.push(ModelRequest {
                        stake,
                        amount,
                        status: PENDING,
                        slashed: 0,
                        veto_deadline,
                    });
                }
                Err(Error::InsufficientSlashableStake(e)) => {
                    assert_eq!(low(e.slashable), expected);
                    assert!(amount > expected);
                }
                Err(Error::EnforcedPause(_)) => assert!(model.paused),
                Err(Error::NotOptedIn(_)) => assert!(!opted_in),
                Err(Error::CaptureTooOld(e)) => {
                    assert!(capture < e.oldestCapture);
                    assert_eq!(e.oldestCapture, now + VETOES[service] - EPOCH);
                }
                Err(other) => panic!("unexpected refusal {other:?}"),
            }
        }
        Action::Veto(index, by_resolver) => {
            let Some((index, request)) = pick(model, index) else {
                return;
            };
            let resolver = RESOLVERS[request.stake.1];
            env.sender(if by_resolver { resolver } else { STRANGER });
            let result = checked(env, |env| env.manager.veto_slash(u(index as u64)));
            // The model's verdict, in the contract's order: a closed request, then the
            // caller, then the window.
            match (result, closed(request.status)) {
                (Err(error), Some(expected)) => assert_eq!(kind(&error), expected),
                (Ok(()), Some(expected)) => panic!("vetoed a request that is {expected}"),
                (Err(Error::NotResolver(_)), None) => {
                    assert!(!by_resolver || resolver.is_zero());
                }
                (Err(Error::VetoWindowClosed(_)), None) => {
                    assert!(by_resolver && !resolver.is_zero());
                    assert!(now >= request.veto_deadline);
                }
                (Ok(()), None) => {
                    assert!(by_resolver && !resolver.is_zero());
                    assert!(now < request.veto_deadline);
                    model.requests[index].status = VETOED;
                }
                (Err(other), None) => panic!("unexpected refusal of a veto: {other:?}"),
            }
        }
        Action::Cancel(index, by_service) => {
            let Some((index, request)) = pick(model, index) else {
                return;
            };
            let expired = now >= env.request(index as u64).execution_expiry;
            env.sender(if by_service {
                SERVICES[request.stake.1]
            } else {
                STRANGER
            });
            let result = checked(env, |env| env.manager.cancel_slash(u(index as u64)));
            match (result, closed(request.status)) {
                (Err(error), Some(expected)) => assert_eq!(kind(&error), expected),
                (Ok(()), Some(expected)) => panic!("cancelled a request that is {expected}"),
                // Pending: the service may cancel, in the veto window or after it, expired
                // too; anyone else only once it has expired.
                (Ok(()), None) => {
                    assert!(by_service || expired);
                    model.requests[index].status = CANCELLED;
                    if expired {
                        model.unreleased[request.stake.0] += request.amount;
                    }
                }
                (Err(Error::NotRequester(_)), None) => assert!(!by_service && !expired),
                (Err(other), None) => panic!("unexpected refusal of a cancel: {other:?}"),
            }
        }
        Action::Execute(index) => {
            let Some((index, request)) = pick(model, index) else {
                return;
            };
            let vault = VAULTS[request.stake.0];
            let capture = env.request(index as u64).capture;
            let held = env.chain.vault(vault).slashable_stake(capture, now);
            env.sender(STRANGER);
            match checked(env, |env| env.manager.execute_slash(u(index as u64))) {
                Ok(slashed) => {
                    assert_eq!(request.status, PENDING, "only pending requests execute");
                    assert_eq!(slashed, u(request.amount).min(held));
                    model.requests[index].status = EXECUTED;
                    model.requests[index].slashed = low(slashed);
                }
                Err(
                    error @ (Error::AlreadyVetoed(_)
                    | Error::AlreadyCancelled(_)
                    | Error::AlreadyExecuted(_)),
                ) => assert_eq!(Some(kind(&error)), closed(request.status)),
                Err(Error::VetoWindowOpen(_) | Error::RequestExpired(_)) => {
                    assert_eq!(request.status, PENDING);
                }
                Err(other) => panic!("unexpected refusal {other:?}"),
            }
        }
        Action::Allocate {
            vault,
            service,
            operator,
            amount,
        } => {
            env.sender(CURATOR);
            let effective_at = env
                .manager
                .set_allocation(
                    VAULTS[vault],
                    SERVICES[service],
                    OPERATORS[operator],
                    u(amount),
                )
                .unwrap();
            let line = model
                .allocations
                .get_mut(&(vault, service, operator))
                .unwrap();
            if amount >= line.at(now) {
                assert_eq!(effective_at, now);
                line.set_now(now, amount);
            } else {
                assert_eq!(effective_at, now + ALLOCATION_DELAY);
                line.schedule(now, effective_at, amount);
            }
            let max = model
                .max_allocation
                .entry((vault, service, operator))
                .or_default();
            *max = (*max).max(amount);
        }
        Action::OptOut {
            operator,
            target,
            vault,
        } => {
            env.sender(OPERATORS[operator]);
            let result = checked(env, |env| {
                if vault {
                    env.manager.opt_out_vault(VAULTS[target])
                } else {
                    env.manager.opt_out_service(SERVICES[target])
                }
            });
            let line = model.opt_ins.get_mut(&(operator, target, vault)).unwrap();
            let was_in = line.at(now) == 1;
            let pending = line.scheduled.is_some_and(|(at, _)| at > now);
            match result {
                Ok(at) => {
                    assert!(was_in && !pending);
                    assert_eq!(at, now + OPT_OUT_DELAY);
                    line.schedule(now, at, 0);
                }
                Err(_) => assert!(!was_in || pending),
            }
        }
        Action::OptIn {
            operator,
            target,
            vault,
        } => {
            env.sender(OPERATORS[operator]);
            let result = checked(env, |env| {
                if vault {
                    env.manager.opt_in_vault(VAULTS[target])
                } else {
                    env.manager.opt_in_service(SERVICES[target])
                }
            });
            let line = model.opt_ins.get_mut(&(operator, target, vault)).unwrap();
            let was_in = line.at(now) == 1;
            let pending = line.scheduled.is_some_and(|(at, _)| at > now);
            match result {
                Ok(()) => {
                    assert!(!was_in || pending);
                    line.set_now(now, 1);
                }
                Err(_) => assert!(was_in && !pending),
            }
        }
        Action::Deposit(vault, amount) => {
            env.chain
                .with_vault(VAULTS[vault], |v| v.stake += u(amount));
            model.deposits[vault] += amount;
        }
        Action::Withdraw(vault, amount) => {
            let taken = env.chain.with_vault(VAULTS[vault], |v| {
                let taken = v.stake.min(u(amount));
                v.stake -= taken;
                taken
            });
            model.withdrawals[vault] += low(taken);
        }
        Action::Pause(pause) => {
            if pause {
                env.sender(PAUSER);
                model.paused |= checked(env, |env| env.manager.pause()).is_ok();
            } else {
                env.sender(ADMIN);
                model.paused &= checked(env, |env| env.manager.unpause()).is_err();
            }
        }
    }
}

/// Checks the invariants; `deep` also compares the allocation and opt-in histories at the
/// deployment and in the future (the present is always compared).
fn check_invariants(env: &Env, model: &Model, deep: bool) {
    let now = env.now();
    let probes: &[u64] = if deep {
        &[T0, now, now + ALLOCATION_DELAY]
    } else {
        &[now]
    };
    assert!(env.chain.unexpected_calls().is_empty());
    assert_eq!(
        low(env.manager.slash_request_count()),
        model.requests.len() as u64
    );
    for (index, request) in model.requests.iter().enumerate() {
        let stored = env.request(index as u64);
        assert_eq!(stored.status, request.status, "request {index}");
        assert_eq!(stored.slashed, u(request.slashed), "request {index}");
        assert!(request.slashed <= request.amount);
    }
    for v in 0..2 {
        for s in 0..2 {
            for o in 0..2 {
                let stake = (v, s, o);
                let (slashed, pending) = model.totals(stake);
                assert_eq!(
                    env.manager
                        .slash_totals(VAULTS[v], SERVICES[s], OPERATORS[o]),
                    (u(slashed), u(pending))
                );
                assert!(
                    slashed + pending <= model.max_allocation[&stake],
                    "{stake:?}: executed {slashed} + pending {pending} over the allocation"
                );
                for &t in probes {
                    assert_eq!(
                        env.manager
                            .allocation_at(VAULTS[v], SERVICES[s], OPERATORS[o], t),
                        u(model.allocations[&stake].at(t))
                    );
                }
            }
        }
        assert_eq!(
            env.manager.pending_slashes(VAULTS[v]),
            u(model.vault_pending(v)),
            "vault {v}: pending total"
        );
        let vault = env.chain.vault(VAULTS[v]);
        assert_eq!(
            vault.pending,
            u(model.vault_pending(v) + model.unreleased[v]),
            "vault {v}: what the vault holds for pending slashes"
        );
        let executed = model
            .requests
            .iter()
            .filter(|r| r.stake.0 == v && r.status == EXECUTED)
            .count();
        assert_eq!(vault.slashes.len(), executed, "one onSlash per execution");
        assert_eq!(
            vault.slashed_total + vault.stake,
            u(INITIAL_STAKE + model.deposits[v] - model.withdrawals[v]),
            "the vault gave up more than it held"
        );
    }
    for ((operator, target, vault), line) in &model.opt_ins {
        for &t in probes {
            let contract = if *vault {
                env.manager
                    .is_opted_in_vault(OPERATORS[*operator], VAULTS[*target], t)
            } else {
                env.manager
                    .is_opted_in_service(OPERATORS[*operator], SERVICES[*target], t)
            };
            assert_eq!(contract, line.at(t) == 1);
        }
    }
    assert_eq!(env.manager.paused(), model.paused);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_sequence_breaks_the_invariants(actions in prop::collection::vec(action(), 1..48)) {
        let mut model = Model::default();
        let mut env = world(&mut model);
        check_invariants(&env, &model, true);
        for action in &actions {
            step(&mut env, &mut model, action);
            check_invariants(&env, &model, false);
        }
        check_invariants(&env, &model, true);
    }
}

/// A fixed sequence that reaches every outcome at least once, so the invariants above are not
/// only exercised on refusals.
#[test]
fn a_scripted_sequence_reaches_every_outcome() {
    use Action::*;
    let mut model = Model::default();
    let mut env = world(&mut model);
    let script = [
        Request {
            service: 0,
            operator: 0,
            vault: 0,
            amount: 300,
            back: 60,
        },
        Request {
            service: 0,
            operator: 0,
            vault: 0,
            amount: 300,
            back: 60,
        },
        Request {
            service: 0,
            operator: 0,
            vault: 0,
            amount: 400,
            back: 60,
        },
        // Over the allocation now that 1,000 is pending: refused.
        Request {
            service: 0,
            operator: 0,
            vault: 0,
            amount: 1,
            back: 60,
        },
        Request {
            service: 1,
            operator: 0,
            vault: 0,
            amount: 1_000,
            back: 0,
        },
        Request {
            service: 1,
            operator: 1,
            vault: 0,
            amount: 1_000,
            back: 0,
        },
        Veto(2, true),
        Execute(3),
        Execute(4),
        Withdraw(0, 1_500),
        Advance(VETO),
        Execute(0),
        Cancel(1, true),
        Execute(1),
        Veto(0, true),
        Allocate {
            vault: 0,
            service: 0,
            operator: 0,
            amount: 100,
        },
        OptOut {
            operator: 0,
            target: 0,
            vault: false,
        },
        Pause(true),
        Request {
            service: 0,
            operator: 0,
            vault: 1,
            amount: 1,
            back: 0,
        },
        Pause(false),
        Advance(8 * DAY),
        Request {
            service: 0,
            operator: 0,
            vault: 1,
            amount: 1,
            back: 0,
        },
        OptIn {
            operator: 0,
            target: 0,
            vault: false,
        },
        Deposit(1, 500),
        Request {
            service: 0,
            operator: 0,
            vault: 1,
            amount: 1_000,
            back: 0,
        },
    ];
    for action in &script {
        step(&mut env, &mut model, action);
        check_invariants(&env, &model, true);
    }
    let statuses: Vec<u8> = model.requests.iter().map(|r| r.status).collect();
    assert!(statuses.contains(&EXECUTED));
    assert!(statuses.contains(&VETOED));
    assert!(statuses.contains(&CANCELLED));
    assert!(statuses.contains(&PENDING));
}
