//! Server functions, one module per resource. Each runs in `ssr::rpc::run`, which resolves the
//! caller; the domain operation it calls authorises first and validates second. Mutations are
//! POST only, at stable paths under `/rpc`, behind the cross-site request check.

pub mod agenda;
pub mod attendees;
pub mod auth;
pub mod deliveries;
pub mod followup;
pub mod meetings;
pub mod organizers;
pub mod polls;
pub mod prereads;
pub mod profile;
pub mod series;
pub mod teams;
pub mod verdict;
pub mod webhooks;
