//! Signing in and out, and switching the interface language.

use super::extract::Posted;
use super::i18n::{self, tr};
use super::layout::{self, bare_page, see_other};
use super::Params;
use crate::auth::{self, MaybeUser};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use maud::{html, Markup};
use sprut_core::employee::{EmployeePatch, Language};
use sprut_core::store::prelude::*;

/// The language of the sign-in page: `?lang=`, else the browser's preference, else Russian.
fn sign_in_language(params: &Params, headers: &HeaderMap) -> Language {
    params.get("lang").and_then(i18n::parse_language).unwrap_or_else(|| {
        i18n::from_accept_language(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
    })
}

/// The sign-in form with its CSRF token, and an error message when a try failed.
fn sign_in_page(lang: Language, token: &str, email: &str, error: Option<&str>) -> Markup {
    let t = tr(lang);
    bare_page(
        lang,
        t.sign_in_title,
        html! {
            section.card.sign-in {
                div.sign-in-head {
                    h1 { (t.sign_in_title) }
                    nav.lang-links aria-label=(t.language) {
                        a href="/login?lang=ru" aria-current=[(lang == Language::Ru).then_some("true")] { "RU" }
                        a href="/login?lang=en" aria-current=[(lang == Language::En).then_some("true")] { "EN" }
                    }
                }
                p.muted { (t.sign_in_lead) }
                @if let Some(error) = error {
                    p.alert.alert-error role="alert" #sign-in-error { (error) }
                }
                form.stack method="post" action="/login" {
                    input type="hidden" name="lang" value=(lang.as_str());
                    input type="hidden" name="csrf" value=(token);
                    label for="email" { (t.email) }
                    input #email type="email" name="email" value=(email) required autocomplete="username" autofocus[email.is_empty()];
                    label for="password" { (t.password) }
                    input #password type="password" name="password" required autocomplete="current-password" autofocus[!email.is_empty()];
                    button.btn.btn-primary type="submit" { (t.sign_in) }
                }
            }
        },
    )
}

/// The sign-in page answered with `status`, setting the token's cookie when it is new.
fn answer(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    lang: Language,
    email: &str,
    error: Option<&str>,
) -> Response {
    let (token, set) = auth::sign_in_token(state, headers);
    let mut response = (status, sign_in_page(lang, &token, email, error)).into_response();
    if let Some(cookie) = set.and_then(|c| c.parse().ok()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// `GET /login`: the sign-in form (or the client list when already signed in).
pub(super) async fn form(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    headers: HeaderMap,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if let Some(u) = user {
        return see_other(super::home(u.employee.role));
    }
    let lang = sign_in_language(&Params::new(query), &headers);
    answer(&state, &headers, StatusCode::OK, lang, "", None)
}

/// `POST /login`: checks the credentials; on success sets the session cookie and opens the
/// signed-in employee's home page.
pub(super) async fn submit(
    State(state): State<AppState>,
    origin: auth::Origin,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let params = Params::new(fields);
    let lang = sign_in_language(&params, &headers);
    let email = params.get("email").unwrap_or("");
    if !auth::sign_in_token_ok(&headers, params.raw("csrf")) {
        let t = tr(lang);
        return answer(&state, &headers, StatusCode::FORBIDDEN, lang, email, Some(t.sign_in_expired));
    }
    match auth::sign_in(&state, email, params.raw("password"), &origin).await {
        Ok(signed_in) => {
            let mut response = see_other(super::home(signed_in.employee.role));
            if let Ok(cookie) = signed_in.set_cookie.parse() {
                response.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            response
        }
        Err(err) => {
            let t = tr(lang);
            let status = err.status();
            let message = match status {
                StatusCode::UNAUTHORIZED => t.bad_credentials,
                StatusCode::TOO_MANY_REQUESTS => t.too_many_sign_ins,
                _ => t.sign_in_failed,
            };
            answer(&state, &headers, status, lang, email, Some(message))
        }
    }
}

/// `POST /logout`: ends the session and clears the cookie.
pub(super) async fn logout(State(state): State<AppState>, headers: HeaderMap, Posted { .. }: Posted) -> Response {
    let clear = auth::sign_out(&state, &headers).await;
    let mut response = see_other("/login");
    if let Ok(cookie) = clear.parse() {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// Whether `back` is a path on this site (never another host), safe to redirect to.
pub(super) fn local_path(back: Option<&str>) -> &str {
    match back {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.contains(['\r', '\n']) => p,
        _ => "/clients",
    }
}

/// `POST /language`: saves the signed-in employee's interface language and returns to the page.
pub(super) async fn language(State(state): State<AppState>, Posted { user, ctx, params }: Posted) -> Response {
    let now = state.clock.now();
    let back = local_path(params.get("back")).to_string();
    let Some(lang) = params.get("lang").and_then(i18n::parse_language) else {
        return see_other(&back);
    };
    if lang != user.employee.language {
        let patch = EmployeePatch { language: Some(lang), ..EmployeePatch::default() };
        if let Err(err) = state.store.update_employee(&user.actor(now), user.employee.id, patch).await {
            return layout::app_error_page(&ctx, err.into());
        }
    }
    see_other(&back)
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed_back() {
        assert_eq!(local_path(Some("/clients?q=a")), "/clients?q=a");
        assert_eq!(local_path(Some("//evil.example")), "/clients");
        assert_eq!(local_path(Some("https://evil.example")), "/clients");
        assert_eq!(local_path(Some("/\\evil")), "/clients");
        assert_eq!(local_path(None), "/clients");
    }
}
