//! Starts Prework: configuration, telemetry, the database, then the HTTP server until SIGINT or
//! SIGTERM.

use app::ssr::runtime::config::Config;
use std::process::ExitCode;

// A page is rendered from many small strings and freed at once; glibc's allocator spent a
// quarter of a loaded brief page's time on that (issue 14's profile), mimalloc far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("prework: configuration error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = server::telemetry::init(&config.log_filter) {
        eprintln!("prework: configuration error: RUST_LOG: {e}");
        return ExitCode::FAILURE;
    }
    match server::serve(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("prework: {e}");
            ExitCode::FAILURE
        }
    }
}
