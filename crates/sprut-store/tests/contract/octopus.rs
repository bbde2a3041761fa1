//! What a client's relationship map is drawn from, read the same on both engines and only
//! inside the reader's scope.

use crate::fixtures::*;
use sprut_core::activity::{ActivityKind, NewActivity};
use sprut_core::alert::{AlertFilter, AlertKind};
use sprut_core::concentration::{alerts, concentration, raise_single_thread_alerts, ThreadFacts};
use sprut_core::contact::{ContactFunction, ContactLevel, NewContact};
use sprut_core::deal::{DealStage, NewDeal};
use sprut_core::employee::Department;
use sprut_core::octopus::{relationship_map, TouchLinks};
use sprut_core::page::PageRequest;
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::{Actor, ClientId, CoreError, EmployeeId};
use sprut_store::Db;
use time::macros::date;
use time::{Date, Duration};

/// A contact of `client` named `name`, with a phone or none, agreeing to letters or not.
fn person_of(client: ClientId, name: &str, phone: bool, consent: bool) -> NewContact {
    let phones = if phone { vec!["+7 495 123-45-67".into()] } else { vec![] };
    NewContact { phones, consent, ..contact_of(client, name) }
}

/// A touch of `client` by `author` with `participants`, `days_ago`, naming `contacts`.
fn touch(
    client: ClientId,
    days_ago: i64,
    participants: Vec<EmployeeId>,
    contacts: Vec<sprut_core::ContactId>,
) -> NewActivity {
    NewActivity {
        checklist: None,
        client_id: client,
        kind: ActivityKind::Call,
        occurred_at: Some(NOW - Duration::days(days_ago)),
        contact_ids: contacts,
        participant_ids: participants,
        outcome: None,
        text: "Звонок".into(),
        next_step: None,
    }
}

/// A won deal of `client` for `amount` closed on `on`.
fn won(client: ClientId, amount: i64, on: Date) -> NewDeal {
    NewDeal {
        client_id: client,
        title: "Поставка".into(),
        stage: Some(DealStage::Won),
        amount_minor: amount,
        currency: None,
        opened_on: on - Duration::days(20),
        closed_on: Some(on),
        owner_id: None,
        credited_to: None,
        phase: None,
        expected_close_on: None,
        next_step: None,
    }
}

pub async fn thread_facts_read_the_window_the_revenue_and_the_reach(db: &Db) {
    let c = company(db).await;
    let today = NOW.date();
    let (alfa, beta) = (client(db, "Альфа", "Розница").await, client(db, "Бета", "Опт").await);
    db.assign(&sys(), alfa.id, develop(&c.rep_n, JAN)).await.unwrap();
    db.assign(&sys(), beta.id, develop(&c.rep_s, JAN)).await.unwrap();
    let boss = db.create_contact(&sys(), person_of(alfa.id, "Пётр", false, true)).await.unwrap();
    let buh = db.create_contact(&sys(), person_of(alfa.id, "Инна", true, true)).await.unwrap();
    db.create_contact(&sys(), person_of(beta.id, "Олег", true, false)).await.unwrap();
    let rep_n = Actor::employee(c.rep_n.id, NOW);
    // Alfa: the rep alone in the window; his head two hundred days ago, out of it.
    db.create_activity(&rep_n, touch(alfa.id, 3, vec![], vec![boss.id, buh.id]), today).await.unwrap();
    db.create_activity(&rep_n, touch(alfa.id, 200, vec![c.head_n.id], vec![boss.id]), today).await.unwrap();
    // Beta: its rep with his head.
    let rep_s = Actor::employee(c.rep_s.id, NOW);
    db.create_activity(&rep_s, touch(beta.id, 10, vec![c.head_s.id], vec![]), today).await.unwrap();
    // Revenue: a sale this year counts, one of last year does not.
    db.create_deal(&sys(), won(alfa.id, 500_00, today - Duration::days(40)), today).await.unwrap();
    db.create_deal(&sys(), won(alfa.id, 900_00, today - Duration::days(400)), today).await.unwrap();
    db.create_deal(&sys(), won(beta.id, 300_00, today - Duration::days(5)), today).await.unwrap();

    let all = db.thread_facts(&Scope::All, today).await.unwrap();
    let mut revenue: Vec<(ClientId, EmployeeId, i64)> =
        all.clients.iter().map(|h| (h.client_id, h.holder, h.revenue_minor)).collect();
    revenue.sort();
    let mut want = vec![(alfa.id, c.rep_n.id, 500_00), (beta.id, c.rep_s.id, 300_00)];
    want.sort();
    assert_eq!(revenue, want);
    assert_eq!(all.touches.len(), 2, "the touch of two hundred days ago is out of the window");
    let alfa_touch = all.touches.iter().find(|t| t.client_id == alfa.id).unwrap();
    assert_eq!((alfa_touch.ours.clone(), alfa_touch.theirs.len()), (vec![c.rep_n.id], 2));
    let beta_touch = all.touches.iter().find(|t| t.client_id == beta.id).unwrap();
    assert_eq!(beta_touch.ours, [c.rep_s.id, c.head_s.id]);
    let reach = |id| all.contacts.iter().find(|k| k.contact_id == id).unwrap().clone();
    assert!(!reach(boss.id).own_channel && reach(boss.id).consent && !reach(boss.id).direct());
    assert!(reach(buh.id).direct());
    assert_eq!(all.contacts.len(), 3);
    assert!(all.teams.iter().any(|(e, t)| *e == c.rep_n.id && *t == Some(c.north.id)));
    assert!(ThreadFacts::since(today) > today - Duration::days(200));

    // A head reads his teams' clients only.
    let north = db.thread_facts(&Scope::Teams(vec![c.north.id]), today).await.unwrap();
    assert_eq!((north.clients.len(), north.touches.len(), north.contacts.len()), (1, 1, 2));

    // The rule over them: the north rep is the only thread of Alfa, all of his team's revenue.
    let risk = concentration(db, &Scope::All, today, None).await.unwrap();
    assert_eq!(risk.single_threaded, 1);
    let line = &risk.employees[0];
    assert_eq!(
        (line.employee_id, line.revenue_minor, line.contacts_only_his, line.contacts_unreachable),
        (c.rep_n.id, 500_00, 2, 1)
    );
    assert_eq!((line.share_percent, line.alert), (100.0, true));
    assert_eq!(alerts(&risk).len(), 1);

    // The alert is raised once a day, whichever call comes first, with its figures.
    assert!(!db.thread_alerts_raised(today).await.unwrap());
    assert_eq!(raise_single_thread_alerts(db, &sys(), today).await.unwrap(), Some(1));
    assert_eq!(raise_single_thread_alerts(db, &sys(), today).await.unwrap(), None);
    let filter = AlertFilter { kind: Some(AlertKind::SingleThreaded), ..AlertFilter::default() };
    let raised = db.alerts(&filter, None, &PageRequest::default()).await.unwrap().items;
    assert_eq!(raised.len(), 1);
    assert_eq!((raised[0].employee_id, raised[0].count), (Some(c.rep_n.id), 1));
    assert_eq!(raised[0].details["revenue_minor"], 500_00);
}

pub async fn relationship_facts_name_both_sides_of_every_touch(db: &Db) {
    let c = company(db).await;
    let alfa = client(db, "Альфа", "Розница").await;
    db.assign(&sys(), alfa.id, develop(&c.rep_n, JAN)).await.unwrap();
    let boss = NewContact {
        client_id: alfa.id,
        name: "Пётр Директоров".into(),
        position: None,
        function: Some(ContactFunction::General),
        phones: vec![],
        emails: vec![],
        channels: Vec::new(),
        decision_maker: true,
        consent: false,
        level: None,
    };
    let boss = db.create_contact(&sys(), boss).await.unwrap();
    db.seat(&sys(), alfa.id, Department::Accounting, c.staff.id).await.unwrap();
    let meeting = NewActivity {
        checklist: None,
        client_id: alfa.id,
        kind: ActivityKind::Meeting,
        occurred_at: Some(NOW - Duration::days(3)),
        contact_ids: vec![boss.id],
        participant_ids: vec![c.head_n.id],
        outcome: None,
        text: "Встреча".into(),
        next_step: None,
    };
    db.create_activity(&Actor::employee(c.rep_n.id, NOW), meeting, NOW.date()).await.unwrap();

    let facts = db.relationship_facts(&Scope::Teams(vec![c.north.id]), alfa.id).await.unwrap();
    assert_eq!(facts.holder, Some(c.rep_n.id));
    assert_eq!(facts.account_team, [c.staff.id]);
    assert_eq!((facts.contacts.len(), facts.contacts[0].level), (1, ContactLevel::DecisionMaker));
    assert_eq!(
        facts.touches,
        [TouchLinks { on: date!(2026 - 11 - 20), ours: vec![c.rep_n.id, c.head_n.id], theirs: vec![boss.id] }]
    );
    let map = relationship_map(&facts, NOW.date());
    assert_eq!(map.people, [c.rep_n.id, c.head_n.id, c.staff.id]);
    assert!(!map.contacts[0].only_holder);
    // Another team's head does not see the client.
    match db.relationship_facts(&Scope::Teams(vec![c.south.id]), alfa.id).await {
        Err(CoreError::NotFound(_)) => {}
        other => panic!("{other:?}"),
    }

    // The key clients' facts read the same, with the touches of the window only.
    let since = NOW.date() - Duration::days(180);
    assert!(db.key_relationship_facts(&Scope::All, since).await.unwrap().is_empty(), "not key yet");
    let key: sprut_core::client::ClientPatch = serde_json::from_value(serde_json::json!({ "tier": "key" })).unwrap();
    db.update_client(&sys(), alfa.id, key).await.unwrap();
    let keys = db.key_relationship_facts(&Scope::Teams(vec![c.north.id]), since).await.unwrap();
    assert_eq!(keys, std::slice::from_ref(&facts));
    assert!(db.key_relationship_facts(&Scope::Teams(vec![c.south.id]), since).await.unwrap().is_empty());
    let later = db.key_relationship_facts(&Scope::All, NOW.date()).await.unwrap();
    assert!(later[0].touches.is_empty(), "a touch before the window is not read");
}

/// The nightly count keeps every client's coverage score, reading the base a batch at a time,
/// and the client list filters by the kept score and pages in its order (clients not counted
/// yet last), inside the reader's scope.
pub async fn coverage_is_counted_and_the_list_filters_and_sorts_by_it(db: &Db) {
    use sprut_core::client::{ClientFilter, ClientSort, NewClient};
    use sprut_core::octopus::{count_coverage, count_coverage_daily};
    let c = company(db).await;
    let today = NOW.date();
    let rep = Actor::employee(c.rep_n.id, NOW);
    let mut ids = std::collections::BTreeMap::new();
    for name in ["Альфа", "Бета", "Вега", "Гамма"] {
        let held = db.create_client(&sys(), NewClient::named(name), Some(develop(&c.rep_n, JAN))).await.unwrap();
        ids.insert(name, held.id);
    }
    let (p1, p2, p3) = (
        db.create_contact(&sys(), contact_of(ids["Альфа"], "Пётр")).await.unwrap(),
        db.create_contact(&sys(), contact_of(ids["Альфа"], "Инна")).await.unwrap(),
        db.create_contact(&sys(), contact_of(ids["Бета"], "Олег")).await.unwrap(),
    );
    // Альфа: two of ours, two of theirs (15 × 2 + 10 × 2); Бета: one and one; the rest none.
    db.create_activity(&rep, touch(ids["Альфа"], 5, vec![c.head_n.id], vec![p1.id, p2.id]), today).await.unwrap();
    db.create_activity(&rep, touch(ids["Бета"], 5, vec![], vec![p3.id]), today).await.unwrap();

    // The batches read every client once, in id order.
    let since = today - Duration::days(180);
    let first = db.relationship_facts_batch(None, since, 3).await.unwrap();
    let rest = db.relationship_facts_batch(Some(first[2].client_id), since, 3).await.unwrap();
    let mut read: Vec<ClientId> = first.iter().chain(&rest).map(|f| f.client_id).collect();
    assert_eq!((first.len(), rest.len()), (3, 1));
    assert!(read.windows(2).all(|w| w[0] < w[1]), "in id order");
    let mut all: Vec<ClientId> = ids.values().copied().collect();
    read.sort();
    all.sort();
    assert_eq!(read, all);
    let alfa = first.iter().chain(&rest).find(|f| f.client_id == ids["Альфа"]).unwrap();
    assert_eq!((alfa.holder, alfa.contacts.len(), alfa.touches.len()), (Some(c.rep_n.id), 2, 1));

    assert_eq!(db.coverage_counted_on().await.unwrap(), None);
    let mut heard = Vec::new();
    let counted = count_coverage(db, &sys(), today, |n| heard.push(n)).await.unwrap();
    assert_eq!((counted.clients, counted.changed, heard), (4, 4, vec![4]));
    assert_eq!(db.coverage_counted_on().await.unwrap(), Some(today));
    assert_eq!(count_coverage(db, &sys(), today, |_| {}).await.unwrap().changed, 0, "only changes are written");
    assert_eq!(count_coverage_daily(db, &sys(), today).await.unwrap(), None, "once a day");
    // A client added after the count has no kept score yet.
    db.create_client(&sys(), NewClient::named("Дельта"), Some(develop(&c.rep_n, JAN))).await.unwrap();

    let by_coverage = ClientFilter { sort: Some(ClientSort::Coverage), ..Default::default() };
    let mut request = PageRequest { after: None, limit: Some(2) };
    let mut seen = Vec::new();
    loop {
        let page = db.clients(&Scope::HeldBy(c.rep_n.id), &by_coverage, &request).await.unwrap();
        seen.extend(page.items.iter().map(|i| (i.client.name.clone(), i.coverage)));
        match page.next {
            Some(next) => request.after = Some(next),
            None => break,
        }
    }
    let expected = [("Вега", Some(0)), ("Гамма", Some(0)), ("Бета", Some(25)), ("Альфа", Some(50)), ("Дельта", None)];
    assert_eq!(seen, expected.map(|(n, s)| (n.to_string(), s)));

    let thin = ClientFilter { coverage_below: Some(30), ..Default::default() };
    let names = |p: sprut_core::page::Page<sprut_core::client::ClientListItem>| {
        p.items.into_iter().map(|i| i.client.name).collect::<Vec<_>>()
    };
    let first_page = PageRequest { after: None, limit: None };
    assert_eq!(names(db.clients(&Scope::All, &thin, &first_page).await.unwrap()), ["Бета", "Вега", "Гамма"]);
    assert!(db.clients(&Scope::Teams(vec![c.south.id]), &thin, &first_page).await.unwrap().items.is_empty());

    // The next day the nightly count runs again and follows a new touch.
    db.create_activity(&rep, touch(ids["Вега"], 0, vec![], vec![]), today).await.unwrap();
    let next = count_coverage_daily(db, &sys(), today + Duration::days(1)).await.unwrap().unwrap();
    assert_eq!((next.clients, next.changed), (5, 2), "Вега gains a thread, Дельта is counted");
}
