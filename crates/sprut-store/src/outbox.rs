//! The outbox table: messages enqueued inside the transaction that causes them, claimed by
//! a dispatcher with a lease, marked sent or retried with backoff.

use crate::audit;
use crate::bulk::{insert_rows, Val};
use crate::id::{opt, DbId, ToDb};
use crate::rows::word;
use crate::sql::{q_all, q_exec, q_opt, Tx};
use crate::Db;
use sprut_core::error::CoreResult;
use sprut_core::outbox::{
    retry_after, MessageStatus, NewMessage, OutboxFilter, OutboxMessage, OutboxStore, MAX_ATTEMPTS,
};
use sprut_core::page::{Page, PageRequest};
use sprut_core::Conflict;
use sprut_core::{Actor, CoreError, OutboxId};
use std::future::Future;
use time::OffsetDateTime;

/// Columns written by [`enqueue`].
const COLS: &[&str] = &[
    "id",
    "kind",
    "to_address",
    "to_name",
    "language",
    "subject",
    "body",
    "client_id",
    "employee_id",
    "cause",
    "status",
    "attempts",
    "created_at",
    "next_attempt_at",
];

/// Puts `messages` in the outbox inside `tx`, due at once.
pub(crate) async fn enqueue(tx: &mut Tx, now: OffsetDateTime, messages: &[NewMessage]) -> Result<(), CoreError> {
    let rows = messages
        .iter()
        .filter(|m| sprut_core::employee::has_mailbox(&m.to_address))
        .map(|m| {
            vec![
                Val::from(OutboxId::new().db()),
                m.kind.as_str().into(),
                m.to_address.as_str().into(),
                m.to_name.as_str().into(),
                m.language.as_str().into(),
                m.subject.as_str().into(),
                m.body.as_str().into(),
                opt(&m.client_id).into(),
                opt(&m.employee_id).into(),
                m.cause.as_str().into(),
                MessageStatus::Pending.as_str().into(),
                0i64.into(),
                now.into(),
                now.into(),
            ]
        })
        .collect();
    insert_rows(tx.conn(), "outbox", COLS, rows, "").await
}

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: DbId,
    kind: String,
    to_address: String,
    to_name: String,
    language: String,
    subject: String,
    body: String,
    client_id: Option<DbId>,
    employee_id: Option<DbId>,
    cause: String,
    status: String,
    attempts: i64,
    last_error: Option<String>,
    created_at: OffsetDateTime,
    next_attempt_at: OffsetDateTime,
    sent_at: Option<OffsetDateTime>,
}

impl MessageRow {
    fn into_message(self) -> Result<OutboxMessage, CoreError> {
        Ok(OutboxMessage {
            id: self.id.into(),
            kind: word(&self.kind)?,
            to_address: self.to_address,
            to_name: self.to_name,
            language: word(&self.language)?,
            subject: self.subject,
            body: self.body,
            client_id: self.client_id.map(Into::into),
            employee_id: self.employee_id.map(Into::into),
            cause: self.cause,
            status: word(&self.status)?,
            attempts: self.attempts,
            last_error: self.last_error,
            created_at: self.created_at,
            next_attempt_at: self.next_attempt_at,
            sent_at: self.sent_at,
        })
    }
}

const SELECT: &str = "SELECT id, kind, to_address, to_name, language, subject, body, client_id, employee_id, cause, \
     status, attempts, last_error, created_at, next_attempt_at, sent_at FROM outbox";

fn all(rows: Vec<MessageRow>) -> Result<Vec<OutboxMessage>, CoreError> {
    rows.into_iter().map(MessageRow::into_message).collect()
}

impl Db {
    async fn outbox_list(&self, f: &OutboxFilter, p: &PageRequest) -> CoreResult<Page<OutboxMessage>> {
        let after = crate::paging::after(p.cursor()?)?;
        let sql = format!(
            "{SELECT} WHERE ($1 IS NULL OR status = $1) AND ($2 IS NULL OR kind = $2) AND ($3 IS NULL OR client_id = $3) \
             AND ($4 IS NULL OR id < $4) ORDER BY id DESC LIMIT $5"
        );
        let rows = q_all!(
            self.read().await?.conn(),
            MessageRow,
            &sql,
            f.status.map(|s| s.as_str()),
            f.kind.map(|k| k.as_str()),
            opt(&f.client_id),
            after.id.map(DbId),
            i64::from(p.limit()) + 1,
        )?;
        Ok(crate::paging::page(all(rows)?, p.limit(), |m| (String::new(), m.id.0)))
    }

    async fn claim_tx(&self, now: OffsetDateTime, limit: u32, lease: time::Duration) -> CoreResult<Vec<OutboxMessage>> {
        let mut tx = self.write().await?;
        let sql = format!(
            "{SELECT} WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1) \
             ORDER BY next_attempt_at, id LIMIT $2"
        );
        let due = all(q_all!(tx.conn(), MessageRow, &sql, now, i64::from(limit))?)?;
        for m in &due {
            q_exec!(tx.conn(), "UPDATE outbox SET claimed_until = $2 WHERE id = $1", m.id.db(), now + lease)?;
        }
        tx.commit().await?;
        Ok(due)
    }

    async fn sent_tx(&self, id: OutboxId, at: OffsetDateTime) -> CoreResult<()> {
        let mut tx = self.write().await?;
        q_exec!(
            tx.conn(),
            "UPDATE outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1, claimed_until = NULL, \
             last_error = NULL WHERE id = $1",
            id.db(),
            at
        )?;
        tx.commit().await
    }

    async fn failed_tx(&self, id: OutboxId, at: OffsetDateTime, error: &str) -> CoreResult<()> {
        let mut tx = self.write().await?;
        let attempts: Option<(i64,)> = q_opt!(tx.conn(), (i64,), "SELECT attempts FROM outbox WHERE id = $1", id.db())?;
        let attempts = attempts.ok_or(CoreError::NotFound("message"))?.0 + 1;
        let status = if attempts >= MAX_ATTEMPTS { MessageStatus::Failed } else { MessageStatus::Pending };
        let error: String = error.chars().take(1000).collect();
        q_exec!(
            tx.conn(),
            "UPDATE outbox SET status = $2, attempts = $3, last_error = $4, next_attempt_at = $5, claimed_until = NULL \
             WHERE id = $1",
            id.db(),
            status.as_str(),
            attempts,
            &error,
            at + retry_after(attempts - 1),
        )?;
        tx.commit().await
    }

    async fn retry_tx(&self, actor: &Actor, id: OutboxId) -> CoreResult<OutboxMessage> {
        let mut tx = self.write().await?;
        let n = q_exec!(
            tx.conn(),
            "UPDATE outbox SET status = 'pending', next_attempt_at = $2, claimed_until = NULL WHERE id = $1 \
             AND status = 'failed'",
            id.db(),
            actor.now
        )?;
        let sql = format!("{SELECT} WHERE id = $1");
        if n == 0 {
            let m =
                q_opt!(tx.conn(), MessageRow, &sql, id.db())?.ok_or(CoreError::NotFound("message"))?.into_message()?;
            return Err(CoreError::Conflict(Conflict::OnlyFailedResend { status: m.status }));
        }
        let m = q_opt!(tx.conn(), MessageRow, &sql, id.db())?.ok_or(CoreError::NotFound("message"))?.into_message()?;
        audit::record(
            &mut tx,
            actor,
            "outbox.retry",
            "outbox",
            &id.to_string(),
            serde_json::json!({ "to": m.to_address }),
        )
        .await?;
        tx.commit().await?;
        Ok(m)
    }
}

impl OutboxStore for Db {
    fn outbox(
        &self,
        filter: &OutboxFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<OutboxMessage>>> + Send {
        self.outbox_list(filter, page)
    }
    fn claim_messages(
        &self,
        now: OffsetDateTime,
        limit: u32,
        lease: time::Duration,
    ) -> impl Future<Output = CoreResult<Vec<OutboxMessage>>> + Send {
        self.claim_tx(now, limit, lease)
    }
    fn mark_sent(&self, id: OutboxId, at: OffsetDateTime) -> impl Future<Output = CoreResult<()>> + Send {
        self.sent_tx(id, at)
    }
    fn mark_failed(
        &self,
        id: OutboxId,
        at: OffsetDateTime,
        error: &str,
    ) -> impl Future<Output = CoreResult<()>> + Send {
        self.failed_tx(id, at, error)
    }
    fn retry_message(&self, actor: &Actor, id: OutboxId) -> impl Future<Output = CoreResult<OutboxMessage>> + Send {
        self.retry_tx(actor, id)
    }
}
