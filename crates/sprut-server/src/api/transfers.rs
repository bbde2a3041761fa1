//! Transfers: arranging a handover, its checklist step by step, completing or cancelling it.

use super::access::{check_page, not_found_as, require_manager, require_visible};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use sprut_core::employee::Role;
use sprut_core::handover::checklist::{side_of, CheckAction};
use sprut_core::handover::service;
use sprut_core::handover::transfer::{CancelTransfer, NewTransfer, Transfer, TransferFilter};
use sprut_core::handover::HandoverStore;
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::{manages, Scope};
use sprut_core::store::prelude::*;
use sprut_core::{ClientId, TransferId};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(one))
        .routes(routes!(check))
        .routes(routes!(complete))
        .routes(routes!(cancel))
}

/// What of transfer `t` `user` may see: administrators and auditors all of it, a head all of
/// it when one of its holders is in his teams; a holder the items he gives or receives; `None`
/// for anyone else.
pub async fn seen_by(state: &AppState, user: &CurrentUser, t: Transfer) -> Result<Option<Transfer>, AppError> {
    let oversees = match &user.scope {
        Scope::All => true,
        Scope::Teams(teams) => {
            let mut people = vec![t.from_id];
            people.extend(t.items.iter().map(|i| i.to_id));
            people.sort();
            people.dedup();
            let mut any = false;
            for p in people {
                if state.store.employee(p).await?.team_id.is_some_and(|team| teams.contains(&team)) {
                    any = true;
                    break;
                }
            }
            any
        }
        _ => false,
    };
    Ok(if oversees { Some(t) } else { t.as_seen_by_holder(user.employee.id) })
}

/// The transfer as the caller may see it; 404 when he may see none of it.
pub async fn visible(state: &AppState, user: &CurrentUser, id: TransferId) -> Result<Transfer, AppError> {
    let t = state.store.transfer(id).await.map_err(not_found_as("transfer"))?;
    match seen_by(state, user, t).await? {
        Some(t) => Ok(t),
        None => {
            crate::guard::watch::denied(state, user, "transfer", id.to_string()).await;
            Err(AppError::not_found("transfer not found"))
        }
    }
}

/// Transfers the caller may see, newest first.
#[utoipa::path(get, path = "/transfers", tag = "transfers", params(TransferFilter, PageRequest),
    responses((status = 200, body = Page<Transfer>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(mut filter): ApiQuery<TransferFilter>,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<Transfer>>, AppError> {
    check_page(&page)?;
    crate::guard::watch::list_requested(&state, &user).await?;
    if matches!(user.employee.role, Role::Rep | Role::Staff) {
        filter.employee_id = Some(user.employee.id);
    }
    let mut got = state.store.transfers(&filter, &page).await?;
    let mut seen = Vec::with_capacity(got.items.len());
    for t in got.items {
        seen.extend(seen_by(&state, &user, t).await?);
    }
    got.items = seen;
    Ok(Json(got))
}

/// Arranges a transfer of clients from one holder to one or several others (heads and
/// administrators); handed over at once when its day has come.
#[utoipa::path(post, path = "/transfers", tag = "transfers", request_body = NewTransfer,
    responses((status = 201, body = Transfer), Problems))]
async fn create(
    State(state): State<AppState>,
    user: Caller,
    ApiJson(req): ApiJson<NewTransfer>,
) -> Result<(StatusCode, Json<Transfer>), AppError> {
    require_manager(&user)?;
    for c in &req.clients {
        require_visible(&state, &user, *c, "client").await?;
    }
    let now = state.clock.now();
    let settings = state.settings().await;
    let t = service::create_transfer(&*state.store, &user.actor(now), req, &settings, state.today().await).await?;
    Ok((StatusCode::CREATED, Json(t)))
}

/// One transfer with its checklists.
#[utoipa::path(get, path = "/transfers/{id}", tag = "transfers",
    params(("id" = TransferId, Path, description = "transfer id")),
    responses((status = 200, body = Transfer), Problems))]
async fn one(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<TransferId>,
) -> Result<Json<Transfer>, AppError> {
    Ok(Json(visible(&state, &user, id).await?))
}

/// A checklist step for one client of a transfer.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct CheckRequest {
    /// The client.
    pub client_id: ClientId,
    /// The step and its data.
    #[serde(flatten)]
    pub action: CheckAction,
}

/// Does a checklist step: the giving and the receiving holder confirm their parts, a head or
/// an administrator does the rest (and may act for a holder who cannot).
#[utoipa::path(post, path = "/transfers/{id}/check", tag = "transfers", request_body = CheckRequest,
    params(("id" = TransferId, Path, description = "transfer id")),
    responses((status = 200, body = Transfer), Problems))]
async fn check(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<TransferId>,
    ApiJson(req): ApiJson<CheckRequest>,
) -> Result<Json<Transfer>, AppError> {
    Ok(Json(do_check(&state, &user, id, req.client_id, req.action).await?))
}

/// One checklist step by `user` (shared by the API and the UI).
pub async fn do_check(
    state: &AppState,
    user: &CurrentUser,
    id: TransferId,
    client: ClientId,
    action: CheckAction,
) -> Result<Transfer, AppError> {
    let t = visible(state, user, id).await?;
    let item = t
        .items
        .iter()
        .find(|i| i.client_id == client)
        .ok_or_else(|| AppError::not_found("client not in this transfer"))?;
    let manager = manages(&user.employee);
    let side = side_of(user.employee.id, t.from_id, item.to_id, manager)
        .ok_or_else(|| AppError::forbidden("only the two holders, a head or an administrator work the checklist"))?;
    // A leaver is read-only, except for his part of the handover of his own book.
    if user.employee.role == Role::Auditor
        || (user.employee.id != t.from_id && !sprut_core::scope::may_write(&user.employee))
    {
        return Err(AppError::forbidden("your access is read-only"));
    }
    let now = state.clock.now();
    let company = state.settings().await.company_name;
    Ok(state.store.check_transfer(&user.actor(now), id, client, action, side, state.today().await, &company).await?)
}

/// Completes a transfer whose checklists are all closed; otherwise says what is still open.
#[utoipa::path(post, path = "/transfers/{id}/complete", tag = "transfers",
    params(("id" = TransferId, Path, description = "transfer id")),
    responses((status = 200, body = Transfer), Problems))]
async fn complete(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<TransferId>,
) -> Result<Json<Transfer>, AppError> {
    visible(&state, &user, id).await?;
    require_manager(&user)?;
    Ok(Json(state.store.complete_transfer(&user.actor(state.clock.now()), id).await?))
}

/// Cancels a planned transfer (before its day) with a reason.
#[utoipa::path(post, path = "/transfers/{id}/cancel", tag = "transfers", request_body = CancelTransfer,
    params(("id" = TransferId, Path, description = "transfer id")),
    responses((status = 200, body = Transfer), Problems))]
async fn cancel(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<TransferId>,
    ApiJson(req): ApiJson<CancelTransfer>,
) -> Result<Json<Transfer>, AppError> {
    visible(&state, &user, id).await?;
    require_manager(&user)?;
    Ok(Json(state.store.cancel_transfer(&user.actor(state.clock.now()), id, &req.reason).await?))
}
