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
    let notice = Params::new(query).get("revoked").map(|_| ctx.pick("Токен отозван.", "The token is revoked."));
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
    let title = ctx.pick("Токены API", "API tokens");
    let body = html! {
        div.page-head { h1 { (title) } }
        p.muted { (ctx.pick(
            "Токен даёт программе (скрипту, интеграции) ваш доступ к API: заголовок Authorization: Bearer. Каждый токен работает до своего срока; отзовите тот, что больше не нужен или мог попасть в чужие руки. Смена пароля отзывает все токены.",
            "A token gives a program (a script, an integration) your access to the API: the Authorization: Bearer header. Each token works until its expiry; revoke one you no longer need or that may have leaked. Changing your password revokes them all.")) }
        @if let Some(n) = notice { p.alert.alert-ok role="status" { (n) } }
        @if let Some(token) = new {
            div.alert.alert-ok #new-token role="status" {
                p { (ctx.pick("Новый токен. Скопируйте его сейчас: больше он не будет показан.", "Your new token. Copy it now: it will not be shown again.")) }
                p { code { (token) } }
            }
        }
        form.filters #token-form method="post" action="/tokens" {
            (csrf_field(ctx))
            div.field {
                label for="t-label" { (ctx.pick("Для чего", "What for")) }
                input #t-label type="text" name="label" maxlength="100" placeholder=(ctx.pick("например, выгрузка в 1С", "e.g. the accounting sync"));
            }
            div.field.field-actions { button.btn.btn-primary type="submit" { (ctx.pick("Создать токен", "Create a token")) } }
        }
        @if tokens.is_empty() {
            div.empty { p.empty-title { (ctx.pick("Токенов нет.", "No tokens.")) } }
        } @else {
            div.table-wrap { table.grid #tokens {
                thead { tr {
                    th { (ctx.pick("Для чего", "What for")) } th { (ctx.pick("Создан", "Made")) }
                    th { (ctx.pick("Последнее использование", "Last used")) } th { (ctx.pick("Действует до", "Expires")) } th {}
                } }
                tbody { @for t in &tokens { tr {
                    td { (t.label) }
                    td { (ctx.moment(t.created_at)) }
                    td { (t.last_used_at.map(|u| ctx.moment(u)).unwrap_or_else(|| ctx.pick("не использовался", "never").into())) }
                    td { (ctx.moment(t.expires_at)) }
                    td {
                        @if let Some(at) = t.revoked_at {
                            span.badge { (ctx.pick("отозван ", "revoked ")) (ctx.moment(at)) }
                        } @else if !t.is_live(now) {
                            span.badge { (ctx.pick("истёк", "expired")) }
                        } @else {
                            form.inline-form method="post" action={ "/tokens/" (t.id) "/revoke" } {
                                (csrf_field(ctx))
                                button.btn type="submit" { (ctx.pick("Отозвать", "Revoke")) }
                            }
                        }
                    }
                } } }
            } }
        }
    };
    page(ctx, Nav::None, title, body).into_response()
}
