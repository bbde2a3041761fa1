//! Who holds which client: opening and closing assignments, and the history.

use crate::audit;
use crate::bulk::insert_one;
use crate::clients::{client_in, client_seen};
use crate::id::ToDb;
use crate::people::employee_in;
use crate::rows::{all, why_text, AssignmentRow, ASSIGNMENT_COLS};
use crate::sql::{q_all, q_exec, q_opt, Conn, Tx};
use crate::Db;
use sprut_core::assignment::{Assignment, EndAssignment, EndReason, NewAssignment};
use sprut_core::employee::{EmployeeStatus, Role};
use sprut_core::rules::why::RuleWhy;
use sprut_core::scope::Scope;
use sprut_core::store::HoldingStore;
use sprut_core::Conflict;
use sprut_core::Reason;
use sprut_core::{Actor, AssignmentId, ClientId, CoreError};
use time::Date;

async fn history_in(conn: Conn<'_>, client: ClientId) -> Result<Vec<Assignment>, CoreError> {
    let sql =
        format!("SELECT {ASSIGNMENT_COLS} FROM assignments WHERE client_id = $1 ORDER BY started_on, created_at, id");
    all(q_all!(conn, AssignmentRow, &sql, client.db())?, AssignmentRow::into_assignment)
}

/// Opens `a` inside `tx` after checking the client, the new holder and the history.
/// The partial unique index stops a concurrent second opening that slips past the check.
pub(crate) async fn open_assignment(tx: &mut Tx, actor: &Actor, a: &Assignment) -> Result<(), CoreError> {
    client_in(tx.conn(), a.client_id).await?;
    let holder = employee_in(tx.conn(), a.employee_id)
        .await
        .map_err(|_| CoreError::field("employee_id", Reason::NoSuchEmployee))?;
    if !matches!(holder.role, Role::Rep | Role::Head) {
        return Err(CoreError::field("employee_id", Reason::CannotHold));
    }
    if holder.status != EmployeeStatus::Active {
        return Err(CoreError::field("employee_id", Reason::CannotTakeClients { name: holder.name.clone() }));
    }
    for past in history_in(tx.conn(), a.client_id).await? {
        match past.ended_on {
            None => return Err(CoreError::Conflict(Conflict::AlreadyHeld)),
            Some(end) if end > a.started_on => {
                return Err(CoreError::field("started_on", Reason::BeforeDate { date: end }))
            }
            _ => {}
        }
    }
    insert_one(tx.conn(), a).await?;
    let details = serde_json::to_value(a).unwrap_or_default();
    audit::record(tx, actor, "assignment.open", "client", &a.client_id.to_string(), details).await?;
    follow(tx, actor, std::slice::from_ref(a)).await
}

/// Moves the open tasks of each newly held client from its former holders to its new one,
/// with an audit event for each client whose tasks moved.
pub(crate) async fn follow(tx: &mut Tx, actor: &Actor, opened: &[Assignment]) -> Result<(), CoreError> {
    let mut events = Vec::new();
    for a in opened {
        let moved = crate::workbench::tasks_follow(tx.conn(), a.client_id, a.employee_id).await?;
        if moved > 0 {
            let details = serde_json::json!({ "to": a.employee_id, "tasks": moved });
            events.push(audit::event(actor, "task.follow", "client", &a.client_id.to_string(), details));
        }
    }
    audit::append(tx, &events).await
}

impl HoldingStore for Db {
    async fn assign(&self, actor: &Actor, client: ClientId, new: NewAssignment) -> Result<Assignment, CoreError> {
        let a = new.into_assignment(client, actor.employee_id, actor.now)?;
        let mut tx = self.write().await?;
        open_assignment(&mut tx, actor, &a).await?;
        tx.commit().await?;
        Ok(a)
    }

    async fn end_assignment(
        &self,
        actor: &Actor,
        client: ClientId,
        end: EndAssignment,
    ) -> Result<Assignment, CoreError> {
        let mut tx = self.write().await?;
        let closed = end_assignment_in(&mut tx, actor, client, end, None).await?;
        tx.commit().await?;
        Ok(closed)
    }

    async fn assignments(&self, scope: &Scope, client: ClientId) -> Result<Vec<Assignment>, CoreError> {
        let mut r = self.read().await?;
        client_seen(r.conn(), scope, client).await?;
        history_in(r.conn(), client).await
    }

    async fn holder_on(&self, scope: &Scope, client: ClientId, day: Date) -> Result<Option<Assignment>, CoreError> {
        let mut r = self.read().await?;
        client_seen(r.conn(), scope, client).await?;
        holder_on_in(r.conn(), client, day).await
    }
}
/// Ends assignment `id` if it is still open, with the rotation's rule and figures when it
/// decided; whether it was open (the caller decides what a holding changed underneath means).
pub(crate) async fn close_in(
    tx: &mut Tx,
    id: AssignmentId,
    ended_on: Date,
    reason: EndReason,
    explanation: &str,
    why: Option<&RuleWhy>,
) -> Result<bool, CoreError> {
    let why = why_text(why);
    let closed = q_exec!(
        tx.conn(),
        "UPDATE assignments SET ended_on = $2, end_reason = $3, end_explanation = $4, end_why = $5 \
         WHERE id = $1 AND ended_on IS NULL",
        id.db(),
        ended_on,
        reason.as_str(),
        explanation,
        why,
    )?;
    Ok(closed == 1)
}

/// Closes the open assignment of `client` inside `tx`, with its audit event; `why`: the
/// system's rule or transfer behind the ending, as data.
pub(crate) async fn end_assignment_in(
    tx: &mut Tx,
    actor: &Actor,
    client: ClientId,
    end: EndAssignment,
    why: Option<RuleWhy>,
) -> Result<Assignment, CoreError> {
    let explanation = end.explanation.trim().to_string();
    if explanation.is_empty() {
        return Err(CoreError::field("explanation", Reason::Required));
    }
    client_in(tx.conn(), client).await?;
    let sql = format!("SELECT {ASSIGNMENT_COLS} FROM assignments WHERE client_id = $1 AND ended_on IS NULL");
    let open = q_opt!(tx.conn(), AssignmentRow, &sql, client.db())?
        .ok_or_else(|| CoreError::Conflict(Conflict::NotHeldNow))?
        .into_assignment()?;
    if end.ended_on < open.started_on {
        return Err(CoreError::field("ended_on", Reason::BeforeDate { date: open.started_on }));
    }
    close_in(tx, open.id, end.ended_on, end.reason, &explanation, why.as_ref()).await?;
    let closed = Assignment {
        ended_on: Some(end.ended_on),
        end_reason: Some(end.reason),
        end_explanation: Some(explanation),
        end_why: why,
        ..open
    };
    let details = serde_json::to_value(&closed).unwrap_or_default();
    audit::record(tx, actor, "assignment.end", "client", &client.to_string(), details).await?;
    Ok(closed)
}

/// The assignment of `client` covering `day`.
pub(crate) async fn holder_on_in(conn: Conn<'_>, client: ClientId, day: Date) -> Result<Option<Assignment>, CoreError> {
    let sql = format!(
        "SELECT {ASSIGNMENT_COLS} FROM assignments WHERE client_id = $1 AND started_on <= $2 \
         AND (ended_on IS NULL OR ended_on > $2) ORDER BY started_on DESC LIMIT 1"
    );
    q_opt!(conn, AssignmentRow, &sql, client.db(), day)?.map(AssignmentRow::into_assignment).transpose()
}
