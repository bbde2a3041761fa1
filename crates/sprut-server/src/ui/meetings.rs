//! The head's quarterly meetings: every significant client of one's scope with where its
//! meeting stands this quarter; a head or an administrator plans one from its line, a rep sees
//! his clients' meetings planned but cannot move or cancel them.

use super::extract::{Page, PathId, Posted};
use super::format::{self, date, opt_date};
use super::i18n;
use super::layout::{app_error_page, back_with_notice, csrf_field, error_text, page, Ctx, Nav};
use super::owner_filter::params_of;
use super::{employees_named, name_of, Params};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::employee::Role;
use sprut_core::meeting::{head_meetings, HeadMeeting, HeadMeetings, MeetingState, TaskKind};
use sprut_core::scope::RecordKind;
use sprut_core::ClientId;
use time::Duration;

/// Days from today a meeting is proposed for.
const PLAN_IN_DAYS: i64 = 14;

/// The quarter's meetings of `user`'s scope on the page's day.
async fn of(state: &AppState, user: &CurrentUser, ctx: &Ctx) -> Result<HeadMeetings, AppError> {
    Ok(head_meetings(&*state.store, &user.scope, ctx.today).await?)
}

/// `GET /meetings`: the quarter's meetings of the caller's scope.
pub(super) async fn show(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let params = Params::new(query);
    let notice = params.get("planned").is_some();
    render(&state, &user, &ctx, &params, notice, None, StatusCode::OK).await
}

async fn render(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    params: &Params,
    notice: bool,
    problem: Option<String>,
    status: StatusCode,
) -> Response {
    // One state's meetings when asked (`?state=overdue`): a big book's head works them in turn.
    let shown: Option<MeetingState> = params.parsed("state");
    let loaded = async {
        let list = of(state, user, ctx).await?;
        let ids = list.meetings.iter().flat_map(|m| [Some(m.holder_id), m.head_id]).flatten();
        let people = employees_named(state, ids.collect::<Vec<_>>()).await?;
        Ok::<_, AppError>((list, people))
    };
    let (list, people) = match loaded.await {
        Ok(found) => found,
        Err(err) => return app_error_page(ctx, err),
    };
    let m = ctx.t.meetings;
    let plans = matches!(ctx.role, Role::Head | Role::Admin);
    let count = |s: MeetingState| list.meetings.iter().filter(|x| x.state == s).count();
    let body = html! {
        div.page-head {
            h1 { (m.title) }
            span.muted { (m.quarter) " " (list.quarter.number) "/" (list.quarter.year) ": "
                (date(ctx.lang, list.starts_on)) " – " (date(ctx.lang, list.ends_on)) }
        }
        p.muted { (m.lead) " " a href="/meeting-requests" #to-requests { (ctx.t.requests.title) } }
        @if notice { p.alert.alert-ok role="status" { (m.planned_notice) } }
        @if let Some(p) = &problem { p.field-error role="alert" { (p) } }
        @if list.meetings.is_empty() { p.muted { (m.none) } } @else {
            p.meeting-states {
                @for s in MeetingState::ALL.iter().copied() {
                    a.badge.{ "meeting-" (s.as_str()) } href={ "/meetings?state=" (s.as_str()) }
                        aria-current=[(shown == Some(s)).then_some("true")] {
                        (i18n::meeting_state(ctx.lang, s)) ": " (count(s))
                    } " "
                }
                @if shown.is_some() { a href="/meetings" { (ctx.t.any) } }
            }
            div.table-wrap { table.grid.meetings {
                thead { tr {
                    th { (ctx.t.workday.client) } th { (ctx.t.owner) } th { (m.head) } th { (m.state) }
                    th { (m.last_met) } th { (m.planned) } @if plans { th {} }
                } }
                tbody { @for x in list.meetings.iter().filter(|x| shown.is_none_or(|s| x.state == s)) { tr.overdue[x.state == MeetingState::Overdue] id={ "client-" (x.client_id) } {
                    td { a href={ "/clients/" (x.client_id) } { (list.names.get(&x.client_id).map_or("—", String::as_str)) } }
                    td { (name_of(&people, x.holder_id)) }
                    td { @if let Some(h) = x.head_id { (name_of(&people, h)) } @else { "—" } }
                    td { span.badge.{ "meeting-" (x.state.as_str()) } { (i18n::meeting_state(ctx.lang, x.state)) } }
                    td.nowrap { (opt_date(ctx.lang, x.last_met_on)) }
                    td.nowrap { (opt_date(ctx.lang, x.planned.as_ref().map(|t| t.due_on))) }
                    @if plans { td.nowrap {
                        @match &x.planned {
                            Some(t) => (super::workday::close_buttons(ctx, t.id, &ctx.back)),
                            None => (plan_form(ctx, x.client_id)),
                        }
                    } }
                } } }
            } }
        }
    };
    (status, page(ctx, Nav::Meetings, m.title, body)).into_response()
}

/// The form that plans the head's meeting with `client` on a date.
fn plan_form(ctx: &Ctx, client: ClientId) -> Markup {
    let m = ctx.t.meetings;
    html! {
        form.inline method="post" action={ "/clients/" (client) "/head-meeting" } {
            (csrf_field(ctx))
            input type="hidden" name="back" value=(ctx.back);
            label.visually-hidden for={ "on-" (client) } { (m.planned) }
            input type="date" id={ "on-" (client) } name="due_on" value=(ctx.today + Duration::days(PLAN_IN_DAYS)) min=(ctx.today) required;
            button.btn.btn-small type="submit" { (m.plan) }
        }
    }
}

/// `POST /clients/{id}/head-meeting`: plans the head's quarterly meeting with the client, a
/// task of the head of its holder's team, through the API's own use case.
pub(super) async fn plan(
    State(state): State<AppState>,
    PathId(client): PathId<ClientId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    // A head's meeting is planned by heads and administrators only (the store says so too).
    let may = async {
        crate::api::access::require_overseer(&user)?;
        crate::api::access::require_add(&state, &user, client, RecordKind::Tasks).await
    };
    if let Err(err) = may.await {
        return app_error_page(&ctx, err);
    }
    let back = params.get("back").map_or("/meetings", |b| super::login::local_path(Some(b))).to_string();
    let title = ctx.t.meetings.plan_title.to_string();
    let result = super::workday::post_task(&state, &user, &params, client, TaskKind::HeadMeeting, title).await;
    match result {
        Ok(()) => back_with_notice(&back, "planned"),
        Err(err) if err.is_refusal() => {
            let problem = Some(error_text(&ctx, &err));
            let ctx = Ctx { back: back.clone(), ..ctx };
            render(&state, &user, &ctx, &params_of(&back), false, problem, err.status()).await
        }
        Err(err) => app_error_page(&ctx, err),
    }
}

/// The card's line: where the client's quarterly meeting stands, when it needs one.
pub(super) fn card_line(ctx: &Ctx, meeting: Option<&HeadMeeting>) -> Markup {
    let m = ctx.t.meetings;
    html! {
        @if let Some(x) = meeting {
            p.meeting-line {
                strong { (m.card) ": " } span.badge.{ "meeting-" (x.state.as_str()) } { (i18n::meeting_state(ctx.lang, x.state)) }
                @if let Some(t) = &x.planned { " · " (m.planned) " " (date(ctx.lang, t.due_on)) }
                @if let Some(d) = x.last_met_on { " · " (m.last_met) ": " (format::date(ctx.lang, d)) }
                " " a href={ "/meetings#client-" (x.client_id) } { "→" }
            }
        }
    }
}
