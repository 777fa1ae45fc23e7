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

/// An organizer's profile: name, email and hours.
pub async fn profile(db: &Db, id: UserId) -> Result<Option<crate::model::Profile>, StoreError> {
    let row = sqlx::query(
        "SELECT id, name, email, time_zone, work_start, work_end, work_days FROM users WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(profile_from_row).transpose()
}

/// Reads the profile under a write lock, lets `merge` change it (or refuse), writes it back:
/// one transaction.
pub async fn update_profile<E>(
    db: &Db,
    id: UserId,
    merge: impl FnOnce(crate::model::Profile) -> Result<crate::model::Profile, E>,
) -> Result<crate::model::Profile, E>
where
    E: From<StoreError>,
{
    let mut tx = db.begin_write().await.map_err(StoreError::from)?;
    let row = sqlx::query(
        "SELECT id, name, email, time_zone, work_start, work_end, work_days FROM users \
         WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(&mut *tx)
    .await
    .map_err(StoreError::from)?
    .ok_or(StoreError::NotFound)?;
    let next = merge(profile_from_row(&row)?)?;
    sqlx::query(
        "UPDATE users SET name = $2, time_zone = $3, work_start = $4, work_end = $5, \
         work_days = $6 WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(&next.name)
    .bind(next.time_zone.clone())
    .bind(next.work_start.map(|t| t.to_string()))
    .bind(next.work_end.map(|t| t.to_string()))
    .bind(next.work_days.to_string())
    .execute(&mut *tx)
    .await
    .map_err(StoreError::from)?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(next)
}

fn profile_from_row(row: &AnyRow) -> Result<crate::model::Profile, StoreError> {
    let time = |column: &str| -> Result<Option<crate::model::TimeOfDay>, StoreError> {
        Ok(row
            .try_get::<Option<String>, _>(column)?
            .and_then(|t| t.parse().ok()))
    };
    Ok(crate::model::Profile {
        id: parse_text(row, "id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        time_zone: row.try_get("time_zone")?,
        work_start: time("work_start")?,
        work_end: time("work_end")?,
        work_days: parse_text(row, "work_days")?,
    })
}
