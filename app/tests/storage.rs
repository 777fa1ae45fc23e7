//! Storage scenarios on SQLite and (when configured) PostgreSQL, through the domain operations.

use app::db_test;
use app::error::AppError;
use app::model::{
    AgendaItem, AgendaItemId, AgendaItemInput, AttendeeId, AttendeeWithLink, Meeting, MeetingId,
};
use app::model::{AttendeeInput, MeetingInput, MeetingStatus, PurposeKind, Role, UserId};
use app::ssr::auth::{Actor, Credential};
use app::ssr::policy::access::{Edit, Read, authorize};
use app::ssr::{AppState, db, domain::agenda, domain::meetings, domain::people::attendees};

// Each call authorises first, as the server functions and the API do.

async fn get(state: &AppState, actor: &Actor, id: MeetingId) -> Result<Meeting, AppError> {
    meetings::get(state, &authorize::<Read>(state, actor, id).await?).await
}

async fn update(
    state: &AppState,
    actor: &Actor,
    id: MeetingId,
    input: MeetingInput,
) -> Result<Meeting, AppError> {
    let auth = authorize::<Edit>(state, actor, id).await?;
    meetings::update(state, &auth, input, None).await
}

async fn invite(
    state: &AppState,
    actor: &Actor,
    id: MeetingId,
    input: AttendeeInput,
) -> Result<AttendeeWithLink, AppError> {
    let auth = authorize::<Edit>(state, actor, id).await?;
    Ok(attendees::add(state, &auth, input).await?.0)
}

async fn add_item(
    state: &AppState,
    actor: &Actor,
    id: MeetingId,
    input: AgendaItemInput,
) -> Result<AgendaItem, AppError> {
    agenda::add(state, &authorize::<Edit>(state, actor, id).await?, input).await
}

async fn update_item(
    state: &AppState,
    actor: &Actor,
    id: AgendaItemId,
    input: AgendaItemInput,
) -> Result<AgendaItem, AppError> {
    let (auth, _) = agenda::authorize_for::<Edit>(state, actor, id).await?;
    agenda::update(state, &auth, id, input, None).await
}

async fn step_item(
    state: &AppState,
    actor: &Actor,
    id: AgendaItemId,
    by: i64,
) -> Result<AgendaItem, AppError> {
    let (auth, item) = agenda::authorize_for::<Edit>(state, actor, id).await?;
    agenda::step(state, &auth, &item, by).await
}

async fn remove_person(state: &AppState, actor: &Actor, id: AttendeeId) -> Result<(), AppError> {
    let (auth, _) = attendees::authorize_for::<Edit>(state, actor, id).await?;
    attendees::remove(state, &auth, id).await
}

async fn organizer(state: &AppState, name: &str) -> Actor {
    let user = app::model::User {
        id: UserId::new(),
        name: name.into(),
        email: format!("{name}@example.com"),
    };
    db::users::insert(&state.db, &user, &user.email, "not-a-hash", state.now())
        .await
        .unwrap();
    Actor {
        user: Some(user.id),
        attendees: Vec::new(),
        credential: Credential::None,
    }
}

fn brief(title: &str) -> MeetingInput {
    MeetingInput {
        title: Some(title.into()),
        purpose_kind: Some(PurposeKind::Decide),
        outcome: Some("A chosen vendor".into()),
        duration_minutes: Some(45),
        time_zone: Some("Europe/Paris".into()),
        ..Default::default()
    }
}

db_test!(
    async fn create_list_and_fetch(t) {
        let state = t.state();
        let ana = organizer(&state, "ana").await;
        let bo = organizer(&state, "bo").await;
        assert!(meetings::list(&state, &ana, Default::default()).await.unwrap().meetings.is_empty());

        let first = meetings::create(&state, &ana, brief("First <b>\"quoted\"</b> ✓"))
            .await
            .unwrap();
        let second = meetings::create(&state, &ana, brief("Second")).await.unwrap();
        meetings::create(&state, &bo, brief("Bo's own")).await.unwrap();
        assert_eq!(first.status, MeetingStatus::Draft);

        let listed = meetings::list(&state, &ana, Default::default()).await.unwrap().meetings;
        let titles: Vec<_> = listed.iter().map(|m| m.title.as_str()).collect();
        assert_eq!(titles, ["Second", "First <b>\"quoted\"</b> ✓"], "own meetings, newest first");

        let fetched = get(&state, &ana, first.id).await.unwrap();
        assert_eq!(fetched, first, "text is stored verbatim and read back whole");
        assert_eq!(get(&state, &ana, second.id).await.unwrap().title, "Second");
        let hidden = get(&state, &bo, first.id).await.unwrap_err();
        assert_eq!(hidden.code(), "not_found");
    }
);

db_test!(
    async fn edit_circulate_and_delete(t) {
        let state = t.state();
        let ana = organizer(&state, "ana").await;
        let m = meetings::create(&state, &ana, brief("Plan")).await.unwrap();
        let patch: MeetingInput =
            serde_json::from_str(r#"{"duration_minutes": 25, "hourly_rate": 80.5}"#).unwrap();
        let m2 = update(&state, &ana, m.id, patch).await.unwrap();
        assert_eq!((m2.duration_minutes, m2.hourly_rate), (25, Some(80.5)));
        assert_eq!(m2.title, "Plan");

        let person = AttendeeInput {
            name: Some("Dana".into()),
            email: Some("dana@example.com".into()),
            role: Some(Role::Decider),
            reason: Some("Owns the budget".into()),
            ..Default::default()
        };
        let added = invite(&state, &ana, m.id, person.clone()).await.unwrap();
        assert!(added.link.ends_with(&added.token));
        let dup = invite(&state, &ana, m.id, person).await.unwrap_err();
        assert_eq!(dup.code(), "conflict");

        let auth = authorize::<Edit>(&state, &ana, m.id).await.unwrap();
        let m3 = meetings::circulate(&state, &auth, None).await.unwrap();
        assert_eq!(m3.status, MeetingStatus::Circulating);
        assert_eq!(m3.attendees.len(), 1);

        let auth = authorize::<Edit>(&state, &ana, m.id).await.unwrap();
        meetings::delete(&state, &auth).await.unwrap();
        assert_eq!(get(&state, &ana, m.id).await.unwrap_err().code(), "not_found");
        assert!(db::attendees::get(&state.db, added.attendee.id).await.unwrap().is_none());
    }
);

db_test!(
    async fn invalid_input_changes_nothing(t) {
        let state = t.state();
        let ana = organizer(&state, "ana").await;
        let err = meetings::create(&state, &ana, brief("  ")).await.unwrap_err();
        assert_eq!(err.field(), Some("title"));
        let mut bad_zone = brief("x");
        bad_zone.time_zone = Some("Mars/Olympus".into());
        let err = meetings::create(&state, &ana, bad_zone).await.unwrap_err();
        assert_eq!((err.code(), err.field()), ("invalid", Some("time_zone")));
        assert!(meetings::list(&state, &ana, Default::default()).await.unwrap().meetings.is_empty());
    }
);

db_test!(
    async fn concurrent_writers_all_succeed(t) {
        // Many simultaneous write transactions: SQLite must queue them (BEGIN IMMEDIATE plus a
        // busy timeout), never fail with "database is locked".
        let state = t.state();
        let ana = organizer(&state, "ana").await;
        let tasks: Vec<_> = (0..40)
            .map(|i| {
                let state = state.clone();
                let ana = ana.clone();
                tokio::spawn(async move {
                    // Read, then write, in one transaction: the pattern that fails at once
                    // under a deferred BEGIN when another writer holds the lock.
                    let mut tx = state.db.begin_write().await.unwrap();
                    sqlx::query("SELECT COUNT(*) FROM meetings")
                        .execute(&mut *tx)
                        .await
                        .unwrap();
                    sqlx::query(
                        "INSERT INTO users (id, name, email, email_key, password_hash, created_at) \
                         VALUES ($1, 'x', $2, $2, 'x', 'x')",
                    )
                    .bind(UserId::new().to_string())
                    .bind(format!("writer{i}@example.com"))
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                    tx.commit().await.unwrap();
                    meetings::create(&state, &ana, brief(&format!("Meeting {i}"))).await
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(meetings::list(&state, &ana, Default::default()).await.unwrap().meetings.len(), 40);
    }
);

db_test!(
    async fn the_attendee_limit_holds_under_concurrency(t) {
        let state = t.state();
        let ana = organizer(&state, "ana").await;
        let m = meetings::create(&state, &ana, brief("Town hall")).await.unwrap();
        let max = app::model::attendee::ATTENDEES_MAX;
        let tasks: Vec<_> = (0..max + 5)
            .map(|i| {
                let (state, ana) = (state.clone(), ana.clone());
                tokio::spawn(async move {
                    let person = AttendeeInput {
                        name: Some(format!("Person {i}")),
                        email: Some(format!("p{i}@example.com")),
                        role: Some(Role::Contributor),
                        ..Default::default()
                    };
                    invite(&state, &ana, m.id, person).await
                })
            })
            .collect();
        let mut refused = 0;
        for task in tasks {
            if let Err(e) = task.await.unwrap() {
                assert_eq!(e.code(), "validation");
                refused += 1;
            }
        }
        assert_eq!(refused, 5);
        let m = get(&state, &ana, m.id).await.unwrap();
        assert_eq!(m.attendees.len(), max);
    }
);

db_test!(
    async fn migrations_are_idempotent(t) {
        t.db.migrate().await.unwrap();
        t.db.ping().await.unwrap();
    }
);

db_test!(
    async fn agenda_create_edit_reorder_and_delete(t) {
        use app::model::ItemKind;
        let state = t.state();
        let ana = organizer(&state, "ana").await;
        let m = meetings::create(&state, &ana, brief("Plan")).await.unwrap();
        let item = |title: &str| AgendaItemInput {
            title: Some(title.into()),
            kind: Some(ItemKind::Discuss),
            minutes: Some(10),
            ..Default::default()
        };
        let a = add_item(&state, &ana, m.id, item("A")).await.unwrap();
        let b = add_item(&state, &ana, m.id, item("B")).await.unwrap();
        let c = add_item(&state, &ana, m.id, item("C")).await.unwrap();
        assert_eq!((a.position, b.position, c.position), (0, 1, 2));
        let order = |m: &app::model::Meeting| -> Vec<String> {
            m.agenda.iter().map(|i| format!("{}{}", i.title, i.position)).collect()
        };

        // move C to the top, then B down past the end (clamped)
        let patch: AgendaItemInput = serde_json::from_str(r#"{"position": 0}"#).unwrap();
        update_item(&state, &ana, c.id, patch).await.unwrap();
        assert_eq!(order(&get(&state, &ana, m.id).await.unwrap()), ["C0", "A1", "B2"]);
        step_item(&state, &ana, a.id, 1).await.unwrap();
        assert_eq!(order(&get(&state, &ana, m.id).await.unwrap()), ["C0", "B1", "A2"]);
        step_item(&state, &ana, c.id, -1).await.unwrap();
        assert_eq!(order(&get(&state, &ana, m.id).await.unwrap()), ["C0", "B1", "A2"]);

        // owners must be attendees of this meeting; settling an item records its resolution
        let dana = invite(
            &state,
            &ana,
            m.id,
            AttendeeInput {
                name: Some("Dana".into()),
                email: Some("dana@example.com".into()),
                role: Some(Role::Decider),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let owned: AgendaItemInput = serde_json::from_value(serde_json::json!({
            "owner_id": dana.attendee.id, "resolved_async": true, "resolution": "Agreed in comments"
        }))
        .unwrap();
        let settled = update_item(&state, &ana, b.id, owned).await.unwrap();
        assert_eq!(settled.owner_id, Some(dana.attendee.id));
        assert!(settled.resolved_async);
        let stranger: AgendaItemInput =
            serde_json::from_value(serde_json::json!({"owner_id": app::model::AttendeeId::new()}))
                .unwrap();
        let err = update_item(&state, &ana, b.id, stranger).await.unwrap_err();
        assert_eq!(err.field(), Some("owner_id"));

        // removing the owner leaves the item ownerless; deleting an item closes the gap
        remove_person(&state, &ana, dana.attendee.id).await.unwrap();
        let (auth, _) = agenda::authorize_for::<Edit>(&state, &ana, c.id).await.unwrap();
        agenda::remove(&state, &auth, c.id).await.unwrap();
        let after = get(&state, &ana, m.id).await.unwrap();
        assert_eq!(order(&after), ["B0", "A1"]);
        assert_eq!(after.agenda[0].owner_id, None);
        assert_eq!(after.agenda[0].resolution, "Agreed in comments");
    }
);
