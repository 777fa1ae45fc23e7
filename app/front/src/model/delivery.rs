//! Messages Prework sends (PRODUCT.md, "What Prework sends") as the organizer's delivery log
//! shows them (API.md, "Deliveries"). No delivery ever shows a link secret or a message body.

use super::names::names;
use super::{AttendeeId, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

names!(
    /// What a message is for.
    DeliveryKind("kind", "Kind") {
        Invitation = "invitation",
        InformedNotice = "informed_notice",
        Reminder = "reminder",
        Digest = "digest",
        Deadline = "deadline",
        Outcome = "outcome",
        Cancellation = "cancellation",
        TeamInvitation = "team_invitation",
        ActionReminder = "action_reminder",
        FeedbackRequest = "feedback_request",
    }
);

names!(
    /// Where a message is: waiting to go (`queued`), waiting for the recipient's working hours
    /// (`held`), gone (`sent`), given up after its attempts (`failed`), or not sent because the
    /// recipient opted out (`suppressed`).
    DeliveryStatus("status", "Status") {
        Queued = "queued",
        Held = "held",
        Sent = "sent",
        Failed = "failed",
        Suppressed = "suppressed",
    }
);

/// Who a message is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Recipient {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendee_id: Option<AttendeeId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<UserId>,
    pub name: String,
}

/// One message, as its log line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Delivery {
    pub id: uuid::Uuid,
    pub kind: DeliveryKind,
    pub recipient: Recipient,
    pub status: DeliveryStatus,
    /// While `held`: when the recipient's working hours begin (UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub not_before: Option<jiff::Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub sent_at: Option<jiff::Timestamp>,
    pub attempts: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

names!(
    /// What a webhook can be told of (API.md, "Webhooks").
    WebhookEvent("events", "Event") {
        MeetingCirculated = "meeting.circulated" / "A meeting is circulated",
        CommentCreated = "comment.created" / "A comment is made",
        ReadinessChanged = "readiness.changed" / "Someone says they are ready, or not needed",
        PollClosed = "poll.closed" / "A poll closes",
        DeadlineReached = "deadline.reached" / "The response deadline passes",
        DecisionMade = "decision.made" / "The organizer decides",
        ActionCreated = "action.created" / "An action item is added",
        ActionDone = "action.done" / "An action item is done",
        FeedbackSummary = "feedback.summary" / "A third person says whether it was worth it",
    }
);

names!(
    /// How a webhook's body is written: signed JSON, or Slack-style `{"text": ...}`.
    WebhookFormat("format", "Format") {
        Json = "json",
        Slack = "slack",
    }
);

/// `POST /api/v1/webhooks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WebhookInput {
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub format: Option<WebhookFormat>,
}

/// A webhook as its organizer sees it (the secret only when it is made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Webhook {
    pub id: uuid::Uuid,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub format: WebhookFormat,
    /// Turned off after 20 failures in a row.
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WebhookWithSecret {
    #[serde(flatten)]
    pub webhook: Webhook,
    /// The HMAC-SHA256 key of `Prework-Signature`; shown only now.
    pub secret: String,
}

/// One event sent (or to be sent) to one webhook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WebhookDelivery {
    pub id: uuid::Uuid,
    pub event: WebhookEvent,
    pub status: DeliveryStatus,
    pub attempts: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
}
