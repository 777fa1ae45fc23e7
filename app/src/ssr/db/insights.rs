//! Queries on the insights' aggregates: `meeting_insights` (a decided meeting's share) and the
//! weekly sums `insight_weeks` and `insight_people`, which a decision changes by the difference
//! between its meeting's new share and its old one, in the decision's transaction.

use super::{Db, StoreError, parse_text};
use crate::model::{MeetingId, SeriesId, TeamId};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;

/// One person's attendee-minutes in one meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonShare {
    pub email: String,
    pub name: String,
    pub minutes: i64,
}

/// A decided meeting's share of its team's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub meeting_id: MeetingId,
    pub team_id: TeamId,
    pub week: String,
    pub series_id: Option<SeriesId>,
    /// `held`, `shortened` or `cancelled`.
    pub status: String,
    pub minutes_planned: i64,
    pub minutes_held: i64,
    pub people: Vec<PersonShare>,
}

fn series_key(s: Option<SeriesId>) -> String {
    s.map(|s| s.to_string()).unwrap_or_default()
}

/// Adds `sign` times `share` to the weekly sums.
async fn add(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    share: &Share,
    sign: i64,
) -> Result<(), StoreError> {
    let flag = |s: &str| i64::from(share.status == s) * sign;
    sqlx::query(
        "INSERT INTO insight_weeks (team_id, week, series_id, held, shortened, cancelled, \
         minutes_planned, minutes_held) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (team_id, week, series_id) DO UPDATE SET \
         held = insight_weeks.held + excluded.held, \
         shortened = insight_weeks.shortened + excluded.shortened, \
         cancelled = insight_weeks.cancelled + excluded.cancelled, \
         minutes_planned = insight_weeks.minutes_planned + excluded.minutes_planned, \
         minutes_held = insight_weeks.minutes_held + excluded.minutes_held",
    )
    .bind(share.team_id.to_string())
    .bind(&share.week)
    .bind(series_key(share.series_id))
    .bind(flag("held"))
    .bind(flag("shortened"))
    .bind(flag("cancelled"))
    .bind(share.minutes_planned * sign)
    .bind(share.minutes_held * sign)
    .execute(&mut **tx)
    .await?;
    for p in &share.people {
        sqlx::query(
            "INSERT INTO insight_people (team_id, week, email, name, minutes) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (team_id, week, email) DO UPDATE SET \
             name = excluded.name, minutes = insight_people.minutes + excluded.minutes",
        )
        .bind(share.team_id.to_string())
        .bind(&share.week)
        .bind(&p.email)
        .bind(&p.name)
        .bind(p.minutes * sign)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Replaces a meeting's share (in the caller's transaction): the old one, if any, comes off the
/// sums and the new one goes on.
pub(super) async fn replace_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    share: &Share,
) -> Result<(), StoreError> {
    let old = sqlx::query(
        "SELECT meeting_id, team_id, week, series_id, status, minutes_planned, minutes_held, \
         people FROM meeting_insights WHERE meeting_id = $1",
    )
    .bind(share.meeting_id.to_string())
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(row) = old {
        add(tx, &share_from_row(&row)?, -1).await?;
        sqlx::query("DELETE FROM meeting_insights WHERE meeting_id = $1")
            .bind(share.meeting_id.to_string())
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO meeting_insights (meeting_id, team_id, week, series_id, status, \
         minutes_planned, minutes_held, people) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(share.meeting_id.to_string())
    .bind(share.team_id.to_string())
    .bind(&share.week)
    .bind(series_key(share.series_id))
    .bind(&share.status)
    .bind(share.minutes_planned)
    .bind(share.minutes_held)
    .bind(serde_json::to_string(&share.people).unwrap_or_else(|_| "[]".into()))
    .execute(&mut **tx)
    .await?;
    add(tx, share, 1).await
}

fn share_from_row(row: &AnyRow) -> Result<Share, StoreError> {
    let series: String = row.try_get("series_id")?;
    let people: String = row.try_get("people")?;
    Ok(Share {
        meeting_id: parse_text(row, "meeting_id")?,
        team_id: parse_text(row, "team_id")?,
        week: row.try_get("week")?,
        series_id: if series.is_empty() {
            None
        } else {
            Some(
                series
                    .parse()
                    .map_err(|_| crate::ssr::ServerError::corrupt("meeting_insights.series_id"))?,
            )
        },
        status: row.try_get("status")?,
        minutes_planned: row.try_get("minutes_planned")?,
        minutes_held: row.try_get("minutes_held")?,
        people: serde_json::from_str(&people)
            .map_err(|_| crate::ssr::ServerError::corrupt("meeting_insights.people"))?,
    })
}

/// One week's sums, over all its series.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeekSums {
    pub held: i64,
    pub shortened: i64,
    pub cancelled: i64,
    pub minutes_planned: i64,
    pub minutes_held: i64,
}

/// The team's weekly sums in `[from, to]` (week names sort as their weeks do), by week.
pub async fn weeks(
    db: &Db,
    team: TeamId,
    from: &str,
    to: &str,
) -> Result<Vec<(String, WeekSums)>, StoreError> {
    let rows = sqlx::query(
        "SELECT week, CAST(SUM(held) AS BIGINT) AS held, \
         CAST(SUM(shortened) AS BIGINT) AS shortened, \
         CAST(SUM(cancelled) AS BIGINT) AS cancelled, \
         CAST(SUM(minutes_planned) AS BIGINT) AS minutes_planned, \
         CAST(SUM(minutes_held) AS BIGINT) AS minutes_held \
         FROM insight_weeks WHERE team_id = $1 AND week >= $2 AND week <= $3 GROUP BY week",
    )
    .bind(team.to_string())
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("week")?,
                WeekSums {
                    held: r.try_get("held")?,
                    shortened: r.try_get("shortened")?,
                    cancelled: r.try_get("cancelled")?,
                    minutes_planned: r.try_get("minutes_planned")?,
                    minutes_held: r.try_get("minutes_held")?,
                },
            ))
        })
        .collect()
}

/// Each person's attendee-minutes in `[from, to]`: (email, name, minutes).
pub async fn people(
    db: &Db,
    team: TeamId,
    from: &str,
    to: &str,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT email, MAX(name) AS name, CAST(SUM(minutes) AS BIGINT) AS minutes \
         FROM insight_people WHERE team_id = $1 AND week >= $2 AND week <= $3 GROUP BY email",
    )
    .bind(team.to_string())
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("email")?,
                r.try_get("name")?,
                r.try_get("minutes")?,
            ))
        })
        .collect()
}

/// Each series' held attendee-minutes in `[from, to]`: (series, minutes).
pub async fn series(
    db: &Db,
    team: TeamId,
    from: &str,
    to: &str,
) -> Result<Vec<(SeriesId, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT series_id, CAST(SUM(minutes_held) AS BIGINT) AS minutes FROM insight_weeks \
         WHERE team_id = $1 AND week >= $2 AND week <= $3 AND series_id <> '' GROUP BY series_id",
    )
    .bind(team.to_string())
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok((parse_text(r, "series_id")?, r.try_get("minutes")?)))
        .collect()
}

/// The exceptions recorded for the team's meetings starting in `[from, to)`, by norm. Exceptions
/// are few (one per breached norm of a meeting circulated anyway), so this reads them, not the
/// meetings (SQLite keeps a `CROSS JOIN`'s order: exceptions first, each meeting by its key).
pub async fn exceptions(
    db: &Db,
    team: TeamId,
    from: jiff::Timestamp,
    to: jiff::Timestamp,
) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT e.norm, COUNT(*) AS n FROM norm_exceptions e CROSS JOIN meetings m \
         WHERE m.id = e.meeting_id AND m.team_id = $1 AND m.starts_at >= $2 AND m.starts_at < $3 \
         GROUP BY e.norm ORDER BY n DESC, e.norm",
    )
    .bind(team.to_string())
    .bind(super::time_text(from))
    .bind(super::time_text(to))
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("norm")?, r.try_get("n")?)))
        .collect()
}

/// Writes these shares as decisions would, a thousand to a transaction (the benchmarks'
/// seeding: a team's history without going through HTTP).
pub async fn seed(db: &Db, shares: &[Share]) -> Result<(), StoreError> {
    for chunk in shares.chunks(1_000) {
        let mut tx = db.begin_write().await?;
        for share in chunk {
            replace_in(&mut tx, share).await?;
        }
        tx.commit().await?;
    }
    Ok(())
}
