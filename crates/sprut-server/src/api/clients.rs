//! Clients: list, create, read, change, and their corporate group.

use super::access::{list_read, not_found_as, require_manager, require_visible, require_write, seen};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sprut_core::assignment::{AssignmentKind, NewAssignment};
use sprut_core::client::{Client, ClientFilter, ClientListItem, ClientPatch, NewClient};
use sprut_core::employee::Role;
use sprut_core::page::{Page, PageRequest};
use sprut_core::store::prelude::*;
use sprut_core::ClientId;
use time::Duration;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Why a rep holds a client he created himself.
pub const FOUND_BY_REP: &str = "found by the rep";

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(one, patch)).routes(routes!(group))
}

/// Clients in the caller's scope, by name.
#[utoipa::path(get, path = "/clients", tag = "clients", params(ClientFilter, PageRequest),
    responses((status = 200, body = Page<ClientListItem>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(filter): ApiQuery<ClientFilter>,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<ClientListItem>>, AppError> {
    list_read(&state, &user, &page, state.store.clients(&user.scope, &filter, &page), |c| {
        format!("client:{}", c.client.id)
    })
    .await
}

/// Creates a client; a rep's new client is held by the rep from today for one default cycle.
#[utoipa::path(post, path = "/clients", tag = "clients", request_body = NewClient,
    responses((status = 201, body = Client), Problems))]
async fn create(
    State(state): State<AppState>,
    user: Caller,
    ApiJson(new): ApiJson<NewClient>,
) -> Result<(StatusCode, Json<Client>), AppError> {
    Ok((StatusCode::CREATED, Json(create_client(&state, &user, new).await?)))
}

/// Creates a client as `user`: the one use case behind the API and the UI's form.
pub async fn create_client(state: &AppState, user: &CurrentUser, mut new: NewClient) -> Result<Client, AppError> {
    may_add_client(user)?;
    state.default_currency(&mut new.currency).await;
    let actor = user.actor(state.clock.now());
    let holder = if user.employee.role == Role::Rep {
        let settings = state.settings().await;
        let today = crate::zone::local_date(actor.now, &settings.time_zone);
        Some(NewAssignment {
            employee_id: user.employee.id,
            kind: AssignmentKind::Development,
            started_on: today,
            due_on: Some(today + Duration::days(settings.default_cycle_days.max(1))),
            explanation: FOUND_BY_REP.into(),
        })
    } else {
        None
    };
    Ok(state.store.create_client(&actor, new, holder).await?)
}

/// Whether `user` may add a client: a rep (who then holds it) or a manager.
pub fn may_add_client(user: &CurrentUser) -> Result<(), AppError> {
    match user.employee.role {
        Role::Rep => require_write(user),
        _ => require_manager(user),
    }
}

/// One client with its current holder.
#[utoipa::path(get, path = "/clients/{id}", tag = "clients",
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 200, body = ClientListItem), Problems))]
async fn one(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
) -> Result<Json<ClientListItem>, AppError> {
    let item = seen(&state, &user, id, "client", state.store.client(&user.scope, id).await).await?;
    crate::guard::watch::card_opened(&state, &user, id).await?;
    Ok(Json(item))
}

/// Changes a client (admins, heads, and the rep holding it; only managers change its status).
#[utoipa::path(patch, path = "/clients/{id}", tag = "clients", request_body = ClientPatch,
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 200, body = Client), Problems))]
async fn patch(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
    ApiJson(patch): ApiJson<ClientPatch>,
) -> Result<Json<Client>, AppError> {
    Ok(Json(update_client(&state, &user, id, patch).await?))
}

/// Changes a client as `user`: the one use case behind the API and the UI's form.
pub async fn update_client(
    state: &AppState,
    user: &CurrentUser,
    id: ClientId,
    patch: ClientPatch,
) -> Result<Client, AppError> {
    may_change_client(state, user, id, patch.status.is_some()).await?;
    change_client(state, user, id, patch).await
}

/// Whether `user` sees the client and may change it (and its status, when `status`).
pub async fn may_change_client(
    state: &AppState,
    user: &CurrentUser,
    id: ClientId,
    status: bool,
) -> Result<(), AppError> {
    require_visible(state, user, id, "client").await?;
    may_edit_client(user, status)
}

/// Changes a client [`may_change_client`] let `user` change.
pub async fn change_client(
    state: &AppState,
    user: &CurrentUser,
    id: ClientId,
    patch: ClientPatch,
) -> Result<Client, AppError> {
    let actor = user.actor(state.clock.now());
    state.store.update_client(&actor, id, patch).await.map_err(not_found_as("client"))
}

/// Whether `user` may change a client he sees (and its status, when `status`): admins and
/// heads, and the rep holding it, who does not archive.
pub fn may_edit_client(user: &CurrentUser, status: bool) -> Result<(), AppError> {
    match user.employee.role {
        Role::Rep => {
            require_write(user)?;
            if status {
                return Err(AppError::forbidden("only a head of sales archives or restores a client"));
            }
            Ok(())
        }
        _ => require_manager(user),
    }
}

/// The companies of the client's corporate group («куст») visible to the caller.
#[utoipa::path(get, path = "/clients/{id}/group", tag = "clients",
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 200, body = Vec<Client>), Problems))]
async fn group(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
) -> Result<Json<Vec<Client>>, AppError> {
    let all = seen(&state, &user, id, "client", state.store.client_group(&user.scope, id).await).await?;
    let mut visible = Vec::with_capacity(all.len());
    for c in all {
        if state.store.client_in_scope(&user.scope, c.id).await? {
            visible.push(c);
        }
    }
    Ok(Json(visible))
}
