//! Domain operations on meetings, shared by the server functions and the JSON API.

use super::db::{self, Db};
use crate::error::AppError;
use crate::model::meeting::{DEFAULT_DURATION_MINUTES, DEFAULT_TIME_ZONE};
use crate::model::{Meeting, MeetingId, MeetingStatus, MeetingSummary, NewMeeting};

pub async fn create(db: &Db, input: NewMeeting) -> Result<Meeting, AppError> {
    let input = input.validate()?;
    let meeting = Meeting {
        id: MeetingId::new(),
        title: input.title,
        purpose_kind: input.purpose_kind,
        outcome: input.outcome,
        duration_minutes: DEFAULT_DURATION_MINUTES,
        time_zone: DEFAULT_TIME_ZONE.to_owned(),
        status: MeetingStatus::Draft,
        created_at: super::now(),
    };
    db::meetings::insert(db, &meeting).await?;
    Ok(meeting)
}

pub async fn get(db: &Db, id: MeetingId) -> Result<Meeting, AppError> {
    db::meetings::get(db, id).await?.ok_or(AppError::NotFound)
}

pub async fn list(db: &Db) -> Result<Vec<MeetingSummary>, AppError> {
    Ok(db::meetings::list(db).await?)
}
