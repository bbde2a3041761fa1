//! "My day": the home page of a rep (and of a head, with his teams' counts): what is due
//! today and overdue, one click from each line to the card; and closing a task.

use super::extract::{Page, PathAction, PathId, Posted};
use super::format::{self, date, opt_date};
use super::i18n;
use super::layout::{app_error_page, csrf_field, error_page, page, see_other, Ctx, Nav};
use super::{employees_named, name_of, Params};
use crate::api::extract::Caller;
use crate::api::workday::whose;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::employee::{Employee, Role};
use sprut_core::meeting::{meetings_in, HeadMeeting, MeetingState, TaskKind};
use sprut_core::task::{NewTask, Task, TaskPatch, TaskStatus};
use sprut_core::{FieldError, Reason};

use sprut_core::workday::{team_day, workday, DayRules, RepDay, Workday};
use sprut_core::{ClientId, EmployeeId, TaskId};
use std::collections::HashMap;

/// `GET /my-day`: the caller's day, or (`?employee=`) the day of a rep of a head's teams.
pub(super) async fn show(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let asked: Option<EmployeeId> = Params::new(query).parsed("employee");
    match load(&state, &user, &ctx, asked).await {
        Ok(body) => page(&ctx, Nav::MyDay, ctx.t.workday.my_day, body).into_response(),
        Err(e) => app_error_page(&ctx, e),
    }
}

/// The page's body: the day of whom was asked, and a head's teams when it is his own day.
async fn load(state: &AppState, user: &CurrentUser, ctx: &Ctx, asked: Option<EmployeeId>) -> Result<Markup, AppError> {
    let who = whose(state, user, asked).await?;
    let rules = DayRules::from_settings(&state.settings().await);
    let day = workday(&*state.store, &user.scope, who, ctx.today, &rules).await?;
    let heads_own = who == user.employee.id && user.employee.role == Role::Head;
    let reps = if heads_own {
        team_day(&*state.store, &user.scope, ctx.today).await?.into_values().collect()
    } else {
        Vec::new()
    };
    let mut meetings = if heads_own { meetings_in(&*state.store, &user.scope, ctx.today).await? } else { Vec::new() };
    meetings.retain(|m| m.head_id == Some(who) && m.state != MeetingState::Met);
    let people = employees_named(
        state,
        [who].into_iter().chain(reps.iter().map(|r| r.employee_id)).chain(day.tasks.iter().map(|t| t.owner_id)),
    )
    .await?;
    let whom = (who != user.employee.id).then(|| people.get(&who)).flatten();
    let waiting = if whom.is_none() { waiting_for(state, user).await? } else { Waiting::default() };
    Ok(html! {
        div.page-head { h1 { @match whom {
            Some(e) => { (ctx.t.workday.day_of) ": " (e.name) },
            None => (ctx.t.workday.my_day),
        } } span.muted { (date(ctx.lang, ctx.today)) } }
        @if !reps.is_empty() { (team(ctx, &reps, &people)) }
        @if !meetings.is_empty() { (own_meetings(ctx, &meetings)) }
        (waiting.links(ctx))
        (lines(ctx, &day, &people))
    })
}

/// What waits for the caller's own answer elsewhere: meeting requests to him as holder, spot
/// checks given to him, investigations of his data not yet explained.
#[derive(Debug, Default)]
struct Waiting {
    requests: usize,
    checks: usize,
    explanations: usize,
}

/// Counts what waits for `user`.
async fn waiting_for(state: &AppState, user: &CurrentUser) -> Result<Waiting, AppError> {
    use sprut_core::meeting_request::{RequestFilter, RequestState};
    use sprut_core::scope::Scope;
    use sprut_core::store::{MeetingRequestStore, SpotCheckStore};
    let me = user.employee.id;
    let open = RequestFilter { holder_id: Some(me), state: Some(RequestState::Open), client_id: None };
    let requests = state.store.meeting_requests(&user.scope, None, &open).await?.len();
    let checks = state.store.spot_checks(&Scope::Nothing, Some(me), true).await?.len();
    let cases = state.store.investigations(&Scope::Nothing, Some(me), true).await?;
    let explanations = cases.iter().filter(|i| i.explanation.is_none()).count();
    Ok(Waiting { requests, checks, explanations })
}

impl Waiting {
    /// A line per kind that waits, each linking to where it is answered.
    fn links(&self, ctx: &Ctx) -> Markup {
        html! {
            @if self.requests + self.checks + self.explanations > 0 {
                ul.waiting #waiting {
                    @if self.requests > 0 { li { a href="/meeting-requests#incoming" { (ctx.t.requests.incoming) } " " span.count { (self.requests) } } }
                    @if self.checks > 0 { li { a href="/spot-checks#my-checks" { (ctx.t.checks.mine) } " " span.count { (self.checks) } } }
                    @if self.explanations > 0 { li { a href="/spot-checks#investigations" { (ctx.t.checks.investigations) } " " span.count { (self.explanations) } } }
                }
            }
        }
    }
}

/// The lines of one employee's day, by kind.
fn lines(ctx: &Ctx, day: &Workday, people: &HashMap<EmployeeId, Employee>) -> Markup {
    let w = ctx.t.workday;
    let client = |id: &ClientId| {
        html! { a href={ "/clients/" (id) } { (day.clients.get(id).map_or("—", String::as_str)) } }
    };
    html! {
        @if day.is_clear() { p.alert.alert-ok role="status" { (w.all_clear) } }
        @if !day.tasks.is_empty() {
            section.block #tasks { h2 { (w.tasks_due) " " span.count { (day.tasks.len()) } }
                div.table-wrap { table.grid.tasks {
                    thead { tr { th { (w.due) } th { (w.client) } th { (w.task) } th { (w.owner) } th {} } }
                    tbody { @for t in &day.tasks { tr.overdue[t.overdue_on(ctx.today)] {
                        td.nowrap { (date(ctx.lang, t.due_on)) }
                        td { (client(&t.client_id)) }
                        td { (t.title) }
                        td { (name_of(people, t.owner_id)) }
                        td.nowrap { (close_buttons(ctx, t.id, &ctx.back)) }
                    } } }
                } }
            }
        }
        @if !day.touches.is_empty() {
            section.block #touches { h2 { (w.touches_due) " " span.count { (day.touches.len()) } }
                div.table-wrap { table.grid {
                    thead { tr { th { (w.due) } th { (w.client) } th.num { (w.days_over) } th { (w.planned_from) } } }
                    tbody { @for t in &day.touches { tr.overdue[t.long_overdue(ctx.today)] {
                        td.nowrap { (date(ctx.lang, t.due_on)) }
                        td { (client(&t.client_id)) " " (super::clients::tier_badge(ctx, t.tier)) }
                        td.num { (t.days_overdue(ctx.today)) }
                        td.explain { (i18n::touch_basis(ctx.lang, &t.basis, t.cadence_days)) }
                    } } }
                } }
            }
        }
        @if !day.invoices.is_empty() {
            section.block #invoices { h2 { (w.invoices_overdue) " " span.count { (day.invoices.len()) } }
                (super::receivables::aging_table(ctx, &sprut_core::aging::aging(&day.invoices, ctx.today)))
                div.table-wrap { table.grid {
                    thead { tr { th { (w.due) } th { (w.client) } th { (ctx.t.number) } th.num { (ctx.t.amount) } th.num { (w.days_over) } } }
                    tbody { @for r in &day.invoices { tr.overdue {
                        td.nowrap { (date(ctx.lang, r.due_on)) }
                        td { (client(&r.client_id)) }
                        td.mono { (r.number) }
                        td.num { (format::money(r.amount_minor, &r.currency)) }
                        td.num { ((ctx.today - r.due_on).whole_days()) }
                    } } }
                } }
            }
        }
        @if !day.late_deals.is_empty() {
            section.block #late-deals { h2 { (w.late_deals) " " span.count { (day.late_deals.len()) } }
                div.table-wrap { table.grid {
                    thead { tr { th { (w.expected) } th { (w.client) } th { (ctx.t.title) } th { (ctx.t.forms.phase) } th.num { (ctx.t.amount) } th.num { (w.days_over) } } }
                    tbody { @for d in &day.late_deals { tr.overdue {
                        td.nowrap { (opt_date(ctx.lang, d.expected_close_on)) }
                        td { (client(&d.client_id)) }
                        td { a href={ "/deals/" (d.id) "/edit" } { (d.title) } }
                        td { (i18n::phase(ctx.lang, d.phase)) }
                        td.num { (format::money(d.amount_minor, &d.currency)) }
                        td.num { @if let Some(e) = d.expected_close_on { ((ctx.today - e).whole_days()) } }
                    } } }
                } }
            }
        }
        @if !day.dying.is_empty() {
            section.block #dying { h2 { (w.dying) " " span.count { (day.dying.len()) } }
                div.table-wrap { table.grid {
                    thead { tr { th { (w.dead_on) } th { (w.client) } th { (w.why) } } }
                    tbody { @for d in &day.dying { tr {
                        td.nowrap { (date(ctx.lang, d.dead_on)) }
                        td { (client(&d.client_id)) }
                        td.explain { @for r in &d.reasons { (i18n::dead_reason(ctx.lang, r)) br; } }
                    } } }
                } }
            }
        }
        @if !day.reports.is_empty() {
            section.block #reports { h2 { (w.reports_owed) " " span.count { (day.reports.len()) } }
                ul { @for r in &day.reports {
                    li { (client(&r.client_id)) " — " (ctx.t.rotation.week_of) (date(ctx.lang, r.week)) }
                } }
            }
        }
    }
}

/// A head's teams today: per rep, the counts, each rep's name opening his day.
fn team(ctx: &Ctx, reps: &[RepDay], people: &HashMap<EmployeeId, Employee>) -> Markup {
    let w = ctx.t.workday;
    html! {
        section.block #team { h2 { (w.team_day) }
            div.table-wrap { table.grid {
                thead { tr {
                    th { (w.employee) } th.num { (w.overdue_tasks) } th.num { (w.tasks_today) } th.num { (w.touches) }
                    th.num { (w.touches_long_overdue) } th.num { (w.invoices) } th.num { (w.reports) }
                    th.num { (w.late) }
                } }
                tbody { @for r in reps { tr {
                    td { a href={ "/my-day?employee=" (r.employee_id) } { (name_of(people, r.employee_id)) } }
                    td.num { (r.overdue_tasks) } td.num { (r.tasks_today) } td.num { (r.touches_due) }
                    td.num { (r.touches_long_overdue) } td.num { (r.overdue_invoices) } td.num { (r.reports_owed) }
                    td.num { (r.late_deals) }
                } } }
            } }
        }
    }
}

/// A head's own quarterly meetings not yet held, as counts by state with a link to the list.
fn own_meetings(ctx: &Ctx, meetings: &[HeadMeeting]) -> Markup {
    let m = ctx.t.meetings;
    html! {
        section.block #meetings { h2 { (m.my_meetings) " " span.count { (meetings.len()) } }
            p { @for s in [MeetingState::Overdue, MeetingState::Due, MeetingState::Planned] {
                @let n = meetings.iter().filter(|x| x.state == s).count();
                @if n > 0 { span.badge.{ "meeting-" (s.as_str()) } { (i18n::meeting_state(ctx.lang, s)) ": " (n) } " " }
            } a href="/meetings" { (m.title) " →" } }
        }
    }
}

/// The "done" and "cancel" buttons of an open task, coming back to `back`.
pub(super) fn close_buttons(ctx: &Ctx, id: TaskId, back: &str) -> Markup {
    let w = ctx.t.workday;
    html! {
        @for (action, label) in [("done", w.done), ("cancel", w.cancel)] {
            form.inline method="post" action={ "/tasks/" (id) "/" (action) } {
                (csrf_field(ctx))
                input type="hidden" name="back" value=(back);
                button.btn.btn-small type="submit" { (label) }
            }
        }
    }
}

/// Sets a task of `kind` titled `title` on `client`, due on the form's `due_on`, through the
/// API's own use case (its owner defaults as the API says): the small forms of the
/// receivables (a collection step) and of the head meetings.
pub(super) async fn post_task(
    state: &AppState,
    user: &CurrentUser,
    params: &Params,
    client: ClientId,
    kind: TaskKind,
    title: String,
) -> Result<(), AppError> {
    let due_on = match params.get("due_on").map(sprut_core::import::parse_date) {
        Some(Ok(due_on)) => due_on,
        Some(Err(reason)) => return Err(AppError::Validation(vec![FieldError::new("due_on", reason)])),
        None => return Err(AppError::Validation(vec![FieldError::new("due_on", Reason::Required)])),
    };
    let new = NewTask { client_id: client, owner_id: None, kind: Some(kind), title, due_on };
    crate::api::records::add::<Task>(state, &Caller(user.clone()), new).await.map(|_| ())
}

/// `POST /tasks/{id}/{done|cancel}`: closes a task the caller sees and may write, then back
/// to the page it was closed on.
pub(super) async fn close(
    State(state): State<AppState>,
    PathId(id): PathId<TaskId>,
    PathAction(action): PathAction,
    Posted { user, ctx, params }: Posted,
) -> Response {
    let status = match action.as_str() {
        "done" => TaskStatus::Done,
        "cancel" => TaskStatus::Cancelled,
        _ => return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None),
    };
    let patch = TaskPatch { status: Some(status), ..TaskPatch::default() };
    if let Err(e) = crate::api::records::update::<sprut_core::task::Task>(&state, &user, id, patch).await {
        return app_error_page(&ctx, e);
    }
    let back = params.get("back").map_or("/my-day", |b| super::login::local_path(Some(b)));
    see_other(back)
}
