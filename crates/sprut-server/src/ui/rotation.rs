//! Rotation pages: the head's review of dead clients with the decision forms, the sales-cycle
//! table, the rep's weekly reports and the scorecard.

use super::extract::{Page, PathAction, PathId, Posted};
use super::layout::{app_error_page, error_page, page, see_other, Ctx, Nav};
use super::rotation_view as view;
use super::{page_status, reps_and_heads_in, Params, Refused};
use crate::api::access::{require_manager, require_visible, require_write};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sprut_core::assignment::AssignmentKind;
use sprut_core::employee::{Employee, EmployeeStatus, Role};
use sprut_core::rules::day::RotationPolicy;
use sprut_core::rules::extension::{ExtensionReason, ExtensionRequest};
use sprut_core::rules::reports::ReportStatus;
use sprut_core::rules::review::{ReviewQuery, REVIEW_PAGE};
use sprut_core::rules::service::{cycle_report, dead_review, missing, rep_scorecard};
use sprut_core::rules::store::{ClientBrief, NewReport, RotationStore};
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::{ClientId, EmployeeId};
use sprut_core::{CoreError, Reason};
use std::collections::HashMap;

/// `GET /rotation`: the head's review of dead clients.
pub(super) async fn review(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if !matches!(user.employee.role, Role::Admin | Role::Head | Role::Auditor) {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    render_review(&state, &user, &ctx, Params::new(query), None, None).await
}

/// The review with the filters of `params`; `refused` brings back a refused decision.
async fn render_review(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    params: Params,
    refused: Option<view::Decision<'_>>,
    bulk: Option<view::Bulk<'_>>,
) -> Response {
    let q = ReviewQuery {
        rep: params.parsed("rep"),
        reason: params.parsed("reason"),
        segment: params.get("segment").filter(|s| !s.is_empty()).map(str::to_string),
        min_days_over: params.parsed("min_days_over"),
        sort: params.parsed("sort"),
        offset: params.parsed("offset"),
        limit: None,
    };
    let policy = RotationPolicy::from_settings(&state.settings().await);
    // Readers at once: the dead clients, the missing reports and the reps do not wait for each other.
    let (shown, late, people, loads) = match tokio::join!(
        dead_review(&*state.store, &user.scope, ctx.today, &policy, &q),
        missing(&*state.store, &user.scope, ctx.today),
        reps_and_heads_in(state, &user.scope),
        state.store.rep_loads(&user.scope),
    ) {
        (Ok(d), Ok(m), Ok(p), Ok(l)) => (d, m, p, l),
        (Err(e), ..) | (_, Err(e), ..) | (.., Err(e), _) | (.., Err(e)) => return app_error_page(ctx, e.into()),
    };
    // The clients and holders of the missing reports shown, by name.
    let late_ids: Vec<ClientId> = late.iter().take(REVIEW_PAGE).map(|m| m.client_id).collect();
    let late_names: HashMap<ClientId, ClientBrief> = match state.store.client_outlines(&late_ids).await {
        Ok(b) => b.into_iter().map(|b| (b.client_id, b)).collect(),
        Err(e) => return app_error_page(ctx, e.into()),
    };
    let load: HashMap<EmployeeId, i64> = loads.into_iter().map(|r| (r.employee_id, r.development_load)).collect();
    // Active reps with development capacity left, by name.
    let mut reps: Vec<&Employee> = people
        .values()
        .filter(|e| e.role == Role::Rep && e.status == EmployeeStatus::Active)
        .filter(|e| load.get(&e.id).copied().unwrap_or(0) < e.capacity)
        .collect();
    reps.sort_by(|a, b| a.name.cmp(&b.name));
    let receivers = |holder: EmployeeId| -> Vec<&Employee> {
        let team = people.get(&holder).and_then(|h| h.team_id);
        reps.iter().copied().filter(|r| r.id != holder && r.team_id == team).collect()
    };
    let seen: HashMap<EmployeeId, Employee> =
        people.iter().filter(|(_, e)| user.scope.oversees(e.team_id)).map(|(id, e)| (*id, e.clone())).collect();
    let next_url = shown.next.map(|n| params.link("/rotation", &REVIEW_FILTERS, &[("offset", &n.to_string())]));
    let review = view::Review {
        page: &shown,
        query: &q,
        late: &late,
        late_names: &late_names,
        people: &seen,
        may_decide: user.employee.role != Role::Auditor,
        done: params.parsed("done"),
        next_url,
        refused,
        bulk,
    };
    let title = ctx.t.rotation.dead_clients;
    let status = review.bulk.as_ref().map_or_else(|| page_status(review.refused.as_ref()), |b| b.error.status());
    (status, page(ctx, Nav::Rotation, title, view::review(ctx, title, &review, &receivers))).into_response()
}

/// The filters the review's form and its paging links carry.
const REVIEW_FILTERS: [&str; 5] = ["rep", "reason", "segment", "min_days_over", "sort"];

/// `POST /rotation/bulk`: one decision (recall to rest, or archive) with one reason for every
/// client ticked; each is its own decision, as if taken one by one.
pub(super) async fn bulk(State(state): State<AppState>, Posted { user, ctx, params }: Posted) -> Response {
    if let Err(e) = require_manager(&user) {
        return app_error_page(&ctx, e);
    }
    let clients: Vec<ClientId> = params.all("client").filter_map(|c| c.parse().ok()).collect();
    let action = params.get("action").unwrap_or("");
    let reason = params.get("reason").unwrap_or("");
    let (back, filters) = back_to_review(&params);
    let mut refused: Vec<(ClientId, AppError)> = Vec::new();
    let form_error = if clients.is_empty() {
        Some(AppError::invalid("client", Reason::NoClients))
    } else if !matches!(action, "recall" | "archive") {
        Some(AppError::invalid("action", Reason::Choose))
    } else {
        None
    };
    if form_error.is_none() {
        let actor = user.actor(state.clock.now());
        let policy = RotationPolicy::from_settings(&state.settings().await);
        for &id in &clients {
            if let Err(e) = require_visible(&state, &user, id, "client").await {
                refused.push((id, e));
                continue;
            }
            let done = match action {
                "recall" => state.store.recall(&actor, id, None, reason, ctx.today, &policy).await,
                _ => state.store.archive(&actor, id, reason, ctx.today).await,
            };
            if let Err(e) = done {
                refused.push((id, e.into()));
            }
        }
        if refused.is_empty() {
            return see_other(&filters.link("/rotation", &REVIEW_FILTERS, &[("done", &clients.len().to_string())]));
        }
    }
    // Back to the review the decision was taken on, with what was typed and ticked.
    let ids: Vec<ClientId> = refused.iter().map(|(id, _)| *id).collect();
    let names: HashMap<ClientId, String> = match state.store.client_names(&ids).await {
        Ok(b) => b.into_iter().collect(),
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let decided = if form_error.is_some() { 0 } else { clients.len() - refused.len() };
    let error = form_error.unwrap_or_else(|| refused[0].1.clone());
    let at = view::BulkRefusal { decided, refused: &refused, names: &names };
    let mut ctx = ctx;
    ctx.back = back.to_string();
    let bulk = Refused { at, params: &params, error: &error };
    render_review(&state, &user, &ctx, filters, None, Some(bulk)).await
}

/// The review page a form was posted from (its `back`), and that page's filters.
fn back_to_review(params: &Params) -> (&str, Params) {
    let back = params.get("back").filter(|b| b.starts_with("/rotation")).unwrap_or("/rotation");
    let query = back.split_once('?').map_or("", |(_, q)| q);
    (back, Params::new(url::form_urlencoded::parse(query.as_bytes()).into_owned().collect()))
}

/// `GET /rotation/cycle`: the sales cycle per segment and company-wide.
pub(super) async fn cycle(State(state): State<AppState>, Page { ctx, .. }: Page) -> Response {
    let table = match cycle_report(&*state.store, ctx.today).await {
        Ok(t) => t,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let title = ctx.t.rotation.sales_cycle;
    let body = view::cycle(&ctx, title, &table);
    page(&ctx, Nav::Rotation, title, body).into_response()
}

/// `GET /rotation/scorecard`: a rep's scorecard (one's own, or `employee_id` for overseers).
pub(super) async fn scorecard(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let who: EmployeeId = Params::new(query).parsed("employee_id").unwrap_or(user.employee.id);
    if who != user.employee.id {
        let sees = state.store.employee(who).await.is_ok_and(|e| user.scope.oversees(e.team_id));
        if !sees {
            return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
        }
    }
    let cadence = sprut_core::touch::TouchCadence::from_settings(&state.settings().await);
    let s = match rep_scorecard(&*state.store, who, ctx.today, &cadence).await {
        Ok(s) => s,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    // A head picks among his teams' reps, an administrator or auditor among all; a rep sees his own.
    let mut reps: Vec<Employee> = match reps_and_heads_in(&state, &user.scope).await {
        Ok(p) => p.into_values().filter(|e| e.role == Role::Rep && user.scope.oversees(e.team_id)).collect(),
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    reps.sort_by(|a, b| a.name.cmp(&b.name));
    let name = match state.store.employee(who).await {
        Ok(e) => e.name,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let title = format!("{} · {name}", ctx.t.rotation.rep_scorecard);
    let rows: [(&str, String); 8] = [
        (ctx.t.rotation.clients_held, s.clients_held.to_string()),
        (ctx.t.rotation.development_periods, s.development_periods.to_string()),
        (ctx.t.rotation.converted_to_sale, s.converted.to_string()),
        (ctx.t.rotation.conversion_rate, s.conversion_rate.map_or("—".into(), |r| format!("{:.0} %", r * 100.0))),
        (ctx.t.rotation.days_to_first_sale, view::fig(&ctx, s.mean_days_to_first_sale)),
        (ctx.t.rotation.hopeless_then_sold, s.hopeless_then_sold.to_string()),
        (ctx.t.rotation.missing_reports, s.missing_reports.to_string()),
        (ctx.t.workday.touches_long_overdue, s.touches_long_overdue.to_string()),
    ];
    let body = view::scorecard(&ctx, &title, &reps, who, &rows);
    page(&ctx, Nav::Rotation, &title, body).into_response()
}

/// `GET /rotation/reports`: the caller's development clients with the weekly report form.
pub(super) async fn reports(State(state): State<AppState>, Page { user, ctx }: Page) -> Response {
    render_reports(&state, &user, &ctx, None).await
}

/// The weekly reports page; `typed` brings back a refused report with what was typed.
async fn render_reports(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    refused: Option<Refused<'_, ClientId>>,
) -> Response {
    let held = match state.store.holding_facts(&Scope::HeldBy(user.employee.id), ctx.today).await {
        Ok(h) => h,
        Err(e) => return app_error_page(ctx, e.into()),
    };
    let dev: Vec<_> = held.iter().filter(|h| h.kind == AssignmentKind::Development).collect();
    let ids: Vec<ClientId> = dev.iter().map(|h| h.client_id).collect();
    let briefs = match state.store.client_briefs(&ids).await {
        Ok(b) => b,
        Err(e) => return app_error_page(ctx, e.into()),
    };
    let title = ctx.t.rotation.weekly_reports;
    let body = view::reports(ctx, title, &briefs, &dev, refused.as_ref());
    (page_status(refused.as_ref()), page(ctx, Nav::Rotation, title, body)).into_response()
}

/// `POST /clients/{id}/report`: the holder's weekly report.
pub(super) async fn report(
    State(state): State<AppState>,
    PathId(id): PathId<ClientId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    if let Err(e) = require_visible(&state, &user, id, "client").await.and_then(|_| require_write(&user)) {
        return app_error_page(&ctx, e);
    }
    match state.store.client(&user.scope, id).await {
        Ok(c) if c.holder.as_ref().map(|h| h.employee_id) == Some(user.employee.id) => {}
        Ok(_) => return app_error_page(&ctx, AppError::forbidden("only the holder writes the weekly report")),
        Err(e) => return app_error_page(&ctx, e.into()),
    }
    let Some(status) = params.parsed::<ReportStatus>("status") else {
        let error = AppError::invalid("status", Reason::Choose);
        return render_reports(&state, &user, &ctx, Some(Refused { at: id, params: &params, error: &error })).await;
    };
    let req = NewReport {
        client_id: id,
        week: params.get("week").and_then(crate::api::parse_date).unwrap_or(ctx.today),
        status,
        postponed_until: params.get("postponed_until").and_then(crate::api::parse_date),
        text: params.get("text").unwrap_or("").into(),
        next_step: params.get("next_step").unwrap_or("").into(),
    };
    match state.store.write_report(&user.actor(state.clock.now()), user.employee.id, &req, ctx.today).await {
        Ok(_) => see_other("/rotation/reports"),
        Err(e @ (CoreError::Validation(_) | CoreError::Conflict(_))) => {
            let error = e.into();
            render_reports(&state, &user, &ctx, Some(Refused { at: id, params: &params, error: &error })).await
        }
        Err(e) => app_error_page(&ctx, e.into()),
    }
}

/// `POST /clients/{id}/decide/{action}`: extend, recall to rest, or archive (heads and admins).
pub(super) async fn decide(
    State(state): State<AppState>,
    PathId(id): PathId<ClientId>,
    PathAction(action): PathAction,
    Posted { user, ctx, params }: Posted,
) -> Response {
    if let Err(e) = require_visible(&state, &user, id, "client").await.and_then(|_| require_manager(&user)) {
        return app_error_page(&ctx, e);
    }
    let actor = user.actor(state.clock.now());
    let policy = RotationPolicy::from_settings(&state.settings().await);
    let reason = params.get("reason").unwrap_or("");
    let done = match action.as_str() {
        "extend" => {
            match (params.parsed::<ExtensionReason>("reason"), params.get("until").and_then(crate::api::parse_date)) {
                (Some(r), Some(until)) => {
                    let req = ExtensionRequest { reason: r, text: params.get("text").unwrap_or("").into(), until };
                    state.store.extend(&actor, id, &req, ctx.today, &policy).await
                }
                (None, _) => Err(CoreError::field("reason", Reason::Choose)),
                (_, None) => Err(CoreError::field("until", Reason::Required)),
            }
        }
        "recall" => {
            let to = match params.get("to").filter(|v| !v.is_empty()) {
                None => None,
                Some(v) => match v.parse::<EmployeeId>() {
                    Ok(e) => Some(e),
                    Err(_) => return app_error_page(&ctx, AppError::bad_field("to", Reason::Choose)),
                },
            };
            state.store.recall(&actor, id, to, reason, ctx.today, &policy).await
        }
        "archive" => state.store.archive(&actor, id, reason, ctx.today).await,
        _ => return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None),
    };
    // Back to the page and filters the decision was taken on.
    let (back, filters) = back_to_review(&params);
    match done {
        Ok(_) => see_other(back),
        Err(e @ (CoreError::Validation(_) | CoreError::Conflict(_))) => {
            let error = e.into();
            let refused = Refused { at: (id, action.as_str()), params: &params, error: &error };
            let mut ctx = ctx;
            ctx.back = back.to_string();
            render_review(&state, &user, &ctx, filters, Some(refused), None).await
        }
        Err(e) => app_error_page(&ctx, e.into()),
    }
}
