//! HTTP load from `oha` (crates.io, installed by `make bench`), on loopback, read back from its
//! JSON summary.

use serde_json::Value;
use std::process::Command;

/// How a target is loaded.
#[derive(Debug, Clone, Copy)]
pub enum Load {
    /// As fast as `connections` keep-alive connections go.
    Saturate { connections: u32 },
    /// A fixed rate, whatever the latency (latency measured from when each request was due,
    /// so a stall is not hidden by the requests it delayed).
    Rate { per_second: u32 },
    /// One keep-alive connection, one request after another.
    OneConnection,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Figures {
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub ok: u64,
    pub failed: u64,
}

pub fn run(url: &str, cookie: Option<&str>, load: Load, seconds: u32) -> Figures {
    run_with(
        url,
        cookie.map(|c| format!("Cookie: {c}")).as_deref(),
        load,
        seconds,
    )
}

/// [`run`] with any one header (`Authorization: Bearer …`).
pub fn run_with(url: &str, header: Option<&str>, load: Load, seconds: u32) -> Figures {
    let mut command = Command::new("oha");
    command
        .args(["--no-tui", "--output-format", "json", "-z"])
        .arg(format!("{seconds}s"));
    match load {
        Load::Saturate { connections } => {
            command.arg("-c").arg(connections.to_string());
        }
        Load::Rate { per_second } => {
            command
                .args(["-c", "8", "--latency-correction", "-q"])
                .arg(per_second.to_string());
        }
        Load::OneConnection => {
            command.args(["-c", "1"]);
        }
    }
    // What a current browser sends (Chrome, Edge and Firefox offer zstd): the compressed
    // variant is what a phone gets, and the encoder the server picks from this list is part of
    // a page's cost.
    command.args(["-H", "Accept-Encoding: gzip, deflate, br, zstd"]);
    if let Some(header) = header {
        command.arg("-H").arg(header);
    }
    let output = command
        .arg(url)
        .output()
        .unwrap_or_else(|e| panic!("run oha (make bench installs it): {e}"));
    assert!(
        output.status.success(),
        "oha failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: Value = serde_json::from_slice(&output.stdout).expect("oha's JSON summary");
    let ms = |key: &str| {
        summary["latencyPercentiles"][key]
            .as_f64()
            .unwrap_or(f64::NAN)
            * 1e3
    };
    let codes = summary["statusCodeDistribution"].as_object();
    let ok = codes
        .and_then(|c| c.get("200"))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let answered: u64 = codes
        .map(|c| c.values().filter_map(Value::as_u64).sum())
        .unwrap_or(0);
    // requests still in flight when the time is up are cut off by oha itself, not failed
    let errors: u64 = summary["errorDistribution"]
        .as_object()
        .map(|e| {
            e.iter()
                .filter(|(what, _)| what.as_str() != "aborted due to deadline")
                .filter_map(|(_, n)| n.as_u64())
                .sum()
        })
        .unwrap_or(0);
    Figures {
        per_second: ok as f64 / summary["summary"]["total"].as_f64().unwrap_or(f64::NAN),
        p50_ms: ms("p50"),
        p99_ms: ms("p99"),
        ok,
        failed: answered - ok + errors,
    }
}
