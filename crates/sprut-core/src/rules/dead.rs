//! Dead clients («мёртвые» клиенты): held clients nobody is really working.
//!
//! A held client is dead when (a) its development is past due with no sale since it
//! started and no live extension, (b) nothing was logged on it for too long, or (c) it is
//! a customer that stopped buying. Each reason carries its figures.

use crate::assignment::AssignmentKind;
use crate::rules::days_text;
use crate::{AssignmentId, ClientId, EmployeeId};
use serde::{Deserialize, Serialize};
use time::Date;

/// What the store knows about one currently held client, in one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldingFacts {
    /// The client.
    pub client_id: ClientId,
    /// The open assignment.
    pub assignment_id: AssignmentId,
    /// The holder.
    pub employee_id: EmployeeId,
    /// Development or account.
    pub kind: AssignmentKind,
    /// First day held by this holder.
    pub started_on: Date,
    /// Due date of a development assignment.
    pub due_on: Option<Date>,
    /// The live extension's date, if any.
    pub extension_until: Option<Date>,
    /// Latest activity logged on the client, by anyone.
    pub last_activity: Option<Date>,
    /// Latest won deal's `closed_on`, whoever held the client.
    pub last_won: Option<Date>,
    /// Whether a deal was won on or after `started_on`.
    pub won_since_start: bool,
}

/// Limits of the dead-client rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DeadSettings {
    /// Days without activity after which a held client is dead.
    pub no_activity_days: i64,
    /// Days without a sale after which a customer has lapsed.
    pub lapse_days: i64,
}

impl Default for DeadSettings {
    fn default() -> Self {
        Self { no_activity_days: 60, lapse_days: 365 }
    }
}

/// Why a held client is dead, with the figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum DeadReason {
    /// Development reached its due date (or its extension's) without a sale.
    PastDue {
        /// The assignment's due date.
        due_on: Date,
        /// The extension's date, when one was granted (it has run out too).
        extension_until: Option<Date>,
        /// Days since the effective due date (0 on the day itself).
        days_over: i64,
    },
    /// Nothing logged for more than the limit.
    NoActivity {
        /// Latest activity, by anyone; `None` when there was never any.
        last_activity: Option<Date>,
        /// The later of `last_activity` and the holder's start: where the silence is counted from.
        counted_from: Date,
        /// Days of silence.
        days_silent: i64,
        /// The limit, in days.
        limit: i64,
    },
    /// A customer with no sale for more than the limit.
    Lapsed {
        /// Latest sale; `None` when there was never any.
        last_won: Option<Date>,
        /// The later of `last_won` and the holder's start: where the lapse is counted from.
        counted_from: Date,
        /// Days without a sale.
        days: i64,
        /// The limit, in days.
        limit: i64,
    },
}

/// One dead client with everything the head's list needs to decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DeadClient {
    /// The client.
    pub client_id: ClientId,
    /// The open assignment.
    pub assignment_id: AssignmentId,
    /// The holder.
    pub employee_id: EmployeeId,
    /// How he holds it (only a development can be extended).
    pub kind: AssignmentKind,
    /// Days held by this holder as of today.
    pub days_held: i64,
    /// Every reason it is dead, in rule order (a, b, c).
    pub reasons: Vec<DeadReason>,
}

/// Whole days from `from` to `to`.
fn days(from: Date, to: Date) -> i64 {
    (to - from).whole_days()
}

/// Why the held client is dead as of `today`; empty when it is alive.
///
/// - (a) `PastDue`: a development assignment whose effective due date (the later of `due_on`
///   and `extension_until`) is on or before `today`, with no sale since it started.
/// - (b) `NoActivity`: more than `no_activity_days` days from the later of `last_activity`
///   and `started_on` (a new holder gets the full grace) to `today`.
/// - (c) `Lapsed`: an account assignment with more than `lapse_days` days from the later of
///   `last_won` and `started_on` to `today`.
pub fn classify(f: &HoldingFacts, today: Date, settings: &DeadSettings) -> Vec<DeadReason> {
    let mut reasons = Vec::new();
    if f.kind == AssignmentKind::Development && !f.won_since_start {
        if let Some(effective) = f.due_on.max(f.extension_until) {
            if effective <= today {
                reasons.push(DeadReason::PastDue {
                    due_on: f.due_on.unwrap_or(effective),
                    extension_until: f.extension_until,
                    days_over: days(effective, today),
                });
            }
        }
    }
    let counted_from = f.last_activity.map_or(f.started_on, |a| a.max(f.started_on));
    let days_silent = days(counted_from, today);
    if days_silent > settings.no_activity_days {
        reasons.push(DeadReason::NoActivity {
            last_activity: f.last_activity,
            counted_from,
            days_silent,
            limit: settings.no_activity_days,
        });
    }
    if f.kind == AssignmentKind::Account {
        let counted_from = f.last_won.map_or(f.started_on, |w| w.max(f.started_on));
        let days = days(counted_from, today);
        if days > settings.lapse_days {
            reasons.push(DeadReason::Lapsed { last_won: f.last_won, counted_from, days, limit: settings.lapse_days });
        }
    }
    reasons
}

/// The dead clients among `held` as of `today`, sorted by client id.
pub fn dead_clients(held: &[HoldingFacts], today: Date, settings: &DeadSettings) -> Vec<DeadClient> {
    let mut dead: Vec<DeadClient> = held
        .iter()
        .filter_map(|f| {
            let reasons = classify(f, today, settings);
            (!reasons.is_empty()).then(|| DeadClient {
                client_id: f.client_id,
                assignment_id: f.assignment_id,
                employee_id: f.employee_id,
                kind: f.kind,
                days_held: days(f.started_on, today),
                reasons,
            })
        })
        .collect();
    dead.sort_by_key(|d| (d.client_id, d.assignment_id));
    dead
}

impl DeadReason {
    /// The rule's word, as stored and sent.
    pub fn rule(&self) -> &'static str {
        match self {
            DeadReason::PastDue { .. } => "past_due",
            DeadReason::NoActivity { .. } => "no_activity",
            DeadReason::Lapsed { .. } => "lapsed",
        }
    }

    /// One line saying why, with the figures.
    pub fn explain(&self) -> String {
        match self {
            DeadReason::PastDue { due_on, extension_until, days_over } => {
                let ext = extension_until.map_or(String::new(), |u| format!(", extended to {u}"));
                format!(
                    "development due {due_on}{ext}: {} past due with no sale since it started",
                    days_text(*days_over)
                )
            }
            DeadReason::NoActivity { last_activity, counted_from, days_silent, limit } => {
                let since = match last_activity {
                    Some(a) if a == counted_from => format!("last activity on {a}"),
                    Some(a) => format!("counted from the holder's start on {counted_from}; last activity on {a}"),
                    None => format!("never any activity; counted from the holder's start on {counted_from}"),
                };
                format!("no activity for {} ({since}), more than the limit of {limit}", days_text(*days_silent))
            }
            DeadReason::Lapsed { last_won, counted_from, days, limit } => {
                let since = match last_won {
                    Some(w) if w == counted_from => format!("last sale on {w}"),
                    Some(w) => format!("counted from the holder's start on {counted_from}; last sale on {w}"),
                    None => format!("never a sale; counted from the holder's start on {counted_from}"),
                };
                format!("customer with no sale for {} ({since}), more than the limit of {limit}", days_text(*days))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 06 - 01);

    fn development() -> HoldingFacts {
        HoldingFacts {
            client_id: ClientId::new(),
            assignment_id: AssignmentId::new(),
            employee_id: EmployeeId::new(),
            kind: AssignmentKind::Development,
            started_on: date!(2026 - 03 - 01),
            due_on: Some(date!(2026 - 05 - 30)),
            extension_until: None,
            last_activity: Some(date!(2026 - 05 - 20)),
            last_won: None,
            won_since_start: false,
        }
    }

    fn account() -> HoldingFacts {
        HoldingFacts {
            kind: AssignmentKind::Account,
            started_on: date!(2024 - 01 - 01),
            due_on: None,
            last_won: Some(date!(2025 - 06 - 01)),
            ..development()
        }
    }

    fn rules(f: &HoldingFacts) -> Vec<&'static str> {
        classify(f, TODAY, &DeadSettings::default()).iter().map(DeadReason::rule).collect()
    }

    #[test]
    fn past_due_development_without_a_sale() {
        let r = classify(&development(), TODAY, &DeadSettings::default());
        assert_eq!(r, [DeadReason::PastDue { due_on: date!(2026 - 05 - 30), extension_until: None, days_over: 2 }]);
        assert_eq!(r[0].explain(), "development due 2026-05-30: 2 days past due with no sale since it started");
        let json = serde_json::to_value(&r[0]).unwrap();
        assert_eq!((json["rule"].as_str(), json["days_over"].as_i64()), (Some("past_due"), Some(2)));
        // Due today is past due (0 days over); due tomorrow is not.
        assert_eq!(rules(&HoldingFacts { due_on: Some(TODAY), ..development() }), ["past_due"]);
        assert!(rules(&HoldingFacts { due_on: Some(date!(2026 - 06 - 02)), ..development() }).is_empty());
    }

    #[test]
    fn a_sale_since_start_keeps_it_alive() {
        assert!(rules(&HoldingFacts { won_since_start: true, ..development() }).is_empty());
    }

    #[test]
    fn extensions_in_force_and_expired() {
        let live = HoldingFacts { extension_until: Some(date!(2026 - 07 - 01)), ..development() };
        assert!(rules(&live).is_empty());
        let expired = HoldingFacts { extension_until: Some(date!(2026 - 05 - 31)), ..development() };
        let r = classify(&expired, TODAY, &DeadSettings::default());
        assert_eq!(
            r,
            [DeadReason::PastDue {
                due_on: date!(2026 - 05 - 30),
                extension_until: Some(date!(2026 - 05 - 31)),
                days_over: 1
            }]
        );
        assert!(r[0].explain().contains("extended to 2026-05-31: 1 day past due"));
    }

    #[test]
    fn silence_is_dead_only_beyond_the_limit() {
        let on_limit = HoldingFacts { last_activity: Some(date!(2026 - 04 - 02)), ..account() };
        assert!(rules(&on_limit).is_empty(), "exactly 60 days is alive");
        let over = HoldingFacts { last_activity: Some(date!(2026 - 04 - 01)), ..account() };
        let r = classify(&over, TODAY, &DeadSettings::default());
        assert_eq!(
            r,
            [DeadReason::NoActivity {
                last_activity: Some(date!(2026 - 04 - 01)),
                counted_from: date!(2026 - 04 - 01),
                days_silent: 61,
                limit: 60
            }]
        );
        assert_eq!(r[0].explain(), "no activity for 61 days (last activity on 2026-04-01), more than the limit of 60");
    }

    #[test]
    fn a_new_holder_gets_grace_from_the_start() {
        let fresh = HoldingFacts {
            started_on: date!(2026 - 04 - 15),
            due_on: Some(date!(2026 - 07 - 15)),
            last_activity: Some(date!(2025 - 01 - 01)),
            ..development()
        };
        assert!(rules(&fresh).is_empty());
        let never = HoldingFacts { started_on: date!(2026 - 03 - 31), last_activity: None, ..fresh };
        let r = classify(&never, TODAY, &DeadSettings::default());
        assert_eq!(r.iter().map(DeadReason::rule).collect::<Vec<_>>(), ["no_activity"]);
        assert!(r[0].explain().contains("never any activity; counted from the holder's start on 2026-03-31"));
    }

    #[test]
    fn lapsed_customers() {
        // Last sale 2025-06-01: 365 days on 2026-06-01, exactly the limit: alive.
        assert!(rules(&account()).is_empty());
        let lapsed = HoldingFacts { last_won: Some(date!(2025 - 05 - 31)), ..account() };
        let r = classify(&lapsed, TODAY, &DeadSettings::default());
        assert_eq!(r.iter().map(DeadReason::rule).collect::<Vec<_>>(), ["lapsed"]);
        assert_eq!(
            r[0].explain(),
            "customer with no sale for 366 days (last sale on 2025-05-31), more than the limit of 365"
        );
        // A new farmer gets a full lapse period from the start.
        assert!(rules(&HoldingFacts { started_on: date!(2026 - 01 - 01), last_won: None, ..account() }).is_empty());
        // Development is never "lapsed".
        assert!(!rules(&HoldingFacts { last_won: Some(date!(2020 - 01 - 01)), ..development() }).contains(&"lapsed"));
    }

    #[test]
    fn all_reasons_at_once_and_the_list_is_sorted() {
        let mut f = account();
        f.last_activity = None;
        f.last_won = None;
        assert_eq!(rules(&f), ["no_activity", "lapsed"]);
        let d = HoldingFacts { last_activity: None, ..development() };
        assert_eq!(rules(&d), ["past_due", "no_activity"]);
        let alive = HoldingFacts { won_since_start: true, ..development() };
        let list = dead_clients(&[d.clone(), f.clone(), alive], TODAY, &DeadSettings::default());
        assert_eq!(list.len(), 2);
        assert!(list[0].client_id < list[1].client_id);
        assert_eq!(list.iter().find(|x| x.client_id == d.client_id).unwrap().days_held, 92);
    }
}
