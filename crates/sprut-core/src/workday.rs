//! "My day": what one employee must do on a day (tasks due, touches due by the cadence,
//! overdue invoices of his clients, weekly reports owed), and the same as counts per rep for
//! a head.

use crate::error::CoreResult;
use crate::receivable::Receivable;
use crate::rules::service::{missing, MissingReport};
use crate::rules::store::RotationStore;
use crate::scope::Scope;
use crate::store::WorkbenchStore;
use crate::task::Task;
use crate::touch::{due_touches, PlannedTouch, TouchCadence};
use crate::{ClientId, EmployeeId};
use serde::Serialize;
use std::collections::BTreeMap;
use time::Date;

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
    /// The name of every client the lines name.
    #[schema(value_type = Object)]
    pub clients: BTreeMap<ClientId, String>,
}

impl Workday {
    /// Whether nothing is due.
    pub fn is_clear(&self) -> bool {
        self.tasks.is_empty() && self.touches.is_empty() && self.invoices.is_empty() && self.reports.is_empty()
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
}

/// The day of `employee` on `today`, read inside `scope` (the reader's, who may read his day).
pub async fn workday<S: WorkbenchStore + RotationStore>(
    store: &S,
    scope: &Scope,
    employee: EmployeeId,
    today: Date,
    cadence: &TouchCadence,
) -> CoreResult<Workday> {
    let tasks = store.open_tasks(scope, Some(employee), Some(today)).await?;
    let facts = store.touch_facts(scope, Some(employee)).await?;
    let touches = due_touches(&facts, cadence, today);
    let invoices = store.overdue_receivables(scope, Some(employee), today).await?;
    // His own holdings only: a head reading one rep's day does not compute the whole team's.
    let reports = missing(store, &Scope::HeldBy(employee), today).await?;
    let named: Vec<ClientId> = (tasks.iter().map(|t| t.client_id))
        .chain(touches.iter().map(|t| t.client_id))
        .chain(invoices.iter().map(|r| r.client_id))
        .chain(reports.iter().map(|r| r.client_id))
        .collect();
    let clients = store.client_outlines(&named).await?.into_iter().map(|b| (b.client_id, b.name)).collect();
    Ok(Workday { today, tasks, touches, invoices, reports, clients })
}

/// The day of every rep with something due inside `scope` (a head's teams), by rep.
pub async fn team_day<S: WorkbenchStore + RotationStore>(
    store: &S,
    scope: &Scope,
    today: Date,
    cadence: &TouchCadence,
) -> CoreResult<BTreeMap<EmployeeId, RepDay>> {
    let mut reps: BTreeMap<EmployeeId, RepDay> = BTreeMap::new();
    for t in store.open_tasks(scope, None, Some(today)).await? {
        let day = rep(&mut reps, t.owner_id);
        if t.due_on < today {
            day.overdue_tasks += 1;
        } else {
            day.tasks_today += 1;
        }
    }
    let facts = store.touch_facts(scope, None).await?;
    for t in due_touches(&facts, cadence, today) {
        let day = rep(&mut reps, t.holder);
        day.touches_due += 1;
        day.touches_long_overdue += usize::from(t.long_overdue(today));
    }
    let invoices = store.overdue_receivables(scope, None, today).await?;
    let holders: BTreeMap<ClientId, EmployeeId> = facts.iter().map(|f| (f.client_id, f.holder)).collect();
    for r in invoices {
        if let Some(h) = holders.get(&r.client_id) {
            rep(&mut reps, *h).overdue_invoices += 1;
        }
    }
    for r in missing(store, scope, today).await? {
        rep(&mut reps, r.employee_id).reports_owed += 1;
    }
    Ok(reps)
}

/// The line of `id` in `reps`, started empty.
fn rep(reps: &mut BTreeMap<EmployeeId, RepDay>, id: EmployeeId) -> &mut RepDay {
    reps.entry(id).or_insert_with(|| RepDay { employee_id: id, ..RepDay::default() })
}
