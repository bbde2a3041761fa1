//! After the handover: did the transferred clients buy more or less than before, and how does
//! that compare with the clients of the same segment that were not transferred over the same
//! months? By cause, by receiving rep and by redistribution plan, over 3, 6 and 12 months.

use super::transfer::TransferCause;
use crate::{ClientId, EmployeeId, RedistributionId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use time::{Date, Month};

/// The windows compared, in months.
pub const WINDOWS: [u32; 3] = [3, 6, 12];

/// A client that changed hands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handed {
    /// The client.
    pub client_id: ClientId,
    /// Its segment.
    pub segment: Option<String>,
    /// Why it moved.
    pub cause: TransferCause,
    /// Who received it.
    pub to_id: EmployeeId,
    /// When.
    pub effective_on: Date,
    /// The redistribution plan it moved by, if any.
    pub plan: Option<RedistributionId>,
}

/// A won deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sale {
    /// The client.
    pub client_id: ClientId,
    /// When won.
    pub closed_on: Date,
    /// Amount, minor units.
    pub amount_minor: i64,
}

/// One window's figures for a group of transferred clients.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Window {
    /// Months before and after the handover.
    pub months: u32,
    /// Clients whose window has passed completely (only those are counted).
    pub clients: usize,
    /// Their sales in the months before, minor units.
    pub before_minor: i64,
    /// Their sales in the months after.
    pub after_minor: i64,
    /// Change in percent.
    pub change_percent: Option<f64>,
    /// What as many untransferred clients of the same segments sold before (average × count).
    pub control_before_minor: i64,
    /// And after.
    pub control_after_minor: i64,
    /// The control's change in percent.
    pub control_change_percent: Option<f64>,
    /// Transferred change minus control change, in percentage points.
    pub lift_points: Option<f64>,
}

/// The outcome of one group (a cause, a receiving rep, or a redistribution plan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Outcome {
    /// The cause, the receiver's id or the plan's id.
    pub key: String,
    /// Clients transferred in the group.
    pub transferred: usize,
    /// The 3, 6 and 12 month windows.
    pub windows: Vec<Window>,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TransferReport {
    /// As of which day.
    pub as_of: Date,
    /// All transfers together.
    pub total: Outcome,
    /// By cause.
    pub by_cause: Vec<Outcome>,
    /// By receiving rep.
    pub by_receiver: Vec<Outcome>,
    /// By redistribution plan: did the plan pay off.
    #[serde(default)]
    pub by_plan: Vec<Outcome>,
}

/// `d` moved by `months` (negative: back), the day clamped to the month's length.
pub fn add_months(d: Date, months: i32) -> Date {
    let index = d.year() * 12 + (d.month() as i32 - 1) + months;
    let (year, month0) = (index.div_euclid(12), index.rem_euclid(12));
    let month = Month::try_from(month0 as u8 + 1).unwrap_or(Month::January);
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, d.day().min(last)).unwrap_or(d)
}

/// Sales of one set of clients, summed over a window quickly.
struct Ledger {
    /// (day, running total) sorted by day.
    running: Vec<(Date, i64)>,
}

impl Ledger {
    fn new(mut sales: Vec<(Date, i64)>) -> Self {
        sales.sort();
        let mut total = 0;
        let running = sales.into_iter().map(|(d, a)| {
            total += a;
            (d, total)
        });
        Self { running: running.collect() }
    }

    /// Sales on days in `[from, to)`.
    fn sum(&self, from: Date, to: Date) -> i64 {
        let upto = |day: Date| {
            let i = self.running.partition_point(|(d, _)| *d < day);
            if i == 0 {
                0
            } else {
                self.running[i - 1].1
            }
        };
        upto(to) - upto(from)
    }
}

fn percent(before: i64, after: i64) -> Option<f64> {
    (before > 0).then(|| (after - before) as f64 * 100.0 / before as f64)
}

/// Builds the report as of `today` from the handed-over clients, every won deal, and the
/// segment of every client (the control group is each segment's untransferred clients).
pub fn report(
    handed: &[Handed],
    sales: &[Sale],
    segments: &BTreeMap<ClientId, Option<String>>,
    today: Date,
) -> TransferReport {
    let moved: BTreeSet<ClientId> = handed.iter().map(|h| h.client_id).collect();
    let mut own: BTreeMap<ClientId, Vec<(Date, i64)>> = BTreeMap::new();
    let mut control: BTreeMap<Option<String>, Vec<(Date, i64)>> = BTreeMap::new();
    for s in sales {
        own.entry(s.client_id).or_default().push((s.closed_on, s.amount_minor));
        if !moved.contains(&s.client_id) {
            let seg = segments.get(&s.client_id).cloned().flatten();
            control.entry(seg).or_default().push((s.closed_on, s.amount_minor));
        }
    }
    let mut control_size: BTreeMap<Option<String>, i64> = BTreeMap::new();
    for (c, seg) in segments {
        if !moved.contains(c) {
            *control_size.entry(seg.clone()).or_default() += 1;
        }
    }
    let own: BTreeMap<ClientId, Ledger> = own.into_iter().map(|(c, v)| (c, Ledger::new(v))).collect();
    let control: BTreeMap<Option<String>, Ledger> = control.into_iter().map(|(s, v)| (s, Ledger::new(v))).collect();
    let outcome = |key: String, group: Vec<&Handed>| {
        let windows = WINDOWS
            .iter()
            .map(|&m| {
                let mut w = Window {
                    months: m,
                    clients: 0,
                    before_minor: 0,
                    after_minor: 0,
                    change_percent: None,
                    control_before_minor: 0,
                    control_after_minor: 0,
                    control_change_percent: None,
                    lift_points: None,
                };
                let (mut cb, mut ca) = (0.0, 0.0);
                for h in &group {
                    let (start, end) = (add_months(h.effective_on, -(m as i32)), add_months(h.effective_on, m as i32));
                    if end > today {
                        continue;
                    }
                    w.clients += 1;
                    if let Some(l) = own.get(&h.client_id) {
                        w.before_minor += l.sum(start, h.effective_on);
                        w.after_minor += l.sum(h.effective_on, end);
                    }
                    let n = control_size.get(&h.segment).copied().unwrap_or(0);
                    if let (Some(l), true) = (control.get(&h.segment), n > 0) {
                        cb += l.sum(start, h.effective_on) as f64 / n as f64;
                        ca += l.sum(h.effective_on, end) as f64 / n as f64;
                    }
                }
                w.control_before_minor = cb.round() as i64;
                w.control_after_minor = ca.round() as i64;
                w.change_percent = percent(w.before_minor, w.after_minor);
                w.control_change_percent = percent(w.control_before_minor, w.control_after_minor);
                w.lift_points = w.change_percent.zip(w.control_change_percent).map(|(a, b)| a - b);
                w
            })
            .collect();
        Outcome { key, transferred: group.len(), windows }
    };
    let mut by_cause: BTreeMap<String, Vec<&Handed>> = BTreeMap::new();
    let mut by_receiver: BTreeMap<String, Vec<&Handed>> = BTreeMap::new();
    let mut by_plan: BTreeMap<String, Vec<&Handed>> = BTreeMap::new();
    for h in handed {
        by_cause.entry(h.cause.as_str().to_string()).or_default().push(h);
        by_receiver.entry(h.to_id.to_string()).or_default().push(h);
        if let Some(p) = h.plan {
            by_plan.entry(p.to_string()).or_default().push(h);
        }
    }
    TransferReport {
        as_of: today,
        total: outcome("all".into(), handed.iter().collect()),
        by_cause: by_cause.into_iter().map(|(k, g)| outcome(k, g)).collect(),
        by_receiver: by_receiver.into_iter().map(|(k, g)| outcome(k, g)).collect(),
        by_plan: by_plan.into_iter().map(|(k, g)| outcome(k, g)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_are_calendar_months() {
        assert_eq!(add_months(date!(2026 - 01 - 31), 1), date!(2026 - 02 - 28));
        assert_eq!(add_months(date!(2026 - 03 - 15), -3), date!(2025 - 12 - 15));
        assert_eq!(add_months(date!(2026 - 03 - 15), 12), date!(2027 - 03 - 15));
    }

    /// Hand-computed: client T (segment A) moved on 2025-04-01 by rotation to rep R.
    /// T sold 100 in Feb 2025 (3-month before window) and 300 in May 2025 (after).
    /// Control: A has two untransferred clients, U1 sold 200 in Mar 2025 and 100 in Jun 2025,
    /// U2 sold nothing: per client 100 before, 50 after. Segment B's sales do not count.
    /// 3-month window: before 100, after 300, +200 %; control 100 → 50, −50 %; lift 250 points.
    /// 12-month window not complete on 2026-01-01: no clients counted.
    #[test]
    fn figures_match_the_hand_computation() {
        let (t, u1, u2, b) = (ClientId::new(), ClientId::new(), ClientId::new(), ClientId::new());
        let (r, plan) = (EmployeeId::new(), RedistributionId::new());
        let a = Some("A".to_string());
        let segments: BTreeMap<_, _> = [(t, a.clone()), (u1, a.clone()), (u2, a.clone()), (b, Some("B".into()))].into();
        let handed = [Handed {
            client_id: t,
            segment: a,
            cause: TransferCause::Rotation,
            to_id: r,
            effective_on: date!(2025 - 04 - 01),
            plan: Some(plan),
        }];
        let sale = |c, d, x| Sale { client_id: c, closed_on: d, amount_minor: x };
        let sales = [
            sale(t, date!(2025 - 02 - 10), 100),
            sale(t, date!(2025 - 05 - 10), 300),
            sale(u1, date!(2025 - 03 - 10), 200),
            sale(u1, date!(2025 - 06 - 10), 100),
            sale(b, date!(2025 - 05 - 10), 9999),
        ];
        let rep = report(&handed, &sales, &segments, date!(2026 - 01 - 01));
        let w3 = &rep.total.windows[0];
        assert_eq!((w3.clients, w3.before_minor, w3.after_minor), (1, 100, 300));
        assert_eq!((w3.control_before_minor, w3.control_after_minor), (100, 50));
        assert_eq!(w3.change_percent, Some(200.0));
        assert_eq!(w3.control_change_percent, Some(-50.0));
        assert_eq!(w3.lift_points, Some(250.0));
        assert_eq!(rep.total.windows[2].clients, 0, "the 12-month window has not passed");
        assert_eq!(rep.by_cause[0].key, "rotation");
        assert_eq!(rep.by_receiver[0].key, r.to_string());
        assert_eq!(
            (rep.by_plan[0].key.as_str(), &rep.by_plan[0].windows),
            (plan.to_string().as_str(), &rep.total.windows)
        );
    }
}
