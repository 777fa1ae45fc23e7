//! Queries on `users`.

use super::StoreError;
use super::{Db, parse_text, time_text};
use crate::model::{User, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;

/// Inserts a user; a taken email is a unique violation (the caller's conflict).
pub async fn insert(
    db: &Db,
    user: &User,
    email_key: &str,
    password_hash: &str,
    now: jiff::Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO users (id, name, email, email_key, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user.id.to_string())
    .bind(&user.name)
    .bind(&user.email)
    .bind(email_key)
    .bind(password_hash)
    .bind(time_text(now))
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The user with this email (by its lower-cased key) and their password hash.
pub async fn find_by_email(db: &Db, email_key: &str) -> Result<Option<(User, String)>, StoreError> {
    let row = sqlx::query("SELECT id, name, email, password_hash FROM users WHERE email_key = $1")
        .bind(email_key)
        .fetch_optional(db.pool())
        .await?;
    row.map(|row| Ok((user_from_row(&row)?, row.try_get("password_hash")?)))
        .transpose()
}

pub async fn get(db: &Db, id: UserId) -> Result<Option<User>, StoreError> {
    let row = sqlx::query("SELECT id, name, email FROM users WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(user_from_row).transpose()
}

fn user_from_row(row: &AnyRow) -> Result<User, StoreError> {
    Ok(User {
        id: parse_text(row, "id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
    })
}
