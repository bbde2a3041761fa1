//! The octopus: who of ours is in touch with whom of a client, how wide the contact is, and
//! what the company loses if one of its people leaves.

use super::access::{require_admin, require_overseer, seen};
use super::extract::{ApiPath, ApiQuery, Caller};
use super::rotation::{day, AsOf};
use super::Problems;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sprut_core::concentration::{concentration, ConcentrationRisk};
use sprut_core::octopus::{
    client_relationships, count_coverage, key_clients_below, CoverageCount, KeyCoverage, RelationshipMap,
};
use sprut_core::{ClientId, EmployeeId};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(relationships))
        .routes(routes!(risk))
        .routes(routes!(thin_key_clients))
        .routes(routes!(count))
}

/// Whose concentration risk, on which day.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RiskQuery {
    /// Only this employee, with his single-threaded clients listed.
    pub employee_id: Option<EmployeeId>,
    /// The date, `YYYY-MM-DD` (default: today).
    pub as_of: Option<String>,
}

/// What the company loses if one of its people leaves, for the clients of the caller's scope:
/// per employee, the clients where he is the only one of ours in touch in the last 180 days
/// (or holds them and no one is), their revenue of twelve months and potential, the client's
/// people only he has met, those of them the company cannot reach itself, and his share of his
/// team's revenue against the alert setting; the largest loss first. Heads, admins, auditors.
#[utoipa::path(get, path = "/risk", tag = "octopus", params(RiskQuery),
    responses((status = 200, body = ConcentrationRisk), Problems))]
async fn risk(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<RiskQuery>,
) -> Result<Json<ConcentrationRisk>, AppError> {
    require_overseer(&user)?;
    let today = day(&state, q.as_of.as_deref()).await?;
    Ok(Json(concentration(&*state.store, &user.scope, today, q.employee_id).await?))
}

/// The relationship map of a client on a day (default today): our people × its contacts with
/// how many touches and the last one, the contacts no one but the holder has met, and the
/// coverage score (0–100) with what it lacks.
#[utoipa::path(get, path = "/clients/{id}/relationships", tag = "octopus",
    params(("id" = ClientId, Path, description = "client id"), AsOf),
    responses((status = 200, body = RelationshipMap), Problems))]
async fn relationships(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
    ApiQuery(q): ApiQuery<AsOf>,
) -> Result<Json<RelationshipMap>, AppError> {
    let today = day(&state, q.as_of.as_deref()).await?;
    let map = client_relationships(&*state.store, &user.scope, id, today).await;
    Ok(Json(seen(&state, &user, id, "client", map).await?))
}

/// The key clients of the caller's scope whose coverage score is below the setting
/// `key_coverage_min`, the thinnest first, each with its figures and what it lacks (heads,
/// admins, auditors).
#[utoipa::path(get, path = "/coverage/key-clients", tag = "octopus", params(AsOf),
    responses((status = 200, body = KeyCoverage), Problems))]
async fn thin_key_clients(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<AsOf>,
) -> Result<Json<KeyCoverage>, AppError> {
    require_overseer(&user)?;
    let today = day(&state, q.as_of.as_deref()).await?;
    Ok(Json(key_clients_below(&*state.store, &user.scope, today).await?))
}

/// Counts every client's coverage score now, as the nightly job does, so that the client list
/// filters and sorts by today's figures (after an import, say); administrators.
#[utoipa::path(post, path = "/coverage/count", tag = "octopus",
    responses((status = 200, body = CoverageCount), Problems))]
async fn count(State(state): State<AppState>, user: Caller) -> Result<Json<CoverageCount>, AppError> {
    Ok(Json(count_now(&state, &user).await?))
}

/// Counts every client's coverage score now as `user` (administrators): the API's and the
/// page's one path.
pub async fn count_now(state: &AppState, user: &CurrentUser) -> Result<CoverageCount, AppError> {
    require_admin(user)?;
    let today = state.today().await;
    Ok(count_coverage(&*state.store, &user.actor(state.clock.now()), today, |_| {}).await?)
}
