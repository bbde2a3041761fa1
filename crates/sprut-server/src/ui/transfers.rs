//! Transfers in the UI: the list, the wizard that arranges one, and the transfer's page where
//! the two holders and the head work through each client's checklist.

use super::extract::{Page, PathAction, PathId, Posted};
use super::format;
use super::layout::{app_error_page, csrf_field, error_page, page, see_other, Ctx, Nav};
use super::{employees_named, name_of, reps_and_heads, Params};
use crate::api::transfers::{do_check, visible};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::employee::{Employee, EmployeeStatus, Role};
use sprut_core::handover::checklist::{CheckAction, Checklist, Step};
use sprut_core::handover::service;
use sprut_core::handover::transfer::{
    NewTransfer, Transfer, TransferCause, TransferFilter, TransferItem, TransferState,
};
use sprut_core::handover::HandoverStore;
use sprut_core::page::{PageRequest, MAX_LIMIT};
use sprut_core::scope::{manages, Scope};
use sprut_core::store::prelude::*;
use sprut_core::Reason;
use sprut_core::{ClientId, EmployeeId, TransferId};
use std::collections::HashMap;

/// The name of a cause in the page's language.
pub(crate) fn cause(ctx: &Ctx, c: TransferCause) -> &'static str {
    match c {
        TransferCause::Manual => ctx.t.transfers.heads_decision,
        TransferCause::Rotation => ctx.t.transfers.rotation,
        TransferCause::Rebalance => ctx.t.transfers.rebalancing,
        TransferCause::Offboarding => ctx.t.transfers.offboarding,
        TransferCause::Recall => ctx.t.transfers.recall,
    }
}

fn step_name(ctx: &Ctx, s: Step) -> &'static str {
    match s {
        Step::JointVisit => ctx.t.transfers.joint_visit,
        Step::Documents => ctx.t.transfers.documents_by_inventory,
        Step::Receivables => ctx.t.transfers.receivables_reconciliation,
        Step::Departments => ctx.t.transfers.departments_notified,
        Step::Client => ctx.t.transfers.client_notified,
        Step::Questions => ctx.t.transfers.open_questions,
    }
}

/// A row of transfers.
pub(crate) fn table(ctx: &Ctx, transfers: &[Transfer], people: &HashMap<EmployeeId, Employee>) -> Markup {
    html! {
        div.table-wrap { table.grid #transfers {
            thead { tr {
                th { (ctx.t.transfers.date) } th { (ctx.t.transfers.cause) } th { (ctx.t.transfers.from) }
                th { (ctx.t.transfers.to) } th.num { (ctx.t.nav_clients) } th { (ctx.t.status) } th { (ctx.t.transfers.checklist) }
            } }
            tbody { @for t in transfers {
                @let closed = t.items.iter().filter(|i| i.checklist.is_closed()).count();
                @let to: std::collections::BTreeSet<String> = t.items.iter().map(|i| name_of(people, i.to_id)).collect();
                tr {
                    td { a href={ "/transfers/" (t.id) } { (format::date(ctx.lang, t.effective_on)) } }
                    td { (cause(ctx, t.cause)) }
                    td.name { (name_of(people, t.from_id)) }
                    td.name { (to.into_iter().collect::<Vec<_>>().join(", ")) }
                    td.num { (t.items.len()) }
                    td { span class={ "badge tr-" (t.state.as_str()) } { (super::i18n::transfer_state(ctx.t, t.state)) } }
                    td { (closed) " / " (t.items.len()) }
                }
            } }
        } }
    }
}

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
    let body = html! {
        div.page-head {
            h1 { (title) }
            @if manages(&user.employee) {
                a.btn.btn-primary href="/transfers/new" #new-transfer { (ctx.t.transfers.new_transfer) }
                a.btn href="/offboardings" { (ctx.t.transfers.nav_offboarding) }
                a.btn href="/reports/transfers" { (ctx.t.transfers.transfer_outcomes) }
            }
        }
        p.muted { (ctx.t.transfers.client_changes_hands_with) }
        form.filters method="get" action="/transfers" {
            div.field {
                label for="t-state" { (ctx.t.status) }
                select #t-state name="state" {
                    option value="" { (ctx.t.any) }
                    @for s in TransferState::ALL { option value=(s.as_str()) selected[filter.state == Some(*s)] { (super::i18n::transfer_state(ctx.t, *s)) } }
                }
            }
            div.field.field-actions { button.btn.btn-primary type="submit" { (ctx.t.apply) } }
        }
        @if shown.is_empty() { div.empty { p.empty-title { (ctx.t.transfers.no_transfers) } } }
        @else { (table(&ctx, &shown, &people)) }
        @if let Some(next) = &got.next { p { a href={ "/transfers?after=" (next) } { (ctx.t.next_page) } } }
    };
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
    let params = Params::new(q);
    let people = match reps_and_heads(&state).await {
        Ok(p) => p,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let from: Option<EmployeeId> = params.parsed("from");
    let givers = holders(&user, &people);
    let book = match from {
        Some(f) => {
            let scope = Scope::HeldBy(f);
            let request = PageRequest { after: None, limit: Some(MAX_LIMIT) };
            match state.store.clients(&scope, &Default::default(), &request).await {
                Ok(p) => p.items,
                Err(e) => return app_error_page(&ctx, e.into()),
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
    let body = html! {
        nav.crumbs { a href="/transfers" { "← " (ctx.t.transfers.transfers) } }
        div.page-head { h1 { (title) } }
        form.filters method="get" action="/transfers/new" {
            div.field {
                label for="w-from" { (ctx.t.transfers.step_from) }
                select #w-from name="from" required {
                    option value="" { "—" }
                    @for e in &givers { option value=(e.id) selected[from == Some(e.id)] { (e.name) } }
                }
            }
            div.field.field-actions { button.btn type="submit" { (ctx.t.transfers.show_his_clients) } }
        }
        @if let Some(from) = from {
            form.card.stack method="post" action="/transfers" #transfer-form {
                (csrf_field(&ctx))
                input type="hidden" name="from_id" value=(from);
                h2 { (ctx.t.transfers.step_clients) " — " (name_of(&people, from)) }
                @if book.is_empty() { p.muted { (ctx.t.transfers.he_holds_no_clients) } }
                div.check-list { @for i in &book {
                    label.check { input type="checkbox" name="client" value=(i.client.id); " " (i.client.name)
                        span.muted.small { " · " (i.client.segment.as_deref().unwrap_or("")) " · " (format::money(i.client.potential_minor, &i.client.currency)) } }
                } }
                h2 { (ctx.t.transfers.step_to) }
                select name="to" multiple size="8" required aria-label=(ctx.t.transfers.to) {
                    @for e in &receivers { option value=(e.id) { (e.name) @if let Some(s) = e.specialisation { " · " (super::i18n::specialisation(ctx.lang, s)) } } }
                }
                label.check { input type="checkbox" name="by_specialisation" value="1"; " "
                    (ctx.t.transfers.customers_to_farmers_prospects) }
                div.form-row {
                    label { (ctx.t.transfers.effective_date) " " input type="date" name="effective_on" required value=(ctx.today.to_string()); }
                    label { (ctx.t.transfers.cause) " " select name="cause" {
                        @for c in TransferCause::ALL { option value=(c.as_str()) { (cause(&ctx, *c)) } }
                    } }
                }
                label { (ctx.t.transfers.note) textarea name="note" rows="2" {} }
                button.btn.btn-primary type="submit" { (ctx.t.transfers.create_transfer) }
            }
        }
    };
    page(&ctx, Nav::Transfers, title, body).into_response()
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
        Err(e) => app_error_page(&ctx, e.into()),
    }
}

/// One client's checklist with the forms of its open steps.
fn checklist(
    ctx: &Ctx,
    t: &Transfer,
    item: &TransferItem,
    user: &CurrentUser,
    people: &HashMap<EmployeeId, Employee>,
) -> Markup {
    let c: &Checklist = &item.checklist;
    let open = c.open_steps();
    let action = format!("/transfers/{}/check", t.id);
    let live = !matches!(t.state, TransferState::Completed | TransferState::Cancelled);
    let may = live && (manages(&user.employee) || user.employee.id == t.from_id || user.employee.id == item.to_id);
    let form = |step: &str, inner: Markup| -> Markup {
        html! { @if may { form.inline-form method="post" action=(action) {
            (csrf_field(ctx)) input type="hidden" name="client_id" value=(item.client_id); input type="hidden" name="step" value=(step);
            (inner)
        } } }
    };
    let done = |s: Step| !open.contains(&s);
    html! {
        section.card.block id={ "c-" (item.client_id) } {
            div.card-head {
                h2 { a href={ "/clients/" (item.client_id) } { (item.client_name) } }
                span.muted { "→ " (name_of(people, item.to_id)) " · " (super::i18n::assignment_kind(ctx.lang, item.kind)) }
                @if item.handed_over_at.is_some() { span.badge.good { (ctx.t.transfers.handed_over) } }
            }
            p.muted.small { (item.reason) }
            ol.checklist {
                li class=(if done(Step::JointVisit) { "done" } else { "" }) {
                    strong { (step_name(ctx, Step::JointVisit)) } " "
                    @if let Some(d) = c.joint_visit_done_on { (ctx.t.transfers.held_on) (format::date(ctx.lang, d)) }
                    @else {
                        @if let Some(d) = c.joint_visit_on { (ctx.t.transfers.planned_for) (format::date(ctx.lang, d)) " " }
                        (form("plan_visit", html! { input type="date" name="on" required; button.btn type="submit" { (ctx.t.transfers.assign) } }))
                        (form("visit_done", html! { input type="date" name="on" required value=(ctx.today.to_string()); button.btn type="submit" { (ctx.t.transfers.held) } }))
                    }
                }
                li class=(if done(Step::Documents) { "done" } else { "" }) {
                    strong { (step_name(ctx, Step::Documents)) } " "
                    @if !c.documents.is_empty() { ul.small { @for d in &c.documents { li { (d) } } } }
                    span.small.muted { (ctx.t.transfers.giver) (if c.documents_from_at.is_some() { "✓" } else { "—" })
                        (ctx.t.transfers.receiver) (if c.documents_to_at.is_some() { "✓" } else { "—" }) }
                    @if !done(Step::Documents) {
                        (form("set_documents", html! { textarea name="items" rows="2" placeholder=(ctx.t.transfers.contract_statements_one_per) { (c.documents.join("\n")) } button.btn type="submit" { (ctx.t.transfers.save_inventory) } }))
                        (form("confirm_documents", html! { button.btn type="submit" { (ctx.t.transfers.i_confirm_inventory) } }))
                    }
                }
                li class=(if done(Step::Receivables) { "done" } else { "" }) {
                    strong { (step_name(ctx, Step::Receivables)) } " "
                    @match (&c.receivables, c.receivables_total) {
                        (Some(lines), Some(total)) => {
                            span { (ctx.t.transfers.open_invoices) (lines.len()) ", " (sprut_core::money::format_minor(total)) }
                            @if let Some(d) = c.receivables_difference() { " " span.badge.bad { (ctx.t.transfers.difference) (sprut_core::money::format_minor(d)) } }
                            @if let Some(n) = &c.receivables_note { div.small { (n) } }
                            @if !done(Step::Receivables) {
                                (form("confirm_receivables", html! { input type="text" inputmode="decimal" name="total" required value=(sprut_core::money::format_minor(total)) aria-label=(ctx.t.transfers.total_in_roubles); button.btn type="submit" { (ctx.t.transfers.i_confirm_total) } }))
                                @if manages(&user.employee) { (form("settle_receivables", html! { input type="text" name="note" required placeholder=(ctx.t.transfers.how_it_was_settled); button.btn type="submit" { (ctx.t.transfers.settle) } })) }
                            }
                        }
                        _ => span.muted { (ctx.t.transfers.snapshot_on_transfer_date) },
                    }
                }
                li class=(if done(Step::Departments) { "done" } else { "" }) {
                    strong { (step_name(ctx, Step::Departments)) } " "
                    @if !done(Step::Departments) { (form("notify_departments", html! { button.btn type="submit" { (ctx.t.transfers.notify_account_team) } })) }
                }
                li class=(if done(Step::Client) { "done" } else { "" }) {
                    strong { (step_name(ctx, Step::Client)) } " "
                    @if done(Step::Client) { span.small.muted { (ctx.t.transfers.letters) (c.client_notices) } }
                    @else {
                        (form("notify_client", html! { button.btn type="submit" { (ctx.t.transfers.write_to_client_from) } }))
                        (form("notify_client", html! { input type="text" name="note" required placeholder=(ctx.t.transfers.or_how_client_was); button.btn type="submit" { (ctx.t.transfers.record) } }))
                    }
                }
                li class=(if done(Step::Questions) { "done" } else { "" }) {
                    strong { (step_name(ctx, Step::Questions)) } " "
                    @if !c.questions.is_empty() { ul.small { @for q in &c.questions { li { (q) } } } }
                    @if !done(Step::Questions) {
                        (form("set_questions", html! { textarea name="items" rows="2" placeholder=(ctx.t.transfers.one_question_per_line) { (c.questions.join("\n")) } button.btn type="submit" { (ctx.t.transfers.save_questions) } }))
                        (form("accept_questions", html! { button.btn type="submit" { (ctx.t.transfers.questions_accepted) } }))
                    }
                }
            }
        }
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
    let t = match visible(&state, &user, id).await {
        Ok(t) => t,
        Err(e) => return app_error_page(&ctx, e),
    };
    let people = match employees_named(&state, named_in(&t)).await {
        Ok(p) => p,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let title = format!("{} · {}", ctx.t.transfers.transfer, format::date(ctx.lang, t.effective_on));
    let mgr = manages(&user.employee);
    let body = html! {
        nav.crumbs { a href="/transfers" { "← " (ctx.t.transfers.transfers) } }
        div.page-head {
            h1 { (title) }
            span class={ "badge tr-" (t.state.as_str()) } #transfer-state { (super::i18n::transfer_state(ctx.t, t.state)) }
        }
        dl.facts {
            dt { (ctx.t.transfers.cause) } dd { (cause(&ctx, t.cause)) }
            dt { (ctx.t.transfers.from) } dd { (name_of(&people, t.from_id)) }
            @if !t.note.is_empty() { dt { (ctx.t.transfers.note) } dd { (t.note) } }
            @if let Some(r) = &t.cancel_reason { dt { (ctx.t.transfers.cancelled_title) } dd { (r) } }
            @if let Some(o) = t.offboarding_id { dt { (ctx.t.transfers.offboarding_title) } dd { a href={ "/offboardings/" (o) } { (ctx.t.transfers.the_plan) } } }
        }
        @if mgr && t.state == TransferState::InProgress {
            form.inline-form method="post" action={ "/transfers/" (t.id) "/complete" } { (csrf_field(&ctx)) button.btn type="submit" { (ctx.t.transfers.complete_transfer) } }
        }
        @if mgr && t.state == TransferState::Planned {
            form.inline-form method="post" action={ "/transfers/" (t.id) "/cancel" } { (csrf_field(&ctx))
                input type="text" name="reason" required placeholder=(ctx.t.transfers.why_cancel); button.btn type="submit" { (ctx.t.transfers.cancel) } }
        }
        @for item in &t.items { (checklist(&ctx, &t, item, &user, &people)) }
    };
    page(&ctx, Nav::Transfers, &title, body).into_response()
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
    let action = match action_of(&params, params.raw("items")) {
        Ok(a) => a,
        Err(e) => return app_error_page(&ctx, e),
    };
    match do_check(&state, &user, id, client, action).await {
        Ok(_) => see_other(&format!("/transfers/{id}#c-{client}")),
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
