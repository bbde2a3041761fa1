//! Dead clients and rotation: the sales cycle, the head's review and decisions, weekly
//! reports, the rotation on demand and the reps' scorecards.

use super::access::{
    check_page, not_found_as, require_manager, require_overseer, require_visible, require_write, seen,
};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use sprut_core::page::{encode_cursor, Page, PageRequest};
use sprut_core::rules::cycle::CycleTable;
use sprut_core::rules::day::{DayPlan, RotationPolicy};
use sprut_core::rules::extension::ExtensionRequest;
use sprut_core::rules::review::ReviewQuery;
use sprut_core::rules::scorecard::Scorecard;
use sprut_core::rules::service::{cycle_report, dead_review, missing, rep_scorecard, DeadEntry, MissingReport};
use sprut_core::rules::store::{Decision, NewReport, Report, RotationStore};
use sprut_core::store::prelude::*;
use sprut_core::Reason;
use sprut_core::{ClientId, EmployeeId};
use std::collections::HashMap;
use time::Date;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(cycle))
        .routes(routes!(dead))
        .routes(routes!(missing_reports))
        .routes(routes!(rotate))
        .routes(routes!(scorecard))
        .routes(routes!(extend))
        .routes(routes!(recall))
        .routes(routes!(archive))
        .routes(routes!(reports, write_report))
        .routes(routes!(decisions))
}

/// The day a question is about.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOf {
    /// The date, `YYYY-MM-DD` (default: today).
    pub as_of: Option<String>,
}

/// Whose scorecard.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScorecardQuery {
    /// The rep (default: the caller).
    pub employee_id: Option<EmployeeId>,
    /// The date, `YYYY-MM-DD` (default: today).
    pub as_of: Option<String>,
}

/// A recall: to rest, or straight to a rep.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RecallRequest {
    /// The rep to hand the client to; absent: to rest.
    pub to: Option<EmployeeId>,
    /// Why.
    pub reason: String,
}

/// Archiving a client.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ArchiveRequest {
    /// Why.
    pub reason: String,
}

/// Rotation on demand.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RotateRequest {
    /// The day (default: today).
    pub as_of: Option<Date>,
    /// Only show the plan.
    #[serde(default)]
    pub dry_run: bool,
}

/// The day asked about, or today.
pub(crate) async fn day(state: &AppState, text: Option<&str>) -> Result<Date, AppError> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        Some(t) => {
            super::parse_date(t).ok_or_else(|| AppError::bad_field("as_of", Reason::Date { value: t.to_string() }))
        }
        None => Ok(state.today().await),
    }
}

async fn policy(state: &AppState) -> RotationPolicy {
    RotationPolicy::from_settings(&state.settings().await)
}

/// The sales cycle per segment and company-wide.
#[utoipa::path(get, path = "/rotation/cycle", tag = "rotation", params(AsOf),
    responses((status = 200, body = CycleTable), Problems))]
async fn cycle(
    State(state): State<AppState>,
    _user: Caller,
    ApiQuery(q): ApiQuery<AsOf>,
) -> Result<Json<CycleTable>, AppError> {
    let today = day(&state, q.as_of.as_deref()).await?;
    Ok(Json(cycle_report(&*state.store, today).await?))
}

/// The dead clients in the caller's scope, with why and what the head needs to decide; the
/// filters and order of the review page, all of them unless `limit` asks for a page.
#[utoipa::path(get, path = "/rotation/dead", tag = "rotation", params(AsOf, ReviewQuery),
    responses((status = 200, body = Vec<DeadEntry>), Problems))]
async fn dead(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<AsOf>,
    ApiQuery(review): ApiQuery<ReviewQuery>,
) -> Result<Json<Vec<DeadEntry>>, AppError> {
    require_overseer(&user)?;
    let today = day(&state, q.as_of.as_deref()).await?;
    let review = ReviewQuery { limit: Some(review.limit.unwrap_or(usize::MAX)), ..review };
    Ok(Json(dead_review(&*state.store, &user.scope, today, &policy(&state).await, &review).await?.rows))
}

/// A weekly report overdue, with the names of its client and holder.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct MissingReportRow {
    /// The client.
    pub client_id: ClientId,
    /// The client's name.
    pub client_name: String,
    /// The holder who owes it.
    pub employee_id: EmployeeId,
    /// The holder's name.
    pub holder_name: String,
    /// Monday of the week it is for.
    pub week: Date,
}

/// The weekly reports overdue in the caller's scope, a page at a time (oldest week first).
#[utoipa::path(get, path = "/rotation/missing-reports", tag = "rotation", params(AsOf, PageRequest),
    responses((status = 200, body = Page<MissingReportRow>), Problems))]
async fn missing_reports(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<AsOf>,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<MissingReportRow>>, AppError> {
    require_overseer(&user)?;
    check_page(&page)?;
    let today = day(&state, q.as_of.as_deref()).await?;
    let mut all: Vec<MissingReport> = missing(&*state.store, &user.scope, today).await?;
    all.sort_by_key(|m| (m.week, m.client_id));
    let offset: usize =
        page.cursor()?.map_or(Ok(0), |c| c.parse().map_err(|_| AppError::bad_field("after", Reason::Cursor)))?;
    let end = (offset + page.limit() as usize).min(all.len());
    let rows = &all[offset.min(end)..end];
    let ids: Vec<ClientId> = rows.iter().map(|m| m.client_id).collect();
    let clients: HashMap<ClientId, String> = state.store.client_names(&ids).await?.into_iter().collect();
    let holders = state.store.employees_among(&rows.iter().map(|m| m.employee_id).collect::<Vec<_>>()).await?;
    let holders: HashMap<EmployeeId, String> = holders.into_iter().map(|e| (e.id, e.name)).collect();
    let name_of = |id: EmployeeId| holders.get(&id).cloned().unwrap_or_default();
    let items = rows
        .iter()
        .map(|m| MissingReportRow {
            client_id: m.client_id,
            client_name: clients.get(&m.client_id).cloned().unwrap_or_default(),
            employee_id: m.employee_id,
            holder_name: name_of(m.employee_id),
            week: m.week,
        })
        .collect();
    let next = (end < all.len()).then(|| encode_cursor(&end.to_string()));
    Ok(Json(Page { items, next }))
}

/// Runs the rotation of a day now (admins and heads), or only shows its plan.
#[utoipa::path(post, path = "/rotation/rotate", tag = "rotation", request_body = RotateRequest,
    responses((status = 200, body = DayPlan), Problems))]
async fn rotate(
    State(state): State<AppState>,
    user: Caller,
    ApiJson(req): ApiJson<RotateRequest>,
) -> Result<Json<DayPlan>, AppError> {
    require_manager(&user)?;
    let now = state.clock.now();
    let today = state.today().await;
    let day = req.as_of.unwrap_or(today);
    if day != today && !req.dry_run {
        return Err(AppError::invalid("as_of", Reason::OnlyToday { today }));
    }
    Ok(Json(state.store.rotate(&user.actor(now), day, &policy(&state).await, req.dry_run).await?))
}

/// A rep's scorecard: a rep sees his own, a head his teams' reps', admins and auditors all.
#[utoipa::path(get, path = "/rotation/scorecard", tag = "rotation", params(ScorecardQuery),
    responses((status = 200, body = Scorecard), Problems))]
async fn scorecard(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<ScorecardQuery>,
) -> Result<Json<Scorecard>, AppError> {
    let today = day(&state, q.as_of.as_deref()).await?;
    let who = super::workday::whose(&state, &user, q.employee_id).await?;
    let cadence = sprut_core::touch::TouchCadence::from_settings(&state.settings().await);
    Ok(Json(rep_scorecard(&*state.store, who, today, &cadence).await?))
}

/// Extends a development client to a firm date for an objective reason (admins and heads).
#[utoipa::path(post, path = "/clients/{id}/extend", tag = "rotation", request_body = ExtensionRequest,
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 201, body = Decision), Problems))]
async fn extend(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
    ApiJson(req): ApiJson<ExtensionRequest>,
) -> Result<(StatusCode, Json<Decision>), AppError> {
    require_visible(&state, &user, id, "client").await?;
    require_manager(&user)?;
    let now = state.clock.now();
    let d = state.store.extend(&user.actor(now), id, &req, state.today().await, &policy(&state).await).await?;
    Ok((StatusCode::CREATED, Json(d)))
}

/// Takes a client back now: to rest, or straight to a named rep (admins and heads).
#[utoipa::path(post, path = "/clients/{id}/recall", tag = "rotation", request_body = RecallRequest,
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 201, body = Decision), Problems))]
async fn recall(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
    ApiJson(req): ApiJson<RecallRequest>,
) -> Result<(StatusCode, Json<Decision>), AppError> {
    require_visible(&state, &user, id, "client").await?;
    require_manager(&user)?;
    let now = state.clock.now();
    let d = state
        .store
        .recall(&user.actor(now), id, req.to, &req.reason, state.today().await, &policy(&state).await)
        .await?;
    Ok((StatusCode::CREATED, Json(d)))
}

/// Archives a client with a reason (admins and heads).
#[utoipa::path(post, path = "/clients/{id}/archive", tag = "rotation", request_body = ArchiveRequest,
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 201, body = Decision), Problems))]
async fn archive(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
    ApiJson(req): ApiJson<ArchiveRequest>,
) -> Result<(StatusCode, Json<Decision>), AppError> {
    require_visible(&state, &user, id, "client").await?;
    require_manager(&user)?;
    let now = state.clock.now();
    let d = state.store.archive(&user.actor(now), id, &req.reason, state.today().await).await?;
    Ok((StatusCode::CREATED, Json(d)))
}

/// The weekly reports on a client, newest first.
#[utoipa::path(get, path = "/clients/{id}/reports", tag = "rotation",
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 200, body = Vec<Report>), Problems))]
async fn reports(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
) -> Result<Json<Vec<Report>>, AppError> {
    require_visible(&state, &user, id, "client").await?;
    Ok(Json(state.store.reports(id).await.map_err(not_found_as("client"))?))
}

/// The holder's weekly report on his development client (a second one replaces the week's).
#[utoipa::path(post, path = "/clients/{id}/reports", tag = "rotation", request_body = NewReport,
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 201, body = Report), Problems))]
async fn write_report(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
    ApiJson(mut req): ApiJson<NewReport>,
) -> Result<(StatusCode, Json<Report>), AppError> {
    let holder = seen(&state, &user, id, "client", state.store.client(&user.scope, id).await).await?.holder;
    require_write(&user)?;
    if holder.map(|h| h.employee_id) != Some(user.employee.id) {
        return Err(AppError::forbidden("only the holder writes the weekly report"));
    }
    req.client_id = id;
    let now = state.clock.now();
    let r = state.store.write_report(&user.actor(now), user.employee.id, &req, state.today().await).await?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// Every decision about a client, oldest first: who decided, or the rule and its figures.
#[utoipa::path(get, path = "/clients/{id}/decisions", tag = "rotation",
    params(("id" = ClientId, Path, description = "client id")),
    responses((status = 200, body = Vec<Decision>), Problems))]
async fn decisions(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ClientId>,
) -> Result<Json<Vec<Decision>>, AppError> {
    require_visible(&state, &user, id, "client").await?;
    Ok(Json(state.store.decisions(id).await.map_err(not_found_as("client"))?))
}
