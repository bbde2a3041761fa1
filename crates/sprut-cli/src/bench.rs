//! `sprut bench list`: how fast the client list and the pages a head opens daily answer, on the
//! demo company or a generated one of any size, measured through the real HTTP stack (auth,
//! store, JSON and HTML rendering).

use crate::bench_rotation::{chunk, employees, Rng, Sizes, CHUNK};
use crate::cli::BenchCommand;
use anyhow::Context;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use sprut_core::client::Tier;
use sprut_core::dataset::Dataset;
use sprut_core::employee::{Employee, Role};
use sprut_core::store::prelude::*;
use sprut_core::{Actor, ClientId, EmployeeId, TeamId};
use sprut_store::scratch::ScratchDb;
use std::path::Path;
use std::time::{Duration, Instant};
use time::macros::date;
use time::OffsetDateTime;
use tower::ServiceExt;
use uuid::Uuid;

/// Reps in one team of a generated company, under one head.
const TEAM: u64 = 20;

/// Runs one benchmark.
pub async fn run(cmd: BenchCommand) -> anyhow::Result<()> {
    match cmd {
        BenchCommand::List { postgres, iterations, clients, reps, keep } => {
            let dir = tempfile::tempdir()?;
            let kept = keep.is_some();
            let path = keep.unwrap_or_else(|| dir.path().join("bench.db"));
            let url = format!("sqlite://{}?mode=rwc", path.display());
            list_on("SQLite", &url, iterations, clients, reps).await?;
            if let (Some(pg), true) = (&postgres, kept) {
                list_on("PostgreSQL", pg, iterations, clients, reps).await?;
            } else if let Some(pg) = postgres {
                let scratch = ScratchDb::create(&pg, "sprut_bench").await.context("creating a scratch database")?;
                let result = list_on("PostgreSQL", &scratch.url, iterations, clients, reps).await;
                scratch.drop().await?;
                result?;
            }
        }
        BenchCommand::Rotation { clients, reps, deals, activities, keep } => {
            crate::bench_rotation::run(crate::bench_rotation::Sizes { clients, reps, deals, activities }, keep).await?
        }
        BenchCommand::Import { clients, contacts } => crate::bench_import::bench(clients, contacts).await?,
        BenchCommand::ImportRun { entity, file, db, rows } => {
            crate::bench_import::import_run(&entity, &file, &db, rows).await?
        }
        BenchCommand::Audit { connections, seconds, postgres } => {
            crate::bench_audit::run(connections, seconds, postgres).await?
        }
        BenchCommand::Writes { postgres, writers, seconds } => {
            crate::bench_writes::run(&postgres, writers, seconds).await?
        }
    }
    Ok(())
}

/// The people a list benchmark signs in as, and one client the head sees.
struct Company {
    clients: usize,
    admin: EmployeeId,
    head: EmployeeId,
    rep: EmployeeId,
    card: ClientId,
}

/// The demo company (`clients == 0`) or a generated one of `clients` clients, loaded into `db`.
async fn company(db: &sprut_store::Db, clients: u64, reps: u64, now: OffsetDateTime) -> anyhow::Result<Company> {
    let actor = Actor::system(now);
    if clients == 0 {
        let mut data = sprut_demo::generate(1, date!(2026 - 11 - 23));
        data.passwords.clear();
        db.load_dataset(&actor, &data).await?;
        let role = |r| data.employees.iter().find(|e| e.role == r).map(|e| e.id).context("demo employee");
        let head = role(Role::Head)?;
        let team = data.employees.iter().find(|e| e.id == head).and_then(|e| e.team_id);
        let rep = data.employees.iter().find(|e| e.role == Role::Rep && e.team_id == team).context("demo rep")?;
        let card = data.assignments.iter().find(|a| a.employee_id == rep.id && a.ended_on.is_none()).context("card")?;
        return Ok(Company {
            clients: data.clients.len(),
            admin: role(Role::Admin)?,
            head,
            rep: rep.id,
            card: card.client_id,
        });
    }
    let sizes = Sizes { clients, reps, deals: 2 * clients, activities: 3 * clients };
    let (mut teams, mut people) = employees(reps, TEAM, now);
    let staff = |n: u128, role, team: Option<TeamId>| Employee {
        id: EmployeeId(Uuid::from_u128(0x6_0000_0000 + n)),
        email: format!("{role:?}{n}@bench.sprut").to_lowercase(),
        name: format!("{role:?} {n}"),
        role,
        team_id: team,
        ..people[0].clone()
    };
    let heads: Vec<Employee> =
        teams.iter().enumerate().map(|(i, t)| staff(i as u128, Role::Head, Some(t.id))).collect();
    for (t, h) in teams.iter_mut().zip(&heads) {
        t.head_id = Some(h.id);
    }
    let admin = staff(u128::from(u32::MAX), Role::Admin, None);
    // The first rep holds client 0 (clients go round the reps), in the first head's team.
    let company = Company {
        clients: clients as usize,
        admin: admin.id,
        head: heads[0].id,
        rep: people[0].id,
        card: ClientId(Uuid::from_u128(0x2_0000_0000)),
    };
    if !db.is_empty().await? {
        println!("reusing the company already in the database");
        return Ok(company);
    }
    people.extend(heads);
    people.push(admin);
    db.load_dataset(&actor, &Dataset { teams, employees: people, ..Dataset::default() }).await?;
    let bar = crate::audit::progress(clients, "generating the company");
    let (mut rng, mut from) = (Rng(42), 0);
    while from < clients {
        let to = (from + CHUNK).min(clients);
        let mut chunk = chunk(&sizes, from, to, now.date(), now, &mut rng);
        // One client in twenty is key and one in three small, as in a real base.
        for (i, client) in (from..to).zip(chunk.clients.iter_mut()) {
            client.tier = if i % 20 == 0 {
                Tier::Key
            } else if i % 3 == 0 {
                Tier::Small
            } else {
                Tier::Regular
            };
        }
        db.load_dataset(&actor, &chunk).await?;
        bar.set_position(to);
        from = to;
    }
    bar.finish_and_clear();
    Ok(company)
}

async fn list_on(engine: &str, url: &str, iterations: u32, clients: u64, reps: u64) -> anyhow::Result<()> {
    let db = crate::open(url).await?;
    let now = OffsetDateTime::now_utc();
    let started = Instant::now();
    let c = company(&db, clients, reps, now).await?;
    println!("{engine}: {} clients loaded in {:.0} s", c.clients, started.elapsed().as_secs_f64());
    // The guards stay on, with limits a benchmark's thousand requests a minute do not reach.
    let mut settings = db.settings().await?;
    settings.list_requests_per_minute = 1_000_000;
    settings.daily_record_limit = 1_000_000_000;
    db.save_settings(&Actor::system(now), &settings).await?;
    let token = |id| {
        let db = &db;
        async move {
            let (token, hash) = sprut_server::auth::new_token();
            db.create_token(&Actor::system(now), id, hash, "bench".into(), now + time::Duration::days(1))
                .await
                .map(|_| token)
        }
    };
    let (admin, head) = (token(c.admin).await?, token(c.head).await?);
    let app = sprut_server::app(sprut_server::AppState::new(db));
    let (card, scorecard) = (format!("/clients/{}", c.card.0), format!("/rotation/scorecard?employee_id={}", c.rep.0));
    println!("{iterations} requests per line after a first one; times in ms");
    println!("{:<48} {:>8} {:>8} {:>8} {:>8} {:>8}", "request", "first", "p50", "p95", "p99", "mean");
    let shapes = [
        ("API first page (50), admin", "/api/v1/clients", &admin),
        ("API first page (50), head", "/api/v1/clients", &head),
        ("API search q=ооо, admin", "/api/v1/clients?q=%D0%BE%D0%BE%D0%BE", &admin),
        ("API filter tier=key, admin", "/api/v1/clients?tier=key", &admin),
        ("API page of 500, admin", "/api/v1/clients?limit=500", &admin),
        ("UI list page (HTML), head", "/clients", &head),
        ("UI client card, head", card.as_str(), &head),
        ("UI dead-client review, head", "/rotation", &head),
        ("API dead clients, head", "/api/v1/rotation/dead", &head),
        ("UI sales cycle, head", "/rotation/cycle", &head),
        ("API missing weekly reports, head", "/api/v1/rotation/missing-reports", &head),
        ("UI rep's scorecard, head", scorecard.as_str(), &head),
        ("UI transfer report, head", "/reports/transfers", &head),
        ("UI transfers, head", "/transfers", &head),
        ("UI alerts, head", "/alerts", &head),
    ];
    for (label, uri, tok) in shapes {
        let get = || async {
            let req = Request::get(uri).header("authorization", format!("Bearer {tok}")).body(Body::empty())?;
            let started = Instant::now();
            let resp = app.clone().oneshot(req).await?;
            let status = resp.status();
            axum::body::to_bytes(resp.into_body(), usize::MAX).await?;
            anyhow::ensure!(status == StatusCode::OK, "{uri} answered {status}");
            anyhow::Ok(started.elapsed())
        };
        let first = get().await?;
        let mut times = Vec::with_capacity(iterations as usize);
        for _ in 0..iterations {
            times.push(get().await?);
        }
        report(label, first, &mut times);
    }
    Ok(())
}

fn report(label: &str, first: Duration, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    let mean = times.iter().map(|d| ms(*d)).sum::<f64>() / times.len().max(1) as f64;
    println!(
        "{label:<48} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
        ms(first),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(0.99)),
        mean
    );
}

/// Runs the `sqlite3` shell on `db` with `commands` (SQL or dot-commands, in order): what it
/// printed and the seconds it took; an error when the shell is missing or fails.
pub(crate) fn sqlite3(db: &Path, commands: &[&str]) -> anyhow::Result<(String, f64)> {
    let started = Instant::now();
    let out = std::process::Command::new("sqlite3")
        .arg(db)
        .args(commands)
        .output()
        .context("running sqlite3 (apt-get install sqlite3)")?;
    let seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(out.status.success(), "sqlite3 failed: {}", String::from_utf8_lossy(&out.stderr));
    Ok((String::from_utf8_lossy(&out.stdout).into_owned(), seconds))
}
