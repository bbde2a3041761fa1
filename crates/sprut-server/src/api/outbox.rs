//! The outbox (administrators; auditors read only): letters waiting, sent and given up, and
//! sending a given-up letter again.

use super::access::{list_read, not_found_as, require_admin, require_auditor};
use super::extract::{ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::Serialize;
use sprut_core::mail::MailStore;
use sprut_core::outbox::{OutboxFilter, OutboxMessage, OutboxStore};
use sprut_core::page::{Page, PageRequest};
use sprut_core::OutboxId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list)).routes(routes!(status)).routes(routes!(retry))
}

/// Letters in the outbox, newest first.
#[utoipa::path(get, path = "/outbox", tag = "outbox", params(OutboxFilter, PageRequest),
    responses((status = 200, body = Page<OutboxMessage>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(filter): ApiQuery<OutboxFilter>,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<OutboxMessage>>, AppError> {
    require_auditor(&user)?;
    list_read(&state, &user, &page, state.store.outbox(&filter, &page), |m| format!("outbox:{}", m.id)).await
}

/// How the outbox stands and whether this server sends it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OutboxStatus {
    /// Letters waiting to be sent or retried.
    pub pending: i64,
    /// Letters accepted by the mail server.
    pub sent: i64,
    /// Letters given up after repeated failures.
    pub failed: i64,
    /// The mail server this process sends through (without the password); `null` when it
    /// has no mail settings and letters wait.
    pub server: Option<String>,
}

/// Totals of the outbox, and the mail server this process sends through.
#[utoipa::path(get, path = "/outbox/status", tag = "outbox",
    responses((status = 200, body = OutboxStatus), Problems))]
async fn status(State(state): State<AppState>, user: Caller) -> Result<Json<OutboxStatus>, AppError> {
    require_auditor(&user)?;
    let c = state.store.outbox_counts().await?;
    let server = state.mailer.as_ref().map(|m| m.server().to_string());
    Ok(Json(OutboxStatus { pending: c.pending, sent: c.sent, failed: c.failed, server }))
}

/// Puts a given-up letter back in the queue, to be sent at once (administrators).
#[utoipa::path(post, path = "/outbox/{id}/retry", tag = "outbox",
    params(("id" = OutboxId, Path, description = "message id")),
    responses((status = 200, body = OutboxMessage), Problems))]
async fn retry(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<OutboxId>,
) -> Result<Json<OutboxMessage>, AppError> {
    require_admin(&user)?;
    let actor = user.actor(state.clock.now());
    Ok(Json(state.store.retry_message(&actor, id).await.map_err(not_found_as("message"))?))
}
