//! `sprut bench audit`: what auditing every card a rep opens costs. The demo company is loaded
//! into a scratch database, two servers run on loopback over it (one with the read log on,
//! one with it off) and `wrk` opens one of the rep's client cards at many connections.

use anyhow::{bail, Context};
use sprut_core::employee::Role;
use sprut_core::page::PageRequest;
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::Actor;
use sprut_server::guard::reads::ReadLog;
use sprut_server::AppState;
use sprut_store::scratch::ScratchDb;
use std::process::Command;
use time::macros::date;

/// One wrk run's figures.
struct Run {
    requests_per_sec: f64,
    p50_ms: f64,
    p99_ms: f64,
}

/// Runs the benchmark on SQLite (or on the PostgreSQL server given).
pub async fn run(connections: u32, seconds: u32, postgres: Option<String>) -> anyhow::Result<()> {
    if Command::new("wrk").arg("--version").output().is_err() {
        bail!("wrk is not installed: apt-get install wrk");
    }
    let dir = tempfile::tempdir()?;
    let (url, scratch) = match &postgres {
        Some(server) => {
            let s = ScratchDb::create(server, "sprut_bench").await.context("creating a scratch database")?;
            (s.url.clone(), Some(s))
        }
        None => (format!("sqlite://{}?mode=rwc", dir.path().join("bench.db").display()), None),
    };
    let result = measure(&url, connections, seconds).await;
    if let Some(s) = scratch {
        s.drop().await?;
    }
    result
}

async fn measure(url: &str, connections: u32, seconds: u32) -> anyhow::Result<()> {
    let db = crate::open(url).await?;
    let mut data = sprut_demo::generate(1, date!(2026 - 11 - 23));
    data.passwords.clear();
    let now = time::OffsetDateTime::now_utc();
    db.load_dataset(&Actor::system(now), &data).await?;
    let rep =
        data.employees.iter().find(|e| e.role == Role::Rep && e.email == "rep1@demo.sprut").context("demo rep")?;
    let book = db.clients(&Scope::HeldBy(rep.id), &Default::default(), &PageRequest::default()).await?;
    let client = book.items.first().context("the demo rep holds no client")?.client.id;
    let (token, hash) = sprut_server::auth::new_token();
    db.create_token(&Actor::system(now), rep.id, hash, "bench".into(), now + time::Duration::days(1)).await?;
    // The two servers share the database; only the read log differs.
    let audited = AppState::new(db);
    let unaudited = AppState { reads: ReadLog::disabled(), ..audited.clone() };
    let (audited_addr, a) = sprut_server::serve::spawn(audited.clone()).await?;
    let (plain_addr, b) = sprut_server::serve::spawn(unaudited).await?;
    let (head_before, _) = audited.store.audit_head().await?;
    println!(
        "GET a client card as a rep (rep1@demo.sprut, {} clients in the base), {connections} connections, {seconds} s per run",
        data.clients.len()
    );
    println!("{:<34} {:>12} {:>10} {:>10}", "", "requests/s", "p50 ms", "p99 ms");
    let mut rows = Vec::new();
    for (label, path) in [
        ("API /api/v1/clients/{id}", format!("/api/v1/clients/{client}")),
        ("UI  /clients/{id}", format!("/clients/{client}")),
    ] {
        // Warm both servers (caches, connection pools) so neither run pays for the other.
        wrk(&format!("http://{plain_addr}{path}"), &token, connections, 2)?;
        wrk(&format!("http://{audited_addr}{path}"), &token, connections, 2)?;
        let off = wrk(&format!("http://{plain_addr}{path}"), &token, connections, seconds)?;
        let on = wrk(&format!("http://{audited_addr}{path}"), &token, connections, seconds)?;
        for (mode, r) in [("audit off", &off), ("audit on", &on)] {
            println!(
                "{:<34} {:>12.0} {:>10.2} {:>10.2}",
                format!("{label}, {mode}"),
                r.requests_per_sec,
                r.p50_ms,
                r.p99_ms
            );
        }
        rows.push((label, on.requests_per_sec / off.requests_per_sec));
    }
    audited.reads.flush().await;
    let (head_after, _) = audited.store.audit_head().await?;
    for (label, ratio) in rows {
        println!("{label}: audited throughput is {:.0} % of unaudited", ratio * 100.0);
    }
    println!("audit events written during the audited runs: {}", head_after - head_before);
    a.abort();
    b.abort();
    Ok(())
}

/// Runs wrk once against `url` and reads its figures.
fn wrk(url: &str, token: &str, connections: u32, seconds: u32) -> anyhow::Result<Run> {
    let out = Command::new("wrk")
        .args(["-t", "2", "-c", &connections.to_string(), "-d", &format!("{seconds}s"), "--latency"])
        .args(["-H", &format!("Authorization: Bearer {token}"), url])
        .output()
        .context("running wrk")?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    if !out.status.success() || text.contains("Non-2xx") {
        bail!("wrk against {url} failed or got errors:\n{text}");
    }
    let field = |prefix: &str| -> anyhow::Result<String> {
        text.lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix(prefix).map(|r| r.trim().to_string()))
            .with_context(|| format!("wrk printed no '{prefix}' line:\n{text}"))
    };
    Ok(Run {
        requests_per_sec: field("Requests/sec:")?.parse()?,
        p50_ms: millis(&field("50%")?)?,
        p99_ms: millis(&field("99%")?)?,
    })
}

/// wrk's `1.23ms`, `850.00us` or `1.02s` in milliseconds.
fn millis(v: &str) -> anyhow::Result<f64> {
    let (n, scale) = if let Some(n) = v.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = v.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = v.strip_suffix('s') {
        (n, 1000.0)
    } else {
        bail!("unexpected wrk latency '{v}'")
    };
    Ok(n.parse::<f64>()? * scale)
}
