//! The client list: the caller's book with filters and cursor pagination.

use super::extract::Page;
use super::format;
use super::i18n;
use super::layout::{app_error_page, page, Ctx, Nav};
use super::{reps_and_heads_in, Params};
use crate::error::AppError;
use crate::guard::watch;
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::client::{ClientFilter, ClientListItem, ClientSort, ClientStatus, Tier};
use sprut_core::employee::{Employee, Role};
use sprut_core::export::{ExportEntity, ExportFormat};
use sprut_core::page::{PageRequest, MAX_LIMIT};
use sprut_core::scope::{may_export, Scope};
use sprut_core::store::prelude::*;
use sprut_core::team::Team;
use std::collections::BTreeSet;

/// Rows per page of the list.
const PAGE_SIZE: u32 = 50;

/// The filter names carried by the form and the paging links, in order.
const FILTER_NAMES: [&str; 9] =
    ["q", "segment", "region", "tier", "status", "holder", "team", "coverage_below", "sort"];

/// `/clients?…` with the current filters and, when given, the cursor.
fn list_url(params: &Params, after: Option<&str>) -> String {
    let extra: Vec<(&str, &str)> = after.map(|a| ("after", a)).into_iter().collect();
    params.link("/clients", &FILTER_NAMES, &extra)
}

/// Links to export what the list shows (and the records around those clients), for those
/// who may export: the API's export route with the same filters.
fn export_menu(ctx: &Ctx, params: &Params) -> Markup {
    let t = ctx.t;
    let mut filters: Vec<(&str, &str)> = Vec::new();
    for (ui, api) in [
        ("q", "q"),
        ("segment", "segment"),
        ("region", "region"),
        ("tier", "tier"),
        ("status", "status"),
        ("holder", "holder_id"),
        ("team", "team_id"),
        ("coverage_below", "coverage_below"),
    ] {
        if let Some(v) = params.get(ui) {
            filters.push((api, v));
        }
    }
    let link = |entity: ExportEntity, format: ExportFormat| {
        let mut pairs = vec![("format", format.as_str())];
        pairs.extend(filters.iter().copied());
        Params::default().link(&format!("/api/v1/export/{entity}"), &[], &pairs)
    };
    let entities = [
        (ExportEntity::Clients, t.clients_title),
        (ExportEntity::Contacts, t.contacts),
        (ExportEntity::Deals, t.deals),
        (ExportEntity::Activities, t.activities),
    ];
    html! {
        details.menu #export-menu {
            summary.btn { (t.export) }
            ul { @for (entity, name) in entities { li {
                span { (name) }
                a href=(link(entity, ExportFormat::Xlsx)) download { "XLSX" }
                a href=(link(entity, ExportFormat::Csv)) download { "CSV" }
            } } }
        }
    }
}

/// The store filter the query asks for.
fn filter_of(params: &Params) -> ClientFilter {
    ClientFilter {
        holder_id: params.parsed("holder"),
        team_id: params.parsed("team"),
        segment: params.get("segment").map(str::to_string),
        region: params.get("region").map(str::to_string),
        tier: params.parsed("tier"),
        status: params.parsed("status"),
        q: params.get("q").map(str::to_string),
        coverage_below: params.parsed("coverage_below"),
        sort: params.parsed("sort"),
    }
}

/// What the filter form offers besides the fixed choices.
#[derive(Default)]
struct Choices {
    holders: Vec<Employee>,
    teams: Vec<Team>,
    segments: BTreeSet<String>,
    regions: BTreeSet<String>,
}

/// Loads the holder and team choices a head, admin or auditor may filter by, and the
/// segments and regions seen in the first rows of the book.
async fn choices(state: &AppState, scope: &Scope, role: Role) -> Result<Choices, AppError> {
    let mut c = Choices::default();
    let seen = state
        .store
        .clients(scope, &ClientFilter::default(), &PageRequest { after: None, limit: Some(MAX_LIMIT) })
        .await?;
    for item in seen.items {
        c.segments.extend(item.client.segment);
        c.regions.extend(item.client.region);
    }
    if !matches!(role, Role::Admin | Role::Auditor | Role::Head) {
        return Ok(c);
    }
    let in_scope = |team: Option<sprut_core::TeamId>| scope.oversees(team);
    let mut holders: Vec<Employee> = reps_and_heads_in(state, scope)
        .await?
        .into_values()
        .filter(|e| matches!(e.role, Role::Rep | Role::Head) && in_scope(e.team_id))
        .collect();
    holders.sort_by(|a, b| a.name.cmp(&b.name));
    c.holders = holders;
    c.teams = state.store.teams().await?.into_iter().filter(|t| in_scope(Some(t.id))).collect();
    Ok(c)
}

/// `GET /clients`: the list page.
pub(super) async fn list(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let params = Params::new(query);
    let request = PageRequest { after: params.get("after").map(str::to_string), limit: Some(PAGE_SIZE) };
    if let Err(err) = watch::list_requested(&state, &user).await {
        return app_error_page(&ctx, err);
    }
    let rows = match state.store.clients(&user.scope, &filter_of(&params), &request).await {
        Ok(rows) => rows,
        // A tampered cursor is not worth an error page: start again from the first page.
        Err(sprut_core::CoreError::Validation(_)) => return super::layout::see_other(&list_url(&params, None)),
        Err(err) => return app_error_page(&ctx, err.into()),
    };
    if let Err(err) =
        watch::records_read(&state, &user, rows.items.iter().map(|c| format!("client:{}", c.client.id)).collect()).await
    {
        return app_error_page(&ctx, err);
    }
    let choices = match choices(&state, &user.scope, user.employee.role).await {
        Ok(c) => c,
        Err(err) => return app_error_page(&ctx, err),
    };
    // The day of the count is read only for a list that filters or sorts by coverage.
    let by_coverage =
        params.get("sort") == Some(ClientSort::Coverage.as_str()) || params.get("coverage_below").is_some();
    let counted_on = match by_coverage {
        true => match state.store.coverage_counted_on().await {
            Ok(d) => d,
            Err(err) => return app_error_page(&ctx, err.into()),
        },
        false => None,
    };
    let body = html! {
        div.page-head {
            h1 { (ctx.t.clients_title) }
            @if crate::api::clients::may_add_client(&user).is_ok() {
                a.btn.btn-primary #new-client href="/clients/new" { "+ " (ctx.t.forms.new_client) }
            }
            @if may_export(&user.employee) { (export_menu(&ctx, &params)) }
        }
        (filter_form(&ctx, &params, &choices))
        @if params.get("counted").is_some() { p.alert.alert-ok role="status" { (ctx.t.octopus.counted) } }
        @if by_coverage {
            (counted_line(&ctx, counted_on, user.employee.role == Role::Admin))
        }
        @if rows.items.is_empty() {
            div.empty #clients-empty {
                p.empty-title { (ctx.t.no_clients) }
                p.muted { (ctx.t.no_clients_hint) }
            }
        } @else {
            (table(&ctx, &rows.items))
        }
        nav.pager aria-label="pages" {
            @if params.get("after").is_some() {
                a.btn #first-page href=(list_url(&params, None)) { (ctx.t.first_page) }
            }
            span.muted { (ctx.t.shown) ": " (rows.items.len()) }
            @if let Some(next) = &rows.next {
                a.btn #next-page rel="next" href=(list_url(&params, Some(next))) { (ctx.t.next_page) }
            }
        }
    };
    page(&ctx, Nav::Clients, ctx.t.clients_title, body).into_response()
}

/// When the kept coverage scores were counted, with the administrator's button to count now.
fn counted_line(ctx: &Ctx, on: Option<time::Date>, admin: bool) -> Markup {
    let t = ctx.t.octopus;
    html! {
        p.muted #coverage-counted {
            @match on {
                Some(d) => { (t.counted_on) " " (format::date(ctx.lang, d)) "." }
                None => (t.never_counted),
            }
            @if admin {
                " " form.inline-form method="post" action="/coverage/count" {
                    (super::layout::csrf_field(ctx)) button.btn.btn-small type="submit" #count-coverage { (t.count_now) }
                }
            }
        }
    }
}

/// The filter form; it submits by GET so every list is a link.
fn filter_form(ctx: &Ctx, params: &Params, choices: &Choices) -> Markup {
    let t = ctx.t;
    let lang = ctx.lang;
    let selected = |name: &str, value: &str| params.get(name) == Some(value);
    html! {
        form.filters method="get" action="/clients" role="search" {
            div.field.field-wide {
                label for="f-q" { (t.search) }
                input #f-q type="search" name="q" value=[params.get("q")] placeholder=(t.search_placeholder);
            }
            div.field {
                label for="f-segment" { (t.segment) }
                input #f-segment type="text" name="segment" list="segments" value=[params.get("segment")];
                datalist #segments { @for s in &choices.segments { option value=(s) {} } }
            }
            div.field {
                label for="f-region" { (t.region) }
                input #f-region type="text" name="region" list="regions" value=[params.get("region")];
                datalist #regions { @for r in &choices.regions { option value=(r) {} } }
            }
            div.field {
                label for="f-tier" { (t.tier) }
                select #f-tier name="tier" {
                    option value="" { (t.any) }
                    @for tier in Tier::ALL {
                        option value=(tier.as_str()) selected[selected("tier", tier.as_str())] { (i18n::tier(lang, *tier)) }
                    }
                }
            }
            div.field {
                label for="f-status" { (t.status) }
                select #f-status name="status" {
                    option value="" { (t.any) }
                    @for s in ClientStatus::ALL {
                        option value=(s.as_str()) selected[selected("status", s.as_str())] { (i18n::client_status(lang, *s)) }
                    }
                }
            }
            @if !choices.holders.is_empty() {
                div.field {
                    label for="f-holder" { (t.holder) }
                    select #f-holder name="holder" {
                        option value="" { (t.any) }
                        @for e in &choices.holders {
                            @let id = e.id.to_string();
                            option value=(id) selected[selected("holder", &id)] { (e.name) }
                        }
                    }
                }
            }
            @if choices.teams.len() > 1 {
                div.field {
                    label for="f-team" { (t.team) }
                    select #f-team name="team" {
                        option value="" { (t.any) }
                        @for team in &choices.teams {
                            @let id = team.id.to_string();
                            option value=(id) selected[selected("team", &id)] { (team.name) }
                        }
                    }
                }
            }
            div.field {
                label for="f-coverage" { (t.octopus.coverage_below) }
                input #f-coverage type="number" name="coverage_below" min="0" max="100" inputmode="numeric" value=[params.get("coverage_below")];
            }
            div.field {
                label for="f-sort" { (t.octopus.order) }
                select #f-sort name="sort" {
                    option value="" { (t.octopus.by_name) }
                    option value=(ClientSort::Coverage.as_str()) selected[selected("sort", ClientSort::Coverage.as_str())] { (t.octopus.by_coverage) }
                }
            }
            div.field.field-actions {
                button.btn.btn-primary type="submit" #apply { (t.apply) }
                a.btn.btn-quiet href="/clients" { (t.reset) }
            }
        }
    }
}

/// The badge of a tier.
pub(crate) fn tier_badge(ctx: &Ctx, tier: Tier) -> Markup {
    html! { span class={ "badge tier-" (tier.as_str()) } { (i18n::tier(ctx.lang, tier)) } }
}

/// The dense table of clients.
fn table(ctx: &Ctx, rows: &[ClientListItem]) -> Markup {
    let t = ctx.t;
    html! {
        div.table-wrap {
            table.grid #clients {
                thead {
                    tr {
                        th { (t.name) }
                        th { (t.legal_id) }
                        th { (t.segment) }
                        th { (t.region) }
                        th { (t.tier) }
                        th.num { (t.potential) }
                        th { (t.holder) }
                        th.num { (t.octopus.coverage) }
                    }
                }
                tbody {
                    @for row in rows {
                        @let c = &row.client;
                        tr {
                            td.name {
                                a href={ "/clients/" (c.id) } { (c.name) }
                                @if c.status == ClientStatus::Archived {
                                    " " span.badge.status-archived { (i18n::client_status(ctx.lang, c.status)) }
                                }
                            }
                            td.mono { (c.legal_id.as_deref().unwrap_or("")) }
                            td { (c.segment.as_deref().unwrap_or("")) }
                            td { (c.region.as_deref().unwrap_or("")) }
                            td { (tier_badge(ctx, c.tier)) }
                            td.num { (format::money(c.potential_minor, &c.currency)) }
                            td.held-by {
                                @match &row.holder {
                                    Some(h) => {
                                        span.holder { (h.name) }
                                        " " span.muted.small { (t.since) " " (format::date(ctx.lang, h.since)) }
                                    }
                                    None => span.muted { (t.no_holder) },
                                }
                            }
                            td.num {
                                @match row.coverage {
                                    Some(score) => (score),
                                    None => span.muted title=(t.octopus.not_counted) { "—" },
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_the_filters() {
        let p = Params::new(vec![
            ("q".into(), "Ромашка & Co".into()),
            ("tier".into(), "key".into()),
            ("holder".into(), "".into()),
            ("after".into(), "abc".into()),
        ]);
        assert_eq!(
            list_url(&p, Some("6162")),
            "/clients?q=%D0%A0%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0%20%26%20Co&tier=key&after=6162"
        );
        assert_eq!(list_url(&Params::default(), None), "/clients");
    }
}
