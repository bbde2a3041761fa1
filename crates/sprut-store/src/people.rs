//! Teams and employees.

use crate::audit;
use crate::bulk::{select_in, Val};
use crate::id::{opt, DbId, ToDb};
use crate::paging::{after, page};
use crate::rows::{all, EmployeeRow, TeamRow, EMPLOYEE_COLS};
use crate::sql::{q_all, q_exec, q_opt, Conn};
use crate::Db;
use sprut_core::employee::{Employee, EmployeeFilter, EmployeePatch, NewEmployee};
use sprut_core::page::{Page, PageRequest};
use sprut_core::store::PeopleStore;
use sprut_core::team::{NewTeam, Team, TeamPatch};
use sprut_core::validate::search_key;
use sprut_core::{Actor, CoreError, EmployeeId, TeamId};

const TEAM_COLS: &str = "id, name, head_id";

pub(crate) async fn team_in(conn: Conn<'_>, id: TeamId) -> Result<Team, CoreError> {
    let row = q_opt!(conn, TeamRow, &format!("SELECT {TEAM_COLS} FROM teams WHERE id = $1"), id.db())?;
    row.map(TeamRow::into_team).ok_or(CoreError::NotFound("team"))
}

pub(crate) async fn employee_in(conn: Conn<'_>, id: EmployeeId) -> Result<Employee, CoreError> {
    let sql = format!("SELECT {EMPLOYEE_COLS} FROM employees e WHERE e.id = $1");
    q_opt!(conn, EmployeeRow, &sql, id.db())?.ok_or(CoreError::NotFound("employee"))?.into_employee()
}

/// Inserts a team row.
pub(crate) async fn insert_team(conn: Conn<'_>, t: &Team, actor: &Actor) -> Result<(), CoreError> {
    q_exec!(
        conn,
        "INSERT INTO teams (id, name, name_key, head_id, created_at) VALUES ($1, $2, $3, $4, $5)",
        t.id.db(),
        &t.name,
        search_key(&[&t.name]),
        opt(&t.head_id),
        actor.now,
    )?;
    Ok(())
}

/// Inserts an employee row.
pub(crate) async fn insert_employee(
    conn: Conn<'_>,
    e: &Employee,
    password_hash: Option<&str>,
) -> Result<(), CoreError> {
    q_exec!(
        conn,
        "INSERT INTO employees (id, email, name, name_key, role, department, team_id, region, capacity, \
         specialisation, status, last_day, language, password_hash, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)",
        e.id.db(),
        &e.email,
        &e.name,
        search_key(&[&e.name]),
        e.role.as_str(),
        e.department.map(|d| d.as_str()),
        opt(&e.team_id),
        e.region.as_deref(),
        e.capacity,
        e.specialisation.map(|s| s.as_str()),
        e.status.as_str(),
        e.last_day,
        e.language.as_str(),
        password_hash,
        e.created_at,
    )?;
    Ok(())
}

impl PeopleStore for Db {
    async fn create_team(&self, actor: &Actor, new: NewTeam) -> Result<Team, CoreError> {
        let team = new.into_team()?;
        let mut tx = self.write().await?;
        if let Some(head) = team.head_id {
            employee_in(tx.conn(), head).await?;
        }
        insert_team(tx.conn(), &team, actor).await?;
        audit::record(&mut tx, actor, "team.create", "team", &team.id.to_string(), audit::created(&team)).await?;
        tx.commit().await?;
        Ok(team)
    }

    async fn update_team(&self, actor: &Actor, id: TeamId, patch: TeamPatch) -> Result<Team, CoreError> {
        let mut tx = self.write().await?;
        let after = update_team_in(&mut tx, actor, id, patch).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn team(&self, id: TeamId) -> Result<Team, CoreError> {
        team_in(self.read().await?.conn(), id).await
    }

    async fn teams(&self) -> Result<Vec<Team>, CoreError> {
        let rows =
            q_all!(self.read().await?.conn(), TeamRow, &format!("SELECT {TEAM_COLS} FROM teams ORDER BY name_key"))?;
        Ok(rows.into_iter().map(TeamRow::into_team).collect())
    }

    async fn create_employee(
        &self,
        actor: &Actor,
        new: NewEmployee,
        password_hash: Option<String>,
    ) -> Result<Employee, CoreError> {
        let e = new.into_employee(actor.now)?;
        let mut tx = self.write().await?;
        if let Some(team) = e.team_id {
            team_in(tx.conn(), team).await?;
        }
        insert_employee(tx.conn(), &e, password_hash.as_deref()).await?;
        audit::record(&mut tx, actor, "employee.create", "employee", &e.id.to_string(), audit::created(&e)).await?;
        tx.commit().await?;
        Ok(e)
    }

    async fn update_employee(
        &self,
        actor: &Actor,
        id: EmployeeId,
        patch: EmployeePatch,
    ) -> Result<Employee, CoreError> {
        let mut tx = self.write().await?;
        let after = update_employee_in(&mut tx, actor, id, patch).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn employee(&self, id: EmployeeId) -> Result<Employee, CoreError> {
        employee_in(self.read().await?.conn(), id).await
    }

    async fn employee_by_email(&self, email: &str) -> Result<Option<(Employee, Option<String>)>, CoreError> {
        let sql = format!("SELECT {EMPLOYEE_COLS} FROM employees e WHERE e.email = $1");
        let Some(mut row) = q_opt!(self.read().await?.conn(), EmployeeRow, &sql, email.trim().to_lowercase())? else {
            return Ok(None);
        };
        let hash = row.password_hash.take();
        Ok(Some((row.into_employee()?, hash)))
    }

    async fn employees(&self, f: &EmployeeFilter, p: &PageRequest) -> Result<Page<Employee>, CoreError> {
        let after = after(p.cursor()?)?;
        let sql = format!(
            "SELECT {EMPLOYEE_COLS} FROM employees e WHERE ($1 IS NULL OR e.role = $1) AND ($2 IS NULL OR e.team_id = $2) \
             AND ($3 IS NULL OR e.status = $3) AND ($4 IS NULL OR e.name_key > $4 OR (e.name_key = $4 AND e.id > $5)) \
             ORDER BY e.name_key, e.id LIMIT $6"
        );
        let rows = q_all!(
            self.read().await?.conn(),
            EmployeeRow,
            &sql,
            f.role.map(|r| r.as_str()),
            opt(&f.team_id),
            f.status.map(|s| s.as_str()),
            after.key,
            after.id.map(DbId),
            i64::from(p.limit()) + 1,
        )?;
        let items = all(rows, EmployeeRow::into_employee)?;
        Ok(page(items, p.limit(), |e| (search_key(&[&e.name]), e.id.0)))
    }

    async fn employees_among(&self, ids: &[EmployeeId]) -> Result<Vec<Employee>, CoreError> {
        let mut ids: Vec<EmployeeId> = ids.to_vec();
        ids.sort_unstable_by_key(|id| id.0);
        ids.dedup();
        let list: Vec<Val> = ids.iter().map(|id| Val::from(id.db())).collect();
        let sql = format!("SELECT {EMPLOYEE_COLS} FROM employees e WHERE e.id IN ({{list}})");
        let rows = select_in::<EmployeeRow>(self.read().await?.conn(), &sql, &[], &list).await?;
        all(rows, EmployeeRow::into_employee)
    }

    async fn headed_teams(&self, id: EmployeeId) -> Result<Vec<TeamId>, CoreError> {
        headed_in(self.read().await?.conn(), id).await
    }

    async fn set_password(&self, actor: &Actor, id: EmployeeId, hash: String) -> Result<(), CoreError> {
        let mut tx = self.write().await?;
        let n = q_exec!(
            tx.conn(),
            "UPDATE employees SET password_hash = $2, updated_at = $3 WHERE id = $1",
            id.db(),
            hash,
            actor.now
        )?;
        if n == 0 {
            return Err(CoreError::NotFound("employee"));
        }
        q_exec!(tx.conn(), "DELETE FROM sessions WHERE employee_id = $1", id.db())?;
        let revoked = q_exec!(
            tx.conn(),
            "UPDATE api_tokens SET revoked_at = $2 WHERE employee_id = $1 AND revoked_at IS NULL",
            id.db(),
            actor.now
        )?;
        let details = serde_json::json!({ "tokens_revoked": revoked });
        audit::record(&mut tx, actor, "employee.password", "employee", &id.to_string(), details).await?;
        tx.commit().await
    }
}
/// Changes a team inside `tx`, with its audit event.
pub(crate) async fn update_team_in(
    tx: &mut crate::sql::Tx,
    actor: &Actor,
    id: TeamId,
    patch: TeamPatch,
) -> Result<Team, CoreError> {
    let before = team_in(tx.conn(), id).await?;
    let after = before.patched(patch)?;
    if let Some(head) = after.head_id {
        employee_in(tx.conn(), head).await?;
    }
    q_exec!(
        tx.conn(),
        "UPDATE teams SET name = $2, name_key = $3, head_id = $4 WHERE id = $1",
        id.db(),
        &after.name,
        search_key(&[&after.name]),
        opt(&after.head_id),
    )?;
    audit::record(tx, actor, "team.update", "team", &id.to_string(), audit::change(&before, &after)).await?;
    Ok(after)
}

/// The teams `id` heads, by name.
pub(crate) async fn headed_in(conn: Conn<'_>, id: EmployeeId) -> Result<Vec<TeamId>, CoreError> {
    let sql = format!("SELECT {TEAM_COLS} FROM teams WHERE head_id = $1 ORDER BY name_key");
    let rows = q_all!(conn, TeamRow, &sql, id.db())?;
    Ok(rows.into_iter().map(|r| r.into_team().id).collect())
}

/// Changes an employee inside `tx`, with its audit event; a departed employee's sessions and
/// API tokens end with the change.
pub(crate) async fn update_employee_in(
    tx: &mut crate::sql::Tx,
    actor: &Actor,
    id: EmployeeId,
    patch: EmployeePatch,
) -> Result<Employee, CoreError> {
    let before = employee_in(tx.conn(), id).await?;
    let after = before.patched(patch)?;
    if let Some(team) = after.team_id {
        team_in(tx.conn(), team).await?;
    }
    q_exec!(
        tx.conn(),
        "UPDATE employees SET email = $2, name = $3, name_key = $4, role = $5, department = $6, team_id = $7, \
         region = $8, capacity = $9, specialisation = $10, status = $11, last_day = $12, language = $13, \
         updated_at = $14 WHERE id = $1",
        id.db(),
        &after.email,
        &after.name,
        search_key(&[&after.name]),
        after.role.as_str(),
        after.department.map(|d| d.as_str()),
        opt(&after.team_id),
        after.region.as_deref(),
        after.capacity,
        after.specialisation.map(|s| s.as_str()),
        after.status.as_str(),
        after.last_day,
        after.language.as_str(),
        actor.now,
    )?;
    if after.status == sprut_core::employee::EmployeeStatus::Departed {
        q_exec!(tx.conn(), "DELETE FROM sessions WHERE employee_id = $1", id.db())?;
        q_exec!(
            tx.conn(),
            "UPDATE api_tokens SET revoked_at = $2 WHERE employee_id = $1 AND revoked_at IS NULL",
            id.db(),
            actor.now
        )?;
    }
    let details = audit::change(&before, &after);
    audit::record(tx, actor, "employee.update", "employee", &id.to_string(), details).await?;
    Ok(after)
}
