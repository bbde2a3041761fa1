//! Activities: every touch with a client, so a stranger can follow its story.

use crate::validate::Checks;
use crate::{word_enum, ActivityId, ClientId, ContactId, CoreError, EmployeeId};
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
    /// The contacts involved.
    pub contact_ids: Vec<ContactId>,
    /// The outcome in a few words.
    pub outcome: Option<String>,
    /// What happened.
    pub text: String,
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
    /// Outcome.
    #[serde(default)]
    pub outcome: Option<String>,
    /// What happened.
    pub text: String,
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
    /// Outcome.
    pub outcome: Option<String>,
    /// Text.
    pub text: Option<String>,
}

impl NewActivity {
    /// Checks the input and builds the activity logged by `author` at `now`.
    pub fn into_activity(self, author: Option<EmployeeId>, now: OffsetDateTime) -> Result<Activity, CoreError> {
        Activity {
            id: ActivityId::new(),
            client_id: self.client_id,
            kind: self.kind,
            occurred_at: self.occurred_at.unwrap_or(now),
            author_id: author,
            contact_ids: self.contact_ids,
            outcome: self.outcome,
            text: self.text,
            created_at: now,
            extra: Default::default(),
        }
        .checked()
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
        if let Some(v) = p.outcome {
            a.outcome = Some(v);
        }
        if let Some(v) = p.text {
            a.text = v;
        }
        a.checked()
    }

    fn checked(mut self) -> Result<Activity, CoreError> {
        let mut c = Checks::new();
        self.text = c.text("text", &self.text, 10_000);
        self.outcome = c.optional_text("outcome", self.outcome.as_deref(), 500);
        c.finish()?;
        Ok(self)
    }
}
