//! The error the browser and API clients may see. It carries no internal detail: server-side
//! failures are logged where they happen (`ssr::error`) and reach the client as `Internal`.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// One field at fault, named as in the JSON API (and as the form control is named).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Malformed input: a wrong type, an unknown enum value, an unparseable time (400).
    #[error("{}", .0.message)]
    Invalid(FieldError),
    /// Well-formed input that breaks a rule (422). Forms show every error at once.
    #[error("{}", first_message(.0))]
    Validation(Vec<FieldError>),
    #[error("Please sign in to continue.")]
    Unauthenticated,
    /// 401 with a specific message (a failed sign-in).
    #[error("{0}")]
    SignInFailed(String),
    #[error("You are not allowed to do that.")]
    Forbidden,
    #[error("We could not find that.")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    /// `If-Match` names a version that is no longer current (412).
    #[error("It was changed since you last read it. Read it again, then make your change.")]
    PreconditionFailed,
    #[error("That request is too large.")]
    TooLarge,
    #[error("Too many attempts. Try again in {retry_after_secs} seconds.")]
    RateLimited { retry_after_secs: u64 },
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// A team meeting that breaks its team's norms, circulated without saying why (422).
    #[error("{}", breached_message(.0))]
    NormBreached(Vec<crate::model::team::NormBreach>),
}

fn breached_message(breaches: &[crate::model::team::NormBreach]) -> String {
    match breaches.len() {
        1 => "This meeting breaks one of your team's norms. Fix it, or say why to circulate it anyway."
            .to_owned(),
        n => format!(
            "This meeting breaks {n} of your team's norms. Fix them, or say why to circulate it anyway."
        ),
    }
}

fn first_message(errors: &[FieldError]) -> &str {
    errors
        .first()
        .map(|e| e.message.as_str())
        .unwrap_or("The request breaks a rule.")
}

impl AppError {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid(FieldError::new(field, message))
    }

    /// The API's error code (API.md, "Errors").
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "invalid",
            Self::Validation(_) => "validation",
            Self::Unauthenticated | Self::SignInFailed(_) => "unauthenticated",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::Conflict(_) => "conflict",
            Self::PreconditionFailed => "precondition_failed",
            Self::TooLarge => "too_large",
            Self::RateLimited { .. } => "rate_limited",
            Self::Internal => "internal",
            Self::NormBreached(_) => "norm_breached",
        }
    }

    /// The HTTP status that goes with [`Self::code`].
    pub fn status(&self) -> u16 {
        match self {
            Self::Invalid(_) => 400,
            Self::Validation(_) => 422,
            Self::Unauthenticated | Self::SignInFailed(_) => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::Conflict(_) => 409,
            Self::PreconditionFailed => 412,
            Self::TooLarge => 413,
            Self::RateLimited { .. } => 429,
            Self::Internal => 500,
            Self::NormBreached(_) => 422,
        }
    }

    /// The one field at fault, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid(e) => Some(&e.field),
            Self::Validation(errors) => errors.first().map(|e| e.field.as_str()),
            _ => None,
        }
    }

    /// Every field error, for a form's error summary.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Invalid(e) => std::slice::from_ref(e),
            Self::Validation(errors) => errors,
            _ => &[],
        }
    }

    /// The message for one form field, if it is at fault.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.field_errors()
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        tracing::debug!(error = %value, "a server function's arguments or response failed");
        let error = match value {
            // The arguments could not be read: a form or request that does not fit the function.
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => Self::invalid(
                "form",
                "The form could not be read. Please check your answers.",
            ),
            _ => Self::Internal,
        };
        // Its HTTP status is set by the server, from this error, in one place.
        error
    }
}

/// Keeps one rule's result from the many validations of an input.
#[derive(Debug, Default)]
pub struct Checks(Vec<FieldError>);

impl Checks {
    pub fn check(&mut self, ok: bool, field: &str, message: impl Into<String>) -> &mut Self {
        if !ok {
            self.0.push(FieldError::new(field, message));
        }
        self
    }

    /// Records a problem found while reading a form's answers.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// These problems together with those of `checked` (the typed input's own rules), at most
    /// one per field, so a form reports everything at once.
    pub fn merge<T>(self, checked: Result<T, AppError>) -> Result<T, AppError> {
        match (self.0.is_empty(), checked) {
            (true, checked) => checked,
            (false, Ok(_)) => Err(AppError::Validation(self.0)),
            (false, Err(e)) => {
                let mut all = self.0;
                for extra in e.field_errors() {
                    if !all.iter().any(|p| p.field == extra.field) {
                        all.push(extra.clone());
                    }
                }
                Err(AppError::Validation(all))
            }
        }
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_statuses_follow_the_api_contract() {
        let cases = [
            (AppError::invalid("x", "m"), "invalid", 400),
            (AppError::validation("x", "m"), "validation", 422),
            (AppError::Unauthenticated, "unauthenticated", 401),
            (AppError::Forbidden, "forbidden", 403),
            (AppError::NotFound, "not_found", 404),
            (AppError::Conflict("c".into()), "conflict", 409),
            (AppError::PreconditionFailed, "precondition_failed", 412),
            (AppError::TooLarge, "too_large", 413),
            (
                AppError::RateLimited {
                    retry_after_secs: 3,
                },
                "rate_limited",
                429,
            ),
            (AppError::Internal, "internal", 500),
        ];
        for (error, code, status) in cases {
            assert_eq!(error.code(), code);
            assert_eq!(error.status(), status);
        }
    }

    #[test]
    fn checks_collect_every_failed_rule_in_order() {
        let mut checks = Checks::default();
        checks
            .check(false, "title", "Enter a title")
            .check(true, "outcome", "never")
            .check(false, "duration_minutes", "Too long");
        let error = checks.finish().unwrap_err();
        assert_eq!(error.field(), Some("title"));
        assert_eq!(error.field_errors().len(), 2);
        assert_eq!(error.message_for("duration_minutes"), Some("Too long"));
    }

    #[test]
    fn server_fn_argument_errors_are_invalid_input_without_internal_text() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Args(
            "serde_qs: secret detail".into(),
        ));
        assert_eq!(error.code(), "invalid");
        assert!(!error.to_string().contains("serde_qs"));
    }
}
