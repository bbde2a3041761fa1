//! The frame of every page: head, header with navigation and user, and the error pages.

use super::i18n::{self, Txt};
use crate::auth::CurrentUser;
use crate::error::AppError;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};
use sprut_core::employee::{Language, Role};
use time::Date;

/// Where the stylesheet is served; the version makes browsers fetch a new one after upgrades.
pub const CSS_URL: &str = concat!("/assets/app.css?v=", env!("CARGO_PKG_VERSION"));
/// Where the icon is served.
pub const ICON_URL: &str = concat!("/assets/icon.svg?v=", env!("CARGO_PKG_VERSION"));

/// Which navigation item a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// "My day".
    MyDay,
    /// The client list and cards.
    Clients,
    /// The deal board.
    Deals,
    /// The receivables.
    Receivables,
    /// The head's quarterly meetings.
    Meetings,
    /// The employee list.
    Employees,
    /// The alerts.
    Alerts,
    /// What we lose if someone leaves.
    Risk,
    /// Spot checks and investigations.
    Checks,
    /// The audit log.
    Audit,
    /// The export log.
    Exports,
    /// Transfers and offboarding playbooks.
    Transfers,
    /// Sales plans.
    SalesPlans,
    /// The outbox.
    Outbox,
    /// Dead clients, rotation, weekly reports.
    Rotation,
    /// Importing files.
    Import,
    /// The company's settings.
    Settings,
    /// No item (error pages).
    None,
}

/// What every signed-in page needs to render: the language, the user and the form token.
pub struct Ctx {
    /// Interface language.
    pub lang: Language,
    /// The phrases of that language.
    pub t: &'static Txt,
    /// The signed-in employee's name.
    pub user_name: String,
    /// Their role.
    pub role: Role,
    /// The token every form must carry.
    pub csrf: String,
    /// Path and query of this page, to come back to after switching language.
    pub back: String,
    /// Today's business date, in the company's time zone.
    pub today: Date,
    /// The company's time zone (IANA name), in which moments are shown.
    pub zone: String,
    /// The moment the page is made.
    pub now: time::OffsetDateTime,
}

impl Ctx {
    /// The context of `user` on the page at `uri`, at `now`, in the company's time `zone`.
    pub fn new(user: &CurrentUser, uri: &Uri, now: time::OffsetDateTime, zone: &str) -> Self {
        let lang = user.employee.language;
        Self {
            lang,
            t: i18n::tr(lang),
            user_name: user.employee.name.clone(),
            role: user.employee.role,
            csrf: user.csrf_token.clone().unwrap_or_default(),
            back: uri.path_and_query().map_or_else(|| "/clients".to_string(), |p| p.as_str().to_string()),
            today: crate::zone::local_date(now, zone),
            zone: zone.to_string(),
            now,
        }
    }

    /// Now, as a date-and-time field shows it on the company's clocks.
    pub fn now_field(&self) -> String {
        crate::zone::field_value(self.now, &self.zone)
    }

    /// The company's date at the moment `at`.
    pub fn day_of(&self, at: time::OffsetDateTime) -> Date {
        crate::zone::local_date(at, &self.zone)
    }

    /// A moment as the company's clocks showed it: `04.12.2026 21:32` in Russian.
    pub fn moment(&self, at: time::OffsetDateTime) -> String {
        super::format::moment(self.lang, crate::zone::local(at, &self.zone))
    }

    /// Whether the employee list is open to this user.
    pub fn sees_employees(&self) -> bool {
        sees_employees(self.role)
    }
}

/// Whether a role may open the employee list.
pub fn sees_employees(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Head | Role::Auditor)
}

/// The hidden CSRF field of a form.
pub fn csrf_field(ctx: &Ctx) -> Markup {
    html! { input type="hidden" name="csrf" value=(ctx.csrf); }
}

/// The HTML document around `body`: the frame of every page, signed-in or public.
pub(super) fn document(lang: Language, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(i18n::tr(lang).html_lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · sprut" }
                link rel="icon" type="image/svg+xml" href=(ICON_URL);
                link rel="stylesheet" href=(CSS_URL);
            }
            body { (body) }
        }
    }
}

/// A signed-in page: header with navigation, user, language switch and sign-out, then `body`.
pub fn page(ctx: &Ctx, nav: Nav, title: &str, body: Markup) -> Markup {
    let t = ctx.t;
    document(
        ctx.lang,
        title,
        html! {
                   a.skip href="#main" { (t.skip_to_content) }
                   header.top {
                       div.top-inner {
                           a.brand href="/clients" { img.brand-mark src=(ICON_URL) alt="" width="24" height="24"; "sprut" }
                           nav.nav aria-label="main" {
                               @if matches!(ctx.role, Role::Rep | Role::Head) {
                                   a href="/my-day" aria-current=[(nav == Nav::MyDay).then_some("page")] { (t.workday.my_day) }
                               }
                               a href="/clients" aria-current=[(nav == Nav::Clients).then_some("page")] { (t.nav_clients) }
                               @if ctx.role != Role::Staff {
                                   a href="/deals/board" aria-current=[(nav == Nav::Deals).then_some("page")] { (t.board.title) }
                               }
                               a href="/receivables" aria-current=[(nav == Nav::Receivables).then_some("page")] { (t.receivables) }
        @if ctx.role != Role::Staff {
                                   a href="/sales-plans" aria-current=[(nav == Nav::SalesPlans).then_some("page")] { (t.sales_plans.title) }
                               }
                               @if ctx.role != Role::Staff {
                                   a href="/meetings" aria-current=[(nav == Nav::Meetings).then_some("page")] { (t.meetings.title) }
                               }
                               @if ctx.sees_employees() {
                                   a href="/employees" aria-current=[(nav == Nav::Employees).then_some("page")] { (t.nav_employees) }
                               }
                               @if ctx.role != Role::Staff {
                                   a href="/transfers" aria-current=[(nav == Nav::Transfers).then_some("page")] { (ctx.t.nav_transfers) }
                               }
                               @if matches!(ctx.role, Role::Admin | Role::Head) {
                                   a href="/import" aria-current=[(nav == Nav::Import).then_some("page")] { (ctx.t.import.title) }
                               }
                               @if matches!(ctx.role, Role::Admin | Role::Head | Role::Auditor) {
                                   a href="/rotation" aria-current=[(nav == Nav::Rotation).then_some("page")] { (ctx.t.nav_rotation) }
                               } @else if ctx.role == Role::Rep {
                                   a href="/rotation/reports" aria-current=[(nav == Nav::Rotation).then_some("page")] { (ctx.t.nav_reports) }
                               }
                               a href="/spot-checks" aria-current=[(nav == Nav::Checks).then_some("page")] { (t.checks.title) }
                               @if matches!(ctx.role, Role::Admin | Role::Head | Role::Auditor) {
                                   a href="/alerts" aria-current=[(nav == Nav::Alerts).then_some("page")] { (t.nav_alerts) }
                                   a href="/risk" aria-current=[(nav == Nav::Risk).then_some("page")] { (t.octopus.risk_nav) }
                               }
                               @if matches!(ctx.role, Role::Admin | Role::Auditor) {
                                   a href="/audit" aria-current=[(nav == Nav::Audit).then_some("page")] { (t.nav_audit) }
                                   a href="/exports" aria-current=[(nav == Nav::Exports).then_some("page")] { (t.nav_exports) }
                                   a href="/outbox" aria-current=[(nav == Nav::Outbox).then_some("page")] { (ctx.t.mail.nav_outbox) }
                               }
                               @if ctx.role == Role::Admin {
                                   a href="/settings" aria-current=[(nav == Nav::Settings).then_some("page")] { (t.nav_settings) }
                               }
                           }
                           div.user {
                               a.user-name href="/tokens" title=(ctx.t.nav_tokens) { (ctx.user_name) }
                               span.user-role { (i18n::role(ctx.lang, ctx.role)) }
                               form.lang-switch method="post" action="/language" {
                                   (csrf_field(ctx))
                                   input type="hidden" name="back" value=(ctx.back);
                                   span.visually-hidden { (t.language) }
                                   button type="submit" name="lang" value="ru" aria-pressed=(ctx.lang == Language::Ru) { "RU" }
                                   button type="submit" name="lang" value="en" aria-pressed=(ctx.lang == Language::En) { "EN" }
                               }
                               form.sign-out method="post" action="/logout" {
                                   (csrf_field(ctx))
                                   button.btn-quiet type="submit" { (t.sign_out) }
                               }
                           }
                       }
                   }
                   main #main .wrap { (body) }
               },
    )
}

/// A page for someone not signed in (sign-in, errors): the brand and `body`, centred.
pub fn bare_page(lang: Language, title: &str, body: Markup) -> Markup {
    document(
        lang,
        title,
        html! {
            main #main .bare {
                div.bare-brand { img.brand-mark src=(ICON_URL) alt="" width="24" height="24"; "sprut" }
                (body)
            }
        },
    )
}

/// A 303 redirect to `to`.
pub fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string())]).into_response()
}

/// The answer to a posted form: back to `back` with its notice `flag` when `done`; a refusal
/// comes back through `again` (the page again, with the reason in words and the refusal's
/// status); any other error is the error page.
pub async fn after_form<F, Fut>(ctx: &Ctx, done: Result<(), AppError>, back: &str, flag: &str, again: F) -> Response
where
    F: FnOnce(String, StatusCode) -> Fut,
    Fut: std::future::Future<Output = Response>,
{
    match done {
        Ok(()) => back_with_notice(back, flag),
        Err(err) if err.is_refusal() => again(error_text(ctx, &err), err.status()).await,
        Err(err) => app_error_page(ctx, err),
    }
}

/// A 303 redirect back to the local page `back` with its notice `flag` set (`flag=1`).
pub fn back_with_notice(back: &str, flag: &str) -> Response {
    let sep = if back.contains('?') { '&' } else { '?' };
    see_other(&format!("{back}{sep}{flag}=1"))
}

/// The answer to a page request without a session: off to the sign-in page.
pub fn to_login() -> Response {
    see_other("/login")
}

/// An error page with `status`, inside the signed-in frame when `ctx` is given.
pub fn error_page(ctx: Option<&Ctx>, lang: Language, status: StatusCode, detail: Option<&str>) -> Response {
    let t = i18n::tr(lang);
    let (title, text) = match status {
        StatusCode::NOT_FOUND => (t.not_found_title, t.not_found_text),
        StatusCode::FORBIDDEN => (t.forbidden_title, t.forbidden_text),
        StatusCode::TOO_MANY_REQUESTS => (t.limit_title, t.limit_text),
        s if s.is_server_error() => (t.error_title, t.error_text),
        _ => (t.error_title, detail.unwrap_or(t.error_text)),
    };
    let body = html! {
        section.error-box {
            p.error-code { (status.as_u16()) }
            h1 { (title) }
            p { (text) }
            p { a href="/clients" { (t.back_to_clients) } }
        }
    };
    let markup = match ctx {
        Some(ctx) => page(ctx, Nav::None, title, body),
        None => bare_page(lang, title, body),
    };
    (status, markup).into_response()
}

/// What went wrong, in the page's language where the error carries a code.
pub fn error_text(ctx: &Ctx, err: &AppError) -> String {
    match err.fields() {
        [] if let AppError::Conflict(c) = err => i18n::conflict(ctx.lang, c),
        [] if err.status() == StatusCode::NOT_FOUND => ctx.t.not_found_text.into(),
        [] if err.status() == StatusCode::FORBIDDEN => ctx.t.forbidden_text.into(),
        [] => err.message(),
        fields => {
            let each = fields
                .iter()
                .map(|f| format!("{}: {}", i18n::field(ctx.lang, &f.field), i18n::reason(ctx.lang, &f.reason)));
            format!("{} {}", ctx.t.fix_errors, each.collect::<Vec<_>>().join("; "))
        }
    }
}

/// The error page for a failed use case; a 500 never shows its detail.
pub fn app_error_page(ctx: &Ctx, err: AppError) -> Response {
    let message = error_text(ctx, &err);
    error_page(Some(ctx), ctx.lang, err.status(), Some(&message))
}
