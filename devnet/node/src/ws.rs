//! JSON-RPC over WebSocket on the HTTP port (a GET with `Upgrade: websocket`): every method,
//! single or batched, plus geth's subscriptions, `eth_subscribe` (`newHeads`, `logs`) and
//! `eth_unsubscribe`. Notifications are geth's: `{"jsonrpc":"2.0","method":"eth_subscription",
//! "params":{"subscription":ID,"result":...}}`, one per new block for `newHeads` (its header)
//! and one per matching log for `logs`.

use std::collections::HashMap;

use alloy_primitives::U256;
use alloy_rpc_types_eth::Filter;
use futures_util::{SinkExt, StreamExt};
use http_body_util::Full;
use hyper::{
    Request, Response, StatusCode,
    body::{Bytes, Incoming},
    header::{self, HeaderValue},
};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::sync::watch;
use tokio_tungstenite::{
    WebSocketStream,
    tungstenite::{Message, handshake::derive_accept_key, protocol::Role},
};

use crate::{
    error::RpcError,
    rpc::{self, SharedNode, lock},
};

/// Whether `request` asks to switch to WebSocket.
pub(crate) fn is_upgrade<B>(request: &Request<B>) -> bool {
    let has = |name: header::HeaderName, value: &str| {
        request
            .headers()
            .get(name)
            .and_then(|header| header.to_str().ok())
            .is_some_and(|header| {
                header
                    .split(',')
                    .any(|part| part.trim().eq_ignore_ascii_case(value))
            })
    };
    has(header::UPGRADE, "websocket") && has(header::CONNECTION, "upgrade")
}

/// Answers the handshake (101) and serves the connection once hyper hands it over; it ends
/// when the client closes it or the devnet stops.
pub(crate) fn upgrade(
    node: SharedNode,
    request: Request<Incoming>,
    stopped: watch::Receiver<bool>,
) -> Response<Full<Bytes>> {
    let Some(key) = request.headers().get(header::SEC_WEBSOCKET_KEY) else {
        let mut response =
            Response::new(Full::new(Bytes::from_static(b"missing Sec-WebSocket-Key")));
        *response.status_mut() = StatusCode::BAD_REQUEST;
        return response;
    };
    let accept = derive_accept_key(key.as_bytes());
    tokio::spawn(async move {
        if let Ok(upgraded) = hyper::upgrade::on(request).await {
            let socket =
                WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
            serve(socket, node, stopped).await;
        }
    });
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let headers = response.headers_mut();
    headers.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    headers.insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
    if let Ok(accept) = HeaderValue::from_str(&accept) {
        headers.insert(header::SEC_WEBSOCKET_ACCEPT, accept);
    }
    response
}

/// What a subscription sends.
#[derive(Clone, Debug)]
enum Subscription {
    NewHeads,
    Logs(Box<Filter>),
}

/// One connection's subscriptions.
#[derive(Debug, Default)]
struct Subscriptions {
    by_id: HashMap<U256, Subscription>,
    next_id: u64,
}

async fn serve<S>(socket: WebSocketStream<S>, node: SharedNode, mut stopped: watch::Receiver<bool>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let (mut sink, mut stream) = socket.split();
    let mut heads = lock(&node).subscribe_heads();
    let mut notified = *heads.borrow_and_update();
    let mut subscriptions = Subscriptions::default();
    loop {
        let outgoing: Vec<Value> = tokio::select! {
            message = stream.next() => match message {
                Some(Ok(Message::Text(text))) => {
                    vec![answer_body(&node, &mut subscriptions, text.as_bytes())]
                }
                Some(Ok(Message::Binary(bytes))) => {
                    vec![answer_body(&node, &mut subscriptions, &bytes)]
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => Vec::new(),
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
            },
            changed = heads.changed() => {
                if changed.is_err() {
                    break;
                }
                let latest = *heads.borrow_and_update();
                let from = notified.saturating_add(1);
                notified = latest;
                notifications(&node, &subscriptions, from, latest)
            }
            _ = stopped.changed() => break,
        };
        for value in outgoing {
            if value.is_null() {
                continue;
            }
            if sink.send(Message::text(value.to_string())).await.is_err() {
                return;
            }
        }
    }
    let _ = sink.close().await;
}

/// Answers a request body (single or batch), subscriptions handled here, the rest by the
/// RPC layer. `Null` when there is nothing to send.
fn answer_body(node: &SharedNode, subscriptions: &mut Subscriptions, body: &[u8]) -> Value {
    rpc::answer_body_with(body, |request| answer(node, subscriptions, request))
}

fn answer(node: &SharedNode, subscriptions: &mut Subscriptions, request: Value) -> Value {
    let method = request.get("method").and_then(Value::as_str);
    if !matches!(method, Some("eth_subscribe" | "eth_unsubscribe")) {
        return rpc::handle_request(node, request);
    }
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let params = request.get("params").cloned().unwrap_or(Value::Null);
    let result = if method == Some("eth_subscribe") {
        subscribe(subscriptions, &params)
    } else {
        rpc::param::<U256>(&params, 0)
            .map(|id| Value::Bool(subscriptions.by_id.remove(&id).is_some()))
    };
    match result {
        Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
        Err(error) => error_response(id, &error),
    }
}

fn subscribe(subscriptions: &mut Subscriptions, params: &Value) -> Result<Value, RpcError> {
    let kind: String = rpc::param(params, 0)?;
    let subscription = match kind.as_str() {
        "newHeads" => Subscription::NewHeads,
        "logs" => Subscription::Logs(Box::new(
            rpc::opt_param::<Filter>(params, 1)?.unwrap_or_default(),
        )),
        // geth's answer for a kind it does not serve.
        other => {
            return Err(RpcError::new(
                crate::error::METHOD_NOT_FOUND,
                format!("no \"{other}\" subscription in eth namespace"),
            ));
        }
    };
    subscriptions.next_id = subscriptions.next_id.saturating_add(1);
    let id = U256::from(subscriptions.next_id);
    subscriptions.by_id.insert(id, subscription);
    rpc::to_json(&id)
}

/// The notifications for blocks `from..=to`, in block order.
fn notifications(
    node: &SharedNode,
    subscriptions: &Subscriptions,
    from: u64,
    to: u64,
) -> Vec<Value> {
    if subscriptions.by_id.is_empty() {
        return Vec::new();
    }
    let node = lock(node);
    let mut sorted: Vec<(&U256, &Subscription)> = subscriptions.by_id.iter().collect();
    sorted.sort_by_key(|(id, _)| **id);
    let mut out = Vec::new();
    for number in from..=to {
        let Some(block) = node.block(number) else {
            continue;
        };
        for (id, subscription) in &sorted {
            let results: Vec<Value> = match subscription {
                Subscription::NewHeads => serde_json::to_value(rpc::rpc_header(block))
                    .into_iter()
                    .collect(),
                Subscription::Logs(filter) => rpc::logs_in(&node, filter, number, number)
                    .iter()
                    .filter_map(|log| serde_json::to_value(log).ok())
                    .collect(),
            };
            out.extend(results.into_iter().map(|result| {
                json!({
                    "jsonrpc": "2.0",
                    "method": "eth_subscription",
                    "params": { "subscription": id, "result": result },
                })
            }));
        }
    }
    out
}

fn error_response(id: Value, error: &RpcError) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": error.to_json() })
}
