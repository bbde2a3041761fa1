//! Sales plans from potential: a team's month or quarter, plan against actual with every change
//! of hands that moved it; a head's override of a rep's month and hunters' targets.

use super::access::{not_found_as, require_manager};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sprut_core::employee::Role;
use sprut_core::sales_plan::{self, MonthSetting, Period, SalesPlanStore, TeamPlan};
use sprut_core::store::prelude::*;
use sprut_core::{EmployeeId, Reason, TeamId};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(team_plans)).routes(routes!(set_month))
}

/// Which plans to read.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct PlanQuery {
    /// The team (default: the caller's own, or his first as a head).
    pub team_id: Option<TeamId>,
    /// `2026-12` (a month) or `2026-Q4` (a quarter); default: this month.
    pub period: Option<String>,
}

/// The plans `user` may read for `q` as of today: a team's for its head, an administrator or an
/// auditor; a rep's own for a rep.
pub async fn read(state: &AppState, user: &CurrentUser, q: &PlanQuery) -> Result<TeamPlan, AppError> {
    let today = state.today().await;
    let period = match q.period.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(p) => Period::parse(p).map_err(|r| AppError::bad_field("period", r))?,
        None => Period::month_of(today),
    };
    let me = &user.employee;
    let team = match (q.team_id, me.role) {
        (_, Role::Rep) => me.team_id.ok_or_else(|| AppError::not_found("team not found"))?,
        (Some(t), Role::Admin | Role::Auditor | Role::Head) => t,
        (None, Role::Admin | Role::Auditor | Role::Head) => match &user.scope {
            sprut_core::scope::Scope::Teams(t) => *t.first().ok_or_else(|| AppError::not_found("team not found"))?,
            _ => {
                state.store.teams().await?.first().map(|t| t.id).ok_or_else(|| AppError::not_found("team not found"))?
            }
        },
        _ => return Err(AppError::forbidden("sales plans are for reps, their heads, administrators and auditors")),
    };
    if me.role == Role::Head && !user.scope.oversees(Some(team)) {
        return Err(AppError::not_found("team not found"));
    }
    state.store.team(team).await.map_err(not_found_as("team"))?;
    let settings = state.settings().await;
    let mut input = state.store.plan_inputs(team, period).await?;
    if me.role == Role::Rep {
        input = input.only(me.id);
    }
    Ok(sales_plan::team_plan(team, &input, period, &settings, today))
}

/// A team's plans for a month or a quarter: per rep the plan from the potentials he held each
/// day (or the head's, with its reason), the won deals credited to him, hunters' targets, and
/// each change of hands that moved the plan; the team's day-by-day trend; the held clients
/// with no potential. A rep reads his own.
#[utoipa::path(get, path = "/sales-plans", tag = "sales plans", params(PlanQuery),
    responses((status = 200, body = TeamPlan), Problems))]
async fn team_plans(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<PlanQuery>,
) -> Result<Json<TeamPlan>, AppError> {
    Ok(Json(read(&state, &user, &q).await?))
}

/// Refuses anyone but an administrator or the head of `employee`'s team.
pub async fn check_setter(state: &AppState, user: &CurrentUser, employee: EmployeeId) -> Result<TeamId, AppError> {
    require_manager(user)?;
    let e = state.store.employee(employee).await.map_err(not_found_as("employee"))?;
    let team =
        e.team_id.filter(|_| e.role == Role::Rep).ok_or_else(|| AppError::bad_field("employee", Reason::NoSuchRep))?;
    if !user.scope.oversees(Some(team)) {
        return Err(AppError::forbidden("a head of sales sets the plans of his own teams' reps"));
    }
    Ok(team)
}

/// Sets a rep's month: the plan instead of the one from potential and the hunters' targets,
/// with the reason (audited); all three empty clears it. Answers the team's month.
#[utoipa::path(put, path = "/sales-plans/{employee_id}/{month}", tag = "sales plans", request_body = MonthSetting,
    params(("employee_id" = EmployeeId, Path, description = "the rep"), ("month" = String, Path, description = "2026-12")),
    responses((status = 200, body = TeamPlan), Problems))]
async fn set_month(
    State(state): State<AppState>,
    user: Caller,
    ApiPath((employee, month)): ApiPath<(EmployeeId, String)>,
    ApiJson(setting): ApiJson<MonthSetting>,
) -> Result<Json<TeamPlan>, AppError> {
    let team = check_setter(&state, &user, employee).await?;
    let period = Period::parse_month(&month).map_err(|r| AppError::bad_field("month", r))?;
    let actor = user.actor(state.clock.now());
    sales_plan::set_month(&*state.store, &actor, employee, period.from, setting).await?;
    let q = PlanQuery { team_id: Some(team), period: Some(month) };
    Ok(Json(read(&state, &user, &q).await?))
}
