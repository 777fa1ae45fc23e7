//! Random secrets and their stored form. A secret is 256 random bits from the OS, written in
//! URL-safe base64 behind a prefix that says what it opens (`pwo_`: an organizer's API token,
//! `pwa_`: an attendee's personal link, `pws_`: a browser session). Only its SHA-256 is stored:
//! the secret has full entropy, so a fast hash suffices and a database leak reveals nothing.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Organizer,
    Attendee,
    Session,
}

impl TokenKind {
    fn prefix(self) -> &'static str {
        match self {
            Self::Organizer => "pwo_",
            Self::Attendee => "pwa_",
            Self::Session => "pws_",
        }
    }

    /// What a presented token claims to be, by its prefix.
    pub fn of(token: &str) -> Option<Self> {
        [Self::Organizer, Self::Attendee, Self::Session]
            .into_iter()
            .find(|k| token.starts_with(k.prefix()))
    }
}

/// A fresh secret and the hash to store for it.
pub fn new_token(kind: TokenKind) -> Result<(String, String), getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    let token = format!("{}{}", kind.prefix(), URL_SAFE_NO_PAD.encode(bytes));
    let hash = hash_token(&token);
    Ok((token, hash))
}

/// The stored form of a token: hex SHA-256.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_hashed() {
        let (a, hash_a) = new_token(TokenKind::Attendee).unwrap();
        let (b, _) = new_token(TokenKind::Attendee).unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("pwa_"));
        // 32 bytes of base64 without padding: 43 characters, 256 bits
        assert_eq!(a.len(), 4 + 43);
        assert_eq!(hash_a, hash_token(&a));
        assert_eq!(hash_a.len(), 64);
        assert!(!hash_a.contains(&a[4..]));
        assert_eq!(TokenKind::of(&a), Some(TokenKind::Attendee));
        assert_eq!(TokenKind::of("bearer-of-nothing"), None);
    }
}
