//! Integrity through the API, on SQLite and PostgreSQL: people's text cannot change the shape
//! of the outcome record or the calendar file; concurrent edits never lose one; a stale
//! `If-Match` changes nothing; every list a caller can grow is bounded; writes are rate
//! limited per writer.

use crate::support::*;
use app::db_test;
use axum::http::{Method, StatusCode, header};
use serde_json::{Value, json};

/// What every field that reaches the record and the calendar is fed.
pub(crate) const HOSTILE: [&str; 15] = [
    "line\nbreak",
    "carriage\rreturn",
    "crlf\r\nnext",
    "separator\u{2028}next",
    "tab\there",
    "# Heading",
    "> quote",
    "- item",
    "1. first",
    "| a | b |",
    "`code` ```fence",
    "[link](https://evil.example) ![img](x)",
    "<b>bold</b> &amp;",
    "x\r\n# Forged\r\n- forged item",
    "end\rBEGIN:VEVENT\rSUMMARY:forged",
];

/// A decided meeting whose every person-written field carries `text`; returns the outcome's
/// Markdown and HTML and the calendar file.
async fn decided_with(router: &axum::Router, token: &str, text: &str) -> (String, String, String) {
    let owner = Client::bearer(router, token);
    let m = owner
        .post(
            "/api/v1/meetings",
            json!({"title": format!("T {text}"), "purpose_kind": "decide", "outcome": format!("O {text}"),
                   "why_live": format!("W {text}"), "duration_minutes": 60, "time_zone": "UTC",
                   "starts_at": "2099-03-02T10:00:00Z"}),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let person = owner
        .post(
            &format!("/api/v1/meetings/{m}/attendees"),
            json!({"name": format!("N {text}"), "email": "p@example.com", "role": "decider", "reason": "r"}),
        )
        .await
        .json();
    let attendee = Client::bearer(router, person["token"].as_str().unwrap());
    for (title, resolved) in [("Open", false), ("Done", true)] {
        owner
            .post(
                &format!("/api/v1/meetings/{m}/agenda"),
                json!({"title": format!("{title} {text}"), "kind": "discuss", "minutes": 10,
                       "owner_id": person["id"], "resolved_async": resolved,
                       "resolution": format!("R {text}")}),
            )
            .await;
    }
    let p = owner
        .post(
            &format!("/api/v1/meetings/{m}/prereads"),
            json!({"title": format!("P {text}"), "markdown": "Body.\n"}),
        )
        .await
        .json();
    owner
        .post(
            &format!("/api/v1/meetings/{m}/polls"),
            json!({"question": format!("Q {text}"), "options": [format!("A {text}"), "B"]}),
        )
        .await;
    circulate(router, token, &m).await;
    let c = attendee
        .post(
            &format!("/api/v1/prereads/{}/comments", p["id"].as_str().unwrap()),
            json!({"kind": "concern", "body": format!("C {text}")}),
        )
        .await;
    assert_eq!(c.status, StatusCode::CREATED, "{}", c.body);
    let decided = owner
        .post(
            &format!("/api/v1/meetings/{m}/decision"),
            json!({"decision": "hold", "note": format!("Note {text}")}),
        )
        .await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
    let outcome = decided.json()["outcome"].clone();
    let ics = owner
        .get(&format!("/api/v1/meetings/{m}/calendar.ics"))
        .await;
    assert_eq!(ics.status, StatusCode::OK, "{}", ics.body);
    (
        outcome["markdown"].as_str().unwrap().to_owned(),
        outcome["html"].as_str().unwrap().to_owned(),
        ics.body,
    )
}

/// The sequence of HTML tags, without text or attributes: the shape of a rendered record.
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|t| {
            t.split(|c: char| c == '>' || c.is_whitespace())
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

/// The calendar's content lines, unfolded, each checked strictly: a line ends only at CRLF,
/// holds no other break, and starts with a property this server writes.
fn ics_lines(ics: &str) -> Vec<String> {
    const KNOWN: [&str; 17] = [
        "BEGIN",
        "END",
        "VERSION",
        "PRODID",
        "CALSCALE",
        "METHOD",
        "NAME",
        "X-WR-CALNAME",
        "UID",
        "SUMMARY",
        "DESCRIPTION",
        "DTSTART",
        "DTEND",
        "DTSTAMP",
        "URL",
        "SEQUENCE",
        "STATUS",
    ];
    let unfolded = ics.replace("\r\n ", "").replace("\r\n\t", "");
    let lines: Vec<String> = unfolded
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    for line in &lines {
        assert!(!line.contains(['\r', '\n']), "a bare line break: {line:?}");
        let name = line.split([':', ';']).next().unwrap();
        assert!(
            KNOWN.contains(&name),
            "a property the server did not write: {line:?}"
        );
        if name == "BEGIN" || name == "END" {
            assert!(
                line.ends_with(":VCALENDAR") || line.ends_with(":VEVENT"),
                "{line:?}"
            );
        }
    }
    lines
}

fn names(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.split([':', ';']).next().unwrap().to_owned())
        .collect()
}

db_test!(
    async fn text_never_changes_the_shape_of_the_record_or_the_calendar(t) {
        let router = app(t);
        let token = organizer(&router, "owner").await;
        let (_, plain_html, plain_ics) = decided_with(&router, &token, "plain words").await;
        let shape = tags(&plain_html);
        let plain_lines = ics_lines(&plain_ics);
        assert!(plain_lines.iter().any(|l| l.starts_with("X-WR-CALNAME:T plain words")));
        for text in HOSTILE {
            let (markdown, html, ics) = decided_with(&router, &token, text).await;
            assert_eq!(tags(&html), shape, "{text:?} changed the record's shape:\n{markdown}");
            assert_eq!(markdown.lines().filter(|l| l.starts_with('#')).count(), 6, "{markdown}");
            assert!(!markdown.contains('\r') && !markdown.contains('\u{2028}'), "{markdown:?}");
            let lines = ics_lines(&ics);
            assert_eq!(names(&lines), names(&plain_lines), "{text:?} changed the calendar:\n{ics}");
        }
    }
);

db_test!(
    async fn concurrent_edits_all_take_effect_and_stale_ones_change_nothing(t) {
        let router = app(t);
        let token = organizer(&router, "owner").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Start").await;
        let path = format!("/api/v1/meetings/{m}");
        let first = owner.get(&path).await;
        assert_eq!(first.headers[header::ETAG], "\"1\"");

        // ten fields of the meeting and ten agenda items, twenty PATCHes at once
        let mut items = Vec::new();
        for i in 0..10 {
            let a = owner.post(&format!("{path}/agenda"), json!({"title": format!("Item {i}"), "kind": "discuss", "minutes": 1})).await;
            items.push(a.json()["id"].as_str().unwrap().to_owned());
        }
        let fields: [(&str, Value); 10] = [
            ("title", json!("Renamed")),
            ("outcome", json!("A signed contract")),
            ("why_live", json!("Trade-offs need a room")),
            ("duration_minutes", json!(50)),
            ("time_zone", json!("America/New_York")),
            ("anonymous", json!(true)),
            ("hourly_rate", json!(95.5)),
            ("purpose_kind", json!("plan")),
            ("starts_at", json!("2099-05-01T15:00:00Z")),
            ("response_deadline", json!("2099-04-30T15:00:00Z")),
        ];
        let mut tasks = Vec::new();
        for (field, value) in fields.clone() {
            let (owner, path) = (owner.clone(), path.clone());
            tasks.push(tokio::spawn(async move {
                owner.api(Method::PATCH, &path, Some(json!({field: value}))).await
            }));
        }
        for (i, item) in items.iter().enumerate() {
            let owner = owner.clone();
            let item_path = format!("/api/v1/agenda/{item}");
            tasks.push(tokio::spawn(async move {
                owner.api(Method::PATCH, &item_path, Some(json!({"title": format!("Renamed {i}")}))).await
            }));
        }
        for task in tasks {
            let a = task.await.unwrap();
            assert_eq!(a.status, StatusCode::OK, "{}", a.body);
            assert!(a.headers.contains_key(header::ETAG));
        }
        let now = owner.get(&path).await;
        let json = now.json();
        for (field, value) in fields {
            let got = &json[field];
            let same = match (got.as_str(), value.as_str()) {
                (Some(a), Some(b)) if field.ends_with("_at") || field.ends_with("deadline") => {
                    a.parse::<jiff::Timestamp>().unwrap() == b.parse::<jiff::Timestamp>().unwrap()
                }
                _ => *got == value,
            };
            assert!(same, "{field}: {got} after concurrent edits");
        }
        assert_eq!(now.headers[header::ETAG], "\"11\"", "ten edits, ten versions");
        for (i, item) in json["agenda"].as_array().unwrap().iter().enumerate() {
            assert_eq!(item["title"], format!("Renamed {i}"));
        }

        // a stale If-Match is refused and changes nothing; the current one goes through
        let before = t.snapshot().await;
        for (target, stale) in [(path.clone(), "\"1\""), (format!("/api/v1/agenda/{}", items[0]), "\"7\"")] {
            let request = axum::http::Request::patch(&target)
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::IF_MATCH, stale)
                .body(axum::body::Body::from(json!({"title": "Lost update"}).to_string()))
                .unwrap();
            let a = owner.send(request).await;
            assert_eq!((a.status.as_u16(), a.code().as_str()), (412, "precondition_failed"), "{}", a.body);
        }
        assert_eq!(t.snapshot().await, before, "a refused write changed something");
        let request = axum::http::Request::patch(&path)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::IF_MATCH, "\"11\"")
            .body(axum::body::Body::from(json!({"title": "Guarded"}).to_string()))
            .unwrap();
        let a = owner.send(request).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(a.headers[header::ETAG], "\"12\"");

        // attendees carry their version too
        let person = owner.post(&format!("{path}/attendees"), json!({"name": "Dana", "email": "d@example.com", "role": "decider", "reason": "r"})).await;
        assert_eq!(person.headers[header::ETAG], "\"1\"");
        let id = person.json()["id"].as_str().unwrap().to_owned();
        let request = axum::http::Request::patch(format!("/api/v1/attendees/{id}"))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::IF_MATCH, "\"2\"")
            .body(axum::body::Body::from(json!({"name": "Lost"}).to_string()))
            .unwrap();
        assert_eq!(owner.send(request).await.status.as_u16(), 412);
        let renamed = owner.api(Method::PATCH, &format!("/api/v1/attendees/{id}"), Some(json!({"name": "Dana K."}))).await;
        assert_eq!((renamed.status.as_u16(), renamed.headers[header::ETAG].to_str().unwrap()), (200, "\"2\""));
    }
);

db_test!(
    async fn concurrent_saves_of_a_preread_each_make_a_version(t) {
        let router = app(t);
        let token = organizer(&router, "owner").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Memo").await;
        let p = owner.post(&format!("/api/v1/meetings/{m}/prereads"), json!({"title": "Memo", "markdown": "v1"})).await.json();
        let path = format!("/api/v1/prereads/{}", p["id"].as_str().unwrap());
        let tasks: Vec<_> = (0..12)
            .map(|i| {
                let (owner, path) = (owner.clone(), path.clone());
                tokio::spawn(async move {
                    owner.api(Method::PUT, &path, Some(json!({"markdown": format!("Version from writer {i}")}))).await
                })
            })
            .collect();
        let mut versions = Vec::new();
        for task in tasks {
            let a = task.await.unwrap();
            assert_eq!(a.status, StatusCode::OK, "{}", a.body);
            versions.push(a.json()["version"].as_u64().unwrap());
        }
        versions.sort();
        assert_eq!(versions, (2..=13).collect::<Vec<u64>>(), "each save its own version");
    }
);

db_test!(
    async fn a_body_only_save_keeps_a_rename_that_raced_it(t) {
        // The save of the body alone read the pre-read (old title) before it took the meeting's
        // lock; a rename committed in between must survive it.
        let state = t.state();
        let router = app_with(state.clone());
        let token = organizer(&router, "owner").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Memo").await;
        let p = owner.post(&format!("/api/v1/meetings/{m}/prereads"), json!({"title": "Old title", "markdown": "v1"})).await.json();
        let pid: app::model::PrereadId = p["id"].as_str().unwrap().parse().unwrap();
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(header::AUTHORIZATION, format!("Bearer {token}").parse().unwrap());
        let actor = app::ssr::auth::actor(&state, &headers).await.unwrap();
        let (auth, stale) = app::ssr::domain::discussion::prereads::authorize_for::<app::ssr::policy::access::Edit>(&state, &actor, pid).await.unwrap();
        let renamed = owner.api(Method::PUT, &format!("/api/v1/prereads/{pid}"), Some(json!({"title": "New title", "markdown": "v2"}))).await;
        assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
        let body_only = app::model::preread::PrereadInput { title: None, markdown: Some("v3".into()), required: None };
        let saved = app::ssr::domain::discussion::prereads::update(&state, &auth, stale, body_only).await.unwrap();
        assert_eq!((saved.title.as_str(), saved.version), ("New title", 3));
        let read = owner.get(&format!("/api/v1/prereads/{pid}")).await.json();
        assert_eq!((read["title"].as_str(), read["markdown"].as_str()), (Some("New title"), Some("v3")));
    }
);

/// Posts `body` to `path` until it is refused, at most `max + 1` times; returns how many were
/// accepted and the refusal.
async fn fill(
    client: &Client,
    path: &str,
    body: impl Fn(usize) -> Value,
    max: usize,
) -> (usize, crate::support::Answer) {
    for i in 0..=max {
        let a = client.post(path, body(i)).await;
        if !a.status.is_success() {
            return (i, a);
        }
    }
    panic!("{path} accepted {} without a refusal", max + 1);
}

db_test!(
    async fn every_list_a_caller_grows_is_bounded(t) {
        let router = app(t);
        let token = organizer(&router, "owner").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Bounds").await;
        let (_, ana) = invite(&router, &token, &m, "ana").await;
        let ana = Client::bearer(&router, &ana);
        let p = owner.post(&format!("/api/v1/meetings/{m}/prereads"), json!({"title": "Memo", "markdown": "v1"})).await.json();
        let pid = p["id"].as_str().unwrap().to_owned();
        circulate(&router, &token, &m).await;

        // 50 polls a meeting, the built-in one included
        let (made, refused) = fill(&owner, &format!("/api/v1/meetings/{m}/polls"), |i| json!({"question": format!("Q{i}"), "options": ["a", "b"]}), 50).await;
        assert_eq!(made, 49);
        assert_eq!((refused.status.as_u16(), refused.json()["error"]["field"].as_str()), (422, Some("polls")));

        // 200 versions a pre-read
        let mut last = owner.get(&format!("/api/v1/prereads/{pid}")).await;
        for i in 2..=200 {
            last = owner.api(Method::PUT, &format!("/api/v1/prereads/{pid}"), Some(json!({"markdown": format!("v{i}")}))).await;
            assert_eq!(last.status, StatusCode::OK, "{}", last.body);
        }
        assert_eq!(last.json()["version"], 200);
        let before = t.snapshot().await;
        let over = owner.api(Method::PUT, &format!("/api/v1/prereads/{pid}"), Some(json!({"markdown": "v201"}))).await;
        assert_eq!((over.status.as_u16(), over.code().as_str()), (422, "validation"), "{}", over.body);
        assert_eq!(t.snapshot().await, before);

        // 500 comments a person a pre-read; another person is not held back
        let (made, refused) = fill(&ana, &format!("/api/v1/prereads/{pid}/comments"), |i| json!({"kind": "question", "body": format!("Q{i}")}), 500).await;
        assert_eq!(made, 500);
        assert_eq!((refused.status.as_u16(), refused.code().as_str()), (422, "validation"));
        let theirs = owner.post(&format!("/api/v1/prereads/{pid}/comments"), json!({"kind": "agree", "body": "Fine"})).await;
        assert_eq!(theirs.status, StatusCode::CREATED);

        // the read list: duplicates count once; more entries than pre-reads is refused
        let me = format!("/api/v1/meetings/{m}/me");
        let ok = ana.post(&me, json!({"read": [pid, pid, pid]})).await;
        assert_eq!((ok.status, ok.json()["read"].clone()), (StatusCode::OK, json!([pid])));
        let before = t.snapshot().await;
        let many: Vec<&str> = std::iter::repeat_n(pid.as_str(), 51).collect();
        let over = ana.post(&me, json!({"read": many, "ready": true})).await;
        assert_eq!((over.status.as_u16(), over.json()["error"]["field"].as_str()), (422, Some("read")));
        let stranger = ana.post(&me, json!({"read": [uuid::Uuid::now_v7()], "ready": true})).await;
        assert_eq!(stranger.status.as_u16(), 422);
        assert_eq!(t.snapshot().await, before, "a refused state change marked nothing");
    }
);

db_test!(
    async fn writes_are_rate_limited_per_writer_with_retry_after(t) {
        let router = app_with(t.state_with(&[("PREWORK_WRITE_LIMIT", "30/min")]));
        let token = organizer(&router, "owner").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Busy").await;
        invite(&router, &token, &m, "ana").await;
        // 30 a minute: bursts of 6, and creating the meeting and inviting ana used two
        let agenda = format!("/api/v1/meetings/{m}/agenda");
        let item = |i: usize| json!({"title": format!("I{i}"), "kind": "discuss", "minutes": 1});
        let (made, refused) = fill(&owner, &agenda, item, 6).await;
        assert_eq!(made, 4);
        assert_eq!((refused.status.as_u16(), refused.code().as_str()), (429, "rate_limited"));
        let wait: u64 = refused.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
        assert!((1..=3).contains(&wait), "{wait}");
        // reading is not writing; another writer has their own bucket
        assert_eq!(owner.get(&format!("/api/v1/meetings/{m}")).await.status, StatusCode::OK);
        circulate_as(&owner, &m, 429).await;
        let before = t.snapshot().await;
        let a = owner.post(&agenda, json!({"title": "late", "kind": "discuss", "minutes": 1})).await;
        assert_eq!(a.status.as_u16(), 429);
        assert_eq!(t.snapshot().await, before, "a refused write changed nothing");
        let other = organizer(&router, "other").await;
        assert_eq!(Client::bearer(&router, &other).post("/api/v1/meetings", meeting_body("Mine")).await.status, StatusCode::CREATED);

        // the browser shares the writer's bucket: a server function is refused too
        let mut browser = Client::new(&router);
        browser.form("/rpc/log_in", &[("credentials[email]", "owner@example.com"), ("credentials[password]", "correct horse battery")], false).await;
        let a = browser.form("/rpc/remove_agenda_item", &[("id", &uuid::Uuid::now_v7().to_string())], false).await;
        assert_eq!(a.status.as_u16(), 404, "unknown items are not found before any limit");
        fill(&owner, &agenda, item, 6).await;
        let a = browser.form("/rpc/delete_meeting", &[("id", &m)], false).await;
        assert_eq!(a.status.as_u16(), 429, "{}", a.body);
        assert!(a.headers.contains_key(header::RETRY_AFTER), "server functions say when, too");

        // the Markdown preview has its own, smaller bucket (30 a minute, bursts of 6)
        let mut fresh = Client::new(&router);
        fresh.form("/rpc/log_in", &[("credentials[email]", "other@example.com"), ("credentials[password]", "correct horse battery")], false).await;
        for _ in 0..6 {
            let a = fresh.form("/rpc/preview_markdown", &[("markdown", "# Hi")], false).await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        }
        let a = fresh.form("/rpc/preview_markdown", &[("markdown", "# Hi")], false).await;
        assert_eq!(a.status.as_u16(), 429, "{}", a.body);
    }
);

async fn circulate_as(client: &Client, meeting: &str, status: u16) {
    let a = client
        .post(&format!("/api/v1/meetings/{meeting}/circulate"), json!({}))
        .await;
    assert_eq!(a.status.as_u16(), status, "{}", a.body);
}

db_test!(
    async fn writes_under_one_meeting_at_the_same_moment_all_answer(t) {
        // Every write under a meeting takes the meeting's lock before any row under it: the
        // revision triggers update the meeting's row after the row written, so on PostgreSQL a
        // writer that locked a person, a poll, a comment or a pre-read first could deadlock with
        // one holding the meeting, and be answered 500. Here each kind of write races the others.
        let router = app(t);
        let token = organizer(&router, "owner").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Crowd").await;
        let mut people = Vec::new();
        for i in 0..8 {
            people.push(invite(&router, &token, &m, &format!("p{i}")).await);
        }
        let preread = owner.post(&format!("/api/v1/meetings/{m}/prereads"), json!({"title": "Memo", "markdown": "One\n\nTwo"})).await.json();
        let preread = preread["id"].as_str().unwrap().to_owned();
        circulate(&router, &token, &m).await;
        let mut comments = Vec::new();
        for (_, secret) in &people {
            let c = Client::bearer(&router, secret).post(&format!("/api/v1/prereads/{preread}/comments"), json!({"kind": "question", "body": "Why?"})).await;
            assert_eq!(c.status, StatusCode::CREATED, "{}", c.body);
            comments.push(c.json()["id"].as_str().unwrap().to_owned());
        }
        for round in 0..5 {
            let poll = owner.post(&format!("/api/v1/meetings/{m}/polls"), json!({"question": format!("Round {round}?"), "options": ["yes", "no"]})).await;
            assert_eq!(poll.status, StatusCode::CREATED, "{}", poll.body);
            let poll = poll.json()["id"].as_str().unwrap().to_owned();
            let mut writes: Vec<(Client, Method, String, Option<Value>)> = Vec::new();
            for (_, secret) in &people[..3] {
                writes.push((Client::bearer(&router, secret), Method::POST, format!("/api/v1/polls/{poll}/votes"), Some(json!({"option": round % 2}))));
            }
            let me = Client::bearer(&router, &people[3].1);
            writes.push((me, Method::POST, format!("/api/v1/meetings/{m}/me"), Some(json!({"read": [preread], "ready": round % 2 == 0}))));
            writes.push((owner.clone(), Method::POST, format!("/api/v1/attendees/{}/link", people[4].0), Some(json!({}))));
            let (removed, _) = &people[5 + round % 3];
            let removal = if round < 3 { (Method::DELETE, None) } else { (Method::PATCH, Some(json!({"reason": "Still here"}))) };
            writes.push((owner.clone(), removal.0, format!("/api/v1/attendees/{removed}"), removal.1));
            writes.push((owner.clone(), Method::POST, format!("/api/v1/comments/{}/resolve", comments[round]), Some(json!({"resolved": true}))));
            writes.push((owner.clone(), Method::PUT, format!("/api/v1/prereads/{preread}"), Some(json!({"markdown": format!("One\n\nTwo, round {round}")}))));
            writes.push((owner.clone(), Method::POST, format!("/api/v1/polls/{poll}/close"), Some(json!({}))));
            writes.push((owner.clone(), Method::POST, format!("/api/v1/meetings/{m}/decision"), Some(json!({"decision": if round == 4 { "shorten" } else { "hold" }}))));
            if round == 4 {
                // the meeting itself goes while all of the above is under way
                writes.push((owner.clone(), Method::DELETE, format!("/api/v1/meetings/{m}"), None));
            }
            let tasks: Vec<_> = writes
                .into_iter()
                .map(|(client, method, path, body)| {
                    tokio::spawn(async move {
                        let answer = client.api(method.clone(), &path, body).await;
                        (format!("{method} {path}"), answer)
                    })
                })
                .collect();
            for task in tasks {
                let (what, answer) = task.await.unwrap();
                assert!(answer.status.as_u16() < 500, "round {round}: {what} answered {}: {}", answer.status, answer.body);
            }
        }
        assert_eq!(owner.get(&format!("/api/v1/meetings/{m}")).await.status, StatusCode::NOT_FOUND);
    }
);
