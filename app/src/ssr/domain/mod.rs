//! The domain operations, one room per resource, that both the server functions (`crate::api`)
//! and the JSON API call, so the two cannot drift. Each takes an `Authorized<A>` proof where a
//! meeting is involved, and keeps its SQL in `crate::ssr::db`.

pub mod actions;
pub mod agenda;
pub mod discussion;
pub mod feedback;
pub mod insights;
pub mod meetings;
pub mod paging;
pub mod people;
pub mod series;
pub mod teams;
pub mod templates;
