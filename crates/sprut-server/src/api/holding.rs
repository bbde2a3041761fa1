//! Who holds a client: holding history, assigning, ending, holder on a date, account team.

use super::access::{not_found_as, require_manager, require_visible, seen};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use sprut_core::account_team::{AccountMember, SeatRequest};
use sprut_core::assignment::{Assignment, EndAssignment, NewAssignment};
use sprut_core::employee::Department;
use sprut_core::store::prelude::*;
use sprut_core::ClientId;
use sprut_core::Reason;
use time::Date;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(history, assign))
        .routes(routes!(end))
        .routes(routes!(holder))
        .routes(routes!(account_team))
        .routes(routes!(seat, unseat))
}

/// The day to ask "who held it then" about.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HolderQuery {
    /// The date, `YYYY-MM-DD` (default: today).
    pub on: Option<String>,
}

/// Who held a client on a date.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HolderOn {
    /// The date asked about.
    pub on: Date,
    /// The assignment covering it; `null` when nobody held the client that day.
    pub assignment: Option<Assignment>,
}

/// The holding history of a client, oldest first.
#[utoipa::path(get, path = "/clients/{id}/assignments", tag = "holding",
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 200, body = Vec<Assignment>), Problems))]
async fn history(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
) -> Result<Json<Vec<Assignment>>, AppError> {
    Ok(Json(seen(&state, &user, id, "client", state.store.assignments(&user.scope, id).await).await?))
}

/// Gives the client to an employee (admins and heads); 409 when it is already held.
#[utoipa::path(post, path = "/clients/{id}/assignments", tag = "holding", request_body = NewAssignment,
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 201, body = Assignment), Problems))]
async fn assign(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
    ApiJson(new): ApiJson<NewAssignment>,
) -> Result<(StatusCode, Json<Assignment>), AppError> {
    require_visible(&state, &user, id, "client").await?;
    require_manager(&user)?;
    let actor = user.actor(state.clock.now());
    let a = state.store.assign(&actor, id, new).await.map_err(not_found_as("client"))?;
    Ok((StatusCode::CREATED, Json(a)))
}

/// Ends the client's open assignment (admins and heads).
#[utoipa::path(post, path = "/clients/{id}/assignments/end", tag = "holding", request_body = EndAssignment,
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 200, body = Assignment), Problems))]
async fn end(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
    ApiJson(req): ApiJson<EndAssignment>,
) -> Result<Json<Assignment>, AppError> {
    require_visible(&state, &user, id, "client").await?;
    require_manager(&user)?;
    let actor = user.actor(state.clock.now());
    Ok(Json(state.store.end_assignment(&actor, id, req).await?))
}

/// Who held the client on a date.
#[utoipa::path(get, path = "/clients/{id}/holder", tag = "holding",
    params(("id" = ClientId, Path, description = "client id"), HolderQuery),
    responses((status = 200, body = HolderOn), Problems))]
async fn holder(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
    ApiQuery(q): ApiQuery<HolderQuery>,
) -> Result<Json<HolderOn>, AppError> {
    let on = match q.on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => super::parse_date(text)
            .ok_or_else(|| AppError::bad_field("on", Reason::Date { value: text.to_string() }))?,
        None => state.today().await,
    };
    let assignment = seen(&state, &user, id, "client", state.store.holder_on(&user.scope, id, on).await).await?;
    Ok(Json(HolderOn { on, assignment }))
}

/// The account team («спрут») of a client.
#[utoipa::path(get, path = "/clients/{id}/account-team", tag = "holding",
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 200, body = Vec<AccountMember>), Problems))]
async fn account_team(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
) -> Result<Json<Vec<AccountMember>>, AppError> {
    Ok(Json(seen(&state, &user, id, "client", state.store.account_team(&user.scope, id).await).await?))
}

/// Seats an employee in a department's seat of the client's account team (admins and heads).
#[utoipa::path(put, path = "/clients/{id}/account-team/{department}", tag = "holding", request_body = SeatRequest,
    params(("id" = ClientId, Path, description = "client id"), ("department" = Department, Path, description = "the seat")),
    responses((status = 200, body = AccountMember), Problems))]
async fn seat(
    State(state): State<AppState>,
    user: Caller,
    ApiPath((id, department)): ApiPath<(ClientId, Department)>,
    ApiJson(req): ApiJson<SeatRequest>,
) -> Result<Json<AccountMember>, AppError> {
    require_visible(&state, &user, id, "client").await?;
    require_manager(&user)?;
    let actor = user.actor(state.clock.now());
    Ok(Json(state.store.seat(&actor, id, department, req.employee_id).await?))
}

/// Empties a department's seat of the client's account team (admins and heads).
#[utoipa::path(delete, path = "/clients/{id}/account-team/{department}", tag = "holding",
    params(("id" = ClientId, Path, description = "client id"), ("department" = Department, Path, description = "the seat")),
    responses((status = 204, description = "the seat is empty"), Problems))]
async fn unseat(
    State(state): State<AppState>,
    user: Caller,
    ApiPath((id, department)): ApiPath<(ClientId, Department)>,
) -> Result<StatusCode, AppError> {
    require_visible(&state, &user, id, "client").await?;
    require_manager(&user)?;
    let actor = user.actor(state.clock.now());
    state.store.unseat(&actor, id, department).await?;
    Ok(StatusCode::NO_CONTENT)
}
