//! The meetings the bench measures, made through the JSON API as a team would make them.

use serde_json::{Value, json};

pub struct Api {
    client: reqwest::Client,
    base: String,
}

/// A meeting as large as a busy team's: its attendee's cookie, the tokens of its attendees
/// and its pre-reads with their paragraph ids.
pub struct Meeting {
    pub id: String,
    pub attendee_tokens: Vec<String>,
    pub attendee_ids: Vec<String>,
    pub prereads: Vec<(String, Vec<String>)>,
}

impl Api {
    pub fn new(base: &str) -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        Self {
            client,
            base: base.to_owned(),
        }
    }

    pub async fn call(&self, method: &str, path: &str, token: &str, body: Value) -> Value {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if !token.is_empty() {
            request = request.bearer_auth(token);
        }
        let answer = request
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("the server answers");
        let status = answer.status();
        let text = answer.text().await.expect("a body");
        assert!(status.is_success(), "{path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    pub async fn organizer(&self, email: &str) -> String {
        let signup = self
            .call(
                "POST",
                "/api/v1/auth/signup",
                "",
                json!({"name": "Olga Organizer", "email": email, "password": "correct horse battery staple"}),
            )
            .await;
        signup["token"].as_str().expect("a token").to_owned()
    }

    /// The session cookie an attendee's personal link sets (`name=value`).
    pub async fn attendee_cookie(&self, token: &str) -> String {
        let answer = self
            .client
            .get(format!("{}/i/{token}", self.base))
            .send()
            .await
            .expect("the link answers");
        answer
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("prework_session="))
            .and_then(|v| v.split(';').next())
            .expect("the link sets a session")
            .to_owned()
    }

    /// A circulated meeting of `people` attendees, `items` agenda items and `prereads`
    /// pre-reads of `paragraphs` paragraphs each.
    pub async fn meeting(
        &self,
        organizer: &str,
        people: usize,
        items: usize,
        prereads: usize,
        paragraphs: usize,
    ) -> Meeting {
        let meeting = self
            .call(
                "POST",
                "/api/v1/meetings",
                organizer,
                json!({
                    "title": "Quarterly planning: which three bets we fund",
                    "purpose_kind": "decide",
                    "outcome": "Three funded bets, each with an owner and a budget",
                    "why_live": "The trade-offs between teams need everyone's voice at once",
                    "duration_minutes": 90,
                    "time_zone": "Europe/Paris",
                    "hourly_rate": 85.0,
                }),
            )
            .await;
        let id = meeting["id"].as_str().expect("an id").to_owned();
        let roles = [
            "decider",
            "facilitator",
            "contributor",
            "contributor",
            "informed",
        ];
        let zones = [
            "Europe/Paris",
            "America/New_York",
            "Asia/Tokyo",
            "Europe/London",
        ];
        let mut attendee_tokens = Vec::new();
        let mut attendee_ids = Vec::new();
        for n in 0..people {
            let person = self
                .call(
                    "POST",
                    &format!("/api/v1/meetings/{id}/attendees"),
                    organizer,
                    json!({
                        "name": format!("Person {n:02}"),
                        "email": format!("person{n}@example.com"),
                        "role": roles[n % roles.len()],
                        "reason": "owns one of the bets on the table",
                        "time_zone": zones[n % zones.len()],
                    }),
                )
                .await;
            attendee_tokens.push(person["token"].as_str().expect("a token").to_owned());
            attendee_ids.push(person["id"].as_str().expect("an id").to_owned());
        }
        for n in 0..items {
            let kind = ["discuss", "decide", "inform"][n % 3];
            self.call(
                "POST",
                &format!("/api/v1/meetings/{id}/agenda"),
                organizer,
                json!({"title": format!("Bet {}: scope and budget", n + 1), "kind": kind,
                       "minutes": 8, "owner_id": attendee_ids[n % attendee_ids.len()]}),
            )
            .await;
        }
        let mut made = Vec::new();
        for n in 0..prereads {
            let mut markdown = format!("# Bet {} in detail\n\n", n + 1);
            for p in 0..paragraphs {
                markdown.push_str(&format!(
                    "Paragraph {p}: what we would build, for whom, and how we would know it \
                     worked. The costs are *estimates* from the last two quarters, and the \
                     risks are listed with their owners so that the meeting can weigh them \
                     rather than discover them.\n\n"
                ));
            }
            let preread = self
                .call(
                    "POST",
                    &format!("/api/v1/meetings/{id}/prereads"),
                    organizer,
                    json!({"title": format!("Bet {} in detail", n + 1), "markdown": markdown,
                           "required": n == 0}),
                )
                .await;
            let blocks = preread["blocks"]
                .as_array()
                .expect("blocks")
                .iter()
                .map(|b| b["id"].as_str().expect("a block id").to_owned())
                .collect();
            made.push((preread["id"].as_str().expect("an id").to_owned(), blocks));
        }
        let poll = json!({"question": "Which bet goes first?",
                          "options": ["Bet 1", "Bet 2", "Bet 3"]});
        let poll = self
            .call(
                "POST",
                &format!("/api/v1/meetings/{id}/polls"),
                organizer,
                poll,
            )
            .await;
        self.call(
            "POST",
            &format!("/api/v1/meetings/{id}/circulate"),
            organizer,
            json!({}),
        )
        .await;
        let poll = poll["id"].as_str().expect("a poll id");
        for (n, token) in attendee_tokens.iter().enumerate() {
            self.call(
                "POST",
                &format!("/api/v1/polls/{poll}/votes"),
                token,
                json!({"option": n % 3}),
            )
            .await;
            if n % 2 == 0 {
                self.call(
                    "POST",
                    &format!("/api/v1/meetings/{id}/me"),
                    token,
                    json!({"read": [made[0].0], "ready": true}),
                )
                .await;
            }
        }
        Meeting {
            id,
            attendee_tokens,
            attendee_ids,
            prereads: made,
        }
    }

    /// `count` comments spread over the attendees, pre-reads and paragraphs; one in five a reply.
    pub async fn comments(&self, meeting: &Meeting, count: usize) {
        let kinds = ["question", "concern", "suggestion", "agree", "blocker"];
        let mut last: Vec<Option<String>> = vec![None; meeting.prereads.len()];
        for n in 0..count {
            let token = &meeting.attendee_tokens[n % meeting.attendee_tokens.len()];
            let which = n % meeting.prereads.len();
            let (preread, blocks) = &meeting.prereads[which];
            let body = match (&last[which], n % 5 == 4) {
                (Some(parent), true) => json!({"kind": "agree", "parent_id": parent,
                    "body": format!("Agreed, and one more thing about comment {n}.")}),
                _ => json!({"kind": kinds[n % 4], "block_id": blocks[(n * 7) % blocks.len()],
                    "body": format!("Comment {n}: how does this change if the budget is cut by a third?")}),
            };
            let made = self
                .call(
                    "POST",
                    &format!("/api/v1/prereads/{preread}/comments"),
                    token,
                    body,
                )
                .await;
            if n % 5 != 4 {
                last[which] = made["id"].as_str().map(str::to_owned);
            }
        }
    }
}
