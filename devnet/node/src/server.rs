//! HTTP: the JSON-RPC endpoint (POST, any path; WebSocket on the same port, see [`crate::ws`]),
//! CORS for browsers, body limits; and
//! [`Devnet`], a running server with its miner and state-file writer.

use std::{
    convert::Infallible,
    net::SocketAddr,
    path::PathBuf,
    sync::{Arc, Mutex},
    time::Duration,
};

use http_body_util::{BodyExt, Full, Limited};
use hyper::{
    Method, Request, Response, StatusCode,
    body::{Bytes, Incoming},
    header::{self, HeaderValue},
    server::conn::http1,
    service::service_fn,
};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::{net::TcpListener, sync::watch, task::JoinHandle};

use crate::{
    error::{INVALID_REQUEST, RpcError},
    node::{Node, NodeConfig},
    rpc::{SharedNode, handle_body, lock},
};

/// The largest request body accepted: 16 MiB.
pub const MAX_BODY: usize = 16 << 20;

/// How a devnet is started.
#[derive(Clone, Debug)]
pub struct DevnetConfig {
    /// Where to listen (port 0 picks a free port).
    pub addr: SocketAddr,
    /// Chain id, base fee, mining mode of a fresh chain.
    pub node: NodeConfig,
    /// Mine every this often (interval mining) instead of once per transaction.
    pub block_time: Option<Duration>,
    /// The state file: loaded when it exists, written on shutdown and periodically.
    pub state: Option<PathBuf>,
    /// How often the state file is written when something changed.
    pub state_interval: Duration,
    /// Folders whose files GET requests are answered with ([`crate::site`]); empty: none.
    pub site: Vec<PathBuf>,
}

impl Default for DevnetConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8547)),
            node: NodeConfig::default(),
            block_time: None,
            state: None,
            state_interval: Duration::from_secs(1),
            site: Vec::new(),
        }
    }
}

/// Why a devnet could not start or stop cleanly.
#[derive(Debug, thiserror::Error)]
pub enum DevnetError {
    /// Binding the address failed.
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    /// The state file could not be read or written.
    #[error("state file: {0}")]
    State(String),
}

/// A running devnet.
#[derive(Debug)]
pub struct Devnet {
    addr: SocketAddr,
    node: SharedNode,
    state: Option<PathBuf>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Devnet {
    /// Loads or creates the chain, binds, and serves in the background.
    pub async fn start(config: DevnetConfig) -> Result<Self, DevnetError> {
        let mut node_config = config.node.clone();
        node_config.instant = config.block_time.is_none();
        let node = match &config.state {
            Some(path) if path.exists() => {
                Node::load(path, node_config).map_err(DevnetError::State)?
            }
            _ => Node::new(node_config),
        };
        let node: SharedNode = Arc::new(Mutex::new(node));
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|error| DevnetError::Bind(config.addr, error))?;
        let addr = listener
            .local_addr()
            .map_err(|error| DevnetError::Bind(config.addr, error))?;
        let (stop, stopped) = watch::channel(false);
        let site = Arc::new(config.site.clone());
        let mut tasks = vec![tokio::spawn(serve(
            listener,
            node.clone(),
            site,
            stopped.clone(),
        ))];
        if let Some(block_time) = config.block_time {
            tasks.push(tokio::spawn(mine_every(
                block_time,
                node.clone(),
                stopped.clone(),
            )));
        }
        if let Some(path) = &config.state {
            tasks.push(tokio::spawn(save_every(
                config.state_interval,
                path.clone(),
                node.clone(),
                stopped,
            )));
        }
        Ok(Self {
            addr,
            node,
            state: config.state,
            stop,
            tasks,
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its URL, `http://host:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The node (for in-process tools and tests).
    pub fn node(&self) -> &SharedNode {
        &self.node
    }

    /// Writes the state file now, if there is one.
    pub fn save(&self) -> Result<(), DevnetError> {
        match &self.state {
            Some(path) => lock(&self.node).save(path).map_err(DevnetError::State),
            None => Ok(()),
        }
    }

    /// Stops serving and mining, then writes the state file.
    pub async fn stop(self) -> Result<(), DevnetError> {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
        match &self.state {
            Some(path) => lock(&self.node).save(path).map_err(DevnetError::State),
            None => Ok(()),
        }
    }
}

async fn serve(
    listener: TcpListener,
    node: SharedNode,
    site: Arc<Vec<PathBuf>>,
    mut stopped: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stopped.changed() => return,
        };
        let Ok((stream, _)) = accepted else {
            continue;
        };
        let node = node.clone();
        let site = site.clone();
        let stopped = stopped.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                handle_http(node.clone(), site.clone(), request, stopped.clone())
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades()
                .await;
        });
    }
}

async fn mine_every(every: Duration, node: SharedNode, mut stopped: watch::Receiver<bool>) {
    let mut ticker = tokio::time::interval(every);
    ticker.tick().await;
    loop {
        tokio::select! {
            _ = ticker.tick() => {
                let _ = lock(&node).mine(None);
            }
            _ = stopped.changed() => return,
        }
    }
}

async fn save_every(
    every: Duration,
    path: PathBuf,
    node: SharedNode,
    mut stopped: watch::Receiver<bool>,
) {
    let mut ticker = tokio::time::interval(every);
    loop {
        tokio::select! {
            _ = ticker.tick() => {
                let mut node = lock(&node);
                if node.is_dirty()
                    && let Err(error) = node.save(&path)
                {
                    eprintln!("devnet: {error}");
                }
            }
            _ = stopped.changed() => return,
        }
    }
}

/// The response headers every answer carries: JSON and CORS.
fn response(status: StatusCode, body: Bytes) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn json_response(status: StatusCode, value: &Value) -> Response<Full<Bytes>> {
    response(status, Bytes::from(value.to_string()))
}

async fn handle_http(
    node: SharedNode,
    site: Arc<Vec<PathBuf>>,
    request: Request<Incoming>,
    stopped: watch::Receiver<bool>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    if request.method() == Method::GET && crate::ws::is_upgrade(&request) {
        return Ok(crate::ws::upgrade(node, request, stopped));
    }
    match *request.method() {
        Method::OPTIONS => {
            let allow_headers = request
                .headers()
                .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
                .cloned()
                .unwrap_or_else(|| HeaderValue::from_static("content-type"));
            let mut answer = response(StatusCode::NO_CONTENT, Bytes::new());
            let headers = answer.headers_mut();
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("POST, GET, OPTIONS"),
            );
            headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allow_headers);
            headers.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("86400"),
            );
            Ok(answer)
        }
        Method::POST => {
            let body = match Limited::new(request.into_body(), MAX_BODY).collect().await {
                Ok(body) => body.to_bytes(),
                Err(error) => {
                    let too_large = error
                        .downcast_ref::<http_body_util::LengthLimitError>()
                        .is_some();
                    let (status, message) = if too_large {
                        (
                            StatusCode::PAYLOAD_TOO_LARGE,
                            format!("request body larger than {MAX_BODY} bytes"),
                        )
                    } else {
                        (
                            StatusCode::BAD_REQUEST,
                            format!("cannot read the request body: {error}"),
                        )
                    };
                    let error = RpcError::new(INVALID_REQUEST, message);
                    return Ok(json_response(
                        status,
                        &serde_json::json!({ "jsonrpc": "2.0", "id": null, "error": error.to_json() }),
                    ));
                }
            };
            let answer = handle_body(&node, &body);
            Ok(json_response(StatusCode::OK, &answer))
        }
        Method::GET => match crate::site::find(&site, request.uri().path()) {
            Some(file) => {
                let mut answer = response(StatusCode::OK, Bytes::from(file.bytes));
                answer.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(file.content_type),
                );
                Ok(answer)
            }
            None => Ok(json_response(
                StatusCode::OK,
                &serde_json::json!({ "name": crate::rpc::CLIENT_VERSION, "jsonrpc": "POST JSON-RPC 2.0 here" }),
            )),
        },
        _ => {
            let error = RpcError::new(INVALID_REQUEST, "use POST");
            Ok(json_response(
                StatusCode::METHOD_NOT_ALLOWED,
                &serde_json::json!({ "jsonrpc": "2.0", "id": null, "error": error.to_json() }),
            ))
        }
    }
}
