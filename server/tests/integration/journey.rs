//! What organizers and attendees tripped over on their first walk through the journey, through
//! the JSON API: a poll that hides its results can be closed; shortening never takes an item's
//! owner off the invitation; readiness counts the people who would meet.

use crate::support::*;
use app::db_test;
use axum::http::StatusCode;
use serde_json::json;

db_test!(
    async fn the_organizer_closes_a_poll_that_could_never_close(t) {
        let router = app(t);
        let token = organizer(&router, "olga").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Offsite").await;
        let (_, dana) = invite(&router, &token, &m, "dana").await;
        circulate(&router, &token, &m).await;
        let poll = owner
            .post(
                &format!("/api/v1/meetings/{m}/polls"),
                json!({"question": "Which city?", "options": ["Lyon", "Porto"], "hide_results": true}),
            )
            .await
            .json();
        let id = poll["id"].as_str().unwrap().to_owned();
        assert_eq!((poll["closed"].as_bool(), poll["tally"].is_null()), (Some(false), true));
        let attendee = Client::bearer(&router, &dana);
        let vote = attendee.post(&format!("/api/v1/polls/{id}/votes"), json!({"option": 1})).await;
        assert_eq!(vote.status, StatusCode::OK, "{}", vote.body);

        // an attendee may not close it
        let refused = attendee.post(&format!("/api/v1/polls/{id}/close"), json!({})).await;
        assert_eq!((refused.status, refused.code()), (StatusCode::FORBIDDEN, "forbidden".into()));

        let closed = owner.post(&format!("/api/v1/polls/{id}/close"), json!({})).await;
        assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
        let closed = closed.json();
        assert_eq!(closed["closed"], json!(true));
        assert_eq!(closed["tally"], json!([0, 1]), "closed, its results show");
        // votes stop
        let late = attendee.post(&format!("/api/v1/polls/{id}/votes"), json!({"option": 0})).await;
        assert_eq!(late.status, StatusCode::CONFLICT);
        // closing again changes nothing
        let again = owner.post(&format!("/api/v1/polls/{id}/close"), json!({})).await;
        assert_eq!((again.status, again.json()["closes_at"].clone()), (StatusCode::OK, closed["closes_at"].clone()));
    }
);

db_test!(
    async fn shortening_never_takes_an_items_owner_off_the_invitation(t) {
        let router = app(t);
        let token = organizer(&router, "olga").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Vendor").await;
        let decider = owner
            .post(
                &format!("/api/v1/meetings/{m}/attendees"),
                json!({"name": "Dana", "email": "dana@example.com", "role": "decider", "reason": "She signs"}),
            )
            .await;
        assert_eq!(decider.status, StatusCode::CREATED, "{}", decider.body);
        // Kai has no reason to be there, but owns the open item
        let kai = owner
            .post(
                &format!("/api/v1/meetings/{m}/attendees"),
                json!({"name": "Kai", "email": "kai@example.com", "role": "contributor", "reason": ""}),
            )
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let lea = owner
            .post(
                &format!("/api/v1/meetings/{m}/attendees"),
                json!({"name": "Lea", "email": "lea@example.com", "role": "informed", "reason": "Needs the result"}),
            )
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        owner
            .post(&format!("/api/v1/meetings/{m}/agenda"), json!({"title": "Pick the vendor", "kind": "decide", "minutes": 20, "owner_id": kai}))
            .await;
        let settled = owner
            .post(&format!("/api/v1/meetings/{m}/agenda"), json!({"title": "Budget", "kind": "inform", "minutes": 10}))
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let patch = owner
            .api(axum::http::Method::PATCH, &format!("/api/v1/agenda/{settled}"), Some(json!({"resolved_async": true, "resolution": "Approved"})))
            .await;
        assert_eq!(patch.status, StatusCode::OK, "{}", patch.body);
        circulate(&router, &token, &m).await;

        let verdict = owner.get(&format!("/api/v1/meetings/{m}/verdict")).await.json();
        assert_eq!(verdict["verdict"], json!("shorten"), "{verdict}");
        let drop = verdict["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kind"] == json!("drop_attendees"))
            .expect("the informed person comes off");
        assert_eq!(drop["attendee_ids"], json!([lea]), "never the owner of an open item");
        assert!(
            verdict["reasons"].as_array().unwrap().iter().any(|r| r["signal"] == json!("missing_reasons")),
            "the owner is still asked for a reason: {verdict}"
        );

        let decided = owner
            .post(&format!("/api/v1/meetings/{m}/decision"), json!({"decision": "shorten"}))
            .await;
        assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
        let after = owner.get(&format!("/api/v1/meetings/{m}")).await.json();
        let names: Vec<&str> = after["attendees"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert!(names.contains(&"Kai") && !names.contains(&"Lea"), "{names:?}");
        let agenda = after["agenda"].clone();
        assert_eq!(agenda[0]["owner_id"], json!(kai), "the item keeps its owner: {agenda}");
    }
);

db_test!(
    async fn a_slot_outside_someones_day_is_named_in_their_own_time(t) {
        let router = app(t);
        let token = organizer(&router, "olga").await;
        let owner = Client::bearer(&router, &token);
        let mut body = meeting_body("Berlin morning");
        body["time_zone"] = json!("Europe/Berlin");
        body["starts_at"] = json!("2099-12-01T09:00:00Z"); // 10:00 in Berlin, 04:00 in New York
        let m = owner.post("/api/v1/meetings", body).await.json()["id"].as_str().unwrap().to_owned();
        for (name, role, zone) in [("Dana", "decider", "Europe/Berlin"), ("Ana", "contributor", "America/New_York")] {
            let added = owner
                .post(
                    &format!("/api/v1/meetings/{m}/attendees"),
                    json!({"name": name, "email": format!("{name}@example.com"), "role": role, "reason": "Needed",
                           "time_zone": zone, "work_start": "09:00", "work_end": "17:00"}),
                )
                .await;
            assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
        }
        owner
            .post(&format!("/api/v1/meetings/{m}/agenda"), json!({"title": "Decide", "kind": "decide", "minutes": 20}))
            .await;
        let verdict = owner.get(&format!("/api/v1/meetings/{m}/verdict")).await.json();
        let messages: Vec<&str> = verdict["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["signal"] == json!("working_hours"))
            .map(|r| r["message"].as_str().unwrap())
            .collect();
        assert!(
            messages.iter().any(|m| m.starts_with("The slot falls outside Ana's working hours (04:00 their time).")
                && m.contains("from 15:00 to 17:00 (meeting time)")),
            "{messages:?}"
        );
    }
);
