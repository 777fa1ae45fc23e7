//! People's text composed into the app's sentences: what they typed is kept as typed, only the
//! seams are mended (a phrase the sentence already says, a final full stop doubled).

/// A desired outcome without the "By the end we will have" that every sentence around it says
/// already (the form invites finishing that sentence, and people often type its start too).
pub fn outcome_phrase(text: &str) -> &str {
    const LEAD: &str = "by the end we will have";
    let trimmed = text.trim();
    let Some(head) = trimmed.get(..LEAD.len()) else {
        return trimmed;
    };
    if !head.eq_ignore_ascii_case(LEAD) {
        return trimmed;
    }
    let rest = trimmed[LEAD.len()..].trim_start_matches([':', ',', ' ', '…', '.']);
    if rest.is_empty() { trimmed } else { rest }
}

/// `text` as a sentence of its own: trimmed, ending in exactly one mark (a full stop unless it
/// ends in `?`, `!` or an ellipsis already).
pub fn sentence(text: &str) -> String {
    let trimmed = text.trim();
    if trimmed.ends_with(['?', '!', '…']) || trimmed.ends_with("...") {
        return trimmed.to_owned();
    }
    let bare = trimmed.trim_end_matches(['.', ' ']);
    if bare.is_empty() {
        String::new()
    } else {
        format!("{bare}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outcome_is_not_introduced_twice() {
        assert_eq!(outcome_phrase("A signed contract"), "A signed contract");
        assert_eq!(
            outcome_phrase("By the end we will have chosen a vendor."),
            "chosen a vendor."
        );
        assert_eq!(outcome_phrase("by the end we will have: a plan"), "a plan");
        assert_eq!(
            outcome_phrase("  By the end we will have… a plan "),
            "a plan"
        );
        assert_eq!(
            outcome_phrase("By the end we will have"),
            "By the end we will have"
        );
        assert_eq!(outcome_phrase("By the"), "By the");
        assert_eq!(outcome_phrase("Bÿ the end"), "Bÿ the end");
    }

    #[test]
    fn a_sentence_ends_once() {
        assert_eq!(sentence("Ran the trials"), "Ran the trials.");
        assert_eq!(sentence("Ran the trials.."), "Ran the trials.");
        assert_eq!(sentence("Ran the trials. "), "Ran the trials.");
        assert_eq!(sentence("Why not?"), "Why not?");
        assert_eq!(sentence("Wait..."), "Wait...");
        assert_eq!(sentence("  "), "");
    }
}
