//! The markup of the sales plans page: the period form, the team's trend (server-drawn SVG),
//! the reps' plans against actual with their changes, the head's month form, and the clients
//! with no potential.

use super::format;
use super::i18n;
use super::layout::{csrf_field, error_text, Ctx};
use super::Refused;
use maud::{html, Markup};
use sprut_core::money::Currency;
use sprut_core::sales_plan::{RepPlan, Target, TeamPlan, TrendDay};
use sprut_core::team::Team;
use sprut_core::EmployeeId;

/// What the page shows beside the plans.
pub(super) struct Shown {
    /// The teams the viewer may choose (none for a rep).
    pub teams: Vec<Team>,
    /// The period as typed.
    pub typed_period: String,
    /// Whether the viewer sets plans.
    pub manager: bool,
    /// The company's currency.
    pub currency: Currency,
}

fn percent(p: Option<i64>) -> String {
    p.map_or_else(|| "—".into(), |v| format!("{v}\u{a0}%"))
}

fn target(t: &Target) -> String {
    match t.target {
        Some(goal) => format!("{} / {goal}", t.actual),
        None => t.actual.to_string(),
    }
}

/// The team's cumulative plan over the period (dashed) and actual up to today (solid).
fn trend(ctx: &Ctx, days: &[TrendDay], from: time::Date, to: time::Date) -> Markup {
    let t = ctx.t.sales_plans;
    let (w, h, left, bottom) = (1000.0, 200.0, 10.0, 22.0);
    let span = ((to - from).whole_days().max(1)) as f64;
    let top = days.iter().map(|d| d.plan_minor.max(d.actual_minor.unwrap_or(0))).max().unwrap_or(0).max(1) as f64;
    let x = |d: time::Date| left + (w - 2.0 * left) * (d - from).whole_days() as f64 / span;
    let y = |v: i64| (h - bottom) - (h - bottom - 20.0) * v as f64 / top;
    let plan: Vec<String> = days.iter().map(|d| format!("{:.1},{:.1}", x(d.on), y(d.plan_minor))).collect();
    let actual: Vec<String> =
        days.iter().filter_map(|d| d.actual_minor.map(|a| format!("{:.1},{:.1}", x(d.on), y(a)))).collect();
    let last = days.iter().rev().find(|d| d.actual_minor.is_some());
    html! {
        svg #plan-trend viewBox={ "0 0 " (w) " " (h) } width="100%" role="img" aria-labelledby="pt-title" xmlns="http://www.w3.org/2000/svg" {
            title #pt-title { (t.trend) }
            line x1=(left) x2=(w - left) y1=(h - bottom) y2=(h - bottom) stroke="#94a3b8" {}
            polyline points=(plan.join(" ")) fill="none" stroke="#94a3b8" stroke-width="2" stroke-dasharray="6 4" {}
            polyline points=(actual.join(" ")) fill="none" stroke="#1f4e79" stroke-width="2.5" {}
            text x=(left) y=(h - 6.0) font-size="11" fill="#334155" { (format::date(ctx.lang, from)) }
            text x=(w - left) y=(h - 6.0) font-size="11" text-anchor="end" fill="#334155" { (format::date(ctx.lang, to)) }
            rect x=(left) y="4" width="14" height="3" fill="#94a3b8" {}
            text x=(left + 20.0) y="10" font-size="11" fill="#334155" { (t.plan) }
            rect x=(left + 90.0) y="4" width="14" height="3" fill="#1f4e79" {}
            text x=(left + 110.0) y="10" font-size="11" fill="#334155" { (t.actual) }
            @if let Some(d) = last {
                circle cx=(format!("{:.1}", x(d.on))) cy=(format!("{:.1}", y(d.actual_minor.unwrap_or(0)))) r="4" fill="#1f4e79" {
                    title { (format::date(ctx.lang, d.on)) ": " (t.plan) " " (d.plan_minor / 100) ", " (t.actual) " " (d.actual_minor.unwrap_or(0) / 100) }
                }
            }
        }
    }
}

/// One rep's changes of the plan, and the head's month form.
fn rep_detail(ctx: &Ctx, plan: &TeamPlan, r: &RepPlan, shown: &Shown, refused: Option<&Refused<EmployeeId>>) -> Markup {
    let t = ctx.t.sales_plans;
    let money = |m: i64| format::money(m, &shown.currency);
    let month = plan.from.month() == plan.to.month();
    let refused = Refused::about(refused, &r.employee_id);
    let typed = |name: &str| refused.map_or("", |x| x.typed(name)).to_string();
    let period = format!("{}-{:02}", plan.from.year(), u8::from(plan.from.month()));
    html! {
        details.block id={ "rep-" (r.employee_id) } open[refused.is_some()] {
            summary { strong { (r.name) } " · " (t.changes) ": " (r.adjustments.len()) }
            @if r.adjustments.is_empty() { p.muted { (t.no_changes) } }
            @else { div.table-wrap { table.grid.adjustments {
                thead { tr { th { (t.day) } th { (ctx.t.planning.client) } th.num { (ctx.t.planning.potential) } th.num { (t.change) } th { (t.cause) } } }
                tbody { @for a in &r.adjustments { tr {
                    td { (format::date(ctx.lang, a.on)) }
                    td { a href={ "/clients/" (a.client_id) } { (a.client_name) } }
                    td.num { (money(a.potential_minor)) }
                    td.num { @if a.change_minor >= 0 { "+" } (money(a.change_minor)) }
                    td { (i18n::adjust_cause(ctx.lang, a.cause)) }
                } } }
            } } }
            @for o in &r.overrides {
                p.small.muted { (t.heads_plan) " " (format::date(ctx.lang, o.month)) ": " (money(o.plan_minor)) " (" (t.from_potential) " " (money(o.from_potential_minor)) "). " (t.reason) ": " (o.reason) }
            }
            @if shown.manager {
                @if let Some(x) = refused { p.alert.alert-error role="alert" { (error_text(ctx, x.error)) } }
                @if month {
                    form.inline-form method="post" action={ "/sales-plans/" (r.employee_id) "/" (period) } {
                        (csrf_field(ctx))
                        span { (t.set_month) }
                        input type="text" name="plan" inputmode="decimal" value=(typed("plan")) placeholder=(t.empty_clears) aria-label=(t.plan);
                        input type="number" name="new_clients" min="0" value=(typed("new_clients")) placeholder=(t.new_clients) aria-label=(t.new_clients);
                        input type="number" name="first_sales" min="0" value=(typed("first_sales")) placeholder=(t.first_sales) aria-label=(t.first_sales);
                        input type="text" name="reason" required value=(typed("reason")) placeholder=(t.reason) aria-label=(t.reason);
                        button.btn type="submit" { (t.save) }
                    }
                } @else { p.small.muted { (t.months_only) } }
            }
        }
    }
}

/// The whole page.
pub(super) fn page(
    ctx: &Ctx,
    title: &str,
    plan: &TeamPlan,
    shown: &Shown,
    refused: Option<&Refused<EmployeeId>>,
) -> Markup {
    let t = ctx.t.sales_plans;
    let money = |m: i64| format::money(m, &shown.currency);
    let done = (plan.plan_minor > 0).then(|| plan.actual_minor * 100 / plan.plan_minor);
    html! {
        div.page-head { h1 { (title) } }
        p.muted { (t.lead) }
        form.filters method="get" action="/sales-plans" {
            @if !shown.teams.is_empty() {
                div.field { label for="sp-team" { (ctx.t.planning.team) }
                    select #sp-team name="team_id" { @for team in &shown.teams { option value=(team.id) selected[team.id == plan.team_id] { (team.name) } } } }
            }
            div.field { label for="sp-period" { (t.period) }
                input #sp-period type="text" name="period" value=(shown.typed_period) placeholder=(t.period_hint); }
            button.btn type="submit" { (t.show) }
        }
        @let to_date = plan.trend.iter().rev().find(|d| d.actual_minor.is_some()).map(|d| d.plan_minor);
        p #plan-period { (format::date(ctx.lang, plan.from)) " — " (format::date(ctx.lang, plan.to)) ": "
            (t.plan) " " strong { (money(plan.plan_minor)) } ", " (t.actual) " " strong { (money(plan.actual_minor)) } " (" (percent(done)) ")"
            @if let Some(p) = to_date { "; " (t.plan_to_date) " " (money(p)) } }
        (trend(ctx, &plan.trend, plan.from, plan.to))
        div.table-wrap { table.grid #sales-plans {
            thead { tr { th { (ctx.t.planning.rep) } th.num { (t.plan) } th.num { (t.from_potential) } th.num { (t.actual) } th.num { (t.done) }
                th.num { (t.new_clients) } th.num { (t.first_sales) } } }
            tbody {
                @for r in &plan.reps { tr {
                    td { a href={ "#rep-" (r.employee_id) } { (r.name) } @if r.hunter { " " span.badge { (t.hunter) } } }
                    td.num { (money(r.plan_minor)) @if !r.overrides.is_empty() { br; span.small.muted { (t.heads_plan) } } }
                    td.num { (money(r.from_potential_minor)) }
                    td.num { (money(r.actual_minor)) }
                    td.num { strong { (percent(r.done_percent)) } }
                    td.num { (target(&r.new_clients)) }
                    td.num { (target(&r.first_sales)) }
                } }
                tr { td { strong { (t.team_total) } } td.num { strong { (money(plan.plan_minor)) } } td {} td.num { strong { (money(plan.actual_minor)) } } td.num { (percent(done)) } td {} td {} }
            }
        } }
        @for r in &plan.reps { (rep_detail(ctx, plan, r, shown, refused)) }
        @if !plan.potential_unknown.is_empty() {
            h2 { (t.unknown) " · " (plan.potential_unknown.len()) }
            p.muted { (t.unknown_lead) }
            div.table-wrap { table.grid #potential-unknown {
                thead { tr { th { (ctx.t.planning.client) } th { (t.holder) } th {} } }
                tbody { @for u in &plan.potential_unknown { tr {
                    td { a href={ "/clients/" (u.client_id) } { (u.client_name) } }
                    td { (plan.reps.iter().find(|r| r.employee_id == u.employee_id).map_or("", |r| r.name.as_str())) }
                    td { a.btn href={ "/clients/" (u.client_id) "/edit" } { (t.estimate) } }
                } } }
            } }
        }
    }
}
