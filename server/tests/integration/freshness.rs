//! Reads come from a meeting's rows kept in memory at the meeting's revision (`ssr::db::rows`);
//! these tests hold that no write is ever missed by a later read, whichever process wrote it and
//! whichever route it took. Process B below keeps its own copies on its own connections, as a
//! second server on the same database would; every write goes through process A.

use crate::support::*;
use app::db_test;
use app::ssr::AppState;
use app::ssr::db::Db;
use axum::Router;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

/// Everything the API shows the organizer and an attendee of meeting `m`, read through `b`.
async fn view(b: &Router, owner: &str, guest: &str, m: &str) -> String {
    let owner = Client::bearer(b, owner);
    let guest = Client::bearer(b, guest);
    let mut out = String::new();
    for (client, path) in [
        (&owner, format!("/api/v1/meetings/{m}")),
        (&owner, format!("/api/v1/meetings/{m}/verdict")),
        (&owner, format!("/api/v1/meetings/{m}/polls")),
        (&guest, format!("/api/v1/meetings/{m}")),
        (&guest, format!("/api/v1/meetings/{m}/polls")),
    ] {
        let answer = client.get(&path).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.body);
        out.push_str(&answer.body);
        out.push('\n');
    }
    let meeting: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    for p in meeting["prereads"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        out.push_str(
            &owner
                .get(&format!("/api/v1/prereads/{id}/comments"))
                .await
                .body,
        );
        out.push('\n');
    }
    out
}

/// Sends one write through `a` and checks that `b`, which has just read the meeting, sees it.
macro_rules! seen {
    ($b:expr, $owner:expr, $guest:expr, $m:expr, $label:literal, $write:expr) => {{
        let before = view($b, $owner, $guest, $m).await;
        // twice: the second read is the one served from B's copy, if it kept one
        assert_eq!(
            before,
            view($b, $owner, $guest, $m).await,
            "reads alone change nothing"
        );
        let answer = $write;
        assert!(
            answer.status.is_success(),
            "{}: {} {}",
            $label,
            answer.status,
            answer.body
        );
        let after = view($b, $owner, $guest, $m).await;
        assert_ne!(before, after, "process B missed: {}", $label);
        answer
    }};
}

db_test!(
    async fn every_write_is_seen_by_the_next_read_in_every_process(t) {
        let a = app(t);
        let other = Db::connect(&t.url).await.expect("a second pool");
        let b = app_with(AppState {
            db: other,
            ..t.state()
        });
        let token = organizer(&a, "owner").await;
        let owner = Client::bearer(&a, &token);
        let m = meeting(&a, &token, "Fresh").await;
        let (ann, ann_token) = invite(&a, &token, &m, "Ann").await;
        let guest = Client::bearer(&a, &ann_token);
        let preread = owner
            .post(
                &format!("/api/v1/meetings/{m}/prereads"),
                json!({"title": "Options", "markdown": "First.\n\nSecond."}),
            )
            .await
            .json();
        let p = preread["id"].as_str().unwrap().to_owned();
        let block = preread["blocks"][0]["id"].as_str().unwrap().to_owned();
        circulate(&a, &token, &m).await;
        let (v, o, g) = (&b, token.as_str(), ann_token.as_str());

        seen!(v, o, g, &m, "a person added", {
            owner
                .post(
                    &format!("/api/v1/meetings/{m}/attendees"),
                    json!({"name": "Bo", "email": "bo@example.com", "role": "decider", "reason": "Signs"}),
                )
                .await
        });
        seen!(v, o, g, &m, "a person changed", {
            owner
                .api(
                    Method::PATCH,
                    &format!("/api/v1/attendees/{ann}"),
                    Some(json!({"name": "Ann B."})),
                )
                .await
        });
        let item = seen!(v, o, g, &m, "an agenda item added", {
            owner
                .post(
                    &format!("/api/v1/meetings/{m}/agenda"),
                    json!({"title": "Pick one", "kind": "decide", "minutes": 10}),
                )
                .await
        })
        .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        seen!(v, o, g, &m, "an agenda item changed", {
            owner
                .api(
                    Method::PATCH,
                    &format!("/api/v1/agenda/{item}"),
                    Some(json!({"minutes": 20})),
                )
                .await
        });
        let p2 = seen!(v, o, g, &m, "a pre-read added", {
            owner
                .post(
                    &format!("/api/v1/meetings/{m}/prereads"),
                    json!({"title": "Background", "markdown": "Context."}),
                )
                .await
        })
        .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        seen!(v, o, g, &m, "a pre-read's new version", {
            owner
                .api(
                    Method::PUT,
                    &format!("/api/v1/prereads/{p}"),
                    Some(json!({"markdown": "First.\n\nSecond, changed."})),
                )
                .await
        });
        let comment = seen!(v, o, g, &m, "a comment", {
            guest
                .post(
                    &format!("/api/v1/prereads/{p}/comments"),
                    json!({"block_id": block, "kind": "blocker", "body": "Costs?"}),
                )
                .await
        })
        .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        seen!(v, o, g, &m, "a reply", {
            owner
                .post(
                    &format!("/api/v1/prereads/{p}/comments"),
                    json!({"parent_id": comment, "kind": "suggestion", "body": "See page 2"}),
                )
                .await
        });
        seen!(v, o, g, &m, "a thread resolved", {
            owner
                .post(
                    &format!("/api/v1/comments/{comment}/resolve"),
                    json!({"resolved": true}),
                )
                .await
        });
        // (the verdict counts people who have read every required pre-read: both, here)
        seen!(v, o, g, &m, "the pre-reads marked read", {
            guest
                .post(&format!("/api/v1/meetings/{m}/me"), json!({"read": [p, p2]}))
                .await
        });
        seen!(v, o, g, &m, "ready", {
            guest
                .post(&format!("/api/v1/meetings/{m}/me"), json!({"ready": true}))
                .await
        });
        let poll = seen!(v, o, g, &m, "a poll", {
            owner
                .post(
                    &format!("/api/v1/meetings/{m}/polls"),
                    json!({"question": "Which?", "options": ["A", "B"]}),
                )
                .await
        })
        .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        seen!(v, o, g, &m, "a vote", {
            guest
                .post(&format!("/api/v1/polls/{poll}/votes"), json!({"option": 1}))
                .await
        });
        seen!(v, o, g, &m, "a vote changed", {
            guest
                .post(&format!("/api/v1/polls/{poll}/votes"), json!({"option": 0}))
                .await
        });
        seen!(v, o, g, &m, "an agenda item removed", {
            owner
                .api(Method::DELETE, &format!("/api/v1/agenda/{item}"), None)
                .await
        });
        let people = Client::bearer(&b, &token)
            .get(&format!("/api/v1/meetings/{m}"))
            .await
            .json()["attendees"]
            .as_array()
            .unwrap()
            .clone();
        let bo = people.iter().find(|p| p["name"] == "Bo").unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        seen!(v, o, g, &m, "a person removed", {
            owner
                .api(Method::DELETE, &format!("/api/v1/attendees/{bo}"), None)
                .await
        });
        let outcome = format!("/api/v1/meetings/{m}/outcome");
        let reader = Client::bearer(&b, &token);
        assert_eq!(reader.get(&outcome).await.status, StatusCode::NOT_FOUND);
        seen!(v, o, g, &m, "a decision", {
            owner
                .post(
                    &format!("/api/v1/meetings/{m}/decision"),
                    json!({"decision": "hold"}),
                )
                .await
        });
        assert_eq!(reader.get(&outcome).await.json()["decision"], "hold");
        // a later decision replaces the record
        seen!(v, o, g, &m, "a second decision", {
            owner
                .post(
                    &format!("/api/v1/meetings/{m}/decision"),
                    json!({"decision": "cancel"}),
                )
                .await
        });
        assert_eq!(reader.get(&outcome).await.json()["decision"], "cancel");
    }
);
