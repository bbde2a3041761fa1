//! Activities: every touch with a client, so a stranger can follow its story.

use crate::meeting::MeetingChecklist;
use crate::task::NextStep;
use crate::validate::Checks;
use crate::{word_enum, ActivityId, ClientId, ContactId, CoreError, EmployeeId, Reason};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

word_enum!(
    /// The kind of touch.
    ActivityKind {
        /// Phone call.
        Call = "call",
        /// E-mail.
        Email = "email",
        /// Meeting (online or at the office).
        Meeting = "meeting",
        /// Visit to the client.
        Visit = "visit",
        /// Commercial proposal sent.
        Proposal = "proposal",
        /// Note.
        Note = "note",
    }
);

/// How far ahead of the server's clock a touch may be dated (clocks differ a little).
const FUTURE_GRACE: time::Duration = time::Duration::minutes(10);

/// A logged touch with a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Activity {
    /// Id.
    pub id: ActivityId,
    /// The client.
    pub client_id: ClientId,
    /// Kind.
    pub kind: ActivityKind,
    /// When it happened.
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
    /// Who logged it.
    pub author_id: Option<EmployeeId>,
    /// Who else of ours took part.
    pub participant_ids: Vec<EmployeeId>,
    /// The contacts involved.
    pub contact_ids: Vec<ContactId>,
    /// The outcome in a few words.
    pub outcome: Option<String>,
    /// What happened.
    pub text: String,
    /// The head's checklist, when this meeting or visit is a head's quarterly meeting.
    pub checklist: Option<MeetingChecklist>,
    /// When recorded.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Columns of an imported file that map to no field, by column title ("From the import").
    #[schema(value_type = Object)]
    pub extra: crate::ExtraFields,
}

/// A new activity as submitted; the author is the caller.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewActivity {
    /// The client.
    pub client_id: ClientId,
    /// Kind.
    pub kind: ActivityKind,
    /// When (default: now).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub occurred_at: Option<OffsetDateTime>,
    /// Contacts involved.
    #[serde(default)]
    pub contact_ids: Vec<ContactId>,
    /// Who else of ours took part.
    #[serde(default)]
    pub participant_ids: Vec<EmployeeId>,
    /// Outcome.
    #[serde(default)]
    pub outcome: Option<String>,
    /// What happened.
    pub text: String,
    /// The next step, set as a task in the same transaction.
    #[serde(default)]
    pub next_step: Option<NextStep>,
    /// The head's checklist of a quarterly meeting (a meeting or a visit only); logging it
    /// closes the client's planned head meeting.
    #[serde(default)]
    pub checklist: Option<MeetingChecklist>,
}

/// Changes to an activity (its author and client never change).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ActivityPatch {
    /// Kind.
    pub kind: Option<ActivityKind>,
    /// When.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub occurred_at: Option<OffsetDateTime>,
    /// Contacts.
    pub contact_ids: Option<Vec<ContactId>>,
    /// Who else of ours took part.
    pub participant_ids: Option<Vec<EmployeeId>>,
    /// Outcome.
    pub outcome: Option<String>,
    /// Text.
    pub text: Option<String>,
}

impl NewActivity {
    /// Checks the input and builds the activity logged by `author` at `now`, and its next
    /// step (checked by the task's own rules when it is set).
    pub fn into_activity(
        self,
        author: Option<EmployeeId>,
        now: OffsetDateTime,
    ) -> Result<(Activity, Option<NextStep>), CoreError> {
        let activity = Activity {
            id: ActivityId::new(),
            client_id: self.client_id,
            kind: self.kind,
            occurred_at: self.occurred_at.unwrap_or(now),
            author_id: author,
            participant_ids: self.participant_ids,
            contact_ids: self.contact_ids,
            outcome: self.outcome,
            text: self.text,
            checklist: self.checklist,
            created_at: now,
            extra: Default::default(),
        }
        .checked()?;
        Ok((activity, self.next_step))
    }
}

impl Activity {
    /// This activity with `patch` applied, checked.
    pub fn patched(&self, p: ActivityPatch) -> Result<Activity, CoreError> {
        let mut a = self.clone();
        if let Some(v) = p.kind {
            a.kind = v;
        }
        if let Some(v) = p.occurred_at {
            a.occurred_at = v;
        }
        if let Some(v) = p.contact_ids {
            a.contact_ids = v;
        }
        if let Some(v) = p.participant_ids {
            a.participant_ids = v;
        }
        if let Some(v) = p.outcome {
            a.outcome = Some(v);
        }
        if let Some(v) = p.text {
            a.text = v;
        }
        a.checked()
    }

    /// Refuses a touch someone logs as happening after `now` (an imported file may hold
    /// planned ones; a person logs what happened).
    pub fn happened_by(self, now: OffsetDateTime, today: time::Date) -> Result<Activity, CoreError> {
        if self.occurred_at > now + FUTURE_GRACE {
            return Err(CoreError::field("occurred_at", Reason::Future { today }));
        }
        Ok(self)
    }

    fn checked(mut self) -> Result<Activity, CoreError> {
        let mut c = Checks::new();
        self.participant_ids.retain(|p| Some(*p) != self.author_id);
        self.participant_ids.sort();
        self.participant_ids.dedup();
        self.text = c.text("text", &self.text, 10_000);
        self.outcome = c.optional_text("outcome", self.outcome.as_deref(), 500);
        if let Some(list) = self.checklist.take() {
            if !matches!(self.kind, ActivityKind::Meeting | ActivityKind::Visit) {
                c.fail("checklist", Reason::ChecklistOnMeeting);
            }
            self.checklist = Some(list.checked(&mut c));
        }
        c.finish()?;
        Ok(self)
    }
}
