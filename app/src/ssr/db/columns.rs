//! Values as they are stored: times as fixed-width text, ids and other parsed values as text,
//! counts as BIGINT; a value that does not parse is a corrupt row, never a panic.

use super::StoreError;
use crate::ssr::ServerError;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::str::FromStr;

/// Times are stored as fixed-width RFC 3339 UTC text with microseconds, so they sort as text.
pub(crate) fn time_text(ts: jiff::Timestamp) -> String {
    format!("{ts:.6}")
}

pub(crate) fn parse_time(text: &str) -> Result<jiff::Timestamp, ServerError> {
    text.parse()
        .map_err(|_| ServerError::corrupt(format!("time {text:?}")))
}

pub(crate) fn parse_text<T: FromStr>(row: &AnyRow, column: &str) -> Result<T, ServerError> {
    let text: String = row.try_get(column)?;
    text.parse()
        .map_err(|_| ServerError::corrupt(format!("{column} {text:?}")))
}

pub(crate) fn get_time(row: &AnyRow, column: &str) -> Result<jiff::Timestamp, ServerError> {
    parse_time(&row.try_get::<String, _>(column)?)
}

pub(crate) fn optional_time(
    row: &AnyRow,
    column: &str,
) -> Result<Option<jiff::Timestamp>, StoreError> {
    row.try_get::<Option<String>, _>(column)?
        .map(|t| parse_time(&t))
        .transpose()
        .map_err(StoreError::from)
}

pub(crate) fn get_u32(row: &AnyRow, column: &str) -> Result<u32, ServerError> {
    let value: i64 = row.try_get(column)?;
    u32::try_from(value).map_err(|_| ServerError::corrupt(format!("{column} {value}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_are_fixed_width_and_round_trip() {
        let ts: jiff::Timestamp = "2026-01-02T03:04:05Z".parse().unwrap();
        let text = time_text(ts);
        assert_eq!(text, "2026-01-02T03:04:05.000000Z");
        assert_eq!(parse_time(&text).unwrap(), ts);
    }
}
