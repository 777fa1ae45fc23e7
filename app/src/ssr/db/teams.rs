//! Queries on `teams`, `team_members` and `team_invitations`.

use super::{Db, StoreError, parse_text, time_text};
use crate::model::team::{Member, MemberStatus, Norms, TeamRole, TeamSummary};
use crate::model::{TeamId, UserId};
use crate::ssr::ServerError;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A team as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRecord {
    pub id: TeamId,
    pub name: String,
    pub norms: Norms,
}

/// A membership to add: by address, with the account when there is one.
#[derive(Debug, Clone)]
pub struct NewMember {
    pub email_key: String,
    pub email: String,
    pub name: String,
    pub user_id: Option<UserId>,
    pub role: TeamRole,
}

/// A team invitation mail to queue with the membership it announces.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub id: uuid::Uuid,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub not_before: Timestamp,
}

fn norms_text(norms: &Norms) -> Result<String, StoreError> {
    serde_json::to_string(norms)
        .map_err(|e| StoreError::Other(ServerError::corrupt(format!("norms: {e}"))))
}

fn team_from_row(row: &AnyRow) -> Result<TeamRecord, StoreError> {
    let norms: String = row.try_get("norms")?;
    Ok(TeamRecord {
        id: parse_text(row, "id")?,
        name: row.try_get("name")?,
        norms: serde_json::from_str(&norms).map_err(|_| ServerError::corrupt("norms"))?,
    })
}

async fn insert_member_in(
    conn: &mut AnyConnection,
    team: TeamId,
    m: &NewMember,
    now: Timestamp,
) -> Result<(), StoreError> {
    let status = if m.user_id.is_some() {
        MemberStatus::Active
    } else {
        MemberStatus::Invited
    };
    sqlx::query(
        "INSERT INTO team_members (team_id, email_key, email, name, user_id, role, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(team.to_string())
    .bind(&m.email_key)
    .bind(&m.email)
    .bind(&m.name)
    .bind(m.user_id.map(|u| u.to_string()))
    .bind(m.role.as_str())
    .bind(status.as_str())
    .bind(time_text(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// Adds a team with its first lead, in one transaction.
pub async fn insert(
    db: &Db,
    team: &TeamRecord,
    lead: &NewMember,
    now: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO teams (id, name, norms, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(team.id.to_string())
    .bind(&team.name)
    .bind(norms_text(&team.norms)?)
    .bind(time_text(now))
    .execute(&mut *tx)
    .await?;
    insert_member_in(&mut tx, team.id, lead, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn get(db: &Db, id: TeamId) -> Result<Option<TeamRecord>, StoreError> {
    let row = sqlx::query("SELECT id, name, norms FROM teams WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(team_from_row).transpose()
}

/// The team and the caller's role in it, when they are an active member (one query).
pub async fn get_for_member(
    db: &Db,
    id: TeamId,
    user: UserId,
) -> Result<Option<(TeamRecord, TeamRole)>, StoreError> {
    let row = sqlx::query(
        "SELECT t.id, t.name, t.norms, m.role FROM teams t \
         JOIN team_members m ON m.team_id = t.id \
         WHERE t.id = $1 AND m.user_id = $2 AND m.status = 'active'",
    )
    .bind(id.to_string())
    .bind(user.to_string())
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| Ok((team_from_row(&r)?, parse_text(&r, "role")?)))
        .transpose()
}

/// The teams the user is an active member of, by name.
pub async fn list_for_user(db: &Db, user: UserId) -> Result<Vec<TeamSummary>, StoreError> {
    let rows = sqlx::query(
        "SELECT t.id, t.name, m.role FROM teams t JOIN team_members m ON m.team_id = t.id \
         WHERE m.user_id = $1 AND m.status = 'active' ORDER BY t.name, t.id",
    )
    .bind(user.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(TeamSummary {
                id: parse_text(r, "id")?,
                name: r.try_get("name")?,
                role: parse_text(r, "role")?,
            })
        })
        .collect()
}

/// A team's members, leads first, then in the order they were added.
pub async fn members(db: &Db, team: TeamId) -> Result<Vec<Member>, StoreError> {
    let rows = sqlx::query(
        "SELECT user_id, name, email, role, status FROM team_members WHERE team_id = $1 \
         ORDER BY CASE role WHEN 'lead' THEN 0 ELSE 1 END, created_at, email_key",
    )
    .bind(team.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let user: Option<String> = r.try_get("user_id")?;
            Ok(Member {
                user_id: user
                    .map(|u| u.parse())
                    .transpose()
                    .map_err(|_| ServerError::corrupt("user_id"))?,
                name: r.try_get("name")?,
                email: r.try_get("email")?,
                role: parse_text(r, "role")?,
                status: parse_text(r, "status")?,
            })
        })
        .collect()
}

/// Changes the name and norms.
pub async fn update(db: &Db, team: &TeamRecord, now: Timestamp) -> Result<(), StoreError> {
    sqlx::query("UPDATE teams SET name = $2, norms = $3, updated_at = $4 WHERE id = $1")
        .bind(team.id.to_string())
        .bind(&team.name)
        .bind(norms_text(&team.norms)?)
        .bind(time_text(now))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Adds a member, and queues their invitation mail when they have no account yet, in one
/// transaction; an address already on the team is [`StoreError::Duplicate`].
pub async fn add_member(
    db: &Db,
    team: TeamId,
    member: &NewMember,
    invitation: Option<&NewInvitation>,
    now: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    insert_member_in(&mut tx, team, member, now).await?;
    if let Some(inv) = invitation {
        sqlx::query(
            "INSERT INTO team_invitations (id, team_id, email_key, recipient_name, recipient_email, \
             subject, body_text, body_html, status, not_before, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', $9, $10)",
        )
        .bind(inv.id.to_string())
        .bind(team.to_string())
        .bind(&member.email_key)
        .bind(&member.name)
        .bind(&member.email)
        .bind(&inv.subject)
        .bind(&inv.body_text)
        .bind(&inv.body_html)
        .bind(time_text(inv.not_before))
        .bind(time_text(now))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// What [`remove_member`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removed {
    Removed,
    NotMember,
    /// They are the team's last lead: nothing changed.
    LastLead,
}

/// Removes a member (by account, or by address for an invitation not yet taken up). The
/// team's row is locked first, so two leads removing each other cannot both succeed. They stop
/// co-organizing the team's meetings, except where they are the last organizer (a meeting is
/// never left without one).
pub async fn remove_member(
    db: &Db,
    team: TeamId,
    who: &MemberKey,
    now: Timestamp,
) -> Result<Removed, StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE teams SET updated_at = $2 WHERE id = $1")
        .bind(team.to_string())
        .bind(time_text(now))
        .execute(&mut *tx)
        .await?;
    let (filter, value) = who.filter();
    let row = sqlx::query(&format!(
        "SELECT role, user_id FROM team_members WHERE team_id = $1 AND {filter}"
    ))
    .bind(team.to_string())
    .bind(value.clone())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Ok(Removed::NotMember);
    };
    let role: TeamRole = parse_text(&row, "role")?;
    if role == TeamRole::Lead {
        let leads: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM team_members WHERE team_id = $1 AND role = 'lead' \
             AND status = 'active'",
        )
        .bind(team.to_string())
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
        let active: bool = row.try_get::<Option<String>, _>("user_id")?.is_some();
        if active && leads <= 1 {
            return Ok(Removed::LastLead);
        }
    }
    sqlx::query(&format!(
        "DELETE FROM team_members WHERE team_id = $1 AND {filter}"
    ))
    .bind(team.to_string())
    .bind(value)
    .execute(&mut *tx)
    .await?;
    if let MemberKey::User(user) = who {
        sqlx::query(
            "DELETE FROM meeting_organizers WHERE user_id = $2 \
             AND meeting_id IN (SELECT id FROM meetings WHERE team_id = $1) \
             AND meeting_id IN (SELECT meeting_id FROM meeting_organizers \
                                GROUP BY meeting_id HAVING COUNT(*) > 1)",
        )
        .bind(team.to_string())
        .bind(user.to_string())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(Removed::Removed)
}

/// Which member: their account, or the address of an invitation not yet taken up.
#[derive(Debug, Clone)]
pub enum MemberKey {
    User(UserId),
    Invited(String),
}

impl MemberKey {
    fn filter(&self) -> (&'static str, String) {
        match self {
            Self::User(u) => ("user_id = $2", u.to_string()),
            Self::Invited(key) => ("email_key = $2 AND user_id IS NULL", key.clone()),
        }
    }
}

/// Someone signed up with an address teams invited: those memberships become theirs, active.
pub async fn activate_invitations(
    db: &Db,
    user: UserId,
    email_key: &str,
) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE team_members SET user_id = $1, status = 'active' \
         WHERE email_key = $2 AND user_id IS NULL",
    )
    .bind(user.to_string())
    .bind(email_key)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}

/// Whether `user` is an active member of `team`.
pub async fn is_member(db: &Db, team: TeamId, user: UserId) -> Result<bool, StoreError> {
    let row = sqlx::query(
        "SELECT 1 AS one FROM team_members WHERE team_id = $1 AND user_id = $2 AND status = 'active'",
    )
    .bind(team.to_string())
    .bind(user.to_string())
    .fetch_optional(db.pool())
    .await?;
    Ok(row.is_some())
}

/// A team invitation leaving now.
#[derive(Debug, Clone)]
pub struct InvitationOut {
    pub id: uuid::Uuid,
    pub recipient_name: String,
    pub recipient_email: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub attempt: u32,
}

/// Leases up to `limit` invitations due by `now` until `lease` (see `claim_sql`). A read
/// first: the worker asks every second, and on SQLite a claim is a write that would queue
/// behind the app's writes even when nothing is due.
pub async fn claim_invitations(
    db: &Db,
    now: Timestamp,
    lease: Timestamp,
    limit: u32,
) -> Result<Vec<InvitationOut>, StoreError> {
    let due = sqlx::query(
        "SELECT 1 AS due FROM team_invitations WHERE status = 'queued' AND not_before <= $1 \
         AND (claimed_until IS NULL OR claimed_until < $1) LIMIT 1",
    )
    .bind(time_text(now))
    .fetch_optional(db.pool())
    .await?;
    if due.is_none() {
        return Ok(Vec::new());
    }
    let sql = super::claim_sql(
        db.backend(),
        "team_invitations",
        "'queued'",
        "id, recipient_name, recipient_email, subject, body_text, body_html, attempts",
    );
    let rows = sqlx::query(&sql)
        .bind(time_text(lease))
        .bind(time_text(now))
        .bind(i64::from(limit))
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(InvitationOut {
                id: parse_text(r, "id")?,
                recipient_name: r.try_get("recipient_name")?,
                recipient_email: r.try_get("recipient_email")?,
                subject: r.try_get("subject")?,
                body_text: r.try_get("body_text")?,
                body_html: r.try_get("body_html")?,
                attempt: super::get_u32(r, "attempts")?,
            })
        })
        .collect()
}

/// Records an attempt: sent, or failed with a retry at `retry` (none: given up).
pub async fn mark_invitation(
    db: &Db,
    id: uuid::Uuid,
    outcome: Result<(), (&str, Option<Timestamp>)>,
    now: Timestamp,
) -> Result<(), StoreError> {
    let query = match outcome {
        Ok(()) => sqlx::query(
            "UPDATE team_invitations SET status = 'sent', sent_at = $2, claimed_until = NULL \
             WHERE id = $1",
        )
        .bind(id.to_string())
        .bind(time_text(now)),
        Err((error, retry)) => sqlx::query(
            "UPDATE team_invitations SET status = $2, last_error = $3, not_before = $4, \
             claimed_until = NULL WHERE id = $1",
        )
        .bind(id.to_string())
        .bind(if retry.is_some() { "queued" } else { "failed" })
        .bind(error.to_owned())
        .bind(time_text(retry.unwrap_or(now))),
    };
    query.execute(db.pool()).await?;
    Ok(())
}
