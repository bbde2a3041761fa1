//! The deal board: the open deals of one's scope in columns by funnel phase with their totals,
//! filtered by rep or team; a deal moves to the next phase, or is won or lost, from its card.

use super::extract::{Page, PathId, Posted};
use super::format::{self, date};
use super::i18n;
use super::layout::{app_error_page, csrf_field, error_text, page, see_other, Ctx, Nav};
use super::owner_filter::{chosen, params_of, Filters};
use super::{employees_named, name_of, Params};
use crate::api::records;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::board::{deal_board, DealBoard};
use sprut_core::deal::{Deal, DealPatch, DealStage};
use sprut_core::employee::Employee;
use sprut_core::{DealId, EmployeeId, FieldError, Reason};
use std::collections::HashMap;

/// `GET /deals/board`: the board of the caller's scope.
pub(super) async fn show(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    render(&state, &user, &ctx, &Params::new(query), None, StatusCode::OK).await
}

/// The board page, with `problem` above it when a move was refused.
async fn render(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    params: &Params,
    problem: Option<String>,
    status: StatusCode,
) -> Response {
    let filter = chosen(params);
    let loaded = async {
        let board = deal_board(&*state.store, &user.scope, &filter).await?;
        let owners = board.columns.iter().flat_map(|c| c.deals.iter().filter_map(|d| d.owner_id));
        let people = employees_named(state, owners.collect::<Vec<_>>()).await?;
        let filters = Filters::load(state, user).await?;
        Ok::<_, AppError>((board, people, filters))
    };
    match loaded.await {
        Ok((board, people, filters)) => {
            let body = body(ctx, params, &board, &people, &filters, problem.as_deref());
            (status, page(ctx, Nav::Deals, ctx.t.board.title, body)).into_response()
        }
        Err(err) => app_error_page(ctx, err),
    }
}

fn body(
    ctx: &Ctx,
    params: &Params,
    board: &DealBoard,
    people: &HashMap<EmployeeId, Employee>,
    filters: &Filters,
    problem: Option<&str>,
) -> Markup {
    let b = ctx.t.board;
    html! {
        div.page-head { h1 { (b.title) } }
        (filters.form(ctx, params, "/deals/board"))
        @if let Some(p) = problem { p.field-error role="alert" { (p) } }
        div.board {
            @for col in &board.columns {
                section.board-column id={ "phase-" (col.phase.as_str()) } {
                    h2 { (i18n::phase(ctx.lang, col.phase)) " " span.count { (col.deals_count) } }
                    p.muted.small.totals {
                        @for (currency, minor) in &col.totals {
                            span { (format::money(*minor, &sprut_core::money::Currency::parse(currency).unwrap_or_else(|_| sprut_core::money::Currency::rub()))) } " "
                        }
                    }
                    @for d in &col.deals { (card(ctx, board, d, people)) }
                    @if (col.deals.len() as u64) < col.deals_count {
                        p.muted.small { (b.more_deals) " " (col.deals_count - col.deals.len() as u64) }
                    }
                }
            }
        }
    }
}

/// One deal on the board, with its moves.
fn card(ctx: &Ctx, board: &DealBoard, d: &Deal, people: &HashMap<EmployeeId, Employee>) -> Markup {
    let b = ctx.t.board;
    let late = d.expected_close_on.is_some_and(|e| e < ctx.today);
    html! {
        article.deal-card id={ "deal-" (d.id) } {
            a.deal-title href={ "/deals/" (d.id) "/edit" } { (d.title) }
            div { a href={ "/clients/" (d.client_id) "#deals" } { (board.clients.get(&d.client_id).map_or("—", String::as_str)) } }
            div.num { strong { (format::money(d.amount_minor, &d.currency)) } }
            div.muted.small {
                @if let Some(e) = d.expected_close_on {
                    span.bad[late] { "≈ " (date(ctx.lang, e)) }
                }
                @if let Some(o) = d.owner_id { " · " (name_of(people, o)) }
            }
            div.deal-moves {
                @if let Some(next) = d.phase.next() {
                    form method="post" action={ "/deals/" (d.id) "/move" } {
                        (csrf_field(ctx))
                        input type="hidden" name="back" value=(ctx.back);
                        button.btn type="submit" name="to" value="next" { "→ " (i18n::phase(ctx.lang, next)) }
                    }
                }
                details.close-deal {
                    summary { (b.close) }
                    form.stack method="post" action={ "/deals/" (d.id) "/move" } {
                        (csrf_field(ctx))
                        input type="hidden" name="back" value=(ctx.back);
                        label for={ "to-" (d.id) } { (ctx.t.stage) }
                        select id={ "to-" (d.id) } name="to" {
                            option value="won" { (i18n::stage(ctx.lang, DealStage::Won)) }
                            option value="lost" { (i18n::stage(ctx.lang, DealStage::Lost)) }
                        }
                        label for={ "closed-" (d.id) } { (ctx.t.closed) }
                        input type="date" id={ "closed-" (d.id) } name="closed_on" value=(ctx.today);
                        label for={ "amount-" (d.id) } { (ctx.t.amount) }
                        input type="text" inputmode="decimal" id={ "amount-" (d.id) } name="amount" value=(sprut_core::money::format_minor(d.amount_minor));
                        button.btn.btn-primary type="submit" { (ctx.t.save) }
                    }
                }
            }
        }
    }
}

/// `POST /deals/{id}/move`: to the next phase, or won or lost on a date for an amount; back
/// to the board, or the board again with the reason when it is refused.
pub(super) async fn move_deal(
    State(state): State<AppState>,
    PathId(id): PathId<DealId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    let seen = records::visible::<Deal>(&state, &user, id).await;
    let deal = match seen.and_then(|d| crate::api::access::require_write(&user).map(|()| d)) {
        Ok(d) => d,
        Err(err) => return app_error_page(&ctx, err),
    };
    let back = super::login::local_path(params.get("back")).to_string();
    let result = match the_move(&deal, &params) {
        Ok(patch) => records::update::<Deal>(&state, &user, id, patch).await.map(|_| ()),
        Err(fields) => Err(AppError::Validation(fields)),
    };
    match result {
        Ok(()) => see_other(&back),
        Err(err) if err.is_refusal() => {
            let problem = format!("«{}»: {}", deal.title, error_text(&ctx, &err));
            // The board the move came from, with its filters.
            let params = params_of(&back);
            let ctx = Ctx { back: back.clone(), ..ctx };
            render(&state, &user, &ctx, &params, Some(problem), err.status()).await
        }
        Err(err) => app_error_page(&ctx, err),
    }
}

/// The change a move asks for.
fn the_move(deal: &Deal, params: &Params) -> Result<DealPatch, Vec<FieldError>> {
    match params.get("to") {
        Some("next") => match deal.phase.next() {
            Some(phase) => Ok(DealPatch { phase: Some(phase), ..DealPatch::default() }),
            None => Err(vec![FieldError::new("phase", Reason::Choose)]),
        },
        Some(to @ ("won" | "lost")) => {
            let mut errors = Vec::new();
            let closed_on = match params.get("closed_on").map(sprut_core::import::parse_date) {
                Some(Ok(d)) => Some(d),
                Some(Err(r)) => {
                    errors.push(FieldError::new("closed_on", r));
                    None
                }
                None => {
                    errors.push(FieldError::new("closed_on", Reason::Required));
                    None
                }
            };
            let amount = match params.get("amount").map(sprut_core::import::parse_money) {
                Some(Ok(m)) => Some(m.minor),
                Some(Err(r)) => {
                    errors.push(FieldError::new("amount_minor", r));
                    None
                }
                None => None,
            };
            if !errors.is_empty() {
                return Err(errors);
            }
            let stage = if to == "won" { DealStage::Won } else { DealStage::Lost };
            Ok(DealPatch {
                stage: Some(stage),
                closed_on: Some(closed_on),
                amount_minor: amount,
                ..DealPatch::default()
            })
        }
        _ => Err(vec![FieldError::new("stage", Reason::Choose)]),
    }
}
