//! The daily rotation inside `sprut serve`: two servers on one database rotate a day once.

use sprut_core::assignment::{AssignmentKind, NewAssignment};
use sprut_core::client::NewClient;
use sprut_core::employee::{NewEmployee, Role};
use sprut_core::store::Store;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_rotate_once() {
    let Ok(server) = std::env::var("SPRUT_TEST_POSTGRES_URL") else {
        eprintln!("SKIPPED: set SPRUT_TEST_POSTGRES_URL to run the PostgreSQL job test");
        return;
    };
    let scratch = ScratchDb::create(&server, "sprut_jobs").await.unwrap();
    exactly_once(&scratch.url).await;
    scratch.drop().await.unwrap();
}
