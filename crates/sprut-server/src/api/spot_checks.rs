//! CRM spot checks and investigations: the week's draw, what each verifier found, how each
//! rep's data fare, and the investigations of data found wrong.

use super::access::{require_admin, require_overseer, require_write};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use sprut_core::employee::Role;
use sprut_core::scope::Scope;
use sprut_core::spot_check::{
    accuracy, draw_week, CheckResult, Investigation, InvestigationStep, RepAccuracy, SpotCheck,
};
use sprut_core::store::prelude::*;
use sprut_core::{InvestigationId, SpotCheckId};
use time::Date;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(checks))
        .routes(routes!(record))
        .routes(routes!(draw))
        .routes(routes!(accuracy_report))
        .routes(routes!(investigations))
        .routes(routes!(step))
}

/// Which checks or investigations to list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OpenOnly {
    /// Only those not done yet (not checked, not closed).
    #[serde(default)]
    pub open: bool,
}

/// The scope whose checks and investigations the caller oversees: a rep or staff member
/// oversees none (he must not learn which of his contacts are being checked).
pub fn overseen(user: &CurrentUser) -> Scope {
    match user.employee.role {
        Role::Admin | Role::Auditor | Role::Head => user.scope.clone(),
        _ => Scope::Nothing,
    }
}

/// Whose investigations `user` may close: an administrator everyone's, a head his teams'.
pub fn closing(user: &CurrentUser) -> Scope {
    match user.employee.role {
        Role::Admin => Scope::All,
        Role::Head => user.scope.clone(),
        _ => Scope::Nothing,
    }
}

/// The spot checks the caller makes and, for heads, admins and auditors, those of the clients
/// they oversee; the newest week first (at most 500).
#[utoipa::path(get, path = "/spot-checks", tag = "octopus", params(OpenOnly),
    responses((status = 200, body = Vec<SpotCheck>), Problems))]
async fn checks(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<OpenOnly>,
) -> Result<Json<Vec<SpotCheck>>, AppError> {
    Ok(Json(state.store.spot_checks(&overseen(&user), Some(user.employee.id), q.open).await?))
}

/// Records what the verifier found when he checked the contact with the client: confirmed
/// (the contact is marked verified by him today), wrong phone or e-mail, left the client,
/// unknown to the client, refused to talk (a note unless confirmed). Data found wrong open an
/// investigation. Only the check's verifier.
#[utoipa::path(post, path = "/spot-checks/{id}/result", tag = "octopus", request_body = CheckResult,
    params(("id" = SpotCheckId, Path, description = "check id")),
    responses((status = 200, body = SpotCheck), Problems))]
async fn record(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<SpotCheckId>,
    ApiJson(result): ApiJson<CheckResult>,
) -> Result<Json<SpotCheck>, AppError> {
    require_write(&user)?;
    let today = state.today().await;
    Ok(Json(state.store.record_check(&user.actor(state.clock.now()), id, result, today).await?))
}

/// What a draw did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DrawDone {
    /// The week (its Monday).
    pub week: Date,
    /// Contacts drawn; none when the week was drawn already or spot checks are off.
    pub drawn: Option<usize>,
    /// The seed the draw was made from.
    pub seed: String,
}

/// Draws this week's spot checks now, if the server's weekly job has not (administrators).
#[utoipa::path(post, path = "/spot-checks/draw", tag = "octopus",
    responses((status = 200, body = DrawDone), Problems))]
async fn draw(State(state): State<AppState>, user: Caller) -> Result<Json<DrawDone>, AppError> {
    Ok(Json(draw_now(&state, &user).await?))
}

/// Draws this week's spot checks now as `user` (administrators): the API's and the page's one path.
pub async fn draw_now(state: &AppState, user: &CurrentUser) -> Result<DrawDone, AppError> {
    require_admin(user)?;
    let today = state.today().await;
    let seed = crate::jobs::seed(state);
    let drawn = draw_week(&*state.store, &user.actor(state.clock.now()), today, seed).await?;
    Ok(DrawDone { week: sprut_core::rules::reports::week_of(today), drawn, seed: seed.to_string() })
}

/// One quarter of one rep's sampled contacts.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct QuarterAccuracy {
    /// The quarter's first day.
    pub quarter: Date,
    /// The figures.
    #[serde(flatten)]
    pub figures: RepAccuracy,
}

/// Per rep and quarter, the share of his sampled contacts found wrong and the investigations
/// closed as invented data; the latest quarter first (heads, admins, auditors).
#[utoipa::path(get, path = "/spot-checks/accuracy", tag = "octopus",
    responses((status = 200, body = Vec<QuarterAccuracy>), Problems))]
async fn accuracy_report(State(state): State<AppState>, user: Caller) -> Result<Json<Vec<QuarterAccuracy>>, AppError> {
    require_overseer(&user)?;
    Ok(Json(rep_accuracy(&state, &user).await?))
}

/// The accuracy of the reps `user` oversees.
pub async fn rep_accuracy(state: &AppState, user: &CurrentUser) -> Result<Vec<QuarterAccuracy>, AppError> {
    let checks = state.store.spot_checks(&overseen(user), None, false).await?;
    let closed = state.store.investigations(&overseen(user), None, false).await?;
    let findings: Vec<_> = closed.iter().filter_map(|i| Some((i.holder_id, i.closed_on?, i.finding?))).collect();
    Ok(accuracy(&checks, &findings)
        .into_iter()
        .map(|(quarter, figures)| QuarterAccuracy { quarter, figures })
        .collect())
}

/// The investigations of the clients the caller oversees and of his own data, newest first.
#[utoipa::path(get, path = "/investigations", tag = "octopus", params(OpenOnly),
    responses((status = 200, body = Vec<Investigation>), Problems))]
async fn investigations(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<OpenOnly>,
) -> Result<Json<Vec<Investigation>>, AppError> {
    Ok(Json(state.store.investigations(&overseen(&user), Some(user.employee.id), q.open).await?))
}

/// A step of an investigation: the holder explains (`{"step": "explain", "explanation": …}`), a
/// head of his team or an administrator closes it with the finding and the correction made
/// (`{"step": "close", "finding": "honest_mistake" | "client_changed" | "invented", "correction": …}`).
/// Invented data raise an alert on the holder.
#[utoipa::path(post, path = "/investigations/{id}/step", tag = "octopus", request_body = InvestigationStep,
    params(("id" = InvestigationId, Path, description = "investigation id")),
    responses((status = 200, body = Investigation), Problems))]
async fn step(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<InvestigationId>,
    ApiJson(step): ApiJson<InvestigationStep>,
) -> Result<Json<Investigation>, AppError> {
    require_write(&user)?;
    Ok(Json(take_step(&state, &user, id, step).await?))
}

/// Takes `step` on investigation `id` as `user`: the API's and the page's one path.
pub async fn take_step(
    state: &AppState,
    user: &CurrentUser,
    id: InvestigationId,
    step: InvestigationStep,
) -> Result<Investigation, AppError> {
    let today = state.today().await;
    Ok(state.store.step_investigation(&user.actor(state.clock.now()), id, step, &closing(user), today).await?)
}
