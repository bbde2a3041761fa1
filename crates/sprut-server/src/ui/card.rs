//! The client card: loading everything about one client in the caller's scope, and
//! logging an activity from it.

use super::card_view::{self, ActivityForm};
use super::extract::{Page, PathId, Posted};
use super::layout::{app_error_page, page, see_other, Ctx, Nav};
use super::{employees_named, Params};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use sprut_core::account_team::AccountMember;
use sprut_core::activity::{Activity, ActivityKind, NewActivity};
use sprut_core::assignment::Assignment;
use sprut_core::client::{Client, ClientListItem};
use sprut_core::contact::Contact;
use sprut_core::deal::Deal;
use sprut_core::employee::{Employee, Role};
use sprut_core::meeting::{client_meeting, HeadMeeting, MeetingChecklist};
use sprut_core::octopus::{client_relationships, RelationshipMap};
use sprut_core::page::{PageRequest, MAX_LIMIT};
use sprut_core::receivable::Receivable;
use sprut_core::rules::store::{Decision, Report, RotationStore};
use sprut_core::scope::RecordKind;
use sprut_core::store::prelude::*;
use sprut_core::store::ChildFilter;
use sprut_core::task::{NextStep, Task, TaskStatus};
use sprut_core::Reason;
use sprut_core::{ClientId, CoreError, EmployeeId, FieldError};
use std::collections::HashMap;

/// Everything the card shows about one client.
pub(crate) struct CardData {
    /// The client and its holder.
    pub item: ClientListItem,
    /// Other companies of its corporate group, each with whether the caller may open it.
    pub group: Vec<(Client, bool)>,
    /// Holding history, oldest first.
    pub history: Vec<Assignment>,
    /// Contacts.
    pub contacts: Vec<Contact>,
    /// Deals, newest first.
    pub deals: Vec<Deal>,
    /// Activities, newest first.
    pub activities: Vec<Activity>,
    /// Invoices, newest first.
    pub receivables: Vec<Receivable>,
    /// Account team seats.
    pub team: Vec<AccountMember>,
    /// The employees the card names, by id.
    pub people: HashMap<EmployeeId, Employee>,
    /// Heads' decisions and the rules' automatic ones, newest first.
    pub decisions: Vec<Decision>,
    /// Weekly reports by holders, newest first.
    pub reports: Vec<Report>,
    /// Open tasks (next steps), soonest first.
    pub tasks: Vec<Task>,
    /// Our people who may take part in a touch besides its author: the holder, the account
    /// team and the head of the holder's team.
    pub colleagues: Vec<(EmployeeId, String)>,
    /// Where the head's quarterly meeting with the client stands, when it needs one.
    pub meeting: Option<HeadMeeting>,
    /// Who of ours is in touch with whom of the client, and the coverage score.
    pub map: RelationshipMap,
    /// The requests to meet the client the caller may see.
    pub requests: Vec<sprut_core::meeting_request::MeetingRequest>,
    /// Whether the caller may ask its holder for a meeting.
    pub may_ask: bool,
    /// The client's surveys (for heads, admins and auditors).
    pub surveys: Vec<sprut_core::survey::Survey>,
    /// Whether the caller may send the client a survey.
    pub may_survey: bool,
    /// Whether the caller may log an activity here.
    pub may_log: bool,
    /// Whether the caller may change the client.
    pub may_edit: bool,
    /// Whether the caller may add and change contacts, deals and invoices here.
    pub may_add: MayAdd,
}

/// Which records of the client the caller may add and change.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MayAdd {
    /// Contacts.
    pub contacts: bool,
    /// Deals.
    pub deals: bool,
    /// Invoices.
    pub receivables: bool,
}

/// Loads the card of a client already known to be in the caller's scope.
async fn load(state: &AppState, user: &CurrentUser, id: ClientId) -> Result<CardData, AppError> {
    let store = &state.store;
    let item = store.client(&user.scope, id).await?;
    let children = ChildFilter { client_id: Some(id), ..ChildFilter::default() };
    let all = PageRequest { after: None, limit: Some(MAX_LIMIT) };
    let mut group = Vec::new();
    for other in store.client_group(&user.scope, id).await? {
        if other.id != id {
            let open = store.client_in_scope(&user.scope, other.id).await?;
            group.push((other, open));
        }
    }
    let mut activities = store.activities(&user.scope, &children, &all).await?.items;
    activities.sort_by_key(|a| std::cmp::Reverse(a.occurred_at));
    let history = store.assignments(&user.scope, id).await?;
    let contacts = store.contacts(&user.scope, &children, &all).await?.items;
    let deals = store.deals(&user.scope, &children, &all).await?.items;
    let decisions = newest_first(store.decisions(id).await?, |d| (d.on_date, d.created_at));
    let mut tasks: Vec<Task> = store.tasks(&user.scope, &children, &all).await?.items;
    tasks.retain(|t| t.status == TaskStatus::Open);
    tasks.sort_by_key(|t| (t.due_on, t.id));
    let team = store.account_team(&user.scope, id).await?;
    let reports = newest_first(store.reports(id).await?, |r| r.week);
    let today = state.today().await;
    let map = client_relationships(&**store, &user.scope, id, today).await?;
    let named = (history.iter().flat_map(|a| [Some(a.employee_id), a.decided_by]))
        .chain(contacts.iter().map(|c| c.verified_by))
        .chain(deals.iter().flat_map(|d| [d.owner_id, d.credited_to]))
        .chain(activities.iter().map(|a| a.author_id))
        .chain(decisions.iter().map(|d| d.decided_by))
        .chain(reports.iter().map(|r| Some(r.employee_id)))
        .chain(tasks.iter().map(|t| Some(t.owner_id)))
        .chain(activities.iter().flat_map(|a| a.participant_ids.iter().copied().map(Some)))
        .chain(map.people.iter().copied().map(Some))
        .flatten();
    let people = employees_named(state, named).await?;
    let colleagues = colleagues(state, user, &item, &team).await?;
    // The holding keeps whether the meeting rule takes the client: none comes back otherwise.
    let meeting = client_meeting(&**store, id, today).await?;
    let asked = sprut_core::meeting_request::RequestFilter { client_id: Some(id), ..Default::default() };
    let requests = store.meeting_requests(&user.scope, Some(user.employee.id), &asked).await?;
    let may_ask = crate::api::access::require_write(user).is_ok()
        && item.holder.as_ref().is_some_and(|h| h.employee_id != user.employee.id);
    let overseer = matches!(user.employee.role, Role::Admin | Role::Head | Role::Auditor);
    let surveys = if overseer { store.surveys(&user.scope, Some(id)).await? } else { Vec::new() };
    let may_survey = crate::api::access::require_manager(user).is_ok();
    Ok(CardData {
        surveys,
        may_survey,
        requests,
        may_ask,
        map,
        meeting,
        tasks,
        colleagues,
        group,
        people,
        history,
        contacts,
        deals,
        activities,
        receivables: store.receivables(&user.scope, &children, &all).await?.items,
        team,
        decisions,
        reports,
        may_log: crate::api::access::offers_add(user, RecordKind::Activities),
        may_edit: crate::api::clients::may_edit_client(user, false).is_ok(),
        may_add: MayAdd {
            contacts: crate::api::access::offers_add(user, RecordKind::Contacts),
            deals: crate::api::access::offers_add(user, RecordKind::Deals),
            receivables: crate::api::access::offers_add(user, RecordKind::Receivables),
        },
        item,
    })
}

/// Who of ours may take part in a touch on this client besides `user`: its holder, its account
/// team and the head of the holder's team, each once.
async fn colleagues(
    state: &AppState,
    user: &CurrentUser,
    item: &ClientListItem,
    team: &[AccountMember],
) -> Result<Vec<(EmployeeId, String)>, AppError> {
    let mut people: Vec<(EmployeeId, String)> = Vec::new();
    if let Some(h) = &item.holder {
        people.push((h.employee_id, h.name.clone()));
        if let Some(head) = match h.team_id {
            Some(t) => state.store.team(t).await?.head_id,
            None => None,
        } {
            people.push((head, state.store.employee(head).await?.name));
        }
    }
    people.extend(team.iter().map(|m| (m.employee_id, m.employee_name.clone())));
    let mut seen = std::collections::HashSet::new();
    people.retain(|(id, _)| *id != user.employee.id && seen.insert(*id));
    Ok(people)
}

/// `items` sorted by `key`, newest first.
fn newest_first<T, K: Ord>(mut items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    items.sort_by_key(|x| std::cmp::Reverse(key(x)));
    items
}

/// Renders the card page with `status`.
async fn render(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    id: ClientId,
    form: ActivityForm,
    status: StatusCode,
) -> Response {
    match load(state, user, id).await {
        Ok(data) => {
            let title = data.item.client.name.clone();
            (status, page(ctx, Nav::Clients, &title, card_view::card(ctx, &data, &form))).into_response()
        }
        Err(err) => app_error_page(ctx, err),
    }
}

/// `GET /clients/{id}`: the card, or a 404 page for unknown and out-of-scope clients.
pub(super) async fn show(
    State(state): State<AppState>,
    Page { user, mut ctx }: Page,
    uri: Uri,
    PathId(id): PathId<ClientId>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    // After a language switch, come back to the card itself, not to its "saved" notice.
    ctx.back = uri.path().to_string();
    if let Err(err) = crate::api::access::require_visible(&state, &user, id, "client").await {
        return app_error_page(&ctx, err);
    }
    if let Err(err) = crate::guard::watch::card_opened(&state, &user, id).await {
        return app_error_page(&ctx, err);
    }
    let query = Params::new(query);
    let form = ActivityForm {
        saved: query.get("saved").is_some(),
        changed: query.get("changed").is_some(),
        ..ActivityForm::default()
    };
    render(&state, &user, &ctx, id, form, StatusCode::OK).await
}

/// `POST /clients/{id}/activities`: logs an activity, then back to the card.
pub(super) async fn log_activity(
    State(state): State<AppState>,
    PathId(id): PathId<ClientId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    let now = state.clock.now();
    // The API's rule, which also decides whether the card shows the form.
    if let Err(err) = crate::api::access::require_add(&state, &user, id, RecordKind::Activities).await {
        return app_error_page(&ctx, err);
    }
    // The card's own links and redirects use the card's path, not the form's.
    let card_path = format!("/clients/{id}");
    let ctx = Ctx { back: card_path.clone(), ..ctx };
    let zone = state.settings().await.time_zone;
    let mut form = ActivityForm::typed(&params);
    let kind: Option<ActivityKind> = params.parsed("kind");
    let occurred_at = match form.occurred_at.as_str() {
        "" => Some(now),
        typed => crate::zone::instant(typed, &zone),
    };
    let next_due = match form.next_due.as_str() {
        "" => None,
        typed => Some(crate::api::parse_date(typed).ok_or(typed)),
    };
    for (field, bad) in [
        ("kind", kind.is_none().then_some(Reason::Choose)),
        ("occurred_at", occurred_at.is_none().then(|| Reason::DateTime { value: form.occurred_at.clone() })),
        ("next_step.due_on", matches!(next_due, Some(Err(_))).then(|| Reason::Date { value: form.next_due.clone() })),
        ("next_step.due_on", (!form.next_step.is_empty() && next_due.is_none()).then_some(Reason::Required)),
        ("next_step.title", (form.next_step.is_empty() && next_due.is_some()).then_some(Reason::Required)),
    ] {
        form.errors.extend(bad.map(|r| FieldError::new(field, r)));
    }
    let (Some(kind), Some(occurred_at), true) = (kind, occurred_at, form.errors.is_empty()) else {
        return render(&state, &user, &ctx, id, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let next_step = match next_due {
        Some(Ok(due_on)) => Some(NextStep { title: form.next_step.clone(), due_on, owner_id: None }),
        _ => None,
    };
    let new = NewActivity {
        client_id: id,
        kind,
        occurred_at: Some(occurred_at),
        contact_ids: form.contact_ids.iter().filter_map(|c| c.parse().ok()).collect(),
        participant_ids: form.participant_ids.iter().filter_map(|p| p.parse().ok()).collect(),
        outcome: params.get("outcome").map(str::to_string),
        text: form.text.clone(),
        next_step,
        checklist: form.head_meeting.then(|| MeetingChecklist {
            decision_makers_met: form.dm_met,
            contacts_confirmed: form.contacts_confirmed,
            client_says: form.client_says.clone(),
        }),
    };
    match state.store.create_activity(&user.actor(now), new, ctx.today).await {
        Ok(_) => see_other(&format!("{card_path}?saved=1#activities")),
        Err(CoreError::Validation(errors)) => {
            form.errors = errors;
            render(&state, &user, &ctx, id, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(err) => app_error_page(&ctx, err.into()),
    }
}
