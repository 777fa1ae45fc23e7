//! The access matrix: every API route and server function, called by the meeting's owner,
//! another organizer, an attendee of this meeting, an attendee of another meeting, and nobody.

use crate::support::*;
use app::db_test;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

struct World {
    owner: Client,
    other: Client,
    attendee: Client,
    stranger: Client,
    nobody: Client,
    meeting: String,
    /// Attendees of `meeting` that the matrix edits, so the attendee client keeps its link.
    spare: Vec<String>,
}

async fn world(router: &axum::Router) -> World {
    let owner_token = organizer(router, "owner").await;
    let other_token = organizer(router, "other").await;
    let meeting = meeting(router, &owner_token, "Budget review").await;
    let (_, attendee_token) = invite(router, &owner_token, &meeting, "ana").await;
    let mut spare = Vec::new();
    for name in ["bo", "cy", "di", "ed", "fa"] {
        spare.push(invite(router, &owner_token, &meeting, name).await.0);
    }
    circulate(router, &owner_token, &meeting).await;
    let elsewhere = crate::support::meeting(router, &other_token, "Elsewhere").await;
    let (_, stranger_token) = invite(router, &other_token, &elsewhere, "zed").await;
    circulate(router, &other_token, &elsewhere).await;
    World {
        owner: Client::bearer(router, &owner_token),
        other: Client::bearer(router, &other_token),
        attendee: Client::bearer(router, &attendee_token),
        stranger: Client::bearer(router, &stranger_token),
        nobody: Client::new(router),
        meeting,
        spare,
    }
}

impl World {
    /// Calls one route as each of the five callers, in the order: nobody, stranger, other
    /// organizer, attendee, owner (so a destructive call by the owner comes last), and checks
    /// each status.
    async fn check(&self, method: Method, path: &str, body: Option<Value>, expected: [u16; 5]) {
        let callers = [
            ("nobody", &self.nobody),
            ("attendee of another meeting", &self.stranger),
            ("another organizer", &self.other),
            ("attendee", &self.attendee),
            ("owner", &self.owner),
        ];
        for ((who, client), want) in callers.into_iter().zip(expected) {
            let answer = client.api(method.clone(), path, body.clone()).await;
            assert_eq!(
                answer.status.as_u16(),
                want,
                "{method} {path} as {who}: {}",
                answer.body
            );
            if want >= 400 {
                let code = answer.code();
                assert!(
                    !code.is_empty(),
                    "{method} {path} as {who}: no error envelope"
                );
            }
        }
    }
}

db_test!(
    async fn api_routes(t) {
        let router = app(t);
        let w = world(&router).await;
        let m = &w.meeting;
        //                                  nobody stranger other attendee owner
        w.check(Method::GET, &format!("/api/v1/meetings/{m}"), None, [401, 404, 404, 200, 200])
            .await;
        w.check(Method::GET, "/api/v1/meetings", None, [401, 200, 200, 200, 200]).await;
        w.check(
            Method::POST,
            "/api/v1/meetings",
            Some(meeting_body("New")),
            [401, 403, 201, 403, 201],
        )
        .await;
        w.check(
            Method::PATCH,
            &format!("/api/v1/meetings/{m}"),
            Some(json!({"title": "Renamed"})),
            [401, 404, 404, 403, 200],
        )
        .await;
        w.check(
            Method::POST,
            &format!("/api/v1/meetings/{m}/circulate"),
            None,
            [401, 404, 404, 403, 200],
        )
        .await;
        w.check(
            Method::POST,
            &format!("/api/v1/meetings/{m}/attendees"),
            Some(json!({"name": "Gil", "email": "gil@example.com", "role": "informed", "reason": "x"})),
            [401, 404, 404, 403, 201],
        )
        .await;
        let a = &w.spare[0];
        w.check(
            Method::PATCH,
            &format!("/api/v1/attendees/{a}"),
            Some(json!({"reason": "Runs the numbers"})),
            [401, 404, 404, 403, 200],
        )
        .await;
        w.check(
            Method::POST,
            &format!("/api/v1/attendees/{}/link", w.spare[1]),
            None,
            [401, 404, 404, 403, 200],
        )
        .await;
        w.check(
            Method::POST,
            &format!("/api/v1/meetings/{m}/me"),
            Some(json!({"ready": true})),
            [401, 404, 404, 200, 409],
        )
        .await;
        w.check(
            Method::DELETE,
            &format!("/api/v1/attendees/{}", w.spare[2]),
            None,
            [401, 404, 404, 403, 204],
        )
        .await;
        w.check(Method::DELETE, &format!("/api/v1/meetings/{m}"), None, [401, 404, 404, 403, 204])
            .await;
        // and now it is gone for everyone; the attendee's link went with it
        w.check(Method::GET, &format!("/api/v1/meetings/{m}"), None, [401, 404, 404, 401, 404])
            .await;
    }
);

db_test!(
    async fn lists_show_only_what_the_caller_may_open(t) {
        let router = app(t);
        let w = world(&router).await;
        let ids = |answer: crate::support::Answer| -> Vec<String> {
            answer.json()["meetings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["id"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(ids(w.owner.get("/api/v1/meetings").await), std::slice::from_ref(&w.meeting));
        assert_eq!(ids(w.attendee.get("/api/v1/meetings").await), std::slice::from_ref(&w.meeting));
        assert!(!ids(w.other.get("/api/v1/meetings").await).contains(&w.meeting));
        assert!(!ids(w.stranger.get("/api/v1/meetings").await).contains(&w.meeting));
    }
);

db_test!(
    async fn drafts_do_not_exist_for_their_attendees(t) {
        let router = app(t);
        let owner = organizer(&router, "owner").await;
        let m = meeting(&router, &owner, "Not yet").await;
        let (_, token) = invite(&router, &owner, &m, "ana").await;
        let attendee = Client::bearer(&router, &token);
        assert_eq!(attendee.get(&format!("/api/v1/meetings/{m}")).await.status, StatusCode::NOT_FOUND);
        assert!(attendee.get("/api/v1/meetings").await.json()["meetings"].as_array().unwrap().is_empty());
        circulate(&router, &owner, &m).await;
        let seen = attendee.get(&format!("/api/v1/meetings/{m}")).await;
        assert_eq!(seen.status, StatusCode::OK);
        let json = seen.json();
        // attendees see each other without email addresses, and themselves with theirs
        let people = json["attendees"].as_array().unwrap();
        assert_eq!(people.len(), 1);
        assert_eq!(people[0]["email"], "ana@example.com");
        assert_eq!(json["viewer"]["attendee_id"], people[0]["id"]);
    }
);

db_test!(
    async fn unknown_and_malformed_ids_are_not_found(t) {
        let router = app(t);
        let owner = Client::bearer(&router, &organizer(&router, "owner").await);
        for path in [
            "/api/v1/meetings/0191d8e0-0000-7000-8000-000000000000",
            "/api/v1/meetings/not-a-uuid",
            "/api/v1/attendees/not-a-uuid",
            "/api/v1/nothing-here",
        ] {
            let answer = owner.api(Method::PATCH, path, Some(json!({}))).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
            assert_eq!(answer.code(), "not_found");
        }
    }
);

// Server functions, called as the hydrated app calls them, with browser sessions.
db_test!(
    async fn server_functions(t) {
        let router = app(t);
        let owner_token = organizer(&router, "owner").await;
        let m = meeting(&router, &owner_token, "Budget").await;
        let (_, ana_token) = invite(&router, &owner_token, &m, "ana").await;
        let (zed, _) = invite(&router, &owner_token, &m, "zed").await;
        circulate(&router, &owner_token, &m).await;
        let other_token = organizer(&router, "other").await;
        let elsewhere = meeting(&router, &other_token, "Elsewhere").await;
        let (_, stranger_token) = invite(&router, &other_token, &elsewhere, "sam").await;
        circulate(&router, &other_token, &elsewhere).await;

        async fn browser_of(router: &axum::Router, login: Option<&str>, link: Option<&str>) -> Client {
            let mut c = Client::new(router);
            if let Some(email) = login {
                let a = c
                    .form(
                        "/rpc/log_in",
                        &[("credentials[email]", email), ("credentials[password]", "correct horse battery")],
                        false,
                    )
                    .await;
                assert_eq!(a.status, StatusCode::OK, "{}", a.body);
            }
            if let Some(token) = link {
                let a = c.page(&format!("/i/{token}")).await;
                assert_eq!(a.status, StatusCode::SEE_OTHER);
            }
            c
        }
        let mut callers = [
            ("nobody", browser_of(&router, None, None).await),
            ("stranger", browser_of(&router, None, Some(&stranger_token)).await),
            ("other", browser_of(&router, Some("other@example.com"), None).await),
            ("attendee", browser_of(&router, None, Some(&ana_token)).await),
            ("owner", browser_of(&router, Some("owner@example.com"), None).await),
        ];
        type Call<'a> = (&'a str, Vec<(&'a str, String)>, [u16; 5]);
        let calls: [Call; 5] = [
            ("/rpc/get_meeting", vec![("id", m.clone())], [401, 404, 404, 200, 200]),
            ("/rpc/list_meetings", vec![], [200, 200, 200, 200, 200]),
            // already circulated: only its organizer learns so
            ("/rpc/circulate_meeting", vec![("id", m.clone())], [401, 404, 404, 403, 409]),
            (
                "/rpc/add_attendee",
                vec![
                    ("meeting", m.clone()),
                    ("person[name]", "Gil".into()),
                    ("person[email]", "gil@example.com".into()),
                    ("person[role]", "informed".into()),
                    ("person[duration_minutes]", "ignored".into()),
                ],
                [401, 404, 404, 403, 200],
            ),
            ("/rpc/regenerate_link", vec![("attendee", zed.clone())], [401, 404, 404, 403, 200]),
        ];
        for (path, pairs, expected) in calls {
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            for ((who, client), want) in callers.iter_mut().zip(expected) {
                let answer = client.form(path, &pairs, false).await;
                assert_eq!(answer.status.as_u16(), want, "{path} as {who}: {}", answer.body);
            }
        }
        // creating a meeting needs an organizer
        let create = [
            ("meeting[title]", "Mine"),
            ("meeting[purpose_kind]", "plan"),
            ("meeting[outcome]", "A plan"),
            ("meeting[duration_minutes]", "30"),
            ("meeting[time_zone]", "UTC"),
        ];
        for ((who, client), want) in callers.iter_mut().zip([401, 403, 200, 403, 200]) {
            let answer = client.form("/rpc/create_meeting", &create, false).await;
            assert_eq!(answer.status.as_u16(), want, "create_meeting as {who}: {}", answer.body);
        }
        // deleting comes last: it ends the attendee's access
        for ((who, client), want) in callers.iter_mut().zip([401, 404, 404, 403, 200]) {
            let answer = client.form("/rpc/delete_meeting", &[("id", m.as_str())], false).await;
            assert_eq!(answer.status.as_u16(), want, "delete_meeting as {who}: {}", answer.body);
        }
    }
);
