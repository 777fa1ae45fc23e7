//! The two pieces of arithmetic beside the rules: the shared working window, and breakout
//! rooms for large working sessions.

use super::facts::{DayHours, PersonFacts, Span};
use crate::model::{AttendeeId, Role};

/// The largest room the engine plans.
pub const ROOM_SIZE: usize = 6;

/// The window everyone in `who` shares on one day, if any.
pub fn shared_window(day: &DayHours, who: &[AttendeeId]) -> Option<Span> {
    let spans: Vec<Span> = day
        .people
        .iter()
        .filter(|p| who.contains(&p.id))
        .map(|p| p.span)
        .collect();
    if spans.is_empty() {
        return None;
    }
    let start = spans.iter().map(|s| s.start).max()?;
    let end = spans.iter().map(|s| s.end).min()?;
    Some(Span { start, end }).filter(|s| s.minutes() > 0)
}

/// The day (of those given) on which `who` share the most time, with that window. `None` when
/// there is no day, or fewer than two people whose hours are known.
pub fn best_day<'a>(
    days: &'a [DayHours],
    who: &[AttendeeId],
) -> Option<(&'a DayHours, Option<Span>)> {
    days.iter()
        .filter(|d| d.people.iter().filter(|p| who.contains(&p.id)).count() >= 2)
        .map(|d| (d, shared_window(d, who)))
        .max_by_key(|(d, w)| {
            (
                w.map_or(0, Span::minutes),
                std::cmp::Reverse(d.date.clone()),
            )
        })
}

/// Rooms of at most six that seat every person who would meet exactly once, facilitators first,
/// then deciders, dealt round-robin so that they spread across rooms. `None` for six or fewer.
pub fn breakout_rooms(people: &[PersonFacts]) -> Option<Vec<Vec<AttendeeId>>> {
    let meeting: Vec<&PersonFacts> = people.iter().filter(|p| p.would_meet()).collect();
    if meeting.len() <= ROOM_SIZE {
        return None;
    }
    let rooms = meeting.len().div_ceil(ROOM_SIZE);
    let rank = |r: Role| match r {
        Role::Facilitator => 0,
        Role::Decider => 1,
        _ => 2,
    };
    let mut order = meeting;
    // a stable sort keeps the list's own order within a role
    order.sort_by_key(|p| rank(p.role));
    let mut plan = vec![Vec::new(); rooms];
    for (i, p) in order.into_iter().enumerate() {
        plan[i % rooms].push(p.id);
    }
    Some(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::facts::PersonHours;

    fn person(role: Role, not_needed: bool) -> PersonFacts {
        PersonFacts {
            id: AttendeeId::new(),
            name: "P".into(),
            role,
            has_reason: true,
            ready: false,
            not_needed,
            required_read: 0,
        }
    }

    #[test]
    fn rooms_seat_everyone_who_meets_once_and_spread_the_leads() {
        let mut people: Vec<PersonFacts> =
            (0..11).map(|_| person(Role::Contributor, false)).collect();
        people.push(person(Role::Facilitator, false));
        people.push(person(Role::Facilitator, false));
        people.push(person(Role::Decider, false));
        people.push(person(Role::Informed, false));
        people.push(person(Role::Contributor, true));
        let rooms = breakout_rooms(&people).unwrap();
        assert_eq!(rooms.len(), 3, "14 people need three rooms of six or fewer");
        assert!(rooms.iter().all(|r| r.len() <= ROOM_SIZE && r.len() >= 4));
        let mut seated: Vec<_> = rooms.iter().flatten().copied().collect();
        seated.sort();
        let mut expected: Vec<_> = people
            .iter()
            .filter(|p| p.would_meet())
            .map(|p| p.id)
            .collect();
        expected.sort();
        assert_eq!(seated, expected);
        let leads: Vec<usize> = rooms
            .iter()
            .map(|r| {
                r.iter()
                    .filter(|id| {
                        people
                            .iter()
                            .any(|p| p.id == **id && p.role != Role::Contributor)
                    })
                    .count()
            })
            .collect();
        assert_eq!(leads, vec![1, 1, 1]);
        assert_eq!(breakout_rooms(&people[..6]), None);
    }

    #[test]
    fn the_shared_window_is_the_intersection() {
        let (a, b, c) = (AttendeeId::new(), AttendeeId::new(), AttendeeId::new());
        let at = |id, start, end| PersonHours {
            id,
            name: "x".into(),
            zone: "UTC".into(),
            span: Span { start, end },
            offset: 0,
        };
        let day = DayHours {
            date: "2026-12-01".into(),
            people: vec![at(a, 540, 1020), at(b, 840, 1320), at(c, -180, 300)],
            slot: None,
        };
        assert_eq!(
            shared_window(&day, &[a, b]),
            Some(Span {
                start: 840,
                end: 1020
            })
        );
        assert_eq!(shared_window(&day, &[a, b, c]), None);
        assert_eq!(
            best_day(std::slice::from_ref(&day), &[a]),
            None,
            "one person shares nothing"
        );
    }
}
