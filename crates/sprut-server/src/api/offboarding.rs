//! The offboarding playbook: starting it for a leaver, the head's changes to the plan,
//! applying it as transfers, its progress; and the report on transferred clients.

use super::access::{check_page, not_found_as, require_manager, require_overseer};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use sprut_core::concentration::concentration;
use sprut_core::handover::analysis::TransferReport;
use sprut_core::handover::offboarding::{progress, ApplyPlan, Offboarding, PlanChange, Progress, StartOffboarding};
use sprut_core::handover::service;
use sprut_core::handover::transfer::Transfer;
use sprut_core::handover::HandoverStore;
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::{EmployeeId, OffboardingId};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(start))
        .routes(routes!(list))
        .routes(routes!(one))
        .routes(routes!(change))
        .routes(routes!(apply))
        .routes(routes!(transfer_report))
}

/// A playbook with its progress and transfers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PlaybookView {
    /// The playbook and its plan.
    pub offboarding: Offboarding,
    /// How far it has come.
    pub progress: Progress,
    /// Its transfers.
    pub transfers: Vec<Transfer>,
    /// What leaves with him: the clients of the book he still holds where he is the only
    /// thread, with their revenue, and the people only he has met (figures over his book: its
    /// `team_revenue_minor` is the book's revenue). None when nothing hangs on him.
    pub threads: Option<sprut_core::concentration::EmployeeRisk>,
}

/// Refuses a head acting on someone outside his teams.
async fn require_my_person(state: &AppState, user: &CurrentUser, employee: EmployeeId) -> Result<(), AppError> {
    if let Scope::Teams(teams) = &user.scope {
        let e = state.store.employee(employee).await.map_err(not_found_as("employee"))?;
        if !e.team_id.is_some_and(|t| teams.contains(&t)) {
            return Err(AppError::forbidden("a head of sales runs the playbook for his own teams' people"));
        }
    }
    Ok(())
}

/// Refuses anyone but an administrator or the head of `employee`'s team, and anyone starting
/// his own playbook.
pub async fn check_starter(state: &AppState, user: &CurrentUser, employee: EmployeeId) -> Result<(), AppError> {
    require_manager(user)?;
    require_my_person(state, user, employee).await?;
    if employee == user.employee.id {
        return Err(AppError::forbidden("another head or administrator runs your own playbook"));
    }
    Ok(())
}

/// The playbook with its progress.
pub async fn view(state: &AppState, user: &CurrentUser, id: OffboardingId) -> Result<PlaybookView, AppError> {
    // A rep or staff member is not told that anyone's playbook exists.
    require_overseer(user).map_err(|_| AppError::not_found("offboarding not found"))?;
    let o = state.store.offboarding(id).await.map_err(not_found_as("offboarding"))?;
    if !user.scope.oversees(state.store.employee(o.employee_id).await?.team_id) {
        return Err(AppError::not_found("offboarding not found"));
    }
    let mut transfers = Vec::new();
    let mut ids: Vec<_> = o.items.iter().filter_map(|i| i.transfer_id).collect();
    ids.sort();
    ids.dedup();
    for t in ids {
        transfers.push(state.store.transfer(t).await?);
    }
    let today = state.today().await;
    let leaver = o.employee_id;
    let risk = concentration(&*state.store, &Scope::HeldBy(leaver), today, Some(leaver)).await?;
    let threads = risk.employees.into_iter().next();
    Ok(PlaybookView { progress: progress(&o, &transfers), offboarding: o, transfers, threads })
}

/// Starts the playbook when an employee leaves: he becomes read-only at once, every client of
/// his book gets a proposed receiver, the clients at risk are scored (heads of his team and
/// administrators).
#[utoipa::path(post, path = "/employees/{id}/offboard", tag = "offboarding", request_body = StartOffboarding,
    params(("id" = EmployeeId, Path, description = "the leaving employee")),
    responses((status = 201, body = PlaybookView), Problems))]
async fn start(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<EmployeeId>,
    ApiJson(req): ApiJson<StartOffboarding>,
) -> Result<(StatusCode, Json<PlaybookView>), AppError> {
    check_starter(&state, &user, id).await?;
    let now = state.clock.now();
    let settings = state.settings().await;
    let o =
        service::start_offboarding(&*state.store, &user.actor(now), id, &req, &settings, state.today().await).await?;
    Ok((StatusCode::CREATED, Json(view(&state, &user, o.id).await?)))
}

/// Playbooks, newest first.
#[utoipa::path(get, path = "/offboardings", tag = "offboarding", params(PageRequest),
    responses((status = 200, body = Page<Offboarding>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<Offboarding>>, AppError> {
    require_overseer(&user)?;
    check_page(&page)?;
    let mut got = state.store.offboardings(&page).await?;
    if let Scope::Teams(_) = &user.scope {
        // The leavers of the page in one read, not one per playbook.
        let leavers: Vec<EmployeeId> = got.items.iter().map(|o| o.employee_id).collect();
        let teams: std::collections::HashMap<EmployeeId, Option<sprut_core::TeamId>> =
            state.store.employees_among(&leavers).await?.into_iter().map(|e| (e.id, e.team_id)).collect();
        got.items.retain(|o| user.scope.oversees(teams.get(&o.employee_id).copied().flatten()));
    }
    Ok(Json(got))
}

/// One playbook: the plan, the progress, the transfers.
#[utoipa::path(get, path = "/offboardings/{id}", tag = "offboarding",
    params(("id" = OffboardingId, Path, description = "playbook id")),
    responses((status = 200, body = PlaybookView), Problems))]
async fn one(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<OffboardingId>,
) -> Result<Json<PlaybookView>, AppError> {
    Ok(Json(view(&state, &user, id).await?))
}

/// Changes one client of the plan: another receiver, or the retention decision.
#[utoipa::path(post, path = "/offboardings/{id}/plan", tag = "offboarding", request_body = PlanChange,
    params(("id" = OffboardingId, Path, description = "playbook id")),
    responses((status = 200, body = PlaybookView), Problems))]
async fn change(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<OffboardingId>,
    ApiJson(req): ApiJson<PlanChange>,
) -> Result<Json<PlaybookView>, AppError> {
    view(&state, &user, id).await?;
    require_manager(&user)?;
    state.store.change_plan(&user.actor(state.clock.now()), id, &req).await?;
    Ok(Json(view(&state, &user, id).await?))
}

/// Turns the plan into transfers, one per receiver, effective on the day given (default today).
#[utoipa::path(post, path = "/offboardings/{id}/apply", tag = "offboarding", request_body = ApplyPlan,
    params(("id" = OffboardingId, Path, description = "playbook id")),
    responses((status = 200, body = PlaybookView), Problems))]
async fn apply(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<OffboardingId>,
    ApiJson(req): ApiJson<ApplyPlan>,
) -> Result<Json<PlaybookView>, AppError> {
    view(&state, &user, id).await?;
    require_manager(&user)?;
    let now = state.clock.now();
    let settings = state.settings().await;
    let today = state.today().await;
    let on = req.effective_on.unwrap_or(today);
    service::apply_offboarding(&*state.store, &user.actor(now), id, on, &settings, today).await?;
    Ok(Json(view(&state, &user, id).await?))
}

/// Sales of transferred clients 3, 6 and 12 months before and after, beside the untransferred
/// clients of the same segments, by cause and by receiving rep.
#[utoipa::path(get, path = "/reports/transfers", tag = "offboarding",
    responses((status = 200, body = TransferReport), Problems))]
async fn transfer_report(State(state): State<AppState>, user: Caller) -> Result<Json<TransferReport>, AppError> {
    require_overseer(&user)?;
    Ok(Json(state.store.transfer_report(state.today().await).await?))
}
