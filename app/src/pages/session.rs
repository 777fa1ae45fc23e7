//! The signed-in organizer as every page sees it.

use crate::api::auth::{LogOut, current_user, guest_name};
use crate::error::AppError;
use crate::model::User;
use leptos::prelude::*;

/// The signed-in organizer, shared by every page, refetched whenever an action that signs in
/// or out completes ([`Session::follow`]).
#[derive(Clone, Copy)]
pub struct Session {
    pub user: Resource<Result<Option<User>, AppError>>,
    /// With no organizer signed in: the person whose personal links this browser opened.
    pub guest: Resource<Result<Option<String>, AppError>>,
    pub log_out: ServerAction<LogOut>,
    changed: RwSignal<usize>,
}

impl Session {
    /// The session of this page load: the organizer as the server knows them, read again
    /// whenever they sign out here or an action that signs in completes.
    pub fn start() -> Self {
        let log_out = ServerAction::<LogOut>::new();
        let changed = RwSignal::new(0);
        let user = Resource::new(
            move || (changed.get(), log_out.version().get()),
            |_| current_user(),
        );
        let guest = Resource::new(
            move || (changed.get(), log_out.version().get()),
            |_| guest_name(),
        );
        Session {
            user,
            guest,
            log_out,
            changed,
        }
    }

    /// Refetches the user each time an action's `version` moves on (it completed). Pages make
    /// their own sign-in actions: only there, inside the routes, can an action pick up the error
    /// a form posted without WASM came back with.
    pub fn follow(&self, version: impl Fn() -> usize + Send + Sync + 'static) {
        let changed = self.changed;
        Effect::watch(
            version,
            move |v, _, _| {
                if *v > 0 {
                    changed.update(|c| *c += 1);
                }
            },
            false,
        );
    }

    /// The organizer, once known (`None` while loading or when signed out).
    pub fn current(&self) -> Option<User> {
        self.user.get().and_then(Result::ok).flatten()
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
