//! Lists are pages (API.md): a `limit` of 1–200 (default 50) and an opaque cursor, the position
//! of the last item of the page before (its sort time in microseconds and its id). A list reads
//! after that position (keyset pagination), so a page costs the same however far in it is, and
//! items added meanwhile never make one appear twice or be skipped.

use crate::error::AppError;
use jiff::Timestamp;

pub const PAGE_DEFAULT: u32 = 50;
pub const PAGE_MAX: u32 = 200;

/// A page's `limit`: 1–200, default 50; anything else is malformed (400).
pub fn limit(limit: Option<i64>) -> Result<Option<u32>, AppError> {
    match limit {
        None => Ok(None),
        Some(n) if (1..=i64::from(PAGE_MAX)).contains(&n) => Ok(Some(n as u32)),
        Some(_) => Err(AppError::invalid(
            "limit",
            format!("limit must be a whole number from 1 to {PAGE_MAX}"),
        )),
    }
}

/// Where a page ends: the last item's sort time and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub at: Timestamp,
    pub id: uuid::Uuid,
}

impl Cursor {
    /// Reads a cursor a list answered with; anything else is malformed (400).
    pub fn parse(text: &str) -> Result<Self, AppError> {
        let bad = || AppError::invalid("cursor", "This cursor is not one a list answered with");
        let (micros, id) = text.split_once('_').ok_or_else(bad)?;
        let micros: i64 = micros.parse().map_err(|_| bad())?;
        let at = Timestamp::from_microsecond(micros).map_err(|_| bad())?;
        let id = uuid::Uuid::parse_str(id).map_err(|_| bad())?;
        Ok(Self { at, id })
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}_{}", self.at.as_microsecond(), self.id)
    }
}

/// The stored position a cursor stands for (`created_at` as stored, and the id), for a list
/// kept in the order things were made.
pub fn stored_after(cursor: Option<&str>) -> Result<Option<(String, uuid::Uuid)>, AppError> {
    Ok(cursor
        .map(Cursor::parse)
        .transpose()?
        .map(|c| (crate::ssr::db::time_text(c.at), c.id)))
}

/// The cursor of the page after one that ended at `end` (its stored time and id), if any.
pub fn next_from_stored(end: Option<(String, uuid::Uuid)>) -> Option<String> {
    end.and_then(|(at, id)| {
        let at: Timestamp = at.parse().ok()?;
        Some(Cursor { at, id }.to_string())
    })
}

/// A page's size: the `limit` asked for, else the default.
pub fn size(limit: Option<u32>) -> u32 {
    limit.unwrap_or(PAGE_DEFAULT).clamp(1, PAGE_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_what_it_wrote_and_nothing_else() {
        let c = Cursor {
            at: "2026-12-01T10:00:00.123456Z".parse().unwrap(),
            id: uuid::Uuid::now_v7(),
        };
        assert_eq!(Cursor::parse(&c.to_string()).unwrap(), c);
        for bad in [
            "",
            "x",
            "1_2",
            "_",
            "9999999999999999999_00000000-0000-0000-0000-000000000000",
        ] {
            assert_eq!(Cursor::parse(bad).unwrap_err().code(), "invalid", "{bad}");
        }
        assert_eq!(limit(Some(0)).unwrap_err().field(), Some("limit"));
        assert_eq!(limit(Some(201)).unwrap_err().field(), Some("limit"));
        assert_eq!(limit(Some(200)).unwrap(), Some(200));
        assert_eq!(limit(None).unwrap(), None);
    }
}
