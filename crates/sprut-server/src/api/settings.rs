//! Company settings (administrators change them).

use super::access::require_admin;
use super::extract::{ApiJson, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use sprut_core::money::Currency;
use sprut_core::settings::Settings;
use sprut_core::store::Store;
use sprut_core::FieldError;
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
    let settings = checked(settings)?;
    let actor = user.actor(state.clock.now());
    state.store.save_settings(&actor, &settings).await?;
    Ok(Json(settings))
}

/// Trims and checks submitted settings, naming every bad field.
fn checked(mut s: Settings) -> Result<Settings, AppError> {
    let mut fields = Vec::new();
    s.company_name = s.company_name.trim().to_string();
    if s.company_name.is_empty() || s.company_name.chars().count() > 200 {
        fields.push(FieldError::new("company_name", "must be 1 to 200 characters"));
    }
    s.time_zone = s.time_zone.trim().to_string();
    if s.time_zone.is_empty() || s.time_zone.contains(char::is_whitespace) {
        fields.push(FieldError::new("time_zone", "must be an IANA time zone such as Europe/Moscow"));
    }
    match Currency::parse(&s.currency) {
        Ok(c) => s.currency = c.as_str().to_string(),
        Err(reason) => fields.push(FieldError::new("currency", reason)),
    }
    if !(1..=3650).contains(&s.default_cycle_days) {
        fields.push(FieldError::new("default_cycle_days", "must be 1 to 3650 days"));
    }
    if !(0..=3650).contains(&s.rest_days) {
        fields.push(FieldError::new("rest_days", "must be 0 to 3650 days"));
    }
    if fields.is_empty() {
        Ok(s)
    } else {
        Err(AppError::Validation(fields))
    }
}
