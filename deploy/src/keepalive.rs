//! `keepalive`: keeps a deployment's programs activated. On Arbitrum a Stylus program expires
//! `expiryDays` (365) after its activation and then cannot be called until it is activated
//! again; `ArbWasm.codehashKeepalive` restarts that clock for a data fee, once the program is
//! at least `keepaliveDays` (31) old (Nitro's `precompiles/ArbWasm.go` and
//! `Programs.ProgramKeepalive`). This renews every program of the manifest that expires within
//! a margin, reads the fee from ArbWasm itself (a call with no value is refused with
//! `ProgramInsufficientValue(have, want)`), and reports a program renewed too recently for
//! keepalive as such, not as an error.

use std::path::PathBuf;

use alloy_network::TransactionBuilder;
use alloy_primitives::{Address, B256, U256};
use alloy_provider::Provider;
use alloy_rpc_types_eth::TransactionRequest;
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{SolCall, SolError, SolEvent};
use anyhow::{Context, bail};

use crate::{
    artifacts::PROGRAMS,
    chain::{self, ARB_WASM, IArbWasm, describe_revert, eth, view},
    deploy::read_manifest,
};

/// The default margin: renew what expires within 30 days.
pub const DEFAULT_MARGIN_DAYS: u64 = 30;

/// What is sent above the fee ArbWasm names (the fee model may move before inclusion; ArbWasm
/// refunds the excess).
const FEE_BUMP_PERCENT: u64 = 20;

const DAY: u64 = 86_400;

/// How a keepalive runs.
#[derive(Clone, Debug)]
pub struct KeepaliveOptions {
    /// The JSON-RPC endpoint.
    pub rpc_url: String,
    /// The deployment's manifest.
    pub manifest_path: PathBuf,
    /// Who pays the data fees.
    pub signer: PrivateKeySigner,
    /// Renew what expires within this many days.
    pub margin_days: u64,
    /// Say what would be renewed, at what fee; send nothing.
    pub dry_run: bool,
}

/// What happened to one program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeepaliveOutcome {
    /// It expires after the margin: nothing to do.
    NotDue {
        /// Seconds before it expires.
        time_left: u64,
    },
    /// Due, but activated or renewed less than `keepaliveDays` ago: ArbWasm refuses keepalive
    /// until then (not an error).
    TooSoon {
        /// Seconds since its activation or last renewal.
        age: u64,
        /// Seconds before it expires.
        time_left: u64,
    },
    /// Due; a dry run sent nothing.
    WouldRenew {
        /// The fee ArbWasm asks for now.
        data_fee: U256,
        /// Seconds before it expires.
        time_left: u64,
    },
    /// Renewed.
    Renewed {
        /// The fee paid (from `ProgramLifetimeExtended`).
        data_fee: U256,
        /// The transaction.
        tx_hash: B256,
        /// Seconds before it expires now.
        time_left: u64,
    },
}

/// One program's line of the report.
#[derive(Clone, Debug)]
pub struct ProgramKeepalive {
    /// Its name in the manifest.
    pub name: String,
    /// Its address.
    pub address: Address,
    /// What happened.
    pub outcome: KeepaliveOutcome,
}

/// Renews what expires within the margin; one line per program, in deployment order.
pub async fn keepalive(options: KeepaliveOptions) -> anyhow::Result<Vec<ProgramKeepalive>> {
    let manifest = read_manifest(&options.manifest_path)?;
    let sender = options.signer.address();
    let provider = chain::connect(&options.rpc_url, std::slice::from_ref(&options.signer))?;
    let chain_id = provider
        .get_chain_id()
        .await
        .with_context(|| format!("cannot reach {}", options.rpc_url))?;
    if chain_id != manifest.chain_id {
        bail!(
            "{} is for chain {}, the RPC endpoint is chain {chain_id}",
            options.manifest_path.display(),
            manifest.chain_id
        );
    }
    let margin = options.margin_days.saturating_mul(DAY);
    let mut report = Vec::new();
    for name in PROGRAMS {
        let Some(record) = manifest.contracts.get(name) else {
            bail!(
                "{}: {name} is not deployed; finish the deployment first",
                options.manifest_path.display()
            );
        };
        let (address, codehash) = (record.address, record.code_hash);
        let time_left = view(
            &provider,
            ARB_WASM,
            IArbWasm::programTimeLeftCall { program: address },
        )
        .await
        .with_context(|| {
            format!("{name} at {address}: cannot be kept alive (expired programs need activateProgram again)")
        })?;
        let outcome = if time_left > margin {
            KeepaliveOutcome::NotDue { time_left }
        } else {
            match keepalive_fee(&provider, sender, codehash).await? {
                Fee::TooSoon(age) => KeepaliveOutcome::TooSoon { age, time_left },
                Fee::Due(data_fee) if options.dry_run => KeepaliveOutcome::WouldRenew {
                    data_fee,
                    time_left,
                },
                Fee::Due(data_fee) => renew(&provider, sender, name, address, codehash, data_fee)
                    .await
                    .with_context(|| format!("{name}: keepalive failed"))?,
            }
        };
        println!("  {name:<28} {}", describe(&outcome));
        report.push(ProgramKeepalive {
            name: name.to_string(),
            address,
            outcome,
        });
    }
    Ok(report)
}

/// The outcome in words.
pub fn describe(outcome: &KeepaliveOutcome) -> String {
    let days = |seconds: u64| format!("{:.1} days", seconds as f64 / DAY as f64);
    match outcome {
        KeepaliveOutcome::NotDue { time_left } => {
            format!("expires in {}: not due", days(*time_left))
        }
        KeepaliveOutcome::TooSoon { age, time_left } => format!(
            "expires in {}, but was activated or renewed {} ago: ArbWasm allows keepalive only later; nothing to do now",
            days(*time_left),
            days(*age)
        ),
        KeepaliveOutcome::WouldRenew {
            data_fee,
            time_left,
        } => format!(
            "expires in {}: would renew for a data fee of {} (dry run)",
            days(*time_left),
            eth(*data_fee)
        ),
        KeepaliveOutcome::Renewed {
            data_fee,
            tx_hash,
            time_left,
        } => format!(
            "renewed for {} in {tx_hash}: expires in {}",
            eth(*data_fee),
            days(*time_left)
        ),
    }
}

enum Fee {
    TooSoon(u64),
    Due(U256),
}

/// Asks ArbWasm, with a call that sends no value, what a keepalive of `codehash` costs now.
async fn keepalive_fee(
    provider: &alloy_provider::DynProvider,
    sender: Address,
    codehash: B256,
) -> anyhow::Result<Fee> {
    let tx = TransactionRequest::default()
        .with_from(sender)
        .with_to(ARB_WASM)
        .with_input(IArbWasm::codehashKeepaliveCall { codehash }.abi_encode());
    let data = match provider.call(tx).await {
        // Free: the fee model asks nothing now.
        Ok(_) => return Ok(Fee::Due(U256::ZERO)),
        Err(error) => match error.as_error_resp().and_then(|e| e.as_revert_data()) {
            Some(data) => data,
            None => bail!("codehashKeepalive: {}", chain::describe_rpc_error(&error)),
        },
    };
    if let Ok(short) = IArbWasm::ProgramInsufficientValue::abi_decode(&data) {
        return Ok(Fee::Due(short.want));
    }
    if let Ok(soon) = IArbWasm::ProgramKeepaliveTooSoon::abi_decode(&data) {
        return Ok(Fee::TooSoon(soon.ageInSeconds));
    }
    bail!("codehashKeepalive: {}", describe_revert(&data))
}

/// Sends the keepalive with the fee plus a margin (refunded) and checks what ArbWasm did.
async fn renew(
    provider: &alloy_provider::DynProvider,
    sender: Address,
    name: &str,
    address: Address,
    codehash: B256,
    data_fee: U256,
) -> anyhow::Result<KeepaliveOutcome> {
    let value = data_fee + data_fee * U256::from(FEE_BUMP_PERCENT) / U256::from(100u64);
    let receipt = chain::transact(
        provider,
        sender,
        ARB_WASM,
        IArbWasm::codehashKeepaliveCall { codehash },
        value,
    )
    .await?;
    let paid = receipt
        .inner
        .logs()
        .iter()
        .filter(|log| log.address() == ARB_WASM)
        .find_map(|log| IArbWasm::ProgramLifetimeExtended::decode_log_data(log.data()).ok())
        .filter(|event| event.codehash == codehash)
        .map(|event| event.dataFee)
        .with_context(|| format!("{name}: mined, but no ProgramLifetimeExtended event"))?;
    let time_left = view(
        provider,
        ARB_WASM,
        IArbWasm::programTimeLeftCall { program: address },
    )
    .await?;
    Ok(KeepaliveOutcome::Renewed {
        data_fee: paid,
        tx_hash: receipt.transaction_hash,
        time_left,
    })
}
