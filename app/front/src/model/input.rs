//! Helpers for typed inputs: telling "absent" from "null" in partial updates.

use serde::{Deserialize, Deserializer};

/// For `Option<Option<T>>` fields of a PATCH body: absent stays `None` (with `#[serde(default)]`),
/// `null` becomes `Some(None)` (clear the value), a value becomes `Some(Some(v))`.
pub fn nullable<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Trims a text field and turns an empty one into "no value".
pub fn trimmed(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Patch {
        #[serde(default, deserialize_with = "nullable")]
        note: Option<Option<String>>,
    }

    #[test]
    fn absent_null_and_value_are_three_different_things() {
        let p: Patch = serde_json::from_str("{}").unwrap();
        assert_eq!(p.note, None);
        let p: Patch = serde_json::from_str(r#"{"note": null}"#).unwrap();
        assert_eq!(p.note, Some(None));
        let p: Patch = serde_json::from_str(r#"{"note": "x"}"#).unwrap();
        assert_eq!(p.note, Some(Some("x".into())));
    }
}
