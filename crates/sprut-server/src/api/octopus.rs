//! The octopus: who of ours is in touch with whom of a client, and how wide the contact is.

use super::access::seen;
use super::extract::{ApiPath, ApiQuery, Caller};
use super::rotation::{day, AsOf};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use sprut_core::octopus::{client_relationships, RelationshipMap};
use sprut_core::ClientId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(relationships))
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
