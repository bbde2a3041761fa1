//! Contacts: the people at a client.

use super::access::{list_read, not_found_as, require_kind, require_record, require_write};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sprut_core::client::ClientFilter;
use sprut_core::contact::{Contact, ContactPatch, NewContact};
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::RecordKind;
use sprut_core::store::{ChildFilter, Store};
use sprut_core::ContactId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(one, patch))
}

/// Contacts of the clients in the caller's scope.
#[utoipa::path(get, path = "/contacts", tag = "contacts", params(ChildFilter, ClientFilter, PageRequest),
    responses((status = 200, body = Page<Contact>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(mut filter): ApiQuery<ChildFilter>,
    ApiQuery(clients): ApiQuery<ClientFilter>,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<Contact>>, AppError> {
    filter.clients = clients;
    list_read(&state, &user, &page, state.store.contacts(&user.scope, &filter, &page)).await
}

/// Adds a contact to a client in the caller's scope.
#[utoipa::path(post, path = "/contacts", tag = "contacts", request_body = NewContact,
    responses((status = 201, body = Contact), Problems))]
async fn create(
    State(state): State<AppState>,
    user: Caller,
    ApiJson(new): ApiJson<NewContact>,
) -> Result<(StatusCode, Json<Contact>), AppError> {
    require_kind(&state, &user, new.client_id, RecordKind::Contacts, "client").await?;
    require_write(&user)?;
    let actor = user.actor(state.clock.now());
    let created = state.store.create_contact(&actor, new).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One contact.
#[utoipa::path(get, path = "/contacts/{id}", tag = "contacts",
    params(("id" = ContactId, Path, description = "contact id")),
    responses((status = 200, body = Contact), Problems))]
async fn one(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ContactId>,
) -> Result<Json<Contact>, AppError> {
    Ok(Json(visible(&state, &user, id).await?))
}

/// Changes a contact; `verified: true` records that the caller checked it now.
#[utoipa::path(patch, path = "/contacts/{id}", tag = "contacts", request_body = ContactPatch,
    params(("id" = ContactId, Path, description = "contact id")),
    responses((status = 200, body = Contact), Problems))]
async fn patch(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ContactId>,
    ApiJson(patch): ApiJson<ContactPatch>,
) -> Result<Json<Contact>, AppError> {
    visible(&state, &user, id).await?;
    require_write(&user)?;
    let actor = user.actor(state.clock.now());
    Ok(Json(state.store.update_contact(&actor, id, patch).await.map_err(not_found_as("contact"))?))
}

/// The contact, when its client is in the caller's scope; 404 otherwise.
async fn visible(state: &AppState, user: &Caller, id: ContactId) -> Result<Contact, AppError> {
    let found = state.store.contact(id).await.map_err(not_found_as("contact"))?;
    if user.scope.contact_functions().is_some_and(|fs| !fs.contains(&found.function)) {
        // A contact another department works with: as if it did not exist.
        crate::guard::watch::denied(state, user, "contact", id.to_string()).await;
        return Err(AppError::not_found("contact not found"));
    }
    require_record(state, user, found.client_id, RecordKind::Contacts, "contact", id.to_string()).await?;
    Ok(found)
}
