//! Kill -9 under load: the real server binary, writers posting comments, votes and readiness
//! through the API while the outbox sends a burst of invitations, killed with SIGKILL mid-stream
//! and started again on the same database. Every write that was acknowledged is there, as it
//! was acknowledged; the database finds nothing half-written; and every message the outbox owed
//! lands exactly once. SQLite, and PostgreSQL when `PREWORK_TEST_POSTGRES_URL` is set.

use app::db_test;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WRITERS: usize = 6;
/// People on the second meeting, whose invitations the outbox is sending at the kill.
const INVITED: usize = 120;
const ALL_DAY: &str = r#"{"time_zone": "UTC", "work_start": "00:00", "work_end": "23:59", "work_days": [1,2,3,4,5,6,7]}"#;

struct Server {
    child: Child,
    base: String,
}

impl Server {
    async fn start(database_url: &str, maildir: &Path) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .env("DATABASE_URL", database_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "error")
            .env("PREWORK_WRITE_LIMIT", "off")
            .env("PREWORK_MAILDIR", maildir)
            // what the killed process had claimed is sent again after this, not five minutes
            .env("PREWORK_OUTBOX_LEASE_SECONDS", "3")
            .env_remove("PREWORK_SMTP_URL")
            .stdin(Stdio::null())
            .spawn()
            .expect("the server binary starts");
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while reqwest::get(format!("{base}/healthz"))
            .await
            .map_or(true, |a| !a.status().is_success())
        {
            assert!(started.elapsed() < Duration::from_secs(60), "no /healthz");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Self { child, base }
    }

    /// SIGKILL: no shutdown, no flush, no goodbye.
    fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One API call: the status and JSON body, or `None` when the server did not answer.
async fn call(
    client: &reqwest::Client,
    base: &str,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: Value,
) -> Option<(u16, Value)> {
    let mut request = client.request(method, format!("{base}{path}"));
    if !token.is_empty() {
        request = request.bearer_auth(token);
    }
    let answer = request
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .ok()?;
    let status = answer.status().as_u16();
    let text = answer.text().await.ok()?;
    Some((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
}

async fn ok(base: &str, method: &str, path: &str, token: &str, body: Value) -> Value {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let (status, body) = call(&reqwest::Client::new(), base, method, path, token, body)
        .await
        .unwrap_or_else(|| panic!("{path}: no answer"));
    assert!((200..300).contains(&status), "{path}: {status} {body}");
    body
}

/// What one writer was told, and what it had sent when the server died.
#[derive(Default)]
struct Acked {
    comments: Vec<(String, String)>,
    vote: Option<u64>,
    vote_in_flight: Option<u64>,
    ready: Option<bool>,
    ready_in_flight: Option<bool>,
}

async fn writer(
    base: String,
    token: String,
    preread: String,
    poll: String,
    meeting: String,
    w: usize,
    acked: Arc<Mutex<Acked>>,
) {
    let client = reqwest::Client::new();
    let post = reqwest::Method::POST;
    for n in 0.. {
        // a blocker now and then: its alert to the organizer is queued in the same transaction
        let kind = if n % 5 == 4 { "blocker" } else { "question" };
        let body = format!("writer {w}, comment {n}");
        let comment = json!({"kind": kind, "body": body});
        let Some((status, made)) = call(
            &client,
            &base,
            post.clone(),
            &format!("/api/v1/prereads/{preread}/comments"),
            &token,
            comment,
        )
        .await
        else {
            return;
        };
        assert_eq!(status, 201, "{made}");
        acked
            .lock()
            .unwrap()
            .comments
            .push((made["id"].as_str().unwrap().to_owned(), body));

        let option = (n + w as u64) % 3;
        acked.lock().unwrap().vote_in_flight = Some(option);
        let Some((status, _)) = call(
            &client,
            &base,
            post.clone(),
            &format!("/api/v1/polls/{poll}/votes"),
            &token,
            json!({"option": option}),
        )
        .await
        else {
            return;
        };
        assert_eq!(status, 200);
        {
            let mut a = acked.lock().unwrap();
            a.vote = Some(option);
            a.vote_in_flight = None;
        }

        let ready = n % 2 == 0;
        acked.lock().unwrap().ready_in_flight = Some(ready);
        let Some((status, _)) = call(
            &client,
            &base,
            post.clone(),
            &format!("/api/v1/meetings/{meeting}/me"),
            &token,
            json!({"ready": ready}),
        )
        .await
        else {
            return;
        };
        assert_eq!(status, 200);
        let mut a = acked.lock().unwrap();
        a.ready = Some(ready);
        a.ready_in_flight = None;
    }
}

/// How many times each Message-ID's delivery id is in the Maildir.
fn delivered(maildir: &Path) -> HashMap<String, usize> {
    let mut seen = HashMap::new();
    for folder in ["new", "cur"] {
        let Ok(entries) = std::fs::read_dir(maildir.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let id = text
                .lines()
                .find_map(|l| l.strip_prefix("Message-ID: <"))
                .and_then(|rest| rest.split('@').next())
                .expect("every message has a Message-ID")
                .to_owned();
            *seen.entry(id).or_insert(0) += 1;
        }
    }
    seen
}

db_test! {
    async fn acknowledged_writes_survive_a_kill_and_the_outbox_sends_each_message_once(t) {
        let scratch = std::env::temp_dir().join(format!("prework-crash-{}", uuid::Uuid::now_v7()));
        let maildir: PathBuf = scratch.join("mail");
        let server = Server::start(&t.url, &maildir).await;
        let base = server.base.clone();
        let signup = ok(&base, "POST", "/api/v1/auth/signup", "", json!({
            "name": "Olga", "email": "olga@example.com", "password": "correct horse battery staple"})).await;
        let organizer = signup["token"].as_str().unwrap().to_owned();
        let hours: Value = serde_json::from_str(ALL_DAY).unwrap();
        ok(&base, "PATCH", "/api/v1/me", &organizer, hours.clone()).await;
        let new_meeting = |title: &str| json!({"title": title, "purpose_kind": "decide",
            "outcome": "A choice", "duration_minutes": 30, "time_zone": "UTC"});
        let meeting = ok(&base, "POST", "/api/v1/meetings", &organizer, new_meeting("Under load")).await;
        let meeting = meeting["id"].as_str().unwrap().to_owned();
        let preread = ok(&base, "POST", &format!("/api/v1/meetings/{meeting}/prereads"), &organizer,
            json!({"title": "Options", "markdown": "# Options\n\nA, B or C."})).await;
        let preread = preread["id"].as_str().unwrap().to_owned();
        let poll = ok(&base, "POST", &format!("/api/v1/meetings/{meeting}/polls"), &organizer,
            json!({"question": "Which?", "options": ["A", "B", "C"]})).await;
        let poll = poll["id"].as_str().unwrap().to_owned();
        let mut tokens = Vec::new();
        for n in 0..WRITERS {
            let mut person = json!({"name": format!("Writer {n}"), "email": format!("w{n}@example.com"),
                "role": "contributor", "reason": "writes"});
            person.as_object_mut().unwrap().extend(hours.as_object().unwrap().clone());
            let made = ok(&base, "POST", &format!("/api/v1/meetings/{meeting}/attendees"), &organizer, person).await;
            tokens.push(made["token"].as_str().unwrap().to_owned());
        }
        ok(&base, "POST", &format!("/api/v1/meetings/{meeting}/circulate"), &organizer, json!({})).await;
        let burst = ok(&base, "POST", "/api/v1/meetings", &organizer, new_meeting("Invitations")).await;
        let burst = burst["id"].as_str().unwrap().to_owned();
        for n in 0..INVITED {
            let mut person = json!({"name": format!("Guest {n}"), "email": format!("g{n}@example.com"),
                "role": "contributor", "reason": "invited"});
            person.as_object_mut().unwrap().extend(hours.as_object().unwrap().clone());
            ok(&base, "POST", &format!("/api/v1/meetings/{burst}/attendees"), &organizer, person).await;
        }

        // the writers start; once they are going, the invitations go out, and the kill follows
        let acked: Vec<_> = (0..WRITERS).map(|_| Arc::new(Mutex::new(Acked::default()))).collect();
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| tokio::spawn(writer(base.clone(), tokens[w].clone(), preread.clone(), poll.clone(), meeting.clone(), w, acked[w].clone())))
            .collect();
        while acked.iter().map(|a| a.lock().unwrap().comments.len()).sum::<usize>() < 60 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        ok(&base, "POST", &format!("/api/v1/meetings/{burst}/circulate"), &organizer, json!({})).await;
        while delivered(&maildir).len() < 10 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        server.kill();
        for w in writers {
            w.await.expect("a writer");
        }
        let sent_before = delivered(&maildir).len();
        assert!(sent_before < INVITED + WRITERS, "the kill came after the outbox had finished");

        // the same database, a new process
        let server = Server::start(&t.url, &maildir).await;
        let base = server.base.clone();
        assert_eq!(t.problems().await, Vec::<String>::new());

        let listed = ok(&base, "GET", &format!("/api/v1/prereads/{preread}/comments"), &organizer, Value::Null).await;
        let stored: HashMap<String, String> = listed["comments"].as_array().unwrap().iter()
            .map(|c| (c["id"].as_str().unwrap().to_owned(), c["body"].as_str().unwrap().to_owned()))
            .collect();
        let mut acked_comments = 0;
        for a in &acked {
            for (id, body) in &a.lock().unwrap().comments {
                assert_eq!(stored.get(id), Some(body), "acknowledged comment {id} is gone or changed");
                acked_comments += 1;
            }
        }
        // at most one comment per writer was in flight: stored but never acknowledged
        assert!(stored.len() <= acked_comments + WRITERS, "{} stored, {acked_comments} acknowledged", stored.len());
        assert!(stored.values().all(|b| b.starts_with("writer ")), "a comment is garbled");

        // each writer's vote and readiness are the last acknowledged, or the one in flight
        let polls = ok(&base, "GET", &format!("/api/v1/meetings/{meeting}/polls"), &organizer, Value::Null).await;
        let ours = polls["polls"].as_array().unwrap().iter().find(|p| p["id"] == poll.as_str()).expect("the poll");
        let tally: Vec<u64> = ours["tally"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap()).collect();
        for option in 0..3u64 {
            let surely = acked.iter().filter(|a| { let a = a.lock().unwrap(); a.vote == Some(option) && a.vote_in_flight.is_none() }).count() as u64;
            let maybe = acked.iter().filter(|a| { let a = a.lock().unwrap(); a.vote == Some(option) || a.vote_in_flight == Some(option) }).count() as u64;
            assert!((surely..=maybe).contains(&tally[option as usize]), "option {option}: {tally:?}, between {surely} and {maybe}");
        }
        for (w, a) in acked.iter().enumerate() {
            let mine = ok(&base, "POST", &format!("/api/v1/meetings/{meeting}/me"), &tokens[w], json!({})).await;
            let a = a.lock().unwrap();
            let ready = mine["ready"].as_bool();
            assert!(ready == a.ready.or(Some(false)) || ready == a.ready_in_flight, "writer {w}: {ready:?}");
        }

        // the outbox finishes what it owed, and nothing twice
        let started = Instant::now();
        let owed: HashSet<String> = loop {
            let mut queued = 0;
            let mut sent = HashSet::new();
            for m in [&meeting, &burst] {
                // every page of the meeting's messages
                let mut cursor = String::new();
                loop {
                    let path = format!("/api/v1/meetings/{m}/deliveries?limit=200&cursor={cursor}");
                    let list = ok(&base, "GET", &path, &organizer, Value::Null).await;
                    for d in list["deliveries"].as_array().unwrap() {
                        match d["status"].as_str().unwrap() {
                            "sent" => { sent.insert(d["id"].as_str().unwrap().to_owned()); }
                            "queued" => queued += 1,
                            other => assert_eq!(other, "held", "{d}"),
                        }
                    }
                    match list["next_cursor"].as_str() {
                        Some(next) => cursor = next.to_owned(),
                        None => break,
                    }
                }
            }
            if queued == 0 {
                break sent;
            }
            assert!(started.elapsed() < Duration::from_secs(120), "{queued} messages still queued");
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        assert!(owed.len() >= INVITED, "{} sent", owed.len());
        let landed = delivered(&maildir);
        for id in &owed {
            assert_eq!(landed.get(id), Some(&1), "message {id}");
        }
        assert!(landed.keys().all(|id| owed.contains(id)), "a message no delivery accounts for");
        drop(server);
        let _ = std::fs::remove_dir_all(&scratch);
    }
}
