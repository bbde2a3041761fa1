//! Letters about alerts: when an alert is first raised, its letter goes into the outbox in the
//! same transaction, to the head of the team of the person it is about (or, failing him,
//! every active administrator), with the rule that chose them in the audit log. Also the
//! outbox totals.

use crate::audit;
use crate::outbox::enqueue;
use crate::people::{employee_in, team_in};
use crate::rows::{all, EmployeeRow, EMPLOYEE_COLS};
use crate::sql::{q_all, Tx};
use crate::Db;
use sprut_core::alert::Alert;
use sprut_core::employee::Employee;
use sprut_core::error::CoreResult;
use sprut_core::mail::{alert_addressees, alert_message, MailStore, OutboxCounts};
use sprut_core::{Actor, CoreError};
use std::future::Future;
use time::OffsetDateTime;

/// Queues the letters about a newly raised `alert` inside `tx`, and audits whom they went to
/// and why.
pub(crate) async fn tell_about_alert(tx: &mut Tx, alert: &Alert, now: OffsetDateTime) -> Result<(), CoreError> {
    let about = match alert.employee_id {
        Some(id) => Some(employee_in(tx.conn(), id).await?),
        None => None,
    };
    let team = match about.as_ref().and_then(|e| e.team_id) {
        Some(id) => Some(team_in(tx.conn(), id).await?),
        None => None,
    };
    let head = match team.as_ref().and_then(|t| t.head_id) {
        Some(id) => Some(employee_in(tx.conn(), id).await?),
        None => None,
    };
    let sql =
        format!("SELECT {EMPLOYEE_COLS} FROM employees e WHERE e.role = 'admin' AND e.status = 'active' ORDER BY e.id");
    let admins: Vec<Employee> = all(q_all!(tx.conn(), EmployeeRow, &sql)?, EmployeeRow::into_employee)?;
    let company = crate::settings::settings_in(tx.conn()).await?.company_name;
    let (to, rule) = alert_addressees(about.as_ref(), team.is_some(), head.as_ref(), &admins);
    let letters: Vec<_> = to.iter().map(|r| alert_message(r, &company, alert, about.as_ref())).collect();
    enqueue(tx, now, &letters).await?;
    let details = serde_json::json!({
        "rule": rule.as_str(),
        "kind": alert.kind.as_str(),
        "about": alert.employee_id,
        "to": to.iter().map(|e| &e.email).collect::<Vec<_>>(),
    });
    audit::record(tx, &Actor::system(now), "outbox.queue", "alert", &alert.id.to_string(), details).await
}

impl Db {
    async fn outbox_counts_now(&self) -> CoreResult<OutboxCounts> {
        let rows: Vec<(String, i64)> =
            q_all!(self.read().await?.conn(), (String, i64), "SELECT status, COUNT(*) FROM outbox GROUP BY status")?;
        let mut counts = OutboxCounts::default();
        for (status, n) in rows {
            match status.as_str() {
                "pending" => counts.pending = n,
                "sent" => counts.sent = n,
                "failed" => counts.failed = n,
                _ => {}
            }
        }
        Ok(counts)
    }
}

impl MailStore for Db {
    fn outbox_counts(&self) -> impl Future<Output = CoreResult<OutboxCounts>> + Send {
        self.outbox_counts_now()
    }
}
