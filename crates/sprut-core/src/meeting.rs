//! Quarterly head meetings (article 000): every significant client (a tier or a potential the
//! company sets) meets the head of its holder's team at least once a quarter. A meeting is a
//! meeting or visit logged with the head among our people and the head's checklist; planning
//! one is a task of the head that only a head or an administrator moves or cancels.

use crate::client::Tier;
use crate::employee::Role;
use crate::error::CoreResult;
use crate::reason::Reason;
use crate::rules::store::RotationStore;
use crate::scope::Scope;
use crate::settings::Settings;
use crate::store::WorkbenchStore;
use crate::task::Task;
use crate::validate::Checks;
use crate::{word_enum, ClientId, CoreError, EmployeeId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::{Date, Month};

/// Longest note of what the client said about the company, in characters.
const CLIENT_SAYS_MAX: usize = 5_000;

/// The head's checklist of a quarterly meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MeetingChecklist {
    /// The client's decision makers were met in person.
    #[serde(default)]
    pub decision_makers_met: bool,
    /// The client's contacts in sprut were confirmed with the client.
    #[serde(default)]
    pub contacts_confirmed: bool,
    /// What the client said about the company (apart from what he says of his rep).
    #[serde(default)]
    pub client_says: String,
}

impl MeetingChecklist {
    /// The checklist trimmed and checked into `c` (its fields named inside `checklist`).
    pub fn checked(mut self, c: &mut Checks) -> Self {
        self.client_says = c.text("checklist.client_says", &self.client_says, CLIENT_SAYS_MAX);
        self
    }
}

word_enum!(
    /// What a task is for.
    TaskKind {
        /// A next step of the client's work.
        Step = "step",
        /// A quarterly meeting of the head with the client.
        HeadMeeting = "head_meeting",
    }
);

impl TaskKind {
    /// Whether an employee of `role` (`None`: the system) may set, move or close a task of
    /// this kind: a head's meeting is a head's or an administrator's alone.
    pub fn may_be_changed_by(self, role: Option<Role>) -> bool {
        self.open_to_all() || matches!(role, None | Some(Role::Head | Role::Admin))
    }

    /// Whether anyone who may write on the client may set and change it, whatever his role.
    pub fn open_to_all(self) -> bool {
        self == TaskKind::Step
    }

    /// The refusal when [`TaskKind::may_be_changed_by`] says no.
    pub fn refusal() -> CoreError {
        CoreError::field("kind", Reason::HeadMeetingByHead)
    }
}

/// A calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
pub struct Quarter {
    /// The year.
    pub year: i32,
    /// 1 to 4.
    pub number: u8,
}

impl Quarter {
    /// The quarter `day` is in.
    pub fn of(day: Date) -> Self {
        Self { year: day.year(), number: (u8::from(day.month()) - 1) / 3 + 1 }
    }

    /// Its first day.
    pub fn first_day(self) -> Date {
        let month = Month::try_from(self.number * 3 - 2).unwrap_or(Month::January);
        Date::from_calendar_date(self.year, month, 1).unwrap_or(Date::MIN)
    }

    /// Its last day.
    pub fn last_day(self) -> Date {
        self.next().first_day().previous_day().unwrap_or(Date::MAX)
    }

    /// The quarter before.
    pub fn previous(self) -> Self {
        if self.number == 1 {
            Self { year: self.year - 1, number: 4 }
        } else {
            Self { year: self.year, number: self.number - 1 }
        }
    }

    fn next(self) -> Self {
        if self.number == 4 {
            Self { year: self.year + 1, number: 1 }
        } else {
            Self { year: self.year, number: self.number + 1 }
        }
    }
}

/// Which clients need a quarterly head meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingRule {
    /// The least tier that needs one (`None`: no tier does by itself).
    pub min_tier: Option<Tier>,
    /// A potential (minor units) from which a client needs one (0: the tier alone decides).
    pub min_potential_minor: i64,
}

impl MeetingRule {
    /// The rule the company set.
    pub fn from_settings(s: &Settings) -> Self {
        Self {
            min_tier: Self::tier_of(&s.head_meeting_tier).unwrap_or(Some(Tier::Key)),
            min_potential_minor: s.head_meeting_potential_minor,
        }
    }

    /// The setting's word: a tier, or `none`.
    pub fn tier_of(word: &str) -> Result<Option<Tier>, Reason> {
        match word {
            "none" => Ok(None),
            w => w
                .parse()
                .map(Some)
                .map_err(|_| Reason::OneOf { value: word.to_string(), expected: "key, regular, small, none".into() }),
        }
    }

    /// The tiers that need a meeting by themselves, most important first.
    pub fn tiers(&self) -> &'static [Tier] {
        match self.min_tier {
            None => &[],
            Some(Tier::Key) => &[Tier::Key],
            Some(Tier::Regular) => &[Tier::Key, Tier::Regular],
            Some(Tier::Small) => &[Tier::Key, Tier::Regular, Tier::Small],
        }
    }

    /// Whether a client of `tier` and `potential_minor` needs one.
    pub fn needs(&self, tier: Tier, potential_minor: i64) -> bool {
        self.tiers().contains(&tier) || (self.min_potential_minor > 0 && potential_minor >= self.min_potential_minor)
    }
}

/// A meeting or visit logged with a checklist: when, and who of ours was there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingHeld {
    /// The day.
    pub on: Date,
    /// The author and the other participants of ours.
    pub people: Vec<EmployeeId>,
}

/// What the state of a significant client's quarterly meeting is computed from.
#[derive(Debug, Clone)]
pub struct MeetingFacts {
    /// The client.
    pub client_id: ClientId,
    /// Its holder.
    pub holder: EmployeeId,
    /// The head of the holder's team (`None`: no team, or a team without a head).
    pub head_id: Option<EmployeeId>,
    /// Held since.
    pub held_since: Date,
    /// Its meetings logged with a checklist, any date.
    pub meetings: Vec<MeetingHeld>,
    /// Its open head-meeting tasks.
    pub planned: Vec<Task>,
}

word_enum!(
    /// Where a client's quarterly head meeting stands.
    MeetingState {
        /// The previous quarter passed without one, or the planned date passed: the most urgent.
        Overdue = "overdue",
        /// Needed this quarter, none held, none planned.
        Due = "due",
        /// Planned for today or later.
        Planned = "planned",
        /// Held this quarter.
        Met = "met",
    }
);

/// One significant client's quarterly meeting.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HeadMeeting {
    /// The client.
    pub client_id: ClientId,
    /// Its holder.
    pub holder_id: EmployeeId,
    /// The head who must meet it.
    pub head_id: Option<EmployeeId>,
    /// Where it stands this quarter.
    pub state: MeetingState,
    /// The last meeting with the head.
    pub last_met_on: Option<Date>,
    /// The planned meeting, if any.
    pub planned: Option<Task>,
}

/// The quarterly meetings of a scope's significant clients.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HeadMeetings {
    /// The quarter of the day asked.
    pub quarter: Quarter,
    /// Its first day.
    pub starts_on: Date,
    /// Its last day.
    pub ends_on: Date,
    /// One per significant client, the most urgent first.
    pub meetings: Vec<HeadMeeting>,
    /// The name of every client listed.
    #[schema(value_type = Object)]
    pub names: BTreeMap<ClientId, String>,
}

/// Where the meeting of the client of `f` stands on `today`:
/// held this quarter → met; an open meeting planned for today or later → planned; a planned
/// date passed, or the previous quarter passed without one while the client was already held
/// → overdue; otherwise → due.
pub fn meeting(f: &MeetingFacts, today: Date) -> HeadMeeting {
    let quarter = Quarter::of(today);
    let last_met_on = f
        .meetings
        .iter()
        .filter(|m| m.on <= today && f.head_id.is_some_and(|h| m.people.contains(&h)))
        .map(|m| m.on)
        .max();
    let planned = f.planned.iter().min_by_key(|t| t.due_on).cloned();
    let previous = quarter.previous().first_day();
    let state = if last_met_on.is_some_and(|d| d >= quarter.first_day()) {
        MeetingState::Met
    } else if planned.as_ref().is_some_and(|t| t.due_on >= today) {
        MeetingState::Planned
    } else if planned.is_some() || (f.held_since < previous && last_met_on.is_none_or(|d| d < previous)) {
        MeetingState::Overdue
    } else {
        MeetingState::Due
    };
    HeadMeeting { client_id: f.client_id, holder_id: f.holder, head_id: f.head_id, state, last_met_on, planned }
}

/// The quarterly meetings of the significant clients inside `scope` on `today`, the most
/// urgent first (overdue, due, planned, met; the longest unmet first within each).
pub async fn meetings_in<S: WorkbenchStore>(store: &S, scope: &Scope, today: Date) -> CoreResult<Vec<HeadMeeting>> {
    let mut meetings: Vec<HeadMeeting> =
        store.meeting_facts(scope, None).await?.iter().map(|f| meeting(f, today)).collect();
    meetings.sort_by_key(|m| (m.state, m.last_met_on, m.client_id));
    Ok(meetings)
}

/// [`meetings_in`] with the quarter and the name of each client.
pub async fn head_meetings<S: WorkbenchStore + RotationStore>(
    store: &S,
    scope: &Scope,
    today: Date,
) -> CoreResult<HeadMeetings> {
    let meetings = meetings_in(store, scope, today).await?;
    let named: Vec<ClientId> = meetings.iter().map(|m| m.client_id).collect();
    let names = store.client_names(&named).await?.into_iter().collect();
    let quarter = Quarter::of(today);
    Ok(HeadMeetings { quarter, starts_on: quarter.first_day(), ends_on: quarter.last_day(), meetings, names })
}

/// Where the quarterly meeting of `client` (known to be seen by the caller) stands on
/// `today`, when it needs one.
pub async fn client_meeting<S: WorkbenchStore>(
    store: &S,
    client: ClientId,
    today: Date,
) -> CoreResult<Option<HeadMeeting>> {
    let facts = store.meeting_facts(&Scope::All, Some(client)).await?;
    Ok(facts.first().map(|f| meeting(f, today)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::TaskStatus;
    use crate::TaskId;
    use time::macros::{date, datetime};

    const TODAY: Date = date!(2026 - 05 - 20);

    fn facts(head: EmployeeId, held_since: Date, met: &[Date]) -> MeetingFacts {
        MeetingFacts {
            client_id: ClientId::new(),
            holder: EmployeeId::new(),
            head_id: Some(head),
            held_since,
            meetings: met.iter().map(|on| MeetingHeld { on: *on, people: vec![head] }).collect(),
            planned: vec![],
        }
    }

    fn planned(f: &MeetingFacts, on: Date) -> Task {
        Task {
            id: TaskId::new(),
            client_id: f.client_id,
            owner_id: f.head_id.unwrap(),
            kind: TaskKind::HeadMeeting,
            title: "Встреча".into(),
            due_on: on,
            status: TaskStatus::Open,
            activity_id: None,
            created_by: None,
            created_at: datetime!(2026-05-01 0:00 UTC),
            closed_at: None,
        }
    }

    #[test]
    fn quarters_begin_and_end_on_their_days() {
        let q = Quarter::of(TODAY);
        assert_eq!(
            (q.year, q.number, q.first_day(), q.last_day()),
            (2026, 2, date!(2026 - 04 - 01), date!(2026 - 06 - 30))
        );
        assert_eq!(Quarter::of(date!(2026 - 01 - 01)).previous().first_day(), date!(2025 - 10 - 01));
        assert_eq!(Quarter::of(date!(2026 - 12 - 31)).last_day(), date!(2026 - 12 - 31));
    }

    #[test]
    fn a_meeting_is_met_planned_due_or_overdue() {
        let head = EmployeeId::new();
        let met = facts(head, date!(2025 - 01 - 01), &[date!(2026 - 04 - 02)]);
        assert_eq!(meeting(&met, TODAY).state, MeetingState::Met);
        // Met last quarter only: due this one; not last quarter either: overdue.
        let last_quarter = facts(head, date!(2025 - 01 - 01), &[date!(2026 - 02 - 10)]);
        assert_eq!(meeting(&last_quarter, TODAY).state, MeetingState::Due);
        let never = facts(head, date!(2025 - 01 - 01), &[date!(2025 - 12 - 30)]);
        assert_eq!(meeting(&never, TODAY).state, MeetingState::Overdue);
        // Taken over this quarter: only due, whatever happened before.
        let new_holding = facts(head, date!(2026 - 02 - 01), &[]);
        assert_eq!(meeting(&new_holding, TODAY).state, MeetingState::Due);
        // Planned ahead: planned; its date passed without a meeting: overdue.
        let mut soon = last_quarter.clone();
        soon.planned = vec![planned(&soon, TODAY)];
        assert_eq!(meeting(&soon, TODAY).state, MeetingState::Planned);
        soon.planned = vec![planned(&soon, TODAY.previous_day().unwrap())];
        assert_eq!(meeting(&soon, TODAY).state, MeetingState::Overdue);
    }

    #[test]
    fn only_a_meeting_with_the_head_counts() {
        let head = EmployeeId::new();
        let mut f = facts(head, date!(2025 - 01 - 01), &[]);
        f.meetings = vec![MeetingHeld { on: date!(2026 - 05 - 01), people: vec![f.holder] }];
        assert_eq!(meeting(&f, TODAY).state, MeetingState::Overdue, "the rep alone is not the head");
    }

    #[test]
    fn the_rule_picks_clients_by_tier_or_potential() {
        let rule = MeetingRule { min_tier: Some(Tier::Regular), min_potential_minor: 5_000_000_00 };
        assert!(rule.needs(Tier::Key, 0) && rule.needs(Tier::Regular, 0) && !rule.needs(Tier::Small, 0));
        assert!(rule.needs(Tier::Small, 5_000_000_00));
        let none = MeetingRule { min_tier: None, min_potential_minor: 0 };
        assert!(!none.needs(Tier::Key, i64::MAX));
        assert!(TaskKind::HeadMeeting.may_be_changed_by(Some(Role::Head)));
        assert!(
            !TaskKind::HeadMeeting.may_be_changed_by(Some(Role::Rep))
                && TaskKind::Step.may_be_changed_by(Some(Role::Rep))
        );
    }
}
