//! Activities: every touch with a client; the author is the caller.

use super::access::{list_read, not_found_as, require_kind, require_record, require_write};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sprut_core::activity::{Activity, ActivityPatch, NewActivity};
use sprut_core::client::ClientFilter;
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::RecordKind;
use sprut_core::store::{ChildFilter, Store};
use sprut_core::ActivityId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(one, patch))
}

/// Activities on the clients in the caller's scope, newest first.
#[utoipa::path(get, path = "/activities", tag = "activities", params(ChildFilter, ClientFilter, PageRequest),
    responses((status = 200, body = Page<Activity>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(mut filter): ApiQuery<ChildFilter>,
    ApiQuery(clients): ApiQuery<ClientFilter>,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<Activity>>, AppError> {
    filter.clients = clients;
    list_read(&state, &user, &page, state.store.activities(&user.scope, &filter, &page)).await
}

/// Logs an activity on a client in the caller's scope, authored by the caller.
#[utoipa::path(post, path = "/activities", tag = "activities", request_body = NewActivity,
    responses((status = 201, body = Activity), Problems))]
async fn create(
    State(state): State<AppState>,
    user: Caller,
    ApiJson(new): ApiJson<NewActivity>,
) -> Result<(StatusCode, Json<Activity>), AppError> {
    require_kind(&state, &user, new.client_id, RecordKind::Activities, "client").await?;
    require_write(&user)?;
    let actor = user.actor(state.clock.now());
    let created = state.store.create_activity(&actor, new).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One activity.
#[utoipa::path(get, path = "/activities/{id}", tag = "activities",
    params(("id" = ActivityId, Path, description = "activity id")),
    responses((status = 200, body = Activity), Problems))]
async fn one(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ActivityId>,
) -> Result<Json<Activity>, AppError> {
    Ok(Json(visible(&state, &user, id).await?))
}

/// Changes an activity (its author and client never change).
#[utoipa::path(patch, path = "/activities/{id}", tag = "activities", request_body = ActivityPatch,
    params(("id" = ActivityId, Path, description = "activity id")),
    responses((status = 200, body = Activity), Problems))]
async fn patch(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ActivityId>,
    ApiJson(patch): ApiJson<ActivityPatch>,
) -> Result<Json<Activity>, AppError> {
    visible(&state, &user, id).await?;
    require_write(&user)?;
    let actor = user.actor(state.clock.now());
    Ok(Json(state.store.update_activity(&actor, id, patch).await.map_err(not_found_as("activity"))?))
}

/// The activity, when its client is in the caller's scope; 404 otherwise.
async fn visible(state: &AppState, user: &Caller, id: ActivityId) -> Result<Activity, AppError> {
    let found = state.store.activity(id).await.map_err(not_found_as("activity"))?;
    require_record(state, user, found.client_id, RecordKind::Activities, "activity", id.to_string()).await?;
    Ok(found)
}
