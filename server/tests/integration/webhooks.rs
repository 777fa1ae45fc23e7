//! Webhooks over real HTTP, on SQLite and PostgreSQL: signed events an organizer's endpoint can
//! verify, retries after a 500, Slack-style text, private addresses refused, and no author in
//! an anonymous meeting's events.

use crate::support::*;
use app::db_test;
use app::ssr::clock::Clock;
use app::ssr::notify::webhooks as hooks;
use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, Mac};
use jiff::SignedDuration;
use serde_json::{Value, json};
use sha2::Sha256;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

/// An endpoint on loopback that records what it receives and answers `status`.
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    status: Arc<AtomicU16>,
}

async fn receiver() -> Receiver {
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

fn verify(secret: &str, headers: &HeaderMap, body: &str) {
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
        let last = log["deliveries"].as_array().unwrap().last().unwrap().clone();
        assert_eq!((last["event"].as_str(), last["status"].as_str(), last["response_status"].as_u64(), last["attempts"].as_u64()), (Some("readiness.changed"), Some("queued"), Some(500), Some(1)));
        r.status.store(200, Ordering::SeqCst);
        assert_eq!(hooks::send_due(&state).await.unwrap(), 0, "not before the backoff");
        state.clock.advance(SignedDuration::from_mins(2));
        assert_eq!(hooks::send_due(&state).await.unwrap(), 1);
        let log = owner.get(&format!("/api/v1/webhooks/{}/deliveries", hook["id"].as_str().unwrap())).await.json();
        assert_eq!(log["deliveries"].as_array().unwrap().last().unwrap()["status"], "sent");

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
