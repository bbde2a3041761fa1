//! `sprut bench list`: how fast the client list answers on the demo company,
//! measured through the real HTTP stack (auth, store, JSON and HTML rendering).

use crate::cli::BenchCommand;
use anyhow::Context;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use sprut_core::store::prelude::*;
use sprut_core::Actor;
use sprut_store::scratch::ScratchDb;
use std::path::Path;
use std::time::{Duration, Instant};
use time::macros::date;
use tower::ServiceExt;

/// Runs one benchmark.
pub async fn run(cmd: BenchCommand) -> anyhow::Result<()> {
    match cmd {
        BenchCommand::List { postgres, iterations } => {
            let dir = tempfile::tempdir()?;
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("bench.db").display());
            list_on("SQLite", &url, iterations).await?;
            if let Some(pg) = postgres {
                let scratch = ScratchDb::create(&pg, "sprut_bench").await.context("creating a scratch database")?;
                let result = list_on("PostgreSQL", &scratch.url, iterations).await;
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

async fn list_on(engine: &str, url: &str, iterations: u32) -> anyhow::Result<()> {
    let db = crate::open(url).await?;
    let mut data = sprut_demo::generate(1, date!(2026 - 11 - 23));
    data.passwords.clear();
    let now = time::OffsetDateTime::now_utc();
    db.load_dataset(&Actor::system(now), &data).await?;
    // The guards stay on, with limits a benchmark's thousand requests a minute do not reach.
    let mut settings = db.settings().await?;
    settings.list_requests_per_minute = 1_000_000;
    settings.daily_record_limit = 1_000_000_000;
    db.save_settings(&Actor::system(now), &settings).await?;
    let admin = data.employees.iter().find(|e| e.role == sprut_core::employee::Role::Admin).context("demo admin")?;
    let head = data.employees.iter().find(|e| e.role == sprut_core::employee::Role::Head).context("demo head")?;
    let token = |id| {
        let db = &db;
        async move {
            let (token, hash) = sprut_server::auth::new_token();
            db.create_token(&Actor::system(now), id, hash, "bench".into(), now + time::Duration::days(1))
                .await
                .map(|_| token)
        }
    };
    let (admin_token, head_token) = (token(admin.id).await?, token(head.id).await?);
    let app = sprut_server::app(sprut_server::AppState::new(db));
    println!("{engine}: {} clients; {iterations} requests per line; times in ms", data.clients.len());
    println!("{:<48} {:>8} {:>8} {:>8}", "request", "p50", "p99", "mean");
    let shapes = [
        ("API first page (50), admin", "/api/v1/clients", &admin_token),
        ("API first page (50), head", "/api/v1/clients", &head_token),
        ("API search q=ооо, admin", "/api/v1/clients?q=%D0%BE%D0%BE%D0%BE", &admin_token),
        ("API filter tier=key, admin", "/api/v1/clients?tier=key", &admin_token),
        ("API page of 500, admin", "/api/v1/clients?limit=500", &admin_token),
        ("UI list page (HTML), head", "/clients", &head_token),
    ];
    for (label, uri, tok) in shapes {
        let mut times = Vec::with_capacity(iterations as usize);
        for _ in 0..iterations {
            let req = Request::get(uri).header("authorization", format!("Bearer {tok}")).body(Body::empty())?;
            let started = Instant::now();
            let resp = app.clone().oneshot(req).await?;
            let status = resp.status();
            axum::body::to_bytes(resp.into_body(), usize::MAX).await?;
            times.push(started.elapsed());
            anyhow::ensure!(status == StatusCode::OK, "{uri} answered {status}");
        }
        report(label, &mut times);
    }
    Ok(())
}

fn report(label: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    let mean = times.iter().map(|d| ms(*d)).sum::<f64>() / times.len() as f64;
    println!("{label:<48} {:>8.2} {:>8.2} {:>8.2}", ms(at(0.5)), ms(at(0.99)), mean);
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
