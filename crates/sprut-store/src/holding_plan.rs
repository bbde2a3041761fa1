//! What each open holding keeps so that a head's counts per rep read an index: its next touch
//! planned by the cadence (`touch_due_on`, `touch_late_after`), its client's earliest unpaid
//! invoice (`unpaid_due_on`) and whether the quarterly head meeting rule takes its client
//! (`head_meeting`). Triggers mark a holding stale when a touch, a task, an invoice, the
//! client's tier or potential or the holding's start changes, and a change of the settings the
//! rules read marks them all; the transaction plans its stale holdings again by
//! [`PlannedTouch`] and [`MeetingRule`] just before it commits, so what is kept never disagrees
//! with the rules.

use crate::id::DbId;
use crate::rotation::facts::holding_scope;
use crate::rows::word;
use crate::sql::{q_all, q_exec, Conn, Tx};
use sprut_core::meeting::MeetingRule;
use sprut_core::scope::Scope;
use sprut_core::touch::{PlannedTouch, TouchCadence, TouchFacts};
use sprut_core::CoreError;
use time::{Date, OffsetDateTime};

#[derive(sqlx::FromRow)]
struct TouchRow {
    client_id: DbId,
    tier: String,
    potential_minor: i64,
    employee_id: DbId,
    started_on: Date,
    last_act: Option<OffsetDateTime>,
    next_task: Option<Date>,
    unpaid_due: Option<Date>,
}

/// What one holding keeps.
struct Kept {
    client: DbId,
    touch: Option<(Date, Date)>,
    unpaid_due: Option<Date>,
    head_meeting: bool,
}

/// The facts the next touch of each open holding `a` (joined with its client `c`) that meets
/// `cond` is planned from, in client order, each with the earliest due date of its client's
/// unpaid invoices. The day of a touch is its stored (UTC) date, as the dead-client rule reads
/// it.
async fn rows_in(conn: Conn<'_>, cond: &str) -> Result<Vec<TouchRow>, CoreError> {
    let sql = format!(
        "SELECT a.client_id, c.tier, c.potential_minor, a.employee_id, a.started_on, \
         (SELECT MAX(v.occurred_at) FROM activities v WHERE v.client_id = a.client_id) AS last_act, \
         (SELECT MIN(t.due_on) FROM tasks t WHERE t.client_id = a.client_id AND t.status = 'open') AS next_task, \
         (SELECT MIN(r.due_on) FROM receivables r WHERE r.client_id = a.client_id AND r.paid_on IS NULL) AS unpaid_due \
         FROM assignments a JOIN clients c ON c.id = a.client_id \
         WHERE a.ended_on IS NULL AND {cond} ORDER BY a.client_id"
    );
    q_all!(conn, TouchRow, &sql)
}

impl TouchRow {
    fn facts(&self) -> Result<TouchFacts, CoreError> {
        Ok(TouchFacts {
            client_id: self.client_id.into(),
            tier: word(&self.tier)?,
            holder: self.employee_id.into(),
            held_since: self.started_on,
            last_touch: self.last_act.map(|t| t.date()),
            next_task: self.next_task,
        })
    }
}

/// The facts of the holdings inside `scope` that meet `cond`, only those whose touch the
/// cadence plans by `due_by` when it is given (their kept plan says so).
pub(crate) async fn facts_of(
    conn: Conn<'_>,
    scope: &Scope,
    cond: &str,
    due_by: Option<Date>,
) -> Result<Vec<TouchFacts>, CoreError> {
    let due = due_by.map_or_else(|| "1 = 1".to_string(), |d| format!("a.touch_due_on <= '{d}'"));
    let cond = format!("{cond} AND {due} AND {}", holding_scope(conn.dialect(), scope));
    rows_in(conn, &cond).await?.iter().map(TouchRow::facts).collect()
}

/// Plans the stale holdings again inside `tx` (called by its commit). Costs one index probe
/// when nothing is stale.
pub(crate) async fn replan_stale(tx: &mut Tx) -> Result<(), CoreError> {
    let any: Vec<(DbId,)> =
        q_all!(tx.conn(), (DbId,), "SELECT a.client_id FROM assignments a WHERE a.plan_stale LIMIT 1")?;
    if any.is_empty() {
        return Ok(());
    }
    let settings = crate::settings::settings_in(tx.conn()).await?;
    let (cadence, meetings) = (TouchCadence::from_settings(&settings), MeetingRule::from_settings(&settings));
    let mut kept: Vec<Kept> = Vec::new();
    for r in rows_in(tx.conn(), "a.plan_stale").await? {
        let facts = r.facts()?;
        kept.push(Kept {
            client: r.client_id,
            touch: PlannedTouch::of(&facts, &cadence).kept(),
            unpaid_due: r.unpaid_due,
            head_meeting: meetings.needs(facts.tier, r.potential_minor),
        });
    }
    keep(tx.conn(), &kept).await?;
    q_exec!(tx.conn(), "UPDATE assignments SET plan_stale = FALSE WHERE plan_stale")?;
    Ok(())
}

/// Marks every open holding stale (a setting the rules read changed): its transaction plans
/// them again.
pub(crate) async fn all_stale(conn: Conn<'_>) -> Result<(), CoreError> {
    q_exec!(conn, "UPDATE assignments SET plan_stale = TRUE WHERE ended_on IS NULL AND NOT plan_stale")?;
    Ok(())
}

/// Writes what each client's open holding keeps.
async fn keep(conn: Conn<'_>, kept: &[Kept]) -> Result<(), CoreError> {
    match conn {
        Conn::Sqlite(c) => {
            let sql = "UPDATE assignments SET touch_due_on = $2, touch_late_after = $3, unpaid_due_on = $4, \
                       head_meeting = $5 WHERE client_id = $1 AND ended_on IS NULL";
            for k in kept {
                sqlx::query(sql)
                    .bind(k.client)
                    .bind(k.touch.map(|p| p.0))
                    .bind(k.touch.map(|p| p.1))
                    .bind(k.unpaid_due)
                    .bind(k.head_meeting)
                    .execute(&mut *c)
                    .await
                    .map_err(crate::sql::db_err)?;
            }
        }
        Conn::Pg(c) => {
            // One statement per ten thousand holdings rather than a round trip each.
            let sql = "UPDATE assignments a SET touch_due_on = v.due, touch_late_after = v.late, \
                       unpaid_due_on = v.unpaid, head_meeting = v.meeting \
                       FROM UNNEST($1::uuid[], $2::date[], $3::date[], $4::date[], $5::boolean[]) \
                       AS v(client_id, due, late, unpaid, meeting) WHERE a.client_id = v.client_id AND a.ended_on IS NULL";
            for chunk in kept.chunks(10_000) {
                sqlx::query(sql)
                    .bind(chunk.iter().map(|k| k.client.0).collect::<Vec<uuid::Uuid>>())
                    .bind(chunk.iter().map(|k| k.touch.map(|p| p.0)).collect::<Vec<Option<Date>>>())
                    .bind(chunk.iter().map(|k| k.touch.map(|p| p.1)).collect::<Vec<Option<Date>>>())
                    .bind(chunk.iter().map(|k| k.unpaid_due).collect::<Vec<Option<Date>>>())
                    .bind(chunk.iter().map(|k| k.head_meeting).collect::<Vec<bool>>())
                    .execute(&mut *c)
                    .await
                    .map_err(crate::sql::db_err)?;
            }
        }
    }
    Ok(())
}
