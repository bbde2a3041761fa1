//! Tasks: next steps. Something one employee must do for a client by a date; a touch sets
//! one as its next step, and when the client changes hands the open ones move with it.

use crate::meeting::TaskKind;
use crate::validate::Checks;
use crate::{word_enum, ActivityId, ClientId, CoreError, EmployeeId, Reason, TaskId};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

word_enum!(
    /// Where a task stands.
    TaskStatus {
        /// Still to do.
        Open = "open",
        /// Done.
        Done = "done",
        /// No longer needed.
        Cancelled = "cancelled",
    }
);

/// Longest title of a task, in characters.
const TITLE_MAX: usize = 500;

/// A next step with a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Task {
    /// Id.
    pub id: TaskId,
    /// The client.
    pub client_id: ClientId,
    /// Who must do it.
    pub owner_id: EmployeeId,
    /// A next step, or a head's quarterly meeting.
    pub kind: TaskKind,
    /// What to do.
    pub title: String,
    /// By when (a company date).
    pub due_on: Date,
    /// Open, done or cancelled.
    pub status: TaskStatus,
    /// The touch that set it as its next step, if any.
    pub activity_id: Option<ActivityId>,
    /// Who set it (`None`: the system).
    pub created_by: Option<EmployeeId>,
    /// When set.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When done or cancelled.
    #[serde(with = "time::serde::rfc3339::option")]
    pub closed_at: Option<OffsetDateTime>,
}

/// A new task as submitted.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewTask {
    /// The client.
    pub client_id: ClientId,
    /// Who must do it (default: the client's holder, else the caller; for a head's meeting,
    /// the head of the holder's team).
    #[serde(default)]
    pub owner_id: Option<EmployeeId>,
    /// A next step (default), or a head's quarterly meeting (set by a head or an administrator).
    #[serde(default)]
    pub kind: Option<TaskKind>,
    /// What to do.
    pub title: String,
    /// By when; today or later.
    pub due_on: Date,
}

/// A touch's next step: what to do and by when (its owner defaults to the holder).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NextStep {
    /// What to do.
    pub title: String,
    /// By when; today or later.
    pub due_on: Date,
    /// Who must do it (default: the client's holder, else the author).
    #[serde(default)]
    pub owner_id: Option<EmployeeId>,
}

/// Changes to a task (its client never changes).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct TaskPatch {
    /// What to do.
    pub title: Option<String>,
    /// By when; a new date must be today or later.
    pub due_on: Option<Date>,
    /// Who must do it.
    pub owner_id: Option<EmployeeId>,
    /// Done, cancelled, or open again.
    pub status: Option<TaskStatus>,
}

impl NewTask {
    /// Checks the input on the company's `today` and builds the task `owner` must do, set by
    /// `author` at `now` (from the touch `activity` when it is a next step).
    pub fn into_task(
        self,
        owner: EmployeeId,
        author: Option<EmployeeId>,
        activity: Option<ActivityId>,
        today: Date,
        now: OffsetDateTime,
    ) -> Result<Task, CoreError> {
        let mut c = Checks::new();
        let title = c.text("title", &self.title, TITLE_MAX);
        not_past(&mut c, "due_on", self.due_on, today);
        c.finish()?;
        Ok(Task {
            id: TaskId::new(),
            client_id: self.client_id,
            owner_id: owner,
            kind: self.kind.unwrap_or(TaskKind::Step),
            title,
            due_on: self.due_on,
            status: TaskStatus::Open,
            activity_id: activity,
            created_by: author,
            created_at: now,
            closed_at: None,
        })
    }
}

impl NextStep {
    /// The task this next step asks for, on `client`.
    pub fn for_client(self, client: ClientId) -> NewTask {
        NewTask { client_id: client, owner_id: self.owner_id, kind: None, title: self.title, due_on: self.due_on }
    }
}

impl Task {
    /// This task with `patch` applied at `now`, checked on the company's `today`: a due date
    /// may only move to today or later; closing stamps the moment, reopening clears it.
    pub fn patched(&self, p: TaskPatch, today: Date, now: OffsetDateTime) -> Result<Task, CoreError> {
        let mut t = self.clone();
        let mut c = Checks::new();
        if let Some(v) = p.title {
            t.title = c.text("title", &v, TITLE_MAX);
        }
        if let Some(v) = p.due_on.filter(|d| *d != self.due_on) {
            not_past(&mut c, "due_on", v, today);
            t.due_on = v;
        }
        if let Some(v) = p.owner_id {
            t.owner_id = v;
        }
        if let Some(v) = p.status.filter(|s| *s != self.status) {
            t.status = v;
            t.closed_at = (v != TaskStatus::Open).then_some(now);
        }
        c.finish()?;
        Ok(t)
    }

    /// Whether it is still open and due before `day`.
    pub fn overdue_on(&self, day: Date) -> bool {
        self.status == TaskStatus::Open && self.due_on < day
    }
}

/// Refuses a date before `today` in `field`.
fn not_past(c: &mut Checks, field: &str, date: Date, today: Date) {
    if date < today {
        c.fail(field, Reason::Past { today });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn new(due_on: Date, title: &str) -> NewTask {
        NewTask { client_id: ClientId::new(), owner_id: None, kind: None, title: title.into(), due_on }
    }

    #[test]
    fn a_next_step_in_the_past_or_without_words_is_refused_naming_both_fields() {
        let now = datetime!(2026-12-06 10:00 UTC);
        let err = new(date!(2026 - 12 - 05), " ")
            .into_task(EmployeeId::new(), None, None, date!(2026 - 12 - 06), now)
            .unwrap_err();
        let CoreError::Validation(errors) = err else { panic!("{err:?}") };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "due_on"]);
        assert!(new(date!(2026 - 12 - 06), "Позвонить")
            .into_task(EmployeeId::new(), None, None, date!(2026 - 12 - 06), now)
            .is_ok());
    }

    #[test]
    fn closing_stamps_the_moment_and_an_old_due_date_may_stay() {
        let now = datetime!(2026-12-06 10:00 UTC);
        let t = new(date!(2026 - 12 - 01), "Счёт")
            .into_task(EmployeeId::new(), None, None, date!(2026 - 12 - 01), now)
            .unwrap();
        assert!(t.overdue_on(date!(2026 - 12 - 06)));
        let done = t
            .patched(
                TaskPatch { status: Some(TaskStatus::Done), due_on: Some(t.due_on), ..Default::default() },
                date!(2026 - 12 - 06),
                now,
            )
            .unwrap();
        assert_eq!((done.status, done.closed_at), (TaskStatus::Done, Some(now)));
        assert!(!done.overdue_on(date!(2026 - 12 - 06)));
        let moved_back = t.patched(
            TaskPatch { due_on: Some(date!(2026 - 12 - 02)), ..Default::default() },
            date!(2026 - 12 - 06),
            now,
        );
        assert!(moved_back.is_err());
    }
}
