//! A rep's scorecard, and "hopeless, then sold": who gave up on a client a colleague then won.

use crate::EmployeeId;
use serde::{Deserialize, Serialize};
use time::Date;

/// The earlier holders who reported the client hopeless (or asked to archive it) before
/// `won_on`, when `winner` then won a deal with the same legal entity; the winner is never
/// listed, a give-up on the day of the win or later does not count. Sorted, without repeats.
pub fn hopeless_then_sold(earlier: &[(EmployeeId, Date)], winner: EmployeeId, won_on: Date) -> Vec<EmployeeId> {
    let mut reps: Vec<EmployeeId> =
        earlier.iter().filter(|(who, on)| *who != winner && *on < won_on).map(|(who, _)| *who).collect();
    reps.sort();
    reps.dedup();
    reps
}

/// One development period of a rep on a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevPeriod {
    /// First day held.
    pub started_on: Date,
    /// First day no longer held; `None` while it runs.
    pub ended_on: Option<Date>,
    /// The first won deal's `closed_on` in the period, if any.
    pub first_win: Option<Date>,
}

impl DevPeriod {
    /// The first sale's date when it falls in the period (`started_on ..= ended_on`: a
    /// conversion usually ends the period on the day of the sale).
    fn conversion(&self) -> Option<Date> {
        self.first_win.filter(|w| self.started_on <= *w && self.ended_on.is_none_or(|e| *w <= e))
    }
}

/// How a rep does at turning development into sales, and at the discipline around it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Scorecard {
    /// The rep.
    pub employee_id: EmployeeId,
    /// Clients held now.
    pub clients_held: u32,
    /// Development periods, finished or not.
    pub development_periods: u32,
    /// Periods with a sale inside them.
    pub converted: u32,
    /// Periods still running without a sale: not yet a success nor a failure.
    pub running: u32,
    /// `converted / (development_periods − running)`; `None` when no period is decided yet.
    pub conversion_rate: Option<f64>,
    /// Mean days from a period's start to its first sale, over converted periods.
    pub mean_days_to_first_sale: Option<f64>,
    /// Clients this rep gave up on that a later holder sold to.
    pub hopeless_then_sold: u32,
    /// Weekly reports missing.
    pub missing_reports: u32,
    /// Planned touches overdue by more than their tier's whole cadence.
    pub touches_long_overdue: u32,
}

/// The scorecard of `employee_id` from their development periods and the other counts.
pub fn scorecard(
    employee_id: EmployeeId,
    periods: &[DevPeriod],
    clients_held: u32,
    hopeless_then_sold: u32,
    missing_reports: u32,
) -> Scorecard {
    let (mut converted, mut running, mut days) = (0u32, 0u32, 0i64);
    for p in periods {
        match p.conversion() {
            Some(w) => {
                converted += 1;
                days += (w - p.started_on).whole_days();
            }
            None if p.ended_on.is_none() => running += 1,
            None => {}
        }
    }
    let development_periods = periods.len() as u32;
    let decided = development_periods - running;
    Scorecard {
        employee_id,
        clients_held,
        development_periods,
        converted,
        running,
        conversion_rate: (decided > 0).then(|| f64::from(converted) / f64::from(decided)),
        mean_days_to_first_sale: (converted > 0).then(|| days as f64 / f64::from(converted)),
        hopeless_then_sold,
        missing_reports,
        touches_long_overdue: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;
    use uuid::Uuid;

    fn emp(n: u128) -> EmployeeId {
        EmployeeId(Uuid::from_u128(n))
    }

    #[test]
    fn those_who_gave_up_before_the_win() {
        let won_on = date!(2026 - 05 - 01);
        let earlier = [
            (emp(3), date!(2025 - 11 - 01)),
            (emp(1), date!(2026 - 01 - 15)),
            (emp(3), date!(2025 - 12 - 01)), // reported twice: listed once
            (emp(2), date!(2026 - 05 - 01)), // on the day of the win: not before it
            (emp(7), date!(2026 - 02 - 01)), // the winner themself
        ];
        assert_eq!(hopeless_then_sold(&earlier, emp(7), won_on), [emp(1), emp(3)]);
        assert!(hopeless_then_sold(&[], emp(7), won_on).is_empty());
    }

    #[test]
    fn scorecard_counts_decided_periods_only() {
        let periods = [
            // Converted after 30 days; the period ended on the day of the sale.
            DevPeriod {
                started_on: date!(2026 - 01 - 01),
                ended_on: Some(date!(2026 - 01 - 31)),
                first_win: Some(date!(2026 - 01 - 31)),
            },
            // Converted after 60 days, still held.
            DevPeriod { started_on: date!(2026 - 02 - 01), ended_on: None, first_win: Some(date!(2026 - 04 - 02)) },
            // Released without a sale.
            DevPeriod { started_on: date!(2025 - 10 - 01), ended_on: Some(date!(2026 - 01 - 01)), first_win: None },
            // A win after the period ended belongs to someone else.
            DevPeriod {
                started_on: date!(2025 - 06 - 01),
                ended_on: Some(date!(2025 - 09 - 01)),
                first_win: Some(date!(2025 - 12 - 01)),
            },
            // Still running without a sale: not counted in the rate.
            DevPeriod { started_on: date!(2026 - 04 - 01), ended_on: None, first_win: None },
        ];
        let s = scorecard(emp(1), &periods, 42, 1, 3);
        assert_eq!((s.development_periods, s.converted, s.running), (5, 2, 1));
        assert_eq!(s.conversion_rate, Some(0.5)); // 2 of 4 decided
        assert_eq!(s.mean_days_to_first_sale, Some(45.0)); // (30 + 60) / 2
        assert_eq!((s.clients_held, s.hopeless_then_sold, s.missing_reports), (42, 1, 3));
        let empty = scorecard(emp(2), &[], 0, 0, 0);
        assert_eq!((empty.conversion_rate, empty.mean_days_to_first_sale), (None, None));
    }
}
