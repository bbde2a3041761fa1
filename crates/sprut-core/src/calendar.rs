//! An employee's calendar feed: his open tasks, the planned touches of the clients he holds
//! and his head meetings, each on its company date; a touch already late is shown today.

use crate::error::CoreResult;
use crate::meeting::TaskKind;
use crate::rules::store::RotationStore;
use crate::scope::Scope;
use crate::store::WorkbenchStore;
use crate::touch::{PlannedTouch, TouchBasis, TouchCadence};
use crate::{ClientId, EmployeeId};
use serde::Serialize;
use std::collections::BTreeMap;
use time::Date;

/// What a calendar entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A task (a to-do with a due date).
    Task,
    /// A touch planned by the tier's cadence (an all-day event).
    Touch,
    /// A head's quarterly meeting with a client (an all-day event).
    Meeting,
}

/// One entry of the feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarEntry {
    /// Stable across reads, so a calendar updates the entry instead of adding one.
    pub uid: String,
    /// What it is.
    pub kind: EntryKind,
    /// Its company date (a late touch: today).
    pub on: Date,
    /// The date it was due, when that was before `on`.
    pub late_since: Option<Date>,
    /// The task's title (empty for a touch).
    pub title: String,
    /// The client.
    pub client_id: ClientId,
}

/// An employee's feed.
#[derive(Debug, Clone, Serialize)]
pub struct Calendar {
    /// The entries, by date.
    pub entries: Vec<CalendarEntry>,
    /// The name of every client named.
    pub clients: BTreeMap<ClientId, String>,
}

/// The feed of `employee` on `today`.
pub async fn calendar<S: WorkbenchStore + RotationStore>(
    store: &S,
    employee: EmployeeId,
    today: Date,
    cadence: &TouchCadence,
) -> CoreResult<Calendar> {
    let mut entries: Vec<CalendarEntry> = (store.open_tasks(&Scope::All, Some(employee), None).await?)
        .into_iter()
        .map(|t| CalendarEntry {
            uid: format!("task-{}@sprut", t.id),
            kind: if t.kind == TaskKind::HeadMeeting { EntryKind::Meeting } else { EntryKind::Task },
            on: t.due_on,
            late_since: None,
            title: t.title,
            client_id: t.client_id,
        })
        .collect();
    let facts = store.touch_facts(&Scope::HeldBy(employee), Some(employee), None).await?;
    for touch in facts.iter().map(|f| PlannedTouch::of(f, cadence)).filter(|t| t.basis != TouchBasis::Task) {
        let late = touch.due_on < today;
        entries.push(CalendarEntry {
            uid: format!("touch-{}-{}@sprut", touch.client_id, touch.due_on),
            kind: EntryKind::Touch,
            on: if late { today } else { touch.due_on },
            late_since: late.then_some(touch.due_on),
            title: String::new(),
            client_id: touch.client_id,
        });
    }
    entries.sort_by(|a, b| (a.on, &a.uid).cmp(&(b.on, &b.uid)));
    let named: Vec<ClientId> = entries.iter().map(|e| e.client_id).collect();
    let clients = store.client_names(&named).await?.into_iter().collect();
    Ok(Calendar { entries, clients })
}
