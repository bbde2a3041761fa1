//! One day of rotation as a pure function: which development clients are released to rest,
//! which turned into customers, and which rested clients go to which rep for one cycle.

use crate::assignment::AssignmentKind;
use crate::rules::cycle::{AppliedCycle, CycleSettings, CycleTable};
use crate::rules::dead::{classify, DeadReason, DeadSettings, HoldingFacts};
use crate::rules::rotation::{plan, NoCandidate, Pick, RepLoad, RestedClient, RotationSettings};
use crate::settings::Settings;
use crate::{AssignmentId, ClientId, EmployeeId};
use serde::Serialize;
use std::collections::HashMap;
use time::{Date, Duration};

/// Every setting the dead-client and rotation rules read.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RotationPolicy {
    /// How the sales cycle is found.
    pub cycle: CycleSettings,
    /// When a held client is dead.
    pub dead: DeadSettings,
    /// Who may get a rested client.
    pub rotation: RotationSettings,
    /// Rest between holders, in days.
    pub rest_days: i64,
    /// Longest extension as a multiple of the sales cycle.
    pub max_extension_multiple: f64,
}

impl RotationPolicy {
    /// The policy from the company settings; a figure the settings do not name stays at its default.
    pub fn from_settings(s: &Settings) -> Self {
        let cycle = CycleSettings {
            figure: s.cycle_figure.parse().unwrap_or_default(),
            min_samples: u64::try_from(s.cycle_min_samples).unwrap_or(1),
            default_days: s.default_cycle_days,
            group_factor: s.group_cycle_percent as f64 / 100.0,
        };
        RotationPolicy {
            cycle,
            dead: DeadSettings { no_activity_days: s.no_activity_days, lapse_days: s.lapse_days },
            rotation: RotationSettings { same_team: s.rotation_same_team, same_region: s.rotation_same_region },
            rest_days: s.rest_days,
            max_extension_multiple: s.max_extension_percent as f64 / 100.0,
        }
    }
}

/// A client whose rest is over, with what its cycle depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestedFacts {
    /// The client as rotation sees it.
    pub client: RestedClient,
    /// Its segment.
    pub segment: Option<String>,
    /// Whether it belongs to a corporate group («куст»).
    pub in_group: bool,
}

/// What one day of rotation reads.
#[derive(Debug, Clone, Default)]
pub struct DayFacts {
    /// Every open assignment.
    pub holdings: Vec<HoldingFacts>,
    /// Clients whose rest is over.
    pub rested: Vec<RestedFacts>,
    /// Every employee who might get a client, with their development load.
    pub reps: Vec<RepLoad>,
    /// The sales cycles.
    pub cycles: CycleTable,
}

/// A development client released to rest because its time ran out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Release {
    /// The client.
    pub client_id: ClientId,
    /// The assignment that ends.
    pub assignment_id: AssignmentId,
    /// The holder who loses it.
    pub employee_id: EmployeeId,
    /// The rule and figures (always `past_due`).
    pub reason: DeadReason,
    /// Last day of rest; from the next day it may go to another rep.
    pub rest_until: Date,
}

/// A development client with a sale: it becomes the holder's customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Conversion {
    /// The client.
    pub client_id: ClientId,
    /// The development assignment that ends.
    pub assignment_id: AssignmentId,
    /// The holder, who keeps it as an account.
    pub employee_id: EmployeeId,
}

/// A rested client handed to a rep for one sales cycle.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Handout {
    /// The client.
    pub client_id: ClientId,
    /// The rep chosen, with the rule and figures.
    pub pick: Pick,
    /// The cycle given, with its figures.
    pub cycle: AppliedCycle,
    /// The development's due date: `today + cycle`.
    pub due_on: Date,
}

/// A rested client nobody may take today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Unplaced {
    /// The client.
    pub client_id: ClientId,
    /// Why nobody qualified.
    pub why: NoCandidate,
}

/// Everything one day of rotation does, in order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, utoipa::ToSchema)]
pub struct DayPlan {
    /// Development clients turned into customers.
    pub conversions: Vec<Conversion>,
    /// Development clients released to rest.
    pub releases: Vec<Release>,
    /// Rested clients handed on.
    pub handouts: Vec<Handout>,
    /// Rested clients left resting.
    pub unplaced: Vec<Unplaced>,
}

/// One day of rotation on `today`: conversions and releases of development assignments
/// (released ones stop counting against their holder's load), then the rested clients by
/// [`plan`]. Deterministic: every list is sorted by client id (hand-outs by placing order).
pub fn plan_day(facts: &DayFacts, today: Date, policy: &RotationPolicy) -> DayPlan {
    let mut out = DayPlan::default();
    let mut freed: HashMap<EmployeeId, i64> = HashMap::new();
    let mut holdings: Vec<&HoldingFacts> =
        facts.holdings.iter().filter(|h| h.kind == AssignmentKind::Development).collect();
    holdings.sort_by_key(|h| (h.client_id, h.assignment_id));
    let no_silence = DeadSettings { no_activity_days: i64::MAX, ..policy.dead };
    for h in holdings {
        if h.won_since_start {
            out.conversions.push(Conversion {
                client_id: h.client_id,
                assignment_id: h.assignment_id,
                employee_id: h.employee_id,
            });
            *freed.entry(h.employee_id).or_default() += 1;
            continue;
        }
        let reason = classify(h, today, &no_silence).into_iter().find(|r| matches!(r, DeadReason::PastDue { .. }));
        if let Some(reason) = reason {
            out.releases.push(Release {
                client_id: h.client_id,
                assignment_id: h.assignment_id,
                employee_id: h.employee_id,
                reason,
                rest_until: today + Duration::days(policy.rest_days),
            });
            *freed.entry(h.employee_id).or_default() += 1;
        }
    }
    let reps: Vec<RepLoad> = facts
        .reps
        .iter()
        .map(|r| RepLoad {
            development_load: (r.development_load - freed.get(&r.employee_id).copied().unwrap_or(0)).max(0),
            ..r.clone()
        })
        .collect();
    let clients: Vec<RestedClient> = facts.rested.iter().map(|r| r.client.clone()).collect();
    let by_id: HashMap<ClientId, &RestedFacts> = facts.rested.iter().map(|r| (r.client.client_id, r)).collect();
    for (client_id, result) in plan(&clients, &reps, &policy.rotation) {
        match result {
            Ok(pick) => {
                let r = by_id[&client_id];
                let cycle = facts.cycles.cycle_for(r.segment.as_deref(), r.in_group, &policy.cycle);
                let due_on = today + Duration::days(cycle.days);
                out.handouts.push(Handout { client_id, pick, cycle, due_on });
            }
            Err(why) => out.unplaced.push(Unplaced { client_id, why }),
        }
    }
    out.unplaced.sort_by_key(|u| u.client_id);
    out
}

impl Handout {
    /// Why this rep holds the client, in one line: the pick and the cycle with their figures.
    pub fn explain(&self) -> String {
        format!("rotation: {}; development for {}", self.pick.explain(), self.cycle.explain())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::employee::{EmployeeStatus, Role};
    use crate::TeamId;
    use time::macros::date;
    use uuid::Uuid;

    const TODAY: Date = date!(2026 - 06 - 01);

    fn rep(n: u128, load: i64, capacity: i64) -> RepLoad {
        RepLoad {
            employee_id: EmployeeId(Uuid::from_u128(n)),
            team_id: Some(TeamId(Uuid::from_u128(99))),
            region: None,
            status: EmployeeStatus::Active,
            role: Role::Rep,
            capacity,
            development_load: load,
        }
    }

    fn held(client: u128, holder: u128, due_on: Date, won: bool) -> HoldingFacts {
        HoldingFacts {
            client_id: ClientId(Uuid::from_u128(client)),
            assignment_id: AssignmentId(Uuid::from_u128(client + 1000)),
            employee_id: EmployeeId(Uuid::from_u128(holder)),
            kind: AssignmentKind::Development,
            started_on: date!(2026 - 03 - 01),
            due_on: Some(due_on),
            extension_until: None,
            last_activity: None,
            last_won: None,
            won_since_start: won,
        }
    }

    fn rested(client: u128, last: u128, in_group: bool) -> RestedFacts {
        RestedFacts {
            client: RestedClient {
                client_id: ClientId(Uuid::from_u128(client)),
                region: None,
                team_id: Some(TeamId(Uuid::from_u128(99))),
                last_holder: Some(EmployeeId(Uuid::from_u128(last))),
                past_holders: vec![EmployeeId(Uuid::from_u128(last))],
                potential_minor: 0,
            },
            segment: None,
            in_group,
        }
    }

    #[test]
    fn releases_converts_and_frees_capacity_for_the_hand_outs() {
        let policy = RotationPolicy::from_settings(&Settings::default());
        let facts = DayFacts {
            holdings: vec![
                held(1, 1, TODAY, false),
                held(2, 1, date!(2026 - 05 - 01), true),
                held(3, 1, date!(2026 - 07 - 01), false),
            ],
            rested: vec![rested(10, 2, false), rested(11, 2, true)],
            reps: vec![rep(1, 3, 2), rep(2, 0, 5)],
            cycles: CycleTable::default(),
        };
        let p = plan_day(&facts, TODAY, &policy);
        assert_eq!(p.releases.len(), 1);
        assert_eq!(p.releases[0].rest_until, date!(2026 - 07 - 16));
        assert_eq!(p.conversions.len(), 1);
        // Rep 1 drops from 3 to 1 of 2: one place; rep 2 just released both clients, so never gets them back.
        assert_eq!(p.handouts.len(), 1);
        assert_eq!(p.handouts[0].pick.employee_id, EmployeeId(Uuid::from_u128(1)));
        assert_eq!(p.unplaced.len(), 1);
        assert_eq!(p.handouts[0].client_id, ClientId(Uuid::from_u128(10)));
        assert_eq!(p.handouts[0].cycle.days, 90);
        assert_eq!(p.handouts[0].due_on, TODAY + Duration::days(90));
        assert_eq!(plan_day(&facts, TODAY, &policy), p, "same input, same plan");
    }
}
