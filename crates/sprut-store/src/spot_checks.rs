//! CRM spot checks: the week's draw kept once, what each verifier found, and the investigation
//! of data found wrong with the contact's history read from the audit log.

use crate::alerts::{upsert_alert, Count};
use crate::audit;
use crate::id::{DbId, ToDb};
use crate::job_runs::{claim_day, day_claimed};
use crate::rows::word;
use crate::scope::{quoted, scope_sql};
use crate::sql::{q_all, q_exec, q_opt, Conn, Tx};
use crate::Db;
use sprut_core::alert::{AlertKind, NewAlert};
use sprut_core::employee::Department;
use sprut_core::page::MAX_LIMIT;
use sprut_core::scope::Scope;
use sprut_core::spot_check::{
    Candidate, CheckResult, Drawn, Investigation, InvestigationStep, SpotCheck, Verifiers, REST_DAYS,
};
use sprut_core::store::SpotCheckStore;
use sprut_core::{Actor, Conflict, CoreError, EmployeeId, InvestigationId, SpotCheckId};
use time::{Date, Duration, OffsetDateTime};

/// The weekly job that draws the checks.
const DRAW: &str = "spot_checks";

#[derive(sqlx::FromRow)]
struct CheckRow {
    id: DbId,
    week: Date,
    seed: String,
    contact_id: DbId,
    client_id: DbId,
    holder_id: DbId,
    verifier_id: DbId,
    weight: i64,
    outcome: Option<String>,
    note: Option<String>,
    checked_on: Option<Date>,
    investigation_id: Option<DbId>,
}

/// Columns of [`CheckRow`].
const CHECK_COLS: &str = "s.id, s.week, s.seed, s.contact_id, s.client_id, s.holder_id, s.verifier_id, s.weight, \
                          s.outcome, s.note, s.checked_on, s.investigation_id";

impl CheckRow {
    fn into_check(self) -> Result<SpotCheck, CoreError> {
        Ok(SpotCheck {
            id: self.id.into(),
            week: self.week,
            seed: self.seed,
            contact_id: self.contact_id.into(),
            client_id: self.client_id.into(),
            holder_id: self.holder_id.into(),
            verifier_id: self.verifier_id.into(),
            weight: u32::try_from(self.weight).unwrap_or(0),
            outcome: self.outcome.as_deref().map(word).transpose()?,
            note: self.note,
            checked_on: self.checked_on,
            investigation_id: self.investigation_id.map(Into::into),
        })
    }
}

/// A contact that may be drawn: its id, client, holder, the client's tier, when verified, when
/// last drawn.
type CandidateRow = (DbId, DbId, DbId, String, Option<OffsetDateTime>, Option<Date>);

#[derive(sqlx::FromRow)]
struct InvestigationRow {
    id: DbId,
    check_id: DbId,
    contact_id: DbId,
    client_id: DbId,
    holder_id: DbId,
    outcome: String,
    note: Option<String>,
    history: String,
    explanation: Option<String>,
    finding: Option<String>,
    correction: Option<String>,
    opened_on: Date,
    closed_on: Option<Date>,
    closed_by: Option<DbId>,
    updated_at: OffsetDateTime,
}

/// Columns of [`InvestigationRow`].
const INVESTIGATION_COLS: &str = "i.id, i.check_id, i.contact_id, i.client_id, i.holder_id, i.outcome, i.note, \
                                  i.history, i.explanation, i.finding, i.correction, i.opened_on, i.closed_on, \
                                  i.closed_by, i.updated_at";

impl InvestigationRow {
    fn into_investigation(self) -> Result<Investigation, CoreError> {
        Ok(Investigation {
            id: self.id.into(),
            check_id: self.check_id.into(),
            contact_id: self.contact_id.into(),
            client_id: self.client_id.into(),
            holder_id: self.holder_id.into(),
            outcome: word(&self.outcome)?,
            note: self.note,
            history: serde_json::from_str(&self.history).unwrap_or_default(),
            explanation: self.explanation,
            finding: self.finding.as_deref().map(word).transpose()?,
            correction: self.correction,
            opened_on: self.opened_on,
            closed_on: self.closed_on,
            closed_by: self.closed_by.map(Into::into),
            updated_at: self.updated_at,
        })
    }
}

/// The checks matching `condition` (typed ids only), the newest week first.
async fn checks_where(conn: Conn<'_>, condition: &str) -> Result<Vec<SpotCheck>, CoreError> {
    let sql = format!(
        "SELECT {CHECK_COLS} FROM spot_checks s WHERE {condition} ORDER BY s.week DESC, s.id LIMIT {MAX_LIMIT}"
    );
    q_all!(conn, CheckRow, &sql)?.into_iter().map(CheckRow::into_check).collect()
}

/// The investigations matching `condition` (typed ids only), newest first.
async fn investigations_where(conn: Conn<'_>, condition: &str) -> Result<Vec<Investigation>, CoreError> {
    let sql = format!(
        "SELECT {INVESTIGATION_COLS} FROM investigations i WHERE {condition} ORDER BY i.opened_on DESC, i.id DESC LIMIT {MAX_LIMIT}"
    );
    q_all!(conn, InvestigationRow, &sql)?.into_iter().map(InvestigationRow::into_investigation).collect()
}

/// Who created the contact and who changed it, each change with its figures, oldest first.
async fn contact_history(tx: &mut Tx, contact: sprut_core::ContactId) -> Result<serde_json::Value, CoreError> {
    let rows: Vec<(OffsetDateTime, Option<DbId>, String, String)> = q_all!(
        tx.conn(),
        (OffsetDateTime, Option<DbId>, String, String),
        "SELECT at, actor_id, action, details FROM audit_events WHERE entity = 'contact' AND entity_id = $1 ORDER BY at, id",
        contact.to_string()
    )?;
    let events: Vec<serde_json::Value> = rows
        .into_iter()
        .map(|(at, who, action, details)| {
            serde_json::json!({ "at": at.date(), "actor_id": who.map(EmployeeId::from), "action": action,
                "details": serde_json::from_str::<serde_json::Value>(&details).unwrap_or_default() })
        })
        .collect();
    Ok(serde_json::Value::Array(events))
}

impl SpotCheckStore for Db {
    async fn week_drawn(&self, week: Date) -> Result<bool, CoreError> {
        day_claimed(self.read().await?.conn(), DRAW, week).await
    }

    async fn spot_facts(
        &self,
        today: Date,
        department: Option<Department>,
    ) -> Result<(Vec<Candidate>, Verifiers), CoreError> {
        let mut read = self.read().await?;
        let rows = q_all!(
            read.conn(),
            CandidateRow,
            "SELECT k.id, k.client_id, a.employee_id, c.tier, k.verified_at, d.last FROM contacts k \
             JOIN assignments a ON a.client_id = k.client_id AND a.ended_on IS NULL \
             JOIN clients c ON c.id = k.client_id \
             LEFT JOIN (SELECT contact_id, MAX(week) AS last FROM spot_checks WHERE week > $1 GROUP BY contact_id) d \
               ON d.contact_id = k.id",
            today - Duration::days(REST_DAYS)
        )?;
        let candidates = rows
            .into_iter()
            .map(|(k, c, holder, tier, verified, last)| Candidate {
                contact_id: k.into(),
                client_id: c.into(),
                holder_id: holder.into(),
                key: tier == "key",
                verified_on: verified.map(|t| t.date()),
                last_drawn: last,
            })
            .collect();
        let heads: Vec<(DbId, DbId)> = q_all!(
            read.conn(),
            (DbId, DbId),
            "SELECT e.id, t.head_id FROM employees e JOIN teams t ON t.id = e.team_id WHERE t.head_id IS NOT NULL"
        )?;
        let admins: Vec<(DbId,)> = q_all!(
            read.conn(),
            (DbId,),
            "SELECT id FROM employees WHERE role = 'admin' AND status = 'active' ORDER BY id"
        )?;
        let staff: Vec<(DbId,)> = match department {
            Some(d) => q_all!(
                read.conn(),
                (DbId,),
                "SELECT id FROM employees WHERE role = 'staff' AND status = 'active' AND department = $1 ORDER BY id",
                d.as_str()
            )?,
            None => Vec::new(),
        };
        let verifiers = Verifiers {
            staff: staff.into_iter().map(|(e,)| e.into()).collect(),
            heads: heads.into_iter().map(|(e, h)| (e.into(), h.into())).collect(),
            admins: admins.into_iter().map(|(e,)| e.into()).collect(),
        };
        Ok((candidates, verifiers))
    }

    async fn record_draw(&self, actor: &Actor, week: Date, seed: u64, drawn: &[Drawn]) -> Result<bool, CoreError> {
        let mut tx = self.write().await?;
        if !claim_day(&mut tx, DRAW, week, actor.now).await? {
            tx.rollback().await?;
            return Ok(false);
        }
        let seed_text = seed.to_string();
        for d in drawn {
            q_exec!(
                tx.conn(),
                "INSERT INTO spot_checks (id, week, seed, contact_id, client_id, holder_id, verifier_id, weight, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                SpotCheckId::new().db(),
                week,
                &seed_text,
                d.contact_id.db(),
                d.client_id.db(),
                d.holder_id.db(),
                d.verifier_id.db(),
                i64::from(d.weight),
                actor.now,
            )?;
        }
        let details = serde_json::json!({ "week": week, "seed": seed_text, "drawn": drawn.len(),
            "rule": "weighted by key client x3 and 90-day periods unverified; none drawn in the last quarter" });
        audit::record(&mut tx, actor, "spot_check.draw", "spot_check", &week.to_string(), details).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn spot_checks(
        &self,
        scope: &Scope,
        verifier: Option<EmployeeId>,
        open: bool,
    ) -> Result<Vec<SpotCheck>, CoreError> {
        let mut read = self.read().await?;
        let mine = verifier.map_or_else(|| "1 = 0".to_string(), |e| format!("s.verifier_id = {}", quoted(e.0)));
        let scoped = scope_sql(read.conn().dialect(), scope, "s.client_id");
        let open = if open { " AND s.outcome IS NULL" } else { "" };
        checks_where(read.conn(), &format!("({scoped} OR {mine}){open}")).await
    }

    async fn record_check(
        &self,
        actor: &Actor,
        id: SpotCheckId,
        result: CheckResult,
        today: Date,
    ) -> Result<SpotCheck, CoreError> {
        let result = result.checked()?;
        let by = actor.employee_id.ok_or_else(|| CoreError::Forbidden("a person checks a contact".into()))?;
        let mut tx = self.write().await?;
        // Only its verifier is told the check is there.
        let before = checks_where(tx.conn(), &format!("s.id = {} AND s.verifier_id = {}", quoted(id.0), quoted(by.0)))
            .await?
            .pop()
            .ok_or(CoreError::NotFound("spot check"))?;
        if before.outcome.is_some() {
            return Err(CoreError::Conflict(Conflict::CheckRecorded));
        }
        let mut after = SpotCheck {
            outcome: Some(result.outcome),
            note: result.note.clone(),
            checked_on: Some(today),
            ..before.clone()
        };
        if result.outcome == sprut_core::spot_check::CheckOutcome::Confirmed {
            q_exec!(
                tx.conn(),
                "UPDATE contacts SET verified_at = $2, verified_by = $3 WHERE id = $1",
                after.contact_id.db(),
                actor.now,
                by.db()
            )?;
        }
        if result.outcome.wrong() {
            let history = contact_history(&mut tx, after.contact_id).await?;
            let opened = InvestigationId::new();
            q_exec!(
                tx.conn(),
                "INSERT INTO investigations (id, check_id, contact_id, client_id, holder_id, outcome, note, history, opened_on, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                opened.db(),
                after.id.db(),
                after.contact_id.db(),
                after.client_id.db(),
                after.holder_id.db(),
                result.outcome.as_str(),
                result.note.as_deref(),
                history.to_string(),
                today,
                actor.now,
            )?;
            after.investigation_id = Some(opened);
        }
        q_exec!(
            tx.conn(),
            "UPDATE spot_checks SET outcome = $2, note = $3, checked_on = $4, investigation_id = $5 WHERE id = $1",
            after.id.db(),
            result.outcome.as_str(),
            result.note.as_deref(),
            today,
            after.investigation_id.map(|i| i.db()),
        )?;
        let details = serde_json::json!({ "contact_id": after.contact_id, "outcome": result.outcome.as_str(),
            "note": result.note, "investigation_id": after.investigation_id });
        audit::record(&mut tx, actor, "spot_check.record", "spot_check", &id.to_string(), details).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn investigations(
        &self,
        scope: &Scope,
        holder: Option<EmployeeId>,
        open: bool,
    ) -> Result<Vec<Investigation>, CoreError> {
        let mut read = self.read().await?;
        let his = holder.map_or_else(|| "1 = 0".to_string(), |e| format!("i.holder_id = {}", quoted(e.0)));
        let scoped = scope_sql(read.conn().dialect(), scope, "i.client_id");
        let open = if open { " AND i.closed_on IS NULL" } else { "" };
        investigations_where(read.conn(), &format!("({scoped} OR {his}){open}")).await
    }

    async fn step_investigation(
        &self,
        actor: &Actor,
        id: InvestigationId,
        step: InvestigationStep,
        closing: &Scope,
        today: Date,
    ) -> Result<Investigation, CoreError> {
        let by = actor.employee_id.ok_or_else(|| CoreError::Forbidden("a person works an investigation".into()))?;
        let mut tx = self.write().await?;
        let before = investigations_where(tx.conn(), &format!("i.id = {}", quoted(id.0)))
            .await?
            .pop()
            .ok_or(CoreError::NotFound("investigation"))?;
        let team: Option<(Option<DbId>,)> =
            q_opt!(tx.conn(), (Option<DbId>,), "SELECT team_id FROM employees WHERE id = $1", before.holder_id.db())?;
        let oversees = closing.oversees(team.and_then(|(t,)| t).map(Into::into));
        if !oversees && before.holder_id != by {
            return Err(CoreError::NotFound("investigation"));
        }
        let after = before.stepped(step, by, oversees, today, actor.now)?;
        q_exec!(
            tx.conn(),
            "UPDATE investigations SET explanation = $2, finding = $3, correction = $4, closed_on = $5, closed_by = $6, \
             updated_at = $7 WHERE id = $1",
            after.id.db(),
            after.explanation.as_deref(),
            after.finding.map(|f| f.as_str()),
            after.correction.as_deref(),
            after.closed_on,
            after.closed_by.map(|e| e.db()),
            after.updated_at,
        )?;
        if after.finding == Some(sprut_core::spot_check::Finding::Invented) {
            let alert = NewAlert {
                kind: AlertKind::InventedData,
                employee_id: Some(after.holder_id),
                client_id: Some(after.client_id),
                day: today,
                summary: format!(
                    "contact data found {} were judged invented; correction: {}",
                    after.outcome.as_str(),
                    after.correction.as_deref().unwrap_or("")
                ),
                details: serde_json::json!({ "investigation_id": after.id, "contact_id": after.contact_id,
                    "outcome": after.outcome.as_str(), "finding": "invented", "correction": after.correction }),
            };
            upsert_alert(&mut tx, &alert, Count::Add(1), actor.now).await?;
        }
        let details = serde_json::json!({ "explanation": after.explanation, "finding": after.finding.map(|f| f.as_str()),
            "correction": after.correction, "closed_on": after.closed_on });
        audit::record(&mut tx, actor, "investigation.step", "investigation", &id.to_string(), details).await?;
        tx.commit().await?;
        Ok(after)
    }
}
