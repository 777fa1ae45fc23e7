//! Action items (API.md, "Action items and feedback"): the organizer adds them once the meeting
//! circulates; the owner, by their link, may only mark theirs done; anyone else may not touch
//! them; bad input changes nothing.

use crate::support::*;
use app::db_test;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

/// An organizer's circulated meeting with two people: (organizer, meeting, [Ana, Ben] as
/// (attendee id, token)).
async fn circulated(router: &axum::Router) -> (Client, String, Vec<(String, String)>) {
    let signup = Client::new(router)
        .post(
            "/api/v1/auth/signup",
            json!({"name": "Olga", "email": "olga@example.com", "password": "correct horse battery"}),
        )
        .await;
    let owner = Client::bearer(router, signup.json()["token"].as_str().unwrap());
    let start = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(48)).to_string();
    let m = owner
        .post(
            "/api/v1/meetings",
            json!({"title": "Vendor", "purpose_kind": "decide", "outcome": "A vendor", "duration_minutes": 30, "time_zone": "UTC", "starts_at": start}),
        )
        .await
        .json();
    let id = m["id"].as_str().unwrap().to_owned();
    let mut people = Vec::new();
    for (name, role) in [("Ana", "decider"), ("Ben", "contributor")] {
        let p = owner
            .post(
                &format!("/api/v1/meetings/{id}/attendees"),
                json!({"name": name, "email": format!("{}@example.com", name.to_lowercase()), "role": role, "reason": "Needed"}),
            )
            .await
            .json();
        people.push((
            p["id"].as_str().unwrap().to_owned(),
            p["token"].as_str().unwrap().to_owned(),
        ));
    }
    owner
        .post(
            &format!("/api/v1/meetings/{id}/agenda"),
            json!({"title": "Choose", "kind": "decide", "minutes": 20}),
        )
        .await;
    (owner, id, people)
}

db_test!(
    async fn only_the_organizer_changes_an_item_and_its_owner_only_marks_it_done(t) {
        let router = app(t);
        let (owner, m, people) = circulated(&router).await;
        let (ana, ana_token) = people[0].clone();
        let (_, ben_token) = people[1].clone();
        let body = json!({"title": "Send the contract", "owner_id": ana, "due_on": "2026-12-18"});
        // a draft has no action items yet
        let early = owner.post(&format!("/api/v1/meetings/{m}/actions"), body.clone()).await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
        assert!(owner.post(&format!("/api/v1/meetings/{m}/circulate"), json!({})).await.status.is_success());
        let made = owner.post(&format!("/api/v1/meetings/{m}/actions"), body.clone()).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let item: Value = made.json();
        assert_eq!(item["owner"]["name"], "Ana");
        assert_eq!(item["due_on"], "2026-12-18");
        assert_eq!(item["done"], false);
        assert_eq!(item["done_at"], Value::Null);
        let aid = item["id"].as_str().unwrap().to_owned();

        let before = t.snapshot().await;
        for (patch, field) in [
            (json!({"title": "", "owner_id": ana, "due_on": "2026-12-18"}), "title"),
            (json!({"title": "x", "owner_id": "01900000-0000-7000-8000-000000000001", "due_on": "2026-12-18"}), "owner_id"),
        ] {
            let bad = owner.post(&format!("/api/v1/meetings/{m}/actions"), patch.clone()).await;
            assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{patch}: {}", bad.body);
            assert_eq!(bad.json()["error"]["field"], field);
        }
        let bad_date = owner.post(&format!("/api/v1/meetings/{m}/actions"), json!({"title": "x", "owner_id": ana, "due_on": "soon"})).await;
        assert_eq!(bad_date.status, StatusCode::BAD_REQUEST, "{}", bad_date.body);
        // Ben is not its owner; Ana may not retitle it
        let ben = Client::bearer(&router, &ben_token);
        let ana_c = Client::bearer(&router, &ana_token);
        let path = format!("/api/v1/actions/{aid}");
        assert_eq!(ben.api(Method::PATCH, &path, Some(json!({"done": true}))).await.status, StatusCode::FORBIDDEN);
        assert_eq!(ana_c.api(Method::PATCH, &path, Some(json!({"title": "Mine"}))).await.status, StatusCode::FORBIDDEN);
        assert_eq!(ana_c.api(Method::DELETE, &path, None).await.status, StatusCode::FORBIDDEN);
        assert_eq!(t.snapshot().await, before, "refused changes change nothing");

        let done = ana_c.api(Method::PATCH, &path, Some(json!({"done": true}))).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert_eq!(done.json()["done"], true);
        assert!(done.json()["done_at"].is_string());
        let list = ben.get(&format!("/api/v1/meetings/{m}/actions")).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        assert_eq!(list.json()["actions"].as_array().unwrap().len(), 1);
        let renamed = owner.api(Method::PATCH, &path, Some(json!({"title": "Sign the contract", "done": false}))).await;
        assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
        assert_eq!(renamed.json()["title"], "Sign the contract");
        assert_eq!(renamed.json()["done_at"], Value::Null);
        assert_eq!(owner.api(Method::DELETE, &path, None).await.status, StatusCode::NO_CONTENT);
        assert_eq!(owner.api(Method::DELETE, &path, None).await.status, StatusCode::NOT_FOUND);
    }
);

db_test!(
    async fn a_decision_writes_its_action_items_into_the_outcome_record(t) {
        let router = app(t);
        let (owner, m, people) = circulated(&router).await;
        let (ana, _) = people[0].clone();
        let (ben, _) = people[1].clone();
        assert!(owner.post(&format!("/api/v1/meetings/{m}/circulate"), json!({})).await.status.is_success());
        let before = t.snapshot().await;
        let bad = owner
            .post(
                &format!("/api/v1/meetings/{m}/decision"),
                json!({"decision": "hold", "actions": [
                    {"title": "Fine", "owner_id": ana, "due_on": "2026-12-18"},
                    {"title": "", "owner_id": ben, "due_on": "2026-12-18"}
                ]}),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert_eq!(bad.json()["error"]["field"], "actions[1].title");
        assert_eq!(t.snapshot().await, before, "a refused decision writes nothing");
        let decided = owner
            .post(
                &format!("/api/v1/meetings/{m}/decision"),
                json!({"decision": "hold", "actions": [
                    {"title": "Send the *signed* contract", "owner_id": ana, "due_on": "2026-12-18"},
                    {"title": "Book the kickoff", "owner_id": ben, "due_on": "2027-01-05", "note": "Two hours"}
                ]}),
            )
            .await;
        assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
        let md = decided.json()["outcome"]["markdown"].as_str().unwrap().to_owned();
        assert!(md.contains("- Send the \\*signed\\* contract: Ana, due 2026-12-18"), "{md}");
        assert!(md.contains("- Book the kickoff: Ben, due 2027-01-05"), "{md}");
        let list = owner.get(&format!("/api/v1/meetings/{m}/actions")).await.json();
        assert_eq!(list["actions"].as_array().unwrap().len(), 2);
        assert_eq!(list["actions"][1]["note"], "Two hours");
        assert_eq!(list["next_cursor"], Value::Null);
        // a page at a time, as every list that can grow
        let first = owner.get(&format!("/api/v1/meetings/{m}/actions?limit=1")).await.json();
        assert_eq!(first["actions"][0]["title"], "Send the *signed* contract");
        let cursor = first["next_cursor"].as_str().unwrap().to_owned();
        let second = owner.get(&format!("/api/v1/meetings/{m}/actions?limit=1&cursor={cursor}")).await.json();
        assert_eq!(second["actions"][0]["title"], "Book the kickoff");
        assert_eq!(second["next_cursor"], Value::Null);
        for bad in ["limit=0", "limit=201", "cursor=nope"] {
            let r = owner.get(&format!("/api/v1/meetings/{m}/actions?{bad}")).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.body);
        }
    }
);
