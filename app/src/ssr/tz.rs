//! IANA time zones, checked against the time-zone database bundled into the server.

use crate::error::AppError;

/// Accepts a known IANA name (`Europe/Paris`, `UTC`); anything else is malformed input (400).
pub fn check(field: &str, name: &str) -> Result<(), AppError> {
    if !name.is_empty() && jiff::tz::db().get(name).is_ok() {
        Ok(())
    } else {
        Err(AppError::invalid(
            field,
            format!("{name:?} is not a known time zone; use an IANA name such as Europe/Paris"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iana_names_pass_and_others_do_not() {
        for ok in ["Europe/Paris", "America/New_York", "UTC", "Asia/Kolkata"] {
            assert!(check("time_zone", ok).is_ok(), "{ok}");
        }
        for bad in ["", "Mars/Olympus", "CEST+1", "../../etc/passwd"] {
            assert_eq!(
                check("time_zone", bad).unwrap_err().code(),
                "invalid",
                "{bad}"
            );
        }
    }
}
