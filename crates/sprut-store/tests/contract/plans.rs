//! What each open holding keeps (its planned touch, its earliest unpaid invoice) follows every
//! change of its inputs, so the head's counts read from it agree with the rules run on the
//! facts themselves.

use crate::fixtures::*;
use sprut_core::activity::{ActivityKind, ActivityPatch, NewActivity};
use sprut_core::assignment::{AssignmentKind, EndAssignment, EndReason, NewAssignment};
use sprut_core::client::{ClientPatch, Tier};
use sprut_core::deal::{DealPhase, NewDeal};
use sprut_core::employee::Role;
use sprut_core::meeting::meetings_in;
use sprut_core::receivable::{NewReceivable, ReceivablePatch};
use sprut_core::rules::reports::ReportStatus;
use sprut_core::rules::service::missing;
use sprut_core::rules::store::{NewReport, RotationStore};
use sprut_core::scope::Scope;
use sprut_core::settings::Settings;
use sprut_core::store::prelude::*;
use sprut_core::task::{NewTask, TaskPatch, TaskStatus};
use sprut_core::touch::{due_touches, TouchCadence};
use sprut_core::workday::{team_day, workday, DayRules, RepDay};
use sprut_core::EmployeeId;
use sprut_store::Db;
use std::collections::BTreeMap;
use time::macros::date;
use time::{Date, Duration};

const TODAY: Date = date!(2026 - 11 - 23);

/// One rep's counts as the rules give them from the facts, without anything kept.
async fn from_the_facts(db: &Db, rep: EmployeeId, day: Date) -> RepDay {
    let mut r = RepDay { employee_id: rep, ..RepDay::default() };
    for t in db.open_tasks(&Scope::All, Some(rep), Some(day)).await.unwrap() {
        if t.due_on < day {
            r.overdue_tasks += 1;
        } else {
            r.tasks_today += 1;
        }
    }
    let cadence = TouchCadence::from_settings(&db.settings().await.unwrap());
    let facts = db.touch_facts(&Scope::HeldBy(rep), Some(rep), None).await.unwrap();
    for t in due_touches(&facts, &cadence, day) {
        r.touches_due += 1;
        r.touches_long_overdue += usize::from(t.long_overdue(day));
    }
    r.overdue_invoices = db.overdue_receivables(&Scope::All, Some(rep), day).await.unwrap().len();
    r.reports_owed = missing(db, &Scope::HeldBy(rep), day).await.unwrap().len();
    r.late_deals = db.late_deals(&Scope::All, Some(rep), day).await.unwrap().len();
    r
}

/// On every fifth day from three weeks back to a hundred days ahead, the head's counts and each
/// rep's due touches agree with the rules run on the facts.
async fn agree(db: &Db, head: EmployeeId, reps: &[EmployeeId], step: &str) {
    let scope = Scope::Teams(vec![db.employee(head).await.unwrap().team_id.unwrap()]);
    let rules = DayRules::from_settings(&db.settings().await.unwrap());
    for ahead in (-20..=100).step_by(5) {
        let day = TODAY + Duration::days(ahead);
        let kept = team_day(db, &scope, day).await.unwrap();
        let mut facts = BTreeMap::new();
        for rep in reps {
            let r = from_the_facts(db, *rep, day).await;
            if r != (RepDay { employee_id: *rep, ..RepDay::default() }) {
                facts.insert(*rep, r);
            }
            let due = due_touches(
                &db.touch_facts(&Scope::HeldBy(*rep), Some(*rep), None).await.unwrap(),
                &rules.cadence,
                day,
            );
            let listed = workday(db, &scope, *rep, day, &rules).await.unwrap().touches;
            assert_eq!(listed, due, "{step}: the touches of a rep's day, on {day}");
        }
        assert_eq!(kept, facts, "{step}, on {day}");
    }
}

pub async fn kept_plans_follow_every_change_and_the_head_s_counts_agree_with_the_rules(db: &Db) {
    let c = company(db).await;
    let north = c.north.clone();
    let second = person("rep.n2@x.ru", "Дмитрий Второй", Role::Rep, Some(&north));
    let rep2 = db.create_employee(&sys(), second, None).await.unwrap();
    let (head, reps) = (c.head_n.id, [c.rep_n.id, rep2.id]);
    let (a, b, k) =
        (client(db, "Альфа", "Розница").await, client(db, "Бета", "Розница").await, client(db, "Ключ", "Опт").await);
    db.assign(&sys(), a.id, develop(&c.rep_n, date!(2026 - 09 - 01))).await.unwrap();
    db.assign(&sys(), b.id, develop(&rep2, date!(2026 - 10 - 20))).await.unwrap();
    let account = NewAssignment { kind: AssignmentKind::Account, due_on: None, ..develop(&c.rep_n, JAN) };
    db.assign(&sys(), k.id, account).await.unwrap();
    agree(db, head, &reps, "holdings started").await;

    let touch = NewActivity {
        checklist: None,
        client_id: a.id,
        kind: ActivityKind::Call,
        occurred_at: Some(NOW - Duration::days(20)),
        contact_ids: vec![],
        participant_ids: vec![],
        outcome: None,
        text: "Созвонились".into(),
        next_step: None,
    };
    let call = db.create_activity(&sys(), touch, TODAY).await.unwrap();
    agree(db, head, &reps, "a touch logged").await;
    let earlier = ActivityPatch { occurred_at: Some(NOW - Duration::days(60)), ..ActivityPatch::default() };
    db.update_activity(&sys(), call.id, earlier).await.unwrap();
    agree(db, head, &reps, "a touch moved back").await;

    let step = NewTask {
        client_id: b.id,
        title: "Отправить КП".into(),
        due_on: TODAY + Duration::days(3),
        owner_id: None,
        kind: None,
    };
    let step = db.create_task(&sys(), step, TODAY).await.unwrap();
    agree(db, head, &reps, "a next step set").await;
    let done = TaskPatch { status: Some(TaskStatus::Done), ..TaskPatch::default() };
    db.update_task(&sys(), step.id, done, TODAY).await.unwrap();
    agree(db, head, &reps, "the step done").await;

    db.update_client(&sys(), k.id, ClientPatch { tier: Some(Tier::Key), ..ClientPatch::default() }).await.unwrap();
    agree(db, head, &reps, "a client made key").await;

    let invoice = |number: &str, due_on| NewReceivable {
        client_id: k.id,
        number: number.into(),
        amount_minor: 50_000_00,
        currency: None,
        issued_on: date!(2026 - 10 - 01),
        due_on,
        paid_on: None,
    };
    let first = db.create_receivable(&sys(), invoice("1", TODAY - Duration::days(10))).await.unwrap();
    db.create_receivable(&sys(), invoice("2", TODAY + Duration::days(20))).await.unwrap();
    agree(db, head, &reps, "invoices issued").await;
    let paid = ReceivablePatch { paid_on: Some(Some(TODAY)), ..ReceivablePatch::default() };
    db.update_receivable(&sys(), first.id, paid).await.unwrap();
    agree(db, head, &reps, "the older invoice paid").await;

    let report = NewReport {
        client_id: a.id,
        week: TODAY - Duration::days(7),
        status: ReportStatus::Working,
        postponed_until: None,
        text: "Работаем".into(),
        next_step: "Встреча".into(),
    };
    db.write_report(&sys(), c.rep_n.id, &report, TODAY).await.unwrap();
    agree(db, head, &reps, "a weekly report written").await;

    let end =
        EndAssignment { ended_on: TODAY, reason: EndReason::Transferred, explanation: "на Дмитрия".into() };
    db.end_assignment(&sys(), a.id, end).await.unwrap();
    db.assign(&sys(), a.id, develop(&rep2, TODAY)).await.unwrap();
    agree(db, head, &reps, "a client handed to the other rep").await;

    let mut settings = db.settings().await.unwrap();
    settings.touch_key_days = 7;
    settings.touch_regular_days = 20;
    db.save_settings(&sys(), &settings).await.unwrap();
    agree(db, head, &reps, "the cadence changed").await;

    let deal = NewDeal {
        client_id: b.id,
        title: "Поставка".into(),
        stage: None,
        phase: Some(DealPhase::Proposal),
        amount_minor: 100_000,
        currency: None,
        opened_on: JAN,
        expected_close_on: Some(TODAY + Duration::days(12)),
        closed_on: None,
        owner_id: Some(rep2.id),
        credited_to: None,
        next_step: None,
    };
    db.create_deal(&sys(), deal, TODAY).await.unwrap();
    agree(db, head, &reps, "a deal expected in twelve days").await;

    // The head meeting rule takes what each holding keeps: the key client, then by potential.
    let north = &Scope::Teams(vec![c.north.id]);
    let taken = |settings: Settings| async move {
        db.save_settings(&sys(), &settings).await.unwrap();
        meetings_in(db, north, TODAY).await.unwrap().iter().map(|m| m.client_id).collect::<Vec<_>>()
    };
    assert_eq!(taken(db.settings().await.unwrap()).await, [k.id]);
    let by_potential = Settings {
        head_meeting_tier: "none".into(),
        head_meeting_potential_minor: 1_000_000_00,
        ..db.settings().await.unwrap()
    };
    assert!(taken(by_potential.clone()).await.is_empty());
    let big = ClientPatch { potential_minor: Some(2_000_000_00), ..ClientPatch::default() };
    db.update_client(&sys(), b.id, big).await.unwrap();
    assert_eq!(taken(by_potential).await, [b.id]);
    agree(db, head, &reps, "the meeting rule changed").await;
}
