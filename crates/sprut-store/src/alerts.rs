//! Alerts: raised once per kind, subject and day (repeats update the count and figures),
//! listed for heads (their teams' people) and auditors (everyone), closed with a note.

use crate::audit;
use crate::id::{opt, DbId, ToDb};
use crate::rows::word;
use crate::sql::{q_all, q_exec, q_opt, q_scalar, Tx};
use crate::Db;
use sprut_core::alert::{Alert, AlertFilter, AlertStatus, NewAlert};
use sprut_core::page::{Page, PageRequest};
use sprut_core::store::AlertStore;
use sprut_core::Conflict;
use sprut_core::Reason;
use sprut_core::{Actor, AlertId, CoreError, TeamId};
use std::fmt::Write;
use time::{Date, OffsetDateTime};

/// How a repeated alert changes its count.
pub(crate) enum Count {
    /// Add to the count (one more attempt).
    Add(i64),
    /// Replace the count (a measured figure, e.g. cards opened today).
    Set(i64),
}

/// Raises `a`, or updates the alert already raised for the same kind, subject and day.
/// A closed alert opens again when it is raised again (with a higher figure). When the alert
/// is new, its letters to the heads go into the outbox in the same transaction.
pub(crate) async fn upsert_alert(
    tx: &mut Tx,
    a: &NewAlert,
    count: Count,
    now: OffsetDateTime,
) -> Result<(), CoreError> {
    let subject = format!(
        "{}/{}",
        a.employee_id.map(|e| e.to_string()).unwrap_or_default(),
        a.client_id.map(|c| c.to_string()).unwrap_or_default()
    );
    let (n, update) = match count {
        Count::Add(n) => (n, "alerts.count + excluded.count"),
        Count::Set(n) => (n, "excluded.count"),
    };
    let sql = format!(
        "INSERT INTO alerts (id, kind, employee_id, client_id, subject_key, day, count, summary, details, status, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $10) \
         ON CONFLICT (kind, subject_key, day) DO UPDATE SET count = {update}, summary = excluded.summary, \
         details = excluded.details, updated_at = excluded.updated_at, \
         status = CASE WHEN {update} > alerts.count THEN 'open' ELSE alerts.status END RETURNING id"
    );
    let id = AlertId::new();
    let stored: DbId = q_scalar!(
        tx.conn(),
        DbId,
        &sql,
        id.db(),
        a.kind.as_str(),
        opt(&a.employee_id),
        opt(&a.client_id),
        subject,
        a.day,
        n,
        &a.summary,
        a.details.to_string(),
        now,
    )?;
    if AlertId::from(stored) != id {
        return Ok(());
    }
    let raised = Alert {
        id,
        kind: a.kind,
        employee_id: a.employee_id,
        client_id: a.client_id,
        day: a.day,
        count: n,
        summary: a.summary.clone(),
        details: a.details.clone(),
        status: AlertStatus::Open,
        created_at: now,
        updated_at: now,
        closed_by: None,
        note: None,
    };
    crate::alert_mail::tell_about_alert(tx, &raised, now).await
}

#[derive(sqlx::FromRow)]
struct AlertRow {
    id: DbId,
    kind: String,
    employee_id: Option<DbId>,
    client_id: Option<DbId>,
    day: Date,
    count: i64,
    summary: String,
    details: String,
    status: String,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
    closed_by: Option<DbId>,
    note: Option<String>,
}

impl AlertRow {
    fn into_alert(self) -> Result<Alert, CoreError> {
        Ok(Alert {
            id: self.id.into(),
            kind: word(&self.kind)?,
            employee_id: self.employee_id.map(Into::into),
            client_id: self.client_id.map(Into::into),
            day: self.day,
            count: self.count,
            summary: self.summary,
            details: serde_json::from_str(&self.details).unwrap_or(serde_json::Value::Null),
            status: word(&self.status)?,
            created_at: self.created_at,
            updated_at: self.updated_at,
            closed_by: self.closed_by.map(Into::into),
            note: self.note,
        })
    }
}

const COLS: &str = "l.id, l.kind, l.employee_id, l.client_id, l.day, l.count, l.summary, l.details, l.status, \
     l.created_at, l.updated_at, l.closed_by, l.note";

/// `l.employee_id` in one of `teams` (heads see alerts about their own people only).
fn about_teams(teams: Option<&[TeamId]>) -> String {
    match teams {
        None => "1 = 1".into(),
        Some([]) => "1 = 0".into(),
        Some(ts) => {
            let mut list = String::new();
            for (i, t) in ts.iter().enumerate() {
                let _ = write!(list, "{}'{}'", if i > 0 { ", " } else { "" }, t.0.hyphenated());
            }
            format!("EXISTS (SELECT 1 FROM employees ae WHERE ae.id = l.employee_id AND ae.team_id IN ({list}))")
        }
    }
}

impl AlertStore for Db {
    /// Alerts matching `f`, newest first; `teams` limits them to people of those teams.
    async fn alerts(
        &self,
        f: &AlertFilter,
        teams: Option<&[TeamId]>,
        p: &PageRequest,
    ) -> Result<Page<Alert>, CoreError> {
        let after = crate::paging::after(p.cursor()?)?;
        let sql = format!(
            "SELECT {COLS} FROM alerts l WHERE {} AND ($1 IS NULL OR l.kind = $1) AND ($2 IS NULL OR l.status = $2) \
             AND ($3 IS NULL OR l.employee_id = $3) AND ($4 IS NULL OR l.id < $4) ORDER BY l.id DESC LIMIT $5",
            about_teams(teams)
        );
        let rows = q_all!(
            self.read().await?.conn(),
            AlertRow,
            &sql,
            f.kind.map(|k| k.as_str()),
            f.status.map(|s| s.as_str()),
            opt(&f.employee_id),
            after.id.map(DbId),
            i64::from(p.limit()) + 1,
        )?;
        let items = rows.into_iter().map(AlertRow::into_alert).collect::<Result<Vec<_>, _>>()?;
        Ok(crate::paging::page(items, p.limit(), |a| (String::new(), a.id.0)))
    }

    /// One alert, if `teams` (when given) covers the person it is about.
    async fn alert(&self, id: AlertId, teams: Option<&[TeamId]>) -> Result<Alert, CoreError> {
        let sql = format!("SELECT {COLS} FROM alerts l WHERE l.id = $1 AND {}", about_teams(teams));
        q_opt!(self.read().await?.conn(), AlertRow, &sql, id.db())?.ok_or(CoreError::NotFound("alert"))?.into_alert()
    }

    /// Closes an alert with a note.
    async fn close_alert(
        &self,
        actor: &Actor,
        id: AlertId,
        teams: Option<&[TeamId]>,
        note: &str,
    ) -> Result<Alert, CoreError> {
        let note = note.trim();
        if note.is_empty() {
            return Err(CoreError::field("note", Reason::Required));
        }
        let before = self.alert(id, teams).await?;
        if before.status == AlertStatus::Closed {
            return Err(CoreError::Conflict(Conflict::AlertClosed));
        }
        let mut tx = self.write().await?;
        let after = close_in(&mut tx, actor, before, note).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Raises an alert directly (e.g. an export attempt), with its audit event.
    async fn raise_alert(&self, actor: &Actor, a: &NewAlert) -> Result<(), CoreError> {
        let mut tx = self.write().await?;
        upsert_alert(&mut tx, a, Count::Add(1), actor.now).await?;
        tx.commit().await
    }
}

/// Closes the open alert `before` with `note`, with its audit event, in `tx`.
pub(crate) async fn close_in(tx: &mut Tx, actor: &Actor, before: Alert, note: &str) -> Result<Alert, CoreError> {
    q_exec!(
        tx.conn(),
        "UPDATE alerts SET status = 'closed', closed_by = $2, closed_at = $3, note = $4 WHERE id = $1",
        before.id.db(),
        opt(&actor.employee_id),
        actor.now,
        note,
    )?;
    let details = serde_json::json!({ "note": note });
    audit::record(tx, actor, "alert.close", "alert", &before.id.to_string(), details).await?;
    Ok(Alert { status: AlertStatus::Closed, closed_by: actor.employee_id, note: Some(note.into()), ..before })
}
