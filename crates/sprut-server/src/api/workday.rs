//! "My day" and the head's day of his teams.

use super::access::{not_found_as, require_overseer};
use super::extract::{ApiQuery, Caller};
use super::rotation::{day, AsOf, ScorecardQuery};
use super::Problems;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use sprut_core::aging::ReceivablesAging;
use sprut_core::board::{deal_board, DealBoard};
use sprut_core::meeting::{head_meetings, HeadMeetings};
use sprut_core::scope::OwnerFilter;
use sprut_core::store::prelude::*;

use sprut_core::workday::{team_day, workday, DayRules, RepDay, Workday};
use sprut_core::EmployeeId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_day))
        .routes(routes!(team))
        .routes(routes!(board))
        .routes(routes!(receivables_aging))
        .routes(routes!(meetings))
}

/// The open deals of the caller's scope by funnel phase, each phase with its count and totals
/// per currency; by owner or by the owners' team when asked. A deal moves through `PATCH /deals/{id}`.
#[utoipa::path(get, path = "/deals/board", tag = "workbench", params(OwnerFilter),
    responses((status = 200, body = DealBoard), Problems))]
async fn board(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(filter): ApiQuery<OwnerFilter>,
) -> Result<Json<DealBoard>, AppError> {
    Ok(Json(deal_board(&*state.store, &user.scope, &filter).await?))
}

/// The unpaid invoices of the caller's scope on a day (default today) aged by days past due
/// (not due, 1–30, 31–60, 61–90, over 90), in total, per team, per rep and per client; by the
/// clients' holder or the holder's team when asked.
#[utoipa::path(get, path = "/receivables/aging", tag = "workbench", params(OwnerFilter, AsOf),
    responses((status = 200, body = ReceivablesAging), Problems))]
async fn receivables_aging(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(filter): ApiQuery<OwnerFilter>,
    ApiQuery(q): ApiQuery<AsOf>,
) -> Result<Json<ReceivablesAging>, AppError> {
    let today = day(&state, q.as_of.as_deref()).await?;
    Ok(Json(sprut_core::aging::receivables_aging(&*state.store, &user.scope, &filter, today).await?))
}

/// The significant clients of the caller's scope (by the settings' tier or potential) with
/// where their quarterly meeting with the head of their holder's team stands in the quarter of
/// a day (default today): overdue, due, planned or met, the most urgent first. A meeting is
/// planned with `POST /tasks` (`kind: head_meeting`, heads and administrators only) and held
/// by logging a meeting or visit with a `checklist`.
#[utoipa::path(get, path = "/head-meetings", tag = "workbench", params(AsOf),
    responses((status = 200, body = HeadMeetings), Problems))]
async fn meetings(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<AsOf>,
) -> Result<Json<HeadMeetings>, AppError> {
    let today = day(&state, q.as_of.as_deref()).await?;
    Ok(Json(head_meetings(&*state.store, &user.scope, today).await?))
}

/// The employee whose day `user` asks for: himself, or a rep of the teams he oversees.
pub(crate) async fn whose(
    state: &AppState,
    user: &CurrentUser,
    asked: Option<EmployeeId>,
) -> Result<EmployeeId, AppError> {
    let who = asked.unwrap_or(user.employee.id);
    if who != user.employee.id {
        let e = state.store.employee(who).await.map_err(not_found_as("employee"))?;
        if !user.scope.oversees(e.team_id) {
            return Err(AppError::not_found("employee not found"));
        }
    }
    Ok(who)
}

/// The tasks, touches, overdue invoices and weekly reports due on a day (default today) for
/// the caller, or for a rep of the teams a head oversees.
#[utoipa::path(get, path = "/my-day", tag = "workbench", params(ScorecardQuery),
    responses((status = 200, body = Workday), Problems))]
async fn my_day(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<ScorecardQuery>,
) -> Result<Json<Workday>, AppError> {
    let today = day(&state, q.as_of.as_deref()).await?;
    let who = whose(&state, &user, q.employee_id).await?;
    let rules = DayRules::from_settings(&state.settings().await);
    Ok(Json(workday(&*state.store, &user.scope, who, today, &rules).await?))
}

/// What is due for each rep of the caller's teams on a day (default today), as counts.
#[utoipa::path(get, path = "/team-day", tag = "workbench", params(AsOf),
    responses((status = 200, body = Vec<RepDay>), Problems))]
async fn team(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<AsOf>,
) -> Result<Json<Vec<RepDay>>, AppError> {
    require_overseer(&user)?;
    let today = day(&state, q.as_of.as_deref()).await?;
    Ok(Json(team_day(&*state.store, &user.scope, today).await?.into_values().collect()))
}
