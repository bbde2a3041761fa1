//! The markup of the transfer pages: the list, the wizard, one transfer with its checklists.

use super::format;
use super::layout::{csrf_field, Ctx};
use super::{name_of, Refused};
use crate::auth::CurrentUser;
use maud::{html, Markup};
use sprut_core::client::ClientListItem;
use sprut_core::employee::Employee;
use sprut_core::handover::checklist::{Checklist, Step};
use sprut_core::handover::transfer::{Transfer, TransferCause, TransferItem, TransferState};
use sprut_core::scope::manages;
use sprut_core::{ClientId, EmployeeId};
use std::collections::HashMap;

/// The name of a cause in the page's language.
pub(crate) fn cause(ctx: &Ctx, c: TransferCause) -> &'static str {
    super::i18n::transfer_cause(ctx.lang, c)
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

/// The transfers page: filters, the table, the next page.
pub(super) fn list(
    ctx: &Ctx,
    title: &str,
    manager: bool,
    state: Option<TransferState>,
    shown: &[Transfer],
    people: &HashMap<EmployeeId, Employee>,
    next: Option<&str>,
) -> Markup {
    html! {
        div.page-head {
            h1 { (title) }
            @if manager {
                a.btn.btn-primary href="/transfers/new" #new-transfer { (ctx.t.transfers.new_transfer) }
                a.btn href="/offboardings" { (ctx.t.transfers.nav_offboarding) }
                a.btn href="/planning" #nav-planning { (ctx.t.planning.nav) }
                a.btn href="/reports/transfers" { (ctx.t.transfers.transfer_outcomes) }
            }
        }
        p.muted { (ctx.t.transfers.client_changes_hands_with) }
        form.filters method="get" action="/transfers" {
            div.field {
                label for="t-state" { (ctx.t.status) }
                select #t-state name="state" {
                    option value="" { (ctx.t.any) }
                    @for s in TransferState::ALL { option value=(s.as_str()) selected[state == Some(*s)] { (super::i18n::transfer_state(ctx.t, *s)) } }
                }
            }
            div.field.field-actions { button.btn.btn-primary type="submit" { (ctx.t.apply) } }
        }
        @if shown.is_empty() { div.empty { p.empty-title { (ctx.t.transfers.no_transfers) } } }
        @else { (table(ctx, shown, people)) }
        @if let Some(next) = next { p { a href={ "/transfers?after=" (next) } { (ctx.t.next_page) } } }
    }
}

/// The new-transfer wizard: the giver, then his clients, the receivers and the day.
#[allow(clippy::too_many_arguments)]
pub(super) fn wizard(
    ctx: &Ctx,
    title: &str,
    givers: &[&Employee],
    from: Option<EmployeeId>,
    people: &HashMap<EmployeeId, Employee>,
    book: &[ClientListItem],
    receivers: &[&Employee],
    refused: Option<&Refused<()>>,
) -> Markup {
    // A refused transfer keeps what was chosen and typed.
    let typed = |name: &str| refused.and_then(|r| r.params.get(name)).map(str::to_string);
    let chosen = |name: &str, id: String| refused.is_some_and(|r| r.params.all(name).any(|v| v == id));
    html! {
        nav.crumbs { a href="/transfers" { "← " (ctx.t.transfers.transfers) } }
        div.page-head { h1 { (title) } }
        form.filters method="get" action="/transfers/new" {
            div.field {
                label for="w-from" { (ctx.t.transfers.step_from) }
                select #w-from name="from" required {
                    option value="" { "—" }
                    @for e in givers { option value=(e.id) selected[from == Some(e.id)] { (e.name) } }
                }
            }
            div.field.field-actions { button.btn type="submit" { (ctx.t.transfers.show_his_clients) } }
        }
        @if let Some(r) = refused { p.alert.alert-error role="alert" #transfer-error { (super::layout::error_text(ctx, r.error)) } }
        @if let Some(from) = from {
            form.card.stack method="post" action="/transfers" #transfer-form {
                (csrf_field(ctx))
                input type="hidden" name="from_id" value=(from);
                h2 { (ctx.t.transfers.step_clients) " — " (name_of(people, from)) }
                @if book.is_empty() { p.muted { (ctx.t.transfers.he_holds_no_clients) } }
                div.check-list { @for i in book {
                    label.check { input type="checkbox" name="client" value=(i.client.id) checked[chosen("client", i.client.id.to_string())]; " " (i.client.name)
                        span.muted.small { " · " (i.client.segment.as_deref().unwrap_or("")) " · " (format::money(i.client.potential_minor, &i.client.currency)) } }
                } }
                h2 { (ctx.t.transfers.step_to) }
                select name="to" multiple size="8" required aria-label=(ctx.t.transfers.to) {
                    @for e in receivers { option value=(e.id) selected[chosen("to", e.id.to_string())] { (e.name) @if let Some(s) = e.specialisation { " · " (super::i18n::specialisation(ctx.lang, s)) } } }
                }
                label.check { input type="checkbox" name="by_specialisation" value="1" checked[typed("by_specialisation").is_some()]; " "
                    (ctx.t.transfers.customers_to_farmers_prospects) }
                div.form-row {
                    label { (ctx.t.transfers.effective_date) " " input type="date" name="effective_on" required value=(typed("effective_on").unwrap_or_else(|| ctx.today.to_string())); }
                    label { (ctx.t.transfers.cause) " " select name="cause" {
                        @for c in TransferCause::ALL { option value=(c.as_str()) selected[typed("cause").as_deref() == Some(c.as_str())] { (cause(ctx, *c)) } }
                    } }
                }
                label { (ctx.t.transfers.note) textarea name="note" rows="2" { (typed("note").unwrap_or_default()) } }
                button.btn.btn-primary type="submit" { (ctx.t.transfers.create_transfer) }
            }
        }
    }
}

/// One client's checklist with the forms of its open steps.
fn checklist(
    ctx: &Ctx,
    t: &Transfer,
    item: &TransferItem,
    user: &CurrentUser,
    people: &HashMap<EmployeeId, Employee>,
    refused: Option<&Refused<ClientId>>,
) -> Markup {
    let refused = Refused::about(refused, &item.client_id);
    // What the refused form held, for the step it was.
    let typed = |step: &str, name: &str, or: String| -> String {
        refused
            .filter(|r| r.params.get("step") == Some(step))
            .and_then(|r| r.params.get(name))
            .map_or(or, str::to_string)
    };
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
            p.muted.small { (super::card_view::said_or_written(item.why.as_ref().and_then(|w| super::i18n::share_why(ctx.lang, w)), &item.reason)) }
            @if let Some(r) = refused { p.alert.alert-error role="alert" .step-error { (super::layout::error_text(ctx, r.error)) } }
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
                        (form("set_documents", html! { textarea name="items" rows="2" placeholder=(ctx.t.transfers.contract_statements_one_per) { (typed("set_documents", "items", c.documents.join("\n"))) } button.btn type="submit" { (ctx.t.transfers.save_inventory) } }))
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
                                (form("confirm_receivables", html! { input type="text" inputmode="decimal" name="total" required value=(typed("confirm_receivables", "total", sprut_core::money::format_minor(total))) aria-label=(ctx.t.transfers.total_in_roubles); button.btn type="submit" { (ctx.t.transfers.i_confirm_total) } }))
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
                        (form("set_questions", html! { textarea name="items" rows="2" placeholder=(ctx.t.transfers.one_question_per_line) { (typed("set_questions", "items", c.questions.join("\n"))) } button.btn type="submit" { (ctx.t.transfers.save_questions) } }))
                        (form("accept_questions", html! { button.btn type="submit" { (ctx.t.transfers.questions_accepted) } }))
                    }
                }
            }
        }
    }
}

/// One transfer: its facts, the head's buttons and each client's checklist.
pub(super) fn show(
    ctx: &Ctx,
    title: &str,
    t: &Transfer,
    user: &CurrentUser,
    people: &HashMap<EmployeeId, Employee>,
    refused: Option<&Refused<ClientId>>,
) -> Markup {
    let mgr = manages(&user.employee);
    html! {
        nav.crumbs { a href="/transfers" { "← " (ctx.t.transfers.transfers) } }
        div.page-head {
            h1 { (title) }
            span class={ "badge tr-" (t.state.as_str()) } #transfer-state { (super::i18n::transfer_state(ctx.t, t.state)) }
        }
        dl.facts {
            dt { (ctx.t.transfers.cause) } dd { (cause(ctx, t.cause)) }
            dt { (ctx.t.transfers.from) } dd { (name_of(people, t.from_id)) }
            @if !t.note.is_empty() { dt { (ctx.t.transfers.note) } dd { (t.note) } }
            @if let Some(r) = &t.cancel_reason { dt { (ctx.t.transfers.cancelled_title) } dd { (r) } }
            @if let Some(o) = t.offboarding_id { dt { (ctx.t.transfers.offboarding_title) } dd { a href={ "/offboardings/" (o) } { (ctx.t.transfers.the_plan) } } }
        }
        @if mgr && t.state == TransferState::InProgress {
            form.inline-form method="post" action={ "/transfers/" (t.id) "/complete" } { (csrf_field(ctx)) button.btn type="submit" { (ctx.t.transfers.complete_transfer) } }
        }
        @if mgr && t.state == TransferState::Planned {
            form.inline-form method="post" action={ "/transfers/" (t.id) "/cancel" } { (csrf_field(ctx))
                input type="text" name="reason" required placeholder=(ctx.t.transfers.why_cancel); button.btn type="submit" { (ctx.t.transfers.cancel) } }
        }
        @for item in &t.items { (checklist(ctx, t, item, user, people, refused)) }
    }
}
