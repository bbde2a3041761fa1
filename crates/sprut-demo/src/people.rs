//! The demo company's people: three teams with heads, 24 reps, staff, an admin and an auditor.

use super::names::{Person, REGIONS, TEAMS};
use super::{add, midnight};
use sprut_core::employee::{Department, Employee, EmployeeStatus, Language, Role, Specialisation};
use sprut_core::seeded::Rng;
use sprut_core::team::Team;
use sprut_core::{EmployeeId, TeamId};
use std::collections::HashSet;
use time::Date;

/// Reps in each team: positions 0..4 are hunters, 4..8 farmers; even positions serve the
/// team's first region, odd ones its second.
const REPS_PER_TEAM: usize = 8;
/// (team, position) of the rep who is leaving.
const DEPARTING: (usize, usize) = (0, 6);
/// (team, position) of the rep who is away.
const ABSENT: (usize, usize) = (1, 3);
/// (team, position) of the reps with a memorable login `repN@demo.sprut`.
const ALIASES: [(usize, usize); 3] = [(0, 0), (1, 4), (2, 1)];
/// (team, position) of the reps whose revenue hangs on a few key clients.
const CONCENTRATED: [(usize, usize); 3] = [DEPARTING, (1, 7), (2, 4)];
/// Staff: team and department; the first one signs in as `staff@demo.sprut`.
const STAFF: [(usize, Department); 12] = [
    (0, Department::Logistics),
    (0, Department::Accounting),
    (0, Department::Support),
    (0, Department::Legal),
    (1, Department::Logistics),
    (1, Department::Accounting),
    (1, Department::Support),
    (1, Department::Contracts),
    (2, Department::Logistics),
    (2, Department::Accounting),
    (2, Department::Support),
    (2, Department::Legal),
];

/// The company's people and who sells where; indexes point into `employees`.
pub(super) struct Company {
    /// Teams, in the order of [`TEAMS`].
    pub teams: Vec<Team>,
    /// Everyone: admin, auditor, heads, reps, staff.
    pub employees: Vec<Employee>,
    /// Each team's head.
    pub heads: Vec<usize>,
    /// The reps serving each region of [`REGIONS`].
    pub region_reps: Vec<Vec<usize>>,
    /// Reps whose revenue hangs on a few clients.
    pub concentrated: Vec<usize>,
    /// Staff with their team.
    pub staff: Vec<(usize, usize)>,
}

impl Company {
    /// The head of team `team`.
    pub(super) fn head_id(&self, team: usize) -> EmployeeId {
        self.employees[self.heads[team]].id
    }

    /// A staff member of `department`, preferring team `team`.
    pub(super) fn staff_of(&self, team: usize, department: Department) -> usize {
        let of_dept = || self.staff.iter().filter(|(_, e)| self.employees[*e].department == Some(department));
        of_dept()
            .find(|(t, _)| *t == team)
            .or_else(|| of_dept().next())
            .map(|(_, e)| *e)
            .expect("every department is staffed")
    }

    /// Whether the employee may be given new clients (not away, not leaving).
    pub(super) fn takes_new(&self, e: usize) -> bool {
        self.employees[e].status == EmployeeStatus::Active
    }
}

/// Builds teams and employees as of `today`.
pub(super) fn company(rng: &mut Rng, today: Date) -> Company {
    let founded = midnight(add(today, -2600));
    let teams: Vec<Team> =
        TEAMS.iter().map(|name| Team { id: TeamId(rng.uuid(founded)), name: (*name).into(), head_id: None }).collect();
    let mut h = Hiring { rng, today, emails: HashSet::new(), out: Vec::new() };
    h.hire(Role::Admin, Some("admin"), None);
    h.hire(Role::Auditor, Some("auditor"), None);
    let heads: Vec<usize> = (0..TEAMS.len()).map(|t| h.head(t, teams[t].id)).collect();
    let mut region_reps = vec![Vec::new(); REGIONS.len()];
    let mut concentrated = Vec::new();
    for (t, team) in teams.iter().enumerate() {
        for pos in 0..REPS_PER_TEAM {
            let e = h.rep(t, pos, team.id);
            region_reps[2 * t + pos % 2].push(e);
            if CONCENTRATED.contains(&(t, pos)) {
                concentrated.push(e);
            }
        }
    }
    let staff = STAFF.iter().enumerate().map(|(i, (t, dept))| (*t, h.staff(i, *dept, teams[*t].id))).collect();
    let employees = h.out;
    let mut teams = teams;
    for (team, head) in teams.iter_mut().zip(&heads) {
        team.head_id = Some(employees[*head].id);
    }
    Company { teams, employees, heads, region_reps, concentrated, staff }
}

/// Hands out unique e-mails while people are hired.
struct Hiring<'a> {
    rng: &'a mut Rng,
    today: Date,
    emails: HashSet<String>,
    out: Vec<Employee>,
}

impl Hiring<'_> {
    /// Hires someone in `role`, signing in as `alias@demo.sprut` or by surname; returns the index.
    fn hire(&mut self, role: Role, alias: Option<&str>, team_id: Option<TeamId>) -> usize {
        let person = Person::random(self.rng, 0.4);
        let local = match alias {
            Some(alias) => alias.to_string(),
            None => self.free_local(&person),
        };
        self.emails.insert(local.clone());
        let created_at = midnight(add(self.today, -self.rng.int(760, 2500)));
        self.out.push(Employee {
            id: EmployeeId(self.rng.uuid(created_at)),
            email: format!("{local}@demo.sprut"),
            name: person.full(),
            role,
            department: None,
            team_id,
            region: None,
            capacity: 0,
            specialisation: None,
            status: EmployeeStatus::Active,
            last_day: None,
            language: Language::Ru,
            created_at,
        });
        self.out.len() - 1
    }

    /// `ivanov`, else `i.ivanov`, else `ivanov2`...: the first local part not taken yet.
    fn free_local(&self, person: &Person) -> String {
        let plain = person.login();
        let dotted = person.dotted();
        [plain.clone(), dotted]
            .into_iter()
            .chain((2..).map(|n| format!("{plain}{n}")))
            .find(|l| !self.emails.contains(l))
            .expect("an unbounded list has a free name")
    }

    fn head(&mut self, team: usize, team_id: TeamId) -> usize {
        let e = self.hire(Role::Head, Some(&format!("head{}", team + 1)), Some(team_id));
        self.out[e].region = Some(REGIONS[2 * team].name.into());
        if team == 1 {
            self.out[e].language = Language::En;
        }
        e
    }

    fn rep(&mut self, team: usize, pos: usize, team_id: TeamId) -> usize {
        let alias = ALIASES.iter().position(|a| *a == (team, pos)).map(|i| format!("rep{}", i + 1));
        let e = self.hire(Role::Rep, alias.as_deref(), Some(team_id));
        let hunter = pos < REPS_PER_TEAM / 2;
        let capacity = if hunter { 5 * self.rng.int(12, 16) } else { 5 * self.rng.int(8, 11) };
        let rep = &mut self.out[e];
        rep.region = Some(REGIONS[2 * team + pos % 2].name.into());
        rep.specialisation = Some(if hunter { Specialisation::Hunter } else { Specialisation::Farmer });
        rep.capacity = capacity;
        if (team, pos) == DEPARTING {
            rep.status = EmployeeStatus::Departing;
            rep.last_day = Some(add(self.today, 14));
        } else if (team, pos) == ABSENT {
            rep.status = EmployeeStatus::Absent;
        }
        if (team, pos) == ALIASES[2] {
            rep.language = Language::En;
        }
        e
    }

    fn staff(&mut self, i: usize, department: Department, team_id: TeamId) -> usize {
        let e = self.hire(Role::Staff, (i == 0).then_some("staff"), Some(team_id));
        self.out[e].department = Some(department);
        e
    }
}
