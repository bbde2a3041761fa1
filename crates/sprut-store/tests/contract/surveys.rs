//! Surveys on both engines: sent with their letters to the consenting contacts, once a
//! quarter; a link answers once and only with its token; a manager far above the company is
//! flagged.

use crate::fixtures::*;
use sprut_core::contact::NewContact;
use sprut_core::outbox::{MessageKind, OutboxFilter, OutboxStore};
use sprut_core::page::PageRequest;
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::survey::SurveyAnswer;
use sprut_core::{Actor, ClientId, Conflict, CoreError};
use sprut_store::Db;
use std::sync::Mutex;
use time::Duration;

fn person(client: ClientId, name: &str, email: Option<&str>, consent: bool) -> NewContact {
    NewContact { emails: email.map(|e| vec![e.to_string()]).unwrap_or_default(), consent, ..contact_of(client, name) }
}

pub async fn surveys_go_to_consenting_contacts_and_answer_once(db: &Db) {
    let c = company(db).await;
    let today = NOW.date();
    let alfa = client(db, "Альфа", "Розница").await;
    db.assign(&sys(), alfa.id, develop(&c.rep_n, JAN)).await.unwrap();
    db.create_contact(&sys(), person(alfa.id, "Пётр", Some("petr@alfa.ru"), true)).await.unwrap();
    db.create_contact(&sys(), person(alfa.id, "Инна", Some("inna@alfa.ru"), true)).await.unwrap();
    db.create_contact(&sys(), person(alfa.id, "Олег", Some("oleg@alfa.ru"), false)).await.unwrap();
    db.create_contact(&sys(), person(alfa.id, "Анна", None, true)).await.unwrap();
    let head = Actor::employee(c.head_n.id, NOW);
    let issued = Mutex::new(Vec::new());
    let token = || {
        let mut all = issued.lock().unwrap();
        let raw = format!("token-{}", all.len());
        all.push(raw.clone());
        (raw.clone(), format!("hash-of-{raw}"))
    };

    // Another team's head does not see the client; the client's own head sends.
    let far = db
        .send_surveys(
            &Actor::employee(c.head_s.id, NOW),
            &Scope::Teams(vec![c.south.id]),
            alfa.id,
            "https://crm",
            &token,
            today,
        )
        .await;
    assert!(matches!(far, Err(CoreError::NotFound(_))), "{far:?}");
    let sent =
        db.send_surveys(&head, &Scope::Teams(vec![c.north.id]), alfa.id, "https://crm", &token, today).await.unwrap();
    assert_eq!(sent.len(), 2, "only the consenting contacts with an e-mail");
    assert!(sent.iter().all(|s| s.holder_id == c.rep_n.id && s.expires_on == today + Duration::days(14)));
    let letters = db.outbox(&OutboxFilter::default(), &PageRequest::default()).await.unwrap().items;
    let letters: Vec<_> = letters.into_iter().filter(|m| m.kind == MessageKind::Survey).collect();
    assert_eq!(letters.len(), 2);
    assert!(letters.iter().any(|m| m.to_address == "petr@alfa.ru" && m.body.contains("https://crm/survey/token-")));
    let again = db.send_surveys(&head, &Scope::All, alfa.id, "https://crm", &token, today + Duration::days(5)).await;
    assert!(matches!(again, Err(CoreError::Conflict(Conflict::SurveyThisQuarter { .. }))), "{again:?}");

    // A link opens its own survey only, answers once, and flags a manager far above the company.
    let (found, company, _) = db.survey_by_token("hash-of-token-0").await.unwrap().unwrap();
    assert_eq!((found.client_id, company.as_str()), (alfa.id, "sprut"));
    assert!(db.survey_by_token("hash-of-forged").await.unwrap().is_none());
    let answer = SurveyAnswer {
        company_rating: 2,
        manager_rating: 5,
        comment: Some("Менеджер молодец, компания подводит".into()),
    };
    let done = db.answer_survey("hash-of-token-0", answer.clone(), NOW, today).await.unwrap();
    assert!(done.flagged && done.answered_at.is_some());
    let twice = db.answer_survey("hash-of-token-0", answer.clone(), NOW, today).await;
    assert!(matches!(twice, Err(CoreError::Conflict(Conflict::SurveyAnswered))), "{twice:?}");
    let late = db.answer_survey("hash-of-token-1", answer, NOW, today + Duration::days(15)).await;
    assert!(matches!(late, Err(CoreError::Conflict(Conflict::SurveyExpired { .. }))), "{late:?}");
    let bad = SurveyAnswer { company_rating: 9, manager_rating: 3, comment: None };
    assert!(matches!(db.answer_survey("hash-of-token-1", bad, NOW, today).await, Err(CoreError::Validation(_))));

    // The heads' list: one answered and flagged, one waiting; another team sees none.
    let list = db.surveys(&Scope::Teams(vec![c.north.id]), Some(alfa.id)).await.unwrap();
    assert_eq!((list.len(), list.iter().filter(|s| s.flagged).count()), (2, 1));
    assert!(db.surveys(&Scope::Teams(vec![c.south.id]), None).await.unwrap().is_empty());
}
