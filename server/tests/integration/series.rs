//! Recurring meetings (API.md, "Series and templates"): a weekly series on the test clock makes
//! one occurrence at a time, circulates it at the lead time, carries an open thread into the
//! next exactly once, skips a date, ends; its calendar parses strictly as one recurring event;
//! a cancelled occurrence's mail cancels that instance only; two schedulers make each once;
//! templates start a brief; bad input changes nothing.

use crate::deliveries::{at, mails, state};
use crate::support::*;
use app::db_test;
use app::ssr::domain::series::occurrences::tick;
use axum::http::Method;
use axum::http::StatusCode;
use icalendar::Component;
use mail_parser::MimeHeaders;
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

/// Mondays 10:00 in Paris from 2026-12-07 to 2027-01-25, two people, one item, one pre-read.
fn weekly() -> Value {
    json!({
        "title": "Platform sync", "purpose_kind": "solve", "outcome": "Every blocker has an owner",
        "duration_minutes": 30, "time_zone": "Europe/Paris",
        "first_starts_at": "2026-12-07T09:00:00Z",
        "recurrence": {"frequency": "weekly"},
        "ends_on": "2027-01-25",
        "agenda": [{"title": "Blockers", "kind": "discuss", "minutes": 20}],
        "attendees": [
            {"name": "Ana", "email": "ana@example.com", "role": "decider", "reason": "Owns the roadmap"},
            {"name": "Ben", "email": "ben@example.com", "role": "contributor", "reason": "Runs the platform"}
        ],
        "prereads": [{"title": "Updates", "markdown": "Write your update as a comment here.\n\nBlockers go below."}]
    })
}

async fn meeting(c: &Client, id: &str) -> Value {
    let answer = c.get(&format!("/api/v1/meetings/{id}")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()
}

async fn series(c: &Client, id: &str) -> Value {
    let answer = c.get(&format!("/api/v1/series/{id}")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()
}

/// The calendar file a raw message carries, unfolded, if any.
fn calendar_in(raw: &str) -> Option<String> {
    let parsed = mail_parser::MessageParser::default().parse(raw.as_bytes())?;
    let ics = parsed
        .attachments()
        .find(|a| a.is_content_type("text", "calendar"))?;
    Some(String::from_utf8_lossy(ics.contents()).replace("\r\n ", ""))
}

fn to_of(raw: &str) -> String {
    let parsed = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .unwrap();
    parsed
        .to()
        .unwrap()
        .first()
        .unwrap()
        .address()
        .unwrap()
        .to_owned()
}

/// An attendee's token, from a fresh link the organizer asks for.
async fn link_of(owner: &Client, m: &Value, i: usize) -> String {
    let person = m["attendees"][i]["id"].as_str().unwrap();
    let answer = owner
        .post(&format!("/api/v1/attendees/{person}/link"), json!({}))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()["token"].as_str().unwrap().to_owned()
}

db_test!(
    async fn a_weekly_series_makes_one_occurrence_at_a_time_and_carries_what_is_left_open(t) {
        let (state, _dir) = state(t, None);
        state.clock.set(at("2026-12-01T09:00:00Z"));
        let router = app_with(state.clone());
        let owner = signup(&router, "olga").await;
        let made = owner.post("/api/v1/series", weekly()).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let s = made.json();
        let sid = s["id"].as_str().unwrap().to_owned();
        assert_eq!(s["status"], "active");
        assert_eq!(s["recurrence"]["weekdays"], json!([1]), "the first start's weekday");
        assert_eq!(s["next"]["starts_at"], "2026-12-07T09:00:00Z");
        assert_eq!(s["history"], json!([]));
        assert_eq!(s["advice"]["kind"], "keep");
        let first = s["next"]["meeting_id"].as_str().unwrap().to_owned();

        // the first occurrence is a full meeting made from the series
        let m = meeting(&owner, &first).await;
        assert_eq!(m["series_id"], sid.as_str());
        assert_eq!(m["occurrence_date"], "2026-12-07");
        assert_eq!(m["status"], "draft");
        assert_eq!(m["attendees"].as_array().unwrap().len(), 2);
        assert_eq!(m["agenda"][0]["title"], "Blockers");
        assert_eq!(m["prereads"][0]["title"], "Updates");
        // a series of no team circulates a day ahead (its response window), answers due by
        // the start
        assert_eq!(m["response_deadline"], "2026-12-07T09:00:00Z");
        let list = owner.get("/api/v1/meetings").await.json();
        assert_eq!(list["meetings"].as_array().unwrap().len(), 1, "only the next one exists");

        // nothing is due yet; at the lead time it circulates, once
        assert_eq!(tick(&state).await.unwrap(), 0);
        state.clock.set(at("2026-12-06T09:00:00Z"));
        assert_eq!(tick(&state).await.unwrap(), 1);
        assert_eq!(tick(&state).await.unwrap(), 0);
        let m = meeting(&owner, &first).await;
        assert_eq!(m["status"], "circulating");

        // Ana raises a blocker and asks a question that gets answered
        let ana = Client::bearer(&router, &link_of(&owner, &m, 0).await);
        let doc = m["prereads"][0]["id"].as_str().unwrap();
        let blocker = ana
            .post(&format!("/api/v1/prereads/{doc}/comments"), json!({"kind": "blocker", "body": "The staging cluster is down"}))
            .await;
        assert_eq!(blocker.status, StatusCode::CREATED, "{}", blocker.body);
        let blocker = blocker.json()["id"].as_str().unwrap().to_owned();
        let question = ana
            .post(&format!("/api/v1/prereads/{doc}/comments"), json!({"kind": "question", "body": "Who is on call?"}))
            .await;
        let question = question.json()["id"].as_str().unwrap().to_owned();
        let resolved = owner.post(&format!("/api/v1/comments/{question}/resolve"), json!({"resolved": true})).await;
        assert!(resolved.status.is_success(), "{}", resolved.body);

        // held: the next occurrence is made at the scheduler's next look, with the blocker
        let decided = owner.post(&format!("/api/v1/meetings/{first}/decision"), json!({"decision": "hold"})).await;
        assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
        assert_eq!(tick(&state).await.unwrap(), 1);
        assert_eq!(tick(&state).await.unwrap(), 0, "made once");
        let s = series(&owner, &sid).await;
        assert_eq!(s["history"].as_array().unwrap().len(), 1);
        assert_eq!(s["history"][0]["status"], "held");
        assert_eq!(s["history"][0]["attendee_hours"], 1.0);
        assert_eq!(s["next"]["starts_at"], "2026-12-14T09:00:00Z");
        let second = s["next"]["meeting_id"].as_str().unwrap().to_owned();
        let m2 = meeting(&owner, &second).await;
        assert_eq!(m2["occurrence_date"], "2026-12-14");
        let carried = m2["carried_over"].as_array().unwrap();
        assert_eq!(carried.len(), 1, "the open blocker only: {carried:?}");
        assert_eq!(carried[0]["kind"], "thread");
        assert_eq!(carried[0]["id"], blocker.as_str());
        assert_eq!(carried[0]["text"], "The staging cluster is down");
        assert_eq!(carried[0]["from_meeting_id"], first.as_str());
        assert_eq!(carried[0]["from_date"], "2026-12-07");
        assert_eq!(m2["status"], "draft");

        // skipping a date ahead: it is never made; a date of no occurrence is refused
        let skipped = owner.post(&format!("/api/v1/series/{sid}/skip"), json!({"date": "2026-12-21"})).await;
        assert_eq!(skipped.status, StatusCode::OK, "{}", skipped.body);
        assert_eq!(skipped.json()["skipped"], json!(["2026-12-21"]));
        let before = t.snapshot().await;
        let wrong = owner.post(&format!("/api/v1/series/{sid}/skip"), json!({"date": "2026-12-22"})).await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.body);
        assert_eq!(wrong.json()["error"]["field"], "date");
        assert_eq!(t.snapshot().await, before, "a refused skip changes nothing");

        // the second one is cancelled as async: the third skips the 21st and still carries it
        let cancelled = owner.post(&format!("/api/v1/meetings/{second}/decision"), json!({"decision": "cancel"})).await;
        assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
        assert_eq!(tick(&state).await.unwrap(), 1);
        let s = series(&owner, &sid).await;
        assert_eq!(s["next"]["starts_at"], "2026-12-28T09:00:00Z", "the 21st was skipped");
        assert_eq!(s["skipped"], json!(["2026-12-14", "2026-12-21"]));
        let third = meeting(&owner, s["next"]["meeting_id"].as_str().unwrap()).await;
        let carried = third["carried_over"].as_array().unwrap();
        assert_eq!(carried.len(), 1, "carried again, not twice: {carried:?}");
        assert_eq!(carried[0]["from_date"], "2026-12-07", "from where it came from");

        // one calendar entry: the rule, its end, the dates off
        let ics = owner.get(&format!("/api/v1/series/{sid}/calendar.ics")).await;
        assert_eq!(ics.status, StatusCode::OK, "{}", ics.body);
        assert!(ics.headers["content-type"].to_str().unwrap().starts_with("text/calendar"));
        let parsed: icalendar::Calendar = ics.body.parse().expect("a calendar the parser reads");
        let events: Vec<_> = parsed.events().collect();
        assert_eq!(events.len(), 1, "one event for the whole series");
        let event = events[0];
        assert_eq!(event.get_uid(), Some(format!("{sid}@prework").as_str()));
        assert_eq!(event.get_summary(), Some("Platform sync"));
        let rrule = event.property_value("RRULE").unwrap();
        assert!(rrule.contains("FREQ=WEEKLY") && rrule.contains("BYDAY=MO") && rrule.contains("INTERVAL=1"), "{rrule}");
        assert!(rrule.contains("UNTIL=20270125T225959Z"), "until the end of the last day in Paris: {rrule}");
        let start = &event.properties()["DTSTART"];
        assert_eq!(start.value(), "20261207T100000");
        assert_eq!(start.params()["TZID"].value(), "Europe/Paris");
        let exdates: Vec<&str> = event.multi_properties()["EXDATE"].iter().map(|p| p.value()).collect();
        assert_eq!(exdates, ["20261214T100000", "20261221T100000"]);

        // ending it keeps its history and cancels the draft ahead
        let ended = owner.post(&format!("/api/v1/series/{sid}/end"), json!({})).await;
        assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
        let ended = ended.json();
        assert_eq!(ended["status"], "ended");
        assert_eq!(ended["next"], Value::Null);
        assert!(ended["history"].as_array().unwrap().len() >= 2);
        state.clock.set(at("2026-12-20T09:00:00Z"));
        assert_eq!(tick(&state).await.unwrap(), 0, "an ended series makes nothing");
        let ics = owner.get(&format!("/api/v1/series/{sid}/calendar.ics")).await;
        assert!(ics.body.contains("UNTIL=20261206T225959Z"), "until the day it ended: {}", ics.body);
    }
);

db_test!(
    async fn a_cancelled_occurrence_cancels_that_date_alone_in_everyones_calendar(t) {
        let (state, dir) = state(t, None);
        state.clock.set(at("2026-12-01T09:00:00Z"));
        let router = app_with(state.clone());
        let owner = signup(&router, "olga").await;
        let made = owner.post("/api/v1/series", weekly()).await.json();
        let sid = made["id"].as_str().unwrap().to_owned();
        let first = made["next"]["meeting_id"].as_str().unwrap().to_owned();
        state.clock.set(at("2026-12-06T09:00:00Z"));
        tick(&state).await.unwrap();
        // a Sunday: the invitations wait for Monday morning in Paris
        state.clock.set(at("2026-12-07T08:00:00Z"));
        let mailer = app::ssr::notify::transport::Mailer::new(&state.config).unwrap();
        app::ssr::notify::worker::send_now(&state, &mailer).await.unwrap();
        let invitations = mails(&dir);
        let ana = invitations
            .iter()
            .find(|m| to_of(m) == "ana@example.com")
            .and_then(|m| calendar_in(m))
            .expect("Ana's invitation carries a calendar");
        assert!(ana.contains("RRULE:FREQ=WEEKLY"), "the whole series: {ana}");
        assert!(ana.contains("METHOD:REQUEST"), "{ana}");
        let parsed: icalendar::Calendar = ana.parse().expect("parses");
        assert_eq!(parsed.events().count(), 1);
        // skipping the circulating date cancels it as with a decision; the series goes on
        let skipped = owner.post(&format!("/api/v1/series/{sid}/skip"), json!({"date": "2026-12-07"})).await;
        assert_eq!(skipped.status, StatusCode::OK, "{}", skipped.body);
        let s = skipped.json();
        assert_eq!(s["status"], "active");
        assert_eq!(s["next"]["starts_at"], "2026-12-14T09:00:00Z");
        assert_eq!(meeting(&owner, &first).await["status"], "cancelled");
        app::ssr::notify::worker::send_now(&state, &mailer).await.unwrap();
        let cancel = mails(&dir)
            .iter()
            .filter(|m| to_of(m) == "ana@example.com")
            .filter_map(|m| calendar_in(m))
            .find(|c| c.contains("METHOD:CANCEL"))
            .expect("Ana's calendar is told");
        assert!(cancel.contains(&format!("UID:{sid}@prework")), "the series' event: {cancel}");
        assert!(cancel.contains("RECURRENCE-ID;TZID=Europe/Paris:20261207T100000"), "that date only: {cancel}");
        assert!(!cancel.contains("RRULE"), "not the whole series: {cancel}");
        // the next invitation carries no second copy of the series to those who have it
        state.clock.set(at("2026-12-13T09:00:00Z"));
        tick(&state).await.unwrap();
        state.clock.set(at("2026-12-14T08:00:00Z"));
        let before = mails(&dir).len();
        app::ssr::notify::worker::send_now(&state, &mailer).await.unwrap();
        let all = mails(&dir);
        assert!(all.len() > before, "the second occurrence's invitations went out");
        assert!(
            all.iter().filter_map(|m| calendar_in(m)).filter(|c| c.contains("RRULE")).count() == 2,
            "invitations carry the series once per person"
        );
        // at its deadline the organizer hears the verdict, and what the series' history advises
        state.clock.set(at("2026-12-14T09:10:00Z"));
        app::ssr::notify::scheduler::tick(&state).await.unwrap();
        app::ssr::notify::worker::send_now(&state, &mailer).await.unwrap();
        let verdict = mails(&dir)
            .iter()
            .filter(|m| to_of(m) == "olga@example.com")
            .filter_map(|m| {
                let parsed = mail_parser::MessageParser::default().parse(m.as_bytes())?;
                let subject = parsed.subject()?.to_owned();
                subject
                    .starts_with("Verdict: Platform sync")
                    .then(|| parsed.body_text(0).map(|b| b.into_owned()))?
            })
            .next()
            .expect("the organizer's deadline message");
        assert!(verdict.contains("What the series' history advises: Keep it."), "{verdict}");
    }
);

db_test!(
    async fn two_schedulers_make_and_circulate_each_occurrence_once(t) {
        let (a, _dir) = state(t, None);
        a.clock.set(at("2026-12-01T09:00:00Z"));
        let b = t.state_with(&[("PREWORK_WRITE_LIMIT", "off")]).with_clock(a.clock.clone());
        let router = app_with(a.clone());
        let owner = signup(&router, "olga").await;
        let made = owner.post("/api/v1/series", weekly()).await.json();
        let sid = made["id"].as_str().unwrap().to_owned();
        let first = made["next"]["meeting_id"].as_str().unwrap().to_owned();
        a.clock.set(at("2026-12-06T09:00:00Z"));
        let (x, y) = tokio::join!(tick(&a), tick(&b));
        assert_eq!(x.unwrap() + y.unwrap(), 1, "circulated once");
        let decided = owner.post(&format!("/api/v1/meetings/{first}/decision"), json!({"decision": "hold"})).await;
        assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
        let (x, y) = tokio::join!(tick(&a), tick(&b));
        assert_eq!(x.unwrap() + y.unwrap(), 1, "made once");
        let list = owner.get("/api/v1/meetings").await.json();
        assert_eq!(list["meetings"].as_array().unwrap().len(), 2);
        let s = series(&owner, &sid).await;
        assert_eq!(s["next"]["starts_at"], "2026-12-14T09:00:00Z");
        // each person got one invitation to the first occurrence
        let log = owner.get(&format!("/api/v1/meetings/{first}/deliveries")).await.json();
        let invitations = log["deliveries"].as_array().unwrap().iter().filter(|d| d["kind"] == "invitation").count();
        assert_eq!(invitations, 2, "{log}");
    }
);

db_test!(
    async fn series_input_is_checked_and_only_its_organizer_changes_it(t) {
        let router = app(t);
        let owner = signup(&router, "olga").await;
        let other = signup(&router, "mallory").await;
        let before = t.snapshot().await;
        let bad = |patch: Value| {
            let mut body = weekly();
            body["first_starts_at"] = json!("2027-06-07T09:00:00Z");
            body["ends_on"] = json!("2027-08-01");
            for (k, v) in patch.as_object().unwrap() {
                body[k] = v.clone();
            }
            body
        };
        for (patch, field) in [
            (json!({"ends_on": "2028-06-08"}), "ends_on"),
            (json!({"ends_on": "2027-06-01"}), "ends_on"),
            (json!({"recurrence": {"frequency": "weekly", "interval": 5}}), "recurrence.interval"),
            (json!({"recurrence": {"frequency": "weekly", "weekdays": [0]}}), "recurrence.weekdays"),
            (json!({"recurrence": {"frequency": "monthly", "weekdays": [1]}}), "recurrence.weekdays"),
            (json!({"first_starts_at": "2020-01-06T09:00:00Z", "ends_on": "2020-02-01"}), "first_starts_at"),
            (json!({"agenda": [{"title": "", "kind": "discuss", "minutes": 10}]}), "agenda[0].title"),
            (json!({"attendees": [{"name": "A", "email": "a@example.com", "role": "decider"}, {"name": "B", "email": "A@example.com", "role": "decider"}]}), "attendees[1].email"),
        ] {
            let answer = owner.post("/api/v1/series", bad(patch.clone())).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{patch}: {}", answer.body);
            let fields: Vec<String> = answer.json()["error"]["field"].as_str().into_iter().map(str::to_owned).collect();
            assert_eq!(fields, [field], "{patch}: {}", answer.body);
        }
        for (patch, field) in [
            (json!({"recurrence": {"frequency": "daily"}}), "recurrence.frequency"),
            (json!({"time_zone": "Mars/Olympus"}), "time_zone"),
            (json!({"ends_on": "soon"}), "ends_on"),
        ] {
            let answer = owner.post("/api/v1/series", bad(patch.clone())).await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{patch}: {}", answer.body);
            assert_eq!(answer.json()["error"]["field"], field, "{patch}: {}", answer.body);
        }
        assert_eq!(t.snapshot().await, before, "nothing was stored");

        let made = owner.post("/api/v1/series", bad(json!({}))).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let sid = made.json()["id"].as_str().unwrap().to_owned();
        let draft = made.json()["next"]["meeting_id"].as_str().unwrap().to_owned();
        // someone else's series is as unknown as none
        assert_eq!(other.get(&format!("/api/v1/series/{sid}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(other.api(Method::PATCH, &format!("/api/v1/series/{sid}"), Some(json!({"title": "Mine"}))).await.status, StatusCode::NOT_FOUND);
        assert_eq!(other.post(&format!("/api/v1/series/{sid}/end"), json!({})).await.status, StatusCode::NOT_FOUND);
        assert_eq!(Client::new(&router).get(&format!("/api/v1/series/{sid}")).await.status, StatusCode::UNAUTHORIZED);
        assert!(other.get("/api/v1/series").await.json()["series"].as_array().unwrap().is_empty());
        // the series' edit reaches the draft ahead
        let changed = owner.api(Method::PATCH, &format!("/api/v1/series/{sid}"), Some(json!({"title": "Platform weekly", "duration_minutes": 25, "agenda": [{"title": "Risks", "kind": "discuss", "minutes": 15}]})))
            .await;
        assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
        assert_eq!(changed.json()["title"], "Platform weekly");
        let m = meeting(&owner, &draft).await;
        assert_eq!(m["title"], "Platform weekly");
        assert_eq!(m["duration_minutes"], 25);
        assert_eq!(m["agenda"].as_array().unwrap().len(), 1);
        assert_eq!(m["agenda"][0]["title"], "Risks");
        let fixed = owner.api(Method::PATCH, &format!("/api/v1/series/{sid}"), Some(json!({"first_starts_at": "2027-06-14T09:00:00Z"}))).await;
        assert_eq!(fixed.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", fixed.body);
        // sent back as it is, it changes nothing and is no error
        let same = owner.api(Method::PATCH, &format!("/api/v1/series/{sid}"), Some(json!({"first_starts_at": "2027-06-07T09:00:00Z", "title": "Platform weekly"})))
            .await;
        assert_eq!(same.status, StatusCode::OK, "{}", same.body);
        // editing the occurrence changes it alone
        let own = owner.api(Method::PATCH, &format!("/api/v1/meetings/{draft}"), Some(json!({"title": "Platform weekly, with the vendor"}))).await;
        assert_eq!(own.status, StatusCode::OK, "{}", own.body);
        assert_eq!(series(&owner, &sid).await["title"], "Platform weekly");
        let page = owner.get("/api/v1/series?limit=1").await.json();
        assert_eq!(page["series"].as_array().unwrap().len(), 1);
        assert_eq!(page["next_cursor"], Value::Null);
        assert_eq!(owner.get("/api/v1/series?limit=0").await.status, StatusCode::BAD_REQUEST);
    }
);

db_test!(
    async fn templates_start_a_brief_and_a_series(t) {
        let router = app(t);
        let owner = signup(&router, "olga").await;
        let list = owner.get("/api/v1/templates").await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        let templates = list.json()["templates"].as_array().unwrap().clone();
        for kind in ["decide", "solve", "brainstorm", "plan", "inform", "connect"] {
            assert!(templates.iter().any(|t| t["purpose_kind"] == kind && t["scope"] == "builtin"), "{kind}");
        }
        let decision = templates.iter().find(|t| t["purpose_kind"] == "decide").unwrap();
        let made = owner
            .post("/api/v1/meetings", json!({"template_id": decision["id"], "title": "Choose the vendor", "time_zone": "UTC"}))
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let m = made.json();
        assert_eq!(m["purpose_kind"], "decide");
        assert_eq!(m["outcome"], decision["outcome"]);
        assert_eq!(m["agenda"].as_array().unwrap().len(), decision["agenda"].as_array().unwrap().len());
        assert_eq!(m["prereads"][0]["title"], "Options and trade-offs");
        // a template without a title needs one from the body
        let untitled = owner.post("/api/v1/meetings", json!({"template_id": decision["id"], "time_zone": "UTC"})).await;
        assert_eq!(untitled.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", untitled.body);
        // a personal one, with its own title, starts a series
        let mine = owner
            .post("/api/v1/templates", json!({"name": "Retro", "title": "Sprint retro", "purpose_kind": "plan", "outcome": "Three changes to try", "duration_minutes": 45, "agenda": [{"title": "What to change", "kind": "decide", "minutes": 30}]}))
            .await;
        assert_eq!(mine.status, StatusCode::CREATED, "{}", mine.body);
        assert_eq!(mine.json()["scope"], "personal");
        let tid = mine.json()["id"].as_str().unwrap().to_owned();
        let other = signup(&router, "mallory").await;
        let theirs = other.get("/api/v1/templates").await.json();
        assert!(!theirs["templates"].as_array().unwrap().iter().any(|t| t["id"] == tid.as_str()), "personal means personal");
        let first = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24 * 10)).to_string();
        let ends = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24 * 60)).to_zoned(jiff::tz::TimeZone::UTC).date().to_string();
        let s = owner
            .post("/api/v1/series", json!({"template_id": tid, "time_zone": "UTC", "first_starts_at": first, "recurrence": {"frequency": "weekly", "interval": 2}, "ends_on": ends}))
            .await;
        assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
        assert_eq!(s.json()["title"], "Sprint retro");
        assert_eq!(s.json()["agenda"][0]["title"], "What to change");
        assert_eq!(other.post("/api/v1/series", json!({"template_id": tid, "time_zone": "UTC", "first_starts_at": first, "recurrence": {"frequency": "weekly"}, "ends_on": ends})).await.status, StatusCode::NOT_FOUND);
        let bad = owner.post("/api/v1/templates", json!({"name": "", "purpose_kind": "plan", "outcome": "x"})).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    }
);
