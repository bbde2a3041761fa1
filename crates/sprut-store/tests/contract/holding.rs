use crate::fixtures::*;
use sprut_core::assignment::{AssignmentKind, EndAssignment, EndReason, NewAssignment};
use sprut_core::dataset::Dataset;
use sprut_core::employee::{EmployeePatch, EmployeeStatus};
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::CoreError;
use sprut_store::Db;
use time::macros::date;

fn end(on: time::Date) -> EndAssignment {
    EndAssignment { ended_on: on, reason: EndReason::Released, explanation: "no sale in the cycle".into() }
}

pub async fn assign_end_and_history(db: &Db) {
    let c = company(db).await;
    let cl = client(db, "Альфа", "Розница").await;
    let a = db.assign(&sys(), cl.id, develop(&c.rep_n, JAN)).await.unwrap();
    assert_eq!(
        db.client(&Scope::All, cl.id).await.unwrap().holder.map(|h| (h.employee_id, h.since)),
        Some((c.rep_n.id, JAN))
    );
    let closed = db.end_assignment(&sys(), cl.id, end(date!(2026 - 04 - 15))).await.unwrap();
    assert_eq!(
        (closed.id, closed.ended_on, closed.end_reason),
        (a.id, Some(date!(2026 - 04 - 15)), Some(EndReason::Released))
    );
    assert_eq!(closed.explanation, "test", "the original explanation is never rewritten");
    assert_eq!(closed.end_explanation.as_deref(), Some("no sale in the cycle"));
    assert!(db.client(&Scope::All, cl.id).await.unwrap().holder.is_none());
    let again = db.end_assignment(&sys(), cl.id, end(date!(2026 - 05 - 01))).await;
    assert!(matches!(again, Err(CoreError::Conflict(_))));
    let b = db.assign(&sys(), cl.id, develop(&c.rep_s, date!(2026 - 06 - 01))).await.unwrap();
    let history = db.assignments(&Scope::All, cl.id).await.unwrap();
    assert_eq!(history.iter().map(|h| h.id).collect::<Vec<_>>(), [a.id, b.id]);
    assert_eq!(history[0], closed);
}

pub async fn holder_on_date(db: &Db) {
    let c = company(db).await;
    let cl = client(db, "Бета", "Розница").await;
    db.assign(&sys(), cl.id, develop(&c.rep_n, JAN)).await.unwrap();
    db.end_assignment(&sys(), cl.id, end(date!(2026 - 03 - 01))).await.unwrap();
    let acc = NewAssignment {
        employee_id: c.rep_s.id,
        kind: AssignmentKind::Account,
        started_on: date!(2026 - 03 - 01),
        due_on: None,
        explanation: "won a deal".into(),
    };
    db.assign(&sys(), cl.id, acc).await.unwrap();
    let who = |d| async move { db.holder_on(&Scope::All, cl.id, d).await.unwrap().map(|a| a.employee_id) };
    assert_eq!(who(date!(2026 - 01 - 14)).await, None);
    assert_eq!(who(JAN).await, Some(c.rep_n.id));
    assert_eq!(who(date!(2026 - 02 - 28)).await, Some(c.rep_n.id));
    assert_eq!(who(date!(2026 - 03 - 01)).await, Some(c.rep_s.id), "the end day belongs to the next holder");
    assert_eq!(who(date!(2030 - 01 - 01)).await, Some(c.rep_s.id));
}

pub async fn bad_assignments_change_nothing(db: &Db) {
    let c = company(db).await;
    let cl = client(db, "Гамма", "Розница").await;
    let counts = db.counts().await.unwrap();
    let mut no_due = develop(&c.rep_n, JAN);
    no_due.due_on = None;
    assert!(matches!(db.assign(&sys(), cl.id, no_due).await, Err(CoreError::Validation(_))));
    assert!(matches!(db.assign(&sys(), cl.id, develop(&c.auditor, JAN)).await, Err(CoreError::Validation(_))));
    assert!(matches!(
        db.assign(&sys(), sprut_core::ClientId::new(), develop(&c.rep_n, JAN)).await,
        Err(CoreError::NotFound(_))
    ));
    let away = EmployeePatch { status: Some(EmployeeStatus::Absent), ..Default::default() };
    db.update_employee(&sys(), c.rep_s.id, away).await.unwrap();
    let refused = db.assign(&sys(), cl.id, develop(&c.rep_s, JAN)).await;
    assert!(
        matches!(refused, Err(CoreError::Validation(ref f)) if matches!(f[0].reason, sprut_core::Reason::CannotTakeClients { .. })),
        "{refused:?}"
    );
    let after_one = db.counts().await.unwrap();
    assert_eq!(counts.iter().find(|t| t.0 == "assignments"), after_one.iter().find(|t| t.0 == "assignments"));
    db.assign(&sys(), cl.id, develop(&c.rep_n, JAN)).await.unwrap();
    db.end_assignment(&sys(), cl.id, end(date!(2026 - 03 - 01))).await.unwrap();
    let overlap = db.assign(&sys(), cl.id, develop(&c.rep_n, date!(2026 - 02 - 01))).await;
    assert!(matches!(overlap, Err(CoreError::Validation(ref f)) if f[0].field == "started_on"));
    db.assign(&sys(), cl.id, develop(&c.rep_n, date!(2026 - 03 - 01))).await.unwrap();
    let early_end = db.end_assignment(&sys(), cl.id, end(date!(2026 - 02 - 01))).await;
    assert!(matches!(early_end, Err(CoreError::Validation(_))));
}

/// Two concurrent attempts to give one client to two reps: exactly one wins, the other
/// gets a conflict, and the client never has two open assignments. Repeated on fresh clients.
pub async fn concurrent_assignments_have_one_winner(db: &Db) {
    let c = company(db).await;
    // Both attempts run at once, each in its own transaction on its own connection.
    for round in 0..10 {
        let cl = client(db, &format!("Спорный {round}"), "Розница").await;
        let actor = sys();
        let (a, b) = tokio::join!(
            db.assign(&actor, cl.id, develop(&c.rep_n, JAN)),
            db.assign(&actor, cl.id, develop(&c.rep_s, JAN)),
        );
        let wins = [a.is_ok(), b.is_ok()].iter().filter(|w| **w).count();
        assert_eq!(wins, 1, "round {round}: {a:?} / {b:?}");
        for r in [a, b] {
            if let Err(e) = r {
                assert!(matches!(e, CoreError::Conflict(_)), "round {round}: {e:?}");
            }
        }
        let open = db.assignments(&Scope::All, cl.id).await.unwrap().iter().filter(|x| x.ended_on.is_none()).count();
        assert_eq!(open, 1);
    }
}

/// The partial unique index refuses a second open assignment even when the code's check is
/// bypassed (a bulk load), and the whole load rolls back.
pub async fn database_refuses_two_open_assignments(db: &Db) {
    let c = company(db).await;
    let cl = client(db, "Дельта", "Розница").await;
    let before = db.counts().await.unwrap();
    let a1 = develop(&c.rep_n, JAN).into_assignment(cl.id, None, NOW).unwrap();
    let a2 = develop(&c.rep_s, JAN).into_assignment(cl.id, None, NOW).unwrap();
    let data = Dataset { assignments: vec![a1, a2], ..Default::default() };
    let r = db.load_dataset(&sys(), &data).await;
    assert!(matches!(r, Err(CoreError::Conflict(_))), "{r:?}");
    assert_eq!(db.counts().await.unwrap(), before, "nothing of the failed load remains");
}
