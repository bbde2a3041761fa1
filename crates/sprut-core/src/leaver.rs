//! Leaver mode: when an employee's departure is recorded his rights drop at once to read-only
//! on his own book with no export and no new clients; after his last day the account closes.

use crate::employee::{Employee, EmployeeFilter, EmployeePatch, EmployeeStatus};
use crate::error::CoreResult;
use crate::page::{PageRequest, MAX_LIMIT};
use crate::store::prelude::*;
use crate::Conflict;
use crate::Reason;
use crate::{Actor, CoreError};
use serde::Deserialize;
use time::Date;

/// A departure to record.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct Departure {
    /// The last working day (`YYYY-MM-DD`); the account closes when it is over.
    pub last_day: Date,
}

/// The change that marks `employee` as leaving after `last_day`, checked on `today`.
pub fn departure_patch(employee: &Employee, last_day: Date, today: Date) -> CoreResult<EmployeePatch> {
    match employee.status {
        EmployeeStatus::Departed => {
            return Err(CoreError::Conflict(Conflict::AlreadyLeft { name: employee.name.clone() }))
        }
        EmployeeStatus::Departing if employee.last_day == Some(last_day) => {
            return Err(CoreError::Conflict(Conflict::DepartureRecorded { name: employee.name.clone(), on: last_day }))
        }
        _ => {}
    }
    if last_day < today {
        return Err(CoreError::field("last_day", Reason::Past { today }));
    }
    Ok(EmployeePatch {
        status: Some(EmployeeStatus::Departing),
        last_day: Some(Some(last_day)),
        ..EmployeePatch::default()
    })
}

/// Closes the accounts of departing employees whose last day is before `today` (ending their
/// sessions and API tokens); returns the employees closed.
pub async fn close_departures<S: Store>(store: &S, actor: &Actor, today: Date) -> CoreResult<Vec<Employee>> {
    let filter = EmployeeFilter { status: Some(EmployeeStatus::Departing), ..EmployeeFilter::default() };
    let mut page = PageRequest { after: None, limit: Some(MAX_LIMIT) };
    let mut due = Vec::new();
    loop {
        let got = store.employees(&filter, &page).await?;
        due.extend(got.items.into_iter().filter(|e| e.last_day.is_some_and(|d| d < today)));
        match got.next {
            Some(next) => page.after = Some(next),
            None => break,
        }
    }
    let mut closed = Vec::with_capacity(due.len());
    for e in due {
        let patch = EmployeePatch { status: Some(EmployeeStatus::Departed), ..EmployeePatch::default() };
        closed.push(store.update_employee(actor, e.id, patch).await?);
    }
    Ok(closed)
}
