//! The caller: who am I, and API tokens for scripts and integrations.

use super::access::not_found_as;
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::auth::{check_credentials, new_token, CurrentUser, Origin};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use sprut_core::employee::{Employee, Role};
use sprut_core::store::prelude::*;
use sprut_core::token::ApiToken;
use sprut_core::Reason;
use sprut_core::{Actor, EmployeeId, TokenId};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(create_token, list_tokens))
        .routes(routes!(revoke_token))
        .routes(routes!(issue_calendar, revoke_calendar))
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
    /// When it stops working (the `api_token_days` setting).
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: time::OffsetDateTime,
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
        return Err(AppError::invalid("label", Reason::TooLong { max: 100 }));
    }
    let employee = check_credentials(&state, &req.email, &req.password, &origin).await?;
    let now = state.clock.now();
    let (token, hash) = new_token();
    let expires_at = now + time::Duration::days(state.settings().await.api_token_days);
    let id = state.store.create_token(&Actor::employee(employee.id, now), employee.id, hash, label, expires_at).await?;
    Ok((StatusCode::CREATED, Json(NewToken { id, token, expires_at })))
}

/// Whose tokens to list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TokensQuery {
    /// An employee (administrators); default: the caller.
    pub employee_id: Option<EmployeeId>,
}

/// The caller's API tokens (an administrator: anyone's), newest first: name, made, last used,
/// expiry, revocation. The tokens themselves are never shown again.
#[utoipa::path(get, path = "/tokens", tag = "me", params(TokensQuery),
    responses((status = 200, body = Vec<ApiToken>), Problems))]
async fn list_tokens(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<TokensQuery>,
) -> Result<Json<Vec<ApiToken>>, AppError> {
    let whose = q.employee_id.unwrap_or(user.employee.id);
    if whose != user.employee.id && user.employee.role != Role::Admin {
        return Err(AppError::forbidden("only an administrator lists another person's tokens"));
    }
    Ok(Json(state.store.tokens(Some(whose)).await?))
}

/// Revokes an API token at once: one's own, or anyone's for an administrator.
#[utoipa::path(delete, path = "/tokens/{id}", tag = "me",
    params(("id" = TokenId, Path, description = "token id")),
    responses((status = 200, body = ApiToken), Problems))]
async fn revoke_token(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<TokenId>,
) -> Result<Json<ApiToken>, AppError> {
    Ok(Json(revoke(&state, &user, id).await?))
}

/// Revokes token `id` for `user` (shared by the API and the UI): his own, or any for an
/// administrator; another's answers 404.
pub async fn revoke(state: &AppState, user: &CurrentUser, id: TokenId) -> Result<ApiToken, AppError> {
    let token = state.store.token(id).await.map_err(not_found_as("token"))?;
    if token.employee_id != user.employee.id && user.employee.role != Role::Admin {
        return Err(AppError::not_found("token not found"));
    }
    Ok(state.store.revoke_token(&user.actor(state.clock.now()), id).await?)
}

/// The caller's new calendar feed address.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CalendarFeed {
    /// The feed's path on this server (`/ical/{secret}.ics`); shown once, only its hash is kept.
    pub path: String,
}

/// Gives the caller a private calendar feed of his open tasks, planned touches and head
/// meetings (iCalendar); a feed he had stops working.
#[utoipa::path(post, path = "/me/calendar", tag = "me", responses((status = 201, body = CalendarFeed), Problems))]
async fn issue_calendar(
    State(state): State<AppState>,
    user: Caller,
) -> Result<(StatusCode, Json<CalendarFeed>), AppError> {
    let path = crate::calendar::issue(&state, &user).await?;
    Ok((StatusCode::CREATED, Json(CalendarFeed { path })))
}

/// Ends the caller's calendar feed at once.
#[utoipa::path(delete, path = "/me/calendar", tag = "me", responses((status = 204), Problems))]
async fn revoke_calendar(State(state): State<AppState>, user: Caller) -> Result<StatusCode, AppError> {
    crate::calendar::revoke(&state, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}
