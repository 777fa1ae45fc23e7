//! What Prework sends (PRODUCT.md, "What Prework sends"), in one room: which messages a change
//! causes ([`outbox`]), what they say ([`messages`]), when they may go ([`schedule`]), how they
//! leave ([`transport`]: SMTP, or a Maildir when no mail server is set), and the worker inside
//! the server process that sends what is due ([`worker`]), queuing what time causes first
//! (reminders, the verdict at the deadline: [`scheduler`]). Domain operations queue messages in
//! the same transaction as the change that causes them, so none is lost and none is queued
//! twice.

pub mod address;
mod after;
pub mod followups;
mod headers;
pub mod messages;
pub mod outbox;
pub mod schedule;
pub mod scheduler;
pub mod transport;
pub mod updates;
pub mod webhooks;
pub mod worker;
