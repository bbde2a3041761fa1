//! Transfers in the database: creating one with every check, handing the clients over on the
//! effective day (ending the old holding, opening the new one, snapshotting the invoices) in
//! one transaction, listing, cancelling and completing.

use crate::audit;
use crate::clients::client_in;
use crate::holding::{end_assignment_in, open_assignment};
use crate::id::{opt, DbId, ToDb};
use crate::people::employee_in;
use crate::rows::{why_of, why_text, word};
use crate::sql::{q_all, q_exec, q_opt, Conn, Tx};
use crate::Db;
use sprut_core::assignment::{Assignment, AssignmentKind, EndAssignment, EndReason, NewAssignment};
use sprut_core::employee::{EmployeeStatus, Role};
use sprut_core::handover::checklist::{Checklist, SnapshotLine};
use sprut_core::handover::transfer::{Transfer, TransferCause, TransferFilter, TransferItem, TransferState};
use sprut_core::handover::TransferPlan;
use sprut_core::page::{Page, PageRequest};
use sprut_core::rules::why::RuleWhy;
use sprut_core::Conflict;
use sprut_core::Reason;
use sprut_core::{Actor, ClientId, CoreError, TransferId};
use time::{Date, Duration, OffsetDateTime};

#[derive(sqlx::FromRow)]
struct TransferRow {
    id: DbId,
    cause: String,
    from_id: DbId,
    effective_on: Date,
    state: String,
    note: String,
    development_days: i64,
    offboarding_id: Option<DbId>,
    created_by: Option<DbId>,
    created_at: OffsetDateTime,
    handed_over_at: Option<OffsetDateTime>,
    completed_at: Option<OffsetDateTime>,
    cancelled_at: Option<OffsetDateTime>,
    cancel_reason: Option<String>,
}

const TRANSFER_COLS: &str = "t.id, t.cause, t.from_id, t.effective_on, t.state, t.note, t.development_days, \
     t.offboarding_id, t.created_by, t.created_at, t.handed_over_at, t.completed_at, t.cancelled_at, t.cancel_reason";

#[derive(sqlx::FromRow)]
pub(crate) struct ItemRow {
    client_id: DbId,
    client_name: String,
    to_id: DbId,
    kind: String,
    reason: String,
    reason_why: Option<String>,
    joint_visit_on: Option<Date>,
    joint_visit_done_on: Option<Date>,
    documents: String,
    documents_from_at: Option<OffsetDateTime>,
    documents_to_at: Option<OffsetDateTime>,
    receivables: Option<String>,
    receivables_total: Option<i64>,
    from_total: Option<i64>,
    to_total: Option<i64>,
    receivables_note: Option<String>,
    receivables_closed_at: Option<OffsetDateTime>,
    departments_notified_at: Option<OffsetDateTime>,
    client_notified_at: Option<OffsetDateTime>,
    client_notices: i64,
    questions: String,
    questions_accepted_at: Option<OffsetDateTime>,
    handed_over_at: Option<OffsetDateTime>,
}

const ITEM_COLS: &str =
    "i.client_id, c.name AS client_name, i.to_id, i.kind, i.reason, i.reason_why, i.joint_visit_on, \
     i.joint_visit_done_on, i.documents, i.documents_from_at, i.documents_to_at, i.receivables, i.receivables_total, \
     i.from_total, i.to_total, i.receivables_note, i.receivables_closed_at, i.departments_notified_at, \
     i.client_notified_at, i.client_notices, i.questions, i.questions_accepted_at, i.handed_over_at";

fn json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, CoreError> {
    serde_json::from_str(s).map_err(|e| CoreError::storage(format!("stored checklist: {e}")))
}

impl ItemRow {
    fn into_item(self) -> Result<TransferItem, CoreError> {
        Ok(TransferItem {
            client_id: self.client_id.into(),
            client_name: self.client_name,
            to_id: self.to_id.into(),
            kind: word(&self.kind)?,
            reason: self.reason,
            // A reason this build cannot read keeps its English line alone.
            why: why_of(self.reason_why.as_deref()),
            handed_over_at: self.handed_over_at,
            checklist: Checklist {
                joint_visit_on: self.joint_visit_on,
                joint_visit_done_on: self.joint_visit_done_on,
                documents: json(&self.documents)?,
                documents_from_at: self.documents_from_at,
                documents_to_at: self.documents_to_at,
                receivables: self.receivables.as_deref().map(json).transpose()?,
                receivables_total: self.receivables_total,
                from_total: self.from_total,
                to_total: self.to_total,
                receivables_note: self.receivables_note,
                receivables_closed_at: self.receivables_closed_at,
                departments_notified_at: self.departments_notified_at,
                client_notified_at: self.client_notified_at,
                client_notices: self.client_notices,
                questions: json(&self.questions)?,
                questions_accepted_at: self.questions_accepted_at,
            },
        })
    }
}

/// A transfer with its clients, read on `conn`; also the days of development it grants.
pub(crate) async fn load(mut conn: Conn<'_>, id: TransferId) -> Result<(Transfer, i64), CoreError> {
    let sql = format!("SELECT {TRANSFER_COLS} FROM transfers t WHERE t.id = $1");
    let t = q_opt!(conn.reborrow(), TransferRow, &sql, id.db())?.ok_or(CoreError::NotFound("transfer"))?;
    let sql = format!(
        "SELECT {ITEM_COLS} FROM transfer_items i JOIN clients c ON c.id = i.client_id WHERE i.transfer_id = $1 \
         ORDER BY c.search_key, i.client_id"
    );
    let items = q_all!(conn, ItemRow, &sql, id.db())?.into_iter().map(ItemRow::into_item).collect::<Result<_, _>>()?;
    let days = t.development_days;
    Ok((
        Transfer {
            id: t.id.into(),
            cause: word(&t.cause)?,
            from_id: t.from_id.into(),
            effective_on: t.effective_on,
            state: word(&t.state)?,
            note: t.note,
            offboarding_id: t.offboarding_id.map(Into::into),
            created_by: t.created_by.map(Into::into),
            created_at: t.created_at,
            handed_over_at: t.handed_over_at,
            completed_at: t.completed_at,
            cancelled_at: t.cancelled_at,
            cancel_reason: t.cancel_reason,
            items,
        },
        days,
    ))
}

/// Saves one client's checklist.
pub(crate) async fn save_checklist(
    tx: &mut Tx,
    id: TransferId,
    client: ClientId,
    c: &Checklist,
) -> Result<(), CoreError> {
    q_exec!(
        tx.conn(),
        "UPDATE transfer_items SET joint_visit_on = $3, joint_visit_done_on = $4, documents = $5, documents_from_at = $6, \
         documents_to_at = $7, receivables = $8, receivables_total = $9, from_total = $10, to_total = $11, \
         receivables_note = $12, receivables_closed_at = $13, departments_notified_at = $14, client_notified_at = $15, \
         client_notices = $16, questions = $17, questions_accepted_at = $18 WHERE transfer_id = $1 AND client_id = $2",
        id.db(),
        client.db(),
        c.joint_visit_on,
        c.joint_visit_done_on,
        serde_json::to_string(&c.documents).unwrap_or_default(),
        c.documents_from_at,
        c.documents_to_at,
        c.receivables.as_ref().map(|r| serde_json::to_string(r).unwrap_or_default()),
        c.receivables_total,
        c.from_total,
        c.to_total,
        c.receivables_note.as_deref(),
        c.receivables_closed_at,
        c.departments_notified_at,
        c.client_notified_at,
        c.client_notices,
        serde_json::to_string(&c.questions).unwrap_or_default(),
        c.questions_accepted_at,
    )?;
    Ok(())
}

/// Checks `plan` against the base and stores it as a planned transfer, inside `tx`.
pub(crate) async fn insert(tx: &mut Tx, actor: &Actor, plan: &TransferPlan) -> Result<TransferId, CoreError> {
    if plan.items.is_empty() {
        return Err(CoreError::field("clients", Reason::NoClients));
    }
    let from =
        employee_in(tx.conn(), plan.from_id).await.map_err(|_| CoreError::field("from_id", Reason::NoSuchEmployee))?;
    for item in &plan.items {
        let client = client_in(tx.conn(), item.client_id)
            .await
            .map_err(|_| CoreError::field("clients", Reason::NoSuchClient { id: item.client_id.to_string() }))?;
        let name = &client.client.name;
        match &client.holder {
            Some(h) if h.employee_id == plan.from_id => {
                if plan.effective_on < h.since {
                    return Err(CoreError::field("effective_on", Reason::BeforeDate { date: h.since }));
                }
            }
            Some(h) => {
                return Err(CoreError::field(
                    "clients",
                    Reason::HeldByOther { client: name.clone(), holder: h.name.clone(), from: from.name.clone() },
                ))
            }
            None => return Err(CoreError::field("clients", Reason::NotHeld { client: name.clone() })),
        }
        if item.to_id == plan.from_id {
            return Err(CoreError::field("to", Reason::SameHolder { client: name.clone() }));
        }
        let to =
            employee_in(tx.conn(), item.to_id).await.map_err(|_| CoreError::field("to", Reason::NoSuchEmployee))?;
        if to.status != EmployeeStatus::Active || !matches!(to.role, Role::Rep | Role::Head) {
            return Err(CoreError::field("to", Reason::CannotTakeClients { name: to.name.clone() }));
        }
        let busy: Option<(DbId,)> = q_opt!(
            tx.conn(),
            (DbId,),
            "SELECT transfer_id FROM transfer_items WHERE client_id = $1 AND active = $2",
            item.client_id.db(),
            true
        )?;
        if let Some((other,)) = busy {
            return Err(CoreError::Conflict(Conflict::InTransfer {
                client: name.clone(),
                transfer: other.0.to_string(),
            }));
        }
    }
    let id = TransferId::new();
    q_exec!(
        tx.conn(),
        "INSERT INTO transfers (id, cause, from_id, effective_on, state, note, development_days, offboarding_id, \
         created_by, created_at) VALUES ($1, $2, $3, $4, 'planned', $5, $6, $7, $8, $9)",
        id.db(),
        plan.cause.as_str(),
        plan.from_id.db(),
        plan.effective_on,
        &plan.note,
        plan.development_days.max(1),
        opt(&plan.offboarding_id),
        opt(&actor.employee_id),
        actor.now,
    )?;
    for item in &plan.items {
        q_exec!(
            tx.conn(),
            "INSERT INTO transfer_items (transfer_id, client_id, to_id, kind, reason, reason_why, active, documents, \
             client_notices, questions) VALUES ($1, $2, $3, $4, $5, $6, $7, '[]', 0, '[]')",
            id.db(),
            item.client_id.db(),
            item.to_id.db(),
            item.kind.as_str(),
            &item.reason,
            why_text(item.why.as_ref()),
            true,
        )?;
    }
    let details = serde_json::json!({
        "cause": plan.cause, "from": plan.from_id, "effective_on": plan.effective_on, "note": plan.note,
        "clients": plan.items.iter().map(|i| serde_json::json!({"client": i.client_id, "to": i.to_id, "kind": i.kind, "reason": i.reason})).collect::<Vec<_>>(),
    });
    audit::record(tx, actor, "transfer.create", "transfer", &id.to_string(), details).await?;
    Ok(id)
}

/// Stores a past transfer as it was (a bulk load of history: no checks, no audit).
pub(crate) async fn insert_past(tx: &mut Tx, t: &Transfer) -> Result<(), CoreError> {
    q_exec!(
        tx.conn(),
        "INSERT INTO transfers (id, cause, from_id, effective_on, state, note, development_days, offboarding_id, \
         created_by, created_at, handed_over_at, completed_at, cancelled_at, cancel_reason) \
         VALUES ($1, $2, $3, $4, $5, $6, 90, $7, $8, $9, $10, $11, $12, $13)",
        t.id.db(),
        t.cause.as_str(),
        t.from_id.db(),
        t.effective_on,
        t.state.as_str(),
        &t.note,
        opt(&t.offboarding_id),
        opt(&t.created_by),
        t.created_at,
        t.handed_over_at,
        t.completed_at,
        t.cancelled_at,
        t.cancel_reason.as_deref(),
    )?;
    let active = matches!(t.state, TransferState::Planned | TransferState::InProgress);
    for i in &t.items {
        q_exec!(
            tx.conn(),
            "INSERT INTO transfer_items (transfer_id, client_id, to_id, kind, reason, reason_why, active, documents, \
             client_notices, questions, handed_over_at) VALUES ($1, $2, $3, $4, $5, $6, $7, '[]', 0, '[]', $8)",
            t.id.db(),
            i.client_id.db(),
            i.to_id.db(),
            i.kind.as_str(),
            &i.reason,
            why_text(i.why.as_ref()),
            active,
            i.handed_over_at,
        )?;
        save_checklist(tx, t.id, i.client_id, &i.checklist).await?;
    }
    Ok(())
}

/// The end reason of a holding given up by a transfer of `cause`.
fn end_reason(cause: TransferCause) -> EndReason {
    match cause {
        TransferCause::Offboarding => EndReason::Departed,
        TransferCause::Recall => EndReason::Recalled,
        _ => EndReason::Transferred,
    }
}

/// Hands every client of transfer `id` over on its effective day, inside `tx`: the old
/// holding ends, the new one opens (account for customers, one sales cycle of development
/// for prospects), the open invoices as of that day are snapshotted for reconciliation.
pub(crate) async fn hand_over(tx: &mut Tx, actor: &Actor, id: TransferId) -> Result<(), CoreError> {
    let (t, development_days) = load(tx.conn(), id).await?;
    if t.state != TransferState::Planned {
        return Err(CoreError::Conflict(Conflict::TransferState { state: t.state }));
    }
    let from = employee_in(tx.conn(), t.from_id).await?;
    let on = t.effective_on;
    for item in &t.items {
        let to = employee_in(tx.conn(), item.to_id).await?;
        let end = EndAssignment {
            ended_on: on,
            reason: end_reason(t.cause),
            explanation: format!("transfer {} ({}) to {}", t.id, t.cause, to.name),
        };
        let current = client_in(tx.conn(), item.client_id).await?;
        if current.holder.as_ref().map(|h| h.employee_id) != Some(t.from_id) {
            return Err(CoreError::Conflict(Conflict::NoLongerHeld {
                client: item.client_name.clone(),
                from: from.name.clone(),
            }));
        }
        let handed = RuleWhy::HandedOver { cause: t.cause, to: to.name.clone() };
        end_assignment_in(tx, actor, item.client_id, end, Some(handed)).await?;
        let new = NewAssignment {
            employee_id: item.to_id,
            kind: item.kind,
            started_on: on,
            due_on: (item.kind == AssignmentKind::Development).then(|| on + Duration::days(development_days)),
            explanation: format!("transfer {} ({}) from {}: {}", t.id, t.cause, from.name, item.reason),
        };
        let mut a: Assignment = new.into_assignment(item.client_id, actor.employee_id, actor.now)?;
        a.why = Some(RuleWhy::Received {
            cause: t.cause,
            from: from.name.clone(),
            reason: item.reason.clone(),
            why: item.why.clone(),
        });
        open_assignment(tx, actor, &a).await?;
        let lines = q_all!(
            tx.conn(),
            (String, i64, String, Date, Date),
            "SELECT number, amount_minor, currency, issued_on, due_on FROM receivables WHERE client_id = $1 \
             AND issued_on <= $2 AND (paid_on IS NULL OR paid_on > $2) ORDER BY issued_on, number",
            item.client_id.db(),
            on
        )?;
        let lines = lines
            .into_iter()
            .map(|(number, amount_minor, currency, issued_on, due_on)| SnapshotLine {
                number,
                amount_minor,
                currency,
                issued_on,
                due_on,
            })
            .collect();
        let mut checklist = item.checklist.clone();
        checklist.take_snapshot(lines, actor.now);
        save_checklist(tx, t.id, item.client_id, &checklist).await?;
        q_exec!(
            tx.conn(),
            "UPDATE transfer_items SET handed_over_at = $3 WHERE transfer_id = $1 AND client_id = $2",
            t.id.db(),
            item.client_id.db(),
            actor.now
        )?;
    }
    q_exec!(
        tx.conn(),
        "UPDATE transfers SET state = 'in_progress', handed_over_at = $2 WHERE id = $1",
        t.id.db(),
        actor.now
    )?;
    let details = serde_json::json!({ "effective_on": on, "clients": t.items.len() });
    audit::record(tx, actor, "transfer.hand_over", "transfer", &t.id.to_string(), details).await
}

/// Marks a transfer completed (every checklist closed), inside `tx`; a playbook whose
/// transfers are all completed completes too.
pub(crate) async fn complete_in(tx: &mut Tx, actor: &Actor, t: &Transfer) -> Result<(), CoreError> {
    q_exec!(
        tx.conn(),
        "UPDATE transfers SET state = 'completed', completed_at = $2 WHERE id = $1",
        t.id.db(),
        actor.now
    )?;
    q_exec!(tx.conn(), "UPDATE transfer_items SET active = $2 WHERE transfer_id = $1", t.id.db(), false)?;
    audit::record(tx, actor, "transfer.complete", "transfer", &t.id.to_string(), serde_json::json!({})).await?;
    if let Some(o) = t.offboarding_id {
        super::offboarding::complete_if_done(tx, actor, o).await?;
    }
    Ok(())
}

/// The open steps of a transfer, as a sentence.
fn open_steps_text(t: &Transfer) -> String {
    t.items
        .iter()
        .filter(|i| !i.checklist.is_closed())
        .map(|i| {
            let steps: Vec<&str> = i.checklist.open_steps().iter().map(|s| s.as_str()).collect();
            format!("{}: {}", i.client_name, steps.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl Db {
    pub(crate) async fn create_transfer_tx(
        &self,
        actor: &Actor,
        plan: &TransferPlan,
        today: Date,
    ) -> Result<Transfer, CoreError> {
        let mut tx = self.write().await?;
        let id = insert(&mut tx, actor, plan).await?;
        if plan.effective_on <= today {
            hand_over(&mut tx, actor, id).await?;
        }
        let (t, _) = load(tx.conn(), id).await?;
        tx.commit().await?;
        Ok(t)
    }

    pub(crate) async fn transfer_one(&self, id: TransferId) -> Result<Transfer, CoreError> {
        Ok(load(self.read().await?.conn(), id).await?.0)
    }

    pub(crate) async fn transfer_list(&self, f: &TransferFilter, p: &PageRequest) -> Result<Page<Transfer>, CoreError> {
        let after = crate::paging::after(p.cursor()?)?;
        let ids: Vec<(DbId,)> = q_all!(
            self.read().await?.conn(),
            (DbId,),
            "SELECT t.id FROM transfers t WHERE ($1 IS NULL OR t.state = $1) AND ($2 IS NULL OR t.cause = $2) \
             AND ($3 IS NULL OR t.from_id = $3 OR EXISTS (SELECT 1 FROM transfer_items i WHERE i.transfer_id = t.id AND i.to_id = $3)) \
             AND ($4 IS NULL OR t.id < $4) ORDER BY t.id DESC LIMIT $5",
            f.state.map(|s| s.as_str()),
            f.cause.map(|c| c.as_str()),
            opt(&f.employee_id),
            after.id.map(DbId),
            i64::from(p.limit()) + 1,
        )?;
        let mut items = Vec::with_capacity(ids.len());
        for (id,) in ids {
            items.push(self.transfer_one(id.into()).await?);
        }
        Ok(crate::paging::page(items, p.limit(), |t| (String::new(), t.id.0)))
    }

    pub(crate) async fn cancel_transfer_tx(
        &self,
        actor: &Actor,
        id: TransferId,
        reason: &str,
    ) -> Result<Transfer, CoreError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CoreError::field("reason", Reason::Required));
        }
        let mut tx = self.write().await?;
        let (t, _) = load(tx.conn(), id).await?;
        if t.state != TransferState::Planned {
            return Err(CoreError::Conflict(Conflict::TransferState { state: t.state }));
        }
        q_exec!(
            tx.conn(),
            "UPDATE transfers SET state = 'cancelled', cancelled_at = $2, cancel_reason = $3 WHERE id = $1",
            id.db(),
            actor.now,
            reason
        )?;
        q_exec!(tx.conn(), "UPDATE transfer_items SET active = $2 WHERE transfer_id = $1", id.db(), false)?;
        if let Some(o) = t.offboarding_id {
            super::offboarding::release_transfer(&mut tx, o, id).await?;
        }
        audit::record(
            &mut tx,
            actor,
            "transfer.cancel",
            "transfer",
            &id.to_string(),
            serde_json::json!({ "reason": reason }),
        )
        .await?;
        let (t, _) = load(tx.conn(), id).await?;
        tx.commit().await?;
        Ok(t)
    }

    pub(crate) async fn complete_transfer_tx(&self, actor: &Actor, id: TransferId) -> Result<Transfer, CoreError> {
        let mut tx = self.write().await?;
        let (t, _) = load(tx.conn(), id).await?;
        match t.state {
            TransferState::Completed => {
                return Err(CoreError::Conflict(Conflict::TransferState { state: TransferState::Completed }))
            }
            TransferState::Cancelled => {
                return Err(CoreError::Conflict(Conflict::TransferState { state: TransferState::Cancelled }))
            }
            TransferState::Planned => return Err(CoreError::Conflict(Conflict::HandoverFirst { on: t.effective_on })),
            TransferState::InProgress => {}
        }
        if !t.open_steps().is_empty() {
            return Err(CoreError::Conflict(Conflict::ChecklistOpen { steps: open_steps_text(&t) }));
        }
        complete_in(&mut tx, actor, &t).await?;
        let (t, _) = load(tx.conn(), id).await?;
        tx.commit().await?;
        Ok(t)
    }

    pub(crate) async fn hand_over_due_tx(&self, actor: &Actor, today: Date) -> Result<Vec<TransferId>, CoreError> {
        let due: Vec<(DbId,)> = q_all!(
            self.read().await?.conn(),
            (DbId,),
            "SELECT id FROM transfers WHERE state = 'planned' AND effective_on <= $1 ORDER BY effective_on, id",
            today
        )?;
        let mut done = Vec::new();
        for (id,) in due {
            let id: TransferId = id.into();
            // Each transfer on its own: one that can no longer be handed over does not hold up the rest.
            let mut tx = self.write().await?;
            match hand_over(&mut tx, actor, id).await {
                Ok(()) => {
                    tx.commit().await?;
                    done.push(id);
                }
                Err(e) => tracing::warn!(transfer = %id, error = %e, "a due transfer could not be handed over"),
            }
        }
        Ok(done)
    }
}
