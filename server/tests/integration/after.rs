//! After the meeting (API.md, "Action items and feedback", "Insights (a team's lead)"): the
//! owner's reminder on the working day before the due date, in their hours; "Was it worth it?"
//! asked once, answered once, stored so nobody can join a person to a score; a lead's insights
//! from a history built here, checked against figures worked out by hand.

use crate::deliveries::{at, state};
use crate::support::*;
use app::db_test;
use app::ssr::notify::followups;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

async fn signup(router: &axum::Router, name: &str) -> Client {
    let answer = Client::new(router)
        .post(
            "/api/v1/auth/signup",
            json!({"name": name, "email": format!("{name}@example.com"), "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    Client::bearer(router, answer.json()["token"].as_str().unwrap())
}

/// A circulated meeting starting at `start` for `minutes`, with Ana and Ben (who meet) and Ivy
/// (informed): (meeting id, [(attendee id, token)] in that order).
async fn circulated(
    owner: &Client,
    start: &str,
    minutes: u32,
    team: Option<&str>,
) -> (String, Vec<(String, String)>) {
    let mut body = json!({"title": "Vendor <choice>", "purpose_kind": "decide", "outcome": "A vendor",
        "duration_minutes": minutes, "time_zone": "UTC", "starts_at": start});
    if let Some(team) = team {
        body["team_id"] = json!(team);
    }
    let made = owner.post("/api/v1/meetings", body).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let id = made.json()["id"].as_str().unwrap().to_owned();
    let mut people = Vec::new();
    for (name, role, zone) in [
        ("Ana", "decider", "Asia/Tokyo"),
        ("Ben", "contributor", "UTC"),
        ("Ivy", "informed", "UTC"),
    ] {
        let p = owner
            .post(
                &format!("/api/v1/meetings/{id}/attendees"),
                json!({"name": name, "email": format!("{}@example.com", name.to_lowercase()),
                    "role": role, "reason": "Needed", "time_zone": zone}),
            )
            .await;
        assert_eq!(p.status, StatusCode::CREATED, "{}", p.body);
        let p = p.json();
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
    owner
        .post(
            &format!("/api/v1/meetings/{id}/prereads"),
            json!({"title": "Options", "markdown": "A or B?", "required": true}),
        )
        .await;
    let c = owner
        .post(&format!("/api/v1/meetings/{id}/circulate"), json!({}))
        .await;
    assert!(c.status.is_success(), "{}", c.body);
    (id, people)
}

async fn decide(owner: &Client, m: &str, decision: &str, actions: Value) -> Value {
    let d = owner
        .post(
            &format!("/api/v1/meetings/{m}/decision"),
            json!({"decision": decision, "actions": actions}),
        )
        .await;
    assert_eq!(d.status, StatusCode::OK, "{}", d.body);
    d.json()
}

/// The delivery log's rows of one kind: (recipient name, status, not_before).
async fn log_of(owner: &Client, m: &str, kind: &str) -> Vec<(String, String, Option<String>)> {
    let log = owner.get(&format!("/api/v1/meetings/{m}/deliveries")).await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.body);
    log.json()["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == kind)
        .map(|d| {
            (
                d["recipient"]["name"].as_str().unwrap().to_owned(),
                d["status"].as_str().unwrap().to_owned(),
                d["not_before"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

db_test!(
    async fn an_owner_is_reminded_once_on_the_working_day_before_in_their_hours(t) {
        let (state, dir) = state(t, None);
        // Tue 1 Dec 2026
        state.clock.set(at("2026-12-01T10:00:00Z"));
        let router = app_with(state.clone());
        let owner = signup(&router, "olga").await;
        let (m, people) = circulated(&owner, "2026-12-03T10:00:00Z", 60, None).await;
        // Ana (Tokyo) owns one due Monday 7 Dec; the outcome tells her so
        decide(&owner, &m, "hold", json!([
            {"title": "Sign the *contract*", "owner_id": people[0].0, "due_on": "2026-12-07"}
        ])).await;
        assert_eq!(log_of(&owner, &m, "action_reminder").await, vec![]);
        // her outcome names it, with her personal link; Ben's names none
        state.clock.set(at("2026-12-03T01:00:00Z"));
        let mailer = app::ssr::notify::transport::Mailer::new(&state.config).unwrap();
        app::ssr::notify::worker::send_now(&state, &mailer).await.unwrap();
        let outcomes: Vec<String> = crate::deliveries::mails(&dir)
            .iter()
            .map(|m| crate::deliveries::unfold(m))
            .filter(|m| m.contains("Outcome: Vendor"))
            .collect();
        let to = |who: &str| outcomes.iter().find(|m| m.contains(&format!("Hello {who},"))).cloned();
        let hers = to("Ana").expect("Ana's outcome (Tokyo: her hours)");
        assert!(hers.contains("One action item is yours:"), "{hers}");
        assert!(hers.contains("Sign the *contract*, due 2026-12-07"), "{hers}");
        assert!(hers.contains("/i/pwa_"), "her personal link: {hers}");
        if let Some(his) = to("Ben") {
            assert!(!his.contains("is yours"), "{his}");
        }
        // Thursday: too early; Friday 08:00 in Tokyo (Thu 23:00 UTC): her day, before her hours
        state.clock.set(at("2026-12-03T12:00:00Z"));
        followups::tick(&state).await.unwrap();
        assert_eq!(log_of(&owner, &m, "action_reminder").await, vec![]);
        state.clock.set(at("2026-12-03T23:00:00Z"));
        followups::tick(&state).await.unwrap();
        followups::tick(&state).await.unwrap();
        assert_eq!(
            log_of(&owner, &m, "action_reminder").await,
            vec![("Ana".to_owned(), "held".to_owned(), Some("2026-12-04T00:00:00Z".to_owned()))],
            "once, held for 09:00 in Tokyo on Friday"
        );
        // done items are not reminded: Ben's item due Wednesday, marked done by him first
        let ben = Client::bearer(&router, &people[1].1);
        let item = owner
            .post(&format!("/api/v1/meetings/{m}/actions"),
                json!({"title": "Book the room", "owner_id": people[1].0, "due_on": "2026-12-09"}))
            .await;
        assert_eq!(item.status, StatusCode::CREATED, "{}", item.body);
        let aid = item.json()["id"].as_str().unwrap().to_owned();
        let done = ben.api(Method::PATCH, &format!("/api/v1/actions/{aid}"), Some(json!({"done": true}))).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        state.clock.set(at("2026-12-08T10:00:00Z"));
        followups::tick(&state).await.unwrap();
        assert_eq!(log_of(&owner, &m, "action_reminder").await.len(), 1);
    }
);

db_test!(
    async fn people_who_met_answer_once_and_nobody_can_tell_who_said_what(t) {
        let (state, _dir) = state(t, None);
        state.clock.set(at("2026-12-01T10:00:00Z"));
        let router = app_with(state.clone());
        let owner = signup(&router, "olga").await;
        // three who meet (Ana, Ben, Cy) and Ivy informed
        let (m, mut people) = circulated(&owner, "2026-12-03T10:00:00Z", 60, None).await;
        let cy = owner
            .post(&format!("/api/v1/meetings/{m}/attendees"),
                json!({"name": "Cy", "email": "cy@example.com", "role": "contributor", "reason": "Needed"}))
            .await
            .json();
        people.push((cy["id"].as_str().unwrap().to_owned(), cy["token"].as_str().unwrap().to_owned()));
        let client = |i: usize| Client::bearer(&router, &people[i].1);
        let path = format!("/api/v1/meetings/{m}/feedback");
        let answer = json!({"score": 4, "better": ["agenda"], "note": "Shorter next time"});

        // before it is decided and ended: 409; informed Ivy: 403
        decide(&owner, &m, "hold", json!([])).await;
        let early = client(0).post(&path, answer.clone()).await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
        assert_eq!(client(2).post(&path, answer.clone()).await.status, StatusCode::FORBIDDEN);
        assert_eq!(owner.post(&path, answer.clone()).await.status, StatusCode::FORBIDDEN);
        followups::tick(&state).await.unwrap();
        assert_eq!(log_of(&owner, &m, "feedback_request").await, vec![], "not before the end");

        // the end passed: each who met is asked once, in their hours
        state.clock.set(at("2026-12-03T11:00:00Z"));
        followups::tick(&state).await.unwrap();
        followups::tick(&state).await.unwrap();
        let mut asked: Vec<String> =
            log_of(&owner, &m, "feedback_request").await.into_iter().map(|(n, ..)| n).collect();
        asked.sort();
        assert_eq!(asked, ["Ana", "Ben", "Cy"]);

        // bad input changes nothing
        let before = t.snapshot().await;
        for bad in [json!({"score": 6}), json!({"score": 0}), json!({}), json!({"score": 3, "note": "x".repeat(1001)})] {
            let r = client(0).post(&path, bad.clone()).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {}", r.body);
        }
        let r = client(0).post(&path, json!({"score": 3, "better": ["coffee"]})).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        // the answer link's page records nothing: a GET, however often
        let mut browser = Client::new(&router);
        let opened = browser.page(&format!("/i/{}?feedback=5", people[0].1)).await;
        assert_eq!(opened.status, StatusCode::SEE_OTHER);
        assert_eq!(opened.location(), format!("/meetings/{m}/feedback?score=5"));
        let shown = browser.page(&opened.location()).await;
        assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
        assert!(shown.body.contains("Send my answer"), "{}", shown.body);
        let mut after = t.snapshot().await;
        // opening a link signs the browser in: that session is all that changed
        after = after.lines().filter(|l| !l.starts_with("sessions") && !l.starts_with("session_attendees")).collect::<Vec<_>>().join("\n");
        let before_no_sessions = before.lines().filter(|l| !l.starts_with("sessions") && !l.starts_with("session_attendees")).collect::<Vec<_>>().join("\n");
        assert_eq!(after, before_no_sessions);

        let summary = |who: &Client| {
            let who = who.clone();
            let path = path.clone();
            async move { who.get(&path).await }
        };
        assert_eq!(client(0).post(&path, answer.clone()).await.status, StatusCode::NO_CONTENT);
        let second = client(0).post(&path, json!({"score": 1})).await;
        assert_eq!(second.status, StatusCode::CONFLICT, "one answer per person: {}", second.body);
        assert_eq!(client(1).post(&path, json!({"score": 2, "better": ["could_have_been_async"]})).await.status, StatusCode::NO_CONTENT);
        let two = summary(&owner).await;
        assert_eq!(two.status, StatusCode::OK, "{}", two.body);
        assert_eq!(two.json(), json!({"invited": 3, "responses": 2, "average": null, "better": null, "notes": null}));
        assert_eq!(summary(&client(1)).await.status, StatusCode::FORBIDDEN, "attendees read no aggregate");
        assert_eq!(client(3).post(&path, json!({"score": 3, "note": "Fine"})).await.status, StatusCode::NO_CONTENT);
        let three = summary(&owner).await.json();
        assert_eq!(three["responses"], 3);
        assert_eq!(three["average"], 3.0);
        assert_eq!(three["better"], json!({"agenda": 1, "focus": 0, "participation": 0, "next_steps": 0, "could_have_been_async": 1}));
        let mut notes: Vec<String> = serde_json::from_value(three["notes"].clone()).unwrap();
        notes.sort();
        assert_eq!(notes, ["Fine", "Shorter next time"]);

        // the stored rows: marks name no attendee, the answers are one row of counts with no
        // time, and nothing orders or times an answer
        let stored = t.snapshot().await;
        let rows = |table: &str| -> Vec<String> {
            stored.lines().filter(|l| l.starts_with(&format!("{table} "))).map(str::to_owned).collect()
        };
        let marks = rows("feedback_marks");
        assert_eq!(marks.len(), 3);
        for mark in &marks {
            let columns: Vec<&str> = mark.split(' ').skip(1).map(|c| c.split('=').next().unwrap()).collect();
            assert_eq!(columns, ["meeting_id", "mark"], "a mark holds nothing else: {mark}");
        }
        for (id, _) in &people {
            for line in stored.lines().filter(|l| l.starts_with("feedback_")) {
                assert!(!line.contains(id.as_str()), "an attendee id in {line}");
            }
        }
        let tallies = rows("feedback_tallies");
        assert_eq!(tallies.len(), 1, "one row for the meeting, not one per answer: {tallies:?}");
        assert!(!tallies[0].contains("2026-12-"), "no time: {}", tallies[0]);
        let asks = rows("feedback_asks");
        assert_eq!(asks.len(), 1);
        assert!(asks[0].contains("asked_on=Some(\"2026-12-03\")"), "no time finer than the day: {}", asks[0]);

        // a cancelled meeting takes no answer
        let (c, cpeople) = circulated(&owner, "2026-12-05T10:00:00Z", 30, None).await;
        decide(&owner, &c, "cancel", json!([])).await;
        state.clock.set(at("2026-12-06T11:00:00Z"));
        let r = Client::bearer(&router, &cpeople[0].1).post(&format!("/api/v1/meetings/{c}/feedback"), json!({"score": 2})).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    }
);

db_test!(
    async fn a_leads_insights_count_each_week_in_the_teams_zone(t) {
        let (state, _dir) = state(t, None);
        // Tue 1 Dec 2026 in Auckland (UTC+13): ISO week 2026-W49
        state.clock.set(at("2026-11-20T10:00:00Z"));
        let router = app_with(state.clone());
        let lead = signup(&router, "lena").await;
        let norms = json!({"time_zone": "Pacific/Auckland", "hourly_rate": 100.0, "min_lead_hours": 0,
            "min_response_hours": 1, "require_preread_for": []});
        let team = lead.post("/api/v1/teams", json!({"name": "Platform", "norms": norms})).await;
        assert_eq!(team.status, StatusCode::CREATED, "{}", team.body);
        let team = team.json()["id"].as_str().unwrap().to_owned();
        let organizer = signup(&router, "omar").await;
        lead.post(&format!("/api/v1/teams/{team}/members"), json!({"email": "omar@example.com", "role": "organizer"})).await;

        // Sun 29 Nov 20:00 UTC is Mon 30 Nov 09:00 in Auckland: week 49, not 48
        let (held, _) = circulated(&lead, "2026-11-29T20:00:00Z", 60, Some(&team)).await;
        decide(&lead, &held, "hold", json!([])).await;
        // Sat 28 Nov 09:00 UTC is Sat 28 Nov 22:00 in Auckland: week 48
        let (cancelled, _) = circulated(&lead, "2026-11-28T09:00:00Z", 30, Some(&team)).await;
        decide(&lead, &cancelled, "cancel", json!([])).await;

        // Tue 1 Dec 09:00 UTC (22:00 there): Ben said he is not needed; he was planned, and his
        // half hour is saved
        let (third, people) = circulated(&lead, "2026-12-01T09:00:00Z", 30, Some(&team)).await;
        let ben = Client::bearer(&router, &people[1].1);
        let me = ben.post(&format!("/api/v1/meetings/{third}/me"), json!({"not_needed": true})).await;
        assert_eq!(me.status, StatusCode::OK, "{}", me.body);
        decide(&lead, &third, "hold", json!([])).await;

        state.clock.set(at("2026-11-30T23:00:00Z"));
        let path = format!("/api/v1/teams/{team}/insights?weeks=2");
        let got = lead.get(&path).await;
        assert_eq!(got.status, StatusCode::OK, "{}", got.body);
        let i = got.json();
        // held: Ana and Ben meet (Ivy is informed) for an hour: 2 planned, 2 held, 0 saved;
        // cancelled: 2 people for 30 minutes planned, all saved; the third: 2 × 0.5 planned,
        // Ana's 0.5 held, Ben's 0.5 saved
        assert_eq!(i["weeks"], json!([
            {"week": "2026-W48", "held": 0, "shortened": 0, "cancelled": 1,
             "attendee_hours_planned": 1.0, "attendee_hours_held": 0.0, "attendee_hours_saved": 1.0,
             "cost_planned": 100.0, "cost_saved": 100.0},
            {"week": "2026-W49", "held": 2, "shortened": 0, "cancelled": 0,
             "attendee_hours_planned": 3.0, "attendee_hours_held": 2.5, "attendee_hours_saved": 0.5,
             "cost_planned": 300.0, "cost_saved": 50.0}
        ]));
        let csv = lead.get(&format!("/api/v1/teams/{team}/insights.csv?weeks=2")).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.starts_with("week,held,shortened,cancelled,attendee_hours_planned,attendee_hours_held,attendee_hours_saved,cost_planned,cost_saved\r\n"), "{}", csv.body);
        assert!(csv.body.contains("2026-W49,2,0,0,3.00,2.50,0.50,300.00,50.00\r\n"), "{}", csv.body);
        assert_eq!(csv.body.lines().count(), 3);
        // the default is 12 weeks, the current one last
        let twelve = lead.get(&format!("/api/v1/teams/{team}/insights")).await.json();
        assert_eq!(twelve["weeks"].as_array().unwrap().len(), 12);
        assert_eq!(twelve["weeks"][11]["week"], "2026-W49");
        // leads only; a weeks out of range is refused
        assert_eq!(organizer.get(&path).await.status, StatusCode::NOT_FOUND);
        assert_eq!(Client::new(&router).get(&path).await.status, StatusCode::UNAUTHORIZED);
        for bad in ["0", "53", "x"] {
            let r = lead.get(&format!("/api/v1/teams/{team}/insights?weeks={bad}")).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.body);
        }
        let _: Value = i;
    }
);

db_test!(
    async fn action_events_are_signed_hostile_titles_keep_the_record_and_open_items_carry_over_once(t) {
        use crate::webhooks::{receiver, verify};
        use app::ssr::notify::webhooks as hooks;
        let (state, _dir) = {
            let dir = std::env::temp_dir().join(format!("prework-mail-{}", uuid::Uuid::now_v7()));
            let maildir = dir.display().to_string();
            let state = t
                .state_with(&[
                    ("PREWORK_WRITE_LIMIT", "off"),
                    ("PREWORK_WEBHOOK_ALLOW_PRIVATE", "true"),
                    ("PREWORK_MAILDIR", maildir.as_str()),
                ])
                .with_clock(app::ssr::runtime::clock::Clock::manual(at("2026-12-01T09:00:00Z")));
            (state, dir)
        };
        let router = app_with(state.clone());
        let owner = signup(&router, "olga").await;
        let r = receiver().await;
        let hook = owner
            .post("/api/v1/webhooks", json!({"url": r.url, "events": ["action.created", "action.done"]}))
            .await;
        assert_eq!(hook.status, StatusCode::CREATED, "{}", hook.body);
        let secret = hook.json()["secret"].as_str().unwrap().to_owned();

        // a weekly series; its first occurrence held with one item per hostile string
        let series = owner
            .post("/api/v1/series", json!({
                "title": "Platform sync", "purpose_kind": "solve", "outcome": "Every blocker has an owner",
                "duration_minutes": 30, "time_zone": "UTC", "first_starts_at": "2026-12-07T09:00:00Z",
                "recurrence": {"frequency": "weekly"}, "ends_on": "2027-01-25",
                "agenda": [{"title": "Blockers", "kind": "discuss", "minutes": 20}],
                "attendees": [{"name": "Ana", "email": "ana@example.com", "role": "decider", "reason": "Owns it"}],
                "prereads": [{"title": "Updates", "markdown": "Write here."}]
            }))
            .await;
        assert_eq!(series.status, StatusCode::CREATED, "{}", series.body);
        let first = series.json()["next"]["meeting_id"].as_str().unwrap().to_owned();
        let c = owner.post(&format!("/api/v1/meetings/{first}/circulate"), json!({})).await;
        assert!(c.status.is_success(), "{}", c.body);
        let m = owner.get(&format!("/api/v1/meetings/{first}")).await.json();
        let ana = m["attendees"][0]["id"].as_str().unwrap().to_owned();
        let hostile = crate::integrity::HOSTILE;
        let actions: Vec<Value> = hostile
            .iter()
            .map(|title| json!({"title": title, "owner_id": ana, "due_on": "2026-12-18"}))
            .collect();
        let decided = decide(&owner, &first, "hold", json!(actions)).await;
        let md = decided["outcome"]["markdown"].as_str().unwrap().to_owned();
        let section: Vec<&str> = md
            .split("## Action items")
            .nth(1)
            .expect("an action items section")
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take_while(|l| !l.starts_with("## "))
            .collect();
        assert_eq!(section.len(), hostile.len(), "one line per item, whatever its title: {md}");
        for line in &section {
            assert!(line.starts_with("- ") && line.ends_with(": Ana, due 2026-12-18"), "{line}");
        }
        assert!(!md.contains("\n# Forged"), "{md}");

        // action.created for each, signed; action.done once Ana marks the first done
        assert_eq!(hooks::send_due(&state).await.unwrap(), hostile.len());
        let items = owner.get(&format!("/api/v1/meetings/{first}/actions?limit=200")).await.json();
        let done_id = items["actions"][0]["id"].as_str().unwrap().to_owned();
        let token = owner.post(&format!("/api/v1/attendees/{ana}/link"), json!({})).await.json()["token"]
            .as_str()
            .unwrap()
            .to_owned();
        let her = Client::bearer(&router, &token);
        let done = her.api(Method::PATCH, &format!("/api/v1/actions/{done_id}"), Some(json!({"done": true}))).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert_eq!(hooks::send_due(&state).await.unwrap(), 1);
        let got = r.got.lock().unwrap().clone();
        for (headers, body) in &got {
            verify(&secret, headers, body);
        }
        let events: Vec<Value> = got.iter().map(|(_, b)| serde_json::from_str(b).unwrap()).collect();
        assert_eq!(events.iter().filter(|e| e["event"] == "action.created").count(), hostile.len());
        let done_event = events.iter().find(|e| e["event"] == "action.done").unwrap();
        assert_eq!(done_event["data"]["action"]["id"], done_id.as_str());
        assert_eq!(done_event["data"]["action"]["done"], true);

        // the next occurrence carries the open items, each once, however often the scheduler looks
        use app::ssr::domain::series::occurrences::tick;
        tick(&state).await.unwrap();
        tick(&state).await.unwrap();
        let s = owner.get(&format!("/api/v1/series/{}", series.json()["id"].as_str().unwrap())).await.json();
        let next = s["next"]["meeting_id"].as_str().unwrap().to_owned();
        assert_ne!(next, first);
        let n = owner.get(&format!("/api/v1/meetings/{next}")).await.json();
        let carried: Vec<&Value> = n["carried_over"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["kind"] == "action_item")
            .collect();
        assert_eq!(carried.len(), hostile.len() - 1, "the open ones, not the done one");
        assert!(carried.iter().all(|c| c["from_meeting_id"] == first.as_str() && c["from_date"] == "2026-12-07"));
        assert!(!carried.iter().any(|c| c["id"] == done_id.as_str()));
        let mut ids: Vec<&str> = carried.iter().map(|c| c["id"].as_str().unwrap()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), carried.len(), "each once");
    }
);
