//! The verdict engine against PRODUCT.md's rules, one scenario per rule, plus properties:
//! deterministic, and monotone (resolving a thread or an item never makes it more live).

use front::model::{
    AgendaItemId, AttendeeId, CommentId, CommentKind, ItemKind, PollId, PrereadId, PurposeKind,
    Role,
};
use front::verdict::facts::{ItemFacts, PersonFacts, PollFacts, ThreadFacts};
use front::verdict::{
    ActionKind, DayHours, Direction, Facts, PersonHours, Span, VerdictKind, decide,
};
use proptest::prelude::*;

fn person(name: &str, role: Role) -> PersonFacts {
    PersonFacts {
        id: AttendeeId::new(),
        name: name.into(),
        role,
        has_reason: true,
        ready: false,
        not_needed: false,
        required_read: 0,
    }
}

fn item(title: &str, minutes: u32) -> ItemFacts {
    ItemFacts {
        id: AgendaItemId::new(),
        title: title.into(),
        kind: ItemKind::Discuss,
        minutes,
        owner: None,
        resolved: false,
    }
}

fn thread(kind: CommentKind) -> ThreadFacts {
    ThreadFacts {
        id: CommentId::new(),
        preread: PrereadId::new(),
        kind,
        excerpt: "Is the budget approved?".into(),
    }
}

/// A decide meeting, 60 minutes, a decider and two contributors, two 20-minute items.
fn base() -> Facts {
    Facts {
        purpose: PurposeKind::Decide,
        duration_minutes: 60,
        hourly_rate: Some(100.0),
        agenda: vec![item("Pick the vendor", 20), item("Budget", 20)],
        people: vec![
            person("Dana", Role::Decider),
            person("Ana", Role::Contributor),
            person("Ben", Role::Contributor),
        ],
        ..Facts::default()
    }
}

fn signals(f: &Facts) -> Vec<(String, Direction)> {
    decide(f)
        .reasons
        .into_iter()
        .map(|r| (r.signal, r.direction))
        .collect()
}

#[test]
fn a_plain_meeting_is_held_as_planned_and_costed() {
    let v = decide(&base());
    assert_eq!(v.verdict, VerdictKind::Hold);
    assert_eq!(
        v.summary,
        "Hold it as planned: nothing shows it could be done in writing."
    );
    assert_eq!(v.cost.planned_minutes, 60);
    assert_eq!(v.cost.planned_attendee_hours, 3.0);
    assert_eq!(v.cost.planned_money, Some(300.0));
    assert_eq!(v.cost.suggested_attendee_hours, 3.0);
    assert_eq!(
        v.cost.async_attendee_hours, 0.5,
        "ten minutes of commenting each"
    );
    assert_eq!(v.focus.len(), 2, "the undecided items head the focus list");
    assert_eq!(v.actions[0].kind, ActionKind::Hold);
}

#[test]
fn not_ready_without_agenda_decider_or_within_the_time() {
    let mut f = base();
    f.agenda.clear();
    let v = decide(&f);
    assert_eq!(v.verdict, VerdictKind::NotReady);
    assert!(signals(&f).contains(&("agenda".into(), Direction::Blocking)));
    assert_eq!(v.actions[0].kind, ActionKind::AddAgenda);

    let mut f = base();
    f.people.retain(|p| p.role != Role::Decider);
    assert_eq!(decide(&f).verdict, VerdictKind::NotReady);
    assert_eq!(decide(&f).actions[0].kind, ActionKind::AddDecider);
    f.purpose = PurposeKind::Plan;
    assert_eq!(
        decide(&f).verdict,
        VerdictKind::Hold,
        "only a decide meeting needs a decider"
    );

    let mut f = base();
    f.agenda.push(item("Risks", 30));
    let v = decide(&f);
    assert_eq!(v.verdict, VerdictKind::NotReady);
    assert_eq!(
        v.summary,
        "Not ready: The agenda needs 70 minutes; the meeting has 60."
    );
    assert_eq!(
        v.actions[0].message,
        "Cut 10 minutes from the agenda, or make the meeting longer."
    );
}

#[test]
fn open_blockers_concerns_split_deciders_and_brainstorms_hold_it() {
    let mut f = base();
    f.purpose = PurposeKind::Inform; // would cancel, but a blocker comes first
    f.open_threads.push(thread(CommentKind::Blocker));
    let v = decide(&f);
    assert_eq!(v.verdict, VerdictKind::Hold);
    assert!(signals(&f).contains(&("blockers".into(), Direction::Blocking)));
    assert_eq!(v.focus[0].label, "Blocker");
    let focus = v
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::Focus)
        .unwrap();
    assert_eq!(focus.comment_ids, vec![f.open_threads[0].id]);

    let mut f = base();
    f.open_threads.push(thread(CommentKind::Concern));
    assert_eq!(decide(&f).verdict, VerdictKind::Hold);
    f.open_threads[0].kind = CommentKind::Agree;
    f.people[2].role = Role::Informed;
    assert_eq!(
        decide(&f).verdict,
        VerdictKind::Shorten,
        "an agreement holds nothing"
    );

    let mut f = base();
    f.people.push(person("Eve", Role::Decider));
    f.people[2].role = Role::Informed;
    f.polls.push(PollFacts {
        id: PollId::new(),
        question: "Acme or Globex?".into(),
        options: vec!["Acme".into(), "Globex".into()],
        builtin: false,
        tally: Some(vec![2, 1]),
        deciders_split: true,
    });
    let v = decide(&f);
    assert_eq!(v.verdict, VerdictKind::Hold);
    assert!(
        v.summary
            .contains("The deciders disagree on “Acme or Globex?”"),
        "{}",
        v.summary
    );

    let mut f = base();
    f.purpose = PurposeKind::Brainstorm;
    f.people = (0..9)
        .map(|i| person(&format!("P{i}"), Role::Contributor))
        .collect();
    f.people[0].role = Role::Facilitator;
    f.people[1].role = Role::Facilitator;
    let v = decide(&f);
    assert_eq!(v.verdict, VerdictKind::Hold);
    let rooms = v.breakout_rooms.unwrap();
    assert_eq!(rooms.iter().map(Vec::len).collect::<Vec<_>>(), vec![5, 4]);
    assert!(rooms[0].contains(&f.people[0].id) && rooms[1].contains(&f.people[1].id));
}

#[test]
fn inform_all_resolved_most_not_needed_or_no_shared_hours_cancel_it() {
    let mut f = base();
    f.purpose = PurposeKind::Inform;
    let v = decide(&f);
    assert_eq!(v.verdict, VerdictKind::Cancel);
    assert_eq!(
        v.summary,
        "Cancel and go async: its purpose is only to inform."
    );
    assert_eq!(
        (v.cost.suggested_minutes, v.cost.suggested_attendee_hours),
        (0, 0.0)
    );
    assert_eq!(v.cost.suggested_money, Some(0.0));

    let mut f = base();
    f.agenda.iter_mut().for_each(|i| i.resolved = true);
    assert_eq!(decide(&f).verdict, VerdictKind::Cancel);

    let mut f = base();
    f.people[1].not_needed = true;
    f.people[2].not_needed = true;
    assert_eq!(decide(&f).verdict, VerdictKind::Cancel);

    let mut f = base();
    let day = |spans: [(i32, i32); 3]| DayHours {
        date: "2026-12-01".into(),
        people: f
            .people
            .iter()
            .zip(spans)
            .map(|(p, (start, end))| PersonHours {
                id: p.id,
                name: p.name.clone(),
                zone: "UTC".into(),
                span: Span { start, end },
                offset: 0,
            })
            .collect(),
        slot: None,
    };
    f.days = vec![day([(540, 1020), (540, 1020), (-240, 240)])];
    let v = decide(&f);
    assert_eq!(v.verdict, VerdictKind::Cancel);
    assert!(v.summary.contains("share no working hours"));
    f.days = vec![day([(540, 1020), (600, 1020), (480, 660)])];
    let v = decide(&f);
    assert_eq!(v.verdict, VerdictKind::Hold);
    assert_eq!(
        v.shared_window,
        Some(Span {
            start: 600,
            end: 660
        })
    );
}

#[test]
fn resolved_items_and_people_who_need_not_come_shorten_it() {
    let mut f = base();
    f.agenda[1].resolved = true;
    f.people.push(person("Kai", Role::Informed));
    f.people.push(PersonFacts {
        has_reason: false,
        ..person("Sam", Role::Contributor)
    });
    let v = decide(&f);
    assert_eq!(v.verdict, VerdictKind::Shorten);
    assert_eq!(
        v.summary,
        "Shorten it: 20 minutes with 3 people instead of 60 with 5."
    );
    assert_eq!(
        (
            v.cost.planned_attendee_hours,
            v.cost.suggested_attendee_hours
        ),
        (5.0, 1.0)
    );
    let drop = v
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::DropAttendees)
        .unwrap();
    assert_eq!(
        drop.message,
        "Take Kai (only needs the outcome) and Sam (has no reason to be there) off the invitation."
    );
    assert_eq!(drop.attendee_ids, vec![f.people[3].id, f.people[4].id]);
    let remove = v
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::RemoveItems)
        .unwrap();
    assert_eq!(remove.item_ids, vec![f.agenda[1].id]);
    assert_eq!(v.actions[0].minutes, Some(20));
    assert_eq!(
        v.actions[0].message,
        "Shorten to 20 minutes and trim the invitation to 3 people."
    );
}

#[test]
fn the_shorten_action_says_what_it_does() {
    // only people come off: the minutes stay
    let mut f = base();
    f.agenda = vec![item("Pick the vendor", 40), item("Budget", 20)];
    f.people.push(person("Kai", Role::Informed));
    let v = decide(&f);
    assert_eq!(v.verdict, VerdictKind::Shorten);
    let shorten = v
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::Shorten)
        .unwrap();
    assert_eq!(shorten.message, "Trim the invitation to 3 people.");
    // only minutes go
    let mut f = base();
    f.agenda[1].resolved = true;
    let v = decide(&f);
    let shorten = v
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::Shorten)
        .unwrap();
    assert_eq!(shorten.message, "Shorten to 20 minutes.");
}

#[test]
fn a_slot_outside_someones_working_day_is_a_reason_to_move_it() {
    // a 30-minute meeting at 10:00 Berlin; Ana works 09:00-17:00 in New York (15:00-23:00 in
    // Berlin), the others 09:00-17:00 in Berlin
    let mut f = base();
    f.duration_minutes = 40;
    let zones = [
        ("Europe/Berlin", 0),
        ("America/New_York", -360),
        ("Europe/Berlin", 0),
    ];
    let spans = [(540, 1020), (900, 1380), (540, 1020)];
    f.days = vec![DayHours {
        date: "2099-12-01".into(),
        people: f
            .people
            .iter()
            .zip(zones.iter().zip(spans))
            .map(|(p, ((zone, offset), (start, end)))| PersonHours {
                id: p.id,
                name: p.name.clone(),
                zone: (*zone).into(),
                span: Span { start, end },
                offset: *offset,
            })
            .collect(),
        slot: Some(Span {
            start: 600,
            end: 640,
        }),
    }];
    let v = decide(&f);
    let hours: Vec<&str> = v
        .reasons
        .iter()
        .filter(|r| r.signal == "working_hours")
        .map(|r| r.message.as_str())
        .collect();
    assert!(
        hours.contains(&"The slot falls outside Ana's working hours (04:00 their time). Everyone who would meet is at work from 15:00 to 17:00 (meeting time): move the slot there."),
        "{hours:?}"
    );
    let outside = v
        .reasons
        .iter()
        .find(|r| r.message.starts_with("The slot"))
        .unwrap();
    assert_eq!(outside.direction, Direction::Async);
    // inside everyone's day: no such reason
    f.days[0].slot = Some(Span {
        start: 900,
        end: 940,
    });
    assert!(
        !decide(&f)
            .reasons
            .iter()
            .any(|r| r.message.starts_with("The slot"))
    );
}

#[test]
fn the_owner_of_an_open_item_is_never_taken_off() {
    let mut f = base();
    f.people.push(PersonFacts {
        has_reason: false,
        ..person("Sam", Role::Contributor)
    });
    f.agenda[0].owner = Some(f.people[3].id);
    f.agenda.push(item("Done already", 10));
    f.agenda[2].resolved = true;
    let v = decide(&f);
    assert!(
        v.actions
            .iter()
            .all(|a| !a.attendee_ids.contains(&f.people[3].id)),
        "{:?}",
        v.actions
    );
    // still asked for a reason
    assert!(
        v.reasons
            .iter()
            .any(|r| r.signal == "missing_reasons" && r.message.contains("Sam"))
    );
    // once their item is settled in writing, they may go
    f.agenda[0].resolved = true;
    let v = decide(&f);
    let drop = v
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::DropAttendees)
        .unwrap();
    assert_eq!(drop.attendee_ids, vec![f.people[3].id]);
}

#[test]
fn informing_signals_never_decide_alone() {
    let mut f = base();
    f.required_prereads = 1;
    f.required_reading_minutes = 12;
    f.people[0].ready = true;
    f.people
        .extend((0..8).map(|i| person(&format!("C{i}"), Role::Contributor)));
    let v = decide(&f);
    assert_eq!(v.verdict, VerdictKind::Hold);
    let weights: Vec<_> = v
        .reasons
        .iter()
        .map(|r| (r.signal.as_str(), r.weight))
        .collect();
    assert!(
        weights.contains(&("unread_prereads", 1))
            && weights.contains(&("readiness", 1))
            && weights.contains(&("invite_size", 1))
    );
    assert_eq!(v.cost.async_attendee_hours, 4.03, "11 people × 22 minutes");
}

fn arb_facts() -> impl Strategy<Value = Facts> {
    let kinds = prop::sample::select(CommentKind::ALL.to_vec());
    let roles = prop::sample::select(Role::ALL.to_vec());
    let purposes = prop::sample::select(PurposeKind::ALL.to_vec());
    (
        purposes,
        15u32..120,
        prop::collection::vec((1u32..40, any::<bool>()), 0..6),
        prop::collection::vec((roles, any::<bool>(), any::<bool>()), 1..12),
        prop::collection::vec(kinds, 0..5),
    )
        .prop_map(|(purpose, duration, items, people, threads)| Facts {
            purpose,
            duration_minutes: duration,
            hourly_rate: None,
            agenda: items
                .into_iter()
                .map(|(m, resolved)| ItemFacts {
                    resolved,
                    ..item("x", m)
                })
                .collect(),
            people: people
                .into_iter()
                .map(|(role, has_reason, not_needed)| PersonFacts {
                    has_reason,
                    not_needed,
                    ..person("p", role)
                })
                .collect(),
            open_threads: threads.into_iter().map(thread).collect(),
            ..Facts::default()
        })
}

proptest! {
    #[test]
    fn resolving_never_makes_it_more_live(facts in arb_facts(), pick in any::<prop::sample::Index>()) {
        let before = decide(&facts);
        prop_assert_eq!(&before, &decide(&facts), "deterministic");
        let mut after = facts.clone();
        if !after.open_threads.is_empty() {
            after.open_threads.remove(pick.index(after.open_threads.len()));
            prop_assert!(decide(&after).verdict.liveness() <= before.verdict.liveness());
        }
        let mut after = facts.clone();
        if !after.agenda.is_empty() {
            let i = pick.index(after.agenda.len());
            after.agenda[i].resolved = true;
            prop_assert!(decide(&after).verdict.liveness() <= before.verdict.liveness());
        }
        // the suggestion never costs more than the plan
        prop_assert!(before.cost.suggested_attendee_hours <= before.cost.planned_attendee_hours);
    }
}
