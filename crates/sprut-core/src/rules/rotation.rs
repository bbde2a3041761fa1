//! Rotation (ротация): which rep gets a client whose rest is over.
//!
//! Eligible: role `rep`, status `active`, load below capacity, in the client's team and
//! region when so configured, never the last holder. Preferred: reps who never held the
//! client; among them the least development load; ties go to the lowest employee id.

use crate::employee::{EmployeeStatus, Role};
use crate::{word_enum, ClientId, EmployeeId, TeamId};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A rep as rotation sees them: who, where, and how loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepLoad {
    /// The employee.
    pub employee_id: EmployeeId,
    /// Team.
    pub team_id: Option<TeamId>,
    /// Region served.
    pub region: Option<String>,
    /// Working status.
    pub status: EmployeeStatus,
    /// Role (only reps get clients).
    pub role: Role,
    /// How many development clients the rep can hold at once.
    pub capacity: i64,
    /// Open development assignments now.
    pub development_load: i64,
}

/// A client whose rest is over, waiting for its next holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestedClient {
    /// The client.
    pub client_id: ClientId,
    /// The client's region.
    pub region: Option<String>,
    /// The team of the last holder.
    pub team_id: Option<TeamId>,
    /// Who held it last.
    pub last_holder: Option<EmployeeId>,
    /// Everyone who ever held it.
    pub past_holders: Vec<EmployeeId>,
    /// Expected yearly revenue, minor units: bigger clients are placed first.
    pub potential_minor: i64,
}

/// Which restrictions rotation applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RotationSettings {
    /// Only reps of the last holder's team.
    pub same_team: bool,
    /// Only reps of the client's region.
    pub same_region: bool,
}

impl Default for RotationSettings {
    fn default() -> Self {
        Self { same_team: true, same_region: false }
    }
}

word_enum!(
    /// Which rotation rule chose the rep.
    PickRule {
        /// The least loaded of the eligible reps who never held the client.
        NeverHeld = "never_held_least_loaded",
        /// Every eligible rep held it before: the least loaded of them.
        HeldBefore = "held_before_least_loaded",
    }
);

/// How many reps were left out, by the first reason that applied (checked in field order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Exclusions {
    /// Not in the `rep` role.
    pub not_rep: u32,
    /// Gone.
    pub departed: u32,
    /// Leaving.
    pub departing: u32,
    /// Away for a while.
    pub absent: u32,
    /// The client's last holder.
    pub last_holder: u32,
    /// In another team than the last holder's.
    pub other_team: u32,
    /// Serving another region than the client's.
    pub other_region: u32,
    /// Development load at or above capacity.
    pub no_capacity: u32,
}

/// The figures behind a pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PickFigures {
    /// Reps considered.
    pub reps: u32,
    /// Reps eligible.
    pub eligible: u32,
    /// Eligible reps who never held the client.
    pub never_held_eligible: u32,
    /// Reps in the preferred group sharing the lowest load (the lowest id won).
    pub tied: u32,
    /// The chosen rep's development load before this client.
    pub load: i64,
    /// The chosen rep's capacity.
    pub capacity: i64,
    /// Reps left out, by reason.
    pub excluded: Exclusions,
}

/// The rep chosen for a client, with the rule and the figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Pick {
    /// The new holder.
    pub employee_id: EmployeeId,
    /// The rule that chose them.
    pub rule: PickRule,
    /// The figures.
    pub figures: PickFigures,
}

/// No rep may take the client: how many reps there were and why each was left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NoCandidate {
    /// Reps considered.
    pub reps: u32,
    /// Reps left out, by reason.
    pub excluded: Exclusions,
}

/// A rep who passed the checks that do not depend on the client, with a running load.
struct Candidate<'a> {
    /// The rep.
    rep: &'a RepLoad,
    /// Development load, counting the picks of this run.
    load: i64,
}

/// The reps of one rotation run, sorted by employee id.
struct Pool<'a> {
    /// Reps considered.
    reps: u32,
    /// Reps left out whatever the client.
    fixed: Exclusions,
    /// The others, by employee id.
    candidates: Vec<Candidate<'a>>,
}

/// The best rep so far in a group: index, load, and how many share that load.
#[derive(Default)]
struct Best {
    /// Index and load of the best so far.
    at: Option<(usize, i64)>,
    /// Candidates sharing that load.
    tied: u32,
    /// Candidates offered.
    count: u32,
}

impl Best {
    /// Counts candidate `i` with `load` and keeps it when it is the least loaded so far.
    fn offer(&mut self, i: usize, load: i64) {
        self.count += 1;
        match self.at {
            Some((_, best)) if load > best => {}
            Some((_, best)) if load == best => self.tied += 1,
            _ => (self.at, self.tied) = (Some((i, load)), 1),
        }
    }
}

impl<'a> Pool<'a> {
    /// Sorts the reps by id and sets aside those no client may get (role, status).
    fn new(reps: &'a [RepLoad]) -> Self {
        let mut sorted: Vec<&RepLoad> = reps.iter().collect();
        sorted.sort_by_key(|r| r.employee_id);
        sorted.dedup_by_key(|r| r.employee_id);
        let mut fixed = Exclusions::default();
        let mut candidates = Vec::with_capacity(sorted.len());
        for rep in &sorted {
            match (rep.role, rep.status) {
                (r, _) if r != Role::Rep => fixed.not_rep += 1,
                (_, EmployeeStatus::Departed) => fixed.departed += 1,
                (_, EmployeeStatus::Departing) => fixed.departing += 1,
                (_, EmployeeStatus::Absent) => fixed.absent += 1,
                (_, EmployeeStatus::Active) => candidates.push(Candidate { rep, load: rep.development_load }),
            }
        }
        Pool { reps: sorted.len() as u32, fixed, candidates }
    }

    /// The chosen candidate's index and the pick, or why nobody qualifies.
    fn pick(&self, client: &RestedClient, settings: &RotationSettings) -> Result<(usize, Pick), NoCandidate> {
        let mut excluded = self.fixed;
        let (mut any, mut never) = (Best::default(), Best::default());
        for (i, c) in self.candidates.iter().enumerate() {
            let rep = c.rep;
            if client.last_holder == Some(rep.employee_id) {
                excluded.last_holder += 1;
            } else if settings.same_team && client.team_id.is_some() && rep.team_id != client.team_id {
                excluded.other_team += 1;
            } else if settings.same_region && client.region.is_some() && rep.region != client.region {
                excluded.other_region += 1;
            } else if c.load >= rep.capacity {
                excluded.no_capacity += 1;
            } else {
                any.offer(i, c.load);
                if !client.past_holders.contains(&rep.employee_id) {
                    never.offer(i, c.load);
                }
            }
        }
        let (rule, best) =
            if never.at.is_some() { (PickRule::NeverHeld, &never) } else { (PickRule::HeldBefore, &any) };
        let Some((i, load)) = best.at else { return Err(NoCandidate { reps: self.reps, excluded }) };
        let rep = self.candidates[i].rep;
        let figures = PickFigures {
            reps: self.reps,
            eligible: any.count,
            never_held_eligible: never.count,
            tied: best.tied,
            load,
            capacity: rep.capacity,
            excluded,
        };
        Ok((i, Pick { employee_id: rep.employee_id, rule, figures }))
    }
}

/// The rep who should get `client` now, or why nobody may.
pub fn pick(client: &RestedClient, reps: &[RepLoad], settings: &RotationSettings) -> Result<Pick, NoCandidate> {
    Pool::new(reps).pick(client, settings).map(|(_, p)| p)
}

/// Places every client in turn, biggest potential first (then by client id), adding each
/// pick to the rep's load so capacity holds across the run. A repeated client id is
/// placed once. Costs O(clients × reps).
pub fn plan(
    clients: &[RestedClient],
    reps: &[RepLoad],
    settings: &RotationSettings,
) -> Vec<(ClientId, Result<Pick, NoCandidate>)> {
    let mut pool = Pool::new(reps);
    let mut order: Vec<&RestedClient> = clients.iter().collect();
    order.sort_by(|a, b| b.potential_minor.cmp(&a.potential_minor).then(a.client_id.cmp(&b.client_id)));
    let mut seen = HashSet::with_capacity(order.len());
    let mut out = Vec::with_capacity(order.len());
    for client in order {
        if !seen.insert(client.client_id) {
            continue;
        }
        let result = pool.pick(client, settings).map(|(i, p)| {
            pool.candidates[i].load += 1;
            p
        });
        out.push((client.client_id, result));
    }
    out
}

impl Exclusions {
    /// Reps left out in all.
    pub fn total(&self) -> u32 {
        self.not_rep
            + self.departed
            + self.departing
            + self.absent
            + self.last_holder
            + self.other_team
            + self.other_region
            + self.no_capacity
    }

    /// The non-zero counts in words, e.g. "2 departing, 1 last holder".
    pub fn describe(&self) -> String {
        let parts = [
            (self.not_rep, "not in the rep role"),
            (self.departed, "departed"),
            (self.departing, "departing"),
            (self.absent, "absent"),
            (self.last_holder, "last holder"),
            (self.other_team, "in another team"),
            (self.other_region, "in another region"),
            (self.no_capacity, "at capacity"),
        ];
        parts.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{n} {what}")).collect::<Vec<_>>().join(", ")
    }
}

impl Pick {
    /// One line saying why this rep got the client, with the figures.
    pub fn explain(&self) -> String {
        let f = &self.figures;
        let mut text = match self.rule {
            PickRule::NeverHeld => format!(
                "never held this client; least development load ({} of {}) among the {} eligible reps who never held it",
                f.load, f.capacity, f.never_held_eligible
            ),
            PickRule::HeldBefore => format!(
                "every eligible rep held this client before; least development load ({} of {}) among the {} eligible",
                f.load, f.capacity, f.eligible
            ),
        };
        if f.tied > 1 {
            text.push_str(&format!(", tied with {} more, lowest employee id first", f.tied - 1));
        }
        text.push_str(&format!("; {} of {} reps eligible", f.eligible, f.reps));
        if f.excluded.total() > 0 {
            text.push_str(&format!("; excluded: {}", f.excluded.describe()));
        }
        text
    }
}

impl NoCandidate {
    /// One line saying why nobody may take the client.
    pub fn explain(&self) -> String {
        if self.reps == 0 {
            return "no reps to choose from".to_string();
        }
        format!("no eligible rep among {}: {}", self.reps, self.excluded.describe())
    }
}

#[cfg(test)]
#[path = "rotation_tests.rs"]
mod tests;
