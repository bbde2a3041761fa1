//! The employee's private calendar feed (`/ical/{secret}.ics`): his open tasks as to-dos, his
//! planned touches and head meetings as all-day events on their company dates, in his
//! language, the calendar naming the company's time zone. Issuing a new address or revoking it
//! ends the old one at once.

use crate::auth::{new_token, sha256_hex, CurrentUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::ui::i18n;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use icalendar::{Calendar as Ics, Component, EventLike, Todo, TodoStatus};
use sprut_core::calendar::{calendar, Calendar, CalendarEntry, EntryKind};
use sprut_core::employee::Language;
use sprut_core::store::prelude::*;
use sprut_core::touch::TouchCadence;

/// The address of a feed known by `secret`.
pub fn feed_path(secret: &str) -> String {
    format!("/ical/{secret}.ics")
}

/// Gives the caller a new feed address (his old one stops working) and returns its path.
pub async fn issue(state: &AppState, user: &CurrentUser) -> Result<String, AppError> {
    let (secret, hash) = new_token();
    state.store.issue_calendar_feed(&user.actor(state.clock.now()), user.employee.id, hash).await?;
    Ok(feed_path(&secret))
}

/// Ends the caller's feed at once; whether he had one.
pub async fn revoke(state: &AppState, user: &CurrentUser) -> Result<bool, AppError> {
    Ok(state.store.revoke_calendar_feed(&user.actor(state.clock.now()), user.employee.id).await?)
}

/// `GET /ical/{secret}.ics`: the feed, or 404 for an address that is not (or no longer) one.
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "no such calendar\n").into_response();
    let Some(secret) = file.strip_suffix(".ics") else { return not_found() };
    let owner = match state.store.calendar_feed_owner(&sha256_hex(secret)).await {
        Ok(Some(e)) => e,
        Ok(None) => return not_found(),
        Err(e) => return AppError::from(e).into_response(),
    };
    let settings = state.settings().await;
    let today = state.today().await;
    let cadence = TouchCadence::from_settings(&settings);
    match calendar(&*state.store, owner.id, today, &cadence).await {
        Ok(cal) => {
            let body = render(&cal, owner.language, &settings.company_name, &settings.time_zone, state.clock.now());
            let headers =
                [(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "private, no-store")];
            (headers, body).into_response()
        }
        Err(e) => AppError::from(e).into_response(),
    }
}

/// The feed as RFC 5545 text.
fn render(cal: &Calendar, lang: Language, company: &str, zone: &str, now: time::OffsetDateTime) -> String {
    let stamp = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let mut ics = Ics::new();
    ics.name(&format!("sprut · {company}")).timezone(zone);
    for e in &cal.entries {
        let client = cal.clients.get(&e.client_id).map_or("—", String::as_str);
        let summary = i18n::calendar_summary(lang, e.kind, &e.title, client);
        let description = description(lang, e);
        match e.kind {
            EntryKind::Task => {
                let mut todo = Todo::new();
                todo.uid(&e.uid).add_property("DTSTAMP", &stamp).summary(&summary).description(&description);
                todo.due(e.on).status(TodoStatus::NeedsAction);
                ics.push(todo.done());
            }
            EntryKind::Touch | EntryKind::Meeting => {
                let mut event = icalendar::Event::new();
                event.uid(&e.uid).add_property("DTSTAMP", &stamp).summary(&summary).description(&description);
                event.starts(e.on).ends(e.on.next_day().unwrap_or(e.on));
                ics.push(event.done());
            }
        }
    }
    ics.done().to_string()
}

/// The entry's details: the client, and how late a touch is.
fn description(lang: Language, e: &CalendarEntry) -> String {
    let card = format!("/clients/{}", e.client_id);
    match e.late_since {
        Some(since) => format!("{}\n{card}", i18n::late_since(lang, since)),
        None => card,
    }
}
