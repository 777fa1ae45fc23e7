//! Text helpers without I/O: Markdown to safe HTML, escaping for mail and calendar formats, the
//! time-zone database's names.

pub mod escape;
pub mod markdown;
pub mod tz;
