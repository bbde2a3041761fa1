//! Handover and departure: transfers with their checklists, the offboarding playbook, and
//! the analysis of what happened to transferred clients afterwards.

pub mod analysis;
pub mod checklist;
pub mod offboarding;
pub mod risk;
pub mod service;
pub mod share;
pub mod transfer;

use crate::assignment::AssignmentKind;
use crate::error::CoreResult;
use crate::page::{Page, PageRequest};
use crate::store::prelude::*;
use crate::{Actor, ClientId, EmployeeId, OffboardingId, TransferId};
use checklist::{CheckAction, Side};
use offboarding::{Offboarding, PlanChange, PlanItem};
use share::{ClientFacts, Receiver, ShareWhy};
use std::collections::BTreeMap;
use std::future::Future;
use time::Date;
use transfer::{Transfer, TransferCause, TransferFilter};

/// A transfer ready to be stored: every client with its receiver and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferPlan {
    /// Why.
    pub cause: TransferCause,
    /// The holder giving the clients up.
    pub from_id: EmployeeId,
    /// The day the holding changes.
    pub effective_on: Date,
    /// The head's note.
    pub note: String,
    /// The playbook it belongs to.
    pub offboarding_id: Option<OffboardingId>,
    /// Days of development a prospect's new holder gets (one sales cycle).
    pub development_days: i64,
    /// The clients.
    pub items: Vec<PlannedItem>,
}

/// One client of a [`TransferPlan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedItem {
    /// The client.
    pub client_id: ClientId,
    /// The receiver.
    pub to_id: EmployeeId,
    /// Account (a customer) or development (a prospect).
    pub kind: AssignmentKind,
    /// Why this receiver.
    pub reason: String,
    /// The same as data, when a rule or the head chose (not typed by a person).
    pub why: Option<ShareWhy>,
}

/// The use cases of handover and departure.
pub trait HandoverStore: Store {
    /// What a handover needs to know about these clients on `today`.
    fn client_facts(
        &self,
        clients: &[ClientId],
        today: Date,
    ) -> impl Future<Output = CoreResult<Vec<ClientFacts>>> + Send;
    /// Every employee who could receive clients, with the number of clients each holds.
    fn receivers(&self) -> impl Future<Output = CoreResult<Vec<Receiver>>> + Send;
    /// Stores a transfer and hands the clients over at once when its day has come (on `today`).
    fn create_transfer(
        &self,
        actor: &Actor,
        plan: &TransferPlan,
        today: Date,
    ) -> impl Future<Output = CoreResult<Transfer>> + Send;
    /// One transfer.
    fn transfer(&self, id: TransferId) -> impl Future<Output = CoreResult<Transfer>> + Send;
    /// Transfers, newest first.
    fn transfers(
        &self,
        filter: &TransferFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Transfer>>> + Send;
    /// Does one checklist step for one client (`company` signs the letters); completes the
    /// transfer when it closes the last step.
    #[allow(clippy::too_many_arguments)]
    fn check_transfer(
        &self,
        actor: &Actor,
        id: TransferId,
        client: ClientId,
        action: CheckAction,
        side: Side,
        today: Date,
        company: &str,
    ) -> impl Future<Output = CoreResult<Transfer>> + Send;
    /// Completes a transfer whose checklists are all closed; otherwise says what is open.
    fn complete_transfer(&self, actor: &Actor, id: TransferId) -> impl Future<Output = CoreResult<Transfer>> + Send;
    /// Cancels a transfer that has not handed anything over yet.
    fn cancel_transfer(
        &self,
        actor: &Actor,
        id: TransferId,
        reason: &str,
    ) -> impl Future<Output = CoreResult<Transfer>> + Send;
    /// Hands over every planned transfer whose day has come; returns them.
    fn hand_over_due(&self, actor: &Actor, today: Date) -> impl Future<Output = CoreResult<Vec<TransferId>>> + Send;
    /// Starts the playbook: the employee becomes a leaver and the plan of his book is stored.
    fn start_offboarding(
        &self,
        actor: &Actor,
        employee: EmployeeId,
        last_day: Date,
        items: Vec<PlanItem>,
    ) -> impl Future<Output = CoreResult<Offboarding>> + Send;
    /// One playbook.
    fn offboarding(&self, id: OffboardingId) -> impl Future<Output = CoreResult<Offboarding>> + Send;
    /// Playbooks, newest first.
    fn offboardings(&self, page: &PageRequest) -> impl Future<Output = CoreResult<Page<Offboarding>>> + Send;
    /// A head's change to one client of the plan (receiver, retention decision).
    fn change_plan(
        &self,
        actor: &Actor,
        id: OffboardingId,
        change: &PlanChange,
    ) -> impl Future<Output = CoreResult<Offboarding>> + Send;
    /// Turns the plan into transfers, in one transaction.
    fn apply_offboarding(
        &self,
        actor: &Actor,
        id: OffboardingId,
        plans: &[TransferPlan],
        today: Date,
    ) -> impl Future<Output = CoreResult<Offboarding>> + Send;
    /// What the analysis reads: the clients handed over, every won deal, every client's segment.
    #[allow(clippy::type_complexity)]
    fn handover_history(
        &self,
    ) -> impl Future<Output = CoreResult<(Vec<analysis::Handed>, Vec<analysis::Sale>, BTreeMap<ClientId, Option<String>>)>>
           + Send;
    /// The transfer report as of `today`, from that history (the store may keep it for the day).
    fn transfer_report(&self, today: Date) -> impl Future<Output = CoreResult<analysis::TransferReport>> + Send;
}
