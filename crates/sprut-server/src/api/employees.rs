//! Employees: who may sign in, in which role (administrators manage them).

use super::access::{check_page, not_found_as, require_admin, require_manager};
use super::extract::{parse_json, ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::auth::hash_password;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use sprut_core::employee::{Employee, EmployeeFilter, EmployeePatch, NewEmployee, Role};
use sprut_core::leaver::{departure_patch, Departure};
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::EmployeeId;
use sprut_core::Reason;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(one, patch)).routes(routes!(depart))
}

/// A new employee, with a password to sign in with (without one they cannot sign in yet).
///
/// Only documents the body: [`create`] reads it field by field so errors name the field.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[allow(dead_code)]
pub struct NewEmployeeRequest {
    /// The employee.
    #[serde(flatten)]
    pub employee: NewEmployee,
    /// Initial password (at least 8 characters).
    #[serde(default)]
    pub password: Option<String>,
}

/// Employees by name.
#[utoipa::path(get, path = "/employees", tag = "employees", params(EmployeeFilter, PageRequest),
    responses((status = 200, body = Page<Employee>), Problems))]
async fn list(
    State(state): State<AppState>,
    _user: Caller,
    ApiQuery(filter): ApiQuery<EmployeeFilter>,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<Employee>>, AppError> {
    check_page(&page)?;
    Ok(Json(state.store.employees(&filter, &page).await?))
}

/// Creates an employee (administrators).
#[utoipa::path(post, path = "/employees", tag = "employees", request_body = NewEmployeeRequest,
    responses((status = 201, body = Employee), Problems))]
async fn create(
    State(state): State<AppState>,
    user: Caller,
    ApiJson(mut body): ApiJson<serde_json::Map<String, serde_json::Value>>,
) -> Result<(StatusCode, Json<Employee>), AppError> {
    require_admin(&user)?;
    let password = match body.remove("password") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(p)) => Some(p),
        Some(_) => return Err(AppError::invalid("password", Reason::Required)),
    };
    // Serde's `flatten` would lose the field names in errors: parse the rest on its own.
    let new: NewEmployee = parse_json(&serde_json::Value::Object(body).to_string().into_bytes())?;
    Ok((StatusCode::CREATED, Json(add(&state, &user, new, password).await?)))
}

/// Adds an employee with an optional first password (administrators): the API's and the
/// page's one way.
pub async fn add(
    state: &AppState,
    user: &CurrentUser,
    new: NewEmployee,
    password: Option<String>,
) -> Result<Employee, AppError> {
    require_admin(user)?;
    let hash = match password {
        Some(p) => Some(hashed(p).await?),
        None => None,
    };
    let actor = user.actor(state.clock.now());
    Ok(state.store.create_employee(&actor, new, hash).await?)
}

/// Sets an employee's password (administrators); his sessions and API tokens end.
pub async fn reset_password(
    state: &AppState,
    user: &CurrentUser,
    id: EmployeeId,
    password: &str,
) -> Result<(), AppError> {
    require_admin(user)?;
    let hash = hashed(password.to_string()).await?;
    let actor = user.actor(state.clock.now());
    state.store.set_password(&actor, id, hash).await.map_err(not_found_as("employee"))
}

/// A checked password's hash, computed off the async threads.
async fn hashed(password: String) -> Result<String, AppError> {
    sprut_core::validate::password(&password)?;
    tokio::task::spawn_blocking(move || hash_password(&password)).await.map_err(AppError::internal)?
}

/// One employee.
#[utoipa::path(get, path = "/employees/{id}", tag = "employees",
    params(("id" = EmployeeId, Path, description = "employee id")),
    responses((status = 200, body = Employee), Problems))]
async fn one(
    State(state): State<AppState>,
    _user: Caller,
    ApiPath(id): ApiPath<EmployeeId>,
) -> Result<Json<Employee>, AppError> {
    Ok(Json(state.store.employee(id).await.map_err(not_found_as("employee"))?))
}

/// Changes an employee (administrators).
#[utoipa::path(patch, path = "/employees/{id}", tag = "employees", request_body = EmployeePatch,
    params(("id" = EmployeeId, Path, description = "employee id")),
    responses((status = 200, body = Employee), Problems))]
async fn patch(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<EmployeeId>,
    ApiJson(patch): ApiJson<EmployeePatch>,
) -> Result<Json<Employee>, AppError> {
    require_admin(&user)?;
    let actor = user.actor(state.clock.now());
    Ok(Json(state.store.update_employee(&actor, id, patch).await.map_err(not_found_as("employee"))?))
}

/// Records that an employee is leaving: from now on read-only on his own book, no export, no
/// new clients, every read logged; after `last_day` the account closes (administrators, and
/// heads for the people of their teams).
#[utoipa::path(post, path = "/employees/{id}/depart", tag = "employees", request_body = Departure,
    params(("id" = EmployeeId, Path, description = "employee id")),
    responses((status = 200, body = Employee), Problems))]
async fn depart(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<EmployeeId>,
    ApiJson(req): ApiJson<Departure>,
) -> Result<Json<Employee>, AppError> {
    Ok(Json(record_departure(&state, &user, id, req.last_day).await?))
}

/// Records `id`'s departure after `last_day` on behalf of `user`: administrators for anyone,
/// heads for the people of their teams, nobody for himself.
pub(crate) async fn record_departure(
    state: &AppState,
    user: &CurrentUser,
    id: EmployeeId,
    last_day: time::Date,
) -> Result<Employee, AppError> {
    require_manager(user)?;
    let leaver = state.store.employee(id).await.map_err(not_found_as("employee"))?;
    let in_my_teams = match &user.scope {
        Scope::Teams(teams) => leaver.team_id.is_some_and(|t| teams.contains(&t)),
        _ => true,
    };
    if user.employee.role == Role::Head && !in_my_teams {
        return Err(AppError::forbidden("a head of sales records departures of his own teams' people"));
    }
    if leaver.id == user.employee.id {
        return Err(AppError::forbidden("another administrator or head records your own departure"));
    }
    let now = state.clock.now();
    let patch = departure_patch(&leaver, last_day, state.today().await)?;
    Ok(state.store.update_employee(&user.actor(now), id, patch).await?)
}
