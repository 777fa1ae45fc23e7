//! The Prework HTTP server: the axum router around the Leptos app, the JSON API, health checks,
//! telemetry and a graceful shutdown. `main.rs` only wires these together.

pub mod links;
pub mod listen;
pub mod rest;
pub mod router;
pub mod rpc_status;
pub mod security;
pub mod telemetry;

use app::ssr::notify::transport::Mailer;
use app::ssr::notify::worker;
use app::ssr::runtime::config::{Config, redact_url};
use app::ssr::{AppState, db::Db};

pub use router::router;

/// Connects and migrates the database, then serves until a shutdown signal arrives. Errors name
/// the variable at fault where there is one.
pub async fn serve(config: Config) -> Result<(), String> {
    let db = Db::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| {
            format!(
                "DATABASE_URL: cannot open {}: {e}",
                redact_url(&config.database_url)
            )
        })?;
    let addr = config.site_addr;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("LEPTOS_SITE_ADDR: cannot listen on {addr}: {e}"))?;
    tracing::info!(
        %addr,
        database = db.backend().name(),
        "Prework is listening on http://{addr}"
    );
    let state = AppState::new(db.clone(), config);
    app::ssr::notify::outbox::hash_old_unsubscribe_tokens(&state)
        .await
        .map_err(|e| format!("DATABASE_URL: cannot update the outbox: {e}"))?;
    // Rate-limit buckets that have refilled are dropped now and then, bounding their memory.
    let limits = state.limits.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            every.tick().await;
            limits.retain_recent();
        }
    });
    // The delivery worker runs beside the server and stops after it, finishing the message in
    // flight.
    let mailer = Mailer::new(&state.config)?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(worker::run(state.clone(), mailer, stopped));
    listen::serve(
        listener,
        router(state),
        listen::Bounds::default(),
        shutdown_signal(),
    )
    .await;
    let _ = stop.send(true);
    if tokio::time::timeout(std::time::Duration::from_secs(30), worker)
        .await
        .is_err()
    {
        tracing::warn!("outbox: the message in flight did not finish within 30 s");
    }
    db.close().await;
    tracing::info!("Prework stopped");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM, letting in-flight requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing in-flight requests");
}
