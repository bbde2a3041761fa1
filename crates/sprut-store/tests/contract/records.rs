use crate::fixtures::*;
use sprut_core::activity::{ActivityKind, ActivityPatch, NewActivity};
use sprut_core::contact::{ContactPatch, NewContact};
use sprut_core::deal::{DealPatch, DealStage, NewDeal};
use sprut_core::employee::Department;
use sprut_core::page::PageRequest;
use sprut_core::receivable::{NewReceivable, ReceivablePatch};
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::store::ChildFilter;
use sprut_core::{Actor, CoreError};
use sprut_store::Db;
use time::macros::date;

pub async fn contacts_deals_activities_receivables(db: &Db) {
    let c = company(db).await;
    let alfa = client(db, "Альфа", "Розница").await;
    let beta = client(db, "Бета", "Розница").await;
    let nc = NewContact {
        client_id: alfa.id,
        name: "Иван Петров".into(),
        position: Some("Закупщик".into()),
        function: None,
        phones: vec!["+7 495 123-45-67".into()],
        emails: vec!["Ivan@Alfa.ru".into()],
        channels: Vec::new(),
        decision_maker: true,
        consent: true,
        level: None,
    };
    let contact = db.create_contact(&sys(), nc.clone()).await.unwrap();
    assert_eq!(contact.emails, ["ivan@alfa.ru"]);
    let bad = NewContact { phones: vec!["call me".into()], emails: vec!["nope".into()], ..nc.clone() };
    match db.create_contact(&sys(), bad).await {
        Err(CoreError::Validation(f)) => {
            assert_eq!(f.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["phones", "emails"])
        }
        other => panic!("{other:?}"),
    }
    let verified = ContactPatch { verified: Some(true), ..Default::default() };
    let v = db.update_contact(&Actor::employee(c.head_n.id, NOW), contact.id, verified).await.unwrap();
    assert_eq!((v.verified_at, v.verified_by), (Some(NOW), Some(c.head_n.id)));
    assert_eq!(db.contact(&Scope::All, contact.id).await.unwrap(), v);

    let deal = db
        .create_deal(
            &sys(),
            NewDeal {
                client_id: alfa.id,
                title: "Поставка".into(),
                stage: None,
                amount_minor: 500_000_00,
                currency: None,
                opened_on: JAN,
                closed_on: None,
                owner_id: None,
                credited_to: None,
                phase: None,
                expected_close_on: None,
                next_step: None,
            },
            sys().today(),
        )
        .await
        .unwrap();
    assert_eq!((deal.stage, deal.currency.as_str()), (DealStage::Open, "RUB"));
    let won_without_date = DealPatch { stage: Some(DealStage::Won), ..Default::default() };
    assert!(matches!(
        db.update_deal(&sys(), deal.id, won_without_date, sys().today()).await,
        Err(CoreError::Validation(_))
    ));

    let act = db
        .create_activity(
            &Actor::employee(c.rep_n.id, NOW),
            NewActivity {
                checklist: None,
                client_id: alfa.id,
                kind: ActivityKind::Call,
                occurred_at: None,
                contact_ids: vec![contact.id],
                outcome: Some("договорились о встрече".into()),
                text: "Созвонились с закупщиком".into(),
                participant_ids: vec![],
                next_step: None,
            },
            NOW.date(),
        )
        .await
        .unwrap();
    assert_eq!((act.author_id, act.occurred_at), (Some(c.rep_n.id), NOW));
    let foreign = NewActivity {
        checklist: None,
        client_id: beta.id,
        kind: ActivityKind::Note,
        occurred_at: None,
        contact_ids: vec![contact.id],
        outcome: None,
        text: "x".into(),
        participant_ids: vec![],
        next_step: None,
    };
    assert!(matches!(db.create_activity(&sys(), foreign, NOW.date()).await, Err(CoreError::Validation(_))));
    let edited = db
        .update_activity(&sys(), act.id, ActivityPatch { text: Some("Созвон".into()), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(db.activity(&Scope::All, act.id).await.unwrap(), edited);

    let inv = db
        .create_receivable(
            &sys(),
            NewReceivable {
                client_id: alfa.id,
                number: "СЧ-1".into(),
                amount_minor: 100_00,
                currency: None,
                issued_on: JAN,
                due_on: date!(2026 - 02 - 15),
                paid_on: None,
            },
        )
        .await
        .unwrap();
    assert!(inv.overdue_on(date!(2026 - 03 - 01)));
    let paid = db
        .update_receivable(
            &sys(),
            inv.id,
            ReceivablePatch { paid_on: Some(Some(date!(2026 - 02 - 10))), ..Default::default() },
        )
        .await
        .unwrap();
    assert!(!paid.overdue_on(date!(2026 - 03 - 01)));
    assert_eq!(db.receivable(&Scope::All, inv.id).await.unwrap(), paid);
    let orphan = NewReceivable {
        client_id: sprut_core::ClientId::new(),
        ..NewReceivable {
            client_id: alfa.id,
            number: "x".into(),
            amount_minor: 1,
            currency: None,
            issued_on: JAN,
            due_on: JAN,
            paid_on: None,
        }
    };
    assert!(matches!(db.create_receivable(&sys(), orphan).await, Err(CoreError::Validation(_))));

    let only_alfa = ChildFilter { client_id: Some(alfa.id), ..ChildFilter::default() };
    let all = PageRequest::default();
    assert_eq!(db.contacts(&Scope::All, &only_alfa, &all).await.unwrap().items.len(), 1);
    assert_eq!(db.deals(&Scope::All, &only_alfa, &all).await.unwrap().items.len(), 1);
    assert_eq!(db.activities(&Scope::All, &only_alfa, &all).await.unwrap().items.len(), 1);
    assert_eq!(db.receivables(&Scope::All, &only_alfa, &all).await.unwrap().items.len(), 1);
    let only_beta = ChildFilter { client_id: Some(beta.id), ..ChildFilter::default() };
    assert!(db.contacts(&Scope::All, &only_beta, &all).await.unwrap().items.is_empty());
}

pub async fn deal_is_credited_to_holder_at_close(db: &Db) {
    let c = company(db).await;
    let cl = client(db, "Альфа", "Розница").await;
    db.assign(&sys(), cl.id, develop(&c.rep_n, JAN)).await.unwrap();
    let new = NewDeal {
        client_id: cl.id,
        title: "Пилот".into(),
        stage: Some(DealStage::Won),
        amount_minor: 10_000_00,
        currency: None,
        opened_on: JAN,
        closed_on: Some(date!(2026 - 02 - 01)),
        owner_id: None,
        credited_to: None,
        phase: None,
        expected_close_on: None,
        next_step: None,
    };
    assert_eq!(db.create_deal(&sys(), new.clone(), sys().today()).await.unwrap().credited_to, Some(c.rep_n.id));
    let before = NewDeal { closed_on: Some(date!(2026 - 01 - 14)), opened_on: date!(2026 - 01 - 01), ..new.clone() };
    assert_eq!(db.create_deal(&sys(), before, sys().today()).await.unwrap().credited_to, None, "nobody held it then");
    let open = db.create_deal(&sys(), NewDeal { stage: None, closed_on: None, ..new }, sys().today()).await.unwrap();
    let close =
        DealPatch { stage: Some(DealStage::Won), closed_on: Some(Some(date!(2026 - 03 - 01))), ..Default::default() };
    assert_eq!(db.update_deal(&sys(), open.id, close, sys().today()).await.unwrap().credited_to, Some(c.rep_n.id));
}

pub async fn account_team_seats(db: &Db) {
    let c = company(db).await;
    let cl = client(db, "Альфа", "Розница").await;
    let m = db.seat(&sys(), cl.id, Department::Accounting, c.staff.id).await.unwrap();
    assert_eq!((m.employee_name.as_str(), m.department), ("Дарья Счёт", Department::Accounting));
    assert!(matches!(db.seat(&sys(), cl.id, Department::Legal, c.staff.id).await, Err(CoreError::Validation(_))));
    assert!(matches!(db.seat(&sys(), cl.id, Department::Accounting, c.rep_n.id).await, Err(CoreError::Validation(_))));
    assert_eq!(db.account_team(&Scope::All, cl.id).await.unwrap(), vec![m]);
    db.unseat(&sys(), cl.id, Department::Accounting).await.unwrap();
    assert!(db.account_team(&Scope::All, cl.id).await.unwrap().is_empty());
    assert!(matches!(db.unseat(&sys(), cl.id, Department::Accounting).await, Err(CoreError::NotFound(_))));
}
