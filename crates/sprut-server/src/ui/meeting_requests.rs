//! Meeting requests: asking a client's holder for a meeting, his answer, and for heads how each
//! holder answers; refusals come back on the page with the reason and what was typed.

use super::extract::{Page, PathId, Posted};
use super::format::{date, opt_date};
use super::i18n;
use super::layout::{after_form, app_error_page, csrf_field, page, Ctx, Nav};
use super::{employees_named, name_of, Params};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::employee::Role;
use sprut_core::meeting_request::{
    holder_answers, Answer, MeetingAnswer, MeetingRequest, NewMeetingRequest, RequestFilter, RequestState,
};
use sprut_core::rules::store::RotationStore;
use sprut_core::store::prelude::*;
use sprut_core::{ClientId, MeetingRequestId, Reason};

/// `GET /meeting-requests[?client=ID]`: the caller's requests, those waiting for his answer,
/// and the form to ask about one client.
pub(super) async fn show(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let params = Params::new(query);
    let t = ctx.t.requests;
    let notice = [("sent", t.sent), ("answered", t.answered)].into_iter().find(|(k, _)| params.get(k).is_some());
    render(&state, &user, &ctx, &params, notice.map(|(_, n)| n), None, StatusCode::OK).await
}

async fn render(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    params: &Params,
    notice: Option<&str>,
    problem: Option<String>,
    status: StatusCode,
) -> Response {
    let asked_about: Option<ClientId> = params.parsed("client");
    let me = user.employee.id;
    let loaded = async {
        let list = state.store.meeting_requests(&user.scope, Some(me), &RequestFilter::default()).await?;
        let people = employees_named(state, list.iter().flat_map(|r| [r.requested_by, r.holder_id])).await?;
        let clients: Vec<ClientId> = list.iter().map(|r| r.client_id).chain(asked_about).collect();
        let names = state.store.client_names(&clients).await?;
        Ok::<_, AppError>((list, people, names))
    };
    let (list, people, names) = match loaded.await {
        Ok(got) => got,
        Err(err) => return app_error_page(ctx, err),
    };
    let t = ctx.t.requests;
    let client = |id: ClientId| names.get(&id).map_or("—", String::as_str).to_string();
    let incoming: Vec<&MeetingRequest> =
        list.iter().filter(|r| r.holder_id == me && r.state == RequestState::Open).collect();
    let mine: Vec<&MeetingRequest> = list.iter().filter(|r| r.requested_by == me).collect();
    let oversees = matches!(ctx.role, Role::Admin | Role::Head | Role::Auditor);
    let row = |r: &MeetingRequest, action: Markup| {
        html! { tr.overdue[r.red_flag] {
            td { a href={ "/clients/" (r.client_id) } { (client(r.client_id)) } }
            td { (name_of(&people, r.requested_by)) } td { (name_of(&people, r.holder_id)) }
            td { (r.purpose) br; span.muted { (r.proposed_on.iter().map(|d| date(ctx.lang, *d)).collect::<Vec<_>>().join(", ")) } }
            td { (i18n::request_state(ctx.lang, r.state)) @if r.red_flag { " " span.badge.warn { (t.red_flag) } } }
            td.nowrap { (opt_date(ctx.lang, r.agreed_on)) } td { (r.reason.as_deref().unwrap_or("")) }
            td { (action) }
        } }
    };
    let head = html! { thead { tr {
        th { (ctx.t.workday.client) } th { (t.asker) } th { (t.holder) } th { (t.purpose) } th { (t.state) }
        th { (t.agreed) } th { (t.reason) } th {}
    } } };
    let body = html! {
        nav.crumbs { a href="/meetings" { "← " (ctx.t.meetings.title) } }
        div.page-head { h1 { (t.title) } }
        p.muted { (t.lead) }
        @if let Some(n) = notice { p.alert.alert-ok role="status" { (n) } }
        @if let Some(p) = &problem { p.field-error role="alert" #request-error { (p) } }
        @if let Some(c) = asked_about { (ask_form(ctx, c, &client(c), params)) }
        @if !incoming.is_empty() {
            section.block #incoming { h2 { (t.incoming) }
                div.table-wrap { table.grid { (head) tbody { @for r in &incoming { (row(r, answer_form(ctx, r))) } } } }
            }
        }
        section.block #mine { h2 { (t.mine) }
            @if mine.is_empty() { p.muted { (t.none) } } @else {
                div.table-wrap { table.grid { (head) tbody { @for r in &mine {
                    (row(r, html! { @if r.state == RequestState::Open { (withdraw_form(ctx, r)) } }))
                } } } }
            }
        }
        @if oversees {
            section.block #by-holder { h2 { (t.by_holder) }
                @let counts = holder_answers(&list);
                @if counts.is_empty() { p.muted { (t.none) } } @else {
                    div.table-wrap { table.grid { thead { tr {
                        th { (t.holder) } th.num { (t.requests) }
                        @for s in [RequestState::Open, RequestState::Accepted, RequestState::Postponed, RequestState::Declined] {
                            th.num { (i18n::request_state(ctx.lang, s)) }
                        }
                        th.num { (t.red_flags) }
                    } } tbody { @for h in &counts { tr.overdue[h.red_flags > 0] {
                        td { (name_of(&people, h.holder_id)) } td.num { (h.requests) } td.num { (h.open) }
                        td.num { (h.accepted) } td.num { (h.postponed) } td.num { (h.declined) } td.num { (h.red_flags) }
                    } } } } }
                }
            }
            section.block #all-requests { h2 { (t.all) }
                div.table-wrap { table.grid { (head) tbody { @for r in &list { (row(r, html! {})) } } } }
            }
        }
    };
    (status, page(ctx, Nav::Meetings, t.title, body)).into_response()
}

/// The form asking about `client`, with what was typed when it came back refused.
fn ask_form(ctx: &Ctx, client: ClientId, name: &str, typed: &Params) -> Markup {
    let t = ctx.t.requests;
    let dates: Vec<&str> = typed.all("proposed_on").collect();
    html! {
        form.record-form.block method="post" action="/meeting-requests" #ask {
            h2 { (t.ask) ": " (name) }
            (csrf_field(ctx))
            input type="hidden" name="client_id" value=(client);
            label { (t.purpose) textarea name="purpose" required maxlength="1000" { (typed.get("purpose").unwrap_or("")) } }
            fieldset { legend { (t.dates) }
                @for i in 0..sprut_core::meeting_request::MAX_PROPOSED {
                    input type="date" name="proposed_on" aria-label=(t.dates) value=(dates.get(i).copied().unwrap_or(""));
                }
            }
            button.btn.btn-primary type="submit" { (t.send) }
        }
    }
}

/// The holder's answer to one request: what, the date, the reason.
fn answer_form(ctx: &Ctx, r: &MeetingRequest) -> Markup {
    let t = ctx.t.requests;
    html! {
        form.inline-form method="post" action={ "/meeting-requests/" (r.id) "/answer" } {
            (csrf_field(ctx))
            select name="answer" aria-label=(t.answer) {
                @for a in [Answer::Accept, Answer::Postpone, Answer::Decline] { option value=(a.as_str()) { (i18n::request_answer(ctx.lang, a)) } }
            }
            input type="date" name="on" aria-label=(t.agreed) value=(r.proposed_on.first().map(|d| d.to_string()).unwrap_or_default());
            input type="text" name="reason" maxlength="1000" placeholder=(t.reason) aria-label=(t.reason);
            button.btn.btn-small type="submit" { (t.answer) }
        }
    }
}

/// The asker's button that takes an open request back.
fn withdraw_form(ctx: &Ctx, r: &MeetingRequest) -> Markup {
    html! {
        form.inline-form method="post" action={ "/meeting-requests/" (r.id) "/answer" } {
            (csrf_field(ctx))
            input type="hidden" name="answer" value="withdraw";
            button.btn.btn-small.btn-quiet type="submit" { (ctx.t.requests.withdraw) }
        }
    }
}

/// A date typed in a form: none when blank, the field's error when it does not read.
fn typed_date(field: &str, typed: &str) -> Result<Option<time::Date>, sprut_core::CoreError> {
    match typed.trim() {
        "" => Ok(None),
        t => crate::api::parse_date(t)
            .map(Some)
            .ok_or_else(|| sprut_core::CoreError::field(field, Reason::Date { value: t.to_string() })),
    }
}

/// `POST /meeting-requests`: asks the client's holder through the API's own use case.
pub(super) async fn create(State(state): State<AppState>, Posted { user, ctx, params }: Posted) -> Response {
    let asked = async {
        crate::api::access::require_write(&user)?;
        let typed = params.get("client_id").unwrap_or("");
        let client_id: ClientId = typed
            .parse()
            .map_err(|_| sprut_core::CoreError::field("client_id", Reason::NoSuchClient { id: typed.to_string() }))?;
        let mut proposed_on = Vec::new();
        for typed in params.all("proposed_on") {
            proposed_on.extend(typed_date("proposed_on", typed)?);
        }
        let new =
            NewMeetingRequest { client_id, purpose: params.get("purpose").unwrap_or("").to_string(), proposed_on };
        let today = state.today().await;
        state.store.request_meeting(&user.actor(state.clock.now()), &user.scope, new, today).await?;
        Ok::<_, AppError>(())
    };
    let typed = params.with("client", params.get("client_id").unwrap_or(""));
    after_form(&ctx, asked.await, "/meeting-requests", "sent", |problem, status| {
        render(&state, &user, &ctx, &typed, None, Some(problem), status)
    })
    .await
}

/// `POST /meeting-requests/{id}/answer`: the holder's answer, or the asker's withdrawal.
pub(super) async fn answer(
    State(state): State<AppState>,
    PathId(id): PathId<MeetingRequestId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    let answered = async {
        crate::api::access::require_write(&user)?;
        let answer: Answer =
            params.parsed("answer").ok_or_else(|| sprut_core::CoreError::field("answer", Reason::Choose))?;
        let on = typed_date("on", params.get("on").unwrap_or(""))?;
        // Declining or withdrawing takes no date; the form always sends one.
        let on = if matches!(answer, Answer::Accept | Answer::Postpone) { on } else { None };
        let a = MeetingAnswer { answer, on, reason: params.get("reason").map(str::to_string) };
        let today = state.today().await;
        state.store.answer_meeting(&user.actor(state.clock.now()), id, a, today).await?;
        Ok::<_, AppError>(())
    };
    let nothing_typed = Params::new(Vec::new());
    after_form(&ctx, answered.await, "/meeting-requests", "answered", |problem, status| {
        render(&state, &user, &ctx, &nothing_typed, None, Some(problem), status)
    })
    .await
}

/// The card's section: the client's requests and the link to ask for a meeting.
pub(super) fn card_section(ctx: &Ctx, client: ClientId, requests: &[MeetingRequest], may_ask: bool) -> Markup {
    let t = ctx.t.requests;
    html! {
        @if may_ask || !requests.is_empty() {
            section.block #meeting-requests {
                h2 { (t.card_link) }
                @if !requests.is_empty() { ul { @for r in requests {
                    li { (r.purpose) " — " (i18n::request_state(ctx.lang, r.state))
                        @if let Some(d) = r.agreed_on { " " (date(ctx.lang, d)) }
                        @if r.red_flag { " " span.badge.warn { (t.red_flag) } } }
                } } }
                p { a href="/meeting-requests" { (t.title) } @if may_ask { " · " a href={ "/meeting-requests?client=" (client) "#ask" } { (t.ask) } } }
            }
        }
    }
}
