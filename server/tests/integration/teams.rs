//! Teams (API.md, "Teams"; PRODUCT.md, "Teams: the norms a lead sets once"): the access matrix
//! of every team route, norms at, below and above their bounds, circulating refused with every
//! breach named and nothing changed, exceptions recorded once per norm and shown to attendees
//! and in the verdict, co-organizers and reading leads, an invitation through real SMTP that a
//! sign-up takes up, and lists that are pages.

use crate::support::*;
use app::db_test;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

async fn signup(router: &axum::Router, name: &str) -> (Client, String) {
    let answer = Client::new(router)
        .post(
            "/api/v1/auth/signup",
            json!({"name": name, "email": format!("{name}@example.com"), "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let json = answer.json();
    (
        Client::bearer(router, json["token"].as_str().unwrap()),
        json["user"]["id"].as_str().unwrap().to_owned(),
    )
}

async fn team(lead: &Client, norms: Value) -> String {
    let answer = lead
        .post("/api/v1/teams", json!({"name": "Platform", "norms": norms}))
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    assert_eq!(answer.json()["role"], "lead");
    answer.json()["id"].as_str().unwrap().to_owned()
}

/// A team meeting starting in 10 days, with a deadline in 5.
async fn team_meeting(c: &Client, team: &str, minutes: u32) -> String {
    let now = jiff::Timestamp::now();
    let start = now + jiff::SignedDuration::from_hours(240);
    let deadline = now + jiff::SignedDuration::from_hours(120);
    let answer = c
        .post(
            "/api/v1/meetings",
            json!({
                "title": "Quarterly plan", "purpose_kind": "plan", "outcome": "A plan",
                "duration_minutes": minutes, "team_id": team,
                "starts_at": start.to_string(), "response_deadline": deadline.to_string(),
            }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    answer.json()["id"].as_str().unwrap().to_owned()
}

async fn add_people(c: &Client, meeting: &str, n: usize) -> Vec<String> {
    let mut tokens = Vec::new();
    for i in 0..n {
        let answer = c
            .post(
                &format!("/api/v1/meetings/{meeting}/attendees"),
                json!({"name": format!("p{i}"), "email": format!("p{i}@example.com"),
                       "role": if i == 0 { "decider" } else { "contributor" }, "reason": "Needed"}),
            )
            .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
        tokens.push(answer.json()["token"].as_str().unwrap().to_owned());
    }
    let item = c
        .post(
            &format!("/api/v1/meetings/{meeting}/agenda"),
            json!({"title": "Plan", "kind": "decide", "minutes": 20}),
        )
        .await;
    assert_eq!(item.status, StatusCode::CREATED, "{}", item.body);
    tokens
}

db_test!(
    async fn the_team_routes_answer_members_only_and_keep_a_lead(t) {
        let router = app(t);
        let (lead, _) = signup(&router, "lena").await;
        let (member, member_id) = signup(&router, "omar").await;
        let (outsider, _) = signup(&router, "xavi").await;
        let team = team(&lead, json!({})).await;
        let added = lead
            .post(&format!("/api/v1/teams/{team}/members"), json!({"email": "OMAR@example.com", "role": "organizer"}))
            .await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
        assert_eq!(added.json()["status"], "active");
        assert_eq!(added.json()["user_id"], member_id.as_str());
        let again = lead
            .post(&format!("/api/v1/teams/{team}/members"), json!({"email": "omar@example.com", "role": "lead"}))
            .await;
        assert_eq!((again.status, again.code()), (StatusCode::CONFLICT, "conflict".into()));
        // an attendee's link opens one meeting, never a team
        let m = meeting(&router, lead.bearer.as_deref().unwrap(), "Own").await;
        let (_, attendee_token) = invite(&router, lead.bearer.as_deref().unwrap(), &m, "ana").await;
        circulate(&router, lead.bearer.as_deref().unwrap(), &m).await;
        let attendee = Client::bearer(&router, &attendee_token);
        let nobody = Client::new(&router);
        let unknown = uuid::Uuid::now_v7().to_string();
        let path = format!("/api/v1/teams/{team}");
        // (who, method, path, body, expected)
        let cases: Vec<(&Client, Method, String, Option<Value>, StatusCode)> = vec![
            (&lead, Method::GET, path.clone(), None, StatusCode::OK),
            (&member, Method::GET, path.clone(), None, StatusCode::OK),
            (&outsider, Method::GET, path.clone(), None, StatusCode::NOT_FOUND),
            (&attendee, Method::GET, path.clone(), None, StatusCode::NOT_FOUND),
            (&nobody, Method::GET, path.clone(), None, StatusCode::UNAUTHORIZED),
            (&lead, Method::GET, format!("/api/v1/teams/{unknown}"), None, StatusCode::NOT_FOUND),
            (&member, Method::PATCH, path.clone(), Some(json!({"name": "Mine"})), StatusCode::FORBIDDEN),
            (&outsider, Method::PATCH, path.clone(), Some(json!({"name": "Mine"})), StatusCode::NOT_FOUND),
            (&member, Method::POST, format!("{path}/members"), Some(json!({"email": "z@example.com", "role": "lead"})), StatusCode::FORBIDDEN),
            (&outsider, Method::POST, format!("{path}/members"), Some(json!({"email": "z@example.com", "role": "lead"})), StatusCode::NOT_FOUND),
            (&member, Method::DELETE, format!("{path}/members/{member_id}"), None, StatusCode::FORBIDDEN),
            (&outsider, Method::DELETE, format!("{path}/members/{member_id}"), None, StatusCode::NOT_FOUND),
            (&lead, Method::PATCH, path.clone(), Some(json!({"name": "Platform team"})), StatusCode::OK),
        ];
        for (who, method, p, body, expected) in cases {
            let answer = who.api(method.clone(), &p, body).await;
            assert_eq!(answer.status, expected, "{method} {p}: {}", answer.body);
            if expected == StatusCode::NOT_FOUND {
                assert!(!answer.body.contains("Platform"), "{}", answer.body);
            }
        }
        let listed = member.get("/api/v1/teams").await.json();
        assert_eq!(listed["teams"][0]["role"], "organizer");
        assert_eq!(listed["teams"][0]["name"], "Platform team");
        assert_eq!(outsider.get("/api/v1/teams").await.json()["teams"], json!([]));
        // the last lead stays; once another lead is in, the first may go
        let me = lead.get(&path).await.json();
        let lead_id = me["members"][0]["user_id"].as_str().unwrap().to_owned();
        let last = lead.api(Method::DELETE, &format!("{path}/members/{lead_id}"), None).await;
        assert_eq!((last.status, last.code()), (StatusCode::CONFLICT, "conflict".into()));
        let (third, third_id) = signup(&router, "uma").await;
        lead.post(&format!("{path}/members"), json!({"email": "uma@example.com", "role": "lead"})).await;
        assert_eq!(third.get(&path).await.json()["role"], "lead");
        let gone = third.api(Method::DELETE, &format!("{path}/members/{lead_id}"), None).await;
        assert_eq!(gone.status, StatusCode::NO_CONTENT, "{}", gone.body);
        assert_eq!(lead.get(&path).await.status, StatusCode::NOT_FOUND);
        let last = third.api(Method::DELETE, &format!("{path}/members/{third_id}"), None).await;
        assert_eq!(last.status, StatusCode::CONFLICT);
    }
);

db_test!(
    async fn norms_take_their_defaults_and_refuse_values_out_of_range(t) {
        let router = app(t);
        let (lead, _) = signup(&router, "lena").await;
        let team = team(&lead, json!({"max_invitees": 5})).await;
        let got = lead.get(&format!("/api/v1/teams/{team}")).await.json();
        assert_eq!(
            got["norms"],
            json!({"min_response_hours": 24, "min_lead_hours": 72, "max_invitees": 5,
                   "no_meeting_days": [], "core_start": "09:00", "core_end": "17:00",
                   "time_zone": "UTC", "max_minutes": 60, "require_preread_for": ["decide"],
                   "anonymous_by_default": false, "hourly_rate": null})
        );
        let path = format!("/api/v1/teams/{team}");
        for (norm, low, high) in [
            ("min_response_hours", 0, 336),
            ("min_lead_hours", 0, 720),
            ("max_invitees", 1, 200),
            ("max_minutes", 5, 480),
        ] {
            for ok in [low, high] {
                let answer = lead.api(Method::PATCH, &path, Some(json!({"norms": {norm: ok}}))).await;
                assert_eq!(answer.status, StatusCode::OK, "{norm}={ok}: {}", answer.body);
                assert_eq!(answer.json()["norms"][norm], ok);
            }
            for bad in [low - 1, high + 1] {
                let before = lead.get(&path).await.body;
                let answer = lead.api(Method::PATCH, &path, Some(json!({"norms": {norm: bad}}))).await;
                assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{norm}={bad}");
                assert_eq!(answer.json()["error"]["field"], format!("norms.{norm}"));
                assert_eq!(lead.get(&path).await.body, before, "a refused change changes nothing");
            }
        }
        for (norms, field, status) in [
            (json!({"no_meeting_days": [0]}), "norms.no_meeting_days", StatusCode::UNPROCESSABLE_ENTITY),
            (json!({"no_meeting_days": [8]}), "norms.no_meeting_days", StatusCode::UNPROCESSABLE_ENTITY),
            (json!({"time_zone": "Mars/Olympus"}), "norms.time_zone", StatusCode::BAD_REQUEST),
            (json!({"require_preread_for": ["party"]}), "norms.require_preread_for[0]", StatusCode::BAD_REQUEST),
            (json!({"core_start": "18:00"}), "norms.core_end", StatusCode::UNPROCESSABLE_ENTITY),
            (json!({"hourly_rate": -1}), "norms.hourly_rate", StatusCode::UNPROCESSABLE_ENTITY),
        ] {
            let answer = lead.api(Method::PATCH, &path, Some(json!({"norms": norms}))).await;
            assert_eq!(answer.status, status, "{norms}: {}", answer.body);
            assert_eq!(answer.json()["error"]["field"], field, "{}", answer.body);
        }
        let merged = lead
            .api(Method::PATCH, &path, Some(json!({"norms": {"no_meeting_days": [5, 5, 3], "time_zone": "Europe/Berlin"}})))
            .await
            .json();
        assert_eq!(merged["norms"]["no_meeting_days"], json!([3, 5]));
        assert_eq!(merged["norms"]["max_minutes"], 480, "other norms stay as they were");
        let empty = lead.post("/api/v1/teams", json!({"name": "  "})).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
);

db_test!(
    async fn circulating_in_breach_is_refused_until_the_organizer_says_why(t) {
        let router = app(t);
        let (lead, _) = signup(&router, "lena").await;
        let (organizer, _) = signup(&router, "omar").await;
        let team = team(&lead, json!({"anonymous_by_default": true, "time_zone": "Europe/Paris"})).await;
        lead.post(&format!("/api/v1/teams/{team}/members"), json!({"email": "omar@example.com", "role": "organizer"})).await;
        let m = team_meeting(&organizer, &team, 90).await;
        let tokens = add_people(&organizer, &m, 9).await;
        let brief = organizer.get(&format!("/api/v1/meetings/{m}")).await.json();
        assert_eq!(brief["team_id"], team.as_str());
        assert_eq!(brief["time_zone"], "Europe/Paris", "the team's zone fills what was left out");
        assert_eq!(brief["anonymous"], true);
        let norms: Vec<&str> = brief["norm_breaches"].as_array().unwrap().iter().map(|b| b["norm"].as_str().unwrap()).collect();
        assert_eq!(norms, ["max_minutes", "max_invitees"], "{}", brief["norm_breaches"]);
        assert!(brief["norm_breaches"][1]["message"].as_str().unwrap().starts_with("9 people invited; your team's limit is 8."));
        let before = t.snapshot().await;
        let refused = organizer.post(&format!("/api/v1/meetings/{m}/circulate"), json!({})).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
        assert_eq!(refused.code(), "norm_breached");
        let refusal = refused.json();
        let named: Vec<&str> = refusal["breaches"].as_array().unwrap().iter().map(|b| b["norm"].as_str().unwrap()).collect();
        assert_eq!(named, ["max_minutes", "max_invitees"]);
        assert_eq!(t.snapshot().await, before, "a refusal changes nothing, queues nothing");
        let too_long = organizer
            .post(&format!("/api/v1/meetings/{m}/circulate"), json!({"exception": {"reason": "x".repeat(501)}}))
            .await;
        assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(too_long.json()["error"]["field"], "exception.reason");
        assert_eq!(t.snapshot().await, before);
        let went = organizer
            .post(&format!("/api/v1/meetings/{m}/circulate"), json!({"exception": {"reason": "The whole tribe must hear it"}}))
            .await;
        assert_eq!(went.status, StatusCode::OK, "{}", went.body);
        let exceptions = went.json()["norm_exceptions"].clone();
        assert_eq!(exceptions.as_array().unwrap().len(), 2);
        assert_eq!(exceptions[0]["reason"], "The whole tribe must hear it");
        assert_eq!(exceptions[0]["by"]["name"], "omar");
        // circulating again records nothing twice
        organizer.post(&format!("/api/v1/meetings/{m}/circulate"), json!({"exception": {"reason": "again"}})).await;
        // attendees see the exceptions and the verdict gives them as a reason
        let attendee = Client::bearer(&router, &tokens[1]);
        let seen = attendee.get(&format!("/api/v1/meetings/{m}")).await.json();
        assert_eq!(seen["norm_exceptions"], exceptions);
        let verdict = organizer.get(&format!("/api/v1/meetings/{m}/verdict")).await.json();
        let reasons = verdict["reasons"].as_array().unwrap();
        assert!(reasons.iter().any(|r| r["signal"] == "norm_exception"), "{verdict}");
    }
);

db_test!(
    async fn a_meeting_on_a_no_meeting_day_leans_async_and_a_personal_meeting_has_no_norms(t) {
        let router = app(t);
        let (lead, _) = signup(&router, "lena").await;
        let team = team(&lead, json!({"no_meeting_days": [2, 3, 4, 5, 6, 7], "max_invitees": 200, "max_minutes": 480})).await;
        let m = team_meeting(&lead, &team, 30).await;
        add_people(&lead, &m, 1).await;
        let brief = lead.get(&format!("/api/v1/meetings/{m}")).await.json();
        let start: jiff::Timestamp = brief["starts_at"].as_str().unwrap().parse().unwrap();
        let monday = start.to_zoned(jiff::tz::TimeZone::UTC).weekday() == jiff::civil::Weekday::Monday;
        let verdict = lead.get(&format!("/api/v1/meetings/{m}/verdict")).await.json();
        let flagged = verdict["reasons"].as_array().unwrap().iter().any(|r| r["signal"] == "no_meeting_day");
        assert_eq!(flagged, !monday, "{verdict}");
        let breached = brief["norm_breaches"].as_array().unwrap().iter().any(|b| b["norm"] == "no_meeting_days");
        assert_eq!(breached, !monday);
        let own = meeting(&router, lead.bearer.as_deref().unwrap(), "Personal").await;
        let own = lead.get(&format!("/api/v1/meetings/{own}")).await.json();
        assert_eq!((own["team_id"].clone(), own["norm_breaches"].clone()), (Value::Null, json!([])));
        // somebody else's team is as unknown as none
        let (other, _) = signup(&router, "xavi").await;
        let answer = other
            .post("/api/v1/meetings", json!({"title": "T", "purpose_kind": "plan", "outcome": "O", "duration_minutes": 30, "team_id": team}))
            .await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", answer.body);
    }
);

db_test!(
    async fn leads_read_the_teams_meetings_and_co_organizers_edit_them(t) {
        let router = app(t);
        let (lead, lead_id) = signup(&router, "lena").await;
        let (omar, omar_id) = signup(&router, "omar").await;
        let (pia, pia_id) = signup(&router, "pia").await;
        let (outsider, outsider_id) = signup(&router, "xavi").await;
        let team = team(&lead, json!({})).await;
        for who in ["omar", "pia"] {
            lead.post(&format!("/api/v1/teams/{team}/members"), json!({"email": format!("{who}@example.com"), "role": "organizer"})).await;
        }
        let m = team_meeting(&omar, &team, 30).await;
        let path = format!("/api/v1/meetings/{m}");
        // a draft: the lead reads it, another member does not see it, nobody else does
        assert_eq!(lead.get(&path).await.status, StatusCode::OK);
        assert_eq!(lead.get(&path).await.json()["viewer"]["lead"], true);
        assert_eq!(pia.get(&path).await.status, StatusCode::NOT_FOUND);
        assert_eq!(outsider.get(&path).await.status, StatusCode::NOT_FOUND);
        let edit = lead.api(Method::PATCH, &path, Some(json!({"title": "Mine now"}))).await;
        assert_eq!(edit.status, StatusCode::FORBIDDEN);
        // co-organizers: members of the team only; then they edit like the creator
        let stranger = omar.post(&format!("{path}/organizers"), json!({"user_id": outsider_id})).await;
        assert_eq!(stranger.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", stranger.body);
        let by_pia = pia.post(&format!("{path}/organizers"), json!({"user_id": pia_id})).await;
        assert_eq!(by_pia.status, StatusCode::NOT_FOUND, "she cannot see it");
        let added = omar.post(&format!("{path}/organizers"), json!({"user_id": pia_id})).await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
        assert_eq!(added.json()["organizers"].as_array().unwrap().len(), 2);
        assert_eq!(pia.api(Method::PATCH, &path, Some(json!({"title": "Co-edited"}))).await.status, StatusCode::OK);
        // a lead may add themselves, nobody else
        let lead_adds_other = lead.post(&format!("{path}/organizers"), json!({"user_id": omar_id})).await;
        assert_eq!(lead_adds_other.status, StatusCode::FORBIDDEN);
        let lead_joins = lead.post(&format!("{path}/organizers"), json!({"user_id": lead_id})).await;
        assert_eq!(lead_joins.status, StatusCode::CREATED, "{}", lead_joins.body);
        assert_eq!(lead.get(&path).await.json()["viewer"]["organizer"], true);
        // the team's list: every meeting for the lead, own and co-organized for the others
        let (solo, _) = (team_meeting(&omar, &team, 30).await, ());
        let lead_list = lead.get(&format!("/api/v1/meetings?team_id={team}")).await.json();
        assert_eq!(lead_list["meetings"].as_array().unwrap().len(), 2);
        let pia_list = pia.get(&format!("/api/v1/meetings?team_id={team}")).await.json();
        let ids: Vec<&str> = pia_list["meetings"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
        assert_eq!(ids, [m.as_str()], "not {solo}");
        assert_eq!(outsider.get(&format!("/api/v1/meetings?team_id={team}")).await.status, StatusCode::NOT_FOUND);
        // organizers go, never the last
        for who in [&lead_id, &omar_id] {
            let gone = pia.api(Method::DELETE, &format!("{path}/organizers/{who}"), None).await;
            assert_eq!(gone.status, StatusCode::NO_CONTENT, "{}", gone.body);
        }
        assert_eq!(omar.get(&path).await.status, StatusCode::NOT_FOUND, "the creator removed sees it no more");
        let last = pia.api(Method::DELETE, &format!("{path}/organizers/{pia_id}"), None).await;
        assert_eq!((last.status, last.code()), (StatusCode::CONFLICT, "conflict".into()));
        let not_one = pia.api(Method::DELETE, &format!("{path}/organizers/{outsider_id}"), None).await;
        assert_eq!(not_one.status, StatusCode::NOT_FOUND);
    }
);

db_test!(
    async fn an_invitation_to_an_unknown_address_arrives_by_smtp_and_the_sign_up_takes_it_up(t) {
        use app::ssr::notify::{transport::Mailer, worker};
        let maildev = crate::deliveries::MailDev::start();
        let url = format!("smtp://127.0.0.1:{}", maildev.smtp);
        let (state, _dir) = crate::deliveries::state(t, Some(&url));
        let mailer = Mailer::new(&state.config).unwrap();
        let router = app_with(state.clone());
        let (lead, _) = signup(&router, "lena").await;
        // Tuesday 10:00 UTC is 11:00 in Paris: inside the team's core hours
        let team = team(&lead, json!({"time_zone": "Europe/Paris"})).await;
        let added = lead
            .post(&format!("/api/v1/teams/{team}/members"), json!({"email": "newcomer@example.com", "name": "Nia", "role": "organizer"}))
            .await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
        assert_eq!((added.json()["status"].clone(), added.json()["user_id"].clone()), (json!("invited"), Value::Null));
        maildev.listening().await;
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 1);
        let received = maildev.wait_for(1).await;
        assert_eq!(received[0]["envelope"]["to"][0]["address"], "newcomer@example.com");
        assert_eq!(received[0]["subject"], "Join the team Platform on Prework");
        assert!(received[0]["text"].as_str().unwrap().contains("/signup"));
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 0, "sent once");
        let nia = Client::new(&router)
            .post("/api/v1/auth/signup", json!({"name": "Nia", "email": "Newcomer@example.com", "password": "correct horse battery"}))
            .await;
        assert_eq!(nia.status, StatusCode::CREATED, "{}", nia.body);
        let nia = Client::bearer(&router, nia.json()["token"].as_str().unwrap());
        let team_seen = nia.get(&format!("/api/v1/teams/{team}")).await;
        assert_eq!(team_seen.status, StatusCode::OK, "{}", team_seen.body);
        let me = team_seen.json()["members"].as_array().unwrap().iter().find(|m| m["email"] == "newcomer@example.com").unwrap().clone();
        assert_eq!(me["status"], "active");
    }
);

db_test!(
    async fn lists_are_pages_that_never_repeat_or_skip(t) {
        let router = app(t);
        let (c, _) = signup(&router, "lena").await;
        let mut made = Vec::new();
        for i in 0..7 {
            made.push(meeting(&router, c.bearer.as_deref().unwrap(), &format!("M{i}")).await);
        }
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let path = match &cursor {
                Some(c) => format!("/api/v1/meetings?limit=3&cursor={c}"),
                None => "/api/v1/meetings?limit=3".to_owned(),
            };
            let page = c.get(&path).await;
            assert_eq!(page.status, StatusCode::OK, "{}", page.body);
            let page = page.json();
            for m in page["meetings"].as_array().unwrap() {
                seen.push(m["id"].as_str().unwrap().to_owned());
            }
            pages += 1;
            // a meeting added meanwhile starts a new page of its own: never this list's
            if pages == 1 {
                meeting(&router, c.bearer.as_deref().unwrap(), "Added meanwhile").await;
            }
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        assert_eq!(pages, 3);
        made.reverse();
        assert_eq!(seen, made, "newest first, each once");
        for bad in ["limit=0", "limit=201", "limit=ten", "cursor=nonsense", "cursor=1_2", "status=party"] {
            let answer = c.get(&format!("/api/v1/meetings?{bad}")).await;
            assert_eq!((answer.status, answer.code()), (StatusCode::BAD_REQUEST, "invalid".into()), "{bad}");
        }
        let drafts = c.get("/api/v1/meetings?status=draft&limit=200").await.json();
        assert_eq!(drafts["meetings"].as_array().unwrap().len(), 8);
        assert_eq!(drafts["next_cursor"], Value::Null);
        assert_eq!(c.get("/api/v1/meetings?status=held").await.json()["meetings"], json!([]));
        // a meeting's messages are pages too
        let token = c.bearer.clone().unwrap();
        for name in ["ana", "ben", "cy"] {
            invite(&router, &token, &made[0], name).await;
        }
        circulate(&router, &token, &made[0]).await;
        let path = format!("/api/v1/meetings/{}/deliveries", made[0]);
        let first = c.get(&format!("{path}?limit=2")).await.json();
        assert_eq!(first["deliveries"].as_array().unwrap().len(), 2, "{first}");
        let next = first["next_cursor"].as_str().unwrap();
        let second = c.get(&format!("{path}?limit=2&cursor={next}")).await.json();
        assert_eq!(second["deliveries"].as_array().unwrap().len(), 1);
        assert_eq!(second["next_cursor"], Value::Null);
        let all = c.get(&path).await.json();
        let ids = |v: &Value| v["deliveries"].as_array().unwrap().iter().map(|d| d["id"].clone()).collect::<Vec<_>>();
        assert_eq!([ids(&first), ids(&second)].concat(), ids(&all));
        assert_eq!(c.get(&format!("{path}?limit=0")).await.status, StatusCode::BAD_REQUEST);
    }
);
