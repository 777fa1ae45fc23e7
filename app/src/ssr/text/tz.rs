//! IANA time zones, checked against the time-zone database bundled into the server.

use crate::error::AppError;
use std::sync::OnceLock;

/// The zones people pick from: the canonical `Area/City` names and UTC, sorted, computed once.
pub fn names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = jiff::tz::db()
            .available()
            .map(|n| n.as_str().to_owned())
            .filter(|n| {
                let area = n.split('/').next().unwrap_or("");
                n.contains('/')
                    && [
                        "Africa",
                        "America",
                        "Antarctica",
                        "Asia",
                        "Atlantic",
                        "Australia",
                        "Europe",
                        "Indian",
                        "Pacific",
                    ]
                    .contains(&area)
            })
            .collect();
        names.push("UTC".to_owned());
        names.sort();
        names
    })
}

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
    fn the_picker_lists_real_zones_only() {
        let names = names();
        assert!(names.len() > 300, "{}", names.len());
        assert!(names.iter().any(|n| n == "Europe/Paris"));
        assert!(names.iter().any(|n| n == "UTC"));
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with("Etc/") || n.starts_with("US/"))
        );
        assert!(names.iter().all(|n| check("time_zone", n).is_ok()));
    }

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
