//! HTTP handlers outside the Leptos app: the health check now, the JSON API (API.md) as it
//! grows. Handlers stay thin: extract, call `app::ssr`, answer.

pub mod health;
