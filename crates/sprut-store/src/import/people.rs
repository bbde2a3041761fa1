//! The employees an import can name as holders, owners and authors: by e-mail, by name, or
//! by their id in the source; unknown ones refused or created inactive.

use super::keys;
use crate::id::{DbId, ToDb};
use crate::people::insert_employee;
use crate::sql::{q_all, Tx};
use sprut_core::employee::{Employee, EmployeeStatus, Language, Role};
use sprut_core::import::{ImportEntity, PersonRef};
use sprut_core::validate::search_key;
use sprut_core::{Actor, CoreError, EmployeeId, Reason};
use std::collections::HashMap;

/// What an import needs to know of an employee.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub(crate) id: EmployeeId,
    pub(crate) role: Role,
    pub(crate) status: EmployeeStatus,
}

impl Person {
    /// Whether the person may hold clients: a rep or head, at work or away for a while.
    pub(crate) fn can_hold(&self) -> bool {
        matches!(self.role, Role::Rep | Role::Head)
            && matches!(self.status, EmployeeStatus::Active | EmployeeStatus::Absent)
    }
}

/// Every employee, indexed the ways a file names them.
pub(crate) struct People {
    by_email: HashMap<String, Person>,
    by_name: HashMap<String, Vec<Person>>,
    by_ext: HashMap<String, Person>,
    /// How many employees this import created.
    pub(crate) created: u64,
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: DbId,
    email: String,
    name: String,
    role: String,
    status: String,
}

impl People {
    /// Reads every employee and the employee ids `source` uses.
    pub(crate) async fn load(tx: &mut Tx, source: &str) -> Result<People, CoreError> {
        let rows = q_all!(tx.conn(), PersonRow, "SELECT id, email, name, role, status FROM employees")?;
        let ext: Vec<(String, DbId)> = q_all!(
            tx.conn(),
            (String, DbId),
            "SELECT external_id, record_id FROM import_ids WHERE source = $1 AND entity = 'employees'",
            source
        )?;
        let mut people =
            People { by_email: HashMap::new(), by_name: HashMap::new(), by_ext: HashMap::new(), created: 0 };
        let mut by_id = HashMap::new();
        for r in rows {
            let p =
                Person { id: r.id.into(), role: crate::rows::word(&r.role)?, status: crate::rows::word(&r.status)? };
            by_id.insert(r.id, p.clone());
            people.add(&r.email, &r.name, None, p);
        }
        for (x, id) in ext {
            if let Some(p) = by_id.get(&id) {
                people.by_ext.insert(x, p.clone());
            }
        }
        Ok(people)
    }

    /// Indexes one employee.
    pub(crate) fn add(&mut self, email: &str, name: &str, ext: Option<&str>, p: Person) {
        self.by_email.insert(email.to_lowercase(), p.clone());
        self.by_name.entry(search_key(&[name])).or_default().push(p.clone());
        if let Some(x) = ext {
            self.by_ext.insert(x.to_string(), p);
        }
    }

    /// The employee a file names, if known; an error when the name is ambiguous.
    pub(crate) fn find(&self, r: &PersonRef) -> Result<Option<&Person>, Reason> {
        Ok(match r {
            PersonRef::Email(e) => self.by_email.get(&e.to_lowercase()),
            PersonRef::External(x) => self.by_ext.get(x),
            PersonRef::Name(n) => match self.by_name.get(&search_key(&[n])).map(Vec::as_slice) {
                Some([p]) => Some(p),
                Some([_, _, ..]) => return Err(Reason::SeveralEmployeesNamed { name: n.clone() }),
                _ => None,
            },
        })
    }

    /// The employee a file names: found, created inactive when `create` is set, or refused.
    pub(crate) async fn resolve(
        &mut self,
        tx: &mut Tx,
        actor: &Actor,
        source: &str,
        r: &PersonRef,
        create: bool,
    ) -> Result<Result<Person, Reason>, CoreError> {
        match self.find(r) {
            Ok(Some(p)) => return Ok(Ok(p.clone())),
            Err(e) => return Ok(Err(e)),
            Ok(None) => {}
        }
        if !create {
            let value = match r {
                PersonRef::Email(v) | PersonRef::Name(v) | PersonRef::External(v) => v.clone(),
            };
            return Ok(Err(Reason::NoEmployeeKnown { value }));
        }
        let (email, name, ext) = match r {
            PersonRef::Email(e) => (e.to_lowercase(), e.split('@').next().unwrap_or(e).to_string(), None),
            PersonRef::Name(n) => (placeholder_email(n), n.clone(), None),
            PersonRef::External(x) => {
                (placeholder_email(&format!("{source}-{x}")), format!("{source} user {x}"), Some(x.clone()))
            }
        };
        let employee = Employee {
            id: EmployeeId::new(),
            email: email.clone(),
            name: name.clone(),
            role: Role::Rep,
            department: None,
            team_id: None,
            region: None,
            capacity: 0,
            specialisation: None,
            status: EmployeeStatus::Absent,
            last_day: None,
            language: Language::Ru,
            created_at: actor.now,
        };
        insert_employee(tx.conn(), &employee, None).await?;
        if let Some(x) = &ext {
            keys::remember(tx, source, ImportEntity::Employees, vec![(x.clone(), employee.id.db())], actor.now).await?;
        }
        let p = Person { id: employee.id, role: employee.role, status: employee.status };
        self.add(&email, &name, ext.as_deref(), p.clone());
        self.created += 1;
        Ok(Ok(p))
    }
}

/// The e-mail of an employee a file names without one: nothing is delivered there
/// ([`sprut_core::employee::NO_MAILBOX_DOMAIN`]); an administrator replaces it.
pub(crate) fn placeholder_email(name: &str) -> String {
    format!("{}@{}", slug(name), sprut_core::employee::NO_MAILBOX_DOMAIN)
}

/// Letters and digits of `s`, lower-cased, the rest as dashes: a safe e-mail local part.
fn slug(s: &str) -> String {
    let mut out: String = s.trim().to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    if out.is_empty() {
        out.push_str("someone");
    }
    out
}
