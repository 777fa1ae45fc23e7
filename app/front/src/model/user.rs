//! Organizer accounts: the sign-up and sign-in inputs and what the browser may know of a user.

use super::{UserId, char_len};
use crate::error::{AppError, Checks};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const PASSWORD_MIN: usize = 10;
/// Bounds the work one sign-in can cause: argon2 hashes whatever it is given.
pub const PASSWORD_MAX: usize = 1_000;
pub const NAME_MAX: usize = 200;
pub const EMAIL_MAX: usize = 254;

/// An organizer as the browser and API see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct User {
    pub id: UserId,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NewAccount {
    pub name: String,
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

impl NewAccount {
    pub fn validate(mut self) -> Result<Self, AppError> {
        self.name = self.name.trim().to_owned();
        self.email = self.email.trim().to_owned();
        let mut checks = Checks::default();
        checks
            .check(!self.name.is_empty(), "name", "Enter your name")
            .check(
                char_len(&self.name) <= NAME_MAX,
                "name",
                format!("Name must be {NAME_MAX} characters or fewer"),
            )
            .check(
                is_email(&self.email),
                "email",
                "Enter an email address in the correct format, like name@example.com",
            )
            .check(
                char_len(&self.password) >= PASSWORD_MIN,
                "password",
                format!("Password must be at least {PASSWORD_MIN} characters"),
            )
            .check(
                char_len(&self.password) <= PASSWORD_MAX,
                "password",
                format!("Password must be {PASSWORD_MAX} characters or fewer"),
            );
        checks.finish().map(|()| self)
    }
}

/// The form an email address is compared in: trimmed and lower-cased, so `Ana@Example.com`
/// and `ana@example.com` are one account.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Whether Prework can send to `email`: one mailbox, `local@domain`, and nothing a mail
/// header would read differently. The local part is a dot-atom (no quoted strings, no comments,
/// no `<`, `>`, `,` or `;`: a second mailbox or a display name cannot ride along), at most 64
/// bytes; the domain is a dotted host name (no address literal such as `[127.0.0.1]`), labels of
/// at most 63 bytes, 253 in all. On the server the parser that sends the mail (lettre's
/// `Address`) has the last word, so an address taken is one the outbox can deliver to.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    char_len(email) <= EMAIL_MAX
        && is_dot_atom(local)
        && local.len() <= 64
        && is_host_name(domain)
        && deliverable(email)
}

/// `atext` runs joined by single dots (RFC 5322, 3.2.3), or any non-ASCII letters (RFC 6531).
fn is_dot_atom(local: &str) -> bool {
    const SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~";
    !local.is_empty()
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom.chars().all(|c| {
                    c.is_ascii_alphanumeric()
                        || SPECIALS.contains(c)
                        || (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
                })
        })
}

/// Two or more dotted labels of letters, digits and inner hyphens (or non-ASCII letters, for an
/// international domain), the last not a number.
fn is_host_name(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    domain.len() <= 253
        && labels.len() >= 2
        // a top-level domain is never all digits: `a@127.0.0.1` is an address literal
        && labels.last().is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()))
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| {
                    c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric())
                })
        })
}

#[cfg(feature = "ssr")]
fn deliverable(email: &str) -> bool {
    email.parse::<lettre::Address>().is_ok()
}

#[cfg(not(feature = "ssr"))]
fn deliverable(_: &str) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signup(name: &str, email: &str, password: &str) -> NewAccount {
        NewAccount {
            name: name.into(),
            email: email.into(),
            password: password.into(),
        }
    }

    #[test]
    fn an_email_is_one_mailbox_the_outbox_can_send_to() {
        let longest_local = "l".repeat(64);
        let longest_label = format!("a@{}.org", "d".repeat(63));
        for ok in [
            "a@b.co",
            "ana.maria+x@example.com",
            "o'neil@example.ie",
            "Ü@bücher.de",
            "x@sub-domain.example.org",
            &format!("{longest_local}@example.org"),
            &longest_label,
        ] {
            assert!(is_email(ok), "{ok}");
        }
        let long_local = format!("{}@example.org", "l".repeat(65));
        let long_label = format!("a@{}.org", "d".repeat(64));
        let hundred = format!("{}@example.org", "l".repeat(100));
        let seventy = format!("a@{}.org", "d".repeat(70));
        for bad in [
            "",
            "a",
            "a@b",
            "@b.co",
            "a@@b.co",
            "a b@c.de",
            "a@.co",
            "a@co.",
            "<a@x.org>",
            "Ann<a@x.org>",
            "Ann <a@x.org>",
            "\"ev,q\"@example.org",
            "\"a\"@example.org",
            "a,b@example.org",
            "a@x.org,b@y.org",
            "a;b@example.org",
            "a(comment)@example.org",
            "a@[127.0.0.1]",
            "a@127.0.0.1",
            "a@[::1]",
            ".a@example.org",
            "a.@example.org",
            "a..b@example.org",
            "a@-x.org",
            "a@x-.org",
            "a@x_y.org",
            "a@x..org",
            "a\r\nBcc: b@example.org",
            &long_local,
            &long_label,
            &hundred,
            &seventy,
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn email_keys_ignore_case_and_spaces() {
        assert_eq!(email_key(" Ana@Example.COM "), "ana@example.com");
    }

    #[test]
    fn signup_rules() {
        assert!(
            signup("Ana", "ana@example.com", "0123456789")
                .validate()
                .is_ok()
        );
        let err = signup(" ", "nope", "short").validate().unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["name", "email", "password"]);
        // ten characters, counted as characters
        assert!(signup("Ana", "a@b.co", "ééééééééé").validate().is_err());
        assert!(signup("Ana", "a@b.co", "éééééééééé").validate().is_ok());
    }
}

/// An organizer's own hours (API.md, "People's hours"): messages to them wait for these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Profile {
    pub id: super::UserId,
    pub name: String,
    pub email: String,
    pub time_zone: Option<String>,
    #[schema(value_type = Option<String>, example = "09:00")]
    pub work_start: Option<super::TimeOfDay>,
    #[schema(value_type = Option<String>, example = "17:00")]
    pub work_end: Option<super::TimeOfDay>,
    pub work_days: super::WorkDays,
}

/// `PATCH /api/v1/me`: any subset; `null` clears the zone or the hours.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProfileInput {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "super::input::nullable")]
    #[schema(value_type = Option<String>, example = "Europe/Paris")]
    pub time_zone: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::input::nullable")]
    #[schema(value_type = Option<String>, example = "09:00")]
    pub work_start: Option<Option<super::TimeOfDay>>,
    #[serde(default, deserialize_with = "super::input::nullable")]
    #[schema(value_type = Option<String>, example = "17:00")]
    pub work_end: Option<Option<super::TimeOfDay>>,
    pub work_days: Option<super::WeekdaysInput>,
}

impl ProfileInput {
    /// Applies the fields sent onto `current` and checks the result.
    pub fn apply_to(self, mut current: Profile) -> Result<Profile, AppError> {
        if let Some(name) = self.name {
            current.name = name.trim().to_owned();
        }
        if let Some(zone) = self.time_zone {
            current.time_zone = zone.map(|z| z.trim().to_owned()).filter(|z| !z.is_empty());
        }
        if let Some(start) = self.work_start {
            current.work_start = start;
        }
        if let Some(end) = self.work_end {
            current.work_end = end;
        }
        let mut checks = Checks::default();
        if let Some(days) = self
            .work_days
            .and_then(|d| d.checked(&mut checks, "work_days"))
        {
            current.work_days = days;
        }
        checks
            .check(!current.name.is_empty(), "name", "Enter your name")
            .check(
                super::char_len(&current.name) <= NAME_MAX,
                "name",
                format!("Name must be {NAME_MAX} characters or fewer"),
            )
            .check(
                current.work_start.is_some() == current.work_end.is_some(),
                if current.work_start.is_some() {
                    "work_end"
                } else {
                    "work_start"
                },
                "Give both the start and the end of the working day",
            )
            .check(
                current.work_start.is_none() || current.work_start != current.work_end,
                "work_end",
                "The working day must end at a different time than it starts",
            );
        checks.finish().map(|()| current)
    }
}
