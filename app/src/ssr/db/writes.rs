//! How writes under a meeting begin: its lock, and the read of the row a merge starts from;
//! and the claim the outboxes lease their due rows with.

use super::{Backend, Db, StoreError};
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Transaction};

/// Serialises writers of one meeting's children for the rest of the transaction, so a count
/// checked against a limit stays true until the insert. SQLite's `BEGIN IMMEDIATE` already
/// serialises all writers; on PostgreSQL this takes the meeting row's lock. A no-op update is
/// the portable spelling of `SELECT ... FOR UPDATE`, which SQLite does not know. A meeting
/// deleted since the caller was authorised is [`StoreError::NotFound`]: nothing is written
/// under it (its rows would fail their foreign keys anyway).
pub(crate) async fn lock_meeting(
    conn: &mut AnyConnection,
    meeting: crate::model::MeetingId,
) -> Result<(), StoreError> {
    let locked = sqlx::query("UPDATE meetings SET updated_at = updated_at WHERE id = $1")
        .bind(meeting.to_string())
        .execute(conn)
        .await?
        .rows_affected();
    if locked == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Begins a write transaction holding `meeting`'s lock and reads the one row of that meeting
/// that `sql` selects (`$1` the row's id, `$2` the meeting's): how every read-merge-write starts,
/// so the row cannot change between the read and the write.
pub(crate) async fn begin_with_row(
    db: &Db,
    meeting: crate::model::MeetingId,
    sql: &str,
    id: String,
) -> Result<(Transaction<'static, Any>, AnyRow), StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    let row = sqlx::query(sql)
        .bind(id)
        .bind(meeting.to_string())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok((tx, row))
}

/// The claim both outboxes (mail and webhooks) use: up to `$3` rows of `table` in one of
/// `statuses`, due by `$2` and not leased by another worker, are leased until `$1` and counted
/// as an attempt, returning `columns`. On PostgreSQL rows another worker is claiming are
/// skipped (`FOR UPDATE SKIP LOCKED`), so several server instances never take the same row; one
/// process writes SQLite, where a single statement is atomic.
pub(crate) fn claim_sql(backend: Backend, table: &str, statuses: &str, columns: &str) -> String {
    let skip_locked = match backend {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    format!(
        "UPDATE {table} SET claimed_until = $1, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM {table} \
           WHERE status IN ({statuses}) AND not_before <= $2 \
           AND (claimed_until IS NULL OR claimed_until < $2) \
           ORDER BY not_before, id LIMIT $3 {skip_locked}) \
         RETURNING {columns}"
    )
}
