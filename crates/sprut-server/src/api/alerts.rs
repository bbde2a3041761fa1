//! Alerts for heads (about their teams' people), administrators and auditors (about everyone).

use super::access::{check_page, not_found_as, require_manager};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use sprut_core::alert::{Alert, AlertFilter, CloseAlert, LiftLimit};
use sprut_core::employee::Role;
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::{AlertId, TeamId};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list)).routes(routes!(one)).routes(routes!(close)).routes(routes!(lift))
}

/// The teams whose people's alerts `user` sees: `None` for everyone; 403 for reps and staff.
pub fn alert_teams(user: &CurrentUser) -> Result<Option<Vec<TeamId>>, AppError> {
    match (&user.employee.role, &user.scope) {
        (Role::Admin | Role::Auditor, _) => Ok(None),
        (Role::Head, Scope::Teams(teams)) => Ok(Some(teams.clone())),
        _ => Err(AppError::forbidden("alerts are for heads of sales, administrators and auditors")),
    }
}

/// Alerts, newest first.
#[utoipa::path(get, path = "/alerts", tag = "alerts", params(AlertFilter, PageRequest),
    responses((status = 200, body = Page<Alert>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(filter): ApiQuery<AlertFilter>,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<Alert>>, AppError> {
    let teams = alert_teams(&user)?;
    check_page(&page)?;
    Ok(Json(state.store.alerts(&filter, teams.as_deref(), &page).await?))
}

/// One alert.
#[utoipa::path(get, path = "/alerts/{id}", tag = "alerts",
    params(("id" = AlertId, Path, description = "alert id")),
    responses((status = 200, body = Alert), Problems))]
async fn one(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<AlertId>,
) -> Result<Json<Alert>, AppError> {
    let teams = alert_teams(&user).map_err(|_| AppError::not_found("alert not found"))?;
    Ok(Json(state.store.alert(id, teams.as_deref()).await.map_err(not_found_as("alert"))?))
}

/// Closes an alert with a note on what was found and done (heads and administrators).
#[utoipa::path(post, path = "/alerts/{id}/close", tag = "alerts", request_body = CloseAlert,
    params(("id" = AlertId, Path, description = "alert id")),
    responses((status = 200, body = Alert), Problems))]
async fn close(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<AlertId>,
    ApiJson(req): ApiJson<CloseAlert>,
) -> Result<Json<Alert>, AppError> {
    let teams = alert_teams(&user).map_err(|_| AppError::not_found("alert not found"))?;
    require_manager(&user)?;
    let actor = user.actor(state.clock.now());
    Ok(Json(state.store.close_alert(&actor, id, teams.as_deref(), &req.note).await.map_err(not_found_as("alert"))?))
}

/// Lifts the daily record limit a paging-limit alert is about, for the alert's day, with a
/// reason (audited); the alert closes with it (heads and administrators).
#[utoipa::path(post, path = "/alerts/{id}/lift", tag = "alerts", request_body = LiftLimit,
    params(("id" = AlertId, Path, description = "alert id")),
    responses((status = 200, body = Alert), Problems))]
async fn lift(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<AlertId>,
    ApiJson(req): ApiJson<LiftLimit>,
) -> Result<Json<Alert>, AppError> {
    let teams = alert_teams(&user).map_err(|_| AppError::not_found("alert not found"))?;
    require_manager(&user)?;
    let actor = user.actor(state.clock.now());
    let lifted = state.store.lift_read_limit(&actor, id, teams.as_deref(), &req.reason).await;
    Ok(Json(lifted.map_err(not_found_as("alert"))?))
}
