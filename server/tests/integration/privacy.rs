//! Anonymity and hidden results hold through every side door: each API route, page and server
//! function of an anonymous meeting with a hidden poll and an anonymous poll, read by the
//! organizer and by each attendee, before and after the mode is turned off. On SQLite and
//! PostgreSQL.

use crate::support::*;
use app::db_test;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

struct World {
    router: axum::Router,
    owner: Client,
    ana: Client,
    bo: Client,
    cy: Client,
    meeting: String,
    preread: String,
    ids: [String; 3],
}

async fn person(owner: &Client, m: &str, name: &str, role: &str) -> (String, String) {
    let a = owner
        .post(
            &format!("/api/v1/meetings/{m}/attendees"),
            json!({"name": name, "email": format!("{name}@example.com"), "role": role, "reason": "Needed"}),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let j = a.json();
    (
        j["id"].as_str().unwrap().to_owned(),
        j["token"].as_str().unwrap().to_owned(),
    )
}

/// An anonymous meeting to decide, with two deciders who split on a hidden poll and on an
/// anonymous poll, a contributor who said they are not needed, and an anonymous blocker.
async fn world(router: &axum::Router) -> World {
    let token = organizer(router, "owner").await;
    let owner = Client::bearer(router, &token);
    let mut body = meeting_body("Vendor choice");
    body["anonymous"] = json!(true);
    let m = owner.post("/api/v1/meetings", body).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    owner
        .post(
            &format!("/api/v1/meetings/{m}/agenda"),
            json!({"title": "Pick", "kind": "decide", "minutes": 20}),
        )
        .await;
    let (ana_id, ana) = person(&owner, &m, "ana", "decider").await;
    let (bo_id, bo) = person(&owner, &m, "bo", "decider").await;
    let (cy_id, cy) = person(&owner, &m, "cy", "contributor").await;
    let p = owner
        .post(
            &format!("/api/v1/meetings/{m}/prereads"),
            json!({"title": "Memo", "markdown": "Acme is cheaper.\n\nGlobex is safer.\n"}),
        )
        .await
        .json();
    let preread = p["id"].as_str().unwrap().to_owned();
    let block = p["blocks"][0]["id"].as_str().unwrap().to_owned();
    let hidden = owner
        .post(
            &format!("/api/v1/meetings/{m}/polls"),
            json!({"question": "Hidden question", "options": ["Alpha", "Beta"], "hide_results": true, "closes_at": "2099-01-01T00:00:00Z"}),
        )
        .await
        .json();
    let secret = owner
        .post(
            &format!("/api/v1/meetings/{m}/polls"),
            json!({"question": "Secret ballot", "options": ["Gamma", "Delta"], "anonymous": true}),
        )
        .await
        .json();
    circulate(router, &token, &m).await;
    let (ana, bo, cy) = (
        Client::bearer(router, &ana),
        Client::bearer(router, &bo),
        Client::bearer(router, &cy),
    );
    for (client, choice) in [(&ana, 0), (&bo, 1)] {
        for poll in [&hidden, &secret] {
            let v = client
                .post(
                    &format!("/api/v1/polls/{}/votes", poll["id"].as_str().unwrap()),
                    json!({"option": choice}),
                )
                .await;
            assert_eq!(v.status, StatusCode::OK, "{}", v.body);
        }
    }
    let c = ana
        .post(
            &format!("/api/v1/prereads/{preread}/comments"),
            json!({"block_id": block, "kind": "blocker", "body": "We cannot sign this"}),
        )
        .await;
    assert_eq!(c.status, StatusCode::CREATED, "{}", c.body);
    ana.post(&format!("/api/v1/meetings/{m}/me"), json!({"ready": true}))
        .await;
    cy.post(
        &format!("/api/v1/meetings/{m}/me"),
        json!({"not_needed": true}),
    )
    .await;
    World {
        router: router.clone(),
        owner,
        ana,
        bo,
        cy,
        meeting: m,
        preread,
        ids: [ana_id, bo_id, cy_id],
    }
}

/// Everything any caller can read about the meeting, as (what, body).
async fn read_everything(w: &World, client: &Client) -> Vec<(String, String)> {
    let m = &w.meeting;
    let p = &w.preread;
    let mut out = Vec::new();
    for path in [
        format!("/api/v1/meetings/{m}"),
        format!("/api/v1/meetings/{m}/polls"),
        format!("/api/v1/meetings/{m}/verdict"),
        format!("/api/v1/meetings/{m}/outcome"),
        format!("/api/v1/meetings/{m}/outcome.md"),
        format!("/api/v1/meetings/{m}/calendar.ics"),
        format!("/api/v1/prereads/{p}"),
        format!("/api/v1/prereads/{p}/comments"),
        "/api/v1/meetings".to_owned(),
    ] {
        let a = client.get(&path).await;
        assert!(a.status.as_u16() < 500, "{path}: {}", a.body);
        out.push((path, a.body));
    }
    let token = client.bearer.clone().unwrap();
    let mut browser = Client::bearer(&w.router, &token);
    for path in [
        format!("/meetings/{m}"),
        format!("/meetings/{m}/verdict"),
        format!("/meetings/{m}/prereads/{p}"),
    ] {
        let a = browser.page(&path).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        out.push((path, a.body));
    }
    for (function, field, id) in [
        ("get_meeting", "id", m),
        ("get_brief", "id", m),
        ("get_discussion", "meeting", m),
        ("get_verdict_page", "meeting", m),
        ("get_verdict_facts", "meeting", m),
        ("get_preread_page", "id", p),
    ] {
        let path = format!("/rpc/{function}");
        let a = browser.form(&path, &[(field, id)], false).await;
        assert!(a.status.as_u16() < 500, "{path}: {}", a.body);
        out.push((path, a.body));
    }
    out
}

/// What no reader may find, whoever they are.
fn assert_nothing_leaks(w: &World, who: &str, bodies: &[(String, String)], organizer: bool) {
    for (what, body) in bodies {
        let at = format!("{what} as {who}");
        // how the deciders split, on the hidden poll or the anonymous one
        assert!(
            !body.contains("disagree"),
            "{at} tells how the deciders split"
        );
        assert!(
            !body.contains("decider_tally"),
            "{at} carries a tally by role"
        );
        // the hidden poll's counts, in the record or anywhere else
        assert!(
            !body.contains("Alpha (1)"),
            "{at} shows the hidden poll's count"
        );
        assert!(
            !body.contains("Alpha \\(1\\)"),
            "{at} shows the hidden poll's count"
        );
        // no author of the anonymous comment, by name or by id
        assert!(!body.contains("\"author\":{"), "{at} names an author");
        assert!(
            !body.contains("author_attendee_id") && !body.contains("author_user_id"),
            "{at} carries an author id"
        );
        if !organizer {
            // readiness is the organizer's view: nobody else learns who said they are not needed
            assert!(
                !body.contains("said they are not needed"),
                "{at} says who is not needed"
            );
            assert!(
                !body.contains("breakout_rooms"),
                "{at} carries the room plan"
            );
        }
    }
    // JSON answers: the hidden poll has no tally; the comment's time and id say only the minute
    for (what, body) in bodies {
        let Ok(json) = serde_json::from_str::<Value>(body) else {
            continue;
        };
        let at = format!("{what} as {who}");
        if let Some(polls) = json["polls"].as_array() {
            let hidden = polls
                .iter()
                .find(|p| p["question"] == "Hidden question")
                .unwrap();
            assert_eq!(hidden["tally"], Value::Null, "{at}");
        }
        if let Some(comments) = json["comments"].as_array() {
            for c in comments {
                assert_eq!(c["author"], Value::Null, "{at}");
                let at_time: jiff::Timestamp = c["created_at"].as_str().unwrap().parse().unwrap();
                assert_eq!(at_time.as_millisecond() % 60_000, 0, "{at}: {at_time}");
                let id: uuid::Uuid = c["id"].as_str().unwrap().parse().unwrap();
                let (secs, nanos) = id.get_timestamp().unwrap().to_unix();
                assert_eq!((secs % 60, nanos), (0, 0), "{at}: the id carries the time");
            }
        }
        if what.ends_with("/api/v1/meetings/".to_owned().as_str()) || json["attendees"].is_array() {
            for a in json["attendees"].as_array().into_iter().flatten() {
                let mine = organizer
                    || (who == "cy" && a["id"] == w.ids[2].as_str())
                    || (who == "ana" && a["id"] == w.ids[0].as_str())
                    || (who == "bo" && a["id"] == w.ids[1].as_str());
                if !mine {
                    assert_eq!(a["ready"], Value::Null, "{at}: {a}");
                    assert_eq!(a["not_needed"], Value::Null, "{at}: {a}");
                }
            }
        }
        if json["verdict"].is_string() && !organizer {
            for action in json["actions"].as_array().into_iter().flatten() {
                let ids = action["attendee_ids"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                assert!(
                    !ids.iter().any(|i| i == w.ids[2].as_str()),
                    "{at} names who is not needed: {action}"
                );
            }
        }
    }
}

async fn walk(w: &World) {
    for (who, client, organizer) in [
        ("owner", &w.owner, true),
        ("ana", &w.ana, false),
        ("bo", &w.bo, false),
        ("cy", &w.cy, false),
    ] {
        let bodies = read_everything(w, client).await;
        assert_nothing_leaks(w, who, &bodies, organizer);
    }
}

db_test!(
    async fn no_author_ballot_or_hidden_tally_leaks_anywhere(t) {
        let router = app(t);
        let w = world(&router).await;
        // the organizer sees readiness, and the engine still holds the meeting for the blocker
        let verdict = w.owner.get(&format!("/api/v1/meetings/{}/verdict", w.meeting)).await.json();
        assert_eq!(verdict["verdict"], "hold", "{verdict}");
        let meeting = w.owner.get(&format!("/api/v1/meetings/{}", w.meeting)).await.json();
        assert_eq!(meeting["readiness"], json!({"invited": 3, "ready": 1, "not_needed": 1}));
        let cy = meeting["attendees"].as_array().unwrap().iter().find(|a| a["name"] == "cy").unwrap().clone();
        assert_eq!(cy["not_needed"], true, "the organizer sees who is not needed");
        // an attendee sees their own state and the counts
        let mine = w.cy.get(&format!("/api/v1/meetings/{}", w.meeting)).await.json();
        assert_eq!(mine["readiness"]["not_needed"], 1);
        walk(&w).await;

        // decided: the record everyone receives says nothing of the hidden poll's counts
        let decided = w.owner.post(&format!("/api/v1/meetings/{}/decision", w.meeting), json!({"decision": "hold"})).await;
        assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
        let record = decided.json()["outcome"]["markdown"].as_str().unwrap().to_owned();
        assert!(record.contains("Hidden question: still open; its results show when it closes"), "{record}");
        assert!(record.contains("Secret ballot: Gamma (1), Delta (1)"), "{record}");
        walk(&w).await;

        // turning anonymity off reveals nothing written or cast before
        let off = w.owner.api(Method::PATCH, &format!("/api/v1/meetings/{}", w.meeting), Some(json!({"anonymous": false}))).await;
        assert_eq!(off.status, StatusCode::OK, "{}", off.body);
        walk(&w).await;
    }
);

db_test!(
    async fn reads_write_nothing_and_the_builtin_poll_comes_with_the_meeting(t) {
        let router = app(t);
        let w = world(&router).await;
        let before = t.snapshot().await;
        assert_eq!(before.lines().filter(|l| l.starts_with("polls ") && l.contains("builtin=Some(1)")).count(), 1);
        for client in [&w.owner, &w.ana, &w.bo, &w.cy] {
            read_everything(&w, client).await;
        }
        assert_eq!(t.snapshot().await, before, "reading changed the database");
    }
);

db_test!(
    async fn people_taken_off_the_invitation_read_but_no_longer_take_part(t) {
        let router = app(t);
        let token = organizer(&router, "owner").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Plan").await;
        owner.post(&format!("/api/v1/meetings/{m}/agenda"), json!({"title": "Budget", "kind": "decide", "minutes": 20})).await;
        person(&owner, &m, "dee", "decider").await;
        let (ivy_id, ivy) = person(&owner, &m, "ivy", "informed").await;
        let ivy = Client::bearer(&router, &ivy);
        let p = owner.post(&format!("/api/v1/meetings/{m}/prereads"), json!({"title": "Memo", "markdown": "Numbers.\n"})).await.json();
        let pid = p["id"].as_str().unwrap();
        circulate(&router, &token, &m).await;
        let c = ivy.post(&format!("/api/v1/prereads/{pid}/comments"), json!({"kind": "question", "body": "Which budget?"})).await;
        assert_eq!(c.status, StatusCode::CREATED);
        let polls = ivy.get(&format!("/api/v1/meetings/{m}/polls")).await.json();
        let builtin = polls["polls"][0]["id"].as_str().unwrap().to_owned();
        assert_eq!(ivy.post(&format!("/api/v1/polls/{builtin}/votes"), json!({"option": 1})).await.status, StatusCode::OK);

        let shortened = owner.post(&format!("/api/v1/meetings/{m}/decision"), json!({"decision": "shorten"})).await;
        assert_eq!(shortened.status, StatusCode::OK, "{}", shortened.body);
        let attendees = shortened.json()["meeting"]["attendees"].clone();
        assert!(!attendees.to_string().contains(&ivy_id), "ivy is off the invitation");

        // she still reads the meeting and its outcome
        assert_eq!(ivy.get(&format!("/api/v1/meetings/{m}/outcome")).await.status, StatusCode::OK);
        // her earlier comment keeps her name and role
        let comments = owner.get(&format!("/api/v1/prereads/{pid}/comments")).await.json();
        assert_eq!(comments["comments"][0]["author"], json!({"name": "ivy", "role": "informed"}));
        // she no longer votes, comments or sets her state, and her vote no longer counts
        let before = t.snapshot().await;
        for (path, body) in [
            (format!("/api/v1/polls/{builtin}/votes"), json!({"option": 0})),
            (format!("/api/v1/prereads/{pid}/comments"), json!({"kind": "question", "body": "Again?"})),
            (format!("/api/v1/meetings/{m}/me"), json!({"ready": true})),
        ] {
            let a = ivy.post(&path, body).await;
            assert_eq!((a.status, a.code().as_str()), (StatusCode::FORBIDDEN, "forbidden"), "{path}: {}", a.body);
        }
        assert_eq!(t.snapshot().await, before);
        let polls = owner.get(&format!("/api/v1/meetings/{m}/polls")).await.json();
        assert_eq!(polls["polls"][0]["tally"], json!([0, 0]), "{polls}");
    }
);
