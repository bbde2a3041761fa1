//! The head's review of dead clients as a list that filters, sorts and pages: which dead
//! clients one screen shows, out of however many the rules found.

use super::dead::{DeadClient, DeadReason};
use super::service::DeadEntry;
use crate::{word_enum, EmployeeId};
use serde::Deserialize;

word_enum!(
    /// Which rule found a client dead.
    DeadKind {
        /// A development past its due date without a sale.
        PastDue = "past_due",
        /// Nothing logged for longer than the limit.
        NoActivity = "no_activity",
        /// A customer with no sale for longer than the limit.
        Lapsed = "lapsed",
    }
);

word_enum!(
    /// The order of the review.
    ReviewSort {
        /// The most days past a rule's limit first.
        DaysOver = "days_over",
        /// The largest potential first.
        Potential = "potential",
        /// By client name.
        Name = "name",
        /// By holder, then days over.
        Holder = "holder",
    }
);

/// The rows a review shows at most on one page.
pub const REVIEW_PAGE: usize = 50;

/// What the head asks of the review: filters, order and page.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewQuery {
    /// Only the clients this employee holds.
    pub rep: Option<EmployeeId>,
    /// Only the clients this rule found dead.
    pub reason: Option<DeadKind>,
    /// Only the clients of this segment.
    pub segment: Option<String>,
    /// Only the clients at least this many days past a rule's limit.
    pub min_days_over: Option<i64>,
    /// The order (days over by default).
    pub sort: Option<ReviewSort>,
    /// Rows to skip.
    pub offset: Option<usize>,
    /// Rows to show (50 by default).
    pub limit: Option<usize>,
}

impl ReviewQuery {
    /// The rows a page holds: `limit`, else [`REVIEW_PAGE`].
    pub fn page_size(&self) -> usize {
        self.limit.unwrap_or(REVIEW_PAGE).max(1)
    }
}

impl DeadReason {
    /// The rule that gave this reason.
    pub fn kind(&self) -> DeadKind {
        match self {
            DeadReason::PastDue { .. } => DeadKind::PastDue,
            DeadReason::NoActivity { .. } => DeadKind::NoActivity,
            DeadReason::Lapsed { .. } => DeadKind::Lapsed,
        }
    }

    /// Days past this rule's limit (0 on the day it is reached).
    pub fn days_over(&self) -> i64 {
        match self {
            DeadReason::PastDue { days_over, .. } => *days_over,
            DeadReason::NoActivity { days_silent, limit, .. } => days_silent - limit,
            DeadReason::Lapsed { days, limit, .. } => days - limit,
        }
    }
}

impl DeadClient {
    /// The most days past any of its rules' limits.
    pub fn days_over(&self) -> i64 {
        self.reasons.iter().map(DeadReason::days_over).max().unwrap_or(0)
    }
}

/// One page of a review: the rows shown, how many matched, and the segments and holders
/// found (for the filters).
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewPage {
    /// The rows of this page.
    pub rows: Vec<DeadEntry>,
    /// The dead clients matching the filters, on every page.
    pub matched: usize,
    /// Every dead client found, before the filters.
    pub total: usize,
    /// The offset of the next page, when there is one.
    pub next: Option<usize>,
    /// The segments among all the dead clients, sorted.
    pub segments: Vec<String>,
}

/// Filters, sorts and cuts `entries` to the page `q` asks for. Ties keep a stable order
/// (client name, then id), so paging never skips or repeats a row.
pub fn select(entries: Vec<DeadEntry>, q: &ReviewQuery) -> ReviewPage {
    let total = entries.len();
    let mut segments: Vec<String> = entries.iter().filter_map(|e| e.brief.segment.clone()).collect();
    segments.sort();
    segments.dedup();
    let mut rows: Vec<DeadEntry> = entries
        .into_iter()
        .filter(|e| q.rep.is_none_or(|r| e.dead.employee_id == r))
        .filter(|e| q.reason.is_none_or(|k| e.dead.reasons.iter().any(|r| r.kind() == k)))
        .filter(|e| q.segment.as_deref().is_none_or(|s| e.brief.segment.as_deref() == Some(s)))
        .filter(|e| q.min_days_over.is_none_or(|d| e.dead.days_over() >= d))
        .collect();
    let by_name =
        |a: &DeadEntry, b: &DeadEntry| (&a.brief.name, a.dead.client_id).cmp(&(&b.brief.name, b.dead.client_id));
    match q.sort.unwrap_or(ReviewSort::DaysOver) {
        ReviewSort::DaysOver => {
            rows.sort_by(|a, b| b.dead.days_over().cmp(&a.dead.days_over()).then_with(|| by_name(a, b)))
        }
        ReviewSort::Potential => {
            rows.sort_by(|a, b| b.brief.potential_minor.cmp(&a.brief.potential_minor).then_with(|| by_name(a, b)))
        }
        ReviewSort::Name => rows.sort_by(by_name),
        ReviewSort::Holder => rows.sort_by(|a, b| {
            (&a.brief.holder_name, b.dead.days_over())
                .cmp(&(&b.brief.holder_name, a.dead.days_over()))
                .then_with(|| by_name(a, b))
        }),
    }
    let matched = rows.len();
    let offset = q.offset.unwrap_or(0).min(matched);
    let limit = q.page_size();
    let end = offset.saturating_add(limit).min(matched);
    let next = (end < matched).then_some(end);
    let rows = rows.drain(offset..end).collect();
    ReviewPage { rows, matched, total, next, segments }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignment::AssignmentKind;
    use crate::rules::cycle::{AppliedCycle, CycleFigure, CycleSource};
    use crate::rules::store::ClientBrief;
    use crate::{AssignmentId, ClientId};
    use time::macros::date;

    fn entry(n: u128, rep: u128, segment: &str, silent: i64, potential: i64) -> DeadEntry {
        let client = ClientId(uuid::Uuid::from_u128(n));
        let reason = DeadReason::NoActivity {
            last_activity: None,
            counted_from: date!(2026 - 01 - 01),
            days_silent: silent,
            limit: 60,
        };
        DeadEntry {
            dead: DeadClient {
                client_id: client,
                assignment_id: AssignmentId(uuid::Uuid::from_u128(n)),
                employee_id: EmployeeId(uuid::Uuid::from_u128(rep)),
                kind: AssignmentKind::Account,
                days_held: silent,
                reasons: vec![reason],
            },
            brief: ClientBrief {
                client_id: client,
                name: format!("Клиент {n:03}"),
                holder_name: Some(format!("Менеджер {rep}")),
                segment: Some(segment.into()),
                in_group: false,
                potential_minor: potential,
                won_deals: 0,
                last_report_week: None,
                last_report_status: None,
            },
            cycle: AppliedCycle {
                days: 90,
                source: CycleSource::Default,
                figure: CycleFigure::Median,
                samples: 0,
                base_days: 90,
                group_factor: None,
                segment: None,
                min_samples: 30,
            },
            last_activity: None,
            why: vec![],
        }
    }

    #[test]
    fn the_review_filters_sorts_and_pages_without_losing_a_row() {
        let all: Vec<DeadEntry> = (0..120)
            .map(|n| entry(n, n % 3, if n % 2 == 0 { "Опт" } else { "Розница" }, 61 + (n as i64 % 7), n as i64))
            .collect();
        let first = select(all.clone(), &ReviewQuery::default());
        assert_eq!((first.rows.len(), first.matched, first.total, first.next), (50, 120, 120, Some(50)));
        assert_eq!(first.segments, ["Опт", "Розница"]);
        assert!(first.rows.windows(2).all(|w| w[0].dead.days_over() >= w[1].dead.days_over()), "most overdue first");
        // Paging through gives every row once.
        let mut seen = Vec::new();
        let mut offset = Some(0);
        while let Some(o) = offset {
            let page = select(all.clone(), &ReviewQuery { offset: Some(o), ..Default::default() });
            seen.extend(page.rows.iter().map(|e| e.dead.client_id));
            offset = page.next;
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 120);
        // Filters combine.
        let q = ReviewQuery {
            rep: Some(EmployeeId(uuid::Uuid::from_u128(1))),
            segment: Some("Розница".into()),
            min_days_over: Some(5),
            sort: Some(ReviewSort::Potential),
            ..Default::default()
        };
        let page = select(all.clone(), &q);
        assert!(page.rows.iter().all(|e| e.dead.employee_id.0.as_u128() == 1
            && e.brief.segment.as_deref() == Some("Розница")
            && e.dead.days_over() >= 5));
        assert!(page.rows.windows(2).all(|w| w[0].brief.potential_minor >= w[1].brief.potential_minor));
        assert_eq!(page.matched, page.rows.len());
        let past_due = select(all, &ReviewQuery { reason: Some(DeadKind::PastDue), ..Default::default() });
        assert_eq!(past_due.matched, 0);
    }
}
