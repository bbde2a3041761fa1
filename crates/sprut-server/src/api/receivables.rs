//! Receivables: invoices a client owes.

use super::access::{list_read, not_found_as, require_kind, require_record, require_write};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sprut_core::client::ClientFilter;
use sprut_core::page::{Page, PageRequest};
use sprut_core::receivable::{NewReceivable, Receivable, ReceivablePatch};
use sprut_core::scope::RecordKind;
use sprut_core::store::{ChildFilter, Store};
use sprut_core::ReceivableId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(one, patch))
}

/// Invoices of the clients in the caller's scope, newest first.
#[utoipa::path(get, path = "/receivables", tag = "receivables", params(ChildFilter, ClientFilter, PageRequest),
    responses((status = 200, body = Page<Receivable>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(mut filter): ApiQuery<ChildFilter>,
    ApiQuery(clients): ApiQuery<ClientFilter>,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<Receivable>>, AppError> {
    filter.clients = clients;
    list_read(&state, &user, &page, state.store.receivables(&user.scope, &filter, &page)).await
}

/// Records an invoice of a client in the caller's scope.
#[utoipa::path(post, path = "/receivables", tag = "receivables", request_body = NewReceivable,
    responses((status = 201, body = Receivable), Problems))]
async fn create(
    State(state): State<AppState>,
    user: Caller,
    ApiJson(mut new): ApiJson<NewReceivable>,
) -> Result<(StatusCode, Json<Receivable>), AppError> {
    require_kind(&state, &user, new.client_id, RecordKind::Receivables, "client").await?;
    require_write(&user)?;
    if new.currency.is_none() {
        new.currency = Some(state.currency().await);
    }
    if new.currency.is_none() {
        new.currency = Some(state.currency().await);
    }
    let actor = user.actor(state.clock.now());
    let created = state.store.create_receivable(&actor, new).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One receivable.
#[utoipa::path(get, path = "/receivables/{id}", tag = "receivables",
    params(("id" = ReceivableId, Path, description = "receivable id")),
    responses((status = 200, body = Receivable), Problems))]
async fn one(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ReceivableId>,
) -> Result<Json<Receivable>, AppError> {
    Ok(Json(visible(&state, &user, id).await?))
}

/// Changes an invoice.
#[utoipa::path(patch, path = "/receivables/{id}", tag = "receivables", request_body = ReceivablePatch,
    params(("id" = ReceivableId, Path, description = "receivable id")),
    responses((status = 200, body = Receivable), Problems))]
async fn patch(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ReceivableId>,
    ApiJson(patch): ApiJson<ReceivablePatch>,
) -> Result<Json<Receivable>, AppError> {
    visible(&state, &user, id).await?;
    require_write(&user)?;
    let actor = user.actor(state.clock.now());
    Ok(Json(state.store.update_receivable(&actor, id, patch).await.map_err(not_found_as("receivable"))?))
}

/// The receivable, when its client is in the caller's scope; 404 otherwise.
async fn visible(state: &AppState, user: &Caller, id: ReceivableId) -> Result<Receivable, AppError> {
    let found = state.store.receivable(id).await.map_err(not_found_as("receivable"))?;
    require_record(state, user, found.client_id, RecordKind::Receivables, "receivable", id.to_string()).await?;
    Ok(found)
}
