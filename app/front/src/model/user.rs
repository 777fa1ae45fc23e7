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

/// A deliberately plain check (one `@`, a dotted domain, no spaces): the real test of an address
/// is whether mail reaches it, which no pattern can tell.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && char_len(email) <= EMAIL_MAX
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
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
    fn emails_are_checked_plainly() {
        for ok in ["a@b.co", "ana.maria+x@example.com", "Ü@bücher.de"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "", "a", "a@b", "@b.co", "a@@b.co", "a b@c.de", "a@.co", "a@co.",
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
    pub work_days: Option<super::WorkDays>,
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
        if let Some(days) = self.work_days {
            current.work_days = days;
        }
        let mut checks = Checks::default();
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
