//! Fresh databases for tests: a new SQLite file per test, and, when `PREWORK_TEST_POSTGRES_URL`
//! is set, a new PostgreSQL database per test, dropped afterwards. Used by the integration
//! tests of both crates through [`db_test!`](crate::db_test).

use crate::ssr::db::Db;
use sqlx::{Connection, Executor};

pub const POSTGRES_ENV: &str = "PREWORK_TEST_POSTGRES_URL";

pub struct TestDb {
    pub db: Db,
    pub url: String,
    cleanup: Cleanup,
    created: std::time::SystemTime,
}

enum Cleanup {
    File(std::path::PathBuf),
    Database { admin_url: String, name: String },
}

impl TestDb {
    /// A migrated SQLite database in a file of its own.
    pub async fn sqlite() -> Self {
        let dir = std::env::temp_dir().join(format!("prework-test-{}", uuid::Uuid::now_v7()));
        let url = format!("sqlite://{}/prework.db", dir.display());
        let db = Db::connect_and_migrate(&url)
            .await
            .expect("sqlite test database");
        Self {
            db,
            url,
            cleanup: Cleanup::File(dir),
            created: std::time::SystemTime::now(),
        }
    }

    /// A migrated PostgreSQL database of its own, or `None` when no server is configured.
    pub async fn postgres() -> Option<Self> {
        let Ok(admin_url) = std::env::var(POSTGRES_ENV) else {
            eprintln!("{POSTGRES_ENV} is not set: the PostgreSQL variant of this test did not run");
            return None;
        };
        let name = format!("prework_test_{}", uuid::Uuid::now_v7().simple());
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("connect to PREWORK_TEST_POSTGRES_URL");
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create test database");
        let url = with_database(&admin_url, &name);
        let db = Db::connect_and_migrate(&url)
            .await
            .expect("postgres test database");
        Some(Self {
            db,
            url,
            cleanup: Cleanup::Database { admin_url, name },
            created: std::time::SystemTime::now(),
        })
    }

    /// The application state on this database, with the default configuration but for the
    /// write rate limit, which is off: scenarios that add 200 people in a burst test other
    /// things. The limit's own tests use [`Self::state_with`].
    pub fn state(&self) -> crate::ssr::AppState {
        self.state_with(&[("PREWORK_WRITE_LIMIT", "off")])
    }

    /// The application state with these environment variables set (the rest default).
    pub fn state_with(&self, vars: &[(&str, &str)]) -> crate::ssr::AppState {
        let config = crate::ssr::runtime::config::Config::from_lookup(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        })
        .expect("test config");
        crate::ssr::AppState::new(self.db.clone(), config)
    }

    /// Every row of every table, as text: equal before and after a request that must change
    /// nothing.
    pub async fn snapshot(&self) -> String {
        use sqlx::{Column, Row};
        const TABLES: [&str; 25] = [
            "users",
            "sessions",
            "api_tokens",
            "meetings",
            "attendees",
            "session_attendees",
            "agenda_items",
            "prereads",
            "preread_versions",
            "comments",
            "preread_reads",
            "polls",
            "votes",
            "outcomes",
            "link_secrets",
            "deliveries",
            "delivery_attempts",
            "digest_comments",
            "action_items",
            "feedback_asks",
            "feedback_marks",
            "feedback_tallies",
            "meeting_insights",
            "insight_weeks",
            "insight_people",
        ];
        let mut out = String::new();
        for table in TABLES {
            let rows = sqlx::query(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
                .fetch_all(self.db.pool())
                .await
                .expect("snapshot query");
            for row in rows {
                out.push_str(table);
                for (i, column) in row.columns().iter().enumerate() {
                    let value = row
                        .try_get::<Option<String>, _>(i)
                        .map(|v| format!("{v:?}"))
                        .or_else(|_| row.try_get::<Option<i64>, _>(i).map(|v| format!("{v:?}")))
                        .or_else(|_| row.try_get::<Option<f64>, _>(i).map(|v| format!("{v:?}")))
                        .unwrap_or_else(|_| "?".to_owned());
                    out.push_str(&format!(" {}={value}", column.name()));
                }
                out.push('\n');
            }
        }
        out
    }

    /// What the database itself finds wrong with its file and its references: SQLite's
    /// `integrity_check` and `foreign_key_check` (PostgreSQL keeps both by construction, so it
    /// has nothing to add). Empty when sound.
    pub async fn problems(&self) -> Vec<String> {
        use sqlx::Row;
        if self.db.backend() != crate::ssr::db::Backend::Sqlite {
            return Vec::new();
        }
        let mut found = Vec::new();
        for row in sqlx::query("PRAGMA integrity_check")
            .fetch_all(self.db.pool())
            .await
            .expect("integrity_check")
        {
            let line: String = row.try_get(0).unwrap_or_default();
            if line != "ok" {
                found.push(line);
            }
        }
        for row in sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(self.db.pool())
            .await
            .expect("foreign_key_check")
        {
            let table: String = row.try_get(0).unwrap_or_default();
            found.push(format!("a row of {table} points at nothing"));
        }
        found
    }

    /// The bytes the database keeps on disk for this test, where a backup would copy them
    /// from: on SQLite its file, write-ahead log and shared memory; on PostgreSQL (after a
    /// checkpoint) this database's files and the write-ahead log segments written since it was
    /// created. Reading PostgreSQL's files needs the server on this machine and read access to
    /// its data directory (CI runs as root beside it); without them this fails rather than
    /// find nothing.
    pub async fn stored_bytes(&self) -> Vec<u8> {
        use sqlx::Row;
        let mut files = Vec::new();
        match &self.cleanup {
            Cleanup::File(dir) => {
                // what the pool holds open is on disk already: every commit syncs (FULL)
                for entry in std::fs::read_dir(dir).expect("the test database's folder") {
                    files.push(entry.expect("a database file").path());
                }
            }
            Cleanup::Database { .. } => {
                sqlx::query("CHECKPOINT")
                    .execute(self.db.pool())
                    .await
                    .expect("CHECKPOINT (the test role must be a superuser)");
                let row = sqlx::query(
                    "SELECT current_setting('data_directory') AS dir, \
                     (SELECT CAST(oid AS TEXT) FROM pg_database \
                      WHERE datname = current_database()) AS oid",
                )
                .fetch_one(self.db.pool())
                .await
                .expect("the data directory");
                let data: String = row.try_get("dir").expect("data_directory");
                let oid: String = row.try_get("oid").expect("the database's oid");
                let data = std::path::Path::new(&data);
                let base = data.join("base").join(oid);
                for entry in std::fs::read_dir(&base)
                    .unwrap_or_else(|e| panic!("cannot read {}: {e}", base.display()))
                {
                    files.push(entry.expect("a database file").path());
                }
                let since = self.created - std::time::Duration::from_secs(5);
                for entry in std::fs::read_dir(data.join("pg_wal")).expect("pg_wal") {
                    let path = entry.expect("a WAL file").path();
                    let recent = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .is_ok_and(|at| at >= since);
                    if path.is_file() && recent {
                        files.push(path);
                    }
                }
            }
        }
        let mut bytes = Vec::new();
        for file in files.iter().filter(|f| f.is_file()) {
            bytes.extend(
                std::fs::read(file)
                    .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display())),
            );
        }
        assert!(!bytes.is_empty(), "no database file was read");
        bytes
    }

    pub async fn cleanup(self) {
        self.db.close().await;
        match self.cleanup {
            Cleanup::File(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Database { admin_url, name } => {
                if let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await {
                    let _ = admin
                        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                        .await;
                }
            }
        }
    }
}

/// Replaces the database name of a PostgreSQL URL.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Declares an async test that runs its body once on SQLite and once on PostgreSQL (when
/// `PREWORK_TEST_POSTGRES_URL` is set), each on a fresh database bound to `$db`.
#[macro_export]
macro_rules! db_test {
    ($(#[$meta:meta])* async fn $name:ident($db:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn scenario($db: &$crate::ssr::testing::TestDb) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::ssr::testing::TestDb::sqlite().await;
                scenario(&db).await;
                db.cleanup().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(db) = $crate::ssr::testing::TestDb::postgres().await {
                    scenario(&db).await;
                    db.cleanup().await;
                }
            }
        }
    };
}

/// Seeds `n` draft meetings of one organizer straight into the database, in one transaction
/// (the benchmarks' large lists; HTTP would measure the seeding, not the list). Their starts
/// are spread an hour apart from `first_start`, so lists have an order to keep.
pub async fn seed_meetings(
    db: &super::db::Db,
    organizer: crate::model::UserId,
    n: usize,
    first_start: jiff::Timestamp,
) {
    use crate::model::{MeetingFields, MeetingId, MeetingStatus, PurposeKind};
    let now = jiff::Timestamp::now();
    let meetings: Vec<_> = (0..n)
        .map(|i| super::db::meetings::MeetingRecord {
            id: MeetingId::new(),
            organizer_id: Some(organizer),
            team_id: None,
            circulated_at: None,
            fields: MeetingFields {
                title: format!("Seeded meeting {i}"),
                purpose_kind: PurposeKind::Plan,
                outcome: "A plan".to_owned(),
                why_live: None,
                starts_at: Some(first_start + jiff::SignedDuration::from_hours(i as i64)),
                duration_minutes: 30,
                time_zone: "UTC".to_owned(),
                response_deadline: None,
                anonymous: false,
                hourly_rate_cents: None,
                reminder_hours: 24,
            },
            status: MeetingStatus::Draft,
            created_at: now,
            updated_at: now,
            version: 1,
            revision: 0,
            occurrence: None,
        })
        .collect();
    let polls: Vec<_> = meetings
        .iter()
        .map(|m| crate::ssr::domain::discussion::polls::builtin(m.id))
        .collect();
    for (chunk, polls) in meetings.chunks(1_000).zip(polls.chunks(1_000)) {
        super::db::meetings::insert_many(db, chunk, polls)
            .await
            .expect("seed meetings");
    }
}

/// Seeds `n` decided meetings of `team` straight into the database, spread over the 12 weeks
/// before `now` (every fifth cancelled, every seventh shortened), each with its share of the
/// team's insights as its decision would have written it: the insights benchmark.
pub async fn seed_team_history(
    db: &super::db::Db,
    organizer: crate::model::UserId,
    team: crate::model::TeamId,
    n: usize,
    now: jiff::Timestamp,
) {
    use super::db::insights::{PersonShare, Share};
    use crate::model::{MeetingFields, MeetingId, MeetingStatus, PurposeKind};
    let span = 12 * 7 * 24 * 3600;
    let mut meetings = Vec::with_capacity(n);
    let mut shares = Vec::with_capacity(n);
    for i in 0..n {
        let start = now - jiff::SignedDuration::from_secs((i as i64 * 7919) % span + 3600);
        let status = if i % 5 == 0 {
            MeetingStatus::Cancelled
        } else if i % 7 == 0 {
            MeetingStatus::Shortened
        } else {
            MeetingStatus::Held
        };
        let record = super::db::meetings::MeetingRecord {
            id: MeetingId::new(),
            organizer_id: Some(organizer),
            team_id: Some(team),
            circulated_at: Some(start),
            fields: MeetingFields {
                title: format!("Seeded meeting {i}"),
                purpose_kind: PurposeKind::Plan,
                outcome: "A plan".to_owned(),
                why_live: None,
                starts_at: Some(start),
                duration_minutes: 30,
                time_zone: "UTC".to_owned(),
                response_deadline: None,
                anonymous: false,
                hourly_rate_cents: None,
                reminder_hours: 24,
            },
            status,
            created_at: start,
            updated_at: start,
            version: 1,
            revision: 0,
            occurrence: None,
        };
        let minutes = match status {
            MeetingStatus::Cancelled => 0,
            MeetingStatus::Shortened => 15,
            _ => 30,
        };
        let people: Vec<PersonShare> = (0..4)
            .filter(|_| minutes > 0)
            .map(|p| PersonShare {
                email: format!("member-{}@example.com", (i + p) % 20),
                name: format!("Member {}", (i + p) % 20),
                minutes,
            })
            .collect();
        shares.push(Share {
            meeting_id: record.id,
            team_id: team,
            week: crate::model::insights::week_name(start.to_zoned(jiff::tz::TimeZone::UTC).date()),
            series_id: None,
            status: status.as_str().to_owned(),
            minutes_planned: 4 * 30,
            minutes_held: people.iter().map(|p| p.minutes).sum(),
            people,
        });
        meetings.push(record);
    }
    let polls: Vec<_> = meetings
        .iter()
        .map(|m| crate::ssr::domain::discussion::polls::builtin(m.id))
        .collect();
    for (chunk, polls) in meetings.chunks(1_000).zip(polls.chunks(1_000)) {
        super::db::meetings::insert_many(db, chunk, polls)
            .await
            .expect("seed meetings");
    }
    super::db::insights::seed(db, &shares)
        .await
        .expect("seed the insights");
}

/// Seeds `n` weekly series of one new organizer through the domain (each with its first
/// occurrence, two people, an item and a pre-read), starting a week after `now` one minute
/// apart: the scheduler's benchmark. Returns the organizer.
pub async fn seed_series(state: &crate::ssr::AppState, n: usize) -> crate::model::UserId {
    use crate::model::series::{Frequency, RecurrenceInput, SeriesInput};
    let user = crate::model::User {
        id: crate::model::UserId::new(),
        name: "Series bench".to_owned(),
        email: format!("series-{}@example.com", uuid::Uuid::now_v7()),
    };
    let key = crate::model::user::email_key(&user.email);
    super::db::users::insert(&state.db, &user, &key, "unused", state.now())
        .await
        .expect("seed the organizer");
    let actor = crate::ssr::auth::Actor {
        user: Some(user.id),
        attendees: Vec::new(),
        credential: crate::ssr::auth::Credential::None,
    };
    let first = state.now() + jiff::SignedDuration::from_hours(24 * 7);
    let ends = (first + jiff::SignedDuration::from_hours(24 * 180))
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    for i in 0..n {
        let person = |name: &str| crate::model::AttendeeInput {
            name: Some(name.to_owned()),
            email: Some(format!("{}-{i}@example.com", name.to_lowercase())),
            role: Some(crate::model::Role::Contributor),
            reason: Some("Needed".to_owned()),
            ..Default::default()
        };
        let input = SeriesInput {
            title: Some(format!("Seeded series {i}")),
            purpose_kind: Some(crate::model::PurposeKind::Solve),
            outcome: Some("Blockers have owners".to_owned()),
            duration_minutes: Some(30),
            time_zone: Some("Europe/Paris".to_owned()),
            first_starts_at: Some(first + jiff::SignedDuration::from_mins(i as i64)),
            recurrence: Some(RecurrenceInput {
                frequency: Frequency::Weekly,
                interval: None,
                weekdays: None,
            }),
            ends_on: Some(ends),
            // the benchmark times making occurrences; circulating them is the meetings' own
            auto_circulate: Some(false),
            agenda: Some(vec![crate::model::AgendaItemInput {
                title: Some("Blockers".to_owned()),
                kind: Some(crate::model::ItemKind::Discuss),
                minutes: Some(20),
                ..Default::default()
            }]),
            attendees: Some(vec![person("Ana"), person("Ben")]),
            prereads: Some(vec![crate::model::PrereadInput {
                title: Some("Updates".to_owned()),
                markdown: Some("Write your update here.".to_owned()),
                required: Some(true),
            }]),
            ..Default::default()
        };
        crate::ssr::domain::series::create(state, &actor, input)
            .await
            .expect("seed a series");
    }
    user.id
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_names_are_swapped_in_urls() {
        use super::with_database;
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(with_database("postgres://h", "t1"), "postgres://h/t1");
        assert_eq!(
            with_database("postgres://h/db?sslmode=disable", "t1"),
            "postgres://h/t1?sslmode=disable"
        );
    }
}
