//! The outcome of transfers: sales of transferred clients before and after, beside the clients
//! of the same segments that stayed, with a bar chart drawn as SVG on the server.

use super::extract::Page;
use super::format;
use super::layout::{app_error_page, error_page, page, Ctx, Nav};
use super::{employees_named, name_of};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, PreEscaped};
use sprut_core::employee::Role;
use sprut_core::handover::analysis::{Outcome, Window};
use sprut_core::handover::HandoverStore;
use sprut_core::money::Currency;
use sprut_core::planner::service::PlannerStore;
use sprut_core::store::prelude::*;
use std::fmt::Write;

/// Bars of before/after for the transferred clients and the control, per window: sales in
/// thousands of roubles on a labelled axis, the value over each bar, a legend, and the
/// chart's title and description for those who cannot see it.
fn chart(ctx: &Ctx, o: &Outcome) -> Markup {
    let (w, h) = (760.0, 300.0);
    let (left, right, top, bottom) = (78.0, 16.0, 40.0, 48.0);
    let plot_h = h - top - bottom;
    let thousands = |minor: i64| (minor as f64 / 100_000.0).round() as i64;
    let max = o
        .windows
        .iter()
        .flat_map(|x| [x.before_minor, x.after_minor, x.control_before_minor, x.control_after_minor])
        .map(thousands)
        .max()
        .unwrap_or(0)
        .max(1);
    let top_tick = nice_ceiling(max);
    let group = (w - left - right) / o.windows.len().max(1) as f64;
    // Four bars a window, wide enough for their values above them.
    let bar = group / 4.8;
    let colours = ["#94a3b8", "#1f4e79", "#cbd5e1", "#60a5fa"];
    let legend = [
        ctx.t.report.transferred_before,
        ctx.t.report.transferred_after,
        ctx.t.report.stayed_before,
        ctx.t.report.stayed_after,
    ];
    let title = ctx.t.report.sales_of_transferred_and;
    let unit = ctx.t.report.thousand;
    let mut desc = Vec::new();
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg viewBox="0 0 {w} {h}" role="img" aria-labelledby="tc-title tc-desc" width="100%" xmlns="http://www.w3.org/2000/svg" id="transfer-chart"><title id="tc-title">{title}</title>"#
    );
    // The value axis: four ticks from zero, with the unit above it.
    for k in 0..=4 {
        let v = top_tick * k / 4;
        let y = top + plot_h - plot_h * v as f64 / top_tick as f64;
        let _ = write!(
            svg,
            r##"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e2e8f0"/><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#334155">{}</text>"##,
            w - right,
            left - 6.0,
            y + 4.0,
            grouped(v)
        );
    }
    let _ = write!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#334155">{unit}</text><line x1="{left}" y1="{top}" x2="{left}" y2="{:.1}" stroke="#94a3b8"/><line x1="{left}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#94a3b8"/>"##,
        left - 6.0,
        top - 12.0,
        top + plot_h,
        top + plot_h,
        w - right,
        top + plot_h
    );
    for (gi, win) in o.windows.iter().enumerate() {
        let x0 = left + gi as f64 * group + bar * 0.4;
        let values = [win.before_minor, win.after_minor, win.control_before_minor, win.control_after_minor];
        let window = format!("{} {}", win.months, ctx.t.report.mo);
        let mut said = Vec::new();
        for (bi, v) in values.iter().enumerate() {
            let t = thousands(*v);
            let bh = plot_h * t as f64 / top_tick as f64;
            let x = x0 + bi as f64 * bar;
            let y = top + plot_h - bh;
            let _ = write!(
                svg,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{bh:.1}" fill="{}"><title>{}: {} {unit}</title></rect><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#0f172a">{}</text>"##,
                bar * 0.9,
                colours[bi],
                legend[bi],
                grouped(t),
                x + bar * 0.45,
                y - 3.0,
                grouped(t)
            );
            said.push(format!("{} {} {unit}", legend[bi], grouped(t)));
        }
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle" fill="#334155">{window}</text>"##,
            x0 + 2.0 * bar,
            top + plot_h + 18.0
        );
        desc.push(format!("{window}: {}", said.join(", ")));
    }
    let _ = write!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#334155">{}</text>"##,
        left + (w - left - right) / 2.0,
        h - 8.0,
        ctx.t.report.window_before_and_after
    );
    for (i, l) in legend.iter().enumerate() {
        let x = left + i as f64 * 168.0;
        let _ = write!(
            svg,
            r##"<rect x="{x}" y="8" width="12" height="12" fill="{}"/><text x="{}" y="18" font-size="12" fill="#334155">{l}</text>"##,
            colours[i],
            x + 16.0
        );
    }
    let _ = write!(svg, r#"<desc id="tc-desc">{}</desc></svg>"#, desc.join("; "));
    html! { figure.chart { (PreEscaped(svg)) figcaption.muted.small { (title) ", " (unit) } } }
}

/// The smallest of 1, 2 or 5 times a power of ten that is at least `v`: a round top for an axis.
pub(super) fn nice_ceiling(v: i64) -> i64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step >= v {
                return m * step;
            }
        }
        step *= 10;
    }
}

/// A whole number with spaces between thousands: `12 345`.
pub(super) fn grouped(v: i64) -> String {
    sprut_core::money::format_minor(v * 100)
}

fn percent(p: Option<f64>) -> String {
    p.map(|v| format!("{}\u{a0}%", format::signed(v))).unwrap_or_else(|| "—".into())
}

/// One group's 3, 6 and 12 month rows.
pub(super) fn rows(label: &str, windows: &[Window]) -> Markup {
    let rub = Currency::rub();
    html! { @for w in windows { tr {
        td { (label) } td.num { (w.months) } td.num { (w.clients) }
        td.num { (format::money(w.before_minor, &rub)) } td.num { (format::money(w.after_minor, &rub)) } td.num { (percent(w.change_percent)) }
        td.num { (percent(w.control_change_percent)) }
        td.num { strong { (w.lift_points.map(format::signed).unwrap_or_else(|| "—".into())) } }
    } } }
}

/// The header row of an outcome table.
pub(super) fn head(ctx: &Ctx) -> Markup {
    html! { tr {
        th { (ctx.t.report.group) } th.num { (ctx.t.report.window_mo) } th.num { (ctx.t.nav_clients) }
        th.num { (ctx.t.report.before) } th.num { (ctx.t.report.after) } th.num { (ctx.t.report.change) }
        th.num { (ctx.t.report.stayed) } th.num { (ctx.t.report.lift_pts) }
    } }
}

/// `GET /reports/transfers`: the outcome by cause, by receiving rep and by redistribution plan.
pub(super) async fn transfers(State(state): State<AppState>, Page { user, ctx }: Page) -> Response {
    if !matches!(user.employee.role, Role::Admin | Role::Head | Role::Auditor) {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let r = match state.store.transfer_report(ctx.today).await {
        Ok(r) => r,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let people = match employees_named(&state, r.by_receiver.iter().filter_map(|o| o.key.parse().ok())).await {
        Ok(p) => p,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    // The plans and teams are read only to name the report's plans, when it has any.
    let (plans, teams) = if r.by_plan.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        match (state.store.redistributions().await, state.store.teams().await) {
            (Ok(p), Ok(t)) => (p, t),
            (Err(e), _) | (_, Err(e)) => return app_error_page(&ctx, e.into()),
        }
    };
    let plan_label = |key: &str| {
        let plan = plans.iter().find(|p| p.id.to_string() == key);
        let team = |p: &sprut_core::planner::service::PlanSummary| {
            teams.iter().find(|t| t.id == p.team_id).map_or(String::new(), |t| t.name.clone())
        };
        plan.map_or_else(|| key.to_string(), |p| format!("{} · {}", format::date(ctx.lang, p.made_on), team(p)))
    };
    let title = ctx.t.report.transfer_outcomes;
    let head = head(&ctx);
    let body = html! {
        nav.crumbs { a href="/transfers" { "← " (ctx.t.report.transfers) } }
        div.page-head { h1 { (title) } }
        p.muted { (ctx.t.report.sales_of_transferred_clients) }
        @if r.total.transferred == 0 { div.empty { p.empty-title { (ctx.t.report.no_transfers_yet) } } }
        @else {
            (chart(&ctx, &r.total))
            h2 { (ctx.t.report.by_cause) }
            div.table-wrap { table.grid #by-cause { thead { (head) } tbody {
                (rows(ctx.t.report.all, &r.total.windows))
                @for o in &r.by_cause { (rows(o.key.parse().map_or(o.key.as_str(), |c| super::transfers_view::cause(&ctx, c)), &o.windows)) }
            } } }
            h2 { (ctx.t.report.by_receiving_rep) }
            div.table-wrap { table.grid #by-receiver { thead { (head) } tbody {
                @for o in &r.by_receiver { (rows(&o.key.parse().map(|id| name_of(&people, id)).unwrap_or_else(|_| o.key.clone()), &o.windows)) }
            } } }
            @if !r.by_plan.is_empty() {
                h2 { (ctx.t.planning.by_plan) }
                div.table-wrap { table.grid #by-plan { thead { (head) } tbody {
                    @for o in &r.by_plan { (rows(&plan_label(&o.key), &o.windows)) }
                } } }
            }
        }
    };
    page(&ctx, Nav::Transfers, title, body).into_response()
}

#[cfg(test)]
mod tests {
    use super::{grouped, nice_ceiling};

    #[test]
    fn the_axis_ends_at_a_round_figure() {
        assert_eq!([1, 3, 7, 10, 11, 180, 4_999, 50_001].map(nice_ceiling), [1, 5, 10, 10, 20, 200, 5_000, 100_000]);
        assert_eq!(grouped(12_345), "12\u{a0}345");
    }
}
