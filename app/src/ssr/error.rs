//! The server-side error: keeps the cause for the log, and turns into a user-safe [`AppError`]
//! in exactly one place, structurally, never by matching error text.

use crate::error::AppError;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A write's batch did not commit (the cause was logged where it happened).
    #[error("group commit: {0}")]
    GroupCommit(String),
}

impl ServerError {
    pub fn corrupt(what: impl Into<String>) -> Self {
        Self::Corrupt(what.into())
    }
}

impl From<ServerError> for AppError {
    fn from(error: ServerError) -> Self {
        match &error {
            ServerError::Db(sqlx::Error::RowNotFound) => AppError::NotFound,
            ServerError::Db(sqlx::Error::Database(db)) if db.is_unique_violation() => {
                AppError::Conflict("That already exists.".into())
            }
            _ => {
                tracing::error!(error = %error, "internal error");
                AppError::Internal
            }
        }
    }
}
