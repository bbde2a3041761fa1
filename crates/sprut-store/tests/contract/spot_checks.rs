//! Spot checks on both engines: the week's draw kept once and made again from its seed, only
//! the verifier records a result, a confirmed contact is verified by him, a wrong one opens an
//! investigation with the contact's history, explained by its holder and closed by his head.

use crate::fixtures::*;
use sprut_core::alert::{AlertFilter, AlertKind};
use sprut_core::contact::NewContact;
use sprut_core::page::PageRequest;
use sprut_core::scope::Scope;
use sprut_core::spot_check::{draw, draw_week, CheckOutcome, CheckResult, Finding, InvestigationStep};
use sprut_core::store::prelude::*;
use sprut_core::{Actor, ClientId, CoreError};
use sprut_store::Db;

fn person(client: ClientId, name: &str) -> NewContact {
    NewContact { phones: vec!["+7 495 111-22-33".into()], consent: true, ..contact_of(client, name) }
}

pub async fn the_week_s_draw_is_checked_by_others_and_wrong_data_are_investigated(db: &Db) {
    let c = company(db).await;
    let today = NOW.date();
    let (alfa, beta) = (client(db, "Альфа", "Розница").await, client(db, "Бета", "Опт").await);
    db.assign(&sys(), alfa.id, develop(&c.rep_n, JAN)).await.unwrap();
    db.assign(&sys(), beta.id, develop(&c.rep_s, JAN)).await.unwrap();
    let rep = Actor::employee(c.rep_n.id, NOW);
    for name in ["Пётр", "Инна", "Олег"] {
        db.create_contact(&rep, person(alfa.id, name)).await.unwrap();
    }
    db.create_contact(&sys(), person(beta.id, "Анна")).await.unwrap();

    // The draw, made from its seed: the same contacts the week records.
    let (candidates, verifiers) = db.spot_facts(today, None).await.unwrap();
    assert_eq!(candidates.len(), 4);
    let expected = draw(&candidates, 2, today, 7, &verifiers);
    assert!(!db.week_drawn(sprut_core::rules::reports::week_of(today)).await.unwrap());
    assert_eq!(draw_week(db, &sys(), today, 7).await.unwrap(), Some(3));
    assert_eq!(draw_week(db, &sys(), today, 8).await.unwrap(), None, "once a week");
    let all = db.spot_checks(&Scope::All, None, false).await.unwrap();
    let mut got: Vec<_> = all.iter().map(|s| (s.contact_id, s.verifier_id)).collect();
    let mut want: Vec<_> = expected.iter().map(|d| (d.contact_id, d.verifier_id)).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    assert!(all.iter().all(|s| s.seed == "7" && s.holder_id != s.verifier_id));
    // Drawn this quarter: not drawn again.
    let (again, _) = db.spot_facts(today, None).await.unwrap();
    assert_eq!(again.iter().filter(|k| k.last_drawn.is_some()).count(), 3);

    // The head's checks: only his, only he records.
    let head = Actor::employee(c.head_n.id, NOW);
    let mine = db.spot_checks(&Scope::Nothing, Some(c.head_n.id), true).await.unwrap();
    assert_eq!(mine.len(), 2);
    let confirmed = CheckResult { outcome: CheckOutcome::Confirmed, note: None };
    let stranger = db.record_check(&rep, mine[0].id, confirmed.clone(), today).await;
    assert!(matches!(stranger, Err(CoreError::NotFound(_))), "{stranger:?}");
    let ok = db.record_check(&head, mine[0].id, confirmed.clone(), today).await.unwrap();
    assert_eq!((ok.outcome, ok.investigation_id), (Some(CheckOutcome::Confirmed), None));
    let contact = db.contact(&Scope::All, ok.contact_id).await.unwrap();
    assert_eq!(contact.verified_by, Some(c.head_n.id));
    assert!(db.record_check(&head, mine[0].id, confirmed, today).await.is_err(), "recorded once");

    // A wrong phone opens an investigation with who wrote the contact.
    let wrong =
        CheckResult { outcome: CheckOutcome::WrongPhone, note: Some("номер не существует".into()) };
    let bad = db.record_check(&head, mine[1].id, wrong, today).await.unwrap();
    let id = bad.investigation_id.expect("an investigation");
    let open = db.investigations(&Scope::Teams(vec![c.north.id]), None, true).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].history[0]["action"], "contact.create");
    assert_eq!(open[0].history[0]["actor_id"], serde_json::json!(c.rep_n.id));
    assert!(db.investigations(&Scope::Teams(vec![c.south.id]), Some(c.rep_s.id), false).await.unwrap().is_empty());

    // The holder explains; the other team's head is not told it exists; his head closes it.
    let explain = InvestigationStep::Explain { explanation: "записал со слов секретаря".into() };
    let north = Scope::Teams(vec![c.north.id]);
    db.step_investigation(&rep, id, explain, &Scope::Nothing, today).await.unwrap();
    let close =
        || InvestigationStep::Close { finding: Finding::Invented, correction: "контакт удалён".into() };
    let other = Actor::employee(c.head_s.id, NOW);
    let far = db.step_investigation(&other, id, close(), &Scope::Teams(vec![c.south.id]), today).await;
    assert!(matches!(far, Err(CoreError::NotFound(_))), "{far:?}");
    let closed = db.step_investigation(&head, id, close(), &north, today).await.unwrap();
    assert_eq!((closed.finding, closed.closed_on), (Some(Finding::Invented), Some(today)));
    assert!(closed.explanation.is_some());
    let filter = AlertFilter { kind: Some(AlertKind::InventedData), ..AlertFilter::default() };
    let alerts = db.alerts(&filter, None, &PageRequest::default()).await.unwrap().items;
    assert_eq!((alerts.len(), alerts[0].employee_id), (1, Some(c.rep_n.id)));
}
