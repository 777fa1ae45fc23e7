//! Queries on `templates`: personal and team templates, each kept whole as JSON (the built-in
//! ones live in the code, `ssr::domain::series::templates`).

use super::{Db, StoreError, time_text};
use crate::model::series::Template;
use crate::model::{TeamId, TemplateId, UserId};
use crate::ssr::ServerError;
use jiff::Timestamp;
use sqlx::Row;

pub async fn insert(
    db: &Db,
    template: &Template,
    owner: UserId,
    now: Timestamp,
) -> Result<(), StoreError> {
    let body = serde_json::to_string(template)
        .map_err(|_| StoreError::Other(ServerError::corrupt("template")))?;
    sqlx::query(
        "INSERT INTO templates (id, scope, owner_id, team_id, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(template.id.to_string())
    .bind(template.scope.as_str())
    .bind(owner.to_string())
    .bind(template.team_id.map(|t| t.to_string()))
    .bind(body)
    .bind(time_text(now))
    .execute(db.pool())
    .await?;
    Ok(())
}

fn parse(row: &sqlx::any::AnyRow) -> Result<Template, StoreError> {
    let body: String = row.try_get("body")?;
    serde_json::from_str(&body).map_err(|_| StoreError::Other(ServerError::corrupt("template")))
}

/// The templates `user` may start from: their own and those of the teams they are an active
/// member of, oldest first.
pub async fn for_user(db: &Db, user: UserId) -> Result<Vec<Template>, StoreError> {
    let rows = sqlx::query(
        "SELECT body FROM templates WHERE (scope = 'personal' AND owner_id = $1) \
         OR (scope = 'team' AND team_id IN (SELECT team_id FROM team_members \
             WHERE user_id = $1 AND status = 'active')) \
         ORDER BY created_at, id",
    )
    .bind(user.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(parse).collect()
}

/// One template, when `user` may start from it.
pub async fn get_for_user(
    db: &Db,
    id: TemplateId,
    user: UserId,
) -> Result<Option<Template>, StoreError> {
    let row = sqlx::query(
        "SELECT body FROM templates WHERE id = $1 AND ((scope = 'personal' AND owner_id = $2) \
         OR (scope = 'team' AND team_id IN (SELECT team_id FROM team_members \
             WHERE user_id = $2 AND status = 'active')))",
    )
    .bind(id.to_string())
    .bind(user.to_string())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(parse).transpose()
}

/// How many templates a team or a person has (a limit keeps the list readable).
pub async fn count(db: &Db, owner: UserId, team: Option<TeamId>) -> Result<i64, StoreError> {
    let row = match team {
        Some(team) => sqlx::query("SELECT COUNT(*) AS n FROM templates WHERE team_id = $1")
            .bind(team.to_string()),
        None => sqlx::query(
            "SELECT COUNT(*) AS n FROM templates WHERE scope = 'personal' AND owner_id = $1",
        )
        .bind(owner.to_string()),
    }
    .fetch_one(db.pool())
    .await?;
    Ok(row.try_get("n")?)
}
