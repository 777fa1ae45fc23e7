//! Serving connections with the bounds a public server needs. axum's own `serve` installs no
//! timer in hyper, so hyper's header-read timeout never fires: a client that trickles its
//! request head, or connects and says nothing, would hold a connection and a task for ever.
//! Here each connection is served by hyper-util with a timer; the head must arrive within
//! [`Bounds::head`], the whole request (a slowly sent body included) must be answered within
//! [`Bounds::request`], and a shutdown lets the requests in flight finish.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{Request, StatusCode};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::time::Duration;
use tokio::net::TcpListener;
use tower::ServiceExt;
use tower_http::timeout::TimeoutLayer;

/// How long a client may take.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// To send a request's head, from connecting (or from the first byte of the next request
    /// on a kept-alive connection).
    pub head: Duration,
    /// From the head to the answer, the body included: past it the answer is 408.
    pub request: Duration,
    /// For the requests in flight to finish once a shutdown begins.
    pub drain: Duration,
}

impl Default for Bounds {
    fn default() -> Self {
        Self {
            head: Duration::from_secs(10),
            request: Duration::from_secs(30),
            drain: Duration::from_secs(30),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets open requests finish
/// (within [`Bounds::drain`]).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    bounds: Bounds,
    shutdown: impl Future<Output = ()>,
) {
    let router = router.layer(TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        bounds.request,
    ));
    // HTTP/1.1 only: a proxy in front speaks it, and hyper-util's HTTP/2 detection would wait
    // for a first byte with no timeout at all.
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(bounds.head);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors, say: wait instead of spinning, and go on
                    // serving the connections already open.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Answers go out as soon as they are written: with Nagle's algorithm a small answer
        // on a kept-alive connection can wait 40 ms for the client's delayed ACK.
        let _ = stream.set_nodelay(true);
        let service = router
            .clone()
            .map_request(move |mut request: Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(remote));
                request.map(Body::new)
            });
        let connection =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection closed with an error");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(bounds.drain, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still open after the shutdown's grace period");
    }
}
