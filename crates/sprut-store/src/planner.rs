//! Redistribution plans in the database: a team's book as the planner reads it, previews kept
//! with that book, and applying a plan as transfers in one transaction, refused when the book
//! changed since the preview.

use crate::audit;
use crate::handover::transfers::{hand_over, insert};
use crate::id::{opt, DbId, ToDb};
use crate::rows::word;
use crate::sql::{q_all, q_exec, q_opt, Conn};
use crate::Db;
use sprut_core::client::Tier;
use sprut_core::handover::TransferPlan;
use sprut_core::planner::book::{changes, Book, BookClient, BookRep};
use sprut_core::planner::model::{PlanClient, PlanRep};
use sprut_core::planner::service::{PlanSummary, PlannerStore, Redistribution};
use sprut_core::{Actor, Conflict, CoreError, RedistributionId, TeamId};
use time::{Date, Duration, OffsetDateTime};

#[derive(sqlx::FromRow)]
struct RepRow {
    id: DbId,
    name: String,
    region: Option<String>,
    specialisation: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ClientRow {
    id: DbId,
    name: String,
    holder: DbId,
    potential_minor: i64,
    region: Option<String>,
    tier: String,
    held_since: Date,
    kind: String,
    revenue: i64,
    customer: i64,
    in_transfer: i64,
}

/// The clients held by the team's active reps, with what the planner weighs. Aggregates are
/// cast to BIGINT so both engines return the same type.
const BOOK_SQL: &str = "SELECT c.id, c.name, a.employee_id AS holder, c.potential_minor, c.region, c.tier, \
     a.started_on AS held_since, a.kind, \
     CAST(COALESCE((SELECT SUM(d.amount_minor) FROM deals d WHERE d.client_id = c.id AND d.stage = 'won' AND d.closed_on > $2), 0) AS BIGINT) AS revenue, \
     CAST(CASE WHEN EXISTS (SELECT 1 FROM deals d WHERE d.client_id = c.id AND d.stage = 'won') THEN 1 ELSE 0 END AS BIGINT) AS customer, \
     CAST(CASE WHEN EXISTS (SELECT 1 FROM transfer_items ti WHERE ti.client_id = c.id AND ti.active) THEN 1 ELSE 0 END AS BIGINT) AS in_transfer \
     FROM assignments a JOIN employees e ON e.id = a.employee_id JOIN clients c ON c.id = a.client_id \
     WHERE a.ended_on IS NULL AND e.team_id = $1 AND e.role = 'rep' AND e.status = 'active' ORDER BY c.id";

/// The team's book on `today`, read on `conn`.
async fn read_book(mut conn: Conn<'_>, team: TeamId, today: Date) -> Result<Book, CoreError> {
    let reps = q_all!(
        conn.reborrow(),
        RepRow,
        "SELECT id, name, region, specialisation FROM employees \
         WHERE team_id = $1 AND role = 'rep' AND status = 'active' ORDER BY id",
        team.db()
    )?;
    let reps = reps
        .into_iter()
        .map(|r| {
            Ok(BookRep {
                name: r.name,
                rep: PlanRep {
                    id: r.id.into(),
                    region: r.region,
                    specialisation: r.specialisation.as_deref().map(word).transpose()?,
                    capacity: None,
                },
            })
        })
        .collect::<Result<Vec<_>, CoreError>>()?;
    let rows = q_all!(conn, ClientRow, BOOK_SQL, team.db(), today - Duration::days(365))?;
    let clients = rows
        .into_iter()
        .map(|r| {
            let tier = word::<Tier>(&r.tier)?;
            Ok(BookClient {
                name: r.name,
                tier,
                client: PlanClient {
                    id: r.id.into(),
                    holder: r.holder.into(),
                    potential_minor: r.potential_minor,
                    revenue_minor: r.revenue,
                    held_since: r.held_since,
                    region: r.region,
                    customer: r.customer != 0,
                    key: tier == Tier::Key,
                    locked: r.kind == "development" || r.in_transfer != 0,
                },
            })
        })
        .collect::<Result<Vec<_>, CoreError>>()?;
    Ok(Book { reps, clients })
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    plan: String,
    applied_at: Option<OffsetDateTime>,
    effective_on: Option<Date>,
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: DbId,
    team_id: DbId,
    made_on: Date,
    moves: i64,
    clients: i64,
    created_by: Option<DbId>,
    applied_at: Option<OffsetDateTime>,
}

fn json_error(e: serde_json::Error) -> CoreError {
    CoreError::storage(format!("stored redistribution plan: {e}"))
}

/// One plan with its transfers, read on `conn`.
async fn load(mut conn: Conn<'_>, id: RedistributionId) -> Result<Redistribution, CoreError> {
    let row = q_opt!(
        conn.reborrow(),
        PlanRow,
        "SELECT plan, applied_at, effective_on FROM redistribution_plans WHERE id = $1",
        id.db()
    )?
    .ok_or(CoreError::NotFound("redistribution plan"))?;
    let mut r: Redistribution = serde_json::from_str(&row.plan).map_err(json_error)?;
    r.applied_at = row.applied_at;
    r.effective_on = row.effective_on;
    let transfers: Vec<(DbId,)> =
        q_all!(conn, (DbId,), "SELECT id FROM transfers WHERE redistribution_id = $1 ORDER BY id", id.db())?;
    r.transfers = transfers.into_iter().map(|(t,)| t.into()).collect();
    Ok(r)
}

impl PlannerStore for Db {
    async fn team_book(&self, team: TeamId, today: Date) -> Result<Book, CoreError> {
        read_book(self.read().await?.conn(), team, today).await
    }

    async fn save_redistribution(&self, actor: &Actor, plan: &Redistribution, book: &Book) -> Result<(), CoreError> {
        let mut tx = self.write().await?;
        let team = plan.request.team_id;
        q_exec!(tx.conn(), "DELETE FROM redistribution_plans WHERE team_id = $1 AND applied_at IS NULL", team.db())?;
        q_exec!(
            tx.conn(),
            "INSERT INTO redistribution_plans (id, team_id, made_on, moves, clients, plan, book, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            plan.id.db(),
            team.db(),
            plan.made_on,
            plan.moves.len() as i64,
            i64::from(plan.clients),
            serde_json::to_string(plan).map_err(json_error)?,
            serde_json::to_string(book).map_err(json_error)?,
            opt(&plan.created_by),
            plan.created_at,
        )?;
        let details = serde_json::json!({ "team": team, "request": plan.request, "moves": plan.moves.len(), "clients": plan.clients });
        audit::record(&mut tx, actor, "redistribution.preview", "redistribution", &plan.id.to_string(), details)
            .await?;
        tx.commit().await
    }

    async fn redistribution(&self, id: RedistributionId) -> Result<Redistribution, CoreError> {
        load(self.read().await?.conn(), id).await
    }

    async fn redistributions(&self) -> Result<Vec<PlanSummary>, CoreError> {
        let rows = q_all!(
            self.read().await?.conn(),
            SummaryRow,
            "SELECT id, team_id, made_on, moves, clients, created_by, applied_at FROM redistribution_plans \
             ORDER BY created_at DESC, id DESC LIMIT 200"
        )?;
        Ok(rows
            .into_iter()
            .map(|r| PlanSummary {
                id: r.id.into(),
                team_id: r.team_id.into(),
                made_on: r.made_on,
                moves: u32::try_from(r.moves).unwrap_or(u32::MAX),
                clients: u32::try_from(r.clients).unwrap_or(u32::MAX),
                created_by: r.created_by.map(Into::into),
                applied_at: r.applied_at,
            })
            .collect())
    }

    async fn apply_redistribution(
        &self,
        actor: &Actor,
        id: RedistributionId,
        plans: &[TransferPlan],
        today: Date,
    ) -> Result<Redistribution, CoreError> {
        let mut tx = self.write().await?;
        let row: (DbId, Option<String>, Option<OffsetDateTime>) = q_opt!(
            tx.conn(),
            (DbId, Option<String>, Option<OffsetDateTime>),
            "SELECT team_id, book, applied_at FROM redistribution_plans WHERE id = $1",
            id.db()
        )?
        .ok_or(CoreError::NotFound("redistribution plan"))?;
        let (team, book, applied_at) = row;
        if applied_at.is_some() {
            return Err(CoreError::Conflict(Conflict::PlanApplied));
        }
        let before: Book = serde_json::from_str(book.as_deref().unwrap_or("{}")).map_err(json_error)?;
        let now = read_book(tx.conn(), team.into(), today).await?;
        let changed = changes(&before, &now);
        if !changed.is_empty() {
            return Err(CoreError::Conflict(Conflict::BookChanged { changes: changed }));
        }
        for plan in plans {
            let transfer = insert(&mut tx, actor, plan).await?;
            q_exec!(tx.conn(), "UPDATE transfers SET redistribution_id = $2 WHERE id = $1", transfer.db(), id.db())?;
            if plan.effective_on <= today {
                hand_over(&mut tx, actor, transfer).await?;
            }
        }
        let effective_on = plans.first().map(|p| p.effective_on);
        q_exec!(
            tx.conn(),
            "UPDATE redistribution_plans SET applied_at = $2, effective_on = $3, book = NULL WHERE id = $1",
            id.db(),
            actor.now,
            effective_on
        )?;
        let moves: usize = plans.iter().map(|p| p.items.len()).sum();
        let details = serde_json::json!({ "team": TeamId::from(team), "transfers": plans.len(), "moves": moves, "effective_on": effective_on });
        audit::record(&mut tx, actor, "redistribution.apply", "redistribution", &id.to_string(), details).await?;
        let r = load(tx.conn(), id).await?;
        tx.commit().await?;
        Ok(r)
    }
}
