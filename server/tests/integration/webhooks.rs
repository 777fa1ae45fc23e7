//! Webhooks over real HTTP, on SQLite and PostgreSQL: signed events an organizer's endpoint can
//! verify, retries after a 500, Slack-style text, private addresses refused, and no author in
//! an anonymous meeting's events.

use crate::support::*;
use app::db_test;
use app::ssr::notify::webhooks as hooks;
use app::ssr::runtime::clock::Clock;
use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, Mac};
use jiff::SignedDuration;
use serde_json::{Value, json};
use sha2::Sha256;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

/// An endpoint on loopback that records what it receives and answers `status`.
pub(crate) struct Receiver {
    pub(crate) url: String,
    pub(crate) got: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    status: Arc<AtomicU16>,
}

pub(crate) async fn receiver() -> Receiver {
    let got: Arc<Mutex<Vec<(HeaderMap, String)>>> = Arc::default();
    let status = Arc::new(AtomicU16::new(200));
    let (g, s) = (got.clone(), status.clone());
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let (g, s) = (g.clone(), s.clone());
            async move {
                g.lock().unwrap().push((headers, body));
                StatusCode::from_u16(s.load(Ordering::SeqCst)).unwrap()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Receiver { url, got, status }
}

pub(crate) fn verify(secret: &str, headers: &HeaderMap, body: &str) {
    let sig = headers["prework-signature"].to_str().unwrap();
    let (t, v1) = sig.split_once(",v1=").unwrap();
    let t = t.strip_prefix("t=").unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.{body}").as_bytes());
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(v1, expected, "the signature verifies with the secret");
    assert_eq!(headers["content-type"], "application/json");
}

db_test!(
    async fn signed_events_retries_slack_text_and_anonymity(t) {
        let state = t
            .state_with(&[("PREWORK_WRITE_LIMIT", "off"), ("PREWORK_WEBHOOK_ALLOW_PRIVATE", "true")])
            .with_clock(Clock::manual("2026-12-01T10:00:00Z".parse().unwrap()));
        let router = app_with(state.clone());
        let r = receiver().await;
        let token = organizer(&router, "olga").await;
        let owner = Client::bearer(&router, &token);
        let all = ["meeting.circulated", "comment.created", "readiness.changed", "poll.closed", "deadline.reached", "decision.made"];
        let created = owner.post("/api/v1/webhooks", json!({"url": r.url, "events": all})).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let hook = created.json();
        let secret = hook["secret"].as_str().unwrap().to_owned();
        assert!(secret.starts_with("whsec_"));
        assert_eq!((hook["format"].as_str(), hook["active"].as_bool()), (Some("json"), Some(true)));
        let listed = owner.get("/api/v1/webhooks").await;
        assert!(!listed.body.contains(&secret) && listed.json()["webhooks"].as_array().unwrap().len() == 1);
        let bad = owner.post("/api/v1/webhooks", json!({"url": r.url, "events": ["meeting.exploded"]})).await;
        assert_eq!((bad.status.as_u16(), bad.code().as_str()), (400, "invalid"));
        let none = owner.post("/api/v1/webhooks", json!({"url": r.url, "events": []})).await;
        assert_eq!((none.status.as_u16(), none.json()["error"]["field"].as_str()), (422, Some("events")));
        let slack = owner.post("/api/v1/webhooks", json!({"url": r.url, "events": ["decision.made"], "format": "slack"})).await;
        assert_eq!(slack.status, StatusCode::CREATED);

        // an anonymous meeting: circulated, then a comment whose author no event names
        let mut body = meeting_body("Vendor choice");
        body["anonymous"] = json!(true);
        let m = owner.post("/api/v1/meetings", body).await.json()["id"].as_str().unwrap().to_owned();
        let (_, ana) = invite(&router, &token, &m, "ana").await;
        let p = owner.post(&format!("/api/v1/meetings/{m}/prereads"), json!({"title": "Memo", "markdown": "Text.\n"})).await.json();
        circulate(&router, &token, &m).await;
        let ana = Client::bearer(&router, &ana);
        ana.post(&format!("/api/v1/prereads/{}/comments", p["id"].as_str().unwrap()), json!({"kind": "concern", "body": "Too expensive"})).await;
        assert_eq!(hooks::send_due(&state).await.unwrap(), 2);
        let got = r.got.lock().unwrap().clone();
        assert_eq!(got.len(), 2);
        for (headers, body) in &got {
            verify(&secret, headers, body);
        }
        let events: Vec<Value> = got.iter().map(|(_, b)| serde_json::from_str(b).unwrap()).collect();
        let of = |name: &str| events.iter().find(|e| e["event"] == name).unwrap_or_else(|| panic!("no {name}"));
        assert_eq!(of("meeting.circulated")["meeting"]["status"], "circulating");
        assert_eq!(of("comment.created")["data"]["comment"]["author"], Value::Null);
        assert_eq!(of("comment.created")["data"]["comment"]["body"], "Too expensive");
        assert!(!got.iter().any(|(_, b)| b.contains("ana")), "an anonymous comment's event names nobody");

        // the endpoint fails: the event waits and is tried again, and the log says why
        r.status.store(500, Ordering::SeqCst);
        ana.post(&format!("/api/v1/meetings/{m}/me"), json!({"ready": true})).await;
        assert_eq!(hooks::send_due(&state).await.unwrap(), 1);
        let log = owner.get(&format!("/api/v1/webhooks/{}/deliveries", hook["id"].as_str().unwrap())).await.json();
        // (an anonymous meeting's events all say the same minute: the log is not in their order)
        let readiness = |log: &Value| log["deliveries"].as_array().unwrap().iter().find(|d| d["event"] == "readiness.changed").unwrap().clone();
        let last = readiness(&log);
        assert_eq!((last["status"].as_str(), last["response_status"].as_u64(), last["attempts"].as_u64()), (Some("queued"), Some(500), Some(1)));
        r.status.store(200, Ordering::SeqCst);
        assert_eq!(hooks::send_due(&state).await.unwrap(), 0, "not before the backoff");
        state.clock.advance(SignedDuration::from_mins(2));
        assert_eq!(hooks::send_due(&state).await.unwrap(), 1);
        let log = owner.get(&format!("/api/v1/webhooks/{}/deliveries", hook["id"].as_str().unwrap())).await.json();
        assert_eq!(readiness(&log)["status"], "sent");

        // decided: the JSON hook and the Slack one both hear it
        owner.post(&format!("/api/v1/meetings/{m}/decision"), json!({"decision": "cancel"})).await;
        assert_eq!(hooks::send_due(&state).await.unwrap(), 2);
        let got = r.got.lock().unwrap().clone();
        let text: Vec<Value> = got.iter().filter_map(|(_, b)| serde_json::from_str::<Value>(b).ok()).filter(|v| v.get("text").is_some()).collect();
        assert_eq!(text.len(), 1);
        assert!(text[0]["text"].as_str().unwrap().contains("“Vendor choice” was decided: cancel"), "{}", text[0]);

        // another organizer cannot see or delete it; the owner can
        let other = Client::bearer(&router, &organizer(&router, "zed").await);
        let path = format!("/api/v1/webhooks/{}", hook["id"].as_str().unwrap());
        assert_eq!(other.api(axum::http::Method::DELETE, &path, None).await.status, StatusCode::NOT_FOUND);
        assert_eq!(owner.api(axum::http::Method::DELETE, &path, None).await.status, StatusCode::NO_CONTENT);
    }
);

db_test!(
    async fn private_addresses_are_refused_unless_allowed(t) {
        let router = app(t);
        let owner = Client::bearer(&router, &organizer(&router, "olga").await);
        for url in ["http://127.0.0.1:9/hook", "http://10.0.0.1/x", "http://[::1]/x", "http://169.254.169.254/latest", "ftp://example.com/x"] {
            let a = owner.post("/api/v1/webhooks", json!({"url": url, "events": ["decision.made"]})).await;
            assert_eq!((a.status.as_u16(), a.json()["error"]["field"].as_str()), (422, Some("url")), "{url}: {}", a.body);
        }
        assert_eq!(owner.get("/api/v1/webhooks").await.json()["webhooks"], json!([]));
    }
);

db_test!(
    async fn special_purpose_addresses_are_refused_in_every_spelling(t) {
        let router = app(t);
        let owner = Client::bearer(&router, &organizer(&router, "olga").await);
        for url in [
            // the issue's list: NAT64, IPv4-compatible, 6to4, site-local, benchmarking, reserved
            "http://[64:ff9b::a00:1]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://[::a00:1]/",
            "http://[2002:a00:1::1]/",
            "http://[fec0::1]/",
            "http://198.18.0.1/",
            "http://240.0.0.1/",
            // 127.0.0.1 and 169.254.169.254, however written
            "http://127.0.0.1/",
            "http://2130706433/",
            "http://0x7f000001/",
            "http://0177.0.0.1/",
            "http://127.1/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/",
            "http://[64:ff9b::7f00:1]/",
            "http://[::127.0.0.1]/",
            "http://[2002:7f00:1::]/",
            "http://169.254.169.254/latest/meta-data/",
            "http://2852039166/",
            "http://0xa9fea9fe/",
            "http://[::ffff:169.254.169.254]/",
            "http://[fd00:ec2::254]/",
            // names that resolve to loopback
            "http://localhost:9/hook",
            "http://localhost./hook",
        ] {
            let a = owner.post("/api/v1/webhooks", json!({"url": url, "events": ["decision.made"]})).await;
            assert_eq!((a.status.as_u16(), a.code().as_str(), a.json()["error"]["field"].as_str()), (422, "validation", Some("url")), "{url}: {}", a.body);
        }
        assert_eq!(owner.get("/api/v1/webhooks").await.json()["webhooks"], json!([]));
        // the client that sends refuses them too, whatever registration let through: a name
        // that resolves to loopback is never connected to
        let closed = app::ssr::notify::address::webhook_client(false)
            .post("http://localhost:9/")
            .send()
            .await;
        assert!(closed.is_err_and(|e| e.is_connect()), "the resolver refused localhost");
    }
);

db_test!(
    async fn an_anonymous_meetings_events_say_only_the_minute(t) {
        let state = t
            .state_with(&[("PREWORK_WRITE_LIMIT", "off"), ("PREWORK_WEBHOOK_ALLOW_PRIVATE", "true")])
            .with_clock(Clock::manual("2026-12-01T10:17:42.123456Z".parse().unwrap()));
        let router = app_with(state.clone());
        let r = receiver().await;
        let token = organizer(&router, "olga").await;
        let owner = Client::bearer(&router, &token);
        let hook = owner.post("/api/v1/webhooks", json!({"url": r.url, "events": ["comment.created", "readiness.changed"]})).await.json();
        let mut meetings = Vec::new();
        for anonymous in [true, false] {
            let mut body = meeting_body(if anonymous { "Anonymous" } else { "Open" });
            body["anonymous"] = json!(anonymous);
            let m = owner.post("/api/v1/meetings", body).await.json()["id"].as_str().unwrap().to_owned();
            let (_, ana) = invite(&router, &token, &m, "ana").await;
            let p = owner.post(&format!("/api/v1/meetings/{m}/prereads"), json!({"title": "Memo", "markdown": "Text.\n"})).await.json();
            circulate(&router, &token, &m).await;
            let ana = Client::bearer(&router, &ana);
            let c = ana.post(&format!("/api/v1/prereads/{}/comments", p["id"].as_str().unwrap()), json!({"kind": "concern", "body": "Too expensive"})).await;
            assert_eq!(c.status, StatusCode::CREATED, "{}", c.body);
            let ready = ana.post(&format!("/api/v1/meetings/{m}/me"), json!({"ready": true})).await;
            assert!(ready.status.is_success(), "{}", ready.body);
            meetings.push((m, anonymous));
        }
        assert_eq!(hooks::send_due(&state).await.unwrap(), 4);
        let got = r.got.lock().unwrap().clone();
        let minute = "2026-12-01T10:17:00Z";
        for (_, body) in &got {
            let e: Value = serde_json::from_str(body).unwrap();
            let anonymous = meetings.iter().any(|(m, a)| *a && e["meeting"]["id"] == m.as_str());
            let id: uuid::Uuid = e["id"].as_str().unwrap().parse().unwrap();
            let (secs, nanos) = id.get_timestamp().unwrap().to_unix();
            if anonymous {
                assert_eq!(e["created_at"], minute, "{e}");
                assert_eq!((secs, nanos), (1_796_120_220, 0), "the id's time is the minute: {e}");
            } else {
                assert_eq!(e["created_at"], "2026-12-01T10:17:42.123456Z", "{e}");
            }
        }
        // the delivery log tells no more than the events
        let log = owner.get(&format!("/api/v1/webhooks/{}/deliveries", hook["id"].as_str().unwrap())).await.json();
        let log = log["deliveries"].as_array().unwrap();
        assert_eq!(log.len(), 4);
        assert_eq!(log.iter().filter(|d| d["created_at"] == minute).count(), 2, "{log:?}");
        for d in log.iter().filter(|d| d["created_at"] == minute) {
            let id: uuid::Uuid = d["id"].as_str().unwrap().parse().unwrap();
            assert_eq!(id.get_timestamp().unwrap().to_unix(), (1_796_120_220, 0), "{d}");
        }
    }
);

db_test!(
    async fn a_receiver_that_never_answers_delays_no_one_else(t) {
        use app::ssr::notify::{transport::Mailer, worker};
        // accepts connections and never answers; counts them
        let hanging = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let hanging_url = format!("http://{}/hook", hanging.local_addr().unwrap());
        let accepted = Arc::new(AtomicU16::new(0));
        let counter = accepted.clone();
        tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = hanging.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                held.push(socket);
            }
        });
        let dir = std::env::temp_dir().join(format!("prework-mail-{}", uuid::Uuid::now_v7()));
        let maildir = dir.display().to_string();
        let state = t.state_with(&[
            ("PREWORK_WRITE_LIMIT", "off"),
            ("PREWORK_WEBHOOK_ALLOW_PRIVATE", "true"),
            ("PREWORK_MAILDIR", maildir.as_str()),
        ]);
        let router = app_with(state.clone());
        // the stalling organizer: ten meetings circulated, ten events for the hanging receiver
        let mallory = organizer(&router, "mallory").await;
        let m_client = Client::bearer(&router, &mallory);
        let made = m_client.post("/api/v1/webhooks", json!({"url": hanging_url, "events": ["meeting.circulated"]})).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        for i in 0..10 {
            let m = meeting(&router, &mallory, &format!("Stall {i}")).await;
            circulate(&router, &mallory, &m).await;
        }
        // another organizer, whose receiver answers at once
        let r = receiver().await;
        let olga = organizer(&router, "olga").await;
        let o_client = Client::bearer(&router, &olga);
        o_client.post("/api/v1/webhooks", json!({"url": r.url, "events": ["meeting.circulated"]})).await;
        let m = meeting(&router, &olga, "Vendor choice").await;
        o_client.post(&format!("/api/v1/meetings/{m}/attendees"), json!({"name": "ana", "email": "ana@example.com", "role": "decider", "reason": "r",
                                                                       "time_zone": "UTC", "work_start": "00:00", "work_end": "23:59", "work_days": [1, 2, 3, 4, 5, 6, 7]})).await;

        let (stop, stopped) = tokio::sync::watch::channel(false);
        let running = tokio::spawn(worker::run(state.clone(), Mailer::new(&state.config).unwrap(), stopped));
        // the worker is busy with the hanging receiver when Olga circulates
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let started = std::time::Instant::now();
        circulate(&router, &olga, &m).await;
        let mut mail_at = None;
        let mut event_at = None;
        while started.elapsed() < std::time::Duration::from_secs(10) && (mail_at.is_none() || event_at.is_none()) {
            if mail_at.is_none() && mails_in(&dir) > 0 {
                mail_at = Some(started.elapsed());
            }
            if event_at.is_none() && !r.got.lock().unwrap().is_empty() {
                event_at = Some(started.elapsed());
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let mail_at = mail_at.expect("Olga's invitation went out within 10 s");
        let event_at = event_at.expect("Olga's webhook heard within 10 s");
        assert!(mail_at < std::time::Duration::from_secs(3), "the invitation took {mail_at:?}");
        assert!(event_at < std::time::Duration::from_secs(3), "Olga's event took {event_at:?}");
        // Mallory's receiver was tried at most two at a time, then left to its backoff
        tokio::time::sleep(std::time::Duration::from_secs(6)).await;
        let tried = accepted.load(Ordering::SeqCst);
        assert!((1..=hooks::PER_OWNER as u16).contains(&tried), "{tried} connections to the hanging receiver");
        let log = m_client.get(&format!("/api/v1/webhooks/{}/deliveries", made.json()["id"].as_str().unwrap())).await.json();
        let timed_out: Vec<_> = log["deliveries"].as_array().unwrap().iter().filter(|d| d["attempts"] == 1).collect();
        assert_eq!(timed_out.len(), tried as usize, "{log}");
        assert!(timed_out.iter().all(|d| d["last_error"].as_str().unwrap().contains("did not answer within 5 seconds")), "{log}");
        let _ = stop.send(true);
        tokio::time::timeout(std::time::Duration::from_secs(10), running).await.expect("the worker stops").unwrap();
        let _ = std::fs::remove_dir_all(dir);
    }
);

/// How many messages a Maildir's `new/` holds.
fn mails_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir.join("new")).map_or(0, |entries| entries.count())
}
