//! The offboarding playbook (уход продавца): when a rep's departure is recorded his book is
//! planned out at once: a receiver for every client, the clients at risk with a retention
//! decision each, then transfers with their checklists. One page shows the progress.

use super::risk::Risk;
use super::share::ShareWhy;
use super::transfer::{Transfer, TransferState};
use crate::validate::Checks;
use crate::Conflict;
use crate::Reason;
use crate::{word_enum, ClientId, CoreError, EmployeeId, OffboardingId, TransferId};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

word_enum!(
    /// Where a playbook stands.
    OffboardingState {
        /// Being worked through.
        Active = "active",
        /// Every client has a new holder and every checklist is closed.
        Completed = "completed",
        /// Called off (the employee stays).
        Cancelled = "cancelled",
    }
);

/// What is offered to keep a client at risk, or that nothing is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Retention {
    /// The offer (e.g. "годовой контракт с фиксированной ценой"); `None`: no offer.
    pub offer: Option<String>,
    /// A discount in percent.
    pub discount_percent: Option<i64>,
    /// Why (for "no offer" especially).
    #[serde(default)]
    pub note: String,
}

impl Retention {
    /// Checks the decision.
    pub fn checked(mut self) -> Result<Retention, CoreError> {
        let mut c = Checks::new();
        self.offer = c.optional_text("offer", self.offer.as_deref(), 1000);
        self.note = self.note.trim().chars().take(1000).collect();
        if let Some(d) = self.discount_percent {
            if !(0..=100).contains(&d) {
                c.fail("discount_percent", Reason::Range { min: 0, max: Some(100) });
            }
            if self.offer.is_none() {
                c.fail("offer", Reason::OfferNeeded);
            }
        }
        if self.offer.is_none() && self.note.is_empty() {
            c.fail("note", Reason::Required);
        }
        c.finish()?;
        Ok(self)
    }
}

/// One client of the leaver's book in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlanItem {
    /// The client.
    pub client_id: ClientId,
    /// Its name.
    pub client_name: String,
    /// The receiver the rules propose.
    pub proposed_to: Option<EmployeeId>,
    /// The rule and figures behind the proposal, in English.
    pub proposal: String,
    /// The same as data, for a page to say in its reader's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal_why: Option<ShareWhy>,
    /// The head's choice instead.
    pub override_to: Option<EmployeeId>,
    /// Revenue over the last twelve months, minor units.
    pub revenue_12m: i64,
    /// Risk of losing the client with the leaver.
    pub risk: Risk,
    /// The retention decision (for clients at risk).
    pub retention: Option<Retention>,
    /// The transfer carrying it, once the plan is applied.
    pub transfer_id: Option<TransferId>,
}

impl PlanItem {
    /// Where the client goes: the head's choice, else the proposal.
    pub fn destination(&self) -> Option<EmployeeId> {
        self.override_to.or(self.proposed_to)
    }
}

/// A playbook with its plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Offboarding {
    /// Id.
    pub id: OffboardingId,
    /// The leaver.
    pub employee_id: EmployeeId,
    /// His last working day.
    pub last_day: Date,
    /// Where it stands.
    pub state: OffboardingState,
    /// Who started it.
    pub created_by: Option<EmployeeId>,
    /// When started.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When the plan became transfers.
    #[serde(with = "time::serde::rfc3339::option")]
    pub applied_at: Option<OffsetDateTime>,
    /// When completed.
    #[serde(with = "time::serde::rfc3339::option")]
    pub completed_at: Option<OffsetDateTime>,
    /// The book, client by client.
    pub items: Vec<PlanItem>,
}

/// Starting the playbook for an employee.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct StartOffboarding {
    /// The leaver's last working day.
    pub last_day: Date,
    /// Share customers to farmers and prospects to hunters (default true).
    #[serde(default = "yes")]
    pub by_specialisation: bool,
}

fn yes() -> bool {
    true
}

/// A head's change to one client of the plan.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct PlanChange {
    /// The client.
    pub client_id: ClientId,
    /// Send it to this receiver instead (`null` keeps the proposal).
    #[serde(default)]
    pub override_to: Option<EmployeeId>,
    /// The retention decision.
    #[serde(default)]
    pub retention: Option<Retention>,
}

/// Turning the plan into transfers.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ApplyPlan {
    /// The day the clients change hands (default: today).
    #[serde(default)]
    pub effective_on: Option<Date>,
}

/// How far a playbook has come.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Progress {
    /// Clients in the book.
    pub clients: usize,
    /// With a receiver chosen.
    pub with_receiver: usize,
    /// At risk.
    pub at_risk: usize,
    /// At risk with a retention decision.
    pub retention_decided: usize,
    /// In a transfer.
    pub in_transfer: usize,
    /// Handed over to the new holder.
    pub handed_over: usize,
    /// With the whole checklist closed.
    pub checklists_closed: usize,
    /// Whether everything is done.
    pub done: bool,
}

/// The progress of `o` given its transfers.
pub fn progress(o: &Offboarding, transfers: &[Transfer]) -> Progress {
    let item_of = |c: ClientId| {
        transfers.iter().flat_map(|t| t.items.iter().map(move |i| (t, i))).find(|(_, i)| i.client_id == c)
    };
    let mut p = Progress { clients: o.items.len(), ..Progress::default() };
    for item in &o.items {
        p.with_receiver += usize::from(item.destination().is_some());
        if item.risk.at_risk {
            p.at_risk += 1;
            p.retention_decided += usize::from(item.retention.is_some());
        }
        if let Some((t, i)) = item_of(item.client_id).filter(|(t, _)| t.state != TransferState::Cancelled) {
            p.in_transfer += 1;
            p.handed_over += usize::from(i.handed_over_at.is_some());
            p.checklists_closed += usize::from(i.checklist.is_closed() || t.state == TransferState::Completed);
        }
    }
    p.done = p.clients == p.handed_over && p.clients == p.checklists_closed && p.at_risk == p.retention_decided;
    p
}

/// Refuses a plan that cannot be applied: clients without a receiver, at-risk clients
/// without a retention decision.
pub fn check_applicable(o: &Offboarding) -> Result<(), CoreError> {
    let mut c = Checks::new();
    let unplanned: Vec<&str> =
        o.items.iter().filter(|i| i.destination().is_none()).map(|i| i.client_name.as_str()).collect();
    if !unplanned.is_empty() {
        c.fail("items", Reason::ReceiverNeeded { clients: unplanned.join(", ") });
    }
    let undecided: Vec<&str> =
        o.items.iter().filter(|i| i.risk.at_risk && i.retention.is_none()).map(|i| i.client_name.as_str()).collect();
    if !undecided.is_empty() {
        c.fail("retention", Reason::RetentionNeeded { clients: undecided.join(", ") });
    }
    if o.state != OffboardingState::Active || o.applied_at.is_some() {
        return Err(CoreError::Conflict(Conflict::PlanApplied));
    }
    c.finish()
}
