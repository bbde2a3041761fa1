//! The handover use cases that read before they write: choosing receivers for a transfer,
//! planning a leaver's book, and applying the plan.

use super::offboarding::{check_applicable, Offboarding, PlanItem, StartOffboarding};
use super::risk::assess;
use super::share::{share, ShareRules, ShareWhy};
use super::transfer::{NewTransfer, Transfer, TransferCause};
use super::{HandoverStore, PlannedItem, TransferPlan};
use crate::assignment::AssignmentKind;
use crate::employee::{EmployeeStatus, Role};
use crate::error::CoreResult;
use crate::page::{PageRequest, MAX_LIMIT};
use crate::scope::Scope;
use crate::settings::Settings;
use crate::Reason;
use crate::{Actor, ClientId, CoreError, EmployeeId, OffboardingId};
use std::collections::BTreeMap;
use time::Date;

/// The clients `employee` holds now.
async fn book<S: HandoverStore>(store: &S, employee: EmployeeId) -> CoreResult<Vec<ClientId>> {
    let mut ids = Vec::new();
    let mut page = PageRequest { after: None, limit: Some(MAX_LIMIT) };
    loop {
        let got = store.clients(&Scope::HeldBy(employee), &Default::default(), &page).await?;
        ids.extend(got.items.iter().map(|i| i.client.id));
        match got.next {
            Some(next) => page.after = Some(next),
            None => return Ok(ids),
        }
    }
}

/// The holding a receiver gets: an account for a customer, a development for a prospect.
pub(crate) fn kind_of(is_customer: bool) -> AssignmentKind {
    if is_customer {
        AssignmentKind::Account
    } else {
        AssignmentKind::Development
    }
}

/// Checks a transfer request, chooses the receivers, and stores it.
pub async fn create_transfer<S: HandoverStore>(
    store: &S,
    actor: &Actor,
    req: NewTransfer,
    settings: &Settings,
    today: Date,
) -> CoreResult<Transfer> {
    req.check()?;
    let facts = store.client_facts(&req.clients, today).await?;
    let receivers = store.receivers().await?;
    let chosen: Vec<_> = receivers.iter().filter(|r| req.to.contains(&r.employee_id)).cloned().collect();
    if let Some(missing) = req.to.iter().find(|id| !receivers.iter().any(|r| r.employee_id == **id)) {
        return Err(CoreError::field("to", Reason::NoSuchReceiver { id: missing.to_string() }));
    }
    let shared = share(&facts, &chosen, ShareRules { by_specialisation: req.by_specialisation, team: None });
    let mut items = Vec::with_capacity(facts.len());
    for f in &facts {
        let explicit = req.assign.iter().find(|a| a.client_id == f.client_id);
        let (to_id, why) = match (explicit, shared.iter().find(|c| c.client_id == f.client_id)) {
            (Some(a), _) => (a.to_id, ShareWhy::ChosenByHead),
            (None, Some(c)) => match c.to_id {
                Some(to) if req.to.len() == 1 => (to, ShareWhy::OneReceiver),
                Some(to) => (to, c.why.clone()),
                None => return Err(CoreError::field("to", Reason::NoReceiverCanTake)),
            },
            (None, None) => {
                return Err(CoreError::field("clients", Reason::NoSuchClient { id: f.client_id.to_string() }))
            }
        };
        let reason = why.explain();
        items.push(PlannedItem { client_id: f.client_id, to_id, kind: kind_of(f.is_customer), reason, why: Some(why) });
    }
    let plan = TransferPlan {
        cause: req.cause.unwrap_or(TransferCause::Manual),
        from_id: req.from_id,
        effective_on: req.effective_on,
        note: req.note.trim().to_string(),
        offboarding_id: None,
        development_days: settings.default_cycle_days,
        items,
    };
    store.create_transfer(actor, &plan, today).await
}

/// Starts the playbook for `employee`: marks him leaving, proposes a receiver for every
/// client of his book (his team first, customers to farmers and prospects to hunters, the
/// lightest book) and scores each client's risk.
pub async fn start_offboarding<S: HandoverStore>(
    store: &S,
    actor: &Actor,
    employee: EmployeeId,
    req: &StartOffboarding,
    settings: &Settings,
    today: Date,
) -> CoreResult<Offboarding> {
    let leaver = store.employee(employee).await?;
    crate::leaver::departure_patch(&leaver, req.last_day, today)?;
    if !matches!(leaver.role, Role::Rep | Role::Head) {
        return Err(CoreError::field("employee", Reason::PlaybookForHolders));
    }
    let clients = book(store, employee).await?;
    let facts = store.client_facts(&clients, today).await?;
    let receivers: Vec<_> = store
        .receivers()
        .await?
        .into_iter()
        .filter(|r| r.employee_id != employee && r.status == EmployeeStatus::Active)
        .collect();
    let rules = ShareRules { by_specialisation: req.by_specialisation, team: leaver.team_id };
    let choices: BTreeMap<ClientId, _> =
        share(&facts, &receivers, rules).into_iter().map(|c| (c.client_id, c)).collect();
    let items = facts
        .iter()
        .map(|f| {
            let choice = &choices[&f.client_id];
            PlanItem {
                client_id: f.client_id,
                client_name: f.name.clone(),
                proposed_to: choice.to_id,
                proposal: choice.reason.clone(),
                proposal_why: Some(choice.why.clone()),
                override_to: None,
                revenue_12m: f.revenue_12m,
                risk: assess(f, today, settings),
                retention: None,
                transfer_id: None,
            }
        })
        .collect();
    store.start_offboarding(actor, employee, req.last_day, items).await
}

/// Turns a checked plan into one transfer per receiver, effective on `effective_on`.
pub async fn apply_offboarding<S: HandoverStore>(
    store: &S,
    actor: &Actor,
    id: OffboardingId,
    effective_on: Date,
    settings: &Settings,
    today: Date,
) -> CoreResult<Offboarding> {
    let o = store.offboarding(id).await?;
    check_applicable(&o)?;
    let ids: Vec<ClientId> = o.items.iter().map(|i| i.client_id).collect();
    let customers: BTreeMap<ClientId, bool> =
        store.client_facts(&ids, today).await?.into_iter().map(|f| (f.client_id, f.is_customer)).collect();
    let mut by_receiver: BTreeMap<EmployeeId, Vec<PlannedItem>> = BTreeMap::new();
    for i in &o.items {
        let Some(to) = i.destination() else { continue };
        let (reason, why) = match (&i.override_to, &i.proposal_why) {
            (Some(_), _) => (ShareWhy::ChosenByHead.explain(), Some(ShareWhy::ChosenByHead)),
            (None, why) => (i.proposal.clone(), why.clone()),
        };
        let kind = kind_of(customers.get(&i.client_id).copied().unwrap_or(false));
        by_receiver.entry(to).or_default().push(PlannedItem { client_id: i.client_id, to_id: to, kind, reason, why });
    }
    let plans: Vec<TransferPlan> = by_receiver
        .into_values()
        .map(|items| TransferPlan {
            cause: TransferCause::Offboarding,
            from_id: o.employee_id,
            effective_on,
            note: format!("offboarding: last working day {}", o.last_day),
            offboarding_id: Some(o.id),
            development_days: settings.default_cycle_days,
            items,
        })
        .collect();
    store.apply_offboarding(actor, id, &plans, today).await
}
