//! Comments acknowledged per second: concurrent writers through the API, and beside them the
//! machine's ceiling for the same write, one after another on one connection.

use crate::seed::Meeting;
use app::model::{AttendeeId, CommentId, CommentKind, MeetingId, PrereadId};
use app::ssr::db::Db;
use app::ssr::db::comments::{CommentQuota, CommentRecord, insert_comment_within_limit};
use serde_json::json;
use std::time::Instant;

#[derive(Debug, Clone, Copy, Default)]
pub struct Throughput {
    pub per_second: f64,
    pub ok: usize,
    pub failed: usize,
}

/// `writers` attendees each post `each` comments, one after another, all at once; every one
/// is counted when its 201 arrives (the server answers only once the comment is durable).
pub async fn through_the_api(
    base: &str,
    meeting: &Meeting,
    writers: usize,
    each: usize,
) -> Throughput {
    let started = Instant::now();
    let tasks: Vec<_> = (0..writers)
        .map(|w| {
            let client = reqwest::Client::new();
            let token = meeting.attendee_tokens[w].clone();
            let prereads = meeting.prereads.clone();
            let base = base.to_owned();
            tokio::spawn(async move {
                let (mut ok, mut failed) = (0, 0);
                for n in 0..each {
                    let (preread, blocks) = &prereads[n % prereads.len()];
                    let body = json!({
                        "kind": "question",
                        "block_id": blocks[(n * 7 + w) % blocks.len()],
                        "body": format!("Writer {w}, comment {n}: what would change our mind here?"),
                    });
                    let answer = client
                        .post(format!("{base}/api/v1/prereads/{preread}/comments"))
                        .bearer_auth(&token)
                        .header("content-type", "application/json")
                        .body(body.to_string())
                        .send()
                        .await;
                    match answer {
                        Ok(a) if a.status() == reqwest::StatusCode::CREATED => ok += 1,
                        Ok(a) => {
                            if failed == 0 {
                                eprintln!("writer {w}: {} {}", a.status(), a.text().await.unwrap_or_default());
                            }
                            failed += 1;
                        }
                        Err(e) => {
                            if failed == 0 {
                                eprintln!("writer {w}: {e}");
                            }
                            failed += 1;
                        }
                    }
                }
                (ok, failed)
            })
        })
        .collect();
    let (mut ok, mut failed) = (0, 0);
    for task in tasks {
        let (o, f) = task.await.expect("a writer");
        ok += o;
        failed += f;
    }
    Throughput {
        per_second: ok as f64 / started.elapsed().as_secs_f64(),
        ok,
        failed,
    }
}

/// The same write transaction the server runs for a comment (the meeting's lock, the author's
/// count, the insert, the commit), `count` times in a row on the same database and settings.
pub async fn ceiling(db: &Db, meeting: &Meeting, count: usize) -> Throughput {
    let meeting_id: MeetingId = meeting.id.parse().expect("a meeting id");
    let (preread, blocks) = &meeting.prereads[0];
    let preread: PrereadId = preread.parse().expect("a pre-read id");
    let author: AttendeeId = meeting.attendee_ids[0].parse().expect("an attendee id");
    let started = Instant::now();
    for n in 0..count {
        let comment = CommentRecord {
            id: CommentId::new(),
            preread_id: preread,
            block_id: Some(blocks[n % blocks.len()].clone()),
            quote: "Paragraph".to_owned(),
            kind: CommentKind::Question,
            body: format!("Ceiling, comment {n}: what would change our mind here?"),
            parent_id: None,
            author_attendee_id: Some(author),
            author_user_id: None,
            author_name: "Person 00".to_owned(),
            anonymous: false,
            resolved: false,
            version: 1,
            created_at: jiff::Timestamp::now(),
        };
        let quota = CommentQuota::Author {
            attendee: Some(author),
            user: None,
        };
        let added = insert_comment_within_limit(
            db,
            comment,
            meeting_id,
            quota,
            1_000_000,
            Vec::new(),
            Vec::new(),
        )
        .await
        .expect("the ceiling's insert");
        assert!(added.is_some());
    }
    Throughput {
        per_second: count as f64 / started.elapsed().as_secs_f64(),
        ok: count,
        failed: 0,
    }
}
