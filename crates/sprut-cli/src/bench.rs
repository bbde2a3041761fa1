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
            let shape =
                Shape { sizes: Sizes { clients, reps, deals: 2 * clients, activities: 3 * clients }, team: TEAM };
            on_engines(postgres, keep, |engine, url| list_on(engine, url, iterations, shape)).await?;
        }
        BenchCommand::Workday { postgres, iterations, clients, reps, activities, team, keep } => {
            let shape = Shape { sizes: Sizes { clients, reps, deals: 2 * clients, activities }, team };
            on_engines(postgres, keep, |engine, url| crate::bench_workday::on(engine, url, iterations, shape)).await?;
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
        BenchCommand::Planner { sizes, balance, no_highs } => crate::bench_planner::run(&sizes, balance, no_highs)?,
        BenchCommand::Writes { postgres, writers, seconds } => {
            crate::bench_writes::run(&postgres, writers, seconds).await?
        }
    }
    Ok(())
}

/// Runs `each` on SQLite (a temporary file, or `keep`) and, when a server is given, on
/// PostgreSQL (a scratch database, or the one `postgres` names when `keep` is given too).
async fn on_engines<F, Fut>(
    postgres: Option<String>,
    keep: Option<std::path::PathBuf>,
    mut each: F,
) -> anyhow::Result<()>
where
    F: FnMut(&'static str, String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let dir = tempfile::tempdir()?;
    let kept = keep.is_some();
    let path = keep.unwrap_or_else(|| dir.path().join("bench.db"));
    each("SQLite", format!("sqlite://{}?mode=rwc", path.display())).await?;
    match postgres {
        Some(pg) if kept => each("PostgreSQL", pg).await?,
        Some(pg) => {
            let scratch = ScratchDb::create(&pg, "sprut_bench").await.context("creating a scratch database")?;
            let result = each("PostgreSQL", scratch.url.clone()).await;
            scratch.drop().await?;
            result?;
        }
        None => {}
    }
    Ok(())
}

/// What company a benchmark generates: its sizes and how many reps a team has under its head
/// (no clients: the demo company).
#[derive(Clone, Copy)]
pub(crate) struct Shape {
    /// Clients, reps, deals, activities.
    pub sizes: Sizes,
    /// Reps per team.
    pub team: u64,
}

/// The people a benchmark signs in as, and one client the head sees.
pub(crate) struct Company {
    /// How many clients.
    pub clients: usize,
    /// The administrator.
    pub admin: EmployeeId,
    /// The head of the first team.
    pub head: EmployeeId,
    /// A rep of his team.
    pub rep: EmployeeId,
    /// A client of that rep.
    pub card: ClientId,
}

/// The demo company (no clients in `shape`) or a generated one of `shape`, loaded into `db`,
/// each chunk passed through `extra` before it is loaded.
pub(crate) async fn company(
    db: &sprut_store::Db,
    shape: &Shape,
    now: OffsetDateTime,
    extra: fn(&mut Dataset, u64, OffsetDateTime),
) -> anyhow::Result<Company> {
    let actor = Actor::system(now);
    let (sizes, clients) = (&shape.sizes, shape.sizes.clients);
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
    let (mut teams, mut people) = employees(sizes.reps, shape.team, now);
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
        let mut chunk = chunk(sizes, from, to, now.date(), now, &mut rng);
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
        extra(&mut chunk, from, now);
        db.load_dataset(&actor, &chunk).await?;
        bar.set_position(to);
        from = to;
    }
    bar.finish_and_clear();
    Ok(company)
}

/// A company generated and ready to be asked: the app, and tokens of its people.
pub(crate) struct Ready {
    /// Who is who.
    pub company: Company,
    /// The app, as `serve` runs it.
    pub app: axum::Router,
    /// Tokens of the administrator, the head and the rep.
    pub admin: String,
    /// The head's token.
    pub head: String,
    /// The rep's token.
    pub rep: String,
    /// The rep's team.
    pub rep_team: Option<TeamId>,
}

/// Opens `url`, generates `shape` there (unless it holds a company already), lifts the guards'
/// limits above what a benchmark reaches and signs the people in.
pub(crate) async fn ready(
    engine: &str,
    url: &str,
    shape: &Shape,
    extra: fn(&mut Dataset, u64, OffsetDateTime),
) -> anyhow::Result<Ready> {
    let db = crate::open(url).await?;
    let now = OffsetDateTime::now_utc();
    let started = Instant::now();
    let c = company(&db, shape, now, extra).await?;
    if url.starts_with("postgres") {
        // What autovacuum does within minutes of a bulk load: the rows the load updated leave
        // dead versions behind, and index-only scans wait for the visibility map.
        sqlx::query("VACUUM ANALYZE").execute(&sqlx::PgPool::connect(url).await?).await?;
    }
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
    let (admin, head, rep) = (token(c.admin).await?, token(c.head).await?, token(c.rep).await?);
    let rep_team = db.employee(c.rep).await?.team_id;
    let app = sprut_server::app(sprut_server::AppState::new(db));
    Ok(Ready { company: c, app, admin, head, rep, rep_team })
}

/// Times `iterations` GETs of `uri` with `token` after a first one, and prints the line; the
/// sorted times.
pub(crate) async fn measure(
    app: &axum::Router,
    label: &str,
    uri: &str,
    token: &str,
    iterations: u32,
) -> anyhow::Result<Vec<Duration>> {
    let get = || async {
        let req = Request::get(uri).header("authorization", format!("Bearer {token}")).body(Body::empty())?;
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
    Ok(times)
}

/// Prints the header of the lines [`measure`] prints.
pub(crate) fn header(iterations: u32) {
    println!("{iterations} requests per line after a first one; times in ms");
    println!("{:<48} {:>8} {:>8} {:>8} {:>8} {:>8}", "request", "first", "p50", "p95", "p99", "mean");
}

async fn list_on(engine: &str, url: String, iterations: u32, shape: Shape) -> anyhow::Result<()> {
    let r = ready(engine, &url, &shape, |_, _, _| {}).await?;
    let (admin, head, c) = (&r.admin, &r.head, &r.company);
    let (card, scorecard) = (format!("/clients/{}", c.card.0), format!("/rotation/scorecard?employee_id={}", c.rep.0));
    header(iterations);
    let shapes = [
        ("API first page (50), admin", "/api/v1/clients", admin),
        ("API first page (50), head", "/api/v1/clients", head),
        ("API search q=ооо, admin", "/api/v1/clients?q=%D0%BE%D0%BE%D0%BE", admin),
        ("API filter tier=key, admin", "/api/v1/clients?tier=key", admin),
        ("API page of 500, admin", "/api/v1/clients?limit=500", admin),
        ("UI list page (HTML), head", "/clients", head),
        ("UI client card, head", card.as_str(), head),
        ("UI dead-client review, head", "/rotation", head),
        ("API dead clients, head", "/api/v1/rotation/dead", head),
        ("UI sales cycle, head", "/rotation/cycle", head),
        ("API missing weekly reports, head", "/api/v1/rotation/missing-reports", head),
        ("UI rep's scorecard, head", scorecard.as_str(), head),
        ("UI transfer report, head", "/reports/transfers", head),
        ("UI transfers, head", "/transfers", head),
        ("UI alerts, head", "/alerts", head),
    ];
    for (label, uri, tok) in shapes {
        measure(&r.app, label, uri, tok, iterations).await?;
    }
    Ok(())
}

/// The `q` quantile of sorted `times`.
pub(crate) fn quantile(times: &[Duration], q: f64) -> Duration {
    times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1]
}

fn report(label: &str, first: Duration, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| quantile(times, q);
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
