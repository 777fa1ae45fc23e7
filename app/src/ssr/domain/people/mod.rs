//! People: accounts and sessions, a meeting's attendees, and everyone's working hours.

pub mod accounts;
pub mod attendees;
pub mod hours;
