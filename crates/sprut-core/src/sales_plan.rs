//! Sales plans from client potential (article 000): each rep's plan for a month is the share of
//! the yearly potential of every client he holds, day by day, so a client changing hands moves
//! its part of the plan from that day; a head may override a month with a reason and set
//! hunters' targets (new clients, first sales). Plan against actual: won deals credited to the
//! rep in the month.

use crate::assignment::{AssignmentKind, EndReason};
use crate::client::Tier;
use crate::error::CoreResult;
use crate::settings::Settings;
use crate::validate::Checks;
use crate::{word_enum, Actor, ClientId, EmployeeId, Reason, TeamId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::future::Future;
use time::{Date, Duration, Month};

/// One span of a client held by a rep of the team, as the plan reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The client.
    pub client_id: ClientId,
    /// Its name.
    pub client_name: String,
    /// The holder.
    pub employee_id: EmployeeId,
    /// Development or account.
    pub kind: AssignmentKind,
    /// The client's yearly potential (minor units; 0: unknown).
    pub potential_minor: i64,
    /// Its tier.
    pub tier: Tier,
    /// First day held.
    pub started_on: Date,
    /// First day no longer held (exclusive), if ended.
    pub ended_on: Option<Date>,
    /// Why it ended.
    pub end_reason: Option<EndReason>,
    /// How the holding before it ended, when one ended on or before its start.
    pub came_by: Option<EndReason>,
    /// Who held it before.
    pub came_from: Option<EmployeeId>,
    /// Who held it next, once it ended.
    pub went_to: Option<EmployeeId>,
}

/// A won deal credited to a rep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Won {
    /// The rep credited.
    pub employee_id: EmployeeId,
    /// When won.
    pub closed_on: Date,
    /// Amount (minor units).
    pub amount_minor: i64,
    /// The client's first won deal ever.
    pub first: bool,
}

/// A head's word on a rep's month: the plan instead of the derived one, and hunters' targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MonthSetting {
    /// The plan for the month instead of the one from potential (minor units).
    #[serde(default)]
    pub plan_minor: Option<i64>,
    /// Target: new clients opened in the month (hunters).
    #[serde(default)]
    pub new_clients: Option<i64>,
    /// Target: first sales to clients in the month (hunters).
    #[serde(default)]
    pub first_sales: Option<i64>,
    /// Why (required).
    pub reason: String,
    /// Who set it.
    #[serde(default)]
    pub set_by: Option<EmployeeId>,
}

impl MonthSetting {
    /// Checks the values.
    pub fn checked(mut self) -> CoreResult<MonthSetting> {
        let mut c = Checks::new();
        self.reason = c.text("reason", &self.reason, 1000);
        for (field, v) in
            [("plan_minor", self.plan_minor), ("new_clients", self.new_clients), ("first_sales", self.first_sales)]
        {
            if v.is_some_and(|v| v < 0) {
                c.fail(field, Reason::Negative);
            }
        }
        c.finish()?;
        Ok(self)
    }
}

/// What the plans of a team's month are made from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanInputs {
    /// The team's reps (id, name, a hunter).
    pub reps: Vec<(EmployeeId, String, bool)>,
    /// Every holding of those reps that overlaps the period.
    pub held: Vec<Held>,
    /// Their won deals in the period.
    pub won: Vec<Won>,
    /// The heads' settings of the period's months, by rep and month's first day.
    pub settings: Vec<(EmployeeId, Date, MonthSetting)>,
}

impl PlanInputs {
    /// The inputs of one rep alone (what he sees of his own plan).
    pub fn only(self, rep: EmployeeId) -> PlanInputs {
        PlanInputs {
            reps: self.reps.into_iter().filter(|r| r.0 == rep).collect(),
            held: self.held.into_iter().filter(|h| h.employee_id == rep).collect(),
            won: self.won.into_iter().filter(|w| w.employee_id == rep).collect(),
            settings: self.settings.into_iter().filter(|s| s.0 == rep).collect(),
        }
    }
}

word_enum!(
    /// Why a rep's plan changed within a month.
    AdjustCause {
        /// A client received from a colleague.
        Received = "received",
        /// A client handed to a colleague.
        HandedOver = "handed_over",
        /// A new client (his own find, or given from the pool or rotation).
        Gained = "gained",
        /// Taken back by the head.
        Recalled = "recalled",
        /// Released to rest: no sale in its period.
        Released = "released",
        /// Archived.
        Archived = "archived",
        /// He left the company.
        Departed = "departed",
    }
);

/// One change of a rep's plan within the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Adjustment {
    /// The client.
    pub client_id: ClientId,
    /// Its name.
    pub client_name: String,
    /// Its yearly potential.
    pub potential_minor: i64,
    /// The day it came or went.
    pub on: Date,
    /// What it adds to the period's plan from its day to the period's end (negative: what it
    /// takes from that day); what he held on the first day plus the changes is his plan.
    pub change_minor: i64,
    /// Why.
    pub cause: AdjustCause,
}

/// A target and what was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Target {
    /// The head's target, if set.
    pub target: Option<i64>,
    /// Done in the period.
    pub actual: i64,
}

/// A rep's plan for the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RepPlan {
    /// The rep.
    pub employee_id: EmployeeId,
    /// His name.
    pub name: String,
    /// A hunter (the targets are his).
    pub hunter: bool,
    /// The plan from the potentials he held each day (minor units).
    pub from_potential_minor: i64,
    /// The head's plan instead, with its reason, for the months that have one.
    pub overrides: Vec<Override>,
    /// The plan: the head's where set, else from potential.
    pub plan_minor: i64,
    /// Won deals credited to him.
    pub actual_minor: i64,
    /// Actual as a percent of plan.
    pub done_percent: Option<i64>,
    /// New clients opened.
    pub new_clients: Target,
    /// First sales.
    pub first_sales: Target,
    /// The changes of hands that moved his plan, day by day.
    pub adjustments: Vec<Adjustment>,
}

/// A head's plan for one month of a rep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Override {
    /// The month's first day.
    pub month: Date,
    /// The plan he set.
    pub plan_minor: i64,
    /// What potential gave.
    pub from_potential_minor: i64,
    /// Why.
    pub reason: String,
}

/// A held client with no potential: the head estimates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Unknown {
    /// The client.
    pub client_id: ClientId,
    /// Its name.
    pub client_name: String,
    /// Its holder.
    pub employee_id: EmployeeId,
}

/// A day of the period: plan and actual so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TrendDay {
    /// The day.
    pub on: Date,
    /// The team's plan up to and including it (minor units).
    pub plan_minor: i64,
    /// Won up to and including it; none for days after today.
    pub actual_minor: Option<i64>,
}

/// A team's plans for a month or a quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TeamPlan {
    /// The team.
    pub team_id: TeamId,
    /// The period's first day.
    pub from: Date,
    /// Its last day.
    pub to: Date,
    /// Each rep.
    pub reps: Vec<RepPlan>,
    /// The team's plan.
    pub plan_minor: i64,
    /// The team's actual.
    pub actual_minor: i64,
    /// Day by day over the whole period (actual up to today).
    pub trend: Vec<TrendDay>,
    /// Clients the team holds today with no potential.
    pub potential_unknown: Vec<Unknown>,
}

/// A month or a quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub from: Date,
    /// The day after the last.
    pub until: Date,
}

impl Period {
    /// `2026-12` (a month) or `2026-Q4` (a quarter).
    pub fn parse(s: &str) -> Result<Period, Reason> {
        let bad = || Reason::Period { value: s.to_string() };
        let (year, rest) = s.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = year.parse().map_err(|_| bad())?;
        let (first, months) = match rest.strip_prefix(['Q', 'q']) {
            Some(q) => (q.parse::<u8>().ok().filter(|q| (1..=4).contains(q)).ok_or_else(bad)? * 3 - 2, 3),
            None => (rest.parse::<u8>().ok().filter(|m| (1..=12).contains(m)).ok_or_else(bad)?, 1),
        };
        let month = Month::try_from(first).map_err(|_| bad())?;
        let from = Date::from_calendar_date(year, month, 1).map_err(|_| bad())?;
        Ok(Period { from, until: crate::handover::analysis::add_months(from, months) })
    }

    /// `2026-12`: one month, never a quarter.
    pub fn parse_month(s: &str) -> Result<Period, Reason> {
        Period::parse(s).ok().filter(|p| p.months().len() == 1).ok_or_else(|| Reason::Period { value: s.to_string() })
    }

    /// The month of `day`.
    pub fn month_of(day: Date) -> Period {
        let from = day.replace_day(1).unwrap_or(day);
        Period { from, until: crate::handover::analysis::add_months(from, 1) }
    }

    /// The first day of each month of the period.
    pub fn months(&self) -> Vec<Date> {
        let mut out = Vec::new();
        let mut m = self.from;
        while m < self.until {
            out.push(m);
            m = crate::handover::analysis::add_months(m, 1);
        }
        out
    }
}

/// The share (percent) of a client's yearly potential expected of its holder, by tier.
pub fn share_percent(settings: &Settings, tier: Tier) -> i64 {
    match tier {
        Tier::Key => settings.plan_key_percent,
        Tier::Regular => settings.plan_regular_percent,
        Tier::Small => settings.plan_small_percent,
    }
}

/// The plan a client of `potential` at `percent` gives for `days` days held.
fn part(potential: i64, percent: i64, days: i64) -> i64 {
    let exact = i128::from(potential) * i128::from(percent) * i128::from(days);
    i64::try_from(exact / (100 * 365)).unwrap_or(i64::MAX)
}

/// Days of `[from, until)` within `[a, b)`.
fn overlap(from: Date, until: Date, a: Date, b: Date) -> i64 {
    let (s, e) = (from.max(a), until.min(b));
    (e - s).whole_days().max(0)
}

/// The cause of a holding's start, unless the same rep held it just before (a conversion).
fn came(h: &Held) -> Option<AdjustCause> {
    match h.came_by {
        _ if h.came_from == Some(h.employee_id) => None,
        Some(EndReason::Transferred | EndReason::Departed | EndReason::Converted) => Some(AdjustCause::Received),
        _ => Some(AdjustCause::Gained),
    }
}

/// The cause of a holding's end, unless the same rep holds it next (a conversion).
fn went(h: &Held) -> Option<AdjustCause> {
    if h.went_to == Some(h.employee_id) {
        return None;
    }
    Some(match h.end_reason? {
        EndReason::Converted | EndReason::Transferred => AdjustCause::HandedOver,
        EndReason::Recalled => AdjustCause::Recalled,
        EndReason::Released => AdjustCause::Released,
        EndReason::Archived => AdjustCause::Archived,
        EndReason::Departed => AdjustCause::Departed,
    })
}

/// The team's plans for `period` as of `today`.
pub fn team_plan(team: TeamId, input: &PlanInputs, period: Period, settings: &Settings, today: Date) -> TeamPlan {
    let months = period.months();
    let last = period.until - Duration::days(1);
    let mut reps = Vec::new();
    let mut daily_plan: BTreeMap<Date, i64> = BTreeMap::new();
    for (id, name, hunter) in &input.reps {
        let held: Vec<&Held> = input.held.iter().filter(|h| h.employee_id == *id).collect();
        let mut plan_minor = 0i64;
        let mut from_potential_minor = 0i64;
        let mut overrides = Vec::new();
        for &m in &months {
            let until = crate::handover::analysis::add_months(m, 1);
            let derived: i64 = held
                .iter()
                .map(|h| {
                    let end = h.ended_on.unwrap_or(Date::MAX);
                    part(h.potential_minor, share_percent(settings, h.tier), overlap(m, until, h.started_on, end))
                })
                .fold(0, i64::saturating_add);
            from_potential_minor = from_potential_minor.saturating_add(derived);
            let set = input.settings.iter().find(|(e, d, s)| e == id && *d == m && s.plan_minor.is_some());
            let month_plan = match set {
                Some((_, _, s)) => {
                    let plan = s.plan_minor.unwrap_or(derived);
                    overrides.push(Override {
                        month: m,
                        plan_minor: plan,
                        from_potential_minor: derived,
                        reason: s.reason.clone(),
                    });
                    plan
                }
                None => derived,
            };
            plan_minor = plan_minor.saturating_add(month_plan);
            // The month's plan spread evenly over its days, for the trend.
            let days = (until - m).whole_days();
            let mut spread = 0;
            for d in 0..days {
                let share = (i128::from(month_plan) * i128::from(d + 1) / i128::from(days)) as i64 - spread;
                spread += share;
                let day = daily_plan.entry(m + Duration::days(d)).or_default();
                *day = day.saturating_add(share);
            }
        }
        let mut adjustments = Vec::new();
        for h in &held {
            let percent = share_percent(settings, h.tier);
            if h.started_on >= period.from && h.started_on < period.until {
                if let Some(cause) = came(h) {
                    // What it adds to the end of the period; a later loss takes back the rest.
                    let change = part(h.potential_minor, percent, (period.until - h.started_on).whole_days());
                    adjustments.push(adjust(h, h.started_on, change, cause));
                }
            }
            if let (Some(end), Some(cause)) = (h.ended_on.filter(|e| *e >= period.from && *e < period.until), went(h)) {
                let change = -part(h.potential_minor, percent, (period.until - end).whole_days());
                adjustments.push(adjust(h, end, change, cause));
            }
        }
        adjustments.sort_by(|a, b| (a.on, &a.client_name).cmp(&(b.on, &b.client_name)));
        let won = input.won.iter().filter(|w| w.employee_id == *id);
        let actual_minor = won.clone().map(|w| w.amount_minor).fold(0, i64::saturating_add);
        let target = |pick: fn(&MonthSetting) -> Option<i64>| {
            let set: Vec<i64> = input
                .settings
                .iter()
                .filter(|(e, d, _)| e == id && months.contains(d))
                .filter_map(|(_, _, s)| pick(s))
                .collect();
            (!set.is_empty()).then(|| set.iter().fold(0i64, |a, b| a.saturating_add(*b)))
        };
        reps.push(RepPlan {
            employee_id: *id,
            name: name.clone(),
            hunter: *hunter,
            from_potential_minor,
            overrides,
            plan_minor,
            actual_minor,
            done_percent: (plan_minor > 0).then(|| (i128::from(actual_minor) * 100 / i128::from(plan_minor)) as i64),
            new_clients: Target { target: target(|s| s.new_clients), actual: opened(&held, period) },
            first_sales: Target { target: target(|s| s.first_sales), actual: won.filter(|w| w.first).count() as i64 },
            adjustments,
        });
    }
    let mut trend = Vec::new();
    let (mut plan_sum, mut actual_sum) = (0i64, 0i64);
    let mut won_by_day: BTreeMap<Date, i64> = BTreeMap::new();
    for w in &input.won {
        let day = won_by_day.entry(w.closed_on).or_default();
        *day = day.saturating_add(w.amount_minor);
    }
    for (day, plan) in daily_plan.range(period.from..=last) {
        plan_sum = plan_sum.saturating_add(*plan);
        actual_sum = actual_sum.saturating_add(won_by_day.get(day).copied().unwrap_or(0));
        trend.push(TrendDay { on: *day, plan_minor: plan_sum, actual_minor: (*day <= today).then_some(actual_sum) });
    }
    let mut potential_unknown: Vec<Unknown> = input
        .held
        .iter()
        .filter(|h| h.potential_minor == 0 && h.started_on <= today && h.ended_on.is_none_or(|e| e > today))
        .map(|h| Unknown { client_id: h.client_id, client_name: h.client_name.clone(), employee_id: h.employee_id })
        .collect();
    potential_unknown.sort_by(|a, b| a.client_name.cmp(&b.client_name));
    potential_unknown.dedup_by_key(|u| u.client_id);
    TeamPlan {
        team_id: team,
        from: period.from,
        to: last,
        plan_minor: reps.iter().map(|r| r.plan_minor).fold(0, i64::saturating_add),
        actual_minor: reps.iter().map(|r| r.actual_minor).fold(0, i64::saturating_add),
        reps,
        trend,
        potential_unknown,
    }
}

/// New clients opened in the period: developments started that no colleague handed over.
fn opened(held: &[&Held], period: Period) -> i64 {
    let new = |h: &&&Held| {
        h.kind == AssignmentKind::Development
            && (period.from..period.until).contains(&h.started_on)
            && came(h) == Some(AdjustCause::Gained)
    };
    held.iter().filter(new).count() as i64
}

fn adjust(h: &Held, on: Date, change_minor: i64, cause: AdjustCause) -> Adjustment {
    Adjustment {
        client_id: h.client_id,
        client_name: h.client_name.clone(),
        potential_minor: h.potential_minor,
        on,
        change_minor,
        cause,
    }
}

/// Sales plans in the store.
pub trait SalesPlanStore: Send + Sync + 'static {
    /// What the team's plans of `period` are made from.
    fn plan_inputs(&self, team: TeamId, period: Period) -> impl Future<Output = CoreResult<PlanInputs>> + Send;
    /// Sets (or with every value empty, clears) a head's word on a rep's month, audited.
    fn set_month(
        &self,
        actor: &Actor,
        employee: EmployeeId,
        month: Date,
        setting: &MonthSetting,
    ) -> impl Future<Output = CoreResult<()>> + Send;
}

/// The team's plans for `period` as of `today`.
pub async fn plans<S: SalesPlanStore>(
    store: &S,
    team: TeamId,
    period: Period,
    settings: &Settings,
    today: Date,
) -> CoreResult<TeamPlan> {
    let input = store.plan_inputs(team, period).await?;
    Ok(team_plan(team, &input, period, settings, today))
}

/// Checks and stores a head's word on a rep's month (`month` is any day of it).
pub async fn set_month<S: SalesPlanStore>(
    store: &S,
    actor: &Actor,
    employee: EmployeeId,
    month: Date,
    setting: MonthSetting,
) -> CoreResult<()> {
    let setting = MonthSetting { set_by: actor.employee_id, ..setting.checked()? };
    store.set_month(actor, employee, Period::month_of(month).from, &setting).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn held(rep: EmployeeId, name: &str, potential: i64, from: Date, to: Option<Date>) -> Held {
        Held {
            client_id: ClientId::new(),
            client_name: name.into(),
            employee_id: rep,
            kind: AssignmentKind::Account,
            potential_minor: potential,
            tier: Tier::Regular,
            started_on: from,
            ended_on: to,
            end_reason: to.map(|_| EndReason::Transferred),
            came_by: None,
            came_from: None,
            went_to: None,
        }
    }

    /// Hand-computed: a client of potential 365 000 at 100 % gives 1 000 a day. Rep A holds it
    /// from before December to 11 December (exclusive), then rep B from that day: A's December
    /// plan is 10 days = 10 000, B's 21 days = 21 000, and each sees the change with its cause.
    #[test]
    fn a_client_changing_hands_moves_its_plan_from_that_day() {
        let (a, b) = (EmployeeId::new(), EmployeeId::new());
        let settings = Settings { plan_regular_percent: 100, ..Settings::default() };
        let day = date!(2026 - 12 - 11);
        let mut to_b = held(b, "Альфа", 365_000, day, None);
        to_b.came_by = Some(EndReason::Transferred);
        to_b.came_from = Some(a);
        let mut unknown = held(b, "Без потенциала", 0, date!(2026 - 12 - 02), None);
        unknown.kind = AssignmentKind::Development;
        let input = PlanInputs {
            reps: vec![(a, "А".into(), false), (b, "Б".into(), true)],
            held: vec![held(a, "Альфа", 365_000, date!(2026 - 01 - 01), Some(day)), to_b, unknown],
            won: vec![Won { employee_id: b, closed_on: date!(2026 - 12 - 20), amount_minor: 7_000, first: true }],
            settings: vec![(
                b,
                date!(2026 - 12 - 01),
                MonthSetting {
                    plan_minor: None,
                    new_clients: Some(2),
                    first_sales: Some(1),
                    reason: "цель".into(),
                    set_by: None,
                },
            )],
        };
        let p = team_plan(TeamId::new(), &input, Period::parse("2026-12").unwrap(), &settings, date!(2026 - 12 - 31));
        let (ra, rb) = (&p.reps[0], &p.reps[1]);
        assert_eq!((ra.plan_minor, rb.plan_minor, p.plan_minor), (10_000, 21_000, 31_000));
        assert_eq!((ra.adjustments[0].change_minor, ra.adjustments[0].cause), (-21_000, AdjustCause::HandedOver));
        assert_eq!((rb.adjustments[1].change_minor, rb.adjustments[1].cause), (21_000, AdjustCause::Received));
        assert_eq!(
            (rb.adjustments[0].client_name.as_str(), rb.adjustments[0].cause),
            ("Без потенциала", AdjustCause::Gained)
        );
        assert_eq!((rb.actual_minor, rb.done_percent), (7_000, Some(33)));
        assert_eq!((rb.new_clients.target, rb.new_clients.actual, rb.first_sales.actual), (Some(2), 1, 1));
        assert_eq!(p.trend.last().map(|t| (t.plan_minor, t.actual_minor)), Some((31_000, Some(7_000))));
        let early =
            team_plan(TeamId::new(), &input, Period::parse("2026-12").unwrap(), &settings, date!(2026 - 12 - 15));
        assert_eq!(
            (early.trend.len(), early.trend[14].actual_minor, early.trend[15].actual_minor),
            (31, Some(0), None)
        );
        assert_eq!(p.potential_unknown.len(), 1);
        // A head's plan replaces the month's, with its reason; the derived figure stays beside it.
        let mut input = input;
        input.settings.push((
            a,
            date!(2026 - 12 - 01),
            MonthSetting {
                plan_minor: Some(50_000),
                new_clients: None,
                first_sales: None,
                reason: "новый склад".into(),
                set_by: None,
            },
        ));
        let p = team_plan(TeamId::new(), &input, Period::parse("2026-Q4").unwrap(), &settings, date!(2026 - 12 - 31));
        assert_eq!(p.reps[0].overrides[0].from_potential_minor, 10_000);
        // October and November: 61 days of 1 000, then the head's 50 000 for December.
        assert_eq!(p.reps[0].plan_minor, 61_000 + 50_000);
        assert_eq!((p.from, p.to), (date!(2026 - 10 - 01), date!(2026 - 12 - 31)));
    }

    #[test]
    fn the_largest_potentials_saturate_instead_of_overflowing() {
        let a = EmployeeId::new();
        let huge = |n| held(a, n, i64::MAX, date!(2020 - 01 - 01), None);
        let won = |x| Won { employee_id: a, closed_on: date!(2026 - 12 - 02), amount_minor: x, first: false };
        let input = PlanInputs {
            reps: vec![(a, "А".into(), false)],
            held: (0..40).map(|_| huge("Гигант")).collect(),
            won: vec![won(i64::MAX), won(i64::MAX)],
            settings: vec![],
        };
        let settings = Settings { plan_regular_percent: 1000, ..Settings::default() };
        let p = team_plan(TeamId::new(), &input, Period::parse("2026-Q4").unwrap(), &settings, date!(2026 - 12 - 31));
        assert_eq!((p.plan_minor, p.actual_minor), (i64::MAX, i64::MAX));
    }

    /// A quarter replayed day by day: each day a client may change hands, go to rest or come
    /// back; each rep's plan of each month (and of the quarter) equals his clients' daily rates
    /// summed over the days he held them, and what he held on the month's first day plus his
    /// changes gives that plan.
    #[test]
    fn a_quarter_replayed_day_by_day_gives_each_rep_the_days_he_held() {
        let reps: Vec<EmployeeId> = (0..3).map(|_| EmployeeId::new()).collect();
        let settings = Settings::default();
        for seed in 0..20 {
            let mut rng = crate::seeded::Rng::stream(seed, 7);
            let clients: Vec<(ClientId, i64)> = (0..6).map(|_| (ClientId::new(), 365 * rng.int(1, 50))).collect();
            let mut holder: Vec<Option<usize>> = clients.iter().map(|_| Some(rng.below(3))).collect();
            let mut since: Vec<Date> = vec![date!(2025 - 12 - 01); clients.len()];
            let mut held = Vec::new();
            let mut daily = BTreeMap::new();
            let quarter = Period::parse("2026-Q1").unwrap();
            let mut day = quarter.from;
            while day < quarter.until {
                for (i, (id, potential)) in clients.iter().enumerate() {
                    if rng.chance(0.05) {
                        // A change today: the span so far ends, another (or none) begins.
                        let next = if rng.chance(0.2) { None } else { Some(rng.below(3)) };
                        if next != holder[i] {
                            if let Some(r) = holder[i] {
                                let mut h = held_by(reps[r], *id, *potential, since[i], Some(day));
                                h.went_to = next.map(|n| reps[n]);
                                held.push(h);
                            }
                            holder[i] = next;
                            since[i] = day;
                        }
                    }
                    if let Some(r) = holder[i] {
                        *daily.entry((reps[r], Period::month_of(day).from)).or_insert(0) += potential / 365;
                    }
                }
                day += Duration::days(1);
            }
            for (i, (id, potential)) in clients.iter().enumerate() {
                if let Some(r) = holder[i] {
                    held.push(held_by(reps[r], *id, *potential, since[i], None));
                }
            }
            let input = PlanInputs {
                reps: reps.iter().map(|r| (*r, String::new(), false)).collect(),
                held,
                ..PlanInputs::default()
            };
            let mut quarter_sum = BTreeMap::new();
            for month in quarter.months() {
                let period = Period::month_of(month);
                let p = team_plan(TeamId::new(), &input, period, &settings, month);
                for r in &p.reps {
                    let expected = daily.get(&(r.employee_id, month)).copied().unwrap_or(0);
                    assert_eq!(r.plan_minor, expected, "seed {seed}, {month}");
                    // The month's plan is what he held on its first day plus every change.
                    let days = (period.until - period.from).whole_days();
                    let first = |h: &&Held| {
                        h.employee_id == r.employee_id && h.started_on < month && h.ended_on.is_none_or(|e| e >= month)
                    };
                    let base: i64 = input.held.iter().filter(first).map(|h| h.potential_minor / 365 * days).sum();
                    let changes: i64 = r.adjustments.iter().map(|a| a.change_minor).sum();
                    assert_eq!(base + changes, r.plan_minor, "seed {seed}, {month}: the changes explain the plan");
                    *quarter_sum.entry(r.employee_id).or_insert(0) += expected;
                }
            }
            let q = team_plan(TeamId::new(), &input, quarter, &settings, quarter.from);
            for r in &q.reps {
                assert_eq!(r.plan_minor, quarter_sum[&r.employee_id], "seed {seed}: the quarter sums its months");
            }
        }
    }

    fn held_by(rep: EmployeeId, client: ClientId, potential: i64, from: Date, to: Option<Date>) -> Held {
        Held {
            client_id: client,
            started_on: from,
            ended_on: to,
            potential_minor: potential,
            ..held(rep, "", 0, from, to)
        }
    }

    #[test]
    fn periods_read_as_months_and_quarters() {
        assert_eq!(Period::parse("2026-02").unwrap().until, date!(2026 - 03 - 01));
        assert_eq!(Period::parse("2026-q1").unwrap().months().len(), 3);
        assert!(
            Period::parse("2026-13").is_err() && Period::parse("2026-Q5").is_err() && Period::parse("декабрь").is_err()
        );
    }
}
