//! Server functions for recurring meetings: the caller's series, one series' page, starting,
//! skipping and ending one, the templates, and the agenda item made of a carried-over thread.
//! Each authorises through `ssr::domain::series::authorize` (or the meeting's) first.

use crate::error::AppError;
use crate::model::forms::SeriesForm;
use crate::model::series::{SeriesDetail, SeriesPage, Template};
use crate::model::{MeetingId, SeriesId};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A series' page: the series with its history and advice, whether the caller organizes it,
/// and the dates ahead it may skip (`YYYY-MM-DD`, and how they read).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesView {
    pub detail: SeriesDetail,
    pub organizer: bool,
    pub upcoming: Vec<(String, String)>,
    /// The first start as people read it: "Mon 7 Dec 2026, 10:00".
    pub first_start: String,
}

#[server(prefix = "/rpc", endpoint = "list_series")]
pub async fn list_series(cursor: Option<String>) -> Result<SeriesPage, AppError> {
    use crate::ssr::{domain::series, web::rpc};
    rpc::run(|call| async move {
        let filter = series::ListFilter {
            cursor: cursor.filter(|c| !c.is_empty()),
            ..Default::default()
        };
        series::list(&call.state, &call.actor, filter).await
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "get_series_page")]
pub async fn get_series_page(id: SeriesId) -> Result<SeriesView, AppError> {
    use crate::ssr::{domain::series, web::rpc};
    rpc::run(|call| async move {
        let access = series::authorize(&call.state, &call.actor, id).await?;
        let detail = series::detail(&call.state, &access.record).await?;
        let schedule = series::schedule_of(&access.record);
        let now = call.state.now();
        let today = schedule.date_of(now);
        let upcoming = schedule
            .dates()
            // ahead, neither skipped nor over already
            .filter(|d| {
                *d > today
                    && !detail.series.skipped.contains(d)
                    && !detail.history.iter().any(|h| h.occurrence_date == *d)
            })
            .take(12)
            .map(|d| (d.to_string(), d.strftime("%a %-d %b %Y").to_string()))
            .collect();
        let first_start = access
            .record
            .fields
            .first_starts_at
            .to_zoned(schedule.zone().clone())
            .strftime("%a %-d %b %Y, %H:%M")
            .to_string();
        Ok(SeriesView {
            detail,
            organizer: access.organizer,
            upcoming,
            first_start,
        })
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "list_templates")]
pub async fn list_templates() -> Result<Vec<Template>, AppError> {
    use crate::ssr::{domain::templates, web::rpc};
    rpc::run(|call| async move {
        if call.actor.user.is_none() {
            return Ok(Vec::new());
        }
        templates::list(&call.state, &call.actor).await
    })
    .await
}

/// Starts a series from the form and goes to its page.
#[server(prefix = "/rpc", endpoint = "create_series")]
pub async fn create_series(series: SeriesForm) -> Result<SeriesId, AppError> {
    use crate::ssr::web::forms::ReadForm;
    use crate::ssr::{domain::series as domain, web::rpc};
    rpc::run_form(&series.clone(), |call| async move {
        call.actor.organizer()?;
        let input = series.into_input()?;
        let made = domain::create(&call.state, &call.actor, input).await?;
        leptos_axum::redirect(&format!("/series/{}", made.series.id));
        Ok(made.series.id)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "skip_series_date")]
pub async fn skip_series_date(id: SeriesId, date: String) -> Result<(), AppError> {
    use crate::ssr::{domain::series, web::rpc};
    rpc::run(|call| async move {
        let access = series::authorize(&call.state, &call.actor, id).await?;
        access.require_organizer()?;
        let date = date
            .trim()
            .parse()
            .map_err(|_| AppError::invalid("date", "Choose one of the dates"))?;
        series::skip(&call.state, &call.actor, access, date).await?;
        leptos_axum::redirect(&format!("/series/{id}?saved=skip"));
        Ok(())
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "end_series")]
pub async fn end_series(id: SeriesId) -> Result<(), AppError> {
    use crate::ssr::{domain::series, web::rpc};
    rpc::run(|call| async move {
        let access = series::authorize(&call.state, &call.actor, id).await?;
        series::end(&call.state, &call.actor, access).await?;
        leptos_axum::redirect(&format!("/series/{id}?saved=end"));
        Ok(())
    })
    .await
}

/// Puts a thread an occurrence carried over on its agenda.
#[server(prefix = "/rpc", endpoint = "carry_to_agenda")]
pub async fn carry_to_agenda(meeting: MeetingId, source: String) -> Result<(), AppError> {
    use crate::ssr::policy::access::{Edit, authorize};
    use crate::ssr::{domain::agenda, web::rpc};
    rpc::run(|call| async move {
        let auth = authorize::<Edit>(&call.state, &call.actor, meeting).await?;
        let source = source.parse().map_err(|_| AppError::NotFound)?;
        agenda::from_carried(&call.state, &auth, source).await?;
        leptos_axum::redirect(&format!("/meetings/{meeting}?saved=agenda#carried-heading"));
        Ok(())
    })
    .await
}
