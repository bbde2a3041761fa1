//! The client's own voice: satisfaction surveys the company sends to a client's consenting
//! contacts, and what they said about the company and their manager.

use super::access::{require_manager, require_overseer};
use super::extract::{ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use sprut_core::store::prelude::*;
use sprut_core::survey::{report, Survey, SurveyReport};
use sprut_core::ClientId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(send)).routes(routes!(list)).routes(routes!(summary))
}

/// Sends the surveys of one client as `user`: the API's and the card's one path.
pub async fn send_for(
    state: &AppState,
    user: &CurrentUser,
    client: ClientId,
    headers: &HeaderMap,
) -> Result<Vec<Survey>, AppError> {
    require_manager(user)?;
    let today = state.today().await;
    let token = || crate::auth::new_token();
    let actor = user.actor(state.clock.now());
    Ok(state.store.send_surveys(&actor, &user.scope, client, &crate::headers::origin(headers), &token, today).await?)
}

/// Sends a survey by letter, from the company, to every consenting contact with an e-mail of a
/// client (heads for their teams' clients, administrators): two ratings, the company and the
/// manager, and a comment, on a public page reached by a single-use link that works for 14
/// days. A client is asked at most once a quarter.
#[utoipa::path(post, path = "/clients/{id}/surveys", tag = "octopus",
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 201, body = Vec<Survey>), Problems))]
async fn send(
    State(state): State<AppState>,
    user: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<ClientId>,
) -> Result<(StatusCode, Json<Vec<Survey>>), AppError> {
    Ok((StatusCode::CREATED, Json(send_for(&state, &user, id, &headers).await?)))
}

/// Which surveys.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SurveyQuery {
    /// Only of this client.
    pub client_id: Option<ClientId>,
}

/// The surveys of the caller's scope, newest first, with their answers (heads, admins,
/// auditors).
#[utoipa::path(get, path = "/surveys", tag = "octopus", params(SurveyQuery),
    responses((status = 200, body = Vec<Survey>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<SurveyQuery>,
) -> Result<Json<Vec<Survey>>, AppError> {
    require_overseer(&user)?;
    Ok(Json(state.store.surveys(&user.scope, q.client_id).await?))
}

/// Per rep (the manager rated) and per his team: surveys sent and answered, the mean ratings
/// of the company and of the manager, and the answers rating the manager far above the company.
#[utoipa::path(get, path = "/surveys/report", tag = "octopus",
    responses((status = 200, body = SurveyReport), Problems))]
async fn summary(State(state): State<AppState>, user: Caller) -> Result<Json<SurveyReport>, AppError> {
    require_overseer(&user)?;
    Ok(Json(survey_report(&state, &user).await?))
}

/// The survey report of `user`'s scope.
pub async fn survey_report(state: &AppState, user: &CurrentUser) -> Result<SurveyReport, AppError> {
    let all = state.store.surveys(&user.scope, None).await?;
    let holders: Vec<_> = all.iter().map(|s| s.holder_id).collect();
    let teams = state.store.employees_among(&holders).await?.into_iter().map(|e| (e.id, e.team_id)).collect();
    Ok(report(&all, &teams))
}
