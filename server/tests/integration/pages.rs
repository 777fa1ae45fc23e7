//! What a page says when it cannot show what was asked: the error gate's pages and statuses,
//! and the statuses of server functions, set in one place.

use crate::support::*;
use app::db_test;
use app::ssr::db::Db;
use app::ssr::runtime::clock::Clock;
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

/// Panics raised while this is alive in rendering code (Leptos' reactive system, its views, our
/// pages), wherever they are raised: a render task's panic need not reach the answer.
struct RenderPanics {
    seen: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl RenderPanics {
    fn watch() -> Self {
        let seen: std::sync::Arc<std::sync::Mutex<Vec<String>>> = std::sync::Arc::default();
        let record = seen.clone();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let location = info
                .location()
                .map(|l| l.file().to_owned())
                .unwrap_or_default();
            let rendering = [
                "reactive_graph",
                "tachys",
                "leptos",
                "app/src/pages",
                "app/front/src",
            ]
            .iter()
            .any(|part| location.contains(part));
            if rendering {
                record.lock().unwrap().push(format!("{info}"));
            }
            previous(info);
        }));
        Self { seen }
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for RenderPanics {
    fn drop(&mut self) {
        let _ = std::panic::take_hook();
    }
}

db_test!(
    async fn pages_with_polls_render_concurrently_without_a_panic(t) {
        let router = app(t);
        let token = organizer(&router, "olga").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Vendor choice").await;
        let (_, ana) = invite(&router, &token, &m, "ana").await;
        for q in ["Which vendor?", "Which quarter?"] {
            let p = owner.post(&format!("/api/v1/meetings/{m}/polls"), serde_json::json!({"question": q, "options": ["A", "B"]})).await;
            assert_eq!(p.status, StatusCode::CREATED, "{}", p.body);
        }
        circulate(&router, &token, &m).await;
        let panics = RenderPanics::watch();
        let pages: Vec<_> = (0..16)
            .map(|i| {
                let router = router.clone();
                let (m, ana, token) = (m.clone(), ana.clone(), token.clone());
                tokio::spawn(async move {
                    let mut browser = Client::new(&router);
                    if i % 2 == 0 {
                        browser.page(&format!("/i/{ana}")).await;
                    } else {
                        browser = Client::bearer(&router, &token);
                    }
                    for _ in 0..25 {
                        let page = browser.page(&format!("/meetings/{m}")).await;
                        assert_eq!(page.status, StatusCode::OK);
                        assert!(page.body.contains("Which quarter?"), "the polls are on the page");
                    }
                })
            })
            .collect();
        for page in pages {
            page.await.unwrap();
        }
        // over a real socket, by clients that leave halfway through the page (as a load
        // generator does when it stops): the render they leave behind must not panic either
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let served = router.clone().into_make_service_with_connect_info::<std::net::SocketAddr>();
        let server = tokio::spawn(async move { axum::serve(listener, served).await.unwrap() });
        let leavers: Vec<_> = (0..16)
            .map(|i| {
                let (m, token) = (m.clone(), token.clone());
                tokio::spawn(async move {
                    use tokio::io::{AsyncReadExt, AsyncWriteExt};
                    for n in 0..25 {
                        let mut socket = tokio::net::TcpStream::connect(addr).await.unwrap();
                        let request = format!("GET /meetings/{m} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nAccept: text/html\r\n\r\n");
                        socket.write_all(request.as_bytes()).await.unwrap();
                        let mut some = vec![0u8; 64 + (i * 997 + n * 131) % 4096];
                        let _ = socket.read(&mut some).await;
                        drop(socket);
                    }
                })
            })
            .collect();
        for leaver in leavers {
            leaver.await.unwrap();
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        server.abort();
        assert_eq!(panics.seen(), Vec::<String>::new(), "a render panicked");
    }
);
