//! Company settings (administrators change them).

use super::access::require_admin;
use super::extract::{ApiJson, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use sprut_core::settings::Settings;
use sprut_core::store::prelude::*;
use sprut_core::Reason;
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
    require_admin(&user)?;
    let settings = settings.checked()?;
    if !crate::zone::is_known(&settings.time_zone) {
        return Err(AppError::invalid("time_zone", Reason::TimeZone));
    }
    let actor = user.actor(state.clock.now());
    state.store.save_settings(&actor, &settings).await?;
    // This server uses them at once; others within the few seconds their copy lives.
    state.settings.forget().await;
    Ok(Json(settings))
}
