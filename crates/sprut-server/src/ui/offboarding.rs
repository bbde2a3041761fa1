//! The offboarding playbook in the UI: the list, and one page per leaver with the progress,
//! the plan (receiver, risk, retention decision per client) and the transfers it became.

use super::extract::{Page, PathAction, PathId, Posted};
use super::format;
use super::layout::{app_error_page, error_page, page, see_other, Ctx, Nav};
use super::{employees_named, name_of, page_status, reps_and_heads, Refused};
use crate::api::offboarding::view;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use maud::html;
use sprut_core::employee::{Employee, EmployeeStatus, Role};
use sprut_core::handover::offboarding::{OffboardingState, PlanChange, Retention, StartOffboarding};
use sprut_core::handover::service;
use sprut_core::handover::HandoverStore;
use sprut_core::page::PageRequest;
use sprut_core::scope::manages;
use sprut_core::Reason;
use sprut_core::{ClientId, EmployeeId, OffboardingId};
use std::collections::HashMap;

/// `GET /offboardings`: the playbooks.
pub(super) async fn list(State(state): State<AppState>, Page { user, ctx }: Page) -> Response {
    if !matches!(user.employee.role, Role::Admin | Role::Head | Role::Auditor) {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let got = match state.store.offboardings(&PageRequest { after: None, limit: Some(200) }).await {
        Ok(o) => o,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let people = match employees_named(&state, got.items.iter().map(|o| o.employee_id)).await {
        Ok(p) => p,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let mine = |e: EmployeeId| user.scope.oversees(people.get(&e).and_then(|e| e.team_id));
    let title = ctx.t.offboarding.offboarding;
    let body = html! {
        nav.crumbs { a href="/transfers" { "← " (ctx.t.offboarding.transfers) } }
        div.page-head { h1 { (title) } }
        p.muted { (ctx.t.offboarding.when_rep_leaves_his) }
        @let rows: Vec<_> = got.items.iter().filter(|o| mine(o.employee_id)).collect();
        @if rows.is_empty() { div.empty { p.empty-title { (ctx.t.offboarding.no_playbooks) } } }
        @else { div.table-wrap { table.grid #offboardings {
            thead { tr { th { (ctx.t.offboarding.employee) } th { (ctx.t.offboarding.last_day) } th.num { (ctx.t.nav_clients) } th.num { (ctx.t.offboarding.at_risk) } th { (ctx.t.status) } } }
            tbody { @for o in rows { tr {
                td { a href={ "/offboardings/" (o.id) } { (name_of(&people, o.employee_id)) } }
                td { (format::date(ctx.lang, o.last_day)) }
                td.num { (o.items.len()) }
                td.num { (o.items.iter().filter(|i| i.risk.at_risk).count()) }
                td { (super::i18n::offboarding_state(ctx.t, o.state)) }
            } } }
        } } }
    };
    page(&ctx, Nav::Transfers, title, body).into_response()
}

/// Who may receive the leaver's clients, the reps and heads of the viewer's own teams first.
fn receivers<'a>(
    people: &'a HashMap<EmployeeId, Employee>,
    leaver: EmployeeId,
    scope: &sprut_core::scope::Scope,
) -> Vec<&'a Employee> {
    let mine = |e: &Employee| scope.oversees(e.team_id);
    let mut v: Vec<&Employee> = people
        .values()
        .filter(|e| matches!(e.role, Role::Rep | Role::Head) && e.status == EmployeeStatus::Active && e.id != leaver)
        .collect();
    v.sort_by(|a, b| (!mine(a), &a.name).cmp(&(!mine(b), &b.name)));
    v
}

/// `GET /offboardings/{id}`: the whole playbook on one page.
pub(super) async fn show(
    State(state): State<AppState>,
    uri: Uri,
    Page { user, mut ctx }: Page,
    PathId(id): PathId<OffboardingId>,
) -> Response {
    ctx.back = uri.path().to_string();
    render(&state, &user, &ctx, id, None).await
}

/// The playbook's page; `refused` brings back a refused plan change with what was typed.
async fn render(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    id: OffboardingId,
    refused: Option<Refused<'_, ()>>,
) -> Response {
    let v = match view(state, user, id).await {
        Ok(v) => v,
        Err(e) => return app_error_page(ctx, e),
    };
    // The receivers to choose from, and whoever else the playbook names.
    let named = std::iter::once(v.offboarding.employee_id)
        .chain(v.offboarding.items.iter().filter_map(|i| i.destination()))
        .chain(v.transfers.iter().flat_map(super::transfers::named_in));
    let people = match (reps_and_heads(state).await, employees_named(state, named).await) {
        (Ok(mut p), Ok(n)) => {
            p.extend(n);
            p
        }
        (Err(e), _) | (_, Err(e)) => return app_error_page(ctx, e.into()),
    };
    let o = &v.offboarding;
    let editable = manages(&user.employee) && o.state == OffboardingState::Active && o.applied_at.is_none();
    let title = format!("{} · {}", ctx.t.offboarding.offboarding_short, name_of(&people, o.employee_id));
    let offered = receivers(&people, o.employee_id, &user.scope);
    let body = super::offboarding_view::show(ctx, &title, &v, &people, &offered, editable, refused.as_ref());
    let status = page_status(refused.as_ref());
    (status, page(ctx, Nav::Transfers, &title, body)).into_response()
}

/// `POST /offboardings/{id}/plan` and `/apply`.
pub(super) async fn act(
    State(state): State<AppState>,
    PathId(id): PathId<OffboardingId>,
    PathAction(what): PathAction,
    Posted { user, ctx, params }: Posted,
) -> Response {
    if let Err(e) = view(&state, &user, id).await.and_then(|_| crate::api::access::require_manager(&user)) {
        return app_error_page(&ctx, e);
    }
    let now = state.clock.now();
    let actor = user.actor(now);
    let result = match what.as_str() {
        "plan" => {
            let retention = (params.get("offer").is_some() || params.get("note").is_some()).then(|| Retention {
                offer: params.get("offer").map(str::to_string),
                discount_percent: params.parsed("discount_percent"),
                note: params.get("note").unwrap_or("").to_string(),
            });
            // One client from its row, or every client ticked for the same retention decision.
            let clients: Vec<ClientId> = params.all("client_id").filter_map(|c| c.parse().ok()).collect();
            if clients.is_empty() {
                return app_error_page(&ctx, AppError::invalid("client_id", Reason::NoClients));
            }
            let mut done = Ok(());
            for client_id in clients {
                let change =
                    PlanChange { client_id, override_to: params.parsed("override_to"), retention: retention.clone() };
                done = state.store.change_plan(&actor, id, &change).await.map(|_| ()).map_err(AppError::from);
                if done.is_err() {
                    break;
                }
            }
            done
        }
        "apply" => match params.get("effective_on") {
            // A date that does not read is refused by name, not replaced by today.
            Some(typed) if crate::api::parse_date(typed).is_none() => {
                Err(AppError::invalid("effective_on", Reason::Date { value: typed.to_string() }))
            }
            typed => {
                let on = typed.and_then(crate::api::parse_date).unwrap_or(ctx.today);
                let settings = state.settings().await;
                service::apply_offboarding(&*state.store, &actor, id, on, &settings, ctx.today)
                    .await
                    .map(|_| ())
                    .map_err(AppError::from)
            }
        },
        _ => return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None),
    };
    match result {
        Ok(()) => see_other(&format!("/offboardings/{id}")),
        Err(e @ (AppError::Validation(_) | AppError::Conflict(_))) => {
            let mut ctx = ctx;
            ctx.back = format!("/offboardings/{id}");
            render(&state, &user, &ctx, id, Some(Refused { at: (), params: &params, error: &e })).await
        }
        Err(e) => app_error_page(&ctx, e),
    }
}

/// `POST /employees/{id}/offboard`: starts the playbook from the employee list.
pub(super) async fn start(
    State(state): State<AppState>,
    PathId(id): PathId<EmployeeId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    let Some(last_day) = params.get("last_day").and_then(crate::api::parse_date) else {
        return app_error_page(&ctx, AppError::invalid("last_day", Reason::Required));
    };
    let req = StartOffboarding { last_day, by_specialisation: true };
    if let Err(e) = crate::api::offboarding::check_starter(&state, &user, id).await {
        return app_error_page(&ctx, e);
    }
    let now = state.clock.now();
    let settings = state.settings().await;
    match service::start_offboarding(&*state.store, &user.actor(now), id, &req, &settings, ctx.today).await {
        Ok(o) => see_other(&format!("/offboardings/{}", o.id)),
        Err(e) => app_error_page(&ctx, e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::receivers;
    use sprut_core::employee::Role;
    use sprut_core::scope::Scope;

    #[test]
    fn a_head_is_offered_his_own_teams_receivers_first() {
        let data = sprut_demo::generate(1, time::macros::date!(2026 - 03 - 02));
        let people = data.employees.iter().map(|e| (e.id, e.clone())).collect();
        let head = data.employees.iter().find(|e| e.role == Role::Head && e.team_id.is_some()).expect("a head");
        let team = head.team_id.expect("his team");
        let leaver = data.employees.iter().find(|e| e.role == Role::Rep).expect("a rep").id;
        let offered = receivers(&people, leaver, &Scope::Teams(vec![team]));
        let own = offered.iter().take_while(|e| e.team_id == Some(team)).count();
        assert!(own > 0 && offered[own..].iter().all(|e| e.team_id != Some(team)), "own team first");
        assert!(offered.len() > own, "the other teams' reps are still offered, after");
    }
}
