//! Which clients, and which of their records, an employee may see: defined once here,
//! enforced by every edge (API routes, UI pages, exports).

use crate::contact::ContactFunction;
use crate::employee::{Department, Employee, EmployeeStatus, Role};
use crate::{word_enum, EmployeeId, TeamId};
use serde::{Deserialize, Serialize};
use time::Date;

/// The part of the client base an employee may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Everything (admin, auditor).
    All,
    /// Clients held now by this employee (rep), with their whole history.
    HeldBy(EmployeeId),
    /// Clients held now by members of these teams, and the unheld pool (head).
    Teams(Vec<TeamId>),
    /// Clients whose account team has this employee, limited to what the department needs (staff).
    AccountTeam(EmployeeId, Department),
    /// Nothing (departed employees).
    Nothing,
}

word_enum!(
    /// The kinds of records around a client.
    RecordKind {
        /// Contact persons.
        Contacts = "contacts",
        /// Deals (for legal and contract management: the contracts).
        Deals = "deals",
        /// Activities (touches).
        Activities = "activities",
        /// Invoices.
        Receivables = "receivables",
        /// Next steps.
        Tasks = "tasks",
    }
);

impl Scope {
    /// The scope of `employee`, who heads `headed_teams`, on `today`.
    pub fn of(employee: &Employee, headed_teams: &[TeamId], today: Date) -> Scope {
        if !employee.can_sign_in_on(today) {
            return Scope::Nothing;
        }
        match employee.role {
            Role::Admin | Role::Auditor => Scope::All,
            Role::Head => {
                let mut teams = headed_teams.to_vec();
                teams.extend(employee.team_id);
                teams.sort();
                teams.dedup();
                Scope::Teams(teams)
            }
            Role::Rep => Scope::HeldBy(employee.id),
            Role::Staff => match employee.department {
                Some(d) => Scope::AccountTeam(employee.id, d),
                None => Scope::Nothing,
            },
        }
    }

    /// Whether the people of `team` are among those this scope oversees: everyone's for an
    /// administrator or auditor, his teams' for a head, no one's otherwise.
    pub fn oversees(&self, team: Option<TeamId>) -> bool {
        match self {
            Scope::All => true,
            Scope::Teams(teams) => team.is_some_and(|t| teams.contains(&t)),
            _ => false,
        }
    }

    /// Whether records of `kind` of a visible client are visible too.
    pub fn sees(&self, kind: RecordKind) -> bool {
        match self {
            Scope::Nothing => false,
            Scope::AccountTeam(_, d) => staff_sees(*d, kind),
            _ => true,
        }
    }

    /// The contact functions visible in this scope; `None` means all of them.
    pub fn contact_functions(&self) -> Option<&'static [ContactFunction]> {
        match self {
            Scope::AccountTeam(_, d) => staff_contacts(*d),
            _ => None,
        }
    }
}

/// What each department needs of its clients: accounting the invoices, legal and contract
/// management the deals (contracts), support the activities; everyone the client card and
/// its next steps (a collection step is the accountant's).
fn staff_sees(d: Department, kind: RecordKind) -> bool {
    match kind {
        RecordKind::Contacts => true,
        RecordKind::Deals => matches!(d, Department::Legal | Department::Contracts),
        RecordKind::Activities => d == Department::Support,
        RecordKind::Receivables => matches!(d, Department::Accounting | Department::Contracts),
        RecordKind::Tasks => true,
    }
}

/// The contacts each department works with; `None`: all (support answers anyone).
fn staff_contacts(d: Department) -> Option<&'static [ContactFunction]> {
    use ContactFunction::*;
    match d {
        Department::Accounting => Some(&[Billing]),
        Department::Logistics => Some(&[Delivery]),
        Department::Legal => Some(&[Legal]),
        Department::Contracts => Some(&[Legal, Billing]),
        Department::Support => None,
    }
}

/// What an employee may change: only active or absent employees (departing ones are read-only).
pub fn may_write(employee: &Employee) -> bool {
    employee.status == EmployeeStatus::Active || employee.status == EmployeeStatus::Absent
}

/// Whether the employee manages people and the base (admin or head).
pub fn manages(employee: &Employee) -> bool {
    may_write(employee) && matches!(employee.role, Role::Admin | Role::Head)
}

/// Whether the employee may export lists: heads, admins and auditors who are not leaving.
pub fn may_export(employee: &Employee) -> bool {
    matches!(employee.status, EmployeeStatus::Active | EmployeeStatus::Absent)
        && matches!(employee.role, Role::Admin | Role::Head | Role::Auditor)
}

/// Whether the employee's reads are metered and their card openings audited one by one
/// (reps and staff, and anyone leaving).
pub fn is_watched(employee: &Employee) -> bool {
    matches!(employee.role, Role::Rep | Role::Staff) || employee.status == EmployeeStatus::Departing
}

/// Whose records a list shows: one employee's (the deals he owns, the clients he holds), or
/// those of a team's members.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, utoipa::IntoParams)]
pub struct OwnerFilter {
    /// This employee's.
    pub owner_id: Option<EmployeeId>,
    /// The members' of this team.
    pub team_id: Option<TeamId>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::employee::{Language, NewEmployee};
    use time::macros::date;

    const TODAY: Date = date!(2026 - 03 - 02);

    #[test]
    fn a_head_oversees_his_teams_people_only() {
        let (mine, other) = (TeamId::new(), TeamId::new());
        let head = Scope::Teams(vec![mine]);
        assert!(head.oversees(Some(mine)) && !head.oversees(Some(other)) && !head.oversees(None));
        assert!(Scope::All.oversees(None) && Scope::All.oversees(Some(other)));
        assert!(!Scope::HeldBy(EmployeeId::new()).oversees(Some(mine)));
    }

    fn emp(role: Role) -> Employee {
        NewEmployee {
            email: "a@b.ru".into(),
            name: "A".into(),
            role,
            department: (role == Role::Staff).then_some(Department::Legal),
            team_id: None,
            region: None,
            capacity: None,
            specialisation: None,
            language: Some(Language::Ru),
        }
        .into_employee(time::OffsetDateTime::UNIX_EPOCH)
        .unwrap()
    }

    #[test]
    fn scopes_by_role() {
        let rep = emp(Role::Rep);
        assert_eq!(Scope::of(&rep, &[], TODAY), Scope::HeldBy(rep.id));
        assert_eq!(Scope::of(&emp(Role::Auditor), &[], TODAY), Scope::All);
        let t = TeamId::new();
        assert_eq!(Scope::of(&emp(Role::Head), &[t], TODAY), Scope::Teams(vec![t]));
        let mut gone = emp(Role::Admin);
        gone.status = EmployeeStatus::Departed;
        assert_eq!(Scope::of(&gone, &[], TODAY), Scope::Nothing);
        assert!(!manages(&emp(Role::Rep)));
    }

    #[test]
    fn a_leaver_sees_his_book_until_his_last_day() {
        let mut rep = emp(Role::Rep);
        rep.status = EmployeeStatus::Departing;
        rep.last_day = Some(TODAY);
        assert_eq!(Scope::of(&rep, &[], TODAY), Scope::HeldBy(rep.id));
        assert!(!may_write(&rep) && is_watched(&rep));
        assert_eq!(Scope::of(&rep, &[], TODAY.next_day().unwrap()), Scope::Nothing);
        let mut head = emp(Role::Head);
        head.status = EmployeeStatus::Departing;
        head.last_day = Some(TODAY);
        assert!(!may_export(&head) && may_export(&emp(Role::Auditor)) && !may_export(&emp(Role::Rep)));
    }

    #[test]
    fn staff_see_what_their_department_needs() {
        let legal = Scope::of(&emp(Role::Staff), &[], TODAY);
        assert!(legal.sees(RecordKind::Deals) && !legal.sees(RecordKind::Receivables));
        assert!(!legal.sees(RecordKind::Activities));
        assert_eq!(legal.contact_functions(), Some(&[ContactFunction::Legal][..]));
        let support = Scope::AccountTeam(EmployeeId::new(), Department::Support);
        assert!(support.sees(RecordKind::Activities) && support.contact_functions().is_none());
        let accounting = Scope::AccountTeam(EmployeeId::new(), Department::Accounting);
        assert!(accounting.sees(RecordKind::Receivables) && !accounting.sees(RecordKind::Deals));
        assert!(Scope::All.sees(RecordKind::Deals) && !Scope::Nothing.sees(RecordKind::Contacts));
    }
}
