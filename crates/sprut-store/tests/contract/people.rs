use crate::fixtures::*;
use sprut_core::employee::{EmployeeFilter, EmployeePatch, EmployeeStatus, Role};
use sprut_core::page::PageRequest;
use sprut_core::settings::Settings;
use sprut_core::store::prelude::*;
use sprut_core::store::Session;
use sprut_core::{CoreError, EmployeeId};
use sprut_store::Db;

pub async fn teams_and_employees(db: &Db) {
    let c = company(db).await;
    assert_eq!(db.teams().await.unwrap().len(), 2);
    assert_eq!(db.team(c.north.id).await.unwrap().head_id, Some(c.head_n.id));
    assert_eq!(db.headed_teams(c.head_n.id).await.unwrap(), vec![c.north.id]);
    assert!(db.headed_teams(c.rep_n.id).await.unwrap().is_empty());
    let reps = db
        .employees(&EmployeeFilter { role: Some(Role::Rep), ..Default::default() }, &PageRequest::default())
        .await
        .unwrap();
    assert_eq!(reps.items.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["Виктор Нордов", "Галина Южная"]);
    // Paging one by one visits every employee once, in name order.
    let mut seen = vec![];
    let mut req = PageRequest { after: None, limit: Some(1) };
    loop {
        let page = db.employees(&EmployeeFilter::default(), &req).await.unwrap();
        seen.extend(page.items.iter().map(|e| e.id));
        match page.next {
            Some(n) => req.after = Some(n),
            None => break,
        }
    }
    assert_eq!(seen.len(), 6);
    let patch = EmployeePatch { capacity: Some(25), region: Some(None), ..Default::default() };
    let e = db.update_employee(&sys(), c.rep_n.id, patch).await.unwrap();
    assert_eq!((e.capacity, e.region.clone()), (25, None));
    assert_eq!(db.employee(c.rep_n.id).await.unwrap(), e);
    let bad = EmployeePatch { status: Some(EmployeeStatus::Departing), ..Default::default() };
    assert!(matches!(db.update_employee(&sys(), c.rep_n.id, bad).await, Err(CoreError::Validation(_))));
    assert!(matches!(db.employee(EmployeeId::new()).await, Err(CoreError::NotFound(_))));
}

pub async fn employees_among_reads_only_the_ids_given(db: &Db) {
    let c = company(db).await;
    let unknown = EmployeeId::new();
    let ids = [c.rep_n.id, c.head_n.id, c.rep_n.id, unknown];
    let mut got: Vec<EmployeeId> = db.employees_among(&ids).await.unwrap().into_iter().map(|e| e.id).collect();
    got.sort_by_key(|id| id.0);
    let mut want = vec![c.rep_n.id, c.head_n.id];
    want.sort_by_key(|id| id.0);
    assert_eq!(got, want, "each known id once, the unknown one left out");
    assert!(db.employees_among(&[]).await.unwrap().is_empty());
    assert_eq!(db.employees_among(&[c.rep_n.id]).await.unwrap(), vec![db.employee(c.rep_n.id).await.unwrap()]);
}

pub async fn email_is_unique_regardless_of_case(db: &Db) {
    db.create_employee(&sys(), person("Ivan@X.ru", "Иван", Role::Rep, None), Some("h".into())).await.unwrap();
    let dup = db.create_employee(&sys(), person("ivan@x.RU", "Иван 2", Role::Rep, None), None).await;
    assert!(matches!(dup, Err(CoreError::Conflict(_))), "{dup:?}");
    let (e, hash) = db.employee_by_email("IVAN@x.ru").await.unwrap().unwrap();
    assert_eq!((e.email.as_str(), hash.as_deref()), ("ivan@x.ru", Some("h")));
    assert!(db.employee_by_email("nobody@x.ru").await.unwrap().is_none());
}

pub async fn sessions_and_tokens(db: &Db) {
    let c = company(db).await;
    let s = Session {
        token_hash: "abc".into(),
        employee_id: c.rep_n.id,
        csrf_token: "csrf".into(),
        expires_at: NOW + time::Duration::hours(12),
    };
    db.create_session(&sys(), s).await.unwrap();
    let (s, e) = db.session("abc", NOW).await.unwrap().unwrap();
    assert_eq!((s.csrf_token.as_str(), e.id), ("csrf", c.rep_n.id));
    assert!(db.session("abc", NOW + time::Duration::hours(13)).await.unwrap().is_none(), "expired");
    assert!(db.session("nope", NOW).await.unwrap().is_none());
    db.delete_session("abc").await.unwrap();
    assert!(db.session("abc", NOW).await.unwrap().is_none());
    let expires = NOW + time::Duration::days(90);
    let id = db.create_token(&sys(), c.head_n.id, "tok".into(), "cli".into(), expires).await.unwrap();
    assert_eq!(db.token_owner("tok", NOW).await.unwrap().map(|(e, _)| e.id), Some(c.head_n.id));
    assert!(db.token_owner("other", NOW).await.unwrap().is_none());
    assert!(db.token_owner("tok", expires).await.unwrap().is_none(), "expired");
    db.touch_token(id, NOW).await.unwrap();
    let listed = db.tokens(Some(c.head_n.id)).await.unwrap();
    assert_eq!((listed.len(), listed[0].id, listed[0].last_used_at), (1, id, Some(NOW)), "the use is noted");
    assert_eq!(db.token(id).await.unwrap().expires_at, expires);
    db.set_password(&sys(), c.head_n.id, "newhash".into()).await.unwrap();
    assert_eq!(db.employee_by_email("head.n@x.ru").await.unwrap().unwrap().1.as_deref(), Some("newhash"));
    assert!(db.token_owner("tok", NOW).await.unwrap().is_none(), "a new password revokes the tokens");
    let other = db.create_token(&sys(), c.rep_n.id, "t2".into(), "api".into(), expires).await.unwrap();
    let revoked = db.revoke_token(&sys(), other).await.unwrap();
    assert_eq!(revoked.revoked_at, Some(NOW));
    assert!(db.token_owner("t2", NOW).await.unwrap().is_none());
    assert_eq!(db.revoke_token(&sys(), other).await.unwrap(), revoked, "revoking twice changes nothing");
    assert_eq!(db.tokens(None).await.unwrap().len(), 2);
}

pub async fn departure_revokes_sessions_and_tokens(db: &Db) {
    let c = company(db).await;
    let s = Session {
        token_hash: "s1".into(),
        employee_id: c.rep_s.id,
        csrf_token: "x".into(),
        expires_at: NOW + time::Duration::hours(1),
    };
    db.create_session(&sys(), s).await.unwrap();
    db.create_token(&sys(), c.rep_s.id, "t1".into(), "api".into(), NOW + time::Duration::days(90)).await.unwrap();
    let gone = EmployeePatch {
        status: Some(EmployeeStatus::Departed),
        last_day: Some(Some(NOW.date())),
        ..Default::default()
    };
    db.update_employee(&sys(), c.rep_s.id, gone).await.unwrap();
    assert!(db.session("s1", NOW).await.unwrap().is_none());
    assert!(db.token_owner("t1", NOW).await.unwrap().is_none());
}

pub async fn settings_round_trip(db: &Db) {
    assert_eq!(db.settings().await.unwrap(), Settings::default());
    let s = Settings { rest_days: 30, company_name: "ООО «Альфа»".into(), ..Settings::default() };
    db.save_settings(&sys(), &s).await.unwrap();
    assert_eq!(db.settings().await.unwrap(), s);
    let bad = Settings { default_cycle_days: 0, ..s.clone() };
    assert!(matches!(db.save_settings(&sys(), &bad).await, Err(CoreError::Validation(_))));
    assert_eq!(db.settings().await.unwrap(), s);
}
