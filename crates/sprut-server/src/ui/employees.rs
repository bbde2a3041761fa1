//! The employee list for admins, heads (their own teams) and auditors.

use super::employees_view;
use super::extract::{Page, PathId, Posted};
use super::i18n;
use super::layout::{app_error_page, csrf_field, error_page, page, see_other, sees_employees, Ctx, Nav};
use super::{employees_matching, Params};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use sprut_core::employee::{Employee, EmployeePatch, EmployeeStatus, NewEmployee, Role};
use sprut_core::scope::manages;
use sprut_core::store::prelude::*;
use sprut_core::TeamId;
use sprut_core::{FieldError, Reason};
use std::collections::HashMap;

/// `GET /employees`: who works here, in which role, team and status, with their capacity.
pub(super) async fn list(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if !sees_employees(user.employee.role) {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    render(&state, &user, &ctx, Params::new(query), None).await
}

/// A form on the list refused just now, with what was typed and why.
enum Refused<'a> {
    /// The new-employee form.
    Adding(&'a Params, &'a [FieldError]),
    /// An employee's departure.
    Departing(super::Refused<'a, sprut_core::EmployeeId>),
}

/// The employee list; `refused` brings back a refused form as typed, with why.
async fn render(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    params: Params,
    refused: Option<Refused<'_>>,
) -> Response {
    let adding = match &refused {
        Some(Refused::Adding(p, errors)) => Some((*p, *errors)),
        _ => None,
    };
    let departing = match &refused {
        Some(Refused::Departing(r)) => Some(r),
        _ => None,
    };
    let (people, teams) = match (employees_matching(state, &Default::default()).await, state.store.teams().await) {
        (Ok(p), Ok(t)) => (p, t),
        (Err(err), _) | (_, Err(err)) => return app_error_page(ctx, err.into()),
    };
    let admin = user.employee.role == Role::Admin;
    let visible_team = |team: Option<TeamId>| user.scope.oversees(team);
    let team_names: HashMap<TeamId, &str> = teams.iter().map(|t| (t.id, t.name.as_str())).collect();
    let role: Option<Role> = params.parsed("role");
    let status: Option<EmployeeStatus> = params.parsed("status");
    let team: Option<TeamId> = params.parsed("team");
    let mut rows: Vec<&Employee> = people
        .values()
        .filter(|e| visible_team(e.team_id))
        .filter(|e| role.is_none_or(|r| e.role == r))
        .filter(|e| status.is_none_or(|s| e.status == s))
        .filter(|e| team.is_none_or(|t| e.team_id == Some(t)))
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    let managing = manages(&user.employee);
    let may_depart = |e: &Employee| {
        managing && e.id != user.employee.id && matches!(e.status, EmployeeStatus::Active | EmployeeStatus::Absent)
    };
    let t = ctx.t;
    let lang = ctx.lang;
    let body = html! {
        div.page-head { h1 { (t.employees_title) } }
        @if params.get("departed").is_some() { p.alert.alert-ok role="status" #departure-saved { (t.departure_saved) } }
        @if params.get("saved").is_some() { p.alert.alert-ok role="status" #employee-saved { (t.people.saved) } }
        @if admin { (employees_view::add_form(ctx, &teams, adding)) }
        form.filters method="get" action="/employees" {
            div.field {
                label for="e-role" { (t.role) }
                select #e-role name="role" {
                    option value="" { (t.any) }
                    @for r in Role::ALL { option value=(r.as_str()) selected[role == Some(*r)] { (i18n::role(lang, *r)) } }
                }
            }
            div.field {
                label for="e-team" { (t.team) }
                select #e-team name="team" {
                    option value="" { (t.any) }
                    @for tm in teams.iter().filter(|tm| visible_team(Some(tm.id))) {
                        option value=(tm.id) selected[team == Some(tm.id)] { (tm.name) }
                    }
                }
            }
            div.field {
                label for="e-status" { (t.status) }
                select #e-status name="status" {
                    option value="" { (t.any) }
                    @for s in EmployeeStatus::ALL {
                        option value=(s.as_str()) selected[status == Some(*s)] { (i18n::employee_status(lang, *s)) }
                    }
                }
            }
            div.field.field-actions {
                button.btn.btn-primary type="submit" { (t.apply) }
                a.btn.btn-quiet href="/employees" { (t.reset) }
            }
        }
        @if rows.is_empty() {
            div.empty { p.empty-title { (t.no_employees) } }
        } @else {
            div.table-wrap { table.grid #employees {
                thead { tr {
                    th { (t.person_name) } th { (t.email) } th { (t.role) } th { (t.team) } th { (t.region) }
                    th { (t.status) } th.num { (t.capacity) }
                    @if admin { th {} }
                } }
                tbody { @for e in &rows { tr {
                    td.name { (e.name) }
                    td { a href={ "mailto:" (e.email) } { (e.email) } }
                    td {
                        (i18n::role(lang, e.role))
                        @if let Some(d) = e.department { span.muted.small { " · " (i18n::department(lang, d)) } }
                        @if let Some(s) = e.specialisation { span.muted.small { " · " (i18n::specialisation(lang, s)) } }
                    }
                    td { (e.team_id.and_then(|id| team_names.get(&id).copied()).unwrap_or("")) }
                    td { (e.region.as_deref().unwrap_or("")) }
                    td { span class={ "badge emp-" (e.status.as_str()) } { (i18n::employee_status(lang, e.status)) }
                        @if let Some(day) = e.last_day { " " span.muted.small { (super::format::date(lang, day)) } }
                        @if may_depart(e) {
                            @let refused_here = super::Refused::about(departing, &e.id);
                            @if let Some(r) = refused_here { span.field-error.depart-error { (super::layout::error_text(ctx, r.error)) } }
                            details.menu.depart open[refused_here.is_some()] {
                                summary.btn-quiet.small { (t.depart) }
                                form.inline-form method="post" action={ "/employees/" (e.id) "/depart" } {
                                    (csrf_field(ctx))
                                    label { (t.last_day) " " input type="date" name="last_day" required min=(ctx.today.to_string())
                                        value=(refused_here.map_or("", |r| r.typed("last_day"))); }
                                    button.btn type="submit" { (t.depart) }
                                }
                                @if matches!(e.role, Role::Rep | Role::Head) {
                                    form.inline-form method="post" action={ "/employees/" (e.id) "/offboard" } {
                                        (csrf_field(ctx))
                                        label { (t.last_day) " " input type="date" name="last_day" required min=(ctx.today.to_string()); }
                                        button.btn.btn-primary type="submit" { (ctx.t.offboard) }
                                    }
                                }
                            }
                        } }
                    td.num { @if e.role == Role::Rep { (e.capacity) } @else { span.muted { "—" } } }
                    @if admin { td { (employees_view::edit_menu(ctx, e, &teams)) } }
                } } }
            } }
            p.muted.small { (t.shown) ": " (rows.len()) }
        }
    };
    let status = match refused {
        Some(Refused::Adding(..)) => StatusCode::UNPROCESSABLE_ENTITY,
        Some(Refused::Departing(r)) => r.error.status(),
        None => StatusCode::OK,
    };
    (status, page(ctx, Nav::Employees, t.employees_title, body)).into_response()
}

/// `POST /employees/{id}/depart`: records a departure (the same rules as the API).
pub(super) async fn depart(
    State(state): State<AppState>,
    PathId(id): PathId<sprut_core::EmployeeId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    let done = match params.get("last_day").and_then(crate::api::parse_date) {
        Some(last_day) => crate::api::employees::record_departure(&state, &user, id, last_day).await.map(|_| ()),
        None => Err(AppError::invalid("last_day", Reason::Required)),
    };
    match done {
        Ok(()) => see_other("/employees?departed=1"),
        Err(e @ (AppError::Validation(_) | AppError::Conflict(_))) if sees_employees(user.employee.role) => {
            render(
                &state,
                &user,
                &ctx,
                Params::new(vec![]),
                Some(Refused::Departing(super::Refused { at: id, params: &params, error: &e })),
            )
            .await
        }
        Err(e) => app_error_page(&ctx, e),
    }
}

/// `POST /employees`: the administrator adds an employee; refused, the list comes back with the
/// form as typed and each error beside its field.
pub(super) async fn add(State(state): State<AppState>, Posted { user, ctx, params }: Posted) -> Response {
    let text = |name: &str| params.get(name).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    let new = NewEmployee {
        email: text("email").unwrap_or_default(),
        name: text("name").unwrap_or_default(),
        role: params.parsed("role").unwrap_or(Role::Rep),
        department: params.parsed("department"),
        team_id: params.parsed("team_id"),
        region: text("region"),
        capacity: params.parsed("capacity"),
        specialisation: params.parsed("specialisation"),
        language: None,
    };
    match crate::api::employees::add(&state, &user, new, text("password")).await {
        Ok(_) => see_other("/employees?saved=1"),
        Err(AppError::Validation(errors)) => {
            render(&state, &user, &ctx, Params::new(vec![]), Some(Refused::Adding(&params, &errors))).await
        }
        Err(e) => app_error_page(&ctx, e),
    }
}

/// `POST /employees/{id}/edit`: the administrator changes an employee's role, team,
/// department and capacity.
pub(super) async fn edit(
    State(state): State<AppState>,
    PathId(id): PathId<sprut_core::EmployeeId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    if let Err(e) = crate::api::access::require_admin(&user) {
        return app_error_page(&ctx, e);
    }
    let role: Option<Role> = params.parsed("role");
    let patch = EmployeePatch {
        role,
        team_id: Some(params.parsed("team_id")),
        department: Some(params.parsed("department").filter(|_| role == Some(Role::Staff))),
        capacity: params.parsed("capacity"),
        ..EmployeePatch::default()
    };
    match state.store.update_employee(&user.actor(state.clock.now()), id, patch).await {
        Ok(_) => see_other("/employees?saved=1"),
        Err(e) => app_error_page(&ctx, e.into()),
    }
}

/// `POST /employees/{id}/password`: the administrator sets a new password; the employee's
/// sessions and API tokens end.
pub(super) async fn password(
    State(state): State<AppState>,
    PathId(id): PathId<sprut_core::EmployeeId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    match crate::api::employees::reset_password(&state, &user, id, params.raw("password")).await {
        Ok(()) => see_other("/employees?saved=1"),
        Err(e) => app_error_page(&ctx, e),
    }
}
