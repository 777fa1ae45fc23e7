//! Every validation rule, as a table, through the JSON API and through the server functions
//! the browser posts to. Each failing request must leave the database exactly as it was.

use crate::support::*;
use app::db_test;
use axum::http::Method;
use serde_json::{Value, json};

fn with(mut base: Value, field: &str, value: Value) -> Value {
    base[field] = value;
    base
}

fn without(mut base: Value, field: &str) -> Value {
    base.as_object_mut().unwrap().remove(field);
    base
}

db_test!(
    async fn api_rules(t) {
        let router = app(t);
        let token = organizer(&router, "ana").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Budget").await;
        let (dana, _) = invite(&router, &token, &m, "dana").await;
        let item = owner
            .post(&format!("/api/v1/meetings/{m}/agenda"), json!({"title": "Intro", "kind": "inform", "minutes": 5}))
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let meeting_ok = meeting_body("Fine");
        let person_ok = json!({"name": "Eve", "email": "eve@example.com", "role": "contributor", "reason": "x"});
        let item_ok = json!({"title": "Budget", "kind": "decide", "minutes": 20});
        let long = |n: usize| Value::String("é".repeat(n));
        let meetings = "/api/v1/meetings".to_owned();
        let patch_meeting = format!("/api/v1/meetings/{m}");
        let people = format!("/api/v1/meetings/{m}/attendees");
        let patch_person = format!("/api/v1/attendees/{dana}");
        let agenda = format!("/api/v1/meetings/{m}/agenda");
        let patch_item = format!("/api/v1/agenda/{item}");

        // (method, path, body, status, code, field)
        let cases: Vec<(Method, &String, Value, u16, &str, &str)> = vec![
            (Method::POST, &meetings, with(meeting_ok.clone(), "title", json!("   ")), 422, "validation", "title"),
            (Method::POST, &meetings, with(meeting_ok.clone(), "title", long(201)), 422, "validation", "title"),
            (Method::POST, &meetings, with(meeting_ok.clone(), "outcome", json!("")), 422, "validation", "outcome"),
            (Method::POST, &meetings, with(meeting_ok.clone(), "outcome", long(10_001)), 422, "validation", "outcome"),
            (Method::POST, &meetings, with(meeting_ok.clone(), "why_live", long(10_001)), 422, "validation", "why_live"),
            (Method::POST, &meetings, without(meeting_ok.clone(), "title"), 422, "validation", "title"),
            (Method::POST, &meetings, without(meeting_ok.clone(), "duration_minutes"), 422, "validation", "duration_minutes"),
            (Method::POST, &meetings, with(meeting_ok.clone(), "duration_minutes", json!(0)), 422, "validation", "duration_minutes"),
            (Method::POST, &meetings, with(meeting_ok.clone(), "duration_minutes", json!(481)), 422, "validation", "duration_minutes"),
            (Method::POST, &meetings, with(meeting_ok.clone(), "duration_minutes", json!("thirty")), 400, "invalid", "duration_minutes"),
            (Method::POST, &meetings, with(meeting_ok.clone(), "purpose_kind", json!("party")), 400, "invalid", "purpose_kind"),
            (Method::POST, &meetings, with(meeting_ok.clone(), "time_zone", json!("Mars/Olympus")), 400, "invalid", "time_zone"),
            (Method::POST, &meetings, with(meeting_ok.clone(), "starts_at", json!("next tuesday")), 400, "invalid", "starts_at"),
            (Method::POST, &meetings, with(meeting_ok.clone(), "anonymous", json!("yes")), 400, "invalid", "anonymous"),
            (Method::POST, &meetings, with(meeting_ok.clone(), "hourly_rate", json!(-5)), 422, "validation", "hourly_rate"),
            (
                Method::POST,
                &meetings,
                with(with(meeting_ok.clone(), "starts_at", json!("2099-12-01T10:00:00Z")), "response_deadline", json!("2099-12-02T10:00:00Z")),
                422,
                "validation",
                "response_deadline",
            ),
            // a meeting is never planned in the past, nor its deadline after its start
            (Method::POST, &meetings, with(meeting_ok.clone(), "starts_at", json!("2020-03-02T10:00:00Z")), 422, "validation", "starts_at"),
            (Method::PATCH, &patch_meeting, json!({"starts_at": "2020-03-02T10:00:00Z"}), 422, "validation", "starts_at"),
            (
                Method::PATCH,
                &patch_meeting,
                json!({"starts_at": "2099-12-01T10:00:00Z", "response_deadline": "2099-12-02T10:00:00Z"}),
                422,
                "validation",
                "response_deadline",
            ),
            (Method::PATCH, &patch_meeting, json!({"title": ""}), 422, "validation", "title"),
            (Method::PATCH, &patch_meeting, json!({"time_zone": "Nowhere"}), 400, "invalid", "time_zone"),
            (Method::POST, &people, with(person_ok.clone(), "email", json!("eve-at-example")), 422, "validation", "email"),
            (Method::POST, &people, with(person_ok.clone(), "name", json!(" ")), 422, "validation", "name"),
            (Method::POST, &people, with(person_ok.clone(), "reason", long(10_001)), 422, "validation", "reason"),
            (Method::POST, &people, with(person_ok.clone(), "role", json!("boss")), 400, "invalid", "role"),
            (Method::POST, &people, with(person_ok.clone(), "time_zone", json!("Mars/Olympus")), 400, "invalid", "time_zone"),
            (Method::POST, &people, with(person_ok.clone(), "work_start", json!("9am")), 400, "invalid", "work_start"),
            (Method::POST, &people, with(person_ok.clone(), "work_start", json!("09:00")), 422, "validation", "work_end"),
            (Method::POST, &people, with(person_ok.clone(), "email", json!("DANA@example.com")), 409, "conflict", ""),
            (Method::PATCH, &patch_person, json!({"name": ""}), 422, "validation", "name"),
            (Method::POST, &agenda, with(item_ok.clone(), "minutes", json!(0)), 422, "validation", "minutes"),
            (Method::POST, &agenda, with(item_ok.clone(), "minutes", json!(481)), 422, "validation", "minutes"),
            (Method::POST, &agenda, with(item_ok.clone(), "title", json!("")), 422, "validation", "title"),
            (Method::POST, &agenda, with(item_ok.clone(), "kind", json!("chat")), 400, "invalid", "kind"),
            (Method::POST, &agenda, with(item_ok.clone(), "owner_id", json!(app::model::AttendeeId::new())), 422, "validation", "owner_id"),
            (Method::POST, &agenda, with(item_ok.clone(), "owner_id", json!("nobody")), 400, "invalid", "owner_id"),
            (Method::PATCH, &patch_item, json!({"position": -1}), 422, "validation", "position"),
            (Method::PATCH, &patch_item, json!({"resolution": "x".repeat(10_001)}), 422, "validation", "resolution"),
        ];
        for (method, path, body, status, code, field) in cases {
            let before = t.snapshot().await;
            let answer = owner.api(method.clone(), path, Some(body.clone())).await;
            let context = format!("{method} {path} {body}: {}", answer.body);
            assert_eq!(answer.status.as_u16(), status, "{context}");
            assert_eq!(answer.code(), code, "{context}");
            if !field.is_empty() {
                assert_eq!(answer.json()["error"]["field"], field, "{context}");
            }
            assert_eq!(t.snapshot().await, before, "a failed request changed nothing: {context}");
        }
    }
);

db_test!(
    async fn count_limits(t) {
        let router = app(t);
        let token = organizer(&router, "ana").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Big").await;
        for i in 0..app::model::agenda::ITEMS_MAX {
            let a = owner
                .post(&format!("/api/v1/meetings/{m}/agenda"), json!({"title": format!("Item {i}"), "kind": "discuss", "minutes": 1}))
                .await;
            assert_eq!(a.status.as_u16(), 201);
        }
        let before = t.snapshot().await;
        let over = owner
            .post(&format!("/api/v1/meetings/{m}/agenda"), json!({"title": "One more", "kind": "discuss", "minutes": 1}))
            .await;
        assert_eq!((over.status.as_u16(), over.code().as_str()), (422, "validation"));
        assert_eq!(t.snapshot().await, before);
    }
);

db_test!(
    async fn server_function_rules(t) {
        let router = app(t);
        let token = organizer(&router, "ana").await;
        let m = meeting(&router, &token, "Budget").await;
        let mut browser = Client::new(&router);
        browser
            .form("/rpc/log_in", &[("credentials[email]", "ana@example.com"), ("credentials[password]", "correct horse battery")], false)
            .await;
        let purpose = |field: &'static str, value: &'static str| -> Vec<(&'static str, &'static str)> {
            let mut pairs = vec![
                ("purpose[title]", "Budget"),
                ("purpose[purpose_kind]", "decide"),
                ("purpose[outcome]", "A decision"),
                ("purpose[duration_minutes]", "30"),
                ("purpose[time_zone]", "Europe/Paris"),
            ];
            pairs.retain(|(k, _)| *k != field);
            pairs.push((field, value));
            pairs
        };
        let person = |field: &'static str, value: &'static str| -> Vec<(&'static str, &'static str)> {
            let mut pairs = vec![("person[name]", "Eve"), ("person[email]", "eve@example.com"), ("person[role]", "contributor")];
            pairs.retain(|(k, _)| *k != field);
            pairs.push((field, value));
            pairs
        };
        let item = |field: &'static str, value: &'static str| -> Vec<(&'static str, &'static str)> {
            let mut pairs = vec![("item[title]", "Budget"), ("item[kind]", "decide"), ("item[minutes]", "20")];
            pairs.retain(|(k, _)| *k != field);
            pairs.push((field, value));
            pairs
        };
        type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);
        let cases: Vec<Case> = vec![
            ("/rpc/save_purpose", purpose("purpose[title]", " "), "title"),
            ("/rpc/save_purpose", purpose("purpose[purpose_kind]", "party"), "purpose_kind"),
            ("/rpc/save_purpose", purpose("purpose[outcome]", ""), "outcome"),
            ("/rpc/save_purpose", purpose("purpose[duration_minutes]", "an hour"), "duration_minutes"),
            ("/rpc/save_purpose", purpose("purpose[duration_minutes]", "500"), "duration_minutes"),
            ("/rpc/save_purpose", purpose("purpose[time_zone]", "Mars/Olympus"), "time_zone"),
            ("/rpc/save_purpose", purpose("purpose[starts_at]", "tomorrow"), "starts_at"),
            ("/rpc/save_purpose", purpose("purpose[hourly_rate]", "lots"), "hourly_rate"),
            ("/rpc/add_attendee", person("person[email]", "eve"), "email"),
            ("/rpc/add_attendee", person("person[role]", "boss"), "role"),
            ("/rpc/add_attendee", person("person[work_start]", "9"), "work_start"),
            ("/rpc/add_agenda_item", item("item[minutes]", "0"), "minutes"),
            ("/rpc/add_agenda_item", item("item[minutes]", "ten"), "minutes"),
            ("/rpc/add_agenda_item", item("item[kind]", "chat"), "kind"),
            ("/rpc/add_agenda_item", item("item[title]", ""), "title"),
        ];
        for (path, mut pairs, field) in cases {
            if path != "/rpc/save_purpose" {
                pairs.push(("meeting", m.as_str()));
            }
            let before = t.snapshot().await;
            let answer = browser.form(path, &pairs, false).await;
            assert_eq!(answer.status.as_u16(), 422, "{path} {pairs:?}: {}", answer.body);
            let error: app::error::AppError = serde_json::from_str(&answer.body).unwrap();
            assert!(error.message_for(field).is_some(), "{path} {pairs:?}: {error:?}");
            assert_eq!(t.snapshot().await, before, "{path} {pairs:?} changed nothing");
        }
    }
);

db_test!(
    async fn a_request_without_a_credential_is_401_before_its_body_is_judged(t) {
        let router = app(t);
        let token = organizer(&router, "ana").await;
        let m = meeting(&router, &token, "Budget").await;
        let nobody = Client::new(&router);
        let before = t.snapshot().await;
        for (method, path, body) in [
            (Method::POST, format!("/api/v1/meetings/{m}/agenda"), json!({"title": "", "kind": null, "minutes": 0, "owner_id": ""})),
            (Method::PATCH, format!("/api/v1/meetings/{m}"), json!({"starts_at": ""})),
            (Method::POST, "/api/v1/meetings".to_owned(), json!({"title": 7})),
            (Method::POST, format!("/api/v1/meetings/{m}/polls"), json!([])),
        ] {
            let answer = nobody.api(method.clone(), &path, Some(body)).await;
            assert_eq!(answer.status.as_u16(), 401, "{method} {path}: {}", answer.body);
            assert_eq!(answer.code(), "unauthenticated");
        }
        assert_eq!(t.snapshot().await, before);
        // signing up and in still need no credential
        let answer = nobody.post("/api/v1/auth/login", json!({"email": "ana@example.com", "password": "wrong password"})).await;
        assert_eq!(answer.status.as_u16(), 401);
        assert_eq!(answer.code(), "unauthenticated");
        let answer = nobody.post("/api/v1/auth/signup", json!({"name": "Bo", "email": "bo@example.com", "password": "correct horse battery staple"})).await;
        assert_eq!(answer.status.as_u16(), 201, "{}", answer.body);
    }
);
