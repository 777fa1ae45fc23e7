//! The organizer acts on the verdict: cancel, shorten or hold. Each writes the outcome record
//! in the same transaction as the change it makes.

use crate::error::AppError;
use crate::model::MeetingStatus;
use crate::model::delivery::WebhookEvent;
use crate::model::outcome::{Decided, Decision, DecisionInput, Outcome};
use crate::ssr::db::{
    self,
    outcomes::{Apply, OutcomeRecord},
};
use crate::ssr::domain::insights;
use crate::ssr::domain::meetings::verdict::{Loaded, load};
use crate::ssr::notify::{outbox, webhooks};
use crate::ssr::policy::access::{Authorized, Edit};
use crate::ssr::text::escape::markdown_inline as esc;
use crate::ssr::{AppState, domain::meetings, text::markdown};
use crate::verdict::{self, ShortenPlan};
use std::fmt::Write;

pub async fn decide(
    state: &AppState,
    auth: &Authorized<Edit>,
    input: DecisionInput,
) -> Result<Decided, AppError> {
    let id = auth.id();
    let (decision, note) = input.validate()?;
    let loaded = load(state, auth).await?;
    let rows = auth.rows(state).await?;
    let new_actions = checked_actions(&rows, input.actions.unwrap_or_default())?;
    let mut actions = db::actions::list_for_meeting(&state.db, id).await?;
    let new_items: Vec<crate::model::action::ActionItem> = new_actions
        .iter()
        .map(|(action_id, f)| crate::model::action::ActionItem {
            id: *action_id,
            meeting_id: id,
            title: f.title.clone(),
            owner: crate::model::action::ActionOwner {
                id: f.owner_id,
                name: rows
                    .everyone
                    .iter()
                    .find(|p| p.id == f.owner_id)
                    .map(|p| p.fields.name.clone())
                    .unwrap_or_default(),
            },
            due_on: f.due_on,
            note: f.note.clone(),
            done: false,
            done_at: None,
        })
        .collect();
    actions.extend(new_items.iter().cloned());
    if loaded.record.status == MeetingStatus::Cancelled {
        return Err(AppError::Conflict(
            "This meeting was cancelled; it cannot be decided again.".into(),
        ));
    }
    let plan = verdict::shorten_plan(&loaded.facts);
    if decision == Decision::Shorten && plan.minutes == 0 {
        return Err(AppError::Conflict(
            "Nothing would be left to meet about: every item was resolved. Cancel it instead."
                .into(),
        ));
    }
    let decided_at = state.now();
    let record = OutcomeRecord {
        meeting_id: id,
        decision: decision.as_str().to_owned(),
        markdown: record_markdown(&loaded, &rows, decision, &note, &plan, &actions, decided_at),
        note,
        decided_at,
    };
    let apply = match decision {
        Decision::Cancel => Apply {
            status: MeetingStatus::Cancelled,
            duration_minutes: None,
            uninvite: &[],
            remove_items: &[],
            actions: &new_actions,
            share: None,
        },
        Decision::Hold => Apply {
            status: MeetingStatus::Held,
            duration_minutes: None,
            uninvite: &[],
            remove_items: &[],
            actions: &new_actions,
            share: None,
        },
        Decision::Shorten => Apply {
            status: MeetingStatus::Shortened,
            duration_minutes: Some(plan.minutes),
            uninvite: &plan.drop,
            remove_items: &plan.remove_items,
            actions: &new_actions,
            share: None,
        },
    };
    // Everyone ever on the list hears of it, those this decision takes off the invitation too.
    let before = db::attendees::list_everyone_for_meeting(&state.db, id).await?;
    let mut everyone = before.clone();
    for person in &mut everyone {
        if apply.uninvite.contains(&person.id) {
            person.invited = false;
        }
    }
    let zone = match auth.meeting().team_id {
        Some(team) => db::teams::get(&state.db, team)
            .await?
            .map(|t| t.norms.time_zone),
        None => None,
    };
    let share = zone.and_then(|zone| {
        insights::share(
            auth.meeting(),
            &zone,
            &before,
            &everyone,
            apply.status,
            apply
                .duration_minutes
                .unwrap_or(auth.meeting().fields.duration_minutes),
            decided_at,
        )
    });
    let apply = Apply {
        share: share.as_ref(),
        ..apply
    };
    let ctx = outbox::context(state, auth).await?;
    let source = record.markdown.clone();
    let record_html = tokio::task::spawn_blocking(move || markdown::render(&source).html)
        .await
        .map_err(|_| AppError::Internal)?;
    // the meeting as this decision leaves it, for the calendars: status, length, a new version
    let mut decided = auth.meeting().clone();
    decided.status = apply.status;
    if let Some(minutes) = apply.duration_minutes {
        decided.fields.duration_minutes = minutes;
    }
    decided.version += 1;
    decided.updated_at = decided_at;
    let agenda: Vec<_> = ctx
        .agenda
        .iter()
        .filter(|item| !apply.remove_items.contains(&item.id))
        .cloned()
        .collect();
    let messages = outbox::outcomes(
        state,
        auth,
        &ctx,
        &everyone,
        decision,
        &outbox::Decided {
            record: &decided,
            agenda: &agenda,
        },
        (&record.markdown, record_html.as_str()),
        &actions,
        decided_at,
    );
    let mut events = vec![webhooks::event(
        &decided,
        WebhookEvent::DecisionMade,
        serde_json::json!({
            "decision": decision.as_str(),
            "note": record.note,
            "outcome_markdown": record.markdown,
        }),
        format!("{id}:{}", decided_at.as_microsecond()),
        decided_at,
    )];
    for item in &new_items {
        events.push(webhooks::event(
            &decided,
            WebhookEvent::ActionCreated,
            serde_json::json!({ "action": item }),
            format!("action.created:{}", item.id),
            decided_at,
        ));
    }
    db::outcomes::decide(&state.db, apply, &record, &messages, &events).await?;
    if let Some(occurrence) = &auth.meeting().occurrence {
        // decided: its series makes the next occurrence at the scheduler's next look
        db::series::check_at(&state.db, occurrence.series_id, decided_at).await?;
    }
    state.outbox.notify_one();
    let meeting = meetings::reload(state, auth).await?;
    Ok(Decided {
        meeting,
        outcome: view(record).await?,
    })
}

/// The outcome record, for anyone who may read the meeting (also those taken off the list).
/// It was written for everyone's eyes, through the disclosure policy, when it was decided.
pub async fn outcome<A>(
    state: &AppState,
    auth: &Authorized<A>,
) -> Result<Option<Outcome>, AppError> {
    match auth.rows(state).await?.outcome.clone() {
        Some(record) => Ok(Some(view(record).await?)),
        None => Ok(None),
    }
}

async fn view(record: OutcomeRecord) -> Result<Outcome, AppError> {
    let source = record.markdown.clone();
    let html = tokio::task::spawn_blocking(move || markdown::render(&source).html)
        .await
        .map_err(|_| AppError::Internal)?;
    Ok(Outcome {
        decision: record.decision.parse()?,
        note: record.note,
        markdown: record.markdown,
        html,
        decided_at: record.decided_at,
    })
}

/// The written record: purpose, what was decided in writing, poll results, what is open and
/// who owns it, next steps.
/// The decision's action items, each checked as a new one is (problems named
/// `actions[<i>].<field>`), each owned by a person on the meeting.
fn checked_actions(
    rows: &crate::ssr::db::rows::MeetingRows,
    inputs: Vec<crate::model::action::ActionInput>,
) -> Result<Vec<(crate::model::ActionId, crate::model::action::ActionFields)>, AppError> {
    use crate::model::action::ACTIONS_MAX;
    if inputs.len() > ACTIONS_MAX {
        return Err(AppError::validation(
            "actions",
            format!("At most {ACTIONS_MAX} action items"),
        ));
    }
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (i, input) in inputs.into_iter().enumerate() {
        match input.into_new() {
            Ok(f) if rows.everyone.iter().any(|p| p.id == f.owner_id) => {
                out.push((crate::model::ActionId::new(), f));
            }
            Ok(_) => problems.push(crate::error::FieldError::new(
                format!("actions[{i}].owner_id"),
                "Choose someone on this meeting",
            )),
            Err(e) => problems.extend(e.field_errors().iter().map(|p| {
                crate::error::FieldError::new(format!("actions[{i}].{}", p.field), &p.message)
            })),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(AppError::Validation(problems))
    }
}

#[allow(clippy::too_many_arguments)]
pub fn record_markdown(
    loaded: &Loaded,
    rows: &crate::ssr::db::rows::MeetingRows,
    decision: Decision,
    note: &str,
    plan: &ShortenPlan,
    actions: &[crate::model::action::ActionItem],
    decided_at: jiff::Timestamp,
) -> String {
    let m = &loaded.record.fields;
    let name_of = |id| {
        loaded
            .people
            .iter()
            .find(|p| p.id == id)
            .map(|p| esc(&p.fields.name))
    };
    let mut md = String::new();
    let _ = writeln!(md, "# Outcome: {}\n", esc(&m.title));
    let verdict_line = match decision {
        Decision::Cancel => "Cancelled: the work continues in writing.".to_owned(),
        Decision::Shorten => plan.done(m.duration_minutes, loaded.facts.people.len()),
        Decision::Hold => format!("Held as planned, {} minutes.", m.duration_minutes),
    };
    let _ = writeln!(md, "**Decision:** {verdict_line}\n");
    if !note.is_empty() {
        let _ = writeln!(md, "> {}\n", esc(note));
    }
    let _ = writeln!(
        md,
        "## Purpose\n\n{}: {}\n",
        m.purpose_kind.label(),
        esc(&m.outcome)
    );

    let _ = writeln!(md, "## Decided in writing\n");
    let resolved: Vec<_> = loaded.agenda.iter().filter(|i| i.resolved_async).collect();
    // threads settled on the pre-reads, each with the last word said in it (never by whom:
    // everyone reads the record)
    let settled: Vec<_> = rows
        .comments
        .iter()
        .filter(|c| {
            c.parent_id.is_none() && c.resolved && c.kind != crate::model::CommentKind::Agree
        })
        .collect();
    if resolved.is_empty() && settled.is_empty() {
        let _ = writeln!(md, "Nothing was resolved in writing.\n");
    }
    for i in &resolved {
        let resolution = if i.resolution.trim().is_empty() {
            "resolved".to_owned()
        } else {
            esc(&i.resolution)
        };
        let _ = writeln!(md, "- **{}**: {resolution}", esc(&i.title));
    }
    for thread in &settled {
        let last = rows
            .comments
            .iter()
            .filter(|c| c.parent_id == Some(thread.id))
            .max_by_key(|c| (c.created_at, c.id));
        let answer = last.map_or_else(
            || "resolved".to_owned(),
            |r| format!("“{}”", esc(r.body.trim())),
        );
        let _ = writeln!(
            md,
            "- A {} on the pre-reads, “{}”: {answer}",
            thread.kind.label().to_lowercase(),
            esc(thread.body.trim())
        );
    }
    if !resolved.is_empty() || !settled.is_empty() {
        md.push('\n');
    }

    // Everyone receives the record, so it says only what every attendee may read: overall
    // tallies, and nothing of a poll that hides its results until it closes.
    let _ = writeln!(md, "## Poll results\n");
    for (poll, tally) in &loaded.polls {
        let open = !crate::ssr::policy::disclosure::is_closed(poll, decided_at);
        let result = match tally {
            Some(tally) => {
                let votes: Vec<String> = poll
                    .options
                    .iter()
                    .zip(tally)
                    .map(|(o, n)| format!("{} ({n})", esc(o)))
                    .collect();
                let so_far = if open && poll.closes_at.is_some() {
                    " (still open)"
                } else {
                    ""
                };
                format!("{}{so_far}", votes.join(", "))
            }
            None => "still open; its results show when it closes".to_owned(),
        };
        let _ = writeln!(md, "- {}: {result}", esc(&poll.question));
        // the reasons given, by option and never by whom, where the tally may show
        if tally.is_some() {
            let mut reasons: Vec<(u32, &str)> = rows
                .votes
                .iter()
                .filter(|v| v.poll_id == poll.id && !v.reason.trim().is_empty())
                .map(|v| (v.option, v.reason.trim()))
                .collect();
            reasons.sort();
            for (option, reason) in reasons {
                let option = poll.options.get(option as usize).map_or("", String::as_str);
                let _ = writeln!(md, "  - {}: “{}”", esc(option), esc(reason));
            }
        }
    }
    md.push('\n');

    let _ = writeln!(md, "## Open items\n");
    let threads: Vec<_> = loaded
        .facts
        .open_threads
        .iter()
        .filter(|t| t.kind.needs_attention())
        .collect();
    let open_items: Vec<_> = loaded.agenda.iter().filter(|i| !i.resolved_async).collect();
    if threads.is_empty() && open_items.is_empty() {
        let _ = writeln!(md, "Nothing is open.\n");
    }
    for t in &threads {
        let _ = writeln!(md, "- {}: {}", t.kind.label(), esc(&t.excerpt));
    }
    for i in &open_items {
        let owner = i
            .owner_id
            .and_then(name_of)
            .unwrap_or_else(|| "no owner yet".to_owned());
        let _ = writeln!(md, "- {} (owner: {owner})", esc(&i.title));
    }
    if !(threads.is_empty() && open_items.is_empty()) {
        md.push('\n');
    }

    if !actions.is_empty() {
        let _ = writeln!(md, "## Action items\n");
        for a in actions {
            let done = if a.done { " (done)" } else { "" };
            let _ = writeln!(
                md,
                "- {}: {}, due {}{done}",
                esc(&a.title),
                esc(&a.owner.name),
                a.due_on
            );
        }
        md.push('\n');
    }

    let _ = writeln!(md, "## Next steps\n");
    match decision {
        Decision::Cancel => {
            let _ = writeln!(
                md,
                "- There is no meeting. Each open item's owner settles it in writing and tells everyone."
            );
        }
        Decision::Shorten => {
            let dropped: Vec<String> = plan.drop.iter().filter_map(|id| name_of(*id)).collect();
            let _ = writeln!(
                md,
                "- Meet for {} minutes on the remaining items.",
                plan.minutes
            );
            if !dropped.is_empty() {
                let _ = writeln!(
                    md,
                    "- No longer invited, and sent this record instead: {}.",
                    dropped.join(", ")
                );
            }
        }
        Decision::Hold => {
            let _ = writeln!(md, "- Meet as planned and start with the open items above.");
        }
    }
    md
}
