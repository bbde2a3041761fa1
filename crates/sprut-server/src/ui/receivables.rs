//! Receivables: the unpaid invoices of one's scope aged by days past due, in total, per team,
//! per rep and per client, and a collection step set on a client from its line.

use super::extract::{Page, PathId, Posted};
use super::format;
use super::i18n;
use super::layout::{app_error_page, back_with_notice, csrf_field, error_text, page, Ctx, Nav};
use super::owner_filter::{chosen, params_of, Filters};
use super::{employees_named, name_of, Params};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::aging::{receivables_aging, AgingBucket, AgingLine, ReceivablesAging};
use sprut_core::employee::Employee;
use sprut_core::meeting::TaskKind;
use sprut_core::scope::RecordKind;
use sprut_core::store::prelude::*;
use sprut_core::{ClientId, EmployeeId, TeamId};
use std::collections::HashMap;
use time::Duration;

/// Days from today a collection step is proposed for.
const STEP_IN_DAYS: i64 = 3;

/// `GET /receivables`: the aging of the caller's scope, by rep or team when chosen.
pub(super) async fn show(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let params = Params::new(query);
    let notice = params.get("step").is_some().then_some(ctx.t.aging.step_set);
    render(&state, &user, &ctx, &params, Outcome { notice, problem: None }, StatusCode::OK).await
}

/// What the page says above its tables after a collection step was asked for.
struct Outcome<'a> {
    notice: Option<&'a str>,
    problem: Option<String>,
}

async fn render(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    params: &Params,
    said: Outcome<'_>,
    status: StatusCode,
) -> Response {
    let loaded = async {
        let aged = receivables_aging(&*state.store, &user.scope, &chosen(params), ctx.today).await?;
        let holders = aged.reps.iter().filter_map(|r| r.employee_id);
        let people = employees_named(state, holders.collect::<Vec<_>>()).await?;
        let teams: HashMap<TeamId, String> = state.store.teams().await?.into_iter().map(|t| (t.id, t.name)).collect();
        let filters = Filters::load(state, user).await?;
        Ok::<_, AppError>((aged, people, teams, filters))
    };
    match loaded.await {
        Ok((aged, people, teams, filters)) => {
            let r = ctx.t.aging;
            let body = html! {
                div.page-head { h1 { (r.title) } span.muted { (format::date(ctx.lang, ctx.today)) } }
                (filters.form(ctx, params, "/receivables"))
                @if let Some(n) = said.notice { p.alert.alert-ok role="status" { (n) } }
                @if let Some(p) = &said.problem { p.field-error role="alert" { (p) } }
                @if aged.total.is_empty() { p.muted { (r.none) } } @else { (tables(ctx, &aged, &people, &teams)) }
            };
            (status, page(ctx, Nav::Receivables, r.title, body)).into_response()
        }
        Err(err) => app_error_page(ctx, err),
    }
}

/// The header cells of the bucket columns.
fn bucket_heads(ctx: &Ctx) -> Markup {
    html! {
        @for b in AgingBucket::ALL.iter().copied() { th.num { (i18n::aging_bucket(ctx.lang, b)) } }
        th.num { (ctx.t.aging.overdue) }
    }
}

/// The cells of one line: an amount per bucket and the overdue sum.
fn bucket_cells(line: &AgingLine) -> Markup {
    html! {
        @for b in AgingBucket::ALL.iter().copied() {
            @let amount = line.amount(b);
            td.num.bad[b != AgingBucket::NotDue && amount > 0] {
                @if amount == 0 { "—" } @else { (format::money(amount, &line.currency)) }
            }
        }
        td.num { strong { (format::money(line.overdue(), &line.currency)) } }
    }
}

/// The aging of one client, as the card shows it: one row per currency.
pub(super) fn aging_table(ctx: &Ctx, lines: &[AgingLine]) -> Markup {
    html! {
        div.table-wrap { table.grid.aging {
            thead { tr { (bucket_heads(ctx)) } }
            tbody { @for l in lines { tr { (bucket_cells(l)) } } }
        } }
    }
}

fn tables(
    ctx: &Ctx,
    aged: &ReceivablesAging,
    people: &HashMap<EmployeeId, Employee>,
    teams: &HashMap<TeamId, String>,
) -> Markup {
    let r = ctx.t.aging;
    let holder = |id: Option<EmployeeId>| id.map_or_else(|| r.nobody.to_string(), |e| name_of(people, e));
    let team = |id: Option<TeamId>| id.and_then(|t| teams.get(&t).cloned()).unwrap_or_else(|| r.nobody.to_string());
    html! {
        section.block #total { h2 { (r.total) }
            div.table-wrap { table.grid.aging {
                thead { tr { th { (r.currency) } (bucket_heads(ctx)) th.num { (r.invoices) } } }
                tbody { @for l in &aged.total { tr { td { (l.currency) } (bucket_cells(l)) td.num { (l.invoices) } } } }
            } }
        }
        @if aged.teams.len() > 1 {
            section.block #teams { h2 { (r.by_team) }
                div.table-wrap { table.grid.aging {
                    thead { tr { th { (ctx.t.team) } (bucket_heads(ctx)) } }
                    tbody { @for t in &aged.teams { @for l in &t.lines { tr {
                        td { @match t.team_id {
                            Some(id) => a href={ "/receivables?team=" (id) } { (team(Some(id))) },
                            None => (team(None)),
                        } }
                        (bucket_cells(l))
                    } } } }
                } }
            }
        }
        section.block #reps { h2 { (r.by_rep) }
            div.table-wrap { table.grid.aging {
                thead { tr { th { (ctx.t.owner) } (bucket_heads(ctx)) } }
                tbody { @for p in &aged.reps { @for l in &p.lines { tr {
                    td { @match p.employee_id {
                        Some(id) => a href={ "/receivables?owner=" (id) } { (holder(Some(id))) },
                        None => (holder(None)),
                    } }
                    (bucket_cells(l))
                } } } }
            } }
        }
        section.block #clients { h2 { (r.by_client) " " span.count { (aged.clients_count) } }
            div.table-wrap { table.grid.aging {
                thead { tr { th { (ctx.t.workday.client) } th { (ctx.t.owner) } (bucket_heads(ctx)) th {} } }
                tbody { @for c in &aged.clients { @for l in &c.lines { tr id={ "client-" (c.client_id) } {
                    td { a href={ "/clients/" (c.client_id) "#receivables" } { (aged.names.get(&c.client_id).map_or("—", String::as_str)) } }
                    td { (holder(c.holder_id)) }
                    (bucket_cells(l))
                    td { @if l.overdue() > 0 { (collect_form(ctx, c.client_id)) } }
                } } } }
            } }
            @if aged.clients.len() < aged.clients_count {
                p.muted.small { (r.more_clients) " " (aged.clients_count - aged.clients.len()) }
            }
        }
    }
}

/// The form that sets a collection step on `client`: a task of its holder like any other.
fn collect_form(ctx: &Ctx, client: ClientId) -> Markup {
    let r = ctx.t.aging;
    html! {
        details.collect {
            summary { (r.collect) }
            form.stack method="post" action={ "/clients/" (client) "/collect" } {
                (csrf_field(ctx))
                input type="hidden" name="back" value=(ctx.back);
                label for={ "title-" (client) } { (ctx.t.workday.task) }
                input type="text" id={ "title-" (client) } name="title" value=(r.collect_title) required;
                label for={ "due-" (client) } { (ctx.t.workday.due) }
                input type="date" id={ "due-" (client) } name="due_on" value=(ctx.today + Duration::days(STEP_IN_DAYS)) required;
                button.btn.btn-primary type="submit" { (ctx.t.save) }
            }
        }
    }
}

/// `POST /clients/{id}/collect`: sets a collection step (a task of the client's holder) through
/// the API's own use case, then back to the receivables with a notice, or with the reason.
pub(super) async fn collect(
    State(state): State<AppState>,
    PathId(client): PathId<ClientId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    if let Err(err) = crate::api::access::require_add(&state, &user, client, RecordKind::Tasks).await {
        return app_error_page(&ctx, err);
    }
    let back = super::login::local_path(params.get("back")).to_string();
    let title = params.get("title").unwrap_or_default().to_string();
    let result = super::workday::post_task(&state, &user, &params, client, TaskKind::Step, title).await;
    match result {
        Ok(()) => back_with_notice(&back, "step"),
        Err(err) if err.is_refusal() => {
            let problem = Some(error_text(&ctx, &err));
            let ctx = Ctx { back: back.clone(), ..ctx };
            let said = Outcome { notice: None, problem };
            render(&state, &user, &ctx, &params_of(&back), said, err.status()).await
        }
        Err(err) => app_error_page(&ctx, err),
    }
}
