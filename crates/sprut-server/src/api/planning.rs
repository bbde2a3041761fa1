//! The redistribution planner: a head previews which clients of his team move to balance the
//! books, then applies the preview as transfers.

use super::access::{not_found_as, require_manager, require_overseer};
use super::extract::{ApiJson, ApiPath, Caller};
use super::Problems;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sprut_core::planner::service::{
    self, ApplyRedistribution, PlanSummary, PlannerStore, Redistribution, RedistributionRequest,
};
use sprut_core::RedistributionId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(preview, list)).routes(routes!(one)).routes(routes!(apply))
}

/// Refuses anyone but an administrator or the head of `team` (a head plans his own teams).
pub fn check_planner(user: &CurrentUser, team: sprut_core::TeamId) -> Result<(), AppError> {
    require_manager(user)?;
    if !user.scope.oversees(Some(team)) {
        return Err(AppError::forbidden("a head of sales plans his own teams' books"));
    }
    Ok(())
}

/// Previews a plan for the team's book: the fewest moves that keep every rep's clients (in all
/// and per potential quarter) within the balance, the least disruptive among them, each with
/// its reason, and every rep before and after. Limits with no plan answer 422 naming the limit
/// to relax. The preview is kept (replacing the team's earlier unapplied one) for `/apply`.
#[utoipa::path(post, path = "/plans/redistribution", tag = "planning", request_body = RedistributionRequest,
    responses((status = 201, body = Redistribution), Problems))]
async fn preview(
    State(state): State<AppState>,
    user: Caller,
    ApiJson(req): ApiJson<RedistributionRequest>,
) -> Result<(StatusCode, Json<Redistribution>), AppError> {
    check_planner(&user, req.team_id)?;
    let actor = user.actor(state.clock.now());
    let r = service::preview(&*state.store, &actor, &req, state.today().await).await?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// The newest plans (at most 200) of the teams the caller oversees, previews and applied,
/// without their moves (read one for those).
#[utoipa::path(get, path = "/plans/redistribution", tag = "planning",
    responses((status = 200, body = Vec<PlanSummary>), Problems))]
async fn list(State(state): State<AppState>, user: Caller) -> Result<Json<Vec<PlanSummary>>, AppError> {
    require_overseer(&user)?;
    let mut plans = state.store.redistributions().await?;
    plans.retain(|p| user.scope.oversees(Some(p.team_id)));
    Ok(Json(plans))
}

/// One plan the caller oversees.
pub async fn visible(state: &AppState, user: &CurrentUser, id: RedistributionId) -> Result<Redistribution, AppError> {
    require_overseer(user).map_err(|_| AppError::not_found("redistribution plan not found"))?;
    let r = state.store.redistribution(id).await.map_err(not_found_as("redistribution plan"))?;
    if !user.scope.oversees(Some(r.request.team_id)) {
        return Err(AppError::not_found("redistribution plan not found"));
    }
    Ok(r)
}

/// One plan with its moves, loads and (once applied) transfers.
#[utoipa::path(get, path = "/plans/redistribution/{id}", tag = "planning",
    params(("id" = RedistributionId, Path, description = "plan id")),
    responses((status = 200, body = Redistribution), Problems))]
async fn one(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<RedistributionId>,
) -> Result<Json<Redistribution>, AppError> {
    Ok(Json(visible(&state, &user, id).await?))
}

/// Applies a preview: one transfer per giving rep with the checklists, in one transaction,
/// effective on the day given (default today; today's hand over at once). Refused (409) when
/// the team's book changed since the preview, saying what changed.
#[utoipa::path(post, path = "/plans/redistribution/{id}/apply", tag = "planning", request_body = ApplyRedistribution,
    params(("id" = RedistributionId, Path, description = "plan id")),
    responses((status = 200, body = Redistribution), Problems))]
async fn apply(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<RedistributionId>,
    ApiJson(req): ApiJson<ApplyRedistribution>,
) -> Result<Json<Redistribution>, AppError> {
    let r = visible(&state, &user, id).await?;
    check_planner(&user, r.request.team_id)?;
    let settings = state.settings().await;
    let actor = user.actor(state.clock.now());
    Ok(Json(service::apply(&*state.store, &actor, id, &req, &settings, state.today().await).await?))
}
