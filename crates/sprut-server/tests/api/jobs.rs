//! The daily rotation inside `sprut serve`: two servers on one database rotate a day once.

use sprut_core::assignment::{AssignmentKind, NewAssignment};
use sprut_core::client::NewClient;
use sprut_core::employee::{NewEmployee, Role};
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::Actor;
use sprut_server::state::{AppState, Clock};
use sprut_store::scratch::ScratchDb;
use sprut_store::Db;
use time::macros::{date, datetime};

/// Two server states on `url`, each with its own connections, at the same fixed moment.
async fn two_servers(url: &str) -> (AppState, AppState) {
    let now = datetime!(2026-03-01 06:00 UTC);
    let a = AppState::with_clock(Db::open(url).await.unwrap(), Clock::Fixed(now));
    let b = AppState::with_clock(Db::open(url).await.unwrap(), Clock::Fixed(now));
    (a, b)
}

/// A rep with three development clients past due on the servers' day.
async fn company(url: &str) {
    let db = Db::open(url).await.unwrap();
    let sys = Actor::system(datetime!(2026-01-01 09:00 UTC));
    let new = NewEmployee {
        email: "rep@x.ru".into(),
        name: "Rep".into(),
        role: Role::Rep,
        department: None,
        team_id: None,
        region: None,
        capacity: Some(10),
        specialisation: None,
        language: None,
    };
    let rep = db.create_employee(&sys, new, None).await.unwrap();
    for n in 0..3 {
        let c = db.create_client(&sys, NewClient::named(&format!("Клиент {n}")), None).await.unwrap();
        let a = NewAssignment {
            employee_id: rep.id,
            kind: AssignmentKind::Development,
            started_on: date!(2026 - 01 - 01),
            due_on: Some(date!(2026 - 02 - 01)),
            explanation: "test".into(),
        };
        db.assign(&sys, c.id, a).await.unwrap();
    }
    db.close().await;
}

/// Runs both servers' job passes at once and checks that exactly one rotated the day.
async fn exactly_once(url: &str) {
    company(url).await;
    let (a, b) = two_servers(url).await;
    let (x, y) = tokio::join!(sprut_server::jobs::rotate_today(&a), sprut_server::jobs::rotate_today(&b));
    let ran: Vec<_> = [x, y].into_iter().flatten().collect();
    assert_eq!(ran.len(), 1, "one server rotates the day");
    assert_eq!(ran[0].releases.len(), 3);
    sprut_server::jobs::run_once(&b).await;
    assert!(sprut_server::jobs::rotate_today(&a).await.is_none(), "the day is not rotated again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_sqlite_file_rotate_once() {
    let dir = tempfile::tempdir().unwrap();
    exactly_once(&format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display())).await;
}

/// The day rotated is the company's: at 01:30 in Moscow (22:30 UTC the evening before) the
/// job rotates the new day, and the same day's morning finds it done.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rotation_runs_at_the_company_midnight_not_at_utc() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    company(&url).await;
    let night = AppState::with_clock(Db::open(&url).await.unwrap(), Clock::Fixed(datetime!(2026-02-28 22:30 UTC)));
    assert!(sprut_server::jobs::rotate_today(&night).await.is_some(), "1 March has begun in Moscow");
    let morning = AppState::with_clock(Db::open(&url).await.unwrap(), Clock::Fixed(datetime!(2026-03-01 06:00 UTC)));
    assert!(sprut_server::jobs::rotate_today(&morning).await.is_none(), "1 March was rotated at its midnight");
}

/// The PostgreSQL server to test against; `None`, with a visible message, outside CI.
fn postgres(test: &str) -> Option<String> {
    let url = std::env::var("SPRUT_TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty());
    if url.is_none() {
        assert!(std::env::var_os("CI").is_none(), "CI must run the PostgreSQL {test} test");
        eprintln!("SKIPPED: set SPRUT_TEST_POSTGRES_URL to run the PostgreSQL {test} test");
    }
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_rotate_once() {
    let Some(server) = postgres("job") else { return };
    let scratch = ScratchDb::create(&server, "sprut_jobs").await.unwrap();
    exactly_once(&scratch.url).await;
    scratch.drop().await.unwrap();
}

/// Two servers on one PostgreSQL take conflicting decisions at once: every client is recalled
/// by both, and handed over by two transfers at once; each change happens once, every client
/// keeps one holder, the day's anchor is taken once, and the audit chain holds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_conflict_safely() {
    use sprut_core::handover::service::create_transfer;
    use sprut_core::handover::transfer::NewTransfer;
    use sprut_core::outbox::OutboxStore;
    use sprut_core::rules::day::RotationPolicy;
    use sprut_core::rules::store::RotationStore;
    let Some(server) = postgres("conflict") else { return };
    let scratch = ScratchDb::create(&server, "sprut_conflict").await.unwrap();
    company(&scratch.url).await;
    let (a, b) = two_servers(&scratch.url).await;
    let sys = Actor::system(datetime!(2026-01-20 09:00 UTC));
    let day = date!(2026 - 01 - 20);
    let clients: Vec<_> = a
        .store
        .clients(&sprut_core::scope::Scope::All, &Default::default(), &Default::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.client.id)
        .collect();
    let rep = a.store.employee_by_email("rep@x.ru").await.unwrap().unwrap().0;
    let new_rep = |email: &str| NewEmployee {
        email: email.into(),
        name: email.into(),
        role: Role::Rep,
        department: None,
        team_id: None,
        region: None,
        capacity: Some(10),
        specialisation: None,
        language: None,
    };
    let x = a.store.create_employee(&sys, new_rep("x@x.ru"), None).await.unwrap();
    let y = a.store.create_employee(&sys, new_rep("y@x.ru"), None).await.unwrap();
    let auditor = NewEmployee { role: Role::Auditor, ..new_rep("audit@x.ru") };
    a.store.create_employee(&sys, auditor, None).await.unwrap();
    let settings = sprut_core::settings::Settings::default();
    let policy = RotationPolicy::from_settings(&settings);
    // The first client: recalled to rest by both servers at once, ten times.
    let mut recalls = Vec::new();
    for i in 0..10 {
        let s = if i % 2 == 0 { a.clone() } else { b.clone() };
        let (client, policy, sys) = (clients[0], policy.clone(), sys.clone());
        recalls
            .push(tokio::spawn(async move { s.store.recall(&sys, client, None, "конфликт", day, &policy).await }));
    }
    let mut done = 0;
    for r in recalls {
        done += usize::from(r.await.unwrap().is_ok());
    }
    assert_eq!(done, 1, "one recall takes the client back; the others see it resting");
    // The others: handed to x and to y by two transfers at once.
    let transfer = |to: sprut_core::EmployeeId| NewTransfer {
        cause: None,
        from_id: rep.id,
        clients: clients[1..].to_vec(),
        to: vec![to],
        assign: vec![],
        by_specialisation: false,
        effective_on: day,
        note: String::new(),
    };
    let (tx, ty) = tokio::join!(
        create_transfer(&*a.store, &sys, transfer(x.id), &settings, day),
        create_transfer(&*b.store, &sys, transfer(y.id), &settings, day)
    );
    assert_eq!(usize::from(tx.is_ok()) + usize::from(ty.is_ok()), 1, "{tx:?} {ty:?}");
    // Each client has at most one holder.
    for c in &clients {
        let held =
            a.store.assignments(&Scope::All, *c).await.unwrap().into_iter().filter(|h| h.ended_on.is_none()).count();
        assert!(held <= 1, "client {c} has {held} holders");
    }
    // The day's audit anchor: both servers try, one takes it.
    let (p, q) = tokio::join!(a.store.anchor_audit(&sys, day, "x"), b.store.anchor_audit(&sys, day, "x"));
    assert_eq!(usize::from(p.unwrap().is_some()) + usize::from(q.unwrap().is_some()), 1);
    let letters = a.store.outbox(&Default::default(), &Default::default()).await.unwrap().items;
    let anchors = letters.iter().filter(|m| m.kind == sprut_core::outbox::MessageKind::AuditAnchor).count();
    assert_eq!(anchors, 1, "one letter to the one auditor");
    assert!(sprut_core::audit::verify(&*a.store, None, |_, _| {}).await.unwrap().is_ok());
    a.store.close().await;
    b.store.close().await;
    scratch.drop().await.unwrap();
}
