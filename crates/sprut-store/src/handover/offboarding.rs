//! Offboarding playbooks in the database: starting one (the employee becomes a leaver in the
//! same transaction), the head's changes to the plan, applying it as transfers, completing it.

use super::transfers::{hand_over, insert};
use crate::audit;
use crate::id::{opt, DbId, ToDb};
use crate::people::{employee_in, update_employee_in};
use crate::rows::{why_of, why_text, word};
use crate::sql::{q_all, q_exec, q_opt, Conn, Tx};
use crate::Db;
use sprut_core::employee::{EmployeeStatus, Role};
use sprut_core::handover::offboarding::{Offboarding, OffboardingState, PlanChange, PlanItem, Retention};
use sprut_core::handover::risk::Risk;
use sprut_core::handover::TransferPlan;
use sprut_core::leaver::departure_patch;
use sprut_core::page::{Page, PageRequest};
use sprut_core::Conflict;
use sprut_core::Reason;
use sprut_core::{Actor, CoreError, EmployeeId, OffboardingId, TransferId};
use time::{Date, OffsetDateTime};

#[derive(sqlx::FromRow)]
struct OffboardingRow {
    id: DbId,
    employee_id: DbId,
    last_day: Date,
    state: String,
    created_by: Option<DbId>,
    created_at: OffsetDateTime,
    applied_at: Option<OffsetDateTime>,
    completed_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    client_id: DbId,
    client_name: String,
    proposed_to: Option<DbId>,
    override_to: Option<DbId>,
    proposal: String,
    proposal_why: Option<String>,
    risk: String,
    revenue_12m: i64,
    retention: Option<String>,
    transfer_id: Option<DbId>,
}

fn json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, CoreError> {
    serde_json::from_str(s).map_err(|e| CoreError::storage(format!("stored plan: {e}")))
}

/// A playbook with its plan, read on `conn`.
pub(crate) async fn load(mut conn: Conn<'_>, id: OffboardingId) -> Result<Offboarding, CoreError> {
    let o = q_opt!(
        conn.reborrow(),
        OffboardingRow,
        "SELECT id, employee_id, last_day, state, created_by, created_at, applied_at, completed_at FROM offboardings WHERE id = $1",
        id.db()
    )?
    .ok_or(CoreError::NotFound("offboarding"))?;
    let rows = q_all!(
        conn,
        ItemRow,
        "SELECT i.client_id, c.name AS client_name, i.proposed_to, i.override_to, i.proposal, i.proposal_why, i.risk, i.revenue_12m, \
         i.retention, i.transfer_id FROM offboarding_items i JOIN clients c ON c.id = i.client_id \
         WHERE i.offboarding_id = $1 ORDER BY i.revenue_12m DESC, c.search_key, i.client_id",
        id.db()
    )?;
    let items = rows
        .into_iter()
        .map(|r| {
            Ok(PlanItem {
                client_id: r.client_id.into(),
                client_name: r.client_name,
                proposed_to: r.proposed_to.map(Into::into),
                proposal: r.proposal,
                // A proposal this build cannot read keeps its English line alone.
                proposal_why: why_of(r.proposal_why.as_deref()),
                override_to: r.override_to.map(Into::into),
                revenue_12m: r.revenue_12m,
                risk: json::<Risk>(&r.risk)?,
                retention: r.retention.as_deref().map(json::<Retention>).transpose()?,
                transfer_id: r.transfer_id.map(Into::into),
            })
        })
        .collect::<Result<_, CoreError>>()?;
    Ok(Offboarding {
        id: o.id.into(),
        employee_id: o.employee_id.into(),
        last_day: o.last_day,
        state: word(&o.state)?,
        created_by: o.created_by.map(Into::into),
        created_at: o.created_at,
        applied_at: o.applied_at,
        completed_at: o.completed_at,
        items,
    })
}

/// Completes playbook `id` when every client is in a completed transfer.
pub(crate) async fn complete_if_done(tx: &mut Tx, actor: &Actor, id: OffboardingId) -> Result<(), CoreError> {
    let open: i64 = crate::sql::q_scalar!(
        tx.conn(),
        i64,
        "SELECT COUNT(*) FROM offboarding_items i LEFT JOIN transfers t ON t.id = i.transfer_id \
         WHERE i.offboarding_id = $1 AND (t.id IS NULL OR t.state <> 'completed')",
        id.db()
    )?;
    if open == 0 {
        q_exec!(
            tx.conn(),
            "UPDATE offboardings SET state = 'completed', completed_at = $2 WHERE id = $1 AND state = 'active'",
            id.db(),
            actor.now
        )?;
        audit::record(tx, actor, "offboarding.complete", "offboarding", &id.to_string(), serde_json::json!({})).await?;
    }
    Ok(())
}

/// A cancelled transfer's clients go back into the plan, which can then be applied again.
pub(crate) async fn release_transfer(tx: &mut Tx, id: OffboardingId, transfer: TransferId) -> Result<(), CoreError> {
    q_exec!(
        tx.conn(),
        "UPDATE offboarding_items SET transfer_id = NULL WHERE offboarding_id = $1 AND transfer_id = $2",
        id.db(),
        transfer.db()
    )?;
    q_exec!(tx.conn(), "UPDATE offboardings SET applied_at = NULL WHERE id = $1", id.db())?;
    Ok(())
}

impl Db {
    pub(crate) async fn start_offboarding_tx(
        &self,
        actor: &Actor,
        employee: EmployeeId,
        last_day: Date,
        items: Vec<PlanItem>,
    ) -> Result<Offboarding, CoreError> {
        let mut tx = self.write().await?;
        let leaver = employee_in(tx.conn(), employee).await?;
        let running: Option<(DbId,)> = q_opt!(
            tx.conn(),
            (DbId,),
            "SELECT id FROM offboardings WHERE employee_id = $1 AND state = 'active'",
            employee.db()
        )?;
        if running.is_some() {
            return Err(CoreError::Conflict(Conflict::PlaybookRunning { name: leaver.name.clone() }));
        }
        if !(leaver.status == EmployeeStatus::Departing && leaver.last_day == Some(last_day)) {
            let patch = departure_patch(&leaver, last_day, actor.today())?;
            update_employee_in(&mut tx, actor, employee, patch).await?;
        }
        let id = OffboardingId::new();
        q_exec!(
            tx.conn(),
            "INSERT INTO offboardings (id, employee_id, last_day, state, created_by, created_at) VALUES ($1, $2, $3, 'active', $4, $5)",
            id.db(),
            employee.db(),
            last_day,
            opt(&actor.employee_id),
            actor.now,
        )?;
        for i in &items {
            q_exec!(
                tx.conn(),
                "INSERT INTO offboarding_items (offboarding_id, client_id, proposed_to, proposal, proposal_why, risk_score, \
                 risk, revenue_12m) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                id.db(),
                i.client_id.db(),
                opt(&i.proposed_to),
                &i.proposal,
                why_text(i.proposal_why.as_ref()),
                i.risk.score,
                serde_json::to_string(&i.risk).unwrap_or_default(),
                i.revenue_12m,
            )?;
        }
        let at_risk = items.iter().filter(|i| i.risk.at_risk).count();
        let details = serde_json::json!({ "employee": employee, "last_day": last_day, "clients": items.len(), "at_risk": at_risk });
        audit::record(&mut tx, actor, "offboarding.start", "offboarding", &id.to_string(), details).await?;
        let o = load(tx.conn(), id).await?;
        tx.commit().await?;
        Ok(o)
    }

    pub(crate) async fn offboarding_one(&self, id: OffboardingId) -> Result<Offboarding, CoreError> {
        load(self.read().await?.conn(), id).await
    }

    pub(crate) async fn offboarding_list(&self, p: &PageRequest) -> Result<Page<Offboarding>, CoreError> {
        let after = crate::paging::after(p.cursor()?)?;
        let ids: Vec<(DbId,)> = q_all!(
            self.read().await?.conn(),
            (DbId,),
            "SELECT id FROM offboardings WHERE ($1 IS NULL OR id < $1) ORDER BY id DESC LIMIT $2",
            after.id.map(DbId),
            i64::from(p.limit()) + 1,
        )?;
        let mut items = Vec::new();
        for (id,) in ids {
            items.push(self.offboarding_one(id.into()).await?);
        }
        Ok(crate::paging::page(items, p.limit(), |o| (String::new(), o.id.0)))
    }

    pub(crate) async fn change_plan_tx(
        &self,
        actor: &Actor,
        id: OffboardingId,
        change: &PlanChange,
    ) -> Result<Offboarding, CoreError> {
        let mut tx = self.write().await?;
        let o = load(tx.conn(), id).await?;
        if o.state != OffboardingState::Active {
            return Err(CoreError::Conflict(Conflict::PlaybookState { state: o.state }));
        }
        let item = o
            .items
            .iter()
            .find(|i| i.client_id == change.client_id)
            .ok_or(CoreError::NotFound("client in this plan"))?;
        if let Some(to) = change.override_to {
            if item.transfer_id.is_some() {
                return Err(CoreError::Conflict(Conflict::InTransfer {
                    client: item.client_name.clone(),
                    transfer: String::new(),
                }));
            }
            let e = employee_in(tx.conn(), to)
                .await
                .map_err(|_| CoreError::field("override_to", Reason::NoSuchEmployee))?;
            if to == o.employee_id || e.status != EmployeeStatus::Active || !matches!(e.role, Role::Rep | Role::Head) {
                return Err(CoreError::field("override_to", Reason::CannotTakeClients { name: e.name.clone() }));
            }
            q_exec!(
                tx.conn(),
                "UPDATE offboarding_items SET override_to = $3 WHERE offboarding_id = $1 AND client_id = $2",
                id.db(),
                change.client_id.db(),
                to.db()
            )?;
        }
        if let Some(r) = &change.retention {
            let r = r.clone().checked()?;
            q_exec!(
                tx.conn(),
                "UPDATE offboarding_items SET retention = $3, retention_by = $4 WHERE offboarding_id = $1 AND client_id = $2",
                id.db(),
                change.client_id.db(),
                serde_json::to_string(&r).unwrap_or_default(),
                opt(&actor.employee_id),
            )?;
        }
        let details = serde_json::json!({ "client": change.client_id, "override_to": change.override_to, "retention": change.retention });
        audit::record(&mut tx, actor, "offboarding.change", "offboarding", &id.to_string(), details).await?;
        let o = load(tx.conn(), id).await?;
        tx.commit().await?;
        Ok(o)
    }

    pub(crate) async fn apply_offboarding_tx(
        &self,
        actor: &Actor,
        id: OffboardingId,
        plans: &[TransferPlan],
        today: Date,
    ) -> Result<Offboarding, CoreError> {
        let mut tx = self.write().await?;
        let o = load(tx.conn(), id).await?;
        sprut_core::handover::offboarding::check_applicable(&o)?;
        for plan in plans {
            let transfer = insert(&mut tx, actor, plan).await?;
            for item in &plan.items {
                q_exec!(
                    tx.conn(),
                    "UPDATE offboarding_items SET transfer_id = $3 WHERE offboarding_id = $1 AND client_id = $2",
                    id.db(),
                    item.client_id.db(),
                    transfer.db()
                )?;
            }
            if plan.effective_on <= today {
                hand_over(&mut tx, actor, transfer).await?;
            }
        }
        q_exec!(tx.conn(), "UPDATE offboardings SET applied_at = $2 WHERE id = $1", id.db(), actor.now)?;
        audit::record(
            &mut tx,
            actor,
            "offboarding.apply",
            "offboarding",
            &id.to_string(),
            serde_json::json!({ "transfers": plans.len() }),
        )
        .await?;
        let o = load(tx.conn(), id).await?;
        tx.commit().await?;
        Ok(o)
    }
}
