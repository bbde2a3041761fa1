//! What a day's work list reads: open tasks, the facts planned touches come from, and overdue
//! invoices, each one query over the scope's clients.

use crate::id::{DbId, ToDb};
use crate::rotation::facts::holding_scope;
use crate::rows::{all, word, DealRow, ReceivableRow, TaskRow, DEAL_COLS, RECEIVABLE_COLS, TASK_COLS};
use crate::scope::{people_sql, scope_sql};
use crate::sql::{q_all, sqlite_index};
use crate::Db;
use sprut_core::aging::HeldReceivable;
use sprut_core::board::PhaseTotal;
use sprut_core::deal::Deal;
use sprut_core::meeting::{MeetingFacts, MeetingHeld};
use sprut_core::receivable::Receivable;
use sprut_core::scope::OwnerFilter;
use sprut_core::scope::Scope;
use sprut_core::store::WorkbenchStore;
use sprut_core::task::Task;
use sprut_core::touch::TouchFacts;
use sprut_core::workday::RepDay;
use sprut_core::{ClientId, CoreError, EmployeeId};
use std::collections::{BTreeMap, HashMap};
use time::{Date, OffsetDateTime};

#[derive(sqlx::FromRow)]
struct HeldRow {
    #[sqlx(flatten)]
    receivable: ReceivableRow,
    holder_id: Option<DbId>,
    holder_team: Option<DbId>,
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    client_id: DbId,
    employee_id: DbId,
    head_id: Option<DbId>,
    started_on: Date,
}

impl WorkbenchStore for Db {
    async fn open_tasks(
        &self,
        scope: &Scope,
        owner: Option<EmployeeId>,
        due_by: Option<Date>,
    ) -> Result<Vec<Task>, CoreError> {
        let mut read = self.read().await?;
        let sql = format!(
            "SELECT {TASK_COLS} FROM tasks t WHERE t.status = 'open' AND {} \
             AND ($1 IS NULL OR t.due_on <= $1) AND {} ORDER BY t.due_on, t.id",
            whose(read.conn().dialect(), "t.owner_id", owner, scope),
            scope_sql(read.conn().dialect(), scope, "t.client_id")
        );
        all(q_all!(read.conn(), TaskRow, &sql, due_by)?, TaskRow::into_task)
    }

    async fn touch_facts(
        &self,
        scope: &Scope,
        holder: Option<EmployeeId>,
        due_by: Option<Date>,
    ) -> Result<Vec<TouchFacts>, CoreError> {
        let mut read = self.read().await?;
        let holder = picked(read.conn().dialect(), "a.employee_id", &OwnerFilter { owner_id: holder, team_id: None });
        crate::holding_plan::facts_of(read.conn(), scope, &holder, due_by).await
    }

    async fn rep_day_counts(&self, scope: &Scope, today: Date, week: Date) -> Result<Vec<RepDay>, CoreError> {
        let mut read = self.read().await?;
        let d = read.conn().dialect();
        // The work of the reps the scope oversees, whoever holds the client a task or deal is on.
        let (held, owned) = (holding_scope(d, scope), people_sql(d, scope, "t.owner_id"));
        let mut reps: BTreeMap<EmployeeId, RepDay> = BTreeMap::new();
        let sql = format!(
            "SELECT t.owner_id, CAST(SUM(CASE WHEN t.due_on < $1 THEN 1 ELSE 0 END) AS BIGINT), COUNT(*) FROM tasks t \
             WHERE t.status = 'open' AND t.due_on <= $1 AND {owned} GROUP BY t.owner_id"
        );
        for (who, overdue, all) in q_all!(read.conn(), (DbId, i64, i64), &sql, today)? {
            let r = rep(&mut reps, who);
            (r.overdue_tasks, r.tasks_today) = (count(overdue), count(all - overdue));
        }
        let sql = format!(
            "SELECT a.employee_id, COUNT(*), CAST(SUM(CASE WHEN a.touch_late_after < $1 THEN 1 ELSE 0 END) AS BIGINT) \
             FROM assignments a WHERE a.ended_on IS NULL AND a.touch_due_on <= $1 AND {held} GROUP BY a.employee_id"
        );
        for (who, due, late) in q_all!(read.conn(), (DbId, i64, i64), &sql, today)? {
            let r = rep(&mut reps, who);
            (r.touches_due, r.touches_long_overdue) = (count(due), count(late));
        }
        // Only the holdings whose earliest unpaid invoice is overdue are looked into.
        let sql = format!(
            "SELECT a.employee_id, COUNT(*) FROM assignments a JOIN receivables r ON r.client_id = a.client_id \
             AND r.paid_on IS NULL AND r.due_on < $1 WHERE a.ended_on IS NULL AND a.unpaid_due_on < $1 AND {held} \
             GROUP BY a.employee_id"
        );
        for (who, n) in q_all!(read.conn(), (DbId, i64), &sql, today)? {
            rep(&mut reps, who).overdue_invoices = count(n);
        }
        // The developments held for all of the week, less those their holder reported on.
        let sql = format!(
            "SELECT a.employee_id, COUNT(*) FROM assignments a {} WHERE a.ended_on IS NULL \
             AND a.kind = 'development' AND a.started_on <= $1 AND {held} GROUP BY a.employee_id",
            sqlite_index(d, "assignments_development_open")
        );
        for (who, n) in q_all!(read.conn(), (DbId, i64), &sql, week)? {
            rep(&mut reps, who).reports_owed = count(n);
        }
        let sql = format!(
            "SELECT a.employee_id, COUNT(DISTINCT a.client_id) FROM status_reports r JOIN assignments a \
             ON a.client_id = r.client_id AND a.employee_id = r.employee_id AND a.ended_on IS NULL \
             AND a.kind = 'development' AND a.started_on <= $1 WHERE r.week >= $1 AND r.week < $2 AND {held} \
             GROUP BY a.employee_id"
        );
        for (who, n) in q_all!(read.conn(), (DbId, i64), &sql, week, week + time::Duration::days(7))? {
            let r = rep(&mut reps, who);
            r.reports_owed = r.reports_owed.saturating_sub(count(n));
        }
        let sql = format!(
            "SELECT t.owner_id, COUNT(*) FROM deals t WHERE t.stage = 'open' AND t.expected_close_on < $1 \
             AND {owned} GROUP BY t.owner_id"
        );
        for (who, n) in q_all!(read.conn(), (DbId, i64), &sql, today)? {
            rep(&mut reps, who).late_deals = count(n);
        }
        Ok(reps.into_values().filter(|r| *r != RepDay { employee_id: r.employee_id, ..RepDay::default() }).collect())
    }

    async fn overdue_receivables(
        &self,
        scope: &Scope,
        holder: Option<EmployeeId>,
        today: Date,
    ) -> Result<Vec<Receivable>, CoreError> {
        let mut read = self.read().await?;
        let sql = format!(
            "SELECT {RECEIVABLE_COLS} FROM receivables t LEFT JOIN assignments h ON h.client_id = t.client_id \
             AND h.ended_on IS NULL WHERE t.paid_on IS NULL AND t.due_on < $1 AND {} AND {} ORDER BY t.due_on, t.id",
            whose(read.conn().dialect(), "h.employee_id", holder, scope),
            scope_sql(read.conn().dialect(), scope, "t.client_id")
        );
        all(q_all!(read.conn(), ReceivableRow, &sql, today)?, ReceivableRow::into_receivable)
    }

    async fn unpaid_receivables(&self, scope: &Scope, f: &OwnerFilter) -> Result<Vec<HeldReceivable>, CoreError> {
        let mut read = self.read().await?;
        let sql = format!(
            "SELECT {RECEIVABLE_COLS}, h.employee_id AS holder_id, e.team_id AS holder_team \
             FROM receivables t LEFT JOIN assignments h ON h.client_id = t.client_id AND h.ended_on IS NULL \
             LEFT JOIN employees e ON e.id = h.employee_id WHERE t.paid_on IS NULL \
             AND {} AND {} ORDER BY t.due_on, t.id",
            picked(read.conn().dialect(), "h.employee_id", f),
            scope_sql(read.conn().dialect(), scope, "t.client_id")
        );
        let rows = q_all!(read.conn(), HeldRow, &sql)?;
        all(rows, |r| {
            Ok(HeldReceivable {
                receivable: r.receivable.into_receivable()?,
                holder: r.holder_id.map(Into::into),
                team: r.holder_team.map(Into::into),
            })
        })
    }

    async fn meeting_facts(&self, scope: &Scope, client: Option<ClientId>) -> Result<Vec<MeetingFacts>, CoreError> {
        let mut read = self.read().await?;
        let dialect = read.conn().dialect();
        let only = client.map_or_else(|| "1 = 1".to_string(), |c| format!("a.client_id = '{}'", c.0.hyphenated()));
        // The holdings keep whether the rule (as saved in the settings) takes their client.
        let taken = format!("a.ended_on IS NULL AND a.head_meeting AND {only} AND {}", holding_scope(dialect, scope));
        // SQLite weighs a rep's holdings by the touch index as cheaply as by the few the rule
        // takes; it is told which to read.
        let hint = if client.is_none() { sqlite_index(dialect, "assignments_head_meeting") } else { String::new() };
        let sql = format!(
            "SELECT a.client_id, a.employee_id, m.head_id, a.started_on FROM assignments a {hint} \
             JOIN employees e ON e.id = a.employee_id LEFT JOIN teams m ON m.id = e.team_id \
             WHERE {taken} ORDER BY a.client_id"
        );
        let rows = q_all!(read.conn(), MeetingRow, &sql)?;
        // The meetings with a checklist and the planned head meetings of the same clients.
        let clients = format!("t.client_id IN (SELECT a.client_id FROM assignments a {hint} WHERE {taken})");
        let held_sql = format!(
            "SELECT t.client_id, t.occurred_at, t.author_id, t.participant_ids FROM activities t \
             WHERE t.checklist IS NOT NULL AND {clients}"
        );
        let held: Vec<(DbId, OffsetDateTime, Option<DbId>, String)> =
            q_all!(read.conn(), (DbId, OffsetDateTime, Option<DbId>, String), &held_sql)?;
        let planned_sql = format!(
            "SELECT {TASK_COLS} FROM tasks t WHERE t.status = 'open' AND t.kind = 'head_meeting' AND {clients}"
        );
        let planned = q_all!(read.conn(), TaskRow, &planned_sql)?;
        let mut meetings: HashMap<ClientId, Vec<MeetingHeld>> = HashMap::new();
        for (client, at, author, people) in held {
            let mut people: Vec<EmployeeId> = crate::rows::json_list(&people)?;
            people.extend(author.map(EmployeeId::from));
            meetings.entry(client.into()).or_default().push(MeetingHeld { on: at.date(), people });
        }
        let mut tasks: HashMap<ClientId, Vec<Task>> = HashMap::new();
        for row in planned {
            let t = row.into_task()?;
            tasks.entry(t.client_id).or_default().push(t);
        }
        rows.into_iter()
            .map(|r| {
                let client_id: ClientId = r.client_id.into();
                Ok(MeetingFacts {
                    client_id,
                    holder: r.employee_id.into(),
                    head_id: r.head_id.map(Into::into),
                    held_since: r.started_on,
                    meetings: meetings.remove(&client_id).unwrap_or_default(),
                    planned: tasks.remove(&client_id).unwrap_or_default(),
                })
            })
            .collect()
    }

    async fn late_deals(&self, scope: &Scope, owner: Option<EmployeeId>, today: Date) -> Result<Vec<Deal>, CoreError> {
        let mut read = self.read().await?;
        let sql = format!(
            "SELECT {DEAL_COLS} FROM deals t WHERE t.stage = 'open' AND t.expected_close_on < $1 \
             AND {} AND {} ORDER BY t.expected_close_on, t.id",
            whose(read.conn().dialect(), "t.owner_id", owner, scope),
            scope_sql(read.conn().dialect(), scope, "t.client_id")
        );
        all(q_all!(read.conn(), DealRow, &sql, today)?, DealRow::into_deal)
    }

    async fn open_deals(&self, scope: &Scope, f: &OwnerFilter, per_phase: u32) -> Result<Vec<Deal>, CoreError> {
        let mut read = self.read().await?;
        let sql = format!(
            "SELECT {DEAL_COLS} FROM (SELECT d.*, ROW_NUMBER() OVER (PARTITION BY d.phase \
             ORDER BY d.expected_close_on IS NULL, d.expected_close_on, d.id) AS rn FROM deals d \
             WHERE d.stage = 'open' AND {}) t WHERE t.rn <= $1 ORDER BY t.phase, t.rn",
            board_where(read.conn().dialect(), scope, f)
        );
        let rows = q_all!(read.conn(), DealRow, &sql, i64::from(per_phase))?;
        all(rows, DealRow::into_deal)
    }

    async fn open_deal_totals(&self, scope: &Scope, f: &OwnerFilter) -> Result<Vec<PhaseTotal>, CoreError> {
        let mut read = self.read().await?;
        let sql = format!(
            "SELECT d.phase, d.currency, COUNT(*) AS deals, CAST(SUM(d.amount_minor) AS BIGINT) AS amount \
             FROM deals d WHERE d.stage = 'open' AND {} GROUP BY d.phase, d.currency ORDER BY d.phase, d.currency",
            board_where(read.conn().dialect(), scope, f)
        );
        let rows: Vec<(String, String, i64, i64)> = q_all!(read.conn(), (String, String, i64, i64), &sql)?;
        all(rows, |(phase, currency, deals, amount)| {
            Ok(PhaseTotal {
                phase: word(&phase)?,
                currency: crate::rows::currency(&currency)?,
                deals: u64::try_from(deals).unwrap_or(0),
                amount_minor: amount,
            })
        })
    }
}

/// The line of `id` in `reps`, started empty.
fn rep(reps: &mut BTreeMap<EmployeeId, RepDay>, id: DbId) -> &mut RepDay {
    let id = EmployeeId::from(id);
    reps.entry(id).or_insert_with(|| RepDay { employee_id: id, ..RepDay::default() })
}

/// A count from SQL as a count.
fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// The condition on `col` (an employee) for whose rows a day's list reads: one employee's, or,
/// for a head's teams, their members' (so each engine reads those rows from an index instead
/// of the whole table and filters them by scope afterwards).
fn whose(d: crate::sql::Dialect, col: &str, who: Option<EmployeeId>, scope: &Scope) -> String {
    match (who, scope) {
        (None, Scope::Teams(teams)) => crate::scope::team_members(d, col, teams),
        (owner_id, _) => picked(d, col, &OwnerFilter { owner_id, team_id: None }),
    }
}

/// The board's condition on deals `d`: inside `scope`, of whom `f` picks.
fn board_where(dialect: crate::sql::Dialect, scope: &Scope, f: &OwnerFilter) -> String {
    format!("{} AND {}", picked(dialect, "d.owner_id", f), scope_sql(dialect, scope, "d.client_id"))
}

/// The condition on `col` (an employee) for `f`: that employee, and a member of that team, each
/// when given, written out so each engine reads their rows from an index.
fn picked(dialect: crate::sql::Dialect, col: &str, f: &OwnerFilter) -> String {
    let owner = f.owner_id.map(|e| format!("{col} = '{}'", e.0.hyphenated()));
    let team = f.team_id.map(|t| crate::scope::team_members(dialect, col, &[t]));
    let parts: Vec<String> = owner.into_iter().chain(team).collect();
    if parts.is_empty() {
        "1 = 1".into()
    } else {
        parts.join(" AND ")
    }
}

/// Hands the open tasks of `client` owned by any of its former holders to `holder`, who
/// takes it now: a next step moves with the client. Returns how many moved.
pub(crate) async fn tasks_follow(
    conn: crate::sql::Conn<'_>,
    client: sprut_core::ClientId,
    holder: EmployeeId,
) -> Result<u64, CoreError> {
    crate::sql::q_exec!(
        conn,
        "UPDATE tasks SET owner_id = $2 WHERE client_id = $1 AND status = 'open' AND owner_id <> $2 \
         AND owner_id IN (SELECT p.employee_id FROM assignments p WHERE p.client_id = $1 AND p.ended_on IS NOT NULL)",
        client.db(),
        holder.db(),
    )
}
