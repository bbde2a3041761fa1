//! Weekly status reports (еженедельный отчёт): which are missing.
//!
//! Weeks run Monday to Sunday. The report on a development client for the week starting
//! Monday `W` may be written up to the end of the following Monday (`W + 7`); from the
//! Tuesday on it is missing. Only the latest overdue week is listed: a head chases this
//! week's gap, not the history (the scorecard counts the history).

use crate::{word_enum, ClientId, EmployeeId};
use std::collections::HashSet;
use time::{Date, Duration};

word_enum!(
    /// A rep's weekly line on a held development client.
    ReportStatus {
        /// Work goes on.
        Working = "working",
        /// Put off until a stated date.
        Postponed = "postponed",
        /// The rep sees no chance (and may ask to archive).
        Hopeless = "hopeless",
    }
);

/// The Monday of the week holding `date` (the date itself when it is a Monday).
pub fn week_of(date: Date) -> Date {
    date.saturating_sub(Duration::days(date.weekday().number_days_from_monday().into()))
}

/// The Monday of the latest week whose report is overdue on `today`:
/// `week_of(today − 1 day) − 7 days`, i.e. from Tuesday on the previous week, and on a
/// Monday (the last day to write last week's report) the week before it.
pub fn due_week(today: Date) -> Date {
    week_of(today.previous_day().unwrap_or(today)).saturating_sub(Duration::days(7))
}

/// The held development clients whose report for [`due_week`]`(today)` is missing, as
/// `(client, holder, week Monday)`, sorted and without repeats.
///
/// - `held`: `(client, holder, started_on)` of each open development assignment.
/// - `reported`: `(client, author, week)` of the reports written; `week` may be any day of
///   the week reported on. Only the holder's own report for that week counts.
/// - A week needs a report only when the client was held for all of it
///   (`started_on <= Monday`), so a client held for less than 7 days needs none.
pub fn missing_reports(
    held: &[(ClientId, EmployeeId, Date)],
    reported: &[(ClientId, EmployeeId, Date)],
    today: Date,
) -> Vec<(ClientId, EmployeeId, Date)> {
    let week = due_week(today);
    let done: HashSet<(ClientId, EmployeeId)> =
        reported.iter().filter(|(_, _, d)| week_of(*d) == week).map(|(c, e, _)| (*c, *e)).collect();
    let mut missing: Vec<_> = held
        .iter()
        .filter(|(c, e, started_on)| *started_on <= week && !done.contains(&(*c, *e)))
        .map(|(c, e, _)| (*c, *e, week))
        .collect();
    missing.sort();
    missing.dedup();
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;
    use uuid::Uuid;

    fn client(n: u128) -> ClientId {
        ClientId(Uuid::from_u128(n))
    }

    fn emp(n: u128) -> EmployeeId {
        EmployeeId(Uuid::from_u128(100 + n))
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2026-06-01 is a Monday.
        for day in 1..=7 {
            let d = Date::from_calendar_date(2026, time::Month::June, day).unwrap();
            assert_eq!(week_of(d), date!(2026 - 06 - 01), "{d}");
        }
        assert_eq!(week_of(date!(2026 - 06 - 08)), date!(2026 - 06 - 08));
    }

    #[test]
    fn last_weeks_report_is_due_after_monday() {
        assert_eq!(due_week(date!(2026 - 06 - 08)), date!(2026 - 05 - 25), "Monday: still time");
        assert_eq!(due_week(date!(2026 - 06 - 09)), date!(2026 - 06 - 01), "Tuesday: overdue");
        assert_eq!(due_week(date!(2026 - 06 - 14)), date!(2026 - 06 - 01), "Sunday");
        assert_eq!(due_week(date!(2026 - 06 - 16)), date!(2026 - 06 - 08));
    }

    #[test]
    fn only_the_latest_missing_week_of_clients_held_all_week() {
        let today = date!(2026 - 06 - 10); // Wednesday; due week: Monday 2026-06-01.
        let w = date!(2026 - 06 - 01);
        let held = [
            (client(1), emp(1), date!(2026 - 05 - 01)), // no report ever: only week 06-01 listed
            (client(2), emp(1), date!(2026 - 06 - 01)), // held from the Monday: needs one, wrote it
            (client(3), emp(1), date!(2026 - 06 - 02)), // held from Tuesday: no full week yet
            (client(4), emp(2), date!(2026 - 06 - 06)), // held 4 days: none
            (client(5), emp(2), date!(2026 - 04 - 01)), // the report is someone else's
            (client(6), emp(2), date!(2026 - 04 - 01)), // reported the week before only
            (client(1), emp(1), date!(2026 - 05 - 01)), // a repeated row
        ];
        let reported = [
            (client(2), emp(1), date!(2026 - 06 - 05)), // a Friday: counts for its week
            (client(5), emp(9), w),
            (client(6), emp(2), date!(2026 - 05 - 25)),
            (client(3), emp(1), date!(2026 - 06 - 08)), // this week's: not the one due
        ];
        let got = missing_reports(&held, &reported, today);
        assert_eq!(got, [(client(1), emp(1), w), (client(5), emp(2), w), (client(6), emp(2), w)]);
        // On the Monday after, last week's report is not yet missing.
        let monday = missing_reports(&held, &reported, date!(2026 - 06 - 08));
        assert!(monday.iter().all(|(_, _, week)| *week == date!(2026 - 05 - 25)));
        // Clients 1, 5 and 6 were held all of the week of 05-25; client 6 reported on it.
        assert_eq!(monday.iter().map(|(c, _, _)| *c).collect::<Vec<_>>(), [client(1), client(5)]);
    }
}
