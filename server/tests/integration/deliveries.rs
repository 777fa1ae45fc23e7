//! What Prework sends, on SQLite and PostgreSQL, on a clock the tests set: invitations with
//! each person's own link in their working hours, the outcome to everyone, retries that back
//! off and give up, and a real SMTP server (MailDev) receiving what lettre sends.

use crate::support::*;
use app::db_test;
use app::ssr::AppState;
use app::ssr::notify::{transport::Mailer, worker};
use app::ssr::runtime::clock::Clock;
use axum::http::{Method, StatusCode};
use jiff::{SignedDuration, Timestamp};
use mail_parser::MimeHeaders;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// Tuesday 1 December 2026, 10:00 UTC: 11:00 in Paris, 02:00 in Los Angeles.
pub(crate) const START: &str = "2026-12-01T10:00:00Z";

pub(crate) fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// A state on a manual clock, delivering into a Maildir of its own (or through `smtp`).
pub(crate) fn state(t: &app::ssr::testing::TestDb, smtp: Option<&str>) -> (AppState, PathBuf) {
    let dir = std::env::temp_dir().join(format!("prework-mail-{}", uuid::Uuid::now_v7()));
    let maildir = dir.display().to_string();
    let mut vars = vec![
        ("PREWORK_WRITE_LIMIT", "off"),
        ("PREWORK_MAILDIR", maildir.as_str()),
    ];
    if let Some(url) = smtp {
        vars.push(("PREWORK_SMTP_URL", url));
    }
    let state = t.state_with(&vars).with_clock(Clock::manual(at(START)));
    (state, dir)
}

/// The messages in a Maildir's `new/`, as text.
pub(crate) fn mails(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir.join("new")) else {
        return Vec::new();
    };
    entries
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect()
}

/// Decodes a raw message's quoted-printable parts (soft breaks, `=XX` bytes) into text.
pub(crate) fn unfold(mail: &str) -> String {
    let joined = mail.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The personal link in a message.
fn link_in(mail: &str) -> String {
    let mail = unfold(mail);
    let start = mail.find("/i/pwa_").expect("a personal link");
    mail[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "/_-".contains(*c))
        .collect()
}

struct Brief {
    owner: Client,
    meeting: String,
    ana_token: String,
    ben_token: String,
}

/// A brief with a decider in Paris, a contributor in Los Angeles and an informed person.
async fn brief(router: &axum::Router) -> Brief {
    let token = organizer(router, "olga").await;
    let owner = Client::bearer(router, &token);
    let m = owner
        .post(
            "/api/v1/meetings",
            json!({"title": "Vendor choice", "purpose_kind": "decide", "outcome": "A signed contract",
                   "duration_minutes": 45, "time_zone": "Europe/Paris",
                   "starts_at": "2026-12-03T09:00:00Z", "response_deadline": "2026-12-02T17:00:00Z"}),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut ana_token = String::new();
    let mut ben_token = String::new();
    for (name, role, zone) in [
        ("ana", "decider", "Europe/Paris"),
        ("ben", "contributor", "America/Los_Angeles"),
        ("ivy", "informed", "Europe/Paris"),
    ] {
        let a = owner
            .post(
                &format!("/api/v1/meetings/{m}/attendees"),
                json!({"name": name, "email": format!("{name}@example.com"), "role": role,
                       "reason": "knows the numbers", "time_zone": zone}),
            )
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        let token = a.json()["token"].as_str().unwrap().to_owned();
        match name {
            "ana" => ana_token = token,
            "ben" => ben_token = token,
            _ => {}
        }
    }
    owner
        .post(
            &format!("/api/v1/meetings/{m}/prereads"),
            json!({"title": "Vendor memo", "markdown": "Acme is cheaper.\n"}),
        )
        .await;
    Brief {
        owner,
        meeting: m,
        ana_token,
        ben_token,
    }
}

fn by_name<'a>(log: &'a Value, name: &str) -> Vec<&'a Value> {
    log["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["recipient"]["name"] == name)
        .collect()
}

db_test!(
    async fn invitations_go_out_in_working_hours_with_each_persons_own_link(t) {
        let (state, dir) = state(t, None);
        let mailer = Mailer::new(&state.config).unwrap();
        let router = app_with(state.clone());
        let b = brief(&router).await;
        let path = format!("/api/v1/meetings/{}/deliveries", b.meeting);
        assert_eq!(b.owner.get(&path).await.json()["deliveries"], json!([]), "nothing before circulating");

        circulate(&router, b.owner.bearer.as_deref().unwrap(), &b.meeting).await;
        let log = b.owner.get(&path).await.json();
        assert_eq!(by_name(&log, "ana")[0]["kind"], "invitation");
        assert_eq!(by_name(&log, "ana")[0]["status"], "queued");
        assert_eq!(by_name(&log, "ivy")[0]["kind"], "informed_notice");
        let ben = by_name(&log, "ben")[0];
        assert_eq!((ben["status"].as_str(), ben["not_before"].as_str()), (Some("held"), Some("2026-12-01T17:00:00Z")), "09:00 in Los Angeles");
        // the bodies wait with a placeholder; the secret waits apart, only until sent
        let stored = t.snapshot().await;
        assert!(!stored.lines().filter(|l| l.starts_with("deliveries ")).any(|l| l.contains("body_text=Some(\"pwa_")));

        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 2, "Ana and Ivy now, Ben later");
        let sent = mails(&dir);
        assert_eq!(sent.len(), 2);
        let ana = sent.iter().find(|m| m.contains("ana@example.com")).unwrap();
        for header in ["Auto-Submitted: auto-generated", "Message-ID: <", "Subject: Prepare for: Vendor choice", "multipart/alternative", "text/html", "method=REQUEST"] {
            assert!(ana.contains(header), "{header} missing:\n{ana}");
        }
        assert!(unfold(ana).contains("You are here as decider. Why you: knows the numbers."), "{}", unfold(ana));
        // RFC 5546: a REQUEST names its organizer and attendee; only Ana is on Ana's
        let calendar = unfold(ana).replace("\r\n ", "");
        assert!(calendar.contains("ORGANIZER;CN=\"") && calendar.contains(":mailto:"), "{calendar}");
        assert!(calendar.contains(":mailto:ana@example.com") && !calendar.contains("mailto:ben@"), "{calendar}");
        let ivy = sent.iter().find(|m| m.contains("ivy@example.com")).unwrap();
        assert!(unfold(ivy).contains("you will receive the written outcome") && !ivy.contains("text/calendar"));

        // the mailed link signs the person in; the one the API gave out still works too
        let link = link_in(ana);
        let opened = Client::new(&router).page(&link).await;
        assert_eq!(opened.status, StatusCode::SEE_OTHER, "{link}");
        assert_eq!(opened.location(), format!("/meetings/{}", b.meeting));
        let api = Client::bearer(&router, &b.ana_token).get(&format!("/api/v1/meetings/{}", b.meeting)).await;
        assert_eq!(api.status, StatusCode::OK);
        // once sent, no secret stays stored, and the log never shows one
        let secret = link.trim_start_matches("/i/");
        assert!(!t.snapshot().await.contains(secret), "the secret is still stored");
        assert!(!b.owner.get(&path).await.body.contains("pwa_"));
        // attendees do not read the log
        let ana_client = Client::bearer(&router, &b.ana_token);
        assert_eq!(ana_client.get(&path).await.status, StatusCode::FORBIDDEN);

        // Ben's goes at 09:00 his time, not before
        state.clock.set(at("2026-12-01T16:59:00Z"));
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 0);
        state.clock.set(at("2026-12-01T17:00:00Z"));
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 1);
        assert_eq!(by_name(&b.owner.get(&path).await.json(), "ben")[0]["status"], "sent");

        // circulating again queues nothing twice
        circulate(&router, b.owner.bearer.as_deref().unwrap(), &b.meeting).await;
        assert_eq!(b.owner.get(&path).await.json()["deliveries"].as_array().unwrap().len(), 3);

        // cancelled: everyone hears it, informed people included, with the calendar cancellation,
        // each in their own hours (18:00 in Paris waits for the morning)
        let decided = b.owner.post(&format!("/api/v1/meetings/{}/decision", b.meeting), json!({"decision": "cancel"})).await;
        assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
        let log = b.owner.get(&path).await.json();
        for name in ["ana", "ben", "ivy"] {
            assert_eq!(by_name(&log, name)[1]["kind"], "cancellation", "{name}");
        }
        assert_eq!(by_name(&log, "ana")[1]["not_before"], "2026-12-02T08:00:00Z");
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 1, "Ben, in his morning");
        state.clock.set(at("2026-12-02T08:00:00Z"));
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 2);
        let cancellations: Vec<String> = mails(&dir).into_iter().filter(|m| m.contains("Subject: Cancelled: Vendor choice")).collect();
        assert_eq!(cancellations.len(), 3);
        assert!(cancellations.iter().all(|m| m.contains("method=CANCEL") && unfold(m).contains("STATUS:CANCELLED")));
        assert!(cancellations.iter().all(|m| unfold(m).replace("\r\n ", "").contains("ATTENDEE;CN=")));
        let _ = std::fs::remove_dir_all(dir);
    }
);

db_test!(
    async fn failures_back_off_give_up_after_five_attempts_and_can_be_sent_again(t) {
        // nothing listens on this port: every attempt fails
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let url = format!("smtp://127.0.0.1:{closed}");
        let (state, _dir) = state(t, Some(&url));
        let mailer = Mailer::new(&state.config).unwrap();
        let router = app_with(state.clone());
        let b = brief(&router).await;
        circulate(&router, b.owner.bearer.as_deref().unwrap(), &b.meeting).await;
        let path = format!("/api/v1/meetings/{}/deliveries", b.meeting);
        let ana = |log: &Value| by_name(log, "ana")[0].clone();

        for (attempt, wait) in [(1, 2), (2, 20), (3, 180), (4, 1_200)] {
            worker::send_now(&state, &mailer).await.unwrap();
            let log = b.owner.get(&path).await.json();
            let d = ana(&log);
            assert_eq!((d["status"].as_str(), d["attempts"].as_u64()), (Some("queued"), Some(attempt)));
            assert_eq!(d["last_error"], "The mail server could not be reached.");
            // not again before the wait is over
            state.clock.advance(SignedDuration::from_mins(wait - 1));
            worker::send_now(&state, &mailer).await.unwrap();
            assert_eq!(ana(&b.owner.get(&path).await.json())["attempts"].as_u64(), Some(attempt));
            state.clock.advance(SignedDuration::from_mins(1));
        }
        worker::send_now(&state, &mailer).await.unwrap();
        let d = ana(&b.owner.get(&path).await.json());
        assert_eq!((d["status"].as_str(), d["attempts"].as_u64()), (Some("failed"), Some(5)));
        let attempts = t.snapshot().await.lines().filter(|l| l.starts_with("delivery_attempts ")).count();
        assert!(attempts >= 10, "each attempt is recorded: {attempts}");

        let id = d["id"].as_str().unwrap();
        let again = b.owner.post(&format!("/api/v1/deliveries/{id}/retry"), json!({})).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!((again.json()["status"].as_str(), again.json()["attempts"].as_u64()), (Some("queued"), Some(0)));
        let twice = b.owner.post(&format!("/api/v1/deliveries/{id}/retry"), json!({})).await;
        assert_eq!((twice.status.as_u16(), twice.code().as_str()), (409, "conflict"));
        let stranger = Client::bearer(&router, &organizer(&router, "zed").await);
        assert_eq!(stranger.post(&format!("/api/v1/deliveries/{id}/retry"), json!({})).await.status, StatusCode::NOT_FOUND);
    }
);

/// MailDev, the real SMTP server the tests send to, from `end2end/node_modules` (installed by
/// `make`): started on free ports, stopped when dropped.
pub(crate) struct MailDev {
    child: std::process::Child,
    pub(crate) smtp: u16,
    web: u16,
}

impl MailDev {
    pub(crate) fn start() -> Self {
        let bin =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../end2end/node_modules/.bin/maildev");
        assert!(
            bin.exists(),
            "MailDev is not installed: run `make node-tools`"
        );
        let free = || {
            std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        };
        let (smtp, web) = (free(), free());
        let child = std::process::Command::new(bin)
            .args([
                "--smtp",
                &smtp.to_string(),
                "--web",
                &web.to_string(),
                "--ip",
                "127.0.0.1",
                "--web-ip",
                "127.0.0.1",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start MailDev");
        Self { child, smtp, web }
    }

    /// Waits (bounded) until MailDev takes SMTP connections: it may still be starting, and the
    /// worker's own retries are what a real outage meets, not what a test should wait out.
    pub(crate) async fn listening(&self) {
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", self.smtp))
                .await
                .is_ok()
            {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// GET on MailDev's REST API, as JSON.
    async fn get(&self, path: &str) -> Option<Value> {
        serde_json::from_str(&self.text(path).await?).ok()
    }

    /// GET on MailDev's REST API, as text.
    async fn text(&self, path: &str) -> Option<String> {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", self.web))
            .await
            .ok()?;
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.ok()?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.ok()?;
        let raw = String::from_utf8_lossy(&raw);
        let (head, body) = raw.split_once("\r\n\r\n")?;
        let body = if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            dechunk(body)
        } else {
            body.to_owned()
        };
        Some(body)
    }

    /// Waits (bounded) until MailDev holds `n` messages, and returns them.
    pub(crate) async fn wait_for(&self, n: usize) -> Vec<Value> {
        // generous: on a loaded two-core CI machine MailDev once took over 10 s
        for _ in 0..300 {
            if let Some(Value::Array(all)) = self.get("/api/email").await
                && all.len() >= n
            {
                return all;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("MailDev did not receive {n} messages within 30 s");
    }
}

impl Drop for MailDev {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || tail.len() < size {
            break;
        }
        out.push_str(&tail[..size]);
        rest = tail[size..].trim_start_matches("\r\n");
    }
    out
}

db_test!(
    async fn a_real_smtp_server_receives_the_invitation_as_sent(t) {
        let maildev = MailDev::start();
        let url = format!("smtp://127.0.0.1:{}", maildev.smtp);
        let (state, _dir) = state(t, Some(&url));
        let mailer = Mailer::new(&state.config).unwrap();
        let router = app_with(state.clone());
        let b = brief(&router).await;
        // an agenda item Ana leads and a poll: the invitation shows the one and asks the other
        let people = b.owner.get(&format!("/api/v1/meetings/{}", b.meeting)).await.json();
        let ana_id = people["attendees"].as_array().unwrap().iter().find(|p| p["name"] == "ana").unwrap()["id"].clone();
        let item = b.owner.post(&format!("/api/v1/meetings/{}/agenda", b.meeting), json!({"title": "Choose the vendor", "kind": "decide", "minutes": 30, "owner_id": ana_id})).await;
        assert_eq!(item.status, StatusCode::CREATED, "{}", item.body);
        let poll = b.owner.post(&format!("/api/v1/meetings/{}/polls", b.meeting), json!({"question": "Which vendor?", "options": ["Acme", "Globex"]})).await;
        assert_eq!(poll.status, StatusCode::CREATED, "{}", poll.body);
        circulate(&router, b.owner.bearer.as_deref().unwrap(), &b.meeting).await;
        maildev.listening().await;
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 2);
        let received = maildev.wait_for(2).await;
        let ana = received.iter().find(|m| m["envelope"]["to"][0]["address"] == "ana@example.com").unwrap();
        assert_eq!(ana["subject"], "Prepare for: Vendor choice");
        assert_eq!(ana["headers"]["auto-submitted"], "auto-generated");
        assert!(ana["headers"]["message-id"].as_str().unwrap().starts_with('<'));
        let text = ana["text"].as_str().unwrap();
        for line in [
            "You are here as decider. Why you: knows the numbers.",
            "What we ask of you by Wed 2 Dec 2026, 18:00 (Europe/Paris):",
            "- Read “Vendor memo” (about 1 min)",
            "- Answer the poll “Which vendor?”",
            "- Then say “I'm ready” on the brief, or “I don't need to be there”",
            "Agenda (30 of 45 minutes):",
            "- Choose the vendor (decide, 30 min, led by ana)",
        ] {
            assert!(text.contains(line), "{line} missing:\n{text}");
        }
        assert!(ana["html"].as_str().unwrap().contains("<a href="));
        let attachments = ana["attachments"].as_array().unwrap();
        assert!(attachments.iter().any(|a| a["contentType"].as_str().unwrap_or("").starts_with("text/calendar")), "{attachments:?}");
        // the personal link in the received text signs Ana in
        let text = ana["text"].as_str().unwrap();
        let link = link_in(text);
        assert_eq!(Client::new(&router).page(&link).await.status, StatusCode::SEE_OTHER);
        let log = b.owner.get(&format!("/api/v1/meetings/{}/deliveries", b.meeting)).await.json();
        assert_eq!(by_name(&log, "ana")[0]["status"], "sent");
    }
);

db_test!(
    async fn working_days_decide_when_a_message_may_go(t) {
        let (state, _dir) = state(t, None);
        let router = app_with(state.clone());
        let token = organizer(&router, "olga").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Weekend rota").await;
        let people = format!("/api/v1/meetings/{m}/attendees");
        // a list of whole numbers that are not weekdays breaks a rule (422); one that is not a
        // list of numbers is malformed (400)
        for (bad, status, code) in [
            (json!([]), 422, "validation"),
            (json!([0]), 422, "validation"),
            (json!([8]), 422, "validation"),
            (json!([1, 9]), 422, "validation"),
            (json!(["monday"]), 400, "invalid"),
        ] {
            let a = owner.post(&people, json!({"name": "x", "email": "x@example.com", "role": "contributor", "reason": "r", "work_days": bad})).await;
            let field = a.json()["error"]["field"].as_str().unwrap_or_default().to_owned();
            assert_eq!(a.status.as_u16(), status, "{bad}: {}", a.body);
            assert_eq!(a.json()["error"]["code"], code, "{bad}: {}", a.body);
            assert!(field.starts_with("work_days"), "{bad}: {}", a.body);
            let me = owner.api(Method::PATCH, "/api/v1/me", Some(json!({"work_days": bad}))).await;
            assert_eq!(me.status.as_u16(), status, "me {bad}: {}", me.body);
            assert_eq!(me.json()["error"]["code"], code, "me {bad}: {}", me.body);
        }
        let sam = owner
            .post(&people, json!({"name": "sam", "email": "sam@example.com", "role": "contributor", "reason": "r",
                                  "time_zone": "UTC", "work_start": "10:00", "work_end": "18:00", "work_days": [7, 6, 6]}))
            .await;
        assert_eq!(sam.status, StatusCode::CREATED, "{}", sam.body);
        assert_eq!(sam.json()["work_days"], json!([6, 7]));
        circulate(&router, &token, &m).await;
        let log = owner.get(&format!("/api/v1/meetings/{m}/deliveries")).await.json();
        let d = by_name(&log, "sam")[0];
        assert_eq!((d["status"].as_str(), d["not_before"].as_str()), (Some("held"), Some("2026-12-05T10:00:00Z")), "Saturday 10:00");
    }
);

/// A header's value in a raw message (unfolded).
fn header<'a>(mail: &'a str, name: &str) -> Option<&'a str> {
    mail.lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with(&format!("{}:", name.to_ascii_lowercase()))
        })
        .map(|l| l[name.len() + 1..].trim())
}

db_test!(
    async fn reminders_go_once_a_day_to_who_has_not_acted_and_the_verdict_reaches_the_organizer(t) {
        use app::ssr::notify::scheduler;
        let (state, dir) = state(t, None);
        let mailer = Mailer::new(&state.config).unwrap();
        let router = app_with(state.clone());
        let b = brief(&router).await;
        circulate(&router, b.owner.bearer.as_deref().unwrap(), &b.meeting).await;
        worker::send_now(&state, &mailer).await.unwrap();
        // Ana does everything: reads, votes, says she is ready
        let ana = Client::bearer(&router, &b.ana_token);
        let m = ana.get(&format!("/api/v1/meetings/{}", b.meeting)).await.json();
        let preread = m["prereads"][0]["id"].clone();
        ana.post(&format!("/api/v1/meetings/{}/me", b.meeting), json!({"read": [preread], "ready": true})).await;
        let polls = ana.get(&format!("/api/v1/meetings/{}/polls", b.meeting)).await.json();
        for poll in polls["polls"].as_array().unwrap() {
            ana.post(&format!("/api/v1/polls/{}/votes", poll["id"].as_str().unwrap()), json!({"option": 0})).await;
        }
        let path = format!("/api/v1/meetings/{}/deliveries", b.meeting);
        let kinds = |log: &Value, kind: &str| -> Vec<String> {
            log["deliveries"].as_array().unwrap().iter().filter(|d| d["kind"] == kind)
                .map(|d| d["recipient"]["name"].as_str().unwrap().to_owned()).collect()
        };

        // the deadline is Wednesday 17:00 UTC; reminders start 24 hours before
        assert_eq!(scheduler::tick(&state).await.unwrap(), 0);
        state.clock.set(at("2026-12-01T17:30:00Z"));
        scheduler::tick(&state).await.unwrap();
        scheduler::tick(&state).await.unwrap();
        let log = b.owner.get(&path).await.json();
        assert_eq!(kinds(&log, "reminder"), ["ben"], "only Ben has not acted; informed Ivy needs no reminder");
        worker::send_now(&state, &mailer).await.unwrap();
        let reminder = mails(&dir).into_iter().find(|m| m.contains("Subject: Reminder: Vendor choice")).expect("Ben's reminder");
        assert!(unfold(&reminder).contains("Still open for you: 1 of 1 required pre-read, 1 poll, and saying you are ready."), "{reminder}");
        assert_eq!(header(&reminder, "List-Unsubscribe-Post"), Some("List-Unsubscribe=One-Click"));
        assert_eq!(Client::new(&router).page(&link_in(&reminder)).await.status, StatusCode::SEE_OTHER, "the reminder's link works");

        // one click, from a mail client (no cookie, no origin): only the outcome from now on
        let url = header(&reminder, "List-Unsubscribe").unwrap().trim_matches(['<', '>']).to_owned();
        let one_click = url.split_once("/u/").map(|(_, t)| format!("/u/{t}")).unwrap();
        let mut mail_client = Client::new(&router);
        mail_client.origin = None;
        let done = mail_client.form(&one_click, &[("List-Unsubscribe", "One-Click")], true).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        let m = b.owner.get(&format!("/api/v1/meetings/{}", b.meeting)).await.json();
        let ben = m["attendees"].as_array().unwrap().iter().find(|a| a["name"] == "ben").unwrap().clone();
        assert_eq!(ben["notifications"], "outcome_only");
        assert_eq!(mail_client.form("/u/0123456789abcdef0123456789abcdef", &[], true).await.status, StatusCode::NOT_FOUND);
        // the next day's reminder for Ben (who now starts at 06:00) is suppressed, and the log
        // says so
        let ben_path = format!("/api/v1/attendees/{}", ben["id"].as_str().unwrap());
        let early = b.owner.api(axum::http::Method::PATCH, &ben_path, Some(json!({"work_start": "06:00", "work_end": "14:00"}))).await;
        assert_eq!(early.status, StatusCode::OK, "{}", early.body);
        state.clock.set(at("2026-12-02T16:00:00Z"));
        scheduler::tick(&state).await.unwrap();
        let log = b.owner.get(&path).await.json();
        let bens: Vec<&Value> = by_name(&log, "ben").into_iter().filter(|d| d["kind"] == "reminder").collect();
        assert_eq!(bens.len(), 2);
        assert_eq!(bens[1]["status"], "suppressed");

        // past the deadline the organizer gets the verdict, once, in her own working hours
        state.clock.set(at("2026-12-02T17:30:00Z"));
        scheduler::tick(&state).await.unwrap();
        scheduler::tick(&state).await.unwrap();
        let log = b.owner.get(&path).await.json();
        assert_eq!(kinds(&log, "deadline"), ["olga"]);
        let deadline = by_name(&log, "olga")[0];
        assert!(deadline["recipient"]["user_id"].is_string());
        assert_eq!((deadline["status"].as_str(), deadline["not_before"].as_str()), (Some("held"), Some("2026-12-03T08:00:00Z")), "18:30 in Paris waits for the morning");
        state.clock.set(at("2026-12-03T08:00:00Z"));
        worker::send_now(&state, &mailer).await.unwrap();
        let verdict = mails(&dir).into_iter().find(|m| m.contains("Subject: Verdict: Vendor choice")).expect("the verdict");
        assert!(unfold(&verdict).contains(&format!("/meetings/{}/verdict", b.meeting)));
        let _ = std::fs::remove_dir_all(dir);
    }
);

db_test!(
    async fn organizers_set_their_own_hours(t) {
        let router = app(t);
        let token = organizer(&router, "olga").await;
        let owner = Client::bearer(&router, &token);
        let me = owner.get("/api/v1/me").await.json();
        assert_eq!((me["name"].as_str(), me["time_zone"].clone(), me["work_days"].clone()), (Some("olga"), Value::Null, json!([1, 2, 3, 4, 5])));
        let patch = |body: Value| owner.api(axum::http::Method::PATCH, "/api/v1/me", Some(body));
        let a = patch(json!({"time_zone": "Asia/Tokyo", "work_start": "08:00", "work_end": "16:00", "work_days": [1, 2, 3, 4]})).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(a.json()["work_days"], json!([1, 2, 3, 4]));
        assert_eq!(owner.get("/api/v1/me").await.json()["time_zone"], "Asia/Tokyo");
        let before = t.snapshot().await;
        assert_eq!(patch(json!({"time_zone": "Mars/Olympus"})).await.status.as_u16(), 400);
        assert_eq!(patch(json!({"work_start": null})).await.status.as_u16(), 422, "both ends or neither");
        assert_eq!(t.snapshot().await, before);
        assert_eq!(Client::new(&router).get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
    }
);

db_test!(
    async fn blockers_alert_at_once_and_digests_come_once_a_day_without_authors_when_anonymous(t) {
        use app::ssr::notify::scheduler;
        let (state, dir) = state(t, None);
        let mailer = Mailer::new(&state.config).unwrap();
        let router = app_with(state.clone());
        let b = brief(&router).await;
        let anonymous = b.owner.api(axum::http::Method::PATCH, &format!("/api/v1/meetings/{}", b.meeting), Some(json!({"anonymous": true}))).await;
        assert_eq!(anonymous.status, StatusCode::OK);
        circulate(&router, b.owner.bearer.as_deref().unwrap(), &b.meeting).await;
        worker::send_now(&state, &mailer).await.unwrap();
        let ana = Client::bearer(&router, &b.ana_token);
        let m = ana.get(&format!("/api/v1/meetings/{}", b.meeting)).await.json();
        let preread = m["prereads"][0]["id"].as_str().unwrap().to_owned();
        let comments = format!("/api/v1/prereads/{preread}/comments");
        let c = ana.post(&comments, json!({"kind": "blocker", "body": "Legal has not seen the contract"})).await;
        assert_eq!(c.status, StatusCode::CREATED, "{}", c.body);
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 1, "the blocker goes at once");
        let alert = mails(&dir).into_iter().find(|m| m.contains("Subject: Blocker: Vendor choice")).expect("the alert");
        let text = unfold(&alert);
        assert!(text.contains("Someone raised a blocker: Legal has not seen the contract"), "{text}");
        assert!(!text.contains("ana"), "an anonymous blocker names nobody");

        ana.post(&comments, json!({"kind": "question", "body": "Which budget line?"})).await;
        scheduler::tick(&state).await.unwrap();
        scheduler::tick(&state).await.unwrap();
        worker::send_now(&state, &mailer).await.unwrap();
        let digests: Vec<String> = mails(&dir).into_iter().filter(|m| m.contains("Subject: Digest: Vendor choice")).collect();
        assert_eq!(digests.len(), 1, "one digest a day");
        let text = unfold(&digests[0]);
        assert!(text.contains("New on “Vendor choice”: 2 comments. 0 of 3 say they are ready."), "{text}");
        assert!(text.contains("Someone asked") || text.contains("Someone raised a question"), "{text}");
        assert!(!text.contains("ana"));

        // the next working day, only what is new
        state.clock.set(at("2026-12-02T10:00:00Z"));
        ana.post(&comments, json!({"kind": "suggestion", "body": "Ask Acme for a pilot"})).await;
        scheduler::tick(&state).await.unwrap();
        worker::send_now(&state, &mailer).await.unwrap();
        let digests: Vec<String> = mails(&dir).into_iter().filter(|m| m.contains("Subject: Digest: Vendor choice")).collect();
        assert_eq!(digests.len(), 2);
        let newest = digests.iter().map(|d| unfold(d)).find(|d| d.contains("pilot")).unwrap();
        assert!(newest.contains("1 comment.") && !newest.contains("Which budget line"), "{newest}");
        let _ = std::fs::remove_dir_all(dir);
    }
);

/// Two server instances on one PostgreSQL: every message is sent exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_postgres_send_each_message_once() {
    let Some(t) = app::ssr::testing::TestDb::postgres().await else {
        // without PostgreSQL there is one process by construction (SQLite); `make test` sets it
        return;
    };
    let (first, dir) = state(&t, None);
    // the second instance: its own connection pool on the same database, the same Maildir
    let other_db = app::ssr::db::Db::connect(&t.url).await.unwrap();
    let maildir = dir.display().to_string();
    let config = app::ssr::runtime::config::Config::from_lookup(|name| match name {
        "PREWORK_MAILDIR" => Some(maildir.clone()),
        "PREWORK_WRITE_LIMIT" => Some("off".to_owned()),
        _ => None,
    })
    .unwrap();
    let second = AppState::new(other_db, config).with_clock(first.clock.clone());
    let router = app_with(first.clone());
    // twenty meetings of five people, all in working hours
    let token = organizer(&router, "olga").await;
    for i in 0..20 {
        let m = meeting(&router, &token, &format!("Meeting {i}")).await;
        for p in 0..5 {
            invite(&router, &token, &m, &format!("p{i}x{p}")).await;
        }
        circulate(&router, &token, &m).await;
    }
    let (a, b) = (
        Mailer::new(&first.config).unwrap(),
        Mailer::new(&second.config).unwrap(),
    );
    let (x, y) = tokio::join!(worker::send_now(&first, &a), worker::send_now(&second, &b));
    let (x, y) = (x.unwrap(), y.unwrap());
    assert_eq!(
        x + y,
        100,
        "every message claimed once between them ({x} + {y})"
    );
    assert_eq!(mails(&dir).len(), 100, "and written once");
    let _ = std::fs::remove_dir_all(dir);
    t.cleanup().await;
}

db_test!(
    async fn a_worker_that_dies_after_claiming_lets_the_message_go_once(t) {
        let (state, dir) = state(t, None);
        let mailer = Mailer::new(&state.config).unwrap();
        let router = app_with(state.clone());
        let token = organizer(&router, "olga").await;
        let m = meeting(&router, &token, "Plan").await;
        invite(&router, &token, &m, "ana").await;
        circulate(&router, &token, &m).await;
        // a worker claims the invitation and dies before sending it
        let now = state.now();
        let claimed = app::ssr::db::deliveries::claim_due(&state.db, now, now + SignedDuration::from_mins(5), 10).await.unwrap();
        assert_eq!(claimed.len(), 1);
        // nobody else takes it while the lease holds; after it, it goes, once
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 0);
        state.clock.advance(SignedDuration::from_mins(5) + SignedDuration::from_secs(1));
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 1);
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 0);
        assert_eq!(mails(&dir).len(), 1);
        let _ = std::fs::remove_dir_all(dir);
    }
);

db_test!(
    async fn replies_reach_the_threads_participants_in_their_digest(t) {
        use app::ssr::notify::scheduler;
        let (state, dir) = state(t, None);
        let mailer = Mailer::new(&state.config).unwrap();
        let router = app_with(state.clone());
        let token = organizer(&router, "olga").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Plan").await;
        let (_, ana) = invite(&router, &token, &m, "ana").await;
        let (_, bo) = invite(&router, &token, &m, "bo").await;
        let p = owner.post(&format!("/api/v1/meetings/{m}/prereads"), json!({"title": "Memo", "markdown": "Text.\n"})).await.json();
        circulate(&router, &token, &m).await;
        let (ana, bo) = (Client::bearer(&router, &ana), Client::bearer(&router, &bo));
        let comments = format!("/api/v1/prereads/{}/comments", p["id"].as_str().unwrap());
        let thread = ana.post(&comments, json!({"kind": "question", "body": "Which quarter?"})).await.json();
        bo.post(&comments, json!({"kind": "agree", "body": "Q3, surely", "parent_id": thread["id"]})).await;
        scheduler::tick(&state).await.unwrap();
        scheduler::tick(&state).await.unwrap();
        worker::send_now(&state, &mailer).await.unwrap();
        let replies: Vec<String> = mails(&dir).into_iter().filter(|m| m.contains("Subject: Replies: Plan")).map(|m| unfold(&m)).collect();
        assert_eq!(replies.len(), 1, "Ana, once; not Bo, who wrote the reply");
        assert!(replies[0].contains("ana@example.com") && replies[0].contains("bo replied: Q3, surely"), "{}", replies[0]);
        assert!(replies[0].contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        let _ = std::fs::remove_dir_all(dir);
    }
);

/// Every secret a mail carries: personal links (`/i/pwa_...`) and one-click tokens (`/u/...`).
fn secrets_in(mail: &str) -> Vec<String> {
    let mail = unfold(mail).replace("\r\n ", "");
    let mut found = Vec::new();
    for (marker, keep) in [("/i/", "_-"), ("/u/", "")] {
        let mut rest = mail.as_str();
        while let Some(at) = rest.find(marker) {
            let tail = &rest[at + marker.len()..];
            let token: String = tail
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || keep.contains(*c))
                .collect();
            rest = &tail[token.len()..];
            if token.len() >= 16 {
                found.push(token);
            }
        }
    }
    found
}

/// Whether `needle` occurs anywhere in `bytes`.
fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

db_test!(
    async fn no_secret_a_message_carried_is_left_in_the_database_files(t) {
        let (state, dir) = state(t, None);
        let mailer = Mailer::new(&state.config).unwrap();
        let router = app_with(state.clone());
        let b = brief(&router).await;
        circulate(&router, b.owner.bearer.as_deref().unwrap(), &b.meeting).await;
        worker::send_now(&state, &mailer).await.unwrap();
        // a day before the deadline reminders (with a one-click unsubscribe) are due; Ben's,
        // like his invitation, at 09:00 in Los Angeles
        state.clock.set(at("2026-12-01T17:00:00Z"));
        app::ssr::notify::scheduler::tick(&state).await.unwrap();
        worker::send_now(&state, &mailer).await.unwrap();
        let sent = mails(&dir);
        assert!(sent.len() >= 4, "invitations, the informed notice and reminders: {}", sent.len());
        let secrets: Vec<String> = sent.iter().flat_map(|m| secrets_in(m)).collect();
        assert!(secrets.iter().any(|s| s.starts_with("pwa_")), "a personal link was mailed");
        assert!(secrets.iter().any(|s| s.len() == 32 && !s.starts_with("pwa_")), "an unsubscribe token was mailed");
        let bytes = t.stored_bytes().await;
        for secret in secrets.iter().chain([&b.ana_token]) {
            assert!(!holds(&bytes, secret), "{secret} is in the database's files");
        }
        // and every one of them still works
        let link = sent.iter().find(|m| m.contains("ana@example.com")).map(|m| link_in(m)).unwrap();
        assert_eq!(Client::new(&router).page(&link).await.status, StatusCode::SEE_OTHER);
        let unsubscribe = secrets.iter().find(|s| s.len() == 32 && !s.starts_with("pwa_")).unwrap();
        let mut mail_client = Client::new(&router);
        let done = mail_client.form(&format!("/u/{unsubscribe}"), &[("List-Unsubscribe", "One-Click")], true).await;
        assert!(done.status.is_success() || done.status.is_redirection(), "{}: {}", done.status, done.body);
        assert!(t.snapshot().await.contains("notifications=Some(\"outcome_only\")"), "the click was taken");
        let _ = std::fs::remove_dir_all(dir);
    }
);

db_test!(
    async fn a_person_added_after_circulating_gets_their_invitation(t) {
        let (state, dir) = state(t, None);
        let mailer = Mailer::new(&state.config).unwrap();
        let router = app_with(state.clone());
        let b = brief(&router).await;
        let token = b.owner.bearer.clone().unwrap();
        let path = format!("/api/v1/meetings/{}/deliveries", b.meeting);
        let people = format!("/api/v1/meetings/{}/attendees", b.meeting);
        // added to a draft: nothing is sent yet
        b.owner.post(&people, json!({"name": "cy", "email": "cy@example.com", "role": "contributor", "reason": "r", "time_zone": "Europe/Paris"})).await;
        assert_eq!(b.owner.get(&path).await.json()["deliveries"], json!([]));
        circulate(&router, &token, &b.meeting).await;
        worker::send_now(&state, &mailer).await.unwrap();
        let before = mails(&dir).len();
        for (name, role) in [("dan", "contributor"), ("eve", "informed")] {
            let a = b.owner.post(&people, json!({"name": name, "email": format!("{name}@example.com"), "role": role, "reason": "Joined late", "time_zone": "Europe/Paris"})).await;
            assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        }
        let log = b.owner.get(&path).await.json();
        assert_eq!(by_name(&log, "cy")[0]["kind"], "invitation", "the person added to the draft was invited on circulating");
        assert_eq!(by_name(&log, "dan")[0]["kind"], "invitation");
        assert_eq!(by_name(&log, "eve")[0]["kind"], "informed_notice");
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 2);
        let sent = mails(&dir);
        assert_eq!(sent.len(), before + 2);
        let dan = sent.iter().find(|m| m.contains("dan@example.com")).unwrap();
        assert!(dan.contains("method=REQUEST"), "with the calendar entry");
        assert_eq!(Client::new(&router).page(&link_in(dan)).await.status, StatusCode::SEE_OTHER, "with a working link");
        // adding the same person again sends nothing twice
        let again = b.owner.post(&people, json!({"name": "dan", "email": "dan@example.com", "role": "contributor", "reason": "r"})).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 0);
        let _ = std::fs::remove_dir_all(dir);
    }
);

db_test!(
    async fn an_address_is_taken_only_if_mail_can_be_sent_to_it(t) {
        let router = app(t);
        let token = organizer(&router, "olga").await;
        let owner = Client::bearer(&router, &token);
        let m = meeting(&router, &token, "Addresses").await;
        let people = format!("/api/v1/meetings/{m}/attendees");
        let (id, _) = invite(&router, &token, &m, "ana").await;
        let before = t.snapshot().await;
        let long_local = format!("{}@example.org", "l".repeat(100));
        let long_label = format!("a@{}.org", "d".repeat(70));
        for bad in [
            "<a@x.org>",
            "Ann<a@x.org>",
            "\"ev,q\"@example.org",
            long_local.as_str(),
            long_label.as_str(),
            "a@[127.0.0.1]",
            "a@x.org, b@y.org",
            "a@x.org\r\nBcc: b@y.org",
        ] {
            let added = owner.post(&people, json!({"name": "x", "email": bad, "role": "contributor", "reason": "r"})).await;
            assert_eq!((added.status.as_u16(), added.code().as_str(), added.json()["error"]["field"].as_str()), (422, "validation", Some("email")), "{bad}: {}", added.body);
            let changed = owner.api(Method::PATCH, &format!("/api/v1/attendees/{id}"), Some(json!({"email": bad}))).await;
            assert_eq!((changed.status.as_u16(), changed.json()["error"]["field"].as_str()), (422, Some("email")), "{bad}: {}", changed.body);
            let signup = Client::new(&router).post("/api/v1/auth/signup", json!({"name": "x", "email": bad, "password": "correct horse battery"})).await;
            assert_eq!((signup.status.as_u16(), signup.json()["error"]["field"].as_str()), (422, Some("email")), "{bad}: {}", signup.body);
        }
        assert_eq!(t.snapshot().await, before, "nothing changed");
        let good = owner.post(&people, json!({"name": "x", "email": "o'neil+prework@sub.example.org", "role": "contributor", "reason": "r"})).await;
        assert_eq!(good.status, StatusCode::CREATED, "{}", good.body);
    }
);

db_test!(
    async fn text_that_reads_as_an_encoded_word_stays_text_in_a_real_mail_reader(t) {
        let maildev = MailDev::start();
        let url = format!("smtp://127.0.0.1:{}", maildev.smtp);
        let (state, _dir) = state(t, Some(&url));
        let mailer = Mailer::new(&state.config).unwrap();
        let router = app_with(state.clone());
        let token = organizer(&router, "olga").await;
        let owner = Client::bearer(&router, &token);
        let title = "=?utf-8?q?Hi=0D=0ABcc:_x@evil.example?=";
        let name = "=?utf-8?q?Ann=0D=0ABcc:_y@evil.example?=";
        let m = owner.post("/api/v1/meetings", json!({"title": title, "purpose_kind": "decide", "outcome": "A decision",
                                                        "duration_minutes": 30, "time_zone": "Europe/Paris"})).await;
        assert_eq!(m.status, StatusCode::CREATED, "{}", m.body);
        let m = m.json()["id"].as_str().unwrap().to_owned();
        let a = owner.post(&format!("/api/v1/meetings/{m}/attendees"), json!({"name": name, "email": "ann@example.com", "role": "decider", "reason": "r", "time_zone": "Europe/Paris"})).await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        circulate(&router, &token, &m).await;
        maildev.listening().await;
        assert_eq!(worker::send_now(&state, &mailer).await.unwrap(), 1);
        let received = maildev.wait_for(1).await;
        let mail = &received[0];
        // MailDev's own reading
        assert_eq!(mail["subject"], format!("Prepare for: {title}"));
        assert!(mail["headers"].get("bcc").is_none() && mail["bcc"].as_array().is_none_or(|b| b.is_empty()), "{mail}");
        assert_eq!(mail["envelope"]["to"].as_array().unwrap().len(), 1);
        // and a mail client's, on the message as it arrived
        let id = mail["id"].as_str().unwrap();
        let raw = maildev.text(&format!("/api/email/{id}/source")).await.expect("the raw message");
        let parsed = mail_parser::MessageParser::default().parse(raw.as_bytes()).expect("a message");
        assert_eq!(parsed.subject(), Some(format!("Prepare for: {title}").as_str()));
        assert!(parsed.bcc().is_none(), "no Bcc header");
        let to = parsed.to().unwrap().first().unwrap();
        assert_eq!((to.name(), to.address()), (Some(name), Some("ann@example.com")));
        let head = &raw[..raw.find("\r\n\r\n").unwrap()];
        assert!(!head.contains(title) && !head.contains(name), "sent encoded, not as written:\n{head}");
    }
);

db_test!(
    async fn shortening_updates_the_calendar_of_those_who_stay_and_cancels_it_for_those_taken_off(t) {
        let maildev = MailDev::start();
        let url = format!("smtp://127.0.0.1:{}", maildev.smtp);
        let (state, _dir) = state(t, Some(&url));
        let mailer = Mailer::new(&state.config).unwrap();
        let router = app_with(state.clone());
        let b = brief(&router).await;
        let m = b.meeting.clone();
        let item = b.owner.post(&format!("/api/v1/meetings/{m}/agenda"), json!({"title": "Choose the vendor", "kind": "decide", "minutes": 30})).await;
        assert_eq!(item.status, StatusCode::CREATED, "{}", item.body);
        circulate(&router, b.owner.bearer.as_deref().unwrap(), &m).await;
        // Ben says he is not needed: shortening takes him off the invitation
        let ben = Client::bearer(&router, &b.ben_token);
        assert!(ben.post(&format!("/api/v1/meetings/{m}/me"), json!({"not_needed": true})).await.status.is_success());
        let decided = b.owner.post(&format!("/api/v1/meetings/{m}/decision"), json!({"decision": "shorten"})).await;
        assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
        assert_eq!(decided.json()["meeting"]["duration_minutes"], 30);
        maildev.listening().await;
        // everyone in their own hours: a day later all of it has gone
        worker::send_now(&state, &mailer).await.unwrap();
        state.clock.set(at("2026-12-02T17:30:00Z"));
        worker::send_now(&state, &mailer).await.unwrap();
        let received = maildev.wait_for(6).await;
        let calendar_of = |to: &str, subject: &str| -> Option<String> {
            let mail = received.iter().find(|m| m["envelope"]["to"][0]["address"] == to && m["subject"].as_str().unwrap_or("").starts_with(subject))?;
            let id = mail["id"].as_str().unwrap().to_owned();
            Some(id)
        };
        let mut files = std::collections::HashMap::new();
        for (who, subject) in [("ana@example.com", "Prepare for"), ("ana@example.com", "Shortened"), ("ben@example.com", "Shortened"), ("ivy@example.com", "Shortened")] {
            let Some(id) = calendar_of(who, subject) else {
                panic!("no “{subject}” mail to {who}");
            };
            let raw = maildev.text(&format!("/api/email/{id}/source")).await.unwrap();
            let parsed = mail_parser::MessageParser::default().parse(raw.as_bytes()).unwrap();
            let ics = parsed
                .attachments()
                .find(|a| a.is_content_type("text", "calendar"))
                .map(|a| String::from_utf8_lossy(a.contents()).replace("\r\n ", ""));
            files.insert((who, subject), ics);
        }
        let field = |ics: &str, name: &str| {
            ics.lines().find(|l| l.starts_with(&format!("{name}:")) || l.starts_with(&format!("{name};"))).map(|l| l.split(':').next_back().unwrap().to_owned())
        };
        let invitation = files[&("ana@example.com", "Prepare for")].clone().expect("Ana's invitation has the event");
        let update = files[&("ana@example.com", "Shortened")].clone().expect("Ana gets the event as it now is");
        assert_eq!(field(&update, "METHOD").as_deref(), Some("REQUEST"), "{update}");
        let seq = |ics: &str| field(ics, "SEQUENCE").unwrap().parse::<u64>().unwrap();
        assert!(seq(&update) > seq(&invitation), "a higher SEQUENCE: {update}");
        assert_eq!(field(&update, "UID"), field(&invitation, "UID"), "the same event");
        assert_eq!(field(&invitation, "DTEND").as_deref(), Some("20261203T094500Z"));
        assert_eq!(field(&update, "DTEND").as_deref(), Some("20261203T093000Z"), "30 minutes now");
        let cancel = files[&("ben@example.com", "Shortened")].clone().expect("Ben's calendar is told");
        assert_eq!(field(&cancel, "METHOD").as_deref(), Some("CANCEL"), "{cancel}");
        assert_eq!(field(&cancel, "STATUS").as_deref(), Some("CANCELLED"));
        assert!(cancel.contains("mailto:ben@example.com") && !cancel.contains("mailto:ana@"), "{cancel}");
        assert_eq!(files[&("ivy@example.com", "Shortened")], None, "informed people never had the event");
        // the mail's own part says the same method
        let ben_mail = received.iter().find(|m| m["envelope"]["to"][0]["address"] == "ben@example.com" && m["subject"].as_str().unwrap_or("").starts_with("Shortened")).unwrap();
        let attachments = ben_mail["attachments"].as_array().unwrap();
        assert!(attachments.iter().any(|a| a["filename"] == "cancel.ics"), "{attachments:?}");
        let raw = maildev.text(&format!("/api/email/{}/source", ben_mail["id"].as_str().unwrap())).await.unwrap();
        assert!(raw.contains("text/calendar; charset=utf-8; method=CANCEL"), "the part's method");
    }
);
