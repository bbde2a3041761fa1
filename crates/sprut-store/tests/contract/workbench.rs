use crate::fixtures::*;
use sprut_core::activity::{ActivityKind, NewActivity};
use sprut_core::assignment::{EndAssignment, EndReason};
use sprut_core::client::{ClientPatch, Tier};
use sprut_core::page::PageRequest;
use sprut_core::receivable::NewReceivable;
use sprut_core::scope::{OwnerFilter, Scope};
use sprut_core::store::prelude::*;
use sprut_core::store::ChildFilter;
use sprut_core::task::{NewTask, NextStep, TaskPatch, TaskStatus};
use sprut_core::touch::{due_touches, TouchBasis, TouchCadence};
use sprut_core::{Actor, ClientId, CoreError};
use sprut_store::Db;
use time::macros::date;
use time::{Date, Duration};

const TODAY: Date = date!(2026 - 11 - 23);

fn call(client: ClientId, next_step: Option<NextStep>) -> NewActivity {
    NewActivity {
        checklist: None,
        client_id: client,
        kind: ActivityKind::Call,
        occurred_at: None,
        contact_ids: vec![],
        participant_ids: vec![],
        outcome: None,
        text: "Созвонились".into(),
        next_step,
    }
}

async fn count(db: &Db, client: ClientId) -> (usize, usize) {
    let only = ChildFilter { client_id: Some(client), ..ChildFilter::default() };
    let all = PageRequest { after: None, limit: Some(500) };
    let acts = db.activities(&Scope::All, &only, &all).await.unwrap().items.len();
    let tasks = db.tasks(&Scope::All, &only, &all).await.unwrap().items.len();
    (acts, tasks)
}

pub async fn a_touch_sets_its_next_step_and_a_bad_one_saves_nothing(db: &Db) {
    let c = company(db).await;
    let alfa = client(db, "Альфа", "Розница").await;
    db.assign(&sys(), alfa.id, develop(&c.rep_n, JAN)).await.unwrap();
    let head = Actor::employee(c.head_n.id, NOW);

    // A next step in the past: the touch is refused with it, naming the field inside the step.
    let late = NextStep { title: "Отправить КП".into(), due_on: TODAY - Duration::days(1), owner_id: None };
    match db.create_activity(&head, call(alfa.id, Some(late)), TODAY).await {
        Err(CoreError::Validation(f)) => assert_eq!(f[0].field, "next_step.due_on"),
        other => panic!("{other:?}"),
    }
    // A participant who is not an employee, or a touch dated tomorrow: refused too.
    let stranger = NewActivity { participant_ids: vec![sprut_core::EmployeeId::new()], ..call(alfa.id, None) };
    assert!(db.create_activity(&head, stranger, TODAY).await.is_err());
    let tomorrow = NewActivity { occurred_at: Some(NOW + Duration::days(1)), ..call(alfa.id, None) };
    match db.create_activity(&head, tomorrow, TODAY).await {
        Err(CoreError::Validation(f)) => assert_eq!(f[0].field, "occurred_at"),
        other => panic!("{other:?}"),
    }
    assert_eq!(count(db, alfa.id).await, (0, 0), "nothing of a refused touch is kept");

    // The head logs a call with the rep taking part and a next step: the task is the holder's.
    let step = NextStep { title: "Отправить КП".into(), due_on: TODAY + Duration::days(3), owner_id: None };
    let with_rep = NewActivity { participant_ids: vec![c.rep_n.id, c.head_n.id], ..call(alfa.id, Some(step)) };
    let act = db.create_activity(&head, with_rep, TODAY).await.unwrap();
    assert_eq!(act.participant_ids, [c.rep_n.id], "the author is not his own participant");
    let open = db.open_tasks(&Scope::All, Some(c.rep_n.id), None).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].activity_id, open[0].created_by, open[0].status),
        (Some(act.id), Some(c.head_n.id), TaskStatus::Open)
    );
    let events = db.audit_events(&Default::default(), &PageRequest::default()).await.unwrap().items;
    assert!(events.iter().any(|e| e.action == "task.create" && e.entity_id == Some(open[0].id.to_string())));

    // Due by: only what is due by the day asked.
    assert!(db.open_tasks(&Scope::All, Some(c.rep_n.id), Some(TODAY)).await.unwrap().is_empty());
    // Moving it back into the past is refused; closing it stamps the moment.
    let back = TaskPatch { due_on: Some(TODAY - Duration::days(2)), ..TaskPatch::default() };
    assert!(db.update_task(&head, open[0].id, back, TODAY).await.is_err());
    let done = TaskPatch { status: Some(TaskStatus::Done), ..TaskPatch::default() };
    let closed = db.update_task(&head, open[0].id, done, TODAY).await.unwrap();
    assert_eq!((closed.status, closed.closed_at), (TaskStatus::Done, Some(NOW)));
    assert!(db.open_tasks(&Scope::All, None, None).await.unwrap().is_empty());
    // A task on a client nobody holds belongs to whoever sets it; a departed owner is refused.
    let beta = client(db, "Бета", "Розница").await;
    let own =
        NewTask { kind: None, client_id: beta.id, owner_id: None, title: "Найти ЛПР".into(), due_on: TODAY };
    assert_eq!(db.create_task(&head, own.clone(), TODAY).await.unwrap().owner_id, c.head_n.id);
    assert!(db.create_task(&sys(), own, TODAY).await.is_err(), "the system names an owner");
}

pub async fn open_tasks_follow_the_client_to_its_new_holder(db: &Db) {
    let c = company(db).await;
    let alfa = client(db, "Альфа", "Розница").await;
    db.assign(&sys(), alfa.id, develop(&c.rep_n, JAN)).await.unwrap();
    let rep = Actor::employee(c.rep_n.id, NOW);
    let step = |title: &str| NextStep { title: title.into(), due_on: TODAY + Duration::days(5), owner_id: None };
    db.create_activity(&rep, call(alfa.id, Some(step("Встреча"))), TODAY).await.unwrap();
    let by_staff = NewTask {
        kind: None,
        client_id: alfa.id,
        owner_id: Some(c.staff.id),
        title: "Акт сверки".into(),
        due_on: TODAY,
    };
    db.create_task(&sys(), by_staff, TODAY).await.unwrap();

    let end = EndAssignment { ended_on: TODAY, reason: EndReason::Released, explanation: "передача".into() };
    db.end_assignment(&sys(), alfa.id, end).await.unwrap();
    db.assign(&sys(), alfa.id, develop(&c.rep_s, TODAY)).await.unwrap();
    let mine = db.open_tasks(&Scope::All, Some(c.rep_s.id), None).await.unwrap();
    assert_eq!(mine.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["Встреча"]);
    assert!(db.open_tasks(&Scope::All, Some(c.rep_n.id), None).await.unwrap().is_empty());
    assert_eq!(db.open_tasks(&Scope::All, Some(c.staff.id), None).await.unwrap().len(), 1, "others' tasks stay");
    // The former holder no longer sees the client's tasks; the new one does.
    assert!(db.open_tasks(&Scope::HeldBy(c.rep_n.id), None, None).await.unwrap().is_empty());
    assert_eq!(db.open_tasks(&Scope::HeldBy(c.rep_s.id), None, None).await.unwrap().len(), 2);
    let events = db.audit_events(&Default::default(), &PageRequest::default()).await.unwrap().items;
    assert!(events.iter().any(|e| e.action == "task.follow" && e.entity_id == Some(alfa.id.to_string())));
}

pub async fn touches_and_invoices_due_are_read_per_holder(db: &Db) {
    let c = company(db).await;
    let key = client(db, "Ключ", "Розница").await;
    let key_tier = ClientPatch { tier: Some(Tier::Key), ..ClientPatch::default() };
    db.update_client(&sys(), key.id, key_tier).await.unwrap();
    let quiet = client(db, "Тишина", "Розница").await;
    for cl in [key.id, quiet.id] {
        db.assign(&sys(), cl, develop(&c.rep_n, date!(2026 - 09 - 01))).await.unwrap();
    }
    let touched = NewActivity { occurred_at: Some(NOW - Duration::days(20)), ..call(key.id, None) };
    db.create_activity(&sys(), touched, TODAY).await.unwrap();
    let facts = db.touch_facts(&Scope::HeldBy(c.rep_n.id), None, None).await.unwrap();
    assert_eq!(facts.len(), 2);
    assert!(db.touch_facts(&Scope::All, Some(c.rep_s.id), None).await.unwrap().is_empty());
    let cadence = TouchCadence { key: 14, regular: 45, small: 90 };
    let due = due_touches(&facts, &cadence, TODAY);
    // Key: touched 20 days ago, due 6 days ago; the quiet one: never touched, held since 1 Sep.
    let by_client = |id| due.iter().find(|t| t.client_id == id).unwrap();
    assert_eq!(by_client(key.id).basis, TouchBasis::LastTouch { on: TODAY - Duration::days(20) });
    assert_eq!(by_client(key.id).days_overdue(TODAY), 6);
    assert_eq!(by_client(quiet.id).due_on, date!(2026 - 10 - 16));
    assert!(!by_client(quiet.id).long_overdue(TODAY), "38 days over a 45-day cadence");

    let invoice = |number: &str, due_on| NewReceivable {
        client_id: key.id,
        number: number.into(),
        amount_minor: 120_000_50,
        currency: None,
        issued_on: date!(2026 - 10 - 01),
        due_on,
        paid_on: None,
    };
    db.create_receivable(&sys(), invoice("1", date!(2026 - 11 - 01))).await.unwrap();
    db.create_receivable(&sys(), invoice("2", TODAY)).await.unwrap();
    let overdue = db.overdue_receivables(&Scope::All, Some(c.rep_n.id), TODAY).await.unwrap();
    assert_eq!(overdue.iter().map(|r| r.number.as_str()).collect::<Vec<_>>(), ["1"]);
    assert!(db.overdue_receivables(&Scope::HeldBy(c.rep_s.id), None, TODAY).await.unwrap().is_empty());

    // Aging: each unpaid invoice with its client's holder and his team, filtered by either.
    let nobody = client(db, "Ничей", "Розница").await;
    let old =
        NewReceivable { client_id: nobody.id, issued_on: date!(2026 - 06 - 01), ..invoice("3", date!(2026 - 07 - 01)) };
    db.create_receivable(&sys(), old).await.unwrap();
    let paid = NewReceivable { paid_on: Some(TODAY), ..invoice("4", date!(2026 - 11 - 02)) };
    db.create_receivable(&sys(), paid).await.unwrap();
    let all = db.unpaid_receivables(&Scope::All, &OwnerFilter::default()).await.unwrap();
    assert_eq!(all.iter().map(|h| h.receivable.number.as_str()).collect::<Vec<_>>(), ["3", "1", "2"]);
    assert_eq!(all[0].holder, None);
    assert_eq!((all[1].holder, all[1].team), (Some(c.rep_n.id), c.rep_n.team_id));
    let north = OwnerFilter { owner_id: None, team_id: c.rep_n.team_id };
    assert_eq!(db.unpaid_receivables(&Scope::All, &north).await.unwrap().len(), 2);
    let south = OwnerFilter { owner_id: Some(c.rep_s.id), team_id: None };
    assert!(db.unpaid_receivables(&Scope::All, &south).await.unwrap().is_empty());
    assert_eq!(db.unpaid_receivables(&Scope::HeldBy(c.rep_n.id), &OwnerFilter::default()).await.unwrap().len(), 2);
    let aged = sprut_core::aging::receivables_aging(db, &Scope::All, &OwnerFilter::default(), TODAY).await.unwrap();
    let total = &aged.total[0];
    assert_eq!((total.not_due, total.days_1_30, total.over_90), (120_000_50, 120_000_50, 120_000_50));
    assert_eq!(aged.names.get(&nobody.id).map(String::as_str), Some("Ничей"));
}

/// An open deal past its expected close is late for its owner, and for his head's team; a
/// closed one, one without an expected date, and one still in time are not; a deal's next step
/// is a task saved with it, and a step in the past saves neither.
pub async fn late_deals_are_read_per_owner_and_a_deal_keeps_its_next_step(db: &Db) {
    use sprut_core::deal::{DealPhase, DealStage, NewDeal};
    let c = company(db).await;
    let alfa = client(db, "Альфа", "Розница").await;
    db.assign(&sys(), alfa.id, develop(&c.rep_n, JAN)).await.unwrap();
    let rep = Actor::employee(c.rep_n.id, NOW);
    let deal = |title: &str, expected: Option<Date>| NewDeal {
        client_id: alfa.id,
        title: title.into(),
        stage: None,
        phase: Some(DealPhase::Negotiation),
        amount_minor: 100_000,
        currency: None,
        opened_on: JAN,
        expected_close_on: expected,
        closed_on: None,
        owner_id: Some(c.rep_n.id),
        credited_to: None,
        next_step: None,
    };
    let late = db.create_deal(&rep, deal("Насосы", Some(TODAY - Duration::days(3))), TODAY).await.unwrap();
    db.create_deal(&rep, deal("В срок", Some(TODAY)), TODAY).await.unwrap();
    db.create_deal(&rep, deal("Без даты", None), TODAY).await.unwrap();
    let won = NewDeal { stage: Some(DealStage::Won), closed_on: Some(TODAY), ..deal("Выиграна", Some(JAN)) };
    db.create_deal(&rep, won, TODAY).await.unwrap();

    let mine = db.late_deals(&Scope::All, Some(c.rep_n.id), TODAY).await.unwrap();
    assert_eq!(mine.iter().map(|d| d.id).collect::<Vec<_>>(), [late.id]);
    assert_eq!(mine[0].phase, DealPhase::Negotiation);
    assert!(db.late_deals(&Scope::All, Some(c.rep_s.id), TODAY).await.unwrap().is_empty());
    assert!(db.late_deals(&Scope::Teams(vec![c.south.id]), None, TODAY).await.unwrap().is_empty());
    assert_eq!(db.late_deals(&Scope::Teams(vec![c.north.id]), None, TODAY).await.unwrap().len(), 1);

    // The next step of a deal: kept with it, or refused with it.
    let step = |due_on| NextStep { title: "Согласовать договор".into(), due_on, owner_id: None };
    let bad = NewDeal { next_step: Some(step(TODAY - Duration::days(1))), ..deal("Шаг в прошлом", None) };
    match db.create_deal(&rep, bad, TODAY).await {
        Err(CoreError::Validation(f)) => assert_eq!(f[0].field, "next_step.due_on"),
        other => panic!("{other:?}"),
    }
    let (_, tasks_before) = count(db, alfa.id).await;
    let good = NewDeal { next_step: Some(step(TODAY + Duration::days(2))), ..deal("Шаг", None) };
    db.create_deal(&rep, good, TODAY).await.unwrap();
    assert_eq!(count(db, alfa.id).await.1, tasks_before + 1);
    let deals = db
        .deals(
            &Scope::All,
            &ChildFilter { client_id: Some(alfa.id), ..ChildFilter::default() },
            &PageRequest::default(),
        )
        .await
        .unwrap();
    assert!(!deals.items.iter().any(|d| d.title == "Шаг в прошлом"), "the refused deal is not kept");
}

/// The board reads a scope's open deals by phase with each phase's totals per currency, by
/// owner or by the owner's team; a column shows at most the number asked for, soonest first.
pub async fn the_deal_board_reads_open_deals_by_phase(db: &Db) {
    use sprut_core::board::deal_board;
    use sprut_core::deal::{DealPhase, DealStage, NewDeal};
    use sprut_core::money::Currency;
    let c = company(db).await;
    let alfa = client(db, "Альфа", "Розница").await;
    let beta = client(db, "Бета", "Розница").await;
    db.assign(&sys(), alfa.id, develop(&c.rep_n, JAN)).await.unwrap();
    db.assign(&sys(), beta.id, develop(&c.rep_s, JAN)).await.unwrap();
    let deal = |client: ClientId, owner: &sprut_core::employee::Employee, phase, amount, days: Option<i64>| NewDeal {
        client_id: client,
        title: format!("{phase:?} {amount}"),
        stage: None,
        phase: Some(phase),
        amount_minor: amount,
        currency: None,
        opened_on: JAN,
        expected_close_on: days.map(|d| TODAY + Duration::days(d)),
        closed_on: None,
        owner_id: Some(owner.id),
        credited_to: None,
        next_step: None,
    };
    for (phase, amount, days) in [
        (DealPhase::New, 100, Some(9)),
        (DealPhase::New, 200, None),
        (DealPhase::New, 300, Some(1)),
        (DealPhase::Contract, 50, None),
    ] {
        db.create_deal(&sys(), deal(alfa.id, &c.rep_n, phase, amount, days), TODAY).await.unwrap();
    }
    let usd =
        NewDeal { currency: Some(Currency::parse("USD").unwrap()), ..deal(alfa.id, &c.rep_n, DealPhase::New, 7, None) };
    db.create_deal(&sys(), usd, TODAY).await.unwrap();
    let won = NewDeal {
        stage: Some(DealStage::Won),
        closed_on: Some(TODAY),
        ..deal(alfa.id, &c.rep_n, DealPhase::New, 1000, None)
    };
    db.create_deal(&sys(), won, TODAY).await.unwrap();
    db.create_deal(&sys(), deal(beta.id, &c.rep_s, DealPhase::New, 900, None), TODAY).await.unwrap();

    let north = Scope::Teams(vec![c.north.id]);
    let board = deal_board(db, &north, &OwnerFilter::default()).await.unwrap();
    let new = &board.columns[0];
    assert_eq!((new.phase, new.deals_count), (DealPhase::New, 4), "won deals and the other team's are not on it");
    assert_eq!((new.totals["RUB"], new.totals["USD"]), (600, 7));
    let amounts: Vec<i64> = new.deals.iter().map(|d| d.amount_minor).collect();
    assert_eq!(&amounts[..2], [300, 100], "the soonest expected close first, those without a date last");
    assert_eq!(board.columns.last().unwrap().deals_count, 1);
    assert_eq!(board.clients[&alfa.id], "Альфа");

    // By owner, by team, and a column cut to two deals keeps its whole count.
    let mine = OwnerFilter { owner_id: Some(c.rep_s.id), team_id: None };
    assert_eq!(deal_board(db, &Scope::All, &mine).await.unwrap().columns[0].deals_count, 1);
    let south = OwnerFilter { owner_id: None, team_id: Some(c.south.id) };
    assert_eq!(deal_board(db, &Scope::All, &south).await.unwrap().columns[0].totals["RUB"], 900);
    assert_eq!(db.open_deals(&north, &OwnerFilter::default(), 2).await.unwrap().len(), 3, "two new, one contract");
}

/// A key client needs its head's meeting each quarter: a head plans it as his task, a rep may
/// neither plan nor cancel it, and a meeting logged with the head and the checklist holds it.
pub async fn a_head_meeting_is_planned_by_the_head_and_held_with_the_checklist(db: &Db) {
    use sprut_core::meeting::{head_meetings, MeetingChecklist, MeetingState, TaskKind};
    let c = company(db).await;
    let key = client(db, "Ключ", "Розница").await;
    let small = client(db, "Мелочь", "Розница").await;
    db.update_client(&sys(), key.id, ClientPatch { tier: Some(Tier::Key), ..ClientPatch::default() }).await.unwrap();
    for cl in [key.id, small.id] {
        db.assign(&sys(), cl, develop(&c.rep_n, JAN)).await.unwrap();
    }
    let north = Scope::Teams(vec![c.north.id]);
    let list = head_meetings(db, &north, TODAY).await.unwrap();
    assert_eq!(list.meetings.len(), 1, "only the key client needs one");
    assert_eq!((list.meetings[0].client_id, list.meetings[0].head_id), (key.id, Some(c.head_n.id)));
    assert_eq!(list.meetings[0].state, MeetingState::Overdue, "held since January, never met");
    assert!(head_meetings(db, &Scope::Teams(vec![c.south.id]), TODAY).await.unwrap().meetings.is_empty());

    // A rep may not plan his head's meeting; the head plans it, and it is the head's task.
    let plan = |owner| NewTask {
        client_id: key.id,
        owner_id: owner,
        kind: Some(TaskKind::HeadMeeting),
        title: "Встреча".into(),
        due_on: TODAY + Duration::days(7),
    };
    let rep = Actor::employee(c.rep_n.id, NOW);
    match db.create_task(&rep, plan(None), TODAY).await {
        Err(CoreError::Validation(f)) => assert_eq!(f[0].field, "kind"),
        other => panic!("{other:?}"),
    }
    let head = Actor::employee(c.head_n.id, NOW);
    let planned = db.create_task(&head, plan(None), TODAY).await.unwrap();
    assert_eq!(planned.owner_id, c.head_n.id, "the head of the holder's team");
    let list = head_meetings(db, &north, TODAY).await.unwrap();
    assert_eq!(list.meetings[0].state, MeetingState::Planned);
    // The rep sees it planned but cannot cancel it.
    let cancel = TaskPatch { status: Some(TaskStatus::Cancelled), ..TaskPatch::default() };
    assert!(matches!(db.update_task(&rep, planned.id, cancel, TODAY).await, Err(CoreError::Validation(_))));

    // A checklist on a call is refused; a meeting with the head and the checklist holds it.
    let with = |kind| NewActivity {
        kind,
        participant_ids: vec![c.head_n.id],
        checklist: Some(MeetingChecklist {
            decision_makers_met: true,
            contacts_confirmed: true,
            client_says: "Довольны сроками поставки".into(),
        }),
        ..call(key.id, None)
    };
    match db.create_activity(&rep, with(ActivityKind::Call), TODAY).await {
        Err(CoreError::Validation(f)) => assert_eq!(f[0].field, "checklist"),
        other => panic!("{other:?}"),
    }
    let held = db.create_activity(&rep, with(ActivityKind::Meeting), TODAY).await.unwrap();
    assert_eq!(held.checklist.as_ref().map(|l| l.client_says.as_str()), Some("Довольны сроками поставки"));
    let list = head_meetings(db, &north, TODAY).await.unwrap();
    assert_eq!(list.meetings[0].state, MeetingState::Met);
    assert_eq!(list.meetings[0].last_met_on, Some(NOW.date()));
    assert_eq!(db.task(&Scope::All, planned.id).await.unwrap().status, TaskStatus::Done, "the plan is done");
    let read = db.activity(&Scope::All, held.id).await.unwrap();
    assert_eq!(read.checklist, held.checklist);
}
