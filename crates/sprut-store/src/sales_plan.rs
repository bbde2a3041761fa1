//! Sales plans in the database: what a team's plans are read from (its reps' holdings, their
//! won deals, the heads' words on months) and the heads' words themselves, audited.

use crate::audit;
use crate::id::{opt, DbId, ToDb};
use crate::people::employee_in;
use crate::rows::word;
use crate::sql::{q_all, q_exec};
use crate::Db;
use sprut_core::employee::Role;
use sprut_core::sales_plan::{Held, MonthSetting, Period, PlanInputs, SalesPlanStore, Won};
use sprut_core::{Actor, CoreError, EmployeeId, Reason, TeamId};
use time::Date;

#[derive(sqlx::FromRow)]
struct HeldRow {
    client_id: DbId,
    client_name: String,
    employee_id: DbId,
    kind: String,
    potential_minor: i64,
    tier: String,
    started_on: Date,
    ended_on: Option<Date>,
    end_reason: Option<String>,
    came_by: Option<String>,
    came_from: Option<DbId>,
    went_to: Option<DbId>,
}

/// The holdings of the team's reps that overlap `[$2, $3)` or end on its first day, each with
/// how and from whom it came and to whom it went.
const HELD_SQL: &str = "SELECT a.client_id, c.name AS client_name, a.employee_id, a.kind, c.potential_minor, c.tier, \
     a.started_on, a.ended_on, a.end_reason, \
     (SELECT p.end_reason FROM assignments p WHERE p.client_id = a.client_id AND p.id <> a.id \
        AND p.ended_on IS NOT NULL AND p.ended_on <= a.started_on ORDER BY p.ended_on DESC LIMIT 1) AS came_by, \
     (SELECT p.employee_id FROM assignments p WHERE p.client_id = a.client_id AND p.id <> a.id \
        AND p.ended_on IS NOT NULL AND p.ended_on <= a.started_on ORDER BY p.ended_on DESC LIMIT 1) AS came_from, \
     (SELECT n.employee_id FROM assignments n WHERE n.client_id = a.client_id AND n.id <> a.id \
        AND a.ended_on IS NOT NULL AND n.started_on >= a.ended_on ORDER BY n.started_on LIMIT 1) AS went_to \
     FROM assignments a JOIN employees e ON e.id = a.employee_id JOIN clients c ON c.id = a.client_id \
     WHERE e.team_id = $1 AND e.role = 'rep' AND a.started_on < $3 AND (a.ended_on IS NULL OR a.ended_on >= $2) \
     ORDER BY a.started_on, a.client_id";

/// Won deals credited to the team's reps in `[$2, $3)`, each marked when it is its client's first.
const WON_SQL: &str = "SELECT d.credited_to, d.closed_on, d.amount_minor, \
     CAST(CASE WHEN EXISTS (SELECT 1 FROM deals x WHERE x.client_id = d.client_id AND x.stage = 'won' \
        AND (x.closed_on < d.closed_on OR (x.closed_on = d.closed_on AND x.id < d.id))) THEN 0 ELSE 1 END AS BIGINT) AS first \
     FROM deals d JOIN employees e ON e.id = d.credited_to \
     WHERE e.team_id = $1 AND e.role = 'rep' AND d.stage = 'won' AND d.closed_on >= $2 AND d.closed_on < $3 \
     ORDER BY d.closed_on, d.id";

#[derive(sqlx::FromRow)]
struct SettingRow {
    employee_id: DbId,
    month: Date,
    plan_minor: Option<i64>,
    new_clients: Option<i64>,
    first_sales: Option<i64>,
    reason: String,
    set_by: Option<DbId>,
}

impl SalesPlanStore for Db {
    async fn plan_inputs(&self, team: TeamId, period: Period) -> Result<PlanInputs, CoreError> {
        let mut r = self.read().await?;
        let reps: Vec<(DbId, String, Option<String>)> = q_all!(
            r.conn(),
            (DbId, String, Option<String>),
            "SELECT id, name, specialisation FROM employees WHERE team_id = $1 AND role = 'rep' ORDER BY name, id",
            team.db()
        )?;
        let reps = reps.into_iter().map(|(id, name, s)| (id.into(), name, s.as_deref() == Some("hunter"))).collect();
        let rows = q_all!(r.conn(), HeldRow, HELD_SQL, team.db(), period.from, period.until)?;
        let held = rows
            .into_iter()
            .map(|h| {
                Ok(Held {
                    client_id: h.client_id.into(),
                    client_name: h.client_name,
                    employee_id: h.employee_id.into(),
                    kind: word(&h.kind)?,
                    potential_minor: h.potential_minor,
                    tier: word(&h.tier)?,
                    started_on: h.started_on,
                    ended_on: h.ended_on,
                    end_reason: h.end_reason.as_deref().map(word).transpose()?,
                    came_by: h.came_by.as_deref().map(word).transpose()?,
                    came_from: h.came_from.map(Into::into),
                    went_to: h.went_to.map(Into::into),
                })
            })
            .collect::<Result<Vec<_>, CoreError>>()?;
        let won: Vec<(DbId, Date, i64, i64)> =
            q_all!(r.conn(), (DbId, Date, i64, i64), WON_SQL, team.db(), period.from, period.until)?;
        let won = won
            .into_iter()
            .map(|(e, on, amount, first)| Won {
                employee_id: e.into(),
                closed_on: on,
                amount_minor: amount,
                first: first != 0,
            })
            .collect();
        let settings = q_all!(
            r.conn(),
            SettingRow,
            "SELECT m.employee_id, m.month, m.plan_minor, m.new_clients, m.first_sales, m.reason, m.set_by \
             FROM sales_plan_months m JOIN employees e ON e.id = m.employee_id \
             WHERE e.team_id = $1 AND m.month >= $2 AND m.month < $3 ORDER BY m.month",
            team.db(),
            period.from,
            period.until
        )?;
        let settings = settings
            .into_iter()
            .map(|s| {
                let setting = MonthSetting {
                    plan_minor: s.plan_minor,
                    new_clients: s.new_clients,
                    first_sales: s.first_sales,
                    reason: s.reason,
                    set_by: s.set_by.map(Into::into),
                };
                (s.employee_id.into(), s.month, setting)
            })
            .collect();
        Ok(PlanInputs { reps, held, won, settings })
    }

    async fn set_month(
        &self,
        actor: &Actor,
        employee: EmployeeId,
        month: Date,
        setting: &MonthSetting,
    ) -> Result<(), CoreError> {
        let mut tx = self.write().await?;
        let e = employee_in(tx.conn(), employee).await.map_err(|_| CoreError::field("employee", Reason::NoSuchRep))?;
        if e.role != Role::Rep {
            return Err(CoreError::field("employee", Reason::NoSuchRep));
        }
        q_exec!(
            tx.conn(),
            "DELETE FROM sales_plan_months WHERE employee_id = $1 AND month = $2",
            employee.db(),
            month
        )?;
        let cleared = setting.plan_minor.is_none() && setting.new_clients.is_none() && setting.first_sales.is_none();
        if !cleared {
            q_exec!(
                tx.conn(),
                "INSERT INTO sales_plan_months (employee_id, month, plan_minor, new_clients, first_sales, reason, set_by, set_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                employee.db(),
                month,
                setting.plan_minor,
                setting.new_clients,
                setting.first_sales,
                &setting.reason,
                opt(&setting.set_by),
                actor.now,
            )?;
        }
        let details = serde_json::json!({ "employee": employee, "month": month, "plan_minor": setting.plan_minor,
            "new_clients": setting.new_clients, "first_sales": setting.first_sales, "reason": setting.reason });
        audit::record(&mut tx, actor, "sales_plan.set", "employee", &employee.to_string(), details).await?;
        tx.commit().await
    }
}
