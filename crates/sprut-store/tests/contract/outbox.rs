//! The outbox: letters about alerts queued with the alert, to the right people in their
//! language; claiming with a lease, sending, failing with backoff, giving up, retrying.

use crate::fixtures::*;
use sprut_core::alert::{AlertFilter, AlertKind, NewAlert};
use sprut_core::audit::AuditFilter;
use sprut_core::employee::{EmployeePatch, EmployeeStatus, Language, Role};
use sprut_core::mail::{MailStore, OutboxCounts};
use sprut_core::outbox::{
    retry_after, MessageKind, MessageStatus, OutboxFilter, OutboxMessage, OutboxStore, MAX_ATTEMPTS,
};
use sprut_core::page::PageRequest;
use sprut_core::settings::Settings;
use sprut_core::store::prelude::*;
use sprut_core::{Actor, CoreError, EmployeeId, OutboxId};
use sprut_store::Db;
use std::collections::BTreeSet;
use time::{Date, Duration};

/// An alert about `who` (or nobody) on `day`.
fn alert(kind: AlertKind, who: Option<EmployeeId>, day: Date) -> NewAlert {
    NewAlert {
        kind,
        employee_id: who,
        client_id: None,
        day,
        summary: "opened 90 client cards today; threshold 80, own 30-day median 4 (x5 = 20)".into(),
        details: serde_json::json!({ "cards_today": 90, "threshold": 80, "median_30d": 4, "email": "ghost@x.ru" }),
    }
}

async fn letters(db: &Db) -> Vec<OutboxMessage> {
    let page = PageRequest { after: None, limit: Some(500) };
    db.outbox(&OutboxFilter::default(), &page).await.unwrap().items
}

async fn to_of(db: &Db, cause: &str) -> BTreeSet<String> {
    letters(db).await.into_iter().filter(|m| m.cause == cause).map(|m| m.to_address).collect()
}

/// The cause of the letters about the one alert of `kind` about `who`.
async fn cause(db: &Db, kind: AlertKind, who: Option<EmployeeId>) -> String {
    let f = AlertFilter { kind: Some(kind), employee_id: who, ..AlertFilter::default() };
    let a = db.alerts(&f, None, &PageRequest::default()).await.unwrap().items;
    let mine: Vec<_> = a.into_iter().filter(|a| a.employee_id == who).collect();
    assert_eq!(mine.len(), 1, "{mine:?}");
    format!("alert:{}", mine[0].id)
}

pub async fn alerts_mail_the_head_once_in_his_language(db: &Db) {
    let c = company(db).await;
    let a = sys();
    let settings = Settings { company_name: "ООО Спрут".into(), ..Settings::default() };
    db.save_settings(&a, &settings).await.unwrap();
    let english = EmployeePatch { language: Some(Language::En), ..EmployeePatch::default() };
    db.update_employee(&a, c.head_n.id, english).await.unwrap();
    let admin = db.create_employee(&a, person("boss@x.ru", "Ирина Босс", Role::Admin, None), None).await.unwrap();
    let gone = db.create_employee(&a, person("old@x.ru", "Старый Админ", Role::Admin, None), None).await.unwrap();
    let departed = EmployeePatch { status: Some(EmployeeStatus::Departed), ..EmployeePatch::default() };
    db.update_employee(&a, gone.id, departed).await.unwrap();

    // About a rep of the north: his head, in English; raised again the same day: no new letter.
    let day = NOW.date();
    db.raise_alert(&a, &alert(AlertKind::MassViewing, Some(c.rep_n.id), day)).await.unwrap();
    db.raise_alert(&a, &alert(AlertKind::MassViewing, Some(c.rep_n.id), day)).await.unwrap();
    let all = letters(db).await;
    assert_eq!(all.len(), 1, "{all:?}");
    let m = &all[0];
    assert_eq!((m.kind, m.status, m.attempts), (MessageKind::AlertNotice, MessageStatus::Pending, 0));
    assert_eq!((m.to_address.as_str(), m.to_name.as_str(), m.language), ("head.n@x.ru", "Анна Север", Language::En));
    assert_eq!(m.employee_id, Some(c.head_n.id));
    assert!(m.subject.starts_with("sprut alert: Виктор Нордов, 2026-11-23"), "{}", m.subject);
    assert!(m.body.contains("opened 90 client cards today") && m.body.contains("ООО Спрут"), "{}", m.body);
    assert_eq!(m.cause, cause(db, AlertKind::MassViewing, Some(c.rep_n.id)).await);
    assert_eq!(m.created_at, NOW);

    // About a rep of the south: his head, in Russian, from the figures.
    db.raise_alert(&a, &alert(AlertKind::MassViewing, Some(c.rep_s.id), day)).await.unwrap();
    let about_south = cause(db, AlertKind::MassViewing, Some(c.rep_s.id)).await;
    let south: Vec<_> = letters(db).await.into_iter().filter(|m| m.cause == about_south).collect();
    assert_eq!(south.len(), 1);
    assert_eq!((south[0].to_address.as_str(), south[0].language), ("head.s@x.ru", Language::Ru));
    assert!(south[0].subject.starts_with("Сигнал sprut: Галина Южная, 23.11.2026"), "{}", south[0].subject);
    assert!(
        south[0].body.contains("открыл 90 карточек клиентов за день; порог 80, обычно 4 в день"),
        "{}",
        south[0].body
    );

    // About the head himself, about someone with no team, about no one: every active admin.
    let admins = BTreeSet::from([admin.email.clone()]);
    db.raise_alert(&a, &alert(AlertKind::ExportAttempt, Some(c.head_n.id), day)).await.unwrap();
    assert_eq!(to_of(db, &cause(db, AlertKind::ExportAttempt, Some(c.head_n.id)).await).await, admins);
    db.raise_alert(&a, &alert(AlertKind::ExportAttempt, Some(c.staff.id), day)).await.unwrap();
    assert_eq!(to_of(db, &cause(db, AlertKind::ExportAttempt, Some(c.staff.id)).await).await, admins);
    db.raise_alert(&a, &alert(AlertKind::FailedSignIns, None, day)).await.unwrap();
    let about_nobody = cause(db, AlertKind::FailedSignIns, None).await;
    assert_eq!(to_of(db, &about_nobody).await, admins);
    let ghost: Vec<_> = letters(db).await.into_iter().filter(|m| m.cause == about_nobody).collect();
    assert!(ghost[0].subject.contains("учётная запись ghost@x.ru"), "{}", ghost[0].subject);

    // A head away from work: the admins instead.
    let absent = EmployeePatch { status: Some(EmployeeStatus::Absent), ..EmployeePatch::default() };
    db.update_employee(&a, c.head_s.id, absent).await.unwrap();
    db.raise_alert(&a, &alert(AlertKind::OutOfScope, Some(c.rep_s.id), day)).await.unwrap();
    assert_eq!(to_of(db, &cause(db, AlertKind::OutOfScope, Some(c.rep_s.id)).await).await, admins);

    // Each decision is in the audit log with its rule.
    let f = AuditFilter { action: Some("outbox.queue".into()), ..AuditFilter::default() };
    let events = db.audit_events(&f, &PageRequest { after: None, limit: Some(100) }).await.unwrap().items;
    let rules: BTreeSet<String> = events
        .iter()
        .map(|e| serde_json::from_str::<serde_json::Value>(&e.details).unwrap()["rule"].as_str().unwrap().to_string())
        .collect();
    let expected = ["about_the_head", "head_away", "no_employee", "no_team", "team_head"];
    assert_eq!(rules, expected.iter().map(|s| s.to_string()).collect(), "{events:?}");
    assert_eq!(events.len(), 6);
    assert_eq!(db.outbox_counts().await.unwrap(), OutboxCounts { pending: 6, sent: 0, failed: 0 });
}

/// `n` pending letters, one alert a day about the north rep.
async fn queue(db: &Db, n: i64) -> Vec<OutboxId> {
    let c = company(db).await;
    for d in 0..n {
        let day = NOW.date() - Duration::days(d);
        db.raise_alert(&sys(), &alert(AlertKind::MassViewing, Some(c.rep_n.id), day)).await.unwrap();
    }
    letters(db).await.into_iter().map(|m| m.id).collect()
}

pub async fn claims_lease_fail_with_backoff_and_retry(db: &Db) {
    let ids = queue(db, 3).await;
    assert_eq!(ids.len(), 3);
    let lease = Duration::minutes(10);
    let first = db.claim_messages(NOW, 2, lease).await.unwrap();
    assert_eq!(first.len(), 2);
    let second = db.claim_messages(NOW, 2, lease).await.unwrap();
    assert_eq!(second.len(), 1, "the first two are leased");
    assert!(db.claim_messages(NOW + Duration::minutes(9), 5, lease).await.unwrap().is_empty());
    // A dispatcher that died: its letters come back when the lease runs out.
    let later = NOW + Duration::minutes(11);
    let again = db.claim_messages(later, 5, lease).await.unwrap();
    assert_eq!(again.len(), 3);

    let (sent, failing, other) = (again[0].id, again[1].id, again[2].id);
    db.mark_sent(sent, later).await.unwrap();
    db.mark_failed(failing, later, "550 5.7.1 relay refused").await.unwrap();
    db.mark_sent(other, later).await.unwrap();
    let one = |id: OutboxId| async move { letters(db).await.into_iter().find(|m| m.id == id).unwrap() };
    let s = one(sent).await;
    assert_eq!((s.status, s.attempts, s.sent_at), (MessageStatus::Sent, 1, Some(later)));
    let f = one(failing).await;
    assert_eq!((f.status, f.attempts), (MessageStatus::Pending, 1));
    assert_eq!(f.last_error.as_deref(), Some("550 5.7.1 relay refused"));
    assert_eq!(f.next_attempt_at, later + retry_after(0));

    // Not before its backoff; each failure waits longer; after the last it is given up.
    let mut at = later;
    for attempt in 1..MAX_ATTEMPTS {
        let wait = retry_after(attempt - 1);
        assert!(db.claim_messages(at + wait - Duration::seconds(1), 5, lease).await.unwrap().is_empty());
        at += wait;
        let due = db.claim_messages(at, 5, lease).await.unwrap();
        assert_eq!(due.iter().map(|m| m.id).collect::<Vec<_>>(), vec![failing], "attempt {attempt}");
        db.mark_failed(failing, at, &format!("refused {attempt}")).await.unwrap();
    }
    let f = one(failing).await;
    assert_eq!((f.status, f.attempts), (MessageStatus::Failed, MAX_ATTEMPTS));
    assert!(db.claim_messages(at + Duration::days(30), 5, lease).await.unwrap().is_empty());
    assert_eq!(db.outbox_counts().await.unwrap(), OutboxCounts { pending: 0, sent: 2, failed: 1 });
    let failed = OutboxFilter { status: Some(MessageStatus::Failed), ..OutboxFilter::default() };
    let listed = db.outbox(&failed, &PageRequest::default()).await.unwrap().items;
    assert_eq!(listed.iter().map(|m| m.id).collect::<Vec<_>>(), vec![failing]);
    let other_kind = OutboxFilter { kind: Some(MessageKind::ClientNotice), ..OutboxFilter::default() };
    assert!(db.outbox(&other_kind, &PageRequest::default()).await.unwrap().items.is_empty());

    // An administrator sends it again: pending and due at once, audited; only failed ones.
    let admin = Actor::employee(company_admin(db).await, at);
    let back = db.retry_message(&admin, failing).await.unwrap();
    assert_eq!((back.status, back.next_attempt_at), (MessageStatus::Pending, at));
    assert_eq!(db.claim_messages(at, 5, lease).await.unwrap().len(), 1);
    match db.retry_message(&admin, sent).await {
        Err(CoreError::Conflict(m)) => assert!(m.to_string().contains("sent"), "{m}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(matches!(db.retry_message(&admin, OutboxId::new()).await, Err(CoreError::NotFound(_))));
    let f = AuditFilter { action: Some("outbox.retry".into()), ..AuditFilter::default() };
    assert_eq!(db.audit_events(&f, &PageRequest::default()).await.unwrap().items.len(), 1);
}

/// An administrator to act as.
async fn company_admin(db: &Db) -> EmployeeId {
    db.create_employee(&sys(), person("admin@x.ru", "Админ", Role::Admin, None), None).await.unwrap().id
}

pub async fn concurrent_claims_take_each_letter_once(db: &Db) {
    let ids = queue(db, 24).await;
    assert_eq!(ids.len(), 24);
    let lease = Duration::minutes(10);
    let (a, b, c, d) = tokio::join!(
        db.claim_messages(NOW, 10, lease),
        db.claim_messages(NOW, 10, lease),
        db.claim_messages(NOW, 10, lease),
        db.claim_messages(NOW, 10, lease),
    );
    let mut taken = Vec::new();
    for batch in [a, b, c, d] {
        taken.extend(batch.unwrap().into_iter().map(|m| m.id));
    }
    let distinct: BTreeSet<_> = taken.iter().collect();
    assert_eq!((taken.len(), distinct.len()), (24, 24), "every letter taken exactly once");
}
