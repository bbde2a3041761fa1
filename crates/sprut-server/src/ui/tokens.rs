//! The caller's own API tokens: what each is for, when it was made and last used, when it
//! expires; a new one shown once; revoking one ends it at once.

use super::extract::{Page, PathId, Posted};
use super::layout::{app_error_page, csrf_field, page, see_other, Ctx, Nav};
use super::Params;
use crate::auth::{new_token, CurrentUser};
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;
use sprut_core::store::prelude::*;
use sprut_core::TokenId;

/// `GET /tokens`: the caller's tokens and the form for a new one.
pub(super) async fn list(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let notice = Params::new(query).get("revoked").map(|_| ctx.t.tokens.token_is_revoked);
    tokens_page(&state, &user, &ctx, None, notice).await
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
    tokens_page(&state, &user, &ctx, Some(&token), None).await
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
async fn tokens_page(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    new: Option<&str>,
    notice: Option<&str>,
) -> Response {
    let tokens = match state.store.tokens(Some(user.employee.id)).await {
        Ok(t) => t,
        Err(e) => return app_error_page(ctx, e.into()),
    };
    let now = state.clock.now();
    let title = ctx.t.tokens.api_tokens;
    let body = html! {
        div.page-head { h1 { (title) } }
        p.muted { (ctx.t.tokens.token_gives_program_script) }
        @if let Some(n) = notice { p.alert.alert-ok role="status" { (n) } }
        @if let Some(token) = new {
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
    page(ctx, Nav::None, title, body).into_response()
}
