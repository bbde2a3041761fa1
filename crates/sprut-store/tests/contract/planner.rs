//! The redistribution planner on the store: a team's book as the planner reads it, previews
//! kept and replaced, limits that name what to relax, and applying a plan as transfers in one
//! transaction, refused when the book changed underneath.

use crate::fixtures::*;
use sprut_core::assignment::{AssignmentKind, NewAssignment};
use sprut_core::client::{ClientPatch, Tier};
use sprut_core::deal::{DealStage, NewDeal};
use sprut_core::employee::{Employee, Role};
use sprut_core::handover::transfer::{TransferCause, TransferFilter, TransferState};
use sprut_core::handover::HandoverStore;
use sprut_core::planner::book::BookChange;
use sprut_core::planner::service::{self, ApplyRedistribution, PlannerStore, RedistributionRequest};
use sprut_core::scope::Scope;
use sprut_core::settings::Settings;
use sprut_core::store::prelude::*;
use sprut_core::{ClientId, Conflict, CoreError, Reason};
use sprut_store::Db;
use time::Duration;

/// An account held by `rep` since `from`, of potential 100 000.
async fn account(db: &Db, rep: &Employee, name: &str, from: time::Date) -> ClientId {
    let mut n = sprut_core::client::NewClient::named(name);
    n.potential_minor = Some(100_000_00);
    let cl = db.create_client(&sys(), n, None).await.unwrap();
    let held = NewAssignment { kind: AssignmentKind::Account, due_on: None, ..develop(rep, from) };
    db.assign(&sys(), cl.id, held).await.unwrap();
    cl.id
}

fn request(c: &Company) -> RedistributionRequest {
    RedistributionRequest { team_id: c.north.id, balance_percent: 0, max_moves: None, move_key: false, capacity: None }
}

fn field_reason(e: CoreError) -> (String, Reason) {
    match e {
        CoreError::Validation(f) => (f[0].field.clone(), f[0].reason.clone()),
        other => panic!("expected a refused field, got {other:?}"),
    }
}

pub async fn a_redistribution_is_previewed_applied_and_refused_when_the_book_changed(db: &Db) {
    let c = company(db).await;
    let a = sys();
    let today = a.today();
    let rep_n2 =
        db.create_employee(&a, person("rep.n2@x.ru", "Зоя Нордова", Role::Rep, Some(&c.north)), None).await.unwrap();
    // Rep N holds seven clients, rep N2 none: one in development, one key, one a customer with
    // a year's revenue, four plain accounts (two held for years).
    let mut plain = Vec::new();
    for (i, years) in [0, 0, 3, 5].iter().enumerate() {
        plain.push(account(db, &c.rep_n, &format!("Клиент {i}"), JAN - Duration::days(365 * years)).await);
    }
    let key = account(db, &c.rep_n, "Ключевой", JAN).await;
    let patch = ClientPatch { tier: Some(Tier::Key), ..ClientPatch::default() };
    db.update_client(&a, key, patch).await.unwrap();
    let buyer = account(db, &c.rep_n, "Покупатель", JAN).await;
    let deal = NewDeal {
        client_id: buyer,
        title: "Поставка".into(),
        stage: Some(DealStage::Won),
        amount_minor: 900_000_00,
        currency: None,
        opened_on: today - Duration::days(90),
        closed_on: Some(today - Duration::days(60)),
        owner_id: None,
        credited_to: None,
        phase: None,
        expected_close_on: None,
        next_step: None,
    };
    db.create_deal(&a, deal, today).await.unwrap();
    let mut n = sprut_core::client::NewClient::named("Разработка");
    n.potential_minor = Some(100_000_00);
    let developing = db.create_client(&a, n, Some(develop(&c.rep_n, today - Duration::days(10)))).await.unwrap().id;
    // The head's own client and the south team's are not in the north book.
    account(db, &c.head_n, "У руководителя", JAN).await;
    account(db, &c.rep_s, "На юге", JAN).await;

    let book = db.team_book(c.north.id, today).await.unwrap();
    assert_eq!(book.reps.len(), 2, "the north's two reps, not its head");
    assert_eq!(book.clients.len(), 7);
    let of = |id: ClientId| book.clients.iter().find(|b| b.client.id == id).unwrap().client.clone();
    assert!(of(developing).locked && !of(key).locked && of(key).key);
    assert!(of(buyer).customer && of(buyer).revenue_minor == 900_000_00 && !of(plain[0]).customer);
    assert_eq!(of(plain[3]).held_since, JAN - Duration::days(365 * 5));

    // Limits with no plan name the one to relax; nothing is kept.
    let few = RedistributionRequest { max_moves: Some(1), ..request(&c) };
    let err = service::preview(db, &a, &few, today).await.unwrap_err();
    assert_eq!(field_reason(err), ("max_moves".into(), Reason::MovesNeeded { needed: 3 }));
    let small = RedistributionRequest { capacity: Some(3), ..request(&c) };
    let err = service::preview(db, &a, &small, today).await.unwrap_err();
    assert_eq!(field_reason(err), ("capacity".into(), Reason::CapacityTooSmall));
    let west = db.create_team(&a, sprut_core::team::NewTeam { name: "Запад".into(), head_id: None }).await.unwrap();
    let empty = RedistributionRequest { team_id: west.id, ..request(&c) };
    let err = service::preview(db, &a, &empty, today).await.unwrap_err();
    assert_eq!(field_reason(err).0, "team_id");
    assert!(db.redistributions().await.unwrap().is_empty());

    // The preview: three of rep N's five movable clients go to rep N2, the newest plain ones
    // first; the locked, the key and the customer with revenue stay.
    let first = service::preview(db, &a, &request(&c), today).await.unwrap();
    let mut moved: Vec<ClientId> = first.moves.iter().map(|m| m.client_id).collect();
    moved.sort();
    let mut expected = vec![plain[0], plain[1], plain[2]];
    expected.sort();
    assert_eq!(moved, expected, "{:?}", first.moves);
    assert!(first.moves.iter().all(|m| m.from_id == c.rep_n.id && m.to_id == rep_n2.id));
    let years: Vec<i64> = first.moves.iter().map(|m| m.years).collect();
    assert!(years.contains(&3) && years.iter().filter(|y| **y == 0).count() == 2);
    assert!(first.moves[0].reason.contains("Виктор Нордов holds 7 clients"), "{}", first.moves[0].reason);
    let loads: Vec<(u32, u32)> = first.loads.iter().map(|l| (l.clients_before, l.clients_after)).collect();
    assert!(loads.contains(&(7, 4)) && loads.contains(&(0, 3)), "{loads:?}");
    // The monthly sales plan follows: a client of 100 000 a year at 100 % is 8 333,33 a month.
    let giver = first.loads.iter().find(|l| l.employee_id == c.rep_n.id).unwrap();
    assert_eq!((giver.plan_before_minor, giver.plan_after_minor), (7 * 833_333, 4 * 833_333));
    assert_eq!(db.redistribution(first.id).await.unwrap(), first);
    // A new preview of the team replaces the unapplied one.
    let plan = service::preview(db, &a, &request(&c), today).await.unwrap();
    assert!(matches!(db.redistribution(first.id).await, Err(CoreError::NotFound(_))));
    assert_eq!(plan.moves, first.moves, "the same book, the same plan");

    // The book changes underneath: a new client for rep N2. The apply is refused, saying so,
    // and nothing is transferred.
    let newcomer = account(db, &rep_n2, "Новичок", today).await;
    let settings = Settings::default();
    let on_today = ApplyRedistribution::default();
    let err = service::apply(db, &a, plan.id, &on_today, &settings, today).await.unwrap_err();
    match err {
        CoreError::Conflict(Conflict::BookChanged { changes }) => {
            assert_eq!(changes.len(), 1);
            assert_eq!((changes[0].what, changes[0].name.as_str()), (BookChange::Joined, "Новичок"));
        }
        other => panic!("expected the book changed, got {other:?}"),
    }
    let none = db.transfers(&TransferFilter::default(), &Default::default()).await.unwrap();
    assert!(none.items.is_empty());
    assert!(db.redistribution(plan.id).await.unwrap().applied_at.is_none());

    // Planned again on the new book (8 clients: 4 each) and applied: one transfer from rep N,
    // handed over today, the plan marked applied; a second apply is refused.
    let plan = service::preview(db, &a, &request(&c), today).await.unwrap();
    assert_eq!(plan.moves.len(), 3);
    assert!(!plan.moves.iter().any(|m| m.client_id == newcomer));
    let past = ApplyRedistribution { effective_on: Some(today - Duration::days(1)) };
    let err = service::apply(db, &a, plan.id, &past, &settings, today).await.unwrap_err();
    assert_eq!(field_reason(err).0, "effective_on");
    let applied = service::apply(db, &a, plan.id, &on_today, &settings, today).await.unwrap();
    assert!(applied.applied_at.is_some());
    assert_eq!((applied.effective_on, applied.transfers.len()), (Some(today), 1));
    let t = db.transfer(applied.transfers[0]).await.unwrap();
    assert_eq!(
        (t.cause, t.state, t.from_id, t.items.len()),
        (TransferCause::Rebalance, TransferState::InProgress, c.rep_n.id, 3)
    );
    for m in &plan.moves {
        let held = db.client(&Scope::All, m.client_id).await.unwrap().holder.unwrap();
        assert_eq!(held.employee_id, rep_n2.id);
        let item = t.items.iter().find(|i| i.client_id == m.client_id).unwrap();
        assert_eq!(item.reason, m.reason);
    }
    let err = service::apply(db, &a, plan.id, &on_today, &settings, today).await.unwrap_err();
    assert!(matches!(err, CoreError::Conflict(Conflict::PlanApplied)));
    // The next preview keeps the applied plan and finds the clients in the transfer locked.
    let next = service::preview(db, &a, &request(&c), today).await.unwrap();
    assert!(next.moves.is_empty());
    let kept = db.redistributions().await.unwrap();
    let ids: Vec<_> = kept.iter().map(|r| r.id).collect();
    assert_eq!(ids, [next.id, plan.id]);
    assert_eq!((kept[1].moves, kept[1].clients, kept[1].applied_at.is_some()), (3, 8, true));
    assert_eq!((kept[0].moves, kept[0].team_id, kept[0].applied_at), (0, c.north.id, None));
    // The transfer report groups the moved clients by their plan.
    let (handed, sales, segments) = db.handover_history().await.unwrap();
    let later = sprut_core::handover::analysis::report(&handed, &sales, &segments, today + Duration::days(100));
    let outcome = later.by_plan.iter().find(|o| o.key == plan.id.to_string()).expect("the plan's group");
    assert_eq!((later.by_plan.len(), outcome.transferred, outcome.windows[0].clients), (1, 3, 3));
}
