//! The caller's own API tokens: what each is for, when it was made and last used, when it
//! expires; a new one shown once; revoking one ends it at once.

use super::extract::{Page, PathId, Posted};
use super::layout::{app_error_page, csrf_field, page, see_other, Ctx, Nav};
use super::Params;
use crate::auth::{new_token, CurrentUser};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::store::prelude::*;
use sprut_core::TokenId;

/// `GET /tokens`: the caller's tokens and the form for a new one.
pub(super) async fn list(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let params = Params::new(query);
    let notice = match (params.get("revoked"), params.get("calendar")) {
        (Some(_), _) => Some(ctx.t.tokens.token_is_revoked),
        (_, Some(_)) => Some(ctx.t.tokens.calendar_revoked),
        _ => None,
    };
    tokens_page(&state, &user, &ctx, New::Nothing, notice).await
}

/// `POST /tokens`: makes a token for the caller and shows it once.
pub(super) async fn create(State(state): State<AppState>, Posted { user, ctx, params }: Posted) -> Response {
    let label = params.get("label").map(str::trim).filter(|l| !l.is_empty()).unwrap_or("api");
    let label: String = label.chars().take(100).collect();
    let now = state.clock.now();
    let (token, hash) = new_token();
    let expires_at = now + time::Duration::days(state.settings().await.api_token_days);
    if let Err(e) = state.store.create_token(&user.actor(now), user.employee.id, hash, label, expires_at).await {
        return app_error_page(&ctx, e.into());
    }
    tokens_page(&state, &user, &ctx, New::Token(&token), None).await
}

/// `POST /calendar-feed`: gives the caller a new calendar address and shows it once.
pub(super) async fn issue_calendar(
    State(state): State<AppState>,
    headers: HeaderMap,
    Posted { user, ctx, .. }: Posted,
) -> Response {
    match crate::calendar::issue(&state, &user).await {
        Ok(path) => {
            let url = format!("{}{path}", crate::headers::origin(&headers));
            tokens_page(&state, &user, &ctx, New::Calendar(&url), None).await
        }
        Err(e) => app_error_page(&ctx, e),
    }
}

/// `POST /calendar-feed/revoke`: ends the caller's calendar address at once.
pub(super) async fn revoke_calendar(State(state): State<AppState>, Posted { user, ctx, .. }: Posted) -> Response {
    match crate::calendar::revoke(&state, &user).await {
        Ok(_) => see_other("/tokens?calendar=revoked"),
        Err(e) => app_error_page(&ctx, e),
    }
}

/// What was just made, shown once.
enum New<'a> {
    /// Nothing.
    Nothing,
    /// An API token.
    Token(&'a str),
    /// A calendar address.
    Calendar(&'a str),
}

/// `POST /tokens/{id}/revoke`: revokes one of the caller's tokens.
pub(super) async fn revoke(
    State(state): State<AppState>,
    PathId(id): PathId<TokenId>,
    Posted { user, ctx, .. }: Posted,
) -> Response {
    match crate::api::me::revoke(&state, &user, id).await {
        Ok(_) => see_other("/tokens?revoked=1"),
        Err(e) => app_error_page(&ctx, e),
    }
}

/// The list, with a new token shown once when one was just made.
async fn tokens_page(state: &AppState, user: &CurrentUser, ctx: &Ctx, new: New<'_>, notice: Option<&str>) -> Response {
    let found = async {
        Ok::<_, sprut_core::CoreError>((
            state.store.tokens(Some(user.employee.id)).await?,
            state.store.calendar_feed_since(user.employee.id).await?,
        ))
    };
    let (tokens, calendar_since) = match found.await {
        Ok(t) => t,
        Err(e) => return app_error_page(ctx, e.into()),
    };
    let now = state.clock.now();
    let title = ctx.t.tokens.api_tokens;
    let body = html! {
        div.page-head { h1 { (title) } }
        p.muted { (ctx.t.tokens.token_gives_program_script) }
        @if let Some(n) = notice { p.alert.alert-ok role="status" { (n) } }
        @if let New::Token(token) = new {
            div.alert.alert-ok #new-token role="status" {
                p { (ctx.t.tokens.your_new_token_copy) }
                p { code { (token) } }
            }
        }
        form.filters #token-form method="post" action="/tokens" {
            (csrf_field(ctx))
            div.field {
                label for="t-label" { (ctx.t.tokens.what_for) }
                input #t-label type="text" name="label" maxlength="100" placeholder=(ctx.t.tokens.e_g_accounting_sync);
            }
            div.field.field-actions { button.btn.btn-primary type="submit" { (ctx.t.tokens.create_token) } }
        }
        @if tokens.is_empty() {
            div.empty { p.empty-title { (ctx.t.tokens.no_tokens) } }
        } @else {
            div.table-wrap { table.grid #tokens {
                thead { tr {
                    th { (ctx.t.tokens.what_for) } th { (ctx.t.tokens.made) }
                    th { (ctx.t.tokens.last_used) } th { (ctx.t.tokens.expires) } th {}
                } }
                tbody { @for t in &tokens { tr {
                    td { (t.label) }
                    td { (ctx.moment(t.created_at)) }
                    td { (t.last_used_at.map(|u| ctx.moment(u)).unwrap_or_else(|| ctx.t.tokens.never.into())) }
                    td { (ctx.moment(t.expires_at)) }
                    td {
                        @if let Some(at) = t.revoked_at {
                            span.badge { (ctx.t.tokens.revoked) (ctx.moment(at)) }
                        } @else if !t.is_live(now) {
                            span.badge { (ctx.t.tokens.expired) }
                        } @else {
                            form.inline-form method="post" action={ "/tokens/" (t.id) "/revoke" } {
                                (csrf_field(ctx))
                                button.btn type="submit" { (ctx.t.tokens.revoke) }
                            }
                        }
                    }
                } } }
            } }
        }
    };
    let body = html! { (body) (calendar_section(ctx, &new, calendar_since)) };
    page(ctx, Nav::None, title, body).into_response()
}

/// The calendar feed: the address just made, when the current one was made, and the buttons.
fn calendar_section(ctx: &Ctx, new: &New<'_>, since: Option<time::OffsetDateTime>) -> Markup {
    let t = ctx.t.tokens;
    html! {
        section.block #calendar {
            h2 { (t.calendar) }
            p.muted { (t.calendar_explained) }
            @if let New::Calendar(url) = new {
                div.alert.alert-ok #new-calendar role="status" {
                    p { (t.calendar_copy) }
                    p { code { (url) } }
                }
            }
            @if let Some(at) = since { p { (t.calendar_since) " " (ctx.moment(at)) } }
            div.actions {
                form.inline-form method="post" action="/calendar-feed" {
                    (csrf_field(ctx))
                    button.btn.btn-primary type="submit" { @if since.is_some() { (t.calendar_new) } @else { (t.calendar_issue) } }
                }
                @if since.is_some() {
                    form.inline-form method="post" action="/calendar-feed/revoke" {
                        (csrf_field(ctx))
                        button.btn type="submit" { (t.revoke) }
                    }
                }
            }
        }
    }
}
