//! The base stays with the company: the audit chain, read watching, alerts, exports and
//! what each staff department sees.

use crate::fixtures::*;
use sprut_core::alert::{AlertFilter, AlertKind, AlertStatus};
use sprut_core::audit::{verify, AuditFilter, NewAuditEvent};
use sprut_core::contact::{ContactFunction, NewContact};
use sprut_core::deal::NewDeal;
use sprut_core::employee::{EmployeePatch, EmployeeStatus};
use sprut_core::export::{canary, ExportEntity, ExportFormat, ExportRecord};
use sprut_core::page::PageRequest;
use sprut_core::scope::{RecordKind, Scope};
use sprut_core::settings::Settings;
use sprut_core::store::prelude::*;
use sprut_core::store::ChildFilter;
use sprut_core::{Actor, CoreError, EmployeeId, ExportId};
use sprut_store::{Db, ACCESS_DENIED, CLIENT_VIEW, SIGN_IN_FAILED};
use time::Duration;

fn read(actor: EmployeeId, action: &str, entity_id: String, minutes: i64) -> NewAuditEvent {
    NewAuditEvent {
        at: NOW + Duration::minutes(minutes),
        actor_id: Some(actor),
        action: action.into(),
        entity: "client".into(),
        entity_id: Some(entity_id),
        ip: Some("10.0.0.7".into()),
        user_agent: None,
        details: "{}".into(),
    }
}

async fn alerts_of(db: &Db, kind: AlertKind) -> Vec<sprut_core::alert::Alert> {
    let f = AlertFilter { kind: Some(kind), ..AlertFilter::default() };
    db.alerts(&f, None, &PageRequest::default()).await.unwrap().items
}

pub async fn audit_chain_detects_tampering(db: &Db) {
    let c = company(db).await;
    let cl = client(db, "Альфа", "Розница").await;
    db.assign(&sys(), cl.id, develop(&c.rep_n, JAN)).await.unwrap();
    db.record_reads(&[read(c.rep_n.id, CLIENT_VIEW, cl.id.to_string(), 1)], &Settings::default()).await.unwrap();
    let intact = verify(db, None, |_, _| {}).await.unwrap().expect("an untouched chain verifies");
    let (head, _) = db.audit_head().await.unwrap();
    assert_eq!(intact, head);
    assert!(head >= 10, "every change and read is in the chain: {head}");
    let events = db.audit_chain(0, 1000).await.unwrap();
    assert_eq!(events.len() as i64, head);
    assert!(events.windows(2).all(|w| w[1].prev_hash == w[0].hash));
    // Someone edits one stored event directly in the database.
    let target = &events[4];
    let n = db
        .execute_raw(&format!(
            "UPDATE audit_events SET details = '{{\"after\":\"nothing to see\"}}' WHERE seq = {}",
            target.seq
        ))
        .await
        .unwrap();
    assert_eq!(n, 1);
    let broken = verify(db, None, |_, _| {}).await.unwrap().expect_err("the edit is detected");
    assert_eq!(broken.seq, target.seq);
    assert_eq!(broken.id, Some(target.id));
    // Deleting the newest event is detected too (the head remembers the length).
    let fresh = company_free_db_check(db, head).await;
    assert!(fresh);
}

/// Removes the last event and checks that verification names the missing position.
async fn company_free_db_check(db: &Db, head: i64) -> bool {
    db.execute_raw(&format!("UPDATE audit_events SET details = details WHERE seq = {head}")).await.unwrap();
    db.execute_raw(&format!("DELETE FROM audit_events WHERE seq = {head}")).await.unwrap();
    // The earlier edit still comes first.
    let broken = verify(db, None, |_, _| {}).await.unwrap().unwrap_err();
    broken.seq < head
}

pub async fn reads_raise_viewing_alerts(db: &Db) {
    let c = company(db).await;
    let settings = Settings { mass_view_threshold: 3, departing_spike_floor: 2, ..Settings::default() };
    let mut clients = Vec::new();
    for i in 0..5 {
        clients.push(client(db, &format!("Клиент {i}"), "Розница").await);
    }
    // Opening the same card twice counts once.
    let mut events: Vec<_> =
        clients[..3].iter().map(|cl| read(c.rep_n.id, CLIENT_VIEW, cl.id.to_string(), 1)).collect();
    events.push(read(c.rep_n.id, CLIENT_VIEW, clients[0].id.to_string(), 2));
    db.record_reads(&events, &settings).await.unwrap();
    assert!(alerts_of(db, AlertKind::MassViewing).await.is_empty(), "3 distinct cards is the threshold itself");
    db.record_reads(&[read(c.rep_n.id, CLIENT_VIEW, clients[3].id.to_string(), 3)], &settings).await.unwrap();
    let mass = alerts_of(db, AlertKind::MassViewing).await;
    assert_eq!(mass.len(), 1);
    assert_eq!((mass[0].employee_id, mass[0].count), (Some(c.rep_n.id), 4));
    assert!(mass[0].summary.contains("4 client cards"), "{}", mass[0].summary);
    // Another card the same day updates the same alert.
    db.record_reads(&[read(c.rep_n.id, CLIENT_VIEW, clients[4].id.to_string(), 4)], &settings).await.unwrap();
    let mass = alerts_of(db, AlertKind::MassViewing).await;
    assert_eq!((mass.len(), mass[0].count), (1, 5));

    // Two attempts outside the scope: one alert counted twice.
    let denied = |m| read(c.rep_s.id, ACCESS_DENIED, clients[0].id.to_string(), m);
    db.record_reads(&[denied(5), denied(6)], &settings).await.unwrap();
    let out = alerts_of(db, AlertKind::OutOfScope).await;
    assert_eq!((out.len(), out[0].count, out[0].employee_id), (1, 2, Some(c.rep_s.id)));

    // A departing rep's reading spike.
    let patch = EmployeePatch {
        status: Some(EmployeeStatus::Departing),
        last_day: Some(Some(NOW.date() + Duration::days(14))),
        ..EmployeePatch::default()
    };
    db.update_employee(&sys(), c.rep_s.id, patch).await.unwrap();
    let spike: Vec<_> = clients[..2].iter().map(|cl| read(c.rep_s.id, CLIENT_VIEW, cl.id.to_string(), 7)).collect();
    db.record_reads(&spike, &settings).await.unwrap();
    let spikes = alerts_of(db, AlertKind::DepartingSpike).await;
    assert_eq!((spikes.len(), spikes[0].employee_id), (1, Some(c.rep_s.id)));

    // Heads see alerts about their own people; closing needs a note and happens once.
    let north = db.alerts(&AlertFilter::default(), Some(&[c.north.id]), &PageRequest::default()).await.unwrap();
    assert!(north.items.iter().all(|a| a.employee_id == Some(c.rep_n.id)) && !north.items.is_empty());
    let south_alert = spikes[0].id;
    assert!(matches!(db.alert(south_alert, Some(&[c.north.id])).await, Err(CoreError::NotFound(_))));
    let head = Actor::employee(c.head_s.id, NOW);
    assert!(matches!(
        db.close_alert(&head, south_alert, Some(&[c.south.id]), " ").await,
        Err(CoreError::Validation(_))
    ));
    let closed = db.close_alert(&head, south_alert, Some(&[c.south.id]), "talked to him").await.unwrap();
    assert_eq!((closed.status, closed.closed_by), (AlertStatus::Closed, Some(c.head_s.id)));
    assert!(matches!(db.close_alert(&head, south_alert, None, "again").await, Err(CoreError::Conflict(_))));
}

pub async fn paging_is_metered(db: &Db) {
    let c = company(db).await;
    let keys = |from: usize, to: usize| (from..to).map(|i| format!("client:{i}")).collect::<Vec<_>>();
    let today = (NOW, NOW.date());
    assert_eq!(db.meter_reads(c.rep_n.id, today, &keys(0, 40), 100).await.unwrap(), 40);
    // Reading the same records again counts nothing: re-opening one's first page is free.
    for _ in 0..50 {
        assert_eq!(db.meter_reads(c.rep_n.id, today, &keys(0, 40), 100).await.unwrap(), 40);
    }
    assert_eq!(db.meter_reads(c.rep_n.id, today, &keys(20, 100), 100).await.unwrap(), 100);
    match db.meter_reads(c.rep_n.id, today, &keys(100, 101), 100).await {
        Err(CoreError::Limit(m)) => assert!(m.contains("100"), "{m}"),
        other => panic!("expected a limit, got {other:?}"),
    }
    // A refused read counts nothing; the records already read stay readable.
    assert_eq!(db.meter_reads(c.rep_n.id, today, &keys(0, 10), 100).await.unwrap(), 100);
    let alerts = alerts_of(db, AlertKind::PagingLimit).await;
    assert_eq!(alerts.len(), 1);
    // A head lifts the limit for the day from the alert, with a reason; the alert closes.
    let head = Actor::employee(c.head_n.id, NOW);
    assert!(matches!(db.lift_read_limit(&head, alerts[0].id, None, " ").await, Err(CoreError::Validation(_))));
    let lifted = db.lift_read_limit(&head, alerts[0].id, None, "quarterly review of his book").await.unwrap();
    assert_eq!(lifted.status, AlertStatus::Closed);
    assert_eq!(db.meter_reads(c.rep_n.id, today, &keys(100, 150), 100).await.unwrap(), 150);
    let events = db
        .audit_events(
            &AuditFilter { action: Some("read_limit.lift".into()), ..Default::default() },
            &PageRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(events.items.len(), 1);
    // A new day starts from zero, with the limit back.
    let tomorrow = (NOW + Duration::days(1), NOW.date() + Duration::days(1));
    assert_eq!(db.meter_reads(c.rep_n.id, tomorrow, &keys(0, 5), 100).await.unwrap(), 5);
    assert!(db.meter_reads(c.rep_n.id, tomorrow, &keys(5, 200), 100).await.is_err());
}

pub async fn failed_sign_ins_alert(db: &Db) {
    let c = company(db).await;
    let settings = Settings { failed_sign_in_limit: 3, ..Settings::default() };
    let fail = |m: i64, email: &str| NewAuditEvent {
        at: NOW + Duration::minutes(m),
        actor_id: None,
        action: SIGN_IN_FAILED.into(),
        entity: "sign_in".into(),
        entity_id: Some(email.into()),
        ip: Some("10.0.0.9".into()),
        user_agent: None,
        details: "{}".into(),
    };
    db.record_failed_sign_in(fail(0, "rep.n@x.ru"), &settings).await.unwrap();
    db.record_failed_sign_in(fail(90, "rep.n@x.ru"), &settings).await.unwrap();
    db.record_failed_sign_in(fail(100, "rep.n@x.ru"), &settings).await.unwrap();
    assert!(alerts_of(db, AlertKind::FailedSignIns).await.is_empty(), "only two within the last hour");
    db.record_failed_sign_in(fail(110, "rep.n@x.ru"), &settings).await.unwrap();
    let alerts = alerts_of(db, AlertKind::FailedSignIns).await;
    assert_eq!((alerts.len(), alerts[0].employee_id, alerts[0].count), (1, Some(c.rep_n.id), 3));
}

pub async fn exports_are_recorded_with_canaries(db: &Db) {
    let c = company(db).await;
    let head = Actor::employee(c.head_n.id, NOW);
    let record = ExportRecord {
        id: ExportId::new(),
        employee_id: c.head_n.id,
        at: NOW,
        entity: ExportEntity::Contacts,
        format: ExportFormat::Csv,
        filter: serde_json::json!({ "tier": "key" }),
        rows: 12,
        canaries: 2,
    };
    let canaries = vec![canary(ExportEntity::Contacts, 11), canary(ExportEntity::Contacts, 12)];
    db.record_export(&head, &record, &canaries).await.unwrap();
    assert_eq!(db.export(record.id).await.unwrap(), record);
    assert_eq!(db.exports(&PageRequest::default()).await.unwrap().items, std::slice::from_ref(&record));
    let tokens = db.canary_tokens().await.unwrap();
    for (i, c) in canaries.iter().enumerate() {
        for t in &c.tokens {
            assert_eq!(tokens.get(t), Some(&(record.id, i as u32)));
        }
    }
    let rep = Actor::employee(c.rep_n.id, NOW);
    db.refuse_export(&rep, ExportEntity::Clients, ExportFormat::Xlsx, &serde_json::json!({})).await.unwrap();
    let attempts = alerts_of(db, AlertKind::ExportAttempt).await;
    assert_eq!((attempts.len(), attempts[0].employee_id), (1, Some(c.rep_n.id)));
    let denied = db
        .audit_events(
            &sprut_core::audit::AuditFilter { action: Some("export.denied".into()), ..Default::default() },
            &PageRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(denied.items.len(), 1);
}

pub async fn staff_see_their_department(db: &Db) {
    let c = company(db).await;
    let cl = client(db, "Альфа", "Розница").await;
    db.assign(&sys(), cl.id, develop(&c.rep_n, JAN)).await.unwrap();
    db.seat(&sys(), cl.id, sprut_core::employee::Department::Accounting, c.staff.id).await.unwrap();
    for (name, position) in [("Бух", "Главный бухгалтер"), ("Закупщик", "Менеджер по закупкам"), ("Склад", "Логист")]
    {
        let n = NewContact { position: Some(position.into()), ..contact_of(cl.id, name) };
        db.create_contact(&sys(), n).await.unwrap();
    }
    let deal = NewDeal {
        client_id: cl.id,
        title: "Поставка".into(),
        stage: None,
        amount_minor: 100_00,
        currency: None,
        opened_on: JAN,
        closed_on: None,
        owner_id: None,
        credited_to: None,
        phase: None,
        expected_close_on: None,
        next_step: None,
    };
    db.create_deal(&sys(), deal, sys().today()).await.unwrap();
    let staff = Scope::of(&c.staff, &[], NOW.date());
    assert!(!staff.sees(RecordKind::Deals));
    let all = ChildFilter::default();
    let page = PageRequest::default();
    let contacts = db.contacts(&staff, &all, &page).await.unwrap().items;
    assert_eq!(
        contacts.iter().map(|x| (x.name.as_str(), x.function)).collect::<Vec<_>>(),
        [("Бух", ContactFunction::Billing)]
    );
    assert!(db.deals(&staff, &all, &page).await.unwrap().items.is_empty(), "accounting does not see deals");
    let rep = Scope::of(&c.rep_n, &[], NOW.date());
    assert_eq!(db.contacts(&rep, &all, &page).await.unwrap().items.len(), 3);
    assert_eq!(db.deals(&rep, &all, &page).await.unwrap().items.len(), 1);
    // Child lists take the client filters too.
    let other_tier = ChildFilter {
        clients: sprut_core::client::ClientFilter { tier: Some(sprut_core::client::Tier::Key), ..Default::default() },
        ..ChildFilter::default()
    };
    assert!(db.contacts(&rep, &other_tier, &page).await.unwrap().items.is_empty());
}

/// With write access to the database: a row slipped in without its place in the chain is
/// reported as foreign and never chained on a restart; cutting the newest events off and
/// rewinding the head passes the chain check, but not the check against an earlier anchor.
pub async fn audit_log_forgery_is_found(db: &Db) {
    use sprut_core::outbox::{MessageKind, OutboxStore};
    let c = company(db).await;
    let cl = client(db, "Альфа", "Розница").await;
    db.assign(&sys(), cl.id, develop(&c.rep_n, JAN)).await.unwrap();
    // The day's anchor: taken once, recorded, mailed to the auditor.
    let anchor = db.anchor_audit(&sys(), JAN, "ООО «Спрут»").await.unwrap().expect("the day's first");
    assert!(db.anchor_audit(&sys(), JAN, "ООО «Спрут»").await.unwrap().is_none(), "once a day");
    let letters = db.outbox(&Default::default(), &PageRequest::default()).await.unwrap().items;
    let letter = letters.iter().find(|m| m.kind == MessageKind::AuditAnchor).expect("mailed");
    assert_eq!(letter.to_address, c.auditor.email);
    assert!(letter.body.contains(&anchor.to_string()), "{}", letter.body);
    // More happens after the anchor.
    let later = client(db, "Бета", "Опт").await;
    db.assign(&sys(), later.id, develop(&c.rep_s, JAN)).await.unwrap();
    assert!(verify(db, Some(anchor.clone()), |_, _| {}).await.unwrap().is_ok());

    // A forged event without its place in the chain.
    let forged = sprut_core::AuditEventId::new();
    db.execute_raw(&format!(
        "INSERT INTO audit_events (id, at, action, entity, details) VALUES ('{forged}', '2026-01-15 10:00:00+00:00', \
         'client.update', 'client', '{{}}')"
    ))
    .await
    .unwrap();
    let broken = verify(db, None, |_, _| {}).await.unwrap().unwrap_err();
    assert_eq!(broken.id.map(|i| i.to_string()), Some(forged.to_string()));
    assert!(broken.reason.contains("written into the database directly"), "{}", broken.reason);
    db.chain_unchained().await.unwrap();
    assert!(verify(db, None, |_, _| {}).await.unwrap().is_err(), "a restart does not take it into the chain");
    db.execute_raw(&format!("DELETE FROM audit_events WHERE id = '{forged}'")).await.unwrap();

    // The newest events removed and the head rewound: the chain alone looks whole...
    let (head, _) = db.audit_head().await.unwrap();
    let keep = anchor.seq - 1;
    let kept = db.audit_chain(keep - 1, 1).await.unwrap().remove(0);
    db.execute_raw(&format!("DELETE FROM audit_events WHERE seq > {keep}")).await.unwrap();
    db.execute_raw(&format!("UPDATE audit_head SET seq = {keep}, hash = '{}' WHERE id = 1", kept.hash)).await.unwrap();
    assert!(head > keep);
    assert_eq!(verify(db, None, |_, _| {}).await.unwrap(), Ok(keep));
    // ...but not against the anchor the auditor kept.
    let cut = verify(db, Some(anchor.clone()), |_, _| {}).await.unwrap().unwrap_err();
    assert!(cut.reason.contains("before the anchored event"), "{}", cut.reason);
}

/// Each uniqueness rule of the conflict table exists in the schema under the name the table
/// gives, and breaking it (a row given another row's value, behind the use cases' back) is the
/// conflict message of the table, on both engines.
pub async fn a_broken_uniqueness_rule_says_which_in_words(db: &Db) {
    use sprut_store::constraints::UNIQUE_RULES;
    let c = crate::fixtures::company(db).await;
    for (name, inn) in [("Альфа", "7707083893"), ("Бета", "7728168971")] {
        let mut n = sprut_core::client::NewClient::named(name);
        n.legal_id = Some(inn.into());
        let cl = db.create_client(&sys(), n, None).await.unwrap();
        let rep = if name == "Альфа" { &c.rep_n } else { &c.rep_s };
        db.assign(&sys(), cl.id, crate::fixtures::develop(rep, crate::fixtures::JAN)).await.unwrap();
    }
    let mut broken = Vec::new();
    for rule in UNIQUE_RULES {
        if db.engine() == sprut_store::Engine::Postgres {
            let names = db.indexes(rule.table).await.unwrap();
            assert!(names.iter().any(|n| n == rule.postgres), "{} has no {}: {names:?}", rule.table, rule.postgres);
        }
        let (t, col) = (rule.table, rule.column);
        let filled = db.counts().await.unwrap().into_iter().find(|(n, _)| *n == t).map_or(0, |(_, k)| k);
        if filled < 2 {
            continue;
        }
        let first = format!("SELECT {col} FROM {t} WHERE {col} IS NOT NULL ORDER BY {col}");
        let sql = format!("UPDATE {t} SET {col} = ({first} LIMIT 1) WHERE {col} = ({first} DESC LIMIT 1)");
        match db.execute_raw(&sql).await {
            Err(sprut_core::CoreError::Conflict(m)) => assert_eq!(m, rule.conflict, "{t}.{col}"),
            other => panic!("{t}.{col}: {other:?}"),
        }
        broken.push(t);
    }
    assert_eq!(broken, ["teams", "employees", "clients", "assignments"]);
}
