//! Reusable view pieces. They render what they are given and fetch nothing themselves.

mod calendar_link;
mod carried;
mod done_note;
mod error_summary;
mod field;
mod http_status;
mod kept;
mod meeting_list;
mod norms;
mod return_here;
mod select;
mod steps;
mod successes;

pub use calendar_link::CalendarLink;
pub use carried::{CarriedOverList, SeriesLineNote};
pub use done_note::DoneNote;
pub use error_summary::ErrorSummary;
pub use field::{Checkbox, CheckboxGroup, TextArea, TextField, WorkingHours, rcdata_text};
pub use http_status::{page_policy, set_content_security_policy, set_http_status};
pub use kept::use_kept;
pub use meeting_list::{MeetingList, MorePages, VerdictBadge};
pub use norms::{NormBreaches, NormExceptions};
pub use return_here::ReturnHere;
pub use select::SelectField;
pub use steps::{BriefSteps, Step};
pub use successes::{clear_after, successes};
