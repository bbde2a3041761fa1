//! Use cases over a [`RotationStore`] that combine its facts with the rules: the cycle table,
//! the head's review of dead clients, missing weekly reports and a rep's scorecard.

use crate::error::CoreResult;
use crate::rules::cycle::{AppliedCycle, CycleTable};
use crate::rules::day::RotationPolicy;
use crate::rules::dead::{dead_clients, DeadClient};
use crate::rules::reports::{due_week, missing_reports};
use crate::rules::review::{select, ReviewPage, ReviewQuery};
use crate::rules::scorecard::{scorecard, Scorecard};
use crate::rules::store::{ClientBrief, RotationStore};
use crate::scope::Scope;
use crate::{ClientId, EmployeeId};
use serde::Serialize;
use std::collections::HashMap;
use time::{Date, Duration};

/// One dead client as the head's review shows it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DeadEntry {
    /// The rules' verdict: holder, days held, reasons with figures.
    pub dead: DeadClient,
    /// Name, holder's name, deals, potential, last report.
    pub brief: ClientBrief,
    /// The sales cycle that applies to the client.
    pub cycle: AppliedCycle,
    /// Latest activity logged on the client.
    pub last_activity: Option<Date>,
    /// The reasons in words.
    pub why: Vec<String>,
}

/// A missing weekly report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MissingReport {
    /// The client.
    pub client_id: ClientId,
    /// The holder who owes it.
    pub employee_id: EmployeeId,
    /// Monday of the week it is for.
    pub week: Date,
}

/// The sales-cycle table as of `today`.
pub async fn cycle_table<S: RotationStore>(store: &S, today: Date) -> CoreResult<CycleTable> {
    Ok(CycleTable::build(&store.cycle_samples(today).await?))
}

/// The sales-cycle table as a person reads it: with the deals it leaves out and why.
pub async fn cycle_report<S: RotationStore>(store: &S, today: Date) -> CoreResult<CycleTable> {
    let mut table = cycle_table(store, today).await?;
    table.left_out = store.unknown_openings(today).await?;
    Ok(table)
}

/// The page of dead clients inside `scope` as of `today` that `q` asks for, with what the head
/// needs to decide. When the page is shorter than the list, every dead client is filtered and
/// sorted on its outline and only the clients shown get their won deals and latest report.
pub async fn dead_review<S: RotationStore>(
    store: &S,
    scope: &Scope,
    today: Date,
    policy: &RotationPolicy,
    q: &ReviewQuery,
) -> CoreResult<ReviewPage> {
    let held = store.dead_candidates(scope, today, &policy.dead).await?;
    let dead = dead_clients(&held, today, &policy.dead);
    let ids: Vec<ClientId> = dead.iter().map(|d| d.client_id).collect();
    let paged = q.page_size() < ids.len();
    let briefs = if paged { store.client_outlines(&ids).await? } else { store.client_briefs(&ids).await? };
    let table = cycle_table(store, today).await?;
    let last_activity: HashMap<_, _> = held.iter().map(|h| (h.assignment_id, h.last_activity)).collect();
    let entries = dead
        .into_iter()
        .zip(briefs)
        .map(|(dead, brief)| {
            let last_activity = last_activity.get(&dead.assignment_id).copied().flatten();
            let cycle = table.cycle_for(brief.segment.as_deref(), brief.in_group, &policy.cycle);
            let why = dead.reasons.iter().map(|r| r.explain()).collect();
            DeadEntry { dead, brief, cycle, last_activity, why }
        })
        .collect();
    let mut page = select(entries, q);
    if paged {
        let shown: Vec<ClientId> = page.rows.iter().map(|e| e.dead.client_id).collect();
        for (row, brief) in page.rows.iter_mut().zip(store.client_briefs(&shown).await?) {
            row.brief = brief;
        }
    }
    Ok(page)
}

/// The weekly reports inside `scope` overdue on `today`.
pub async fn missing<S: RotationStore>(store: &S, scope: &Scope, today: Date) -> CoreResult<Vec<MissingReport>> {
    let since = due_week(today) - Duration::days(7);
    let (held, written) = store.report_facts(scope, since).await?;
    Ok(missing_reports(&held, &written, today)
        .into_iter()
        .map(|(client_id, employee_id, week)| MissingReport { client_id, employee_id, week })
        .collect())
}

/// The scorecard of `employee` as of `today`, his touches planned by `cadence`.
pub async fn rep_scorecard<S: RotationStore + crate::store::WorkbenchStore>(
    store: &S,
    employee: EmployeeId,
    today: Date,
    cadence: &crate::touch::TouchCadence,
) -> CoreResult<Scorecard> {
    let (periods, hopeless) = store.scorecard_facts(employee).await?;
    let held = store.holding_facts(&Scope::HeldBy(employee), today).await?.len() as u32;
    let missing = missing(store, &Scope::HeldBy(employee), today).await?.len() as u32;
    let touches = store.touch_facts(&Scope::HeldBy(employee), Some(employee), Some(today)).await?;
    let long = crate::touch::due_touches(&touches, cadence, today).iter().filter(|t| t.long_overdue(today)).count();
    Ok(Scorecard { touches_long_overdue: long as u32, ..scorecard(employee, &periods, held, hopeless, missing) })
}
