//! One day of rotation in one transaction: conversions, releases to rest, hand-outs to the
//! next rep, their history, decisions and audit events; the daily claim; and the
//! "hopeless, then sold" alerts.

use crate::alerts::{upsert_alert, Count};
use crate::audit;
use crate::holding::{close_in, end_assignment_in};
use crate::id::{DbId, ToDb};
use crate::kept::cycle_samples_kept_in;
use crate::rotation::decisions::{open_by_rule, record_decision, record_decisions, start_rests};
use crate::rotation::facts::{holding_facts_in, reps_in, rested_in, Only};
use crate::sql::{q_all, q_exec, Tx};
use crate::Db;
use sprut_core::alert::{AlertKind, NewAlert};
use sprut_core::assignment::{AssignmentKind, EndAssignment, EndReason, NewAssignment};
use sprut_core::rules::cycle::CycleTable;
use sprut_core::rules::day::{plan_day, DayFacts, DayPlan, Handout, Release, RotationPolicy};
use sprut_core::rules::rotation::PickRule;
use sprut_core::rules::scorecard::hopeless_then_sold;
use sprut_core::rules::store::{Decision, DecisionKind, NewRest};
use sprut_core::rules::why::RuleWhy;
use sprut_core::scope::Scope;
use sprut_core::Conflict;
use sprut_core::{Actor, AssignmentId, ClientId, CoreError, DealId, EmployeeId};
use std::collections::BTreeMap;
use time::{Date, Duration};

/// The name under which the daily rotation claims its day.
pub const ROTATION_JOB: &str = "rotation";

/// Reads the day's facts, plans it and applies the plan inside `tx`.
async fn rotate_in(tx: &mut Tx, actor: &Actor, today: Date, policy: &RotationPolicy) -> Result<DayPlan, CoreError> {
    let facts = DayFacts {
        holdings: holding_facts_in(tx.conn(), &Scope::All, today, Only::DueDevelopments).await?,
        rested: rested_in(tx.conn(), today).await?,
        reps: reps_in(tx.conn(), &Scope::All).await?,
        cycles: CycleTable::build(&cycle_samples_kept_in(tx.conn(), today).await?),
    };
    let plan = plan_day(&facts, today, policy);
    let rules = RuleDay { actor, today };
    for c in &plan.conversions {
        let why = "a sale during development: the client is now the holder's customer".to_string();
        let end = EndAssignment { ended_on: today, reason: EndReason::Converted, explanation: why.clone() };
        end_assignment_in(tx, actor, c.client_id, end, Some(RuleWhy::Converted)).await?;
        let mut account = NewAssignment {
            employee_id: c.employee_id,
            kind: AssignmentKind::Account,
            started_on: today,
            due_on: None,
            explanation: why.clone(),
        }
        .into_assignment(c.client_id, None, actor.now)?;
        account.why = Some(RuleWhy::Converted);
        open_by_rule(tx, actor, std::slice::from_ref(&account)).await?;
        let figures = serde_json::json!({"development": c.assignment_id});
        let d = rules.decision(
            c.client_id,
            account.id,
            DecisionKind::Convert,
            why,
            "converted",
            figures,
            RuleWhy::Converted,
        );
        record_decision(tx, &d).await?;
    }
    release_all(tx, &rules, &plan.releases).await?;
    hand_out_all(tx, &rules, &plan.handouts).await?;
    raise_hopeless_then_sold(tx, SalesOf::Window(today - Duration::days(30), today), actor).await?;
    let summary = serde_json::json!({"day": today, "conversions": plan.conversions.len(),
        "releases": plan.releases.len(), "handouts": plan.handouts.len(), "unplaced": plan.unplaced.len()});
    audit::record(tx, actor, "rotation.run", "rotation", &today.to_string(), summary).await?;
    Ok(plan)
}

/// One day's decisions by the rotation's rules: no person decided them, each records its rule
/// and figures.
struct RuleDay<'a> {
    actor: &'a Actor,
    today: Date,
}

impl RuleDay<'_> {
    /// The decision of `kind` on `client` (its holding `assignment`), why, by which rule and
    /// figures, and the same as data.
    #[allow(clippy::too_many_arguments)]
    fn decision(
        &self,
        client_id: ClientId,
        assignment: AssignmentId,
        kind: DecisionKind,
        reason: String,
        rule: &str,
        figures: serde_json::Value,
        why: RuleWhy,
    ) -> Decision {
        Decision {
            client_id,
            assignment_id: Some(assignment),
            kind,
            on_date: self.today,
            reason,
            decided_by: None,
            rule: Some(rule.to_string()),
            figures: Some(figures),
            why: Some(why),
            created_at: self.actor.now,
        }
    }
}

/// Ends each due development, starts its rest and records the decision with its rule and
/// figures: one update per assignment, the rest in multi-row statements, one audit append.
async fn release_all(tx: &mut Tx, rules: &RuleDay<'_>, releases: &[Release]) -> Result<(), CoreError> {
    let (actor, today) = (rules.actor, rules.today);
    let mut rests = Vec::with_capacity(releases.len());
    let mut decisions = Vec::with_capacity(releases.len());
    let mut events = Vec::with_capacity(releases.len());
    for r in releases {
        let why = format!("released to rest until {}: {}", r.rest_until, r.reason.explain());
        let rule = RuleWhy::Released { until: r.rest_until, reason: r.reason.clone() };
        if !close_in(tx, r.assignment_id, today, EndReason::Released, &why, Some(&rule)).await? {
            return Err(CoreError::Conflict(Conflict::HoldingChanged { client: r.client_id.to_string() }));
        }
        let details = serde_json::json!({"id": r.assignment_id, "client_id": r.client_id, "employee_id": r.employee_id,
            "ended_on": today, "end_reason": EndReason::Released, "end_explanation": why});
        events.push(audit::event(actor, "assignment.end", "client", &r.client_id.to_string(), details));
        rests.push(NewRest { client: r.client_id, released_by: r.employee_id, from: today, until: r.rest_until });
        let figures = serde_json::to_value(&r.reason).unwrap_or_default();
        decisions.push(rules.decision(
            r.client_id,
            r.assignment_id,
            DecisionKind::Release,
            why,
            "past_due",
            figures,
            rule,
        ));
    }
    start_rests(tx, &rests, actor.now).await?;
    record_decisions(tx, &decisions).await?;
    audit::append(tx, &events).await
}

/// Ends each handed-out client's rest and opens its development for the rep picked, with the
/// decision's rule and figures: one update per rest, the rest in multi-row statements.
async fn hand_out_all(tx: &mut Tx, rules: &RuleDay<'_>, handouts: &[Handout]) -> Result<(), CoreError> {
    let (actor, today) = (rules.actor, rules.today);
    let mut opened = Vec::with_capacity(handouts.len());
    let mut decisions = Vec::with_capacity(handouts.len());
    for h in handouts {
        let mut a = NewAssignment {
            employee_id: h.pick.employee_id,
            kind: AssignmentKind::Development,
            started_on: today,
            due_on: Some(h.due_on),
            explanation: h.explain(),
        }
        .into_assignment(h.client_id, None, actor.now)?;
        let f = &h.pick.figures;
        let among = if h.pick.rule == PickRule::NeverHeld { f.never_held_eligible } else { f.eligible };
        let handed = RuleWhy::HandedOut {
            pick: h.pick.rule,
            load: f.load,
            capacity: f.capacity,
            among,
            cycle_days: h.cycle.days,
        };
        a.why = Some(handed.clone());
        let ended = q_exec!(
            tx.conn(),
            "UPDATE rests SET ended_on = $2, handed_to = $3 WHERE client_id = $1 AND ended_on IS NULL",
            h.client_id.db(),
            today,
            h.pick.employee_id.db(),
        )?;
        if ended != 1 {
            return Err(CoreError::Conflict(Conflict::RestChanged { client: h.client_id.to_string() }));
        }
        let figures = serde_json::json!({"pick": h.pick, "cycle": h.cycle});
        let rule = h.pick.rule.as_str();
        decisions.push(rules.decision(h.client_id, a.id, DecisionKind::Rotate, h.explain(), rule, figures, handed));
        opened.push(a);
    }
    open_by_rule(tx, actor, &opened).await?;
    record_decisions(tx, &decisions).await
}

/// Which won deals [`raise_hopeless_then_sold`] looks at.
pub(crate) enum SalesOf {
    /// Those closed after the first day and up to the second (the daily run's window).
    Window(Date, Date),
    /// One deal, just written.
    Deal(DealId),
}

/// Alerts on every earlier holder who reported a client hopeless before a later holder won a
/// deal with it (see [`hopeless_then_sold`]). Raised once per rep, client and sale day, so the
/// daily run and the moment of the sale never raise the same alert twice.
pub(crate) async fn raise_hopeless_then_sold(tx: &mut Tx, sales: SalesOf, actor: &Actor) -> Result<(), CoreError> {
    type Row = (DbId, DbId, Date, DbId, Date);
    let sql = |which: &str| {
        format!(
            "SELECT d.client_id, d.credited_to, d.closed_on, r.employee_id, r.week FROM deals d \
             JOIN status_reports r ON r.client_id = d.client_id AND r.status = 'hopeless' \
             WHERE d.stage = 'won' AND d.credited_to IS NOT NULL AND d.closed_on IS NOT NULL AND {which} \
             ORDER BY d.client_id, d.closed_on"
        )
    };
    let rows: Vec<Row> = match sales {
        SalesOf::Window(from, to) => q_all!(tx.conn(), Row, &sql("d.closed_on > $1 AND d.closed_on <= $2"), from, to)?,
        SalesOf::Deal(id) => q_all!(tx.conn(), Row, &sql("d.id = $1"), id.db())?,
    };
    let mut sales: BTreeMap<(ClientId, EmployeeId, Date), Vec<(EmployeeId, Date)>> = BTreeMap::new();
    for (client, winner, won_on, author, week) in rows {
        sales.entry((client.into(), winner.into(), won_on)).or_default().push((author.into(), week));
    }
    for ((client, winner, won_on), earlier) in sales {
        for rep in hopeless_then_sold(&earlier, winner, won_on) {
            let alert = NewAlert {
                kind: AlertKind::HopelessThenSold,
                employee_id: Some(rep),
                client_id: Some(client),
                day: won_on,
                summary: format!("reported the client hopeless; another holder sold to it on {won_on}"),
                details: serde_json::json!({"winner": winner, "won_on": won_on}),
            };
            upsert_alert(tx, &alert, Count::Set(1), actor.now).await?;
        }
    }
    Ok(())
}

impl Db {
    pub(crate) async fn rotate_tx(
        &self,
        actor: &Actor,
        today: Date,
        policy: &RotationPolicy,
        dry_run: bool,
    ) -> Result<DayPlan, CoreError> {
        let mut tx = self.write().await?;
        let plan = rotate_in(&mut tx, actor, today, policy).await?;
        if dry_run {
            tx.rollback().await?;
        } else {
            tx.commit().await?;
        }
        Ok(plan)
    }

    pub(crate) async fn rotate_daily_tx(
        &self,
        actor: &Actor,
        today: Date,
        policy: &RotationPolicy,
    ) -> Result<Option<DayPlan>, CoreError> {
        let mut tx = self.write().await?;
        if !crate::job_runs::claim_day(&mut tx, ROTATION_JOB, today, actor.now).await? {
            tx.rollback().await?;
            return Ok(None);
        }
        let plan = rotate_in(&mut tx, actor, today, policy).await?;
        tx.commit().await?;
        Ok(Some(plan))
    }
}
