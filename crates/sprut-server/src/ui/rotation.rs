//! Rotation pages: the head's review of dead clients with the decision forms, the sales-cycle
//! table, the rep's weekly reports and the scorecard.

use super::extract::{Page, PathAction, PathId, Posted};
use super::format;
use super::layout::{app_error_page, csrf_field, error_page, page, see_other, Ctx, Nav};
use super::{name_of, reps_and_heads, Params};
use crate::api::access::{require_manager, require_visible, require_write};
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::assignment::AssignmentKind;
use sprut_core::employee::{Employee, EmployeeStatus, Role};
use sprut_core::rules::cycle::CycleStats;
use sprut_core::rules::day::RotationPolicy;
use sprut_core::rules::dead::DeadClient;
use sprut_core::rules::extension::{ExtensionReason, ExtensionRequest};
use sprut_core::rules::reports::ReportStatus;
use sprut_core::rules::service::{cycle_report, dead_review, missing, rep_scorecard};
use sprut_core::rules::store::{ClientBrief, NewReport, RotationStore};
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::Reason;
use sprut_core::{ClientId, EmployeeId};
use std::collections::HashMap;

fn fig(ctx: &Ctx, v: Option<f64>) -> String {
    v.map_or("—".into(), |x| format::decimal(ctx.lang, x))
}

/// Words of an extension reason.
fn reason_word(ctx: &Ctx, r: ExtensionReason) -> &'static str {
    match r {
        ExtensionReason::PurchaseCycle => ctx.t.rotation.purchase_cycle,
        ExtensionReason::BudgetPeriod => ctx.t.rotation.budget_period,
        ExtensionReason::CorporateGroup => ctx.t.rotation.corporate_group,
        ExtensionReason::StateFunding => ctx.t.rotation.state_funding,
        ExtensionReason::Seasonality => ctx.t.rotation.seasonality,
    }
}

/// The three decision forms for one dead client; a recall goes to rest or straight to one of
/// `receivers` (the holder's active teammates).
fn decision_forms(ctx: &Ctx, dead: &DeadClient, receivers: &[&Employee]) -> Markup {
    let id = dead.client_id;
    html! {
        // Only a development can be extended; an account is recalled or archived.
        @if dead.kind == AssignmentKind::Development { form.inline-form method="post" action={ "/clients/" (id) "/decide/extend" } {
            (csrf_field(ctx))
            select name="reason" aria-label=(ctx.t.rotation.reason) {
                @for r in ExtensionReason::ALL { option value=(r.as_str()) { (reason_word(ctx, *r)) } }
            }
            input type="text" name="text" required placeholder=(ctx.t.rotation.facts) aria-label=(ctx.t.rotation.facts);
            input type="date" name="until" required aria-label=(ctx.t.rotation.until);
            button.btn type="submit" { (ctx.t.rotation.extend) }
        } }
        form.inline-form method="post" action={ "/clients/" (id) "/decide/recall" } {
            (csrf_field(ctx))
            input type="text" name="reason" required placeholder=(ctx.t.rotation.why) aria-label=(ctx.t.rotation.why);
            select name="to" aria-label=(ctx.t.rotation.to_whom) {
                option value="" { (ctx.t.rotation.to_rest) }
                @for r in receivers { option value=(r.id) { (r.name) } }
            }
            button.btn type="submit" { (ctx.t.rotation.recall) }
        }
        form.inline-form method="post" action={ "/clients/" (id) "/decide/archive" } {
            (csrf_field(ctx))
            input type="text" name="reason" required placeholder=(ctx.t.rotation.why) aria-label=(ctx.t.rotation.why);
            button.btn type="submit" { (ctx.t.rotation.archive) }
        }
    }
}

/// `GET /rotation`: the head's review of dead clients.
pub(super) async fn review(State(state): State<AppState>, Page { user, ctx }: Page) -> Response {
    if !matches!(user.employee.role, Role::Admin | Role::Head | Role::Auditor) {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let policy = RotationPolicy::from_settings(&state.settings().await);
    let (dead, late) = match (
        dead_review(&*state.store, &user.scope, ctx.today, &policy).await,
        missing(&*state.store, &user.scope, ctx.today).await,
    ) {
        (Ok(d), Ok(m)) => (d, m),
        (Err(e), _) | (_, Err(e)) => return app_error_page(&ctx, e.into()),
    };
    let people = match reps_and_heads(&state).await {
        Ok(p) => p,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    // The clients and holders of the missing reports, by name.
    let late_ids: Vec<ClientId> = late.iter().map(|m| m.client_id).collect();
    let late_names: HashMap<ClientId, ClientBrief> = match state.store.client_briefs(&late_ids).await {
        Ok(b) => b.into_iter().map(|b| (b.client_id, b)).collect(),
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let load: HashMap<EmployeeId, i64> = match state.store.rep_loads().await {
        Ok(l) => l.into_iter().map(|r| (r.employee_id, r.development_load)).collect(),
        Err(e) => return app_error_page(&ctx, e.into()),
    };
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
    let may_decide = user.employee.role != Role::Auditor;
    let title = ctx.t.rotation.dead_clients;
    let body = html! {
        div.page-head { h1 { (title) } }
        p { a href="/rotation/cycle" { (ctx.t.rotation.sales_cycle) } " · "
            a href="/rotation/scorecard" { (ctx.t.rotation.rep_scorecard) } }
        p.muted { (ctx.t.rotation.clients_held_past_cycle) }
        @if dead.is_empty() { div.empty #dead-empty { p.empty-title { (ctx.t.rotation.no_dead_clients) } } }
        @else { div.table-wrap { table.grid #dead {
            thead { tr {
                th { (ctx.t.rotation.client) } th { (ctx.t.rotation.holder) } th.num { (ctx.t.rotation.days) }
                th.num { (ctx.t.rotation.cycle) } th { (ctx.t.rotation.last_activity) }
                th { (ctx.t.rotation.last_report) } th.num { (ctx.t.rotation.deals) }
                th.num { (ctx.t.rotation.potential) } th { (ctx.t.rotation.why) }
                @if may_decide { th { (ctx.t.rotation.decision) } }
            } }
            tbody { @for e in &dead { tr {
                td.name { a href={ "/clients/" (e.dead.client_id) } { (e.brief.name) } }
                td { (e.brief.holder_name.as_deref().unwrap_or("—")) }
                td.num { (e.dead.days_held) }
                td.num { (e.cycle.days) }
                td.nowrap { (format::opt_date(ctx.lang, e.last_activity)) }
                td { (format::opt_date(ctx.lang, e.brief.last_report_week))
                     @if let Some(s) = e.brief.last_report_status { " " span.badge { (s.as_str()) } } }
                td.num { (e.brief.won_deals) }
                td.num { (sprut_core::money::format_minor(e.brief.potential_minor)) }
                td.explain { @for w in &e.why { div { (w) } } }
                @if may_decide { td { (decision_forms(&ctx, &e.dead, &receivers(e.dead.employee_id))) } }
            } } }
        } } }
        h2 { (ctx.t.rotation.missing_weekly_reports) }
        @if late.is_empty() { p.muted { (ctx.t.rotation.every_report_is_in) } }
        @else { ul #missing { @for m in &late { li {
            a href={ "/clients/" (m.client_id) } { (late_names.get(&m.client_id).map_or_else(|| m.client_id.to_string(), |b| b.name.clone())) }
            " — " (name_of(&people, m.employee_id)) ", " (ctx.t.rotation.week_of) (format::date(ctx.lang, m.week))
        } } } }
    };
    page(&ctx, Nav::Rotation, title, body).into_response()
}

fn stats_row(ctx: &Ctx, name: &str, s: &CycleStats) -> Markup {
    html! { tr {
        td { (name) } td.num { (s.n) } td.num { (s.censored) } td.num { (fig(ctx, s.mean)) } td.num { (fig(ctx, s.median)) }
        td.num { (fig(ctx, s.p80)) } td.num { (s.km_median.map_or("—".into(), |d| d.to_string())) }
    } }
}

/// `GET /rotation/cycle`: the sales cycle per segment and company-wide.
pub(super) async fn cycle(State(state): State<AppState>, Page { ctx, .. }: Page) -> Response {
    let table = match cycle_report(&*state.store, ctx.today).await {
        Ok(t) => t,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let title = ctx.t.rotation.sales_cycle;
    let body = html! {
        div.page-head { h1 { (title) } }
        p.muted { (ctx.t.rotation.days_from_start_of) }
        div.table-wrap { table.grid #cycle {
            thead { tr {
                th { (ctx.t.rotation.segment) } th.num { (ctx.t.rotation.sales) } th.num { (ctx.t.rotation.censored) }
                th.num { (ctx.t.rotation.mean) } th.num { (ctx.t.rotation.median) } th.num { "p80" }
                th.num { (ctx.t.rotation.k_m_median) }
            } }
            tbody {
                (stats_row(&ctx, ctx.t.rotation.company, &table.company))
                @for (name, s) in &table.segments { (stats_row(&ctx, name, s)) }
            }
        } }
        @if table.left_out > 0 {
            p.muted #cycle-left-out { (ctx.t.rotation.deals_left_out_with) (table.left_out) }
        }
    };
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
    let s = match rep_scorecard(&*state.store, who, ctx.today).await {
        Ok(s) => s,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    // A head picks among his teams' reps, an administrator or auditor among all; a rep sees his own.
    let mut reps: Vec<Employee> = match reps_and_heads(&state).await {
        Ok(p) => p.into_values().filter(|e| e.role == Role::Rep && user.scope.oversees(e.team_id)).collect(),
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    reps.sort_by(|a, b| a.name.cmp(&b.name));
    let name = match state.store.employee(who).await {
        Ok(e) => e.name,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let title = format!("{} · {name}", ctx.t.rotation.rep_scorecard);
    let rows: [(&str, String); 7] = [
        (ctx.t.rotation.clients_held, s.clients_held.to_string()),
        (ctx.t.rotation.development_periods, s.development_periods.to_string()),
        (ctx.t.rotation.converted_to_sale, s.converted.to_string()),
        (ctx.t.rotation.conversion_rate, s.conversion_rate.map_or("—".into(), |r| format!("{:.0} %", r * 100.0))),
        (ctx.t.rotation.days_to_first_sale, fig(&ctx, s.mean_days_to_first_sale)),
        (ctx.t.rotation.hopeless_then_sold, s.hopeless_then_sold.to_string()),
        (ctx.t.rotation.missing_reports, s.missing_reports.to_string()),
    ];
    let body = html! {
        div.page-head { h1 { (title) } }
        @if !reps.is_empty() {
            form.filters method="get" action="/rotation/scorecard" {
                div.field {
                    label for="sc-rep" { (ctx.t.rotation.rep) }
                    select #sc-rep name="employee_id" {
                        @for r in &reps { option value=(r.id) selected[r.id == who] { (r.name) } }
                    }
                }
                div.field.field-actions { button.btn.btn-primary type="submit" { (ctx.t.apply) } }
            }
        }
        table.grid #scorecard { tbody { @for (k, v) in &rows { tr { th { (k) } td.num { (v) } } } } }
    };
    page(&ctx, Nav::Rotation, &title, body).into_response()
}

/// `GET /rotation/reports`: the caller's development clients with the weekly report form.
pub(super) async fn reports(State(state): State<AppState>, Page { user, ctx }: Page) -> Response {
    let held = match state.store.holding_facts(&Scope::HeldBy(user.employee.id), ctx.today).await {
        Ok(h) => h,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let dev: Vec<_> = held.iter().filter(|h| h.kind == AssignmentKind::Development).collect();
    let ids: Vec<ClientId> = dev.iter().map(|h| h.client_id).collect();
    let briefs = match state.store.client_briefs(&ids).await {
        Ok(b) => b,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let title = ctx.t.rotation.weekly_reports;
    let body = html! {
        div.page-head { h1 { (title) } }
        @if briefs.is_empty() { div.empty { p.empty-title { (ctx.t.rotation.no_clients_in_development) } } }
        @for (b, h) in briefs.iter().zip(&dev) {
            section.block {
                h2 { a href={ "/clients/" (b.client_id) } { (b.name) } }
                p.muted { (ctx.t.rotation.due) " " (format::opt_date(ctx.lang, h.extension_until.max(h.due_on)))
                    " · " (ctx.t.rotation.last_report_lower) " " (format::opt_date(ctx.lang, b.last_report_week)) }
                form.inline-form method="post" action={ "/clients/" (b.client_id) "/report" } {
                    (csrf_field(&ctx))
                    input type="hidden" name="week" value=(ctx.today);
                    select name="status" aria-label=(ctx.t.rotation.status) {
                        option value=(ReportStatus::Working.as_str()) { (ctx.t.rotation.working) }
                        option value=(ReportStatus::Postponed.as_str()) { (ctx.t.rotation.postponed_until) }
                        option value=(ReportStatus::Hopeless.as_str()) { (ctx.t.rotation.hopeless) }
                    }
                    input type="date" name="postponed_until" aria-label=(ctx.t.rotation.postponed_until_title);
                    input type="text" name="text" required placeholder=(ctx.t.rotation.what_happened) aria-label=(ctx.t.rotation.what_happened);
                    input type="text" name="next_step" required placeholder=(ctx.t.rotation.next_step) aria-label=(ctx.t.rotation.next_step);
                    button.btn type="submit" { (ctx.t.rotation.submit_report) }
                }
            }
        }
    };
    page(&ctx, Nav::Rotation, title, body).into_response()
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
        return app_error_page(&ctx, AppError::bad_field("status", Reason::Choose));
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
            let (Some(r), Some(until)) =
                (params.parsed::<ExtensionReason>("reason"), params.get("until").and_then(crate::api::parse_date))
            else {
                return app_error_page(&ctx, AppError::bad_field("until", Reason::Required));
            };
            let req = ExtensionRequest { reason: r, text: params.get("text").unwrap_or("").into(), until };
            state.store.extend(&actor, id, &req, ctx.today, &policy).await
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
    match done {
        Ok(_) => see_other("/rotation"),
        Err(e) => app_error_page(&ctx, e.into()),
    }
}
