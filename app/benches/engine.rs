//! `make bench`: the verdict engine on the largest meeting the limits allow (200 people, 100
//! items, 500 open threads, a week of working hours), and the Markdown renderer on a 100 KB
//! pre-read. The engine runs on every keystroke of the live preview, in WASM; the renderer runs
//! once per saved version.

use app::model::{
    AgendaItemId, AttendeeId, CommentId, CommentKind, ItemKind, PrereadId, PurposeKind, Role,
};
use app::verdict::facts::{ItemFacts, PersonFacts, ThreadFacts};
use app::verdict::{DayHours, Facts, PersonHours, Span, decide};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn largest_meeting() -> Facts {
    let people: Vec<PersonFacts> = (0..200)
        .map(|i| PersonFacts {
            id: AttendeeId::new(),
            name: format!("Person {i}"),
            role: Role::ALL[i % 4],
            has_reason: i % 7 != 0,
            ready: i % 3 == 0,
            not_needed: i % 11 == 0,
            required_read: (i % 3) as u32,
        })
        .collect();
    let days = (0..5)
        .map(|d| DayHours {
            date: format!("2026-11-{:02}", 23 + d),
            people: people
                .iter()
                .enumerate()
                .map(|(i, p)| PersonHours {
                    id: p.id,
                    name: p.name.clone(),
                    zone: "UTC".into(),
                    offset: 0,
                    span: Span {
                        start: 420 + (i as i32 % 5) * 30,
                        end: 960 + (i as i32 % 4) * 30,
                    },
                })
                .collect(),
            slot: None,
        })
        .collect();
    Facts {
        purpose: PurposeKind::Brainstorm,
        duration_minutes: 480,
        hourly_rate: Some(95.0),
        agenda: (0..100)
            .map(|i| ItemFacts {
                id: AgendaItemId::new(),
                title: format!("Item {i}"),
                kind: ItemKind::Discuss,
                minutes: 4,
                owner: None,
                resolved: i % 3 == 0,
            })
            .collect(),
        people,
        required_prereads: 3,
        required_reading_minutes: 40,
        open_threads: (0..500)
            .map(|i| ThreadFacts {
                id: CommentId::new(),
                preread: PrereadId::new(),
                kind: CommentKind::ALL[i % 5],
                excerpt: "Is this the right call for the quarter?".into(),
            })
            .collect(),
        polls: Vec::new(),
        days,
        norm_exceptions: Vec::new(),
        no_meeting_day: None,
        series_advice: None,
        series_scores: None,
    }
}

/// About 100 KB of ordinary Markdown: headings, paragraphs, lists, a table, code.
fn hundred_kb() -> String {
    let section = "## Options\n\nWe compared **Acme** and *Globex* on price, support and risk; \
        see [the sheet](https://example.com/sheet).\n\n- Price: Acme is 20% cheaper\n- Support: \
        Globex answers in 4 hours\n- [ ] Check the contract\n\n| Vendor | Price | Support |\n|---|---|---|\n\
        | Acme | 85k | 24h |\n| Globex | 120k | 4h |\n\n> The decision is due on Friday.[^1]\n\n```\nlet x = 1;\n```\n\n\
        [^1]: Ask finance.\n\n";
    section.repeat(100_000 / section.len() + 1)
}

fn benches(c: &mut Criterion) {
    let facts = largest_meeting();
    c.bench_function("verdict: 200 people, 100 items, 500 threads", |b| {
        b.iter(|| decide(black_box(&facts)))
    });
    let markdown = hundred_kb();
    c.bench_function("render: 100 KB pre-read", |b| {
        b.iter(|| app::ssr::text::markdown::render(black_box(&markdown)))
    });
}

criterion_group! {
    name = engine;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(engine);
