//! Employees from a file: matched by their id in the source, then e-mail; teams found or
//! created by name. Few rows, so one statement each, with the usual audit events.

use super::people::Person;
use super::{keys, Run};
use crate::id::{DbId, ToDb};
use crate::people::{insert_employee, insert_team, update_employee_in};
use crate::sql::{q_all, Tx};
use sprut_core::employee::{EmployeePatch, NewEmployee, Role};
use sprut_core::import::{EmployeeRecord, ImportEntity, PersonRef};
use sprut_core::team::Team;
use sprut_core::validate::search_key;
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
        let known = known.or_else(|| run.people.find(&PersonRef::Email(r.email.clone())).ok().flatten().map(|p| p.id));
        match known {
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
            }
            None => {
                let new = NewEmployee {
                    email: r.email.clone(),
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
            }
        }
    }
    keys::remember(tx, &source, ImportEntity::Employees, remember, run.actor.now).await
}
