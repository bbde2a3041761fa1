//! Data checks: the verifier's contacts to check with their phones and e-mails, the accuracy of
//! each rep's data per quarter, and the investigations with the holder's explanation and the
//! head's finding; refusals come back on the page with the reason.

use super::extract::{Page, PathId, Posted};
use super::format::{date, opt_date};
use super::i18n;
use super::layout::{after_form, app_error_page, csrf_field, page, Ctx, Nav};
use super::{employees_named, name_of, Params};
use crate::api::spot_checks::{overseen, rep_accuracy, take_step};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::contact::Contact;
use sprut_core::employee::Role;
use sprut_core::rules::store::RotationStore;
use sprut_core::scope::Scope;
use sprut_core::spot_check::{CheckOutcome, CheckResult, Finding, Investigation, InvestigationStep, SpotCheck};
use sprut_core::store::prelude::*;
use sprut_core::{ClientId, CoreError, InvestigationId, Reason, SpotCheckId};
use std::collections::HashMap;

/// `GET /spot-checks`.
pub(super) async fn show(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let params = Params::new(query);
    let t = ctx.t.checks;
    let said = [("recorded", t.recorded), ("stepped", t.stepped), ("drawn", t.drawn_notice)];
    let notice = said.into_iter().find(|(k, _)| params.get(k).is_some()).map(|(_, n)| n);
    render(&state, &user, &ctx, notice, None, StatusCode::OK).await
}

async fn render(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    notice: Option<&str>,
    problem: Option<String>,
    status: StatusCode,
) -> Response {
    let me = user.employee.id;
    let oversees = matches!(user.employee.role, Role::Admin | Role::Head | Role::Auditor);
    let loaded = async {
        let mine = state.store.spot_checks(&Scope::Nothing, Some(me), true).await?;
        // The verifier was given these contacts: he reads them whoever holds their clients.
        let mut contacts: HashMap<sprut_core::ContactId, Contact> = HashMap::new();
        for c in &mine {
            contacts.insert(c.contact_id, state.store.contact(&Scope::All, c.contact_id).await?);
        }
        let cases = state.store.investigations(&overseen(user), Some(me), false).await?;
        let accuracy = if oversees { rep_accuracy(state, user).await? } else { Vec::new() };
        let people = employees_named(
            state,
            cases
                .iter()
                .map(|i| i.holder_id)
                .chain(accuracy.iter().map(|a| a.figures.holder_id))
                .chain(mine.iter().map(|c| c.holder_id)),
        )
        .await?;
        let clients: Vec<ClientId> =
            mine.iter().map(|c| c.client_id).chain(cases.iter().map(|i| i.client_id)).collect();
        let names = state.store.client_names(&clients).await?;
        Ok::<_, AppError>((mine, contacts, cases, accuracy, people, names))
    };
    let (mine, contacts, cases, accuracy, people, names) = match loaded.await {
        Ok(got) => got,
        Err(err) => return app_error_page(ctx, err),
    };
    let t = ctx.t.checks;
    let client = |id: ClientId| names.get(&id).map_or("—", String::as_str).to_string();
    let body = html! {
        div.page-head { h1 { (t.title) } }
        p.muted { (t.lead) }
        @if let Some(n) = notice { p.alert.alert-ok role="status" { (n) } }
        @if let Some(p) = &problem { p.field-error role="alert" #check-error { (p) } }
        @if user.employee.role == Role::Admin {
            form.inline-form method="post" action="/spot-checks/draw" { (csrf_field(ctx)) button.btn.btn-small type="submit" { (t.draw) } }
        }
        section.block #my-checks { h2 { (t.mine) }
            @if mine.is_empty() { p.muted { (t.none_to_check) } } @else {
                div.table-wrap { table.grid { thead { tr {
                    th { (t.week) } th { (ctx.t.workday.client) } th { (t.contact) } th { (t.outcome) }
                } } tbody { @for c in &mine { tr {
                    td.nowrap { (date(ctx.lang, c.week)) }
                    td { (client(c.client_id)) br; span.muted { (name_of(&people, c.holder_id)) } }
                    td { @if let Some(k) = contacts.get(&c.contact_id) {
                        strong { (k.name) } @if let Some(p) = &k.position { " · " (p) }
                        @for p in &k.phones { br; (p) } @for e in &k.emails { br; (e) }
                    } }
                    td { (result_form(ctx, c)) }
                } } } } }
            }
        }
        @if oversees {
            section.block #accuracy { h2 { (t.accuracy) }
                @if accuracy.is_empty() { p.muted { (t.none_to_check) } } @else {
                    div.table-wrap { table.grid { thead { tr {
                        th { (t.quarter) } th { (ctx.t.nav_employees) } th.num { (t.drawn) } th.num { (t.checked) }
                        th.num { (t.wrong) } th.num { (t.wrong_share) } th.num { (t.invented) }
                    } } tbody { @for a in &accuracy { tr.overdue[a.figures.invented > 0] {
                        td.nowrap { (date(ctx.lang, a.quarter)) } td { (name_of(&people, a.figures.holder_id)) }
                        td.num { (a.figures.drawn) } td.num { (a.figures.checked) } td.num { (a.figures.wrong) }
                        td.num { (super::format::decimal(ctx.lang, a.figures.wrong_percent)) "\u{a0}%" } td.num { (a.figures.invented) }
                    } } } } }
                }
            }
        }
        section.block #investigations { h2 { (t.investigations) }
            @if cases.is_empty() { p.muted { (t.no_investigations) } } @else {
                @for i in &cases { (case(ctx, i, &client(i.client_id), &name_of(&people, i.holder_id), me, &user.employee.role)) }
            }
        }
    };
    (status, page(ctx, Nav::Checks, t.title, body)).into_response()
}

/// The verifier's form for one contact.
fn result_form(ctx: &Ctx, c: &SpotCheck) -> Markup {
    let t = ctx.t.checks;
    html! {
        form.inline-form method="post" action={ "/spot-checks/" (c.id) "/result" } {
            (csrf_field(ctx))
            select name="outcome" aria-label=(t.outcome) {
                @for o in CheckOutcome::ALL.iter().copied() { option value=(o.as_str()) { (i18n::check_outcome(ctx.lang, o)) } }
            }
            input type="text" name="note" maxlength="1000" placeholder=(t.note) aria-label=(t.note);
            button.btn.btn-small type="submit" { (t.record) }
        }
    }
}

/// One investigation: what was found, the data's history, the explanation and the finding,
/// with the form its holder or his head fills next.
fn case(ctx: &Ctx, i: &Investigation, client: &str, holder: &str, me: sprut_core::EmployeeId, role: &Role) -> Markup {
    let t = ctx.t.checks;
    let history: Vec<String> = i.history.as_array().map_or_else(Vec::new, |events| {
        events
            .iter()
            .map(|e| format!("{} {}", e["at"].as_str().unwrap_or(""), e["action"].as_str().unwrap_or("")))
            .collect()
    });
    html! {
        article.card.block.investigation id={ "investigation-" (i.id) } {
            h3 { (client) " · " (holder) " · " (i18n::check_outcome(ctx.lang, i.outcome))
                " " span.badge.warn[i.closed_on.is_none()] { @match i.finding { Some(f) => (i18n::finding(ctx.lang, f)), None => (t.open) } } }
            @if let Some(n) = &i.note { p { (t.note) ": " (n) } }
            p.muted { (t.history) ": " (history.join("; ")) }
            @if let Some(e) = &i.explanation { p { (t.explanation) ": " (e) } }
            @if let Some(c) = &i.correction { p { (t.correction) ": " (c) " · " (opt_date(ctx.lang, i.closed_on)) } }
            @if i.closed_on.is_none() && i.holder_id == me && i.explanation.is_none() {
                form.inline-form method="post" action={ "/investigations/" (i.id) "/step" } {
                    (csrf_field(ctx)) input type="hidden" name="step" value="explain";
                    input type="text" name="explanation" required maxlength="2000" placeholder=(t.explanation) aria-label=(t.explanation);
                    button.btn.btn-small type="submit" { (t.explain) }
                }
            }
            @if i.closed_on.is_none() && i.holder_id != me && matches!(role, Role::Admin | Role::Head) {
                form.inline-form method="post" action={ "/investigations/" (i.id) "/step" } {
                    (csrf_field(ctx)) input type="hidden" name="step" value="close";
                    select name="finding" aria-label=(t.finding) {
                        @for f in Finding::ALL.iter().copied() { option value=(f.as_str()) { (i18n::finding(ctx.lang, f)) } }
                    }
                    input type="text" name="correction" required maxlength="2000" placeholder=(t.correction) aria-label=(t.correction);
                    button.btn.btn-small type="submit" { (t.close) }
                }
            }
        }
    }
}

/// The page after a posted form: back with its notice `flag`, or again with the refusal.
async fn answered(state: &AppState, user: &CurrentUser, ctx: &Ctx, done: Result<(), AppError>, flag: &str) -> Response {
    after_form(ctx, done, "/spot-checks", flag, |problem, status| render(state, user, ctx, None, Some(problem), status))
        .await
}

/// `POST /spot-checks/{id}/result`: the verifier's finding.
pub(super) async fn record(
    State(state): State<AppState>,
    PathId(id): PathId<SpotCheckId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    let done = async {
        crate::api::access::require_write(&user)?;
        let outcome: CheckOutcome =
            params.parsed("outcome").ok_or_else(|| CoreError::field("outcome", Reason::Choose))?;
        let result = CheckResult { outcome, note: params.get("note").map(str::to_string) };
        let today = state.today().await;
        state.store.record_check(&user.actor(state.clock.now()), id, result, today).await?;
        Ok::<_, AppError>(())
    };
    answered(&state, &user, &ctx, done.await, "recorded").await
}

/// `POST /investigations/{id}/step`: the holder's explanation or the head's finding.
pub(super) async fn step(
    State(state): State<AppState>,
    PathId(id): PathId<InvestigationId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    let done = async {
        crate::api::access::require_write(&user)?;
        let step = match params.get("step") {
            Some("explain") => {
                InvestigationStep::Explain { explanation: params.get("explanation").unwrap_or("").into() }
            }
            Some("close") => InvestigationStep::Close {
                finding: params.parsed("finding").ok_or_else(|| CoreError::field("finding", Reason::Choose))?,
                correction: params.get("correction").unwrap_or("").into(),
            },
            _ => return Err(CoreError::field("step", Reason::Choose).into()),
        };
        take_step(&state, &user, id, step).await?;
        Ok::<_, AppError>(())
    };
    answered(&state, &user, &ctx, done.await, "stepped").await
}

/// `POST /spot-checks/draw`: the week's draw now (administrators).
pub(super) async fn draw(State(state): State<AppState>, Posted { user, ctx, .. }: Posted) -> Response {
    let done = crate::api::spot_checks::draw_now(&state, &user).await.map(|_| ());
    answered(&state, &user, &ctx, done, "drawn").await
}
