//! Meeting requests on both engines: asked inside one's scope of a client someone else holds,
//! answered only by its holder, the second decline and a far postponement flagging him with an
//! alert in the answer's own transaction.

use crate::fixtures::*;
use sprut_core::alert::{AlertFilter, AlertKind};
use sprut_core::meeting_request::{Answer, MeetingAnswer, NewMeetingRequest, RequestFilter, RequestState};
use sprut_core::page::PageRequest;
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::{Actor, ClientId, Conflict, CoreError};
use sprut_store::Db;
use time::Duration;

fn ask(client: ClientId, days: i64) -> NewMeetingRequest {
    NewMeetingRequest {
        client_id: client,
        purpose: "Познакомиться с финансовым директором".into(),
        proposed_on: vec![NOW.date() + Duration::days(days)],
    }
}

fn reply(answer: Answer, on_days: Option<i64>, reason: &str) -> MeetingAnswer {
    MeetingAnswer { answer, on: on_days.map(|d| NOW.date() + Duration::days(d)), reason: Some(reason.into()) }
}

pub async fn meeting_requests_are_answered_by_the_holder_and_flag_him(db: &Db) {
    let c = company(db).await;
    let today = NOW.date();
    let alfa = client(db, "Альфа", "Розница").await;
    let lonely = client(db, "Ничей", "Розница").await;
    db.assign(&sys(), alfa.id, develop(&c.rep_n, JAN)).await.unwrap();
    let (head, rep) = (Actor::employee(c.head_n.id, NOW), Actor::employee(c.rep_n.id, NOW));
    let north = Scope::Teams(vec![c.north.id]);

    // Who may ask: inside one's scope, of a client someone else holds.
    let r1 = db.request_meeting(&head, &north, ask(alfa.id, 7), today).await.unwrap();
    assert_eq!((r1.holder_id, r1.requested_by, r1.state), (c.rep_n.id, c.head_n.id, RequestState::Open));
    let own = db.request_meeting(&rep, &Scope::HeldBy(c.rep_n.id), ask(alfa.id, 7), today).await;
    assert!(matches!(own, Err(CoreError::Validation(ref e)) if e[0].field == "client_id"), "{own:?}");
    let stranger = Actor::employee(c.rep_s.id, NOW);
    let far = db.request_meeting(&stranger, &Scope::HeldBy(c.rep_s.id), ask(alfa.id, 7), today).await;
    assert!(matches!(far, Err(CoreError::NotFound(_))), "{far:?}");
    let nobody = db.request_meeting(&head, &Scope::All, ask(lonely.id, 7), today).await;
    assert!(matches!(nobody, Err(CoreError::Validation(_))), "{nobody:?}");
    let past = db.request_meeting(&head, &north, ask(alfa.id, -1), today).await;
    assert!(matches!(past, Err(CoreError::Validation(_))), "{past:?}");

    // Only the holder answers; someone else is not told the request exists.
    let by_head = db.answer_meeting(&head, r1.id, reply(Answer::Decline, None, "нет"), today).await;
    assert!(matches!(by_head, Err(CoreError::Forbidden(_))), "{by_head:?}");
    let by_other = db.answer_meeting(&stranger, r1.id, reply(Answer::Decline, None, "нет"), today).await;
    assert!(matches!(by_other, Err(CoreError::NotFound(_))), "{by_other:?}");
    let first = db.answer_meeting(&rep, r1.id, reply(Answer::Decline, None, "клиент занят"), today).await.unwrap();
    assert_eq!((first.state, first.red_flag), (RequestState::Declined, false));
    let again = db.answer_meeting(&rep, r1.id, reply(Answer::Accept, Some(7), ""), today).await;
    assert!(matches!(again, Err(CoreError::Conflict(Conflict::RequestAnswered { .. }))), "{again:?}");

    // The second decline flags him, with an alert in the same transaction.
    let r2 = db.request_meeting(&head, &north, ask(alfa.id, 10), today).await.unwrap();
    let second = db.answer_meeting(&rep, r2.id, reply(Answer::Decline, None, "клиент против"), today).await.unwrap();
    assert!(second.red_flag);
    let filter = AlertFilter { kind: Some(AlertKind::MeetingBlocked), ..AlertFilter::default() };
    let alerts = db.alerts(&filter, None, &PageRequest::default()).await.unwrap().items;
    assert_eq!(alerts.len(), 1);
    assert_eq!((alerts[0].employee_id, alerts[0].client_id), (Some(c.rep_n.id), Some(alfa.id)));
    assert_eq!(alerts[0].details["declines_in_year"], 2);

    // Postponed by 40 days: flagged again; accepted: nothing.
    let r3 = db.request_meeting(&head, &north, ask(alfa.id, 5), today).await.unwrap();
    let later = db.answer_meeting(&rep, r3.id, reply(Answer::Postpone, Some(45), "отпуск"), today).await.unwrap();
    assert_eq!(
        (later.state, later.red_flag, later.agreed_on),
        (RequestState::Postponed, true, Some(today + Duration::days(45)))
    );
    let r4 = db.request_meeting(&head, &north, ask(alfa.id, 5), today).await.unwrap();
    let ok = db.answer_meeting(&rep, r4.id, reply(Answer::Accept, None, ""), today).await.unwrap();
    assert_eq!((ok.state, ok.agreed_on, ok.red_flag), (RequestState::Accepted, Some(today + Duration::days(5)), false));
    assert_eq!(db.alerts(&filter, None, &PageRequest::default()).await.unwrap().items[0].count, 2);

    // The lists: the holder's scope sees all four, the asker his own, another team none.
    let all = RequestFilter::default();
    assert_eq!(db.meeting_requests(&Scope::HeldBy(c.rep_n.id), None, &all).await.unwrap().len(), 4);
    assert_eq!(db.meeting_requests(&Scope::Nothing, Some(c.head_n.id), &all).await.unwrap().len(), 4);
    assert!(db.meeting_requests(&Scope::Teams(vec![c.south.id]), Some(c.head_s.id), &all).await.unwrap().is_empty());
    let declined = RequestFilter { state: Some(RequestState::Declined), ..RequestFilter::default() };
    assert_eq!(db.meeting_requests(&Scope::All, None, &declined).await.unwrap().len(), 2);
}
