//! The client's voice: the public survey page reached by a single-use link (no sign-in; it
//! shows only the questions and the company's name), the card's section, and the heads' report.

use super::extract::{Page, PathId, Posted};
use super::format::{date, decimal};
use super::i18n;
use super::layout::{after_form, app_error_page, csrf_field, document, page, Ctx, Nav};
use super::{employees_named, name_of, Params};
use crate::api::surveys::{send_for, survey_report};
use crate::AppState;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::employee::{Language, Role};
use sprut_core::rules::store::RotationStore;
use sprut_core::store::prelude::*;
use sprut_core::survey::{Survey, SurveyAnswer, SurveyScore};
use sprut_core::{ClientId, CoreError};
use std::collections::HashMap;

/// The language of the public page: `?lang=` when given, else the client's.
fn chosen(params: &Params, client: Language) -> Language {
    params.parsed("lang").unwrap_or(client)
}

/// A public page with `body`.
fn public(lang: Language, status: StatusCode, body: Markup) -> Response {
    let t = i18n::tr(lang).survey;
    let html = document(lang, t.title, html! { main.public #main { (body) } });
    (status, html).into_response()
}

/// The plain page of a link that cannot be answered.
fn refused(lang: Language, err: &CoreError) -> Response {
    let t = i18n::tr(lang).survey;
    let (status, text) = match err {
        CoreError::Conflict(c) => (StatusCode::CONFLICT, i18n::conflict(lang, c)),
        _ => (StatusCode::NOT_FOUND, t.unknown.to_string()),
    };
    public(lang, status, html! { h1 { (t.title) } p.alert #survey-refused { (text) } })
}

/// `GET /survey/{token}`: the questions, in the client's language.
pub(super) async fn form(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let params = Params::new(query);
    let hash = crate::auth::sha256_hex(&token);
    let found = match state.store.survey_by_token(&hash).await {
        Ok(f) => f,
        Err(e) => return refused(chosen(&params, Language::Ru), &e),
    };
    let Some((survey, company, client_lang)) = found else {
        return refused(chosen(&params, Language::Ru), &CoreError::NotFound("survey"));
    };
    let lang = chosen(&params, client_lang);
    if let Err(e) = survey.open_on(state.today().await) {
        return refused(lang, &e);
    }
    public(lang, StatusCode::OK, questions(lang, &company, None))
}

/// The questions' form, with the problem when an answer came back refused.
fn questions(lang: Language, company: &str, problem: Option<String>) -> Markup {
    let t = i18n::tr(lang).survey;
    let other = if lang == Language::Ru { ("en", "EN") } else { ("ru", "RU") };
    let scale = |name: &str, legend: &str| {
        html! {
            fieldset.rating { legend { (legend) }
                @for v in 1..=5 { label { input type="radio" name=(name) value=(v) required; " " (v) } }
                p.muted.small { (t.low) " · " (t.high) }
            }
        }
    };
    html! {
        p.lang-link { a href={ "?lang=" (other.0) } { (other.1) } }
        h1 { (t.title) } p.muted { (company) } p { (t.lead) }
        @if let Some(p) = problem { p.field-error role="alert" #survey-error { (p) } }
        form.record-form method="post" #survey-form {
            (scale("company_rating", t.company))
            (scale("manager_rating", t.manager))
            label { (t.comment) textarea name="comment" maxlength="2000" {} }
            input type="hidden" name="lang" value=(lang.as_str());
            button.btn.btn-primary type="submit" { (t.send) }
        }
    }
}

/// `POST /survey/{token}`: the answer, once.
pub(super) async fn answer(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let params = Params::new(fields);
    let hash = crate::auth::sha256_hex(&token);
    let (company, client_lang) = match state.store.survey_by_token(&hash).await {
        Ok(Some((_, company, l))) => (company, l),
        Ok(None) => return refused(chosen(&params, Language::Ru), &CoreError::NotFound("survey")),
        Err(e) => return refused(chosen(&params, Language::Ru), &e),
    };
    let lang = chosen(&params, client_lang);
    let answer = SurveyAnswer {
        company_rating: params.parsed("company_rating").unwrap_or(0),
        manager_rating: params.parsed("manager_rating").unwrap_or(0),
        comment: params.get("comment").map(str::to_string),
    };
    match state.store.answer_survey(&hash, answer, state.clock.now(), state.today().await).await {
        Ok(_) => {
            let t = i18n::tr(lang).survey;
            public(lang, StatusCode::OK, html! { h1 { (t.title) } p.alert.alert-ok #survey-thanks { (t.thanks) } })
        }
        Err(CoreError::Validation(fields)) => {
            let each: Vec<String> =
                fields.iter().map(|f| format!("{}: {}", f.field, i18n::reason(lang, &f.reason))).collect();
            let body = questions(lang, &company, Some(each.join("; ")));
            public(lang, StatusCode::UNPROCESSABLE_ENTITY, body)
        }
        Err(e) => refused(lang, &e),
    }
}

/// `POST /clients/{id}/survey`: sends the client's survey from its card.
pub(super) async fn send(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathId(id): PathId<ClientId>,
    Posted { user, ctx, .. }: Posted,
) -> Response {
    let sent = send_for(&state, &user, id, &headers).await.map(|_| ());
    let ctx = &ctx;
    after_form(ctx, sent, &format!("/clients/{id}"), "changed", |problem, status| async move {
        let t = ctx.t.survey;
        let body = html! {
            nav.crumbs { a href={ "/clients/" (id) "#surveys" } { "← " (ctx.t.nav_clients) } }
            h1 { (t.send_survey) } p.field-error role="alert" #survey-error { (problem) }
        };
        (status, page(ctx, Nav::Clients, t.send_survey, body)).into_response()
    })
    .await
}

/// The card's section: the client's surveys and answers, and the button that sends one.
pub(super) fn card_section(
    ctx: &Ctx,
    client: ClientId,
    surveys: &[Survey],
    may_send: bool,
    names: &HashMap<sprut_core::ContactId, String>,
) -> Markup {
    let t = ctx.t.survey;
    html! {
        @if may_send || !surveys.is_empty() {
            section.block #surveys {
                h2 { (t.report_title) }
                @if surveys.is_empty() { p.muted { (t.none) } } @else { ul { @for s in surveys { li.bad[s.flagged] {
                    (names.get(&s.contact_id).map_or("—", String::as_str)) ", " (date(ctx.lang, s.sent_on)) ": "
                    @match (s.company_rating, s.manager_rating) {
                        (Some(c), Some(m)) => { (t.company_mean) " " (c) " · " (t.manager_mean) " " (m)
                            @if let Some(x) = &s.comment { " — «" (x) "»" }
                            @if s.flagged { " " span.badge.warn { (t.flag) } } },
                        _ => span.muted { (t.waiting) },
                    }
                } } } }
                @if may_send {
                    form.inline-form method="post" action={ "/clients/" (client) "/survey" } {
                        (csrf_field(ctx)) button.btn.btn-small type="submit" { (t.send_survey) }
                    }
                }
            }
        }
    }
}

/// `GET /surveys`: per rep and team, then the latest answers (heads, admins, auditors).
pub(super) async fn report(State(state): State<AppState>, Page { user, ctx }: Page) -> Response {
    if !matches!(user.employee.role, Role::Admin | Role::Head | Role::Auditor) {
        return super::layout::error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let loaded = async {
        let r = survey_report(&state, &user).await?;
        let all = state.store.surveys(&user.scope, None).await?;
        let people = employees_named(&state, r.reps.iter().map(|x| x.employee_id)).await?;
        let teams: HashMap<_, _> = state.store.teams().await?.into_iter().map(|t| (t.id, t.name)).collect();
        let names = state.store.client_names(&all.iter().map(|s| s.client_id).collect::<Vec<_>>()).await?;
        Ok::<_, crate::error::AppError>((r, all, people, teams, names))
    };
    let (r, all, people, teams, names) = match loaded.await {
        Ok(got) => got,
        Err(e) => return app_error_page(&ctx, e),
    };
    let t = ctx.t.survey;
    let answered: Vec<&Survey> = all.iter().filter(|s| s.answered_at.is_some()).take(100).collect();
    let body = html! {
        div.page-head { h1 { (t.report_title) } }
        p.muted { (t.report_lead) }
        @if all.is_empty() { p.muted { (t.none) } } @else {
            div.table-wrap { table.grid #by-rep { (score_head(&ctx, ctx.t.nav_employees)) tbody {
                @for x in &r.reps { (score_row(&ctx, &name_of(&people, x.employee_id), &x.score)) }
            } } }
            h2 { (t.by_team) }
            div.table-wrap { table.grid #by-team { (score_head(&ctx, t.by_team)) tbody {
                @for x in &r.teams { (score_row(&ctx, &x.team_id.and_then(|t| teams.get(&t).cloned()).unwrap_or_else(|| "—".into()), &x.score)) }
            } } }
            h2 { (t.answers) }
            ul #answers { @for s in answered { li.bad[s.flagged] {
                a href={ "/clients/" (s.client_id) "#surveys" } { (names.get(&s.client_id).map_or("—", String::as_str)) }
                " · " (name_of(&people, s.holder_id)) ": " (t.company_mean) " " (s.company_rating.unwrap_or(0))
                " · " (t.manager_mean) " " (s.manager_rating.unwrap_or(0))
                @if let Some(x) = &s.comment { " — «" (x) "»" }
                @if s.flagged { " " span.badge.warn { (t.flag) } }
            } } }
        }
    };
    page(&ctx, Nav::Risk, t.report_title, body).into_response()
}

fn score_head(ctx: &Ctx, first: &str) -> Markup {
    let t = ctx.t.survey;
    html! { thead { tr {
        th { (first) } th.num { (t.sent_count) } th.num { (t.answered) } th.num { (t.company_mean) }
        th.num { (t.manager_mean) } th.num { (t.flags) }
    } } }
}

fn score_row(ctx: &Ctx, who: &str, s: &SurveyScore) -> Markup {
    let mean = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |x| decimal(ctx.lang, x));
    html! { tr.overdue[s.flagged > 0] {
        td { (who) } td.num { (s.sent) } td.num { (s.answered) } td.num { (mean(s.company_mean)) }
        td.num { (mean(s.manager_mean)) } td.num { (s.flagged) }
    } }
}
