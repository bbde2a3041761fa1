//! Watching reads: batches of read events (card views, denied attempts, a leaver's reads),
//! the cards each person opens a day, the records they page through, failed sign-ins, and
//! the alerts these call for.

use crate::alerts::{close_in, upsert_alert, Count};
use crate::audit;
use crate::audit::append;
use crate::bulk::{insert_rows, Val};
use crate::id::{DbId, ToDb};
use crate::sql::{q_all, q_exec, q_opt, q_scalar, Tx};
use crate::Db;
use sprut_core::alert::{departing_spike, mass_viewing, Alert, AlertKind, AlertStatus, NewAlert};
use sprut_core::audit::NewAuditEvent;
use sprut_core::employee::EmployeeStatus;
use sprut_core::settings::Settings;
use sprut_core::store::{AlertStore, WatchStore};
use sprut_core::{Actor, AlertId, ClientId, Conflict, CoreError, EmployeeId, Reason, TeamId};
use std::collections::BTreeSet;
use time::{Date, Duration, OffsetDateTime};

/// The action of opening a client card.
pub const CLIENT_VIEW: &str = "client.view";
/// The action of an attempt to open a record outside one's scope.
pub const ACCESS_DENIED: &str = "access.denied";
/// The action of a failed sign-in (its `entity_id` is the e-mail tried).
pub const SIGN_IN_FAILED: &str = "auth.failed";

impl WatchStore for Db {
    /// Appends read events in one transaction, notes the client cards opened, and raises
    /// mass-viewing, departing-spike and out-of-scope alerts as the events call for.
    async fn record_reads(&self, events: &[NewAuditEvent], s: &Settings) -> Result<(), CoreError> {
        let mut tx = self.write().await?;
        append(&mut tx, events).await?;
        let mut viewers = BTreeSet::new();
        let mut views = Vec::new();
        for e in events.iter().filter(|e| e.action == CLIENT_VIEW) {
            let (Some(actor), Some(client)) = (e.actor_id, e.entity_id.as_deref().and_then(|c| c.parse().ok())) else {
                continue;
            };
            let client: ClientId = client;
            let day = e.at.date();
            viewers.insert((actor, day));
            views.push(vec![Val::from(actor.db()), day.into(), client.db().into()]);
        }
        insert_rows(tx.conn(), "card_views", &["employee_id", "day", "client_id"], views, " ON CONFLICT DO NOTHING")
            .await?;
        let now = events.iter().map(|e| e.at).max().unwrap_or(OffsetDateTime::UNIX_EPOCH);
        for (employee, day) in viewers {
            check_viewing(&mut tx, employee, day, now, s).await?;
        }
        for e in events.iter().filter(|e| e.action == ACCESS_DENIED) {
            let Some(actor) = e.actor_id else { continue };
            let summary = format!(
                "tried to open {} {} outside their scope",
                e.entity,
                e.entity_id.as_deref().unwrap_or("(unknown)")
            );
            let details = serde_json::json!({ "entity": e.entity, "entity_id": e.entity_id, "ip": e.ip });
            let alert = NewAlert {
                kind: AlertKind::OutOfScope,
                employee_id: Some(actor),
                client_id: None,
                day: e.at.date(),
                summary,
                details,
            };
            upsert_alert(&mut tx, &alert, Count::Add(1), e.at).await?;
        }
        tx.commit().await
    }

    /// Counts the `records` (one key each) `employee` is handed on `day`, each once a day; past
    /// `limit`, unless a head lifted it for the day, the read is refused (nothing counted) and a
    /// head is alerted.
    async fn meter_reads(
        &self,
        employee: EmployeeId,
        at: (OffsetDateTime, Date),
        records: &[String],
        limit: i64,
    ) -> Result<i64, CoreError> {
        let (now, day) = at;
        let mut tx = self.write().await?;
        let rows: Vec<Vec<Val>> =
            records.iter().map(|r| vec![Val::from(employee.db()), day.into(), r.as_str().into()]).collect();
        let cols = ["employee_id", "day", "record"];
        insert_rows(tx.conn(), "read_meter_seen", &cols, rows, " ON CONFLICT DO NOTHING").await?;
        let total: i64 = q_scalar!(
            tx.conn(),
            i64,
            "SELECT COUNT(*) FROM read_meter_seen WHERE employee_id = $1 AND day = $2",
            employee.db(),
            day,
        )?;
        let lifted: bool = q_scalar!(
            tx.conn(),
            bool,
            "INSERT INTO read_meter (employee_id, day, records) VALUES ($1, $2, $3) \
             ON CONFLICT (employee_id, day) DO UPDATE SET records = excluded.records RETURNING lifted",
            employee.db(),
            day,
            total,
        )?;
        if total <= limit || lifted {
            tx.commit().await?;
            return Ok(total);
        }
        tx.rollback().await?;
        let alert = NewAlert {
            kind: AlertKind::PagingLimit,
            employee_id: Some(employee),
            client_id: None,
            day,
            summary: format!("would have read {total} different records today; the daily limit is {limit}"),
            details: serde_json::json!({ "records_today": total, "limit": limit }),
        };
        let mut tx = self.write().await?;
        upsert_alert(&mut tx, &alert, Count::Set(total), now).await?;
        tx.commit().await?;
        Err(CoreError::Limit(format!(
            "you have reached today's limit of {limit} different records; your head of sales can lift it for today"
        )))
    }

    /// Lifts the daily record limit the alert `id` is about, for its day, with `reason`; the
    /// alert closes with the reason as its note.
    async fn lift_read_limit(
        &self,
        actor: &Actor,
        id: AlertId,
        teams: Option<&[TeamId]>,
        reason: &str,
    ) -> Result<Alert, CoreError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CoreError::field("reason", Reason::Required));
        }
        let alert = self.alert(id, teams).await?;
        let (AlertKind::PagingLimit, Some(employee)) = (alert.kind, alert.employee_id) else {
            return Err(CoreError::Conflict(Conflict::NotALimitAlert));
        };
        let mut tx = self.write().await?;
        q_exec!(
            tx.conn(),
            "INSERT INTO read_meter (employee_id, day, records, lifted) VALUES ($1, $2, 0, TRUE) \
             ON CONFLICT (employee_id, day) DO UPDATE SET lifted = TRUE",
            employee.db(),
            alert.day,
        )?;
        let details = serde_json::json!({ "employee_id": employee, "day": alert.day, "reason": reason });
        audit::record(&mut tx, actor, "read_limit.lift", "employee", &employee.to_string(), details).await?;
        // The lift and the alert's closing are one decision: one transaction.
        let after = match alert.status {
            AlertStatus::Open => {
                let note = format!("limit lifted for {}: {reason}", alert.day);
                close_in(&mut tx, actor, alert, &note).await?
            }
            AlertStatus::Closed => alert,
        };
        tx.commit().await?;
        Ok(after)
    }

    /// Records a failed sign-in to `email` and alerts when the account had too many within an hour.
    async fn record_failed_sign_in(&self, event: NewAuditEvent, s: &Settings) -> Result<(), CoreError> {
        let email = event.entity_id.clone().unwrap_or_default();
        let at = event.at;
        let mut tx = self.write().await?;
        append(&mut tx, std::slice::from_ref(&event)).await?;
        let failures: i64 = q_scalar!(
            tx.conn(),
            i64,
            "SELECT COUNT(*) FROM audit_events WHERE action = $1 AND entity_id = $2 AND at > $3",
            SIGN_IN_FAILED,
            &email,
            at - Duration::hours(1),
        )?;
        if failures >= s.failed_sign_in_limit {
            let owner: Option<(DbId,)> =
                q_opt!(tx.conn(), (DbId,), "SELECT id FROM employees WHERE lower(email) = $1", email.to_lowercase())?;
            let alert = NewAlert {
                kind: AlertKind::FailedSignIns,
                employee_id: owner.map(|(id,)| id.into()),
                client_id: None,
                day: at.date(),
                summary: format!("{failures} failed sign-ins to {email} within an hour"),
                details: serde_json::json!({ "email": email, "failures_last_hour": failures, "ip": event.ip }),
            };
            upsert_alert(&mut tx, &alert, Count::Set(failures), at).await?;
        }
        tx.commit().await
    }
}
/// Applies the mass-viewing (or, for a leaver, the departing-spike) rule to one person's day.
async fn check_viewing(
    tx: &mut Tx,
    employee: EmployeeId,
    day: Date,
    now: OffsetDateTime,
    s: &Settings,
) -> Result<(), CoreError> {
    let today: i64 = q_scalar!(
        tx.conn(),
        i64,
        "SELECT COUNT(*) FROM card_views WHERE employee_id = $1 AND day = $2",
        employee.db(),
        day
    )?;
    let past: Vec<(i64,)> = q_all!(
        tx.conn(),
        (i64,),
        "SELECT COUNT(*) FROM card_views WHERE employee_id = $1 AND day >= $2 AND day < $3 GROUP BY day",
        employee.db(),
        day - Duration::days(30),
        day
    )?;
    let past: Vec<i64> = past.into_iter().map(|(n,)| n).collect();
    let status: Option<(String,)> =
        q_opt!(tx.conn(), (String,), "SELECT status FROM employees WHERE id = $1", employee.db())?;
    let departing = status.is_some_and(|(s,)| s == EmployeeStatus::Departing.as_str());
    let (kind, fired) = if departing {
        (AlertKind::DepartingSpike, departing_spike(today, &past, s))
    } else {
        (AlertKind::MassViewing, mass_viewing(today, &past, s))
    };
    if let Some((summary, details)) = fired {
        let alert = NewAlert { kind, employee_id: Some(employee), client_id: None, day, summary, details };
        upsert_alert(tx, &alert, Count::Set(today), now).await?;
    }
    Ok(())
}
