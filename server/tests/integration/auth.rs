//! Accounts, tokens and sessions through HTTP: sign-up and sign-in rules, the life of each
//! credential, rate limits, and cross-site request checks.

use crate::support::*;
use app::db_test;
use app::ssr::auth::tokens::hash_token;
use app::ssr::runtime::config::Config;
use app::ssr::{AppState, db};
use axum::http::{Method, StatusCode, header};
use serde_json::json;

db_test!(
    async fn signup_and_login_follow_the_contract(t) {
        let router = app(t);
        let c = Client::new(&router);
        let signup = |email: &str, password: &str| {
            json!({"name": "Ana", "email": email, "password": password})
        };
        let a = c.post("/api/v1/auth/signup", signup("Ana@Example.com", "correct horse battery")).await;
        assert_eq!(a.status, StatusCode::CREATED);
        let body = a.json();
        assert_eq!(body["user"]["email"], "Ana@Example.com");
        assert!(body["user"]["id"].is_string());
        assert!(body["token"].as_str().unwrap().len() >= 32);

        // the same address, any case, is taken
        let again = c.post("/api/v1/auth/signup", signup("ana@EXAMPLE.com", "another password")).await;
        assert_eq!((again.status, again.code().as_str()), (StatusCode::CONFLICT, "conflict"));

        let short = c.post("/api/v1/auth/signup", signup("bo@example.com", "123456789")).await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(short.json()["error"]["field"], "password");
        let bad_email = c.post("/api/v1/auth/signup", signup("bo-at-example", "correct horse battery")).await;
        assert_eq!(bad_email.json()["error"]["field"], "email");

        let login = |email: &str, password: &str| json!({"email": email, "password": password});
        let ok = c.post("/api/v1/auth/login", login("ANA@example.com", "correct horse battery")).await;
        assert_eq!(ok.status, StatusCode::OK);
        assert_eq!(ok.json()["user"]["email"], "Ana@Example.com");
        let wrong = c.post("/api/v1/auth/login", login("ana@example.com", "wrong horse battery")).await;
        let unknown = c.post("/api/v1/auth/login", login("nobody@example.com", "correct horse battery")).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong.body, unknown.body, "one answer for a wrong password and an unknown email");
    }
);

db_test!(
    async fn logout_revokes_the_token(t) {
        let router = app(t);
        let token = organizer(&router, "ana").await;
        let c = Client::bearer(&router, &token);
        assert_eq!(c.get("/api/v1/meetings").await.status, StatusCode::OK);
        assert_eq!(c.post("/api/v1/auth/logout", json!({})).await.status, StatusCode::NO_CONTENT);
        let after = c.get("/api/v1/meetings").await;
        assert_eq!((after.status, after.code().as_str()), (StatusCode::UNAUTHORIZED, "unauthenticated"));
        assert_eq!(c.post("/api/v1/auth/logout", json!({})).await.status, StatusCode::UNAUTHORIZED);
        let garbage = Client::bearer(&router, "pwo_not-a-real-token");
        assert_eq!(garbage.get("/api/v1/meetings").await.status, StatusCode::UNAUTHORIZED);
    }
);

db_test!(
    async fn regenerated_links_kill_the_old_link_and_its_sessions(t) {
        let router = app(t);
        let owner = organizer(&router, "owner").await;
        let m = meeting(&router, &owner, "Budget").await;
        let (ana, old) = invite(&router, &owner, &m, "ana").await;
        circulate(&router, &owner, &m).await;

        let mut browser = Client::new(&router);
        let opened = browser.page(&format!("/i/{old}")).await;
        assert_eq!(opened.status, StatusCode::SEE_OTHER);
        assert_eq!(opened.location(), format!("/meetings/{m}"));
        assert!(opened.headers[header::SET_COOKIE].to_str().unwrap().contains("HttpOnly"));
        assert!(browser.page(&format!("/meetings/{m}")).await.body.contains("Budget"));

        let fresh = Client::bearer(&router, &owner)
            .post(&format!("/api/v1/attendees/{ana}/link"), json!({}))
            .await
            .json();
        let new = fresh["token"].as_str().unwrap().to_owned();
        assert_ne!(new, old);
        assert!(fresh["link"].as_str().unwrap().ends_with(&format!("/i/{new}")));

        assert_eq!(Client::bearer(&router, &old).get(&format!("/api/v1/meetings/{m}")).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(Client::bearer(&router, &new).get(&format!("/api/v1/meetings/{m}")).await.status, StatusCode::OK);
        assert_eq!(Client::new(&router).page(&format!("/i/{old}")).await.status, StatusCode::NOT_FOUND);
        let page = browser.page(&format!("/meetings/{m}")).await;
        assert!(!page.body.contains("Budget"), "the browser the old link opened is shut out too");
    }
);

db_test!(
    async fn browser_sessions_rotate_expire_and_end(t) {
        let router = app(t);
        let owner = organizer(&router, "owner").await;
        let m = meeting(&router, &owner, "Budget").await;
        let (_, link) = invite(&router, &owner, &m, "ana").await;
        circulate(&router, &owner, &m).await;

        // a browser that opened a link, then signs in: the session id changes, the grant stays
        let mut browser = Client::new(&router);
        browser.page(&format!("/i/{link}")).await;
        let before = browser.cookie.clone().unwrap();
        let signed_in = browser
            .form("/rpc/log_in", &[("credentials[email]", "owner@example.com"), ("credentials[password]", "correct horse battery")], true)
            .await;
        assert_eq!(signed_in.status, StatusCode::FOUND);
        let cookie = signed_in.headers[header::SET_COOKIE].to_str().unwrap();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"));
        let after = browser.cookie.clone().unwrap();
        assert_ne!(before, after, "sign-in rotates the session");
        let mut stale = Client::new(&router);
        stale.cookie = Some(before);
        assert!(stale.page("/").await.body.contains("Make meetings earn their place"), "the old id is dead");
        assert!(browser.page("/").await.body.contains("Budget"));

        // past its idle limit, a session is refused
        let hash = hash_token(&after);
        let now = jiff::Timestamp::now();
        db::sessions::set_times_for_tests(&t.db, &hash, now - jiff::SignedDuration::from_hours(15 * 24), now + jiff::SignedDuration::from_hours(24))
            .await
            .unwrap();
        assert!(browser.page("/").await.body.contains("Make meetings earn their place"));
        // and past its absolute limit too, however recently used
        db::sessions::set_times_for_tests(&t.db, &hash, now, now - jiff::SignedDuration::from_secs(1)).await.unwrap();
        assert!(browser.page("/").await.body.contains("Make meetings earn their place"));
        db::sessions::set_times_for_tests(&t.db, &hash, now, now + jiff::SignedDuration::from_hours(1)).await.unwrap();
        assert!(browser.page("/").await.body.contains("Budget"));

        // signing out ends the session on the server, not only in the browser
        let out = browser.form("/rpc/log_out", &[], true).await;
        assert_eq!(out.status, StatusCode::FOUND);
        assert_eq!(out.session_cookie().as_deref(), Some(""));
        let mut replay = Client::new(&router);
        replay.cookie = Some(after);
        assert!(replay.page("/").await.body.contains("Make meetings earn their place"));

        // expired API tokens are refused as well
        let api = organizer(&router, "api").await;
        db::sessions::set_times_for_tests(&t.db, &hash_token(&api), now, now - jiff::SignedDuration::from_secs(1)).await.unwrap();
        assert_eq!(Client::bearer(&router, &api).get("/api/v1/meetings").await.status, StatusCode::UNAUTHORIZED);
    }
);

db_test!(
    async fn sign_in_is_rate_limited_per_email_and_per_address(t) {
        let router = app(t);
        let c = Client::new(&router);
        let attempt = |email: String| json!({"email": email, "password": "wrong horse battery"});
        for _ in 0..5 {
            assert_eq!(c.post("/api/v1/auth/login", attempt("ana@example.com".into())).await.status, StatusCode::UNAUTHORIZED);
        }
        let limited = c.post("/api/v1/auth/login", attempt("ana@example.com".into())).await;
        assert_eq!((limited.status, limited.code().as_str()), (StatusCode::TOO_MANY_REQUESTS, "rate_limited"));
        let wait: u64 = limited.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
        assert!((1..=30).contains(&wait));
        // the same email from elsewhere is limited too: the bucket is the account's
        let mut elsewhere = Client::new(&router);
        elsewhere.peer = "198.51.100.9:1".parse().unwrap();
        assert_eq!(elsewhere.post("/api/v1/auth/login", attempt("ANA@example.com".into())).await.status, StatusCode::TOO_MANY_REQUESTS);

        // one address trying many accounts; a forged X-Forwarded-For mints no fresh bucket
        let mut spoofer = Client::new(&router);
        spoofer.peer = "192.0.2.77:1".parse().unwrap();
        let mut statuses = Vec::new();
        for i in 0..21 {
            let request = axum::http::Request::post("/api/v1/auth/login")
                .header(header::CONTENT_TYPE, "application/json")
                .header("x-forwarded-for", format!("10.9.8.{i}"))
                .body(axum::body::Body::from(attempt(format!("u{i}@example.com")).to_string()))
                .unwrap();
            statuses.push(spoofer.send(request).await.status);
        }
        assert!(statuses[..20].iter().all(|s| *s == StatusCode::UNAUTHORIZED));
        assert_eq!(statuses[20], StatusCode::TOO_MANY_REQUESTS);
    }
);

db_test!(
    async fn a_trusted_proxy_passes_on_the_client_address(t) {
        let config = Config::from_lookup(|k| (k == "PREWORK_TRUSTED_PROXIES").then(|| "192.0.2.0/24".into())).unwrap();
        let router = app_with(AppState::new(t.db.clone(), config));
        let mut proxy = Client::new(&router);
        proxy.peer = "192.0.2.1:443".parse().unwrap();
        for i in 0..25 {
            let request = axum::http::Request::post("/api/v1/auth/login")
                .header(header::CONTENT_TYPE, "application/json")
                .header("x-forwarded-for", format!("198.51.100.{i}"))
                .body(axum::body::Body::from(json!({"email": format!("u{i}@example.com"), "password": "wrong horse battery"}).to_string()))
                .unwrap();
            assert_eq!(proxy.send(request).await.status, StatusCode::UNAUTHORIZED, "client {i} has its own bucket");
        }
    }
);

db_test!(
    async fn cross_site_state_changes_are_refused(t) {
        let router = app(t);
        let mut browser = Client::new(&router);
        browser
            .form("/rpc/sign_up", &[("account[name]", "Ana"), ("account[email]", "ana@example.com"), ("account[password]", "correct horse battery")], true)
            .await;
        assert!(browser.cookie.is_some());
        let create = [
            ("meeting[title]", "Forged"),
            ("meeting[purpose_kind]", "plan"),
            ("meeting[outcome]", "x"),
            ("meeting[duration_minutes]", "30"),
            ("meeting[time_zone]", "UTC"),
        ];
        // a hostile page's form post, and a request with no origin at all
        for origin in [Some("https://evil.example".to_owned()), None] {
            let mut forged = browser.clone();
            forged.origin = origin.clone();
            for html in [true, false] {
                let answer = forged.form("/rpc/create_meeting", &create, html).await;
                assert_eq!(answer.status, StatusCode::FORBIDDEN, "{origin:?} html={html}");
            }
            let api = forged.api(Method::POST, "/api/v1/meetings", Some(meeting_body("Forged"))).await;
            assert_eq!((api.status, api.code().as_str()), (StatusCode::FORBIDDEN, "forbidden"), "{origin:?}");
        }
        // Sec-Fetch-Site says cross-site even though the Origin looks right
        let request = axum::http::Request::post("/api/v1/meetings")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ORIGIN, ORIGIN)
            .header("sec-fetch-site", "cross-site")
            .body(axum::body::Body::from(meeting_body("Forged").to_string()))
            .unwrap();
        assert_eq!(browser.send(request).await.status, StatusCode::FORBIDDEN);
        // logging a victim into an attacker's account is refused too
        let mut anonymous = Client::new(&router);
        anonymous.origin = Some("https://evil.example".into());
        let login = anonymous.form("/rpc/log_in", &[("credentials[email]", "ana@example.com"), ("credentials[password]", "correct horse battery")], true).await;
        assert_eq!(login.status, StatusCode::FORBIDDEN);

        let token = organizer(&router, "owner").await;
        assert!(app::ssr::domain::meetings::list(&t.state(), &app::ssr::auth::Actor::anonymous(), Default::default()).await.is_err());
        let mine = Client::bearer(&router, &token).get("/api/v1/meetings").await.json();
        assert!(mine["meetings"].as_array().unwrap().is_empty());
        assert!(!browser.page("/").await.body.contains("Forged"), "nothing was created");

        // the same requests from our own pages go through
        let ok = browser.form("/rpc/create_meeting", &create, true).await;
        assert_eq!(ok.status, StatusCode::FOUND);
        let ok = browser.api(Method::POST, "/api/v1/meetings", Some(meeting_body("Mine"))).await;
        assert_eq!(ok.status, StatusCode::CREATED);
        // Bearer requests carry no ambient credential and need no origin
        let api = Client::bearer(&router, &token).post("/api/v1/meetings", meeting_body("Scripted")).await;
        assert_eq!(api.status, StatusCode::CREATED);
    }
);
