//! Typed identifiers: UUIDv7, so they sort by creation time.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(transparent)]
        #[schema(value_type = String, format = Uuid)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

id_type!(
    /// A client (legal entity).
    ClientId,
    /// A contact person at a client.
    ContactId,
    /// An employee of the company.
    EmployeeId,
    /// A sales team.
    TeamId,
    /// One span of a client held by one employee.
    AssignmentId,
    /// A deal with a client.
    DealId,
    /// A touch: call, e-mail, meeting, ...
    ActivityId,
    /// An invoice the client owes.
    ReceivableId,
    /// A next step: something one employee must do for a client by a date.
    TaskId,
    /// A request to meet a client, answered by its holder.
    MeetingRequestId,
    /// A contact drawn for a spot check.
    SpotCheckId,
    /// An investigation of contact data found wrong.
    InvestigationId,
    /// A satisfaction survey sent to a client's contact.
    SurveyId,
    /// A recorded audit event.
    AuditEventId,
    /// An API token.
    TokenId,
    /// An alert for a head of sales or an auditor.
    AlertId,
    /// One exported file.
    ExportId,
    /// A message in the outbox.
    OutboxId,
    /// A handover of clients from one holder to others.
    TransferId,
    /// The playbook run when an employee leaves.
    OffboardingId,
    /// A redistribution plan of a team's book.
    RedistributionId,
);
