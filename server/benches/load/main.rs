//! `make bench`'s load and write measurements, and the one table of every figure: the release
//! server as a child process, loaded on loopback by `oha`, each figure beside a ceiling the
//! same process serves in the same run (ratios are what count on a noisy machine; absolute
//! numbers are context). The bundle, first-load and engine figures come from the steps
//! `make bench` runs before this one (`target/bench/*.json`, `target/criterion`).
//!
//! `cargo bench -p server --bench load`; `PREWORK_TEST_POSTGRES_URL` adds PostgreSQL's writes.

mod oha;
mod report;
mod seed;
mod server;
mod writes;

use app::ssr::testing::TestDb;
use oha::{Figures, Load};
use report::Row;
use server::Server;
use std::time::Duration;

/// Seconds each page load runs; the first second of each target is a warm-up, not counted.
const SECONDS: u32 = 5;
const WRITERS: usize = 16;
const COMMENTS_EACH: usize = 400;
const CEILING_COMMENTS: usize = 2_000;
const P99_AT_RATE_MS: f64 = 5.0;

#[tokio::main]
async fn main() {
    let root = server::workspace();
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out).expect("target/bench");
    let scratch = std::env::temp_dir().join(format!("prework-bench-{}", std::process::id()));
    let mail = scratch.join("mail");
    let mut rows = Vec::new();
    // `PREWORK_BENCH_ONLY=series` measures the scheduler's part alone (a quick look while
    // working on it); `make bench` runs everything.
    if std::env::var("PREWORK_BENCH_ONLY").as_deref() == Ok("insights") {
        insight_rows(&mut rows, &mail).await;
        println!("\n{}", report::markdown(&rows, "the insights rows alone"));
        return;
    }
    if std::env::var("PREWORK_BENCH_ONLY").as_deref() == Ok("series") {
        series_rows(&mut rows).await;
        println!("\n{}", report::markdown(&rows, "the series rows alone"));
        return;
    }

    // Start: a fresh file each time, so migrations are part of it.
    let mut starts = Vec::new();
    for n in 0..5 {
        let url = format!("sqlite://{}/start-{n}.db", scratch.display());
        starts.push(Server::start(&url, &mail).await.started_in);
    }
    starts.sort();
    let start = starts[starts.len() / 2];
    println!("start: {starts:?}");

    // Pages of a large meeting, against /healthz and a static file from the same process.
    let db = TestDb::sqlite().await;
    let server = Server::start(&db.url, &mail).await;
    let api = seed::Api::new(&server.base);
    let organizer = api.organizer("olga@example.com").await;
    let big = api.meeting(&organizer, 20, 10, 3, 30).await;
    api.comments(&big, 200).await;
    let cookie = api.attendee_cookie(&big.attendee_tokens[2]).await;
    let brief = server.url(&format!("/meetings/{}", big.id));
    let page = reqwest::Client::new()
        .get(&brief)
        .header("cookie", &cookie)
        .send()
        .await
        .expect("the brief");
    assert_eq!(page.status(), reqwest::StatusCode::OK);
    let page_bytes = page.bytes().await.expect("the brief's body").len();
    let stylesheet = stylesheet(&root);
    let targets = [
        ("brief page", brief.as_str(), Some(cookie.as_str())),
        ("/healthz", &server.url("/healthz"), None),
        ("static file", &server.url(&stylesheet), None),
    ]
    .map(|(name, url, cookie)| (name, url.to_owned(), cookie));
    for (_, url, cookie) in &targets {
        oha::run(url, *cookie, Load::Saturate { connections: 16 }, 1);
    }
    let mut measured = Vec::new();
    for load in [
        Load::Saturate { connections: 16 },
        Load::Rate { per_second: 200 },
        Load::OneConnection,
    ] {
        let figures: Vec<Figures> = targets
            .iter()
            .map(|(_, url, cookie)| oha::run(url, *cookie, load, SECONDS))
            .collect();
        for ((name, _, _), f) in targets.iter().zip(&figures) {
            println!("{name:12} {load:?}: {f:?}");
        }
        measured.push(figures);
    }
    page_rows(&mut rows, &targets.map(|t| t.0), &measured, page_bytes);

    // Writes on SQLite: through the API, then the ceiling with the server stopped.
    let writes_meeting = api.meeting(&organizer, WRITERS, 1, 4, 10).await;
    let sqlite =
        writes::through_the_api(&server.base, &writes_meeting, WRITERS, COMMENTS_EACH).await;
    drop(server);
    let ceiling = writes::ceiling(&db.db, &writes_meeting, CEILING_COMMENTS).await;
    write_rows(
        &mut rows,
        "SQLite (synchronous=FULL)",
        sqlite,
        ceiling,
        Some(1_000.0),
    );
    db.cleanup().await;

    // Writes on PostgreSQL, when there is one.
    match TestDb::postgres().await {
        Some(db) => {
            let server = Server::start(&db.url, &mail).await;
            let api = seed::Api::new(&server.base);
            let organizer = api.organizer("olga@example.com").await;
            let meeting = api.meeting(&organizer, WRITERS, 1, 4, 10).await;
            let pg = writes::through_the_api(&server.base, &meeting, WRITERS, COMMENTS_EACH).await;
            drop(server);
            let ceiling = writes::ceiling(&db.db, &meeting, CEILING_COMMENTS).await;
            write_rows(&mut rows, "PostgreSQL", pg, ceiling, None);
            db.cleanup().await;
        }
        None => rows.push(Row::context(
            "Writes",
            "PostgreSQL",
            "not measured: PREWORK_TEST_POSTGRES_URL is not set",
        )),
    }

    list_rows(&mut rows, &mail).await;
    insight_rows(&mut rows, &mail).await;
    series_rows(&mut rows).await;
    other_rows(&mut rows, &root, start);
    let _ = std::fs::remove_dir_all(&scratch);

    let header = format!(
        "{} on {} cores, {}. Loads run {SECONDS} s each on loopback (`oha`, 16 connections at \
         saturation; 8 connections at a fixed rate, latency counted from when each request was due).",
        jiff::Timestamp::now().strftime("%Y-%m-%d %H:%M UTC"),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::env::consts::ARCH,
    );
    let table = report::markdown(&rows, &header);
    println!("\n{table}");
    std::fs::write(out.join("summary.md"), &table).expect("target/bench/summary.md");
    println!("written to target/bench/summary.md");
}

/// Lists are pages (API.md): the first page of one organizer's meetings, through the API and
/// as the dashboard, at 10, 1,000 and 10,000 meetings seeded straight into the database, each
/// beside `/healthz` of the same process. Time per page must not grow with the total.
async fn list_rows(rows: &mut Vec<Row>, mail: &std::path::Path) {
    const SIZES: [usize; 3] = [10, 1_000, 10_000];
    let mut measured = Vec::new();
    for n in SIZES {
        let db = TestDb::sqlite().await;
        let server = Server::start(&db.url, mail).await;
        let api = seed::Api::new(&server.base);
        let token = api.organizer("lists@example.com").await;
        let me = api
            .call("GET", "/api/v1/me", &token, serde_json::Value::Null)
            .await;
        let user = me["id"]
            .as_str()
            .expect("my id")
            .parse()
            .expect("a user id");
        let first = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24);
        app::ssr::testing::seed_meetings(&db.db, user, n, first).await;
        let auth = format!("Authorization: Bearer {token}");
        let targets = [
            server.url("/api/v1/meetings"),
            server.url("/"),
            server.url("/healthz"),
        ];
        for url in &targets {
            oha::run_with(url, Some(&auth), Load::OneConnection, 1);
        }
        let figures: Vec<Figures> = targets
            .iter()
            .map(|url| oha::run_with(url, Some(&auth), Load::OneConnection, SECONDS))
            .collect();
        println!("lists at {n}: {figures:?}");
        measured.push(figures);
        drop(server);
        db.cleanup().await;
    }
    let p50 = |f: &Figures| format!("p50 {:.2} ms, p99 {:.2} ms", f.p50_ms, f.p99_ms);
    for (which, name) in [(0, "GET /api/v1/meetings"), (1, "the dashboard")] {
        let base = measured[0][which].p50_ms;
        for (i, n) in SIZES.iter().enumerate() {
            let f = &measured[i][which];
            let row = Row::context(
                "Lists",
                format!("{name}, first page (50) of {n} meetings, one connection"),
                p50(f),
            )
            .ceiling(
                format!("/healthz {}", p50(&measured[i][2])),
                measured[i][2].p50_ms / f.p50_ms,
            );
            rows.push(if *n == 10_000 {
                row.target(
                    format!("p50 ≤ 2× its time at 10 ({:.2} ms)", 2.0 * base),
                    f.p50_ms <= 2.0 * base && f.failed == 0,
                )
            } else {
                row
            });
        }
    }
}

/// A lead's insights at 100, 10,000 and 100,000 decided meetings in one team (seeded straight
/// into the database), beside `/healthz` from the same server: the figures come from weekly
/// sums kept as meetings are decided, so the page should not grow with the history.
async fn insight_rows(rows: &mut Vec<Row>, mail: &std::path::Path) {
    const SIZES: [usize; 3] = [100, 10_000, 100_000];
    let mut measured = Vec::new();
    for n in SIZES {
        let db = TestDb::sqlite().await;
        let server = Server::start(&db.url, mail).await;
        let api = seed::Api::new(&server.base);
        let token = api.organizer("lead@example.com").await;
        let me = api
            .call("GET", "/api/v1/me", &token, serde_json::Value::Null)
            .await;
        let user = me["id"]
            .as_str()
            .expect("my id")
            .parse()
            .expect("a user id");
        let team = api
            .call(
                "POST",
                "/api/v1/teams",
                &token,
                serde_json::json!({"name": "Bench", "norms": {"hourly_rate": 80.0}}),
            )
            .await;
        let team: app::model::TeamId = team["id"].as_str().expect("a team").parse().expect("an id");
        let seeding = std::time::Instant::now();
        app::ssr::testing::seed_team_history(&db.db, user, team, n, jiff::Timestamp::now()).await;
        println!("insights: {n} meetings seeded in {:?}", seeding.elapsed());
        let auth = format!("Authorization: Bearer {token}");
        let targets = [
            server.url(&format!("/api/v1/teams/{team}/insights")),
            server.url("/healthz"),
        ];
        for url in &targets {
            oha::run_with(url, Some(&auth), Load::OneConnection, 1);
        }
        let figures: Vec<Figures> = targets
            .iter()
            .map(|url| oha::run_with(url, Some(&auth), Load::OneConnection, SECONDS))
            .collect();
        println!("insights at {n}: {figures:?}");
        measured.push(figures);
        drop(server);
        db.cleanup().await;
    }
    let p50 = |f: &Figures| format!("p50 {:.2} ms, p99 {:.2} ms", f.p50_ms, f.p99_ms);
    let base = measured[0][0].p50_ms;
    for (i, n) in SIZES.iter().enumerate() {
        let f = &measured[i][0];
        let row = Row::context(
            "Insights",
            format!("GET /api/v1/teams/{{id}}/insights (12 weeks) of {n} meetings, one connection"),
            p50(f),
        )
        .ceiling(
            format!("/healthz {}", p50(&measured[i][1])),
            measured[i][1].p50_ms / f.p50_ms,
        );
        rows.push(if *n == 100_000 {
            row.target(
                format!("p50 ≤ 3× its time at 100 ({:.2} ms)", 3.0 * base),
                f.p50_ms <= 3.0 * base && f.failed == 0,
            )
        } else {
            row
        });
    }
}

/// What recurring meetings cost the scheduler (issue 27): its tick at 1,000 active series when
/// nothing is due (every 5 s, forever), and a tick that makes the next occurrence of 100 of
/// them at once, each beside a `SELECT 1` on the same database in the same run.
async fn series_rows(rows: &mut Vec<Row>) {
    use app::ssr::domain::series::occurrences::tick;
    use app::ssr::runtime::clock::Clock;
    const SERIES: usize = 1_000;
    const DUE: usize = 100;
    let db = TestDb::sqlite().await;
    let state = db.state().with_clock(Clock::manual(jiff::Timestamp::now()));
    let seeding = std::time::Instant::now();
    app::ssr::testing::seed_series(&state, SERIES).await;
    println!("series: {SERIES} seeded in {:?}", seeding.elapsed());
    let median = |mut took: Vec<f64>| {
        took.sort_by(f64::total_cmp);
        took[took.len() / 2]
    };
    let mut pings = Vec::new();
    let mut ticks = Vec::new();
    for _ in 0..500 {
        let at = std::time::Instant::now();
        state.db.ping().await.expect("ping");
        pings.push(at.elapsed().as_secs_f64() * 1_000.0);
        let at = std::time::Instant::now();
        assert_eq!(tick(&state).await.expect("tick"), 0, "nothing is due");
        ticks.push(at.elapsed().as_secs_f64() * 1_000.0);
    }
    let ping = median(pings);
    let idle = median(ticks);
    rows.push(
        Row::context(
            "Series",
            format!("scheduler tick at {SERIES} active series, nothing due (p50)"),
            format!("{idle:.3} ms"),
        )
        .ceiling(format!("SELECT 1 {ping:.3} ms"), ping / idle),
    );
    // 100 of them end at once: the scheduler makes their next occurrences
    let first_ends = state.now()
        + jiff::SignedDuration::from_hours(24 * 7)
        + jiff::SignedDuration::from_mins(30 + DUE as i64 - 1);
    state.clock.set(first_ends);
    let at = std::time::Instant::now();
    let mut made = 0;
    while made < DUE {
        let n = tick(&state).await.expect("tick");
        assert!(n > 0, "the due series make their next occurrences");
        made += n;
    }
    let per = at.elapsed().as_secs_f64() * 1_000.0 / made as f64;
    rows.push(
        Row::context(
            "Series",
            format!("the next occurrence of {made} series made in ticks (per occurrence)"),
            format!("{per:.2} ms"),
        )
        .ceiling(format!("SELECT 1 {ping:.3} ms"), ping / per),
    );
    db.cleanup().await;
}

/// The stylesheet the pages link, as a browser fetches it.
fn stylesheet(root: &std::path::Path) -> String {
    let pkg = root.join("target/site/pkg");
    let css = std::fs::read_dir(&pkg)
        .expect("target/site/pkg (run `make build` first)")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with(".css"))
        .expect("a stylesheet in target/site/pkg");
    format!("/pkg/{css}")
}

fn page_rows(rows: &mut Vec<Row>, names: &[&str; 3], m: &[Vec<Figures>], page_bytes: usize) {
    let [saturate, rate, one] = [&m[0], &m[1], &m[2]];
    let health = saturate[1].per_second;
    let rps = |f: &Figures| format!("{:.0} req/s", f.per_second);
    let lat = |f: &Figures| format!("p50 {:.2} ms, p99 {:.2} ms", f.p50_ms, f.p99_ms);
    rows.push(
        Row::context(
            "Pages",
            format!(
                "brief page of a large meeting ({} KB), at saturation",
                page_bytes / 1024
            ),
            rps(&saturate[0]),
        )
        .ceiling(
            format!("/healthz {}", rps(&saturate[1])),
            saturate[0].per_second / health,
        )
        .target(
            "≥ 10 % of /healthz",
            saturate[0].per_second >= 0.10 * health,
        ),
    );
    rows.push(
        Row::context(
            "Pages",
            "static file (the stylesheet), at saturation",
            rps(&saturate[2]),
        )
        .ceiling(
            format!("/healthz {}", rps(&saturate[1])),
            saturate[2].per_second / health,
        )
        .target(
            "≥ 50 % of /healthz",
            saturate[2].per_second >= 0.50 * health,
        ),
    );
    for (i, name) in names.iter().enumerate() {
        rows.push(Row::context(
            "Pages",
            format!("{name}: latency at saturation"),
            lat(&saturate[i]),
        ));
    }
    for (i, name) in names.iter().enumerate() {
        rows.push(
            Row::context(
                "Pages",
                format!("{name}: latency at 200 req/s"),
                lat(&rate[i]),
            )
            .target(
                format!("p99 < {P99_AT_RATE_MS} ms"),
                rate[i].p99_ms < P99_AT_RATE_MS,
            ),
        );
    }
    for (i, name) in names.iter().enumerate() {
        rows.push(
            Row::context(
                "Pages",
                format!("{name}: one keep-alive connection"),
                format!("{}, {}", rps(&one[i]), lat(&one[i])),
            )
            .target(
                format!("p99 < {P99_AT_RATE_MS} ms (no stall)"),
                one[i].p99_ms < P99_AT_RATE_MS,
            ),
        );
    }
    let failed: u64 = m.iter().flatten().map(|f| f.failed).sum();
    let ok: u64 = m.iter().flatten().map(|f| f.ok).sum();
    rows.push(
        Row::context(
            "Pages",
            "answers other than 200, or errors",
            format!("{failed} of {}", ok + failed),
        )
        .target("0", failed == 0),
    );
}

fn write_rows(
    rows: &mut Vec<Row>,
    backend: &str,
    api: writes::Throughput,
    ceiling: writes::Throughput,
    target: Option<f64>,
) {
    let row = Row::context(
        "Writes",
        format!("{backend}: comments acknowledged, {WRITERS} writers through the API"),
        format!(
            "{:.0}/s ({} acknowledged, {} failed)",
            api.per_second, api.ok, api.failed
        ),
    )
    .ceiling(
        format!(
            "{:.0}/s, the same write one at a time ({})",
            ceiling.per_second, ceiling.ok
        ),
        api.per_second / ceiling.per_second,
    );
    rows.push(match target {
        Some(t) => row.target(
            format!("≥ {t:.0}/s (stretch 5,000/s), none failed"),
            api.per_second >= t && api.failed == 0,
        ),
        None => row.target("none failed", api.failed == 0),
    });
}

fn other_rows(rows: &mut Vec<Row>, root: &std::path::Path, start: Duration) {
    for (name, mean_ns) in report::criterion(root) {
        rows.push(Row::context("Engine", name, report::duration(mean_ns)));
    }
    match report::json(root, "bundle.json") {
        Some(b) => {
            let kb = |key: &str| b[key].as_f64().unwrap_or(f64::NAN) / 1024.0;
            rows.push(
                Row::context(
                    "Bundle",
                    "hydrate bundle: raw / gzip / brotli",
                    format!(
                        "{:.1} / {:.1} / {:.1} KB",
                        kb("raw"),
                        kb("gzip"),
                        kb("brotli")
                    ),
                )
                .target(
                    format!("brotli ≤ {:.0} KB", kb("budget")),
                    kb("brotli") <= kb("budget"),
                ),
            );
        }
        None => rows.push(Row::context(
            "Bundle",
            "hydrate bundle",
            "not measured (node end2end/size.mjs)",
        )),
    }
    match report::json(root, "first-load.json") {
        Some(f) => {
            let s = |key: &str| f[key].as_f64().unwrap_or(f64::NAN) / 1000.0;
            rows.push(
                Row::context(
                    "Bundle",
                    "brief page's first load on slow 4G (phone)",
                    format!(
                        "{:.0} KB transferred, painted {:.2} s, hydrated {:.2} s",
                        f["bytes"].as_f64().unwrap_or(f64::NAN) / 1024.0,
                        s("paint"),
                        s("hydrated")
                    ),
                )
                .target("hydrated < 1.5 s", s("hydrated") < 1.5),
            );
        }
        None => rows.push(Row::context(
            "Bundle",
            "first load",
            "not measured (the slow 4G browser bench)",
        )),
    }
    fresh_rows(rows, root);
    rows.push(
        Row::context(
            "Start",
            "process start to the first 200 on /healthz, migrations included (median of 5)",
            format!("{} ms", start.as_millis()),
        )
        .target("< 500 ms", start < Duration::from_millis(500)),
    );
}

/// A new user's wait, as recorded by `end2end/fresh.sh` in `server/benches/load/fresh.json`:
/// measured once per change to the build, with its date, not on every bench (it takes half an
/// hour and an empty cache).
fn fresh_rows(rows: &mut Vec<Row>, root: &std::path::Path) {
    let recorded = std::fs::read_to_string(root.join("server/benches/load/fresh.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok());
    let Some(f) = recorded else {
        rows.push(Row::context(
            "Fresh machine",
            "make run, then make test",
            "not recorded (end2end/fresh.sh)",
        ));
        return;
    };
    let minutes = |key: &str| f[key].as_f64().unwrap_or(f64::NAN) / 60.0;
    let when = format!(
        "recorded {} on {} cores",
        f["date"].as_str().unwrap_or("?"),
        f["cores"]
    );
    rows.push(
        Row::context(
            "Fresh machine",
            format!("`make run` to the first page, new CARGO_HOME and empty target/ ({when})"),
            format!("{:.1} min", minutes("make_run_seconds")),
        )
        .target("< 15 min", minutes("make_run_seconds") < 15.0),
    );
    rows.push(
        Row::context(
            "Fresh machine",
            format!("`make test` right after it, green ({when})"),
            format!("{:.1} min", minutes("make_test_seconds")),
        )
        .target("< 12 min", minutes("make_test_seconds") < 12.0),
    );
}
