//! Which clients an employee may see: defined once here, enforced by every edge.

use crate::employee::{Employee, EmployeeStatus, Role};
use crate::{EmployeeId, TeamId};

/// The part of the client base an employee may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Everything (admin, auditor).
    All,
    /// Clients held now by this employee (rep).
    HeldBy(EmployeeId),
    /// Clients held now by members of these teams (head).
    Teams(Vec<TeamId>),
    /// Clients whose account team has this employee (staff).
    AccountTeam(EmployeeId),
    /// Nothing (departed employees).
    Nothing,
}

impl Scope {
    /// The scope of `employee`, who heads `headed_teams`.
    pub fn of(employee: &Employee, headed_teams: &[TeamId]) -> Scope {
        if employee.status == EmployeeStatus::Departed {
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
            Role::Staff => Scope::AccountTeam(employee.id),
        }
    }
}

/// What an employee may change.
pub fn may_write(employee: &Employee) -> bool {
    employee.status == EmployeeStatus::Active || employee.status == EmployeeStatus::Absent
}

/// Whether the employee manages people and the base (admin or head).
pub fn manages(employee: &Employee) -> bool {
    may_write(employee) && matches!(employee.role, Role::Admin | Role::Head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::employee::{Language, NewEmployee};

    fn emp(role: Role) -> Employee {
        NewEmployee {
            email: "a@b.ru".into(),
            name: "A".into(),
            role,
            department: (role == Role::Staff).then_some(crate::employee::Department::Legal),
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
        assert_eq!(Scope::of(&rep, &[]), Scope::HeldBy(rep.id));
        assert_eq!(Scope::of(&emp(Role::Auditor), &[]), Scope::All);
        let t = TeamId::new();
        assert_eq!(Scope::of(&emp(Role::Head), &[t]), Scope::Teams(vec![t]));
        let mut gone = emp(Role::Admin);
        gone.status = EmployeeStatus::Departed;
        assert_eq!(Scope::of(&gone, &[]), Scope::Nothing);
        assert!(!manages(&emp(Role::Rep)));
    }
}
