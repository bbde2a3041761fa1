//! Small companies built through the Store, for the contract tests.

use sprut_core::assignment::{AssignmentKind, NewAssignment};
use sprut_core::client::{Client, NewClient};
use sprut_core::employee::{Department, Employee, NewEmployee, Role};
use sprut_core::store::prelude::*;
use sprut_core::team::{NewTeam, Team};
use sprut_core::Actor;
use sprut_store::Db;
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

/// The moment every fixture acts at.
pub const NOW: OffsetDateTime = datetime!(2026-11-23 10:00 UTC);

/// The system acting at [`NOW`].
pub fn sys() -> Actor {
    Actor::system(NOW)
}

/// A new employee input.
pub fn person(email: &str, name: &str, role: Role, team: Option<&Team>) -> NewEmployee {
    NewEmployee {
        email: email.into(),
        name: name.into(),
        role,
        department: (role == Role::Staff).then_some(Department::Accounting),
        team_id: team.map(|t| t.id),
        region: Some("Москва".into()),
        capacity: Some(10),
        specialisation: None,
        language: None,
    }
}

/// Two teams, each with a head and a rep, plus staff and an auditor.
pub struct Company {
    pub north: Team,
    pub south: Team,
    pub head_n: Employee,
    pub head_s: Employee,
    pub rep_n: Employee,
    pub rep_s: Employee,
    pub staff: Employee,
    pub auditor: Employee,
}

/// Builds [`Company`].
pub async fn company(db: &Db) -> Company {
    let a = sys();
    let north = db.create_team(&a, NewTeam { name: "Север".into(), head_id: None }).await.unwrap();
    let south = db.create_team(&a, NewTeam { name: "Юг".into(), head_id: None }).await.unwrap();
    let head_n =
        db.create_employee(&a, person("head.n@x.ru", "Анна Север", Role::Head, Some(&north)), None).await.unwrap();
    let head_s =
        db.create_employee(&a, person("head.s@x.ru", "Борис Юг", Role::Head, Some(&south)), None).await.unwrap();
    let rep_n =
        db.create_employee(&a, person("rep.n@x.ru", "Виктор Нордов", Role::Rep, Some(&north)), None).await.unwrap();
    let rep_s =
        db.create_employee(&a, person("rep.s@x.ru", "Галина Южная", Role::Rep, Some(&south)), None).await.unwrap();
    let staff = db.create_employee(&a, person("buh@x.ru", "Дарья Счёт", Role::Staff, None), None).await.unwrap();
    let auditor = db.create_employee(&a, person("audit@x.ru", "Егор Аудит", Role::Auditor, None), None).await.unwrap();
    let set_head = |h: &Employee| sprut_core::team::TeamPatch { name: None, head_id: Some(Some(h.id)) };
    let north = db.update_team(&a, north.id, set_head(&head_n)).await.unwrap();
    let south = db.update_team(&a, south.id, set_head(&head_s)).await.unwrap();
    Company { north, south, head_n, head_s, rep_n, rep_s, staff, auditor }
}

/// Creates a client named `name` in `segment`.
pub async fn client(db: &Db, name: &str, segment: &str) -> Client {
    let mut n = NewClient::named(name);
    n.segment = Some(segment.into());
    db.create_client(&sys(), n, None).await.unwrap()
}

/// A development assignment for `rep` from `from` for 90 days.
pub fn develop(rep: &Employee, from: Date) -> NewAssignment {
    NewAssignment {
        employee_id: rep.id,
        kind: AssignmentKind::Development,
        started_on: from,
        due_on: Some(from + time::Duration::days(90)),
        explanation: "test".into(),
    }
}

/// A fixed early date.
pub const JAN: Date = date!(2026 - 01 - 15);

/// A contact of `client` named `name` with nothing else: no phone or e-mail, no consent.
pub fn contact_of(client: sprut_core::ClientId, name: &str) -> sprut_core::contact::NewContact {
    sprut_core::contact::NewContact {
        client_id: client,
        name: name.into(),
        position: None,
        function: None,
        phones: vec![],
        emails: vec![],
        channels: Vec::new(),
        decision_maker: false,
        consent: false,
        level: None,
    }
}
