//! Pre-reads, comments, readiness and polls through the API, on SQLite and PostgreSQL.

use crate::support::*;
use app::db_test;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

const DOC_V1: &str = "# Vendor memo\n\nAcme is cheaper by 20%.\n\nGlobex has the better support.\n\n- Price\n- Support\n";
const DOC_V2: &str = "# Vendor memo\n\nAcme is cheaper by 10%.\n\nGlobex has the better support.\n\n- Price\n- Support\n- Risk\n";

struct Setup {
    owner: Client,
    ana: Client,
    bo: Client,
    meeting: String,
    ana_id: String,
}

async fn setup(router: &axum::Router, anonymous: bool) -> Setup {
    let token = organizer(router, "owner").await;
    let owner = Client::bearer(router, &token);
    let m = meeting(router, &token, "Vendor").await;
    if anonymous {
        let a = owner
            .api(
                Method::PATCH,
                &format!("/api/v1/meetings/{m}"),
                Some(json!({"anonymous": true})),
            )
            .await;
        assert_eq!(a.status, StatusCode::OK);
    }
    let (ana_id, ana) = invite(router, &token, &m, "ana").await;
    let (_, bo) = invite(router, &token, &m, "bo").await;
    circulate(router, &token, &m).await;
    Setup {
        owner,
        ana: Client::bearer(router, &ana),
        bo: Client::bearer(router, &bo),
        meeting: m,
        ana_id,
    }
}

async fn preread(s: &Setup, markdown: &str) -> Value {
    let a = s
        .owner
        .post(
            &format!("/api/v1/meetings/{}/prereads", s.meeting),
            json!({"title": "Memo", "markdown": markdown}),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.json()
}

db_test!(
    async fn prereads_render_version_and_outdate_comments(t) {
        let router = app(t);
        let s = setup(&router, false).await;
        let p = preread(&s, DOC_V1).await;
        let id = p["id"].as_str().unwrap().to_owned();
        assert_eq!(p["version"], 1);
        assert_eq!(p["required"], true);
        assert!(p["reading_minutes"].as_u64().unwrap() >= 1);
        let blocks = p["blocks"].as_array().unwrap().clone();
        assert_eq!(blocks.len(), 5);
        for b in &blocks {
            assert!(p["html"].as_str().unwrap().contains(&format!("id=\"{}\"", b["id"].as_str().unwrap())));
        }
        let second = blocks[1]["id"].as_str().unwrap();
        let third = blocks[2]["id"].as_str().unwrap();

        // an attendee comments on the second paragraph, another replies
        let c = s.ana.post(&format!("/api/v1/prereads/{id}/comments"), json!({"block_id": second, "kind": "concern", "body": "Is 20% real?"})).await;
        assert_eq!(c.status, StatusCode::CREATED, "{}", c.body);
        let c = c.json();
        assert_eq!(c["quote"], "Acme is cheaper by 20%.");
        assert_eq!(c["author"]["name"], "ana");
        assert_eq!(c["author"]["role"], "contributor");
        let reply = s.bo.post(&format!("/api/v1/prereads/{id}/comments"), json!({"parent_id": c["id"], "kind": "agree", "body": "Same question"})).await.json();
        assert_eq!(reply["block_id"], second);
        s.ana.post(&format!("/api/v1/prereads/{id}/comments"), json!({"block_id": third, "kind": "agree", "body": "Yes"})).await;

        // a new version changes the second paragraph only
        let v2 = s.owner.api(Method::PUT, &format!("/api/v1/prereads/{id}"), Some(json!({"markdown": DOC_V2}))).await.json();
        assert_eq!(v2["version"], 2);
        let ids: Vec<&str> = v2["blocks"].as_array().unwrap().iter().map(|b| b["id"].as_str().unwrap()).collect();
        assert!(!ids.contains(&second) && ids.contains(&third));
        let comments = s.ana.get(&format!("/api/v1/prereads/{id}/comments")).await.json()["comments"].as_array().unwrap().clone();
        let outdated: Vec<bool> = comments.iter().map(|c| c["outdated"].as_bool().unwrap()).collect();
        assert_eq!(outdated, [true, true, false], "the changed paragraph's thread is outdated, the quote kept");
        assert_eq!(comments[0]["quote"], "Acme is cheaper by 20%.");

        // resolving: the thread's author or the organizer; not someone else
        let thread = comments[0]["id"].as_str().unwrap();
        assert_eq!(s.bo.post(&format!("/api/v1/comments/{thread}/resolve"), json!({"resolved": true})).await.status, StatusCode::FORBIDDEN);
        let done = s.ana.post(&format!("/api/v1/comments/{thread}/resolve"), json!({"resolved": true})).await.json();
        assert_eq!(done["resolved"], true);
        let reopened = s.owner.post(&format!("/api/v1/comments/{thread}/resolve"), json!({"resolved": false})).await.json();
        assert_eq!(reopened["resolved"], false);

        // the meeting lists its pre-reads
        let m = s.ana.get(&format!("/api/v1/meetings/{}", s.meeting)).await.json();
        assert_eq!(m["prereads"][0]["id"], id.as_str());
        assert_eq!(m["prereads"][0]["version"], 2);
    }
);

db_test!(
    async fn comment_and_preread_rules(t) {
        let router = app(t);
        let s = setup(&router, false).await;
        let p = preread(&s, DOC_V1).await;
        let id = p["id"].as_str().unwrap();
        let path = format!("/api/v1/prereads/{id}/comments");
        let cases = [
            (json!({"block_id": "b-nope", "kind": "question", "body": "x"}), 422, "block_id"),
            (json!({"kind": "rant", "body": "x"}), 400, "kind"),
            (json!({"kind": "question", "body": "  "}), 422, "body"),
            (json!({"kind": "question", "body": "x".repeat(10_001)}), 422, "body"),
        ];
        for (body, status, field) in cases {
            let before = t.snapshot().await;
            let a = s.ana.post(&path, body.clone()).await;
            assert_eq!(a.status.as_u16(), status, "{body}: {}", a.body);
            assert_eq!(a.json()["error"]["field"], field);
            assert_eq!(t.snapshot().await, before);
        }
        let prereads = format!("/api/v1/meetings/{}/prereads", s.meeting);
        let long = "x".repeat(200_001);
        let a = s.owner.post(&prereads, json!({"title": "Big", "markdown": long})).await;
        assert_eq!((a.status.as_u16(), a.json()["error"]["field"].as_str()), (422, Some("markdown")));
        let a = s.owner.post(&prereads, json!({"title": "", "markdown": "x"})).await;
        assert_eq!(a.json()["error"]["field"], "title");
        assert_eq!(s.ana.post(&prereads, json!({"title": "Mine", "markdown": "x"})).await.status, StatusCode::FORBIDDEN);
    }
);

db_test!(
    async fn readiness_is_the_attendees_own(t) {
        let router = app(t);
        let s = setup(&router, false).await;
        let p = preread(&s, DOC_V1).await;
        let me = format!("/api/v1/meetings/{}/me", s.meeting);
        let state = s.ana.post(&me, json!({"read": [p["id"]], "ready": true})).await;
        assert_eq!(state.status, StatusCode::OK, "{}", state.body);
        assert_eq!(state.json(), json!({"read": [p["id"]], "ready": true, "not_needed": false, "notifications": "all"}));
        let quiet = s.ana.post(&me, json!({"notifications": "outcome_only"})).await.json();
        assert_eq!((quiet["notifications"].as_str(), quiet["ready"].as_bool()), (Some("outcome_only"), Some(true)));
        let unknown = s.ana.post(&me, json!({"notifications": "never"})).await;
        assert_eq!((unknown.status.as_u16(), unknown.code().as_str()), (400, "invalid"));
        let state = s.ana.post(&me, json!({"not_needed": true})).await.json();
        assert_eq!(state["ready"], true);
        assert_eq!(state["not_needed"], true);
        let bad = s.ana.post(&me, json!({"read": ["0191d8e0-0000-7000-8000-000000000000"]})).await;
        assert_eq!(bad.json()["error"]["field"], "read");
        let m = s.owner.get(&format!("/api/v1/meetings/{}", s.meeting)).await.json();
        let ana = m["attendees"].as_array().unwrap().iter().find(|a| a["id"] == s.ana_id.as_str()).unwrap().clone();
        assert_eq!((ana["ready"].clone(), ana["not_needed"].clone()), (json!(true), json!(true)));
    }
);

db_test!(
    async fn polls_count_one_changeable_vote_each_until_they_close(t) {
        let router = app(t);
        let s = setup(&router, false).await;
        let polls_path = format!("/api/v1/meetings/{}/polls", s.meeting);
        let list = s.ana.get(&polls_path).await.json();
        assert_eq!(list["polls"][0]["question"], "Do we still need to meet?");
        assert_eq!(list["polls"][0]["builtin"], true);

        let p = s.owner.post(&polls_path, json!({"question": "Which vendor?", "options": ["Acme", "Globex"]})).await;
        assert_eq!(p.status, StatusCode::CREATED, "{}", p.body);
        let poll = p.json();
        assert_eq!(poll["tally"], json!([0, 0]));
        assert_eq!(poll["closed"], false);
        let votes = format!("/api/v1/polls/{}/votes", poll["id"].as_str().unwrap());
        let v = s.ana.post(&votes, json!({"option": 0, "reason": "cheaper"})).await;
        assert_eq!(v.status, StatusCode::OK, "{}", v.body);
        assert_eq!(v.json()["option"], 0);
        s.bo.post(&votes, json!({"option": 0})).await;
        s.ana.post(&votes, json!({"option": 1})).await; // changed, not added
        let tally = |list: Value| list["polls"].as_array().unwrap().iter().find(|p| p["id"] == poll["id"]).unwrap().clone();
        let seen = tally(s.ana.get(&polls_path).await.json());
        assert_eq!(seen["tally"], json!([1, 1]));
        assert_eq!(seen["my_vote"], 1);
        assert_eq!(s.ana.post(&votes, json!({"option": 2})).await.json()["error"]["field"], "option");
        assert_eq!(s.owner.post(&votes, json!({"option": 0})).await.status, StatusCode::FORBIDDEN);

        // hidden results stay hidden until the poll closes; a closed poll takes no votes
        let hidden = s.owner.post(&polls_path, json!({"question": "Budget?", "options": ["Up", "Down"], "hide_results": true})).await.json();
        assert_eq!(hidden["tally"], Value::Null);
        let past = s.owner.post(&polls_path, json!({"question": "Old?", "options": ["A", "B"], "hide_results": true, "closes_at": "2020-01-01T00:00:00Z"})).await.json();
        assert_eq!(past["closed"], true);
        assert_eq!(past["tally"], json!([0, 0]), "closed: results show");
        let late = s.ana.post(&format!("/api/v1/polls/{}/votes", past["id"].as_str().unwrap()), json!({"option": 0})).await;
        assert_eq!((late.status, late.code().as_str()), (StatusCode::CONFLICT, "conflict"));
        let bad = s.owner.post(&polls_path, json!({"question": "One?", "options": ["only"]})).await;
        assert_eq!(bad.json()["error"]["field"], "options");
        let many: Vec<String> = (0..21).map(|i| format!("o{i}")).collect();
        assert_eq!(s.owner.post(&polls_path, json!({"question": "Many?", "options": many})).await.json()["error"]["field"], "options");
    }
);

db_test!(
    async fn vote_reasons_reach_the_organizer_and_the_record_without_their_voters(t) {
        let router = app(t);
        let s = setup(&router, false).await;
        let polls_path = format!("/api/v1/meetings/{}/polls", s.meeting);
        let poll = s.owner.post(&polls_path, json!({"question": "Which vendor?", "options": ["Acme", "Globex"]})).await.json();
        let hidden = s.owner.post(&polls_path, json!({"question": "Budget?", "options": ["Up", "Down"], "hide_results": true})).await.json();
        let votes = |p: &Value| format!("/api/v1/polls/{}/votes", p["id"].as_str().unwrap());
        assert_eq!(s.ana.post(&votes(&poll), json!({"option": 0, "reason": "cheaper to run"})).await.status, StatusCode::OK);
        assert_eq!(s.bo.post(&votes(&poll), json!({"option": 1, "reason": "better support"})).await.status, StatusCode::OK);
        assert_eq!(s.ana.post(&votes(&hidden), json!({"option": 0, "reason": "we can afford it"})).await.status, StatusCode::OK);
        let find = |list: &Value, p: &Value| list["polls"].as_array().unwrap().iter().find(|x| x["id"] == p["id"]).unwrap().clone();
        // the organizer reads the reasons by option, never by whom
        let seen = s.owner.get(&polls_path).await.json();
        let reasons = find(&seen, &poll)["reasons"].clone();
        assert_eq!(reasons, json!([{"option": 0, "reason": "cheaper to run"}, {"option": 1, "reason": "better support"}]));
        assert!(!seen.to_string().contains("ana") && !seen.to_string().contains("\"bo\""), "no voter named: {seen}");
        assert_eq!(find(&seen, &hidden)["reasons"], json!([]), "hidden results hide their reasons");
        // the voter keeps their own reason; others see none of anyone's
        let mine = s.ana.get(&polls_path).await.json();
        assert_eq!(find(&mine, &poll)["my_reason"], "cheaper to run");
        assert_eq!(find(&mine, &poll)["reasons"], json!([]));
        assert_eq!(find(&s.bo.get(&polls_path).await.json(), &poll)["my_reason"], "better support");
        // and the outcome record carries them, authorless, where its tally shows
        let decided = s.owner.post(&format!("/api/v1/meetings/{}/decision", s.meeting), json!({"decision": "hold"})).await;
        assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
        let md = decided.json()["outcome"]["markdown"].as_str().unwrap().to_owned();
        assert!(md.contains("  - Acme: “cheaper to run”") && md.contains("  - Globex: “better support”"), "{md}");
        assert!(!md.contains("we can afford it"), "a hidden poll's reasons stay hidden: {md}");
    }
);

db_test!(
    async fn threads_settled_in_writing_are_in_the_outcome_record(t) {
        let router = app(t);
        let s = setup(&router, false).await;
        let p = preread(&s, DOC_V1).await;
        let comments = format!("/api/v1/prereads/{}/comments", p["id"].as_str().unwrap());
        let blocker = s.ana.post(&comments, json!({"kind": "blocker", "body": "We have no budget for support"})).await.json();
        let thread = blocker["id"].as_str().unwrap();
        s.owner.post(&comments, json!({"kind": "blocker", "parent_id": thread, "body": "Finance approved 35k for support"})).await;
        s.owner.post(&comments, json!({"kind": "blocker", "parent_id": thread, "body": "Confirmed in writing by Kai"})).await;
        assert_eq!(s.ana.post(&format!("/api/v1/comments/{thread}/resolve"), json!({"resolved": true})).await.status, StatusCode::OK);
        let open = s.ana.post(&comments, json!({"kind": "question", "body": "Who signs?"})).await;
        assert_eq!(open.status, StatusCode::CREATED);
        let decided = s.owner.post(&format!("/api/v1/meetings/{}/decision", s.meeting), json!({"decision": "cancel"})).await;
        assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
        let md = decided.json()["outcome"]["markdown"].as_str().unwrap().to_owned();
        let written = md.split("## Decided in writing").nth(1).unwrap().split("\n## ").next().unwrap().to_owned();
        assert!(written.contains("- A blocker on the pre-reads, “We have no budget for support”: “Confirmed in writing by Kai”"), "{md}");
        assert!(!written.contains("Nothing was resolved in writing") && !written.contains("Who signs?"), "{md}");
    }
);

db_test!(
    async fn anonymous_meetings_reveal_no_author_anywhere(t) {
        let router = app(t);
        let s = setup(&router, true).await;
        let p = preread(&s, DOC_V1).await;
        let id = p["id"].as_str().unwrap();
        let block = p["blocks"][1]["id"].as_str().unwrap();
        let c = s.ana.post(&format!("/api/v1/prereads/{id}/comments"), json!({"block_id": block, "kind": "blocker", "body": "We cannot sign this"})).await.json();
        assert_eq!(c["author"], Value::Null);
        let poll = s.ana.get(&format!("/api/v1/meetings/{}/polls", s.meeting)).await.json()["polls"][0].clone();
        s.ana.post(&format!("/api/v1/polls/{}/votes", poll["id"].as_str().unwrap()), json!({"option": 1, "reason": "async is fine"})).await;

        // turning anonymity off later reveals nothing written before
        s.owner.api(Method::PATCH, &format!("/api/v1/meetings/{}", s.meeting), Some(json!({"anonymous": false}))).await;
        for client in [&s.owner, &s.ana, &s.bo] {
            for path in [
                format!("/api/v1/prereads/{id}/comments"),
                format!("/api/v1/meetings/{}/polls", s.meeting),
            ] {
                let body = client.get(&path).await.body;
                assert!(!body.contains("\"ana\""), "{path} names the author: {body}");
                assert!(!body.contains("ana@example.com"), "{path}");
                assert!(!body.contains(&s.ana_id), "{path} carries the author's id");
            }
        }
        // the pages, as each of them sees them, and the data the hydrated pages fetch
        let page = format!("/meetings/{}/prereads/{id}", s.meeting);
        for token in [&s.owner, &s.ana, &s.bo].map(|c| c.bearer.clone().unwrap()) {
            let mut browser = Client::bearer(&router, &token);
            let html = browser.page(&page).await;
            assert_eq!(html.status, StatusCode::OK);
            assert!(html.body.contains("We cannot sign this") && html.body.contains("Anonymous"));
            assert!(!html.body.contains("ana (") && !html.body.contains("ana@"), "the page names the author");
            let data = browser.form("/rpc/get_preread_page", &[("id", id)], false).await;
            assert_eq!(data.status, StatusCode::OK, "{}", data.body);
            assert!(data.body.contains("We cannot sign this") && !data.body.contains("\"author\":{"));
            let discussion = browser.form("/rpc/get_discussion", &[("meeting", &s.meeting)], false).await;
            assert!(!discussion.body.contains("\"author\":{"), "{}", discussion.body);
        }
        let comments = s.owner.get(&format!("/api/v1/prereads/{id}/comments")).await.json();
        assert_eq!(comments["comments"][0]["author"], Value::Null);
        let snapshot = t.snapshot().await;
        let row = snapshot.lines().find(|l| l.contains("We cannot sign this")).unwrap();
        assert!(
            row.contains("author_attendee_id=None author_user_id=None author_name=Some(\"\")"),
            "nothing identifying is stored: {row}"
        );
    }
);
