//! The head's decisions (extend, recall, archive) and the reps' weekly reports, each in one
//! transaction with its audit event; and the record of every decision, person's or rule's.

use crate::audit;
use crate::bulk::{insert_all, insert_rows, Val};
use crate::clients::client_in;
use crate::holding::{end_assignment_in, open_assignment};
use crate::id::{opt, DbId, ToDb};
use crate::kept::cycle_samples_kept_in;
use crate::rotation::facts::reps_in;
use crate::rows::{why_of, why_text, word, AssignmentRow, ASSIGNMENT_COLS};
use crate::sql::{q_all, q_exec, q_opt, q_scalar, Conn, Tx};
use crate::Db;
use sprut_core::assignment::{Assignment, AssignmentKind, EndAssignment, EndReason, NewAssignment};
use sprut_core::rules::cycle::CycleTable;
use sprut_core::rules::day::RotationPolicy;
use sprut_core::rules::extension::{check_extension, ExtensionRequest};
use sprut_core::rules::reports::{week_of, ReportStatus};
use sprut_core::rules::store::{Decision, DecisionKind, NewReport, NewRest, Report};
use sprut_core::rules::why::RuleWhy;
use sprut_core::scope::Scope;
use sprut_core::validate::Checks;
use sprut_core::Conflict;
use sprut_core::Reason;
use sprut_core::{Actor, AssignmentId, ClientId, CoreError, EmployeeId};
use time::{Date, Duration, OffsetDateTime};

/// Columns of a stored decision, in [`decision_row`]'s order.
const DECISION_COLS: &[&str] = &[
    "id",
    "client_id",
    "assignment_id",
    "kind",
    "on_date",
    "reason",
    "decided_by",
    "rule",
    "figures",
    "why",
    "created_at",
];

/// The values of decision `d` as a new row.
fn decision_row(d: &Decision) -> Vec<Val> {
    vec![
        DbId(uuid::Uuid::now_v7()).into(),
        d.client_id.db().into(),
        opt(&d.assignment_id).into(),
        d.kind.as_str().into(),
        d.on_date.into(),
        d.reason.as_str().into(),
        opt(&d.decided_by).into(),
        d.rule.as_deref().into(),
        d.figures.as_ref().map(|f| f.to_string()).into(),
        why_text(d.why.as_ref()).into(),
        d.created_at.into(),
    ]
}

/// Stores `d` inside `tx`.
pub(crate) async fn record_decision(tx: &mut Tx, d: &Decision) -> Result<(), CoreError> {
    record_decisions(tx, std::slice::from_ref(d)).await
}

/// Stores `decisions` inside `tx`, many rows to a statement.
pub(crate) async fn record_decisions(tx: &mut Tx, decisions: &[Decision]) -> Result<(), CoreError> {
    let rows = decisions.iter().map(decision_row).collect();
    insert_rows(tx.conn(), "rotation_decisions", DECISION_COLS, rows, "").await
}

/// Starts `rests` inside `tx`; the database refuses a second open rest of a client.
pub(crate) async fn start_rests(tx: &mut Tx, rests: &[NewRest], now: OffsetDateTime) -> Result<(), CoreError> {
    let rows = rests
        .iter()
        .map(|r| {
            vec![
                DbId(uuid::Uuid::now_v7()).into(),
                r.client.db().into(),
                r.released_by.db().into(),
                r.from.into(),
                r.until.into(),
                now.into(),
            ]
        })
        .collect();
    let cols = &["id", "client_id", "released_by", "from_on", "until_on", "created_at"];
    insert_rows(tx.conn(), "rests", cols, rows, "").await
}

/// The open assignment of `client`, or a conflict saying it rests or is not held.
async fn open_of(tx: &mut Tx, client: ClientId) -> Result<Assignment, CoreError> {
    client_in(tx.conn(), client).await?;
    let sql = format!("SELECT {ASSIGNMENT_COLS} FROM assignments WHERE client_id = $1 AND ended_on IS NULL");
    if let Some(row) = q_opt!(tx.conn(), AssignmentRow, &sql, client.db())? {
        return row.into_assignment();
    }
    let rest: Option<(Date,)> = q_opt!(
        tx.conn(),
        (Date,),
        "SELECT until_on FROM rests WHERE client_id = $1 AND ended_on IS NULL",
        client.db()
    )?;
    Err(CoreError::Conflict(match rest {
        Some((until,)) => Conflict::RestingUntil { until },
        None => Conflict::NotHeldNow,
    }))
}

/// Refuses `text` when blank, naming `field`.
fn reason_text(field: &str, text: &str) -> Result<String, CoreError> {
    let mut c = Checks::new();
    let t = c.text(field, text, 2000);
    c.finish()?;
    Ok(t)
}

/// The sales cycle of `client` as of `today`.
async fn cycle_of(conn: Conn<'_>, client: ClientId, today: Date, policy: &RotationPolicy) -> Result<i64, CoreError> {
    let mut conn = conn;
    let table = CycleTable::build(&cycle_samples_kept_in(conn.reborrow(), today).await?);
    let (segment, in_group): (Option<String>, i64) = q_opt!(
        conn,
        (Option<String>, i64),
        "SELECT c.segment, CAST(CASE WHEN c.parent_id IS NOT NULL OR EXISTS (SELECT 1 FROM clients k \
           WHERE k.parent_id = c.id) THEN 1 ELSE 0 END AS BIGINT) FROM clients c WHERE c.id = $1",
        client.db()
    )?
    .ok_or(CoreError::NotFound("client"))?;
    Ok(table.cycle_for(segment.as_deref(), in_group != 0, &policy.cycle).days)
}

impl Db {
    pub(crate) async fn extend_tx(
        &self,
        actor: &Actor,
        client: ClientId,
        req: &ExtensionRequest,
        today: Date,
        policy: &RotationPolicy,
    ) -> Result<Decision, CoreError> {
        let mut tx = self.write().await?;
        let open = open_of(&mut tx, client).await?;
        let (Some(due), AssignmentKind::Development) = (open.due_on, open.kind) else {
            return Err(CoreError::Conflict(Conflict::OnlyDevelopmentExtends));
        };
        let ext: Option<Date> = q_scalar!(
            tx.conn(),
            Option<Date>,
            "SELECT MAX(until_on) FROM extensions WHERE assignment_id = $1",
            open.id.db()
        )?;
        let current_due = ext.map_or(due, |e| e.max(due));
        let cycle_days = (due - open.started_on).whole_days().max(1);
        check_extension(req, current_due, cycle_days, policy.max_extension_multiple, today)?;
        let text = req.text.trim().to_string();
        q_exec!(
            tx.conn(),
            "INSERT INTO extensions (id, client_id, assignment_id, holder_id, reason, text, until_on, decided_by, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            DbId(uuid::Uuid::now_v7()),
            client.db(),
            open.id.db(),
            open.employee_id.db(),
            req.reason.as_str(),
            &text,
            req.until,
            opt(&actor.employee_id),
            actor.now,
        )?;
        let d = Decision {
            client_id: client,
            assignment_id: Some(open.id),
            kind: DecisionKind::Extend,
            on_date: today,
            reason: format!("{}: {text}; until {}", req.reason, req.until),
            decided_by: actor.employee_id,
            rule: Some("extension".into()),
            figures: Some(serde_json::json!({"current_due": current_due, "cycle_days": cycle_days,
                "max_multiple": policy.max_extension_multiple, "until": req.until})),
            why: None,
            created_at: actor.now,
        };
        record_decision(&mut tx, &d).await?;
        audit::record(
            &mut tx,
            actor,
            "client.extend",
            "client",
            &client.to_string(),
            serde_json::to_value(&d).unwrap_or_default(),
        )
        .await?;
        tx.commit().await?;
        Ok(d)
    }

    pub(crate) async fn recall_tx(
        &self,
        actor: &Actor,
        client: ClientId,
        to: Option<EmployeeId>,
        reason: &str,
        today: Date,
        policy: &RotationPolicy,
    ) -> Result<Decision, CoreError> {
        let reason = reason_text("reason", reason)?;
        let mut tx = self.write().await?;
        let open = open_of(&mut tx, client).await?;
        if let Some(rep) = to {
            if rep == open.employee_id {
                return Err(CoreError::field("to", Reason::HeldAlready));
            }
            let reps = reps_in(tx.conn(), &Scope::All).await?;
            let Some(r) = reps.iter().find(|r| r.employee_id == rep) else {
                return Err(CoreError::field("to", Reason::NoSuchRep));
            };
            if r.development_load >= r.capacity {
                return Err(CoreError::field(
                    "to",
                    Reason::NoCapacity { load: r.development_load, capacity: r.capacity },
                ));
            }
        }
        let end = EndAssignment { ended_on: today, reason: EndReason::Recalled, explanation: reason.clone() };
        end_assignment_in(&mut tx, actor, client, end, None).await?;
        let (kind, assignment_id) = match to {
            None => {
                let until = today + Duration::days(policy.rest_days);
                let rest = NewRest { client, released_by: open.employee_id, from: today, until };
                start_rests(&mut tx, &[rest], actor.now).await?;
                (DecisionKind::RecallToRest, Some(open.id))
            }
            Some(rep) => {
                let days = cycle_of(tx.conn(), client, today, policy).await?;
                let new = NewAssignment {
                    employee_id: rep,
                    kind: AssignmentKind::Development,
                    started_on: today,
                    due_on: Some(today + Duration::days(days)),
                    explanation: format!(
                        "recalled from the previous holder by the head: {reason}; development for {days} days"
                    ),
                };
                let mut a = new.into_assignment(client, actor.employee_id, actor.now)?;
                a.why = Some(RuleWhy::Recalled { reason: reason.clone(), days });
                open_assignment(&mut tx, actor, &a).await?;
                (DecisionKind::RecallToRep, Some(a.id))
            }
        };
        let d = Decision {
            client_id: client,
            assignment_id,
            kind,
            on_date: today,
            reason,
            decided_by: actor.employee_id,
            rule: None,
            figures: None,
            why: None,
            created_at: actor.now,
        };
        record_decision(&mut tx, &d).await?;
        tx.commit().await?;
        Ok(d)
    }

    pub(crate) async fn archive_tx(
        &self,
        actor: &Actor,
        client: ClientId,
        reason: &str,
        today: Date,
    ) -> Result<Decision, CoreError> {
        let reason = reason_text("reason", reason)?;
        let mut tx = self.write().await?;
        let c = client_in(tx.conn(), client).await?;
        if c.client.status.as_str() == "archived" {
            return Err(CoreError::Conflict(Conflict::Archived));
        }
        let held: Option<(DbId,)> = q_opt!(
            tx.conn(),
            (DbId,),
            "SELECT id FROM assignments WHERE client_id = $1 AND ended_on IS NULL",
            client.db()
        )?;
        if held.is_some() {
            let end = EndAssignment { ended_on: today, reason: EndReason::Archived, explanation: reason.clone() };
            end_assignment_in(&mut tx, actor, client, end, None).await?;
        }
        q_exec!(
            tx.conn(),
            "UPDATE rests SET ended_on = $2 WHERE client_id = $1 AND ended_on IS NULL",
            client.db(),
            today
        )?;
        q_exec!(
            tx.conn(),
            "UPDATE clients SET status = 'archived', updated_at = $2 WHERE id = $1",
            client.db(),
            actor.now
        )?;
        let d = Decision {
            client_id: client,
            assignment_id: held.map(|(id,)| AssignmentId::from(id)),
            kind: DecisionKind::Archive,
            on_date: today,
            reason,
            decided_by: actor.employee_id,
            rule: None,
            figures: None,
            why: None,
            created_at: actor.now,
        };
        record_decision(&mut tx, &d).await?;
        audit::record(
            &mut tx,
            actor,
            "client.archive",
            "client",
            &client.to_string(),
            serde_json::to_value(&d).unwrap_or_default(),
        )
        .await?;
        tx.commit().await?;
        Ok(d)
    }

    pub(crate) async fn write_report_tx(
        &self,
        actor: &Actor,
        author: EmployeeId,
        r: &NewReport,
        today: Date,
    ) -> Result<Report, CoreError> {
        let mut c = Checks::new();
        let text = c.text("text", &r.text, 4000);
        let next_step = c.text("next_step", &r.next_step, 2000);
        let week = week_of(r.week);
        if week > week_of(today) {
            c.fail("week", Reason::AfterThisWeek { week: week_of(today) });
        }
        match (r.status, r.postponed_until) {
            (ReportStatus::Postponed, None) => c.fail("postponed_until", Reason::Required),
            (ReportStatus::Postponed, Some(u)) if u <= today => c.fail("postponed_until", Reason::AfterToday { today }),
            (ReportStatus::Working | ReportStatus::Hopeless, Some(_)) => {
                c.fail("postponed_until", Reason::PostponedOnly)
            }
            _ => {}
        }
        c.finish()?;
        let mut tx = self.write().await?;
        let held: Option<(String,)> = q_opt!(
            tx.conn(),
            (String,),
            "SELECT kind FROM assignments WHERE client_id = $1 AND employee_id = $2 AND ended_on IS NULL",
            r.client_id.db(),
            author.db()
        )?;
        match held {
            None => return Err(CoreError::NotFound("client")),
            Some((kind,)) if kind != "development" => return Err(CoreError::Conflict(Conflict::ReportsOnDevelopment)),
            _ => {}
        }
        q_exec!(
            tx.conn(),
            "INSERT INTO status_reports (id, client_id, employee_id, week, status, postponed_until, text, next_step, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (client_id, employee_id, week) \
             DO UPDATE SET status = excluded.status, postponed_until = excluded.postponed_until, text = excluded.text, \
             next_step = excluded.next_step, created_at = excluded.created_at",
            DbId(uuid::Uuid::now_v7()),
            r.client_id.db(),
            author.db(),
            week,
            r.status.as_str(),
            r.postponed_until,
            &text,
            &next_step,
            actor.now,
        )?;
        let report = Report { employee_id: author, week, report: NewReport { week, text, next_step, ..r.clone() } };
        audit::record(
            &mut tx,
            actor,
            "client.report",
            "client",
            &r.client_id.to_string(),
            serde_json::to_value(&report).unwrap_or_default(),
        )
        .await?;
        tx.commit().await?;
        Ok(report)
    }

    pub(crate) async fn report_list(&self, client: ClientId) -> Result<Vec<Report>, CoreError> {
        let mut r = self.read().await?;
        client_in(r.conn(), client).await?;
        type Row = (DbId, Date, String, Option<Date>, String, String);
        let rows: Vec<Row> = q_all!(
            r.conn(),
            Row,
            "SELECT employee_id, week, status, postponed_until, text, next_step FROM status_reports \
             WHERE client_id = $1 ORDER BY week DESC, created_at DESC",
            client.db()
        )?;
        rows.into_iter()
            .map(|(e, week, status, postponed_until, text, next_step)| {
                Ok(Report {
                    employee_id: e.into(),
                    week,
                    report: NewReport {
                        client_id: client,
                        week,
                        status: word(&status)?,
                        postponed_until,
                        text,
                        next_step,
                    },
                })
            })
            .collect()
    }

    pub(crate) async fn decision_list(&self, client: ClientId) -> Result<Vec<Decision>, CoreError> {
        let mut r = self.read().await?;
        client_in(r.conn(), client).await?;
        type Row = (
            Option<DbId>,
            String,
            Date,
            String,
            Option<DbId>,
            Option<String>,
            Option<String>,
            Option<String>,
            OffsetDateTime,
        );
        let rows: Vec<Row> = q_all!(
            r.conn(),
            Row,
            "SELECT assignment_id, kind, on_date, reason, decided_by, rule, figures, why, created_at FROM rotation_decisions \
             WHERE client_id = $1 ORDER BY created_at, id",
            client.db()
        )?;
        rows.into_iter()
            .map(|(a, kind, on_date, reason, by, rule, figures, why, created_at)| {
                Ok(Decision {
                    client_id: client,
                    assignment_id: a.map(Into::into),
                    kind: word(&kind)?,
                    on_date,
                    reason,
                    decided_by: by.map(Into::into),
                    rule,
                    figures: figures.and_then(|f| serde_json::from_str(&f).ok()),
                    why: why_of(why.as_deref()),
                    created_at,
                })
            })
            .collect()
    }
}

/// Inserts `opened` without the checks of a head's assignment (the rule already chose each
/// holder), many rows to a statement, with their audit events in one append.
pub(crate) async fn open_by_rule(tx: &mut Tx, actor: &Actor, opened: &[Assignment]) -> Result<(), CoreError> {
    insert_all(tx.conn(), opened).await?;
    let events: Vec<_> = opened
        .iter()
        .map(|a| {
            let details = serde_json::to_value(a).unwrap_or_default();
            audit::event(actor, "assignment.open", "client", &a.client_id.to_string(), details)
        })
        .collect();
    audit::append(tx, &events).await?;
    crate::holding::follow(tx, actor, opened).await
}
