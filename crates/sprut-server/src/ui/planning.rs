//! The redistribution planner in the UI: the limits form with the recent plans, and one page
//! per plan with its chart, its moves in words and the form that applies it.

use super::extract::{Page, PathId, Posted};
use super::layout::{app_error_page, error_page, page, see_other, Ctx, Nav};
use super::planning_view as view;
use super::{employees_named, page_status, Params, Refused};
use crate::api::access::require_overseer;
use crate::api::planning::{check_planner, visible};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use sprut_core::handover::HandoverStore;
use sprut_core::money::Currency;
use sprut_core::planner::service::{self, ApplyRedistribution, PlannerStore, RedistributionRequest};
use sprut_core::scope::manages;
use sprut_core::store::prelude::*;
use sprut_core::{Reason, RedistributionId};

/// `GET /planning`: the limits form and the recent plans.
pub(super) async fn form(State(state): State<AppState>, Page { user, ctx }: Page) -> Response {
    if require_overseer(&user).is_err() {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    render_form(&state, &user, &ctx, None).await
}

async fn render_form(state: &AppState, user: &CurrentUser, ctx: &Ctx, refused: Option<Refused<'_, ()>>) -> Response {
    let (teams, plans) = match (state.store.teams().await, state.store.redistributions().await) {
        (Ok(t), Ok(p)) => (t, p),
        (Err(e), _) | (_, Err(e)) => return app_error_page(ctx, e.into()),
    };
    let teams: Vec<_> = teams.into_iter().filter(|t| user.scope.oversees(Some(t.id))).collect();
    let plans: Vec<_> = plans.into_iter().filter(|p| user.scope.oversees(Some(p.team_id))).collect();
    let title = ctx.t.planning.redistribution;
    let body = view::form(ctx, title, &teams, &plans, manages(&user.employee), refused.as_ref());
    (page_status(refused.as_ref()), page(ctx, Nav::Transfers, title, body)).into_response()
}

/// The request the form describes.
fn request(params: &Params) -> Result<RedistributionRequest, AppError> {
    let team_id = params
        .get("team_id")
        .and_then(|t| t.parse().ok())
        .ok_or_else(|| AppError::invalid("team_id", Reason::Required))?;
    Ok(RedistributionRequest {
        team_id,
        balance_percent: params.number("balance_percent")?.unwrap_or(10),
        max_moves: params.number("max_moves")?,
        move_key: params.get("move_key").is_some(),
        capacity: params.number("capacity")?,
    })
}

/// `POST /planning`: previews a plan and shows it; limits with no plan come back with the one
/// to relax.
pub(super) async fn preview(State(state): State<AppState>, Posted { user, ctx, params }: Posted) -> Response {
    if require_overseer(&user).is_err() {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let result = match request(&params) {
        Ok(req) => match check_planner(&user, req.team_id) {
            Ok(()) => service::preview(&*state.store, &user.actor(state.clock.now()), &req, ctx.today)
                .await
                .map_err(AppError::from),
            Err(e) => return app_error_page(&ctx, e),
        },
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => see_other(&format!("/planning/{}", r.id)),
        Err(e @ (AppError::Validation(_) | AppError::Conflict(_))) => {
            let mut ctx = ctx;
            ctx.back = "/planning".into();
            render_form(&state, &user, &ctx, Some(Refused { at: (), params: &params, error: &e })).await
        }
        Err(e) => app_error_page(&ctx, e),
    }
}

/// `GET /planning/{id}`: one plan.
pub(super) async fn show(
    State(state): State<AppState>,
    uri: Uri,
    Page { user, mut ctx }: Page,
    PathId(id): PathId<RedistributionId>,
) -> Response {
    ctx.back = uri.path().to_string();
    render_plan(&state, &user, &ctx, id, None).await
}

async fn render_plan(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    id: RedistributionId,
    refused: Option<Refused<'_, ()>>,
) -> Response {
    let r = match visible(state, user, id).await {
        Ok(r) => r,
        Err(e) => return app_error_page(ctx, e),
    };
    let mut transfers = Vec::new();
    for t in &r.transfers {
        match state.store.transfer(*t).await {
            Ok(t) => transfers.push(t),
            Err(e) => return app_error_page(ctx, e.into()),
        }
    }
    let people = match employees_named(state, transfers.iter().flat_map(super::transfers::named_in)).await {
        Ok(p) => p,
        Err(e) => return app_error_page(ctx, e.into()),
    };
    let team = state.store.team(r.request.team_id).await.map(|t| t.name).unwrap_or_default();
    // Whether the plan paid off, once applied: its group of the transfer report.
    let outcome = match r.applied_at {
        Some(_) => match state.store.transfer_report(ctx.today).await {
            Ok(report) => report.by_plan.into_iter().find(|o| o.key == id.to_string()),
            Err(e) => return app_error_page(ctx, e.into()),
        },
        None => None,
    };
    let currency = Currency::parse(&state.settings().await.currency).unwrap_or_else(|_| Currency::rub());
    let editable = manages(&user.employee) && r.applied_at.is_none();
    let title = format!("{} · {team}", ctx.t.planning.plan_of);
    let shown = view::Shown {
        currency: &currency,
        editable,
        transfers: &transfers,
        people: &people,
        outcome: outcome.as_ref(),
    };
    let body = view::plan(ctx, &title, &r, &shown, refused.as_ref());
    (page_status(refused.as_ref()), page(ctx, Nav::Transfers, &title, body)).into_response()
}

/// `POST /planning/{id}/apply`: the plan becomes transfers.
pub(super) async fn apply(
    State(state): State<AppState>,
    PathId(id): PathId<RedistributionId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    let r = match visible(&state, &user, id).await {
        Ok(r) => r,
        Err(e) => return app_error_page(&ctx, e),
    };
    if let Err(e) = check_planner(&user, r.request.team_id) {
        return app_error_page(&ctx, e);
    }
    let result = match params.get("effective_on") {
        // A date that does not read is refused by name, not replaced by today.
        Some(typed) if crate::api::parse_date(typed).is_none() => {
            Err(AppError::invalid("effective_on", Reason::Date { value: typed.to_string() }))
        }
        typed => {
            let req = ApplyRedistribution { effective_on: typed.and_then(crate::api::parse_date) };
            let settings = state.settings().await;
            let actor = user.actor(state.clock.now());
            service::apply(&*state.store, &actor, id, &req, &settings, ctx.today)
                .await
                .map(|_| ())
                .map_err(AppError::from)
        }
    };
    match result {
        Ok(()) => see_other(&format!("/planning/{id}")),
        Err(e @ (AppError::Validation(_) | AppError::Conflict(_))) => {
            let mut ctx = ctx;
            ctx.back = format!("/planning/{id}");
            render_plan(&state, &user, &ctx, id, Some(Refused { at: (), params: &params, error: &e })).await
        }
        Err(e) => app_error_page(&ctx, e),
    }
}
