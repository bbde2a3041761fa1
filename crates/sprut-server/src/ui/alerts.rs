//! The alerts page: what heads (about their teams) and auditors (about everyone) must look at.

use super::extract::{Page, PathId, Posted};
use super::format;
use super::i18n;
use super::layout::{app_error_page, csrf_field, error_page, page, see_other, Ctx, Nav};
use super::{employees_named, name_of, page_status, Params, Refused};
use crate::api::alerts::alert_teams;
use crate::auth::CurrentUser;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use sprut_core::alert::{AlertFilter, AlertKind, AlertStatus};
use sprut_core::employee::Role;
use sprut_core::page::PageRequest;
use sprut_core::scope::manages;
use sprut_core::store::prelude::*;
use sprut_core::{AlertId, CoreError, TeamId};

/// `GET /alerts`: alerts, filtered by kind and status (open ones by default).
pub(super) async fn list(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let Ok(teams) = alert_teams(&user) else { return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None) };
    render(&state, &user, &ctx, teams, Params::new(query), None).await
}

/// The alerts page; `refused` brings back a refused form with what was typed.
async fn render(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    teams: Option<Vec<TeamId>>,
    params: Params,
    refused: Option<Refused<'_, AlertId>>,
) -> Response {
    let kind: Option<AlertKind> = params.parsed("kind");
    let status: Option<AlertStatus> = match params.get("status") {
        Some("all") => None,
        Some(s) => s.parse().ok(),
        None => Some(AlertStatus::Open),
    };
    let filter = AlertFilter { kind, status, employee_id: None };
    let request = PageRequest { after: params.get("after").map(str::to_string), limit: Some(100) };
    let alerts = match state.store.alerts(&filter, teams.as_deref(), &request).await {
        Ok(a) => a,
        Err(e) => return app_error_page(ctx, e.into()),
    };
    let people = match employees_named(state, alerts.items.iter().filter_map(|a| a.employee_id)).await {
        Ok(p) => p,
        Err(e) => return app_error_page(ctx, e.into()),
    };
    let t = ctx.t;
    let lang = ctx.lang;
    let may_close = manages(&user.employee) && user.employee.role != Role::Auditor;
    let body = html! {
        div.page-head { h1 { (t.alerts_title) } }
        p.muted { (t.alerts_lead) }
        @if params.get("closed").is_some() { p.alert.alert-ok role="status" { (t.alert_closed) } }
        form.filters method="get" action="/alerts" {
            div.field {
                label for="a-kind" { (t.kind) }
                select #a-kind name="kind" {
                    option value="" { (t.any) }
                    @for k in AlertKind::ALL { option value=(k.as_str()) selected[kind == Some(*k)] { (i18n::alert_kind(lang, *k)) } }
                }
            }
            div.field {
                label for="a-status" { (t.status) }
                select #a-status name="status" {
                    option value="all" selected[status.is_none()] { (t.any) }
                    @for s in AlertStatus::ALL { option value=(s.as_str()) selected[status == Some(*s)] { (i18n::alert_status(lang, *s)) } }
                }
            }
            div.field.field-actions { button.btn.btn-primary type="submit" { (t.apply) } a.btn.btn-quiet href="/alerts" { (t.reset) } }
        }
        @if alerts.items.is_empty() {
            div.empty #alerts-empty { p.empty-title { (t.no_alerts) } }
        } @else {
            div.table-wrap { table.grid #alerts {
                thead { tr { th { (t.date) } th { (t.alert) } th { (t.about) } th { (t.explanation) } th.num { (t.times) } th { (t.status) } } }
                tbody { @for a in &alerts.items { tr {
                    td { (format::date(lang, a.day)) }
                    td { span class={ "badge alert-" (a.kind.as_str()) } { (i18n::alert_kind(lang, a.kind)) } }
                    td.name { (a.employee_id.map(|id| name_of(&people, id)).unwrap_or_else(|| "—".into())) }
                    td { (sprut_core::alert::summary_in(lang, a, &a.employee_id.map(|id| name_of(&people, id)).unwrap_or_default())) }
                    td.num { (a.count) }
                    td {
                        @let here = Refused::about(refused.as_ref(), &a.id);
                        @let typed = |name: &str| here.map_or("", |r| r.typed(name));
                        @if let Some(r) = here {
                            p.alert.alert-error role="alert" .alert-refused { (super::layout::error_text(ctx, r.error)) }
                        }
                        @if a.status == AlertStatus::Open && may_close && a.kind == AlertKind::PagingLimit {
                            form.inline-form method="post" action={ "/alerts/" (a.id) "/lift" } {
                                (csrf_field(ctx))
                                input type="text" name="reason" required value=(typed("reason")) placeholder=(t.lift_reason) aria-label=(t.lift_reason);
                                button.btn type="submit" { (t.lift_limit) }
                            }
                        }
                        @if a.status == AlertStatus::Open && may_close {
                            form.inline-form method="post" action={ "/alerts/" (a.id) "/close" } {
                                (csrf_field(ctx))
                                input type="text" name="note" required value=(typed("note")) placeholder=(t.close_note) aria-label=(t.close_note);
                                button.btn type="submit" { (t.close_alert) }
                            }
                        } @else {
                            span class={ "badge st-" (a.status.as_str()) } { (i18n::alert_status(lang, a.status)) }
                            @if let Some(note) = &a.note { div.muted.small { (t.closed_note) ": " (note) } }
                        }
                    }
                } } }
            } }
            @if let Some(next) = &alerts.next { p { a href={ "/alerts?after=" (next) } { (t.next_page) } } }
        }
    };
    let status = page_status(refused.as_ref());
    (status, page(ctx, Nav::Alerts, t.alerts_title, body)).into_response()
}

/// `POST /alerts/{id}/close`: closes an alert with a note.
pub(super) async fn close(state: State<AppState>, id: PathId<AlertId>, posted: Posted) -> Response {
    settle(state, id, posted, false).await
}

/// `POST /alerts/{id}/lift`: lifts the daily record limit the alert is about, for its day.
pub(super) async fn lift(state: State<AppState>, id: PathId<AlertId>, posted: Posted) -> Response {
    settle(state, id, posted, true).await
}

/// Closes the alert, or lifts its limit (which closes it too), as a head of its teams.
async fn settle(
    State(state): State<AppState>,
    PathId(id): PathId<AlertId>,
    Posted { user, ctx, params }: Posted,
    lift: bool,
) -> Response {
    let Ok(teams) = alert_teams(&user) else {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    };
    if let Err(e) = crate::api::access::require_manager(&user) {
        return app_error_page(&ctx, e);
    }
    let actor = user.actor(state.clock.now());
    let done = if lift {
        state.store.lift_read_limit(&actor, id, teams.as_deref(), params.get("reason").unwrap_or("")).await
    } else {
        state.store.close_alert(&actor, id, teams.as_deref(), params.get("note").unwrap_or("")).await
    };
    match done {
        Ok(_) => see_other("/alerts?closed=1"),
        Err(e @ (CoreError::Validation(_) | CoreError::Conflict(_))) => {
            let error = e.into();
            let refused = Refused { at: id, params: &params, error: &error };
            render(&state, &user, &ctx, teams, Params::new(vec![]), Some(refused)).await
        }
        Err(e) => app_error_page(&ctx, e.into()),
    }
}
