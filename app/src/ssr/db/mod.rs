//! The database layer, and the only place with SQL. One [`Db`] handle serves SQLite (embedded,
//! the default) and PostgreSQL, picked at run time from the URL scheme through sqlx's `Any`
//! driver. The SQL stays portable (STACK.md): `$n` placeholders, TEXT/BIGINT/DOUBLE PRECISION
//! columns only, ids and times as TEXT, flags as 0/1; conversion happens at the edge, here.

pub mod actions;
pub mod agenda;
pub mod attendees;
pub mod carried;
mod columns;
pub mod comments;
pub mod deliveries;
pub mod feedback;
mod group;
pub mod insights;
pub mod meetings;
pub mod occurrences;
pub mod organizers;
pub mod outcomes;
pub mod polls;
pub mod prereads;
pub mod rows;
pub mod series;
pub mod sessions;
pub mod teams;
pub mod templates;
pub mod users;
pub mod webhooks;
mod writes;

pub(crate) use columns::{get_time, get_u32, optional_time, parse_text, time_text};
pub(crate) use writes::{begin_with_row, claim_sql, lock_meeting};

use crate::ssr::ServerError;
use sqlx::AnyConnection;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::sync::Arc;
use std::time::Duration;

/// The schema, in three lists that share one record of what has run: the migrations both
/// databases take, then each database's own (triggers, which the two spell differently). Each
/// list therefore meets versions it does not hold, and must not take them for missing ones.
static MIGRATOR: Migrator = Migrator {
    ignore_missing: true,
    ..sqlx::migrate!("../migrations")
};
static SQLITE_MIGRATOR: Migrator = Migrator {
    ignore_missing: true,
    ..sqlx::migrate!("../migrations/sqlite")
};
static POSTGRES_MIGRATOR: Migrator = Migrator {
    ignore_missing: true,
    ..sqlx::migrate!("../migrations/postgres")
};

/// What a query can fail with, in the terms the domain cares about: the domain never looks
/// inside a sqlx error. Classified here, structurally, once.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A row the query needed is not there.
    #[error("not found")]
    NotFound,
    /// A unique key already holds this value.
    #[error("duplicate")]
    Duplicate,
    /// Anything else: the cause is kept for the log and never shown.
    #[error(transparent)]
    Other(#[from] ServerError),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => Self::Duplicate,
            _ => Self::Other(ServerError::Db(error)),
        }
    }
}

impl From<StoreError> for crate::error::AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self::NotFound,
            StoreError::Duplicate => Self::Conflict("That already exists.".into()),
            StoreError::Other(e) => e.into(),
        }
    }
}

/// Which database a URL selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }

    /// The name `/healthz` reports.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    grouped: group::GroupCommit,
    /// Meetings' rows as of their revision ([`rows`]), shared by every clone of this `Db`.
    rows: Arc<rows::RowsCache>,
}

/// SQLite serialises writers, so a few connections are enough for many readers plus one writer;
/// PostgreSQL gets a bigger pool but well under its default `max_connections` of 100, leaving
/// room for several server instances.
const SQLITE_POOL_SIZE: u32 = 8;
const POSTGRES_POOL_SIZE: u32 = 16;
/// How long a writer waits for SQLite's lock before failing: far longer than any transaction
/// of ours holds it.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 5_000;

impl Db {
    /// Connects (creating the SQLite file and its folder when missing) without migrating.
    pub async fn connect(url: &str) -> Result<Self, ServerError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)
            .ok_or_else(|| ServerError::corrupt("DATABASE_URL has an unsupported scheme"))?;
        let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(5));
        let pool = match backend {
            Backend::Sqlite => {
                let (url, in_memory) = prepare_sqlite_url(url)?;
                // An in-memory database lives in one connection; a second would see another,
                // empty, database.
                let size = if in_memory { 1 } else { SQLITE_POOL_SIZE };
                options
                    .max_connections(size)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            for pragma in [
                                "PRAGMA journal_mode = WAL".to_owned(),
                                "PRAGMA synchronous = FULL".to_owned(),
                                "PRAGMA foreign_keys = ON".to_owned(),
                                // what is deleted or overwritten is zeroed in the file, not
                                // left in free pages for a backup to carry
                                "PRAGMA secure_delete = ON".to_owned(),
                                format!("PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}"),
                            ] {
                                conn.execute(pragma.as_str()).await?;
                            }
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await?
            }
            Backend::Postgres => {
                options
                    .max_connections(POSTGRES_POOL_SIZE)
                    .connect(url)
                    .await?
            }
        };
        let grouped = group::GroupCommit::start(pool.clone(), backend);
        Ok(Self {
            pool,
            backend,
            grouped,
            rows: Arc::default(),
        })
    }

    /// Connects and applies every pending migration.
    pub async fn connect_and_migrate(url: &str) -> Result<Self, ServerError> {
        let db = Self::connect(url).await?;
        db.migrate().await?;
        Ok(db)
    }

    pub async fn migrate(&self) -> Result<(), ServerError> {
        MIGRATOR.run(&self.pool).await?;
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATOR.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATOR.run(&self.pool).await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    fn rows_cache(&self) -> &rows::RowsCache {
        &self.rows
    }

    /// A real round trip, bounded so a health check answers quickly when the database is gone.
    pub async fn ping(&self) -> Result<(), ServerError> {
        let query = sqlx::query("SELECT 1").execute(&self.pool);
        match tokio::time::timeout(Duration::from_secs(2), query).await {
            Ok(result) => result.map(|_| ()).map_err(ServerError::from),
            Err(_) => Err(ServerError::Db(sqlx::Error::PoolTimedOut)),
        }
    }

    /// Begins a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes fails with
    /// "database is locked" when another writer got there first, instead of waiting its turn.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, ServerError> {
        Ok(begin_write_on(&self.pool, self.backend).await?)
    }

    /// Begins a write transaction holding `meeting`'s lock ([`lock_meeting`]): how every write
    /// to a row under a meeting starts. On PostgreSQL the order matters: the revision triggers
    /// update the meeting's row after any row under it, so a writer that locked a row under
    /// the meeting first could wait for the meeting while another writer holding the meeting
    /// waits for that row (a deadlock, one of them answered 500). Meeting first, always.
    pub async fn begin_under(
        &self,
        meeting: crate::model::MeetingId,
    ) -> Result<Transaction<'static, Any>, StoreError> {
        let mut tx = self.begin_write().await?;
        lock_meeting(&mut tx, meeting).await?;
        Ok(tx)
    }

    /// Runs `work` in a shared write transaction with whatever other grouped writes are
    /// waiting ([`group`]), answering once that transaction has committed. `order` is the id of
    /// the meeting whose lock `work` takes.
    pub(crate) async fn write_grouped<T, F>(&self, order: String, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut AnyConnection) -> group::Step<'c, T> + Send + 'static,
    {
        self.grouped.write(order, work).await
    }

    /// Closes every connection; later queries fail (used by shutdown and by tests).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// [`Db::begin_write`] on a bare pool, for the group-commit task (which cannot hold a `Db`: the
/// `Db` holds the task's queue, and the task ends when the last queue handle is gone).
async fn begin_write_on(
    pool: &AnyPool,
    backend: Backend,
) -> Result<Transaction<'static, Any>, sqlx::Error> {
    match backend {
        Backend::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await,
        Backend::Postgres => pool.begin().await,
    }
}

/// Makes sure the file of a `sqlite://` URL can be created: its folder exists and the URL asks
/// for read-write-create mode. Returns the URL to connect with and whether it is in memory.
fn prepare_sqlite_url(url: &str) -> Result<(String, bool), ServerError> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" || query.contains("mode=memory") {
        return Ok((url.to_owned(), true));
    }
    if let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)?;
    }
    let query = if query.split('&').any(|p| p.starts_with("mode=")) {
        query.to_owned()
    } else if query.is_empty() {
        "mode=rwc".to_owned()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok((format!("sqlite://{path}?{query}"), false))
}

/// The keyset clause of a page in the order things were made, after `after` (the last item's
/// stored `created_at` and id) as `$2`, `$3` on columns of `alias`; the first page binds both
/// without filtering, so every page's query takes the same parameters.
pub(crate) fn created_after(
    alias: &str,
    after: &Option<(String, uuid::Uuid)>,
) -> (String, String, String) {
    match after {
        Some((at, id)) => (
            format!("AND ({alias}created_at > $2 OR ({alias}created_at = $2 AND {alias}id > $3))"),
            at.clone(),
            id.to_string(),
        ),
        None => (
            "AND $2 = $2 AND $3 = $3".to_owned(),
            String::new(),
            String::new(),
        ),
    }
}

/// Runs `sql`, in which `{ids}` stands for `$1, $2, …`, with one meeting id bound to each: the
/// batched form of a per-meeting query, so a list of meetings costs one query, not one each.
pub(crate) async fn fetch_for_meetings(
    db: &Db,
    sql: &str,
    meetings: &[crate::model::MeetingId],
) -> Result<Vec<AnyRow>, StoreError> {
    fetch_for_ids(db, sql, meetings).await
}

/// [`fetch_for_meetings`] for ids of any kind (threads, action items, series).
pub(crate) async fn fetch_for_ids<T: std::fmt::Display>(
    db: &Db,
    sql: &str,
    ids: &[T],
) -> Result<Vec<AnyRow>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = sql.replace("{ids}", &marks.join(", "));
    let mut query = sqlx::query(&sql);
    for id in ids {
        query = query.bind(id.to_string());
    }
    Ok(query.fetch_all(db.pool()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_get_create_mode_and_a_folder() {
        let dir = std::env::temp_dir().join(format!("prework-url-{}", uuid::Uuid::now_v7()));
        let file = dir.join("nested/x.db");
        let (url, memory) = prepare_sqlite_url(&format!("sqlite://{}", file.display())).unwrap();
        assert!(!memory);
        assert_eq!(url, format!("sqlite://{}?mode=rwc", file.display()));
        assert!(file.parent().unwrap().is_dir());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn explicit_modes_and_memory_urls_are_left_alone() {
        assert_eq!(
            prepare_sqlite_url("sqlite://x.db?mode=ro").unwrap(),
            ("sqlite://x.db?mode=ro".to_owned(), false)
        );
        assert!(prepare_sqlite_url("sqlite::memory:").unwrap().1);
    }

    #[test]
    fn backends_come_from_the_scheme() {
        assert_eq!(Backend::from_url("sqlite://a.db"), Some(Backend::Sqlite));
        assert_eq!(
            Backend::from_url("postgresql://x/y"),
            Some(Backend::Postgres)
        );
        assert_eq!(Backend::from_url("mysql://x/y"), None);
    }
}
