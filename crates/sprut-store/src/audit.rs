//! The audit log: events appended to the hash chain in the same transaction as the change
//! they describe, batches of read events, and reading the log back.

use crate::bulk::{insert_rows, Val};
use crate::id::{opt, DbId, ToDb};
use crate::rows::{EmployeeRow, EMPLOYEE_COLS};
use crate::sql::{q_all, q_exec, q_opt, Conn, Tx};
use crate::Db;
use serde::Serialize;
use sprut_core::audit::{event_hash, stored_instant, AuditAnchor, AuditEvent, AuditFilter, NewAuditEvent};
use sprut_core::letters::audit_anchor_notice;
use sprut_core::outbox::{MessageKind, NewMessage};
use sprut_core::page::{Page, PageRequest};
use sprut_core::store::AuditStore;
use sprut_core::Reason;
use sprut_core::{Actor, AuditEventId, CoreError};
use time::{Duration, OffsetDateTime, Time};

/// Records that `actor` did `action` to `entity` `entity_id`, with `details` (JSON).
pub(crate) async fn record(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: &str,
    details: serde_json::Value,
) -> Result<(), CoreError> {
    append(tx, &[event(actor, action, entity, entity_id, details)]).await
}

/// The event `actor` causes by `action` on `entity` `entity_id`, to append later.
pub(crate) fn event(
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: &str,
    details: serde_json::Value,
) -> NewAuditEvent {
    NewAuditEvent {
        at: actor.now,
        actor_id: actor.employee_id,
        action: action.into(),
        entity: entity.into(),
        entity_id: (!entity_id.is_empty()).then(|| entity_id.to_string()),
        ip: actor.ip.clone(),
        user_agent: actor.user_agent.clone(),
        details: details.to_string(),
    }
}

/// Columns of an audit event row, in [`append`]'s order.
const COLS: &[&str] = &[
    "id",
    "seq",
    "at",
    "actor_id",
    "action",
    "entity",
    "entity_id",
    "ip",
    "user_agent",
    "details",
    "prev_hash",
    "hash",
];

/// Appends `events` to the chain: reads the head (taking its row lock), hashes each event
/// onto the one before, inserts them and moves the head, all inside `tx`.
pub(crate) async fn append(tx: &mut Tx, events: &[NewAuditEvent]) -> Result<(), CoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let n = events.len() as i64;
    let (last, mut prev): (i64, String) =
        q_opt!(tx.conn(), (i64, String), "UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash", n)?
            .ok_or_else(|| CoreError::storage("the audit log has no head row"))?;
    let mut rows = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        let seq = last - n + 1 + i as i64;
        let id = AuditEventId::new();
        let hash = event_hash(seq, id, e, &prev);
        rows.push(vec![
            Val::from(id.db()),
            seq.into(),
            stored_instant(e.at).into(),
            opt(&e.actor_id).into(),
            e.action.as_str().into(),
            e.entity.as_str().into(),
            e.entity_id.as_deref().into(),
            e.ip.as_deref().into(),
            e.user_agent.as_deref().into(),
            e.details.as_str().into(),
            prev.as_str().into(),
            hash.as_str().into(),
        ]);
        prev = hash;
    }
    insert_rows(tx.conn(), "audit_events", COLS, rows, "").await?;
    q_exec!(tx.conn(), "UPDATE audit_head SET hash = $1 WHERE id = 1", &prev)?;
    Ok(())
}

/// Details of a change: the record before and after.
pub(crate) fn change<T: Serialize>(before: &T, after: &T) -> serde_json::Value {
    serde_json::json!({ "before": before, "after": after })
}

/// Details of a creation: the new record.
pub(crate) fn created<T: Serialize>(after: &T) -> serde_json::Value {
    serde_json::json!({ "after": after })
}

#[derive(sqlx::FromRow)]
struct EventRow {
    seq: i64,
    id: DbId,
    at: OffsetDateTime,
    actor_id: Option<DbId>,
    action: String,
    entity: String,
    entity_id: Option<String>,
    ip: Option<String>,
    user_agent: Option<String>,
    details: String,
    prev_hash: String,
    hash: String,
}

impl EventRow {
    fn into_event(self) -> AuditEvent {
        AuditEvent {
            seq: self.seq,
            id: self.id.into(),
            at: self.at,
            actor_id: self.actor_id.map(Into::into),
            action: self.action,
            entity: self.entity,
            entity_id: self.entity_id,
            ip: self.ip,
            user_agent: self.user_agent,
            details: self.details,
            prev_hash: self.prev_hash,
            hash: self.hash,
        }
    }
}

const SELECT: &str =
    "SELECT seq, id, at, actor_id, action, entity, entity_id, ip, user_agent, details, prev_hash, hash \
     FROM audit_events";

/// The first instant of `day`, UTC.
fn day_start(day: time::Date) -> OffsetDateTime {
    day.with_time(Time::MIDNIGHT).assume_utc()
}

/// The end of the chain: its last position and that event's hash.
async fn head_in(conn: Conn<'_>) -> Result<(i64, String), CoreError> {
    q_opt!(conn, (i64, String), "SELECT seq, hash FROM audit_head WHERE id = 1")?
        .ok_or_else(|| CoreError::storage("the audit log has no head row"))
}

impl Db {
    /// Chains the events written before the log was hash-chained (oldest first), once: only
    /// while no event is chained yet, so a row slipped in later is never taken into the chain.
    pub async fn chain_unchained(&self) -> Result<(), CoreError> {
        #[derive(sqlx::FromRow)]
        struct Old {
            id: DbId,
            at: OffsetDateTime,
            actor_id: Option<DbId>,
            action: String,
            entity: String,
            entity_id: Option<String>,
            ip: Option<String>,
            user_agent: Option<String>,
            details: String,
        }
        let mut tx = self.write().await?;
        let chained: Option<(i64,)> =
            q_opt!(tx.conn(), (i64,), "SELECT seq FROM audit_events WHERE seq IS NOT NULL LIMIT 1")?;
        if chained.is_some() {
            return tx.commit().await;
        }
        let old = q_all!(
            tx.conn(),
            Old,
            "SELECT id, at, actor_id, action, entity, entity_id, ip, user_agent, details FROM audit_events \
             WHERE seq IS NULL ORDER BY at, id"
        )?;
        if old.is_empty() {
            return tx.commit().await;
        }
        let (mut seq, mut prev) = head_in(tx.conn()).await?;
        for o in old {
            seq += 1;
            let e = NewAuditEvent {
                at: o.at,
                actor_id: o.actor_id.map(Into::into),
                action: o.action,
                entity: o.entity,
                entity_id: o.entity_id,
                ip: o.ip,
                user_agent: o.user_agent,
                details: o.details,
            };
            let hash = event_hash(seq, o.id.into(), &e, &prev);
            q_exec!(
                tx.conn(),
                "UPDATE audit_events SET seq = $2, at = $3, prev_hash = $4, hash = $5 WHERE id = $1",
                o.id,
                seq,
                stored_instant(e.at),
                &prev,
                &hash,
            )?;
            prev = hash;
        }
        q_exec!(tx.conn(), "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", seq, &prev)?;
        tx.commit().await
    }
}
impl AuditStore for Db {
    /// Events matching `f`, newest first.
    async fn audit_events(&self, f: &AuditFilter, p: &PageRequest) -> Result<Page<AuditEvent>, CoreError> {
        let before: Option<i64> = match p.cursor()? {
            Some(c) => Some(c.parse().map_err(|_| CoreError::field("after", Reason::Cursor))?),
            None => None,
        };
        let sql = format!(
            "{SELECT} WHERE seq IS NOT NULL AND ($1 IS NULL OR actor_id = $1) AND ($2 IS NULL OR action = $2) \
             AND ($3 IS NULL OR entity = $3) AND ($4 IS NULL OR entity_id = $4) AND ($5 IS NULL OR at >= $5) \
             AND ($6 IS NULL OR at < $6) AND ($7 IS NULL OR seq < $7) ORDER BY seq DESC LIMIT $8"
        );
        let blank = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let rows = q_all!(
            self.read().await?.conn(),
            EventRow,
            &sql,
            opt(&f.actor_id),
            blank(&f.action),
            blank(&f.entity),
            blank(&f.entity_id),
            f.from.map(day_start),
            f.to.map(|d| day_start(d) + Duration::days(1)),
            before,
            i64::from(p.limit()) + 1,
        )?;
        let items: Vec<AuditEvent> = rows.into_iter().map(EventRow::into_event).collect();
        let more = items.len() > p.limit() as usize;
        let mut items = items;
        items.truncate(p.limit() as usize);
        let next = if more { items.last().map(|e| sprut_core::page::encode_cursor(&e.seq.to_string())) } else { None };
        Ok(Page { items, next })
    }

    /// Up to `limit` events of the chain after position `after_seq`, in order.
    async fn audit_chain(&self, after_seq: i64, limit: u32) -> Result<Vec<AuditEvent>, CoreError> {
        let sql = format!("{SELECT} WHERE seq > $1 ORDER BY seq LIMIT $2");
        let rows = q_all!(self.read().await?.conn(), EventRow, &sql, after_seq, i64::from(limit))?;
        Ok(rows.into_iter().map(EventRow::into_event).collect())
    }

    /// The end of the chain: the last position and its hash.
    async fn audit_head(&self) -> Result<(i64, String), CoreError> {
        head_in(self.read().await?.conn()).await
    }

    /// Events without a place in the chain, and the first of them.
    async fn audit_unchained(&self) -> Result<(i64, Option<AuditEventId>), CoreError> {
        let mut r = self.read().await?;
        let n: i64 = crate::sql::q_scalar!(
            r.conn(),
            i64,
            "SELECT COUNT(*) FROM audit_events WHERE seq IS NULL OR hash IS NULL OR prev_hash IS NULL"
        )?;
        if n == 0 {
            return Ok((0, None));
        }
        let first: Option<(DbId,)> = q_opt!(
            r.conn(),
            (DbId,),
            "SELECT id FROM audit_events WHERE seq IS NULL OR hash IS NULL OR prev_hash IS NULL ORDER BY at, id LIMIT 1"
        )?;
        Ok((n, first.map(|(id,)| id.into())))
    }

    /// Takes the day's anchor of the chain, records it and mails it to the auditors, once a day.
    async fn anchor_audit(
        &self,
        actor: &Actor,
        day: time::Date,
        company: &str,
    ) -> Result<Option<AuditAnchor>, CoreError> {
        const JOB: &str = "audit_anchor";
        let mut tx = self.write().await?;
        if !crate::job_runs::claim_day(&mut tx, JOB, day, actor.now).await? {
            tx.rollback().await?;
            return Ok(None);
        }
        let (seq, hash) = head_in(tx.conn()).await?;
        let anchor = AuditAnchor { seq, hash };
        let sql =
            format!("SELECT {EMPLOYEE_COLS} FROM employees e WHERE e.role = 'auditor' AND e.status <> 'departed'");
        let auditors: Vec<sprut_core::employee::Employee> =
            crate::rows::all(q_all!(tx.conn(), EmployeeRow, &sql)?, EmployeeRow::into_employee)?;
        let letters: Vec<NewMessage> = auditors
            .iter()
            .map(|a| {
                let letter = audit_anchor_notice(a.language, company, day, &anchor.to_string());
                NewMessage {
                    kind: MessageKind::AuditAnchor,
                    to_address: a.email.clone(),
                    to_name: a.name.clone(),
                    language: a.language,
                    subject: letter.subject,
                    body: letter.body,
                    client_id: None,
                    employee_id: Some(a.id),
                    cause: format!("audit:{seq}"),
                }
            })
            .collect();
        crate::outbox::enqueue(&mut tx, actor.now, &letters).await?;
        let details = serde_json::json!({ "seq": seq, "hash": &anchor.hash, "mailed_to": letters.len() });
        record(&mut tx, actor, "audit.anchor", "audit", &seq.to_string(), details).await?;
        tx.commit().await?;
        Ok(Some(anchor))
    }
}
