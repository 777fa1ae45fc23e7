//! HTTP through the real router against a real database: health, pages and forms as a browser
//! without JavaScript uses them, security headers, the OpenAPI document, body limits.

use crate::support::*;
use app::db_test;
use axum::http::{Method, StatusCode, header};
use serde_json::{Value, json};

async fn signed_up(router: &axum::Router, name: &str) -> Client {
    let mut browser = Client::new(router);
    let answer = browser
        .form(
            "/rpc/sign_up",
            &[
                ("account[name]", name),
                ("account[email]", &format!("{name}@example.com")),
                ("account[password]", "correct horse battery"),
            ],
            true,
        )
        .await;
    assert_eq!(answer.status, StatusCode::FOUND, "{}", answer.body);
    assert_eq!(answer.location(), "/");
    assert!(browser.cookie.is_some());
    browser
}

fn create_form<'a>(
    title: &'a str,
    kind: &'a str,
    outcome: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("purpose[title]", title),
        ("purpose[purpose_kind]", kind),
        ("purpose[outcome]", outcome),
        ("purpose[duration_minutes]", "30"),
        ("purpose[time_zone]", "Europe/Paris"),
    ]
}

db_test!(
    async fn healthz_reports_the_backend_after_a_round_trip(t) {
        let router = app(t);
        let answer = Client::new(&router).get("/healthz").await;
        assert_eq!(answer.status, StatusCode::OK);
        let json = answer.json();
        assert_eq!(json["status"], "ok");
        assert_eq!(json["database"], t.db.backend().name());

        // Once the database is gone, the health check says so instead of hanging.
        t.db.close().await;
        let answer = Client::new(&router).get("/healthz").await;
        assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    }
);

db_test!(
    async fn signed_out_visitors_see_what_prework_is(t) {
        let router = app(t);
        let mut visitor = Client::new(&router);
        let home = visitor.page("/").await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home.body.contains("Make meetings earn their place"));
        assert!(home.body.contains("href=\"/signup\""));
        let new = visitor.page("/meetings/new").await;
        assert!(new.body.contains("Sign in to continue"));
        assert!(!new.body.contains("action=\"/rpc/save_purpose\""));
    }
);

db_test!(
    async fn a_form_post_creates_a_meeting_and_lands_on_its_page(t) {
        let router = app(t);
        let mut ana = signed_up(&router, "ana").await;
        let home = ana.page("/").await;
        assert!(home.body.contains("Your meetings"));
        assert!(home.body.contains("href=\"/meetings/new\""));
        let new = ana.page("/meetings/new").await;
        assert!(new.body.contains("action=\"/rpc/save_purpose\""), "the form posts without JS");

        let title = "Pick </title><script>alert(1)</script> & \"go\"";
        let answer = ana.form("/rpc/save_purpose", &create_form(title, "decide", "A signed vendor choice"), true).await;
        assert_eq!(answer.status, StatusCode::FOUND);
        let next = answer.location();
        assert!(next.starts_with("/meetings/") && next.ends_with("/people"), "{next}");
        let location = next.trim_end_matches("/people").to_owned();

        let page = ana.page(&location).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(
            "<h1>Pick &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"go\"</h1>"
        ));
        assert!(page.body.contains("<title>Pick &lt;/title>&lt;script>alert(1)&lt;/script> &amp;"));
        assert!(!page.body.contains("<script>alert(1)"), "text is escaped everywhere");
        assert!(page.body.contains("A signed vendor choice"));
        assert!(ana.page("/").await.body.contains(&location), "the dashboard links it");

        // nobody else sees it: not another organizer, not a signed-out visitor
        let mut bo = signed_up(&router, "bo").await;
        assert!(!bo.page("/").await.body.contains(&location));
        let theirs = bo.page(&location).await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND);
        assert!(!theirs.body.contains("A signed vendor choice"));
        let anonymous = Client::new(&router).page(&location).await;
        assert!(!anonymous.body.contains("A signed vendor choice"));
    }
);

db_test!(
    async fn server_functions_answer_scripts_with_json_and_proper_statuses(t) {
        let router = app(t);
        let mut ana = signed_up(&router, "ana").await;
        let answer = ana.form("/rpc/save_purpose", &create_form("Plan Q3", "plan", "A plan"), false).await;
        assert_eq!(answer.status, StatusCode::OK);
        let id: String = serde_json::from_str(&answer.body).unwrap();
        assert!(answer.location().ends_with(&format!("{id}/people")));

        let empty = ana.form("/rpc/save_purpose", &create_form("", "plan", "x"), false).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        let error: app::error::AppError = serde_json::from_str(&empty.body).unwrap();
        assert_eq!(error.field(), Some("title"));

        let unknown_kind = ana.form("/rpc/save_purpose", &create_form("T", "party", "x"), false).await;
        assert_eq!(unknown_kind.status, StatusCode::UNPROCESSABLE_ENTITY);
        let error: app::error::AppError = serde_json::from_str(&unknown_kind.body).unwrap();
        assert_eq!(error.field(), Some("purpose_kind"));

        ana.referer = "/meetings/new".into();
        let no_form = ana
            .form("/rpc/save_purpose", &create_form("", "plan", "Keep <these> words</textarea><script>alert(2)</script>"), true)
            .await;
        assert_eq!(no_form.status, StatusCode::FOUND);
        let back = no_form.location();
        assert!(back.contains("__err="), "the error travels back to the form: {back}");
        let page = ana.page(&back.replace(ORIGIN, "")).await;
        assert!(page.body.contains("There is a problem"));
        assert!(page.body.contains("Enter a title"));
        assert!(page.body.contains("Keep &lt;these> words&lt;/textarea>&lt;script>"), "the answers are kept, escaped: {}", &page.body[page.body.find("Keep").unwrap_or(0)..][..120]);
        assert!(!page.body.contains("<script>alert(2)"));
        assert!(page.body.contains(r#"<option value="plan" selected"#), "choices too");
        assert_eq!(ana.page("/").await.body.matches("/meetings/0").count(), 1, "only the valid one was created");

        // the way back must stay on this site
        for hostile in ["//evil.example/x", "https://evil.example/x", "\\\\evil.example"] {
            ana.referer = hostile.into();
            let answer = ana.form("/rpc/save_purpose", &create_form("", "plan", ""), true).await;
            let location = answer.location();
            assert!(location == "/" || location.starts_with(&format!("{ORIGIN}/?")), "{hostile} -> {location}");
        }
    }
);

db_test!(
    async fn unknown_pages_answer_404(t) {
        let router = app(t);
        let mut ana = signed_up(&router, "ana").await;
        for path in ["/nope", "/meetings/0191d8e0-0000-7000-8000-000000000000", "/meetings/x"] {
            let answer = ana.page(path).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
            assert!(answer.body.contains("Page not found"), "{path}");
        }
        let link = Client::new(&router).page("/i/pwa_no-such-link").await;
        assert_eq!(link.status, StatusCode::NOT_FOUND);
    }
);

db_test!(
    async fn every_response_carries_the_security_headers(t) {
        let router = app(t);
        let mut visitor = Client::new(&router);
        let page = visitor.page("/").await;
        let csp = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a nonce in the page's CSP");
        assert!(nonce.len() >= 16);
        assert!(page.body.contains(&format!("nonce=\"{nonce}\"")), "the scripts carry the same nonce");
        for directive in ["'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
            assert!(csp.contains(directive), "{directive} in {csp}");
        }
        assert!(!csp.contains("unsafe-inline"));
        let again = visitor.page("/").await;
        assert_ne!(again.headers[header::CONTENT_SECURITY_POLICY], page.headers[header::CONTENT_SECURITY_POLICY], "a fresh nonce per response");

        for answer in [page, Client::new(&router).get("/healthz").await, Client::new(&router).get("/api/v1/meetings").await, visitor.page("/nope").await] {
            assert_eq!(answer.headers[header::REFERRER_POLICY], "no-referrer");
            assert_eq!(answer.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert!(answer.headers.contains_key(header::CONTENT_SECURITY_POLICY));
        }
    }
);

db_test!(
    async fn bodies_over_a_mebibyte_are_refused(t) {
        let router = app(t);
        let owner = Client::bearer(&router, &organizer(&router, "ana").await);
        let mut body = meeting_body("Big");
        body["outcome"] = Value::String("x".repeat(1024 * 1024));
        let answer = owner.post("/api/v1/meetings", body).await;
        assert_eq!((answer.status, answer.code().as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "too_large"));
        // just under the limit, a field limit answers instead
        let mut body = meeting_body("Long");
        body["outcome"] = Value::String("x".repeat(10_001));
        let answer = owner.post("/api/v1/meetings", body).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answer.json()["error"]["field"], "outcome");
        let list = owner.get("/api/v1/meetings").await.json();
        assert!(list["meetings"].as_array().unwrap().is_empty());
    }
);

db_test!(
    async fn the_api_speaks_only_json(t) {
        let router = app(t);
        let owner = Client::bearer(&router, &organizer(&router, "ana").await);
        let request = axum::http::Request::post("/api/v1/meetings")
            .header(header::CONTENT_TYPE, "text/plain")
            .body(axum::body::Body::from(meeting_body("x").to_string()))
            .unwrap();
        let answer = owner.send(request).await;
        assert_eq!((answer.status, answer.code().as_str()), (StatusCode::BAD_REQUEST, "invalid"));
        let broken = axum::http::Request::post("/api/v1/meetings")
            .header(header::CONTENT_TYPE, "application/json")
            .body(axum::body::Body::from("{\"title\": "))
            .unwrap();
        assert_eq!(owner.send(broken).await.code(), "invalid");
        let wrong_type = owner.post("/api/v1/meetings", json!({"title": 5})).await;
        assert_eq!(wrong_type.json()["error"]["field"], "title");
        let bad_time = owner
            .api(Method::POST, "/api/v1/meetings", Some({
                let mut b = meeting_body("x");
                b["starts_at"] = json!("next tuesday");
                b
            }))
            .await;
        assert_eq!((bad_time.status, bad_time.json()["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("starts_at")));
    }
);

db_test!(
    async fn the_openapi_document_lists_every_route(t) {
        let router = app(t);
        let answer = Client::new(&router).get("/api/v1/openapi.json").await;
        assert_eq!(answer.status, StatusCode::OK);
        let doc = answer.json();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let mut listed: Vec<String> = Vec::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                listed.push(format!("{} {path}", method.to_uppercase()));
            }
        }
        listed.sort();
        let mut expected = vec![
            "POST /api/v1/auth/signup",
            "POST /api/v1/auth/login",
            "POST /api/v1/auth/logout",
            "POST /api/v1/meetings",
            "GET /api/v1/meetings",
            "GET /api/v1/meetings/{id}",
            "PATCH /api/v1/meetings/{id}",
            "DELETE /api/v1/meetings/{id}",
            "POST /api/v1/meetings/{id}/circulate",
            "POST /api/v1/meetings/{id}/organizers",
            "DELETE /api/v1/meetings/{id}/organizers/{user_id}",
            "POST /api/v1/teams",
            "GET /api/v1/teams",
            "GET /api/v1/teams/{id}",
            "PATCH /api/v1/teams/{id}",
            "POST /api/v1/teams/{id}/members",
            "DELETE /api/v1/teams/{id}/members/{user_id}",
            "POST /api/v1/series",
            "GET /api/v1/series",
            "GET /api/v1/series/{id}",
            "PATCH /api/v1/series/{id}",
            "POST /api/v1/series/{id}/skip",
            "POST /api/v1/series/{id}/end",
            "GET /api/v1/series/{id}/calendar.ics",
            "POST /api/v1/templates",
            "GET /api/v1/templates",
            "POST /api/v1/meetings/{id}/actions",
            "GET /api/v1/meetings/{id}/actions",
            "PATCH /api/v1/actions/{id}",
            "DELETE /api/v1/actions/{id}",
            "POST /api/v1/meetings/{id}/feedback",
            "GET /api/v1/meetings/{id}/feedback",
            "GET /api/v1/teams/{id}/insights",
            "GET /api/v1/teams/{id}/insights.csv",
            "POST /api/v1/meetings/{id}/attendees",
            "PATCH /api/v1/attendees/{id}",
            "DELETE /api/v1/attendees/{id}",
            "POST /api/v1/attendees/{id}/link",
            "POST /api/v1/meetings/{id}/me",
            "POST /api/v1/meetings/{id}/agenda",
            "PATCH /api/v1/agenda/{item_id}",
            "DELETE /api/v1/agenda/{item_id}",
            "POST /api/v1/meetings/{id}/prereads",
            "GET /api/v1/prereads/{id}",
            "PUT /api/v1/prereads/{id}",
            "POST /api/v1/prereads/{id}/comments",
            "GET /api/v1/prereads/{id}/comments",
            "POST /api/v1/comments/{id}/resolve",
            "POST /api/v1/meetings/{id}/polls",
            "GET /api/v1/meetings/{id}/polls",
            "POST /api/v1/polls/{id}/votes",
            "POST /api/v1/polls/{id}/close",
            "GET /api/v1/meetings/{id}/verdict",
            "POST /api/v1/meetings/{id}/decision",
            "GET /api/v1/meetings/{id}/outcome",
            "GET /api/v1/meetings/{id}/outcome.md",
            "GET /api/v1/meetings/{id}/calendar.ics",
            "GET /api/v1/meetings/{id}/deliveries",
            "POST /api/v1/deliveries/{id}/retry",
            "GET /api/v1/me",
            "PATCH /api/v1/me",
            "POST /api/v1/webhooks",
            "GET /api/v1/webhooks",
            "DELETE /api/v1/webhooks/{id}",
            "GET /api/v1/webhooks/{id}/deliveries",
        ];
        expected.sort();
        assert_eq!(listed, expected);
        // and each listed route answers (never a bare 405 or an HTML 404)
        let owner = Client::bearer(&router, &organizer(&router, "ana").await);
        for route in expected.iter().filter(|r| !r.ends_with("/logout")) {
            let (method, path) = route.split_once(' ').unwrap();
            let path = path
                .replace("{id}", "0191d8e0-0000-7000-8000-000000000000")
                .replace("{item_id}", "0191d8e0-0000-7000-8000-000000000000");
            let answer = owner.api(method.parse().unwrap(), &path, Some(json!({}))).await;
            assert!(answer.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"), "{route}");
            assert_ne!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "{route}");
        }
        // every failure an operation can give is documented, as the error envelope
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let route = format!("{} {path}", method.to_uppercase());
                let answers = op["responses"].as_object().unwrap();
                let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
                let mut wanted: Vec<&str> = Vec::new();
                if secured {
                    wanted.extend(["401", "403"]);
                }
                if path.contains('{') {
                    wanted.push("404");
                }
                if op.get("requestBody").is_some() {
                    wanted.extend(["400", "413", "422"]);
                }
                if method != "get" {
                    wanted.push("429");
                }
                for status in wanted {
                    let answer = answers.get(status).unwrap_or_else(|| panic!("{route}: no {status}"));
                    assert_eq!(
                        answer["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorBody",
                        "{route} {status}"
                    );
                    if status == "429" {
                        assert!(answer["headers"].get("Retry-After").is_some(), "{route}: 429 without Retry-After");
                    }
                }
            }
        }
        assert!(doc["components"]["schemas"].get("ErrorBody").is_some());
    }
);

db_test!(
    async fn pages_are_compressed_with_the_encoding_the_browser_prefers(t) {
        let router = app(t);
        let browser = Client::new(&router);
        let ask = |accept: &'static str| {
            let request = axum::http::Request::get("/")
                .header(header::ACCEPT, "text/html")
                .header(header::ACCEPT_ENCODING, accept)
                .body(axum::body::Body::empty())
                .unwrap();
            browser.send(request)
        };
        // what Chrome, Edge and Firefox send: zstd, the cheapest to encode of the four
        let zstd = ask("gzip, deflate, br, zstd").await;
        assert_eq!(zstd.status, StatusCode::OK);
        assert_eq!(zstd.headers[header::CONTENT_ENCODING], "zstd");
        assert!(zstd.headers[header::VARY].to_str().unwrap().contains("accept-encoding"));
        let page = zstd::decode_all(&zstd.bytes[..]).expect("a zstd frame");
        let page = String::from_utf8(page).unwrap();
        // the whole page, to the resources script leptos streams after it
        assert!(page.starts_with("<!DOCTYPE html>") && page.contains("</body></html>"), "{page}");
        assert!(page.trim_end().ends_with("</script>"), "{page}");
        // a browser without zstd gets brotli, then gzip; one that asks for nothing gets the page as is
        assert_eq!(ask("br, gzip").await.headers[header::CONTENT_ENCODING], "br");
        assert_eq!(ask("gzip").await.headers[header::CONTENT_ENCODING], "gzip");
        let plain = ask("identity").await;
        assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
        assert!(plain.body.starts_with("<!DOCTYPE html>"));
    }
);

/// A log writer for one test: what the server logs while it is the thread's subscriber.
#[derive(Clone, Default)]
struct LogLines(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for LogLines {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

db_test!(
    async fn no_log_line_carries_a_secret_from_a_path(t) {
        let router = app(t);
        let lines = LogLines::default();
        let writer = lines.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter("info")
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        let secrets = ["pwa_AAAAsecretAAAAfromAAAAaAAAAlinkAAAAAAAAAAA", "0123456789abcdef0123456789abcdef"];
        {
            // the requests run on this thread: the router is called, not spawned
            let _guard = tracing::subscriber::set_default(subscriber);
            let mut browser = Client::new(&router);
            browser.page(&format!("/i/{}", secrets[0])).await;
            browser.page(&format!("/u/{}", secrets[1])).await;
            browser.form(&format!("/u/{}", secrets[1]), &[("List-Unsubscribe", "One-Click")], true).await;
            // a cross-site post to a personal link is logged as refused, without its secret
            let cross = axum::http::Request::post(format!("/i/{}", secrets[0]))
                .header(header::ORIGIN, "https://evil.example")
                .body(axum::body::Body::empty())
                .unwrap();
            browser.send(cross).await;
        }
        let log = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
        assert!(log.contains("path=/i/<secret>") && log.contains("path=/u/<secret>"), "the requests were logged:\n{log}");
        for secret in secrets {
            assert!(!log.contains(secret), "{secret} is in the log:\n{log}");
        }
    }
);
