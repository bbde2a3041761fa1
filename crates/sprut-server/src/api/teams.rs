//! Sales teams and their heads (administrators manage them).

use super::access::{not_found_as, require_admin};
use super::extract::{ApiJson, ApiPath, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sprut_core::store::prelude::*;
use sprut_core::team::{NewTeam, Team, TeamPatch};
use sprut_core::TeamId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(one, patch))
}

/// All teams by name.
#[utoipa::path(get, path = "/teams", tag = "teams", responses((status = 200, body = Vec<Team>), Problems))]
async fn list(State(state): State<AppState>, _user: Caller) -> Result<Json<Vec<Team>>, AppError> {
    Ok(Json(state.store.teams().await?))
}

/// Creates a team (administrators).
#[utoipa::path(post, path = "/teams", tag = "teams", request_body = NewTeam,
    responses((status = 201, body = Team), Problems))]
async fn create(
    State(state): State<AppState>,
    user: Caller,
    ApiJson(new): ApiJson<NewTeam>,
) -> Result<(StatusCode, Json<Team>), AppError> {
    require_admin(&user)?;
    let actor = user.actor(state.clock.now());
    Ok((StatusCode::CREATED, Json(state.store.create_team(&actor, new).await?)))
}

/// One team.
#[utoipa::path(get, path = "/teams/{id}", tag = "teams",
    params(("id" = TeamId, Path, description = "team id")),
    responses((status = 200, body = Team), Problems))]
async fn one(
    State(state): State<AppState>,
    _user: Caller,
    ApiPath(id): ApiPath<TeamId>,
) -> Result<Json<Team>, AppError> {
    Ok(Json(state.store.team(id).await.map_err(not_found_as("team"))?))
}

/// Changes a team (administrators).
#[utoipa::path(patch, path = "/teams/{id}", tag = "teams", request_body = TeamPatch,
    params(("id" = TeamId, Path, description = "team id")),
    responses((status = 200, body = Team), Problems))]
async fn patch(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<TeamId>,
    ApiJson(patch): ApiJson<TeamPatch>,
) -> Result<Json<Team>, AppError> {
    require_admin(&user)?;
    let actor = user.actor(state.clock.now());
    Ok(Json(state.store.update_team(&actor, id, patch).await.map_err(not_found_as("team"))?))
}
