//! `sprut bench writes`: the write throughput of PostgreSQL under the audit chain's one lock.
//! Every write transaction appends its audit event to the hash chain, which first locks the
//! chain's head row: one lock for every server on the database. The demo company is loaded
//! into a scratch database and writers log activities (one transaction each: the activity,
//! its audit event) from one server and from two (two connection pools, as two `sprut serve`
//! would have), then the chain is checked whole.

use anyhow::Context;
use sprut_core::activity::{ActivityKind, NewActivity};
use sprut_core::store::prelude::*;
use sprut_core::{Actor, ClientId};
use sprut_store::scratch::ScratchDb;
use sprut_store::Db;
use std::sync::Arc;
use std::time::{Duration, Instant};
use time::macros::date;

/// Runs the benchmark on a scratch database of the PostgreSQL server given.
pub async fn run(postgres: &str, writers: u32, seconds: u32) -> anyhow::Result<()> {
    let scratch = ScratchDb::create(postgres, "sprut_bench").await.context("creating a scratch database")?;
    let result = measure(&scratch.url, writers.max(1), seconds.max(1)).await;
    scratch.drop().await?;
    result
}

async fn measure(url: &str, writers: u32, seconds: u32) -> anyhow::Result<()> {
    let first = Arc::new(crate::open(url).await?);
    let second = Arc::new(crate::open(url).await?);
    let data = sprut_demo::generate(1, date!(2026 - 11 - 23));
    first.load_dataset(&Actor::system(time::OffsetDateTime::now_utc()), &data).await?;
    let clients: Arc<Vec<ClientId>> = Arc::new(data.clients.iter().map(|c| c.id).collect());
    println!(
        "Activities logged on PostgreSQL ({} clients), each one transaction with its audit event, {seconds} s per run",
        clients.len()
    );
    println!("{:<28} {:>10} {:>10} {:>10}", "", "writes/s", "p50 ms", "p99 ms");
    let (before, _) = first.audit_head().await?;
    let mut written = 0;
    for (label, servers, n) in [
        ("1 server, 1 writer", vec![Arc::clone(&first)], 1),
        (&*format!("1 server, {writers} writers"), vec![Arc::clone(&first)], writers),
        (&*format!("2 servers, {writers} writers"), vec![Arc::clone(&first), Arc::clone(&second)], writers),
    ] {
        let run = writes(&servers, &clients, n, Duration::from_secs(u64::from(seconds))).await?;
        written += run.count;
        println!("{label:<28} {:>10.0} {:>10.1} {:>10.1}", run.per_sec, run.p50_ms, run.p99_ms);
    }
    let (after, _) = first.audit_head().await?;
    let (unchained, _) = first.audit_unchained().await?;
    anyhow::ensure!(unchained == 0, "{unchained} audit events were left out of the chain");
    anyhow::ensure!(
        after - before == written as i64,
        "the chain grew by {} events for {written} writes",
        after - before
    );
    println!("The chain took every one of the {written} events, in one line, none left out.");
    Ok(())
}

/// One run's figures.
struct Run {
    count: usize,
    per_sec: f64,
    p50_ms: f64,
    p99_ms: f64,
}

/// `n` writers, spread over `servers`, log activities until `span` has passed.
async fn writes(servers: &[Arc<Db>], clients: &Arc<Vec<ClientId>>, n: u32, span: Duration) -> anyhow::Result<Run> {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..n {
        let db = Arc::clone(&servers[w as usize % servers.len()]);
        let clients = Arc::clone(clients);
        tasks.push(tokio::spawn(async move {
            let mut took = Vec::new();
            let mut i = w as usize;
            while started.elapsed() < span {
                let new = NewActivity {
                    client_id: clients[i % clients.len()],
                    kind: ActivityKind::Call,
                    occurred_at: None,
                    contact_ids: Vec::new(),
                    participant_ids: Vec::new(),
                    outcome: None,
                    text: format!("bench call {i}"),
                    next_step: None,
                    checklist: None,
                };
                let at = Instant::now();
                let now = time::OffsetDateTime::now_utc();
                db.create_activity(&Actor::system(now), new, now.date()).await?;
                took.push(at.elapsed());
                i += 97;
            }
            anyhow::Ok(took)
        }));
    }
    let mut took = Vec::new();
    for t in tasks {
        took.extend(t.await??);
    }
    let elapsed = started.elapsed().as_secs_f64();
    took.sort_unstable();
    let ms = |q: f64| took.get(((took.len() as f64 - 1.0) * q) as usize).map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    Ok(Run { count: took.len(), per_sec: took.len() as f64 / elapsed, p50_ms: ms(0.5), p99_ms: ms(0.99) })
}
