//! Reading back a failed form's answers (see `ssr::rpc::run_form`).

use crate::model::forms::KEPT_PARAM;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::de::DeserializeOwned;

/// The answers the server function at `path` sent back with its errors, if this page was
/// reached that way.
pub fn use_kept<T: DeserializeOwned>(path: &'static str) -> Option<T> {
    let query = use_query_map();
    query.with_untracked(|q| {
        if q.get_str("__path") != Some(path) {
            return None;
        }
        q.get_str(KEPT_PARAM)
            .and_then(|json| serde_json::from_str(json).ok())
    })
}
