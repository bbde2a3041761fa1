use crate::fixtures::*;
use sprut_core::client::ClientFilter;
use sprut_core::contact::NewContact;
use sprut_core::employee::Department;
use sprut_core::page::PageRequest;
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::store::ChildFilter;
use sprut_store::Db;

pub async fn each_role_sees_its_part(db: &Db) {
    let c = company(db).await;
    let north_client = client(db, "Северный", "Розница").await;
    let south_client = client(db, "Южный", "Розница").await;
    let pool_client = client(db, "Ничей", "Розница").await;
    db.assign(&sys(), north_client.id, develop(&c.rep_n, JAN)).await.unwrap();
    db.assign(&sys(), south_client.id, develop(&c.rep_s, JAN)).await.unwrap();
    db.seat(&sys(), south_client.id, Department::Accounting, c.staff.id).await.unwrap();
    for cl in [&north_client, &south_client, &pool_client] {
        let n = NewContact {
            position: Some("Главный бухгалтер".into()),
            ..contact_of(cl.id, &format!("Контакт {}", cl.name))
        };
        db.create_contact(&sys(), n).await.unwrap();
    }
    let names = |scope: Scope| async move {
        let page = db.clients(&scope, &ClientFilter::default(), &PageRequest::default()).await.unwrap();
        page.items.into_iter().map(|i| i.client.name).collect::<Vec<_>>()
    };
    let heads = |e| async move { db.headed_teams(e).await.unwrap() };
    assert_eq!(names(Scope::of(&c.rep_n, &[], NOW.date())).await, ["Северный"]);
    assert_eq!(names(Scope::of(&c.rep_s, &[], NOW.date())).await, ["Южный"]);
    assert_eq!(names(Scope::of(&c.head_n, &heads(c.head_n.id).await, NOW.date())).await, ["Ничей", "Северный"]);
    assert_eq!(names(Scope::of(&c.head_s, &heads(c.head_s.id).await, NOW.date())).await, ["Ничей", "Южный"]);
    assert_eq!(c.south.head_id, Some(c.head_s.id));
    assert_eq!(names(Scope::of(&c.staff, &[], NOW.date())).await, ["Южный"]);
    assert_eq!(names(Scope::of(&c.auditor, &[], NOW.date())).await, ["Ничей", "Северный", "Южный"]);
    assert_eq!(names(Scope::Nothing).await, Vec::<String>::new());
    let rep = Scope::of(&c.rep_n, &[], NOW.date());
    assert!(db.client_in_scope(&rep, north_client.id).await.unwrap());
    assert!(!db.client_in_scope(&rep, south_client.id).await.unwrap());
    let contacts = db.contacts(&rep, &ChildFilter::default(), &PageRequest::default()).await.unwrap();
    assert_eq!(contacts.items.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["Контакт Северный"]);
    // Outside the scope the filter by client finds nothing rather than an error.
    let theirs = ChildFilter { client_id: Some(south_client.id), ..ChildFilter::default() };
    assert!(db.contacts(&rep, &theirs, &PageRequest::default()).await.unwrap().items.is_empty());
}

/// A single record is read only inside the reader's scope: outside it, and for records of a
/// kind or function the reader's department does not see, it is not found, as if it did not
/// exist (the same condition as the lists).
pub async fn single_reads_take_the_scope(db: &Db) {
    use sprut_core::contact::ContactFunction;
    use sprut_core::CoreError;
    let c = company(db).await;
    let north = client(db, "Северный", "Розница").await;
    let south = client(db, "Южный", "Розница").await;
    db.assign(&sys(), north.id, develop(&c.rep_n, JAN)).await.unwrap();
    db.assign(&sys(), south.id, develop(&c.rep_s, JAN)).await.unwrap();
    db.seat(&sys(), south.id, Department::Accounting, c.staff.id).await.unwrap();
    let contact = |cl: sprut_core::ClientId, function| NewContact {
        client_id: cl,
        name: "Контакт".into(),
        position: None,
        function,
        phones: vec![],
        emails: vec![],
        channels: Vec::new(),
        decision_maker: false,
        consent: false,
        level: None,
    };
    let theirs = db.create_contact(&sys(), contact(south.id, Some(ContactFunction::Billing))).await.unwrap();
    let delivery = db.create_contact(&sys(), contact(south.id, Some(ContactFunction::Delivery))).await.unwrap();
    let rep = Scope::of(&c.rep_n, &[], NOW.date());
    let hidden = |r: Result<_, CoreError>| matches!(r, Err(CoreError::NotFound(_)));
    assert_eq!(db.client(&rep, north.id).await.unwrap().client.id, north.id);
    assert!(hidden(db.client(&rep, south.id).await.map(|_| ())));
    assert!(hidden(db.client_group(&rep, south.id).await.map(|_| ())));
    assert!(hidden(db.assignments(&rep, south.id).await.map(|_| ())));
    assert!(hidden(db.holder_on(&rep, south.id, JAN).await.map(|_| ())));
    assert!(hidden(db.account_team(&rep, south.id).await.map(|_| ())));
    assert!(hidden(db.contact(&rep, theirs.id).await.map(|_| ())));
    assert_eq!(db.contact(&Scope::All, theirs.id).await.unwrap(), theirs);
    // The accountant seated at the south client sees its billing contact, not its delivery one.
    let staff = Scope::AccountTeam(c.staff.id, Department::Accounting);
    assert_eq!(db.contact(&staff, theirs.id).await.unwrap(), theirs);
    assert!(hidden(db.contact(&staff, delivery.id).await.map(|_| ())));
    assert_eq!(db.account_team(&staff, south.id).await.unwrap().len(), 1);
}
