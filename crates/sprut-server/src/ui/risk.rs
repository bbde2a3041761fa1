//! What the company loses if one of its people leaves: per employee, the clients where he is
//! the only thread with their revenue and potential, the people only he has met, and a chart of
//! the twenty largest losses drawn as SVG on the server.

use super::extract::{Page, Posted};
use super::format;
use super::i18n;
use super::layout::{app_error_page, error_page, page, Ctx, Nav};
use super::report::{grouped, nice_ceiling};
use super::{employees_named, name_of, Params};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, PreEscaped};
use sprut_core::concentration::{concentration, ConcentrationRisk, EmployeeRisk};
use sprut_core::employee::{Employee, Role};
use sprut_core::money::Currency;
use sprut_core::rules::store::RotationStore;
use sprut_core::EmployeeId;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// Employees the chart shows.
const CHART_TOP: usize = 20;

/// `GET /risk[?employee=ID]`: everyone's risk, or one employee's with his clients.
pub(super) async fn show(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if !matches!(user.employee.role, Role::Admin | Role::Head | Role::Auditor) {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let one: Option<EmployeeId> = Params::new(query).parsed("employee");
    let loaded = async {
        let risk = concentration(&*state.store, &user.scope, ctx.today, one).await?;
        let people = employees_named(&state, risk.employees.iter().map(|l| l.employee_id)).await?;
        let clients: Vec<_> = risk.employees.iter().flat_map(|l| l.clients.iter().map(|c| c.client_id)).collect();
        let names = state.store.client_names(&clients).await?;
        let currency = Currency::parse(&state.settings().await.currency).unwrap_or_else(|_| Currency::rub());
        Ok::<_, sprut_core::CoreError>((risk, people, names, currency))
    };
    let (risk, people, names, currency) = match loaded.await {
        Ok(got) => got,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let t = ctx.t.octopus;
    let money = |minor: i64| format::money(minor, &currency);
    let body = html! {
        @if one.is_some() { nav.crumbs { a href="/risk" { "← " (t.everyone) } } }
        div.page-head { h1 { (t.risk_title) } span.muted { (format::date(ctx.lang, ctx.today)) } }
        p.muted { (t.risk_lead) " " (i18n::risk_totals(ctx.lang, risk.clients, risk.single_threaded))
            " " a href="/surveys" #to-surveys { (ctx.t.survey.report_title) }
            " · " a href="/coverage" #to-coverage { (t.thin_title) } }
        @if risk.employees.is_empty() { div.empty { p.empty-title { (t.risk_none) } } } @else {
            @if one.is_none() { (chart(&ctx, &risk, &people)) }
            div.table-wrap { table.grid #risk {
                thead { tr {
                    th { (ctx.t.nav_employees) } th.num { (t.held) } th.num { (t.single) } th.num { (t.revenue) }
                    th.num { (t.potential) } th.num { (t.only_his) } th.num { (t.unreachable) } th.num { (t.share) }
                } }
                tbody { @for l in &risk.employees { tr.bad[l.alert] {
                    td { a href={ "/risk?employee=" (l.employee_id) } { (name_of(&people, l.employee_id)) } }
                    td.num { (l.clients_held) } td.num { (l.single_threaded) } td.num { (money(l.revenue_minor)) }
                    td.num { (money(l.potential_minor)) } td.num { (l.contacts_only_his) } td.num { (l.contacts_unreachable) }
                    td.num { (format::decimal(ctx.lang, l.share_percent)) "\u{a0}%"
                        @if l.alert { " " span.badge.warn { (t.over) " " (risk.alert_percent) "\u{a0}%" } } }
                } } }
            } }
            @for l in risk.employees.iter().filter(|l| !l.clients.is_empty()) {
                (his_clients(&ctx, l, &people, &names, &money))
            }
        }
    };
    page(&ctx, Nav::Risk, t.risk_title, body).into_response()
}

/// One employee's single-threaded clients, the largest revenue first.
fn his_clients(
    ctx: &Ctx,
    l: &EmployeeRisk,
    people: &HashMap<EmployeeId, Employee>,
    names: &BTreeMap<sprut_core::ClientId, String>,
    money: &dyn Fn(i64) -> String,
) -> Markup {
    let t = ctx.t.octopus;
    html! {
        section.block #his-clients {
            h2 { (t.his_clients) ": " (name_of(people, l.employee_id)) }
            div.table-wrap { table.grid {
                thead { tr { th { (ctx.t.nav_clients) } th { (ctx.t.octopus.holder) } th.num { (t.revenue) } th.num { (t.potential) } } }
                tbody { @for c in &l.clients { tr {
                    td { a href={ "/clients/" (c.client_id) "#relationships" } { (names.get(&c.client_id).map_or("—", String::as_str)) }
                        @if c.untouched { " " span.badge.warn { (t.untouched) } } }
                    td { (name_of(people, c.holder)) }
                    td.num { (money(c.revenue_minor)) } td.num { (money(c.potential_minor)) }
                } } }
            } }
        }
    }
}

/// Horizontal bars of the revenue at stake per employee (the twenty largest), in thousands on
/// a labelled axis, each bar's value beside it, those over the alert's share in red; the
/// chart's title and description for those who cannot see it.
fn chart(ctx: &Ctx, risk: &ConcentrationRisk, people: &HashMap<EmployeeId, Employee>) -> Markup {
    let t = ctx.t.octopus;
    let bars: Vec<&EmployeeRisk> = risk.employees.iter().filter(|l| l.revenue_minor > 0).take(CHART_TOP).collect();
    if bars.is_empty() {
        return html! {};
    }
    let thousands = |minor: i64| (minor as f64 / 100_000.0).round() as i64;
    let (row, left, right, top, bottom) = (22.0, 190.0, 70.0, 12.0, 44.0);
    let w = 760.0;
    let h = top + bottom + row * bars.len() as f64;
    let plot_w = w - left - right;
    let top_tick = nice_ceiling(bars.iter().map(|l| thousands(l.revenue_minor)).max().unwrap_or(1).max(1));
    let x_of = |v: i64| left + plot_w * v as f64 / top_tick as f64;
    let (title, unit) = (t.chart_title, t.chart_unit);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg viewBox="0 0 {w} {h}" role="img" aria-labelledby="risk-title risk-desc" width="100%" xmlns="http://www.w3.org/2000/svg" id="risk-chart"><title id="risk-title">{title}</title>"#
    );
    let base = top + row * bars.len() as f64;
    for k in 0..=4 {
        let v = top_tick * k / 4;
        let x = x_of(v);
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{base:.1}" stroke="#e2e8f0"/><text x="{x:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#334155">{}</text>"##,
            base + 14.0,
            grouped(v)
        );
    }
    let mut desc = Vec::new();
    for (i, l) in bars.iter().enumerate() {
        let y = top + row * i as f64;
        let v = thousands(l.revenue_minor);
        let short = sprut_core::person_name::initials(&name_of(people, l.employee_id));
        let name = maud::html! { (format::shorten(&short, 24)) }.into_string();
        let colour = if l.alert { "#b91c1c" } else { "#1f4e79" };
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="#0f172a">{name}</text><rect x="{left}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{colour}"><title>{name}: {} {unit}</title></rect><text x="{:.1}" y="{:.1}" font-size="11" fill="#0f172a">{}</text>"##,
            left - 6.0,
            y + row * 0.68,
            y + 3.0,
            (x_of(v) - left).max(1.0),
            row - 6.0,
            grouped(v),
            x_of(v) + 4.0,
            y + row * 0.68,
            grouped(v)
        );
        desc.push(format!("{name} {}", grouped(v)));
    }
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{top}" x2="{left}" y2="{base:.1}" stroke="#94a3b8"/><line x1="{left}" y1="{base:.1}" x2="{:.1}" y2="{base:.1}" stroke="#94a3b8"/><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#334155">{unit}</text><desc id="risk-desc">{}</desc></svg>"##,
        w - right,
        left + plot_w / 2.0,
        h - 8.0,
        desc.join("; ")
    );
    html! { figure.chart { (PreEscaped(svg)) figcaption.muted.small { (title) ", " (unit) } } }
}

/// `GET /coverage`: the key clients below the coverage minimum, with what each lacks.
pub(super) async fn thin(State(state): State<AppState>, Page { user, ctx }: Page) -> Response {
    if !matches!(user.employee.role, Role::Admin | Role::Head | Role::Auditor) {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let loaded = async {
        let r = sprut_core::octopus::key_clients_below(&*state.store, &user.scope, ctx.today).await?;
        let named = r.below.iter().flat_map(|t| t.coverage.gaps.iter().filter_map(gap_person).chain(t.holder));
        let people = employees_named(&state, named.collect::<Vec<_>>()).await?;
        let names = state.store.client_names(&r.below.iter().map(|t| t.client_id).collect::<Vec<_>>()).await?;
        Ok::<_, sprut_core::CoreError>((r, people, names))
    };
    let (r, people, names) = match loaded.await {
        Ok(got) => got,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let t = ctx.t.octopus;
    let name = |e: EmployeeId| name_of(&people, e);
    let body = html! {
        nav.crumbs { a href="/risk" { "← " (t.risk_nav) } }
        div.page-head { h1 { (t.thin_title) } span.muted { (format::date(ctx.lang, ctx.today)) } }
        p.muted { (t.thin_lead) " " (i18n::thin_totals(ctx.lang, r.key_clients, r.minimum, r.below.len())) }
        p { a #all-by-coverage href="/clients?sort=coverage" { (t.all_by_coverage) " →" } }
        @if r.below.is_empty() { div.empty { p.empty-title { (t.thin_none) } } } @else {
            div.table-wrap { table.grid #thin { thead { tr {
                th { (ctx.t.nav_clients) } th { (t.holder) } th.num { (t.coverage) } th { (t.missing) }
            } } tbody { @for c in &r.below { tr {
                td { a href={ "/clients/" (c.client_id) "#relationships" } { (names.get(&c.client_id).map_or("—", String::as_str)) } }
                td { @if let Some(h) = c.holder { (name(h)) } }
                td.num { (c.coverage.score) }
                td { (c.coverage.gaps.iter().map(|g| i18n::coverage_gap(ctx.lang, g, name)).collect::<Vec<_>>().join("; ")) }
            } } } } }
        }
    };
    page(&ctx, Nav::Risk, t.thin_title, body).into_response()
}

/// `POST /coverage/count`: every client's coverage counted now (administrators), then the
/// client list by coverage.
pub(super) async fn count(State(state): State<AppState>, Posted { user, ctx, .. }: Posted) -> Response {
    match crate::api::octopus::count_now(&state, &user).await {
        Ok(_) => super::layout::back_with_notice("/clients?sort=coverage", "counted"),
        Err(err) => app_error_page(&ctx, err),
    }
}

/// The employee a gap names, if any.
fn gap_person(g: &sprut_core::octopus::Gap) -> Option<EmployeeId> {
    use sprut_core::octopus::Gap;
    match g {
        Gap::OneOfOurs { employee_id } => *employee_id,
        Gap::DecisionMakerOnlyHolder { employee_id } => Some(*employee_id),
        _ => None,
    }
}
