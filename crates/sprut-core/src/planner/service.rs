//! The redistribution use cases: a head previews a plan for his team's book (kept, with the
//! book it was made on), then applies it as ordinary transfers with their checklists, refused
//! when the book changed in between.

use super::book::Book;
use super::model::{self, Limits, Plan, PlanClient, Relax, BANDS};
use crate::error::CoreResult;
use crate::handover::service::kind_of;
use crate::handover::transfer::TransferCause;
use crate::handover::{HandoverStore, PlannedItem, TransferPlan};
use crate::money::format_minor;
use crate::sales_plan::share_percent;
use crate::settings::Settings;
use crate::validate::Checks;
use crate::{Actor, ClientId, Conflict, CoreError, EmployeeId, Reason, RedistributionId, TeamId, TransferId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::future::Future;
use time::{Date, OffsetDateTime};

/// What a head asks of a redistribution of his team's book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RedistributionRequest {
    /// The team whose book is balanced.
    pub team_id: TeamId,
    /// Each rep's clients, in all and per potential quarter, within this many percent of the
    /// team's mean (0–100; default 10).
    #[serde(default = "ten")]
    pub balance_percent: u8,
    /// At most this many moves.
    #[serde(default)]
    pub max_moves: Option<u32>,
    /// Key clients may move too.
    #[serde(default)]
    pub move_key: bool,
    /// At most this many clients per rep after the plan.
    #[serde(default)]
    pub capacity: Option<u32>,
}

fn ten() -> u8 {
    10
}

impl RedistributionRequest {
    /// Checks the limits' own values.
    pub fn check(&self) -> CoreResult<()> {
        let mut c = Checks::new();
        if self.balance_percent > 100 {
            c.fail("balance_percent", Reason::Range { min: 0, max: Some(100) });
        }
        if self.capacity == Some(0) {
            c.fail("capacity", Reason::Range { min: 1, max: None });
        }
        c.finish()
    }

    /// The model's limits.
    pub fn limits(&self) -> Limits {
        Limits { balance_percent: self.balance_percent, max_moves: self.max_moves, move_key: self.move_key }
    }
}

/// One move of a plan, with the figures that explain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlannedMove {
    /// The client.
    pub client_id: ClientId,
    /// Its name.
    pub client_name: String,
    /// Its holder now.
    pub from_id: EmployeeId,
    /// His name.
    pub from_name: String,
    /// The rep it goes to.
    pub to_id: EmployeeId,
    /// His name.
    pub to_name: String,
    /// Its sales potential (minor units).
    pub potential_minor: i64,
    /// Its potential quarter in the team (1: the smallest, 4: the largest).
    pub quarter: u8,
    /// Its won revenue of twelve months (minor units).
    pub revenue_minor: i64,
    /// It has bought (a customer), or not yet (a prospect).
    pub customer: bool,
    /// Whole years with its holder (the weight counts up to ten).
    pub years: i64,
    /// Outside the new rep's region.
    pub off_route: bool,
    /// A prospect to a farmer or a customer to a hunter.
    pub misfit: bool,
    /// The move's weight beyond its base cost (years, revenue, route, specialisation).
    pub weight: i64,
    /// The holder's clients before the plan.
    pub from_clients: u32,
    /// Of those, in this client's potential quarter.
    pub from_quarter_clients: u32,
    /// The team's mean of clients per rep, in tenths.
    pub mean_tenths: i64,
    /// The team's mean of clients per rep in this quarter, in tenths.
    pub quarter_mean_tenths: i64,
    /// The rule and figures in English.
    pub reason: String,
}

/// A rep's book before and after a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RepLoad {
    /// The rep.
    pub employee_id: EmployeeId,
    /// His name.
    pub name: String,
    /// Clients before.
    pub clients_before: u32,
    /// Clients after.
    pub clients_after: u32,
    /// Potential before (minor units).
    pub potential_before: i64,
    /// Potential after (minor units).
    pub potential_after: i64,
    /// His monthly sales plan from potential before (minor units).
    pub plan_before_minor: i64,
    /// And after: the plan change that follows the moves.
    pub plan_after_minor: i64,
}

/// A redistribution plan: previewed, then applied as transfers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Redistribution {
    /// Id.
    pub id: RedistributionId,
    /// What the head asked.
    pub request: RedistributionRequest,
    /// The day the plan was made.
    pub made_on: Date,
    /// The moves, giver by giver, the lightest first.
    pub moves: Vec<PlannedMove>,
    /// Each rep before and after.
    pub loads: Vec<RepLoad>,
    /// The clients of the book.
    pub clients: u32,
    /// The plan's cost: moves × 1,000,000 + their weights.
    pub cost: i64,
    /// Who made it.
    pub created_by: Option<EmployeeId>,
    /// When made.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When applied.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub applied_at: Option<OffsetDateTime>,
    /// The day its clients change hands, once applied.
    #[serde(default)]
    pub effective_on: Option<Date>,
    /// Its transfers, once applied.
    #[serde(default)]
    pub transfers: Vec<TransferId>,
}

/// A plan in a list: what it did, without its moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlanSummary {
    /// Id.
    pub id: RedistributionId,
    /// The team.
    pub team_id: TeamId,
    /// The day it was made.
    pub made_on: Date,
    /// Its moves.
    pub moves: u32,
    /// The clients of the book.
    pub clients: u32,
    /// Who made it.
    pub created_by: Option<EmployeeId>,
    /// When applied.
    #[serde(with = "time::serde::rfc3339::option")]
    pub applied_at: Option<OffsetDateTime>,
}

/// Applying a previewed plan.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ApplyRedistribution {
    /// The day the clients change hands (default: today).
    #[serde(default)]
    pub effective_on: Option<Date>,
}

/// The use cases of the redistribution planner.
pub trait PlannerStore: HandoverStore {
    /// The team's active reps (role rep) and every client they hold on `today`, in id order.
    fn team_book(&self, team: TeamId, today: Date) -> impl Future<Output = CoreResult<Book>> + Send;
    /// Keeps a previewed plan with the book it was made on (the team's earlier unapplied
    /// previews are dropped).
    fn save_redistribution(
        &self,
        actor: &Actor,
        plan: &Redistribution,
        book: &Book,
    ) -> impl Future<Output = CoreResult<()>> + Send;
    /// One plan.
    fn redistribution(&self, id: RedistributionId) -> impl Future<Output = CoreResult<Redistribution>> + Send;
    /// The newest plans (at most 200), previews and applied, without their moves.
    fn redistributions(&self) -> impl Future<Output = CoreResult<Vec<PlanSummary>>> + Send;
    /// In one transaction: refuses when the team's book changed since the preview (saying
    /// what changed), else stores the transfers, hands over those due on `today` and marks the
    /// plan applied.
    fn apply_redistribution(
        &self,
        actor: &Actor,
        id: RedistributionId,
        plans: &[TransferPlan],
        today: Date,
    ) -> impl Future<Output = CoreResult<Redistribution>> + Send;
}

/// The limit to relax, as the field the head changes.
fn relax(r: Relax) -> CoreError {
    match r {
        Relax::NothingToPlan => CoreError::field("team_id", Reason::NothingToPlan),
        Relax::Locked { move_key_helps } => CoreError::field(
            if move_key_helps { "move_key" } else { "balance_percent" },
            Reason::LockedBeyondBalance { move_key_helps },
        ),
        Relax::Balance { percent } => CoreError::field("balance_percent", Reason::BalanceTooTight { percent }),
        Relax::Capacity => CoreError::field("capacity", Reason::CapacityTooSmall),
        Relax::MaxMoves { needed } => CoreError::field("max_moves", Reason::MovesNeeded { needed }),
    }
}

/// Tenths of `total / reps`.
fn tenths(total: usize, reps: usize) -> i64 {
    (total as i64 * 10 + reps as i64 / 2) / reps.max(1) as i64
}

/// Ten times `x` as `1.5`.
fn decimal(tenths: i64) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The move's rule and figures in English.
fn reason(m: &PlannedMove) -> String {
    let route = if m.off_route { "outside his region" } else { "on his route" };
    let fit = match (m.misfit, m.customer) {
        (false, _) => String::new(),
        (true, true) => ", a customer to a hunter".into(),
        (true, false) => ", a prospect to a farmer".into(),
    };
    format!(
        "{} holds {} clients against the team's mean of {}, {} of them in potential quarter {} (mean {}); \
         of his clients that may move this one weighs least: {} year{} with him, revenue {} in twelve months; \
         to {}, {route}{fit}",
        m.from_name,
        m.from_clients,
        decimal(m.mean_tenths),
        m.from_quarter_clients,
        m.quarter,
        decimal(m.quarter_mean_tenths),
        m.years,
        if m.years == 1 { "" } else { "s" },
        format_minor(m.revenue_minor),
        m.to_name,
    )
}

/// The plan of `book` (whose clients the model took as `clients`) in words and figures.
fn describe(
    id: RedistributionId,
    req: &RedistributionRequest,
    (book, clients): (&Book, &[PlanClient]),
    plan: &Plan,
    actor: &Actor,
    settings: &Settings,
) -> Redistribution {
    let bands = model::bands(clients);
    let reps = book.reps.len();
    let mut per_band = [0usize; BANDS];
    let mut held: BTreeMap<(EmployeeId, u8), u32> = BTreeMap::new();
    for (c, b) in clients.iter().zip(&bands) {
        per_band[usize::from(*b)] += 1;
        *held.entry((c.holder, *b)).or_default() += 1;
    }
    let index: BTreeMap<ClientId, usize> = clients.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let before: BTreeMap<EmployeeId, u32> = plan.loads.iter().map(|l| (l.employee_id, l.clients_before)).collect();
    let mut moves: Vec<PlannedMove> = plan
        .moves
        .iter()
        .map(|m| {
            let i = index[&m.client_id];
            let c = &clients[i];
            let mut pm = PlannedMove {
                client_id: m.client_id,
                client_name: book.clients[i].name.clone(),
                from_id: m.from,
                from_name: book.rep_name(m.from).to_string(),
                to_id: m.to,
                to_name: book.rep_name(m.to).to_string(),
                potential_minor: c.potential_minor,
                quarter: m.band + 1,
                revenue_minor: c.revenue_minor,
                customer: c.customer,
                years: m.years,
                off_route: m.off_route,
                misfit: m.misfit,
                weight: m.weight,
                from_clients: before.get(&m.from).copied().unwrap_or(0),
                from_quarter_clients: held.get(&(m.from, m.band)).copied().unwrap_or(0),
                mean_tenths: tenths(clients.len(), reps),
                quarter_mean_tenths: tenths(per_band[usize::from(m.band)], reps),
                reason: String::new(),
            };
            pm.reason = reason(&pm);
            pm
        })
        .collect();
    // Read giver by giver, the lightest moves first.
    moves.sort_by(|a, b| (&a.from_name, a.weight, &a.client_name).cmp(&(&b.from_name, b.weight, &b.client_name)));
    // Each rep's monthly plan from potential, before and after the moves.
    let moved: BTreeMap<ClientId, EmployeeId> = plan.moves.iter().map(|m| (m.client_id, m.to)).collect();
    let mut plans: BTreeMap<EmployeeId, (i64, i64)> = BTreeMap::new();
    for c in &book.clients {
        let month = i128::from(c.client.potential_minor) * i128::from(share_percent(settings, c.tier)) / 1200;
        let month = i64::try_from(month).unwrap_or(i64::MAX);
        let before = plans.entry(c.client.holder).or_default();
        before.0 = before.0.saturating_add(month);
        let after = plans.entry(moved.get(&c.client.id).copied().unwrap_or(c.client.holder)).or_default();
        after.1 = after.1.saturating_add(month);
    }
    let loads = plan
        .loads
        .iter()
        .map(|l| RepLoad {
            plan_before_minor: plans.get(&l.employee_id).map_or(0, |p| p.0),
            plan_after_minor: plans.get(&l.employee_id).map_or(0, |p| p.1),
            employee_id: l.employee_id,
            name: book.rep_name(l.employee_id).to_string(),
            clients_before: l.clients_before,
            clients_after: l.clients_after,
            potential_before: l.potential_before,
            potential_after: l.potential_after,
        })
        .collect();
    Redistribution {
        id,
        request: req.clone(),
        made_on: actor.today(),
        moves,
        loads,
        clients: clients.len() as u32,
        cost: plan.cost,
        created_by: actor.employee_id,
        created_at: actor.now,
        applied_at: None,
        effective_on: None,
        transfers: Vec::new(),
    }
}

/// Plans the redistribution of a team's book on `today` and keeps the preview; infeasible
/// limits answer with the field to relax.
pub async fn preview<S: PlannerStore>(
    store: &S,
    actor: &Actor,
    req: &RedistributionRequest,
    today: Date,
) -> CoreResult<Redistribution> {
    req.check()?;
    store.team(req.team_id).await?;
    let book = store.team_book(req.team_id, today).await?;
    let clients = book.plan_clients();
    let plan = model::plan(&book.plan_reps(req.capacity), &clients, &req.limits(), today).map_err(relax)?;
    let settings = store.settings().await?;
    let r = describe(RedistributionId::new(), req, (&book, &clients), &plan, actor, &settings);
    store.save_redistribution(actor, &r, &book).await?;
    Ok(r)
}

/// Applies a previewed plan: one transfer per giving rep (effective on `effective_on`, by
/// default today), with the reason of each move on its client.
pub async fn apply<S: PlannerStore>(
    store: &S,
    actor: &Actor,
    id: RedistributionId,
    req: &ApplyRedistribution,
    settings: &Settings,
    today: Date,
) -> CoreResult<Redistribution> {
    let r = store.redistribution(id).await?;
    if r.applied_at.is_some() {
        return Err(CoreError::Conflict(Conflict::PlanApplied));
    }
    let effective_on = req.effective_on.unwrap_or(today);
    if effective_on < today {
        return Err(CoreError::field("effective_on", Reason::Past { today }));
    }
    let mut by_giver: BTreeMap<EmployeeId, Vec<PlannedItem>> = BTreeMap::new();
    for m in &r.moves {
        by_giver.entry(m.from_id).or_default().push(PlannedItem {
            client_id: m.client_id,
            to_id: m.to_id,
            kind: kind_of(m.customer),
            reason: m.reason.clone(),
            why: None,
        });
    }
    let plans: Vec<TransferPlan> = by_giver
        .into_iter()
        .map(|(from_id, items)| TransferPlan {
            cause: TransferCause::Rebalance,
            from_id,
            effective_on,
            note: format!("redistribution plan of {}", r.made_on),
            offboarding_id: None,
            development_days: settings.default_cycle_days,
            items,
        })
        .collect();
    store.apply_redistribution(actor, id, &plans, today).await
}
