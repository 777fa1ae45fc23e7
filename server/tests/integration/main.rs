//! The server's integration tests, one binary (each file under `tests/` would be a link of the
//! whole server of its own): HTTP through the real router against real databases, the real
//! binary killed mid-stream, real sockets, real SMTP and webhook receivers. Each module's own
//! doc says what it holds.

mod support;

mod access;
mod actions;
mod after;
mod auth;
mod concurrency;
mod crash;
mod deliveries;
mod edges;
mod freshness;
mod http;
mod integrity;
mod journey;
mod pages;
mod prework;
mod privacy;
mod series;
mod teams;
mod validation;
mod verdict;
mod webhooks;
