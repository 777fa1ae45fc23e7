//! The verdict, decisions, outcome records and the calendar through the API, on SQLite and
//! PostgreSQL.

use crate::support::*;
use app::db_test;
use axum::http::{Method, StatusCode, header};
use serde_json::{Value, json};

struct Setup {
    owner: Client,
    token: String,
    meeting: String,
    /// (id, token) of a decider, a contributor and an informed person.
    dana: (String, String),
    kai: (String, String),
}

async fn person(owner: &Client, meeting: &str, name: &str, role: &str) -> (String, String) {
    let a = owner
        .post(
            &format!("/api/v1/meetings/{meeting}/attendees"),
            json!({"name": name, "email": format!("{name}@example.com"), "role": role, "reason": "needed"}),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let j = a.json();
    (
        j["id"].as_str().unwrap().to_owned(),
        j["token"].as_str().unwrap().to_owned(),
    )
}

async fn item(owner: &Client, meeting: &str, title: &str, minutes: u32) -> String {
    let a = owner
        .post(
            &format!("/api/v1/meetings/{meeting}/agenda"),
            json!({"title": title, "kind": "discuss", "minutes": minutes}),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.json()["id"].as_str().unwrap().to_owned()
}

async fn setup(router: &axum::Router) -> Setup {
    let token = organizer(router, "owner").await;
    let owner = Client::bearer(router, &token);
    let meeting = meeting(router, &token, "Vendor").await;
    let dana = person(&owner, &meeting, "dana", "decider").await;
    person(&owner, &meeting, "ana", "contributor").await;
    let kai = person(&owner, &meeting, "kai", "informed").await;
    Setup {
        owner,
        token,
        meeting,
        dana,
        kai,
    }
}

async fn verdict(client: &Client, meeting: &str) -> Value {
    let a = client
        .get(&format!("/api/v1/meetings/{meeting}/verdict"))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.json()
}

db_test!(
    async fn the_verdict_follows_the_brief_and_is_explained(t) {
        let router = app(t);
        let s = setup(&router).await;
        let v = verdict(&s.owner, &s.meeting).await;
        assert_eq!(v["verdict"], "not_ready");
        assert_eq!(v["reasons"][0], json!({"signal": "agenda", "direction": "blocking", "weight": 3, "message": "There is no agenda yet."}));
        assert_eq!(v["cost"]["planned_minutes"], 30);
        assert_eq!(v["cost"]["planned_attendee_hours"], 1.5);

        let first = item(&s.owner, &s.meeting, "Pick the vendor", 20).await;
        let second = item(&s.owner, &s.meeting, "Budget", 10).await;
        let v = verdict(&s.owner, &s.meeting).await;
        assert_eq!(v["verdict"], "shorten", "{v}");
        let drop = v["actions"].as_array().unwrap().iter().find(|a| a["kind"] == "drop_attendees").unwrap().clone();
        assert_eq!(drop["attendee_ids"], json!([s.kai.0]));
        assert!(drop["message"].as_str().unwrap().contains("kai (only needs the outcome)"));
        assert_eq!(v["cost"]["suggested_attendee_hours"], 1.0);

        let resolved = s
            .owner
            .api(Method::PATCH, &format!("/api/v1/agenda/{second}"), Some(json!({"resolved_async": true, "resolution": "Budget approved in writing"})))
            .await;
        assert_eq!(resolved.status, StatusCode::OK);
        let v = verdict(&s.owner, &s.meeting).await;
        assert_eq!(v["verdict"], "shorten");
        assert_eq!(v["cost"]["suggested_minutes"], 20);
        let remove = v["actions"].as_array().unwrap().iter().find(|a| a["kind"] == "remove_items").unwrap().clone();
        assert_eq!(remove["item_ids"], json!([second]));

        // everyone invited reads the verdict once it circulates; others never see it
        circulate(&router, &s.token, &s.meeting).await;
        let dana = Client::bearer(&router, &s.dana.1);
        assert_eq!(verdict(&dana, &s.meeting).await["verdict"], "shorten");
        let stranger = Client::bearer(&router, &organizer(&router, "stranger").await);
        let path = format!("/api/v1/meetings/{}/verdict", s.meeting);
        assert_eq!(stranger.get(&path).await.status, StatusCode::NOT_FOUND);
        assert_eq!(Client::new(&router).get(&path).await.status, StatusCode::UNAUTHORIZED);
        let _ = first;
    }
);

db_test!(
    async fn shortening_applies_the_plan_and_the_outcome_reaches_the_informed(t) {
        let router = app(t);
        let s = setup(&router).await;
        item(&s.owner, &s.meeting, "Pick the vendor", 20).await;
        let done = item(&s.owner, &s.meeting, "Budget", 10).await;
        s.owner
            .api(Method::PATCH, &format!("/api/v1/agenda/{done}"), Some(json!({"resolved_async": true, "resolution": "Approved: 85k"})))
            .await;
        circulate(&router, &s.token, &s.meeting).await;
        let path = format!("/api/v1/meetings/{}/decision", s.meeting);

        // bad input changes nothing
        let dana = Client::bearer(&router, &s.dana.1);
        assert_eq!(dana.post(&path, json!({"decision": "hold"})).await.status, StatusCode::FORBIDDEN);
        let bad = s.owner.post(&path, json!({"decision": "postpone"})).await;
        assert_eq!((bad.status, bad.code()), (StatusCode::BAD_REQUEST, "invalid".into()));
        let missing = s.owner.post(&path, json!({})).await;
        assert_eq!((missing.status, missing.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("decision")));

        let a = s.owner.post(&path, json!({"decision": "shorten", "note": "Twenty minutes will do"})).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let j = a.json();
        assert_eq!(j["meeting"]["status"], "shortened");
        assert_eq!(j["meeting"]["duration_minutes"], 20);
        let names: Vec<&str> = j["meeting"]["attendees"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["dana", "ana"]);
        assert_eq!(j["meeting"]["agenda"].as_array().unwrap().len(), 1);
        let md = j["outcome"]["markdown"].as_str().unwrap();
        assert!(md.starts_with("# Outcome: Vendor\n"), "{md}");
        for part in ["Shortened to 20 minutes.", "**Budget**: Approved: 85k", "Do we still need to meet?", "Pick the vendor (owner: no owner yet)", "No longer invited, and sent this record instead: kai."] {
            assert!(md.contains(part), "{part} in {md}");
        }
        assert_eq!(j["outcome"]["decision"], "shorten");

        // the informed person is off the list but still reads the outcome, as Markdown too
        let kai = Client::bearer(&router, &s.kai.1);
        let outcome = kai.get(&format!("/api/v1/meetings/{}/outcome", s.meeting)).await;
        assert_eq!(outcome.status, StatusCode::OK, "{}", outcome.body);
        assert_eq!(outcome.json()["markdown"], j["outcome"]["markdown"]);
        let file = kai.get(&format!("/api/v1/meetings/{}/outcome.md", s.meeting)).await;
        assert_eq!(file.status, StatusCode::OK);
        assert!(file.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/markdown"));
        assert_eq!(file.body, md);

        // cancelled is final
        let c = s.owner.post(&path, json!({"decision": "cancel"})).await;
        assert_eq!(c.json()["meeting"]["status"], "cancelled");
        let again = s.owner.post(&path, json!({"decision": "hold"})).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
    }
);

db_test!(
    async fn the_calendar_event_carries_the_brief_and_its_cancellation(t) {
        let router = app(t);
        let s = setup(&router).await;
        let ics_path = format!("/api/v1/meetings/{}/calendar.ics", s.meeting);
        let none = s.owner.get(&ics_path).await;
        assert_eq!((none.status, none.code()), (StatusCode::CONFLICT, "conflict".into()));

        s.owner
            .api(Method::PATCH, &format!("/api/v1/meetings/{}", s.meeting), Some(json!({"starts_at": "2099-12-01T14:00:00Z"})))
            .await;
        item(&s.owner, &s.meeting, "Pick the vendor", 20).await;
        let ics = s.owner.get(&ics_path).await;
        assert_eq!(ics.status, StatusCode::OK, "{}", ics.body);
        assert!(ics.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/calendar"));
        let body = ics.body.replace("\r\n ", "");
        for part in ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "SUMMARY:Vendor", "DTSTART:20991201T140000Z", "DTEND:20991201T143000Z", "STATUS:CONFIRMED", "Pick the vendor (20 min)"] {
            assert!(body.contains(part), "{part} in {body}");
        }
        assert!(body.contains(&format!("/meetings/{}", s.meeting)));

        s.owner.post(&format!("/api/v1/meetings/{}/decision", s.meeting), json!({"decision": "cancel"})).await;
        let body = s.owner.get(&ics_path).await.body;
        assert!(body.contains("STATUS:CANCELLED"), "{body}");
        let stranger = Client::bearer(&router, &organizer(&router, "stranger").await);
        assert_eq!(stranger.get(&ics_path).await.status, StatusCode::NOT_FOUND);
    }
);

db_test!(
    async fn an_open_concern_holds_it_and_heads_the_record_with_no_author_named(t) {
        let router = app(t);
        let s = setup(&router).await;
        s.owner
            .api(Method::PATCH, &format!("/api/v1/meetings/{}", s.meeting), Some(json!({"anonymous": true})))
            .await;
        item(&s.owner, &s.meeting, "Pick the vendor", 20).await;
        circulate(&router, &s.token, &s.meeting).await;
        let p = s
            .owner
            .post(&format!("/api/v1/meetings/{}/prereads", s.meeting), json!({"title": "Memo", "markdown": "Acme is cheaper.\n"}))
            .await
            .json();
        let block = p["blocks"][0]["id"].as_str().unwrap().to_owned();
        let dana = Client::bearer(&router, &s.dana.1);
        let c = dana
            .post(
                &format!("/api/v1/prereads/{}/comments", p["id"].as_str().unwrap()),
                json!({"block_id": block, "kind": "concern", "body": "Acme's support is thin"}),
            )
            .await;
        assert_eq!(c.status, StatusCode::CREATED, "{}", c.body);

        let v = verdict(&s.owner, &s.meeting).await;
        assert_eq!(v["verdict"], "hold", "{v}");
        assert_eq!(v["focus"][0]["text"], "Acme's support is thin");
        let list = s.owner.get("/api/v1/meetings").await.json();
        assert_eq!(list["meetings"][0]["verdict"], "hold");

        let d = s.owner.post(&format!("/api/v1/meetings/{}/decision", s.meeting), json!({"decision": "hold"})).await;
        assert_eq!(d.status, StatusCode::OK, "{}", d.body);
        let j = d.json();
        assert_eq!(j["meeting"]["status"], "held");
        let md = j["outcome"]["markdown"].as_str().unwrap();
        assert!(md.contains("- Concern: Acme's support is thin"), "{md}");
        assert!(md.contains("Meet as planned and start with the open items above."));
        for leak in [v.to_string(), md.to_owned()] {
            assert!(!leak.contains("dana@") && !leak.contains("\"author\""), "{leak}");
        }
    }
);
