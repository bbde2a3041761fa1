//! Handover and departure in the database: transfers, their checklists and notices, the
//! offboarding playbook, and the facts they read.

mod checks;
mod facts;
mod offboarding;
pub(crate) mod transfers;

use crate::kept::Kept;
use crate::Db;
use sprut_core::error::CoreResult;
use sprut_core::handover::analysis::{report, Handed, Sale, TransferReport};
use sprut_core::handover::checklist::{CheckAction, Side};
use sprut_core::handover::offboarding::{Offboarding, PlanChange, PlanItem};
use sprut_core::handover::share::{ClientFacts, Receiver};
use sprut_core::handover::transfer::{Transfer, TransferFilter};
use sprut_core::handover::{HandoverStore, TransferPlan};
use sprut_core::page::{Page, PageRequest};
use sprut_core::{Actor, ClientId, EmployeeId, OffboardingId, TransferId};
use std::collections::BTreeMap;
use std::future::Future;
use time::Date;

impl HandoverStore for Db {
    fn client_facts(
        &self,
        clients: &[ClientId],
        today: Date,
    ) -> impl Future<Output = CoreResult<Vec<ClientFacts>>> + Send {
        self.facts_of(clients, today)
    }
    fn receivers(&self) -> impl Future<Output = CoreResult<Vec<Receiver>>> + Send {
        self.receiver_list()
    }
    fn create_transfer(
        &self,
        actor: &Actor,
        plan: &TransferPlan,
        today: Date,
    ) -> impl Future<Output = CoreResult<Transfer>> + Send {
        self.create_transfer_tx(actor, plan, today)
    }
    fn transfer(&self, id: TransferId) -> impl Future<Output = CoreResult<Transfer>> + Send {
        self.transfer_one(id)
    }
    fn transfers(
        &self,
        filter: &TransferFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Transfer>>> + Send {
        self.transfer_list(filter, page)
    }
    fn check_transfer(
        &self,
        actor: &Actor,
        id: TransferId,
        client: ClientId,
        action: CheckAction,
        side: Side,
        today: Date,
        company: &str,
    ) -> impl Future<Output = CoreResult<Transfer>> + Send {
        self.check_transfer_tx(actor, id, client, action, side, today, company)
    }
    fn complete_transfer(&self, actor: &Actor, id: TransferId) -> impl Future<Output = CoreResult<Transfer>> + Send {
        self.complete_transfer_tx(actor, id)
    }
    fn cancel_transfer(
        &self,
        actor: &Actor,
        id: TransferId,
        reason: &str,
    ) -> impl Future<Output = CoreResult<Transfer>> + Send {
        self.cancel_transfer_tx(actor, id, reason)
    }
    fn hand_over_due(&self, actor: &Actor, today: Date) -> impl Future<Output = CoreResult<Vec<TransferId>>> + Send {
        self.hand_over_due_tx(actor, today)
    }
    fn start_offboarding(
        &self,
        actor: &Actor,
        employee: EmployeeId,
        last_day: Date,
        items: Vec<PlanItem>,
    ) -> impl Future<Output = CoreResult<Offboarding>> + Send {
        self.start_offboarding_tx(actor, employee, last_day, items)
    }
    fn offboarding(&self, id: OffboardingId) -> impl Future<Output = CoreResult<Offboarding>> + Send {
        self.offboarding_one(id)
    }
    fn offboardings(&self, page: &PageRequest) -> impl Future<Output = CoreResult<Page<Offboarding>>> + Send {
        self.offboarding_list(page)
    }
    fn change_plan(
        &self,
        actor: &Actor,
        id: OffboardingId,
        change: &PlanChange,
    ) -> impl Future<Output = CoreResult<Offboarding>> + Send {
        self.change_plan_tx(actor, id, change)
    }
    fn apply_offboarding(
        &self,
        actor: &Actor,
        id: OffboardingId,
        plans: &[TransferPlan],
        today: Date,
    ) -> impl Future<Output = CoreResult<Offboarding>> + Send {
        self.apply_offboarding_tx(actor, id, plans, today)
    }
    fn handover_history(
        &self,
    ) -> impl Future<Output = CoreResult<(Vec<Handed>, Vec<Sale>, BTreeMap<ClientId, Option<String>>)>> + Send {
        self.history_of_handovers()
    }
    fn transfer_report(&self, today: Date) -> impl Future<Output = CoreResult<TransferReport>> + Send {
        self.kept_or(Kept::TransferReport, today, move || async move {
            let (handed, sales, segments) = self.history_of_handovers().await?;
            Ok(report(&handed, &sales, &segments, today))
        })
    }
}
