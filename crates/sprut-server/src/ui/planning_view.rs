//! The markup of the redistribution planner: the limits form, a plan with its before/after
//! chart (server-drawn SVG), its moves with their reasons, and the apply form.

use super::format;
use super::i18n;
use super::layout::{csrf_field, error_text, Ctx};
use super::report;
use super::transfers_view::table;
use super::Refused;
use maud::{html, Markup};
use sprut_core::employee::Employee;
use sprut_core::handover::analysis::Outcome;
use sprut_core::handover::transfer::Transfer;
use sprut_core::money::Currency;
use sprut_core::planner::service::{PlanSummary, Redistribution, RepLoad};
use sprut_core::team::Team;
use sprut_core::EmployeeId;
use std::collections::HashMap;

/// The limits form and the recent plans.
pub(super) fn form(
    ctx: &Ctx,
    title: &str,
    teams: &[Team],
    plans: &[PlanSummary],
    manager: bool,
    refused: Option<&Refused<()>>,
) -> Markup {
    let t = ctx.t.planning;
    let typed = |name: &str| refused.map(|r| r.typed(name)).filter(|v| !v.is_empty());
    let team_name = |id| teams.iter().find(|t| t.id == id).map_or("", |t| t.name.as_str());
    html! {
        nav.crumbs { a href="/transfers" { "← " (ctx.t.offboarding.transfers) } }
        div.page-head { h1 { (title) } }
        p.muted { (t.explained) }
        @if let Some(r) = refused { p.alert.alert-error role="alert" #planning-error { (error_text(ctx, r.error)) } }
        @if manager && !teams.is_empty() {
            form.card.block method="post" action="/planning" #planning-form {
                (csrf_field(ctx))
                div.field { label for="p-team" { (t.team) }
                    select #p-team name="team_id" required {
                        @for team in teams { option value=(team.id) selected[typed("team_id") == Some(&team.id.to_string())] { (team.name) } }
                    } }
                div.field { label for="p-balance" { (t.balance) }
                    input #p-balance type="number" name="balance_percent" min="0" max="100" value=(typed("balance_percent").unwrap_or("10")); }
                div.field { label for="p-moves" { (t.max_moves) }
                    input #p-moves type="number" name="max_moves" min="0" value=(typed("max_moves").unwrap_or("")) placeholder=(t.no_limit); }
                div.field { label for="p-capacity" { (t.capacity) }
                    input #p-capacity type="number" name="capacity" min="1" value=(typed("capacity").unwrap_or("")) placeholder=(t.no_limit); }
                div.field { label { input type="checkbox" name="move_key" checked[typed("move_key").is_some()]; " " (t.move_key) } }
                button.btn.btn-primary type="submit" { (t.preview) }
            }
        }
        h2 { (t.plans) }
        @if plans.is_empty() { div.empty { p.empty-title { (t.no_plans) } } }
        @else { div.table-wrap { table.grid #plans {
            thead { tr { th { (t.made_on) } th { (t.team) } th.num { (t.moves) } th.num { (t.clients) } th { (ctx.t.status) } } }
            tbody { @for p in plans { tr {
                td { a href={ "/planning/" (p.id) } { (format::date(ctx.lang, p.made_on)) } }
                td { (team_name(p.team_id)) }
                td.num { (p.moves) }
                td.num { (p.clients) }
                td { (i18n::plan_state(ctx.lang, p.applied_at.is_some())) }
            } } }
        } } }
    }
}

/// The team's mean, and the least and most clients a rep may hold under the plan's balance.
fn allowed(r: &Redistribution) -> (f64, f64, f64) {
    let reps = r.loads.len().max(1);
    let (lo, hi) = sprut_core::planner::model::bounds(r.clients as usize, reps, r.request.balance_percent);
    (f64::from(r.clients) / reps as f64, lo as f64, hi as f64)
}

/// Each rep's clients before and after as horizontal bars, with the team mean and the band
/// the balance allows.
fn chart(ctx: &Ctx, r: &Redistribution) -> Markup {
    let t = ctx.t.planning;
    let (mean, lo, hi) = allowed(r);
    let most = r.loads.iter().map(|l| l.clients_before.max(l.clients_after)).max().unwrap_or(0);
    let top = f64::from(most).max(hi).max(1.0);
    let (left, right, row, head) = (240.0, 50.0, 28.0, 34.0);
    let width = 1000.0;
    let plot = width - left - right;
    let x = |v: f64| left + plot * v / top;
    let height = head + row * r.loads.len() as f64 + 10.0;
    let bar = |l: &RepLoad| format!("{}: {} {}, {} {}", l.name, t.before, l.clients_before, t.after, l.clients_after);
    html! {
        svg #plan-chart viewBox={ "0 0 " (width) " " (height) } width="100%" role="img" aria-labelledby="pc-title" xmlns="http://www.w3.org/2000/svg" {
            title #pc-title { (t.chart_title) }
            rect x=(format!("{:.1}", x(lo))) y=(head - 6.0) width=(format!("{:.1}", x(hi) - x(lo))) height=(row * r.loads.len() as f64 + 6.0) fill="#dcfce7" {
                title { (t.allowed) ": " (lo) "–" (hi) }
            }
            line x1=(format!("{:.1}", x(mean))) x2=(format!("{:.1}", x(mean))) y1=(head - 10.0) y2=(height - 6.0) stroke="#15803d" stroke-dasharray="4 3" {}
            text x=(format!("{:.1}", x(mean))) y=(head - 14.0) font-size="11" text-anchor="middle" fill="#15803d" { (t.mean) " " (format::decimal(ctx.lang, mean)) }
            rect x="8" y="6" width="12" height="10" fill="#94a3b8" {}
            text x="24" y="15" font-size="11" fill="#334155" { (t.before) }
            rect x="80" y="6" width="12" height="10" fill="#1f4e79" {}
            text x="96" y="15" font-size="11" fill="#334155" { (t.after) }
            @for (i, l) in r.loads.iter().enumerate() {
                @let y = head + row * i as f64;
                g {
                    title { (bar(l)) }
                    text x=(left - 8.0) y=(y + 15.0) font-size="12" text-anchor="end" fill="#0f172a" { (format::shorten(&l.name, 28)) }
                    rect x=(left) y=(y + 2.0) width=(format!("{:.1}", x(f64::from(l.clients_before)) - left)) height="9" fill="#94a3b8" {}
                    rect x=(left) y=(y + 12.0) width=(format!("{:.1}", x(f64::from(l.clients_after)) - left)) height="11" fill="#1f4e79" {}
                    text x=(format!("{:.1}", x(f64::from(l.clients_after)) + 4.0)) y=(y + 22.0) font-size="11" fill="#0f172a" { (l.clients_after) }
                }
            }
        }
    }
}

/// What a plan's page shows beside the plan.
pub(super) struct Shown<'a> {
    /// The company's currency.
    pub currency: &'a Currency,
    /// Whether the viewer may apply it.
    pub editable: bool,
    /// Its transfers, once applied.
    pub transfers: &'a [Transfer],
    /// The people those transfers name.
    pub people: &'a HashMap<EmployeeId, Employee>,
    /// Its group of the transfer report, once applied.
    pub outcome: Option<&'a Outcome>,
}

/// One plan: its limits, chart, loads, moves with reasons, and the apply form or its transfers
/// with how they sold since.
pub(super) fn plan(ctx: &Ctx, title: &str, r: &Redistribution, shown: &Shown, refused: Option<&Refused<()>>) -> Markup {
    let Shown { currency, editable, transfers, people, outcome } = *shown;
    let t = ctx.t.planning;
    let q = &r.request;
    let money = |m: i64| format::money(m, currency);
    let on = refused
        .map(|r| r.typed("effective_on"))
        .filter(|d| !d.is_empty())
        .map_or_else(|| ctx.today.to_string(), str::to_string);
    html! {
        nav.crumbs { a href="/planning" { "← " (t.redistribution) } }
        div.page-head { h1 { (title) } span.badge #plan-state { (i18n::plan_state(ctx.lang, r.applied_at.is_some())) } }
        p.muted #plan-limits {
            (t.made_on) " " (format::date(ctx.lang, r.made_on)) ". " (t.limits) ": "
            (t.balance_short) (q.balance_percent) (t.of_mean)
            @if let Some(m) = q.max_moves { "; " (t.max_moves) " " (m) }
            @if let Some(c) = q.capacity { "; " (t.capacity) " " (c) }
            @if q.move_key { "; " (t.key_allowed) }
            "."
        }
        @if let Some(r) = refused { p.alert.alert-error role="alert" #plan-error { (error_text(ctx, r.error)) } }
        @if editable {
            form.inline-form.block method="post" action={ "/planning/" (r.id) "/apply" } #apply-form {
                (csrf_field(ctx))
                label { (t.hand_over_on) input type="date" name="effective_on" required value=(on); }
                button.btn.btn-primary type="submit" { (t.apply) }
                p.small.muted { (t.apply_explained) }
            }
        }
        (chart(ctx, r))
        div.table-wrap { table.grid #plan-loads {
            thead { tr { th { (t.rep) } th.num { (t.clients) " " (t.before) } th.num { (t.clients) " " (t.after) }
                th.num { (t.potential) " " (t.before) } th.num { (t.potential) " " (t.after) }
                th.num { (t.month_plan) " " (t.before) } th.num { (t.month_plan) " " (t.after) } } }
            tbody { @for l in &r.loads { tr {
                td { (l.name) }
                td.num { (l.clients_before) } td.num { strong { (l.clients_after) } }
                td.num { (money(l.potential_before)) } td.num { (money(l.potential_after)) }
                td.num { (money(l.plan_before_minor)) } td.num { strong { (money(l.plan_after_minor)) } }
            } } }
        } }
        h2 { (t.moves) " · " (r.moves.len()) }
        @if r.moves.is_empty() { p.muted #plan-balanced { (t.balanced_already) } }
        @else { div.table-wrap { table.grid #plan-moves {
            thead { tr { th { (t.client) } th { (t.from) } th { (t.to) } th.num { (t.potential) } th { (t.why) } } }
            tbody { @for m in &r.moves { tr {
                td { a href={ "/clients/" (m.client_id) } { (m.client_name) } }
                td { (m.from_name) } td { strong { (m.to_name) } }
                td.num { (money(m.potential_minor)) }
                td.small { (i18n::move_reason(ctx.lang, m, &money(m.revenue_minor))) }
            } } }
        } } }
        @if !transfers.is_empty() { h2 { (t.transfers) } (table(ctx, transfers, people)) }
        @if let Some(o) = outcome {
            h2 { (ctx.t.report.transfer_outcomes) }
            p.muted { (t.outcome) }
            div.table-wrap { table.grid #plan-outcome { thead { (report::head(ctx)) } tbody { (report::rows(ctx.t.report.all, &o.windows)) } } }
        }
    }
}
