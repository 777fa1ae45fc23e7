//! `If-Match`: the row versions a writer says it last saw (API.md, "Concurrency"). Each
//! Meeting, AgendaItem and Attendee answer carries its row's version as a strong `ETag`
//! (`"7"`); a write whose `If-Match` names none of the current version is refused with 412.

/// A parsed `If-Match` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Precondition {
    /// `*`: any current version.
    Any,
    /// The versions listed (`"3", "4"`).
    Versions(Vec<u64>),
}

impl Precondition {
    /// Reads a header value. Weak tags (`W/"3"`) never match: `If-Match` compares strongly.
    /// A value that names no version at all matches nothing, so a write made with a tag that
    /// never came from us changes nothing.
    pub fn parse(header: &str) -> Self {
        if header.trim() == "*" {
            return Self::Any;
        }
        let versions = header
            .split(',')
            .map(str::trim)
            .filter(|tag| !tag.starts_with("W/"))
            .filter_map(|tag| tag.trim_matches('"').parse().ok())
            .collect();
        Self::Versions(versions)
    }

    pub fn matches(&self, current: u64) -> bool {
        match self {
            Self::Any => true,
            Self::Versions(versions) => versions.contains(&current),
        }
    }
}

/// The `ETag` value of a row version.
pub fn etag(version: u64) -> String {
    format!("\"{version}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_compares_strong_tags() {
        assert!(Precondition::parse("\"3\"").matches(3));
        assert!(!Precondition::parse("\"3\"").matches(4));
        assert!(Precondition::parse("\"2\", \"4\"").matches(4));
        assert!(Precondition::parse("*").matches(9));
        assert!(!Precondition::parse("W/\"3\"").matches(3));
        assert!(!Precondition::parse("\"x\"").matches(1));
        assert_eq!(etag(7), "\"7\"");
    }
}
