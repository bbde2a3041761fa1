//! Deals: sales, open or closed, credited to the holder at close.

use super::access::{list_read, not_found_as, require_kind, require_record, require_write};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sprut_core::client::ClientFilter;
use sprut_core::deal::{Deal, DealPatch, NewDeal};
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::RecordKind;
use sprut_core::store::{ChildFilter, Store};
use sprut_core::DealId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(one, patch))
}

/// Deals of the clients in the caller's scope, newest first.
#[utoipa::path(get, path = "/deals", tag = "deals", params(ChildFilter, ClientFilter, PageRequest),
    responses((status = 200, body = Page<Deal>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(mut filter): ApiQuery<ChildFilter>,
    ApiQuery(clients): ApiQuery<ClientFilter>,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<Deal>>, AppError> {
    filter.clients = clients;
    list_read(&state, &user, &page, state.store.deals(&user.scope, &filter, &page)).await
}

/// Records a deal with a client in the caller's scope; a closed deal is credited to the holder at close.
#[utoipa::path(post, path = "/deals", tag = "deals", request_body = NewDeal,
    responses((status = 201, body = Deal), Problems))]
async fn create(
    State(state): State<AppState>,
    user: Caller,
    ApiJson(mut new): ApiJson<NewDeal>,
) -> Result<(StatusCode, Json<Deal>), AppError> {
    require_kind(&state, &user, new.client_id, RecordKind::Deals, "client").await?;
    require_write(&user)?;
    new.owner_id = new.owner_id.or(Some(user.employee.id));
    if new.currency.is_none() {
        new.currency = Some(state.currency().await);
    }
    let actor = user.actor(state.clock.now());
    let created = state.store.create_deal(&actor, new).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One deal.
#[utoipa::path(get, path = "/deals/{id}", tag = "deals",
    params(("id" = DealId, Path, description = "deal id")),
    responses((status = 200, body = Deal), Problems))]
async fn one(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<DealId>,
) -> Result<Json<Deal>, AppError> {
    Ok(Json(visible(&state, &user, id).await?))
}

/// Changes a deal.
#[utoipa::path(patch, path = "/deals/{id}", tag = "deals", request_body = DealPatch,
    params(("id" = DealId, Path, description = "deal id")),
    responses((status = 200, body = Deal), Problems))]
async fn patch(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<DealId>,
    ApiJson(patch): ApiJson<DealPatch>,
) -> Result<Json<Deal>, AppError> {
    visible(&state, &user, id).await?;
    require_write(&user)?;
    let actor = user.actor(state.clock.now());
    Ok(Json(state.store.update_deal(&actor, id, patch).await.map_err(not_found_as("deal"))?))
}

/// The deal, when its client is in the caller's scope; 404 otherwise.
async fn visible(state: &AppState, user: &Caller, id: DealId) -> Result<Deal, AppError> {
    let found = state.store.deal(id).await.map_err(not_found_as("deal"))?;
    require_record(state, user, found.client_id, RecordKind::Deals, "deal", id.to_string()).await?;
    Ok(found)
}
