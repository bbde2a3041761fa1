//! The caller: who am I, and API tokens for scripts and integrations.

use super::extract::{ApiJson, Caller};
use super::Problems;
use crate::auth::{check_credentials, new_token, Origin};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use sprut_core::employee::Employee;
use sprut_core::store::Store;
use sprut_core::{Actor, TokenId};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(me)).routes(routes!(create_token))
}

/// The signed-in employee.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Me {
    /// The employee.
    pub employee: Employee,
    /// The token to send as `X-CSRF-Token` with changes (session-cookie callers only).
    pub csrf_token: Option<String>,
}

/// Credentials exchanged for an API token.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TokenRequest {
    /// Sign-in e-mail.
    pub email: String,
    /// Password.
    pub password: String,
    /// What the token is for (default "api").
    #[serde(default)]
    pub label: Option<String>,
}

/// A new API token; shown once, only its hash is kept.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NewToken {
    /// The token's id.
    pub id: TokenId,
    /// The token: send it as `Authorization: Bearer <token>`.
    pub token: String,
}

/// Who am I.
#[utoipa::path(get, path = "/me", tag = "me", responses((status = 200, body = Me), Problems))]
async fn me(user: Caller) -> Json<Me> {
    let user = user.0;
    Json(Me { employee: user.employee, csrf_token: user.csrf_token })
}

/// Signs in with e-mail and password and returns a new API token.
#[utoipa::path(post, path = "/tokens", tag = "me", security(()), request_body = TokenRequest,
    responses((status = 201, body = NewToken), Problems))]
async fn create_token(
    State(state): State<AppState>,
    origin: Origin,
    ApiJson(req): ApiJson<TokenRequest>,
) -> Result<(StatusCode, Json<NewToken>), AppError> {
    let label = req.label.as_deref().map(str::trim).filter(|l| !l.is_empty()).unwrap_or("api").to_string();
    if label.chars().count() > 100 {
        return Err(AppError::invalid("label", "must be at most 100 characters"));
    }
    let employee = check_credentials(&state, &req.email, &req.password, &origin).await?;
    let now = state.clock.now();
    let (token, hash) = new_token();
    let id = state.store.create_token(&Actor::employee(employee.id, now), employee.id, hash, label).await?;
    Ok((StatusCode::CREATED, Json(NewToken { id, token })))
}
