//! What a page says when it cannot show what was asked: the error gate's pages and statuses,
//! and the statuses of server functions, set in one place.

use crate::support::*;
use app::db_test;
use app::ssr::clock::Clock;
use app::ssr::db::Db;
use axum::http::StatusCode;
use jiff::{SignedDuration, Timestamp};

db_test!(
    async fn each_failure_has_its_page_and_status(t) {
        // a pool of its own, so closing it below is an outage for the server and not for the test
        let mut state = t.state().with_clock(Clock::manual(Timestamp::now()));
        state.db = Db::connect(&t.url).await.unwrap();
        let router = app_with(state.clone());
        let owner = organizer(&router, "owner").await;
        let m = meeting(&router, &owner, "Budget").await;
        let (_, link) = invite(&router, &owner, &m, "ana").await;
        circulate(&router, &owner, &m).await;
        let mut browser = Client::new(&router);
        let signed_in = browser
            .form("/rpc/log_in", &[("credentials[email]", "owner@example.com"), ("credentials[password]", "correct horse battery")], true)
            .await;
        assert_eq!(signed_in.status, StatusCode::FOUND);
        let people = format!("/meetings/{m}/people");
        assert_eq!(browser.page(&people).await.status, StatusCode::OK);

        // every answer says its request id, a fresh one of ours even when the client sent one
        let page = browser.page(&people).await;
        let id = page.headers["x-request-id"].to_str().unwrap().to_owned();
        assert_eq!(id.len(), 36, "{id}");

        // an attendee on an organizer's step: not theirs to change (they know the meeting)
        let mut ana = Client::new(&router);
        ana.page(&format!("/i/{link}")).await;
        let refused = ana.page(&people).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(refused.body.contains("This is not yours to change"));
        // a meeting nobody invited them to: not found, never confirmed
        let unknown = ana.page("/meetings/01a22700-0000-7000-8000-000000000000/people").await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);

        // nobody signed in: the sign-in page, with the way back
        let nobody = Client::new(&router).page(&people).await;
        assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
        assert!(nobody.body.contains(&format!("/login?next=/meetings/{m}/people")), "{}", nobody.body);

        // the session expired (30 days, absolute): the sign-in page, not "not found"
        state.clock.advance(SignedDuration::from_hours(31 * 24));
        let expired = browser.page(&people).await;
        assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
        assert!(expired.body.contains("Sign in to continue"));

        // signing in from there comes back to the step; another site is never the way back
        let back = browser
            .form("/rpc/log_in", &[("credentials[email]", "owner@example.com"), ("credentials[password]", "correct horse battery"), ("next", &people)], true)
            .await;
        assert_eq!(back.location(), people);
        let elsewhere = browser
            .form("/rpc/log_in", &[("credentials[email]", "owner@example.com"), ("credentials[password]", "correct horse battery"), ("next", "//evil.example/x")], true)
            .await;
        assert_eq!(elsewhere.location(), "/");

        // a server function's error has its own status, set in one place on the server
        let bad = browser.form("/rpc/log_in", &[("credentials[email]", "owner@example.com"), ("credentials[password]", "wrong")], false).await;
        assert_eq!(bad.status, StatusCode::UNAUTHORIZED, "{}", bad.body);
        let unreadable = browser.form("/rpc/add_attendee", &[("nonsense", "1")], false).await;
        assert_eq!(unreadable.status, StatusCode::BAD_REQUEST, "{}", unreadable.body);

        // the database is gone: a calm 500 that names the request, not "not found"
        state.db.close().await;
        let outage = browser.page(&people).await;
        assert_eq!(outage.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(outage.body.contains("Nothing you saved was lost"));
        let id = outage.headers["x-request-id"].to_str().unwrap();
        assert!(outage.body.contains(id), "the page names its request id");
        assert!(!outage.body.to_lowercase().contains("pool"), "no internal text reaches the page");
    }
);
