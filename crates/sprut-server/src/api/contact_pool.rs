//! The pool of contacts without a client: heads and administrators list it and attach each
//! contact to its client.

use super::access::{list_read, require_kind, require_manager};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sprut_core::contact::Contact;
use sprut_core::contact_pool::{ContactPoolStore, PooledContact};
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::RecordKind;
use sprut_core::{ClientId, ContactId};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list)).routes(routes!(attach))
}

/// The client to attach a pooled contact to.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct AttachContact {
    /// A client in the caller's scope.
    pub client_id: ClientId,
}

/// Contacts an import found without a client, by name (heads and administrators).
#[utoipa::path(get, path = "/contact-pool", tag = "contacts", params(PageRequest),
    responses((status = 200, body = Page<PooledContact>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<PooledContact>>, AppError> {
    require_manager(&user)?;
    list_read(&state, &user, &page, state.store.pooled_contacts(&page), |c| format!("contact:{}", c.id)).await
}

/// Attaches a pooled contact to a client of the caller's scope; it keeps its id. Attaching it
/// to the same client again answers the same.
#[utoipa::path(post, path = "/contact-pool/{id}/attach", tag = "contacts", request_body = AttachContact,
    params(("id" = ContactId, Path, description = "pooled contact id")),
    responses((status = 200, body = Contact), Problems))]
async fn attach(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ContactId>,
    ApiJson(body): ApiJson<AttachContact>,
) -> Result<Json<Contact>, AppError> {
    Ok(Json(attach_to(&state, &user, id, body.client_id).await?))
}

/// Attaches pooled contact `id` to `client` for `user`: a head or an administrator, and a
/// client of his scope (404 otherwise). The API and the UI ask this one function.
pub async fn attach_to(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    id: ContactId,
    client: ClientId,
) -> Result<Contact, AppError> {
    require_manager(user)?;
    require_kind(state, user, client, RecordKind::Contacts, "client").await?;
    let actor = user.actor(state.clock.now());
    Ok(state.store.attach_contact(&actor, id, client).await?)
}
