//! The table `make bench` prints and writes to `target/bench/summary.md`: every figure beside
//! the ceiling it was measured against in the same run, the ratio, and the target.

use serde_json::Value;
use std::fmt::Write;
use std::path::Path;

pub struct Row {
    pub section: &'static str,
    pub measure: String,
    pub value: String,
    pub ceiling: String,
    pub ratio: String,
    pub target: String,
    /// `Some(true)` met, `Some(false)` missed, `None` context only.
    pub met: Option<bool>,
}

impl Row {
    pub fn context(
        section: &'static str,
        measure: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        Self {
            section,
            measure: measure.into(),
            value: value.into(),
            ceiling: String::new(),
            ratio: String::new(),
            target: String::new(),
            met: None,
        }
    }

    pub fn ceiling(mut self, ceiling: impl Into<String>, ratio: f64) -> Self {
        self.ceiling = ceiling.into();
        self.ratio = format!("{:.1} %", ratio * 100.0);
        self
    }

    pub fn target(mut self, target: impl Into<String>, met: bool) -> Self {
        self.target = target.into();
        self.met = Some(met);
        self
    }
}

pub fn markdown(rows: &[Row], header: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# `make bench`\n\n{header}\n");
    let _ = writeln!(
        out,
        "| | measure | value | ceiling (same run) | ratio | target | |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---|---|");
    let mut last = "";
    for r in rows {
        let section = if r.section == last { "" } else { r.section };
        last = r.section;
        let met = match r.met {
            Some(true) => "met",
            Some(false) => "**missed**",
            None => "",
        };
        let _ = writeln!(
            out,
            "| {section} | {} | {} | {} | {} | {} | {met} |",
            r.measure, r.value, r.ceiling, r.ratio, r.target
        );
    }
    out
}

/// Criterion's latest estimate of each benchmark (`target/criterion/*/new`), as (name, mean).
pub fn criterion(root: &Path) -> Vec<(String, f64)> {
    let mut found = Vec::new();
    let Ok(dirs) = std::fs::read_dir(root.join("target/criterion")) else {
        return found;
    };
    for dir in dirs.flatten() {
        let new = dir.path().join("new");
        let read = |file: &str| -> Option<Value> {
            serde_json::from_str(&std::fs::read_to_string(new.join(file)).ok()?).ok()
        };
        if let (Some(bench), Some(estimates)) = (read("benchmark.json"), read("estimates.json")) {
            let name = bench["title"].as_str().unwrap_or_default().to_owned();
            let mean_ns = estimates["mean"]["point_estimate"]
                .as_f64()
                .unwrap_or(f64::NAN);
            found.push((name, mean_ns));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// A JSON file another step of `make bench` wrote into `target/bench`.
pub fn json(root: &Path, name: &str) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(root.join("target/bench").join(name)).ok()?).ok()
}

pub fn duration(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.1} µs", ns / 1e3)
    }
}
