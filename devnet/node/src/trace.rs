//! debug_traceTransaction, debug_traceCall, debug_traceBlockByNumber and
//! debug_traceBlockByHash with geth's `callTracer` (eth/tracers/native/call.go): the tree of
//! frames, EVM and Stylus alike (`stylus_runtime::trace`).
//!
//! A mined transaction is traced by running its block again on the state before the block
//! (`Node::state_at`): the transactions before it untraced, then it with the tracer. The
//! outermost frame has the transaction's gas limit and gas used (intrinsic gas and refunds
//! included), as geth's. Only `callTracer` is served, with `onlyTopCall`; geth's default
//! opcode logger, `withLog` and the other tracers are refused with a message saying so.

use alloy_eips::BlockId;
use alloy_primitives::B256;
use alloy_rpc_types_eth::{TransactionRequest, state::StateOverride};
use serde::Deserialize;
use serde_json::{Value, json};
use stylus_runtime::{Chain, trace::CallFrame};

use crate::{
    error::RpcError,
    node::{Block, Node, StateAt, tx_env},
    rpc,
};

/// The tracer options geth takes (eth/tracers/api.go, `TraceConfig` / `TraceCallConfig`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TraceOptions {
    tracer: Option<String>,
    #[serde(default)]
    tracer_config: CallTracerConfig,
    state_overrides: Option<StateOverride>,
}

/// callTracer's own options.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CallTracerConfig {
    #[serde(default)]
    only_top_call: bool,
    #[serde(default)]
    with_log: bool,
}

/// Answers the debug_trace* methods; `None` for any other method.
pub(crate) fn dispatch(
    node: &mut Node,
    method: &str,
    params: &Value,
) -> Option<Result<Value, RpcError>> {
    let answer = match method {
        "debug_traceTransaction" => (|| {
            let hash: B256 = rpc::param(params, 0)?;
            let options = options(params, 1)?;
            trace_transaction(node, hash, &options)
        })(),
        "debug_traceCall" => (|| {
            let request: TransactionRequest = rpc::param(params, 0)?;
            let block: Option<BlockId> = rpc::opt_param(params, 1)?;
            let options = options(params, 2)?;
            trace_call(node, request, block, options)
        })(),
        "debug_traceBlockByNumber" | "debug_traceBlockByHash" => (|| {
            let block: BlockId = rpc::param(params, 0)?;
            let options = options(params, 1)?;
            let number = match block {
                BlockId::Hash(hash) => node.block_by_hash(hash.block_hash).map(|b| b.header.number),
                BlockId::Number(tag) => rpc::resolve_tag(node, tag)?,
            }
            .ok_or_else(|| RpcError::server("block not found"))?;
            trace_block(node, number, &options)
        })(),
        _ => return None,
    };
    Some(answer)
}

/// The options at `index`, checked: callTracer only.
fn options(params: &Value, index: usize) -> Result<TraceOptions, RpcError> {
    let options: TraceOptions = rpc::opt_param(params, index)?.unwrap_or_default();
    match options.tracer.as_deref() {
        Some("callTracer") => {}
        Some(other) => {
            return Err(RpcError::params(format!(
                "tracer {other} is not supported: this devnet serves callTracer"
            )));
        }
        None => {
            return Err(RpcError::params(
                "the opcode logger (no tracer given) is not supported: ask for \
                 {\"tracer\": \"callTracer\"}",
            ));
        }
    }
    if options.tracer_config.with_log {
        return Err(RpcError::params(
            "callTracer's withLog is not supported by this devnet",
        ));
    }
    Ok(options)
}

/// The chain as it was before block `number`, in block `number`, with its transactions before
/// `before` run again.
fn replay(node: &Node, block: &Block, before: usize) -> Result<Chain, RpcError> {
    let number = block.header.number;
    let parent = number
        .checked_sub(1)
        .ok_or_else(|| RpcError::server("the genesis block has no transactions"))?;
    let mut chain = match node.state_at(parent)? {
        StateAt::Past(chain) => *chain,
        // The parent of a mined block is never the latest block.
        StateAt::Latest => return Err(RpcError::server("no state before the block")),
    };
    chain.set_block_number(number);
    chain.set_timestamp(block.header.timestamp);
    let base_fee = node.config().base_fee;
    for mined in block.txs.iter().take(before) {
        chain
            .execute(tx_env(&mined.envelope, mined.from, base_fee))
            .map_err(|error| RpcError::server(error.to_string()))?;
    }
    Ok(chain)
}

fn trace_transaction(
    node: &mut Node,
    hash: B256,
    options: &TraceOptions,
) -> Result<Value, RpcError> {
    let (block, index) = node
        .mined_tx(hash)
        .ok_or_else(|| RpcError::server(format!("transaction {hash} not found")))?;
    let block = block.clone();
    let mut chain = replay(node, &block, index)?;
    trace_mined(node, &mut chain, &block, index, options)
}

/// Traces the `index`th transaction of `block` on `chain`, where the ones before it have run.
fn trace_mined(
    node: &Node,
    chain: &mut Chain,
    block: &Block,
    index: usize,
    options: &TraceOptions,
) -> Result<Value, RpcError> {
    let mined = &block.txs[index];
    let tx = tx_env(&mined.envelope, mined.from, node.config().base_fee);
    let gas_limit = tx.gas_limit;
    let (receipt, frame) = chain.traced(|chain| chain.execute(tx));
    let receipt = receipt.map_err(|error| RpcError::server(error.to_string()))?;
    outermost(frame, gas_limit, receipt.gas_used, options)
}

fn trace_block(node: &mut Node, number: u64, options: &TraceOptions) -> Result<Value, RpcError> {
    let block = node
        .block(number)
        .cloned()
        .ok_or_else(|| RpcError::server(format!("block {number} not found")))?;
    let mut chain = replay(node, &block, 0)?;
    let mut traces = Vec::new();
    for index in 0..block.txs.len() {
        let result = trace_mined(node, &mut chain, &block, index, options)?;
        traces.push(json!({ "txHash": block.txs[index].hash, "result": result }));
    }
    Ok(Value::Array(traces))
}

fn trace_call(
    node: &mut Node,
    request: TransactionRequest,
    block: Option<BlockId>,
    options: TraceOptions,
) -> Result<Value, RpcError> {
    let mut at = rpc::state_at(node, block)?;
    let prepare = rpc::overrides_fn(options.state_overrides.clone())?;
    let tx = rpc::call_env(node, &mut at, &request);
    let gas_limit = tx.gas_limit;
    let (receipt, frame) = node
        .call_chain(&mut at)
        .traced(|chain| chain.call_with(tx, prepare));
    let receipt = receipt.map_err(|error| RpcError::server(error.to_string()))?;
    outermost(frame, gas_limit, receipt.gas_used, &options)
}

/// The outermost frame as geth reports it: the transaction's gas limit and gas used.
fn outermost(
    frame: Option<CallFrame>,
    gas_limit: u64,
    gas_used: u64,
    options: &TraceOptions,
) -> Result<Value, RpcError> {
    let mut frame = frame.ok_or_else(|| RpcError::server("nothing was traced"))?;
    frame.gas = gas_limit;
    frame.gas_used = gas_used;
    if options.tracer_config.only_top_call {
        frame.calls.clear();
    }
    Ok(frame_json(&frame))
}

/// A frame in geth's callTracer JSON (empty `to`, `value`, `output`, `calls` left out).
fn frame_json(frame: &CallFrame) -> Value {
    let mut object = json!({
        "type": frame.kind.name(),
        "from": frame.from,
        "gas": format!("{:#x}", frame.gas),
        "gasUsed": format!("{:#x}", frame.gas_used),
        "input": frame.input,
    });
    let Some(map) = object.as_object_mut() else {
        return object;
    };
    if let Some(to) = frame.to {
        map.insert("to".to_owned(), json!(to));
    }
    if let Some(value) = frame.value {
        map.insert("value".to_owned(), json!(value));
    }
    if !frame.output.is_empty() {
        map.insert("output".to_owned(), json!(frame.output));
    }
    if let Some(error) = &frame.error {
        map.insert("error".to_owned(), json!(error));
    }
    if let Some(reason) = &frame.revert_reason {
        map.insert("revertReason".to_owned(), json!(reason));
    }
    if !frame.calls.is_empty() {
        map.insert(
            "calls".to_owned(),
            Value::Array(frame.calls.iter().map(frame_json).collect()),
        );
    }
    object
}
