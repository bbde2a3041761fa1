//! What a client's relationship map is drawn from, read the same on both engines and only
//! inside the reader's scope.

use crate::fixtures::*;
use sprut_core::activity::{ActivityKind, NewActivity};
use sprut_core::contact::{ContactFunction, ContactLevel, NewContact};
use sprut_core::employee::Department;
use sprut_core::octopus::{relationship_map, TouchLinks};
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::{Actor, CoreError};
use sprut_store::Db;
use time::macros::date;
use time::Duration;

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
}
