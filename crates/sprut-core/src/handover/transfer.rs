//! Transfers (передача клиента): a handover of clients from one holder to one or several
//! others, with a checklist per client, that changes the holding on its effective date.

use super::checklist::Checklist;
use crate::assignment::AssignmentKind;
use crate::validate::Checks;
use crate::Reason;
use crate::{word_enum, ClientId, CoreError, EmployeeId, OffboardingId, TransferId};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

word_enum!(
    /// Why clients change hands.
    TransferCause {
        /// A head's decision.
        Manual = "manual",
        /// Rotation of a dead client.
        Rotation = "rotation",
        /// Rebalancing the reps' books.
        Rebalance = "rebalance",
        /// The holder is leaving.
        Offboarding = "offboarding",
        /// The head recalled the client.
        Recall = "recall",
    }
);

word_enum!(
    /// Where a transfer stands.
    TransferState {
        /// Agreed, effective date not reached.
        Planned = "planned",
        /// Clients handed over, checklist not closed.
        InProgress = "in_progress",
        /// Handed over and every checklist closed.
        Completed = "completed",
        /// Called off before the handover.
        Cancelled = "cancelled",
    }
);

/// One client of a transfer: who receives it, on which terms, and its checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TransferItem {
    /// The client.
    pub client_id: ClientId,
    /// Its name, for display.
    pub client_name: String,
    /// The receiving holder.
    pub to_id: EmployeeId,
    /// The kind of holding the receiver gets (account for customers, development otherwise).
    pub kind: AssignmentKind,
    /// Why this receiver (the rule and figures, or the head's choice).
    pub reason: String,
    /// The same as data, when a rule or the head chose (not typed by a person).
    pub why: Option<super::share::ShareWhy>,
    /// The checklist.
    pub checklist: Checklist,
    /// When the holding changed.
    #[serde(with = "time::serde::rfc3339::option")]
    pub handed_over_at: Option<OffsetDateTime>,
}

/// A transfer with its clients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Transfer {
    /// Id.
    pub id: TransferId,
    /// Why.
    pub cause: TransferCause,
    /// The holder giving the clients up.
    pub from_id: EmployeeId,
    /// The day the holding changes.
    pub effective_on: Date,
    /// Where it stands.
    pub state: TransferState,
    /// The head's note.
    pub note: String,
    /// The offboarding playbook it belongs to.
    pub offboarding_id: Option<OffboardingId>,
    /// Who arranged it.
    pub created_by: Option<EmployeeId>,
    /// When arranged.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When the holding changed.
    #[serde(with = "time::serde::rfc3339::option")]
    pub handed_over_at: Option<OffsetDateTime>,
    /// When completed.
    #[serde(with = "time::serde::rfc3339::option")]
    pub completed_at: Option<OffsetDateTime>,
    /// When cancelled.
    #[serde(with = "time::serde::rfc3339::option")]
    pub cancelled_at: Option<OffsetDateTime>,
    /// Why cancelled.
    pub cancel_reason: Option<String>,
    /// The clients.
    pub items: Vec<TransferItem>,
}

impl Transfer {
    /// Whether the transfer still waits for its handover.
    pub fn is_planned(&self) -> bool {
        self.state == TransferState::Planned
    }

    /// What of this transfer `viewer`, one of its holders and nobody's overseer, may see: the
    /// whole when he gives the clients; otherwise only the items he receives (`None` if none).
    pub fn as_seen_by_holder(mut self, viewer: EmployeeId) -> Option<Self> {
        if self.from_id != viewer {
            self.items.retain(|i| i.to_id == viewer);
        }
        (!self.items.is_empty() || self.from_id == viewer).then_some(self)
    }

    /// The checklist steps still open, per client.
    pub fn open_steps(&self) -> Vec<(ClientId, Vec<super::checklist::Step>)> {
        self.items
            .iter()
            .map(|i| (i.client_id, i.checklist.open_steps()))
            .filter(|(_, steps)| !steps.is_empty())
            .collect()
    }
}

/// A transfer as a head asks for it.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewTransfer {
    /// Why (default: manual).
    #[serde(default)]
    pub cause: Option<TransferCause>,
    /// The holder giving the clients up.
    pub from_id: EmployeeId,
    /// The clients (all held by `from_id`).
    pub clients: Vec<ClientId>,
    /// The receivers: one, or several to share the clients.
    pub to: Vec<EmployeeId>,
    /// Explicit receivers for some clients (overrides the sharing).
    #[serde(default)]
    pub assign: Vec<ClientTo>,
    /// Share by specialisation: customers (clients with sales) to farmers, prospects to hunters.
    #[serde(default)]
    pub by_specialisation: bool,
    /// The day the holding changes (`YYYY-MM-DD`).
    pub effective_on: Date,
    /// The head's note.
    #[serde(default)]
    pub note: String,
}

/// One client sent to a named receiver.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ClientTo {
    /// The client.
    pub client_id: ClientId,
    /// The receiver.
    pub to_id: EmployeeId,
}

impl NewTransfer {
    /// Checks the request's own fields (the store checks the people and the holdings).
    pub fn check(&self) -> Result<(), CoreError> {
        let mut c = Checks::new();
        if self.clients.is_empty() {
            c.fail("clients", Reason::NoClients);
        }
        if self.to.is_empty() && self.assign.is_empty() {
            c.fail("to", Reason::NoReceivers);
        }
        if self.to.contains(&self.from_id) || self.assign.iter().any(|a| a.to_id == self.from_id) {
            c.fail("to", Reason::SameHolder { client: String::new() });
        }
        let mut seen = std::collections::BTreeSet::new();
        for id in &self.clients {
            if !seen.insert(id) {
                c.fail("clients", Reason::ListedTwice { client: id.to_string() });
            }
        }
        if let Some(a) = self.assign.iter().find(|a| !self.clients.contains(&a.client_id)) {
            c.fail("assign", Reason::NotInTransfer { client: a.client_id.to_string() });
        }
        if self.note.chars().count() > 2000 {
            c.fail("note", Reason::TooLong { max: 2000 });
        }
        c.finish()
    }
}

/// Cancelling a planned transfer.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct CancelTransfer {
    /// Why.
    pub reason: String,
}

/// Which transfers to list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct TransferFilter {
    /// Only in this state.
    pub state: Option<TransferState>,
    /// Only from or to this employee.
    pub employee_id: Option<EmployeeId>,
    /// Only for this cause.
    pub cause: Option<TransferCause>,
}
