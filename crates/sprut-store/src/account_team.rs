//! Account teams: who of each department works with a client.

use crate::audit;
use crate::clients::{client_in, client_seen};
use crate::id::ToDb;
use crate::people::employee_in;
use crate::rows::{all, MemberRow};
use crate::sql::{q_all, q_exec, Conn};
use crate::Db;
use sprut_core::account_team::AccountMember;
use sprut_core::employee::{Department, Role};
use sprut_core::scope::Scope;
use sprut_core::store::AccountTeamStore;
use sprut_core::Reason;
use sprut_core::*;

/// Inserts or replaces a seat.
pub(crate) async fn upsert_seat(conn: Conn<'_>, m: &AccountMember) -> Result<(), CoreError> {
    q_exec!(
        conn,
        "INSERT INTO account_members (client_id, department, employee_id, since) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (client_id, department) DO UPDATE SET employee_id = excluded.employee_id, since = excluded.since",
        m.client_id.db(),
        m.department.as_str(),
        m.employee_id.db(),
        m.since,
    )?;
    Ok(())
}

impl AccountTeamStore for Db {
    async fn seat(
        &self,
        actor: &Actor,
        client: ClientId,
        department: Department,
        employee: EmployeeId,
    ) -> Result<AccountMember, CoreError> {
        let mut tx = self.write().await?;
        client_in(tx.conn(), client).await?;
        let e = employee_in(tx.conn(), employee)
            .await
            .map_err(|_| CoreError::field("employee_id", Reason::NoSuchEmployee))?;
        if e.role != Role::Staff || e.department != Some(department) {
            return Err(CoreError::field(
                "employee_id",
                Reason::NotStaffOf { name: e.name.clone(), department: department.to_string() },
            ));
        }
        let m = AccountMember {
            client_id: client,
            department,
            employee_id: employee,
            employee_name: e.name,
            since: actor.now,
        };
        upsert_seat(tx.conn(), &m).await?;
        audit::record(&mut tx, actor, "account_team.seat", "client", &client.to_string(), audit::created(&m)).await?;
        tx.commit().await?;
        Ok(m)
    }

    async fn unseat(&self, actor: &Actor, client: ClientId, department: Department) -> Result<(), CoreError> {
        let mut tx = self.write().await?;
        client_in(tx.conn(), client).await?;
        let n = q_exec!(
            tx.conn(),
            "DELETE FROM account_members WHERE client_id = $1 AND department = $2",
            client.db(),
            department.as_str()
        )?;
        if n == 0 {
            return Err(CoreError::NotFound("account team seat"));
        }
        let details = serde_json::json!({ "department": department });
        audit::record(&mut tx, actor, "account_team.unseat", "client", &client.to_string(), details).await?;
        tx.commit().await
    }

    async fn account_team(&self, scope: &Scope, client: ClientId) -> Result<Vec<AccountMember>, CoreError> {
        let mut r = self.read().await?;
        client_seen(r.conn(), scope, client).await?;
        let rows = q_all!(
            r.conn(),
            MemberRow,
            "SELECT m.client_id, m.department, m.employee_id, e.name AS employee_name, m.since \
             FROM account_members m JOIN employees e ON e.id = m.employee_id WHERE m.client_id = $1 ORDER BY m.department",
            client.db()
        )?;
        all(rows, MemberRow::into_member)
    }
}
