//! The mail headers that carry people's text: a meeting's title in `Subject`, a person's name in
//! `To`. lettre encodes text that is not ASCII and passes ASCII through as written, so a title
//! spelled as an RFC 2047 encoded word (`=?utf-8?q?Hi=0D=0ABcc:_x@evil.example?=`) would reach
//! every mail reader as an encoded word, and be decoded into what it hides: a line break and a
//! header of the writer's choosing. Here text that holds `=?` is encoded by us, whole, so a
//! reader decodes it back to exactly what was written and never to anything else. (Line breaks
//! are gone before this: `escape::one_line`.)

use email_encoding::headers::writer::EmailWriter;
use email_encoding::headers::{quoted_string, rfc2047};
use lettre::Address;
use lettre::message::header::{HeaderName, HeaderValue};

/// Whether a reader could take part of `text` for an encoded word.
fn looks_encoded(text: &str) -> bool {
    text.contains("=?")
}

/// A header whose value is `text`, as people wrote it.
pub fn text(name: &'static str, text: &str) -> HeaderValue {
    let name = HeaderName::new_from_ascii_str(name);
    if !looks_encoded(text) {
        return HeaderValue::new(name, text.to_owned());
    }
    let mut encoded = String::new();
    {
        let mut w = EmailWriter::new(&mut encoded, name.len() + ": ".len(), 0, false);
        // Writing to a String cannot fail.
        let _ = rfc2047::encode(text, &mut w);
    }
    HeaderValue::dangerous_new_pre_encoded(name, text.to_owned(), encoded)
}

/// A header naming one mailbox, `"Display name" <address>`, the name as people wrote it.
pub fn mailbox(name: &'static str, display: &str, address: &Address) -> HeaderValue {
    let name = HeaderName::new_from_ascii_str(name);
    let raw = if display.is_empty() {
        address.to_string()
    } else {
        format!("{display} <{address}>")
    };
    let mut encoded = String::new();
    {
        let mut w = EmailWriter::new(&mut encoded, name.len() + ": ".len(), 0, false);
        if !display.is_empty() {
            // Writing to a String cannot fail.
            let _ = if looks_encoded(display) {
                rfc2047::encode(display, &mut w)
            } else {
                // plain, quoted or (not ASCII) encoded: what lettre writes for a mailbox
                quoted_string::encode(display, &mut w)
            };
            w.space();
            let _ = std::fmt::Write::write_char(&mut w, '<');
        }
        let _ = std::fmt::Write::write_str(&mut w, address.as_ref());
        if !display.is_empty() {
            let _ = std::fmt::Write::write_char(&mut w, '>');
        }
    }
    HeaderValue::dangerous_new_pre_encoded(name, raw, encoded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lettre::Message;
    use lettre::message::Mailbox;

    fn formatted(subject: &str, display: &str) -> String {
        let to: Address = "ana@example.org".parse().unwrap();
        let message = Message::builder()
            .from("Prework <prework@example.org>".parse::<Mailbox>().unwrap())
            .envelope(
                lettre::address::Envelope::new(
                    Some("prework@example.org".parse().unwrap()),
                    vec![to.clone()],
                )
                .unwrap(),
            )
            .raw_header(mailbox("To", display, &to))
            .raw_header(text("Subject", subject))
            .body(String::from("Hello"))
            .unwrap();
        String::from_utf8(message.formatted()).unwrap()
    }

    #[test]
    fn text_that_looks_like_an_encoded_word_is_encoded() {
        let forged = "=?utf-8?q?Hi=0D=0ABcc:_x@evil.example?=";
        let mail = formatted(forged, forged);
        let headers = &mail[..mail.find("\r\n\r\n").unwrap()];
        assert!(!headers.contains(forged), "{headers}");
        assert!(
            !headers.to_ascii_lowercase().contains("\r\nbcc:"),
            "{headers}"
        );
        let parsed = mail_parser::MessageParser::default()
            .parse(mail.as_bytes())
            .unwrap();
        assert_eq!(parsed.subject(), Some(forged));
        let to = parsed.to().unwrap().first().unwrap();
        assert_eq!(to.name(), Some(forged));
        assert_eq!(to.address(), Some("ana@example.org"));
        assert!(parsed.bcc().is_none());
    }

    #[test]
    fn ordinary_text_reads_as_written() {
        let long = "long title ".repeat(20).trim_end().to_owned();
        for (subject, name) in [
            ("Vendor choice", "Ana"),
            ("Café: décision", "Ana Müller"),
            ("A \"quoted\" title, with commas", "Smith, Ana"),
            (long.as_str(), "Dr. Ana-Maria O'Neil"),
        ] {
            let mail = formatted(subject, name);
            let parsed = mail_parser::MessageParser::default()
                .parse(mail.as_bytes())
                .unwrap();
            assert_eq!(parsed.subject(), Some(subject));
            let to = parsed.to().unwrap().first().unwrap();
            assert_eq!(
                (to.name(), to.address()),
                (Some(name), Some("ana@example.org"))
            );
        }
    }
}
