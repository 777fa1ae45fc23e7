//! The storage scenario, on SQLite and (when configured) PostgreSQL: create, list, fetch.

use app::db_test;
use app::model::{MeetingId, MeetingStatus, NewMeeting, PurposeKind};
use app::ssr::meetings;

fn brief(title: &str) -> NewMeeting {
    NewMeeting {
        title: title.into(),
        purpose_kind: PurposeKind::Decide,
        outcome: "A chosen vendor".into(),
    }
}

db_test!(
    async fn create_list_and_fetch(t) {
        let db = &t.db;
        assert!(meetings::list(db).await.unwrap().is_empty());

        let first = meetings::create(db, brief("First <b>\"quoted\"</b> ✓")).await.unwrap();
        let second = meetings::create(db, brief("Second")).await.unwrap();
        assert_eq!(first.status, MeetingStatus::Draft);

        let listed = meetings::list(db).await.unwrap();
        let titles: Vec<_> = listed.iter().map(|m| m.title.as_str()).collect();
        assert_eq!(titles, ["Second", "First <b>\"quoted\"</b> ✓"], "newest first");

        let fetched = meetings::get(db, first.id).await.unwrap();
        assert_eq!(fetched, first, "text is stored verbatim and read back whole");
        assert_eq!(fetched.purpose_kind, PurposeKind::Decide);
        assert_eq!(meetings::get(db, second.id).await.unwrap().title, "Second");
    }
);

db_test!(
    async fn unknown_meetings_are_not_found(t) {
        let err = meetings::get(&t.db, MeetingId::new()).await.unwrap_err();
        assert_eq!(err.code(), "not_found");
    }
);

db_test!(
    async fn invalid_input_changes_nothing(t) {
        let err = meetings::create(&t.db, brief("  ")).await.unwrap_err();
        assert_eq!(err.field(), Some("title"));
        assert!(meetings::list(&t.db).await.unwrap().is_empty());
    }
);

db_test!(
    async fn concurrent_writers_all_succeed(t) {
        // Many simultaneous write transactions: SQLite must queue them (BEGIN IMMEDIATE plus a
        // busy timeout), never fail with "database is locked".
        let tasks: Vec<_> = (0..40)
            .map(|i| {
                let db = t.db.clone();
                tokio::spawn(async move {
                    // Read, then write, in one transaction: the pattern that fails at once
                    // under a deferred BEGIN when another writer holds the lock.
                    let mut tx = db.begin_write().await.unwrap();
                    sqlx::query("SELECT COUNT(*) FROM meetings")
                        .execute(&mut *tx)
                        .await
                        .unwrap();
                    sqlx::query("UPDATE meetings SET updated_at = updated_at")
                        .execute(&mut *tx)
                        .await
                        .unwrap();
                    tx.commit().await.unwrap();
                    meetings::create(&db, brief(&format!("Meeting {i}"))).await
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(meetings::list(&t.db).await.unwrap().len(), 40);
    }
);

db_test!(
    async fn migrations_are_idempotent(t) {
        t.db.migrate().await.unwrap();
        t.db.ping().await.unwrap();
    }
);
