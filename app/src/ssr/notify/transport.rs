//! How a message leaves: over SMTP (`PREWORK_SMTP_URL`, lettre), or, when no mail server is
//! set, into a standard Maildir (`PREWORK_MAILDIR`), so a fresh `make run` shows exactly what
//! would be sent. Every message has plain text and HTML alternatives, a `Message-ID` and
//! `Auto-Submitted: auto-generated`; invitations and cancellations carry their `.ics`.

use super::headers;
use super::messages::LINK;
use crate::ssr::db::deliveries::Outgoing;
use crate::ssr::runtime::config::Config;
use lettre::address::Envelope;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;

enum Route {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Maildir(PathBuf),
}

/// The configured way out, with the sender.
pub struct Mailer {
    route: Route,
    from: Mailbox,
    /// The right-hand side of every `Message-ID`.
    domain: String,
    /// Where personal links point.
    base: String,
}

/// The secrets one message leaves with, minted as it is sent: nowhere but in the message.
#[derive(Debug, Clone, Default)]
pub struct Secrets {
    /// The personal link's secret (`/i/<secret>`).
    pub link: Option<String>,
    /// The one-click unsubscribe token (`/u/<token>`).
    pub unsubscribe: Option<String>,
}

/// Why one attempt failed, in words safe to show the organizer (no secrets, no internals).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError(pub String);

impl Mailer {
    /// The mailer the configuration asks for; `Config` has already checked the URL and sender.
    pub fn new(config: &Config) -> Result<Self, String> {
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| format!("PREWORK_MAIL_FROM: {e}"))?;
        let route = match &config.smtp_url {
            Some(url) => Route::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("PREWORK_SMTP_URL: {e}"))?
                    .build(),
            ),
            None => Route::Maildir(config.maildir.clone()),
        };
        Ok(Self {
            domain: from.email.domain().to_owned(),
            from,
            route,
            base: config.public_url.clone(),
        })
    }

    /// Builds the message, putting the recipient's personal link where its placeholder stands.
    pub fn build(&self, out: &Outgoing, secrets: &Secrets) -> Result<Message, SendError> {
        let link = secrets
            .link
            .as_deref()
            .map(|secret| format!("{}/i/{secret}", self.base))
            .unwrap_or_else(|| format!("{}/meetings/{}", self.base, out.meeting_id));
        let letter = Letter {
            id: out.id,
            recipient_name: &out.recipient_name,
            recipient_email: &out.recipient_email,
            subject: &out.subject,
            body_text: out.body_text.replace(LINK, &link),
            body_html: out
                .body_html
                .replace(LINK, &crate::ssr::text::escape::html(&link)),
            ics: out.ics.as_deref(),
        };
        self.compose(&letter, secrets.unsubscribe.as_deref())
    }

    /// Sends a message that belongs to no meeting (a team invitation): no link to mint, no
    /// calendar, no unsubscribe.
    pub async fn send_letter(&self, letter: &Letter<'_>) -> Result<(), SendError> {
        let message = self.compose(letter, None)?;
        self.deliver(letter.id, message).await
    }

    fn compose(&self, out: &Letter<'_>, unsubscribe: Option<&str>) -> Result<Message, SendError> {
        let to = Mailbox::new(
            None,
            out.recipient_email
                .parse()
                .map_err(|_| SendError("The recipient's email address is not valid.".into()))?,
        );
        let alternative =
            MultiPart::alternative_plain_html(out.body_text.clone(), out.body_html.clone());
        let body = match out.ics {
            Some(ics) => {
                // the file says what it asks: a shortened meeting's outcome cancels the event
                // for those taken off it and updates it for the others
                let method = if ics.contains("\r\nMETHOD:CANCEL\r\n") {
                    "CANCEL"
                } else {
                    "REQUEST"
                };
                let content_type =
                    ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                        .map_err(|_| SendError("The calendar attachment is not valid.".into()))?;
                let file = if method == "CANCEL" {
                    "cancel.ics"
                } else {
                    "invite.ics"
                };
                MultiPart::mixed()
                    .multipart(alternative)
                    .singlepart(Attachment::new(file.to_owned()).body(ics.to_owned(), content_type))
            }
            None => alternative,
        };
        let mut builder = Message::builder();
        if let Some(token) = unsubscribe {
            // RFC 8058 one-click: the mail client POSTs to the URL, no page in between
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{}/u/{token}>", self.base),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        let recipient = crate::ssr::text::escape::one_line(out.recipient_name);
        builder
            .from(self.from.clone())
            .envelope(
                Envelope::new(Some(self.from.email.clone()), vec![to.email.clone()])
                    .map_err(|_| SendError("The message could not be put together.".into()))?,
            )
            .raw_header(headers::mailbox("To", &recipient, &to.email))
            .raw_header(headers::text(
                "Subject",
                &crate::ssr::text::escape::one_line(out.subject),
            ))
            .message_id(Some(format!("<{}@{}>", out.id, self.domain)))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".to_owned(),
            ))
            .multipart(body)
            .map_err(|_| SendError("The message could not be put together.".into()))
    }

    /// One attempt to send.
    pub async fn send(&self, out: &Outgoing, secrets: &Secrets) -> Result<(), SendError> {
        let message = self.build(out, secrets)?;
        self.deliver(out.id, message).await
    }

    async fn deliver(&self, id: uuid::Uuid, message: Message) -> Result<(), SendError> {
        match &self.route {
            Route::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| {
                tracing::warn!(error = %e, delivery = %id, "SMTP attempt failed");
                SendError(match e.status() {
                    Some(code) => format!("The mail server refused the message ({code})."),
                    None => "The mail server could not be reached.".to_owned(),
                })
            }),
            Route::Maildir(dir) => {
                let dir = dir.clone();
                let bytes = message.formatted();
                let id = id.to_string();
                let stored =
                    tokio::task::spawn_blocking(move || store_once(dir, &id, &bytes)).await;
                match stored {
                    Ok(Ok(_)) => Ok(()),
                    Ok(Err(e)) => {
                        tracing::error!(error = %e, "cannot write to the Maildir");
                        Err(SendError(
                            "The message could not be written to the mail folder.".into(),
                        ))
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "the Maildir task failed");
                        Err(SendError(
                            "The message could not be written to the mail folder.".into(),
                        ))
                    }
                }
            }
        }
    }
}

/// A message's parts, its links already in place.
pub struct Letter<'a> {
    pub id: uuid::Uuid,
    pub recipient_name: &'a str,
    pub recipient_email: &'a str,
    pub subject: &'a str,
    pub body_text: String,
    pub body_html: String,
    pub ics: Option<&'a str>,
}

/// Delivers into the Maildir under the delivery's own id, once. The outbox sends at least once
/// (a process killed after the message left but before the outbox recorded it sends it again
/// on restart); naming the file after the delivery makes the second send find the first and
/// stop, so each message lands exactly once. The file is synced before it appears in `new`,
/// and `new` after, so a message reported sent survives a power cut.
fn store_once(dir: PathBuf, id: &str, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let maildir = maildir::Maildir::from(dir.clone());
    maildir.create_dirs()?;
    if maildir.find(id).is_some() {
        return Ok(());
    }
    let tmp = dir.join("tmp").join(id);
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&tmp, dir.join("new").join(id))?;
    std::fs::File::open(dir.join("new"))?.sync_all()
}
