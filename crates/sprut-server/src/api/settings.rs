//! Company settings (administrators change them).

use super::access::require_admin;
use super::extract::{ApiJson, Caller};
use super::Problems;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use sprut_core::settings::Settings;
use sprut_core::store::prelude::*;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_settings, put_settings))
}

/// The company settings.
#[utoipa::path(get, path = "/settings", tag = "settings", responses((status = 200, body = Settings), Problems))]
async fn get_settings(State(state): State<AppState>, _user: Caller) -> Result<Json<Settings>, AppError> {
    Ok(Json(state.store.settings().await?))
}

/// Replaces the company settings (administrators).
#[utoipa::path(put, path = "/settings", tag = "settings", request_body = Settings,
    responses((status = 200, body = Settings), Problems))]
async fn put_settings(
    State(state): State<AppState>,
    user: Caller,
    ApiJson(settings): ApiJson<Settings>,
) -> Result<Json<Settings>, AppError> {
    Ok(Json(save(&state, &user, settings).await?))
}

/// Checks and saves the settings as `user` (administrators), the API's and the page's one way.
pub async fn save(state: &AppState, user: &CurrentUser, settings: Settings) -> Result<Settings, AppError> {
    require_admin(user)?;
    let settings = check(settings)?;
    let actor = user.actor(state.clock.now());
    state.store.save_settings(&actor, &settings).await?;
    // This server uses them at once; others within the few seconds their copy lives.
    state.settings.forget().await;
    Ok(settings)
}

/// The settings trimmed and checked, every bad field named (the time zone among those sprut knows).
pub fn check(settings: Settings) -> Result<Settings, AppError> {
    Ok(settings.checked(&crate::zone::is_known)?)
}
