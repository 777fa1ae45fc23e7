//! What the verdict asks of the organizer, and what the meeting costs as planned and as
//! suggested.

use super::*;

impl Scan<'_> {
    /// The actions that go with the verdict, and the meeting it would leave.
    pub(super) fn advice(
        &self,
        verdict: VerdictKind,
        blocking: Vec<VerdictAction>,
        plan: &ShortenPlan,
        focus: &[FocusEntry],
    ) -> Advice {
        let (facts, people, meeting) = (self.facts, self.people, &self.meeting);
        let mut actions = Vec::new();
        let mut rooms = None;
        let (minutes, people_left) = match verdict {
            VerdictKind::NotReady => {
                actions = blocking;
                (facts.duration_minutes, people.len())
            }
            VerdictKind::Cancel => {
                actions.push(action(
                    ActionKind::Cancel,
                    "Cancel the meeting and send everyone the written outcome.".into(),
                ));
                (0, 0)
            }
            VerdictKind::Shorten => {
                let mut a = action(
                    ActionKind::Shorten,
                    format!("{}.", plan.words(facts.duration_minutes, people.len())),
                );
                a.minutes = Some(plan.minutes);
                actions.push(a);
                if !plan.drop.is_empty() {
                    let listed = people.iter().filter_map(|p| {
                        why_drop(p, facts).map(|why| format!("{} ({why})", p.name))
                    });
                    let listed: Vec<String> = listed.collect();
                    let mut a = action(
                        ActionKind::DropAttendees,
                        format!(
                            "Take {} off the invitation.",
                            names(listed.iter().map(String::as_str))
                        ),
                    );
                    a.attendee_ids = plan.drop.clone();
                    actions.push(a);
                }
                if !plan.remove_items.is_empty() {
                    let titles = facts
                        .agenda
                        .iter()
                        .filter(|i| i.resolved)
                        .map(|i| format!("“{}”", i.title));
                    let titles: Vec<String> = titles.collect();
                    let mut a = action(
                        ActionKind::RemoveItems,
                        format!(
                            "Remove {}: resolved in writing.",
                            names(titles.iter().map(String::as_str))
                        ),
                    );
                    a.item_ids = plan.remove_items.clone();
                    actions.push(a);
                }
                (plan.minutes, people.len() - plan.drop.len())
            }
            VerdictKind::Hold => {
                actions.push(action(
                    ActionKind::Hold,
                    "Hold it as planned, starting with the focus list.".into(),
                ));
                if !focus.is_empty() {
                    let mut a = action(
                        ActionKind::Focus,
                        format!(
                            "Focus on {}.",
                            plural(focus.len(), "open point", "open points")
                        ),
                    );
                    a.comment_ids = focus.iter().filter_map(|f| f.comment_id).collect();
                    a.item_ids = focus.iter().filter_map(|f| f.item_id).collect();
                    actions.push(a);
                }
                rooms = breakout_rooms(people);
                if let Some(plan) = &rooms {
                    let sizes: Vec<String> = plan.iter().map(|r| r.len().to_string()).collect();
                    actions.push(action(
                        ActionKind::SplitRooms,
                        format!(
                            "Split the {} people into {} rooms of {}.",
                            meeting.len(),
                            plan.len(),
                            names(sizes.iter().map(String::as_str))
                        ),
                    ));
                }
                (facts.duration_minutes, people.len())
            }
        };

        Advice {
            actions,
            rooms,
            minutes,
            people: people_left,
        }
    }

    /// The cost as planned, as suggested, and of the written alternative.
    pub(super) fn cost(&self, suggested_minutes: u32, suggested_people: usize) -> Cost {
        let (facts, people) = (self.facts, self.people.len());
        let planned_hours = hours(people, facts.duration_minutes);
        let suggested_hours = hours(suggested_people, suggested_minutes);
        Cost {
            planned_minutes: facts.duration_minutes,
            planned_attendee_hours: planned_hours,
            suggested_minutes,
            suggested_attendee_hours: suggested_hours,
            planned_money: money(planned_hours, facts.hourly_rate),
            suggested_money: money(suggested_hours, facts.hourly_rate),
            async_attendee_hours: hours(
                people,
                facts.required_reading_minutes + COMMENTING_MINUTES,
            ),
        }
    }
}
