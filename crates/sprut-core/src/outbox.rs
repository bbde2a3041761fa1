//! The outbox: messages to send (client notices, department notices, alerts to heads) are
//! written in the same transaction as the change that causes them, and a dispatcher sends
//! them later by SMTP, retrying with backoff. Without mail settings they wait, visible.

use crate::employee::Language;
use crate::{word_enum, ClientId, EmployeeId, OutboxId};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

word_enum!(
    /// What a message is for.
    MessageKind {
        /// To a client's contact: a new person at the company looks after you.
        ClientNotice = "client_notice",
        /// To a department (the account team): a client changes hands.
        DepartmentNotice = "department_notice",
        /// To a head of sales: an alert about one of his people.
        AlertNotice = "alert_notice",
        /// To an auditor: the day's anchor of the audit log, kept outside the database.
        AuditAnchor = "audit_anchor",
        /// To a client's contact: the company asks how it is doing.
        Survey = "survey",
    }
);

word_enum!(
    /// Where a message stands.
    MessageStatus {
        /// Waiting to be sent (or to be retried).
        Pending = "pending",
        /// Accepted by the mail server.
        Sent = "sent",
        /// Given up after repeated failures.
        Failed = "failed",
    }
);

/// A message to put in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewMessage {
    /// What it is for.
    pub kind: MessageKind,
    /// The recipient's address.
    pub to_address: String,
    /// The recipient's name.
    pub to_name: String,
    /// The language it is written in.
    pub language: Language,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// The client it concerns, if one.
    pub client_id: Option<ClientId>,
    /// The employee it concerns or goes to, if one.
    pub employee_id: Option<EmployeeId>,
    /// The record that caused it, e.g. `transfer:ID` or `alert:ID`.
    pub cause: String,
}

/// A message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct OutboxMessage {
    /// Id.
    pub id: OutboxId,
    /// What it is for.
    pub kind: MessageKind,
    /// Recipient address.
    pub to_address: String,
    /// Recipient name.
    pub to_name: String,
    /// Language.
    pub language: Language,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
    /// The client it concerns.
    pub client_id: Option<ClientId>,
    /// The employee it concerns.
    pub employee_id: Option<EmployeeId>,
    /// What caused it.
    pub cause: String,
    /// Pending, sent or failed.
    pub status: MessageStatus,
    /// Sending attempts so far.
    pub attempts: i64,
    /// The last error from the mail server.
    pub last_error: Option<String>,
    /// When it was queued.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it may be tried next.
    #[serde(with = "time::serde::rfc3339")]
    pub next_attempt_at: OffsetDateTime,
    /// When it was sent.
    #[serde(with = "time::serde::rfc3339::option")]
    pub sent_at: Option<OffsetDateTime>,
}

/// Which messages to list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct OutboxFilter {
    /// Only this status.
    pub status: Option<MessageStatus>,
    /// Only this kind.
    pub kind: Option<MessageKind>,
    /// Only about this client.
    pub client_id: Option<ClientId>,
}

/// Attempts before a message is given up.
pub const MAX_ATTEMPTS: i64 = 8;

/// When to try again after `attempts` failures: 1, 2, 4 ... minutes, at most six hours.
pub fn retry_after(attempts: i64) -> time::Duration {
    let minutes = 1i64 << attempts.clamp(0, 9);
    time::Duration::minutes(minutes.min(360))
}

/// The outbox's use cases; messages are enqueued by the use cases that cause them.
pub trait OutboxStore: crate::store::Store {
    /// Messages matching `filter`, newest first.
    fn outbox(
        &self,
        filter: &OutboxFilter,
        page: &crate::page::PageRequest,
    ) -> impl std::future::Future<Output = crate::error::CoreResult<crate::page::Page<OutboxMessage>>> + Send;
    /// Takes up to `limit` messages due at `now` for sending, leased until `now + lease` so
    /// no other dispatcher sends them meanwhile.
    fn claim_messages(
        &self,
        now: OffsetDateTime,
        limit: u32,
        lease: time::Duration,
    ) -> impl std::future::Future<Output = crate::error::CoreResult<Vec<OutboxMessage>>> + Send;
    /// Records that a message was accepted by the mail server.
    fn mark_sent(
        &self,
        id: OutboxId,
        at: OffsetDateTime,
    ) -> impl std::future::Future<Output = crate::error::CoreResult<()>> + Send;
    /// Records a failed attempt: retried later with backoff, given up after [`MAX_ATTEMPTS`].
    fn mark_failed(
        &self,
        id: OutboxId,
        at: OffsetDateTime,
        error: &str,
    ) -> impl std::future::Future<Output = crate::error::CoreResult<()>> + Send;
    /// Puts a failed message back in the queue now (an administrator's decision, audited).
    fn retry_message(
        &self,
        actor: &crate::Actor,
        id: OutboxId,
    ) -> impl std::future::Future<Output = crate::error::CoreResult<OutboxMessage>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_six_hours() {
        assert_eq!(retry_after(0), time::Duration::minutes(1));
        assert_eq!(retry_after(3), time::Duration::minutes(8));
        assert_eq!(retry_after(20), time::Duration::minutes(360));
    }
}
