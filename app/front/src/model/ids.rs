//! Newtype ids: a `MeetingId` can never be passed where an attendee's id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
            utoipa::ToSchema,
        )]
        #[serde(transparent)]
        #[schema(value_type = String, format = Uuid)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh, time-ordered (v7) id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(
    /// Identifies a meeting (its brief).
    MeetingId
);
id_type!(
    /// Identifies an organizer's account.
    UserId
);
id_type!(
    /// Identifies a team.
    TeamId
);
id_type!(
    /// Identifies one person invited to one meeting.
    AttendeeId
);
id_type!(
    /// Identifies an item of a meeting's agenda.
    AgendaItemId
);
id_type!(
    /// Identifies a pre-read document (all its versions).
    PrereadId
);
id_type!(
    /// Identifies a comment on a pre-read.
    CommentId
);
id_type!(
    /// Identifies a poll.
    PollId
);
id_type!(
    /// Identifies a recurring meeting's series.
    SeriesId
);
id_type!(
    /// Identifies a template a brief or a series starts from.
    TemplateId
);
id_type!(
    /// Identifies an action item.
    ActionId
);

impl CommentId {
    /// A v7 id whose time part is only `unix_seconds` (an anonymous comment's time, rounded to
    /// the minute by its caller): a v7 id otherwise carries its creation to the millisecond,
    /// which would tell who wrote an anonymous comment to anyone who saw them type.
    pub fn at(unix_seconds: u64) -> Self {
        Self(Uuid::new_v7(uuid::Timestamp::from_unix(
            uuid::NoContext,
            unix_seconds,
            0,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_v7_and_round_trip_through_text_and_json() {
        let id = MeetingId::new();
        assert_eq!(id.0.get_version_num(), 7);
        assert_eq!(id.to_string().parse::<MeetingId>().unwrap(), id);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{id}\""));
        assert_eq!(serde_json::from_str::<MeetingId>(&json).unwrap(), id);
    }

    #[test]
    fn later_ids_sort_after_earlier_ones() {
        let a = MeetingId::new();
        let b = MeetingId::new();
        assert!(a.to_string() < b.to_string());
    }
}
