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
use sprut_core::handover::analysis::{report, Outcome, Window};
use sprut_core::handover::HandoverStore;
use sprut_core::money::Currency;
use std::fmt::Write;

/// Bars of before/after for the transferred clients and the control, per window.
fn chart(ctx: &Ctx, o: &Outcome) -> Markup {
    let (w, h, pad) = (720.0, 260.0, 40.0);
    let max = o
        .windows
        .iter()
        .flat_map(|x| [x.before_minor, x.after_minor, x.control_before_minor, x.control_after_minor])
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let group = (w - 2.0 * pad) / o.windows.len().max(1) as f64;
    let bar = group / 6.0;
    let colours = ["#94a3b8", "#1f4e79", "#cbd5e1", "#60a5fa"];
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg viewBox="0 0 {w} {h}" role="img" width="100%" xmlns="http://www.w3.org/2000/svg" id="transfer-chart">"#
    );
    let _ = write!(svg, r##"<line x1="{pad}" y1="{}" x2="{}" y2="{}" stroke="#94a3b8"/>"##, h - pad, w - pad, h - pad);
    for (gi, win) in o.windows.iter().enumerate() {
        let x0 = pad + gi as f64 * group + bar;
        let values = [win.before_minor, win.after_minor, win.control_before_minor, win.control_after_minor];
        for (bi, v) in values.iter().enumerate() {
            let bh = (*v as f64 / max) * (h - 2.0 * pad);
            let x = x0 + bi as f64 * bar;
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{bh:.1}" fill="{}"><title>{}</title></rect>"#,
                h - pad - bh,
                bar * 0.9,
                colours[bi],
                sprut_core::money::format_minor(*v)
            );
        }
        let label = format!("{} {}", win.months, ctx.pick("мес.", "mo."));
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{}" font-size="12" text-anchor="middle" fill="#334155">{label}</text>"##,
            x0 + 2.0 * bar,
            h - pad + 18.0
        );
    }
    let legend = [
        ctx.pick("переданные: до", "transferred: before"),
        ctx.pick("переданные: после", "transferred: after"),
        ctx.pick("не переданные: до", "stayed: before"),
        ctx.pick("не переданные: после", "stayed: after"),
    ];
    for (i, l) in legend.iter().enumerate() {
        let x = pad + i as f64 * 170.0;
        let _ = write!(
            svg,
            r##"<rect x="{x}" y="8" width="12" height="12" fill="{}"/><text x="{}" y="18" font-size="12" fill="#334155">{l}</text>"##,
            colours[i],
            x + 16.0
        );
    }
    svg.push_str("</svg>");
    html! { figure.chart { (PreEscaped(svg)) } }
}

fn percent(p: Option<f64>) -> String {
    p.map(|v| format!("{}\u{a0}%", format::signed(v))).unwrap_or_else(|| "—".into())
}

fn rows(label: &str, windows: &[Window]) -> Markup {
    let rub = Currency::rub();
    html! { @for w in windows { tr {
        td { (label) } td.num { (w.months) } td.num { (w.clients) }
        td.num { (format::money(w.before_minor, &rub)) } td.num { (format::money(w.after_minor, &rub)) } td.num { (percent(w.change_percent)) }
        td.num { (percent(w.control_change_percent)) }
        td.num { strong { (w.lift_points.map(format::signed).unwrap_or_else(|| "—".into())) } }
    } } }
}

/// `GET /reports/transfers`: the outcome by cause and by receiving rep.
pub(super) async fn transfers(State(state): State<AppState>, Page { user, ctx }: Page) -> Response {
    if !matches!(user.employee.role, Role::Admin | Role::Head | Role::Auditor) {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let history = match state.store.handover_history().await {
        Ok(h) => h,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let r = report(&history.0, &history.1, &history.2, ctx.today);
    let people = match employees_named(&state, r.by_receiver.iter().filter_map(|o| o.key.parse().ok())).await {
        Ok(p) => p,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let title = ctx.pick("Итоги передач", "Transfer outcomes");
    let head = html! { tr {
        th { (ctx.pick("Группа", "Group")) } th.num { (ctx.pick("Окно, мес.", "Window, mo.")) } th.num { (ctx.t.nav_clients) }
        th.num { (ctx.pick("До", "Before")) } th.num { (ctx.pick("После", "After")) } th.num { (ctx.pick("Изменение", "Change")) }
        th.num { (ctx.pick("У не переданных", "Stayed")) } th.num { (ctx.pick("Разница, п.п.", "Lift, pts")) }
    } };
    let body = html! {
        nav.crumbs { a href="/transfers" { "← " (ctx.pick("Передачи", "Transfers")) } }
        div.page-head { h1 { (title) } }
        p.muted { (ctx.pick("Продажи переданных клиентов за 3, 6 и 12 месяцев до и после передачи — рядом с клиентами тех же сегментов, которых не передавали, за те же месяцы. Считаются только окна, которые уже прошли.",
            "Sales of transferred clients 3, 6 and 12 months before and after the transfer, beside the clients of the same segments that were not transferred, over the same months. Only windows that have passed are counted.")) }
        @if r.total.transferred == 0 { div.empty { p.empty-title { (ctx.pick("Передач ещё не было.", "No transfers yet.")) } } }
        @else {
            (chart(&ctx, &r.total))
            h2 { (ctx.pick("По причинам", "By cause")) }
            div.table-wrap { table.grid #by-cause { thead { (head) } tbody {
                (rows(ctx.pick("все", "all"), &r.total.windows))
                @for o in &r.by_cause { (rows(&o.key, &o.windows)) }
            } } }
            h2 { (ctx.pick("По получателям", "By receiving rep")) }
            div.table-wrap { table.grid #by-receiver { thead { (head) } tbody {
                @for o in &r.by_receiver { (rows(&o.key.parse().map(|id| name_of(&people, id)).unwrap_or_else(|_| o.key.clone()), &o.windows)) }
            } } }
        }
    };
    page(&ctx, Nav::Transfers, title, body).into_response()
}
