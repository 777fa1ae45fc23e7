//! HTTP through the real router against a real database: health, pages, a server function.

use app::db_test;
use app::ssr::AppState;
use app::ssr::config::Config;
use app::ssr::testing::TestDb;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

fn app(t: &TestDb) -> Router {
    let config = Config::from_lookup(|_| None).expect("default config");
    server::router(AppState::new(t.db.clone(), config))
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn get(path: &str) -> Request<Body> {
    Request::get(path)
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap()
}

fn form_post(path: &str, body: &str, accept: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, accept)
        .header(header::REFERER, "http://127.0.0.1:3000/meetings/new")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn meeting_form(title: &str, kind: &str, outcome: &str) -> String {
    format!(
        "meeting%5Btitle%5D={}&meeting%5Bpurpose_kind%5D={}&meeting%5Boutcome%5D={}",
        encode(title),
        encode(kind),
        encode(outcome)
    )
}

db_test!(
    async fn healthz_reports_the_backend_after_a_round_trip(t) {
        let router = app(t);
        let answer = send(&router, get("/healthz")).await;
        assert_eq!(answer.status, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(json["status"], "ok");
        assert_eq!(json["database"], t.db.backend().name());
        assert!(["sqlite", "postgres"].contains(&json["database"].as_str().unwrap()));

        // Once the database is gone, the health check says so instead of hanging.
        t.db.close().await;
        let answer = send(&router, get("/healthz")).await;
        assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    }
);

db_test!(
    async fn a_form_post_creates_a_meeting_and_lands_on_its_page(t) {
        let router = app(t);
        let home = send(&router, get("/")).await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home.body.contains("New meeting"));
        assert!(home.body.contains("href=\"/meetings/new\""));

        let new = send(&router, get("/meetings/new")).await;
        assert_eq!(new.status, StatusCode::OK);
        assert!(new.body.contains("action=\"/rpc/create_meeting\""), "the form posts without JS");

        let title = "Pick </title><script>alert(1)</script> & \"go\"";
        let body = meeting_form(title, "decide", "A signed vendor choice");
        let answer = send(&router, form_post("/rpc/create_meeting", &body, "text/html")).await;
        assert_eq!(answer.status, StatusCode::FOUND);
        let location = answer.headers[header::LOCATION].to_str().unwrap().to_owned();
        assert!(location.starts_with("/meetings/"), "{location}");

        let page = send(&router, get(&location)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(
            "<h1>Pick &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"go\"</h1>"
        ));
        assert!(page.body.contains("<title>Pick &lt;/title>&lt;script>alert(1)&lt;/script> &amp;"));
        assert!(!page.body.contains("<script>alert(1)"), "text is escaped everywhere");
        assert!(page.body.contains("A signed vendor choice"));

        let home = send(&router, get("/")).await;
        assert!(home.body.contains(&location), "the home page links the new meeting");
    }
);

db_test!(
    async fn the_server_function_answers_scripts_with_json_and_a_redirect_hint(t) {
        let router = app(t);
        let body = meeting_form("Plan Q3", "plan", "A plan");
        let answer =
            send(&router, form_post("/rpc/create_meeting", &body, "application/json")).await;
        assert_eq!(answer.status, StatusCode::OK);
        let id: String = serde_json::from_str(&answer.body).unwrap();
        assert!(answer.headers[header::LOCATION].to_str().unwrap().ends_with(&id));
    }
);

db_test!(
    async fn invalid_forms_come_back_with_the_error_and_change_nothing(t) {
        let router = app(t);
        let body = meeting_form("   ", "decide", "");
        let answer = send(&router, form_post("/rpc/create_meeting", &body, "text/html")).await;
        assert_eq!(answer.status, StatusCode::FOUND);
        let location = answer.headers[header::LOCATION].to_str().unwrap().to_owned();
        assert!(location.contains("/meetings/new") && location.contains("__err="));

        let page = send(&router, get(&location.replace("http://127.0.0.1:3000", ""))).await;
        assert!(page.body.contains("There is a problem"));
        assert!(page.body.contains("Enter a title"));

        let empty = meeting_form("", "decide", "x");
        let answer =
            send(&router, form_post("/rpc/create_meeting", &empty, "application/json")).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        let error: app::error::AppError = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(error.field(), Some("title"));

        let unknown_kind = meeting_form("Title", "party", "x");
        let answer =
            send(&router, form_post("/rpc/create_meeting", &unknown_kind, "application/json")).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        let error: app::error::AppError = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(error.code(), "invalid", "an unknown purpose kind is malformed input");
        assert!(app::ssr::meetings::list(&t.db).await.unwrap().is_empty());
    }
);

db_test!(
    async fn unknown_pages_and_meetings_answer_404(t) {
        let router = app(t);
        for path in ["/nope", "/meetings/0191d8e0-0000-7000-8000-000000000000", "/meetings/x"] {
            let answer = send(&router, get(path)).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
            assert!(answer.body.contains("Page not found"), "{path}");
        }
    }
);
