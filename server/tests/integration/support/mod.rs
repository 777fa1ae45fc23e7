//! A small HTTP client over the real router, for the integration tests: JSON API calls with or
//! without a Bearer token, and browser-like page loads and form posts that keep a cookie.
#![allow(dead_code)]

use app::ssr::AppState;
use app::ssr::testing::TestDb;
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use std::net::SocketAddr;
use tower::ServiceExt;

pub const ORIGIN: &str = "http://127.0.0.1:3000";

pub fn app(t: &TestDb) -> Router {
    server::router(t.state())
}

pub fn app_with(state: AppState) -> Router {
    server::router(state)
}

#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent, for answers that are not text (a compressed page).
    pub bytes: axum::body::Bytes,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn location(&self) -> String {
        self.headers[header::LOCATION].to_str().unwrap().to_owned()
    }

    /// The session token a `Set-Cookie` header stores, if any (empty when it clears it).
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("prework_session="))
            .map(|v| {
                v["prework_session=".len()..]
                    .split(';')
                    .next()
                    .unwrap()
                    .to_owned()
            })
    }
}

/// One client: an optional Bearer token, an optional cookie, and the peer address it calls from.
#[derive(Clone)]
pub struct Client {
    pub router: Router,
    pub bearer: Option<String>,
    pub cookie: Option<String>,
    pub peer: SocketAddr,
    /// Sent as `Origin` on state changes (a same-origin browser sends it); `None` sends none.
    pub origin: Option<String>,
    /// The page a form is posted from (a form post without JavaScript returns there). Sent as
    /// the hidden `return_to` field, since our pages tell browsers to send no `Referer`.
    pub referer: String,
}

impl Client {
    pub fn new(router: &Router) -> Self {
        Self {
            router: router.clone(),
            bearer: None,
            cookie: None,
            peer: "203.0.113.1:50000".parse().unwrap(),
            origin: Some(ORIGIN.to_owned()),
            referer: "/".to_owned(),
        }
    }

    pub fn bearer(router: &Router, token: &str) -> Self {
        let mut c = Self::new(router);
        c.bearer = Some(token.to_owned());
        c.origin = None;
        c
    }

    pub async fn send(&self, mut request: Request<Body>) -> Answer {
        request.extensions_mut().insert(ConnectInfo(self.peer));
        let headers = request.headers_mut();
        if let Some(token) = &self.bearer {
            headers.insert(
                header::AUTHORIZATION,
                format!("Bearer {token}").parse().unwrap(),
            );
        }
        if let Some(cookie) = &self.cookie {
            headers.insert(
                header::COOKIE,
                format!("prework_session={cookie}").parse().unwrap(),
            );
        }
        let what = format!("{} {}", request.method(), request.uri());
        let call = self.router.clone().oneshot(request);
        let response = tokio::time::timeout(std::time::Duration::from_secs(10), call)
            .await
            .unwrap_or_else(|_| panic!("{what} did not answer within 10 s"))
            .expect("infallible");
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
            bytes,
        }
    }

    /// A JSON API call.
    pub async fn api(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let mut builder = Request::builder().method(method.clone()).uri(path);
        if let Some(origin) = &self.origin
            && method != Method::GET
        {
            builder = builder.header(header::ORIGIN, origin);
        }
        let request = match body {
            Some(body) => builder
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string())),
            None => builder.body(Body::empty()),
        };
        self.send(request.unwrap()).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.api(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.api(Method::POST, path, Some(body)).await
    }

    /// A page load, as a browser navigates.
    pub async fn page(&mut self, path: &str) -> Answer {
        let request = Request::get(path)
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .unwrap();
        let answer = self.send(request).await;
        self.keep_cookie(&answer);
        answer
    }

    /// A form post: as a browser without JavaScript (`html`: accepts HTML, is redirected) or as
    /// the hydrated app calling a server function (accepts JSON).
    pub async fn form(&mut self, path: &str, pairs: &[(&str, &str)], html: bool) -> Answer {
        let body = pairs
            .iter()
            .chain(&[("return_to", self.referer.as_str())])
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut builder = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(
                header::ACCEPT,
                if html {
                    "text/html"
                } else {
                    "application/json"
                },
            );
        if let Some(origin) = &self.origin {
            builder = builder.header(header::ORIGIN, origin);
        }
        let answer = self.send(builder.body(Body::from(body)).unwrap()).await;
        self.keep_cookie(&answer);
        answer
    }

    fn keep_cookie(&mut self, answer: &Answer) {
        if let Some(cookie) = answer.session_cookie() {
            self.cookie = (!cookie.is_empty()).then_some(cookie);
        }
    }
}

pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Signs up through the API and returns the organizer's token.
pub async fn organizer(router: &Router, name: &str) -> String {
    let answer = Client::new(router)
        .post(
            "/api/v1/auth/signup",
            json!({"name": name, "email": format!("{name}@example.com"), "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    answer.json()["token"].as_str().unwrap().to_owned()
}

pub fn meeting_body(title: &str) -> Value {
    json!({
        "title": title,
        "purpose_kind": "decide",
        "outcome": "A decision",
        "duration_minutes": 30,
        "time_zone": "Europe/Paris"
    })
}

/// Creates a meeting through the API and returns its id.
pub async fn meeting(router: &Router, token: &str, title: &str) -> String {
    let answer = Client::bearer(router, token)
        .post("/api/v1/meetings", meeting_body(title))
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    answer.json()["id"].as_str().unwrap().to_owned()
}

/// Invites a person through the API; returns (attendee id, personal-link token).
pub async fn invite(router: &Router, token: &str, meeting: &str, name: &str) -> (String, String) {
    let answer = Client::bearer(router, token)
        .post(
            &format!("/api/v1/meetings/{meeting}/attendees"),
            json!({"name": name, "email": format!("{name}@example.com"), "role": "contributor", "reason": "Knows the numbers"}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let json = answer.json();
    (
        json["id"].as_str().unwrap().to_owned(),
        json["token"].as_str().unwrap().to_owned(),
    )
}

pub async fn circulate(router: &Router, token: &str, meeting: &str) {
    let answer = Client::bearer(router, token)
        .post(&format!("/api/v1/meetings/{meeting}/circulate"), json!({}))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}
