use crate::fixtures::*;
use sprut_core::client::{ClientFilter, ClientPatch, NewClient, Tier};
use sprut_core::page::PageRequest;
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::{ClientId, CoreError};
use sprut_store::Db;

fn count(counts: &[(&str, i64)], table: &str) -> i64 {
    counts.iter().find(|(t, _)| *t == table).map(|(_, n)| *n).unwrap_or(-1)
}

pub async fn create_update_and_audit(db: &Db) {
    let before = count(&db.counts().await.unwrap(), "audit_events");
    let mut n = NewClient::named("  ООО «Ромашка»  ");
    n.legal_id = Some("7707083893".into());
    n.tier = Some(Tier::Key);
    n.potential_minor = Some(12_000_000_00);
    let c = db.create_client(&sys(), n, None).await.unwrap();
    assert_eq!(c.name, "ООО «Ромашка»");
    let got = db.client(&Scope::All, c.id).await.unwrap();
    assert_eq!(got.client, c);
    assert!(got.holder.is_none());
    let patch =
        ClientPatch { region: Some(Some("Казань".into())), tier: Some(Tier::Regular), ..Default::default() };
    let c2 = db.update_client(&sys(), c.id, patch).await.unwrap();
    assert_eq!(
        (c2.region.as_deref(), c2.tier, c2.legal_id.as_deref()),
        (Some("Казань"), Tier::Regular, Some("7707083893"))
    );
    assert_eq!(db.client(&Scope::All, c.id).await.unwrap().client, c2);
    assert_eq!(count(&db.counts().await.unwrap(), "audit_events"), before + 2, "one audit event per mutation");
    // A refused change writes neither the change nor an audit event.
    let bad = ClientPatch { name: Some(" ".into()), ..Default::default() };
    assert!(matches!(db.update_client(&sys(), c.id, bad).await, Err(CoreError::Validation(_))));
    assert_eq!(count(&db.counts().await.unwrap(), "audit_events"), before + 2);
    assert!(matches!(db.client(&Scope::All, ClientId::new()).await, Err(CoreError::NotFound(_))));
    let missing = db.update_client(&sys(), ClientId::new(), ClientPatch::default()).await;
    assert!(matches!(missing, Err(CoreError::NotFound(_))));
}

pub async fn legal_id_is_unique(db: &Db) {
    let mut n = NewClient::named("Альфа");
    n.legal_id = Some("7707083893".into());
    db.create_client(&sys(), n.clone(), None).await.unwrap();
    n.name = "Бета".into();
    let dup = db.create_client(&sys(), n, None).await;
    assert!(matches!(dup, Err(CoreError::Conflict(ref m)) if m.to_string().contains("legal id")), "{dup:?}");
    // Several clients without a legal id are fine.
    db.create_client(&sys(), NewClient::named("Гамма"), None).await.unwrap();
    db.create_client(&sys(), NewClient::named("Дельта"), None).await.unwrap();
}

pub async fn corporate_group_cannot_loop(db: &Db) {
    let parent = client(db, "Холдинг", "Производство").await;
    let mut n = NewClient::named("Дочка 1");
    n.parent_id = Some(parent.id);
    let child = db.create_client(&sys(), n, None).await.unwrap();
    let looped = ClientPatch { parent_id: Some(Some(child.id)), ..Default::default() };
    assert!(matches!(db.update_client(&sys(), parent.id, looped).await, Err(CoreError::Validation(_))));
    let mut orphan = NewClient::named("Сирота");
    orphan.parent_id = Some(ClientId::new());
    assert!(matches!(db.create_client(&sys(), orphan, None).await, Err(CoreError::Validation(_))));
    let group = db.client_group(&Scope::All, child.id).await.unwrap();
    assert_eq!(group.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Дочка 1", "Холдинг"]);
}

pub async fn search_filters_and_pages(db: &Db) {
    for (name, seg) in
        [("Ёлка", "HoReCa"), ("альфа", "Розница"), ("Альфа-Строй", "Строительство"), ("Бета 100%", "Розница")]
    {
        client(db, name, seg).await;
    }
    for i in 0..23 {
        client(db, &format!("Клиент {i:02}"), "Дистрибуция").await;
    }
    let list = |f: ClientFilter| async move {
        db.clients(&Scope::All, &f, &PageRequest { after: None, limit: Some(100) })
            .await
            .unwrap()
            .items
            .into_iter()
            .map(|i| i.client.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(list(ClientFilter { q: Some("АЛЬФА".into()), ..Default::default() }).await, ["альфа", "Альфа-Строй"]);
    assert_eq!(list(ClientFilter { q: Some("100%".into()), ..Default::default() }).await, ["Бета 100%"]);
    assert_eq!(list(ClientFilter { q: Some("%".into()), ..Default::default() }).await, ["Бета 100%"]);
    assert_eq!(
        list(ClientFilter { segment: Some("Розница".into()), ..Default::default() }).await,
        ["альфа", "Бета 100%"]
    );
    // Walking pages of 5 visits all 27 exactly once, in the same order as one big page.
    let all = list(ClientFilter::default()).await;
    assert_eq!(all.len(), 27);
    let mut walked = vec![];
    let mut req = PageRequest { after: None, limit: Some(5) };
    loop {
        let page = db.clients(&Scope::All, &ClientFilter::default(), &req).await.unwrap();
        walked.extend(page.items.into_iter().map(|i| i.client.name));
        match page.next {
            Some(n) => req.after = Some(n),
            None => break,
        }
    }
    assert_eq!(walked, all);
    let bad = PageRequest { after: Some("zz".into()), limit: None };
    assert!(matches!(db.clients(&Scope::All, &ClientFilter::default(), &bad).await, Err(CoreError::Validation(_))));
}

/// A client's channels are stored as written, read in E.164 in the company's phone region,
/// found by the search, audited with the change, and a bad e-mail refuses the change whole.
pub async fn channels_are_kept_normalised_searched_and_audited(db: &Db) {
    use sprut_core::channel::{Channel, ChannelKind as K, ChannelLabel as L};
    let mut n = NewClient::named("ООО «Северный ветер»");
    n.channels = vec![
        Channel::new(K::Phone, L::Work, "8 (495) 123-45-67"),
        Channel::new(K::Phone, L::Other, "060"),
        Channel::new(K::Web, L::Work, "https://sever.ru"),
    ];
    let c = db.create_client(&sys(), n, None).await.unwrap();
    let e164: Vec<Option<&str>> = c.channels.iter().map(|ch| ch.e164.as_deref()).collect();
    assert_eq!(e164, [Some("+74951234567"), None, None]);
    assert_eq!(db.client(&Scope::All, c.id).await.unwrap().client.channels, c.channels);
    let all = Scope::All;
    let page = PageRequest { after: None, limit: Some(10) };
    for q in ["74951234567", "sever.ru", "060"] {
        let f = ClientFilter { q: Some(q.into()), ..Default::default() };
        assert_eq!(db.clients(&all, &f, &page).await.unwrap().items.len(), 1, "{q}");
    }
    // Another region reads the same digits another way.
    let mut s = db.settings().await.unwrap();
    s.phone_region = "KZ".into();
    db.save_settings(&sys(), &s.checked(&|_| true).unwrap()).await.unwrap();
    let mut kz = c.channels.clone();
    kz.push(Channel::new(K::Phone, L::Mobile, "8 701 123 45 67"));
    let patch = ClientPatch { channels: Some(kz), ..Default::default() };
    let c2 = db.update_client(&sys(), c.id, patch).await.unwrap();
    assert_eq!(c2.channels[3].e164.as_deref(), Some("+77011234567"));
    let before = count(&db.counts().await.unwrap(), "audit_events");
    let bad = vec![Channel::new(K::Email, L::Work, "not-an-address")];
    match db.update_client(&sys(), c.id, ClientPatch { channels: Some(bad), ..Default::default() }).await {
        Err(CoreError::Validation(f)) => assert_eq!(f[0].field, "channels"),
        other => panic!("{other:?}"),
    }
    assert_eq!(count(&db.counts().await.unwrap(), "audit_events"), before);
    assert_eq!(db.client(&Scope::All, c.id).await.unwrap().client.channels, c2.channels);
}
