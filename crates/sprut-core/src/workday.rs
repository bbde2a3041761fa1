//! "My day": what one employee must do on a day (tasks due, touches due by the cadence,
//! overdue invoices of his clients, weekly reports owed), and the same as counts per rep for
//! a head.

use crate::deal::Deal;
use crate::error::CoreResult;
use crate::receivable::Receivable;
use crate::rules::day::RotationPolicy;
use crate::rules::dead::{dead_clients, DeadReason, DeadSettings, HoldingFacts};
use crate::rules::service::{missing, MissingReport};
use crate::rules::store::RotationStore;
use crate::scope::Scope;
use crate::settings::Settings;
use crate::store::WorkbenchStore;
use crate::task::Task;
use crate::touch::{due_touches, PlannedTouch, TouchCadence};
use crate::{ClientId, EmployeeId};
use serde::Serialize;
use std::collections::BTreeMap;
use time::{Date, Duration};

/// How many days ahead "my day" warns of a client about to become dead.
pub const DYING_WITHIN_DAYS: i64 = 14;

/// The company settings a day's list is computed under.
#[derive(Debug, Clone, Copy)]
pub struct DayRules {
    /// How often each tier must be touched.
    pub cadence: TouchCadence,
    /// When a held client is dead.
    pub dead: DeadSettings,
}

impl DayRules {
    /// The rules the company set.
    pub fn from_settings(s: &Settings) -> Self {
        Self { cadence: TouchCadence::from_settings(s), dead: RotationPolicy::from_settings(s).dead }
    }
}

/// A client alive today that the dead-client rules will take on `dead_on` unless something
/// happens (a touch, a sale) before then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DyingClient {
    /// The client.
    pub client_id: ClientId,
    /// The first day it is dead.
    pub dead_on: Date,
    /// Why it will be, with the figures as of that day.
    pub reasons: Vec<DeadReason>,
}

/// One employee's list for a day; every line names its client.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Workday {
    /// The company day.
    pub today: Date,
    /// His open tasks due today or earlier, oldest first.
    pub tasks: Vec<Task>,
    /// Touches due today or earlier on the clients he holds that have no open task.
    pub touches: Vec<PlannedTouch>,
    /// Unpaid invoices past due of the clients he holds.
    pub invoices: Vec<Receivable>,
    /// Weekly reports he owes.
    pub reports: Vec<MissingReport>,
    /// His open deals whose expected close date has passed.
    pub late_deals: Vec<Deal>,
    /// Clients he holds that become dead within [`DYING_WITHIN_DAYS`] days, soonest first.
    pub dying: Vec<DyingClient>,
    /// The name of every client the lines name.
    #[schema(value_type = Object)]
    pub clients: BTreeMap<ClientId, String>,
}

impl Workday {
    /// Whether nothing is due.
    pub fn is_clear(&self) -> bool {
        self.tasks.is_empty()
            && self.touches.is_empty()
            && self.invoices.is_empty()
            && self.reports.is_empty()
            && self.late_deals.is_empty()
            && self.dying.is_empty()
    }
}

/// What is due for one rep of a head's teams, as counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RepDay {
    /// The rep.
    pub employee_id: EmployeeId,
    /// Open tasks due before today.
    pub overdue_tasks: usize,
    /// Open tasks due today.
    pub tasks_today: usize,
    /// Touches due today or earlier.
    pub touches_due: usize,
    /// Touches overdue by more than their tier's cadence (they count against the rep).
    pub touches_long_overdue: usize,
    /// Overdue invoices of the clients he holds.
    pub overdue_invoices: usize,
    /// Weekly reports he owes.
    pub reports_owed: usize,
    /// His open deals past their expected close date.
    pub late_deals: usize,
}

/// The day of `employee` on `today`, read inside `scope` (the reader's, who may read his day).
pub async fn workday<S: WorkbenchStore + RotationStore>(
    store: &S,
    scope: &Scope,
    employee: EmployeeId,
    today: Date,
    rules: &DayRules,
) -> CoreResult<Workday> {
    let tasks = store.open_tasks(scope, Some(employee), Some(today)).await?;
    let facts = store.touch_facts(scope, Some(employee), Some(today)).await?;
    let touches = due_touches(&facts, &rules.cadence, today);
    let invoices = store.overdue_receivables(scope, Some(employee), today).await?;
    let late_deals = store.late_deals(scope, Some(employee), today).await?;
    // His own holdings only: a head reading one rep's day does not compute the whole team's.
    let reports = missing(store, &Scope::HeldBy(employee), today).await?;
    let held = store.holding_facts(&Scope::HeldBy(employee), today).await?;
    let dying = dying(&held, today, &rules.dead);
    let named: Vec<ClientId> = (tasks.iter().map(|t| t.client_id))
        .chain(touches.iter().map(|t| t.client_id))
        .chain(invoices.iter().map(|r| r.client_id))
        .chain(reports.iter().map(|r| r.client_id))
        .chain(late_deals.iter().map(|d| d.client_id))
        .chain(dying.iter().map(|d| d.client_id))
        .collect();
    let clients = store.client_names(&named).await?.into_iter().collect();
    Ok(Workday { today, tasks, touches, invoices, reports, late_deals, dying, clients })
}

/// The held clients alive on `today` that the dead-client rules take within
/// [`DYING_WITHIN_DAYS`] days, each on the first day it would be dead, soonest first.
pub fn dying(held: &[HoldingFacts], today: Date, settings: &DeadSettings) -> Vec<DyingClient> {
    let dead_today: std::collections::HashSet<ClientId> =
        dead_clients(held, today, settings).into_iter().map(|d| d.client_id).collect();
    let mut alive: Vec<HoldingFacts> = held.iter().filter(|h| !dead_today.contains(&h.client_id)).cloned().collect();
    let mut out = Vec::new();
    for ahead in 1..=DYING_WITHIN_DAYS {
        let day = today + Duration::days(ahead);
        let dead = dead_clients(&alive, day, settings);
        for d in &dead {
            out.push(DyingClient { client_id: d.client_id, dead_on: day, reasons: d.reasons.clone() });
        }
        alive.retain(|h| !dead.iter().any(|d| d.client_id == h.client_id));
    }
    out
}

/// The day of every rep with something due inside `scope` (a head's teams), by rep: counted by
/// the store from what each holding keeps (its planned touch, its earliest unpaid invoice), so
/// that a head of a hundred reps reads index ranges, not every held client's history.
pub async fn team_day<S: WorkbenchStore>(
    store: &S,
    scope: &Scope,
    today: Date,
) -> CoreResult<BTreeMap<EmployeeId, RepDay>> {
    let counts = store.rep_day_counts(scope, today, crate::rules::reports::due_week(today)).await?;
    Ok(counts.into_iter().map(|r| (r.employee_id, r)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignment::AssignmentKind;
    use crate::AssignmentId;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 06 - 01);

    fn account(last_activity: Date) -> HoldingFacts {
        HoldingFacts {
            client_id: ClientId::new(),
            assignment_id: AssignmentId::new(),
            employee_id: EmployeeId::new(),
            kind: AssignmentKind::Account,
            started_on: date!(2025 - 01 - 01),
            due_on: None,
            extension_until: None,
            last_activity: Some(last_activity),
            last_won: Some(date!(2026 - 05 - 01)),
            won_since_start: true,
        }
    }

    #[test]
    fn a_client_is_dying_from_the_first_day_the_rules_take_it_within_two_weeks() {
        let limit = DeadSettings::default().no_activity_days;
        // Silent for the limit less five days: dead on the day silence passes the limit.
        let soon = account(TODAY - Duration::days(limit - 5));
        // Touched yesterday, already dead, or dying only after the window: not listed.
        let fresh = account(TODAY - Duration::days(1));
        let dead = account(TODAY - Duration::days(limit + 1));
        let later = account(TODAY - Duration::days(limit - DYING_WITHIN_DAYS));
        let dying = dying(&[fresh, soon.clone(), dead, later], TODAY, &DeadSettings::default());
        assert_eq!(dying.len(), 1, "{dying:?}");
        assert_eq!(dying[0].client_id, soon.client_id);
        assert_eq!(dying[0].dead_on, soon.last_activity.unwrap() + Duration::days(limit + 1));
        assert_eq!(dying[0].reasons[0].rule(), "no_activity");
    }
}
