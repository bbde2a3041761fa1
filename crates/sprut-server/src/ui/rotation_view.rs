//! The markup of the rotation pages: the head's review, the sales cycle, a rep's scorecard and
//! the weekly reports.

use super::card_rotation::status_word;
use super::format;
use super::layout::{csrf_field, Ctx};
use super::name_of;
use maud::{html, Markup};
use sprut_core::assignment::AssignmentKind;
use sprut_core::employee::Employee;
use sprut_core::rules::cycle::{CycleStats, CycleTable};
use sprut_core::rules::dead::{DeadClient, HoldingFacts};
use sprut_core::rules::extension::ExtensionReason;
use sprut_core::rules::reports::ReportStatus;
use sprut_core::rules::service::{DeadEntry, MissingReport};
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

/// The head's review: the dead clients with their decision forms, then the missing reports.
#[allow(clippy::too_many_arguments)]
pub(super) fn review<'a>(
    ctx: &Ctx,
    title: &str,
    dead: &[DeadEntry],
    late: &[MissingReport],
    late_names: &HashMap<ClientId, ClientBrief>,
    people: &HashMap<EmployeeId, Employee>,
    may_decide: bool,
    receivers: &dyn Fn(EmployeeId) -> Vec<&'a Employee>,
) -> Markup {
    html! {
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
            tbody { @for e in dead { tr {
                td.name { a href={ "/clients/" (e.dead.client_id) } { (e.brief.name) } }
                td { (e.brief.holder_name.as_deref().unwrap_or("—")) }
                td.num { (e.dead.days_held) }
                td.num { (e.cycle.days) }
                td.nowrap { (format::opt_date(ctx.lang, e.last_activity)) }
                td { (format::opt_date(ctx.lang, e.brief.last_report_week))
                     @if let Some(s) = e.brief.last_report_status { " " span.badge { (status_word(ctx, s)) } } }
                td.num { (e.brief.won_deals) }
                td.num { (sprut_core::money::format_minor(e.brief.potential_minor)) }
                td.explain { @for w in &e.why { div { (w) } } }
                @if may_decide { td { (decision_forms(ctx, &e.dead, &receivers(e.dead.employee_id))) } }
            } } }
        } } }
        h2 { (ctx.t.rotation.missing_weekly_reports) }
        @if late.is_empty() { p.muted { (ctx.t.rotation.every_report_is_in) } }
        @else { ul #missing { @for m in late { li {
            a href={ "/clients/" (m.client_id) } { (late_names.get(&m.client_id).map_or_else(|| m.client_id.to_string(), |b| b.name.clone())) }
            " — " (name_of(people, m.employee_id)) ", " (ctx.t.rotation.week_of) (format::date(ctx.lang, m.week))
        } } } }
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
pub(super) fn reports(ctx: &Ctx, title: &str, briefs: &[ClientBrief], dev: &[&HoldingFacts]) -> Markup {
    html! {
        div.page-head { h1 { (title) } }
        @if briefs.is_empty() { div.empty { p.empty-title { (ctx.t.rotation.no_clients_in_development) } } }
        @for (b, h) in briefs.iter().zip(dev) {
            section.block {
                h2 { a href={ "/clients/" (b.client_id) } { (b.name) } }
                p.muted { (ctx.t.rotation.due) " " (format::opt_date(ctx.lang, h.extension_until.max(h.due_on)))
                    " · " (ctx.t.rotation.last_report_lower) " " (format::opt_date(ctx.lang, b.last_report_week)) }
                form.inline-form method="post" action={ "/clients/" (b.client_id) "/report" } {
                    (csrf_field(ctx))
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
    }
}
