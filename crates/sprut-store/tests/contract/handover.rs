//! Handover and departure: transfers with their checklists and notices, atomic handovers,
//! refusals that change nothing, and the offboarding playbook.

use crate::fixtures::*;
use sprut_core::assignment::{AssignmentKind, EndReason};
use sprut_core::contact::NewContact;
use sprut_core::deal::{DealStage, NewDeal};
use sprut_core::employee::{Department, EmployeePatch, EmployeeStatus};
use sprut_core::handover::analysis::report;
use sprut_core::handover::checklist::{CheckAction, Side, Step};
use sprut_core::handover::offboarding::{OffboardingState, PlanChange, Retention, StartOffboarding};
use sprut_core::handover::service;
use sprut_core::handover::share::ShareWhy;
use sprut_core::handover::transfer::{NewTransfer, TransferCause, TransferState};
use sprut_core::handover::HandoverStore;
use sprut_core::outbox::{MessageKind, OutboxFilter, OutboxStore};
use sprut_core::page::PageRequest;
use sprut_core::receivable::NewReceivable;
use sprut_core::rules::why::RuleWhy;
use sprut_core::scope::Scope;
use sprut_core::settings::Settings;
use sprut_core::store::prelude::*;
use sprut_core::{Actor, ClientId, CoreError, EmployeeId};
use sprut_store::{Db, Engine};
use time::{Date, Duration};

const TODAY: Date = time::macros::date!(2026 - 11 - 23);

fn head(c: &Company) -> Actor {
    Actor::employee(c.head_n.id, NOW)
}

fn transfer(from: EmployeeId, clients: Vec<ClientId>, to: EmployeeId, on: Date) -> NewTransfer {
    NewTransfer {
        cause: None,
        from_id: from,
        clients,
        to: vec![to],
        assign: vec![],
        by_specialisation: false,
        effective_on: on,
        note: "перераспределение".into(),
    }
}

/// A client held by `rep` since January, with an open and a paid invoice, a consenting
/// contact with an e-mail, a contact without consent, and an accountant on its account team.
async fn held_client(db: &Db, c: &Company, name: &str) -> ClientId {
    let cl = client(db, name, "Розница").await;
    db.assign(&sys(), cl.id, develop(&c.rep_n, JAN)).await.unwrap();
    for (contact, consent) in [("Иван Закупкин", true), ("Пётр Молчун", false)] {
        let n = NewContact {
            client_id: cl.id,
            name: contact.into(),
            position: None,
            function: None,
            phones: vec![],
            emails: vec![format!("{}@client.ru", if consent { "ivan" } else { "petr" })],
            channels: Vec::new(),
            decision_maker: consent,
            consent,
            level: None,
        };
        db.create_contact(&sys(), n).await.unwrap();
    }
    for (number, paid) in [("1", None), ("2", Some(JAN + Duration::days(20)))] {
        let r = NewReceivable {
            client_id: cl.id,
            number: number.into(),
            amount_minor: 500_00,
            currency: None,
            issued_on: JAN,
            due_on: JAN + Duration::days(30),
            paid_on: paid,
        };
        db.create_receivable(&sys(), r).await.unwrap();
    }
    db.seat(&sys(), cl.id, Department::Accounting, c.staff.id).await.unwrap();
    cl.id
}

pub async fn transfer_hands_over_with_its_checklist_and_notices(db: &Db) {
    let c = company(db).await;
    let a = held_client(db, &c, "Альфа").await;
    let s = Settings::default();
    let t = service::create_transfer(db, &head(&c), transfer(c.rep_n.id, vec![a], c.rep_s.id, TODAY), &s, TODAY)
        .await
        .unwrap();
    assert_eq!(t.state, TransferState::InProgress, "effective today: handed over at once");
    let history = db.assignments(&Scope::All, a).await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!((history[0].ended_on, history[0].end_reason), (Some(TODAY), Some(EndReason::Transferred)));
    assert_eq!((history[1].employee_id, history[1].kind), (c.rep_s.id, AssignmentKind::Development));
    assert_eq!(history[1].due_on, Some(TODAY + Duration::days(s.default_cycle_days)));
    assert!(history[1].explanation.contains(&t.id.to_string()), "{}", history[1].explanation);
    // Both sides keep why as data: who gave, who took, for which cause and reason.
    let cause = t.cause;
    assert_eq!(history[0].end_why, Some(RuleWhy::HandedOver { cause, to: c.rep_s.name.clone() }));
    assert!(
        matches!(&history[1].why, Some(RuleWhy::Received { from, reason, why: Some(ShareWhy::OneReceiver), .. }) if *from == c.rep_n.name && *reason == t.items[0].reason),
        "{:?}",
        history[1].why
    );
    let item = &t.items[0];
    assert_eq!(
        item.checklist.receivables_total,
        Some(500_00),
        "only the unpaid invoice is open as of the transfer date"
    );

    let c = &c;
    let step = |action, side| async move {
        let who = match side {
            Side::From => Actor::employee(c.rep_n.id, NOW),
            Side::To => Actor::employee(c.rep_s.id, NOW),
            Side::Manager => head(c),
        };
        db.check_transfer(&who, t.id, a, action, side, TODAY, "ООО Спрут").await
    };
    step(CheckAction::VisitDone { on: TODAY }, Side::Manager).await.unwrap();
    step(CheckAction::SetDocuments { items: vec!["Договор №7".into(), "Акт сверки".into()] }, Side::From)
        .await
        .unwrap();
    step(CheckAction::ConfirmDocuments, Side::From).await.unwrap();
    step(CheckAction::ConfirmDocuments, Side::To).await.unwrap();
    step(CheckAction::ConfirmReceivables { total_minor: 500_00 }, Side::From).await.unwrap();
    let flagged = step(CheckAction::ConfirmReceivables { total_minor: 400_00 }, Side::To).await.unwrap();
    assert_eq!(flagged.items[0].checklist.receivables_difference(), Some(-100_00), "the difference is flagged");
    assert!(flagged.items[0].checklist.open_steps().contains(&Step::Receivables));
    step(CheckAction::SettleReceivables { note: "частичная оплата 100 ₽ в пути".into() }, Side::Manager).await.unwrap();
    step(CheckAction::NotifyDepartments, Side::Manager).await.unwrap();
    step(CheckAction::NotifyClient { note: None }, Side::Manager).await.unwrap();
    step(CheckAction::SetQuestions { items: vec!["Скидка на II квартал".into()] }, Side::From).await.unwrap();
    let done = step(CheckAction::AcceptQuestions, Side::To).await.unwrap();
    assert_eq!(done.state, TransferState::Completed, "the last step completes the transfer");
    assert!(matches!(step(CheckAction::AcceptQuestions, Side::To).await, Err(CoreError::Conflict(_))));

    let outbox = db.outbox(&OutboxFilter::default(), &PageRequest::default()).await.unwrap().items;
    let to_client: Vec<_> = outbox.iter().filter(|m| m.kind == MessageKind::ClientNotice).collect();
    assert_eq!(to_client.len(), 1, "only the contact who agreed is written to");
    assert_eq!(to_client[0].to_address, "ivan@client.ru");
    assert!(to_client[0].body.contains("Галина Южная"), "{}", to_client[0].body);
    let to_team: Vec<_> = outbox.iter().filter(|m| m.kind == MessageKind::DepartmentNotice).collect();
    assert_eq!((to_team.len(), to_team[0].to_address.as_str()), (1, "buh@x.ru"));
}

pub async fn bad_transfers_change_nothing(db: &Db) {
    let c = company(db).await;
    let a = held_client(db, &c, "Альфа").await;
    let b = held_client(db, &c, "Бета").await;
    let s = Settings::default();
    let h = head(&c);
    let before = db.assignments(&Scope::All, a).await.unwrap();
    let field = |r: Result<_, CoreError>| match r {
        Err(CoreError::Validation(f)) => f[0].field.clone(),
        Err(e) => format!("{e:?}"),
        Ok(_) => "ok".into(),
    };
    assert_eq!(
        field(service::create_transfer(db, &h, transfer(c.rep_n.id, vec![a], c.rep_n.id, TODAY), &s, TODAY).await),
        "to"
    );
    assert_eq!(
        field(service::create_transfer(db, &h, transfer(c.rep_s.id, vec![a], c.head_s.id, TODAY), &s, TODAY).await),
        "clients"
    );
    let early = transfer(c.rep_n.id, vec![a], c.rep_s.id, JAN - Duration::days(1));
    assert_eq!(field(service::create_transfer(db, &h, early, &s, TODAY).await), "effective_on");
    let leaving = EmployeePatch {
        status: Some(EmployeeStatus::Departing),
        last_day: Some(Some(TODAY + Duration::days(5))),
        ..Default::default()
    };
    db.update_employee(&sys(), c.rep_s.id, leaving).await.unwrap();
    assert_eq!(
        field(service::create_transfer(db, &h, transfer(c.rep_n.id, vec![a], c.rep_s.id, TODAY), &s, TODAY).await),
        "to"
    );
    // A planned transfer keeps its clients from any other.
    let later = TODAY + Duration::days(10);
    let planned =
        service::create_transfer(db, &h, transfer(c.rep_n.id, vec![b], c.head_n.id, later), &s, TODAY).await.unwrap();
    assert_eq!(planned.state, TransferState::Planned);
    let again = service::create_transfer(db, &h, transfer(c.rep_n.id, vec![b], c.head_n.id, later), &s, TODAY).await;
    assert!(
        matches!(again, Err(CoreError::Conflict(ref m)) if m.to_string().contains("already in transfer")),
        "{again:?}"
    );
    assert_eq!(db.assignments(&Scope::All, a).await.unwrap(), before, "nothing changed");
    assert_eq!(db.transfers(&Default::default(), &PageRequest::default()).await.unwrap().items.len(), 1);
    // The planned one is handed over on its day, not before.
    assert!(db.hand_over_due(&sys(), TODAY).await.unwrap().is_empty());
    assert_eq!(db.hand_over_due(&sys(), later).await.unwrap(), [planned.id]);
    assert_eq!(db.holder_on(&Scope::All, b, later).await.unwrap().unwrap().employee_id, c.head_n.id);
    let cancel = db.cancel_transfer(&h, planned.id, "передумали").await;
    assert!(matches!(cancel, Err(CoreError::Conflict(_))), "handed over: too late to cancel");
    assert!(
        matches!(db.complete_transfer(&h, planned.id).await, Err(CoreError::Conflict(ref m)) if m.to_string().contains("joint_visit"))
    );
}

pub async fn a_failure_midway_leaves_nothing_half_done(db: &Db) {
    let c = company(db).await;
    let a = held_client(db, &c, "Альфа").await;
    let b = held_client(db, &c, "Бета").await;
    // The database refuses the second client's new holding, after the first one has moved.
    let (fail, clear) = match db.engine() {
        Engine::Sqlite => (
            format!("CREATE TRIGGER fail_b BEFORE INSERT ON assignments WHEN NEW.client_id = '{b}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END"),
            "DROP TRIGGER fail_b".to_string(),
        ),
        Engine::Postgres => {
            db.execute_raw(&format!(
                "CREATE FUNCTION fail_b() RETURNS trigger AS $$ BEGIN IF NEW.client_id = '{b}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            ))
            .await
            .unwrap();
            ("CREATE TRIGGER fail_b BEFORE INSERT ON assignments FOR EACH ROW EXECUTE FUNCTION fail_b()".to_string(), "DROP TRIGGER fail_b ON assignments".to_string())
        }
    };
    db.execute_raw(&fail).await.unwrap();
    let (head_before, _) = db.audit_head().await.unwrap();
    let mut t = transfer(c.rep_n.id, vec![a, b], c.rep_s.id, TODAY);
    t.to = vec![c.rep_s.id];
    let r = service::create_transfer(db, &head(&c), t, &Settings::default(), TODAY).await;
    assert!(r.is_err());
    for cl in [a, b] {
        let h = db.assignments(&Scope::All, cl).await.unwrap();
        assert_eq!(
            (h.len(), h[0].employee_id, h[0].ended_on),
            (1, c.rep_n.id, None),
            "the holding of {cl} is untouched"
        );
    }
    assert!(db.transfers(&Default::default(), &PageRequest::default()).await.unwrap().items.is_empty());
    assert_eq!(db.audit_head().await.unwrap().0, head_before, "no audit event of a change that did not happen");
    db.execute_raw(&clear).await.unwrap();
}

pub async fn offboarding_plans_applies_and_completes(db: &Db) {
    let c = company(db).await;
    let s = Settings::default();
    let mut clients = Vec::new();
    for name in ["Альфа", "Бета", "Гамма"] {
        clients.push(held_client(db, &c, name).await);
    }
    // Альфа is a big customer: a won deal this year makes it one, and at risk.
    let deal = NewDeal {
        client_id: clients[0],
        title: "Годовой контракт".into(),
        stage: Some(DealStage::Won),
        amount_minor: 2_000_000_00,
        currency: None,
        opened_on: TODAY - Duration::days(60),
        closed_on: Some(TODAY - Duration::days(30)),
        owner_id: None,
        credited_to: None,
        phase: None,
        expected_close_on: None,
        next_step: None,
    };
    db.create_deal(&sys(), deal, sys().today()).await.unwrap();
    let h = head(&c);
    let req = StartOffboarding { last_day: TODAY + Duration::days(14), by_specialisation: true };
    let o = service::start_offboarding(db, &h, c.rep_n.id, &req, &s, TODAY).await.unwrap();
    assert_eq!(db.employee(c.rep_n.id).await.unwrap().status, EmployeeStatus::Departing);
    assert_eq!(o.items.len(), 3);
    assert_eq!(o.items[0].client_name, "Альфа", "biggest revenue first");
    assert!(o.items.iter().all(|i| i.proposed_to == Some(c.head_n.id)), "the same team's only other holder: its head");
    assert!(o.items[0].risk.at_risk && o.items[0].revenue_12m == 2_000_000_00);
    let again = service::start_offboarding(db, &h, c.rep_n.id, &req, &s, TODAY).await;
    assert!(again.is_err(), "one playbook at a time");
    // The plan cannot be applied before every at-risk client has a retention decision.
    let early = service::apply_offboarding(db, &h, o.id, TODAY, &s, TODAY).await;
    assert!(
        matches!(early, Err(CoreError::Validation(ref f)) if f.iter().any(|f| f.field == "retention")),
        "{early:?}"
    );
    for item in o.items.iter().filter(|i| i.risk.at_risk) {
        let retention = Retention {
            offer: Some("Фиксированная цена на год".into()),
            discount_percent: Some(5),
            note: String::new(),
        };
        db.change_plan(
            &h,
            o.id,
            &PlanChange { client_id: item.client_id, override_to: None, retention: Some(retention) },
        )
        .await
        .unwrap();
    }
    let moved = PlanChange { client_id: clients[2], override_to: Some(c.rep_s.id), retention: None };
    db.change_plan(&h, o.id, &moved).await.unwrap();
    // The day's transfer report is kept; the handovers the plan makes move it.
    assert_eq!(db.transfer_report(TODAY).await.unwrap().total.transferred, 0);
    let applied = service::apply_offboarding(db, &h, o.id, TODAY, &s, TODAY).await.unwrap();
    assert!(applied.items.iter().all(|i| i.transfer_id.is_some()));
    let transfers = db.transfers(&Default::default(), &PageRequest::default()).await.unwrap().items;
    assert_eq!(transfers.len(), 2, "one transfer per receiver");
    assert!(transfers.iter().all(|t| t.cause == TransferCause::Offboarding && t.state == TransferState::InProgress));
    assert_eq!(db.holder_on(&Scope::All, clients[2], TODAY).await.unwrap().unwrap().employee_id, c.rep_s.id);
    let ended = &db.assignments(&Scope::All, clients[0]).await.unwrap()[0];
    assert_eq!(ended.end_reason, Some(EndReason::Departed));
    // Each receiver's why is kept as data on the transfer and on the holding it starts: the
    // playbook's rule for Альфа, the head's choice for Гамма.
    let item = |c: ClientId| transfers.iter().flat_map(|t| &t.items).find(|i| i.client_id == c).unwrap();
    assert_eq!(item(clients[0]).why, o.items[0].proposal_why);
    assert_eq!(item(clients[2]).why, Some(ShareWhy::ChosenByHead));
    let took = &db.assignments(&Scope::All, clients[2]).await.unwrap()[1];
    assert!(matches!(&took.why, Some(RuleWhy::Received { why: Some(ShareWhy::ChosenByHead), .. })), "{:?}", took.why);
    // Close every checklist; the playbook completes with the last one.
    for t in &transfers {
        for i in &t.items {
            let to = Actor::employee(i.to_id, NOW);
            let from = Actor::employee(c.rep_n.id, NOW);
            let steps = [
                (&h, Side::Manager, CheckAction::VisitDone { on: TODAY }),
                (&from, Side::From, CheckAction::SetDocuments { items: vec!["Договор".into()] }),
                (&from, Side::From, CheckAction::ConfirmDocuments),
                (&to, Side::To, CheckAction::ConfirmDocuments),
                (&from, Side::From, CheckAction::ConfirmReceivables { total_minor: 500_00 }),
                (&to, Side::To, CheckAction::ConfirmReceivables { total_minor: 500_00 }),
                (&h, Side::Manager, CheckAction::NotifyDepartments),
                (&h, Side::Manager, CheckAction::NotifyClient { note: None }),
                (&to, Side::To, CheckAction::AcceptQuestions),
            ];
            for (who, side, action) in steps {
                db.check_transfer(who, t.id, i.client_id, action, side, TODAY, "Спрут").await.unwrap();
            }
        }
    }
    let o = db.offboarding(o.id).await.unwrap();
    assert_eq!(o.state, OffboardingState::Completed);
    let history = db.handover_history().await.unwrap();
    assert_eq!(history.0.len(), 3);
    let fresh = report(&history.0, &history.1, &history.2, TODAY);
    assert_eq!(fresh.total.transferred, 3);
    assert_eq!(db.transfer_report(TODAY).await.unwrap(), fresh, "the kept report is the one computed now");
    assert_eq!(db.transfer_report(TODAY).await.unwrap(), fresh, "and reads back the same");
}
