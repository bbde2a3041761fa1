//! The markup of the rotation pages: the head's review, the sales cycle, a rep's scorecard and
//! the weekly reports.

use super::card_rotation::status_word;
use super::format;
use super::layout::{csrf_field, Ctx};
use super::{name_of, Refused};
use crate::error::AppError;
use maud::{html, Markup};
use sprut_core::assignment::AssignmentKind;
use sprut_core::employee::Employee;
use sprut_core::employee::Role;
use sprut_core::rules::cycle::{CycleStats, CycleTable};
use sprut_core::rules::dead::{DeadClient, HoldingFacts};
use sprut_core::rules::extension::ExtensionReason;
use sprut_core::rules::reports::ReportStatus;
use sprut_core::rules::review::{DeadKind, ReviewPage, ReviewQuery, ReviewSort, REVIEW_PAGE};
use sprut_core::rules::service::MissingReport;
use sprut_core::rules::store::ClientBrief;
use sprut_core::{ClientId, EmployeeId};
use std::collections::HashMap;

/// A figure, or a dash when there is none.
pub(super) fn fig(ctx: &Ctx, v: Option<f64>) -> String {
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
fn decision_forms(ctx: &Ctx, dead: &DeadClient, receivers: &[&Employee], refused: Option<&Decision>) -> Markup {
    let id = dead.client_id;
    // The form refused just now keeps what was typed, with why.
    let typed = |action: &str, name: &str| refused.filter(|r| r.at.1 == action).map_or("", |r| r.typed(name));
    let back = html! { input type="hidden" name="back" value=(ctx.back); };
    html! {
        @if let Some(r) = refused { p.alert.alert-error role="alert" .decision-error { (super::layout::error_text(ctx, r.error)) } }
        // Only a development can be extended; an account is recalled or archived.
        @if dead.kind == AssignmentKind::Development { form.inline-form method="post" action={ "/clients/" (id) "/decide/extend" } {
            (csrf_field(ctx)) (back)
            select name="reason" aria-label=(ctx.t.rotation.reason) {
                @for r in ExtensionReason::ALL { option value=(r.as_str()) selected[typed("extend", "reason") == r.as_str()] { (reason_word(ctx, *r)) } }
            }
            input type="text" name="text" required value=(typed("extend", "text")) placeholder=(ctx.t.rotation.facts) aria-label=(ctx.t.rotation.facts);
            input type="date" name="until" required value=(typed("extend", "until")) aria-label=(ctx.t.rotation.until);
            button.btn type="submit" { (ctx.t.rotation.extend) }
        } }
        form.inline-form method="post" action={ "/clients/" (id) "/decide/recall" } {
            (csrf_field(ctx)) (back)
            input type="text" name="reason" required value=(typed("recall", "reason")) placeholder=(ctx.t.rotation.why) aria-label=(ctx.t.rotation.why);
            select name="to" aria-label=(ctx.t.rotation.to_whom) {
                option value="" { (ctx.t.rotation.to_rest) }
                @for r in receivers { option value=(r.id) selected[typed("recall", "to") == r.id.to_string()] { (r.name) } }
            }
            button.btn type="submit" { (ctx.t.rotation.recall) }
        }
        form.inline-form method="post" action={ "/clients/" (id) "/decide/archive" } {
            (csrf_field(ctx)) (back)
            input type="text" name="reason" required value=(typed("archive", "reason")) placeholder=(ctx.t.rotation.why) aria-label=(ctx.t.rotation.why);
            button.btn type="submit" { (ctx.t.rotation.archive) }
        }
    }
}

/// A decision refused just now: on which client, by which form (extend, recall, archive).
pub(super) type Decision<'a> = Refused<'a, (ClientId, &'a str)>;

/// What a bulk decision could not do: how many clients it decided, and each it could not
/// (empty when the form itself was refused), with the clients' names.
pub(super) struct BulkRefusal<'a> {
    /// Clients decided.
    pub decided: usize,
    /// Each client refused, with why.
    pub refused: &'a [(ClientId, AppError)],
    /// The refused clients' names.
    pub names: &'a HashMap<ClientId, String>,
}

/// A bulk decision brought back with what was typed and ticked.
pub(super) type Bulk<'a> = Refused<'a, BulkRefusal<'a>>;

/// What the head's review page shows.
pub(super) struct Review<'a> {
    /// The page of dead clients, filtered and sorted.
    pub page: &'a ReviewPage,
    /// The filters asked for.
    pub query: &'a ReviewQuery,
    /// The missing weekly reports.
    pub late: &'a [MissingReport],
    /// The clients of the missing reports, by id.
    pub late_names: &'a HashMap<ClientId, ClientBrief>,
    /// Reps and heads by id.
    pub people: &'a HashMap<EmployeeId, Employee>,
    /// Whether the viewer decides (not an auditor).
    pub may_decide: bool,
    /// Clients decided in bulk just before, for the notice.
    pub done: Option<usize>,
    /// The link to the next page, with the same filters.
    pub next_url: Option<String>,
    /// The decision refused just now, if any.
    pub refused: Option<Decision<'a>>,
    /// The bulk decision refused just now, if any.
    pub bulk: Option<Bulk<'a>>,
}

/// The head's review: filters, the page of dead clients with a decision panel each and a bulk
/// decision on the rows ticked, then the missing reports.
pub(super) fn review<'a>(
    ctx: &Ctx,
    title: &str,
    r: &Review<'a>,
    receivers: &dyn Fn(EmployeeId) -> Vec<&'a Employee>,
) -> Markup {
    let (t, q, page) = (&ctx.t.rotation, r.query, r.page);
    let mut holders: Vec<&Employee> =
        r.people.values().filter(|e| e.role == Role::Rep || e.role == Role::Head).collect();
    holders.sort_by(|a, b| a.name.cmp(&b.name));
    // A bulk decision refused just now keeps its decision, reason and ticks.
    let typed = |name: &str| r.bulk.as_ref().map_or("", |b| b.typed(name));
    let ticked = |id: ClientId| r.bulk.as_ref().is_some_and(|b| b.params.all("client").any(|c| c == id.to_string()));
    html! {
        div.page-head { h1 { (title) } }
        p { a href="/rotation/cycle" { (t.sales_cycle) } " · "
            a href="/rotation/scorecard" { (t.rep_scorecard) } }
        p.muted { (t.clients_held_past_cycle) }
        @if let Some(n) = r.done { p.alert.alert-ok role="status" #bulk-done { (t.decided_in_bulk) (n) } }
        @if let Some(b) = &r.bulk { (bulk_refused(ctx, b)) }
        form.filters method="get" action="/rotation" #review-filters {
            div.field { label for="r-rep" { (t.holder) }
                select #r-rep name="rep" { option value="" { (ctx.t.any) }
                    @for e in &holders { option value=(e.id) selected[q.rep == Some(e.id)] { (e.name) } } } }
            div.field { label for="r-reason" { (t.why) }
                select #r-reason name="reason" { option value="" { (ctx.t.any) }
                    @for k in DeadKind::ALL { option value=(k.as_str()) selected[q.reason == Some(*k)] { (dead_kind(ctx, *k)) } } } }
            div.field { label for="r-segment" { (ctx.t.segment) }
                select #r-segment name="segment" { option value="" { (ctx.t.any) }
                    @for s in &page.segments { option value=(s) selected[q.segment.as_deref() == Some(s.as_str())] { (s) } } } }
            div.field { label for="r-over" { (t.min_days_over) }
                input #r-over type="number" name="min_days_over" min="0" value=[q.min_days_over]; }
            div.field { label for="r-sort" { (t.sort) }
                select #r-sort name="sort" {
                    @for s in ReviewSort::ALL { option value=(s.as_str()) selected[q.sort.unwrap_or(ReviewSort::DaysOver) == *s] { (sort_word(ctx, *s)) } } } }
            div.field.field-actions { button.btn.btn-primary type="submit" { (ctx.t.apply) } a.btn-quiet href="/rotation" { (ctx.t.reset) } }
        }
        p.muted #review-count { (ctx.t.shown) ": " (page.rows.len()) " · " (t.matched) (page.matched) " · " (t.dead_total) (page.total) }
        @if page.rows.is_empty() { div.empty #dead-empty { p.empty-title { (t.no_dead_clients) } } }
        @else {
            @if r.may_decide {
                form.inline-form.bulk method="post" action="/rotation/bulk" #bulk {
                    (csrf_field(ctx))
                    input type="hidden" name="back" value=(ctx.back);
                    span { (t.with_ticked) }
                    select name="action" aria-label=(t.decision) {
                        option value="recall" { (t.recall_to_rest) }
                        option value="archive" selected[typed("action") == "archive"] { (t.archive) }
                    }
                    input type="text" name="reason" required value=(typed("reason")) placeholder=(t.why) aria-label=(t.why);
                    button.btn type="submit" { (t.decide_ticked) }
                }
            }
            div.table-wrap { table.grid #dead {
                thead { tr {
                    @if r.may_decide { th { span.visually-hidden { (t.tick) } } }
                    th { (t.client) } th { (t.holder) } th.num { (t.days) }
                    th.num { (t.cycle) } th { (t.last_activity) }
                    th { (t.last_report) } th.num { (t.deals) }
                    th.num { (t.potential) } th { (t.why) }
                    @if r.may_decide { th { (t.decision) } }
                } }
                tbody { @for e in &page.rows { tr {
                    @if r.may_decide { td { input type="checkbox" name="client" value=(e.dead.client_id) form="bulk" checked[ticked(e.dead.client_id)] aria-label=(e.brief.name); } }
                    td.name { a href={ "/clients/" (e.dead.client_id) } { (e.brief.name) } }
                    td { (e.brief.holder_name.as_deref().unwrap_or("—")) }
                    td.num { (e.dead.days_held) }
                    td.num { (e.cycle.days) }
                    td.nowrap { (format::opt_date(ctx.lang, e.last_activity)) }
                    td { (format::opt_date(ctx.lang, e.brief.last_report_week))
                         @if let Some(s) = e.brief.last_report_status { " " span.badge { (status_word(ctx, s)) } } }
                    td.num { (e.brief.won_deals) }
                    td.num { (sprut_core::money::format_minor(e.brief.potential_minor)) }
                    td.explain { @for w in &e.dead.reasons { div { (super::i18n::dead_reason(ctx.lang, w)) } } }
                    @if r.may_decide { td { (decision_forms(ctx, &e.dead, &receivers(e.dead.employee_id), r.refused.as_ref().filter(|x| x.at.0 == e.dead.client_id))) } }
                } } }
            } }
            @if let Some(next) = &r.next_url { p { a #review-next href=(next) { (ctx.t.next_page) } } }
        }
        h2 { (t.missing_weekly_reports) }
        @if r.late.is_empty() { p.muted { (t.every_report_is_in) } }
        @else { ul #missing { @for m in r.late.iter().take(REVIEW_PAGE) { li {
            a href={ "/clients/" (m.client_id) } { (r.late_names.get(&m.client_id).map_or_else(|| m.client_id.to_string(), |b| b.name.clone())) }
            " — " (name_of(r.people, m.employee_id)) ", " (t.week_of) (format::date(ctx.lang, m.week))
        } } }
            @if r.late.len() > REVIEW_PAGE { p.muted { (t.and_more) (r.late.len() - REVIEW_PAGE) } } }
    }
}

/// What a bulk decision did, and each client it could not decide, with why (or why the form
/// was refused).
fn bulk_refused(ctx: &Ctx, b: &Bulk) -> Markup {
    let BulkRefusal { decided, refused, names } = &b.at;
    html! {
        @if *decided > 0 { p.alert.alert-ok role="status" #bulk-done { (ctx.t.rotation.decided_in_bulk) (decided) } }
        @if refused.is_empty() { p.alert.alert-error role="alert" #bulk-error { (super::layout::error_text(ctx, b.error)) } }
        @else { div.alert.alert-error role="alert" #bulk-error {
            p { (ctx.t.rotation.not_decided) }
            ul #bulk-refused { @for (id, e) in refused.iter() { li {
                a href={ "/clients/" (id) } { (names.get(id).cloned().unwrap_or_else(|| id.to_string())) }
                ": " (super::layout::error_text(ctx, e))
            } } }
        } }
    }
}

/// The name of the rule that found a client dead.
fn dead_kind(ctx: &Ctx, k: DeadKind) -> &'static str {
    match k {
        DeadKind::PastDue => ctx.t.rotation.kind_past_due,
        DeadKind::NoActivity => ctx.t.rotation.kind_no_activity,
        DeadKind::Lapsed => ctx.t.rotation.kind_lapsed,
    }
}

/// The name of an order of the review.
fn sort_word(ctx: &Ctx, s: ReviewSort) -> &'static str {
    match s {
        ReviewSort::DaysOver => ctx.t.rotation.sort_days_over,
        ReviewSort::Potential => ctx.t.rotation.sort_potential,
        ReviewSort::Name => ctx.t.rotation.sort_name,
        ReviewSort::Holder => ctx.t.rotation.sort_holder,
    }
}

fn stats_row(ctx: &Ctx, name: &str, s: &CycleStats) -> Markup {
    html! { tr {
        td { (name) } td.num { (s.n) } td.num { (s.censored) } td.num { (fig(ctx, s.mean)) } td.num { (fig(ctx, s.median)) }
        td.num { (fig(ctx, s.p80)) } td.num { (s.km_median.map_or("—".into(), |d| d.to_string())) }
    } }
}

/// The sales cycle per segment and company-wide.
pub(super) fn cycle(ctx: &Ctx, title: &str, table: &CycleTable) -> Markup {
    html! {
        div.page-head { h1 { (title) } }
        p.muted { (ctx.t.rotation.days_from_start_of) }
        div.table-wrap { table.grid #cycle {
            thead { tr {
                th { (ctx.t.rotation.segment) } th.num { (ctx.t.rotation.sales) } th.num { (ctx.t.rotation.censored) }
                th.num { (ctx.t.rotation.mean) } th.num { (ctx.t.rotation.median) } th.num { "p80" }
                th.num { (ctx.t.rotation.k_m_median) }
            } }
            tbody {
                (stats_row(ctx, ctx.t.rotation.company, &table.company))
                @for (name, s) in &table.segments { (stats_row(ctx, name, s)) }
            }
        } }
        @if table.left_out > 0 {
            p.muted #cycle-left-out { (ctx.t.rotation.deals_left_out_with) (table.left_out) }
        }
    }
}

/// A rep's scorecard with the picker of reps.
pub(super) fn scorecard(ctx: &Ctx, title: &str, reps: &[Employee], who: EmployeeId, rows: &[(&str, String)]) -> Markup {
    html! {
        div.page-head { h1 { (title) } }
        @if !reps.is_empty() {
            form.filters method="get" action="/rotation/scorecard" {
                div.field {
                    label for="sc-rep" { (ctx.t.rotation.rep) }
                    select #sc-rep name="employee_id" {
                        @for r in reps { option value=(r.id) selected[r.id == who] { (r.name) } }
                    }
                }
                div.field.field-actions { button.btn.btn-primary type="submit" { (ctx.t.apply) } }
            }
        }
        table.grid #scorecard { tbody { @for (k, v) in rows { tr { th { (k) } td.num { (v) } } } } }
    }
}

/// The holder's development clients, each with the weekly report form.
pub(super) fn reports(
    ctx: &Ctx,
    title: &str,
    briefs: &[ClientBrief],
    dev: &[&HoldingFacts],
    refused: Option<&Refused<ClientId>>,
) -> Markup {
    html! {
        div.page-head { h1 { (title) } }
        @if briefs.is_empty() { div.empty { p.empty-title { (ctx.t.rotation.no_clients_in_development) } } }
        @for (b, h) in briefs.iter().zip(dev) {
            // The form of the report refused just now keeps what was typed, with why.
            @let refused = Refused::about(refused, &b.client_id);
            @let value = |name: &str| refused.map_or("", |r| r.typed(name));
            section.block id={ "r-" (b.client_id) } {
                h2 { a href={ "/clients/" (b.client_id) } { (b.name) } }
                p.muted { (ctx.t.rotation.due) " " (format::opt_date(ctx.lang, h.extension_until.max(h.due_on)))
                    " · " (ctx.t.rotation.last_report_lower) " " (format::opt_date(ctx.lang, b.last_report_week)) }
                @if let Some(r) = refused { p.alert.alert-error role="alert" .report-error { (super::layout::error_text(ctx, r.error)) } }
                form.inline-form method="post" action={ "/clients/" (b.client_id) "/report" } {
                    (csrf_field(ctx))
                    input type="hidden" name="week" value=(ctx.today);
                    select name="status" aria-label=(ctx.t.rotation.status) {
                        option value=(ReportStatus::Working.as_str()) selected[value("status") == "working"] { (ctx.t.rotation.working) }
                        option value=(ReportStatus::Postponed.as_str()) selected[value("status") == "postponed"] { (ctx.t.rotation.postponed_until) }
                        option value=(ReportStatus::Hopeless.as_str()) selected[value("status") == "hopeless"] { (ctx.t.rotation.hopeless) }
                    }
                    input type="date" name="postponed_until" value=(value("postponed_until")) aria-label=(ctx.t.rotation.postponed_until_title);
                    input type="text" name="text" required value=(value("text")) placeholder=(ctx.t.rotation.what_happened) aria-label=(ctx.t.rotation.what_happened);
                    input type="text" name="next_step" required value=(value("next_step")) placeholder=(ctx.t.rotation.next_step) aria-label=(ctx.t.rotation.next_step);
                    button.btn type="submit" { (ctx.t.rotation.submit_report) }
                }
            }
        }
    }
}
