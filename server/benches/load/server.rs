//! The release server as a child process on a database of the bench's choosing, and the time
//! from starting it to its first 200 on `/healthz`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub base: String,
    /// From spawning the process to the first 200 on `/healthz` (migrations included).
    pub started_in: Duration,
}

/// `target/release/server` as `make build` leaves it, unless
/// `PREWORK_BENCH_SERVER` names another.
pub fn binary() -> PathBuf {
    std::env::var_os("PREWORK_BENCH_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/release/server"))
}

pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Server {
    /// Starts the server on `database_url` and waits for it to answer `/healthz`.
    pub async fn start(database_url: &str, mail: &std::path::Path) -> Self {
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let child = Command::new(binary())
            .current_dir(workspace())
            .env("DATABASE_URL", database_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", "target/site")
            .env("RUST_LOG", "warn")
            // the bench writes as fast as it can: the per-writer limit would measure itself
            .env("PREWORK_WRITE_LIMIT", "off")
            .env("PREWORK_MAILDIR", mail)
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("start {} (run `make build` first): {e}", binary().display())
            });
        let client = reqwest::Client::new();
        let health = format!("{base}/healthz");
        loop {
            if let Ok(answer) = client.get(&health).send().await
                && answer.status() == reqwest::StatusCode::OK
            {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the server did not answer /healthz within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        Self {
            started_in: started.elapsed(),
            child,
            base,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
