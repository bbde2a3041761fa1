//! Planned touches: each held client is due a touch by the cadence of its tier (key clients
//! every 14 days, say), or on its open task's date when a next step is set.

use crate::client::Tier;
use crate::settings::Settings;
use crate::{ClientId, EmployeeId};
use serde::Serialize;
use time::{Date, Duration};

/// How often each tier must be touched, in days (company settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TouchCadence {
    /// Key clients.
    pub key: i64,
    /// Regular clients.
    pub regular: i64,
    /// Small clients.
    pub small: i64,
}

impl TouchCadence {
    /// The cadence the company set.
    pub fn from_settings(s: &Settings) -> Self {
        Self { key: s.touch_key_days, regular: s.touch_regular_days, small: s.touch_small_days }
    }

    /// Days between touches of a client of `tier`.
    pub fn days(&self, tier: Tier) -> i64 {
        match tier {
            Tier::Key => self.key,
            Tier::Regular => self.regular,
            Tier::Small => self.small,
        }
    }
}

/// What the next touch of a held client is planned from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TouchFacts {
    /// The client.
    pub client_id: ClientId,
    /// Its tier.
    pub tier: Tier,
    /// Its holder.
    pub holder: EmployeeId,
    /// Since when he holds it.
    pub held_since: Date,
    /// The day of its latest touch, by anyone.
    pub last_touch: Option<Date>,
    /// The earliest due date of its open tasks.
    pub next_task: Option<Date>,
}

/// Why a touch is planned on its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum TouchBasis {
    /// An open task is due then.
    Task,
    /// The cadence of the tier counted from the last touch on this day.
    LastTouch {
        /// The day of the last touch.
        on: Date,
    },
    /// No touch yet: the cadence counted from the day the holder took the client.
    HeldSince {
        /// The day the holding started.
        on: Date,
    },
}

/// The next planned touch of a held client, with the rule and figures behind its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlannedTouch {
    /// The client.
    pub client_id: ClientId,
    /// Its holder.
    pub holder: EmployeeId,
    /// Its tier.
    #[schema(value_type = String)]
    pub tier: Tier,
    /// When the touch is due.
    pub due_on: Date,
    /// The tier's cadence in days.
    pub cadence_days: i64,
    /// What the date comes from.
    #[serde(flatten)]
    pub basis: TouchBasis,
}

impl PlannedTouch {
    /// Plans the next touch: the open task's date, else the last touch (or the start of the
    /// holding, when never touched) plus the tier's cadence.
    pub fn of(f: &TouchFacts, cadence: &TouchCadence) -> Self {
        let days = cadence.days(f.tier);
        let (due_on, basis) = match (f.next_task, f.last_touch) {
            (Some(due), _) => (due, TouchBasis::Task),
            (None, Some(on)) => (on.saturating_add(Duration::days(days)), TouchBasis::LastTouch { on }),
            (None, None) => {
                (f.held_since.saturating_add(Duration::days(days)), TouchBasis::HeldSince { on: f.held_since })
            }
        };
        Self { client_id: f.client_id, holder: f.holder, tier: f.tier, due_on, cadence_days: days, basis }
    }

    /// Days past its date on `today` (0 when not yet due).
    pub fn days_overdue(&self, today: Date) -> i64 {
        (today - self.due_on).whole_days().max(0)
    }

    /// The last day before it is overdue by more than a whole cadence.
    pub fn late_after(&self) -> Date {
        self.due_on.saturating_add(Duration::days(self.cadence_days))
    }

    /// Overdue by more than a whole cadence on `today`: it counts against the holder.
    pub fn long_overdue(&self, today: Date) -> bool {
        today > self.late_after()
    }

    /// What a holding keeps of its plan so that due touches are counted from an index: the
    /// due day and [`Self::late_after`] of a touch the cadence plans; none when an open task
    /// says when (the task is listed instead).
    pub fn kept(&self) -> Option<(Date, Date)> {
        (self.basis != TouchBasis::Task).then(|| (self.due_on, self.late_after()))
    }
}

/// The touches due by `today` (overdue ones and today's) of the clients in `facts` that have
/// no open task (those are listed as tasks), most overdue first.
pub fn due_touches(facts: &[TouchFacts], cadence: &TouchCadence, today: Date) -> Vec<PlannedTouch> {
    let mut due: Vec<PlannedTouch> = facts
        .iter()
        .map(|f| PlannedTouch::of(f, cadence))
        .filter(|t| t.basis != TouchBasis::Task && t.due_on <= today)
        .collect();
    due.sort_by_key(|t| (t.due_on, t.client_id));
    due
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn facts(tier: Tier, last_touch: Option<Date>, next_task: Option<Date>) -> TouchFacts {
        TouchFacts {
            client_id: ClientId::new(),
            tier,
            holder: EmployeeId::new(),
            held_since: date!(2026 - 09 - 01),
            last_touch,
            next_task,
        }
    }

    #[test]
    fn the_next_touch_comes_from_the_task_else_the_cadence_from_the_last_touch_or_the_holding() {
        let cadence = TouchCadence::from_settings(&Settings::default());
        let key = PlannedTouch::of(&facts(Tier::Key, Some(date!(2026 - 11 - 20)), None), &cadence);
        assert_eq!(
            (key.due_on, key.basis),
            (date!(2026 - 12 - 04), TouchBasis::LastTouch { on: date!(2026 - 11 - 20) })
        );
        let tasked =
            PlannedTouch::of(&facts(Tier::Key, Some(date!(2026 - 11 - 20)), Some(date!(2026 - 12 - 10))), &cadence);
        assert_eq!((tasked.due_on, tasked.basis), (date!(2026 - 12 - 10), TouchBasis::Task));
        let never = PlannedTouch::of(&facts(Tier::Small, None, None), &cadence);
        assert_eq!(
            (never.due_on, never.basis),
            (date!(2026 - 11 - 30), TouchBasis::HeldSince { on: date!(2026 - 09 - 01) })
        );
    }

    #[test]
    fn due_touches_leave_out_tasked_and_future_ones_and_count_long_overdue() {
        let cadence = TouchCadence::from_settings(&Settings::default());
        let today = date!(2026 - 12 - 06);
        let all = [
            facts(Tier::Key, Some(date!(2026 - 11 - 22)), None), // due today
            facts(Tier::Key, Some(date!(2026 - 11 - 01)), None), // due 11-15: 21 days over
            facts(Tier::Key, Some(date!(2026 - 12 - 01)), None), // not yet
            facts(Tier::Key, Some(date!(2026 - 10 - 01)), Some(today)), // a task says when
        ];
        let due = due_touches(&all, &cadence, today);
        assert_eq!(due.iter().map(|t| t.due_on).collect::<Vec<_>>(), [date!(2026 - 11 - 15), today]);
        assert_eq!(due[0].days_overdue(today), 21);
        assert!(due[0].long_overdue(today) && !due[1].long_overdue(today));
    }
}
