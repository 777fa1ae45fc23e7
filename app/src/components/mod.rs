//! Reusable view pieces. They render what they are given and fetch nothing themselves.

mod error_summary;
mod field;
mod http_status;
mod return_here;

pub use error_summary::ErrorSummary;
pub use field::{TextArea, TextField};
pub use http_status::{set_content_security_policy, set_http_status};
pub use return_here::ReturnHere;
