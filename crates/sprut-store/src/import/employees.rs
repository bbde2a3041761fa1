//! Employees from a file: matched by their id in the source, then e-mail; teams found or
//! created by name. Few rows, so one statement each, with the usual audit events.

use super::people::Person;
use super::{keys, Run};
use crate::id::{DbId, ToDb};
use crate::people::{
    employee_in, headed_in, insert_employee, insert_team, team_in, update_employee_in, update_team_in,
};
use crate::sql::{q_all, Tx};
use sprut_core::employee::{EmployeePatch, NewEmployee, Role};
use sprut_core::import::{EmployeeRecord, ImportEntity, PersonRef};
use sprut_core::team::{Team, TeamPatch};
use sprut_core::validate::search_key;
use sprut_core::Reason;
use sprut_core::{CoreError, TeamId};
use std::collections::HashMap;

/// Applies one batch of employee rows.
pub(crate) async fn apply(tx: &mut Tx, run: &mut Run<'_>, recs: Vec<(u64, EmployeeRecord)>) -> Result<(), CoreError> {
    let source = run.o.source.clone();
    let mut teams: HashMap<String, TeamId> = q_all!(tx.conn(), (String, DbId), "SELECT name_key, id FROM teams")?
        .into_iter()
        .map(|(k, id)| (k, id.into()))
        .collect();
    let mut remember = Vec::new();
    for (row, r) in recs {
        let team = match &r.team {
            Some(name) => match teams.get(&search_key(&[name])) {
                Some(t) => Some(*t),
                None => {
                    let t = Team { id: TeamId::new(), name: name.trim().to_string(), head_id: None };
                    insert_team(tx.conn(), &t, run.actor).await?;
                    teams.insert(search_key(&[name]), t.id);
                    Some(t.id)
                }
            },
            None => None,
        };
        let known = match &r.external_id {
            Some(x) => run.people.find(&PersonRef::External(x.clone())).ok().flatten().map(|p| p.id),
            None => None,
        };
        // Without an e-mail, the same name is the same person (a re-run); two alike are refused.
        let by = match &r.email {
            Some(e) => PersonRef::Email(e.clone()),
            None => PersonRef::Name(r.name.clone()),
        };
        let known = match (known, run.people.find(&by)) {
            (Some(id), _) => Some(id),
            (None, Ok(p)) => p.map(|p| p.id),
            (None, Err(reason)) => {
                run.fail(row, "name", reason);
                continue;
            }
        };
        let id = match known {
            Some(id) => {
                let before = crate::people::employee_in(tx.conn(), id).await?;
                let patch = EmployeePatch {
                    name: Some(r.name.clone()),
                    role: r.role,
                    department: r.department.map(Some),
                    team_id: team.map(Some),
                    region: r.region.clone().map(Some),
                    ..EmployeePatch::default()
                };
                match before.patched(patch.clone()) {
                    Ok(after) if after == before => run.out.skipped += 1,
                    Ok(_) => {
                        update_employee_in(tx, run.actor, id, patch).await?;
                        run.out.updated += 1;
                    }
                    Err(e) => run.refuse(row, e)?,
                }
                if let Some(x) = &r.external_id {
                    if run.people.find(&PersonRef::External(x.clone())).ok().flatten().is_none() {
                        remember.push((x.clone(), id.db()));
                    }
                }
                id
            }
            None => {
                let new = NewEmployee {
                    email: r.email.clone().unwrap_or_else(|| super::people::placeholder_email(&r.name)),
                    name: r.name.clone(),
                    role: r.role.unwrap_or(Role::Rep),
                    department: r.department,
                    team_id: team,
                    region: r.region.clone(),
                    capacity: None,
                    specialisation: None,
                    language: None,
                };
                let e = match new.into_employee(run.actor.now) {
                    Ok(e) => e,
                    Err(err) => {
                        run.refuse(row, err)?;
                        continue;
                    }
                };
                insert_employee(tx.conn(), &e, None).await?;
                run.out.created += 1;
                let person = Person { id: e.id, role: e.role, status: e.status };
                run.people.add(&e.email, &e.name, r.external_id.as_deref(), person);
                if let Some(x) = &r.external_id {
                    remember.push((x.clone(), e.id.db()));
                }
                e.id
            }
        };
        if let Some(m) = r.manager {
            run.managers.push((row, id, m));
        }
    }
    keys::remember(tx, &source, ImportEntity::Employees, remember, run.actor.now).await
}

/// Once every employee of the file is in: each manager heads the team of the people who
/// report to him (the employee's team, else a team the manager heads, else a new one named
/// after him), and a manager who was a rep becomes a head.
pub(crate) async fn link_managers(tx: &mut Tx, run: &mut Run<'_>) -> Result<(), CoreError> {
    for (row, id, m) in std::mem::take(&mut run.managers) {
        let manager = match run.people.find(&m) {
            Ok(Some(p)) if p.id == id => {
                run.fail(row, "manager", Reason::OwnManager);
                continue;
            }
            Ok(Some(p)) => p.id,
            Ok(None) => {
                run.fail(row, "manager", Reason::NoManager);
                continue;
            }
            Err(reason) => {
                run.fail(row, "manager", reason);
                continue;
            }
        };
        let head = employee_in(tx.conn(), manager).await?;
        if head.role == Role::Rep {
            let patch = EmployeePatch { role: Some(Role::Head), ..EmployeePatch::default() };
            update_employee_in(tx, run.actor, manager, patch).await?;
        }
        let employee = employee_in(tx.conn(), id).await?;
        let team = match employee.team_id {
            Some(t) => team_in(tx.conn(), t).await?,
            None => match headed_in(tx.conn(), manager).await?.into_iter().next() {
                Some(t) => team_in(tx.conn(), t).await?,
                None => {
                    let t = Team { id: TeamId::new(), name: head.name.clone(), head_id: Some(manager) };
                    insert_team(tx.conn(), &t, run.actor).await?;
                    t
                }
            },
        };
        if team.head_id != Some(manager) {
            update_team_in(tx, run.actor, team.id, TeamPatch { head_id: Some(Some(manager)), ..TeamPatch::default() })
                .await?;
        }
        if employee.team_id != Some(team.id) {
            let patch = EmployeePatch { team_id: Some(Some(team.id)), ..EmployeePatch::default() };
            update_employee_in(tx, run.actor, id, patch).await?;
        }
    }
    Ok(())
}
