//! Reusable view pieces. They render what they are given and fetch nothing themselves.

mod error_summary;
mod http_status;

pub use error_summary::{ErrorSummary, FieldMessage};
pub use http_status::set_http_status;
