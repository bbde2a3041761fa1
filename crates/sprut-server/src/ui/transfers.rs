//! Transfers in the UI: the list, the wizard that arranges one, and the transfer's page where
//! the two holders and the head work through each client's checklist.

use super::extract::{Page, PathAction, PathId, Posted};
use super::format;
use super::layout::{app_error_page, error_page, page, see_other, Ctx, Nav};
use super::transfers_view as view;
use super::{employees_named, page_status, reps_and_heads, Params, Refused};
use crate::api::transfers::{do_check, visible};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use sprut_core::employee::{Employee, EmployeeStatus, Role};
use sprut_core::handover::checklist::CheckAction;
use sprut_core::handover::service;
use sprut_core::handover::transfer::{NewTransfer, Transfer, TransferFilter};
use sprut_core::handover::HandoverStore;
use sprut_core::page::{PageRequest, MAX_LIMIT};
use sprut_core::scope::{manages, Scope};
use sprut_core::store::prelude::*;
use sprut_core::{ClientId, EmployeeId, TransferId};
use sprut_core::{CoreError, Reason};
use std::collections::HashMap;

/// `GET /transfers`: the transfers the user may see.
pub(super) async fn list(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    if user.employee.role == Role::Staff {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let params = Params::new(q);
    let mut filter = TransferFilter { state: params.parsed("state"), ..TransferFilter::default() };
    if user.employee.role == Role::Rep {
        filter.employee_id = Some(user.employee.id);
    }
    let request = PageRequest { after: params.get("after").map(str::to_string), limit: Some(100) };
    let got = match state.store.transfers(&filter, &request).await {
        Ok(t) => t,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let mut shown = Vec::new();
    for t in got.items {
        match crate::api::transfers::seen_by(&state, &user, t).await {
            Ok(seen) => shown.extend(seen),
            Err(e) => return app_error_page(&ctx, e),
        }
    }
    let people = match employees_named(&state, shown.iter().flat_map(named_in)).await {
        Ok(p) => p,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let title = ctx.t.transfers.client_transfers;
    let body = view::list(&ctx, title, manages(&user.employee), filter.state, &shown, &people, got.next.as_deref());
    page(&ctx, Nav::Transfers, title, body).into_response()
}

/// The employees a transfer names: its giver and receivers.
pub(crate) fn named_in(t: &Transfer) -> Vec<EmployeeId> {
    std::iter::once(t.from_id).chain(t.items.iter().map(|i| i.to_id)).collect()
}

/// Holders (reps and heads) the user may hand clients away from: in his scope.
fn holders<'a>(user: &CurrentUser, people: &'a HashMap<EmployeeId, Employee>) -> Vec<&'a Employee> {
    let mut v: Vec<&Employee> = people
        .values()
        .filter(|e| matches!(e.role, Role::Rep | Role::Head) && e.status != EmployeeStatus::Departed)
        .filter(|e| user.scope.oversees(e.team_id))
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// `GET /transfers/new`: choose the giving holder, then his clients, the receivers and the day.
pub(super) async fn wizard(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    if !manages(&user.employee) {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    render_wizard(&state, &user, &ctx, Params::new(q), None).await
}

/// The wizard for the giver `params` names; `refused` brings back a refused transfer with
/// what was chosen and typed, and why.
async fn render_wizard(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    params: Params,
    refused: Option<Refused<'_, ()>>,
) -> Response {
    let people = match reps_and_heads(state).await {
        Ok(p) => p,
        Err(e) => return app_error_page(ctx, e.into()),
    };
    let from: Option<EmployeeId> = params.parsed("from");
    let givers = holders(user, &people);
    let book = match from {
        Some(f) => {
            let scope = Scope::HeldBy(f);
            let request = PageRequest { after: None, limit: Some(MAX_LIMIT) };
            match state.store.clients(&scope, &Default::default(), &request).await {
                Ok(p) => p.items,
                Err(e) => return app_error_page(ctx, e.into()),
            }
        }
        None => Vec::new(),
    };
    let mut receivers: Vec<&Employee> = people
        .values()
        .filter(|e| {
            matches!(e.role, Role::Rep | Role::Head) && e.status == EmployeeStatus::Active && Some(e.id) != from
        })
        .collect();
    receivers.sort_by(|a, b| a.name.cmp(&b.name));
    let title = ctx.t.transfers.new_transfer;
    let body = view::wizard(ctx, title, &givers, from, &people, &book, &receivers, refused.as_ref());
    let status = page_status(refused.as_ref());
    (status, page(ctx, Nav::Transfers, title, body)).into_response()
}

/// `POST /transfers`: creates the transfer from the wizard.
pub(super) async fn create(State(state): State<AppState>, Posted { user, ctx, params }: Posted) -> Response {
    let many = |name: &str| -> Vec<String> { params.all(name).map(str::to_string).collect() };
    let req = NewTransfer {
        cause: params.parsed("cause"),
        from_id: match params.parsed("from_id") {
            Some(f) => f,
            None => return app_error_page(&ctx, AppError::invalid("from_id", Reason::Choose)),
        },
        clients: many("client").iter().filter_map(|c| c.parse().ok()).collect(),
        to: many("to").iter().filter_map(|c| c.parse().ok()).collect(),
        assign: vec![],
        by_specialisation: params.get("by_specialisation").is_some(),
        effective_on: match params.get("effective_on").and_then(crate::api::parse_date) {
            Some(d) => d,
            None => return app_error_page(&ctx, AppError::invalid("effective_on", Reason::Required)),
        },
        note: params.get("note").unwrap_or("").to_string(),
    };
    if let Err(e) = crate::api::access::require_manager(&user) {
        return app_error_page(&ctx, e);
    }
    for c in &req.clients {
        if let Err(e) = crate::api::access::require_visible(&state, &user, *c, "client").await {
            return app_error_page(&ctx, e);
        }
    }
    let now = state.clock.now();
    let settings = state.settings().await;
    match service::create_transfer(&*state.store, &user.actor(now), req, &settings, ctx.today).await {
        Ok(t) => see_other(&format!("/transfers/{}", t.id)),
        Err(e @ (CoreError::Validation(_) | CoreError::Conflict(_))) => {
            let error = e.into();
            let from = Params::new(vec![("from".into(), params.get("from_id").unwrap_or("").into())]);
            render_wizard(&state, &user, &ctx, from, Some(Refused { at: (), params: &params, error: &error })).await
        }
        Err(e) => app_error_page(&ctx, e.into()),
    }
}

/// `GET /transfers/{id}`: the transfer and its checklists.
pub(super) async fn show(
    State(state): State<AppState>,
    uri: Uri,
    Page { user, mut ctx }: Page,
    PathId(id): PathId<TransferId>,
) -> Response {
    ctx.back = uri.path().to_string();
    render(&state, &user, &ctx, id, None).await
}

/// The transfer's page; `refused` brings back a refused checklist step with what was typed.
async fn render(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    id: TransferId,
    refused: Option<Refused<'_, ClientId>>,
) -> Response {
    let t = match visible(state, user, id).await {
        Ok(t) => t,
        Err(e) => return app_error_page(ctx, e),
    };
    let people = match employees_named(state, named_in(&t)).await {
        Ok(p) => p,
        Err(e) => return app_error_page(ctx, e.into()),
    };
    let title = format!("{} · {}", ctx.t.transfers.transfer, format::date(ctx.lang, t.effective_on));
    let status = page_status(refused.as_ref());
    let body = view::show(ctx, &title, &t, user, &people, refused.as_ref());
    (status, page(ctx, Nav::Transfers, &title, body)).into_response()
}

/// An amount a person typed in roubles and kopecks (`846 000,50`), as kopecks.
fn roubles(typed: Option<&str>) -> Result<i64, AppError> {
    let bad = || AppError::invalid("total", Reason::Amount { value: typed.unwrap_or_default().to_string() });
    match typed.map(sprut_core::import::parse_money) {
        Some(Ok(m)) if m.minor >= 0 => Ok(m.minor),
        _ => Err(bad()),
    }
}

/// The checklist action a form posts.
fn action_of(params: &Params, lines: &str) -> Result<CheckAction, AppError> {
    let items = || lines.lines().map(str::to_string).collect::<Vec<_>>();
    let on =
        || params.get("on").and_then(crate::api::parse_date).ok_or_else(|| AppError::invalid("on", Reason::Required));
    Ok(match params.get("step").unwrap_or("") {
        "plan_visit" => CheckAction::PlanVisit { on: on()? },
        "visit_done" => CheckAction::VisitDone { on: on()? },
        "set_documents" => CheckAction::SetDocuments { items: items() },
        "confirm_documents" => CheckAction::ConfirmDocuments,
        "confirm_receivables" => CheckAction::ConfirmReceivables { total_minor: roubles(params.get("total"))? },
        "settle_receivables" => CheckAction::SettleReceivables { note: params.get("note").unwrap_or("").to_string() },
        "notify_departments" => CheckAction::NotifyDepartments,
        "notify_client" => CheckAction::NotifyClient { note: params.get("note").map(str::to_string) },
        "set_questions" => CheckAction::SetQuestions { items: items() },
        "accept_questions" => CheckAction::AcceptQuestions,
        _ => return Err(AppError::invalid("step", Reason::Choose)),
    })
}

/// `POST /transfers/{id}/check`: one checklist step.
pub(super) async fn check(
    State(state): State<AppState>,
    PathId(id): PathId<TransferId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    let Some(client) = params.parsed::<ClientId>("client_id") else {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    };
    let done = match action_of(&params, params.raw("items")) {
        Ok(action) => do_check(&state, &user, id, client, action).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match done {
        Ok(()) => see_other(&format!("/transfers/{id}#c-{client}")),
        Err(error @ (AppError::Validation(_) | AppError::Conflict(_))) => {
            let refused = Refused { at: client, params: &params, error: &error };
            let mut ctx = ctx;
            ctx.back = format!("/transfers/{id}");
            render(&state, &user, &ctx, id, Some(refused)).await
        }
        Err(e) => app_error_page(&ctx, e),
    }
}

/// `POST /transfers/{id}/complete` and `/cancel`.
pub(super) async fn finish(
    State(state): State<AppState>,
    PathId(id): PathId<TransferId>,
    PathAction(what): PathAction,
    Posted { user, ctx, params }: Posted,
) -> Response {
    if let Err(e) = visible(&state, &user, id).await.and_then(|_| crate::api::access::require_manager(&user)) {
        return app_error_page(&ctx, e);
    }
    let actor = user.actor(state.clock.now());
    let done = match what.as_str() {
        "complete" => state.store.complete_transfer(&actor, id).await,
        "cancel" => state.store.cancel_transfer(&actor, id, params.get("reason").unwrap_or("")).await,
        _ => return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None),
    };
    match done {
        Ok(_) => see_other(&format!("/transfers/{id}")),
        Err(e) => app_error_page(&ctx, e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::roubles;

    #[test]
    fn the_receivables_total_is_typed_in_roubles() {
        assert_eq!(roubles(Some("846 000,50")).unwrap(), 84_600_050);
        assert_eq!(roubles(Some("846\u{a0}000")).unwrap(), 84_600_000);
        assert_eq!(roubles(Some("1234.5")).unwrap(), 123_450);
        for bad in [Some("-5"), Some("много"), Some(""), None] {
            assert!(roubles(bad).is_err(), "{bad:?}");
        }
    }
}
