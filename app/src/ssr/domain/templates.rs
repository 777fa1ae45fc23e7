//! Templates a brief or a series starts from: the built-in ones, written from the article's
//! advice (at least one per purpose kind), and the caller's own and their teams'.

use crate::error::AppError;
use crate::model::agenda::AgendaFields;
use crate::model::meeting::PurposeKind;
use crate::model::series::{Template, TemplateInput, TemplateItem, TemplatePreread, TemplateScope};
use crate::model::{AgendaItemId, PrereadId};
use crate::model::{ItemKind, TemplateId};
use crate::ssr::auth::Actor;
use crate::ssr::db::series::NewPreread;
use crate::ssr::runtime::limits::WriterKey;
use crate::ssr::{AppState, db};

/// How many templates a person, or a team, may keep.
pub const TEMPLATES_MAX: i64 = 100;

fn item(title: &str, kind: ItemKind, minutes: u32) -> TemplateItem {
    TemplateItem {
        title: title.to_owned(),
        kind,
        minutes,
    }
}

fn doc(title: &str, markdown: &str, required: bool) -> TemplatePreread {
    TemplatePreread {
        title: title.to_owned(),
        markdown: markdown.to_owned(),
        required,
    }
}

/// Built-in ids are fixed, so a link or a script that names one keeps working.
fn builtin_id(n: u8) -> TemplateId {
    TemplateId(uuid::Uuid::from_fields(
        0x0190_0000,
        0,
        0x7000,
        &[0x80, 0, 0, 0, 0, 0, 0, n],
    ))
}

/// The built-in templates, one or more per purpose kind.
pub fn builtin() -> Vec<Template> {
    let t = |n: u8,
             name: &str,
             purpose_kind: PurposeKind,
             outcome: &str,
             why_live: Option<&str>,
             duration_minutes: u32,
             agenda: Vec<TemplateItem>,
             prereads: Vec<TemplatePreread>| Template {
        id: builtin_id(n),
        name: name.to_owned(),
        scope: TemplateScope::Builtin,
        team_id: None,
        title: None,
        purpose_kind,
        outcome: outcome.to_owned(),
        why_live: why_live.map(str::to_owned),
        duration_minutes,
        agenda,
        prereads,
    };
    vec![
        t(
            1,
            "Decision with options",
            PurposeKind::Decide,
            "By the end we will have chosen one option and named who carries it out.",
            Some("The options are close and the deciders need to question each other."),
            30,
            vec![
                item("Questions on the options", ItemKind::Discuss, 15),
                item("Decide", ItemKind::Decide, 10),
            ],
            vec![doc(
                "Options and trade-offs",
                "## The decision\n\nWhat we must decide, and by when.\n\n## Options\n\n\
                 | Option | For | Against | Cost |\n|---|---|---|---|\n| A |  |  |  |\n| B |  |  |  |\n\n\
                 ## Recommendation\n\nWhich option, and why. Comment on the option you would \
                 change: questions answered here need no meeting.\n",
                true,
            )],
        ),
        t(
            2,
            "Weekly sync",
            // written updates are an `inform` purpose: the verdict goes async unless someone
            // raises a blocker or a concern, which holds it
            PurposeKind::Inform,
            "By the end every blocker raised this week has an owner and a next step.",
            Some(
                "Only to unblock: when nobody raises a blocker, cancel and keep the updates written.",
            ),
            30,
            vec![
                item("Blockers", ItemKind::Discuss, 15),
                item("Decisions needed", ItemKind::Decide, 10),
            ],
            vec![doc(
                "Written updates",
                "Write your update as a comment on this paragraph: what you did, what is next.\n\n\
                 Anything that stops you goes in as a **blocker** comment: it is the one reason \
                 to meet. When there is none, the verdict suggests going async.\n",
                true,
            )],
        ),
        t(
            3,
            "Brainstorm with breakouts",
            PurposeKind::Brainstorm,
            "By the end we will have a shortlist of ideas, each with someone to explore it.",
            Some("Ideas build on each other fastest in small groups, together."),
            60,
            vec![
                item("The problem, in two minutes", ItemKind::Inform, 5),
                item("Breakout rooms of six or fewer", ItemKind::Discuss, 30),
                item("Share back and shortlist", ItemKind::Decide, 15),
            ],
            vec![doc(
                "The problem and its constraints",
                "## The problem\n\nWhat we want ideas for.\n\n## Constraints\n\n- Budget\n- Time\n\n\
                 ## Ideas so far\n\nAdd yours as a suggestion comment before we meet.\n",
                false,
            )],
        ),
        t(
            4,
            "Planning",
            PurposeKind::Plan,
            "By the end we will have a plan: who does what, by when.",
            None,
            45,
            vec![
                item("Review the draft plan", ItemKind::Discuss, 20),
                item("Owners and dates", ItemKind::Decide, 15),
            ],
            vec![doc(
                "Draft plan",
                "## Goals\n\nWhat this plan achieves.\n\n## Work\n\n- [ ] First step (owner, date)\n\
                 - [ ] Next step (owner, date)\n\nComment where you disagree: the meeting is for \
                 what is still open.\n",
                true,
            )],
        ),
        t(
            5,
            "Announcement, written first",
            PurposeKind::Inform,
            "Everyone knows what changed and where to ask.",
            None,
            15,
            vec![item("Questions on the update", ItemKind::Discuss, 10)],
            vec![doc(
                "The update",
                "## What changed\n\n...\n\n## What it means for you\n\n...\n\nAsk your questions \
                 as comments: an update rarely needs a meeting.\n",
                true,
            )],
        ),
        t(
            7,
            "Problem solving",
            PurposeKind::Solve,
            "By the end we will have a fix we agree on, and who carries it out.",
            Some("The causes are tangled; people must reason about them together."),
            45,
            vec![
                item("What we know, what we do not", ItemKind::Discuss, 15),
                item("Options for a fix", ItemKind::Discuss, 15),
                item("Choose and assign", ItemKind::Decide, 10),
            ],
            vec![doc(
                "The problem",
                "## What happens\n\nSymptoms, since when, who is affected.\n\n## What we tried\n\n\
                 - ...\n\n## Questions\n\nAsk them as comments: an answer here saves a meeting.\n",
                true,
            )],
        ),
        t(
            6,
            "Team connection",
            PurposeKind::Connect,
            "By the end we will know each other a little better.",
            Some("Being together is the point."),
            30,
            vec![
                item("Check-in round", ItemKind::Discuss, 15),
                item("Topic of the week", ItemKind::Discuss, 15),
            ],
            vec![],
        ),
    ]
}

/// Every template the caller may start from: built-in ones first, then their own and their
/// teams'.
pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<Template>, AppError> {
    let user = actor.organizer()?;
    let mut all = builtin();
    all.extend(db::templates::for_user(&state.db, user).await?);
    Ok(all)
}

/// One template the caller may start from (404 for any other).
pub async fn get(state: &AppState, actor: &Actor, id: TemplateId) -> Result<Template, AppError> {
    let user = actor.organizer()?;
    if let Some(t) = builtin().into_iter().find(|t| t.id == id) {
        return Ok(t);
    }
    db::templates::get_for_user(&state.db, id, user)
        .await?
        .ok_or(AppError::NotFound)
}

/// A personal template, or a team's (for a member of that team).
pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: TemplateInput,
) -> Result<Template, AppError> {
    let user = actor.organizer()?;
    let scope = match input.team_id {
        Some(team) => {
            crate::ssr::domain::teams::authorize(state, actor, team).await?;
            TemplateScope::Team
        }
        None => TemplateScope::Personal,
    };
    state.limits.check_write(WriterKey::User(user))?;
    let team = input.team_id;
    let template = input.into_template(TemplateId::new(), scope)?;
    if db::templates::count(&state.db, user, team).await? >= TEMPLATES_MAX {
        return Err(AppError::validation(
            "name",
            format!("At most {TEMPLATES_MAX} templates; remove one first"),
        ));
    }
    db::templates::insert(&state.db, &template, user, state.now()).await?;
    Ok(template)
}

/// A template's (or a series') agenda as a meeting's items, ownerless.
pub fn agenda_of(items: &[TemplateItem]) -> Vec<(AgendaItemId, AgendaFields)> {
    items
        .iter()
        .map(|i| {
            (
                AgendaItemId::new(),
                AgendaFields {
                    title: i.title.clone(),
                    kind: i.kind,
                    minutes: i.minutes,
                    owner_id: None,
                    resolved_async: false,
                    resolution: String::new(),
                },
            )
        })
        .collect()
}

/// A template's (or a series') pre-reads, rendered as a meeting stores them.
pub async fn prereads_of(docs: &[TemplatePreread]) -> Result<Vec<NewPreread>, AppError> {
    let mut out = Vec::with_capacity(docs.len());
    for doc in docs {
        let rendered =
            crate::ssr::domain::discussion::prereads::render_off_runtime(doc.markdown.clone())
                .await?;
        out.push(NewPreread {
            id: PrereadId::new(),
            required: doc.required,
            title: doc.title.clone(),
            markdown: doc.markdown.clone(),
            html: rendered.html,
            blocks: rendered.blocks,
            reading_minutes: rendered.reading_minutes,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_purpose_kind_has_a_builtin_template_and_each_is_valid() {
        let all = builtin();
        for kind in PurposeKind::ALL {
            assert!(all.iter().any(|t| t.purpose_kind == kind), "{kind:?}");
        }
        for t in &all {
            assert_eq!(t.id.0.get_version_num(), 7);
            let minutes: u32 = t.agenda.iter().map(|i| i.minutes).sum();
            assert!(minutes <= t.duration_minutes, "{}", t.name);
            // a built-in template passes the rules a user's must
            let input = TemplateInput {
                team_id: None,
                name: Some(t.name.clone()),
                title: t.title.clone(),
                purpose_kind: Some(t.purpose_kind),
                outcome: Some(t.outcome.clone()),
                why_live: Some(t.why_live.clone()),
                duration_minutes: Some(i64::from(t.duration_minutes)),
                agenda: None,
                prereads: None,
            };
            assert!(input.into_template(t.id, TemplateScope::Builtin).is_ok());
        }
        let mut ids: Vec<_> = all.iter().map(|t| t.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
    }
}
