//! Sales plans from potential on the store: the plan read from the holdings day by day, a
//! transfer moving a client's part of the plan from its day with the cause on both sides, won
//! deals credited as actual, hunters' targets, a head's override audited, unknown potentials.

use crate::fixtures::*;
use sprut_core::assignment::{AssignmentKind, NewAssignment};
use sprut_core::audit::AuditFilter;
use sprut_core::deal::{DealStage, NewDeal};
use sprut_core::employee::{NewEmployee, Role, Specialisation};
use sprut_core::handover::service;
use sprut_core::handover::transfer::NewTransfer;
use sprut_core::sales_plan::{plans, set_month, AdjustCause, MonthSetting, Period};
use sprut_core::settings::Settings;
use sprut_core::store::prelude::*;
use sprut_core::{Actor, ClientId, CoreError};
use sprut_store::Db;
use time::macros::date;

/// A client of yearly potential `potential` held by `rep` as an account since January.
async fn held(db: &Db, rep: sprut_core::EmployeeId, name: &str, potential: i64) -> ClientId {
    let mut n = sprut_core::client::NewClient::named(name);
    n.potential_minor = Some(potential);
    let cl = db.create_client(&sys(), n, None).await.unwrap();
    let a = NewAssignment {
        employee_id: rep,
        kind: AssignmentKind::Account,
        started_on: JAN,
        due_on: None,
        explanation: "база".into(),
    };
    db.assign(&sys(), cl.id, a).await.unwrap();
    cl.id
}

pub async fn plans_follow_the_clients_held_day_by_day(db: &Db) {
    let c = company(db).await;
    let a = sys();
    let hunter = NewEmployee {
        specialisation: Some(Specialisation::Hunter),
        ..person("hunter@x.ru", "Жанна Охотникова", Role::Rep, Some(&c.north))
    };
    let hunter = db.create_employee(&a, hunter, None).await.unwrap();
    // 365 000,00 a year at 100 % is 1 000,00 a day; 36 500,00 is 100,00 a day.
    let big = held(db, c.rep_n.id, "Крупный", 365_000_00).await;
    held(db, c.rep_n.id, "Средний", 36_500_00).await;
    held(db, c.rep_n.id, "Без оценки", 0).await;
    // The big client goes to the hunter on 11 November.
    let settings = Settings::default();
    let on = date!(2026 - 11 - 11);
    let t = NewTransfer {
        cause: None,
        from_id: c.rep_n.id,
        clients: vec![big],
        to: vec![hunter.id],
        assign: vec![],
        by_specialisation: false,
        effective_on: on,
        note: String::new(),
    };
    service::create_transfer(db, &a, t, &settings, on).await.unwrap();
    // The hunter opens a client of his own on 20 November and wins it at once.
    let mut n = sprut_core::client::NewClient::named("Новый");
    n.potential_minor = Some(73_000_00);
    let own = NewAssignment { due_on: Some(date!(2027 - 02 - 18)), ..develop(&hunter, date!(2026 - 11 - 20)) };
    let fresh = db.create_client(&a, n, Some(own)).await.unwrap();
    let deal = NewDeal {
        client_id: fresh.id,
        title: "Первая поставка".into(),
        stage: Some(DealStage::Won),
        amount_minor: 5_000_00,
        currency: None,
        opened_on: date!(2026 - 11 - 20),
        closed_on: Some(date!(2026 - 11 - 21)),
        owner_id: None,
        credited_to: None,
        phase: None,
        expected_close_on: None,
        next_step: None,
    };
    db.create_deal(&a, deal, date!(2026 - 11 - 21)).await.unwrap();

    let november = Period::parse("2026-11").unwrap();
    let today = date!(2026 - 11 - 23);
    let p = plans(db, c.north.id, november, &settings, today).await.unwrap();
    let rep = |id| p.reps.iter().find(|r| r.employee_id == id).unwrap();
    // Rep N: the big one 10 days, the middle one 30 days. The hunter: the big one 20 days, the
    // new one 11 days at 200,00.
    assert_eq!(rep(c.rep_n.id).plan_minor, 10 * 1_000_00 + 30 * 100_00);
    assert_eq!(rep(hunter.id).plan_minor, 20 * 1_000_00 + 11 * 200_00);
    let lost = &rep(c.rep_n.id).adjustments;
    assert_eq!(
        (lost.len(), lost[0].on, lost[0].change_minor, lost[0].cause),
        (1, on, -20 * 1_000_00, AdjustCause::HandedOver)
    );
    let got: Vec<_> =
        rep(hunter.id).adjustments.iter().map(|a| (a.client_name.as_str(), a.cause, a.change_minor)).collect();
    assert_eq!(got, [("Крупный", AdjustCause::Received, 20 * 1_000_00), ("Новый", AdjustCause::Gained, 11 * 200_00)]);
    assert_eq!(
        (rep(hunter.id).actual_minor, rep(hunter.id).first_sales.actual, rep(hunter.id).new_clients.actual),
        (5_000_00, 1, 1)
    );
    assert_eq!((p.reps.len(), p.plan_minor), (2, rep(c.rep_n.id).plan_minor + rep(hunter.id).plan_minor));
    let on_today = p.trend.iter().find(|d| d.on == today).unwrap();
    assert_eq!((p.trend.len(), on_today.actual_minor), (30, Some(5_000_00)));
    assert_eq!(p.trend.last().unwrap().plan_minor, p.plan_minor);
    let unknown: Vec<&str> = p.potential_unknown.iter().map(|u| u.client_name.as_str()).collect();
    assert_eq!(unknown, ["Без оценки"]);

    // The head sets the hunter's targets and overrides rep N's month; both audited.
    let head = Actor::employee(c.head_n.id, NOW);
    let targets = MonthSetting {
        plan_minor: None,
        new_clients: Some(3),
        first_sales: Some(2),
        reason: "план охоты".into(),
        set_by: None,
    };
    set_month(db, &head, hunter.id, date!(2026 - 11 - 05), targets).await.unwrap();
    let own_plan = MonthSetting {
        plan_minor: Some(50_000_00),
        new_clients: None,
        first_sales: None,
        reason: "сезон".into(),
        set_by: None,
    };
    set_month(db, &head, c.rep_n.id, date!(2026 - 11 - 30), own_plan.clone()).await.unwrap();
    let p = plans(db, c.north.id, november, &settings, today).await.unwrap();
    let rep = |id| p.reps.iter().find(|r| r.employee_id == id).unwrap();
    assert_eq!((rep(c.rep_n.id).plan_minor, rep(c.rep_n.id).from_potential_minor), (50_000_00, 13_000_00));
    assert_eq!(rep(c.rep_n.id).overrides[0].reason, "сезон");
    assert_eq!((rep(hunter.id).new_clients.target, rep(hunter.id).first_sales.target), (Some(3), Some(2)));
    let events = db.audit_events(&AuditFilter::default(), &Default::default()).await.unwrap();
    assert_eq!(events.items.iter().filter(|e| e.action == "sales_plan.set").count(), 2);

    // Bad words change nothing: no reason, a negative plan, a head instead of a rep.
    let no_reason = MonthSetting { reason: " ".into(), ..own_plan.clone() };
    assert!(matches!(set_month(db, &head, c.rep_n.id, today, no_reason).await, Err(CoreError::Validation(_))));
    let negative = MonthSetting { plan_minor: Some(-1), ..own_plan.clone() };
    assert!(matches!(set_month(db, &head, c.rep_n.id, today, negative).await, Err(CoreError::Validation(_))));
    assert!(matches!(set_month(db, &head, c.head_n.id, today, own_plan).await, Err(CoreError::Validation(_))));
    // Clearing the override brings back the plan from potential.
    let clear =
        MonthSetting {
            plan_minor: None, new_clients: None, first_sales: None, reason: "вернуть".into(), set_by: None
        };
    set_month(db, &head, c.rep_n.id, today, clear).await.unwrap();
    let p = plans(db, c.north.id, november, &settings, today).await.unwrap();
    assert_eq!(p.reps.iter().find(|r| r.employee_id == c.rep_n.id).unwrap().plan_minor, 13_000_00);
}
